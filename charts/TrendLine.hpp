#pragma once
// A quarterly (or other periodic) trend: one line per series with a marker at every period,
// gaps where a period has no value (labelled with its text, e.g. "<5", when stats withheld
// it; never drawn as zero), an optional dashed target or reference line, and value labels on
// a single series where they fit. Markers differ per series (circle, square, triangle,
// diamond) so lines stay apart in greyscale.
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "charts/Chart.hpp"

namespace charts {

struct TrendLineData {
    std::vector<std::string> periods;  // x labels in order, e.g. "1. kvt. 2023"
    struct Series {
        std::string label;
        std::vector<double> values;    // one per period; NaN = no value (the line breaks)
        std::vector<std::string> shown;  // per period: text for a withheld value ("<5"), drawn in the gap
    };
    std::vector<Series> series;
    std::optional<double> target;
    std::string targetLabel = "Mål";
    double axisMin = 0;                                          // NaN: from the data
    double axisMax = std::numeric_limits<double>::quiet_NaN();   // NaN: from the data
    int decimals = 0;
    std::string axisLabel;
    bool valueLabels = true;           // single series only
};

class TrendLine : public Chart {
public:
    explicit TrendLine(TrendLineData d) : d_(std::move(d)) {}
    Drawing render(double width) const override;
    std::string kind() const override { return "trend_line"; }
    const TrendLineData& data() const { return d_; }

private:
    TrendLineData d_;
};

}  // namespace charts
