#include "document/TemplateEngine.hpp"

#include <cmath>
#include <fstream>
#include <memory>
#include <sstream>

#include "core/Date.hpp"
#include "core/Format.hpp"
#include "core/Utf8.hpp"
#include "project/Yaml.hpp"

namespace document {

namespace {

using core::Location;
using core::Value;

// ---------------------------------------------------------------- splitting into text and tags

struct Piece {
    bool tag = false;
    std::string text;  // literal text, or the tag body between the braces
    Location at;
};

void advance(const std::string& s, long& line, long& col) {
    for (unsigned char c : s) {
        if (c == '\n') {
            ++line;
            col = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++col;
        }
    }
}

bool isBlockTag(const std::string& body) {
    std::string t = core::trim(body);
    if (t.empty()) return false;
    if (t[0] == '#' || t[0] == '/' || t[0] == '!' || t[0] == '>') return true;
    std::string word = t.substr(0, t.find_first_of(" \t"));
    return word == "else" || word == "figure" || word == "table" || word == "box" || word == "pagebreak" ||
           word == "toc";
}

std::vector<Piece> split(const std::string& file, const std::string& src) {
    std::vector<Piece> out;
    long line = 1, col = 1;
    size_t i = 0;
    while (i < src.size()) {
        size_t open = src.find("{{", i);
        std::string text = src.substr(i, open == std::string::npos ? std::string::npos : open - i);
        if (!text.empty()) out.push_back({false, text, {file, line, col}});
        advance(text, line, col);
        if (open == std::string::npos) break;
        Location at{file, line, col};
        size_t close = src.find("}}", open + 2);
        if (close == std::string::npos) throw core::Error(at, "'{{' is never closed", "add '}}' to end the tag");
        std::string body = src.substr(open + 2, close - open - 2);
        if (body.find("{{") != std::string::npos)
            throw core::Error(at, "'{{' is never closed before the next '{{'", "add '}}' to end the tag");
        out.push_back({true, body, at});
        advance("{{" + body + "}}", line, col);
        i = close + 2;
    }
    // Standalone block tags: remove the whitespace and newline of a line holding only the tag.
    for (size_t k = 0; k < out.size(); ++k) {
        if (!out[k].tag || !isBlockTag(out[k].text)) continue;
        bool beforeOk = false, afterOk = false;
        size_t cutBefore = 0;
        if (k == 0) {
            beforeOk = true;
        } else if (!out[k - 1].tag) {
            const std::string& p = out[k - 1].text;
            size_t nl = p.rfind('\n');
            size_t from = nl == std::string::npos ? 0 : nl + 1;
            beforeOk = p.find_first_not_of(" \t", from) == std::string::npos && (nl != std::string::npos || k == 1);
            cutBefore = from;
        }
        size_t cutAfter = 0;
        if (k + 1 == out.size()) {
            afterOk = true;
        } else if (!out[k + 1].tag) {
            const std::string& n = out[k + 1].text;
            size_t nl = n.find('\n');
            size_t end = nl == std::string::npos ? n.size() : nl;
            afterOk = n.find_first_not_of(" \t\r", 0) >= end && (nl != std::string::npos || k + 2 == out.size());
            cutAfter = nl == std::string::npos ? n.size() : nl + 1;
        }
        if (beforeOk && afterOk) {
            if (k > 0 && !out[k - 1].tag) out[k - 1].text.resize(cutBefore);
            if (k + 1 < out.size() && !out[k + 1].tag) {
                // Keep the location of the remaining text right.
                Location at = out[k + 1].at;
                std::string removed = out[k + 1].text.substr(0, cutAfter);
                advance(removed, at.line, at.column);
                out[k + 1].text.erase(0, cutAfter);
                out[k + 1].at = at;
            }
        }
    }
    return out;
}

// ---------------------------------------------------------------- expressions

struct Token {
    enum Kind { Path, Number, String, Op, LParen, RParen, Comma, Pipe, End } kind = End;
    std::string text;
    double number = 0;
    long col = 0;  // column within the tag body
};

bool pathStart(unsigned char c) { return std::isalpha(c) || c == '_' || c == '@' || c >= 0x80; }
bool pathChar(unsigned char c) { return std::isalnum(c) || c == '_' || c == '@' || c == '-' || c == '.' || c >= 0x80; }

std::vector<Token> lex(const std::string& s, const Location& at) {
    std::vector<Token> out;
    size_t i = 0;
    auto colOf = [&](size_t byte) { return at.column + 2 + core::utf8Columns(s, byte); };
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (std::isspace(c)) {
            ++i;
            continue;
        }
        Token t;
        t.col = colOf(i);
        if (pathStart(c)) {
            size_t j = i;
            while (j < s.size() && pathChar(static_cast<unsigned char>(s[j]))) ++j;
            t.kind = Token::Path;
            t.text = s.substr(i, j - i);
            i = j;
        } else if (std::isdigit(c) || (c == '-' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
            size_t j = i + 1;
            while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
            t.kind = Token::Number;
            t.text = s.substr(i, j - i);
            try {
                t.number = std::stod(t.text);
            } catch (...) {
                throw core::Error({at.file, at.line, t.col}, "bad number '" + t.text + "'");
            }
            i = j;
        } else if (c == '"') {
            size_t j = i + 1;
            std::string v;
            while (j < s.size() && s[j] != '"') {
                if (s[j] == '\\' && j + 1 < s.size()) ++j;
                v += s[j++];
            }
            if (j >= s.size()) throw core::Error({at.file, at.line, t.col}, "string is never closed", "add the closing \"");
            t.kind = Token::String;
            t.text = v;
            i = j + 1;
        } else if (c == '(') {
            t.kind = Token::LParen;
            ++i;
        } else if (c == ')') {
            t.kind = Token::RParen;
            ++i;
        } else if (c == ',') {
            t.kind = Token::Comma;
            ++i;
        } else if (c == '|') {
            t.kind = Token::Pipe;
            ++i;
        } else if (s.compare(i, 2, "==") == 0 || s.compare(i, 2, "!=") == 0 || s.compare(i, 2, "<=") == 0 ||
                   s.compare(i, 2, ">=") == 0) {
            t.kind = Token::Op;
            t.text = s.substr(i, 2);
            i += 2;
        } else if (c == '<' || c == '>') {
            t.kind = Token::Op;
            t.text = std::string(1, static_cast<char>(c));
            ++i;
        } else {
            throw core::Error({at.file, at.line, t.col}, std::string("unexpected character '") + static_cast<char>(c) + "'");
        }
        out.push_back(t);
    }
    Token end;
    end.col = colOf(s.size());
    out.push_back(end);
    return out;
}

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
    enum Kind { Path, Literal, Not, And, Or, Compare, Call, Filter } kind = Literal;
    std::string name;  // path, operator, function or filter name
    Value literal;
    std::vector<ExprPtr> args;  // operands; for Filter args[0] is the input
    Location at;
};

class ExprParser {
public:
    ExprParser(std::vector<Token> toks, Location at) : t_(std::move(toks)), at_(std::move(at)) {}

