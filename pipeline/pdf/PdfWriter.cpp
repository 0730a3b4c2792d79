#include "pdf/PdfWriter.hpp"

#include <hpdf.h>

#include <array>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "core/AtomicFile.hpp"
#include "core/Error.hpp"
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

float rgb(uint8_t v) { return static_cast<float>(v) / 255.0f; }

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

class Painter {
public:
    Painter(HPDF_Doc doc, HPDF_Page page, double height, const std::array<HPDF_Font, 4>& fonts)
        : doc_(doc), page_(page), h_(height), fonts_(fonts) {}

    void operator()(const scene::Text& t) {
        if (t.text.empty()) return;
        beginText();
        HPDF_Font f = fonts_[static_cast<size_t>(t.face)];
        if (f != font_ || t.size != size_) {
            HPDF_Page_SetFontAndSize(page_, f, static_cast<HPDF_REAL>(t.size));
            font_ = f;
            size_ = t.size;
        }
        if (!(t.color == fill_) || !fillSet_) {
            HPDF_Page_SetRGBFill(page_, rgb(t.color.r), rgb(t.color.g), rgb(t.color.b));
            fill_ = t.color;
            fillSet_ = true;
        }
        if (t.wordSpacing != wordSpace_) {
            HPDF_Page_SetWordSpace(page_, static_cast<HPDF_REAL>(t.wordSpacing));
            wordSpace_ = t.wordSpacing;
        }
        std::string bytes = text::toCp1252(t.text);
        HPDF_Page_TextOut(page_, static_cast<HPDF_REAL>(t.x), static_cast<HPDF_REAL>(h_ - t.y), bytes.c_str());
    }
    void operator()(const scene::Line& l) {
        endText();
        setStroke(l.color, l.width);
        if (l.dash > 0) {
            HPDF_UINT16 pat[1] = {static_cast<HPDF_UINT16>(l.dash)};
            HPDF_Page_SetDash(page_, pat, 1, 0);
        }
        HPDF_Page_MoveTo(page_, static_cast<HPDF_REAL>(l.x1), static_cast<HPDF_REAL>(h_ - l.y1));
        HPDF_Page_LineTo(page_, static_cast<HPDF_REAL>(l.x2), static_cast<HPDF_REAL>(h_ - l.y2));
        HPDF_Page_Stroke(page_);
        if (l.dash > 0) HPDF_Page_SetDash(page_, nullptr, 0, 0);
    }
    void operator()(const scene::Rect& r) {
        if (r.w <= 0 || r.h <= 0) return;
        endText();
        setColors(r.fill, r.stroke, r.strokeWidth);
        HPDF_Page_Rectangle(page_, static_cast<HPDF_REAL>(r.x), static_cast<HPDF_REAL>(h_ - r.y - r.h),
                            static_cast<HPDF_REAL>(r.w), static_cast<HPDF_REAL>(r.h));
        paint(r.fill, r.stroke);
    }
    void operator()(const scene::Path& p) {
        if (p.points.size() < 2) return;
        endText();
        setColors(p.fill, p.stroke, p.strokeWidth);
        HPDF_Page_MoveTo(page_, static_cast<HPDF_REAL>(p.points[0].x), static_cast<HPDF_REAL>(h_ - p.points[0].y));
        for (size_t i = 1; i < p.points.size(); ++i)
            HPDF_Page_LineTo(page_, static_cast<HPDF_REAL>(p.points[i].x), static_cast<HPDF_REAL>(h_ - p.points[i].y));
        if (p.closed) HPDF_Page_ClosePath(page_);
        paint(p.fill, p.stroke);
    }
    void operator()(const scene::Circle& c) {
        endText();
        setColors(c.fill, c.stroke, c.strokeWidth);
        HPDF_Page_Circle(page_, static_cast<HPDF_REAL>(c.cx), static_cast<HPDF_REAL>(h_ - c.cy), static_cast<HPDF_REAL>(c.r));
        paint(c.fill, c.stroke);
    }
    void operator()(const scene::Link& l) { links_.push_back(l); }

