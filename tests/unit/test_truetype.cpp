// TrueType fonts (text/TrueType.hpp): metrics equal to what HarfBuzz read before it was
// replaced, subsets that parse back with the same glyphs and advances, composite components
// carried along, and truncated or damaged files refused with core::Error instead of a crash.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "Support.hpp"
#include "core/Error.hpp"
#include "text/Fonts.hpp"
#include "text/TrueType.hpp"

namespace {

const std::string kRegular = "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf";
const std::string kBold = "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf";

uint32_t be16(const std::string& d, size_t at) {
    return (uint32_t(uint8_t(d.at(at))) << 8) | uint8_t(d.at(at + 1));
}
uint32_t be32(const std::string& d, size_t at) { return (be16(d, at) << 16) | be16(d, at + 2); }
void put16(std::string& d, size_t at, uint32_t v) {
    d.at(at) = char(v >> 8);
    d.at(at + 1) = char(v);
}
void put32(std::string& d, size_t at, uint32_t v) {
    put16(d, at, v >> 16);
    put16(d, at + 2, v);
}
uint32_t checksum(const std::string& d, size_t at, size_t len) {
    uint32_t sum = 0;
    for (size_t i = 0; i < len; i += 4) {
        uint32_t w = 0;
        for (size_t k = 0; k < 4; ++k) w = (w << 8) | (i + k < len ? uint8_t(d.at(at + i + k)) : 0u);
        sum += w;
    }
    return sum;
}

struct Entry {
    uint32_t checksum, offset, length;
};
// The table directory, read independently of text::TrueType.
std::map<std::string, Entry> directory(const std::string& d) {
    std::map<std::string, Entry> out;
    for (uint32_t i = 0, n = be16(d, 4); i < n; ++i) {
        size_t rec = 12 + 16 * size_t(i);
        out[d.substr(rec, 4)] = {be32(d, rec + 4), be32(d, rec + 8), be32(d, rec + 12)};
    }
    return out;
}

// The glyf record of `gid`, read through head, loca and glyf.
std::string glyphBytes(const std::string& d, uint32_t gid) {
    auto dir = directory(d);
    bool longLoca = be16(d, dir.at("head").offset + 50) == 1;
    uint32_t loca = dir.at("loca").offset;
    uint32_t start = longLoca ? be32(d, loca + 4 * gid) : 2 * be16(d, loca + 2 * gid);
    uint32_t end = longLoca ? be32(d, loca + 4 * gid + 4) : 2 * be16(d, loca + 2 * gid + 2);
    return d.substr(dir.at("glyf").offset + start, end - start);
}

// Advances in font units and glyph ids from HarfBuzz 6.0.0 (Debian bookworm libharfbuzz0b
// 6.0.0+dfsg-3): hb_font_get_nominal_glyph and hb_font_get_glyph_h_advance on an hb_font_t at
// its default scale (= unitsPerEm), run on fonts-liberation2 2.1.3 before evalreport dropped
// HarfBuzz (2026-11-23). Both faces: unitsPerEm 2048, 2620 glyphs, hhea ascender 1854,
// descender -434, .notdef advance 1536.
struct Expected {
    char32_t cp;
    uint16_t gid;
    int regular, bold;
};
const Expected kHarfBuzz[] = {
    {U'A', 36, 1366, 1479},     {U'a', 68, 1139, 1139},     {U'i', 76, 455, 569},
    {U'm', 80, 1706, 1821},     {U'W', 58, 1933, 1933},     {U' ', 3, 569, 569},
    {U'0', 19, 1139, 1139},     {U'.', 17, 569, 569},       {U'æ', 168, 1821, 1821},
    {U'ø', 186, 1251, 1251},    {U'å', 167, 1139, 1139},    {U'Æ', 136, 2048, 2048},
    {U'Ø', 154, 1593, 1593},    {U'Å', 135, 1366, 1479},    {U'€', 2088, 1139, 1139},
    {U'“', 2024, 682, 1024},    {U'–', 2015, 1139, 1139},   {U'—', 2016, 2048, 2048},
    {U'é', 171, 1139, 1139},    {U'½', 127, 1708, 1708},
};

// Checks what a viewer relies on in a font we wrote: the directory (sorted, search fields,
// 4-byte aligned tables inside the file, checksums), the whole-file checksum, and glyphs
// without hinting instructions.
void checkWellFormed(const std::string& d) {
    REQUIRE(d.size() % 4 == 0);
    REQUIRE(be32(d, 0) == 0x00010000);
    const uint32_t n = be16(d, 4);
    uint32_t pow = 1, log = 0;
    while (pow * 2 <= n) pow *= 2, ++log;
    CHECK(be16(d, 6) == 16 * pow);
    CHECK(be16(d, 8) == log);
    CHECK(be16(d, 10) == 16 * n - 16 * pow);
    std::vector<std::string> tags;
    for (uint32_t i = 0; i < n; ++i) tags.push_back(d.substr(12 + 16 * size_t(i), 4));
    CHECK(std::is_sorted(tags.begin(), tags.end()));
    CHECK(tags == std::vector<std::string>{"OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "post"});
    auto dir = directory(d);
    for (const auto& [tag, e] : dir) {
        INFO(tag);
        CHECK(e.offset % 4 == 0);
        REQUIRE(uint64_t(e.offset) + e.length <= d.size());
        std::string body = d.substr(e.offset, e.length);
        if (tag == "head") put32(body, 8, 0);  // checkSumAdjustment is not part of head's checksum
        CHECK(checksum(body, 0, body.size()) == e.checksum);
    }
    CHECK(checksum(d, 0, d.size()) == 0xB1B0AFBAu);
    CHECK(be32(d, dir.at("post").offset) == 0x00030000);
    const uint32_t glyphs = be16(d, dir.at("maxp").offset + 4);
    for (uint32_t g = 0; g < glyphs; ++g) {
        INFO("glyph " << g);
        std::string rec = glyphBytes(d, g);
        if (rec.empty()) continue;
        int16_t contours = int16_t(be16(rec, 0));
        if (contours > 0) {
            CHECK(be16(rec, 10 + 2 * size_t(contours)) == 0);  // instructionLength
            continue;
        }
        size_t at = 10;
        for (;;) {
            uint32_t flags = be16(rec, at);
            CHECK((flags & 0x0100) == 0);  // WE_HAVE_INSTRUCTIONS
            CHECK(be16(rec, at + 2) < glyphs);
            at += 4 + ((flags & 1) ? 4 : 2) + ((flags & 8) ? 2 : (flags & 0x40) ? 4 : (flags & 0x80) ? 8 : 0);
            if (!(flags & 0x20)) break;
        }
        CHECK(at == rec.size());  // nothing after the last component: its instructions went
    }
}

// The glyphs a subset of `cps` must hold: .notdef, the mapped glyphs and their components.
std::set<uint16_t> closure(const text::TrueType& tt, const std::vector<char32_t>& cps) {
    std::set<uint16_t> out{0};
    std::vector<uint16_t> todo;
    for (char32_t cp : cps)
        if (uint16_t g = tt.glyph(cp)) todo.push_back(g);
    while (!todo.empty()) {
        uint16_t g = todo.back();
        todo.pop_back();
        if (!out.insert(g).second) continue;
        for (uint16_t c : tt.components(g)) todo.push_back(c);
    }
    return out;
}

template <class F>
void requireFontError(F&& f, const std::string& name) {
    try {
        f();
        FAIL("no core::Error for " << name);
    } catch (const core::Error& e) {
        CHECK(e.where().file == name);
    }
}

}  // namespace

TEST_CASE("TrueType: Liberation Sans metrics and cmap are the ones HarfBuzz read", "[fonts]") {
    for (const std::string& file : {kRegular, kBold}) {
        INFO(file);
        const bool bold = file == kBold;
        text::TrueType tt = text::TrueType::load(file);
        CHECK(tt.unitsPerEm() == 2048);
        CHECK(tt.numGlyphs() == 2620);
        CHECK(tt.ascender() == 1854);
        CHECK(tt.descender() == -434);
        CHECK(tt.advance(0) == 1536);
        CHECK(tt.numberOfHMetrics() <= tt.numGlyphs());
        for (const Expected& e : kHarfBuzz) {
            INFO("U+" << std::hex << uint32_t(e.cp));
            CHECK(tt.glyph(e.cp) == e.gid);
            CHECK(tt.advance(e.gid) == (bold ? e.bold : e.regular));
        }
        CHECK(tt.glyph(U'一') == 0);     // CJK: not in Liberation Sans
        CHECK(tt.glyph(0x10FFFF) == 0);  // beyond the BMP
        CHECK(tt.advance(65535) == 0);   // beyond numGlyphs
    }
    // Fonts: the same advances in 1/1000 em, truncated as libharu writes /Widths.
    const text::Fonts& fonts = text::Fonts::standard();
    CHECK(fonts.charWidth('A', scene::Face::Regular, 1000) == 666);
    CHECK(fonts.charWidth('A', scene::Face::Bold, 1000) == 722);
    CHECK(fonts.charWidth('i', scene::Face::Regular, 1000) == 222);
    CHECK(fonts.charWidth('i', scene::Face::Bold, 1000) == 277);
    CHECK(fonts.charWidth(0x93, scene::Face::Regular, 1000) == 333);  // “ in CP1252
    CHECK(fonts.charWidth(0x93, scene::Face::Bold, 1000) == 500);
    CHECK(fonts.charWidth(0xE6, scene::Face::Regular, 1000) == 889);  // æ
    CHECK(fonts.charWidth(0xD8, scene::Face::Bold, 1000) == 777);     // Ø
    CHECK(fonts.ascent(1000) == 905);
    CHECK(fonts.descent(1000) == 211);
    CHECK(fonts.width("Ærø", scene::Face::Regular, 10) == Approx((1000 + 333 + 610) * 10 / 1000.0));
}

TEST_CASE("TrueType: the font descriptor's facts for each Liberation Sans face", "[fonts]") {
    // Expected values: the PostScript names as `fc-query` prints them (fontconfig), the bounding
    // box, italic angle, fixed-pitch flag, weight class and OS/2 heights as read from
    // fonts-liberation2 2.1.3 with Python's struct module (head 36..43, post 4 and 12, OS/2 4,
    // 86, 88); libharu 2.3.0 wrote the same box and CapHeight, scaled to 1/1000 em.
    struct Face {
        const char* file;
        const char* postScriptName;
        int xMin, yMin, xMax, yMax;
        double italicAngle;
        int weight;
    };
    const Face faces[] = {{"LiberationSans-Regular.ttf", "LiberationSans", -1114, -621, 2666, 2007, 0, 400},
                          {"LiberationSans-Bold.ttf", "LiberationSans-Bold", -987, -771, 2671, 2116, 0, 700},
                          {"LiberationSans-Italic.ttf", "LiberationSans-Italic", -1360, -621, 2787, 2077, -12, 400},
                          {"LiberationSans-BoldItalic.ttf", "LiberationSans-BoldItalic", -977, -771, 2780, 2109, -12, 700}};
    for (const Face& f : faces) {
        INFO(f.file);
        const text::TrueType tt = text::TrueType::load(std::string("/usr/share/fonts/truetype/liberation2/") + f.file);
        const text::TrueType::Description& d = tt.description();
        CHECK(d.postScriptName == f.postScriptName);
        CHECK(d.xMin == f.xMin);
        CHECK(d.yMin == f.yMin);
        CHECK(d.xMax == f.xMax);
        CHECK(d.yMax == f.yMax);
        CHECK(d.italicAngle == f.italicAngle);
        CHECK_FALSE(d.fixedPitch);
        CHECK(d.weightClass == f.weight);
        CHECK(d.xHeight == 1082);
        CHECK(d.capHeight == 1409);
    }
    // Without a name table the file's stem stands in, cleaned to a PostScript name.
    std::string bytes = testing::readFile(kRegular);
    for (uint32_t i = 0, n = be16(bytes, 4); i < n; ++i)  // rename the table: 'name' -> 'nam_'
        if (bytes.compare(12 + 16 * size_t(i), 4, "name") == 0) bytes[12 + 16 * size_t(i) + 3] = '_';
    const text::TrueType bare = text::TrueType::parse(bytes, "/fonts/My Font (v2).ttf");
    CHECK(bare.description().postScriptName == "MyFontv2");
}

TEST_CASE("TrueType: a subset parses back with the requested glyphs and their advances", "[fonts]") {
    const std::vector<char32_t> cps = {U'A', U'æ', U'ø', U'å', U' ', U'B', U'z', U'€', U'一'};
    for (const std::string& file : {kRegular, kBold}) {
        INFO(file);
        text::TrueType tt = text::TrueType::load(file);
        const std::string bytes = tt.subset(cps);
        checkWellFormed(bytes);
        text::TrueType sub = text::TrueType::parse(bytes, "subset");
        // .notdef, 8 mapped glyphs, and a and ring, the components of å.
        CHECK(sub.numGlyphs() == 11);
        CHECK(size_t(sub.numGlyphs()) == closure(tt, cps).size());
        CHECK(sub.numberOfHMetrics() == sub.numGlyphs());
        CHECK(sub.unitsPerEm() == tt.unitsPerEm());
        CHECK(sub.ascender() == tt.ascender());
        CHECK(sub.descender() == tt.descender());
        CHECK(sub.advance(0) == tt.advance(0));
        CHECK(glyphBytes(bytes, 0).size() > 10);  // .notdef keeps its outline
        std::set<uint16_t> ids;
        for (char32_t cp : {U'A', U'æ', U'ø', U'å', U' ', U'B', U'z', U'€'}) {
            INFO("U+" << std::hex << uint32_t(cp));
            uint16_t g = sub.glyph(cp);
            CHECK(g != 0);
            ids.insert(g);
            CHECK(sub.advance(g) == tt.advance(tt.glyph(cp)));
            CHECK(sub.leftSideBearing(g) == tt.leftSideBearing(tt.glyph(cp)));
        }
        CHECK(ids.size() == 8);
        CHECK(sub.glyph(U'C') == 0);  // not asked for
        CHECK(sub.glyph(U'a') == 0);  // in the subset only as a component of å
        CHECK(sub.glyph(U'一') == 0);
        CHECK(sub.subset(cps) == bytes);  // a subset of a subset is itself
        // Read from the open file or from memory: the same subset.
        CHECK(text::TrueType::parse(testing::readFile(file), "in memory").subset(cps) == bytes);
        // Deterministic: the order the code points come in does not matter.
        std::vector<char32_t> reversed(cps.rbegin(), cps.rend());
        reversed.push_back(U'A');
        CHECK(tt.subset(reversed) == bytes);
    }
    // The status note's Regular face: every CP1252 character.
    text::TrueType tt = text::TrueType::load(kRegular);
    std::vector<char32_t> all;
    for (int b = 32; b < 256; ++b)
        if (char32_t u = text::cp1252ToUnicode(static_cast<unsigned char>(b))) all.push_back(u);
    const std::string bytes = tt.subset(all);
    checkWellFormed(bytes);
    text::TrueType sub = text::TrueType::parse(bytes, "subset");
    CHECK(size_t(sub.numGlyphs()) == closure(tt, all).size());
    for (char32_t cp : all) {
        INFO("U+" << std::hex << uint32_t(cp));
        CHECK(sub.advance(sub.glyph(cp)) == tt.advance(tt.glyph(cp)));
    }
    // No code points: .notdef alone.
    text::TrueType empty = text::TrueType::parse(tt.subset({}), "empty");
    CHECK(empty.numGlyphs() == 1);
    CHECK(empty.glyph(U'A') == 0);
}

TEST_CASE("TrueType: a subset carries the components of composite glyphs, renumbered", "[fonts]") {
    text::TrueType tt = text::TrueType::load(kRegular);
    // In Liberation Sans, Å is A (36) + ring (668) and å is a (68) + ring.
    REQUIRE(tt.components(tt.glyph(U'Å')) == std::vector<uint16_t>{36, 668});
    REQUIRE(tt.components(tt.glyph(U'å')) == std::vector<uint16_t>{68, 668});
    CHECK(tt.components(tt.glyph(U'A')).empty());

    const std::string bytes = tt.subset({U'å', U'Å'});
    checkWellFormed(bytes);
    text::TrueType sub = text::TrueType::parse(bytes, "subset");
    // 0 .notdef, 1 Å (135), 2 å (167), then components as met: 3 A, 4 ring, 5 a.
    REQUIRE(sub.numGlyphs() == 6);
    CHECK(sub.glyph(U'Å') == 1);
    CHECK(sub.glyph(U'å') == 2);
    CHECK(sub.components(1) == std::vector<uint16_t>{3, 4});
    CHECK(sub.components(2) == std::vector<uint16_t>{5, 4});
    CHECK(sub.advance(3) == tt.advance(36));
    CHECK(sub.advance(5) == tt.advance(68));
    CHECK(glyphBytes(bytes, 4).size() > 10);  // the ring's outline is there
    CHECK(sub.glyph(U'A') == 0);
}

TEST_CASE("TrueType: a truncated or damaged font gives core::Error naming the file", "[fonts]") {
    const std::string font = testing::readFile(kRegular);
    REQUIRE(font.size() > 100000);
    const auto dir = directory(font);
    testing::TempDir tmp;

    SECTION("missing and truncated files") {
        requireFontError([&] { text::TrueType::load(tmp.file("missing.ttf")); }, tmp.file("missing.ttf"));
        const std::string cut = tmp.write("cut.ttf", font.substr(0, 5000));
        requireFontError([&] { text::TrueType::load(cut); }, cut);
        requireFontError([&] { text::TrueType::load(tmp.path()); }, tmp.path());  // a directory
        // A file cut short after it was loaded: the glyph records are read when subsetting.
        const std::string later = tmp.write("later.ttf", font);
        text::TrueType loaded = text::TrueType::load(later);
        REQUIRE(::truncate(later.c_str(), dir.at("glyf").offset + 40) == 0);
        CHECK(loaded.advance(loaded.glyph(U'A')) == 1366);  // the metrics were read at load
        requireFontError([&] { loaded.subset({U'A'}); }, later);
        for (size_t len : {size_t(0), size_t(3), size_t(11), size_t(12), size_t(100), size_t(300), size_t(20000),
                           size_t(300000), font.size() - 1}) {
            INFO("first " << len << " bytes");
            requireFontError([&] { text::TrueType::parse(font.substr(0, len), "cut"); }, "cut");
        }
    }

    SECTION("damaged tables") {
        auto damaged = [&](auto patch) {
            std::string d = font;
            patch(d);
            return d;
        };
        const uint32_t head = dir.at("head").offset, hhea = dir.at("hhea").offset, cmap = dir.at("cmap").offset;
        auto tableRecord = [&](const std::string& tag) {
            for (size_t i = 0; i < be16(font, 4); ++i)
                if (font.substr(12 + 16 * i, 4) == tag) return 12 + 16 * i;
            FAIL("no table " << tag);
            return size_t(0);
        };
        // Table offset beyond the file; length running past it.
        requireFontError([&] { text::TrueType::parse(damaged([&](std::string& d) { put32(d, tableRecord("glyf") + 8, 0xFFFFFF00); }), "x"); }, "x");
        requireFontError([&] { text::TrueType::parse(damaged([&](std::string& d) { put32(d, tableRecord("hmtx") + 12, 0x7FFFFFFF); }), "x"); }, "x");
        // unitsPerEm 0, numberOfHMetrics 0, no glyphs, bad indexToLocFormat.
        requireFontError([&] { text::TrueType::parse(damaged([&](std::string& d) { put16(d, head + 18, 0); }), "x"); }, "x");
        requireFontError([&] { text::TrueType::parse(damaged([&](std::string& d) { put16(d, hhea + 34, 0); }), "x"); }, "x");
        requireFontError([&] { text::TrueType::parse(damaged([&](std::string& d) { put16(d, dir.at("maxp").offset + 4, 0); }), "x"); }, "x");
        requireFontError([&] { text::TrueType::parse(damaged([&](std::string& d) { put16(d, head + 50, 7); }), "x"); }, "x");
        // A cmap whose segments run past the table (both Unicode records share one subtable).
        requireFontError([&] {
            text::TrueType::parse(damaged([&](std::string& d) {
                for (uint32_t i = 0; i < be16(d, cmap + 2); ++i) put16(d, cmap + be32(d, cmap + 8 + 8 * i) + 6, 0xFFFE);
            }), "x");
        }, "x");
        // A collection and a CFF font are refused, not misread.
        requireFontError([&] { text::TrueType::parse(damaged([&](std::string& d) { d.replace(0, 4, "ttcf"); }), "x"); }, "x");
        requireFontError([&] { text::TrueType::parse(damaged([&](std::string& d) { d.replace(0, 4, "OTTO"); }), "x"); }, "x");

        // Damage in glyph data shows when the subset reads it.
        text::TrueType ok = text::TrueType::load(kRegular);
        const uint32_t loca = dir.at("loca").offset, glyf = dir.at("glyf").offset;
        REQUIRE(be16(font, head + 50) == 1);  // long loca offsets in Liberation Sans
        const uint16_t gA = ok.glyph(U'A'), gAring = ok.glyph(U'å');
        auto record = [&](uint16_t g) { return glyf + be32(font, loca + 4 * g); };
        // loca: A's record past the glyf table; A's end before its start.
        auto pastGlyf = text::TrueType::parse(damaged([&](std::string& d) { put32(d, loca + 4 * (gA + 1), 0x7FFFFFF0); }), "x");
        requireFontError([&] { pastGlyf.subset({U'A'}); }, "x");
        auto backwards = text::TrueType::parse(damaged([&](std::string& d) { put32(d, loca + 4 * (gA + 1), be32(d, loca + 4 * gA) - 2); }), "x");
        requireFontError([&] { backwards.subset({U'A'}); }, "x");
        // A simple glyph whose last contour claims 65.000 points: the flags run out.
        auto points = text::TrueType::parse(damaged([&](std::string& d) {
            int contours = int16_t(be16(d, record(gA)));
            put16(d, record(gA) + 10 + 2 * (contours - 1), 0xFDE8);
        }), "x");
        requireFontError([&] { points.subset({U'A'}); }, "x");
        // A simple glyph whose instructions run past its record.
        auto instructions = text::TrueType::parse(damaged([&](std::string& d) {
            int contours = int16_t(be16(d, record(gA)));
            put16(d, record(gA) + 10 + 2 * contours, 0xFFFF);
        }), "x");
        requireFontError([&] { instructions.subset({U'A'}); }, "x");
        // A composite whose component is beyond numGlyphs, and one cut short inside a component.
        auto badComponent = text::TrueType::parse(damaged([&](std::string& d) { put16(d, record(gAring) + 12, 0xFFFF); }), "x");
        requireFontError([&] { badComponent.subset({U'å'}); }, "x");
        requireFontError([&] { badComponent.components(gAring); }, "x");
        auto cutComposite = text::TrueType::parse(damaged([&](std::string& d) {
            put32(d, loca + 4 * (gAring + 1), be32(d, loca + 4 * gAring) + 14);  // header, flags, glyph, no arguments
        }), "x");
        requireFontError([&] { cutComposite.subset({U'å'}); }, "x");
        // A composite that refers to itself is copied once, not followed forever.
        auto selfRef = text::TrueType::parse(damaged([&](std::string& d) { put16(d, record(gAring) + 12, gAring); }), "x");
        CHECK(text::TrueType::parse(selfRef.subset({U'å'}), "s").numGlyphs() == 3);
    }

    SECTION("random damage never escapes as anything but core::Error") {
        // Bytes overwritten in the directory, the metric tables, cmap, loca and the first glyphs.
        const uint32_t glyfStart = dir.at("glyf").offset;
        uint64_t state = 0x9E3779B97F4A7C15ull;
        auto next = [&] {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            return uint32_t(state >> 33);
        };
        const std::vector<char32_t> cps = {U'A', U'B', U'a', U'æ', U'ø', U'å', U'Å', U'é', U'€', U' '};
        int parsed = 0, refused = 0;
        for (int round = 0; round < 400; ++round) {
            std::string d = font;
            int hits = 1 + int(next() % 8);
            for (int h = 0; h < hits; ++h) {
                uint32_t at = (round % 2) ? next() % (glyfStart + 40000) : next() % 400;
                d[at] = char(next());
            }
            try {
                text::TrueType tt = text::TrueType::parse(d, "random");
                for (char32_t cp : cps) (void)tt.advance(tt.glyph(cp));
                text::TrueType sub = text::TrueType::parse(tt.subset(cps), "random subset");
                for (char32_t cp : cps) (void)sub.advance(sub.glyph(cp));
                ++parsed;
            } catch (const core::Error& e) {
                ++refused;
                CHECK(e.where().file.rfind("random", 0) == 0);
            }
        }
        CHECK(parsed + refused == 400);
        CHECK(parsed > 0);
        CHECK(refused > 0);
    }
}
