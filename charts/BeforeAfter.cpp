#include "charts/BeforeAfter.hpp"

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
constexpr double kDot = 3.6;     // radius of the dots
constexpr double kMinRow = 16;
constexpr double kRowGap = 3;
constexpr scene::Color kBefore = palette::muted;
constexpr scene::Color kGuide{0xEE, 0xEE, 0xEE};

bool usable(const BeforeAfterData::Row& r) { return !r.before.suppressed && !r.after.suppressed; }

// "Første måling" -> "første måling", for use inside a sentence (ASCII capitals only).
std::string lowerFirst(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}
}  // namespace

Drawing BeforeAfter::render(double width) const {
    Drawing out;
    scene::Scene& s = out.scene;
    s.width = width;
    Canvas c(s, &out.truncated);
    const int dec = d_.decimals;
    auto num = [&](double v) { return core::formatNumber(v, dec); };
    auto changeText = [&](const BeforeAfterData::Row& r) {
        if (!usable(r)) return std::string("–");
        return core::formatSigned(r.after.value - r.before.value, dec) + r.stars;
    };

    bool anyDown = false;
    double lo = 1e300, hi = -1e300;
    for (const auto& r : d_.rows) {
        if (!usable(r)) continue;
        anyDown = anyDown || r.after.value < r.before.value;
        lo = std::min({lo, r.before.value, r.after.value});
        hi = std::max({hi, r.before.value, r.after.value});
    }
    if (lo > hi) lo = 0, hi = 1;

    std::vector<LegendEntry> entries{{d_.beforeLabel, kBefore, Mark::Ring}, {d_.afterLabel, palette::blue, Mark::Dot}};
    if (anyDown)
        entries.push_back({d_.afterLabel + " (lavere end " + lowerFirst(d_.beforeLabel) + ")", palette::vermillion, Mark::Dot});
    Legend legend(entries, width);
    legend.draw(c, 0, 0);
    double y = legend.height() + 6;

    // Columns: labels | plot (with room for value labels at both ends) | change | n.
    double labelW = 0, valueW = 0, changeW = Canvas::width(d_.changeHeader, style::small, scene::Face::Bold), nW = 0;
    bool anyN = false;
    for (const auto& r : d_.rows) {
        labelW = std::max(labelW, Canvas::width(r.label, style::font));
        if (usable(r))
            valueW = std::max({valueW, Canvas::width(num(r.before.value), style::small),
                               Canvas::width(num(r.after.value), style::small)});
        else
            valueW = std::max(valueW, Canvas::width(r.before.suppressed ? r.before.shown : r.after.shown, style::small));
        changeW = std::max(changeW, Canvas::width(changeText(r), style::small, scene::Face::Bold));
        if (r.n >= 0) {
            anyN = true;
            nW = std::max(nW, Canvas::width(core::formatCount(r.n), style::small));
        }
    }
    if (anyN) nW = std::max(nW, Canvas::width("n", style::small, scene::Face::Bold));
    const double nRight = width;
    const double changeRight = anyN ? nRight - nW - 10 : width;
    const double plotEnd = changeRight - changeW - 10;
    const double pad = valueW + kDot + 4;  // room for a value label beyond the outermost dot
    // Labels beside the rows while the plot keeps at least 160 pt; in narrower figures each
    // label goes on its own line above its row, and the plot gets the full width.
    labelW = std::min(labelW, width * 0.3);
    const bool stacked = plotEnd - (labelW + 8) - 2 * pad < 160;
    if (stacked) labelW = width;
    const double plotX = stacked ? 0 : labelW + 8;
    const double ax0 = plotX + pad, ax1 = std::max(ax0 + 20, plotEnd - pad);

    Ticks ticks;
    const bool fixed = !std::isnan(d_.axisMin) && !std::isnan(d_.axisMax);
    const int target = tickTarget(ax1 - ax0, 16);
    ticks = fixed ? scaleTicks(d_.axisMin, d_.axisMax, target) : niceTicks(lo, hi, target);
    auto xOf = [&](double v) {
        return ax0 + (std::clamp(v, ticks.min, ticks.max) - ticks.min) / (ticks.max - ticks.min) * (ax1 - ax0);
    };

    // Column headers.
    c.text(changeRight, y + 7, d_.changeHeader, style::small, Align::Right, scene::Face::Bold, palette::muted);
    if (anyN) c.text(nRight, y + 7, "n", style::small, Align::Right, scene::Face::Bold, palette::muted);
    y += 12;

    struct Placed {
        std::vector<std::string> lines;
        double mid;
    };
    std::vector<Placed> placed;
    const double rowsTop = y;
    for (const auto& r : d_.rows) {
        auto lines = c.wrap(r.label, stacked ? width : labelW, style::font, style::maxLines);
        const double textH = style::line * static_cast<double>(lines.size());
        const double h = stacked ? textH + kMinRow - 2 : std::max(kMinRow, textH);
        placed.push_back({lines, stacked ? y + textH + (kMinRow - 2) / 2 : y + h / 2});
        y += h + kRowGap;
    }
    const double rowsBottom = y - kRowGap;
    // Stacked, gridlines run beside the dots only, so they never cross the labels above the rows.
    for (double t : ticks.values) {
        if (!stacked) c.line(xOf(t), rowsTop - 2, xOf(t), rowsBottom + 2, palette::grid, 0.5);
        else
            for (const auto& p : placed) c.line(xOf(t), p.mid - kMinRow / 2, xOf(t), p.mid + kMinRow / 2, palette::grid, 0.5);
    }
    drawAxisX(c, ticks, xOf, rowsTop, rowsBottom, rowsBottom + 12, plotX, plotEnd,
              [&](double v) { return core::formatNumber(v, ticks.decimals); }, false);

    for (size_t i = 0; i < d_.rows.size(); ++i) {
        const auto& r = d_.rows[i];
        const double mid = placed[i].mid;
        const double base = mid + style::centreBaseline(style::small);
        const double nl = static_cast<double>(placed[i].lines.size());
        if (stacked)
            c.lines(0, mid - (kMinRow - 2) / 2 - style::line * nl + 7.5, placed[i].lines, style::font, style::line);
        else
            c.lines(labelW, mid - style::line * (nl - 1) / 2 + style::centreBaseline(style::font), placed[i].lines,
                    style::font, style::line, Align::Right);
        c.line(ax0, mid, ax1, mid, kGuide, 0.5);
        if (usable(r)) {
            const double xb = xOf(r.before.value), xa = xOf(r.after.value);
            const bool up = r.after.value >= r.before.value;
            const scene::Color col = up ? palette::blue : palette::vermillion;
            // The arrow runs between the dots' edges when there is room for it.
            if (std::abs(xa - xb) > 2 * kDot + 5) {
                double dir = xa > xb ? 1 : -1;
                c.arrow(xb + dir * kDot, mid, xa - dir * (kDot + 0.8), mid, col, 1.1, 4.5);
            }
            c.circle(xb, mid, kDot, palette::white, kBefore, 1.2);
            c.circle(xa, mid, kDot, col, std::nullopt);
            const double leftX = std::min(xa, xb) - kDot - 3, rightX = std::max(xa, xb) + kDot + 3;
            const bool afterRight = xa > xb || (xa == xb);
            c.text(afterRight ? leftX : rightX, base, num(r.before.value), style::small,
                   afterRight ? Align::Right : Align::Left, scene::Face::Regular, palette::muted);
            if (!(xa == xb))
                c.text(afterRight ? rightX : leftX, base, num(r.after.value), style::small,
                       afterRight ? Align::Left : Align::Right, scene::Face::Bold, palette::ink);
            c.text(changeRight, base, changeText(r), style::small, Align::Right, scene::Face::Bold,
                   up ? palette::ink : palette::vermillion);
        } else {
            std::string t = r.before.suppressed ? r.before.shown : r.after.shown;
            if (t.empty()) t = "<5";
            c.text((ax0 + ax1) / 2, base, t, style::small, Align::Center, scene::Face::Bold, palette::muted);
            c.text(changeRight, base, "–", style::small, Align::Right, scene::Face::Bold, palette::muted);
        }
        if (r.n >= 0)
            c.text(nRight, base, core::formatCount(r.n), style::small, Align::Right, scene::Face::Regular, palette::muted);
    }
    y = rowsBottom + 16;
    if (!d_.axisLabel.empty()) {
        auto lines = c.wrap(d_.axisLabel, ax1, style::small, 2);
        y = c.lines(ax1, y + 7, lines, style::small, style::smallLine, Align::Right, scene::Face::Regular, palette::muted) - 7;
    }
    s.height = y + 2;
    return out;
}

}  // namespace charts