    ExprPtr parseFull() {
        ExprPtr e = parseFiltered();
        if (peek().kind != Token::End) fail(peek(), "unexpected '" + describe(peek()) + "'");
        return e;
    }
    ExprPtr parseFiltered() {
        ExprPtr e = parseOr();
        while (peek().kind == Token::Pipe) {
            next();
            const Token& name = next();
            if (name.kind != Token::Path) fail(name, "expected a filter name after '|'");
            auto f = std::make_unique<Expr>();
            f->kind = Expr::Filter;
            f->name = name.text;
            f->at = loc(name);
            f->args.push_back(std::move(e));
            if (peek().kind == Token::LParen) parseArgs(*f);
            e = std::move(f);
        }
        return e;
    }
    bool atEnd() const { return t_[i_].kind == Token::End; }
    const Token& peek() const { return t_[i_]; }
    const Token& next() { return t_[i_ < t_.size() - 1 ? i_++ : i_]; }
    Location loc(const Token& t) const { return {at_.file, at_.line, t.col}; }
    [[noreturn]] void fail(const Token& t, const std::string& what, const std::string& fix = {}) const {
        throw core::Error(loc(t), what, fix);
    }
    static std::string describe(const Token& t) {
        switch (t.kind) {
            case Token::End: return "end of tag";
            case Token::LParen: return "(";
            case Token::RParen: return ")";
            case Token::Comma: return ",";
            case Token::Pipe: return "|";
            default: return t.text;
        }
    }

private:
    // Parentheses, calls and 'not' recurse; a template needs a few levels, not thousands (a
    // fuzzer's "((((…" overflowed the stack).
    static constexpr int kMaxDepth = 64;
    struct Deeper {
        ExprParser& p;
        explicit Deeper(ExprParser& parser) : p(parser) {
            if (++p.depth_ > kMaxDepth) p.fail(p.peek(), "the expression is nested too deeply", "use at most 64 levels of parentheses");
        }
        ~Deeper() { --p.depth_; }
    };

