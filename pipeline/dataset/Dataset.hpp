#pragma once
// The typed, columnar dataset that ingest hands to stats. Text-like values are interned
// (a column stores small integer symbols), numbers are doubles with NaN for missing, dates
// are days since 1970. Each row remembers its source line for later messages.
//
// Storage is compact because a million questionnaire rows must fit in well under 200 MiB:
// numbers are kept as one byte each while every value is a small whole number (answers on
// 0–5 scales, ages) and widen to doubles on the first value that is not; the symbol texts
// live in one character buffer. Both read like the vectors they replace: num[r] is a double,
// dict[s] a string_view.
#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/Date.hpp"
#include "project/Project.hpp"

namespace dataset {

using project::ColumnType;

// A column of doubles (NaN = missing), stored as int8 while all values are small integers.
class Numbers {
public:
    double operator[](size_t i) const {
        if (wide_) return big_[i];
        int8_t v = small_[i];
        return v == kMissing ? std::numeric_limits<double>::quiet_NaN() : v;
    }
    size_t size() const { return wide_ ? big_.size() : small_.size(); }
    bool empty() const { return size() == 0; }
    void reserve(size_t n);
    void push_back(double v) {
        if (!wide_) {
            if (std::isnan(v)) return small_.push_back(kMissing);
            if (v >= -127 && v <= 127 && v == static_cast<double>(static_cast<int>(v))) {
                if (v != 0 || !std::signbit(v)) return small_.push_back(static_cast<int8_t>(v));
            }
            widen();
        }
        big_.push_back(v);
    }
    void pushMissing() {
        if (!wide_) small_.push_back(kMissing);
        else big_.push_back(std::numeric_limits<double>::quiet_NaN());
    }
    // A whole number in -127..127 (the common case of answers on a scale).
    void pushSmall(int v) {
        if (!wide_) small_.push_back(static_cast<int8_t>(v));
        else big_.push_back(v);
    }
    void append(const Numbers& other);  // for tables read from several parts
    bool compact() const { return !wide_; }

    class const_iterator {
    public:
        using value_type = double;
        using difference_type = std::ptrdiff_t;
        const_iterator(const Numbers* n, size_t i) : n_(n), i_(i) {}
        double operator*() const { return (*n_)[i_]; }
        const_iterator& operator++() { ++i_; return *this; }
        bool operator==(const const_iterator& o) const { return i_ == o.i_; }
        bool operator!=(const const_iterator& o) const { return i_ != o.i_; }
    private:
        const Numbers* n_;
        size_t i_;
    };
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size()}; }

private:
    static constexpr int8_t kMissing = -128;
    void widen();
    bool wide_ = false;
    size_t reserved_ = 0;
    std::vector<int8_t> small_;
    std::vector<double> big_;
};

// Append-only table of strings in one buffer; entry 0 is the empty string.
class Strings {
public:
    Strings() { ends_.push_back(0); }
    std::string_view operator[](size_t i) const {
        size_t b = i == 0 ? 0 : ends_[i - 1];
        return std::string_view(chars_.data() + b, ends_[i] - b);
    }
    size_t size() const { return ends_.size(); }
    void push_back(std::string_view s) {
        chars_.insert(chars_.end(), s.begin(), s.end());
        ends_.push_back(chars_.size());
    }
    void reserve(size_t entries, size_t bytes) {
        ends_.reserve(entries);
        chars_.reserve(bytes);
    }

    class const_iterator {
    public:
        using value_type = std::string_view;
        using difference_type = std::ptrdiff_t;
        const_iterator(const Strings* s, size_t i) : s_(s), i_(i) {}
        std::string_view operator*() const { return (*s_)[i_]; }
        const_iterator& operator++() { ++i_; return *this; }
        bool operator==(const const_iterator& o) const { return i_ == o.i_; }
        bool operator!=(const const_iterator& o) const { return i_ != o.i_; }
    private:
        const Strings* s_;
        size_t i_;
    };
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size()}; }

private:
    std::vector<char> chars_;
    std::vector<size_t> ends_;  // ends_[i] = end offset of entry i
};

// Open-addressing hash index from text to symbol over a column's Strings. Entries appended
// to the dictionary without insert() (ids arriving in order) are added on the first lookup,
// in one prefetched pass and under a lock, so a column nobody looks up is never indexed.
class SymbolIndex {
public:
    SymbolIndex() = default;
    SymbolIndex(const SymbolIndex& o);
    SymbolIndex& operator=(const SymbolIndex& o);
    SymbolIndex(SymbolIndex&& o) noexcept { *this = std::move(o); }
    SymbolIndex& operator=(SymbolIndex&& o) noexcept;

    // Symbol of `s` (with hash `h`), or 0.
    uint32_t find(std::string_view s, uint64_t h, const Strings& dict) const;
    // Adds symbol `sym`, the last entry of the dictionary.
    void insert(uint32_t sym, uint64_t h);
    static uint64_t hash(std::string_view s);

private:
    void catchUp(const Strings& dict) const;
    void place(uint64_t entry) const;
    void grow(size_t entries) const;
    mutable std::vector<uint64_t> slots_;  // (hash high 32 bits << 32) | symbol; 0 = empty
    mutable size_t count_ = 0;
    mutable size_t mask_ = 0;
    mutable std::atomic<size_t> upTo_{1};  // dict entries [1, upTo_) are in the index
    mutable std::mutex lock_;
};

struct Column {
    std::string name;
    ColumnType type = ColumnType::Text;
    bool scaled = false;                 // category with a scale: values are codes in `num`

    Numbers num;                         // integer, decimal, scaled category; NaN = missing
    std::vector<core::Days> date;        // date; core::kNoDate = missing
    std::vector<uint32_t> sym;           // id, text, plain category; 0 = missing

    Strings dict;                        // symbol -> text; dict[0] is the empty string

    bool numeric() const { return type == ColumnType::Integer || type == ColumnType::Decimal || scaled; }
    bool symbolic() const { return !numeric() && type != ColumnType::Date; }
    bool missing(size_t row) const;
    std::string_view text(size_t row) const { return dict[sym[row]]; }
    uint32_t symbolOf(std::string_view s) const;  // 0 if the text never occurs

    // Build-time interning. `isNew` (optional) tells whether the text was seen for the first time.
    uint32_t intern(std::string_view s, bool* isNew = nullptr);
    // Build-time: appends a text known to be new (ids that arrive in increasing order) without
    // a lookup; the index takes it in on its next use.
    uint32_t appendNew(std::string_view s) {
        dict.push_back(s);
        return static_cast<uint32_t>(dict.size() - 1);
    }
    SymbolIndex index;
};

struct Table {
    std::string name;
    std::string source;                  // file it came from (the first one, for a glob)
    size_t rows = 0;
    std::vector<Column> columns;
    std::vector<uint32_t> lines;         // source line of each row (sheet row, query row, JSON line)

    const Column* column(std::string_view n) const;
    Column* column(std::string_view n);
};

struct Dataset {
    std::vector<Table> tables;
    const Table* table(std::string_view n) const;
};

}  // namespace dataset
