// Paired outcome analysis: first vs latest (or baseline vs follow-up) per citizen, with change
// categories, t-test, Wilcoxon, CI, caveats, suppression and an attrition comparison.
#include <cmath>

#include "stats/Analyses.hpp"
#include "stats/Inference.hpp"
#include "stats/Paired.hpp"

namespace stats {

using core::Value;

namespace {

struct Pair {
    size_t subject;
    double first, latest;
};

// Chooses each member's pair of rows for one score.
std::vector<Pair> pairsFor(Context& cx, const project::Analysis& a, const std::vector<double>& score,
                           const std::vector<Member>& members, const CohortResult& cr, size_t* missing) {
    const project::PairedSpec& s = a.paired;
    const project::Instrument& ins = *cx.project.instrument(s.instrument);
    const project::TableSpec& spec = *cx.project.table(ins.table);
    const dataset::Table& t = *cx.data.table(ins.table);
    const dataset::Column& date = *t.column(spec.dateColumn);
    RowFilter firstF(cx.project, spec, t, s.first), latestF(cx.project, spec, t, s.latest);
    std::vector<Pair> out;
    *missing = 0;
    for (const Member& m : members) {
        if (s.pairing == "cohort") {
            double f = score[m.firstRow], l = score[m.latestRow];
            if (std::isnan(f) || std::isnan(l)) {
                ++*missing;
                continue;
            }
            out.push_back({m.subject, f, l});
            continue;
        }
        // "valid": the earliest valid score among rows allowed as first, the latest valid score
        // among rows allowed as latest, later than the first.
        const auto& rows = cr.measurements.rows[m.subject];
        long fi = -1, li = -1;
        for (size_t i = 0; i < rows.size(); ++i)
            if (!std::isnan(score[rows[i]]) && firstF.matches(rows[i])) {
                fi = static_cast<long>(i);
                break;
            }
        for (size_t i = rows.size(); i-- > 0;)
            if (!std::isnan(score[rows[i]]) && latestF.matches(rows[i])) {
                li = static_cast<long>(i);
                break;
            }
        if (fi < 0 || li < 0 || li <= fi || date.date[rows[static_cast<size_t>(li)]] <= date.date[rows[static_cast<size_t>(fi)]]) {
            ++*missing;
            continue;
        }
        out.push_back({m.subject, score[rows[static_cast<size_t>(fi)]], score[rows[static_cast<size_t>(li)]]});
    }
    return out;
}

Value resultValue(Context& cx, const project::Analysis& a, const std::string& label, const std::vector<Pair>& pairs,
                  size_t missing, size_t eligible) {
    const project::PairedSpec& s = a.paired;
    const project::Instrument& ins = *cx.project.instrument(s.instrument);
    std::vector<double> first, latest, diffs;
    for (const Pair& p : pairs) {
        first.push_back(p.first);
        latest.push_back(p.latest);
        diffs.push_back(p.latest - p.first);
    }
    PairedResult r = pairedAnalysis(first, latest, s.threshold);
    TTest tt = pairedTTest(diffs);
    Interval ci = meanInterval(diffs);
    Wilcoxon w = wilcoxonSignedRank(diffs);
    const size_t n = r.n;
    const bool breakdown = false;  // outcome distributions are suppressed only inside a breakdown scope
    const Suppressor& sp = cx.supp;

    Value v = Value::object();
    v.set("label", Value::string(label));
    v.set("instrument", Value::string(ins.label));
    v.set("cohort_n", Value::integer(static_cast<long long>(eligible)));
    v.set("excluded_missing_score", Value::integer(static_cast<long long>(missing)));
    auto plan = sp.plan({r.improved, r.unchanged, r.worsened}, n, breakdown);
    v.set("n_pairs", sp.count(n, plan[3]));
    v.set("mean_first", sp.statistic(r.meanFirst, n, breakdown));
    v.set("mean_latest", sp.statistic(r.meanLatest, n, breakdown));
    v.set("mean_change", sp.statistic(r.meanChange, n, breakdown));
    v.set("sd_change", sp.statistic(r.sdChange, n, breakdown));
    v.set("ci95_low", sp.statistic(ci.low, n, breakdown));
    v.set("ci95_high", sp.statistic(ci.high, n, breakdown));
    v.set("t_statistic", sp.statistic(tt.t, n, breakdown));
    v.set("t_p_value", sp.statistic(tt.p, n, breakdown));
    v.set("wilcoxon_statistic", sp.statistic(w.statistic, n, breakdown));
    v.set("wilcoxon_p_value", sp.statistic(w.p, n, breakdown));
    v.set("wilcoxon_method", Value::string(w.used == 0 ? "" : w.exact ? "exact" : "normal approximation"));
    double p = s.stars == "wilcoxon" ? w.p : tt.p;
    bool hidden = sp.tooSmall(n, breakdown);
    v.set("stars", Value::string(hidden ? "" : significanceStars(p)));
    v.set("significant", Value::boolean(!hidden && std::isfinite(p) && p < 0.05));
    v.set("threshold", Value::number(s.threshold));
    v.set("improved", sp.count(r.improved, plan[0]));
    v.set("unchanged", sp.count(r.unchanged, plan[1]));
    v.set("worsened", sp.count(r.worsened, plan[2]));
    auto share = [&](size_t part, bool withheld) {
        if (withheld) return Value::suppressed(Suppressor::masked());
        return n ? Value::number(static_cast<double>(part) / static_cast<double>(n)) : Value();
    };
    v.set("share_improved", share(r.improved, plan[0] || plan[3]));
    v.set("share_unchanged", share(r.unchanged, plan[1] || plan[3]));
    v.set("share_worsened", share(r.worsened, plan[2] || plan[3]));
    v.set("mean_gain_improved", sp.statistic(r.meanGainImproved, r.improved, breakdown));
    v.set("mean_loss_worsened", sp.statistic(r.meanLossWorsened, r.worsened, breakdown));
    v.set("score_min", Value::number(ins.scoreMin));
    v.set("score_max", Value::number(ins.scoreMax));
    v.set("norm", ins.norm ? Value::number(*ins.norm) : Value());  // always present, null without a norm
    v.set("small_n", Value::boolean(static_cast<int>(n) < cx.project.privacy.smallN));
    v.set("too_few", Value::boolean(n < 2 || hidden));
    std::string caveat = hidden ? "Resultatet bygger på færre end " + std::to_string(sp.k()) + " borgere og vises ikke."
                                : smallNCaveat(n, cx.project.privacy.smallN);
    v.set("caveat", Value::string(caveat));
    // Change categories must add up to the pairs (a consistency check on our own output).
    if (r.improved + r.unchanged + r.worsened != n)
        cx.finding(a.id, "Kategorierne for udvikling summerer ikke til antallet af par.");
    return v;
}

// Attrition: citizens with a valid baseline but no pair, compared at baseline with those paired.
Value attrition(Context& cx, const project::Analysis& a, const std::vector<double>& score, const CohortResult& cr,
                const std::vector<Pair>& pairs) {
    std::vector<bool> paired(cx.pop.size(), false);
    for (const Pair& p : pairs) paired[p.subject] = true;
    std::vector<double> with, without;
    const project::Instrument& ins = *cx.project.instrument(a.paired.instrument);
    const project::TableSpec& spec = *cx.project.table(ins.table);
    RowFilter firstF(cx.project, spec, *cx.data.table(ins.table), a.paired.first);
    for (size_t s = 0; s < cx.pop.size(); ++s) {
        // The baseline is the first measurement allowed as "first"; without a valid score
        // there, the citizen has no baseline.
        const auto& rows = cr.measurements.rows[s];
        double base = std::nan("");
        for (uint32_t r : rows)
            if (firstF.matches(r)) {
                base = score[r];
                break;
            }
        if (std::isnan(base)) continue;
        (paired[s] ? with : without).push_back(base);
    }
    auto group = [&](const std::vector<double>& v) {
        double m = 0;
        for (double x : v) m += x;
        m = v.empty() ? std::nan("") : m / static_cast<double>(v.size());
        Value g = Value::object();
        auto plan = cx.supp.plan({v.size()}, v.size(), false);
        g.set("n", cx.supp.count(v.size(), plan[0]));
        g.set("mean_baseline", cx.supp.statistic(m, v.size(), false));
        return std::pair<Value, double>{g, m};
    };
    auto [gw, mw] = group(with);
    auto [go, mo] = group(without);
    Value v = Value::object();
    v.set("with_followup", gw);
    v.set("without_followup", go);
    bool hidden = cx.supp.tooSmall(with.size(), false) || cx.supp.tooSmall(without.size(), false);
    v.set("difference", hidden ? Value::suppressed(Suppressor::masked())
                               : (std::isfinite(mo - mw) ? Value::number(mo - mw) : Value()));
    // Do those who drop out differ at baseline? Welch's t-test (unequal variances).
    TTest w = welchTTest(without, with);
    auto stat = [&](double x) {
        return hidden ? Value::suppressed(Suppressor::masked()) : (std::isfinite(x) ? Value::number(x) : Value());
    };
    v.set("welch_t", stat(w.t));
    v.set("welch_df", stat(w.df));
    v.set("welch_p_value", stat(w.p));
    v.set("stars", Value::string(hidden ? "" : significanceStars(w.p)));
    return v;
}

// The same pairs split by municipality, with the project as the last row. A breakdown by
// municipality: small cells are withheld across the whole grid, and means from few pairs.
Value byMunicipality(Context& cx, const project::Analysis& a, const std::vector<Pair>& pairs) {
    const auto& muns = cx.project.municipalities;
    std::vector<std::vector<Pair>> groups(muns.size() + 1);
    for (const Pair& p : pairs) {
        int m = cx.index.municipalityOf(cx.pop.rows[p.subject]);
        if (m >= 0) groups[static_cast<size_t>(m)].push_back(p);
        groups.back().push_back(p);
    }
    std::vector<PairedResult> results;
    std::vector<std::vector<size_t>> cells;
    std::vector<size_t> totals;
    for (const auto& g : groups) {
        std::vector<double> f, l;
        for (const Pair& p : g) {
            f.push_back(p.first);
            l.push_back(p.latest);
        }
        results.push_back(stats::pairedAnalysis(f, l, a.paired.threshold));
        cells.push_back({results.back().improved, results.back().unchanged, results.back().worsened});
        totals.push_back(results.back().n);
    }
    auto plans = cx.supp.planGrid(cells, totals, true, true);
    Value rows = Value::array();
    for (size_t i = 0; i < groups.size(); ++i) {
        const PairedResult& r = results[i];
        const auto& plan = plans[i];
        Value v = Value::object();
        v.set("municipality", Value::string(i < muns.size() ? muns[i] : "I alt"));
        v.set("n_pairs", cx.supp.count(r.n, plan[3]));
        bool few = plan[3] || cx.supp.tooSmall(r.n, true);
        auto stat = [&](double x) { return few ? Value::suppressed(Suppressor::masked()) : (std::isfinite(x) ? Value::number(x) : Value()); };
        v.set("mean_first", stat(r.meanFirst));
        v.set("mean_latest", stat(r.meanLatest));
        v.set("mean_change", stat(r.meanChange));
        v.set("improved", cx.supp.count(r.improved, plan[0]));
        v.set("unchanged", cx.supp.count(r.unchanged, plan[1]));
        v.set("worsened", cx.supp.count(r.worsened, plan[2]));
        rows.push(std::move(v));
    }
    return rows;
}

}  // namespace

Value pairedAnalysis(Context& cx, const project::Analysis& a) {
    const project::PairedSpec& s = a.paired;
    const project::Instrument& ins = *cx.project.instrument(s.instrument);
    const CohortResult& cr = cx.cohort(s.cohort);
    const project::TableSpec& spec = *cx.project.table(ins.table);
    RuleEvaluator eval(cx.pop, spec);
    std::vector<Member> members;
    for (const Member& m : cr.members) {
        bool ok = true;
        for (const auto& rule : s.require)
            if (!eval.passes(rule, m.subject, cr.measurements.rows[m.subject])) {
                ok = false;
                break;
            }
        if (ok) members.push_back(m);
    }

    if (ins.aggregate != "none") {
        const auto& score = cx.scores(ins);
        size_t missing = 0;
        auto pairs = pairsFor(cx, a, score, members, cr, &missing);
        Value v = resultValue(cx, a, a.label == a.id ? ins.label : a.label, pairs, missing, members.size());
        v.set("attrition", attrition(cx, a, score, cr, pairs));
        // Null in a report for one municipality (or a project without municipalities): there
        // is nothing to break down, and a template tests it with {{#if o.by_municipality}}.
        if (cx.pop.municipality.empty() && !cx.project.municipalities.empty() && !cx.project.municipalityColumn.empty())
            v.set("by_municipality", byMunicipality(cx, a, pairs));
        else
            v.set("by_municipality", Value());
        return v;
    }
    // One result per item (dimension), e.g. the Recovery Star's ten life areas.
    Value v = Value::object();
    v.set("label", Value::string(a.label == a.id ? ins.label : a.label));
    v.set("instrument", Value::string(ins.label));
    Value dims = Value::array();
    size_t maxN = 0;
    bool allTooFew = true;
    for (size_t i = 0; i < ins.items.size(); ++i) {
        const auto& score = cx.scores(ins, static_cast<int>(i));
        size_t missing = 0;
        auto pairs = pairsFor(cx, a, score, members, cr, &missing);
        maxN = std::max(maxN, pairs.size());
        Value d = resultValue(cx, a, ins.itemLabels[i], pairs, missing, members.size());
        d.set("item", Value::string(ins.items[i]));
        allTooFew = allTooFew && d.find("too_few")->asBool();
        dims.push(std::move(d));
    }
    v.set("dimensions", std::move(dims));
    v.set("n_max", Value::integer(static_cast<long long>(maxN)));
    v.set("too_few", Value::boolean(allTooFew));  // no dimension can be shown
    v.set("threshold", Value::number(s.threshold));
    v.set("score_min", Value::number(ins.scoreMin));
    v.set("score_max", Value::number(ins.scoreMax));
    return v;
}

}  // namespace stats
