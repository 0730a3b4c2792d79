#pragma once
// A flow of citizens through steps (referrals -> contacted -> intervention -> completed) as a
// column of boxes joined by arrows, with side branches to the right of a step for those who
// left the flow there (and their breakdown), each with its count and share of the step above.
#include <string>
#include <vector>

#include "charts/Chart.hpp"

namespace charts {

struct FlowChartData {
    struct Branch {
        std::string label;
        long n = -1;                  // < 0: no count
        std::string shown;            // text instead of the count ("ca. 215", "<5"); no share then
        std::vector<Branch> parts;    // breakdown, listed inside the branch box
    };
    struct Step {
        std::string label;
        long n = -1;
        std::string shown;
        std::vector<Branch> branches;  // drawn to the right of this step, leaving it
    };
    std::vector<Step> steps;
    bool shares = true;                // each count's share of the step it comes from, "(24%)"
};

class FlowChart : public Chart {
public:
    explicit FlowChart(FlowChartData d) : d_(std::move(d)) {}
    Drawing render(double width) const override;
    std::string kind() const override { return "flow_chart"; }
    const FlowChartData& data() const { return d_; }

private:
    FlowChartData d_;
};

}  // namespace charts
