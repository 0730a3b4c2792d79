#pragma once
// A chart is built from numbers (never from datasets) and draws itself into a scene at the
// width the layout offers, choosing its own height from its content.
#include <string>

#include "scene/Scene.hpp"

namespace charts {

class Chart {
public:
    virtual ~Chart() = default;
    virtual scene::Scene draw(double width) const = 0;
    virtual std::string kind() const = 0;
};

// A value in a chart: a number with its n, or a suppressed cell (drawn hatched, labelled "<5").
struct Cell {
    double value = 0;
    long n = 0;
    bool suppressed = false;
    std::string shown;  // text for a suppressed cell
};

}  // namespace charts
