#pragma once
// Runs the pipeline for one report: project -> ingest -> stats -> figures & tables ->
// document -> layout -> PDF. The CLI commands are thin wrappers around these functions.
#include <future>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/Diagnostics.hpp"
#include "core/Value.hpp"
#include "dataset/Dataset.hpp"
#include "figures/Exhibits.hpp"
#include "pdf/PdfWriter.hpp"
#include "project/Project.hpp"
#include "project/TemplateSpec.hpp"
#include "stats/Selection.hpp"

namespace cli {

struct Request {
    std::string projectFile;
    std::string templateName;
    std::vector<std::pair<std::string, std::string>> params;  // -P name=value, in order
    std::string date;  // --date yyyy-mm-dd; else SOURCE_DATE_EPOCH; else now
};

// What every report of a batch shares: the project, the template, the validated dataset and
// the stats index, loaded once (ingest and indexing are the expensive part).
struct Base {
    project::Project project;
    project::TemplateSpec spec;
    dataset::Dataset data;
    std::unique_ptr<stats::Index> index;
};

class Preload;

// Loads the project and template, ingests and validates the data (refusing on errors) and
// builds the stats index. With `preload`, the template is the one it read meanwhile.
std::shared_ptr<const Base> loadBase(const std::string& projectFile, const std::string& templateName,
                                     Preload* preload = nullptr);

// Everything computed for one report, before layout. Safe to build for several reports at once
// from the same Base on different threads.
struct Prepared {
    std::shared_ptr<const Base> base;
    const project::Project& project;
    const project::TemplateSpec& spec;
    const dataset::Dataset& data;
    core::Value params;       // typed, with defaults applied
    // Each project municipality's stats for the same period, when the template asks for them
    // (by_municipality); empty otherwise.
    std::vector<std::pair<std::string, core::Value>> municipalityStats;
    figures::Exhibits exhibits;
    core::Value context;      // what the template sees
    long long creationTime = 0;
    std::string dateText;
    // The stats for the report's scope: context.stats (moved there, not copied).
    const core::Value& stats() const { return *context.find("stats"); }
};

// Template search path: a directory, or names under <project dir>/templates,
// $EVALREPORT_TEMPLATES and the built-in templates directory.
std::vector<std::string> templateSearchPath(const std::string& projectDir);

// One report from a loaded base: params, stats for its scope, exhibits and template context.
// (`req.projectFile` and `req.templateName` are not read again.)
Prepared prepareReport(std::shared_ptr<const Base> base, const Request& req);

// loadBase + prepareReport for a single report.
Prepared prepare(const Request& req);

// The `evalreport stats` JSON: stats tree plus every figure's and table's data.
core::Value statsJson(const Prepared& p);

// Lays out and writes the PDF atomically to `outPath`.
void renderPdf(const Prepared& p, const std::string& outPath);

// Loads on another core what the report will need while the main thread reads the project,
// the data and computes the statistics: the template (which does not depend on the project's
// contents, only on its directory), then the hyphenation patterns and the fonts' metrics.
// Joins when destroyed. A failure with the patterns or fonts is left for the main thread,
// which meets it again with its message when it asks for the same thing.
class Preload {
public:
    Preload(const std::string& projectFile, const std::string& templateName);
    ~Preload();
    Preload(const Preload&) = delete;
    Preload& operator=(const Preload&) = delete;

    // The template, once read; rethrows the error reading it gave.
    project::TemplateSpec takeTemplate();

private:
    std::promise<project::TemplateSpec> template_;
    std::future<project::TemplateSpec> templateReady_;
    std::thread thread_;
};

}  // namespace cli
