#include "charts/GroupedBars.hpp"

#include <algorithm>
#include <cmath>

#include "charts/Axis.hpp"
#include "charts/Canvas.hpp"
#include "charts/Palette.hpp"
#include "core/Format.hpp"

namespace charts {

namespace {
constexpr double kFont = 8;
constexpr double kLine = 10;
}  // namespace

scene::Scene GroupedBars::draw(double width) const {
    scene::Scene s;
    s.width = width;
    Canvas c(s);
    const auto colors = palette::series();

    // Axis range: fixed scale if given, else from the data.
    double hi = d_.axisMax;
    if (std::isnan(hi)) {
        hi = d_.axisMin + 1;
        for (const auto& g : d_.groups)
            for (const auto& v : g.values)
                if (!v.suppressed) hi = std::max(hi, v.value);
    }
    Ticks ticks = niceTicks(d_.axisMin, hi, 5);
    int tickDecimals = ticks.decimals;

    // Legend row.
    double y = 2;
    double lx = 0;
    for (size_t k = 0; k < d_.series.size(); ++k) {
        c.rect(lx, y + 1, 8, 8, colors[k % colors.size()]);
        lx += 11;
        lx += c.text(lx, y + 8, d_.series[k], kFont, Align::Left, scene::Face::Regular, palette::ink) + 14;
    }
    y += 20;
    if (!d_.axisLabel.empty()) {
        c.text(0, y, d_.axisLabel, kFont - 0.5, Align::Left, scene::Face::Regular, palette::muted);
        y += 8;
    }

    // Plot frame.
    double tickW = 0;
    for (double t : ticks.values) tickW = std::max(tickW, Canvas::width(core::formatNumber(t, tickDecimals), kFont));
    const double left = tickW + 6;
    const double plotW = width - left;
    const double plotTop = y + 4;
    const double plotH = std::clamp(width * 0.32, 90.0, 170.0);
    const double plotBottom = plotTop + plotH;
    auto yOf = [&](double v) { return plotBottom - (v - ticks.min) / (ticks.max - ticks.min) * plotH; };

    for (double t : ticks.values) {
        double ty = yOf(t);
        c.line(left, ty, width, ty, t == ticks.min ? palette::axis : palette::grid, t == ticks.min ? 0.75 : 0.5);
        c.text(left - 4, ty + 2.8, core::formatNumber(t, tickDecimals), kFont, Align::Right, scene::Face::Regular,
               palette::muted);
    }

    // Bars.
    const size_t ng = std::max<size_t>(1, d_.groups.size());
    const size_t ns = std::max<size_t>(1, d_.series.size());
    const double groupW = plotW / static_cast<double>(ng);
    const double barW = std::min(46.0, groupW * 0.7 / static_cast<double>(ns));
    size_t maxLines = 1;
    std::vector<std::vector<std::string>> labels;
    for (const auto& g : d_.groups) {
        labels.push_back(wrapLabel(g.label, groupW - 6, kFont, 3));
        maxLines = std::max(maxLines, labels.back().size());
    }
    for (size_t gi = 0; gi < d_.groups.size(); ++gi) {
        const auto& g = d_.groups[gi];
        double gx = left + groupW * static_cast<double>(gi);
        double x0 = gx + (groupW - barW * static_cast<double>(ns)) / 2;
        for (size_t k = 0; k < g.values.size() && k < ns; ++k) {
            const Cell& v = g.values[k];
            double bx = x0 + barW * static_cast<double>(k);
            if (v.suppressed) {
                double h = std::min(14.0, plotH);
                c.hatch(bx + 1, plotBottom - h, barW - 2, h, palette::muted);
                c.text(bx + barW / 2, plotBottom - h - 3, v.shown.empty() ? "<5" : v.shown, kFont, Align::Center);
                continue;
            }
            double top = yOf(std::clamp(v.value, ticks.min, ticks.max));
            c.rect(bx + 1, top, barW - 2, plotBottom - top, colors[k % colors.size()]);
            c.text(bx + barW / 2, top - 3, core::formatNumber(v.value, d_.decimals), kFont, Align::Center,
                   scene::Face::Bold, palette::ink);
        }
        double ly = plotBottom + 11;
        for (const auto& l : labels[gi]) {
            c.text(gx + groupW / 2, ly, l, kFont, Align::Center, scene::Face::Regular, palette::ink);
            ly += kLine;
        }
        if (g.n >= 0)
            c.text(gx + groupW / 2, plotBottom + 11 + kLine * static_cast<double>(maxLines),
                   "(n = " + core::formatCount(g.n) + ")", kFont - 0.5, Align::Center, scene::Face::Regular,
                   palette::muted);
    }
    s.height = plotBottom + 11 + kLine * static_cast<double>(maxLines + 1) + 2;
    return s;
}

}  // namespace charts
