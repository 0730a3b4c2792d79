#pragma once
// Value axes: "nice numbers" ticks (Heckbert, Graphics Gems 1990: steps of 1, 2 or 5 × 10^k)
// and the drawing of gridlines and tick labels, thinned so that labels never collide.
#include <functional>
#include <string>
#include <vector>

namespace charts {

class Canvas;

struct Ticks {
    double min = 0, max = 1, step = 1;
    int decimals = 0;               // decimals needed to print the step
    std::vector<double> values;
};

// Ticks covering [lo, hi] with about `target` intervals; the ends are rounded outwards to
// whole steps (0–37 becomes 0–40).
Ticks niceTicks(double lo, double hi, int target = 5);
double niceNumber(double x, bool round);

// Ticks for a fixed scale (1–5, 1–10, 0–100): the axis runs exactly from lo to hi, and the
// step is the nice number nearest to (hi-lo)/target that divides the range (1–10 gets 1).
Ticks scaleTicks(double lo, double hi, int target = 5);

// How many intervals fit on an axis `length` points long when each label is about
// `labelWidth` wide (horizontal) or one line high (vertical).
int tickTarget(double length, double labelWidth);

// A horizontal value axis: gridlines from `top` to `bottom` at each tick, labels centred under
// them at baseline `labelY`. Labels that would touch a neighbour or leave [minX, maxX] are
// dropped (every second, then every third …), never overlapped.
void drawAxisX(Canvas& c, const Ticks& t, const std::function<double(double)>& xOf, double top, double bottom,
               double labelY, double minX, double maxX, const std::function<std::string(double)>& format,
               bool grid = true);

// A vertical value axis: gridlines from `left` to `right`, labels right-aligned at `labelX`.
void drawAxisY(Canvas& c, const Ticks& t, const std::function<double(double)>& yOf, double left, double right,
               double labelX, const std::function<std::string(double)>& format);

}  // namespace charts
