// Ingest benchmark: loads a project's data with full validation and prints wall time, rows per
// second and peak RSS. Budgets are checked here by hand, never in timed tests.
// Data: bench/make_ingest_data.py (1,000,000 aeldre-shaped questionnaire rows).
// Usage: evalreport-bench-ingest <project.yaml>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>

#include "core/Diagnostics.hpp"
#include "ingest/Ingest.hpp"
#include "project/Project.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <project.yaml>\n", argv[0]);
        return 64;
    }
    auto t0 = std::chrono::steady_clock::now();
    project::Project p = project::loadProject(argv[1]);
    core::Diagnostics diag;
    dataset::Dataset ds = ingest::loadDataset(p, diag);
    auto t1 = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(t1 - t0).count();
    size_t rows = 0;
    for (const auto& t : ds.tables) rows += t.rows;
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("rows:      %zu in %zu tables\n", rows, ds.tables.size());
    std::printf("wall:      %.3f s\n", s);
    std::printf("rows/s:    %.0f\n", static_cast<double>(rows) / s);
    std::printf("peak RSS:  %.0f MiB\n", static_cast<double>(ru.ru_maxrss) / 1024.0);
    std::printf("problems:  %zu errors, %zu warnings\n", diag.errorCount(), diag.warningCount());
    for (size_t i = 0; i < diag.items().size() && i < 5; ++i) std::printf("  %s\n", diag.items()[i].str().c_str());
    return diag.errorCount() ? 2 : 0;
}
