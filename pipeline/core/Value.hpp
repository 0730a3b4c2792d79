#pragma once
// A JSON-like tree: the one structure the stats stage hands to figures and templates.
// Objects keep insertion order so `evalreport stats` output is stable and readable.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace core {

class Value {
public:
    enum class Kind { Null, Bool, Number, String, Array, Object, Suppressed };

    Value() = default;
    static Value number(double v);
    static Value integer(long long v) { return number(static_cast<double>(v)); }
    static Value string(std::string s);
    static Value boolean(bool b);
    static Value array();
    static Value object();
    // A cell withheld by small-cell suppression: it has no number, only the text shown instead.
    static Value suppressed(std::string shown = "<5");

    Kind kind() const { return kind_; }
    bool isNull() const { return kind_ == Kind::Null; }
    bool isNumber() const { return kind_ == Kind::Number; }
    bool isString() const { return kind_ == Kind::String; }
    bool isObject() const { return kind_ == Kind::Object; }
    bool isArray() const { return kind_ == Kind::Array; }
    bool isSuppressed() const { return kind_ == Kind::Suppressed; }

    double asNumber() const { return number_; }
    bool asBool() const { return number_ != 0.0; }
    const std::string& asString() const { return string_; }  // also the shown text of a suppressed cell

    // Object access; set() replaces an existing key in place.
    Value& set(std::string key, Value v);
    const Value* find(std::string_view key) const;
    Value* find(std::string_view key);
    const std::vector<std::pair<std::string, Value>>& items() const { return members_; }

    // Array access.
    Value& push(Value v);
    const std::vector<Value>& elements() const { return elements_; }
    size_t size() const;

    // Dotted path lookup: "who5.mean_first", "status.counts.0.n". nullptr if absent.
    const Value* path(std::string_view dotted) const;

    std::string toJson(int indent = 2) const;

private:
    void writeJson(std::string& out, int indent, int depth) const;

    Kind kind_ = Kind::Null;
    double number_ = 0.0;
    std::string string_;
    std::vector<Value> elements_;
    std::vector<std::pair<std::string, Value>> members_;
};

// Shortest text that reads back as the same double ("0.1", "22.823529411764707").
std::string jsonNumber(double v);
std::string jsonQuote(std::string_view s);

}  // namespace core
