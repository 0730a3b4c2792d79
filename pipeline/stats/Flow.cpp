// Funnels (referrals -> contacted -> intervention -> completed, with the branches that leave)
// and quarterly trends.
#include <algorithm>
#include <cmath>
#include <map>

#include "core/Utf8.hpp"
#include "stats/Analyses.hpp"

namespace stats {

using core::Value;

Value funnel(Context& cx, const project::Analysis& a) {
    const project::FunnelSpec& s = a.funnel;
    const project::TableSpec& spec = *cx.project.table(s.table);
    const dataset::Table& t = *cx.data.table(s.table);
    std::vector<RowFilter> filters;
    for (const auto& st : s.steps) filters.emplace_back(cx.project, spec, t, st.filter);
    std::vector<uint32_t> rows = cx.rowsInScope(s.table);
    // reach[r] = number of steps row r passes, cumulatively.
    std::vector<size_t> counts(s.steps.size(), 0);
    std::vector<size_t> reach(t.rows, 0);
    for (uint32_t r : rows) {
        size_t k = 0;
        while (k < filters.size() && filters[k].matches(r)) ++k;
        reach[r] = k;
        for (size_t i = 0; i < k; ++i) ++counts[i];
    }
    const bool breakdown = false;
    Value v = Value::object();
    v.set("label", Value::string(a.label));
    Value steps = Value::array();
    for (size_t i = 0; i < s.steps.size(); ++i) {
        Value st = Value::object();
        st.set("label", Value::string(s.steps[i].label));
        bool hidden = cx.supp.tooSmall(counts[i], breakdown);
        st.set("n", cx.supp.count(counts[i], hidden));
        st.set("share_of_first", hidden ? Value::suppressed(Suppressor::masked())
                                        : (counts[0] ? Value::number(static_cast<double>(counts[i]) / static_cast<double>(counts[0])) : Value()));
        st.set("share_of_previous",
               hidden ? Value::suppressed(Suppressor::masked())
                      : (i > 0 && counts[i - 1] ? Value::number(static_cast<double>(counts[i]) / static_cast<double>(counts[i - 1]))
                                                : Value()));
        steps.push(std::move(st));
    }
    v.set("steps", std::move(steps));
    Value exits = Value::array();
    for (const auto& ex : s.exits) {
        size_t k = static_cast<size_t>(ex.after);  // rows that reached step k but not k+1
        const dataset::Column* col = t.column(ex.column);
        const project::ColumnSpec* cs = spec.column(ex.column);
        std::vector<std::string> order;
        if (col->scaled)
            for (const auto& lv : cx.project.scale(cs->scale)->levels) order.push_back(lv.label);
        else
            order = cs->values;
        std::map<std::string, size_t> tally;
        size_t total = 0, missing = 0;
        for (uint32_t r : rows) {
            if (reach[r] != k) continue;
            ++total;
            std::string label;
            if (col->scaled) {
                const project::ScaleLevel* lv = std::isnan(col->num[r]) ? nullptr : cx.project.scale(cs->scale)->byCode(col->num[r]);
                if (lv && !lv->missing) label = lv->label;
            } else {
                label = std::string(col->text(r));
            }
            if (label.empty()) {
                ++missing;
                continue;
            }
            if (std::find(order.begin(), order.end(), label) == order.end()) order.push_back(label);
            ++tally[label];
        }
        std::vector<size_t> cellCounts;
        for (const auto& l : order) cellCounts.push_back(tally[l]);
        cellCounts.push_back(missing);
        auto plan = cx.supp.plan(cellCounts, total, breakdown);
        Value e = Value::object();
        e.set("after", Value::integer(ex.after));
        e.set("step", Value::string(s.steps[k - 1].label));
        e.set("next", Value::string(s.steps[k].label));
        e.set("total", cx.supp.count(total, plan.back()));
        Value cats = Value::array();
        for (size_t i = 0; i <= order.size(); ++i) {
            if (i == order.size() && missing == 0) break;
            Value c = Value::object();
            c.set("label", Value::string(i < order.size() ? order[i] : ex.missingLabel));
            c.set("n", cx.supp.count(cellCounts[i], plan[i]));
            c.set("share", plan[i] || plan.back() ? Value::suppressed(Suppressor::masked())
                                                  : (total ? Value::number(static_cast<double>(cellCounts[i]) / static_cast<double>(total)) : Value()));
            cats.push(std::move(c));
        }
        e.set("categories", std::move(cats));
        // The branches must account for everyone who left at this step.
        if (counts[k - 1] - counts[k] != total) cx.finding(a.id, "Udgangene efter trin " + std::to_string(k) + " summerer ikke.");
        exits.push(std::move(e));
    }
    v.set("exits", std::move(exits));
    return v;
}

Value trend(Context& cx, const project::Analysis& a) {
    const project::TrendSpec& s = a.trend;
    const project::TableSpec& spec = *cx.project.table(s.table);
    const dataset::Table& t = *cx.data.table(s.table);
    const dataset::Column* date = t.column(s.date);
    RowFilter filter(cx.project, spec, t, s.filter);
    const std::vector<double>* score = s.measure == "mean" ? &cx.scores(*cx.project.instrument(s.instrument)) : nullptr;
    std::map<int, std::pair<size_t, double>> byQuarter;  // year*4 + (q-1) -> (n, sum)
    const size_t M = cx.project.municipalities.size();
    const bool split = cx.pop.municipality.empty() && M > 0 && !cx.project.municipalityColumn.empty();
    std::vector<std::map<int, std::pair<size_t, double>>> byMun(split ? M : 0);
    int lo = INT32_MAX, hi = INT32_MIN;
    for (uint32_t r : cx.rowsInScope(s.table)) {
        if (!filter.matches(r) || date->date[r] == core::kNoDate) continue;
        if (score && std::isnan((*score)[r])) continue;
        core::Ymd d = core::ymdFromDays(date->date[r]);
        int key = d.year * 4 + (d.month - 1) / 3;
        auto& cell = byQuarter[key];
        ++cell.first;
        if (score) cell.second += (*score)[r];
        if (split) {
            int32_t subject = cx.index.subjectOf(s.table, r);
            int m = subject < 0 ? -1 : cx.index.municipalityOf(static_cast<size_t>(subject));
            if (m >= 0) {
                auto& mc = byMun[static_cast<size_t>(m)][key];
                ++mc.first;
                if (score) mc.second += (*score)[r];
            }
        }
        lo = std::min(lo, key);
        hi = std::max(hi, key);
    }
    // The project period, when declared, fixes the axis so empty quarters show as gaps.
    if (cx.project.periodFrom && cx.project.periodTo) {
        core::Ymd f = core::ymdFromDays(*cx.project.periodFrom), l = core::ymdFromDays(*cx.project.periodTo);
        lo = std::min(lo, f.year * 4 + (f.month - 1) / 3);
        hi = std::max(hi, l.year * 4 + (l.month - 1) / 3);
    }
    Value v = Value::object();
    v.set("label", Value::string(a.label));
    v.set("measure", Value::string(s.measure));
    Value qs = Value::array();
    for (int key = lo; key <= hi && lo <= hi; ++key) {
        auto it = byQuarter.find(key);
        size_t n = it == byQuarter.end() ? 0 : it->second.first;
        Value q = Value::object();
        int year = key / 4, quarter = key % 4 + 1;
        q.set("quarter", Value::string(std::to_string(year) + "Q" + std::to_string(quarter)));
        q.set("label", Value::string(std::to_string(quarter) + ". kvt. " + std::to_string(year)));
        bool hidden = cx.supp.tooSmall(n, false);
        q.set("n", cx.supp.count(n, hidden));
        if (score) q.set("value", n ? cx.supp.statistic(it->second.second / static_cast<double>(n), n, false) : Value());
        else q.set("value", cx.supp.count(n, hidden));  // no rows in a quarter is a count of 0
        qs.push(std::move(q));
    }
    v.set("quarters", std::move(qs));
    // The same per municipality (a breakdown: small counts and means from few rows withheld).
    if (split && lo <= hi) {
        Value series = Value::array();
        size_t cells = 0, withheld = 0;
        for (size_t m = 0; m < M; ++m) {
            Value sv = Value::object();
            sv.set("municipality", Value::string(cx.project.municipalities[m]));
            Value vals = Value::array();
            for (int key = lo; key <= hi; ++key) {
                auto it = byMun[m].find(key);
                size_t n = it == byMun[m].end() ? 0 : it->second.first;
                bool hidden = cx.supp.tooSmall(n, true);
                if (score) vals.push(n ? cx.supp.statistic(it->second.second / static_cast<double>(n), n, true) : Value());
                else vals.push(cx.supp.count(n, hidden));
                ++cells;
                if (vals.elements().back().isSuppressed() || vals.elements().back().isNull()) ++withheld;
            }
            sv.set("values", std::move(vals));
            series.push(std::move(sv));
        }
        v.set("by_municipality", std::move(series));
        // Whether the split says something: at least three quarters of its cells are shown.
        // A small project's quarters per municipality are mostly under the limit, and a chart
        // of "<5" marks helps no one; templates test this before placing it.
        v.set("by_municipality_readable", Value::boolean(cells > 0 && withheld * 4 <= cells));
    }
    return v;
}

}  // namespace stats
