#include "layout/Layout.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <memory>

#include "core/Format.hpp"
#include "layout/LineBreaker.hpp"
#include "text/Fonts.hpp"

namespace layout {

namespace {

using scene::Color;
using scene::Face;

constexpr Color kInk{0x1A, 0x1A, 0x1A};
constexpr Color kHeading{0x0B, 0x3C, 0x5D};
constexpr Color kMuted{0x55, 0x5B, 0x61};
constexpr Color kRule{0xB4, 0xBE, 0xC8};
constexpr Color kAccent{0x00, 0x72, 0xB2};
constexpr Color kHeaderTint{0xE2, 0xEA, 0xF2};
constexpr Color kZebra{0xF4, 0xF6, 0xF8};
constexpr Color kBoxTint{0xEA, 0xF2, 0xF8};
constexpr Color kQuoteTint{0xF3, 0xF3, 0xF3};
// Box kinds: "hovedfund" (main findings), "konklusioner" (a chapter's conclusions), "metode"
// (how something was measured), "citat" (a quotation). Each has its tint and accent bar, and
// a label above the title, so the kinds stay apart in black-and-white print too.
struct BoxStyle {
    Color tint, accent;
    const char* label;  // printed in small capitals above the title; empty: none
};
BoxStyle boxStyle(const std::string& kind) {
    if (kind == "konklusioner") return {{0xE8, 0xF3, 0xEC}, {0x2E, 0x7D, 0x4F}, "KONKLUSIONER"};
    if (kind == "metode") return {{0xF2, 0xF2, 0xF2}, {0x70, 0x70, 0x70}, "METODE"};
    if (kind == "citat") return {kQuoteTint, kQuoteTint, ""};
    return {kBoxTint, kAccent, ""};
}

constexpr double kBodySize = 10, kBodyLeading = 14;
constexpr double kSmallSize = 8, kSmallLeading = 10.5;
constexpr double kTableSize = 8.5, kTableLeading = 11.5;

double width(const std::string& s, Face f, double size) { return text::Fonts::standard().width(s, f, size); }

double baselineIn(double top, const TextStyle& st) { return top + (st.leading + st.size * 0.72) / 2; }

void addText(scene::Scene& s, double x, double y, const std::string& str, Face f, double size, Color c) {
    scene::Text t;
    t.x = x;
    t.y = y;
    t.text = str;
    t.face = f;
    t.size = size;
    t.color = c;
    t.width = width(str, f, size);
    s.add(std::move(t));
}

void addRect(scene::Scene& s, double x, double y, double w, double h, Color fill) {
    scene::Rect r;
    r.x = x;
    r.y = y;
    r.w = w;
    r.h = h;
    r.fill = fill;
    s.add(r);
}

void addLine(scene::Scene& s, double x1, double y1, double x2, double y2, Color c, double w) {
    scene::Line l;
    l.x1 = x1;
    l.y1 = y1;
    l.x2 = x2;
    l.y2 = y2;
    l.color = c;
    l.width = w;
    s.add(l);
}

using DrawFn = std::function<void(scene::Scene&, double top)>;

struct Slice {
    Slice() = default;
    Slice(double h, DrawFn d, std::vector<int> notes = {}) : height(h), draw(std::move(d)), footnotes(std::move(notes)) {}
    double height = 0;
    DrawFn draw;
    std::vector<int> footnotes;  // footnote markers on this slice: their notes go on its page
};

struct Element {
    std::vector<Slice> slices;
    double before = 0, after = 0;
    int orphans = 1, widows = 1;
    bool keepWithNext = false, breakable = true, pageBreak = false;
    std::vector<Slice> repeat;
    int heading = -1;  // index into Typesetter::headings_
};

struct HeadingInfo {
    std::string title;
    int level;
    int page = -1;
    double y = 0;
};

class Typesetter {
public:
    Typesetter(const document::Document& doc, const PageStyle& ps) : doc_(doc), ps_(ps) {
        textW_ = ps.width - ps.marginLeft - ps.marginRight;
    }

    Pages run() {
        if (doc_.titlePage) titlePage();
        else if (!doc_.title.empty()) titleBlock();
        blocks(doc_.blocks, ps_.marginLeft, textW_, elements_);
        prepareFootnotes();
        paginate();
        return draw();
    }

private:
    // ------------------------------------------------------------------ building elements

    TextStyle body() const {
        TextStyle t;
        t.size = kBodySize;
        t.leading = kBodyLeading;
        t.color = kInk;
        t.justify = ps_.justify;
        t.hyphenate = ps_.hyphenate;
        return t;
    }

    // Lines of styled text as slices (one per line).
    std::vector<Slice> textSlices(const document::Inlines& in, double x, double w, const TextStyle& st) {
        auto lines = std::make_shared<std::vector<Line>>(breakLines(in, w, st));
        std::vector<Slice> out;
        for (size_t i = 0; i < lines->size(); ++i)
            out.push_back({st.leading,
                           [lines, i, x, st](scene::Scene& s, double top) {
                               drawLines(s, *lines, x, baselineIn(top, st), st, i, i + 1);
                           },
                           (*lines)[i].footnotes});
        return out;
    }

