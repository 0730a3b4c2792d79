#include "charts/TrendLine.hpp"

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

// Lines need saturated colours; markers tell them apart in greyscale.
const std::vector<scene::Color> kLineColors{palette::blue, palette::vermillion, palette::green, palette::navy};
const std::vector<Mark> kMarks{Mark::LineDot, Mark::LineSquare, Mark::LineTriangle, Mark::LineDiamond};
constexpr scene::Color kTarget{0x44, 0x44, 0x44};

void marker(Canvas& c, Mark m, double x, double y, scene::Color col) {
    switch (m) {
        case Mark::LineSquare: c.polygon({{x - 3, y - 3}, {x + 3, y - 3}, {x + 3, y + 3}, {x - 3, y + 3}}, col, palette::white, 0.8); break;
        case Mark::LineTriangle: c.polygon({{x, y - 3.8}, {x + 3.6, y + 2.6}, {x - 3.6, y + 2.6}}, col, palette::white, 0.8); break;
        case Mark::LineDiamond: c.polygon({{x, y - 3.8}, {x + 3.8, y}, {x, y + 3.8}, {x - 3.8, y}}, col, palette::white, 0.8); break;
        default: c.circle(x, y, 3.2, col, palette::white, 0.8);
    }
}

struct Box {
    double x0, y0, x1, y1;
    bool hits(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

}  // namespace

Drawing TrendLine::render(double width) const {
    Drawing out;
    scene::Scene& s = out.scene;
    s.width = width;
    Canvas c(s, &out.truncated);
    const size_t np = d_.periods.size();
    const size_t ns = d_.series.size();
    auto num = [&](double v) { return core::formatNumber(v, d_.decimals); };

    double y = 0;
    std::vector<LegendEntry> entries;
    if (ns > 1 || (ns == 1 && !d_.series[0].label.empty()))
        for (size_t i = 0; i < ns; ++i) entries.push_back({d_.series[i].label, kLineColors[i % 4], kMarks[i % 4]});
    if (d_.target) entries.push_back({d_.targetLabel + ": " + num(*d_.target), kTarget, Mark::DashedLine});
    if (!entries.empty()) {
        Legend legend(entries, width);
        legend.draw(c, 0, 0);
        y = legend.height() + 6;
    }
    if (!d_.axisLabel.empty()) {
        auto lines = c.wrap(d_.axisLabel, width, style::small, 2);
        y = c.lines(0, y + 7, lines, style::small, style::smallLine, Align::Left, scene::Face::Regular, palette::muted) - 7;
    }

    double lo = 1e300, hi = -1e300;
    for (const auto& se : d_.series)
        for (double v : se.values)
            if (!std::isnan(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    if (d_.target) lo = std::min(lo, *d_.target), hi = std::max(hi, *d_.target);
    if (lo > hi) lo = 0, hi = 1;
    if (!std::isnan(d_.axisMin)) lo = d_.axisMin;
    if (!std::isnan(d_.axisMax)) hi = d_.axisMax;

    const double plotTop = y + 12;
    const double plotH = std::clamp(width * 0.3, 90.0, 160.0);
    const double plotBottom = plotTop + plotH;
    const int target = std::clamp(static_cast<int>(plotH / 24), 2, 6);
    Ticks ticks = !std::isnan(d_.axisMin) && !std::isnan(d_.axisMax) ? scaleTicks(lo, hi, target) : niceTicks(lo, hi, target);
    double tickW = 0;
    for (double t : ticks.values) tickW = std::max(tickW, Canvas::width(core::formatNumber(t, ticks.decimals), style::small));
    const double left = tickW + 6;
    const double plotW = width - left;
    auto yOf = [&](double v) { return plotBottom - (v - ticks.min) / (ticks.max - ticks.min) * plotH; };
    drawAxisY(c, ticks, yOf, left, width, left - 4, [&](double v) { return core::formatNumber(v, ticks.decimals); });

    const double slot = plotW / static_cast<double>(std::max<size_t>(1, np));
    auto xOf = [&](size_t i) { return left + slot * (static_cast<double>(i) + 0.5); };

    // Period labels: every k-th period, the smallest k at which none has to be cut.
    auto labelWidth = [&](size_t i, size_t k) {
        double room = std::min(2 * xOf(i), 2 * (width - xOf(i)));
        return std::min(slot * static_cast<double>(k) - 4, room);
    };
    size_t stride = 1;
    for (; stride < np; ++stride) {
        bool ok = true;
        for (size_t i = 0; i < np && ok; i += stride) {
            bool cut = false;
            wrapLabel(d_.periods[i], labelWidth(i, stride), style::small, 2, &cut);
            ok = !cut;
        }
        if (ok) break;
    }
    for (size_t i = 0; i < np; ++i) {
        c.line(xOf(i), plotBottom, xOf(i), plotBottom + 3, palette::axis, 0.5);
        if (i % stride) continue;
        bool missing = true;
        for (const auto& se : d_.series)
            if (i < se.values.size() && !std::isnan(se.values[i])) missing = false;
        auto lines = c.wrap(d_.periods[i], labelWidth(i, stride), style::small, 2);
        c.lines(xOf(i), plotBottom + 12, lines, style::small, style::smallLine, Align::Center, scene::Face::Regular,
                missing ? palette::axis : palette::muted);
    }

    if (d_.target) c.line(left, yOf(*d_.target), width, yOf(*d_.target), kTarget, 1, 3);

    // Value labels keep clear of each other and of the target line.
    std::vector<Box> taken;
    if (d_.target) taken.push_back({left, yOf(*d_.target) - 1, width, yOf(*d_.target) + 1});

    // Withheld values: a hatched column through the plot (never a point at zero), with each
    // withheld series' text at its top, in the series' colour when there are several.
    for (size_t i = 0; i < np; ++i) {
        std::vector<std::pair<std::string, scene::Color>> withheld;
        for (size_t si = 0; si < ns; ++si) {
            const auto& se = d_.series[si];
            bool missing = i >= se.values.size() || std::isnan(se.values[i]);
            if (missing && i < se.shown.size() && !se.shown[i].empty())
                withheld.push_back({se.shown[i], ns == 1 ? palette::muted : kLineColors[si % 4]});
        }
        if (withheld.empty()) continue;
        const double w = std::min(slot * 0.6, 26.0);
        c.hatch(xOf(i) - w / 2, plotTop, w, plotH, palette::grid);
        double base = plotTop + 9;
        for (const auto& [t, col] : withheld) {
            const double tw = Canvas::width(t, style::small, scene::Face::Bold);
            const double x = std::clamp(xOf(i) - tw / 2, left + 1, width - tw);
            c.rect(x - 1.5, base - 7, tw + 3, 9, palette::white);
            c.text(x, base, t, style::small, Align::Left, scene::Face::Bold, col);
            taken.push_back({x - 1.5, base - 7, x + tw + 1.5, base + 2});
            base += 10;
        }
    }
    for (size_t si = 0; si < ns; ++si) {
        const auto& se = d_.series[si];
        const scene::Color col = kLineColors[si % 4];
        auto value = [&](size_t i) { return i < se.values.size() ? se.values[i] : std::nan(""); };
        // Polylines over runs of consecutive values; a missing period breaks the line.
        scene::Path run;
        run.stroke = col;
        run.strokeWidth = 1.6;
        auto flush = [&] {
            if (run.points.size() >= 2) s.add(run);
            run.points.clear();
        };
        for (size_t i = 0; i < np; ++i) {
            double v = value(i);
            if (std::isnan(v)) flush();
            else run.points.push_back({xOf(i), yOf(v)});
        }
        flush();
        for (size_t i = 0; i < np; ++i)
            if (!std::isnan(value(i))) marker(c, kMarks[si % 4], xOf(i), yOf(value(i)), col);

        if (ns != 1 || !d_.valueLabels) continue;
        for (size_t i = 0; i < np; ++i) {
            double v = value(i);
            if (std::isnan(v)) continue;
            const std::string t = num(v);
            const double w = Canvas::width(t, style::small, scene::Face::Bold);
            const double x = std::clamp(xOf(i) - w / 2, left + 1, width - w);
            const double py = yOf(v);
            // Below a local minimum, above everything else; flip if it would leave the plot.
            double prev = i > 0 ? value(i - 1) : std::nan(""), next = value(i + 1);
            bool below = (!std::isnan(prev) || !std::isnan(next)) && (std::isnan(prev) || v < prev) &&
                         (std::isnan(next) || v < next);
            for (int attempt = 0; attempt < 2; ++attempt, below = !below) {
                double base = below ? py + 12 : py - 6;
                Box b{x, base - 6, x + w, base + 2};
                if (b.y0 < plotTop - 10 || b.y1 > plotBottom - 1) continue;
                if (std::any_of(taken.begin(), taken.end(), [&](const Box& o) { return o.hits(b); })) continue;
                taken.push_back(b);
                c.text(x, base, t, style::small, Align::Left, scene::Face::Bold, palette::ink);
                break;
            }
        }
    }
    s.height = plotBottom + 12 + style::smallLine + 4;
    return out;
}

}  // namespace charts
