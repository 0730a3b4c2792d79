#include "stats/Engine.hpp"

#include <limits>

#include "stats/Analyses.hpp"
#include "stats/Context.hpp"
#include "stats/Selection.hpp"

namespace stats {

using core::Value;

core::Value computeStats(const project::Project& p, const dataset::Dataset& ds, const Scope& scope) {
    Index index(p, ds);
    return computeStats(index, scope);
}

std::optional<std::pair<core::Days, core::Days>> quarterRange(const std::string& period) {
    if (period.size() != 6 || (period[4] != 'Q' && period[4] != 'q') || period[5] < '1' || period[5] > '4')
        return std::nullopt;
    int year = 0;
    for (int i = 0; i < 4; ++i) {
        if (period[static_cast<size_t>(i)] < '0' || period[static_cast<size_t>(i)] > '9') return std::nullopt;
        year = year * 10 + (period[static_cast<size_t>(i)] - '0');
    }
    int q = period[5] - '0';
    core::Days from = core::daysFromYmd(year, 3 * q - 2, 1);
    core::Days to = core::addMonths(from, 3) - 1;
    return std::pair{from, to};
}

core::Value computeStats(const Index& index, const Scope& scope) {
    const project::Project& p = index.project;
    core::Days asOf = std::numeric_limits<core::Days>::max();
    if (!scope.period.empty()) {
        auto range = quarterRange(scope.period);
        if (!range) throw core::Error({"period"}, "'" + scope.period + "' is not a quarter", "write it like 2024Q3");
        asOf = range->second;
    }
    Population pop = makePopulation(index, scope.municipality, asOf);
    // A note for one municipality is itself a breakdown by municipality; so is the whole of a
    // project that has only one municipality.
    const bool oneMunicipality = !scope.municipality.empty() || p.municipalities.size() <= 1;
    Context cx(index, std::move(pop), Suppressor(p.privacy, oneMunicipality));
    Value out = Value::object();

    Value meta = Value::object();
    meta.set("municipality", Value::string(cx.pop.municipality));
    meta.set("period", Value::string(scope.period));
    meta.set("subjects", cx.supp.count(cx.pop.size(), cx.supp.tooSmall(cx.pop.size(), false)));
    Value privacy = Value::object();
    privacy.set("suppression", Value::boolean(p.privacy.suppress));
    privacy.set("min_cell", Value::integer(p.privacy.minCell));
    privacy.set("shown", Value::string(cx.supp.shown()));
    privacy.set("masked", Value::string(Suppressor::masked()));
    privacy.set("no_suppression_reason", Value::string(p.privacy.noSuppressionReason));
    privacy.set("small_n", Value::integer(p.privacy.smallN));
    meta.set("privacy", std::move(privacy));
    out.set("scope", std::move(meta));

    for (const auto& c : p.cohorts) out.set(c.id, cohortValue(cx, c));
    for (const auto& a : p.analyses) {
        Value v;
        if (a.kind == "paired") v = pairedAnalysis(cx, a);
        else if (a.kind == "distribution") v = distribution(cx, a);
        else if (a.kind == "fidelity") v = fidelity(cx, a);
        else if (a.kind == "funnel") v = funnel(cx, a);
        else if (a.kind == "trend") v = trend(cx, a);
        else if (a.kind == "datagrundlag") v = basis(cx, a);
        else if (a.kind == "keyfigures") v = keyFigures(cx, a, scope.period);
        v.set("kind", Value::string(a.kind));
        out.set(a.id, std::move(v));
    }
    for (const auto& c : p.counts) {
        Value v = counts(cx, c);
        v.set("kind", Value::string("count"));
        out.set(c.id, std::move(v));
    }
    for (const auto& e : p.economics) out.set(e.id, economics(cx, e));
    out.set("consistency", cx.findings);
    return out;
}

}  // namespace stats
