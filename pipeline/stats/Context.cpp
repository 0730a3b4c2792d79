#include "stats/Context.hpp"

#include "core/Utf8.hpp"

namespace stats {

Context::Context(const Index& idx, Population population, Suppressor s)
    : index(idx), project(idx.project), data(idx.data), pop(std::move(population)), supp(s) {}

const CohortResult& Context::cohort(const std::string& id) {
    auto it = cohorts_.find(id);
    if (it == cohorts_.end()) it = cohorts_.emplace(id, evaluateCohort(pop, *project.cohort(id))).first;
    return it->second;
}

const std::vector<double>& Context::scores(const project::Instrument& ins, int item) { return index.scores(ins, item); }

std::vector<uint32_t> Context::rowsInScope(const std::string& table) {
    std::vector<uint32_t> rows;
    if (table == project.subjectTable) return pop.rows;
    if (index.grouped(table)) {
        for (uint32_t s : pop.rows) {
            auto span = index.rowsOf(table, s, pop.asOf);
            rows.insert(rows.end(), span.begin(), span.end());
        }
        return rows;
    }
    const dataset::Table* t = data.table(table);
    const project::TableSpec* spec = project.table(table);
    const dataset::Column* date = spec->dateColumn.empty() ? nullptr : t->column(spec->dateColumn);
    // A municipality's report reads only its own rows of a per-municipality table.
    const dataset::Column* mun =
        pop.municipality.empty() || spec->municipalityColumn.empty() ? nullptr : t->column(spec->municipalityColumn);
    std::vector<bool> ours;  // by symbol: the municipality's name, however it is written
    if (mun) {
        const std::string want = core::normalizeLabel(pop.municipality);
        ours.assign(mun->dict.size(), false);
        for (size_t i = 1; i < mun->dict.size(); ++i) ours[i] = core::normalizeLabel(mun->dict[i]) == want;
    }
    rows.reserve(t->rows);
    for (size_t r = 0; r < t->rows; ++r) {
        if (date && date->date[r] != core::kNoDate && date->date[r] > pop.asOf) continue;
        if (mun && !ours[mun->sym[r]]) continue;
        rows.push_back(static_cast<uint32_t>(r));
    }
    return rows;
}

int Context::phaseOf(core::Days d) const {
    for (size_t i = 0; i < project.phases.size(); ++i)
        if (d >= project.phases[i].from && d <= project.phases[i].to) return static_cast<int>(i);
    return -1;
}

void Context::finding(const std::string& id, const std::string& message) {
    core::Value f = core::Value::object();
    f.set("id", core::Value::string(id));
    std::string label = id;
    for (const auto& a : project.analyses)
        if (a.id == id) label = a.label;
    for (const auto& e : project.economics)
        if (e.id == id) label = e.label;
    f.set("label", core::Value::string(label));
    f.set("message", core::Value::string(message));
    findings.push(std::move(f));
}

std::string smallNCaveat(size_t n, int smallN, const std::string& unit) {
    if (n == 0) return "Der er ingen " + unit + " med de nødvendige målinger.";
    if (n < 2) return "Der er for få " + unit + " med to målinger til at opgøre en udvikling.";
    if (static_cast<int>(n) < smallN)
        return "Resultatet bygger på " + std::to_string(n) + " " + unit + " og skal tolkes med forsigtighed.";
    return {};
}

}  // namespace stats