    std::vector<Slice> plainSlices(const std::string& text, double x, double w, Face f, double size, double leading,
                                   Color c, bool justify = false) {
        TextStyle st;
        st.size = size;
        st.leading = leading;
        st.color = c;
        st.justify = justify;
        st.hyphenate = justify;
        document::Inlines in{{text, f, "", 0}};
        return textSlices(in, x, w, st);
    }

    void titleBlock() {
        Element e;
        double x = ps_.marginLeft;
        if (!doc_.author.empty()) {
            auto sl = plainSlices(doc_.author, x, textW_, Face::Bold, 8.5, 12, kAccent);
            e.slices.insert(e.slices.end(), sl.begin(), sl.end());
        }
        auto t = plainSlices(doc_.title, x, textW_, Face::Bold, 19, 23, kHeading);
        e.slices.insert(e.slices.end(), t.begin(), t.end());
        if (!doc_.subtitle.empty()) {
            e.slices.push_back({3, [](scene::Scene&, double) {}});
            auto s = plainSlices(doc_.subtitle, x, textW_, Face::Regular, 11.5, 15, kMuted);
            e.slices.insert(e.slices.end(), s.begin(), s.end());
        }
        if (!doc_.dateText.empty()) {
            auto d = plainSlices(doc_.dateText, x, textW_, Face::Regular, 8.5, 13, kMuted);
            e.slices.insert(e.slices.end(), d.begin(), d.end());
        }
        double w = textW_;
        e.slices.push_back({14, [x, w](scene::Scene& s, double top) { addLine(s, x, top + 7, x + w, top + 7, kAccent, 1.5); }});
        e.breakable = false;
        e.after = 6;
        elements_.push_back(std::move(e));
    }

    // A title page and a colophon page, as the KORA, Rambøll and SBST reports open.
    void titlePage() {
        double x = ps_.marginLeft, w = textW_;
        double pageH = bottom() - top();
        Element title;
        auto t = std::make_shared<std::vector<Line>>();
        TextStyle big;
        big.size = 26;
        big.leading = 31;
        big.color = kHeading;
        big.justify = false;
        big.hyphenate = false;
        auto titleLines = std::make_shared<std::vector<Line>>(breakLines({{doc_.title, Face::Bold, "", 0}}, w, big));
        TextStyle sub = big;
        sub.size = 14;
        sub.leading = 19;
        sub.color = kMuted;
        auto subLines = std::make_shared<std::vector<Line>>(breakLines({{doc_.subtitle, Face::Regular, "", 0}}, w, sub));
        std::string author = doc_.author, date = doc_.dateText;
        const double pw = ps_.width, mt = ps_.marginTop;
        title.slices.push_back({pageH, [=](scene::Scene& s, double tp) {
                                    addRect(s, 0, 0, pw, mt + 40, kHeading);
                                    addRect(s, 0, mt + 40, pw, 4, kAccent);
                                    double y = tp + 190;
                                    drawLines(s, *titleLines, x, y, big);
                                    y += big.leading * static_cast<double>(titleLines->size()) + 10;
                                    if (!subLines->empty() && !(*subLines)[0].runs.empty()) {
                                        drawLines(s, *subLines, x, y, sub);
                                        y += sub.leading * static_cast<double>(subLines->size());
                                    }
                                    addLine(s, x, y + 10, x + 120, y + 10, kAccent, 2);
                                    addText(s, x, tp + pageH - 40, author, Face::Bold, 11, kHeading);
                                    addText(s, x, tp + pageH - 24, date, Face::Regular, 10, kMuted);
                                }});
        title.breakable = false;
        elements_.push_back(std::move(title));
        Element br;
        br.pageBreak = true;
        elements_.push_back(br);
        // Colophon: the facts about the report, at the foot of the second page.
        Element col;
        double h = 0;
        std::vector<std::pair<std::string, std::shared_ptr<std::vector<Line>>>> rows;
        TextStyle small;
        small.size = 8.5;
        small.leading = 12;
        small.color = kInk;
        small.justify = false;
        small.hyphenate = false;
        for (const auto& [label, text] : doc_.colophon) {
            if (text.empty()) continue;
            auto lines = std::make_shared<std::vector<Line>>(breakLines({{text, Face::Regular, "", 0}}, w - 90, small));
            rows.emplace_back(label, lines);
            h += small.leading * static_cast<double>(lines->size()) + 4;
        }
        col.slices.push_back({pageH, [=](scene::Scene& s, double tp) {
                                  double y = tp + pageH - h;
                                  addText(s, x, y - 10, "Kolofon", Face::Bold, 10, kHeading);
                                  for (const auto& [label, lines] : rows) {
                                      addText(s, x, baselineIn(y, small), label, Face::Bold, small.size, kInk);
                                      drawLines(s, *lines, x + 90, baselineIn(y, small), small);
                                      y += small.leading * static_cast<double>(lines->size()) + 4;
                                  }
                              }});
        col.breakable = false;
        elements_.push_back(std::move(col));
        elements_.push_back(br);
        frontPages_ = 2;
    }

    void blocks(const std::vector<document::Block>& bs, double x, double w, std::vector<Element>& out) {
        for (const auto& b : bs) block(b, x, w, out);
    }