    ExprPtr parseOr() {
        Deeper guard(*this);
        ExprPtr e = parseAnd();
        while (peek().kind == Token::Path && peek().text == "or") {
            Location at = loc(next());
            auto o = std::make_unique<Expr>();
            o->kind = Expr::Or;
            o->at = at;
            o->args.push_back(std::move(e));
            o->args.push_back(parseAnd());
            e = std::move(o);
        }
        return e;
    }
    ExprPtr parseAnd() {
        ExprPtr e = parseNot();
        while (peek().kind == Token::Path && peek().text == "and") {
            Location at = loc(next());
            auto o = std::make_unique<Expr>();
            o->kind = Expr::And;
            o->at = at;
            o->args.push_back(std::move(e));
            o->args.push_back(parseNot());
            e = std::move(o);
        }
        return e;
    }
    ExprPtr parseNot() {
        Deeper guard(*this);
        if (peek().kind == Token::Path && peek().text == "not") {
            Location at = loc(next());
            auto o = std::make_unique<Expr>();
            o->kind = Expr::Not;
            o->at = at;
            o->args.push_back(parseNot());
            return o;
        }
        return parseCompare();
    }
    ExprPtr parseCompare() {
        ExprPtr e = parsePrimary();
        if (peek().kind == Token::Op) {
            const Token& op = next();
            auto o = std::make_unique<Expr>();
            o->kind = Expr::Compare;
            o->name = op.text;
            o->at = loc(op);
            o->args.push_back(std::move(e));
            o->args.push_back(parsePrimary());
            return o;
        }
        return e;
    }
    void parseArgs(Expr& call) {
        next();  // (
        if (peek().kind == Token::RParen) {
            next();
            return;
        }
        for (;;) {
            call.args.push_back(parseOr());
            const Token& t = next();
            if (t.kind == Token::RParen) break;
            if (t.kind != Token::Comma) fail(t, "expected ',' or ')' in the argument list");
        }
    }
    ExprPtr parsePrimary() {
        const Token& t = next();
        auto e = std::make_unique<Expr>();
        e->at = loc(t);
        switch (t.kind) {
            case Token::Number:
                e->literal = Value::number(t.number);
                return e;
            case Token::String:
                e->literal = Value::string(t.text);
                return e;
            case Token::LParen: {
                ExprPtr inner = parseOr();
                if (next().kind != Token::RParen) fail(t, "'(' is never closed");
                return inner;
            }
            case Token::Path:
                if (t.text == "true" || t.text == "false") {
                    e->literal = Value::boolean(t.text == "true");
                    return e;
                }
                if (peek().kind == Token::LParen) {
                    e->kind = Expr::Call;
                    e->name = t.text;
                    parseArgs(*e);
                    return e;
                }
                e->kind = Expr::Path;
                e->name = t.text;
                return e;
            default: fail(t, "expected a value, found '" + describe(t) + "'");
        }
    }

    std::vector<Token> t_;
    size_t i_ = 0;
    int depth_ = 0;
    Location at_;
};

// ---------------------------------------------------------------- template syntax tree

struct Node {
    enum Kind { Text, Output, Each, If, Partial, Directive, Box } kind = Text;
    std::string text;            // Text: literal; Each: loop variable; Partial: name; Directive: kind
    bool negate = false;         // If: {{#unless}}
    ExprPtr expr;                // Output, Each, If
    std::vector<std::string> args;
    std::vector<Node> body, elseBody;
    Location at;
};

std::string firstWord(const std::string& s) { return s.substr(0, s.find_first_of(" \t")); }
std::string afterWord(const std::string& s) {
    size_t p = s.find_first_of(" \t");
    return p == std::string::npos ? std::string() : core::trim(s.substr(p));
}

// Directive arguments: a quoted id first ({{ figure "who5-change" }}); a second argument may
// also be a variable, e.g. the item in a loop: {{ figure "likert" l.id }}. Variables are
// marked with a leading '\x01' and resolved when the template is expanded.
std::vector<std::string> directiveArgs(const std::string& body, const Location& at, const std::string& kind,
                                       size_t minArgs, size_t maxArgs) {
    std::vector<Token> toks = lex(body, at);
    std::vector<std::string> args;
    for (size_t i = 1; i + 1 < toks.size(); ++i) {
        bool pathOk = i > 1 && toks[i].kind == Token::Path;
        if (toks[i].kind != Token::String && !pathOk)
            throw core::Error({at.file, at.line, toks[i].col}, "arguments of '" + kind + "' must be quoted strings",
                              "write {{ " + kind + " \"id\" }}");
        args.push_back(toks[i].kind == Token::Path ? "\x01" + toks[i].text : toks[i].text);
    }
    if (args.size() < minArgs || args.size() > maxArgs)
        throw core::Error(at, "'" + kind + "' takes " + std::to_string(minArgs) +
                                  (maxArgs > minArgs ? "–" + std::to_string(maxArgs) : "") + " argument(s)",
                          "write {{ " + kind + " \"id\" }}");
    return args;
}

class Parser {
public:
    explicit Parser(std::vector<Piece> pieces) : p_(std::move(pieces)) {}

