#include "stats/Engine.hpp"

#include <atomic>
#include <exception>
#include <limits>
#include <thread>

#include "stats/Analyses.hpp"
#include "stats/Context.hpp"
#include "stats/Selection.hpp"

namespace stats {

using core::Value;

core::Value computeStats(const project::Project& p, const dataset::Dataset& ds, const Scope& scope) {
    Index index(p, ds);
    return computeStats(index, scope);
}

std::optional<std::pair<core::Days, core::Days>> quarterRange(const std::string& period) {
    if (period.size() != 6 || (period[4] != 'Q' && period[4] != 'q') || period[5] < '1' || period[5] > '4')
        return std::nullopt;
    int year = 0;
    for (int i = 0; i < 4; ++i) {
        if (period[static_cast<size_t>(i)] < '0' || period[static_cast<size_t>(i)] > '9') return std::nullopt;
        year = year * 10 + (period[static_cast<size_t>(i)] - '0');
    }
    int q = period[5] - '0';
    core::Days from = core::daysFromYmd(year, 3 * q - 2, 1);
    core::Days to = core::addMonths(from, 3) - 1;
    return std::pair{from, to};
}

core::Value computeStats(const Index& index, const Scope& scope) {
    const project::Project& p = index.project;
    core::Days asOf = std::numeric_limits<core::Days>::max();
    if (!scope.period.empty()) {
        auto range = quarterRange(scope.period);
        if (!range) throw core::Error({"period"}, "'" + scope.period + "' is not a quarter", "write it like 2024Q3");
        asOf = range->second;
    }
    Population pop = makePopulation(index, scope.municipality, asOf);
    // A note for one municipality is itself a breakdown by municipality; so is the whole of a
    // project that has only one municipality.
    const bool oneMunicipality = !scope.municipality.empty() || p.municipalities.size() <= 1;
    const Suppressor supp(p.privacy, oneMunicipality);

    // The analyses, counts and economics entries are independent of each other: they are
    // computed on two threads, each with its own Context (and so its own cohort cache), and
    // put in order afterwards with their consistency findings, which come out as they would
    // one after another.
    struct Part {
        std::string id;
        Value value;
        Value findings;
        std::exception_ptr failed;
    };
    std::vector<Part> parts(p.analyses.size() + p.counts.size() + p.economics.size());
    auto compute = [&](Context& c, size_t k) {
        c.findings = Value::array();
        Part& part = parts[k];
        if (k < p.analyses.size()) {
            const auto& a = p.analyses[k];
            Value v;
            if (a.kind == "paired") v = pairedAnalysis(c, a);
            else if (a.kind == "distribution") v = distribution(c, a);
            else if (a.kind == "fidelity") v = fidelity(c, a);
            else if (a.kind == "funnel") v = funnel(c, a);
            else if (a.kind == "trend") v = trend(c, a);
            else if (a.kind == "datagrundlag") v = basis(c, a);
            else if (a.kind == "keyfigures") v = keyFigures(c, a, scope.period);
            v.set("kind", Value::string(a.kind));
            part = {a.id, std::move(v), {}, {}};
        } else if (k < p.analyses.size() + p.counts.size()) {
            const auto& count = p.counts[k - p.analyses.size()];
            Value v = counts(c, count);
            v.set("kind", Value::string("count"));
            part = {count.id, std::move(v), {}, {}};
        } else {
            const auto& e = p.economics[k - p.analyses.size() - p.counts.size()];
            part = {e.id, economics(c, e), {}, {}};
        }
        part.findings = std::move(c.findings);
    };
    std::atomic<size_t> next{0};
    // A failure stops both threads from starting more; every part before it has been started,
    // so the first failure in order is the one a sequential run would have met.
    auto work = [&](Context& c) {
        for (size_t k; (k = next++) < parts.size();) {
            try {
                compute(c, k);
            } catch (...) {
                parts[k].failed = std::current_exception();
                next = parts.size();
            }
        }
    };
    std::exception_ptr helperFailed;
    std::thread helper;
    if (parts.size() >= 2 && std::thread::hardware_concurrency() >= 2) {
        helper = std::thread([&, own = pop]() mutable {
            try {
                Context c(index, std::move(own), supp);
                work(c);
            } catch (...) {
                helperFailed = std::current_exception();
                next = parts.size();  // the main thread stops claiming too
            }
        });
    }
    Context cx(index, std::move(pop), supp);
    Value out = Value::object();
    try {
        Value meta = Value::object();
        meta.set("municipality", Value::string(cx.pop.municipality));
        meta.set("period", Value::string(scope.period));
        meta.set("subjects", cx.supp.count(cx.pop.size(), cx.supp.tooSmall(cx.pop.size(), false)));
        Value privacy = Value::object();
        privacy.set("suppression", Value::boolean(p.privacy.suppress));
        privacy.set("min_cell", Value::integer(p.privacy.minCell));
        privacy.set("shown", Value::string(cx.supp.shown()));
        privacy.set("masked", Value::string(Suppressor::masked()));
        privacy.set("no_suppression_reason", Value::string(p.privacy.noSuppressionReason));
        privacy.set("small_n", Value::integer(p.privacy.smallN));
        meta.set("privacy", std::move(privacy));
        out.set("scope", std::move(meta));
        for (const auto& c : p.cohorts) out.set(c.id, cohortValue(cx, c));
        Value findings = std::move(cx.findings);
        work(cx);
        if (helper.joinable()) helper.join();
        if (helperFailed) std::rethrow_exception(helperFailed);
        for (const Part& part : parts)
            if (part.failed) std::rethrow_exception(part.failed);
        for (Part& part : parts) {
            for (const Value& f : part.findings.elements()) findings.push(f);
            out.set(std::move(part.id), std::move(part.value));
        }
        out.set("consistency", std::move(findings));
    } catch (...) {
        next = parts.size();
        if (helper.joinable()) helper.join();
        throw;
    }
    return out;
}

}  // namespace stats