    void block(const document::Block& b, double x, double w, std::vector<Element>& out) {
        if (auto* p = std::get_if<document::Paragraph>(&b.v)) {
            Element e;
            e.slices = textSlices(p->spans, x, w, body());
            e.after = 7;
            e.orphans = e.widows = 2;
            out.push_back(std::move(e));
        } else if (auto* h = std::get_if<document::Heading>(&b.v)) {
            if (h->level == 1 && doc_.chapterBreak && &out == &elements_) {
                Element br;
                br.pageBreak = true;  // ignored at the top of a page
                out.push_back(br);
            }
            heading(*h, x, w, out);
        } else if (auto* l = std::get_if<document::List>(&b.v)) {
            list(*l, x, w, out);
        } else if (auto* t = std::get_if<document::Table>(&b.v)) {
            table(*t, x, w, out);
        } else if (auto* f = std::get_if<document::Figure>(&b.v)) {
            figure(*f, x, w, out);
        } else if (auto* bx = std::get_if<document::Box>(&b.v)) {
            box(*bx, x, w, out);
        } else if (std::holds_alternative<document::PageBreak>(b.v)) {
            Element e;
            e.pageBreak = true;
            out.push_back(std::move(e));
        } else if (std::holds_alternative<document::Toc>(b.v)) {
            toc(x, w, out);
        } else if (std::holds_alternative<document::Rule>(b.v)) {
            Element e;
            e.slices.push_back({10, [x, w](scene::Scene& s, double top) { addLine(s, x, top + 5, x + w, top + 5, kRule, 0.6); }});
            out.push_back(std::move(e));
        }
    }

    void heading(const document::Heading& h, double x, double w, std::vector<Element>& out) {
        static const double sizes[] = {15, 12, 10.5, 10};
        static const double before[] = {16, 12, 9, 8};
        int lv = std::clamp(h.level, 1, 4);
        double size = sizes[lv - 1];
        Element e;
        document::Inlines in = h.spans;
        for (auto& s : in) s.face = (s.face == Face::Italic || s.face == Face::BoldItalic) ? Face::BoldItalic : Face::Bold;
        double indent = 0;
        if (!h.number.empty()) indent = width(h.number + "  ", Face::Bold, size);
        TextStyle st;
        st.size = size;
        st.leading = size * 1.25;
        st.color = kHeading;
        st.justify = false;
        st.hyphenate = false;
        e.slices = textSlices(in, x + indent, w - indent, st);
        if (!h.number.empty() && !e.slices.empty()) {
            auto inner = e.slices[0].draw;
            std::string num = h.number;
            e.slices[0].draw = [inner, num, x, st](scene::Scene& s, double top) {
                addText(s, x, baselineIn(top, st), num, Face::Bold, st.size, kHeading);
                inner(s, top);
            };
        }
        e.before = before[lv - 1];
        e.after = lv == 1 ? 6 : 3;
        e.breakable = false;
        e.keepWithNext = true;
        std::string title = (h.number.empty() ? "" : h.number + " ") + document::plainText(h.spans);
        headings_.push_back({title, h.level});
        e.heading = static_cast<int>(headings_.size() - 1);
        out.push_back(std::move(e));
    }

    void list(const document::List& l, double x, double w, std::vector<Element>& out) {
        const double indent = 16;
        int n = l.start;
        for (const auto& item : l.items) {
            std::vector<Element> inner;
            blocks(item, x + indent, w - indent, inner);
            std::string marker = l.ordered ? std::to_string(n++) + "." : "•";
            bool first = true;
            for (auto& e : inner) {
                e.after = std::min(e.after, 3.0);
                if (first && !e.slices.empty()) {
                    auto d = e.slices[0].draw;
                    TextStyle st = body();
                    double mx = l.ordered ? x + indent - 4 - width(marker, Face::Regular, kBodySize) : x + 4;
                    e.slices[0].draw = [d, marker, mx, st](scene::Scene& s, double top) {
                        addText(s, mx, baselineIn(top, st), marker, Face::Regular, st.size, kInk);
                        d(s, top);
                    };
                    first = false;
                }
                out.push_back(std::move(e));
            }
        }
        if (!out.empty()) out.back().after = 8;
    }

    std::vector<Slice> captionSlices(const std::string& word, const std::string& number, const std::string& title,
                                     double x, double w) {
        document::Inlines in;
        in.push_back({word + " " + number + "  ", Face::Bold, "", 0});
        in.push_back({title, Face::Bold, "", 0});
        TextStyle st;
        st.size = 9.5;
        st.leading = 12.5;
        st.color = kHeading;
        st.justify = false;
        st.hyphenate = false;
        auto sl = textSlices(in, x, w, st);
        sl.push_back({4, [](scene::Scene&, double) {}});
        return sl;
    }