    std::vector<Node> parseAll() {
        auto nodes = parseUntil(nullptr);
        return nodes;
    }

private:
    // Parses until the closing tag of `open` (or the end, when open is null).
    std::vector<Node> parseUntil(Node* open) {
        std::vector<Node> out;
        while (i_ < p_.size()) {
            Piece& pc = p_[i_++];
            if (!pc.tag) {
                Node n;
                n.kind = Node::Text;
                n.text = pc.text;
                n.at = pc.at;
                out.push_back(std::move(n));
                continue;
            }
            std::string body = core::trim(pc.text);
            if (body.empty()) throw core::Error(pc.at, "empty tag '{{}}'", "remove it or put an expression inside");
            char c = body[0];
            if (c == '!') continue;
            if (c == '#') {
                std::string kw = firstWord(body.substr(1));
                std::string rest = afterWord(body.substr(1));
                Node n;
                n.at = pc.at;
                if (kw == "each") {
                    n.kind = Node::Each;
                    n.text = "this";
                    size_t as = rest.rfind(" as ");
                    if (as != std::string::npos) {
                        n.text = core::trim(rest.substr(as + 4));
                        rest = rest.substr(0, as);
                    }
                } else if (kw == "if" || kw == "unless") {
                    n.kind = Node::If;
                    n.negate = kw == "unless";
                } else {
                    throw core::Error(pc.at, "unknown section '#" + kw + "'", "use #each, #if or #unless");
                }
                if (rest.empty()) throw core::Error(pc.at, "'#" + kw + "' needs an expression");
                Location exprAt = pc.at;
                exprAt.column += static_cast<long>(pc.text.find(rest));
                ExprParser ep(lex(rest, exprAt), exprAt);
                n.expr = ep.parseFull();
                n.args = {kw};
                n.body = parseUntil(&n);
                out.push_back(std::move(n));
                continue;
            }
            if (c == '/') {
                std::string kw = core::trim(body.substr(1));
                std::string want = open ? (open->kind == Node::Box ? "box" : open->args[0]) : "";
                if (!open || kw != want)
                    throw core::Error(pc.at, "'{{/" + kw + "}}' does not close an open section",
                                      open ? "the open section is '{{#" + want + "}}' from line " +
                                                 std::to_string(open->at.line) + "; close it with '{{/" + want + "}}'"
                                           : "remove it, or open the section first");
                closed_ = true;
                return out;
            }
            if (body == "else") {
                if (!open || open->kind != Node::If)
                    throw core::Error(pc.at, "'{{else}}' outside an #if or #unless section");
                if (inElse_) throw core::Error(pc.at, "a section has two '{{else}}'");
                inElse_ = true;
                open->elseBody = parseUntil(open);
                inElse_ = false;
                return out;
            }
            if (c == '>') {
                Node n;
                n.kind = Node::Partial;
                n.text = core::trim(body.substr(1));
                n.at = pc.at;
                for (char ch : n.text)
                    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-'))
                        throw core::Error(pc.at, "partial name '" + n.text + "' may hold only letters, digits, - and _");
                out.push_back(std::move(n));
                continue;
            }
            std::string word = firstWord(body);
            if (word == "figure" || word == "table" || word == "ref") {
                Node n;
                n.kind = Node::Directive;
                n.text = word;
                n.at = pc.at;
                n.args = directiveArgs(pc.text, pc.at, word, 1, 2);
                out.push_back(std::move(n));
                continue;
            }
            if (word == "pagebreak" || word == "toc") {
                Node n;
                n.kind = Node::Directive;
                n.text = word;
                n.at = pc.at;
                n.args = directiveArgs(pc.text, pc.at, word, 0, 0);
                out.push_back(std::move(n));
                continue;
            }
            if (word == "box") {
                Node n;
                n.kind = Node::Box;
                n.at = pc.at;
                n.args = directiveArgs(pc.text, pc.at, word, 1, 2);
                bool wasClosed = closed_;
                closed_ = false;
                n.body = parseUntil(&n);
                if (!closed_) throw core::Error(n.at, "'{{ box }}' is never closed", "add '{{ /box }}' after its content");
                closed_ = wasClosed;
                out.push_back(std::move(n));
                continue;
            }
            // `word "text"` is directive syntax; an unknown word there is an unknown directive.
            {
                std::vector<Token> toks = lex(pc.text, pc.at);
                if (toks.size() >= 3 && toks[0].kind == Token::Path && toks[1].kind == Token::String) {
                    static const std::vector<std::string> directives = {"figure", "table", "box", "ref", "pagebreak", "toc"};
                    std::string near = project::nearest(word, directives);
                    throw core::Error(pc.at, "unknown directive '" + word + "'",
                                      near.empty() ? "directives are figure, table, box, ref, pagebreak and toc"
                                                   : "did you mean '" + near + "'?");
                }
            }
            Node n;
            n.kind = Node::Output;
            n.at = pc.at;
            ExprParser ep(lex(pc.text, pc.at), pc.at);
            n.expr = ep.parseFull();
            out.push_back(std::move(n));
        }
        if (open) {
            std::string name = open->kind == Node::Box ? " box " : "#" + open->args[0];
            throw core::Error(open->at, "'{{" + name + "}}' is never closed",
                              open->kind == Node::Box ? std::string("add '{{ /box }}' after its content")
                                                      : "add '{{/" + open->args[0] + "}}'");
        }
        return out;
    }

