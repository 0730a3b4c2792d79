#include "project/Yaml.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/Utf8.hpp"

namespace project {

static std::string fixMark(const std::string& msg) { return msg; }

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
    try {
        root_ = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        throw core::Error({path_, e.mark.line + 1, e.mark.column + 1}, "YAML syntax error: " + fixMark(e.msg),
                          "fix the indentation or quoting at this position");
    }
    if (!root_.IsMap()) throw core::Error({path_, 1, 1}, "expected a mapping of keys at the top level");
}

YamlFile::YamlFile(std::string name, const std::string& text) : path_(std::move(name)) {
    try {
        root_ = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        throw core::Error({path_, e.mark.line + 1, e.mark.column + 1}, "YAML syntax error: " + e.msg);
    }
    if (!root_.IsMap()) throw core::Error({path_, 1, 1}, "expected a mapping of keys at the top level");
}

core::Location YamlFile::at(const YAML::Node& n) const {
    auto m = n.Mark();
    if (m.is_null()) return {path_};
    return {path_, m.line + 1, m.column + 1};
}

void YamlFile::fail(const YAML::Node& n, const std::string& what, const std::string& fix) const {
    throw core::Error(at(n), what, fix);
}

void YamlFile::requireMap(const YAML::Node& n, const std::string& what) const {
    if (!n.IsMap()) fail(n, what + " must be a mapping (key: value lines)");
}

void YamlFile::allowKeys(const YAML::Node& map, std::initializer_list<const char*> allowed) const {
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

std::string YamlFile::asStr(const YAML::Node& n) const {
    if (!n.IsScalar()) fail(n, "expected a single value");
    return n.Scalar();
}

double YamlFile::asNum(const YAML::Node& n) const {
    if (!n.IsScalar()) fail(n, "expected a number");
    try {
        return n.as<double>();
    } catch (const YAML::Exception&) {
        fail(n, "expected a number, found '" + n.Scalar() + "'", "write numbers with a decimal point, e.g. 2.5");
    }
}

std::string YamlFile::str(const YAML::Node& map, const char* key, const std::string& def) const {
    YAML::Node n = map[key];
    if (!n || n.IsNull()) return def;
    return asStr(n);
}

std::string YamlFile::reqStr(const YAML::Node& map, const char* key) const {
    YAML::Node n = map[key];
    if (!n || n.IsNull()) fail(map, std::string("missing required key '") + key + "'", std::string("add '") + key + ": …'");
    return asStr(n);
}

double YamlFile::num(const YAML::Node& map, const char* key, double def) const {
    YAML::Node n = map[key];
    if (!n || n.IsNull()) return def;
    return asNum(n);
}

std::optional<double> YamlFile::optNum(const YAML::Node& map, const char* key) const {
    YAML::Node n = map[key];
    if (!n || n.IsNull()) return std::nullopt;
    return asNum(n);
}

bool YamlFile::flag(const YAML::Node& map, const char* key, bool def) const {
    YAML::Node n = map[key];
    if (!n || n.IsNull()) return def;
    try {
        return n.as<bool>();
    } catch (const YAML::Exception&) {
        fail(n, std::string("expected true or false for '") + key + "'");
    }
}

std::vector<std::string> YamlFile::strList(const YAML::Node& map, const char* key) const {
    std::vector<std::string> out;
    YAML::Node n = map[key];
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
