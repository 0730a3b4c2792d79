#pragma once
// Shared pieces of evalreport-gen: a portable PRNG, a buffered CSV writer that formats
// numbers and dates by hand, and the list of Danish municipalities.
//
// Output must be byte-identical for a given seed on every platform and library version, so
// nothing here uses <random> distributions, iostreams or locale-dependent formatting.
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "core/Date.hpp"

namespace gen {

// xoshiro256** seeded through splitmix64 (Blackman & Vigna). Every draw below is defined
// in terms of next(), so the stream is the same everywhere.
class Rng {
public:
    explicit Rng(uint64_t seed) {
        uint64_t x = seed;
        for (auto& w : s_) w = splitmix(x);
    }
    static uint64_t splitmix(uint64_t& x) {
        uint64_t z = (x += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    uint64_t next() {
        const uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    // Uniform integer in [lo, hi] (multiply-shift; the bias is below 2^-32 for our ranges).
    int range(int lo, int hi) {
        const uint64_t span = static_cast<uint64_t>(static_cast<int64_t>(hi) - lo + 1);
        return lo + static_cast<int>((static_cast<unsigned __int128>(next()) * span) >> 64);
    }
    // Uniform double in [0, 1).
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return unit() < p; }
    // Index drawn with integer weights (small tables only).
    template <size_t N>
    int weighted(const int (&w)[N]) {
        int total = 0;
        for (int x : w) total += x;
        int r = range(0, total - 1);
        for (size_t i = 0; i < N; ++i) {
            if (r < w[i]) return static_cast<int>(i);
            r -= w[i];
        }
        return static_cast<int>(N - 1);
    }

private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t s_[4];
};

// Derives an independent stream for item `index` of stream `stream`, so that a citizen's
// data do not depend on how many draws earlier citizens used.
inline Rng streamFor(uint64_t seed, uint64_t stream, uint64_t index) {
    uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ull);
    uint64_t a = Rng::splitmix(x);
    uint64_t y = a ^ (index * 0x9E3779B97F4A7C15ull);
    return Rng(Rng::splitmix(y));
}

// Buffered file writer: fields are appended to a large buffer that is written with fwrite.
class CsvOut {
public:
    CsvOut(const std::string& path, bool bom = false);
    ~CsvOut();
    CsvOut(const CsvOut&) = delete;
    CsvOut& operator=(const CsvOut&) = delete;

    void raw(std::string_view s) {
        reserve(s.size());
        for (char c : s) buf_[n_++] = c;
    }
    void ch(char c) {
        reserve(1);
        buf_[n_++] = c;
    }
    void sep() { ch(';'); }
    void nl() { ch('\n'); }
    void uint(uint64_t v);
    void padded(uint64_t v, int width);    // zero-padded to width digits
    void id(char prefix, uint64_t v, int width) {
        ch(prefix);
        padded(v, width);
    }
    void date(core::Days d);               // dd-mm-yyyy
    void quarterHours(int quarters);       // 5 -> "1,25", 4 -> "1"
    void decimal1(int tenths);             // 35 -> "3,5", 30 -> "3"
    void close();
    uint64_t rows = 0;                     // data rows written (callers count)

private:
    void reserve(size_t k) {
        if (n_ + k > buf_.size()) flush();
    }
    void flush();
    std::string path_;
    std::FILE* f_ = nullptr;
    std::vector<char> buf_;
    size_t n_ = 0;
};

struct Municipality {
    const char* name;
    int population;  // approximate, thousands of inhabitants (used only as a weight)
};
// The 98 Danish municipalities, largest first.
const std::vector<Municipality>& municipalities();

// Number of decimal digits of v (at least 1).
int digits(uint64_t v);

struct Options {
    std::string shape = "aeldre";
    uint64_t citizens = 1000;
    int municipalities = 3;
    int quarters = 12;
    uint64_t seed = 1;
    std::string out;
    core::Days start = 0;  // first day of the period
    bool quiet = false;
};

struct Summary {
    std::vector<std::pair<std::string, uint64_t>> tables;  // file -> data rows
    std::vector<std::string> municipalityNames;
};

Summary generateAeldre(const Options& o);
Summary generateVaeresteder(const Options& o);

// Writes text to path in one go; throws std::runtime_error on failure.
void writeText(const std::string& path, const std::string& text);

// The municipality names used for a run: the n largest, in a fixed order.
std::vector<std::string> pickMunicipalities(int n);
// Splits `total` over weights (largest remainder), at least `floor` each when possible.
std::vector<uint64_t> apportion(uint64_t total, const std::vector<double>& weights, uint64_t floor);

std::string yamlQuote(const std::string& s);

}  // namespace gen
