#pragma once
// A small reader and subsetter for TrueType fonts (sfnt files with `glyf` outlines): the
// metrics layout needs and the subsets the PDF embeds. Written here instead of using HarfBuzz,
// whose shared libraries (GLib, graphite2, FreeType, Brotli, ...) cost more start-up than a
// status note can afford (docs/ARCHITECTURE.md, "Written by hand, and why").
//
// Supported: one font per file (no collections), TrueType outlines (no CFF), cmap subtables
// (3,10) or (0,4/6) format 12 and (3,1) or (0,0..3) format 4, horizontal metrics. Not
// supported: variable fonts, vertical metrics, symbol cmaps, kerning and layout tables (a
// subset drops them), hinting (a subset drops instructions, cvt, fpgm and prep), glyph names
// (a subset's post is format 3).
//
// load() reads the table directory and the small tables (head, hhea, maxp, hmtx, cmap, loca,
// OS/2, the post header, name: about 25 KB of Liberation Sans's 400 KB) with pread(2) and keeps the
// file open; subset() reads just the glyph records it copies. Reading the four whole files
// cost 1 ms per process, against 0,1 ms for this. Every offset and length taken from the file
// is checked before use: a truncated or damaged font gives core::Error naming the file, never
// a read outside it (tests/unit/test_truetype.cpp, fuzz target `truetype`). A TrueType is
// immutable after loading and safe to share between threads.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace text {

class TrueType {
public:
    // Opens and checks the font; throws core::Error naming `path`.
    static TrueType load(const std::string& path);
    // The same for a whole font file already in memory; `name` is what errors name.
    static TrueType parse(std::string bytes, std::string name);

    const std::string& name() const { return name_; }
    int unitsPerEm() const { return upem_; }
    int ascender() const { return ascender_; }    // hhea, font units
    int descender() const { return descender_; }  // hhea, font units (negative below the baseline)
    int numGlyphs() const { return numGlyphs_; }
    int numberOfHMetrics() const { return numHMetrics_; }

    // What a PDF font descriptor states (PDF 32000 9.8), in font units unless noted.
    struct Description {
        std::string postScriptName;        // name table, ID 6; the file's stem if it has none
        int xMin = 0, yMin = 0, xMax = 0, yMax = 0;  // head: the box around all glyphs
        double italicAngle = 0;            // post: degrees, counter-clockwise from vertical
        bool fixedPitch = false;           // post
        int capHeight = 0, xHeight = 0;    // OS/2 version 2 and later; 0 when absent
        int weightClass = 400;             // OS/2
    };
    const Description& description() const { return description_; }

    // hmtx; glyphs from numberOfHMetrics on take the last advance. 0 for a glyph id out of range.
    int advance(uint16_t gid) const;
    int leftSideBearing(uint16_t gid) const;
    // The glyph the Unicode cmap gives `cp`; 0 (.notdef) when it gives none.
    uint16_t glyph(char32_t cp) const;
    // The glyph ids a composite glyph refers to, in order; empty for a simple or empty glyph.
    std::vector<uint16_t> components(uint16_t gid) const;

    // A TrueType font holding .notdef, the glyphs of `codePoints` (those the cmap maps) and the
    // components of composite glyphs among them, renumbered: 0, then the code points' glyphs in
    // their original order, then components in the order first met. Tables: OS/2 (copied), cmap
    // (one (3,1) format 4 subtable for the code points), glyf and loca (instructions dropped),
    // head, hhea, hmtx, maxp (hinting limits zeroed) and post (format 3). Deterministic.
    std::string subset(const std::vector<char32_t>& codePoints) const;

    struct Source;  // the bytes of the file: in memory, or read from the open file

private:
    struct Table {
        uint32_t offset = 0, length = 0;  // in the file
        bool found = false;
        std::string bytes;  // read at load, except glyf's
    };
    struct Component {
        uint32_t at;  // offset of the component's flags within the glyph record
        uint16_t flags;
        uint16_t gid;
        uint32_t size;  // flags, glyph index, arguments and transform
    };

    TrueType() = default;
    static TrueType open(std::shared_ptr<const Source> source, std::string name);
    [[noreturn]] void fail(const std::string& problem) const;
    std::string read(uint64_t offset, uint64_t length) const;
    uint16_t u16(const std::string& table, uint64_t at) const;
    int16_t i16(const std::string& table, uint64_t at) const { return static_cast<int16_t>(u16(table, at)); }
    uint32_t u32(const std::string& table, uint64_t at) const;
    void readDirectory();
    void readMetrics();
    void chooseCmap();
    void describe();
    bool cmapUsable(uint32_t sub, uint16_t format) const;
    std::pair<uint64_t, uint64_t> glyphSpan(uint16_t gid) const;  // [start, end) within glyf, from loca
    std::vector<std::string> glyphRecords(const std::vector<uint16_t>& gids) const;  // empty for an empty glyph
    std::vector<Component> compositeOf(const std::string& rec) const;
    std::string strippedGlyph(const std::string& rec, const std::vector<int32_t>& newIds) const;

    std::string name_;
    std::shared_ptr<const Source> source_;
    Table head_, hhea_, maxp_, hmtx_, cmap_, loca_, glyf_, os2_, post_, names_;
    Description description_;
    int upem_ = 0, ascender_ = 0, descender_ = 0, numGlyphs_ = 0, numHMetrics_ = 0, locaFormat_ = 0;
    uint32_t cmapSub_ = 0;  // offset of the chosen subtable within cmap
    uint16_t cmapFormat_ = 0;
};

}  // namespace text
