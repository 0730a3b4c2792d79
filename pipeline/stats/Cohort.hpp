#pragma once
// Inclusion rules (project.yaml `cohorts:`): who in the population has a usable first and
// latest measurement, step by step, so the funnel (80 -> 43 -> 34) can be printed.
#include <string>
#include <vector>

#include "dataset/Dataset.hpp"
#include "project/Project.hpp"
#include "stats/Selection.hpp"

namespace stats {

struct Member {
    size_t subject;        // position in the population
    uint32_t firstRow;     // measurement-table rows
    uint32_t latestRow;
};

struct CohortResult {
    const project::Cohort* spec = nullptr;
    size_t population = 0;
    std::vector<size_t> passed;   // after each step
    std::vector<Member> members;  // those who passed every step
    std::vector<int> failedAt;    // per population position: step that excluded them, -1 = member
    RowsBySubject measurements;   // each subject's measurement rows, date-sorted
};

// Evaluates rules for one subject whose measurements (date-sorted rows) are `meas`.
class RuleEvaluator {
public:
    RuleEvaluator(const Population& pop, const project::TableSpec& measurementSpec);
    bool passes(const project::Rule& r, size_t subject, std::span<const uint32_t> meas) const;

private:
    struct Compiled {
        const project::Rule* rule;
        const dataset::Column* date;  // of the event table
        RowFilter filter;
    };
    const Compiled& compiled(const project::Rule& r) const;

    const Population& pop_;
    const project::TableSpec& mSpec_;
    const dataset::Column* mDate_;
    mutable std::vector<Compiled> cache_;
};

CohortResult evaluateCohort(const Population& pop, const project::Cohort& c);

}  // namespace stats