    std::vector<Piece> p_;
    size_t i_ = 0;
    bool inElse_ = false;
    bool closed_ = false;
};

// ---------------------------------------------------------------- evaluation

std::string escapeMarkdown(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '\\': case '`': case '*': case '_': case '{': case '}': case '[': case ']': case '<': case '>':
            case '(': case ')': case '#': case '+': case '-': case '.': case '!': case '|': case '~': case '&':
                out += '\\';
                out += c;
                break;
            case '\n': out += ' '; break;
            default: out += c;
        }
    }
    return out;
}

struct Scope {
    std::string name;
    const Value* value;
    size_t index, count;
};

class Evaluator {
public:
    Evaluator(const Value& root, const std::string& partialDir, Expansion& out, bool plain = false)
        : root_(root), partialDir_(partialDir), out_(out), plain_(plain) {}

    void run(const std::vector<Node>& nodes, int depth = 0) {
        for (const auto& n : nodes) emit(n, depth);
    }

private:
    void emit(const Node& n, int depth) {
        switch (n.kind) {
            case Node::Text: out_.markdown += n.text; break;
            case Node::Output: {
                bool raw = false;
                Value v = eval(*n.expr, &raw);
                std::string s = render(v, *n.expr);
                out_.markdown += raw || plain_ ? s : escapeMarkdown(s);
                break;
            }
            case Node::If: {
                bool t = truthy(eval(*n.expr));
                if (n.negate) t = !t;
                run(t ? n.body : n.elseBody, depth);
                break;
            }
            case Node::Each: {
                Value v = eval(*n.expr);
                if (v.isNull()) break;
                if (!v.isArray() && !v.isObject())
                    throw core::Error(n.expr->at, "'" + n.expr->name + "' is not a list", "#each loops over lists");
                auto holder = std::make_shared<Value>(std::move(v));
                held_.push_back(holder);
                std::vector<const Value*> elems;
                if (holder->isArray())
                    for (const auto& e : holder->elements()) elems.push_back(&e);
                else
                    for (const auto& [k, e] : holder->items()) elems.push_back(&e);
                for (size_t i = 0; i < elems.size(); ++i) {
                    scopes_.push_back({n.text, elems[i], i, elems.size()});
                    run(n.body, depth);
                    scopes_.pop_back();
                }
                break;
            }
            case Node::Partial: {
                if (depth > 16) throw core::Error(n.at, "partials nested too deeply (a partial includes itself?)");
                std::string path = partialDir_ + "/" + n.text + ".md";
                std::ifstream in(path, std::ios::binary);
                if (!in) throw core::Error(n.at, "unknown partial '" + n.text + "'", "create partials/" + n.text + ".md in the template");
                std::stringstream ss;
                ss << in.rdbuf();
                Parser p(split(path, ss.str()));
                run(p.parseAll(), depth + 1);
                break;
            }
            case Node::Directive: {
                if (plain_) throw core::Error(n.at, "directives cannot be used here");
                size_t id = out_.directives.size();
                std::vector<std::string> args = n.args;
                for (auto& a : args)
                    if (!a.empty() && a[0] == '\x01') {
                        Expr e;
                        e.kind = Expr::Path;
                        e.name = a.substr(1);
                        e.at = n.at;
                        Value v = resolve(e);
                        if (!v.isString() && !v.isNumber())
                            throw core::Error(n.at, "'" + e.name + "' must be a text or a number to name a figure or table");
                        a = v.isString() ? v.asString() : core::formatNumber(v.asNumber(), 0);
                    }
                if (n.text == "ref") {
                    out_.directives.push_back({n.text, args, n.at});
                    out_.markdown += std::string(kInlineOpen) + std::to_string(id) + kInlineClose;
                } else {
                    out_.directives.push_back({n.text, args, n.at});
                    out_.markdown += "\n\n<!--evr:" + std::to_string(id) + "-->\n\n";
                }
                break;
            }
            case Node::Box: {
                size_t id = out_.directives.size();
                out_.directives.push_back({"box", n.args, n.at});
                out_.markdown += "\n\n<!--evr:" + std::to_string(id) + "-->\n\n";
                run(n.body, depth);
                size_t end = out_.directives.size();
                out_.directives.push_back({"endbox", {}, n.at});
                out_.markdown += "\n\n<!--evr:" + std::to_string(end) + "-->\n\n";
                break;
            }
        }
    }