    std::vector<Slice> sourceSlices(const std::string& source, const std::string& note, double x, double w) {
        std::vector<Slice> out;
        if (!note.empty() || !source.empty()) out.push_back({3, [](scene::Scene&, double) {}});
        TextStyle st;
        st.size = kSmallSize;
        st.leading = kSmallLeading;
        st.color = kMuted;
        st.justify = false;
        st.hyphenate = false;
        if (!note.empty()) {
            auto sl = textSlices({{"Note: ", Face::Italic, "", 0}, {note, Face::Italic, "", 0}}, x, w, st);
            out.insert(out.end(), sl.begin(), sl.end());
        }
        if (!source.empty()) {
            auto sl = textSlices({{"Kilde: ", Face::Italic, "", 0}, {source, Face::Italic, "", 0}}, x, w, st);
            out.insert(out.end(), sl.begin(), sl.end());
        }
        return out;
    }

    void figure(const document::Figure& f, double x, double w, std::vector<Element>& out) {
        Element e;
        e.slices = captionSlices("Figur", f.number, f.title, x, w);
        charts::Drawing drawing = f.chart->render(w);
        auto sc = std::make_shared<scene::Scene>(std::move(drawing.scene));
        e.slices.push_back({sc->height, [sc, x](scene::Scene& s, double top) { s.place(*sc, x, top); }});
        // Labels the chart had to shorten are given in full in the note.
        std::string note = f.note;
        std::string cut = charts::truncationNote(drawing.truncated);
        if (!cut.empty()) note += (note.empty() ? "" : " ") + cut;
        auto src = sourceSlices(f.source, note, x, w);
        e.slices.insert(e.slices.end(), src.begin(), src.end());
        e.breakable = false;
        e.before = 8;
        e.after = 12;
        out.push_back(std::move(e));
    }

