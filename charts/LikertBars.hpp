#pragma once
// Answers on an ordered scale as 100 % stacked horizontal bars, one per item or per
// round/group. Percentages are printed inside segments wide enough to hold them (tiny and
// empty segments get none), the legend follows the scale, and each bar ends with "n = …".
// The diverging variant centres every bar on the neutral answer, so agreement grows to the
// right and disagreement to the left, with each side's total printed next to the bar.
#include <string>
#include <vector>

#include "charts/Chart.hpp"

namespace charts {

struct LikertBarsData {
    std::vector<std::string> categories;  // the answer scale, in order
    std::vector<scene::Color> colors;     // one per category; empty = palette::likert
    bool positiveFirst = false;           // scale listed from the most positive answer ("I meget høj grad" … "Slet ikke")
    bool diverging = false;
    // Diverging only: the neutral category, split across the centre line. -1 = the middle
    // category for an odd scale, the boundary between the halves for an even one.
    int neutral = -1;
    struct Bar {
        std::string label;
        std::string group;                // consecutive bars with the same group get one heading ("Boligområder")
        std::vector<double> counts;       // one per category; shares are count / sum
        long n = -1;                      // shown as "n = …"; -1 = the sum of the counts
        bool suppressed = false;          // small-cell suppression: hatched, labelled `shown`
        std::string shown;
    };
    std::vector<Bar> bars;
    int decimals = 0;
    bool showN = true;
};

class LikertBars : public Chart {
public:
    explicit LikertBars(LikertBarsData d) : d_(std::move(d)) {}
    Drawing render(double width) const override;
    std::string kind() const override { return "likert_bars"; }
    const LikertBarsData& data() const { return d_; }

private:
    LikertBarsData d_;
};

}  // namespace charts
