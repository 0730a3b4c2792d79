#include "charts/BoxPlot.hpp"

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
constexpr double kBoxH = 14;
constexpr double kAbove = 10;   // room for the median label
constexpr double kRowGap = 6;
constexpr scene::Color kBoxFill = palette::paleBlue;
constexpr scene::Color kBoxLine = palette::blue;
}  // namespace

Drawing BoxPlot::render(double width) const {
    Drawing out;
    scene::Scene& s = out.scene;
    s.width = width;
    Canvas c(s, &out.truncated);
    auto num = [&](double v) { return core::formatNumber(v, d_.decimals); };

    double lo = 1e300, hi = -1e300;
    bool anyOutliers = false, anyMean = false;
    for (const auto& b : d_.boxes) {
        if (b.suppressed) continue;
        lo = std::min(lo, b.min);
        hi = std::max(hi, b.max);
        for (double o : b.outliers) lo = std::min(lo, o), hi = std::max(hi, o);
        anyOutliers = anyOutliers || !b.outliers.empty();
        anyMean = anyMean || !std::isnan(b.mean);
    }
    if (lo > hi) lo = 0, hi = 1;
    if (!std::isnan(d_.axisMin)) lo = d_.axisMin;
    if (!std::isnan(d_.axisMax)) hi = d_.axisMax;

    double y = 0;
    if (d_.legend) {
        std::vector<LegendEntry> entries{{"Midterste halvdel", kBoxFill, Mark::Swatch}, {"Median", palette::navy, Mark::Line}};
        if (anyMean) entries.push_back({"Gennemsnit", palette::navy, Mark::Diamond});
        if (anyOutliers) entries.push_back({"Ekstreme værdier", palette::muted, Mark::Ring});
        Legend legend(entries, width);
        legend.draw(c, 0, 0);
        y = legend.height() + 6;
    }

    double labelW = 0, nW = 0;
    for (const auto& b : d_.boxes) {
        labelW = std::max(labelW, Canvas::width(b.label, style::font));
        if (b.n >= 0) nW = std::max(nW, Canvas::width("n = " + core::formatCount(b.n), style::small));
    }
    labelW = std::min(labelW, width * 0.3);
    const double plotX = labelW + 10;
    const double plotEnd = width - (nW > 0 ? nW + 10 : 4);
    double tickW = std::max(Canvas::width(num(lo), style::small), Canvas::width(num(hi), style::small));
    const bool fixed = !std::isnan(d_.axisMin) && !std::isnan(d_.axisMax);
    Ticks ticks = fixed ? scaleTicks(lo, hi, tickTarget(plotEnd - plotX, tickW))
                        : niceTicks(lo, hi, tickTarget(plotEnd - plotX, tickW));
    auto xOf = [&](double v) {
        return plotX + (std::clamp(v, ticks.min, ticks.max) - ticks.min) / (ticks.max - ticks.min) * (plotEnd - plotX);
    };

    struct Placed {
        std::vector<std::string> lines;
        double boxTop;
    };
    std::vector<Placed> placed;
    const double plotTop = y;
    for (const auto& b : d_.boxes) {
        auto lines = c.wrap(b.label, labelW, style::font, style::maxLines);
        double h = std::max(kAbove + kBoxH, style::line * static_cast<double>(lines.size()) + 4);
        placed.push_back({lines, y + h - kBoxH - (h - kAbove - kBoxH) / 2});
        y += h + kRowGap;
    }
    const double plotBottom = y - kRowGap + 4;
    drawAxisX(c, ticks, xOf, plotTop, plotBottom, plotBottom + 10, plotX - 6, plotEnd + 6,
              [&](double v) { return core::formatNumber(v, std::max(d_.decimals, ticks.decimals)); });

    for (size_t i = 0; i < d_.boxes.size(); ++i) {
        const auto& b = d_.boxes[i];
        const double top = placed[i].boxTop, mid = top + kBoxH / 2;
        c.lines(labelW, mid - style::line * static_cast<double>(placed[i].lines.size() - 1) / 2 +
                            style::centreBaseline(style::font),
                placed[i].lines, style::font, style::line, Align::Right);
        if (b.n >= 0)
            c.text(plotEnd + 8, mid + style::centreBaseline(style::small), "n = " + core::formatCount(b.n), style::small,
                   Align::Left, scene::Face::Regular, palette::muted);
        if (b.suppressed) {
            c.hatch(plotX, top, plotEnd - plotX, kBoxH, palette::muted);
            std::string t = b.shown.empty() ? "<5" : b.shown;
            double tw = Canvas::width(t, style::font, scene::Face::Bold);
            double cx = (plotX + plotEnd) / 2;
            c.rect(cx - tw / 2 - 3, top + 2, tw + 6, kBoxH - 4, palette::white);
            c.text(cx, mid + style::centreBaseline(style::font), t, style::font, Align::Center, scene::Face::Bold);
            continue;
        }
        const double x0 = xOf(b.min), x1 = xOf(b.q1), xm = xOf(b.median), x3 = xOf(b.q3), x4 = xOf(b.max);
        c.line(x0, mid, x1, mid, palette::ink, 0.8);
        c.line(x3, mid, x4, mid, palette::ink, 0.8);
        c.line(x0, mid - 4, x0, mid + 4, palette::ink, 0.8);
        c.line(x4, mid - 4, x4, mid + 4, palette::ink, 0.8);
        c.frame(x1, top, std::max(0.5, x3 - x1), kBoxH, kBoxFill, kBoxLine, 0.8);
        c.line(xm, top, xm, top + kBoxH, palette::navy, 2);
        if (!std::isnan(b.mean)) {
            const double xa = xOf(b.mean);
            c.polygon({{xa, mid - 3.6}, {xa + 3.6, mid}, {xa, mid + 3.6}, {xa - 3.6, mid}}, palette::white, palette::navy, 1);
        }
        for (double o : b.outliers) c.circle(xOf(o), mid, 2.6, palette::white, palette::muted, 0.9);
        const std::string t = num(b.median);
        const double tw = Canvas::width(t, style::small, scene::Face::Bold);
        c.text(std::clamp(xm - tw / 2, plotX, plotEnd - tw), top - 2.5, t, style::small, Align::Left, scene::Face::Bold,
               palette::navy);
    }
    y = plotBottom + 14;
    if (!d_.axisLabel.empty()) {
        auto lines = c.wrap(d_.axisLabel, plotEnd - plotX, style::small, 2);
        y = c.lines(plotEnd, y + 7, lines, style::small, style::smallLine, Align::Right, scene::Face::Regular,
                    palette::muted) - 7;
    }
    s.height = y + 2;
    return out;
}

}  // namespace charts
