#pragma once
// 100 % stacked horizontal bars of counts in unordered categories (e.g. course status): one bar
// per item or group, segments in category order. Drawn by the LikertBars engine, so labels,
// legend, "n = …" and suppression look the same as on answer scales.
#include <string>
#include <vector>

#include "charts/Chart.hpp"

namespace charts {

struct StackedBarsData {
    std::vector<std::string> categories;   // legend, in order
    std::vector<scene::Color> colors;      // one per category; empty = palette::series
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
    Drawing render(double width) const override;
    std::string kind() const override { return "stacked_bars"; }
    const StackedBarsData& data() const { return d_; }

private:
    StackedBarsData d_;
};

}  // namespace charts
