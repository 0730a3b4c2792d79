#pragma once
// Declarative instrument scoring (project.yaml `instruments:`), one score per row.
#include <string>
#include <vector>

#include "dataset/Dataset.hpp"
#include "project/Project.hpp"

namespace stats {

// score = aggregate(item + offset over answered items) * multiply; NaN when more than
// maxMissingItems items are missing. Scale codes marked `missing` count as missing.
std::vector<double> scoreRows(const project::Project& p, const project::Instrument& ins, const dataset::Table& t);

// Index of the instrument band a score falls in (bands are ordered by their `max`).
size_t bandOf(const project::Instrument& ins, double score);

}  // namespace stats
