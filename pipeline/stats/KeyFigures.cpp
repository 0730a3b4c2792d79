// Key figures for a status note: the state at the end of a quarter and at the end of the quarter
// before, with the change, plus citizens whose follow-up measurement is overdue.
#include <algorithm>

#include "core/Format.hpp"
#include "stats/Analyses.hpp"
#include "stats/Engine.hpp"

namespace stats {

using core::Value;

namespace {

struct Figures {
    size_t registered = 0, active = 0, started = 0, ended = 0, measurements = 0, inCohort = 0, overdue = 0;
};

std::string quarterName(core::Days from) {
    core::Ymd d = core::ymdFromDays(from);
    return std::to_string((d.month - 1) / 3 + 1) + ". kvartal " + std::to_string(d.year);
}

Figures figuresAt(const Context& cx, const project::KeyFiguresSpec& spec, core::Days from, core::Days to,
                  const std::string& municipality) {
    Population pop = makePopulation(cx.index, municipality, to);
    const project::Project& p = cx.project;
    const dataset::Column* start = cx.index.subjects->column(p.subjectStart);
    const dataset::Column* end = p.subjectEnd.empty() ? nullptr : cx.index.subjects->column(p.subjectEnd);
    const project::Cohort& cohort = *p.cohort(spec.cohort);
    const project::TableSpec& mSpec = *p.table(cohort.measurementTable);
    const dataset::Column* mDate = cx.data.table(cohort.measurementTable)->column(mSpec.dateColumn);
    const core::Days dueBefore = core::addMonths(to, -spec.followupMonths);

    Figures f;
    f.registered = pop.size();
    for (uint32_t s : pop.rows) {
        core::Days st = start->date[s];
        core::Days en = end ? end->date[s] : core::kNoDate;
        bool active = en == core::kNoDate || en > to;
        if (active) ++f.active;
        if (st != core::kNoDate && st >= from && st <= to) ++f.started;
        if (en != core::kNoDate && en >= from && en <= to) ++f.ended;
        auto rows = cx.index.rowsOf(cohort.measurementTable, s, to);
        for (uint32_t r : rows)
            if (mDate->date[r] >= from && mDate->date[r] <= to) ++f.measurements;
        // Overdue: still in the course, and the latest measurement (or the start, if there is
        // none yet) lies more than followup_months back.
        if (active) {
            core::Days last = rows.empty() ? st : mDate->date[rows.back()];
            if (last != core::kNoDate && last < dueBefore) ++f.overdue;
        }
    }
    f.inCohort = evaluateCohort(pop, cohort).members.size();
    return f;
}

}  // namespace

Value keyFigures(Context& cx, const project::Analysis& a, const std::string& period) {
    const project::KeyFiguresSpec& spec = a.keyfigures;
    // The period: as given, else the quarter of the project's end date, else of the latest measurement.
    core::Days from = 0, to = 0;
    if (auto range = quarterRange(period)) {
        from = range->first;
        to = range->second;
    } else {
        core::Days last = cx.project.periodTo.value_or(core::kNoDate);
        if (last == core::kNoDate) {
            const project::Cohort& cohort = *cx.project.cohort(spec.cohort);
            const project::TableSpec& mSpec = *cx.project.table(cohort.measurementTable);
            const dataset::Column* d = cx.data.table(cohort.measurementTable)->column(mSpec.dateColumn);
            for (core::Days x : d->date) last = std::max(last, x);
        }
        core::Ymd y = core::ymdFromDays(last);
        from = core::daysFromYmd(y.year, (y.month - 1) / 3 * 3 + 1, 1);
        to = core::addMonths(from, 3) - 1;
    }
    core::Days prevFrom = core::addMonths(from, -3), prevTo = from - 1;
    // A quarter that runs past the data is counted only up to the project's end, and says so.
    std::string periodLabel = quarterName(from);
    if (cx.project.periodTo && *cx.project.periodTo < to && *cx.project.periodTo >= from) {
        to = *cx.project.periodTo;
        periodLabel += " (til " + core::formatDanishDate(to) + ")";
    }
    Figures now = figuresAt(cx, spec, from, to, cx.pop.municipality);
    Figures before = figuresAt(cx, spec, prevFrom, prevTo, cx.pop.municipality);

    Value v = Value::object();
    v.set("label", Value::string(a.label));
    core::Ymd fy = core::ymdFromDays(from);
    v.set("period", Value::string(std::to_string(fy.year) + "Q" + std::to_string((fy.month - 1) / 3 + 1)));
    v.set("period_label", Value::string(periodLabel));
    v.set("previous_label", Value::string(quarterName(prevFrom)));
    v.set("period_end", Value::string(core::formatIsoDate(to)));
    v.set("followup_months", Value::integer(spec.followupMonths));
    Value rows = Value::array();
    Value byKey = Value::object();
    auto add = [&](const char* key, const char* label, size_t cur, size_t prev, bool flow) {
        Value r = Value::object();
        r.set("key", Value::string(key));
        r.set("label", Value::string(label));
        // Each figure is its own count; in a municipality's note small ones are withheld.
        bool hideCur = cx.supp.tooSmall(cur, false), hidePrev = cx.supp.tooSmall(prev, false);
        r.set("current", cx.supp.count(cur, hideCur));
        r.set("previous", cx.supp.count(prev, hidePrev));
        r.set("change", hideCur || hidePrev ? Value::suppressed(Suppressor::masked())
                                            : Value::number(static_cast<double>(cur) - static_cast<double>(prev)));
        r.set("flow", Value::boolean(flow));  // a count within the quarter, not a stock at its end
        byKey.set(key, r);
        rows.push(std::move(r));
    };
    add("registered", "Registrerede borgere i alt", now.registered, before.registered, false);
    if (!cx.project.subjectEnd.empty()) add("active", "Borgere i forløb ved kvartalets udgang", now.active, before.active, false);
    add("started", "Nye borgere i kvartalet", now.started, before.started, true);
    if (!cx.project.subjectEnd.empty()) add("ended", "Afsluttede forløb i kvartalet", now.ended, before.ended, true);
    add("measurements", "Spørgeskemabesvarelser i kvartalet", now.measurements, before.measurements, true);
    add("in_cohort", "Borgere med første og seneste måling", now.inCohort, before.inCohort, false);
    add("overdue", "Borgere, der mangler en opfølgningsmåling", now.overdue, before.overdue, false);
    v.set("rows", std::move(rows));
    v.set("by_key", std::move(byKey));

    // The quarter for each municipality side by side (the quarterly report). Every cell is a
    // breakdown by municipality, so small ones are withheld, with a complement across
    // municipalities against the project total.
    if (cx.pop.municipality.empty() && !cx.project.municipalityColumn.empty()) {
        const auto& muns = cx.project.municipalities;
        std::vector<Figures> per;
        for (const auto& m : muns) per.push_back(figuresAt(cx, spec, from, to, m));
        Value mv = Value::array();
        for (const auto& m : muns) mv.push(Value::string(m));
        v.set("municipalities", std::move(mv));
        Value table = Value::array();
        auto col = [&](const char* key, const char* label, size_t Figures::*field) {
            // Municipalities as groups of one cell each, the project (published) as the total row.
            std::vector<std::vector<size_t>> cells;
            std::vector<size_t> totals;
            for (const auto& f : per) {
                cells.push_back({f.*field});
                totals.push_back(f.*field);
            }
            cells.push_back({now.*field});
            totals.push_back(now.*field);
            auto plans = cx.supp.planGrid(cells, totals, true, true);
            Value r = Value::object();
            r.set("key", Value::string(key));
            r.set("label", Value::string(label));
            Value vals = Value::array();
            for (size_t i = 0; i < per.size(); ++i) vals.push(cx.supp.count(per[i].*field, plans[i][0] || plans[i][1]));
            r.set("values", std::move(vals));
            r.set("total", cx.supp.count(now.*field, plans.back()[0]));
            table.push(std::move(r));
        };
        col("registered", "Registrerede borgere i alt", &Figures::registered);
        if (!cx.project.subjectEnd.empty()) col("active", "Borgere i forløb ved kvartalets udgang", &Figures::active);
        col("started", "Nye borgere i kvartalet", &Figures::started);
        col("measurements", "Spørgeskemabesvarelser i kvartalet", &Figures::measurements);
        col("in_cohort", "Borgere med første og seneste måling", &Figures::inCohort);
        col("overdue", "Borgere, der mangler en opfølgningsmåling", &Figures::overdue);
        v.set("by_municipality", std::move(table));
    }
    return v;
}

}  // namespace stats