    void table(const document::Table& t, double x, double w, std::vector<Element>& out) {
        const size_t cols = std::max(t.header.size(), t.rows.empty() ? 0 : t.rows[0].size());
        if (cols == 0) return;
        const double pad = 5;
        auto alignOf = [&](size_t c) { return c < t.align.size() ? t.align[c] : figures::Align::Left; };
        // Column widths as in HTML's auto table layout: each column has a minimum (its longest
        // word, or its widest number) and a maximum (its widest cell unwrapped); the space
        // between the two sums is shared in proportion.
        std::vector<double> minW(cols, 0), maxW(cols, 0);
        auto longestWord = [](const std::string& s, Face f) {
            double best = 0;
            size_t i = 0;
            while (i <= s.size()) {
                size_t j = s.find(' ', i);
                if (j == std::string::npos) j = s.size();
                best = std::max(best, width(s.substr(i, j - i), f, kTableSize));
                i = j + 1;
            }
            return best;
        };
        std::vector<double> cellMax(cols, 0);  // widest body cell, without the header
        for (size_t c = 0; c < cols; ++c) {
            bool numeric = alignOf(c) == figures::Align::Right;
            auto consider = [&](const std::string& text, Face f) {
                double full = width(text, f, kTableSize);
                maxW[c] = std::max(maxW[c], full);
                cellMax[c] = std::max(cellMax[c], full);
                minW[c] = std::max(minW[c], numeric ? full : longestWord(text, f));
            };
            if (c < t.header.size()) {
                maxW[c] = std::max(maxW[c], width(t.header[c], Face::Bold, kTableSize));
                minW[c] = std::max(minW[c], longestWord(t.header[c], Face::Bold));
            }
            for (size_t r = 0; r < t.rows.size(); ++r)
                if (c < t.rows[r].size()) consider(t.rows[r][c], t.strong[r] ? Face::Bold : Face::Regular);
            minW[c] += 2 * pad;
            cellMax[c] = std::max(cellMax[c] + 2 * pad, minW[c]);
            maxW[c] = std::max(maxW[c] + 2 * pad, minW[c]);
        }
        // Numbers at their widest cell with headers wrapped, and text unwrapped: if that fits,
        // a long label column is not squeezed for the sake of long number headers.
        double textWide = 0, numCells = 0, numSpan = 0;
        for (size_t c = 0; c < cols; ++c) {
            if (alignOf(c) == figures::Align::Right) {
                numCells += cellMax[c];
                numSpan += maxW[c] - cellMax[c];
            } else {
                textWide += maxW[c];
            }
        }
        double sumMin = 0, sumMax = 0;
        for (size_t c = 0; c < cols; ++c) {
            sumMin += minW[c];
            sumMax += maxW[c];
        }
        std::vector<double> colW(cols, 0);
        if (sumMax <= w) {
            // Everything fits unwrapped: the slack goes to the text (left-aligned) columns.
            double textMax = 0;
            for (size_t c = 0; c < cols; ++c)
                if (alignOf(c) != figures::Align::Right) textMax += maxW[c];
            for (size_t c = 0; c < cols; ++c) {
                colW[c] = maxW[c];
                if (textMax > 0 && alignOf(c) != figures::Align::Right) colW[c] += (w - sumMax) * maxW[c] / textMax;
            }
            if (textMax == 0)
                for (size_t c = 0; c < cols; ++c) colW[c] += (w - sumMax) / static_cast<double>(cols);
        } else if (textWide + numCells <= w && textWide > 0) {
            double spare = w - textWide - numCells;
            for (size_t c = 0; c < cols; ++c) {
                if (alignOf(c) != figures::Align::Right) colW[c] = maxW[c];
                else colW[c] = cellMax[c] + (numSpan > 0 ? spare * (maxW[c] - cellMax[c]) / numSpan : 0);
            }
        } else if (double numMax = [&] {
                       double v = 0;
                       for (size_t c = 0; c < cols; ++c)
                           v += alignOf(c) == figures::Align::Right ? maxW[c] : minW[c];
                       return v;
                   }();
                   numMax <= w) {
            // Numbers and their headers unwrapped; text columns share what is left.
            double textSpan = 0;
            for (size_t c = 0; c < cols; ++c)
                if (alignOf(c) != figures::Align::Right) textSpan += maxW[c] - minW[c];
            for (size_t c = 0; c < cols; ++c) {
                if (alignOf(c) == figures::Align::Right) colW[c] = maxW[c];
                else colW[c] = minW[c] + (textSpan > 0 ? (w - numMax) * (maxW[c] - minW[c]) / textSpan : 0);
            }
        } else if (sumMin <= w) {
            double f = sumMax > sumMin ? (w - sumMin) / (sumMax - sumMin) : 0;
            for (size_t c = 0; c < cols; ++c) colW[c] = minW[c] + (maxW[c] - minW[c]) * f;
        } else {
            for (size_t c = 0; c < cols; ++c) colW[c] = minW[c] * w / sumMin;
        }
        double total = 0;
        for (double cw : colW) total += cw;
        std::vector<double> colX(cols, x);
        for (size_t c = 1; c < cols; ++c) colX[c] = colX[c - 1] + colW[c - 1];
        // Decimal-comma alignment per right-aligned column: widest fraction part.
        std::vector<double> fracW(cols, 0);
        auto fracOf = [](const std::string& s) {
            size_t p = s.rfind(',');
            return p == std::string::npos ? std::string() : s.substr(p);
        };
        for (size_t c = 0; c < cols; ++c)
            if (alignOf(c) == figures::Align::Right)
                for (size_t r = 0; r < t.rows.size(); ++r)
                    if (c < t.rows[r].size())
                        fracW[c] = std::max(fracW[c], width(fracOf(t.rows[r][c]), Face::Regular, kTableSize));

        auto makeRow = [&](const std::vector<std::string>& cells, bool header, bool strong, bool zebra) {
            Face face = header || strong ? Face::Bold : Face::Regular;
            auto lines = std::make_shared<std::vector<std::vector<Line>>>();
            size_t maxLines = 1;
            for (size_t c = 0; c < cols; ++c) {
                TextStyle st;
                st.size = kTableSize;
                st.leading = kTableLeading;
                st.justify = false;
                st.hyphenate = !header;
                std::string text = c < cells.size() ? cells[c] : "";
                lines->push_back(breakLines({{text, face, "", 0}}, std::max(10.0, colW[c] - 2 * pad), st));
                maxLines = std::max(maxLines, lines->back().size());
            }
            double h = kTableLeading * static_cast<double>(maxLines) + 5;
            auto cw = colW;
            auto cx = colX;
            auto fw = fracW;
            std::vector<figures::Align> al;
            for (size_t c = 0; c < cols; ++c) al.push_back(alignOf(c));
            double tw = total;
            Slice sl;
            sl.height = h;
            sl.draw = [=](scene::Scene& s, double top) {
                if (header) addRect(s, x, top, tw, h, kHeaderTint);
                else if (zebra) addRect(s, x, top, tw, h, kZebra);
                if (strong) addLine(s, x, top, x + tw, top, kHeading, 0.6);
                for (size_t c = 0; c < cols; ++c) {
                    const auto& ls = (*lines)[c];
                    for (size_t i = 0; i < ls.size(); ++i) {
                        double lw = ls[i].width;
                        double base = top + 2.5 + kTableLeading * static_cast<double>(i) + kTableLeading * 0.72;
                        double tx = cx[c] + pad;
                        if (al[c] == figures::Align::Right) {
                            double fr = 0;
                            if (!header && ls.size() == 1) {
                                const std::string& txt = ls[i].runs.empty() ? std::string() : ls[i].runs[0].text;
                                size_t p = txt.rfind(',');
                                fr = p == std::string::npos ? 0 : width(txt.substr(p), face, kTableSize);
                            }
                            tx = cx[c] + cw[c] - pad - lw - (header ? 0 : fw[c] - fr);
                        }
                        for (const auto& r : ls[i].runs)
                            addText(s, tx + r.x, base, r.text, r.face, kTableSize, header ? kHeading : kInk);
                    }
                }
                if (header) addLine(s, x, top + h, x + tw, top + h, kHeading, 0.8);
            };
            return sl;
        };

        Element e;
        int captionCount = 0;
        if (!t.number.empty() || !t.title.empty()) {
            e.slices = captionSlices("Tabel", t.number, t.title, x, w);
            captionCount = static_cast<int>(e.slices.size());
        }
        bool hasHeader = !t.header.empty();
        if (hasHeader) {
            Slice hs = makeRow(t.header, true, false, false);
            e.slices.push_back(hs);
            e.repeat.push_back(hs);
        }
        for (size_t r = 0; r < t.rows.size(); ++r)
            e.slices.push_back(makeRow(t.rows[r], false, t.strong[r], r % 2 == 1));
        double tw = total;
        e.slices.push_back({2, [x, tw](scene::Scene& s, double top) { addLine(s, x, top, x + tw, top, kHeading, 0.6); }});
        auto src = sourceSlices(t.source, t.note, x, w);
        e.slices.insert(e.slices.end(), src.begin(), src.end());
        e.orphans = captionCount + (hasHeader ? 1 : 0) + 2;
        e.widows = 3 + static_cast<int>(src.size());
        // A short table reads better whole on the next page than split.
        if (t.rows.size() <= 12) e.breakable = false;
        e.before = 8;
        e.after = 12;
        out.push_back(std::move(e));
    }

