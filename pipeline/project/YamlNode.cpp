#include "project/YamlNode.hpp"

#include <yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <deque>
#include <limits>
#include <map>

namespace yml {

struct Tree {
    std::deque<Data> nodes;
};

namespace {

constexpr size_t kMaxDepth = 500;  // a configuration has a few levels; yaml-cpp's guard was similar

const std::string& emptyString() {
    static const std::string empty;
    return empty;
}

Mark toMark(const yaml_mark_t& m) { return {static_cast<int>(m.line), static_cast<int>(m.column)}; }

// One libyaml event, freed on every path.
struct Event {
    yaml_event_t e{};
    bool live = false;
    ~Event() { reset(); }
    void reset() {
        if (live) yaml_event_delete(&e);
        live = false;
    }
};

struct Parser {
    yaml_parser_t p{};
    Parser() { yaml_parser_initialize(&p); }
    ~Parser() { yaml_parser_delete(&p); }
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;

    [[noreturn]] void fail(const std::string& text) const {
        SyntaxError e;
        e.message = p.problem ? p.problem : "invalid YAML";
        if (p.error == YAML_READER_ERROR) {
            e.mark = {-1, -1};
        } else if (p.context && std::strcmp(p.context, "while scanning a simple key") == 0) {
            // "key" with no ':' after it: the key's line is where to look, not where the
            // scanner gave up (often the next line or the end of the file).
            e.mark = toMark(p.context_mark);
            e.message += " after this key";
        } else {
            e.mark = toMark(p.problem_mark);
            if (p.problem_mark.index < text.size() && text[p.problem_mark.index] == '\t') {
                e.message = "a tab character";
                e.fix = "indent with spaces; YAML does not allow tabs there";
            } else if (p.context) {
                e.message += std::string(" (") + p.context;
                if (p.context_mark.line != p.problem_mark.line) e.message += " from line " + std::to_string(p.context_mark.line + 1);
                e.message += ")";
            }
        }
        throw e;
    }
};

bool isNullText(const std::string& s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

// yaml-cpp's "flexible case": all lower, all upper, or a capital followed by lower case.
bool flexibleEquals(const std::string& s, const char* lower) {
    size_t n = std::strlen(lower);
    if (s.size() != n) return false;
    std::string l(s);
    for (auto& ch : l) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (l != lower) return false;
    bool allLower = s == l;
    bool allUpper = std::all_of(s.begin(), s.end(), [](char ch) { return !std::islower(static_cast<unsigned char>(ch)); });
    bool capital = std::isupper(static_cast<unsigned char>(s[0])) &&
                   std::all_of(s.begin() + 1, s.end(), [](char ch) { return !std::isupper(static_cast<unsigned char>(ch)); });
    return allLower || allUpper || capital;
}

}  // namespace

const std::string& Node::Scalar() const { return d_ && d_->kind == Kind::Scalar ? d_->text : emptyString(); }

size_t Node::size() const {
    if (!d_) return 0;
    if (d_->kind == Kind::Sequence) return d_->items.size();
    if (d_->kind == Kind::Map) return d_->items.size() / 2;
    return 0;
}

Node Node::operator[](std::string_view key) const {
    if (!d_ || d_->kind != Kind::Map) return {};
    for (size_t i = 0; i + 1 < d_->items.size(); i += 2) {
        const Data* k = d_->items[i];
        if (k->kind == Kind::Scalar && k->text == key) return Node(tree_, d_->items[i + 1]);
    }
    return {};
}

Node Node::operator[](size_t i) const {
    if (!d_ || d_->kind != Kind::Sequence || i >= d_->items.size()) return {};
    return Node(tree_, d_->items[i]);
}

template <>
std::string Node::as<std::string>() const {
    if (IsNull()) return "null";  // as yaml-cpp
    if (!IsScalar()) throw BadConversion{Mark()};
    return d_->text;
}

template <>
double Node::as<double>() const {
    if (!IsScalar()) throw BadConversion{Mark()};
    std::string s = d_->text;
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    for (const char* inf : {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"})
        if (s == inf) return std::numeric_limits<double>::infinity();
    for (const char* inf : {"-.inf", "-.Inf", "-.INF"})
        if (s == inf) return -std::numeric_limits<double>::infinity();
    for (const char* nan : {".nan", ".NaN", ".NAN"})
        if (s == nan) return std::numeric_limits<double>::quiet_NaN();
    // A decimal number as C++ streams read one: optional sign, digits with an optional point
    // and exponent. No hex, no words ("inf"), no thousands separators.
    size_t start = (!s.empty() && s[0] == '+') ? 1 : 0;
    if (start < s.size() && s[start] == '-' && start == 1) throw BadConversion{Mark()};
    size_t firstDigit = start + ((start < s.size() && s[start] == '-') ? 1 : 0);
    if (firstDigit >= s.size() || !(std::isdigit(static_cast<unsigned char>(s[firstDigit])) || s[firstDigit] == '.'))
        throw BadConversion{Mark()};
    double v = 0;
    auto r = std::from_chars(s.data() + start, s.data() + s.size(), v, std::chars_format::general);
    if (r.ec == std::errc::result_out_of_range) {
        // Streams give the largest value for an overflow, which no reader accepts anyway.
        throw BadConversion{Mark()};
    }
    if (r.ec != std::errc() || r.ptr != s.data() + s.size()) throw BadConversion{Mark()};
    return v;
}

template <>
int Node::as<int>() const {
    if (!IsScalar()) throw BadConversion{Mark()};
    std::string s = d_->text;
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    size_t start = (!s.empty() && s[0] == '+') ? 1 : 0;
    if (start == 1 && s.size() > 1 && s[1] == '-') throw BadConversion{Mark()};
    int v = 0;
    auto r = std::from_chars(s.data() + start, s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size() || s.size() == start) throw BadConversion{Mark()};
    return v;
}

template <>
bool Node::as<bool>() const {
    if (!IsScalar()) throw BadConversion{Mark()};
    for (const char* t : {"y", "yes", "true", "on"})
        if (flexibleEquals(d_->text, t)) return true;
    for (const char* f : {"n", "no", "false", "off"})
        if (flexibleEquals(d_->text, f)) return false;
    throw BadConversion{Mark()};
}

Node::const_iterator::const_iterator(const Node* owner, size_t pos, size_t step)
    : tree_(owner->tree_), d_(owner->d_), pos_(pos), step_(step) {
    load();
}

void Node::const_iterator::load() {
    if (!d_ || pos_ >= d_->items.size()) {
        item_ = Item();
        return;
    }
    if (d_->kind == Kind::Map) item_ = Item(Node(tree_, d_->items[pos_]), Node(tree_, d_->items[pos_ + 1]));
    else item_ = Item(Node(tree_, d_->items[pos_]));
}

Node::const_iterator Node::begin() const {
    if (!d_ || (d_->kind != Kind::Map && d_->kind != Kind::Sequence)) return const_iterator();
    return const_iterator(this, 0, d_->kind == Kind::Map ? 2 : 1);
}

Node::const_iterator Node::end() const {
    if (!d_ || (d_->kind != Kind::Map && d_->kind != Kind::Sequence)) return const_iterator();
    const_iterator it;
    it.pos_ = d_->items.size();
    return it;
}

Node parse(const std::string& text) {
    auto tree = std::make_shared<Tree>();
    Parser parser;
    yaml_parser_set_input_string(&parser.p, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    yaml_parser_set_encoding(&parser.p, YAML_UTF8_ENCODING);

    struct Open {
        Data* d;
        size_t height = 0;   // levels below it so far, aliases included
        std::string anchor;  // registered when the node ends, its height known
    };
    std::vector<Open> stack;
    std::map<std::string, std::pair<const Data*, size_t>> anchors;  // anchor -> node, its height
    const Data* root = nullptr;
    int documents = 0;
    bool done = false;

    auto tooDeep = [](const Mark& m) {
        SyntaxError e;
        e.message = "nested too deeply";
        e.mark = m;
        e.tooDeep = true;
        throw e;
    };
    // Attaches a finished node (of the given height) to the open container, or makes it the root.
    auto attach = [&](const Data* d, size_t height) {
        if (height > kMaxDepth) tooDeep(d->mark);
        if (stack.empty()) {
            root = d;
            return;
        }
        stack.back().d->items.push_back(d);
        stack.back().height = std::max(stack.back().height, height);
    };
    auto anchor = [&](const yaml_char_t* name, const Data* d, size_t height) {
        if (name) anchors[reinterpret_cast<const char*>(name)] = {d, height};
    };

    Event ev;
    while (!done) {
        ev.reset();
        if (!yaml_parser_parse(&parser.p, &ev.e)) parser.fail(text);
        ev.live = true;
        const yaml_event_t& e = ev.e;
        switch (e.type) {
            case YAML_DOCUMENT_START_EVENT:
                if (++documents > 1) {
                    SyntaxError err;
                    err.message = "a second YAML document ('---') in the file; only one is read";
                    err.mark = toMark(e.start_mark);
                    err.fix = "remove the '---' line and write the settings as one document";
                    throw err;
                }
                break;
            case YAML_STREAM_END_EVENT:
                done = true;
                break;
            case YAML_ALIAS_EVENT: {
                auto it = anchors.find(reinterpret_cast<const char*>(e.data.alias.anchor));
                if (it == anchors.end()) {
                    SyntaxError err;
                    err.message = std::string("the alias *") + reinterpret_cast<const char*>(e.data.alias.anchor) +
                                  " refers to no anchor (&) before it";
                    err.mark = toMark(e.start_mark);
                    err.fix = "define the anchor (&name) before using *name, or write the value out";
                    throw err;
                }
                attach(it->second.first, it->second.second);
                break;
            }
            case YAML_SCALAR_EVENT: {
                Data& d = tree->nodes.emplace_back();
                d.mark = toMark(e.start_mark);
                d.text.assign(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
                const char* tag = reinterpret_cast<const char*>(e.data.scalar.tag);
                bool plain = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
                if (tag && std::strcmp(tag, YAML_NULL_TAG) == 0) d.kind = Kind::Null;
                else if (plain && !tag && isNullText(d.text)) d.kind = Kind::Null;
                else d.kind = Kind::Scalar;
                if (d.kind == Kind::Null) d.text.clear();
                anchor(e.data.scalar.anchor, &d, 1);
                attach(&d, 1);
                break;
            }
            case YAML_SEQUENCE_START_EVENT:
            case YAML_MAPPING_START_EVENT: {
                if (stack.size() >= kMaxDepth) tooDeep(toMark(e.start_mark));
                Data& d = tree->nodes.emplace_back();
                d.mark = toMark(e.start_mark);
                d.kind = e.type == YAML_SEQUENCE_START_EVENT ? Kind::Sequence : Kind::Map;
                const yaml_char_t* name =
                    e.type == YAML_SEQUENCE_START_EVENT ? e.data.sequence_start.anchor : e.data.mapping_start.anchor;
                stack.push_back({&d, 0, name ? reinterpret_cast<const char*>(name) : ""});
                break;
            }
            case YAML_SEQUENCE_END_EVENT:
            case YAML_MAPPING_END_EVENT: {
                Open o = std::move(stack.back());
                stack.pop_back();
                // An alias inside the node to its own anchor finds nothing: no cycles.
                if (!o.anchor.empty()) anchors[o.anchor] = {o.d, o.height + 1};
                attach(o.d, o.height + 1);
                break;
            }
            default:
                break;
        }
    }
    if (!root) {
        Data& d = tree->nodes.emplace_back();
        d.kind = Kind::Null;
        d.mark = {0, 0};
        root = &d;
    }
    std::shared_ptr<const Tree> shared = tree;
    return Node(shared, root);
}

}  // namespace yml