    void finish() { endText(); }
    const std::vector<scene::Link>& links() const { return links_; }

private:
    void beginText() {
        if (!inText_) {
            HPDF_Page_BeginText(page_);
            inText_ = true;
        }
    }
    void endText() {
        if (inText_) {
            HPDF_Page_EndText(page_);
            inText_ = false;
        }
    }
    void setStroke(const scene::Color& c, double w) {
        if (!(c == stroke_) || !strokeSet_) {
            HPDF_Page_SetRGBStroke(page_, rgb(c.r), rgb(c.g), rgb(c.b));
            stroke_ = c;
            strokeSet_ = true;
        }
        if (w != lineWidth_) {
            HPDF_Page_SetLineWidth(page_, static_cast<HPDF_REAL>(w));
            lineWidth_ = w;
        }
    }
    // Colours and widths must be set before a path is started (libharu enforces PDF's modes).
    void setColors(const std::optional<scene::Color>& fill, const std::optional<scene::Color>& stroke, double sw) {
        if (fill && (!(*fill == fill_) || !fillSet_)) {
            HPDF_Page_SetRGBFill(page_, rgb(fill->r), rgb(fill->g), rgb(fill->b));
            fill_ = *fill;
            fillSet_ = true;
        }
        if (stroke) setStroke(*stroke, sw);
    }
    void paint(const std::optional<scene::Color>& fill, const std::optional<scene::Color>& stroke) {
        if (fill && stroke) HPDF_Page_FillStroke(page_);
        else if (fill) HPDF_Page_Fill(page_);
        else if (stroke) HPDF_Page_Stroke(page_);
        else HPDF_Page_EndPath(page_);
    }

    HPDF_Doc doc_;
    HPDF_Page page_;
    double h_;
    const std::array<HPDF_Font, 4>& fonts_;
    bool inText_ = false;
    HPDF_Font font_ = nullptr;
    double size_ = 0, wordSpace_ = 0, lineWidth_ = 1;
    scene::Color fill_{}, stroke_{};
    bool fillSet_ = false, strokeSet_ = false;
    std::vector<scene::Link> links_;
};


// Embeds a subset of the font holding the glyphs of the CP1252 characters `chars` as its
// /FontFile2. The subset (text::TrueType::subset) keeps a (3,1) Unicode cmap for those
// characters (which is how a viewer finds glyphs of a non-symbolic TrueType font with
// WinAnsiEncoding), renumbers the glyphs, includes composite components, and drops hinting,
// glyph names and layout tables the PDF does not use. libharu 2.3.0 would embed all 2.600 glyph
// slots with names and hinting (~70 KB per face before compression); the subset is a few KB.
void embedSubset(HPDF_Doc pdf, HPDF_Font font, const text::TrueType& tt, const std::array<bool, 256>& chars,
                 size_t faceIndex) {
    const std::string& file = tt.name();
    std::vector<char32_t> unicodes;
    for (size_t b = 32; b < 256; ++b)
        if (chars[b])
            if (char32_t u = text::cp1252ToUnicode(static_cast<unsigned char>(b))) unicodes.push_back(u);
    const std::string program = tt.subset(unicodes);

    // Let libharu build the font descriptor now (it would otherwise do so while saving), then
    // attach the subset program to it. A subset's name carries a six-letter tag (PDF 32000 9.6.4).
    if (font->before_write_fn && font->before_write_fn(font) != HPDF_OK)
        throw core::Error({file}, "libharu could not describe this font");
    HPDF_Dict descriptor = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(font, "FontDescriptor", HPDF_OCLASS_DICT));
    HPDF_Name base = static_cast<HPDF_Name>(HPDF_Dict_GetItem(font, "BaseFont", HPDF_OCLASS_NAME));
    if (!descriptor || !base) throw core::Error({file}, "libharu wrote no font descriptor");
    std::string tagged = std::string("EVRAA") + static_cast<char>('A' + faceIndex) + "+" + HPDF_Name_GetValue(base);
    HPDF_Dict_AddName(font, "BaseFont", tagged.c_str());
    HPDF_Dict_AddName(descriptor, "FontName", tagged.c_str());
    HPDF_Dict stream = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!stream || HPDF_Stream_Write(stream->stream, reinterpret_cast<const HPDF_BYTE*>(program.data()),
                                     static_cast<HPDF_UINT>(program.size())) != HPDF_OK)
        throw core::Error({file}, "libharu could not store the font subset");
    HPDF_Dict_AddNumber(stream, "Length1", static_cast<HPDF_INT32>(program.size()));
    stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Dict_Add(descriptor, "FontFile2", stream);
}

}  // namespace

