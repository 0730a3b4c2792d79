#include "stats/Cohort.hpp"

#include "core/Date.hpp"

namespace stats {

RuleEvaluator::RuleEvaluator(const Population& pop, const project::TableSpec& measurementSpec)
    : pop_(pop), mSpec_(measurementSpec),
      mDate_(pop.index->data.table(measurementSpec.name)->column(measurementSpec.dateColumn)) {}

const RuleEvaluator::Compiled& RuleEvaluator::compiled(const project::Rule& r) const {
    for (const auto& c : cache_)
        if (c.rule == &r) return c;
    const project::Project& p = pop_.index->project;
    const bool events = r.kind == project::Rule::Kind::EventsBeforeFirst || r.kind == project::Rule::Kind::EventsBetween;
    const project::TableSpec* spec = events ? p.table(r.table) : &mSpec_;
    const dataset::Table* t = pop_.index->data.table(spec->name);
    cache_.push_back({&r, spec->dateColumn.empty() ? nullptr : t->column(spec->dateColumn), RowFilter(p, *spec, *t, r.filter)});
    return cache_.back();
}

bool RuleEvaluator::passes(const project::Rule& r, size_t subject, std::span<const uint32_t> meas) const {
    using K = project::Rule::Kind;
    if (meas.empty()) return false;
    const core::Days first = mDate_->date[meas.front()];
    const core::Days latest = mDate_->date[meas.back()];
    switch (r.kind) {
        case K::MinMeasurements: return static_cast<long>(meas.size()) >= r.value;
        case K::MinGapMonths: return latest >= core::addMonths(first, static_cast<int>(r.value));
        case K::FirstWhere: return compiled(r).filter.matches(meas.front());
        case K::EventsBeforeFirst:
        case K::EventsBetween: {
            const Compiled& c = compiled(r);
            long n = 0;
            for (uint32_t row : pop_.index->rowsOf(r.table, pop_.rows[subject], pop_.asOf)) {
                core::Days d = c.date->date[row];
                bool in = r.kind == K::EventsBeforeFirst ? d < first : (d > first && d <= latest);
                if (in && c.filter.matches(row)) ++n;
            }
            return (!r.min || n >= *r.min) && (!r.max || n <= *r.max);
        }
    }
    return false;
}

CohortResult evaluateCohort(const Population& pop, const project::Cohort& c) {
    CohortResult res;
    res.spec = &c;
    res.population = pop.size();
    const project::TableSpec* mSpec = pop.index->project.table(c.measurementTable);
    res.measurements = groupBySubject(pop, c.measurementTable);
    const RowsBySubject& meas = res.measurements;
    RuleEvaluator eval(pop, *mSpec);

    std::vector<size_t> alive(pop.size());
    for (size_t i = 0; i < alive.size(); ++i) alive[i] = i;
    res.failedAt.assign(pop.size(), -1);
    for (size_t k = 0; k < c.steps.size(); ++k) {
        const auto& step = c.steps[k];
        std::vector<size_t> next;
        for (size_t s : alive) {
            bool ok = true;
            for (const auto& rule : step.rules)
                if (!eval.passes(rule, s, meas.rows[s])) {
                    ok = false;
                    break;
                }
            if (ok) next.push_back(s);
            else res.failedAt[s] = static_cast<int>(k);
        }
        alive.swap(next);
        res.passed.push_back(alive.size());
    }
    for (size_t s : alive) {
        if (!meas.rows[s].empty()) res.members.push_back({s, meas.rows[s].front(), meas.rows[s].back()});
        else res.failedAt[s] = static_cast<int>(c.steps.size());  // no measurement at all
    }
    return res;
}

}  // namespace stats
