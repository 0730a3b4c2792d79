#include "stats/Scoring.hpp"

#include <cmath>
#include <limits>

namespace stats {

std::vector<double> scoreRows(const project::Project& p, const project::Instrument& ins, const dataset::Table& t) {
    const project::TableSpec* spec = p.table(ins.table);
    std::vector<const dataset::Column*> cols;
    std::vector<const project::Scale*> scales;
    for (const auto& item : ins.items) {
        cols.push_back(t.column(item));
        const project::ColumnSpec* cs = spec->column(item);
        scales.push_back(cs && !cs->scale.empty() ? p.scale(cs->scale) : nullptr);
    }
    std::vector<double> out(t.rows, std::numeric_limits<double>::quiet_NaN());
    const int nItems = static_cast<int>(cols.size());
    for (size_t r = 0; r < t.rows; ++r) {
        double sum = 0;
        int answered = 0;
        for (size_t k = 0; k < cols.size(); ++k) {
            double v = cols[k]->num[r];
            if (std::isnan(v)) continue;
            if (scales[k]) {
                const project::ScaleLevel* lv = scales[k]->byCode(v);
                if (!lv || lv->missing) continue;
            }
            sum += v + ins.itemOffset;
            ++answered;
        }
        if (answered == 0 || nItems - answered > ins.maxMissingItems) continue;
        // Multiply before dividing: integer item sums then give exact scores (12 * 25 / 5 = 60).
        out[r] = ins.aggregate == "mean" ? sum * ins.multiply / answered : sum * ins.multiply;
    }
    return out;
}

size_t bandOf(const project::Instrument& ins, double score) {
    for (size_t i = 0; i < ins.bands.size(); ++i)
        if (!ins.bands[i].max || score <= *ins.bands[i].max) return i;
    return ins.bands.empty() ? 0 : ins.bands.size() - 1;
}

}  // namespace stats
