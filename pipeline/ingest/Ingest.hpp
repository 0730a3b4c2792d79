#pragma once
// The ingest stage: reads every table declared in project.yaml into the typed dataset,
// validating it against the schema. Problems go to `diag` with file:line:column.
#include "core/Diagnostics.hpp"
#include "dataset/Dataset.hpp"
#include "project/Project.hpp"

namespace ingest {

dataset::Dataset loadDataset(const project::Project& p, core::Diagnostics& diag);

// Loads one table (exposed for tests and the validate command).
dataset::Table loadTable(const project::Project& p, const project::TableSpec& spec, core::Diagnostics& diag);

}  // namespace ingest
