#include "text/Fonts.hpp"

#include <Poco/Windows1252Encoding.h>
#include <hb.h>
#include <sys/stat.h>

#include <cstdlib>
#include <unordered_map>

#include "core/Error.hpp"
#include "core/Utf8.hpp"

namespace text {

namespace {

// Unicode -> CP1252 byte, built once from Poco's Windows-1252 table.
struct Cp1252Map {
    std::unordered_map<char32_t, unsigned char> fromUnicode;
    std::array<char32_t, 256> toUnicode{};
    Cp1252Map() {
        Poco::Windows1252Encoding enc;
        const auto& map = enc.characterMap();
        for (int b = 0; b < 256; ++b) {
            int cp = map[b];
            toUnicode[static_cast<size_t>(b)] = cp > 0 ? static_cast<char32_t>(cp) : 0;
            if (cp > 0) fromUnicode.emplace(static_cast<char32_t>(cp), static_cast<unsigned char>(b));
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

namespace {

// A face opened with HarfBuzz: the file is mapped, not read, and only the tables asked for
// (cmap, hmtx, hhea, head) are touched.
struct HbFace {
    hb_blob_t* blob = nullptr;
    hb_face_t* face = nullptr;
    hb_font_t* font = nullptr;
    explicit HbFace(const std::string& file) {
        blob = hb_blob_create_from_file_or_fail(file.c_str());
        if (!blob) return;
        face = hb_face_create(blob, 0);
        font = hb_font_create(face);
    }
    ~HbFace() {
        if (font) hb_font_destroy(font);
        if (face) hb_face_destroy(face);
        if (blob) hb_blob_destroy(blob);
    }
    HbFace(const HbFace&) = delete;
    HbFace& operator=(const HbFace&) = delete;
    bool ok() const { return blob && hb_face_get_glyph_count(face) > 0; }
};

int16_t readI16(const char* p) {
    return static_cast<int16_t>((static_cast<unsigned char>(p[0]) << 8) | static_cast<unsigned char>(p[1]));
}

}  // namespace

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
        HbFace hb(files_[f]);
        if (!hb.ok()) throw core::Error({files_[f]}, "cannot read this TrueType font");
        // Widths in 1/1000 em, truncated as libharu truncates them for the PDF's /Widths, so
        // what layout measures is exactly what the viewer advances.
        const int upem = static_cast<int>(hb_face_get_upem(hb.face));
        hb_codepoint_t notdef = 0;
        const int notdefWidth = hb_font_get_glyph_h_advance(hb.font, notdef) * 1000 / upem;
        for (size_t b = 0; b < 256; ++b) {
            char32_t u = m.toUnicode[b];
            if (!u) continue;
            hb_codepoint_t gid = 0;
            int w = hb_font_get_nominal_glyph(hb.font, static_cast<hb_codepoint_t>(u), &gid)
                        ? hb_font_get_glyph_h_advance(hb.font, gid) * 1000 / upem
                        : notdefWidth;
            widths_[f][b] = static_cast<float>(w);
        }
        if (f == 0) {  // hhea ascender and descender, as libharu writes them
            hb_blob_t* hhea = hb_face_reference_table(hb.face, HB_TAG('h', 'h', 'e', 'a'));
            unsigned len = 0;
            const char* d = hb_blob_get_data(hhea, &len);
            if (len >= 8) {
                ascent_ = readI16(d + 4) * 1000 / upem;
                descent_ = -(readI16(d + 6) * 1000 / upem);
            }
            hb_blob_destroy(hhea);
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
