#include "text/Fonts.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <unordered_map>

#include "core/Error.hpp"
#include "core/Utf8.hpp"

namespace text {

namespace {

// Windows-1252: Latin-1 except 0x80-0x9F, where it has the euro sign, typographic quotes and
// dashes, and five unassigned bytes (0). The table is the code page's definition (Microsoft's
// cp1252.txt, as Python's and Poco's codecs have it); tests/unit check it against Python.
constexpr char32_t kCp1252High[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// Unicode -> CP1252 byte and back, built once.
struct Cp1252Map {
    std::unordered_map<char32_t, unsigned char> fromUnicode;
    std::array<char32_t, 256> toUnicode{};
    Cp1252Map() {
        for (int b = 1; b < 256; ++b) {
            char32_t cp = b >= 0x80 && b < 0xA0 ? kCp1252High[b - 0x80] : static_cast<char32_t>(b);
            toUnicode[static_cast<size_t>(b)] = cp;
            if (cp) fromUnicode.emplace(cp, static_cast<unsigned char>(b));
        }
    }
};

const Cp1252Map& cpMap() {
    static const Cp1252Map m;
    return m;
}

const char* transliterate(char32_t cp) {
    switch (cp) {
        case 0x2265: return ">=";
        case 0x2264: return "<=";
        case 0x2212: return "-";   // minus sign
        case 0x2010: case 0x2011: return "-";
        case 0x2192: return "->";
        case 0x2009: case 0x202F: case 0x2002: case 0x2003: return " ";
        case 0x00D7: return "x";
        default: return nullptr;
    }
}

std::string fontDir() {
    if (const char* d = std::getenv("EVALREPORT_FONT_DIR"); d && *d) return d;
    return "/usr/share/fonts/truetype/liberation2";
}

}  // namespace

char32_t cp1252ToUnicode(unsigned char byte) { return cpMap().toUnicode[byte]; }

std::string toCp1252(std::string_view utf8) {
    const auto& m = cpMap();
    std::string out;
    out.reserve(utf8.size());
    for (size_t i = 0; i < utf8.size();) {
        unsigned char c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        char32_t cp = core::decodeUtf8(utf8, i);
        if (auto it = m.fromUnicode.find(cp); it != m.fromUnicode.end()) {
            out += static_cast<char>(it->second);
        } else if (const char* t = transliterate(cp)) {
            out += t;
        } else {
            out += '?';
        }
    }
    return out;
}

Fonts::Fonts() {
    const std::string dir = fontDir();
    const char* names[4] = {"LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf",
                            "LiberationSans-BoldItalic.ttf"};
    const auto& m = cpMap();
    for (size_t f = 0; f < 4; ++f) {
        files_[f] = dir + "/" + names[f];
        struct stat st;
        if (::stat(files_[f].c_str(), &st) != 0)
            throw core::Error({files_[f]}, "font file not found",
                              "install the Debian package fonts-liberation2 or set EVALREPORT_FONT_DIR");
        faces_.push_back(TrueType::load(files_[f]));
        const TrueType& tt = faces_.back();
        // Widths in 1/1000 em, truncated as libharu truncates them for the PDF's /Widths, so
        // what layout measures is exactly what the viewer advances. A character the font does
        // not map gets the width of .notdef (glyph 0).
        const int upem = tt.unitsPerEm();
        for (size_t b = 0; b < 256; ++b) {
            char32_t u = m.toUnicode[b];
            if (!u) continue;
            widths_[f][b] = static_cast<float>(tt.advance(tt.glyph(u)) * 1000 / upem);
        }
        if (f == 0) {  // hhea ascender and descender, as libharu writes them
            ascent_ = tt.ascender() * 1000 / upem;
            descent_ = -(tt.descender() * 1000 / upem);
        }
    }
}

const Fonts& Fonts::standard() {
    static const Fonts fonts;
    return fonts;
}

double Fonts::widthCp1252(std::string_view bytes, scene::Face face, double size) const {
    const auto& w = widths_[static_cast<size_t>(face)];
    double sum = 0;
    for (unsigned char c : bytes) sum += w[c];
    return sum * size / 1000.0;
}

double Fonts::width(std::string_view utf8, scene::Face face, double size) const {
    // Fast path for ASCII, which is most text.
    const auto& w = widths_[static_cast<size_t>(face)];
    double sum = 0;
    for (size_t i = 0; i < utf8.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(utf8[i]);
        if (c >= 0x80) return widthCp1252(toCp1252(utf8), face, size);
        sum += w[c];
    }
    return sum * size / 1000.0;
}

}  // namespace text
