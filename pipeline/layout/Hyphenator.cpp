#include "layout/Hyphenator.hpp"

#include <hyphen.h>

#include <cstdlib>
#include <mutex>

#include "core/Utf8.hpp"

namespace layout {

Hyphenator::Hyphenator(const char* path) { dict_ = hnj_hyphen_load(path); }

Hyphenator::~Hyphenator() {
    if (dict_) hnj_hyphen_free(static_cast<HyphenDict*>(dict_));
}

const Hyphenator& Hyphenator::danish() {
    static const Hyphenator h([] {
        const char* env = std::getenv("EVALREPORT_HYPHEN_DICT");
        return env && *env ? env : "/usr/share/hyphen/hyph_da_DK.dic";
    }());
    return h;
}

std::vector<size_t> Hyphenator::points(std::string_view word) const {
    std::vector<size_t> out;
    if (!dict_) return out;
    // To lower-case Latin-1 (the dictionary's charset), remembering each letter's UTF-8 end.
    std::string latin;
    std::vector<size_t> endByte;
    for (size_t i = 0; i < word.size();) {
        char32_t c = core::decodeUtf8(word, i);
        if (c >= 'A' && c <= 'Z') c += 32;
        else if (c >= 0xC0 && c <= 0xDE && c != 0xD7) c += 32;
        bool letter = (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7);
        if (!letter) return out;  // only hyphenate plain words
        latin += static_cast<char>(c);
        endByte.push_back(i);
    }
    if (latin.size() < 5) return out;
    std::vector<char> hyphens(latin.size() + 5, '0');
    char** rep = nullptr;
    int* pos = nullptr;
    int* cut = nullptr;
    // libhyphen keeps no per-call state in the dictionary, but guard against concurrent use anyway.
    static std::mutex mu;
    {
        std::lock_guard<std::mutex> lock(mu);
        hnj_hyphen_hyphenate2(static_cast<HyphenDict*>(dict_), latin.data(), static_cast<int>(latin.size()),
                              hyphens.data(), nullptr, &rep, &pos, &cut);
    }
    if (rep) {
        for (size_t i = 0; i < latin.size(); ++i) std::free(rep[i]);
        std::free(rep);
        std::free(pos);
        std::free(cut);
    }
    for (size_t i = 1; i + 3 < latin.size(); ++i)
        if ((hyphens[i] - '0') % 2 == 1) out.push_back(endByte[i]);
    return out;
}

}  // namespace layout
