#pragma once
// How many improved, stayed the same or got worse from first to latest measurement, per
// dimension: 100 % stacked bars in the Likert palette's ends (improved = the "agree" blue,
// worse = the "disagree" vermillion, unchanged = neutral grey). The diverging variant puts
// worse to the left and improved to the right of the unchanged share's middle.
#include <string>
#include <vector>

#include "charts/Chart.hpp"

namespace charts {

struct ChangeBarsData {
    std::string improvedLabel = "Fremgang";
    std::string unchangedLabel = "Status quo";
    std::string worsenedLabel = "Tilbagegang";
    struct Row {
        std::string label;
        double improved = 0, unchanged = 0, worsened = 0;  // counts (or shares; only ratios matter)
        long n = -1;                                       // -1 = the sum of the three
        bool suppressed = false;
        std::string shown;
    };
    std::vector<Row> rows;
    int decimals = 0;
    bool diverging = false;
};

class ChangeBars : public Chart {
public:
    explicit ChangeBars(ChangeBarsData d) : d_(std::move(d)) {}
    Drawing render(double width) const override;
    std::string kind() const override { return "change_bars"; }
    const ChangeBarsData& data() const { return d_; }

private:
    ChangeBarsData d_;
};

}  // namespace charts
