#pragma once
// Runs the pipeline for one report: project -> ingest -> stats -> figures & tables ->
// document -> layout -> PDF. The CLI commands are thin wrappers around these functions.
#include <map>
#include <string>
#include <vector>

#include "core/Diagnostics.hpp"
#include "core/Value.hpp"
#include "dataset/Dataset.hpp"
#include "figures/Exhibits.hpp"
#include "project/Project.hpp"
#include "project/TemplateSpec.hpp"

namespace cli {

struct Request {
    std::string projectFile;
    std::string templateName;
    std::vector<std::pair<std::string, std::string>> params;  // -P name=value, in order
    std::string date;  // --date yyyy-mm-dd; else SOURCE_DATE_EPOCH; else now
};

// Everything computed for a report, before layout.
struct Prepared {
    project::Project project;
    project::TemplateSpec spec;
    dataset::Dataset data;
    core::Value params;       // typed, with defaults applied
    core::Value stats;
    figures::Exhibits exhibits;
    core::Value context;      // what the template sees
    long long creationTime = 0;
    std::string dateText;
};

// Template search path: a directory, or names under <project dir>/templates,
// $EVALREPORT_TEMPLATES and the built-in templates directory.
std::vector<std::string> templateSearchPath(const std::string& projectDir);

// Loads, validates (refusing on data errors), computes stats and builds the exhibits.
Prepared prepare(const Request& req);

// The `evalreport stats` JSON: stats tree plus every figure's and table's data.
core::Value statsJson(const Prepared& p);

// Lays out and writes the PDF atomically to `outPath`.
void renderPdf(const Prepared& p, const std::string& outPath);

}  // namespace cli