    static bool truthy(const Value& v) {
        switch (v.kind()) {
            case Value::Kind::Null: return false;
            case Value::Kind::Bool: return v.asBool();
            case Value::Kind::Number: return v.asNumber() != 0;
            case Value::Kind::String: return !v.asString().empty();
            case Value::Kind::Array:
            case Value::Kind::Object: return v.size() > 0;
            case Value::Kind::Suppressed: return false;
        }
        return false;
    }

    std::string render(const Value& v, const Expr& e) const {
        switch (v.kind()) {
            case Value::Kind::Null: return "–";
            case Value::Kind::Suppressed: return v.asString();
            case Value::Kind::String: return v.asString();
            case Value::Kind::Number: {
                double d = v.asNumber();
                if (d == std::floor(d) && std::fabs(d) < 1e15) return core::formatCount(static_cast<long long>(d));
                throw core::Error(e.at, "'" + describe(e) + "' is a decimal number (" + core::jsonNumber(d) + ")",
                                  "choose how to show it, e.g. | num(0) or | pct(0)");
            }
            case Value::Kind::Bool:
                throw core::Error(e.at, "'" + describe(e) + "' is true/false", "use it in {{#if …}}");
            default:
                throw core::Error(e.at, "'" + describe(e) + "' is a group of values, not one value",
                                  "pick one of its fields, e.g. " + describe(e) + "." + firstKey(v));
        }
    }

    static std::string firstKey(const Value& v) {
        if (v.isObject() && !v.items().empty()) return v.items().front().first;
        return "0";
    }

    static std::string describe(const Expr& e) {
        if (e.kind == Expr::Path) return e.name;
        if (e.kind == Expr::Filter) return describe(*e.args[0]) + " | " + e.name;
        return "expression";
    }

    Value resolve(const Expr& e) const {
        const std::string& path = e.name;
        size_t dot = path.find('.');
        std::string head = path.substr(0, dot);
        const Value* cur = nullptr;
        Value special;
        for (auto s = scopes_.rbegin(); s != scopes_.rend() && !cur; ++s) {
            if (head == s->name) cur = s->value;
            else if (head == "@index") { special = Value::integer(static_cast<long long>(s->index)); cur = &special; }
            else if (head == "@number") { special = Value::integer(static_cast<long long>(s->index + 1)); cur = &special; }
            else if (head == "@first") { special = Value::boolean(s->index == 0); cur = &special; }
            else if (head == "@last") { special = Value::boolean(s->index + 1 == s->count); cur = &special; }
        }
        if (!cur) cur = root_.find(head);
        if (!cur) {
            std::vector<std::string> names;
            for (const auto& [k, _] : root_.items()) names.push_back(k);
            for (const auto& s : scopes_) names.push_back(s.name);
            std::string near = project::nearest(head, names);
            throw core::Error(e.at, "unknown variable '" + path + "'",
                              near.empty() ? "templates can use stats, params, project and report"
                                           : "did you mean '" + near + "'?");
        }
        std::string walked = head;
        while (dot != std::string::npos) {
            size_t nextDot = path.find('.', dot + 1);
            std::string part = path.substr(dot + 1, nextDot == std::string::npos ? std::string::npos : nextDot - dot - 1);
            const Value* nxt = cur->path(part);
            if (!nxt) {
                std::vector<std::string> keys;
                for (const auto& [k, _] : cur->items()) keys.push_back(k);
                std::string near = project::nearest(part, keys);
                throw core::Error(e.at, "unknown variable '" + path + "': '" + walked + "' has no '" + part + "'",
                                  near.empty() ? (keys.empty() ? std::string("it has no fields")
                                                               : "it has: " + joinFirst(keys, 12))
                                               : "did you mean '" + walked + "." + near + "'?");
            }
            cur = nxt;
            walked += "." + part;
            dot = nextDot;
        }
        return *cur;
    }

    static std::string joinFirst(const std::vector<std::string>& v, size_t n) {
        std::string s;
        for (size_t i = 0; i < v.size() && i < n; ++i) s += (i ? ", " : "") + v[i];
        if (v.size() > n) s += ", …";
        return s;
    }

    Value eval(const Expr& e, bool* raw = nullptr) const {
        switch (e.kind) {
            case Expr::Literal: return e.literal;
            case Expr::Path: return resolve(e);
            case Expr::Not: return Value::boolean(!truthy(eval(*e.args[0])));
            case Expr::And: return Value::boolean(truthy(eval(*e.args[0])) && truthy(eval(*e.args[1])));
            case Expr::Or: return Value::boolean(truthy(eval(*e.args[0])) || truthy(eval(*e.args[1])));
            case Expr::Compare: return compare(e);
            case Expr::Call: return call(e);
            case Expr::Filter: return filter(e, raw);
        }
        return {};
    }