    void box(const document::Box& b, double x, double w, std::vector<Element>& out) {
        const double pad = 10;
        const BoxStyle style = boxStyle(b.kind);
        const Color tint = style.tint, accentColor = style.accent;
        std::vector<Element> inner;
        if (*style.label) {
            Element l;
            l.slices = plainSlices(style.label, x + pad, w - 2 * pad, Face::Bold, 7, 10, accentColor);
            inner.push_back(std::move(l));
        }
        if (!b.title.empty()) {
            Element t;
            t.slices = plainSlices(b.title, x + pad, w - 2 * pad, Face::Bold, 10.5, 15, kHeading);
            t.after = 2;
            inner.push_back(std::move(t));
        }
        blocks(b.blocks, x + pad, w - 2 * pad, inner);
        Element e;
        e.slices.push_back({pad - 2, {}});
        for (size_t i = 0; i < inner.size(); ++i) {
            if (i > 0 && inner[i].before > 0) e.slices.push_back({inner[i].before * 0.5, {}});
            for (auto& s : inner[i].slices) e.slices.push_back(s);
            if (i + 1 < inner.size()) e.slices.push_back({std::min(inner[i].after, 6.0), {}});
        }
        e.slices.push_back({pad - 2, {}});
        // Every slice paints its own strip of the background, so the box survives a page break.
        bool accent = b.kind != "citat";
        for (auto& s : e.slices) {
            DrawFn d = s.draw;
            double h = s.height;
            s.draw = [d, h, x, w, tint, accent, accentColor](scene::Scene& sc, double top) {
                addRect(sc, x, top, w, h, tint);
                if (accent) addRect(sc, x, top, 2.5, h, accentColor);
                if (d) d(sc, top);
            };
        }
        e.orphans = 3;
        e.widows = 3;
        e.before = 6;
        e.after = 12;
        out.push_back(std::move(e));
    }

    void toc(double x, double w, std::vector<Element>& out) {
        // Entries are filled after pagination; here we reserve one line per heading (levels 1–2).
        Element e;
        e.slices = plainSlices("Indhold", x, w, Face::Bold, 15, 20, kHeading);
        e.slices.push_back({6, {}});
        tocAt_ = elements_.size();
        countTocEntries_ = true;
        e.breakable = true;
        e.after = 10;
        tocX_ = x;
        tocW_ = w;
        out.push_back(std::move(e));
    }

    // Footnotes are set at the foot of the page where they are referenced, in small type.
    struct Note {
        std::shared_ptr<std::vector<Line>> lines;
        double height = 0;
    };
    static constexpr double kNoteSeparator = 12;

    void prepareFootnotes() {
        TextStyle st;
        st.size = kSmallSize;
        st.leading = kSmallLeading;
        st.color = kInk;
        st.justify = false;
        st.hyphenate = false;
        for (const auto& fn : doc_.footnotes) {
            document::Inlines in{{std::to_string(fn.number) + " ", Face::Regular, "", 0}};
            in.insert(in.end(), fn.text.begin(), fn.text.end());
            auto lines = std::make_shared<std::vector<Line>>(breakLines(in, textW_, st));
            notes_[fn.number] = {lines, kSmallLeading * static_cast<double>(lines->size()) + 2};
        }
    }

    // Extra height the slice's notes need on a page whose notes take `used` so far.
    double noteExtra(const Slice& sl, int page, double used) const {
        double extra = 0;
        for (int n : sl.footnotes) {
            auto it = notes_.find(n);
            if (it == notes_.end()) continue;
            bool onPage = static_cast<size_t>(page) < pageNotes_.size() &&
                          std::find(pageNotes_[static_cast<size_t>(page)].begin(), pageNotes_[static_cast<size_t>(page)].end(),
                                    n) != pageNotes_[static_cast<size_t>(page)].end();
            if (!onPage) extra += it->second.height;
        }
        if (extra > 0 && used == 0) extra += kNoteSeparator;
        return extra;
    }

    void drawNotes(scene::Scene& s, int page) const {
        if (static_cast<size_t>(page) >= pageNotes_.size() || pageNotes_[static_cast<size_t>(page)].empty()) return;
        double h = kNoteSeparator;
        for (int n : pageNotes_[static_cast<size_t>(page)]) h += notes_.at(n).height;
        double y = bottom() - h;
        addLine(s, ps_.marginLeft, y + 5, ps_.marginLeft + 120, y + 5, kRule, 0.6);
        y += kNoteSeparator;
        TextStyle st;
        st.size = kSmallSize;
        st.leading = kSmallLeading;
        st.color = kInk;
        st.justify = false;
        for (int n : pageNotes_[static_cast<size_t>(page)]) {
            const Note& note = notes_.at(n);
            drawLines(s, *note.lines, ps_.marginLeft, baselineIn(y, st), st);
            y += note.height;
        }
    }

