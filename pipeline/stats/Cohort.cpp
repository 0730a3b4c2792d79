#include "stats/Cohort.hpp"

#include "core/Date.hpp"

namespace stats {

RuleEvaluator::RuleEvaluator(const project::Project& p, const dataset::Dataset& ds, const Population& pop,
                             const project::TableSpec& measurementSpec, const dataset::Table& measurements)
    : p_(p), ds_(ds), pop_(pop), mSpec_(measurementSpec), mTable_(measurements),
      mDate_(measurements.column(measurementSpec.dateColumn)) {}

const RuleEvaluator::Events& RuleEvaluator::events(const project::Rule& r) const {
    for (const auto& [rule, ev] : cache_)
        if (rule == &r) return ev;
    const project::TableSpec* spec = p_.table(r.table);
    const dataset::Table* t = ds_.table(r.table);
    Events ev{t->column(spec->dateColumn), groupBySubject(pop_, *t, spec->subjectColumn, spec->dateColumn),
              RowFilter(p_, *spec, *t, r.filter)};
    cache_.emplace_back(&r, std::move(ev));
    return cache_.back().second;
}

bool RuleEvaluator::passes(const project::Rule& r, size_t subject, const std::vector<uint32_t>& meas) const {
    using K = project::Rule::Kind;
    if (meas.empty()) return false;
    const core::Days first = mDate_->date[meas.front()];
    const core::Days latest = mDate_->date[meas.back()];
    switch (r.kind) {
        case K::MinMeasurements: return static_cast<long>(meas.size()) >= r.value;
        case K::MinGapMonths: return latest >= core::addMonths(first, static_cast<int>(r.value));
        case K::FirstWhere: {
            const RowFilter* f = nullptr;
            for (const auto& [rule, filter] : firstFilters_)
                if (rule == &r) f = &filter;
            if (!f) {
                firstFilters_.emplace_back(&r, RowFilter(p_, mSpec_, mTable_, r.filter));
                f = &firstFilters_.back().second;
            }
            return f->matches(meas.front());
        }
        case K::EventsBeforeFirst:
        case K::EventsBetween: {
            const Events& ev = events(r);
            long n = 0;
            for (uint32_t row : ev.bySubject.rows[subject]) {
                core::Days d = ev.date->date[row];
                bool in = r.kind == K::EventsBeforeFirst ? d < first : (d > first && d <= latest);
                if (in && ev.filter.matches(row)) ++n;
            }
            return (!r.min || n >= *r.min) && (!r.max || n <= *r.max);
        }
    }
    return false;
}

CohortResult evaluateCohort(const project::Project& p, const dataset::Dataset& ds, const Population& pop,
                            const project::Cohort& c) {
    CohortResult res;
    res.spec = &c;
    res.population = pop.size();
    const project::TableSpec* mSpec = p.table(c.measurementTable);
    const dataset::Table* mt = ds.table(c.measurementTable);
    res.measurements = groupBySubject(pop, *mt, mSpec->subjectColumn, mSpec->dateColumn);
    const RowsBySubject& meas = res.measurements;
    RuleEvaluator eval(p, ds, pop, *mSpec, *mt);

    std::vector<size_t> alive(pop.size());
    for (size_t i = 0; i < alive.size(); ++i) alive[i] = i;
    for (const auto& step : c.steps) {
        std::vector<size_t> next;
        for (size_t s : alive) {
            bool ok = true;
            for (const auto& rule : step.rules)
                if (!eval.passes(rule, s, meas.rows[s])) {
                    ok = false;
                    break;
                }
            if (ok) next.push_back(s);
        }
        alive.swap(next);
        res.passed.push_back(alive.size());
    }
    for (size_t s : alive)
        if (!meas.rows[s].empty()) res.members.push_back({s, meas.rows[s].front(), meas.rows[s].back()});
    return res;
}

}  // namespace stats
