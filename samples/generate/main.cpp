// evalreport-gen: writes a synthetic evalreport project (project.yaml + data/*.csv) of any size,
// for benchmarks and load tests. Deterministic for a given seed; see --help.
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>

#include "Gen.hpp"

namespace {

const char* const kUsage =
    "usage: evalreport-gen --out DIR [--shape aeldre|vaeresteder] [--citizens N] [--municipalities M]\n"
    "                      [--quarters Q] [--seed S] [--start DATE] [--quiet]\n"
    "\n"
    "Writes DIR/project.yaml and DIR/data/*.csv: a synthetic project with the tables and columns of\n"
    "samples/<shape>/, spread over M real Danish municipalities (the M largest, at most 98) and Q\n"
    "quarters from DATE. The same arguments always give byte-identical files.\n"
    "\n"
    "  --shape           aeldre (default): citizens, questionnaires, meetings, start registrations;\n"
    "                    vaeresteder: citizens, citizen and staff forms, monthly time registration\n"
    "  --citizens        number of citizens (default 1000)\n"
    "  --municipalities  number of municipalities, 1-98 (default 3)\n"
    "  --quarters        length of the period in quarters (default 12)\n"
    "  --seed            PRNG seed (default 1)\n"
    "  --start           first day of the period, dd-mm-yyyy or yyyy-mm-dd (default 01-01-2022\n"
    "                    for aeldre, 01-09-2014 for vaeresteder)\n"
    "  --quiet           print nothing on success\n"
    "\n"
    "example: evalreport-gen --shape aeldre --citizens 200000 --municipalities 98 --quarters 12 --seed 1 --out /tmp/big\n"
    "         (1.05 million questionnaires and 1.9 million meetings)\n"
    "         evalreport-gen --shape vaeresteder --citizens 450000 --municipalities 98 --quarters 8 --out /tmp/bigv\n"
    "         (1.08 million citizen and staff forms)\n";

[[noreturn]] void usageError(const std::string& msg) {
    std::fprintf(stderr, "evalreport-gen: %s; see 'evalreport-gen --help'\n", msg.c_str());
    std::exit(2);
}

uint64_t parseCount(const char* opt, const char* v, uint64_t lo, uint64_t hi) {
    char* end = nullptr;
    errno = 0;
    unsigned long long x = std::strtoull(v, &end, 10);
    if (!*v || *end || errno || v[0] == '-' || x < lo || x > hi)
        usageError(std::string(opt) + " expects a whole number from " + std::to_string(lo) + " to " +
                   std::to_string(hi) + ", got '" + v + "'");
    return x;
}

}  // namespace

int main(int argc, char** argv) {
    gen::Options o;
    bool startGiven = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        }
        if (a == "--quiet") {
            o.quiet = true;
            continue;
        }
        if (i + 1 >= argc) usageError("option '" + a + "' needs a value");
        const char* v = argv[++i];
        if (a == "--shape") {
            o.shape = v;
            if (o.shape != "aeldre" && o.shape != "vaeresteder")
                usageError("unknown shape '" + o.shape + "'; use aeldre or vaeresteder");
        } else if (a == "--citizens") {
            o.citizens = parseCount("--citizens", v, 1, 100000000);
        } else if (a == "--municipalities") {
            o.municipalities = static_cast<int>(parseCount("--municipalities", v, 1, gen::municipalities().size()));
        } else if (a == "--quarters") {
            o.quarters = static_cast<int>(parseCount("--quarters", v, 1, 200));
        } else if (a == "--seed") {
            o.seed = parseCount("--seed", v, 0, UINT64_MAX);
        } else if (a == "--out") {
            o.out = v;
        } else if (a == "--start") {
            auto d = core::parseDate(v);
            if (!d) usageError(std::string("--start expects a date like 01-01-2022, got '") + v + "'");
            o.start = *d;
            startGiven = true;
        } else {
            usageError("unknown option '" + a + "'");
        }
    }
    if (o.out.empty()) usageError("--out DIR is required");
    if (!startGiven) o.start = o.shape == "aeldre" ? core::daysFromYmd(2022, 1, 1) : core::daysFromYmd(2014, 9, 1);

    auto t0 = std::chrono::steady_clock::now();
    gen::Summary s;
    try {
        s = o.shape == "aeldre" ? gen::generateAeldre(o) : gen::generateVaeresteder(o);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "evalreport-gen: %s\n", e.what());
        return 1;
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!o.quiet) {
        uint64_t rows = 0;
        for (const auto& [file, n] : s.tables) {
            std::printf("%-28s %12llu rows\n", file.c_str(), static_cast<unsigned long long>(n));
            rows += n;
        }
        std::printf("wrote %s/project.yaml: %zu municipalities, %llu rows in %.2f s (%.0f rows/s)\n", o.out.c_str(),
                    s.municipalityNames.size(), static_cast<unsigned long long>(rows), secs,
                    secs > 0 ? static_cast<double>(rows) / secs : 0.0);
    }
    return 0;
}