    // ------------------------------------------------------------------ pagination

    struct Placed {
        int page;
        double top;
        Slice slice;
    };

    double top() const { return ps_.marginTop; }
    double bottom() const { return ps_.height - ps_.marginBottom; }

    static double heightOf(const std::vector<Slice>& s, size_t from, size_t to) {
        double h = 0;
        for (size_t i = from; i < to && i < s.size(); ++i) h += s[i].height;
        return h;
    }

    // The fewest slices an element can start a page with: `orphans`, unless it is too short to
    // leave both `orphans` here and `widows` on the next page, in which case all of it.
    static size_t firstChunk(const Element& e) {
        const size_t n = e.slices.size();
        if (!e.breakable) return n;
        const size_t o = static_cast<size_t>(std::max(1, e.orphans)), w = static_cast<size_t>(std::max(1, e.widows));
        return n < o + w ? n : o;
    }

    // Height the next element needs at least, to keep a heading with it.
    double minStart(size_t i) const {
        if (i >= elements_.size()) return 0;
        const Element& n = elements_[i];
        if (n.pageBreak) return 0;
        if (n.slices.empty()) return minStart(i + 1);  // nothing to show (e.g. an empty block)
        double h = n.before + heightOf(n.slices, 0, firstChunk(n));
        if (n.keepWithNext) h += heightOf(n.slices, firstChunk(n), n.slices.size()) + n.after + minStart(i + 1);
        return h;
    }

    void paginate() {
        // Reserve the table of contents: one line per heading of level 1–2.
        if (countTocEntries_) {
            Element& t = elements_[tocAt_];
            for (size_t h = 0; h < headings_.size(); ++h) {
                if (headings_[h].level > 2) continue;
                double lead = headings_[h].level == 1 ? 16 : 13.5;
                t.slices.push_back({lead, [this, h](scene::Scene& s, double tp) { tocEntry(s, h, tp); }});
            }
        }
        int page = 0;
        double y = top();
        double foot = 0;  // height of the notes on the current page
        pageNotes_.assign(1, {});
        auto newPage = [&]() {
            ++page;
            y = top();
            foot = 0;
            pageNotes_.emplace_back();
        };
        auto place = [&](const Slice& sl) {
            foot += noteExtra(sl, page, foot);
            for (int n : sl.footnotes) {
                auto& list = pageNotes_[static_cast<size_t>(page)];
                if (notes_.count(n) && std::find(list.begin(), list.end(), n) == list.end()) list.push_back(n);
            }
            placed_.push_back({page, y, sl});
            y += sl.height;
        };
        for (size_t i = 0; i < elements_.size(); ++i) {
            Element& e = elements_[i];
            if (e.pageBreak) {
                if (y > top()) newPage();
                continue;
            }
            if (e.slices.empty()) continue;
            double before = y > top() ? e.before : 0;
            double total = heightOf(e.slices, 0, e.slices.size());
            double need = heightOf(e.slices, 0, firstChunk(e));
            if (e.keepWithNext) need = total + e.after + minStart(i + 1);
            if (y + before + need > bottom() - foot && y > top()) {
                newPage();
                before = 0;
            }
            y += before;
            if (e.heading >= 0) {
                headings_[static_cast<size_t>(e.heading)].page = page;
                headings_[static_cast<size_t>(e.heading)].y = y;
            }
            size_t k = 0;
            const size_t n = e.slices.size();
            bool continuation = false;
            while (k < n) {
                // How many slices fit from k?
                size_t fit = k;
                double yy = y, fa = foot;
                while (fit < n) {
                    double extra = noteExtra(e.slices[fit], page, fa);
                    if (yy + e.slices[fit].height > bottom() - fa - extra + 0.01) break;
                    fa += extra;
                    yy += e.slices[fit++].height;
                }
                if (fit == n || !e.breakable) {
                    if (fit < n && y > top()) {  // unbreakable and too tall for the rest of the page
                        newPage();
                        continue;
                    }
                    for (size_t j = k; j < n; ++j) place(e.slices[j]);
                    k = n;
                    break;
                }
                // Split: keep `widows` slices for the next page, `orphans` on this one.
                size_t take = fit;
                if (n - take < static_cast<size_t>(e.widows)) take = n > static_cast<size_t>(e.widows) ? n - static_cast<size_t>(e.widows) : 0;
                size_t minTake = continuation ? 1 : static_cast<size_t>(e.orphans);
                if (take < k + minTake) {
                    if (y > top() + (continuation ? heightOf(e.repeat, 0, e.repeat.size()) : 0) + 0.01) {
                        newPage();
                        if (continuation)
                            for (const auto& r : e.repeat) place(r);
                        continue;
                    }
                    take = std::max(fit, k + 1);  // nothing else helps: overfill
                }
                for (size_t j = k; j < take; ++j) place(e.slices[j]);
                k = take;
                newPage();
                continuation = true;
                for (const auto& r : e.repeat) place(r);
            }
            y += e.after;
        }
        pageCount_ = page + 1;
    }

