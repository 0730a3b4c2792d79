// Fuzz target: the TrueType reader and subsetter (text/TrueType.hpp). The input is a font file:
// its metrics and Unicode cmap are read for the CP1252 range, and a subset of the CP1252
// characters is made. A subset must parse again, map every character to a glyph with the
// same advance, and subset again to the same bytes; otherwise the target traps.
#include <cstdint>
#include <string>
#include <vector>

#include "FuzzSupport.hpp"
#include "core/Error.hpp"
#include "text/Fonts.hpp"
#include "text/TrueType.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::vector<char32_t> cps;
    for (int b = 32; b < 256; ++b)
        if (char32_t u = text::cp1252ToUnicode(static_cast<unsigned char>(b))) cps.push_back(u);
    cps.push_back(0x1F600);  // beyond the BMP: format 12 only, never in a subset
    try {
        text::TrueType font = text::TrueType::parse(std::string(reinterpret_cast<const char*>(data), size), "fuzz.ttf");
        for (char32_t cp : cps) {
            uint16_t g = font.glyph(cp);
            if (g >= font.numGlyphs()) __builtin_trap();
            (void)font.advance(g);
            (void)font.leftSideBearing(g);
        }
        const std::string bytes = font.subset(cps);
        text::TrueType sub = text::TrueType::parse(bytes, "subset.ttf");
        for (char32_t cp : cps) {
            const uint16_t g = font.glyph(cp), s = sub.glyph(cp);
            if (cp > 0xFFFE) continue;
            if ((g == 0) != (s == 0) || sub.advance(s) != font.advance(g)) __builtin_trap();
        }
        if (sub.subset(cps) != bytes) __builtin_trap();  // a subset of a subset is itself
    } catch (const core::Error& e) {
        (void)e.oneLine();
    }
    return 0;
}
