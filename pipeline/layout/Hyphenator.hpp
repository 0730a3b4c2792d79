#pragma once
// Danish hyphenation with libhyphen and the hyphen-da patterns (Debian: hyphen-da).
#include <string>
#include <string_view>
#include <vector>

namespace layout {

class Hyphenator {
public:
    // The process-wide Danish hyphenator; if the dictionary is missing, words are not hyphenated.
    static const Hyphenator& danish();
    ~Hyphenator();

    // Byte offsets in the UTF-8 `word` after which a hyphen may be inserted. Leaves at least
    // two letters before and three after a break (Danish typographic convention).
    std::vector<size_t> points(std::string_view word) const;
    bool available() const { return dict_ != nullptr; }

private:
    explicit Hyphenator(const char* path);
    void* dict_ = nullptr;
};

}  // namespace layout
