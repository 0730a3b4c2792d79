#include "charts/LikertBars.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "charts/Axis.hpp"
#include "charts/Canvas.hpp"
#include "charts/Legend.hpp"
#include "charts/Palette.hpp"
#include "charts/Style.hpp"
#include "core/Format.hpp"

namespace charts {

namespace {

constexpr double kBarH = 16;
constexpr double kRowGap = 7;

std::string pct(double share, int decimals) { return core::formatPercent(share, decimals) + "%"; }

std::string nText(const LikertBarsData::Bar& b) {
    long n = b.n;
    if (n < 0) n = std::lround(std::accumulate(b.counts.begin(), b.counts.end(), 0.0));
    return "n = " + core::formatCount(n);
}

}  // namespace

Drawing LikertBars::render(double width) const {
    Drawing out;
    scene::Scene& s = out.scene;
    s.width = width;
    Canvas c(s, &out.truncated);
    const size_t nc = d_.categories.size();

    std::vector<scene::Color> colors = d_.colors;
    if (colors.size() < nc) {
        colors = palette::likert(nc);
        if (d_.positiveFirst) std::reverse(colors.begin(), colors.end());
    }

    // Drawing order of the categories: scale order, except that a diverging chart always runs
    // from the most negative answer on the left to the most positive on the right.
    std::vector<size_t> order(nc);
    std::iota(order.begin(), order.end(), 0);
    if (d_.diverging && d_.positiveFirst) std::reverse(order.begin(), order.end());
    // Position (in `order`) of the neutral category, or of the boundary for an even scale:
    // segments before it are negative; the neutral one is split across the centre.
    double centre = static_cast<double>(nc) / 2.0;  // even: boundary index; odd: middle index + 0.5
    if (d_.neutral >= 0 && static_cast<size_t>(d_.neutral) < nc) {
        size_t pos = static_cast<size_t>(std::find(order.begin(), order.end(), static_cast<size_t>(d_.neutral)) - order.begin());
        centre = static_cast<double>(pos) + 0.5;
    }
    auto sideOf = [&](size_t pos) {  // -1 negative, 0 neutral, +1 positive
        double mid = static_cast<double>(pos) + 0.5;
        return mid < centre - 0.01 ? -1 : mid > centre + 0.01 ? 1 : 0;
    };

    // Shares per bar, in drawing order.
    struct Row {
        std::vector<double> share;
        double left = 0, right = 0;  // diverging: extent left and right of the centre
        double neg = 0, pos = 0;     // side totals without the neutral answer
        bool empty = true;
    };
    std::vector<Row> rows;
    double maxLeft = 0, maxRight = 0;
    for (const auto& b : d_.bars) {
        Row r;
        double total = 0;
        for (size_t k = 0; k < nc && k < b.counts.size(); ++k) total += std::max(0.0, b.counts[k]);
        r.empty = b.suppressed || total <= 0;
        r.share.assign(nc, 0);
        if (!r.empty)
            for (size_t p = 0; p < nc; ++p) {
                size_t k = order[p];
                double v = k < b.counts.size() ? std::max(0.0, b.counts[k]) / total : 0;
                r.share[p] = v;
                int side = sideOf(p);
                if (side < 0) { r.left += v; r.neg += v; }
                else if (side > 0) { r.right += v; r.pos += v; }
                else { r.left += v / 2; r.right += v / 2; }
            }
        if (!r.empty) {
            maxLeft = std::max(maxLeft, r.left);
            maxRight = std::max(maxRight, r.right);
        }
        rows.push_back(std::move(r));
    }

    // Columns: labels | (diverging: negative total) | bars | (positive total) | n.
    double labelW = 0;
    for (const auto& b : d_.bars) labelW = std::max(labelW, Canvas::width(b.label, style::font));
    labelW = std::min(labelW, width * 0.32);
    double nW = 0;
    if (d_.showN)
        for (const auto& b : d_.bars) nW = std::max(nW, Canvas::width(nText(b), style::small));
    double totalW = 0;
    if (d_.diverging) totalW = Canvas::width(pct(1.0, d_.decimals), style::small, scene::Face::Bold) + 4;
    const double barX = labelW + 8 + totalW;
    const double barW = std::max(40.0, width - barX - totalW - (nW > 0 ? nW + 6 : 0));
    const double barEnd = barX + barW;

    Ticks ticks;
    if (d_.diverging) {
        // The diverging scale ends just beyond the widest bar on each side (in tenths), so bars use the
        // width; ticks are the nice multiples inside it, always including the centre.
        ticks.min = -std::ceil(std::max(maxLeft, 0.05) * 10 - 1e-9) / 10;
        ticks.max = std::ceil(std::max(maxRight, 0.05) * 10 - 1e-9) / 10;
        ticks.step = std::max(0.1, niceNumber((ticks.max - ticks.min) / tickTarget(barW, 22), true));
        for (double v = std::ceil(ticks.min / ticks.step - 1e-9) * ticks.step; v <= ticks.max + 1e-9; v += ticks.step)
            ticks.values.push_back(std::abs(v) < 1e-9 ? 0 : v);
    } else {
        ticks.min = 0;
        ticks.max = 1;
    }
    auto xOf = [&](double v) { return barX + (v - ticks.min) / (ticks.max - ticks.min) * barW; };

    // Legend on top, in scale order (diverging: left-to-right order of the bars).
    std::vector<LegendEntry> entries;
    for (size_t p = 0; p < nc; ++p) {
        size_t k = d_.diverging ? order[p] : p;
        entries.push_back({d_.categories[k], colors[k], Mark::Swatch});
    }
    Legend legend(entries, width - barX);
    legend.draw(c, barX, 0);
    double y = legend.height() + 8;
    const double plotTop = y;

    // Rows: first lay out, then draw the grid behind the bars, then the bars.
    struct Placed {
        size_t bar;
        std::vector<std::string> lines;
        double top, barTop;
        bool heading;
    };
    std::vector<Placed> placed;
    std::string group;
    for (size_t i = 0; i < d_.bars.size(); ++i) {
        const auto& b = d_.bars[i];
        if (!b.group.empty() && b.group != group) {
            auto lines = c.wrap(b.group, barEnd, style::font, style::maxLines, scene::Face::Bold);
            placed.push_back({i, lines, y, y, true});
            y += style::line * static_cast<double>(lines.size()) + 3;
        }
        group = b.group;
        auto lines = c.wrap(b.label, labelW, style::font, style::maxLines);
        double rowH = std::max(kBarH, style::line * static_cast<double>(lines.size()));
        placed.push_back({i, lines, y, y + (rowH - kBarH) / 2, false});
        y += rowH + kRowGap;
    }
    const double plotBottom = y - kRowGap;

    if (d_.diverging) {
        // Gridlines only beside bars (not through group headings), the centre line behind the
        // bars so it never crosses a label, and the scale under the last bar.
        for (const auto& p : placed) {
            if (p.heading) continue;
            for (double t : ticks.values)
                c.line(xOf(t), p.barTop - kRowGap / 2, xOf(t), p.barTop + kBarH + kRowGap / 2,
                       t == 0 ? palette::ink : palette::grid, t == 0 ? 0.9 : 0.5);
        }
        drawAxisX(c, ticks, xOf, plotTop, plotBottom, plotBottom + 13, barX - 8, barEnd + 8,
                  [&](double v) { return pct(std::abs(v), 0); }, false);
        y = plotBottom + 16;
    }

    for (const auto& p : placed) {
        const auto& b = d_.bars[p.bar];
        if (p.heading) {
            c.lines(0, p.top + 7.5, p.lines, style::font, style::line, Align::Left, scene::Face::Bold);
            continue;
        }
        const Row& r = rows[p.bar];
        double ly = p.barTop + kBarH / 2 - style::line * static_cast<double>(p.lines.size() - 1) / 2 +
                    style::centreBaseline(style::font);
        c.lines(labelW, ly, p.lines, style::font, style::line, Align::Right);
        const double mid = p.barTop + kBarH / 2 + style::centreBaseline(style::small);
        if (r.empty) {
            double x0 = d_.diverging ? xOf(ticks.min) : barX;
            c.hatch(x0, p.barTop, barEnd - x0, kBarH, palette::muted);
            std::string t = b.suppressed ? (b.shown.empty() ? "<5" : b.shown) : "Ingen svar";
            double tw = Canvas::width(t, style::font, scene::Face::Bold);
            double cx = (x0 + barEnd) / 2;
            // A white plate keeps the label legible over the hatching.
            c.rect(cx - tw / 2 - 3, p.barTop + 3, tw + 6, kBarH - 6, palette::white);
            c.text(cx, p.barTop + kBarH / 2 + style::centreBaseline(style::font), t, style::font, Align::Center,
                   scene::Face::Bold);
        } else {
            double x = d_.diverging ? xOf(-r.left) : barX;
            for (size_t q = 0; q < nc; ++q) {
                double w = r.share[q] * barW / (ticks.max - ticks.min);
                if (w <= 0) continue;
                scene::Color col = colors[order[q]];
                c.rect(x, p.barTop, w, kBarH, col);
                std::string label = pct(r.share[q], d_.decimals);
                if (Canvas::width(label, style::small, scene::Face::Bold) + 4 <= w)
                    c.text(x + w / 2, mid, label, style::small, Align::Center, scene::Face::Bold, palette::textOn(col));
                x += w;
            }
            if (d_.diverging) {
                c.text(barX - 4, mid, pct(r.neg, d_.decimals), style::small, Align::Right, scene::Face::Bold,
                       palette::muted);
                c.text(barEnd + 4, mid, pct(r.pos, d_.decimals), style::small, Align::Left, scene::Face::Bold,
                       palette::muted);
            }
        }
        if (d_.showN)
            c.text(barEnd + totalW + 6, mid, nText(b), style::small, Align::Left, scene::Face::Regular, palette::muted);
    }
    s.height = std::max(y, plotBottom) + 2;
    return out;
}

}  // namespace charts
