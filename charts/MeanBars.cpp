#include "charts/MeanBars.hpp"

#include "charts/GroupedBars.hpp"
#include "charts/Palette.hpp"

namespace charts {

// A single-series GroupedBars with a fixed scale: the layout rules (vertical/horizontal
// choice, wrapping, suppression) stay in one place.
Drawing MeanBars::render(double width) const {
    GroupedBarsData g;
    g.series = {""};
    g.colors = {palette::blue};
    for (const auto& b : d_.bars) g.groups.push_back({b.label, {b.mean}, b.mean.n});
    if (d_.total) g.groups.push_back({d_.total->label, {d_.total->mean}, d_.total->mean.n});
    g.lastApart = d_.total.has_value();
    g.axisMin = d_.axisMin;
    g.axisMax = d_.axisMax;
    g.decimals = d_.decimals;
    g.tickDecimals = d_.decimals;
    g.axisLabel = d_.axisLabel;
    g.horizontal = d_.horizontal;
    return GroupedBars(std::move(g)).render(width);
}

}  // namespace charts
