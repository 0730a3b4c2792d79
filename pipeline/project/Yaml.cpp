#include "project/Yaml.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "core/Utf8.hpp"

namespace project {

namespace {

// Values a configuration file may expand to. Aliases can make a small file stand for a huge
// tree ("billion laughs"); a real project.yaml has a few thousand.
constexpr size_t kMaxNodes = 200000;

// A repeated key would leave one of the two entries unread without a word (yaml-cpp read the
// first): a repeated key is refused at its second occurrence.
void checkTree(const std::string& path, const yml::Node& n, size_t& budget) {
    if (--budget == 0) {
        auto m = n.Mark();
        throw core::Error({path, m.line + 1, m.column + 1}, "the file expands to more than 200.000 values (through aliases?)",
                          "write the configuration out without nested aliases");
    }
    if (n.IsMap()) {
        std::set<std::string> seen;
        for (auto it = n.begin(); it != n.end(); ++it) {
            if (!it->first.IsScalar()) {  // "? [a, b]: …": a complex key, which no reader expects
                auto m = it->first.Mark();
                throw core::Error({path, m.line + 1, m.column + 1}, "a key must be a plain name, not a list or a mapping",
                                  "remove the '?' or the brackets before the key");
            }
            const std::string key = it->first.Scalar();
            if (!seen.insert(key).second) {
                auto m = it->first.Mark();
                throw core::Error({path, m.line + 1, m.column + 1}, "key '" + key + "' appears twice in the same mapping",
                                  "merge the two entries; only one of them would be read");
            }
            checkTree(path, it->second, budget);
        }
    } else if (n.IsSequence()) {
        for (const auto& e : n) checkTree(path, e, budget);
    }
}

yml::Node load(const std::string& path, const std::string& text) {
    yml::Node root;
    try {
        root = yml::parse(text);
    } catch (const yml::SyntaxError& e) {
        core::Location at = e.mark.is_null() ? core::Location{path} : core::Location{path, e.mark.line + 1, e.mark.column + 1};
        if (e.tooDeep)
            throw core::Error(at, "the YAML is nested too deeply", "a configuration needs a few levels of nesting, not hundreds");
        throw core::Error(at, "YAML syntax error: " + e.message, e.fix.empty() ? "fix the indentation or quoting at this position" : e.fix);
    }
    size_t budget = kMaxNodes;
    checkTree(path, root, budget);
    return root;
}

}  // namespace

YamlFile::YamlFile(std::string path) : path_(std::move(path)) {
    std::ifstream in(path_, std::ios::binary);
    if (!in) throw core::Error({path_}, "cannot open file", "check the path; it is resolved from the current directory");
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    if (size_t bad = core::findInvalidUtf8(text); bad != std::string::npos) {
        long line = 1 + static_cast<long>(std::count(text.begin(), text.begin() + static_cast<long>(bad), '\n'));
        size_t ls = text.rfind('\n', bad == 0 ? 0 : bad - 1);
        ls = (ls == std::string::npos || bad == 0) ? 0 : ls + 1;
        throw core::Error({path_, line, core::utf8Columns(std::string_view(text).substr(ls), bad - ls) + 1},
                          "invalid UTF-8", "save the file as UTF-8");
    }
    root_ = load(path_, text);
    if (!root_.IsMap())
        throw core::Error({path_, 1, 1}, root_.IsNull() ? "the file is empty" : "expected a mapping of keys at the top level",
                          "write the settings as 'key: value' lines; samples/ has an example of each file");
}

YamlFile::YamlFile(std::string name, const std::string& text) : path_(std::move(name)) {
    root_ = load(path_, text);
    if (!root_.IsMap())
        throw core::Error({path_, 1, 1}, root_.IsNull() ? "the file is empty" : "expected a mapping of keys at the top level",
                          "write the settings as 'key: value' lines; samples/ has an example of each file");
}

core::Location YamlFile::at(const yml::Node& n) const {
    auto m = n.Mark();
    if (m.is_null()) return {path_};
    return {path_, m.line + 1, m.column + 1};
}

void YamlFile::fail(const yml::Node& n, const std::string& what, const std::string& fix) const {
    throw core::Error(at(n), what, fix);
}

void YamlFile::requireMap(const yml::Node& n, const std::string& what) const {
    if (!n.IsMap()) fail(n, what + " must be a mapping (key: value lines)");
}

void YamlFile::allowKeys(const yml::Node& map, std::initializer_list<const char*> allowed) const {
    if (!map.IsMap()) return;
    std::vector<std::string> names(allowed.begin(), allowed.end());
    for (auto it = map.begin(); it != map.end(); ++it) {
        std::string k = it->first.as<std::string>();
        if (std::find(names.begin(), names.end(), k) == names.end()) {
            std::string near = nearest(k, names);
            fail(it->first, "unknown key '" + k + "'",
                 near.empty() ? "remove it" : "did you mean '" + near + "'?");
        }
    }
}

std::string YamlFile::asStr(const yml::Node& n) const {
    if (!n.IsScalar()) fail(n, "expected a single value");
    return n.Scalar();
}

double YamlFile::asNum(const yml::Node& n) const {
    if (!n.IsScalar()) fail(n, "expected a number");
    try {
        return n.as<double>();
    } catch (const yml::BadConversion&) {
        fail(n, "expected a number, found '" + n.Scalar() + "'", "write numbers with a decimal point, e.g. 2.5");
    }
}

std::string YamlFile::str(const yml::Node& map, const char* key, const std::string& def) const {
    yml::Node n = map[key];
    if (!n || n.IsNull()) return def;
    return asStr(n);
}

std::string YamlFile::reqStr(const yml::Node& map, const char* key) const {
    yml::Node n = map[key];
    if (!n || n.IsNull()) fail(map, std::string("missing required key '") + key + "'", std::string("add '") + key + ": …'");
    return asStr(n);
}

double YamlFile::num(const yml::Node& map, const char* key, double def) const {
    yml::Node n = map[key];
    if (!n || n.IsNull()) return def;
    return asNum(n);
}

namespace {
// Checked before the conversion: a double outside int's range converts to nothing defined.
bool wholeIn(double v, int lo, int hi) { return v >= lo && v <= hi && v == std::floor(v); }
}  // namespace

int YamlFile::integer(const yml::Node& map, const char* key, int def, int lo, int hi) const {
    yml::Node n = map[key];
    if (!n || n.IsNull()) return def;
    const double v = asNum(n);
    if (!wholeIn(v, lo, hi))
        fail(n, std::string("'") + key + "' must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi),
             "leave it out for the default, " + std::to_string(def));
    return static_cast<int>(v);
}

int YamlFile::asInt(const yml::Node& n, int lo, int hi) const {
    const double v = asNum(n);
    if (!wholeIn(v, lo, hi)) fail(n, "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
    return static_cast<int>(v);
}

std::optional<double> YamlFile::optNum(const yml::Node& map, const char* key) const {
    yml::Node n = map[key];
    if (!n || n.IsNull()) return std::nullopt;
    return asNum(n);
}

bool YamlFile::flag(const yml::Node& map, const char* key, bool def) const {
    yml::Node n = map[key];
    if (!n || n.IsNull()) return def;
    try {
        return n.as<bool>();
    } catch (const yml::BadConversion&) {
        fail(n, std::string("expected true or false for '") + key + "'");
    }
}

std::vector<std::string> YamlFile::strList(const yml::Node& map, const char* key) const {
    std::vector<std::string> out;
    yml::Node n = map[key];
    if (!n || n.IsNull()) return out;
    if (!n.IsSequence()) fail(n, std::string("'") + key + "' must be a list, e.g. [a, b]");
    for (const auto& e : n) out.push_back(asStr(e));
    return out;
}

size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string nearest(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    size_t bestD = SIZE_MAX;
    std::string w = core::foldCase(word);
    for (const auto& c : candidates) {
        size_t d = editDistance(w, core::foldCase(c));
        if (d < bestD) { bestD = d; best = c; }
    }
    // Only suggest when reasonably close.
    if (bestD > std::max<size_t>(2, w.size() / 2)) return {};
    return best;
}

}  // namespace project
