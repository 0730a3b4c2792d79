#pragma once
// Means on a fixed answer scale (KORA Figur 4.x): one bar per group starting at the scale's
// lower end (1,00), value labels with 2 decimals, "(n = …)" under each bar, and an optional
// "I alt" bar set apart from the groups. Vertical by default, horizontal on request or when
// the bars get too narrow for their labels.
#include <optional>
#include <string>
#include <vector>

#include "charts/Chart.hpp"

namespace charts {

struct MeanBarsData {
    struct Bar {
        std::string label;
        Cell mean;  // value and n; suppressed cells are hatched and labelled
    };
    std::vector<Bar> bars;
    std::optional<Bar> total;  // "I alt", drawn last and set apart
    double axisMin = 1, axisMax = 5;
    int decimals = 2;
    std::string axisLabel;
    bool horizontal = false;
};

class MeanBars : public Chart {
public:
    explicit MeanBars(MeanBarsData d) : d_(std::move(d)) {}
    Drawing render(double width) const override;
    std::string kind() const override { return "mean_bars"; }
    const MeanBarsData& data() const { return d_; }

private:
    MeanBarsData d_;
};

}  // namespace charts
