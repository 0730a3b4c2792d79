#include "stats/Suppression.hpp"

#include <cmath>

namespace stats {

Suppressor::Suppressor(const project::Privacy& privacy, bool breakdownScope)
    : enabled_(privacy.suppress), allCounts_(privacy.allCounts), scope_(breakdownScope), k_(privacy.minCell) {}

bool Suppressor::applies(bool breakdown) const { return enabled_ && (breakdown || scope_ || allCounts_); }

std::vector<bool> Suppressor::plan(const std::vector<size_t>& counts, size_t total, bool breakdown) const {
    std::vector<bool> out(counts.size() + 1, false);
    if (!applies(breakdown)) return out;
    auto small = [&](size_t n) { return n > 0 && static_cast<int>(n) < k_; };
    if (small(total)) {
        for (size_t i = 0; i < counts.size(); ++i) out[i] = counts[i] > 0;
        out.back() = true;
        return out;
    }
    size_t withheld = 0;
    for (size_t i = 0; i < counts.size(); ++i)
        if (small(counts[i])) {
            out[i] = true;
            ++withheld;
        }
    if (withheld == 1) {
        // Complementary: withhold the smallest other non-zero sibling too.
        size_t best = counts.size();
        for (size_t i = 0; i < counts.size(); ++i)
            if (!out[i] && counts[i] > 0 && (best == counts.size() || counts[i] < counts[best])) best = i;
        if (best < counts.size()) out[best] = true;
    }
    return out;
}

std::vector<std::vector<bool>> Suppressor::planGrid(const std::vector<std::vector<size_t>>& cells,
                                                    const std::vector<size_t>& totals, bool lastIsTotal,
                                                    bool breakdown) const {
    std::vector<std::vector<bool>> out;
    // The total row of a breakdown is the whole project, which is not itself suppressed (outside
    // a municipality's note); its cells are withheld only as complements.
    for (size_t g = 0; g < cells.size(); ++g)
        out.push_back(plan(cells[g], totals[g], lastIsTotal && g + 1 == cells.size() ? false : breakdown));
    if (!applies(breakdown) || !lastIsTotal || cells.size() < 2) return out;
    const size_t G = cells.size() - 1, C = cells[0].size();
    // Alternate column and row checks until nothing changes; each pass only adds withheld cells.
    for (bool changed = true; changed;) {
        changed = false;
        // Columns: the total row's cell equals the sum of the group cells above it.
        for (size_t c = 0; c < C; ++c) {
            size_t withheld = 0;
            for (size_t g = 0; g <= G; ++g) withheld += out[g][c] ? 1 : 0;
            if (withheld != 1) continue;
            // One unknown in a column with a known sum: withhold the smallest other non-zero
            // group cell, keeping the published total; only if there is none, the total's cell.
            size_t best = G;
            for (size_t g = 0; g < G; ++g)
                if (!out[g][c] && cells[g][c] > 0 && (best == G || cells[g][c] < cells[best][c])) best = g;
            if (best < G) {
                out[best][c] = true;
                changed = true;
            } else if (!out[G][c] && cells[G][c] > 0) {
                out[G][c] = true;
                changed = true;
            }
        }
        // Rows: each group's cells add up to its shown total.
        for (size_t g = 0; g <= G; ++g) {
            if (out[g][C]) continue;
            size_t withheld = 0;
            for (size_t c = 0; c < C; ++c) withheld += out[g][c] ? 1 : 0;
            if (withheld != 1) continue;
            size_t best = C;
            for (size_t c = 0; c < C; ++c)
                if (!out[g][c] && cells[g][c] > 0 && (best == C || cells[g][c] < cells[g][best])) best = c;
            if (best < C) {
                out[g][best] = true;
                changed = true;
            }
        }
    }
    return out;
}

core::Value Suppressor::count(size_t n, bool withheld) const {
    if (!withheld) return core::Value::integer(static_cast<long long>(n));
    return core::Value::suppressed(n > 0 && static_cast<int>(n) < k_ ? shown() : masked());
}

core::Value Suppressor::statistic(double v, size_t base, bool breakdown) const {
    if (tooSmall(base, breakdown)) return core::Value::suppressed(masked());
    return std::isfinite(v) ? core::Value::number(v) : core::Value();
}

}  // namespace stats
