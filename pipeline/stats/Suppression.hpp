#pragma once
// Small-cell suppression: cells that could point to a person are withheld (shown as "<5") in
// breakdowns by municipality or personal characteristics, with complementary suppression so a
// withheld cell cannot be recovered from its total or siblings. Suppressed values carry no
// number at all (core::Value::suppressed), so no template can print them.
#include <string>
#include <vector>

#include "core/Value.hpp"
#include "project/Project.hpp"

namespace stats {

class Suppressor {
public:
    // `breakdownScope`: the whole computation is a breakdown (a note for one municipality).
    Suppressor(const project::Privacy& privacy, bool breakdownScope);

    // Does suppression apply to a table of this kind? `breakdown` marks cells that belong to
    // a breakdown by municipality or by a personal characteristic.
    bool applies(bool breakdown) const;
    int k() const { return k_; }
    // Text of a withheld count below k ("<5").
    std::string shown() const { return "<" + std::to_string(k_); }
    // Text of anything else withheld: a count hidden only to protect another cell, or a share
    // or mean. "<5" there would be false (the count may be 14; a mean is not below 5).
    static std::string masked() { return "x"; }

    // Which of `counts` (siblings that add up to `total`) to withhold: primary cells 0 < n < k,
    // then, if only one sibling is withheld, the smallest other non-zero one as well. If the
    // total itself is below k, everything is withheld. The last element of the result says
    // whether the total is withheld.
    std::vector<bool> plan(const std::vector<size_t>& counts, size_t total, bool breakdown) const;

    // Two-dimensional version for a table of groups × categories. When `lastIsTotal`, the last
    // group is the sum of the others (an "I alt" row), so a withheld cell must not be
    // recoverable down a column either. Returns withheld flags per cell, plus per group a
    // trailing flag for the group's total.
    std::vector<std::vector<bool>> planGrid(const std::vector<std::vector<size_t>>& cells,
                                            const std::vector<size_t>& groupTotals, bool lastIsTotal,
                                            bool breakdown) const;

    // A count, withheld as "<k" when it is small and as "x" when it only protects another cell.
    core::Value count(size_t n, bool withheld) const;
    // A share or mean computed from `base` observations: withheld when base < k (if applicable).
    core::Value statistic(double v, size_t base, bool breakdown) const;
    bool tooSmall(size_t base, bool breakdown) const { return applies(breakdown) && base > 0 && static_cast<int>(base) < k_; }

private:
    bool enabled_, allCounts_, scope_;
    int k_;
};

}  // namespace stats
