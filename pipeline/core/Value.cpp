#include "core/Value.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace core {

Value Value::number(double v) {
    Value x;
    x.kind_ = Kind::Number;
    x.number_ = v;
    return x;
}
Value Value::string(std::string s) {
    Value x;
    x.kind_ = Kind::String;
    x.string_ = std::move(s);
    return x;
}
Value Value::boolean(bool b) {
    Value x;
    x.kind_ = Kind::Bool;
    x.number_ = b ? 1.0 : 0.0;
    return x;
}
Value Value::array() {
    Value x;
    x.kind_ = Kind::Array;
    return x;
}
Value Value::object() {
    Value x;
    x.kind_ = Kind::Object;
    return x;
}
Value Value::suppressed(std::string shown) {
    Value x;
    x.kind_ = Kind::Suppressed;
    x.string_ = std::move(shown);
    return x;
}

Value& Value::set(std::string key, Value v) {
    if (kind_ == Kind::Null) kind_ = Kind::Object;
    for (auto& m : members_)
        if (m.first == key) {
            m.second = std::move(v);
            return m.second;
        }
    members_.emplace_back(std::move(key), std::move(v));
    return members_.back().second;
}

const Value* Value::find(std::string_view key) const {
    for (const auto& m : members_)
        if (m.first == key) return &m.second;
    return nullptr;
}

Value* Value::find(std::string_view key) {
    for (auto& m : members_)
        if (m.first == key) return &m.second;
    return nullptr;
}

Value& Value::push(Value v) {
    if (kind_ == Kind::Null) kind_ = Kind::Array;
    elements_.push_back(std::move(v));
    return elements_.back();
}

size_t Value::size() const {
    if (kind_ == Kind::Array) return elements_.size();
    if (kind_ == Kind::Object) return members_.size();
    return 0;
}

const Value* Value::path(std::string_view dotted) const {
    const Value* cur = this;
    while (cur && !dotted.empty()) {
        size_t dot = dotted.find('.');
        std::string_view part = dotted.substr(0, dot);
        dotted = dot == std::string_view::npos ? std::string_view{} : dotted.substr(dot + 1);
        if (cur->kind_ == Kind::Object) {
            cur = cur->find(part);
        } else if (cur->kind_ == Kind::Array) {
            size_t idx = 0;
            auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), idx);
            if (ec != std::errc() || p != part.data() + part.size() || idx >= cur->elements_.size())
                return nullptr;
            cur = &cur->elements_[idx];
        } else {
            return nullptr;
        }
    }
    return cur;
}

std::string jsonNumber(double v) {
    if (!std::isfinite(v)) return "null";
    if (v == 0.0) return "0";  // also folds -0
    char buf[64];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, p);
}

std::string jsonQuote(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char b[8];
                    std::snprintf(b, sizeof b, "\\u%04x", c);
                    out += b;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    out += '"';
    return out;
}

std::string Value::toJson(int indent) const {
    std::string out;
    writeJson(out, indent, 0);
    out += '\n';
    return out;
}

void Value::writeJson(std::string& out, int indent, int depth) const {
    auto newline = [&](int d) {
        if (indent <= 0) return;
        out += '\n';
        out.append(static_cast<size_t>(indent * d), ' ');
    };
    switch (kind_) {
        case Kind::Null: out += "null"; break;
        case Kind::Bool: out += number_ != 0.0 ? "true" : "false"; break;
        case Kind::Number: out += jsonNumber(number_); break;
        case Kind::String: out += jsonQuote(string_); break;
        case Kind::Suppressed:
            out += "{\"suppressed\": true, \"shown\": " + jsonQuote(string_) + "}";
            break;
        case Kind::Array:
            if (elements_.empty()) { out += "[]"; break; }
            out += '[';
            for (size_t i = 0; i < elements_.size(); ++i) {
                if (i) out += ',';
                newline(depth + 1);
                elements_[i].writeJson(out, indent, depth + 1);
            }
            newline(depth);
            out += ']';
            break;
        case Kind::Object:
            if (members_.empty()) { out += "{}"; break; }
            out += '{';
            for (size_t i = 0; i < members_.size(); ++i) {
                if (i) out += ',';
                newline(depth + 1);
                out += jsonQuote(members_[i].first);
                out += indent > 0 ? ": " : ":";
                members_[i].second.writeJson(out, indent, depth + 1);
            }
            newline(depth);
            out += '}';
            break;
    }
}

}  // namespace core
