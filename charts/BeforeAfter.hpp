#pragma once
// First versus latest mean per dimension as a dot-and-arrow chart: a ring for the first
// measurement, a filled dot for the latest, an arrow between them (blue when the mean rose,
// vermillion when it fell), the change with its significance stars and n in columns on the
// right. One row per dimension keeps the 10 Recovery Star dimensions legible at 455 pt.
#include <limits>
#include <string>
#include <vector>

#include "charts/Chart.hpp"

namespace charts {

struct BeforeAfterData {
    std::string beforeLabel = "Første måling";
    std::string afterLabel = "Seneste måling";
    struct Row {
        std::string label;
        Cell before, after;   // means; a suppressed cell hides the row's dots and change
        long n = -1;          // respondents with both measurements; < 0 hides it
        std::string stars;    // significance as given by stats: "", "*", "**"
    };
    std::vector<Row> rows;
    double axisMin = std::numeric_limits<double>::quiet_NaN();  // NaN: from the data; else a fixed scale
    double axisMax = std::numeric_limits<double>::quiet_NaN();
    int decimals = 1;
    std::string axisLabel;
    std::string changeHeader = "Ændring";
};

class BeforeAfter : public Chart {
public:
    explicit BeforeAfter(BeforeAfterData d) : d_(std::move(d)) {}
    Drawing render(double width) const override;
    std::string kind() const override { return "before_after"; }
    const BeforeAfterData& data() const { return d_; }

private:
    BeforeAfterData d_;
};

}  // namespace charts
