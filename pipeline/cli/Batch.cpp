// evalreport batch: one PDF per municipality (and per quarter), from one ingest, in parallel.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <set>

#include "cli/Commands.hpp"
#include "cli/Report.hpp"
#include "core/Error.hpp"
#include "delivery/Batch.hpp"
#include "delivery/FileName.hpp"
#include "delivery/Period.hpp"
#include "delivery/Progress.hpp"

namespace cli {

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

// The values `--each NAME` iterates, by the parameter's type.
std::vector<std::string> eachValues(const Base& base, const project::ParamSpec& p, const Args& a) {
    std::vector<std::string> out;
    if (p.type == "municipality") {
        out = base.project.municipalities;
        if (out.empty())
            throw core::Error({base.project.file}, "project '" + base.project.id + "' lists no municipalities",
                              "add project.municipalities to iterate --each " + p.name);
    } else if (p.type == "period") {
        std::vector<delivery::Quarter> qs;
        if (a.has("periods")) {
            qs = delivery::parseQuarterList(a.get("periods"), {"--periods"});
        } else {
            if (!base.project.periodFrom || !base.project.periodTo)
                throw core::Error({base.project.file}, "project '" + base.project.id + "' has no period to iterate",
                                  "give --periods 2024Q1..2024Q4 or add project.period");
            qs = delivery::quartersBetween(*base.project.periodFrom, *base.project.periodTo);
        }
        for (const auto& q : qs) out.push_back(q.str());
    } else {
        throw core::Error({"--each " + p.name}, "parameter '" + p.name + "' is of type " + p.type + " and cannot be iterated",
                          "--each takes a municipality or period parameter");
    }
    return out;
}

Command makeBatch() {
    Command c;
    c.name = "batch";
    c.usage = "<project.yaml> --template <name-or-dir> --each <param> [--each <param>] [--periods Q..Q] [-P name=value]... "
              "[-j N] --out-dir <dir>";
    c.summary = "Render one PDF per municipality (and quarter) in parallel from one ingest.";
    c.example = "evalreport batch samples/aeldre/project.yaml --template status-note --each kommune -P period=2024Q3 "
                "--out-dir output/batch";
    c.options = {
        {"template", "t", "template name (e.g. status-note) or template directory", "name-or-dir", false},
        {"each", "e", "iterate a parameter: a municipality parameter takes every municipality of the project, a period "
                      "parameter every quarter of --periods or of the project period",
         "param", true},
        {"periods", "", "quarters for --each period: 2024Q1..2024Q4 or 2024Q1,2024Q3 (default: the project period)",
         "range", false},
        {"param", "P", "set a template parameter for every report, e.g. -P period=2024Q3", "name=value", true},
        {"date", "d", "report date yyyy-mm-dd (default: SOURCE_DATE_EPOCH, else today)", "date", false},
        {"jobs", "j", "worker threads (default: one per core)", "N", false},
        {"out-dir", "o", "directory for the PDFs; names come from the template's output: pattern", "dir", false},
    };
    c.run = [](const Args& a) {
        if (a.positional.size() != 1)
            throw core::Error({"evalreport batch"}, "expected one project file, got " + std::to_string(a.positional.size()) +
                                                        " arguments", "see 'evalreport batch --help'");
        if (!a.has("template")) throw core::Error({"evalreport batch"}, "missing --template", "e.g. --template status-note");
        if (!a.has("out-dir")) throw core::Error({"evalreport batch"}, "missing --out-dir", "name the directory for the PDFs");
        if (a.all("each").empty())
            throw core::Error({"evalreport batch"}, "missing --each", "e.g. --each kommune (and --each period)");
        unsigned jobs = 0;
        if (a.has("jobs")) {
            std::string j = a.get("jobs");
            char* end = nullptr;
            long n = std::strtol(j.c_str(), &end, 10);
            if (j.empty() || *end || n < 1 || n > 256) throw core::Error({"-j " + j}, "expected a number of threads from 1 to 256");
            jobs = static_cast<unsigned>(n);
        }
        std::string outDir = a.get("out-dir");
        while (outDir.size() > 1 && outDir.back() == '/') outDir.pop_back();
        if (access(outDir.c_str(), W_OK) != 0)
            throw core::Error({outDir}, "output directory does not exist or is not writable", "create it first");

        Params fixed;
        for (const auto& p : a.all("param")) {
            auto eq = p.find('=');
            if (eq == std::string::npos || eq == 0) throw core::Error({"-P " + p}, "a parameter needs name=value", "e.g. -P period=2024Q3");
            fixed.emplace_back(p.substr(0, eq), p.substr(eq + 1));
        }

        auto loadStart = std::chrono::steady_clock::now();
        std::shared_ptr<const Base> base = loadBase(a.positional[0], a.get("template"));
        double loadSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - loadStart).count();

        // The combinations: the product of every --each parameter's values, in the order given.
        std::vector<Params> combos{{}};
        std::set<std::string> iterated;
        for (const auto& name : a.all("each")) {
            const project::ParamSpec* spec = base->spec.param(name);
            if (!spec) {
                std::string list;
                for (const auto& p : base->spec.params) list += (list.empty() ? "" : ", ") + p.name;
                throw core::Error({"--each " + name}, "template '" + base->spec.name + "' has no parameter '" + name + "'",
                                  "its parameters are: " + list);
            }
            if (!iterated.insert(name).second) throw core::Error({"--each " + name}, "parameter named twice");
            for (const auto& [k, v] : fixed)
                if (k == name) throw core::Error({"-P " + k}, "parameter '" + k + "' is both fixed with -P and iterated with --each");
            std::vector<Params> next;
            for (const auto& combo : combos)
                for (const auto& value : eachValues(*base, *spec, a)) {
                    Params p = combo;
                    p.emplace_back(name, value);
                    next.push_back(std::move(p));
                }
            combos = std::move(next);
        }

        const std::string pattern = !base->spec.outputPattern.empty() ? base->spec.outputPattern : [&] {
            std::string p = delivery::safeFileComponent(base->spec.name);
            for (const auto& ps : base->spec.params) p += "-{" + ps.name + "}";
            return p + ".pdf";
        }();
        std::vector<delivery::BatchItem> items;
        std::vector<std::string> names;
        std::map<std::string, std::string> seen;  // file name -> the combination that took it
        for (const auto& combo : combos) {
            Params all = fixed;
            all.insert(all.end(), combo.begin(), combo.end());
            Params values{{"template", base->spec.name}, {"project", base->project.id}};
            for (const auto& ps : base->spec.params) {
                std::string v = ps.def;
                for (const auto& [k, val] : all)
                    if (k == ps.name) v = val;
                values.emplace_back(ps.name, v);
            }
            std::string name = delivery::outputFileName(pattern, values, {base->spec.file});
            std::string what;
            for (const auto& [k, v] : combo) what += (what.empty() ? "" : ", ") + k + "=" + v;
            if (auto it = seen.find(name); it != seen.end())
                throw core::Error({base->spec.file}, "'" + it->second + "' and '" + what + "' would both be written to " + name,
                                  "put every iterated parameter in the template's output: pattern");
            seen[name] = what;
            delivery::BatchItem item;
            item.request.params = all;
            item.request.date = a.get("date");
            item.outPath = outDir + "/" + name;
            items.push_back(std::move(item));
            names.push_back(name);
        }

        unsigned workers = delivery::workerCount(jobs, items.size());
        std::printf("rendering %zu reports on %u threads (data loaded in %.2f s)\n", items.size(), workers, loadSeconds);
        std::fflush(stdout);
        delivery::Progress progress(items.size(), stdout, isatty(fileno(stdout)));
        auto results = delivery::renderBatch(base, items, workers, [&](size_t i, const delivery::BatchResult& r) {
            progress.step(names[i], r.error, r.seconds);
        });
        progress.finish();
        size_t failed = 0;
        for (const auto& r : results) failed += r.ok ? 0 : 1;
        double elapsed = progress.elapsed();
        std::printf("%zu rendered, %zu failed in %.2f s (%.1f reports/s; load %.2f s, total %.2f s) into %s\n",
                    results.size() - failed, failed, elapsed, elapsed > 0 ? static_cast<double>(results.size()) / elapsed : 0.0,
                    loadSeconds, loadSeconds + elapsed, outDir.c_str());
        for (size_t i = 0; i < results.size(); ++i)
            if (!results[i].ok) std::printf("failed: %s: %s\n", names[i].c_str(), results[i].error.c_str());
        return failed ? 1 : 0;
    };
    return c;
}

}  // namespace

Command batchCommand() { return makeBatch(); }

}  // namespace cli
