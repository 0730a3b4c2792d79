#include "stats/Engine.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/Utf8.hpp"
#include "stats/Cohort.hpp"
#include "stats/Paired.hpp"
#include "stats/Scoring.hpp"
#include "stats/Selection.hpp"

namespace stats {

using core::Value;

namespace {

Value num(double v) { return std::isfinite(v) ? Value::number(v) : Value(); }
Value count(size_t n) { return Value::integer(static_cast<long long>(n)); }

Value shareOf(size_t part, size_t whole) {
    return whole ? Value::number(static_cast<double>(part) / static_cast<double>(whole)) : Value();
}

Value cohortValue(const CohortResult& c) {
    Value v = Value::object();
    v.set("label", Value::string(c.spec->label));
    v.set("population", count(c.population));
    Value steps = Value::array();
    size_t before = c.population;
    for (size_t i = 0; i < c.spec->steps.size(); ++i) {
        Value s = Value::object();
        s.set("label", Value::string(c.spec->steps[i].label));
        s.set("excluded_label", Value::string(c.spec->steps[i].excludedLabel));
        s.set("n", count(c.passed[i]));
        s.set("excluded", count(before - c.passed[i]));
        before = c.passed[i];
        steps.push(std::move(s));
    }
    v.set("steps", std::move(steps));
    v.set("n", count(c.members.size()));
    return v;
}

Value pairedValue(const project::Project& p, const project::Analysis& a, const PairedResult& r, size_t missingScore,
                  size_t cohortN) {
    const project::Instrument* ins = p.instrument(a.instrument);
    Value v = Value::object();
    v.set("label", Value::string(a.label));
    v.set("instrument", Value::string(ins->label));
    v.set("cohort_n", count(cohortN));
    v.set("excluded_missing_score", count(missingScore));
    v.set("n_pairs", count(r.n));
    v.set("mean_first", num(r.meanFirst));
    v.set("mean_latest", num(r.meanLatest));
    v.set("mean_change", num(r.meanChange));
    v.set("sd_change", num(r.sdChange));
    v.set("threshold", num(a.threshold));
    v.set("improved", count(r.improved));
    v.set("unchanged", count(r.unchanged));
    v.set("worsened", count(r.worsened));
    v.set("share_improved", shareOf(r.improved, r.n));
    v.set("share_unchanged", shareOf(r.unchanged, r.n));
    v.set("share_worsened", shareOf(r.worsened, r.n));
    v.set("mean_gain_improved", num(r.meanGainImproved));
    v.set("mean_loss_worsened", num(r.meanLossWorsened));
    v.set("score_min", num(ins->scoreMin));
    v.set("score_max", num(ins->scoreMax));
    if (ins->norm) v.set("norm", num(*ins->norm));
    v.set("small_n", Value::boolean(static_cast<int>(r.n) < p.privacy.smallN));
    v.set("too_few", Value::boolean(r.n < 2));
    return v;
}

Value countValue(const project::Project& p, const dataset::Dataset& ds, const Population& pop,
                 const project::CountSpec& c) {
    const project::TableSpec* spec = p.table(c.table);
    const dataset::Table* t = ds.table(c.table);
    const dataset::Column* col = t->column(c.column);
    RowFilter filter(p, *spec, *t, c.filter);

    // Rows in scope: the subject table's population rows, or rows of a per-subject table whose
    // subject is in the population.
    std::vector<size_t> rows;
    if (c.table == p.subjectTable) {
        rows = pop.rows;
    } else if (!spec->subjectColumn.empty()) {
        auto g = groupBySubject(pop, *t, spec->subjectColumn, "");
        for (const auto& v : g.rows) rows.insert(rows.end(), v.begin(), v.end());
        std::sort(rows.begin(), rows.end());
    } else {
        for (size_t r = 0; r < t->rows; ++r) rows.push_back(r);
    }

    std::vector<std::string> order;  // declared order of categories
    const project::ColumnSpec* cs = spec->column(c.column);
    if (col->scaled)
        for (const auto& lv : p.scale(cs->scale)->levels) order.push_back(lv.label);
    else
        order = cs->values;

    std::map<std::string, size_t> tally;
    size_t total = 0, missing = 0;
    for (size_t r : rows) {
        if (!filter.matches(r)) continue;
        ++total;
        if (col->missing(r)) {
            ++missing;
            continue;
        }
        std::string label;
        if (col->scaled) {
            const project::ScaleLevel* lv = p.scale(cs->scale)->byCode(col->num[r]);
            label = lv ? lv->label : "";
        } else {
            label = std::string(col->text(r));
        }
        ++tally[label];
    }
    // Undeclared values follow the declared ones, most frequent first.
    std::vector<std::pair<std::string, size_t>> extra;
    for (const auto& [label, n] : tally)
        if (std::find(order.begin(), order.end(), label) == order.end()) extra.emplace_back(label, n);
    std::stable_sort(extra.begin(), extra.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& e : extra) order.push_back(e.first);

    const bool blanksShown = !c.missingLabel.empty();
    const size_t base = blanksShown ? total : total - missing;
    Value v = Value::object();
    v.set("label", Value::string(c.label));
    v.set("total", count(total));
    v.set("missing", count(missing));
    v.set("base", count(base));
    Value cats = Value::array();
    Value byLabel = Value::object();
    auto addCat = [&](const std::string& label, size_t n) {
        Value cat = Value::object();
        cat.set("label", Value::string(label));
        cat.set("n", count(n));
        cat.set("share", shareOf(n, base));
        cats.push(std::move(cat));
        byLabel.set(label, count(n));
    };
    for (const auto& label : order) addCat(label, tally.count(label) ? tally[label] : 0);
    if (blanksShown) addCat(c.missingLabel, missing);
    v.set("categories", std::move(cats));
    v.set("by_label", std::move(byLabel));
    return v;
}

}  // namespace

core::Value computeStats(const project::Project& p, const dataset::Dataset& ds, const Scope& scope) {
    Population pop = makePopulation(p, ds, scope.municipality);
    Value out = Value::object();

    Value meta = Value::object();
    meta.set("municipality", Value::string(scope.municipality));
    meta.set("subjects", count(pop.size()));
    out.set("scope", std::move(meta));

    std::map<std::string, CohortResult> cohorts;
    for (const auto& c : p.cohorts) {
        cohorts.emplace(c.id, evaluateCohort(p, ds, pop, c));
        out.set(c.id, cohortValue(cohorts.at(c.id)));
    }

    std::map<std::string, std::vector<double>> scores;  // instrument id -> per-row score
    for (const auto& a : p.analyses) {
        const project::Instrument* ins = p.instrument(a.instrument);
        const dataset::Table* mt = ds.table(ins->table);
        if (!scores.count(ins->id)) scores[ins->id] = scoreRows(p, *ins, *mt);
        const auto& sc = scores[ins->id];
        const CohortResult& cr = cohorts.at(a.cohort);
        RuleEvaluator eval(p, ds, pop, *p.table(ins->table), *mt);

        std::vector<double> first, latest;
        size_t eligible = 0, missingScore = 0;
        for (const Member& m : cr.members) {
            bool ok = true;
            for (const auto& rule : a.require)
                if (!eval.passes(rule, m.subject, cr.measurements.rows[m.subject])) {
                    ok = false;
                    break;
                }
            if (!ok) continue;
            ++eligible;
            double f = sc[m.firstRow], l = sc[m.latestRow];
            if (std::isnan(f) || std::isnan(l)) {
                ++missingScore;
                continue;
            }
            first.push_back(f);
            latest.push_back(l);
        }
        PairedResult r = pairedAnalysis(first, latest, a.threshold);
        out.set(a.id, pairedValue(p, a, r, missingScore, eligible));
    }

    for (const auto& c : p.counts) out.set(c.id, countValue(p, ds, pop, c));
    return out;
}

}  // namespace stats
