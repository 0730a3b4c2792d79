#pragma once
// Box plots of a distribution per group (e.g. cost per course by municipality): whiskers from
// the lowest to the highest value that is not an outlier, a box from the 1st to the 3rd
// quartile, the median as a line (its value printed above), the mean as a diamond and the
// outliers as rings. The chart draws the summary it is given; stats computes it.
#include <limits>
#include <string>
#include <vector>

#include "charts/Chart.hpp"

namespace charts {

struct BoxPlotData {
    struct Box {
        std::string label;
        double min = 0, q1 = 0, median = 0, q3 = 0, max = 0;  // min/max: whisker ends
        double mean = std::numeric_limits<double>::quiet_NaN();  // NaN: no marker
        std::vector<double> outliers;
        long n = -1;                   // < 0 hides "n = …"
        bool suppressed = false;       // too few values to summarise: hatched, labelled `shown`
        std::string shown;
    };
    std::vector<Box> boxes;
    double axisMin = std::numeric_limits<double>::quiet_NaN();  // NaN: from the data
    double axisMax = std::numeric_limits<double>::quiet_NaN();
    int decimals = 0;
    std::string axisLabel;             // e.g. "Kr. pr. forløb"
    bool legend = true;
};

class BoxPlot : public Chart {
public:
    explicit BoxPlot(BoxPlotData d) : d_(std::move(d)) {}
    Drawing render(double width) const override;
    std::string kind() const override { return "box_plot"; }
    const BoxPlotData& data() const { return d_; }

private:
    BoxPlotData d_;
};

}  // namespace charts
