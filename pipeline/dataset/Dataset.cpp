#include "dataset/Dataset.hpp"

#include <cstring>

namespace dataset {

void Numbers::reserve(size_t n) {
    reserved_ = n;
    if (wide_) big_.reserve(n);
    else small_.reserve(n);
}

void Numbers::widen() {
    big_.reserve(std::max(reserved_, small_.size() + 1));
    for (int8_t v : small_) big_.push_back(v == kMissing ? std::numeric_limits<double>::quiet_NaN() : v);
    std::vector<int8_t>().swap(small_);
    wide_ = true;
}

void Numbers::append(const Numbers& other) {
    if (!wide_ && !other.wide_) {
        small_.insert(small_.end(), other.small_.begin(), other.small_.end());
        return;
    }
    if (!wide_) widen();
    if (other.wide_) big_.insert(big_.end(), other.big_.begin(), other.big_.end());
    else
        for (size_t i = 0; i < other.size(); ++i) big_.push_back(other[i]);
}

// A small multiply-xorshift hash over 8-byte words: ids and labels are short, and
// std::hash would need a std::string per lookup.
uint64_t SymbolIndex::hash(std::string_view s) {
    const uint64_t k = 0x9E3779B97F4A7C15ull;
    uint64_t h = s.size() * k;
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    if (i < s.size()) {
        uint64_t w = 0;
        std::memcpy(&w, s.data() + i, s.size() - i);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    h *= k;
    return h ^ (h >> 32);
}

SymbolIndex::SymbolIndex(const SymbolIndex& o) { *this = o; }

SymbolIndex& SymbolIndex::operator=(const SymbolIndex& o) {
    if (this != &o) {
        slots_ = o.slots_;
        count_ = o.count_;
        mask_ = o.mask_;
        upTo_.store(o.upTo_.load());
    }
    return *this;
}

SymbolIndex& SymbolIndex::operator=(SymbolIndex&& o) noexcept {
    if (this != &o) {
        slots_ = std::move(o.slots_);
        count_ = o.count_;
        mask_ = o.mask_;
        upTo_.store(o.upTo_.load());
    }
    return *this;
}

void SymbolIndex::place(uint64_t e) const {
    size_t i = (e >> 32) & mask_;
    while (slots_[i]) i = (i + 1) & mask_;
    slots_[i] = e;
    ++count_;
}

void SymbolIndex::grow(size_t entries) const {
    size_t want = 16;
    while (want < entries * 2) want <<= 1;
    if (want <= slots_.size()) return;
    std::vector<uint64_t> old;
    old.swap(slots_);
    slots_.assign(want, 0);
    mask_ = want - 1;
    count_ = 0;
    for (uint64_t e : old)
        if (e) place(e);
}

void SymbolIndex::catchUp(const Strings& dict) const {
    std::lock_guard<std::mutex> guard(lock_);
    const size_t from = upTo_.load(std::memory_order_relaxed), n = dict.size();
    if (from >= n) return;
    grow(count_ + (n - from));
    // Hashing ahead and prefetching the slot hides most cache misses of a big table.
    constexpr size_t kAhead = 16;
    uint64_t ring[kAhead];
    for (size_t i = from; i < n && i < from + kAhead; ++i) {
        ring[i % kAhead] = hash(dict[i]);
        __builtin_prefetch(&slots_[(ring[i % kAhead] >> 32) & mask_]);
    }
    for (size_t i = from; i < n; ++i) {
        const uint64_t h = ring[i % kAhead];
        place(((h >> 32) << 32) | i);
        if (i + kAhead < n) {
            const uint64_t next = hash(dict[i + kAhead]);
            ring[(i + kAhead) % kAhead] = next;
            __builtin_prefetch(&slots_[(next >> 32) & mask_]);
        }
    }
    upTo_.store(n, std::memory_order_release);
}

uint32_t SymbolIndex::find(std::string_view s, uint64_t h, const Strings& dict) const {
    if (upTo_.load(std::memory_order_acquire) < dict.size()) catchUp(dict);
    if (slots_.empty()) return 0;
    const uint64_t tag = h >> 32;
    for (size_t i = tag & mask_;; i = (i + 1) & mask_) {
        uint64_t e = slots_[i];
        if (!e) return 0;
        if ((e >> 32) == tag) {
            uint32_t sym = static_cast<uint32_t>(e);
            if (dict[sym] == s) return sym;
        }
    }
}

void SymbolIndex::insert(uint32_t sym, uint64_t h) {
    if ((count_ + 1) * 2 > slots_.size()) grow(slots_.empty() ? 8 : slots_.size());
    place(((h >> 32) << 32) | sym);
    upTo_.store(sym + 1, std::memory_order_release);
}

bool Column::missing(size_t row) const {
    if (numeric()) return std::isnan(num[row]);
    if (type == ColumnType::Date) return date[row] == core::kNoDate;
    return sym[row] == 0;
}

uint32_t Column::symbolOf(std::string_view s) const {
    if (s.empty()) return 0;
    return index.find(s, SymbolIndex::hash(s), dict);
}

uint32_t Column::intern(std::string_view s, bool* isNew) {
    if (isNew) *isNew = false;
    if (s.empty()) return 0;
    uint64_t h = SymbolIndex::hash(s);
    if (uint32_t sym = index.find(s, h, dict)) return sym;
    uint32_t sym = static_cast<uint32_t>(dict.size());
    dict.push_back(s);
    index.insert(sym, h);
    if (isNew) *isNew = true;
    return sym;
}

const Column* Table::column(std::string_view n) const {
    for (const auto& c : columns)
        if (c.name == n) return &c;
    return nullptr;
}

Column* Table::column(std::string_view n) {
    for (auto& c : columns)
        if (c.name == n) return &c;
    return nullptr;
}

const Table* Dataset::table(std::string_view n) const {
    for (const auto& t : tables)
        if (t.name == n) return &t;
    return nullptr;
}

}  // namespace dataset
