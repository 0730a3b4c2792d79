#pragma once
// The stats stage's one entry point: every number a report may print, computed once from the
// dataset for one population (the whole project or one municipality), as a core::Value tree
// keyed by the ids declared in project.yaml (stats.<cohort|analysis|count id>.…).
#include <optional>
#include <string>
#include <utility>

#include "core/Date.hpp"

#include "core/Value.hpp"
#include "dataset/Dataset.hpp"
#include "project/Project.hpp"

namespace stats {

struct Scope {
    std::string municipality;  // empty = the whole project
    std::string period;        // "2024Q3": data as known at the end of that quarter; empty = all data
};

// First and last day of a quarter written "2024Q3"; nullopt if malformed.
std::optional<std::pair<core::Days, core::Days>> quarterRange(const std::string& period);

// Build the index once per dataset (it groups every table by citizen and caches scores), then
// compute any number of scopes from it; computeStats is safe to call from several threads.
class Index;
core::Value computeStats(const Index& index, const Scope& scope);

// Convenience for a single scope: builds a temporary index.
core::Value computeStats(const project::Project& p, const dataset::Dataset& ds, const Scope& scope);

}  // namespace stats
