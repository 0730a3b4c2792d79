#pragma once
// A read-only YAML node tree with the line and column of every node, filled from libyaml's
// event parser (Debian's libyaml-0-2). It replaces yaml-cpp, whose parser took ~3 ms of the
// status note's 15 ms budget for a 15 KB project.yaml (docs/BENCHMARKS.md "Rendering").
// The API is the small part of yaml-cpp's Node that the configuration parsers use, with the
// same meaning: a missing key gives an undefined node (false in a boolean context), a plain
// empty, "~" or "null" value is null, and iterating a mapping gives entries with .first and
// .second.
#include <cstddef>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace yml {

struct Mark {
    int line = -1;    // 0-based, as yaml-cpp's
    int column = -1;  // 0-based, in characters
    bool is_null() const { return line < 0; }
};

enum class Kind : unsigned char { Null, Scalar, Sequence, Map };

struct Data {
    Kind kind = Kind::Null;
    Mark mark;
    std::string text;                // a scalar's value
    std::vector<const Data*> items;  // a sequence's elements; a map's key, value, key, value…
};

struct Tree;

class Item;

// A syntax error, with where libyaml found it; tooDeep for nesting past the limit.
struct SyntaxError {
    std::string message;
    Mark mark;
    bool tooDeep = false;
    std::string fix;  // when the usual advice (indentation, quoting) does not fit
};

class Node {
public:
    Node() = default;

    bool IsDefined() const { return d_ != nullptr; }
    explicit operator bool() const { return IsDefined(); }
    bool operator!() const { return !IsDefined(); }
    bool IsNull() const { return d_ && d_->kind == Kind::Null; }
    bool IsScalar() const { return d_ && d_->kind == Kind::Scalar; }
    bool IsSequence() const { return d_ && d_->kind == Kind::Sequence; }
    bool IsMap() const { return d_ && d_->kind == Kind::Map; }

    // A scalar's text ("" for anything else).
    const std::string& Scalar() const;
    yml::Mark Mark() const { return d_ ? d_->mark : yml::Mark{}; }
    size_t size() const;

    // A mapping's value for `key` (undefined when absent or not a mapping).
    Node operator[](std::string_view key) const;
    // A sequence's element (undefined when out of range or not a sequence).
    Node operator[](size_t i) const;
    Node operator[](int i) const { return i < 0 ? Node() : (*this)[static_cast<size_t>(i)]; }

    // as<std::string>, as<double>, as<int>, as<bool>: throw BadConversion when the node is not a scalar
    // of that kind (YAML 1.1 booleans: true/false, yes/no, on/off, y/n in their usual cases).
    template <class T>
    T as() const;

    class const_iterator;
    const_iterator begin() const;
    const_iterator end() const;

private:
    friend class Item;
    friend Node parse(const std::string& text);
    Node(std::shared_ptr<const Tree> tree, const Data* d) : tree_(std::move(tree)), d_(d) {}
    std::shared_ptr<const Tree> tree_;
    const Data* d_ = nullptr;
};

struct BadConversion {
    yml::Mark mark;
};

// What iterating yields: for a sequence the element itself, for a mapping an entry whose
// .first is the key and .second the value (as yaml-cpp's iterator value).
class Item : public Node {
public:
    Node first, second;
    Item() = default;
    Item(const Node& element) : Node(element) {}
    Item(const Node& key, const Node& value) : first(key), second(value) {}
};

class Node::const_iterator {
public:
    using value_type = Item;
    using difference_type = std::ptrdiff_t;
    using reference = const Item&;
    using pointer = const Item*;
    using iterator_category = std::forward_iterator_tag;

    const_iterator() = default;
    const Item& operator*() const { return item_; }
    const Item* operator->() const { return &item_; }
    const_iterator& operator++() {
        pos_ += step_;
        load();
        return *this;
    }
    bool operator==(const const_iterator& o) const { return pos_ == o.pos_; }
    bool operator!=(const const_iterator& o) const { return pos_ != o.pos_; }

private:
    friend class Node;
    const_iterator(const Node* owner, size_t pos, size_t step);
    void load();
    std::shared_ptr<const Tree> tree_;
    const Data* d_ = nullptr;
    size_t pos_ = 0, step_ = 1;
    Item item_;
};

template <>
std::string Node::as<std::string>() const;
template <>
double Node::as<double>() const;
template <>
bool Node::as<bool>() const;
template <>
int Node::as<int>() const;

// Parses the one document of `text` (an empty text is a null node). Throws SyntaxError with
// libyaml's message and context, for a second document, and (tooDeep) past 500 levels of
// nesting, aliases included.
Node parse(const std::string& text);

}  // namespace yml
