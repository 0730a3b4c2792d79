// Stats benchmark: ingest a (generated) project once, then time the stats stage on it, for the
// whole project and for every municipality. Prints whole-process figures; budgets live here,
// not in timed tests. Usage: evalreport-bench-stats <project.yaml> [repeats]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/Diagnostics.hpp"
#include "ingest/Ingest.hpp"
#include "project/Project.hpp"
#include "stats/Engine.hpp"
#include "stats/Selection.hpp"

namespace {
double seconds(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s <project.yaml> [repeats]\n", argv[0]);
        return 64;
    }
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    auto t0 = std::chrono::steady_clock::now();
    project::Project p = project::loadProject(argv[1]);
    core::Diagnostics diag;
    dataset::Dataset ds = ingest::loadDataset(p, diag);
    auto t1 = std::chrono::steady_clock::now();
    if (diag.errorCount()) {
        std::fprintf(stderr, "%s\n", diag.items().front().str().c_str());
        return 2;
    }
    size_t rows = 0;
    for (const auto& t : ds.tables) rows += t.rows;

    // The index (rows grouped by citizen, scores) is built once per dataset; it is part of the
    // first whole-project figure below, as in a single render.
    auto i0 = std::chrono::steady_clock::now();
    stats::Index index(p, ds);
    auto i1 = std::chrono::steady_clock::now();
    std::vector<double> whole;
    for (int i = 0; i < repeats; ++i) {
        auto a = std::chrono::steady_clock::now();
        core::Value v = stats::computeStats(index, stats::Scope{});
        auto b = std::chrono::steady_clock::now();
        whole.push_back(seconds(a, b));
    }
    std::sort(whole.begin(), whole.end());
    auto a = std::chrono::steady_clock::now();
    for (const auto& m : p.municipalities) stats::computeStats(index, stats::Scope{m, ""});
    auto b = std::chrono::steady_clock::now();

    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("CPU time, whole process:  user %.3f s, system %.3f s\n",
                static_cast<double>(ru.ru_utime.tv_sec) + static_cast<double>(ru.ru_utime.tv_usec) / 1e6,
                static_cast<double>(ru.ru_stime.tv_sec) + static_cast<double>(ru.ru_stime.tv_usec) / 1e6);
    std::printf("rows ingested:            %zu in %.3f s\n", rows, seconds(t0, t1));
    std::printf("stats index (once):       %.3f s\n", seconds(i0, i1));
    std::printf("stats, whole project:     first %.3f s (scores computed), then median %.3f s (%d runs)\n",
                whole.size() ? whole.back() : 0.0, whole[whole.size() / 2], repeats);
    std::printf("index + first stats:      %.3f s\n", seconds(i0, i1) + (whole.size() ? whole.back() : 0.0));
    std::printf("stats, per municipality:  %zu municipalities in %.3f s (%.4f s each)\n", p.municipalities.size(),
                seconds(a, b), seconds(a, b) / static_cast<double>(std::max<size_t>(1, p.municipalities.size())));
    std::printf("peak RSS:                 %.0f MiB\n", static_cast<double>(ru.ru_maxrss) / 1024.0);
    return 0;
}
