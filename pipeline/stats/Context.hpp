#pragma once
// What every analysis in the stats stage works from: the project, the dataset, the population
// in scope, cached cohorts and scores, the suppression policy, and the consistency findings.
#include <map>
#include <string>
#include <vector>

#include "core/Value.hpp"
#include "dataset/Dataset.hpp"
#include "project/Project.hpp"
#include "stats/Cohort.hpp"
#include "stats/Selection.hpp"
#include "stats/Suppression.hpp"

namespace stats {

class Context {
public:
    Context(const Index& index, Population pop, Suppressor supp);

    const Index& index;
    const project::Project& project;
    const dataset::Dataset& data;
    const Population pop;
    const Suppressor supp;

    const CohortResult& cohort(const std::string& id);
    // Per-row score of an instrument; for aggregate "none", of its item `item` alone.
    const std::vector<double>& scores(const project::Instrument& ins, int item = -1);
    // Rows of a per-subject table that belong to the population (all rows otherwise).
    std::vector<uint32_t> rowsInScope(const std::string& table);
    // Phase index of a date, or -1.
    int phaseOf(core::Days d) const;

    // A consistency finding for templates and `evalreport stats`.
    void finding(const std::string& id, const std::string& message);
    core::Value findings = core::Value::array();

private:
    std::map<std::string, CohortResult> cohorts_;
};

// Danish caveat sentence for an analysis with n observations (empty when n is large enough).
std::string smallNCaveat(size_t n, int smallN, const std::string& unit = "borgere");

}  // namespace stats
