#include "pdf/PdfWriter.hpp"

#include <hpdf.h>
#include <libdeflate.h>

#include <array>
#include <cmath>
#include <ctime>
#include <exception>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/AtomicFile.hpp"
#include "core/Error.hpp"
#include "pdf/Content.hpp"
#include "text/Fonts.hpp"

namespace pdf {

namespace {

struct HaruErrors {
    HPDF_STATUS first = HPDF_OK;
    HPDF_STATUS detail = 0;
};

void onError(HPDF_STATUS error, HPDF_STATUS detail, void* user) {
    auto* e = static_cast<HaruErrors*>(user);
    if (e->first == HPDF_OK) {
        e->first = error;
        e->detail = detail;
    }
}

struct DocDeleter {
    void operator()(HPDF_Doc d) const { HPDF_Free(d); }
};

HPDF_Date toDate(long long epoch) {
    std::time_t t = static_cast<std::time_t>(epoch);
    std::tm tm{};
    gmtime_r(&t, &tm);
    HPDF_Date d{};
    d.year = tm.tm_year + 1900;
    d.month = tm.tm_mon + 1;
    d.day = tm.tm_mday;
    d.hour = tm.tm_hour;
    d.minutes = tm.tm_min;
    d.seconds = tm.tm_sec;
    d.ind = 'Z';
    return d;
}

// zlib-format deflate (what /FlateDecode reads) with libdeflate: 2-3x faster than zlib, whose
// per-stream set-up dominated the short streams of a status note (docs/BENCHMARKS.md).
class Deflater {
public:
    Deflater() : c_(libdeflate_alloc_compressor(6)) {
        if (!c_) throw core::Error({"pdf"}, "out of memory for the compressor");
    }
    ~Deflater() { libdeflate_free_compressor(c_); }
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;
    std::string operator()(const std::string& in) const {
        std::string out(libdeflate_zlib_compress_bound(c_, in.size()), '\0');
        out.resize(libdeflate_zlib_compress(c_, in.data(), in.size(), out.data(), out.size()));
        return out;
    }

private:
    libdeflate_compressor* c_;
};

// A stream already deflated by us: libharu writes its bytes as they are (filter NONE) and this
// hook adds the /Filter entry libharu would otherwise remove.
HPDF_STATUS writeFlateFilter(HPDF_Dict, HPDF_Stream out) { return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012"); }

void putDeflated(HPDF_Dict stream, const std::string& deflated) {
    stream->filter = HPDF_STREAM_FILTER_NONE;
    stream->write_fn = writeFlateFilter;
    HPDF_Stream_Write(stream->stream, reinterpret_cast<const HPDF_BYTE*>(deflated.data()),
                      static_cast<HPDF_UINT>(deflated.size()));
}

// An embedded font: its subset program (deflated) and the characters it was made for.
struct Embedded {
    bool used = false;
    std::array<bool, 256> chars{};
    std::string program;  // deflated
    size_t length = 0;    // of the program before deflating (/Length1)
};

// The subset holding the glyphs of the CP1252 characters `chars` (text::TrueType::subset: a
// (3,1) cmap for them, which is how a viewer finds the glyphs of a non-symbolic TrueType font
// with WinAnsiEncoding; composite components; no hinting, glyph names or layout tables).
void makeProgram(Embedded& e, const text::TrueType& tt, const Deflater& deflate) {
    std::vector<char32_t> unicodes;
    for (size_t b = 32; b < 256; ++b)
        if (e.chars[b])
            if (char32_t u = text::cp1252ToUnicode(static_cast<unsigned char>(b))) unicodes.push_back(u);
    const std::string program = tt.subset(unicodes);
    e.length = program.size();
    e.program = deflate(program);
}

HPDF_Dict newObject(HPDF_Doc pdf) {
    HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
    if (!d || HPDF_Xref_Add(pdf->xref, d) != HPDF_OK) return nullptr;
    return d;
}

// The font dictionary (PDF 32000 9.6.3) and descriptor (9.8) of face `f`, in font units scaled
// to 1/1000 em as /Widths are. The subset's name carries a six-letter tag (9.6.4).
HPDF_Dict fontObject(HPDF_Doc pdf, size_t f, const Embedded& e) {
    const text::Fonts& fonts = text::Fonts::standard();
    const text::TrueType& tt = fonts.font(static_cast<scene::Face>(f));
    const text::TrueType::Description& d = tt.description();
    auto em = [&](int units) { return static_cast<HPDF_INT32>(units * 1000 / tt.unitsPerEm()); };
    const std::string name = std::string("EVRAA") + static_cast<char>('A' + f) + "+" + d.postScriptName;

    HPDF_Dict program = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    HPDF_Dict descriptor = newObject(pdf);
    HPDF_Dict font = newObject(pdf);
    HPDF_Array bbox = HPDF_Array_New(pdf->mmgr);
    HPDF_Array widths = HPDF_Array_New(pdf->mmgr);
    if (!program || !descriptor || !font || !bbox || !widths) return nullptr;
    putDeflated(program, e.program);
    HPDF_Dict_AddNumber(program, "Length1", static_cast<HPDF_INT32>(e.length));

    const bool italic = f == static_cast<size_t>(scene::Face::Italic) || f == static_cast<size_t>(scene::Face::BoldItalic) ||
                        d.italicAngle != 0;
    // Flags: Nonsymbolic (32), Italic (64), FixedPitch (1).
    const HPDF_INT32 flags = 32 | (italic ? 64 : 0) | (d.fixedPitch ? 1 : 0);
    for (int v : {d.xMin, d.yMin, d.xMax, d.yMax}) HPDF_Array_AddNumber(bbox, em(v));
    HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor");
    HPDF_Dict_AddName(descriptor, "FontName", name.c_str());
    HPDF_Dict_AddNumber(descriptor, "Flags", flags);
    HPDF_Dict_Add(descriptor, "FontBBox", bbox);
    HPDF_Dict_AddReal(descriptor, "ItalicAngle", static_cast<HPDF_REAL>(d.italicAngle));
    HPDF_Dict_AddNumber(descriptor, "Ascent", em(tt.ascender()));
    HPDF_Dict_AddNumber(descriptor, "Descent", em(tt.descender()));
    HPDF_Dict_AddNumber(descriptor, "CapHeight", em(d.capHeight ? d.capHeight : tt.ascender()));
    if (d.xHeight) HPDF_Dict_AddNumber(descriptor, "XHeight", em(d.xHeight));
    // StemV is required but only guides a viewer that must substitute a missing font (these
    // are embedded): estimated from the weight class, 400 -> 88, 700 -> 166.
    const double w = d.weightClass / 65.0;
    HPDF_Dict_AddNumber(descriptor, "StemV", static_cast<HPDF_INT32>(std::lround(50 + w * w)));
    HPDF_Dict_Add(descriptor, "FontFile2", program);

    // Widths exactly as layout measured them (text::Fonts), so the viewer advances the same.
    for (int b = 32; b < 256; ++b)
        HPDF_Array_AddNumber(widths, static_cast<HPDF_INT32>(std::lround(
                                         fonts.charWidth(static_cast<unsigned char>(b), static_cast<scene::Face>(f), 1000.0))));
    HPDF_Dict_AddName(font, "Type", "Font");
    HPDF_Dict_AddName(font, "Subtype", "TrueType");
    HPDF_Dict_AddName(font, "BaseFont", name.c_str());
    HPDF_Dict_AddNumber(font, "FirstChar", 32);
    HPDF_Dict_AddNumber(font, "LastChar", 255);
    HPDF_Dict_Add(font, "Widths", widths);
    HPDF_Dict_Add(font, "FontDescriptor", descriptor);
    HPDF_Dict_AddName(font, "Encoding", "WinAnsiEncoding");
    return font;
}

}  // namespace

std::string renderPdf(const layout::Pages& pages) {
    HaruErrors errors;
    std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, DocDeleter> doc(HPDF_New(onError, &errors));
    if (!doc) throw core::Error({"pdf"}, "cannot initialise libharu");
    HPDF_Doc pdf = doc.get();
    HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);  // streams arrive deflated

