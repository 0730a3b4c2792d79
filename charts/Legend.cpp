#include "charts/Legend.hpp"

#include <algorithm>

#include "charts/Style.hpp"

namespace charts {

namespace {
constexpr double kRow = 12;  // one legend row
bool isLine(Mark m) { return m == Mark::Line || m == Mark::DashedLine || (m >= Mark::LineDot && m <= Mark::LineDiamond); }
}  // namespace

double markWidth(Mark m) { return isLine(m) ? 14 : style::swatch; }

double drawMark(Canvas& c, Mark m, double x, double y, scene::Color color) {
    const double h = style::swatch / 2;
    const double w = markWidth(m);
    const double cx = x + w / 2;
    switch (m) {
        case Mark::Swatch: c.rect(x, y - h, w, 2 * h, color); break;
        case Mark::Hatch: c.hatch(x, y - h, w, 2 * h, color); break;
        case Mark::Dot: c.circle(cx, y, 3.2, color, std::nullopt); break;
        case Mark::Ring: c.circle(cx, y, 3, palette::white, color, 1.2); break;
        case Mark::Diamond: c.polygon({{cx, y - 4}, {cx + 4, y}, {cx, y + 4}, {cx - 4, y}}, palette::white, color, 1); break;
        case Mark::Line: c.line(x, y, x + w, y, color, 1.5); break;
        case Mark::DashedLine: c.line(x, y, x + w, y, color, 1.2, 3); break;
        case Mark::LineDot:
        case Mark::LineSquare:
        case Mark::LineTriangle:
        case Mark::LineDiamond:
            c.line(x, y, x + w, y, color, 1.5);
            if (m == Mark::LineDot) c.circle(cx, y, 2.6, color, std::nullopt);
            else if (m == Mark::LineSquare) c.rect(cx - 2.4, y - 2.4, 4.8, 4.8, color);
            else if (m == Mark::LineTriangle) c.polygon({{cx, y - 3.2}, {cx + 3.2, y + 2.4}, {cx - 3.2, y + 2.4}}, color, std::nullopt);
            else c.polygon({{cx, y - 3.3}, {cx + 3.3, y}, {cx, y + 3.3}, {cx - 3.3, y}}, color, std::nullopt);
            break;
    }
    return w;
}

Legend::Legend(std::vector<LegendEntry> entries, double width) {
    double x = 0, y = 0, rowH = 0;
    for (auto& e : entries) {
        Placed p;
        const double mw = markWidth(e.mark) + 3;
        p.lines = wrapLabel(e.label, std::max(10.0, width - mw), style::font, 2, &p.cut);
        double textW = 0;
        for (const auto& l : p.lines) textW = std::max(textW, Canvas::width(l, style::font));
        double w = mw + textW;
        if (x > 0 && x + w > width) {
            x = 0;
            y += rowH;
            rowH = 0;
        }
        p.dx = x;
        p.dy = y;
        p.entry = std::move(e);
        rowH = std::max(rowH, kRow + style::line * static_cast<double>(p.lines.size() - 1));
        x += w + style::legendGap;
        placed_.push_back(std::move(p));
    }
    height_ = placed_.empty() ? 0 : y + rowH;
}

void Legend::draw(Canvas& c, double x, double y) const {
    for (const auto& p : placed_) {
        const double mid = y + p.dy + kRow / 2;
        double w = drawMark(c, p.entry.mark, x + p.dx, mid, p.entry.color);
        c.lines(x + p.dx + w + 3, mid + style::centreBaseline(style::font), p.lines, style::font, style::line);
        if (p.cut) c.noteTruncated(p.entry.label);
    }
}

}  // namespace charts