    void tocEntry(scene::Scene& s, size_t h, double tp) {
        const HeadingInfo& hi = headings_[h];
        double indent = hi.level == 1 ? 0 : 14;
        Face f = hi.level == 1 ? Face::Bold : Face::Regular;
        double size = hi.level == 1 ? 10 : 9.5;
        double base = tp + 11;
        std::string pageNo = std::to_string(hi.page + 1);
        double pw = width(pageNo, f, size);
        double right = tocX_ + tocW_;
        std::string title = hi.title;
        double maxTitle = tocW_ - indent - pw - 24;
        if (width(title, f, size) > maxTitle && title.size() > 4) {
            // The longest prefix (at a character boundary) that fits with "…": a binary search,
            // so a heading of thousands of characters costs a few measurements, not one per cut.
            std::vector<size_t> cuts;
            for (size_t i = 1; i < title.size(); ++i)
                if ((static_cast<unsigned char>(title[i]) & 0xC0) != 0x80) cuts.push_back(i);
            size_t lo = 0, hi = cuts.size();  // cuts[0, lo) fit; cuts[hi, end) do not
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (width(title.substr(0, cuts[mid]) + "…", f, size) <= maxTitle) lo = mid + 1;
                else hi = mid;
            }
            // Keep at least the first character.
            title = title.substr(0, lo > 0 ? cuts[lo - 1] : cuts.empty() ? title.size() : cuts[0]) + "…";
        }
        addText(s, tocX_ + indent, base, title, f, size, kInk);
        double tw = width(title, f, size);
        // Dot leaders, aligned to a common grid so columns of dots line up.
        double dotW = width(". ", Face::Regular, size);
        // Gaps under one em, so text extraction (pdftotext, screen readers) keeps the entry on one line.
        double startX = tocX_ + indent + tw + 2;
        double endX = right - pw - 3;
        double gx = tocX_ + std::ceil((startX - tocX_) / dotW) * dotW;
        std::string dots;
        int count = 0;
        for (double dx = gx; dx + dotW <= endX; dx += dotW) ++count;
        for (int i = 0; i < count; ++i) dots += ". ";
        if (!dots.empty()) addText(s, gx, base, dots, Face::Regular, size, kMuted);
        addText(s, right - pw, base, pageNo, f, size, kInk);
        scene::Link l;
        l.x = tocX_ + indent;
        l.y = tp + 1;
        l.w = tocW_ - indent;
        l.h = 13;
        l.page = hi.page;
        l.top = hi.y;
        s.add(l);
    }

    Pages draw() {
        Pages out;
        out.title = doc_.title;
        out.subject = doc_.subject;
        out.author = doc_.author;
        out.keywords = doc_.keywords;
        out.creationTime = doc_.creationTime;
        out.pages.resize(static_cast<size_t>(pageCount_));
        for (auto& p : out.pages) {
            p.width = ps_.width;
            p.height = ps_.height;
        }
        for (const auto& pl : placed_)
            if (pl.slice.draw) pl.slice.draw(out.pages[static_cast<size_t>(pl.page)], pl.top);
        for (int i = 0; i < pageCount_; ++i) {
            scene::Scene& s = out.pages[static_cast<size_t>(i)];
            drawNotes(s, i);
            if (i < frontPages_) continue;  // no header or page number on the title page and colophon
            double fy = ps_.height - ps_.marginBottom + 30;
            std::string side = "Side " + std::to_string(i + 1) + " af " + std::to_string(pageCount_);
            addText(s, ps_.width - ps_.marginRight - width(side, Face::Regular, 8), fy, side, Face::Regular, 8, kMuted);
            if ((frontPages_ ? i >= frontPages_ : i > 0) && !doc_.title.empty()) {
                std::string t = doc_.title;
                double maxW = textW_ * 0.8;
                while (width(t, Face::Regular, 8) > maxW && t.size() > 4) {
                    size_t cut = t.size() - 1;
                    while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
                    t = t.substr(0, cut);
                    if (t.size() >= 3 && t.compare(t.size() - 3, 3, "…") == 0) t.resize(t.size() - 3);
                    t += "…";
                }
                double hy = ps_.marginTop - 28;
                addText(s, ps_.marginLeft, hy, t, Face::Regular, 8, kMuted);
                addLine(s, ps_.marginLeft, hy + 5, ps_.width - ps_.marginRight, hy + 5, kRule, 0.5);
            }
        }
        for (const auto& h : headings_)
            if (h.page >= 0) out.outline.push_back({h.title, h.level, h.page, h.y});
        return out;
    }

    const document::Document& doc_;
    PageStyle ps_;
    double textW_;
    std::vector<Element> elements_;
    std::vector<HeadingInfo> headings_;
    std::vector<Placed> placed_;
    std::map<int, Note> notes_;
    int frontPages_ = 0;
    std::vector<std::vector<int>> pageNotes_;
    int pageCount_ = 1;
    size_t tocAt_ = 0;
    bool countTocEntries_ = false;
    double tocX_ = 0, tocW_ = 0;
};

}  // namespace

Pages layoutDocument(const document::Document& doc, const PageStyle& style) {
    Typesetter t(doc, style);
    return t.run();
}

}  // namespace layout
