#include "stats/Context.hpp"

#include "core/Utf8.hpp"
#include "stats/Scoring.hpp"

namespace stats {

Context::Context(const project::Project& p, const dataset::Dataset& ds, Population population, Suppressor s)
    : project(p), data(ds), pop(std::move(population)), supp(s) {}

const CohortResult& Context::cohort(const std::string& id) {
    auto it = cohorts_.find(id);
    if (it == cohorts_.end()) it = cohorts_.emplace(id, evaluateCohort(project, data, pop, *project.cohort(id))).first;
    return it->second;
}

const std::vector<double>& Context::scores(const project::Instrument& ins, int item) {
    std::string key = ins.id + "#" + std::to_string(item);
    auto it = scores_.find(key);
    if (it != scores_.end()) return it->second;
    const dataset::Table& t = *data.table(ins.table);
    if (item < 0) return scores_[key] = scoreRows(project, ins, t);
    project::Instrument one = ins;
    one.items = {ins.items[static_cast<size_t>(item)]};
    one.aggregate = "sum";
    one.maxMissingItems = 0;
    return scores_[key] = scoreRows(project, one, t);
}

std::vector<uint32_t> Context::rowsInScope(const std::string& table) {
    const project::TableSpec* spec = project.table(table);
    const dataset::Table* t = data.table(table);
    std::vector<uint32_t> rows;
    if (table == project.subjectTable) {
        for (size_t r : pop.rows) rows.push_back(static_cast<uint32_t>(r));
        return rows;
    }
    if (!spec->subjectColumn.empty()) {
        // Keep file order: callers that group by date sort themselves.
        const dataset::Column* subj = t->column(spec->subjectColumn);
        std::vector<int32_t> map(subj->dict.size(), -1);
        for (uint32_t s = 1; s < subj->dict.size(); ++s) map[s] = pop.find(subj->dict[s]);
        for (size_t r = 0; r < t->rows; ++r)
            if (map[subj->sym[r]] >= 0) rows.push_back(static_cast<uint32_t>(r));
        return rows;
    }
    for (size_t r = 0; r < t->rows; ++r) rows.push_back(static_cast<uint32_t>(r));
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
