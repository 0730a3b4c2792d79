#include "charts/Axis.hpp"

#include <algorithm>
#include <cmath>

#include "charts/Canvas.hpp"
#include "charts/Palette.hpp"
#include "charts/Style.hpp"

namespace charts {

double niceNumber(double x, bool round) {
    if (x <= 0) return 1;
    double e = std::floor(std::log10(x));
    double f = x / std::pow(10.0, e);
    double nf;
    if (round) nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
    else nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nf * std::pow(10.0, e);
}

namespace {

int decimalsFor(double step) { return std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9))); }

// The next smaller nice step: 10 -> 5 -> 2 -> 1 -> 0,5 …
double smallerNice(double step) {
    double e = std::floor(std::log10(step) + 1e-9);
    double f = std::round(step / std::pow(10.0, e));
    double nf = f >= 10 ? 5 : f >= 5 ? 2 : f >= 2 ? 1 : 0.5;
    return nf * std::pow(10.0, e);
}

}  // namespace

Ticks niceTicks(double lo, double hi, int target) {
    Ticks t;
    if (!(hi > lo)) hi = lo + 1;
    double range = niceNumber(hi - lo, false);
    t.step = niceNumber(range / std::max(1, target), true);
    t.min = std::floor(lo / t.step + 1e-9) * t.step;
    t.max = std::ceil(hi / t.step - 1e-9) * t.step;
    t.decimals = decimalsFor(t.step);
    for (double v = t.min; v <= t.max + t.step * 1e-9; v += t.step) t.values.push_back(std::abs(v) < t.step * 1e-9 ? 0 : v);
    return t;
}

Ticks scaleTicks(double lo, double hi, int target) {
    Ticks t;
    if (!(hi > lo)) hi = lo + 1;
    target = std::max(1, target);
    const double range = hi - lo;
    t.min = lo;
    t.max = hi;
    double step = niceNumber(range / target, true);
    for (int guard = 0; guard < 12; ++guard) {
        double k = range / step;
        if (std::abs(k - std::round(k)) < 1e-6 && k <= 2.5 * target) {
            t.step = step;
            t.decimals = decimalsFor(step);
            for (int i = 0; i <= static_cast<int>(std::round(k)); ++i) t.values.push_back(lo + step * i);
            return t;
        }
        if (k > 2.5 * target) break;
        step = smallerNice(step);
    }
    // No nice step divides the range: ticks at the nice multiples inside it.
    t.step = niceNumber(range / target, true);
    t.decimals = decimalsFor(t.step);
    for (double v = std::ceil(lo / t.step - 1e-9) * t.step; v <= hi + t.step * 1e-9; v += t.step)
        t.values.push_back(std::abs(v) < t.step * 1e-9 ? 0 : v);
    return t;
}

int tickTarget(double length, double labelWidth) {
    return std::clamp(static_cast<int>(length / (labelWidth + 14)), 1, 10);
}

void drawAxisX(Canvas& c, const Ticks& t, const std::function<double(double)>& xOf, double top, double bottom,
               double labelY, double minX, double maxX, const std::function<std::string(double)>& format, bool grid) {
    struct L {
        double x0, x1;
        std::string text;
    };
    std::vector<L> labels;
    for (double v : t.values) {
        double x = xOf(v);
        if (grid) c.line(x, top, x, bottom, palette::grid, 0.5);
        std::string s = format(v);
        double w = Canvas::width(s, style::small);
        double x0 = std::clamp(x - w / 2, minX, std::max(minX, maxX - w));
        labels.push_back({x0, x0 + w, s});
    }
    // The smallest stride whose labels keep 3 pt apart, preferring one that also labels the
    // last tick (so a 1–10 scale shows 10), as long as that costs at most twice the stride.
    auto fits = [&](size_t stride) {
        double prevEnd = -1e9;
        for (size_t i = 0; i < labels.size(); i += stride) {
            if (labels[i].x0 < prevEnd + 3) return false;
            prevEnd = labels[i].x1;
        }
        return true;
    };
    const size_t n = labels.size();
    size_t stride = 1;
    while (stride < n && !fits(stride)) ++stride;
    for (size_t s = stride; s <= 2 * stride && n > 1 && s < n; ++s)
        if ((n - 1) % s == 0 && fits(s)) {
            stride = s;
            break;
        }
    for (size_t i = 0; i < labels.size(); i += stride)
        c.text(labels[i].x0, labelY, labels[i].text, style::small, Align::Left, scene::Face::Regular, palette::muted);
}

void drawAxisY(Canvas& c, const Ticks& t, const std::function<double(double)>& yOf, double left, double right,
               double labelX, const std::function<std::string(double)>& format) {
    double prev = 1e18;
    for (size_t i = 0; i < t.values.size(); ++i) {
        double v = t.values[i];
        double y = yOf(v);
        bool base = i == 0;
        c.line(left, y, right, y, base ? palette::axis : palette::grid, base ? 0.75 : 0.5);
        if (prev - y < style::small + 2) continue;  // too close to the label below
        c.text(labelX, y + style::centreBaseline(style::small), format(v), style::small, Align::Right,
               scene::Face::Regular, palette::muted);
        prev = y;
    }
}

}  // namespace charts
