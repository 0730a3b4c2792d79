#include "charts/StackedBars.hpp"

#include <algorithm>
#include <numeric>

#include "charts/Canvas.hpp"
#include "charts/Palette.hpp"
#include "core/Format.hpp"

namespace charts {

namespace {
constexpr double kFont = 8;
constexpr double kLine = 10;
constexpr double kBarH = 20;
constexpr double kGap = 12;
}  // namespace

scene::Scene StackedBars::draw(double width) const {
    scene::Scene s;
    s.width = width;
    Canvas c(s);
    std::vector<scene::Color> colors = d_.colors;
    if (colors.size() < d_.categories.size()) {
        auto def = palette::series();
        for (size_t k = colors.size(); k < d_.categories.size(); ++k) colors.push_back(def[k % def.size()]);
    }

    // Label column: as wide as the longest label needs, at most 30 % of the width.
    double labelW = 0;
    for (const auto& b : d_.bars) labelW = std::max(labelW, Canvas::width(b.label, kFont));
    labelW = std::min(labelW, width * 0.30);
    double nW = 0;
    for (const auto& b : d_.bars) nW = std::max(nW, Canvas::width("n = " + core::formatCount(b.n), kFont - 0.5));
    const double barX = labelW + 8;
    const double barW = std::max(40.0, width - barX - nW - 8);

    double y = 4;
    for (const auto& b : d_.bars) {
        auto lines = wrapLabel(b.label, labelW, kFont, 3);
        double rowH = std::max(kBarH, kLine * static_cast<double>(lines.size()));
        double barTop = y + (rowH - kBarH) / 2;
        double ly = y + rowH / 2 - kLine * static_cast<double>(lines.size()) / 2 + 7.5;
        for (const auto& l : lines) {
            c.text(labelW, ly, l, kFont, Align::Right, scene::Face::Regular, palette::ink);
            ly += kLine;
        }
        double total = std::accumulate(b.counts.begin(), b.counts.end(), 0.0);
        if (b.suppressed || total <= 0) {
            c.hatch(barX, barTop, barW, kBarH, palette::muted);
            c.text(barX + barW / 2, barTop + kBarH / 2 + 3, b.suppressed ? (b.shown.empty() ? "<5" : b.shown) : "Ingen svar",
                   kFont, Align::Center, scene::Face::Bold, palette::ink);
        } else {
            double x = barX;
            for (size_t k = 0; k < b.counts.size() && k < colors.size(); ++k) {
                double share = b.counts[k] / total;
                double w = barW * share;
                if (w <= 0) continue;
                c.rect(x, barTop, w, kBarH, colors[k]);
                std::string label = core::formatPercent(share, d_.decimals) + "%";
                if (Canvas::width(label, kFont, scene::Face::Bold) + 4 <= w)
                    c.text(x + w / 2, barTop + kBarH / 2 + 3, label, kFont, Align::Center, scene::Face::Bold,
                           palette::textOn(colors[k]));
                x += w;
            }
        }
        c.text(barX + barW + 6, barTop + kBarH / 2 + 3, "n = " + core::formatCount(b.n), kFont - 0.5, Align::Left,
               scene::Face::Regular, palette::muted);
        y += rowH + kGap;
    }

    // Legend, wrapping onto more rows when needed.
    y += 2;
    double lx = barX;
    for (size_t k = 0; k < d_.categories.size(); ++k) {
        double w = 11 + Canvas::width(d_.categories[k], kFont) + 14;
        if (lx + w > width && lx > barX) {
            lx = barX;
            y += 13;
        }
        c.rect(lx, y, 8, 8, colors[k]);
        c.text(lx + 11, y + 7, d_.categories[k], kFont, Align::Left, scene::Face::Regular, palette::ink);
        lx += w;
    }
    s.height = y + 12;
    return s;
}

}  // namespace charts
