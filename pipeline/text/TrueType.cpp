#include "text/TrueType.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <utility>

#include "core/Error.hpp"

namespace text {

namespace {

constexpr uint32_t tag(const char (&t)[5]) {
    return (uint32_t(uint8_t(t[0])) << 24) | (uint32_t(uint8_t(t[1])) << 16) | (uint32_t(uint8_t(t[2])) << 8) |
           uint32_t(uint8_t(t[3]));
}

// Composite glyph flags (OpenType 'glyf').
constexpr uint16_t kArgsAreWords = 0x0001;
constexpr uint16_t kHaveScale = 0x0008;
constexpr uint16_t kMoreComponents = 0x0020;
constexpr uint16_t kHaveXYScale = 0x0040;
constexpr uint16_t kHaveTwoByTwo = 0x0080;
constexpr uint16_t kHaveInstructions = 0x0100;
// Simple glyph flags.
constexpr uint8_t kXShort = 0x02, kYShort = 0x04, kRepeat = 0x08, kXSameOrPositive = 0x10, kYSameOrPositive = 0x20;

void put16(std::string& s, uint32_t v) {
    s += static_cast<char>((v >> 8) & 0xFF);
    s += static_cast<char>(v & 0xFF);
}
void put32(std::string& s, uint32_t v) {
    put16(s, v >> 16);
    put16(s, v & 0xFFFF);
}
void set16(std::string& s, size_t at, uint32_t v) {
    s[at] = static_cast<char>((v >> 8) & 0xFF);
    s[at + 1] = static_cast<char>(v & 0xFF);
}
void set32(std::string& s, size_t at, uint32_t v) {
    set16(s, at, v >> 16);
    set16(s, at + 2, v & 0xFFFF);
}
void pad(std::string& s, size_t to) {
    while (s.size() % to) s += '\0';
}

// The sfnt checksum: the sum of big-endian 32-bit words, the last one padded with zeros.
uint32_t checksum(std::string_view d) {
    uint32_t sum = 0;
    size_t i = 0;
    for (; i + 4 <= d.size(); i += 4)
        sum += (uint32_t(uint8_t(d[i])) << 24) | (uint32_t(uint8_t(d[i + 1])) << 16) |
               (uint32_t(uint8_t(d[i + 2])) << 8) | uint32_t(uint8_t(d[i + 3]));
    uint32_t last = 0;
    for (int shift = 24; i < d.size(); ++i, shift -= 8) last |= uint32_t(uint8_t(d[i])) << shift;
    return sum + last;
}

// Largest power of two <= n (n >= 1) and its log2, for the binary-search fields.
std::pair<uint32_t, uint32_t> pow2Floor(uint32_t n) {
    uint32_t p = 1, log = 0;
    while (p * 2 <= n) p *= 2, ++log;
    return {p, log};
}

}  // namespace

struct TrueType::Source {
    std::string bytes;  // the whole file, or nothing when fd is open
    int fd = -1;
    uint64_t size = 0;
    ~Source() {
        if (fd >= 0) ::close(fd);
    }
    // [offset, offset + length) of the file into `out`; false when the file is shorter.
    bool read(uint64_t offset, uint64_t length, std::string& out) const {
        if (offset > size || length > size - offset) return false;
        if (fd < 0) {
            out.assign(bytes, static_cast<size_t>(offset), static_cast<size_t>(length));
            return true;
        }
        out.resize(static_cast<size_t>(length));
        size_t got = 0;
        while (got < out.size()) {
            ssize_t n = ::pread(fd, out.data() + got, out.size() - got, static_cast<off_t>(offset + got));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return false;  // an error, or the file shrank since it was opened
            got += static_cast<size_t>(n);
        }
        return true;
    }
};

void TrueType::fail(const std::string& problem) const {
    throw core::Error({name_}, "damaged or unsupported TrueType font: " + problem,
                      "reinstall the font (Debian fonts-liberation2) or set EVALREPORT_FONT_DIR to intact fonts");
}

std::string TrueType::read(uint64_t offset, uint64_t length) const {
    std::string out;
    if (!source_->read(offset, length, out)) fail("cannot read " + std::to_string(length) + " bytes at " +
                                                  std::to_string(offset) + " (the file is shorter)");
    return out;
}

uint16_t TrueType::u16(const std::string& table, uint64_t at) const {
    if (at + 2 > table.size()) fail("a value lies beyond the end of its table");
    return static_cast<uint16_t>((uint8_t(table[at]) << 8) | uint8_t(table[at + 1]));
}
uint32_t TrueType::u32(const std::string& table, uint64_t at) const {
    return (uint32_t(u16(table, at)) << 16) | u16(table, at + 2);
}

TrueType TrueType::load(const std::string& path) {
    auto source = std::make_shared<Source>();
    source->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (source->fd < 0) throw core::Error({path}, std::string("cannot open this font file: ") + std::strerror(errno));
    struct stat st;
    if (::fstat(source->fd, &st) != 0)
        throw core::Error({path}, std::string("cannot read this font file: ") + std::strerror(errno));
    if (!S_ISREG(st.st_mode)) throw core::Error({path}, "this font path is not a regular file");
    source->size = static_cast<uint64_t>(st.st_size);
    return open(std::move(source), path);
}

TrueType TrueType::parse(std::string bytes, std::string name) {
    auto source = std::make_shared<Source>();
    source->size = bytes.size();
    source->bytes = std::move(bytes);
    return open(std::move(source), std::move(name));
}

TrueType TrueType::open(std::shared_ptr<const Source> source, std::string name) {
    TrueType t;
    t.name_ = std::move(name);
    t.source_ = std::move(source);
    t.readDirectory();
    t.readMetrics();
    t.chooseCmap();
    t.describe();
    return t;
}

void TrueType::readDirectory() {
    if (source_->size < 12) fail("shorter than a table directory");
    const std::string header = read(0, 12);
    const uint32_t version = u32(header, 0);
    if (version == tag("ttcf")) fail("a font collection (.ttc); give one font per file");
    if (version == tag("OTTO")) fail("CFF outlines (OpenType .otf); a TrueType (.ttf) font is needed");
    if (version != 0x00010000 && version != tag("true")) fail("not a TrueType font file");
    const uint32_t numTables = u16(header, 4);
    if (12 + uint64_t(numTables) * 16 > source_->size) fail("the table directory runs past the end of the file");
    const std::string dir = read(12, uint64_t(numTables) * 16);
    for (uint32_t i = 0; i < numTables; ++i) {
        const uint32_t rec = 16 * i, t = u32(dir, rec);
        Table table{u32(dir, rec + 8), u32(dir, rec + 12), true, {}};
        if (uint64_t(table.offset) + table.length > source_->size)
            fail("table '" + dir.substr(rec, 4) + "' runs past the end of the file");
        Table* slot = t == tag("head")   ? &head_
                      : t == tag("hhea") ? &hhea_
                      : t == tag("maxp") ? &maxp_
                      : t == tag("hmtx") ? &hmtx_
                      : t == tag("cmap") ? &cmap_
                      : t == tag("loca") ? &loca_
                      : t == tag("glyf") ? &glyf_
                      : t == tag("OS/2") ? &os2_
                      : t == tag("post") ? &post_
                      : t == tag("name") ? &names_
                                         : nullptr;
        if (slot && !slot->found) *slot = table;
    }
    const std::pair<const Table*, const char*> required[] = {
        {&head_, "head"}, {&hhea_, "hhea"}, {&maxp_, "maxp"}, {&hmtx_, "hmtx"}, {&cmap_, "cmap"}};
    for (const auto& [table, tagName] : required)
        if (!table->found) fail(std::string("no '") + tagName + "' table");
}

void TrueType::readMetrics() {
    if (head_.length < 54) fail("the 'head' table is too short");
    head_.bytes = read(head_.offset, 54);
    upem_ = u16(head_.bytes, 18);
    if (upem_ < 16 || upem_ > 16384) fail("unitsPerEm " + std::to_string(upem_) + " is outside 16..16384");
    locaFormat_ = i16(head_.bytes, 50);
    if (locaFormat_ != 0 && locaFormat_ != 1) fail("indexToLocFormat is neither 0 nor 1");
    if (maxp_.length < 6) fail("the 'maxp' table is too short");
    maxp_.bytes = read(maxp_.offset, std::min<uint32_t>(maxp_.length, 32));
    numGlyphs_ = u16(maxp_.bytes, 4);
    if (numGlyphs_ < 1) fail("the font has no glyphs");
    if (hhea_.length < 36) fail("the 'hhea' table is too short");
    hhea_.bytes = read(hhea_.offset, 36);
    ascender_ = i16(hhea_.bytes, 4);
    descender_ = i16(hhea_.bytes, 6);
    numHMetrics_ = std::min<int>(u16(hhea_.bytes, 34), numGlyphs_);
    if (numHMetrics_ < 1) fail("numberOfHMetrics is 0");
    if (uint64_t(numHMetrics_) * 4 > hmtx_.length) fail("the 'hmtx' table is shorter than numberOfHMetrics says");
    // Advances and bearings; the leftSideBearing array after them may be short (bearings 0).
    hmtx_.bytes = read(hmtx_.offset, std::min<uint64_t>(hmtx_.length, 2 * uint64_t(numGlyphs_ + numHMetrics_)));
    if (loca_.found)  // checked when a subset needs it
        loca_.bytes = read(loca_.offset, std::min<uint64_t>(loca_.length, (uint64_t(numGlyphs_) + 1) * 4));
    if (os2_.found) {
        if (os2_.length > 4096) fail("the 'OS/2' table is longer than any version of it");
        os2_.bytes = read(os2_.offset, os2_.length);
    }
    if (post_.found) post_.bytes = read(post_.offset, std::min<uint32_t>(post_.length, 32));
}

void TrueType::describe() {
    Description& d = description_;
    d.xMin = i16(head_.bytes, 36);
    d.yMin = i16(head_.bytes, 38);
    d.xMax = i16(head_.bytes, 40);
    d.yMax = i16(head_.bytes, 42);
    if (post_.bytes.size() >= 16) {
        d.italicAngle = static_cast<int32_t>(u32(post_.bytes, 4)) / 65536.0;  // Fixed 16.16
        d.fixedPitch = u32(post_.bytes, 12) != 0;
    }
    const std::string& os2 = os2_.bytes;
    if (os2.size() >= 6) d.weightClass = u16(os2, 4);
    if (os2.size() >= 90 && u16(os2, 0) >= 2) {
        d.xHeight = i16(os2, 86);
        d.capHeight = i16(os2, 88);
    }
    // The PostScript name (name ID 6): Windows Unicode (UTF-16BE, English preferred), else Mac
    // Roman. PostScript names are printable ASCII without delimiters; anything else is dropped.
    auto clean = [](const std::string& raw) {
        std::string out;
        for (unsigned char c : raw)
            if (c > 32 && c < 127 && !std::strchr("[](){}<>/%", c)) out += static_cast<char>(c);
        return out.substr(0, 63);
    };
    if (names_.found && names_.length >= 6 && names_.length <= (1u << 20)) {
        names_.bytes = read(names_.offset, names_.length);
        const std::string& n = names_.bytes;
        const uint32_t count = u16(n, 2), strings = u16(n, 4);
        std::string best;
        int bestRank = 0;
        for (uint32_t i = 0; i < count && 6 + 12 * uint64_t(i + 1) <= n.size(); ++i) {
            const uint32_t rec = 6 + 12 * i;
            const uint16_t platform = u16(n, rec), encoding = u16(n, rec + 2), language = u16(n, rec + 4);
            if (u16(n, rec + 6) != 6) continue;
            const uint64_t at = uint64_t(strings) + u16(n, rec + 10), len = u16(n, rec + 8);
            if (at + len > n.size()) continue;
            const bool windows = platform == 3 && (encoding == 1 || encoding == 0);
            const int rank = windows ? (language == 0x409 ? 3 : 2) : (platform == 1 && encoding == 0) ? 1 : 0;
            if (rank <= bestRank) continue;
            std::string raw;
            if (windows)
                for (uint64_t k = at; k + 1 < at + len; k += 2) raw += n[k] == 0 ? n[k + 1] : '?';
            else
                raw = n.substr(static_cast<size_t>(at), static_cast<size_t>(len));
            if (std::string name = clean(raw); !name.empty()) {
                best = std::move(name);
                bestRank = rank;
            }
        }
        d.postScriptName = best;
        names_.bytes.clear();
        names_.bytes.shrink_to_fit();
    }
    if (d.postScriptName.empty()) {
        std::string stem = name_.substr(name_.rfind('/') + 1);
        stem = stem.substr(0, stem.rfind('.'));
        d.postScriptName = clean(stem);
        if (d.postScriptName.empty()) d.postScriptName = "Font";
    }
}

bool TrueType::cmapUsable(uint32_t sub, uint16_t format) const {
    const uint64_t size = cmap_.bytes.size();
    if (format == 4) {
        if (sub + uint64_t(14) > size) return false;
        const uint32_t segX2 = u16(cmap_.bytes, sub + 6);
        return segX2 >= 2 && segX2 % 2 == 0 && sub + 16 + 4 * uint64_t(segX2) <= size;
    }
    if (format == 12) {
        if (sub + uint64_t(16) > size) return false;
        return sub + 16 + 12 * uint64_t(u32(cmap_.bytes, sub + 12)) <= size;
    }
    return false;
}

void TrueType::chooseCmap() {
    cmap_.bytes = read(cmap_.offset, cmap_.length);
    const std::string& c = cmap_.bytes;
    if (c.size() < 4) fail("the 'cmap' table is too short");
    const uint32_t n = u16(c, 2);
    if (4 + uint64_t(n) * 8 > c.size()) fail("the 'cmap' encoding records run past the table");
    int best = 0;
    for (uint32_t i = 0; i < n; ++i) {
        const uint32_t rec = 4 + 8 * i;
        const uint16_t platform = u16(c, rec), encoding = u16(c, rec + 2);
        const uint32_t sub = u32(c, rec + 4);
        if (uint64_t(sub) + 2 > c.size()) continue;
        const uint16_t format = u16(c, sub);
        // The preference HarfBuzz and the viewers have: full Unicode, then the BMP.
        int rank = 0;
        if (format == 12 && platform == 3 && encoding == 10) rank = 4;
        else if (format == 12 && platform == 0 && (encoding == 4 || encoding == 6)) rank = 3;
        else if (format == 4 && platform == 3 && encoding == 1) rank = 2;
        else if (format == 4 && platform == 0 && encoding <= 3) rank = 1;
        if (rank > best && cmapUsable(sub, format)) {
            best = rank;
            cmapSub_ = sub;
            cmapFormat_ = format;
        }
    }
    if (!best) fail("no Unicode 'cmap' subtable of format 4 or 12");
}

uint16_t TrueType::glyph(char32_t cp) const {
    const std::string& c = cmap_.bytes;
    uint32_t gid = 0;
    if (cmapFormat_ == 4) {
        if (cp > 0xFFFF) return 0;
        const uint32_t segX2 = u16(c, cmapSub_ + 6), segs = segX2 / 2;
        const uint32_t ends = cmapSub_ + 14, starts = ends + segX2 + 2, deltas = starts + segX2,
                       ranges = deltas + segX2;
        // First segment whose endCode >= cp (endCodes are sorted).
        uint32_t lo = 0, hi = segs;
        while (lo < hi) {
            const uint32_t mid = (lo + hi) / 2;
            if (u16(c, ends + 2 * mid) < cp) lo = mid + 1;
            else hi = mid;
        }
        if (lo == segs) return 0;
        const uint32_t start = u16(c, starts + 2 * lo);
        if (cp < start) return 0;
        const uint32_t delta = u16(c, deltas + 2 * lo), rangeAt = ranges + 2 * lo, range = u16(c, rangeAt);
        if (range == 0) {
            gid = (cp + delta) & 0xFFFF;
        } else {
            const uint64_t at = uint64_t(rangeAt) + range + 2 * (cp - start);
            if (at + 2 > c.size()) return 0;  // points outside the table: treated as unmapped
            gid = u16(c, at);
            if (gid) gid = (gid + delta) & 0xFFFF;
        }
    } else {
        const uint32_t groups = u32(c, cmapSub_ + 12), first = cmapSub_ + 16;
        uint32_t lo = 0, hi = groups;
        while (lo < hi) {
            const uint32_t mid = lo + (hi - lo) / 2;
            if (u32(c, first + 12 * uint64_t(mid) + 4) < cp) lo = mid + 1;
            else hi = mid;
        }
        if (lo == groups) return 0;
        const uint64_t g = first + 12 * uint64_t(lo);
        const uint32_t startChar = u32(c, g);
        if (cp < startChar) return 0;
        const uint64_t id = uint64_t(u32(c, g + 8)) + (cp - startChar);
        gid = id > 0xFFFF ? 0 : static_cast<uint32_t>(id);
    }
    return gid < uint32_t(numGlyphs_) ? static_cast<uint16_t>(gid) : 0;
}

int TrueType::advance(uint16_t gid) const {
    if (gid >= numGlyphs_) return 0;
    return u16(hmtx_.bytes, 4 * uint64_t(std::min(int(gid), numHMetrics_ - 1)));
}

int TrueType::leftSideBearing(uint16_t gid) const {
    if (gid >= numGlyphs_) return 0;
    const uint64_t at = gid < numHMetrics_ ? 4 * uint64_t(gid) + 2 : 4 * uint64_t(numHMetrics_) + 2 * uint64_t(gid - numHMetrics_);
    if (at + 2 > hmtx_.bytes.size()) return 0;  // a short leftSideBearing array: nothing to copy
    return i16(hmtx_.bytes, at);
}

std::pair<uint64_t, uint64_t> TrueType::glyphSpan(uint16_t gid) const {
    if (!loca_.found || !glyf_.found) fail("no 'loca' or 'glyf' table (TrueType outlines)");
    if (gid >= numGlyphs_) fail("glyph " + std::to_string(gid) + " is beyond numGlyphs");
    const uint32_t size = locaFormat_ ? 4 : 2;
    if ((uint64_t(numGlyphs_) + 1) * size > loca_.bytes.size()) fail("the 'loca' table is shorter than numGlyphs says");
    const uint64_t at = uint64_t(size) * gid;
    const uint64_t start = locaFormat_ ? u32(loca_.bytes, at) : 2 * uint64_t(u16(loca_.bytes, at));
    const uint64_t end = locaFormat_ ? u32(loca_.bytes, at + 4) : 2 * uint64_t(u16(loca_.bytes, at + 2));
    if (start > end || end > glyf_.length) fail("glyph " + std::to_string(gid) + " lies outside the 'glyf' table");
    return {start, end};
}

std::vector<std::string> TrueType::glyphRecords(const std::vector<uint16_t>& gids) const {
    // One read per run of records that lie close together in glyf (consecutive glyph ids
    // usually do): a system call costs more than copying a kilobyte too many.
    constexpr uint64_t kGap = 1024;
    std::vector<std::pair<uint64_t, uint64_t>> spans;
    std::vector<size_t> byStart;
    for (uint16_t gid : gids) {
        byStart.push_back(spans.size());
        spans.push_back(glyphSpan(gid));
    }
    std::sort(byStart.begin(), byStart.end(), [&](size_t a, size_t b) { return spans[a].first < spans[b].first; });
    std::vector<std::string> out(gids.size());
    for (size_t i = 0; i < byStart.size();) {
        const uint64_t from = spans[byStart[i]].first;
        uint64_t to = spans[byStart[i]].second;
        size_t j = i + 1;
        for (; j < byStart.size() && spans[byStart[j]].first <= to + kGap; ++j) to = std::max(to, spans[byStart[j]].second);
        const std::string run = to > from ? read(glyf_.offset + from, to - from) : std::string();
        for (; i < j; ++i) {
            const auto& [start, end] = spans[byStart[i]];
            out[byStart[i]].assign(run, static_cast<size_t>(start - from), static_cast<size_t>(end - start));
        }
    }
    return out;
}

std::vector<TrueType::Component> TrueType::compositeOf(const std::string& rec) const {
    std::vector<Component> out;
    if (rec.empty()) return out;
    if (rec.size() < 10) fail("a glyph record is shorter than its header");
    if (i16(rec, 0) >= 0) return out;
    uint32_t at = 10;
    for (;;) {
        if (uint64_t(at) + 4 > rec.size()) fail("a composite glyph is cut short");
        const uint16_t flags = u16(rec, at), gid = u16(rec, at + 2);
        const uint32_t size = 4 + ((flags & kArgsAreWords) ? 4 : 2) +
                              ((flags & kHaveScale) ? 2 : (flags & kHaveXYScale) ? 4 : (flags & kHaveTwoByTwo) ? 8 : 0);
        if (uint64_t(at) + size > rec.size()) fail("a composite glyph is cut short");
        if (gid >= numGlyphs_) fail("a composite glyph refers to glyph " + std::to_string(gid) + ", beyond numGlyphs");
        out.push_back({at, flags, gid, size});
        at += size;
        if (!(flags & kMoreComponents)) break;
    }
    return out;
}

std::vector<uint16_t> TrueType::components(uint16_t gid) const {
    std::vector<uint16_t> ids;
    for (const Component& c : compositeOf(glyphRecords({gid})[0])) ids.push_back(c.gid);
    return ids;
}

// The glyph record without hinting instructions; a composite's components get their new ids.
std::string TrueType::strippedGlyph(const std::string& rec, const std::vector<int32_t>& newIds) const {
    std::string out;
    if (rec.empty()) return out;
    if (rec.size() < 10) fail("a glyph record is shorter than its header");
    const int contours = i16(rec, 0);
    if (contours < 0) {
        out.assign(rec, 0, 10);
        for (const Component& c : compositeOf(rec)) {
            const size_t at = out.size();
            out.append(rec, c.at, c.size);
            set16(out, at, c.flags & ~kHaveInstructions);
            set16(out, at + 2, static_cast<uint32_t>(newIds[c.gid]));
        }
        return out;  // the composite's instructions, after its last component, are left behind
    }
    if (contours == 0) return out;  // no outline: an empty record says the same
    // Simple glyph: header, endPtsOfContours, instructionLength + instructions, flags, x, y.
    const uint64_t lenAt = 10 + 2 * uint64_t(contours);
    if (lenAt + 2 > rec.size()) fail("a glyph's contour list is cut short");
    const uint32_t points = u16(rec, lenAt - 2) + 1u;
    const uint64_t flagsAt = lenAt + 2 + u16(rec, lenAt);
    uint64_t at = flagsAt, xBytes = 0, yBytes = 0;
    for (uint32_t p = 0; p < points;) {
        if (at >= rec.size()) fail("a glyph's point flags are cut short");
        const uint8_t flag = uint8_t(rec[at++]);
        uint32_t count = 1;
        if (flag & kRepeat) {
            if (at >= rec.size()) fail("a glyph's point flags are cut short");
            count += uint8_t(rec[at++]);
        }
        if (count > points - p) fail("a glyph's point flags repeat past its last point");
        xBytes += count * uint64_t((flag & kXShort) ? 1 : (flag & kXSameOrPositive) ? 0 : 2);
        yBytes += count * uint64_t((flag & kYShort) ? 1 : (flag & kYSameOrPositive) ? 0 : 2);
        p += count;
    }
    const uint64_t end = at + xBytes + yBytes;
    if (end > rec.size()) fail("a glyph's coordinates are cut short");
    out.assign(rec, 0, static_cast<size_t>(lenAt));
    put16(out, 0);  // instructionLength
    out.append(rec, static_cast<size_t>(flagsAt), static_cast<size_t>(end - flagsAt));
    return out;
}

std::string TrueType::subset(const std::vector<char32_t>& codePoints) const {
    if (post_.bytes.size() < 32) fail("no 'post' table, or a short one");
    // Code points the cmap maps (format 4 holds the BMP, and 0xFFFF ends its segments).
    std::vector<std::pair<char32_t, uint16_t>> mapped;
    for (char32_t cp : codePoints)
        if (cp < 0xFFFF)
            if (uint16_t g = glyph(cp)) mapped.emplace_back(cp, g);
    std::sort(mapped.begin(), mapped.end());
    mapped.erase(std::unique(mapped.begin(), mapped.end()), mapped.end());

    // New glyph order: .notdef, the code points' glyphs by original id, then components.
    std::vector<uint16_t> order{0};
    std::vector<int32_t> newIds(static_cast<size_t>(numGlyphs_), -1);
    newIds[0] = 0;
    std::vector<uint16_t> wanted;
    for (const auto& m : mapped) wanted.push_back(m.second);
    std::sort(wanted.begin(), wanted.end());
    for (uint16_t g : wanted)
        if (newIds[g] < 0) {
            newIds[g] = static_cast<int32_t>(order.size());
            order.push_back(g);
        }
    // Each glyph's record in the font, read once; order grows while components are found, a
    // level of composite nesting at a time.
    std::vector<std::string> records;
    while (records.size() < order.size()) {
        const std::vector<uint16_t> level(order.begin() + static_cast<std::ptrdiff_t>(records.size()), order.end());
        for (std::string& rec : glyphRecords(level)) {
            for (const Component& c : compositeOf(rec))
                if (newIds[c.gid] < 0) {
                    newIds[c.gid] = static_cast<int32_t>(order.size());
                    order.push_back(c.gid);
                }
            records.push_back(std::move(rec));
        }
    }
    const uint32_t count = static_cast<uint32_t>(order.size());

    // glyf and loca: short offsets (2-byte aligned glyphs) when the glyf table allows.
    std::vector<std::string> glyphs;
    uint64_t total2 = 0;
    for (const std::string& rec : records) {
        glyphs.push_back(strippedGlyph(rec, newIds));
        total2 += (glyphs.back().size() + 1) & ~uint64_t(1);
    }
    const bool shortLoca = total2 <= 0x1FFFE;
    std::string glyf, loca;
    for (const std::string& g : glyphs) {
        if (shortLoca) put16(loca, static_cast<uint32_t>(glyf.size() / 2));
        else put32(loca, static_cast<uint32_t>(glyf.size()));
        glyf += g;
        pad(glyf, shortLoca ? 2 : 4);
    }
    if (shortLoca) put16(loca, static_cast<uint32_t>(glyf.size() / 2));
    else put32(loca, static_cast<uint32_t>(glyf.size()));

    std::string hmtx;
    for (uint16_t g : order) {
        put16(hmtx, static_cast<uint32_t>(advance(g)));
        put16(hmtx, static_cast<uint16_t>(leftSideBearing(g)));
    }

    std::string head = head_.bytes;
    set32(head, 8, 0);  // checkSumAdjustment, set once the whole file is known
    set16(head, 50, shortLoca ? 0 : 1);

    std::string hhea = hhea_.bytes;
    set16(hhea, 34, count);

    std::string maxp;
    if (u32(maxp_.bytes, 0) == 0x00010000 && maxp_.bytes.size() >= 32) {
        maxp = maxp_.bytes;
        // No hinting: one zone, no twilight points, storage, functions, stack or instructions.
        set16(maxp, 14, 1);
        for (size_t at = 16; at <= 26; at += 2) set16(maxp, at, 0);
    } else {
        maxp = maxp_.bytes.substr(0, 6);
    }
    set16(maxp, 4, count);

    std::string post = post_.bytes;
    set32(post, 0, 0x00030000);

    // cmap: one (3,1) format 4 subtable; a segment per run of consecutive code points and ids.
    struct Segment {
        uint32_t start, end, delta;
    };
    std::vector<Segment> segs;
    for (const auto& [cp, old] : mapped) {
        const uint32_t id = static_cast<uint32_t>(newIds[old]);
        if (!segs.empty() && segs.back().end + 1 == cp && ((segs.back().delta + cp) & 0xFFFF) == id) {
            segs.back().end = cp;
        } else {
            segs.push_back({cp, cp, (id - cp) & 0xFFFF});
        }
    }
    segs.push_back({0xFFFF, 0xFFFF, 1});
    const uint32_t segCount = static_cast<uint32_t>(segs.size());
    const auto [segPow, segLog] = pow2Floor(segCount);
    std::string cmap;
    put16(cmap, 0);   // version
    put16(cmap, 1);   // numTables
    put16(cmap, 3);   // platform: Windows
    put16(cmap, 1);   // encoding: Unicode BMP
    put32(cmap, 12);  // offset of the subtable
    put16(cmap, 4);   // format
    put16(cmap, 16 + 8 * segCount);
    put16(cmap, 0);  // language
    put16(cmap, 2 * segCount);
    put16(cmap, 2 * segPow);
    put16(cmap, segLog);
    put16(cmap, 2 * segCount - 2 * segPow);
    for (const Segment& s : segs) put16(cmap, s.end);
    put16(cmap, 0);  // reservedPad
    for (const Segment& s : segs) put16(cmap, s.start);
    for (const Segment& s : segs) put16(cmap, s.delta);
    for (size_t i = 0; i < segs.size(); ++i) put16(cmap, 0);  // idRangeOffset

    std::vector<std::pair<uint32_t, std::string>> tables;
    tables.emplace_back(tag("cmap"), std::move(cmap));
    tables.emplace_back(tag("glyf"), std::move(glyf));
    tables.emplace_back(tag("head"), std::move(head));
    tables.emplace_back(tag("hhea"), std::move(hhea));
    tables.emplace_back(tag("hmtx"), std::move(hmtx));
    tables.emplace_back(tag("loca"), std::move(loca));
    tables.emplace_back(tag("maxp"), std::move(maxp));
    tables.emplace_back(tag("post"), std::move(post));
    if (os2_.found) tables.emplace_back(tag("OS/2"), os2_.bytes);
    std::sort(tables.begin(), tables.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

    const uint32_t n = static_cast<uint32_t>(tables.size());
    const auto [tablePow, tableLog] = pow2Floor(n);
    std::string font;
    put32(font, 0x00010000);
    put16(font, n);
    put16(font, 16 * tablePow);
    put16(font, tableLog);
    put16(font, 16 * n - 16 * tablePow);
    size_t offset = 12 + 16 * size_t(n), headAt = 0;
    for (const auto& [t, body] : tables) {
        put32(font, t);
        put32(font, checksum(body));
        put32(font, static_cast<uint32_t>(offset));
        put32(font, static_cast<uint32_t>(body.size()));
        if (t == tag("head")) headAt = offset;
        offset += (body.size() + 3) & ~size_t(3);
    }
    for (const auto& table : tables) {
        font += table.second;
        pad(font, 4);
    }
    set32(font, headAt + 8, 0xB1B0AFBAu - checksum(font));
    return font;
}

}  // namespace text
