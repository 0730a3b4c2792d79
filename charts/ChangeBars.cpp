#include "charts/ChangeBars.hpp"

#include "charts/LikertBars.hpp"
#include "charts/Palette.hpp"

namespace charts {

Drawing ChangeBars::render(double width) const {
    LikertBarsData l;
    // Reports list improvement first (SBST Figur 5.5); the diverging form reads worse -> better.
    if (d_.diverging) {
        l.categories = {d_.worsenedLabel, d_.unchangedLabel, d_.improvedLabel};
        l.colors = {palette::worsened, palette::unchanged, palette::improved};
        l.diverging = true;
        l.neutral = 1;
    } else {
        l.categories = {d_.improvedLabel, d_.unchangedLabel, d_.worsenedLabel};
        l.colors = {palette::improved, palette::unchanged, palette::worsened};
    }
    l.decimals = d_.decimals;
    for (const auto& r : d_.rows) {
        std::vector<double> counts = d_.diverging ? std::vector<double>{r.worsened, r.unchanged, r.improved}
                                                  : std::vector<double>{r.improved, r.unchanged, r.worsened};
        l.bars.push_back({r.label, "", std::move(counts), r.n, r.suppressed, r.shown});
    }
    return LikertBars(std::move(l)).render(width);
}

}  // namespace charts