struct Start::Impl {
    HaruErrors errors;
    std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, DocDeleter> doc;
    std::array<const char*, 4> names{};  // libharu's font names of the faces loaded so far

    Impl() : doc(HPDF_New(onError, &errors)) {
        if (!doc) throw core::Error({"pdf"}, "cannot initialise libharu");
        HPDF_SetCompressionMode(doc.get(), HPDF_COMP_ALL);
    }
    // libharu reads the metrics and later writes the font dict and /Widths; the embedded
    // program is a subset of just the characters used, made by text::TrueType (embedSubset).
    const char* face(size_t f) {
        if (!names[f]) {
            const std::string& file = text::Fonts::standard().file(static_cast<scene::Face>(f));
            names[f] = HPDF_LoadTTFontFromFile(doc.get(), file.c_str(), HPDF_FALSE);
            if (!names[f]) throw core::Error({file}, "libharu cannot load this font");
        }
        return names[f];
    }
};

Start::Start() : impl(std::make_unique<Impl>()) {
    for (size_t f = 0; f < 4; ++f) impl->face(f);
}

Start::~Start() = default;

std::string renderPdf(const layout::Pages& pages, std::unique_ptr<Start> start) {
    // Without a Start, a fresh document that loads only the faces the pages use.
    std::unique_ptr<Start::Impl> owned = start && start->impl ? std::move(start->impl) : std::make_unique<Start::Impl>();
    HaruErrors& errors = owned->errors;
    HPDF_Doc pdf = owned->doc.get();

    std::array<std::array<bool, 256>, 4> usedChars{};
    std::array<bool, 4> used{};
    for (const auto& p : pages.pages)
        for (const auto& it : p.items)
            if (auto* t = std::get_if<scene::Text>(&it)) {
                auto f = static_cast<size_t>(t->face);
                used[f] = true;
                for (unsigned char c : text::toCp1252(t->text)) usedChars[f][c] = true;
            }
    std::array<HPDF_Font, 4> fonts{};
    const text::Fonts& fs = text::Fonts::standard();
    for (size_t f = 0; f < 4; ++f) {
        if (!used[f]) continue;
        const std::string& file = fs.file(static_cast<scene::Face>(f));
        fonts[f] = HPDF_GetFont(pdf, owned->face(f), "CP1252");
        if (!fonts[f]) throw core::Error({file}, "libharu cannot load this font");
        embedSubset(pdf, fonts[f], fs.font(static_cast<scene::Face>(f)), usedChars[f], f);
    }
    HPDF_SetCurrentEncoder(pdf, "CP1252");

    std::vector<HPDF_Page> hpages;
    for (const auto& p : pages.pages) {
        HPDF_Page page = HPDF_AddPage(pdf);
        HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(p.width));
        HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(p.height));
        hpages.push_back(page);
    }
    for (size_t i = 0; i < pages.pages.size(); ++i) {
        const scene::Scene& s = pages.pages[i];
        Painter painter(pdf, hpages[i], s.height, fonts);
        for (const auto& it : s.items) std::visit(painter, it);
        painter.finish();
        for (const auto& l : painter.links()) {
            HPDF_Rect r{static_cast<HPDF_REAL>(l.x), static_cast<HPDF_REAL>(s.height - l.y - l.h),
                        static_cast<HPDF_REAL>(l.x + l.w), static_cast<HPDF_REAL>(s.height - l.y)};
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
    if (!pages.outline.empty()) {
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
    std::string bytes(size, '\0');
    HPDF_ResetStream(pdf);
    size_t got = 0;
    while (got < size) {
        HPDF_UINT32 len = static_cast<HPDF_UINT32>(size - got);
        HPDF_STATUS st = HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(bytes.data() + got), &len);
        got += len;
        if (st != HPDF_OK || len == 0) break;
    }
    bytes.resize(got);
    return bytes;
}

void writePdf(const layout::Pages& pages, const std::string& path, std::unique_ptr<Start> start) {
    core::writeFileAtomically(path, renderPdf(pages, std::move(start)));
}

}  // namespace pdf
