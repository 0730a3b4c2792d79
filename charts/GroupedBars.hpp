#pragma once
// Vertical grouped bars, e.g. mean score at first and latest measurement per instrument,
// with value labels, "(n = …)" under each group and a legend in series order.
#include <limits>
#include <string>
#include <vector>

#include "charts/Chart.hpp"

namespace charts {

struct GroupedBarsData {
    std::vector<std::string> series;
    struct Group {
        std::string label;
        std::vector<Cell> values;  // one per series
        long n = 0;                // shown as "(n = …)"; < 0 hides it
    };
    std::vector<Group> groups;
    double axisMin = 0;
    double axisMax = std::numeric_limits<double>::quiet_NaN();  // NaN: from the data
    int decimals = 0;
    std::string axisLabel;
};

class GroupedBars : public Chart {
public:
    explicit GroupedBars(GroupedBarsData d) : d_(std::move(d)) {}
    scene::Scene draw(double width) const override;
    std::string kind() const override { return "grouped_bars"; }
    const GroupedBarsData& data() const { return d_; }

private:
    GroupedBarsData d_;
};

}  // namespace charts