    // The text of every page in CP1252, and the characters each face needs.
    const text::Fonts& fonts = text::Fonts::standard();
    std::vector<std::vector<std::string>> bytes;
    std::array<Embedded, 4> embedded{};
    for (const auto& p : pages.pages) {
        bytes.push_back(textBytes(p));
        size_t i = 0;
        for (const auto& it : p.items)
            if (const auto* t = std::get_if<scene::Text>(&it)) {
                Embedded& e = embedded[static_cast<size_t>(t->face)];
                const std::string& s = bytes.back()[i++];
                if (s.empty()) continue;
                e.used = true;
                for (unsigned char c : s) e.chars[c] = true;
            }
    }
    // The font subsets on a second thread while the pages are painted and deflated here.
    std::exception_ptr fontFailure;
    std::thread fontThread([&] {
        try {
            Deflater deflate;
            for (size_t f = 0; f < 4; ++f)
                if (embedded[f].used) makeProgram(embedded[f], fonts.font(static_cast<scene::Face>(f)), deflate);
        } catch (...) {
            fontFailure = std::current_exception();
        }
    });
    std::vector<PageContent> contents;
    std::vector<std::string> deflated;
    try {
        Deflater deflate;
        for (size_t i = 0; i < pages.pages.size(); ++i) {
            contents.push_back(paintPage(pages.pages[i], bytes[i]));
            deflated.push_back(deflate(contents.back().operators));
        }
    } catch (...) {
        fontThread.join();
        throw;
    }
    fontThread.join();
    if (fontFailure) std::rethrow_exception(fontFailure);

    std::array<HPDF_Dict, 4> fontObjects{};
    for (size_t f = 0; f < 4; ++f)
        if (embedded[f].used && !(fontObjects[f] = fontObject(pdf, f, embedded[f])))
            throw core::Error({fonts.file(static_cast<scene::Face>(f))}, "libharu could not store this font");
    HPDF_SetCurrentEncoder(pdf, "CP1252");

