#include "charts/StackedBars.hpp"

#include "charts/LikertBars.hpp"
#include "charts/Palette.hpp"

namespace charts {

Drawing StackedBars::render(double width) const {
    LikertBarsData l;
    l.categories = d_.categories;
    l.colors = d_.colors;
    if (l.colors.size() < l.categories.size()) l.colors = palette::series(l.categories.size());
    while (l.colors.size() < l.categories.size()) l.colors.push_back(l.colors[l.colors.size() % 6]);
    l.decimals = d_.decimals;
    for (const auto& b : d_.bars) l.bars.push_back({b.label, "", b.counts, b.n, b.suppressed, b.shown});
    return LikertBars(std::move(l)).render(width);
}

}  // namespace charts
