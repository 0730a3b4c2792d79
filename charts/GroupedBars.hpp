#pragma once
// Grouped bars, e.g. mean score at first and latest measurement per instrument, phase × role
// or municipality × round: value labels on the bars, "(n = …)" per group, a legend in series
// order. Vertical by default; drawn horizontally when asked, or when the groups are too
// narrow for their value labels (so labels never collide, even at 220 pt).
#include <limits>
#include <string>
#include <vector>

#include "charts/Chart.hpp"

namespace charts {

struct GroupedBarsData {
    std::vector<std::string> series;  // legend; a single unnamed series draws no legend
    struct Group {
        std::string label;
        std::vector<Cell> values;  // one per series
        long n = 0;                // shown as "(n = …)"; < 0 hides it
    };
    std::vector<Group> groups;
    double axisMin = 0;
    double axisMax = std::numeric_limits<double>::quiet_NaN();  // NaN: from the data; else a fixed scale
    int decimals = 0;
    std::string axisLabel;
    bool horizontal = false;
    std::vector<scene::Color> colors;  // one per series; empty = palette::series
    int tickDecimals = -1;             // -1: as many as the tick step needs; 2 gives "1,00 … 5,00"
    bool lastApart = false;            // the last group is a total ("I alt"), set apart by a gap and a rule
};

class GroupedBars : public Chart {
public:
    explicit GroupedBars(GroupedBarsData d) : d_(std::move(d)) {}
    Drawing render(double width) const override;
    std::string kind() const override { return "grouped_bars"; }
    const GroupedBarsData& data() const { return d_; }

private:
    Drawing vertical(double width) const;
    Drawing horizontal(double width) const;
    GroupedBarsData d_;
};

}  // namespace charts