    Value compare(const Expr& e) const {
        Value a = eval(*e.args[0]), b = eval(*e.args[1]);
        const std::string& op = e.name;
        if (a.isSuppressed() || b.isSuppressed() || a.isNull() || b.isNull())
            return Value::boolean(op == "!=" && a.kind() != b.kind());
        if (a.isNumber() && b.isNumber()) {
            double x = a.asNumber(), y = b.asNumber();
            bool r = op == "==" ? x == y : op == "!=" ? x != y : op == "<" ? x < y : op == "<=" ? x <= y : op == ">" ? x > y : x >= y;
            return Value::boolean(r);
        }
        if (a.isString() && b.isString()) {
            if (op == "==") return Value::boolean(core::normalizeLabel(a.asString()) == core::normalizeLabel(b.asString()));
            if (op == "!=") return Value::boolean(core::normalizeLabel(a.asString()) != core::normalizeLabel(b.asString()));
        }
        if (a.kind() == Value::Kind::Bool && b.kind() == Value::Kind::Bool && (op == "==" || op == "!="))
            return Value::boolean((a.asBool() == b.asBool()) == (op == "=="));
        throw core::Error(e.at, "cannot compare these values with '" + op + "'", "compare numbers with numbers and text with text");
    }

    Value call(const Expr& e) const {
        // Test functions that do not fail on absent paths.
        if (e.name == "defined" || e.name == "suppressed") {
            if (e.args.size() != 1 || e.args[0]->kind != Expr::Path)
                throw core::Error(e.at, e.name + "() takes one variable name");
            try {
                Value v = resolve(*e.args[0]);
                return Value::boolean(e.name == "defined" ? true : v.isSuppressed());
            } catch (const core::Error&) {
                return Value::boolean(false);
            }
        }
        // any(list, "field") / all(list, "field"): whether some / every element's field is true,
        // e.g. {{#unless all(roles.outcomes, "too_few")}} around the outcome figures.
        if (e.name == "any" || e.name == "all") {
            if (e.args.size() != 2 || e.args[1]->kind != Expr::Literal || !e.args[1]->literal.isString())
                throw core::Error(e.at, e.name + "() takes a list and a quoted field name",
                                  "e.g. " + e.name + "(roles.outcomes, \"too_few\")");
            Value list = eval(*e.args[0]);
            if (!list.isArray()) throw core::Error(e.at, e.name + "() needs a list", "pass e.g. roles.outcomes");
            const std::string field = e.args[1]->literal.asString();
            bool any = false, all = true;
            for (const auto& el : list.elements()) {
                const Value* f = el.find(field);
                bool t = f && truthy(*f);
                any = any || t;
                all = all && t;
            }
            return Value::boolean(e.name == "any" ? any : all);
        }
        throw core::Error(e.at, "unknown function '" + e.name + "'", "use defined(…), suppressed(…), any(…) or all(…)");
    }

    double numArg(const Expr& e, size_t i, double def) const {
        if (e.args.size() <= i) return def;
        Value v = eval(*e.args[i]);
        if (!v.isNumber()) throw core::Error(e.args[i]->at, "filter '" + e.name + "' expects a number argument");
        return v.asNumber();
    }
    std::string strArg(const Expr& e, size_t i) const {
        if (e.args.size() <= i) throw core::Error(e.at, "filter '" + e.name + "' needs more arguments");
        Value v = eval(*e.args[i]);
        if (!v.isString()) throw core::Error(e.args[i]->at, "filter '" + e.name + "' expects a text argument");
        return v.asString();
    }

