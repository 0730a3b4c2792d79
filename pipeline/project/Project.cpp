#include "project/Project.hpp"

#include <algorithm>
#include <set>

#include "project/AnalysesParser.hpp"
#include "project/Schema.hpp"
#include "project/Yaml.hpp"

namespace project {

const char* columnTypeName(ColumnType t) {
    switch (t) {
        case ColumnType::Id: return "id";
        case ColumnType::Text: return "text";
        case ColumnType::Integer: return "integer";
        case ColumnType::Decimal: return "decimal";
        case ColumnType::Date: return "date";
        case ColumnType::Category: return "category";
    }
    return "?";
}

const ScaleLevel* Scale::byCode(double code) const {
    for (const auto& l : levels)
        if (l.code == code) return &l;
    return nullptr;
}

const ColumnSpec* TableSpec::column(const std::string& n) const {
    for (const auto& c : columns)
        if (c.name == n) return &c;
    return nullptr;
}

const TableSpec* Project::table(const std::string& n) const {
    for (const auto& t : tables)
        if (t.name == n) return &t;
    return nullptr;
}
const Instrument* Project::instrument(const std::string& n) const {
    for (const auto& i : instruments)
        if (i.id == n) return &i;
    return nullptr;
}
const Cohort* Project::cohort(const std::string& n) const {
    for (const auto& c : cohorts)
        if (c.id == n) return &c;
    return nullptr;
}
const std::vector<std::string>* Project::role(const std::string& n) const {
    for (const auto& r : roles)
        if (r.first == n) return &r.second;
    return nullptr;
}

const Scale* Project::scale(const std::string& n) const {
    auto it = scales.find(n);
    return it == scales.end() ? nullptr : &it->second;
}

std::string directoryOf(const std::string& projectFile) {
    auto slash = projectFile.rfind('/');
    return slash == std::string::npos ? "." : projectFile.substr(0, slash);
}

Project loadProject(const std::string& path) {
    YamlFile y(path);
    const yml::Node& root = y.root();
    Project p;
    p.file = path;
    p.dir = directoryOf(path);
    y.allowKeys(root, {"project", "subjects", "scales", "tables", "instruments", "cohorts", "analyses", "counts", "privacy",
                       "report", "phases", "connections", "economics"});

    yml::Node meta = root["project"];
    if (!meta) y.fail(root, "missing 'project:' section", "add project: {id, title, municipalities}");
    y.requireMap(meta, "'project'");
    y.allowKeys(meta, {"id", "title", "organisation", "intervention", "period", "municipalities"});
    p.id = y.reqStr(meta, "id");
    p.title = y.reqStr(meta, "title");
    p.organisation = y.str(meta, "organisation");
    p.intervention = y.str(meta, "intervention", p.title);
    p.municipalities = y.strList(meta, "municipalities");
    if (yml::Node per = meta["period"]) {
        y.requireMap(per, "'period'");
        y.allowKeys(per, {"from", "to"});
        for (const char* k : {"from", "to"}) {
            std::string s = y.reqStr(per, k);
            auto d = core::parseDate(s);
            if (!d) y.fail(per[k], "invalid date '" + s + "'", "write dates as dd-mm-yyyy or yyyy-mm-dd");
            (std::string(k) == "from" ? p.periodFrom : p.periodTo) = *d;
        }
        if (*p.periodFrom > *p.periodTo) y.fail(per, "period 'from' is after 'to'");
    }

    if (yml::Node s = root["scales"]) parseScales(y, s, p);
    if (yml::Node c = root["connections"]) parseConnections(y, c, p);
    yml::Node tables = root["tables"];
    if (!tables) y.fail(root, "missing 'tables:' section", "declare at least one data table");
    parseTables(y, tables, p);

    yml::Node subj = root["subjects"];
    if (!subj) y.fail(root, "missing 'subjects:' section", "name the citizen table: subjects: {table: borgere, id: borger_id}");
    y.requireMap(subj, "'subjects'");
    y.allowKeys(subj, {"table", "id", "municipality", "start", "end"});
    p.subjectTable = y.reqStr(subj, "table");
    const TableSpec* st = p.table(p.subjectTable);
    if (!st) y.fail(subj["table"], "unknown table '" + p.subjectTable + "'");
    p.subjectId = y.reqStr(subj, "id");
    if (!st->column(p.subjectId)) y.fail(subj["id"], "'" + p.subjectId + "' is not a column of '" + p.subjectTable + "'");
    p.municipalityColumn = y.str(subj, "municipality");
    if (!p.municipalityColumn.empty() && !st->column(p.municipalityColumn))
        y.fail(subj["municipality"], "'" + p.municipalityColumn + "' is not a column of '" + p.subjectTable + "'");
    for (auto [key, target] : {std::pair{"start", &p.subjectStart}, std::pair{"end", &p.subjectEnd}}) {
        *target = y.str(subj, key);
        if (target->empty()) continue;
        const ColumnSpec* c = st->column(*target);
        if (!c) y.fail(subj[key], "'" + *target + "' is not a column of '" + p.subjectTable + "'");
        if (c->type != ColumnType::Date) y.fail(subj[key], "'" + *target + "' must be a date column");
    }

    // Tables per municipality rather than per citizen: found by the municipality column's name.
    if (!p.municipalityColumn.empty())
        for (auto& t : p.tables)
            if (t.name != p.subjectTable && t.subjectColumn.empty() && t.municipalityColumn.empty() &&
                t.column(p.municipalityColumn))
                t.municipalityColumn = p.municipalityColumn;

    if (yml::Node n = root["phases"]) parsePhases(y, n, p);
    if (yml::Node n = root["instruments"]) parseInstruments(y, n, p);
    if (yml::Node n = root["cohorts"]) parseCohorts(y, n, p);
    if (yml::Node n = root["analyses"]) parseAnalyses(y, n, p);
    if (yml::Node n = root["counts"]) parseCounts(y, n, p);
    if (yml::Node n = root["economics"]) parseEconomics(y, n, p);

    if (yml::Node pr = root["privacy"]) {
        y.requireMap(pr, "'privacy'");
        y.allowKeys(pr, {"min_cell", "suppress", "all_counts", "no_suppression_reason", "small_n"});
        p.privacy.minCell = y.integer(pr, "min_cell", 5, 1, 1000);
        p.privacy.suppress = y.flag(pr, "suppress", true);
        p.privacy.allCounts = y.flag(pr, "all_counts", false);
        p.privacy.noSuppressionReason = y.str(pr, "no_suppression_reason");
        p.privacy.smallN = y.integer(pr, "small_n", 30, 1, 100000);
        if (!p.privacy.suppress && p.privacy.noSuppressionReason.empty())
            y.fail(pr, "switching off small-cell suppression requires a reason",
                   "add 'no_suppression_reason: …'; the report prints it in its method note");
    }

    // Ids share one namespace: templates address them as stats.<id>.
    std::set<std::string> ids_;
    auto claim = [&](const std::string& id, const core::Location& where) {
        if (!ids_.insert(id).second)
            throw core::Error(where, "id '" + id + "' is used twice", "cohorts, analyses and counts need distinct ids");
    };
    for (const auto& c : p.cohorts) claim(c.id, c.where);
    for (const auto& a : p.analyses) claim(a.id, a.where);
    for (const auto& c : p.counts) claim(c.id, c.where);
    for (const auto& e : p.economics) claim(e.id, e.where);

    if (yml::Node rep = root["report"]) {
        y.requireMap(rep, "'report'");
        for (auto it = rep.begin(); it != rep.end(); ++it) {
            std::string role = y.asStr(it->first);
            std::vector<std::string> ids;
            yml::Node list = it->second;
            if (!list.IsSequence()) y.fail(list, "role '" + role + "' must be a list of ids, e.g. [who5, inspire_o]");
            for (const auto& idNode : list) {
                std::string id = y.asStr(idNode);
                if (!ids_.count(id)) {
                    std::vector<std::string> known(ids_.begin(), ids_.end());
                    std::string near = nearest(id, known);
                    y.fail(idNode, "role '" + role + "' names unknown id '" + id + "'",
                           near.empty() ? "use a cohort, analysis or count id" : "did you mean '" + near + "'?");
                }
                ids.push_back(id);
            }
            p.roles.emplace_back(role, std::move(ids));
        }
    }
    return p;
}

}  // namespace project