    std::vector<HPDF_Page> hpages;
    for (size_t i = 0; i < pages.pages.size(); ++i) {
        const scene::Scene& p = pages.pages[i];
        HPDF_Page page = HPDF_AddPage(pdf);
        if (!page) break;  // reported below with libharu's error
        HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(p.width));
        HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(p.height));
        putDeflated(static_cast<HPDF_PageAttr>(page->attr)->contents, deflated[i]);
        HPDF_Dict resources = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(page, "Resources", HPDF_OCLASS_DICT));
        HPDF_Dict fontResources = HPDF_Dict_New(pdf->mmgr);
        if (resources && fontResources) {
            HPDF_Dict_Add(resources, "Font", fontResources);
            for (size_t f = 0; f < 4; ++f)
                if (contents[i].faces[f]) HPDF_Dict_Add(fontResources, ("F" + std::to_string(f + 1)).c_str(), fontObjects[f]);
        }
        hpages.push_back(page);
    }
    for (size_t i = 0; i < hpages.size(); ++i) {
        const double height = pages.pages[i].height;
        for (const auto& l : contents[i].links) {
            HPDF_Rect r{static_cast<HPDF_REAL>(l.x), static_cast<HPDF_REAL>(height - l.y - l.h),
                        static_cast<HPDF_REAL>(l.x + l.w), static_cast<HPDF_REAL>(height - l.y)};
            HPDF_Annotation a = nullptr;
            if (!l.uri.empty()) {
                a = HPDF_Page_CreateURILinkAnnot(hpages[i], r, l.uri.c_str());
            } else if (l.page >= 0 && static_cast<size_t>(l.page) < hpages.size()) {
                HPDF_Destination d = HPDF_Page_CreateDestination(hpages[static_cast<size_t>(l.page)]);
                HPDF_Destination_SetFitH(d, static_cast<HPDF_REAL>(pages.pages[static_cast<size_t>(l.page)].height - l.top + 14));
                a = HPDF_Page_CreateLinkAnnot(hpages[i], r, d);
            }
            if (a) HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
        }
    }

    // Outline (bookmarks) mirroring the heading levels.
    if (!pages.outline.empty() && hpages.size() == pages.pages.size()) {
        HPDF_Encoder enc = HPDF_GetEncoder(pdf, "CP1252");
        std::vector<HPDF_Outline> parents;  // parents[level-1]
        for (const auto& o : pages.outline) {
            int level = std::max(1, o.level);
            HPDF_Outline parent = nullptr;
            if (level > 1 && static_cast<int>(parents.size()) >= level - 1) parent = parents[static_cast<size_t>(level - 2)];
            HPDF_Outline node = HPDF_CreateOutline(pdf, parent, text::toCp1252(o.title).c_str(), enc);
            HPDF_Destination d = HPDF_Page_CreateDestination(hpages[static_cast<size_t>(o.page)]);
            HPDF_Destination_SetFitH(d, static_cast<HPDF_REAL>(pages.pages[static_cast<size_t>(o.page)].height - o.y + 14));
            HPDF_Outline_SetDestination(node, d);
            HPDF_Outline_SetOpened(node, level == 1 ? HPDF_TRUE : HPDF_FALSE);
            parents.resize(static_cast<size_t>(level));
            parents[static_cast<size_t>(level - 1)] = node;
        }
        if (pages.pages.size() > 2) HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    }

    // Document information and language.
    auto info = [&](HPDF_InfoType t, const std::string& v) {
        if (!v.empty()) HPDF_SetInfoAttr(pdf, t, text::toCp1252(v).c_str());
    };
    info(HPDF_INFO_TITLE, pages.title);
    info(HPDF_INFO_AUTHOR, pages.author);
    info(HPDF_INFO_SUBJECT, pages.subject);
    info(HPDF_INFO_KEYWORDS, pages.keywords);
    info(HPDF_INFO_CREATOR, "evalreport");
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, toDate(pages.creationTime));
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, toDate(pages.creationTime));
    HPDF_Dict_Add(pdf->catalog, "Lang", HPDF_String_New(pdf->mmgr, "da-DK", nullptr));

    if (HPDF_SaveToStream(pdf) != HPDF_OK || errors.first != HPDF_OK) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "0x%04X (detail %u)", static_cast<unsigned>(errors.first),
                      static_cast<unsigned>(errors.detail));
        throw core::Error({"pdf"}, std::string("libharu failed while writing the PDF: error ") + buf);
    }
    HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
    std::string out(size, '\0');
    HPDF_ResetStream(pdf);
    size_t got = 0;
    while (got < size) {
        HPDF_UINT32 len = static_cast<HPDF_UINT32>(size - got);
        HPDF_STATUS st = HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(out.data() + got), &len);
        got += len;
        if (st != HPDF_OK || len == 0) break;
    }
    out.resize(got);
    return out;
}

void writePdf(const layout::Pages& pages, const std::string& path) { core::writeFileAtomically(path, renderPdf(pages)); }

}  // namespace pdf