    Value filter(const Expr& e, bool* raw) const {
        Value in = eval(*e.args[0], raw);
        const std::string& f = e.name;
        if (f == "raw") {
            if (raw) *raw = true;
            return in;
        }
        if (f == "default") return in.isNull() ? eval(*e.args.at(1)) : in;
        if (f == "count" || f == "length") return Value::integer(static_cast<long long>(in.size()));
        // {{ project.municipalities | list }}: "Hvidovre, Vejen og Odder".
        if (f == "list") {
            if (!in.isArray()) throw core::Error(e.at, "filter 'list' needs a list");
            std::string out;
            const size_t n = in.size();
            for (size_t i = 0; i < n; ++i) {
                const Value& el = in.elements()[i];
                std::string item = el.isString() ? el.asString() : el.isNumber() ? core::formatNumber(el.asNumber(), 0) : "";
                if (i > 0) out += i + 1 == n ? " og " : ", ";
                out += item;
            }
            return Value::string(out);
        }
        // {{ year | year }}: a whole number without thousands separator (2014, not 2.014).
        if (f == "year") {
            if (!in.isNumber() || !(std::fabs(in.asNumber()) < 1e15)) throw core::Error(e.at, "filter 'year' needs a number");
            return Value::string(std::to_string(static_cast<long long>(core::roundHalfAway(in.asNumber(), 0))));
        }
        // Number filters pass suppressed cells and missing values through as their text.
        if (f == "num" || f == "pct" || f == "int" || f == "signed" || f == "abs") {
            if (in.isSuppressed()) return Value::string(in.asString());
            if (in.isNull()) return Value::string("–");
            if (!in.isNumber())
                throw core::Error(e.at, "filter '" + f + "' needs a number, but '" + describe(*e.args[0]) + "' is not one");
            double v = in.asNumber();
            int d = static_cast<int>(numArg(e, 1, 0));
            if (f == "num" && d < 0) {  // num(-2): to the nearest hundred, as "13.900"
                const double step = std::pow(10.0, -d);
                return Value::string(core::formatNumber(core::roundHalfAway(v / step, 0) * step, 0));
            }
            if (f == "num") return Value::string(core::formatNumber(v, d));
            if (f == "pct") return Value::string(core::formatPercent(v, d));
            if (f == "int") return Value::string(core::formatCount(static_cast<long long>(core::roundHalfAway(v, 0))));
            if (f == "signed") return Value::string(core::formatSigned(v, d));
            return Value::number(std::fabs(v));
        }
        if (f == "plural") {
            // {{ n | plural("borger", "borgere") }}: singular for exactly 1.
            std::string one = strArg(e, 1), many = strArg(e, 2);
            bool single = in.isNumber() && in.asNumber() == 1;
            return Value::string(single ? one : many);
        }
        if (f == "date") {
            if (in.isString()) {
                auto d = core::parseDate(in.asString());
                if (!d) throw core::Error(e.at, "'" + in.asString() + "' is not a date");
                return Value::string(core::formatDanishDate(*d));
            }
            if (in.isNumber()) return Value::string(core::formatDanishDate(static_cast<core::Days>(in.asNumber())));
            throw core::Error(e.at, "filter 'date' needs a date");
        }
        if (f == "upper" || f == "lower" || f == "capitalize") {
            if (!in.isString()) throw core::Error(e.at, "filter '" + f + "' needs text");
            std::string s = in.asString();
            if (f == "lower") return Value::string(core::foldCase(s));
            if (f == "upper") {
                std::string o;
                for (size_t i = 0; i < s.size();) {
                    char32_t c = core::decodeUtf8(s, i);
                    if (c >= 'a' && c <= 'z') c -= 32;
                    else if (c >= 0xE0 && c <= 0xFE && c != 0xF7) c -= 32;
                    core::appendUtf8(o, c);
                }
                return Value::string(o);
            }
            if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 32);
            else if (s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0xC3 && static_cast<unsigned char>(s[1]) >= 0xA0 &&
                     static_cast<unsigned char>(s[1]) <= 0xBE)
                s[1] = static_cast<char>(static_cast<unsigned char>(s[1]) - 0x20);
            return Value::string(s);
        }
        static const std::vector<std::string> known = {"num",  "pct",   "int",   "signed", "abs",   "plural", "date",
                                                       "upper", "lower", "capitalize", "default", "count", "raw", "year", "list"};
        std::string near = project::nearest(f, known);
        throw core::Error(e.at, "unknown filter '" + f + "'",
                          near.empty() ? "known filters: num, pct, int, signed, plural, date, default, raw"
                                       : "did you mean '" + near + "'?");
    }

    const Value& root_;
    const std::string& partialDir_;
    Expansion& out_;
    bool plain_;
    std::vector<Scope> scopes_;
    std::vector<std::shared_ptr<Value>> held_;
};

}  // namespace

std::string TemplateEngine::expandText(const std::string& where, const std::string& text,
                                       const core::Value& context) const {
    Parser parser(split(where, text));
    std::vector<Node> nodes = parser.parseAll();
    Expansion out;
    Evaluator ev(context, partialDir_, out, true);
    ev.run(nodes);
    return out.markdown;
}

Expansion TemplateEngine::expand(const std::string& file, const std::string& text, const core::Value& context) const {
    if (size_t bad = core::findInvalidUtf8(text); bad != std::string::npos) {
        long line = 1, col = 1;
        advance(text.substr(0, bad), line, col);
        throw core::Error({file, line, col}, "invalid UTF-8 in template", "save the template as UTF-8");
    }
    Parser parser(split(file, text));
    std::vector<Node> nodes = parser.parseAll();
    Expansion out;
    Evaluator ev(context, partialDir_, out);
    ev.run(nodes);
    return out;
}

}  // namespace document
