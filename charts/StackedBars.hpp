#pragma once
// 100 % stacked horizontal bars: one bar per item or group, segments in category order, with
// percentage labels inside segments that fit, "n = …" per bar, and a legend in scale order.
#include <string>
#include <vector>

#include "charts/Chart.hpp"

namespace charts {

struct StackedBarsData {
    std::vector<std::string> categories;   // legend, in scale order
    std::vector<scene::Color> colors;      // one per category; empty = default palette
    struct Bar {
        std::string label;
        std::vector<double> counts;        // one per category
        long n = 0;
        bool suppressed = false;
        std::string shown;                 // text for a suppressed bar
    };
    std::vector<Bar> bars;
    int decimals = 0;
};

class StackedBars : public Chart {
public:
    explicit StackedBars(StackedBarsData d) : d_(std::move(d)) {}
    scene::Scene draw(double width) const override;
    std::string kind() const override { return "stacked_bars"; }
    const StackedBarsData& data() const { return d_; }

private:
    StackedBarsData d_;
};

}  // namespace charts
