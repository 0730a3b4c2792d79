// Counts of a column (status, end reasons, sex, age bands), optionally crosstabbed; the cohort
// funnel; and the per-municipality data basis ("Datagrundlag").
#include <algorithm>
#include <cmath>
#include <map>

#include "core/Utf8.hpp"
#include "stats/Analyses.hpp"
#include "stats/Scoring.hpp"

namespace stats {

using core::Value;

namespace {

// The label a row contributes to a count: scale label, declared/text value, or band.
std::string labelOf(const Context& cx, const project::CountSpec& c, const project::ColumnSpec& cs,
                    const dataset::Column& col, size_t r) {
    if (col.missing(r)) return {};
    if (!c.bands.empty()) {
        double v = col.num[r];
        for (const auto& b : c.bands)
            if (!b.max || v <= *b.max) return b.label;
        return c.bands.back().label;
    }
    if (col.scaled) {
        const project::ScaleLevel* lv = cx.project.scale(cs.scale)->byCode(col.num[r]);
        return lv && !lv->missing ? lv->label : std::string();
    }
    if (col.numeric()) return std::to_string(static_cast<long long>(col.num[r]));
    return std::string(col.text(r));
}

std::vector<std::string> declaredOrder(const Context& cx, const project::CountSpec& c, const project::ColumnSpec& cs,
                                       const dataset::Column& col) {
    std::vector<std::string> order;
    if (!c.bands.empty()) {
        for (const auto& b : c.bands) order.push_back(b.label);
    } else if (col.scaled) {
        for (const auto& lv : cx.project.scale(cs.scale)->levels)
            if (!lv.missing) order.push_back(lv.label);
    } else {
        order = cs.values;
    }
    return order;
}

struct CountTally {
    std::map<std::string, size_t> byLabel;
    size_t total = 0, missing = 0;
};

std::vector<size_t> cellsOf(const std::vector<std::string>& order, const CountTally& t, bool blanksShown) {
    std::vector<size_t> cells;
    for (const auto& l : order) cells.push_back(t.byLabel.count(l) ? t.byLabel.at(l) : 0);
    if (blanksShown) cells.push_back(t.missing);
    return cells;
}

// `plan`: withheld flags per cell and, last, for the base (from Suppressor::plan or planGrid).
Value tallyValue(const Context& cx, const std::vector<std::string>& order, const CountTally& t,
                 const std::string& missingLabel, bool breakdown, const std::vector<bool>& plan) {
    const bool blanksShown = !missingLabel.empty();
    const size_t total = t.total, missing = t.missing;
    const size_t base = blanksShown ? total : total - missing;
    std::vector<size_t> cells = cellsOf(order, t, blanksShown);
    Value v = Value::object();
    v.set("total", cx.supp.count(total, cx.supp.tooSmall(total, breakdown)));
    v.set("missing", cx.supp.count(missing, cx.supp.tooSmall(missing, breakdown)));
    v.set("base", cx.supp.count(base, plan.back()));
    Value cats = Value::array();
    Value byLabel = Value::object();
    for (size_t i = 0; i < cells.size(); ++i) {
        std::string label = i < order.size() ? order[i] : missingLabel;
        bool hidden = plan[i] || plan.back();
        Value cat = Value::object();
        cat.set("label", Value::string(label));
        cat.set("n", cx.supp.count(cells[i], plan[i]));
        cat.set("share", hidden ? Value::suppressed(Suppressor::masked())
                                : (base ? Value::number(static_cast<double>(cells[i]) / static_cast<double>(base)) : Value()));
        cats.push(std::move(cat));
        byLabel.set(label, cx.supp.count(cells[i], plan[i]));
    }
    v.set("categories", std::move(cats));
    v.set("by_label", std::move(byLabel));
    return v;
}

}  // namespace

Value counts(Context& cx, const project::CountSpec& c) {
    const project::TableSpec& spec = *cx.project.table(c.table);
    const dataset::Table& t = *cx.data.table(c.table);
    const dataset::Column& col = *t.column(c.column);
    const project::ColumnSpec& cs = *spec.column(c.column);
    RowFilter filter(cx.project, spec, t, c.filter);
    std::vector<uint32_t> rows;
    for (uint32_t r : cx.rowsInScope(c.table))
        if (filter.matches(r)) rows.push_back(r);

    std::vector<std::string> order = declaredOrder(cx, c, cs, col);
    auto tallyRows = [&](const std::vector<uint32_t>& rs) {
        CountTally ct;
        for (uint32_t r : rs) {
            ++ct.total;
            std::string l = labelOf(cx, c, cs, col, r);
            if (l.empty()) ++ct.missing;
            else ++ct.byLabel[l];
        }
        return ct;
    };
    CountTally all = tallyRows(rows);
    // Undeclared values follow the declared ones, most frequent first.
    std::vector<std::pair<std::string, size_t>> extra;
    for (const auto& [label, n] : all.byLabel)
        if (std::find(order.begin(), order.end(), label) == order.end()) extra.emplace_back(label, n);
    std::stable_sort(extra.begin(), extra.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& e : extra) order.push_back(e.first);

    const bool blanksShown = !c.missingLabel.empty();
    auto baseOf = [&](const CountTally& ct) { return blanksShown ? ct.total : ct.total - ct.missing; };
    if (c.by.empty()) {
        auto plan = cx.supp.plan(cellsOf(order, all, blanksShown), baseOf(all), c.personal);
        Value v = tallyValue(cx, order, all, c.missingLabel, c.personal, plan);
        v.set("label", Value::string(c.label));
        return v;
    }
    // Crosstab: the same count within each value of `by`; the overall count is the margin, so
    // suppression is planned over the whole grid.
    const dataset::Column& byCol = *t.column(c.by);
    const project::ColumnSpec& byCs = *spec.column(c.by);
    project::CountSpec byCount;
    byCount.column = c.by;
    std::vector<std::string> byOrder = declaredOrder(cx, byCount, byCs, byCol);
    std::map<std::string, std::vector<uint32_t>> groups;
    for (uint32_t r : rows) {
        std::string g = labelOf(cx, byCount, byCs, byCol, r);
        if (g.empty()) continue;
        if (std::find(byOrder.begin(), byOrder.end(), g) == byOrder.end()) byOrder.push_back(g);
        groups[g].push_back(r);
    }
    std::vector<CountTally> tallies;
    std::vector<std::vector<size_t>> cells;
    std::vector<size_t> bases;
    for (const auto& g : byOrder) tallies.push_back(tallyRows(groups[g]));
    tallies.push_back(all);
    for (const auto& ct : tallies) {
        cells.push_back(cellsOf(order, ct, blanksShown));
        bases.push_back(baseOf(ct));
    }
    auto plans = cx.supp.planGrid(cells, bases, true, true);
    Value v = tallyValue(cx, order, all, c.missingLabel, true, plans.back());
    v.set("label", Value::string(c.label));
    Value cross = Value::array();
    for (size_t i = 0; i < byOrder.size(); ++i) {
        Value gv = tallyValue(cx, order, tallies[i], c.missingLabel, true, plans[i]);
        gv.set("label", Value::string(byOrder[i]));
        cross.push(std::move(gv));
    }
    v.set("by", std::move(cross));
    return v;
}

Value cohortValue(Context& cx, const project::Cohort& c) {
    const CohortResult& cr = cx.cohort(c.id);
    Value v = Value::object();
    v.set("label", Value::string(c.label));
    std::vector<size_t> excluded;
    size_t before = cr.population;
    for (size_t n : cr.passed) {
        excluded.push_back(before - n);
        before = n;
    }
    // The excluded counts and the final n add up to the population. The final n is the base of
    // every outcome analysis, which prints it as n_pairs, and the population is the status
    // table's total; so both stay visible (unless themselves under the limit), and a withheld
    // excluded count is protected by withholding another excluded count and every
    // intermediate n (each would give a partial sum back).
    const size_t n = cr.members.size();
    auto plan = cx.supp.plan(excluded, cr.population, false);  // back(): the population is under the limit
    bool hideFinal = plan.back() || cx.supp.tooSmall(n, false);
    if (hideFinal && !plan.back()) {
        // A small final n is a withheld sibling too: take an excluded count with it.
        size_t hidden = 0, best = excluded.size();
        for (size_t i = 0; i < excluded.size(); ++i) {
            if (plan[i]) ++hidden;
            else if (excluded[i] > 0 && (best == excluded.size() || excluded[i] < excluded[best])) best = i;
        }
        if (hidden == 0 && best < excluded.size()) plan[best] = true;
    }
    bool anyHidden = hideFinal;
    for (size_t i = 0; i < excluded.size(); ++i) anyHidden = anyHidden || plan[i];
    std::vector<bool> hideN(c.steps.size(), false);
    for (size_t i = 0; i < c.steps.size(); ++i)
        hideN[i] = i + 1 == c.steps.size() ? hideFinal : anyHidden || cx.supp.tooSmall(cr.passed[i], false);
    plan.insert(plan.begin() + static_cast<long>(excluded.size()), hideFinal);  // plan[excluded.size()]: the final n
    v.set("population", cx.supp.count(cr.population, plan.back()));
    Value steps = Value::array();
    for (size_t i = 0; i < c.steps.size(); ++i) {
        Value s = Value::object();
        s.set("label", Value::string(c.steps[i].label));
        s.set("excluded_label", Value::string(c.steps[i].excludedLabel));
        s.set("n", cx.supp.count(cr.passed[i], hideN[i]));
        s.set("excluded", cx.supp.count(excluded[i], plan[i]));
        steps.push(std::move(s));
    }
    v.set("steps", std::move(steps));
    v.set("n", cx.supp.count(cr.members.size(), plan[excluded.size()]));
    return v;
}

Value basis(Context& cx, const project::Analysis& a) {
    const project::BasisSpec& s = a.basis;
    std::vector<std::string> muns;
    std::vector<int> ids;
    for (size_t i = 0; i < cx.project.municipalities.size(); ++i)
        if (cx.pop.municipality.empty() || static_cast<int>(i) == cx.pop.municipalityId) {
            muns.push_back(cx.project.municipalities[i]);
            ids.push_back(static_cast<int>(i));
        }
    auto munIndex = [&](size_t subjectRow) -> int {
        int m = cx.index.municipalityOf(subjectRow);
        for (size_t i = 0; i < ids.size(); ++i)
            if (ids[i] == m) return static_cast<int>(i);
        return -1;
    };
    const size_t M = muns.size();
    // Measures per municipality, last index = all.
    std::vector<size_t> citizens(M + 1, 0);
    for (size_t p = 0; p < cx.pop.size(); ++p) {
        int i = munIndex(cx.pop.rows[p]);
        if (i >= 0) ++citizens[static_cast<size_t>(i)];
        ++citizens[M];
    }
    struct TableCounts {
        std::string label;
        std::vector<size_t> rows, subjects;
    };
    std::vector<TableCounts> tables;
    for (size_t k = 0; k < s.tables.size(); ++k) {
        TableCounts tc{k < s.tableLabels.size() ? s.tableLabels[k] : s.tables[k], std::vector<size_t>(M + 1, 0),
                       std::vector<size_t>(M + 1, 0)};
        auto g = groupBySubject(cx.pop, s.tables[k]);
        for (size_t p = 0; p < g.rows.size(); ++p) {
            if (g.rows[p].empty()) continue;
            int i = munIndex(cx.pop.rows[p]);
            if (i >= 0) {
                tc.rows[static_cast<size_t>(i)] += g.rows[p].size();
                ++tc.subjects[static_cast<size_t>(i)];
            }
            tc.rows[M] += g.rows[p].size();
            ++tc.subjects[M];
        }
        tables.push_back(std::move(tc));
    }
    // Citizens with rows in every listed table (KORA: both a citizen and a staff form).
    std::vector<size_t> inAll(M + 1, 0);
    if (!s.allLabel.empty()) {
        std::vector<RowsBySubject> groups;
        for (const auto& tname : s.tables) groups.push_back(groupBySubject(cx.pop, tname));
        for (size_t p = 0; p < cx.pop.size(); ++p) {
            bool all = true;
            for (const auto& g : groups) all = all && !g.rows[p].empty();
            if (!all) continue;
            int i = munIndex(cx.pop.rows[p]);
            if (i >= 0) ++inAll[static_cast<size_t>(i)];
            ++inAll[M];
        }
    }
    std::vector<size_t> pairs(M + 1, 0);
    std::vector<std::vector<size_t>> excluded;  // per cohort step
    if (!s.cohort.empty()) {
        const CohortResult& cr = cx.cohort(s.cohort);
        for (const Member& m : cr.members) {
            int i = munIndex(cx.pop.rows[m.subject]);
            if (i >= 0) ++pairs[static_cast<size_t>(i)];
            ++pairs[M];
        }
        excluded.assign(cr.spec->steps.size(), std::vector<size_t>(M + 1, 0));
        for (size_t pos = 0; pos < cr.failedAt.size(); ++pos) {
            int k = cr.failedAt[pos];
            if (k < 0 || k >= static_cast<int>(excluded.size())) continue;
            int i = munIndex(cx.pop.rows[pos]);
            if (i >= 0) ++excluded[static_cast<size_t>(k)][static_cast<size_t>(i)];
            ++excluded[static_cast<size_t>(k)][M];
        }
    }
    // Every measure is a breakdown by municipality: withhold small cells, with a complement
    // across municipalities so no single one can be recovered from the total.
    auto row = [&](const std::string& label, const std::vector<size_t>& values) {
        std::vector<size_t> cells(values.begin(), values.begin() + static_cast<long>(M));
        auto plan = cx.supp.plan(cells, values[M], true);
        Value r = Value::object();
        r.set("label", Value::string(label));
        Value vals = Value::array();
        for (size_t i = 0; i < M; ++i) vals.push(cx.supp.count(values[i], plan[i]));
        r.set("values", std::move(vals));
        r.set("total", cx.supp.count(values[M], plan.back()));
        return r;
    };
    Value v = Value::object();
    v.set("label", Value::string(a.label));
    Value cols = Value::array();
    for (const auto& m : muns) cols.push(Value::string(m));
    v.set("municipalities", std::move(cols));
    Value rows = Value::array();
    rows.push(row("Borgere i indsatsen", citizens));
    for (const auto& tc : tables) {
        rows.push(row("Antal " + tc.label, tc.rows));
        rows.push(row("Borgere med " + tc.label, tc.subjects));
    }
    if (!s.allLabel.empty()) rows.push(row(s.allLabel, inAll));
    if (!s.cohort.empty()) {
        const project::Cohort& c = *cx.project.cohort(s.cohort);
        for (size_t k = 0; k < excluded.size(); ++k) rows.push(row("Fravalgt: " + c.steps[k].excludedLabel, excluded[k]));
        rows.push(row(c.label, pairs));
    }
    v.set("rows", std::move(rows));
    // Response rate of the first table: citizens with at least one row / citizens.
    if (!tables.empty()) {
        Value rates = Value::array();
        for (size_t i = 0; i <= M; ++i) {
            bool hidden = cx.supp.tooSmall(citizens[i], true) || cx.supp.tooSmall(tables[0].subjects[i], true);
            rates.push(hidden ? Value::suppressed(Suppressor::masked())
                              : (citizens[i] ? Value::number(static_cast<double>(tables[0].subjects[i]) /
                                                             static_cast<double>(citizens[i]))
                                             : Value()));
        }
        v.set("response_rate", std::move(rates));
    }
    return v;
}

}  // namespace stats
