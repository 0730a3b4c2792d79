#include "charts/GroupedBars.hpp"

#include <algorithm>
#include <cmath>

#include "charts/Axis.hpp"
#include "charts/Canvas.hpp"
#include "charts/Legend.hpp"
#include "charts/Palette.hpp"
#include "charts/Style.hpp"
#include "core/Format.hpp"

namespace charts {

namespace {

constexpr scene::Face kBold = scene::Face::Bold;

std::string shownOf(const Cell& v) { return v.shown.empty() ? "<5" : v.shown; }

struct Common {
    std::vector<scene::Color> colors;
    size_t ns = 1;
    bool legend = false;
    double dataMax = 0;
    bool fixed = false;
};

Common common(const GroupedBarsData& d) {
    Common k;
    k.ns = std::max<size_t>(1, d.series.size());
    k.colors = d.colors.size() >= k.ns ? d.colors : palette::series(k.ns);
    k.legend = d.series.size() > 1 || (d.series.size() == 1 && !d.series[0].empty());
    k.fixed = !std::isnan(d.axisMax);
    k.dataMax = d.axisMin;
    for (const auto& g : d.groups)
        for (const auto& v : g.values)
            if (!v.suppressed) k.dataMax = std::max(k.dataMax, v.value);
    return k;
}

Ticks ticksFor(const GroupedBarsData& d, const Common& k, int target) {
    if (k.fixed) return scaleTicks(d.axisMin, d.axisMax, target);
    return niceTicks(d.axisMin, std::max(k.dataMax, d.axisMin + 1e-9), target);
}

std::vector<LegendEntry> legendEntries(const GroupedBarsData& d, const Common& k) {
    std::vector<LegendEntry> out;
    for (size_t i = 0; i < d.series.size(); ++i) out.push_back({d.series[i], k.colors[i % k.colors.size()], Mark::Swatch});
    return out;
}

}  // namespace

Drawing GroupedBars::render(double width) const {
    if (d_.horizontal) return horizontal(width);
    // Vertical only when every value label fits over its bar and groups can hold a label.
    const Common k = common(d_);
    const double groupW = width * 0.9 / static_cast<double>(std::max<size_t>(1, d_.groups.size()));
    const double barW = std::min(46.0, groupW * 0.7 / static_cast<double>(k.ns));
    double labelW = 0;
    for (const auto& g : d_.groups)
        for (const auto& v : g.values)
            labelW = std::max(labelW, Canvas::width(v.suppressed ? shownOf(v) : core::formatNumber(v.value, d_.decimals),
                                                    style::font, kBold));
    if (labelW + 2 > barW || groupW < 44) return horizontal(width);
    return vertical(width);
}

Drawing GroupedBars::vertical(double width) const {
    Drawing out;
    scene::Scene& s = out.scene;
    s.width = width;
    Canvas c(s, &out.truncated);
    const Common k = common(d_);

    double y = 0;
    if (k.legend) {
        Legend legend(legendEntries(d_, k), width);
        legend.draw(c, 0, 0);
        y = legend.height() + 6;
    }
    if (!d_.axisLabel.empty()) {
        auto lines = c.wrap(d_.axisLabel, width, style::small, 2);
        y = c.lines(0, y + 7, lines, style::small, style::smallLine, Align::Left, scene::Face::Regular, palette::muted) - 7;
    }

    const double plotTop = y + 12;
    const double plotH = std::clamp(width * 0.32, 90.0, 170.0);
    const double plotBottom = plotTop + plotH;
    Ticks ticks = ticksFor(d_, k, std::clamp(static_cast<int>(plotH / 22), 2, 6));
    const int tickDec = d_.tickDecimals >= 0 ? d_.tickDecimals : ticks.decimals;
    double tickW = 0;
    for (double t : ticks.values) tickW = std::max(tickW, Canvas::width(core::formatNumber(t, tickDec), style::small));
    const double left = tickW + 6;
    const double plotW = width - left;
    auto yOf = [&](double v) {
        return plotBottom - (std::clamp(v, ticks.min, ticks.max) - ticks.min) / (ticks.max - ticks.min) * plotH;
    };
    drawAxisY(c, ticks, yOf, left, width, left - 4, [&](double v) { return core::formatNumber(v, tickDec); });

    const size_t ng = std::max<size_t>(1, d_.groups.size());
    const bool apart = d_.lastApart && d_.groups.size() > 1;
    const double apartGap = apart ? std::min(24.0, plotW * 0.06) : 0;
    const double groupW = (plotW - apartGap) / static_cast<double>(ng);
    const double barW = std::min(46.0, groupW * 0.7 / static_cast<double>(k.ns));
    auto groupX = [&](size_t gi) {
        return left + groupW * static_cast<double>(gi) + (apart && gi + 1 == d_.groups.size() ? apartGap : 0);
    };

    size_t maxLines = 1;
    bool anyN = false;
    std::vector<std::vector<std::string>> labels;
    for (const auto& g : d_.groups) {
        labels.push_back(c.wrap(g.label, groupW - 6, style::font, style::maxLines));
        maxLines = std::max(maxLines, labels.back().size());
        anyN = anyN || g.n >= 0;
    }
    if (apart) {
        double x = groupX(d_.groups.size() - 1) - apartGap / 2;
        c.line(x, plotTop - 4, x, plotBottom + 11 + style::line * static_cast<double>(maxLines + anyN) - 6,
               palette::axis, 0.5, 2);
    }

    for (size_t gi = 0; gi < d_.groups.size(); ++gi) {
        const auto& g = d_.groups[gi];
        const double gx = groupX(gi);
        const double x0 = gx + (groupW - barW * static_cast<double>(k.ns)) / 2;
        for (size_t si = 0; si < g.values.size() && si < k.ns; ++si) {
            const Cell& v = g.values[si];
            const double bx = x0 + barW * static_cast<double>(si);
            const double cx = bx + barW / 2;
            if (v.suppressed) {
                double h = std::min(14.0, plotH);
                c.hatch(bx + 1, plotBottom - h, barW - 2, h, palette::muted);
                c.text(cx, plotBottom - h - 3, shownOf(v), style::font, Align::Center, kBold);
                continue;
            }
            const double top = yOf(v.value);
            c.rect(bx + 1, top, barW - 2, plotBottom - top, k.colors[si % k.colors.size()]);
            c.text(cx, top - 3, core::formatNumber(v.value, d_.decimals), style::font, Align::Center, kBold);
        }
        c.lines(gx + groupW / 2, plotBottom + 11, labels[gi], style::font, style::line, Align::Center);
        if (g.n >= 0)
            c.text(gx + groupW / 2, plotBottom + 11 + style::line * static_cast<double>(maxLines),
                   "(n = " + core::formatCount(g.n) + ")", style::small, Align::Center, scene::Face::Regular,
                   palette::muted);
    }
    s.height = plotBottom + 11 + style::line * static_cast<double>(maxLines - 1 + (anyN ? 1 : 0)) + 4;
    return out;
}

Drawing GroupedBars::horizontal(double width) const {
    Drawing out;
    scene::Scene& s = out.scene;
    s.width = width;
    Canvas c(s, &out.truncated);
    const Common k = common(d_);
    const double barH = k.ns == 1 ? 14 : 11;
    const double groupGap = k.ns == 1 ? 6 : 9;

    double y = 0;
    if (k.legend) {
        Legend legend(legendEntries(d_, k), width);
        legend.draw(c, 0, 0);
        y = legend.height() + 6;
    }

    // Columns: labels (with "(n = …)" under them) | bars | value labels.
    double labelW = 0;
    for (const auto& g : d_.groups) labelW = std::max(labelW, Canvas::width(g.label, style::font));
    labelW = std::min(labelW, width * 0.32);
    double valueW = 0;
    for (const auto& g : d_.groups)
        for (const auto& v : g.values)
            valueW = std::max(valueW, Canvas::width(v.suppressed ? shownOf(v) : core::formatNumber(v.value, d_.decimals),
                                                    style::small, kBold));
    const double plotX = labelW + 8;
    const double plotW = std::max(30.0, width - plotX - valueW - 5);
    Ticks ticks = ticksFor(d_, k, tickTarget(plotW, 18));
    const int tickDec = d_.tickDecimals >= 0 ? d_.tickDecimals : ticks.decimals;
    auto xOf = [&](double v) {
        return plotX + (std::clamp(v, ticks.min, ticks.max) - ticks.min) / (ticks.max - ticks.min) * plotW;
    };

    struct Placed {
        std::vector<std::string> lines;
        double top, barsTop;
    };
    std::vector<Placed> placed;
    const double plotTop = y + 2;
    y = plotTop;
    const bool apart = d_.lastApart && d_.groups.size() > 1;
    double apartY = 0;
    for (size_t gi = 0; gi < d_.groups.size(); ++gi) {
        const auto& g = d_.groups[gi];
        if (apart && gi + 1 == d_.groups.size()) {
            apartY = y + 2;
            y += 8;
        }
        auto lines = c.wrap(g.label, labelW, style::font, style::maxLines);
        const double textH = style::line * static_cast<double>(lines.size() + (g.n >= 0 ? 1 : 0));
        const double barsH = barH * static_cast<double>(k.ns) + static_cast<double>(k.ns - 1);
        const double h = std::max(textH, barsH);
        placed.push_back({lines, y + (h - textH) / 2, y + (h - barsH) / 2});
        y += h + groupGap;
    }
    const double plotBottom = y - groupGap + 3;
    drawAxisX(c, ticks, xOf, plotTop - 2, plotBottom, plotBottom + 10, plotX - 6, width,
              [&](double v) { return core::formatNumber(v, tickDec); });
    c.line(plotX, plotTop - 2, plotX, plotBottom, palette::axis, 0.75);
    if (apart) c.line(0, apartY, width, apartY, palette::axis, 0.5, 2);

    for (size_t gi = 0; gi < d_.groups.size(); ++gi) {
        const auto& g = d_.groups[gi];
        const Placed& p = placed[gi];
        double ly = c.lines(labelW, p.top + 7.5, p.lines, style::font, style::line, Align::Right);
        if (g.n >= 0)
            c.text(labelW, ly, "(n = " + core::formatCount(g.n) + ")", style::small, Align::Right, scene::Face::Regular,
                   palette::muted);
        for (size_t si = 0; si < g.values.size() && si < k.ns; ++si) {
            const Cell& v = g.values[si];
            const double by = p.barsTop + (barH + 1) * static_cast<double>(si);
            const double mid = by + barH / 2 + style::centreBaseline(style::small);
            if (v.suppressed) {
                double w = std::min(24.0, plotW * 0.15);
                c.hatch(plotX, by, w, barH, palette::muted);
                c.text(plotX + w + 3, mid, shownOf(v), style::small, Align::Left, kBold);
                continue;
            }
            const double x1 = xOf(v.value);
            c.rect(plotX, by, x1 - plotX, barH, k.colors[si % k.colors.size()]);
            c.text(x1 + 3, mid, core::formatNumber(v.value, d_.decimals), style::small, Align::Left, kBold);
        }
    }
    y = plotBottom + 14;
    if (!d_.axisLabel.empty()) {
        auto lines = c.wrap(d_.axisLabel, width - plotX, style::small, 2);
        y = c.lines(width, y + 7, lines, style::small, style::smallLine, Align::Right, scene::Face::Regular,
                    palette::muted) - 7;
    }
    s.height = y + 2;
    return out;
}

}  // namespace charts
