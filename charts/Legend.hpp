#pragma once
// A chart legend: entries in the order given (scale order for answer scales), laid out left
// to right and wrapped onto more rows when the width runs out.
#include <string>
#include <vector>

#include "charts/Canvas.hpp"

namespace charts {

// How an entry is marked; the same marks are used in the plots, so a legend reads in greyscale.
enum class Mark { Swatch, Hatch, Dot, Ring, Line, DashedLine, LineDot, LineSquare, LineTriangle, LineDiamond, Diamond };

// Draws a mark centred vertically on y, starting at x; returns its width.
double drawMark(Canvas& c, Mark m, double x, double y, scene::Color color);
double markWidth(Mark m);

struct LegendEntry {
    std::string label;
    scene::Color color;
    Mark mark = Mark::Swatch;
};

class Legend {
public:
    Legend(std::vector<LegendEntry> entries, double width);
    double height() const { return height_; }
    // Draws with the top-left corner at (x, y).
    void draw(Canvas& c, double x, double y) const;

private:
    struct Placed {
        LegendEntry entry;
        std::vector<std::string> lines;
        bool cut = false;
        double dx = 0, dy = 0;
    };
    std::vector<Placed> placed_;
    double height_ = 0;
};

}  // namespace charts
