#include "project/Project.hpp"

#include <algorithm>
#include <set>

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

namespace {

Where parseWhere(const YamlFile& y, const YAML::Node& n) {
    Where w;
    w.where = y.at(n);
    y.requireMap(n, "'where'");
    for (auto it = n.begin(); it != n.end(); ++it)
        w.equals.emplace_back(y.asStr(it->first), y.asStr(it->second));
    return w;
}

Rule parseRule(const YamlFile& y, const YAML::Node& n) {
    y.requireMap(n, "a rule");
    if (n.size() != 1) y.fail(n, "a rule has exactly one key, e.g. '- min_measurements: 2'");
    auto it = n.begin();
    std::string key = y.asStr(it->first);
    YAML::Node v = it->second;
    Rule r;
    r.where = y.at(it->first);
    if (key == "first_where") {
        r.kind = Rule::Kind::FirstWhere;
        r.filter = parseWhere(y, v);
    } else if (key == "min_measurements") {
        r.kind = Rule::Kind::MinMeasurements;
        r.value = static_cast<long>(y.asNum(v));
    } else if (key == "min_gap_months") {
        r.kind = Rule::Kind::MinGapMonths;
        r.value = static_cast<long>(y.asNum(v));
    } else if (key == "events_before_first" || key == "events_between") {
        r.kind = key == "events_between" ? Rule::Kind::EventsBetween : Rule::Kind::EventsBeforeFirst;
        y.requireMap(v, "'" + key + "'");
        y.allowKeys(v, {"table", "where", "min", "max"});
        r.table = y.reqStr(v, "table");
        if (v["where"]) r.filter = parseWhere(y, v["where"]);
        if (auto m = y.optNum(v, "min")) r.min = static_cast<long>(*m);
        if (auto m = y.optNum(v, "max")) r.max = static_cast<long>(*m);
        if (!r.min && !r.max) y.fail(v, "'" + key + "' needs 'min' or 'max'");
    } else {
        y.fail(it->first, "unknown rule '" + key + "'",
               "use first_where, min_measurements, min_gap_months, events_before_first or events_between");
    }
    return r;
}

std::vector<Rule> parseRules(const YamlFile& y, const YAML::Node& n) {
    std::vector<Rule> rules;
    if (!n) return rules;
    if (!n.IsSequence()) y.fail(n, "rules must be a list ('- rule: …' lines)");
    for (const auto& r : n) rules.push_back(parseRule(y, r));
    return rules;
}

void parseInstruments(const YamlFile& y, const YAML::Node& n, Project& p) {
    y.requireMap(n, "'instruments'");
    for (auto it = n.begin(); it != n.end(); ++it) {
        Instrument ins;
        ins.id = y.asStr(it->first);
        ins.where = y.at(it->first);
        YAML::Node d = it->second;
        y.requireMap(d, "instrument '" + ins.id + "'");
        y.allowKeys(d, {"label", "table", "items", "item_offset", "aggregate", "multiply", "max_missing_items", "range",
                        "bands", "norm", "norm_source"});
        ins.label = y.str(d, "label", ins.id);
        ins.table = y.reqStr(d, "table");
        const TableSpec* t = p.table(ins.table);
        if (!t) y.fail(d["table"], "unknown table '" + ins.table + "'");
        ins.items = y.strList(d, "items");
        if (ins.items.empty()) y.fail(d, "instrument '" + ins.id + "' has no 'items'");
        for (size_t i = 0; i < ins.items.size(); ++i) {
            const ColumnSpec* c = t->column(ins.items[i]);
            if (!c) y.fail(d["items"][i], "item '" + ins.items[i] + "' is not a column of table '" + ins.table + "'");
            if (c->type != ColumnType::Integer && c->type != ColumnType::Decimal && c->type != ColumnType::Category)
                y.fail(d["items"][i], "item '" + ins.items[i] + "' must be a numeric or scale column");
        }
        ins.itemOffset = y.num(d, "item_offset", 0);
        ins.aggregate = y.str(d, "aggregate", "sum");
        if (ins.aggregate != "sum" && ins.aggregate != "mean") y.fail(d["aggregate"], "aggregate must be sum or mean");
        ins.multiply = y.num(d, "multiply", 1);
        ins.maxMissingItems = static_cast<int>(y.num(d, "max_missing_items", 0));
        if (ins.aggregate == "sum" && ins.maxMissingItems > 0)
            y.fail(d["max_missing_items"], "a sum score cannot allow missing items", "use aggregate: mean, or set 0");
        if (YAML::Node r = d["range"]) {
            if (!r.IsSequence() || r.size() != 2) y.fail(r, "range must be [min, max]");
            ins.scoreMin = y.asNum(r[0]);
            ins.scoreMax = y.asNum(r[1]);
        }
        if (YAML::Node b = d["bands"]) {
            if (!b.IsSequence()) y.fail(b, "bands must be a list of {max, label}");
            for (const auto& bn : b) {
                y.allowKeys(bn, {"max", "label"});
                Band band;
                band.max = y.optNum(bn, "max");
                band.label = y.reqStr(bn, "label");
                ins.bands.push_back(band);
            }
        }
        ins.norm = y.optNum(d, "norm");
        ins.normSource = y.str(d, "norm_source");
        p.instruments.push_back(std::move(ins));
    }
}

void checkRuleTables(const YamlFile& y, const YAML::Node& node, const std::vector<Rule>& rules, const Project& p,
                     const TableSpec* measurements) {
    for (const auto& r : rules) {
        const TableSpec* t = measurements;
        if (r.kind == Rule::Kind::EventsBeforeFirst || r.kind == Rule::Kind::EventsBetween) {
            t = p.table(r.table);
            if (!t) throw core::Error(r.where, "unknown table '" + r.table + "'");
            if (t->subjectColumn.empty() || t->dateColumn.empty())
                throw core::Error(r.where, "table '" + r.table + "' needs 'subject' and 'date' to be used in a rule");
        }
        for (const auto& [col, val] : r.filter.equals)
            if (!t->column(col)) throw core::Error(r.filter.where, "'" + col + "' is not a column of table '" + t->name + "'");
    }
    (void)y;
    (void)node;
}

void parseCohorts(const YamlFile& y, const YAML::Node& n, Project& p) {
    y.requireMap(n, "'cohorts'");
    for (auto it = n.begin(); it != n.end(); ++it) {
        Cohort c;
        c.id = y.asStr(it->first);
        c.where = y.at(it->first);
        YAML::Node d = it->second;
        y.requireMap(d, "cohort '" + c.id + "'");
        y.allowKeys(d, {"label", "measurements", "steps"});
        c.label = y.str(d, "label", c.id);
        c.measurementTable = y.reqStr(d, "measurements");
        const TableSpec* mt = p.table(c.measurementTable);
        if (!mt) y.fail(d["measurements"], "unknown table '" + c.measurementTable + "'");
        if (mt->subjectColumn.empty() || mt->dateColumn.empty())
            y.fail(d["measurements"], "table '" + c.measurementTable + "' needs 'subject' and 'date'",
                   "add 'subject: borger_id' and 'date: dato' to the table");
        YAML::Node steps = d["steps"];
        if (!steps || !steps.IsSequence()) y.fail(d, "cohort '" + c.id + "' needs 'steps' (a list)");
        for (const auto& s : steps) {
            y.requireMap(s, "a cohort step");
            y.allowKeys(s, {"label", "excluded_label", "rules"});
            CohortStep st;
            st.label = y.reqStr(s, "label");
            st.excludedLabel = y.str(s, "excluded_label", "Ekskluderet");
            st.rules = parseRules(y, s["rules"]);
            checkRuleTables(y, s, st.rules, p, mt);
            c.steps.push_back(std::move(st));
        }
        p.cohorts.push_back(std::move(c));
    }
}

void parseAnalyses(const YamlFile& y, const YAML::Node& n, Project& p) {
    y.requireMap(n, "'analyses'");
    for (auto it = n.begin(); it != n.end(); ++it) {
        Analysis a;
        a.id = y.asStr(it->first);
        a.where = y.at(it->first);
        YAML::Node d = it->second;
        y.requireMap(d, "analysis '" + a.id + "'");
        y.allowKeys(d, {"label", "kind", "instrument", "cohort", "require", "threshold"});
        a.kind = y.str(d, "kind", "paired");
        if (a.kind != "paired") y.fail(d["kind"], "unknown analysis kind '" + a.kind + "'", "use 'paired'");
        a.instrument = y.reqStr(d, "instrument");
        if (!p.instrument(a.instrument)) y.fail(d["instrument"], "unknown instrument '" + a.instrument + "'");
        a.label = y.str(d, "label", p.instrument(a.instrument)->label);
        a.cohort = y.reqStr(d, "cohort");
        const Cohort* c = p.cohort(a.cohort);
        if (!c) y.fail(d["cohort"], "unknown cohort '" + a.cohort + "'");
        a.require = parseRules(y, d["require"]);
        checkRuleTables(y, d, a.require, p, p.table(c->measurementTable));
        a.threshold = y.num(d, "threshold", 10);
        if (a.threshold <= 0) y.fail(d["threshold"], "threshold must be positive");
        if (p.instrument(a.instrument)->table != c->measurementTable)
            y.fail(d["instrument"], "instrument '" + a.instrument + "' is scored from table '" +
                                        p.instrument(a.instrument)->table + "', but cohort '" + a.cohort +
                                        "' measures in '" + c->measurementTable + "'");
        p.analyses.push_back(std::move(a));
    }
}

void parseCounts(const YamlFile& y, const YAML::Node& n, Project& p) {
    y.requireMap(n, "'counts'");
    for (auto it = n.begin(); it != n.end(); ++it) {
        CountSpec c;
        c.id = y.asStr(it->first);
        c.where = y.at(it->first);
        YAML::Node d = it->second;
        y.requireMap(d, "count '" + c.id + "'");
        y.allowKeys(d, {"label", "table", "column", "where", "missing_label"});
        c.label = y.str(d, "label", c.id);
        c.table = y.reqStr(d, "table");
        const TableSpec* t = p.table(c.table);
        if (!t) y.fail(d["table"], "unknown table '" + c.table + "'");
        c.column = y.reqStr(d, "column");
        if (!t->column(c.column)) y.fail(d["column"], "'" + c.column + "' is not a column of table '" + c.table + "'");
        if (d["where"]) {
            c.filter = parseWhere(y, d["where"]);
            for (const auto& [col, val] : c.filter.equals)
                if (!t->column(col)) y.fail(d["where"], "'" + col + "' is not a column of table '" + c.table + "'");
        }
        c.missingLabel = y.str(d, "missing_label");
        p.counts.push_back(std::move(c));
    }
}

}  // namespace

Project loadProject(const std::string& path) {
    YamlFile y(path);
    const YAML::Node& root = y.root();
    Project p;
    p.file = path;
    auto slash = path.rfind('/');
    p.dir = slash == std::string::npos ? "." : path.substr(0, slash);
    y.allowKeys(root, {"project", "subjects", "scales", "tables", "instruments", "cohorts", "analyses", "counts", "privacy",
                       "report"});

    YAML::Node meta = root["project"];
    if (!meta) y.fail(root, "missing 'project:' section", "add project: {id, title, municipalities}");
    y.requireMap(meta, "'project'");
    y.allowKeys(meta, {"id", "title", "organisation", "intervention", "period", "municipalities"});
    p.id = y.reqStr(meta, "id");
    p.title = y.reqStr(meta, "title");
    p.organisation = y.str(meta, "organisation");
    p.intervention = y.str(meta, "intervention", p.title);
    p.municipalities = y.strList(meta, "municipalities");
    if (YAML::Node per = meta["period"]) {
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

    if (YAML::Node s = root["scales"]) parseScales(y, s, p);
    YAML::Node tables = root["tables"];
    if (!tables) y.fail(root, "missing 'tables:' section", "declare at least one data table");
    parseTables(y, tables, p);

    YAML::Node subj = root["subjects"];
    if (!subj) y.fail(root, "missing 'subjects:' section", "name the citizen table: subjects: {table: borgere, id: borger_id}");
    y.requireMap(subj, "'subjects'");
    y.allowKeys(subj, {"table", "id", "municipality"});
    p.subjectTable = y.reqStr(subj, "table");
    const TableSpec* st = p.table(p.subjectTable);
    if (!st) y.fail(subj["table"], "unknown table '" + p.subjectTable + "'");
    p.subjectId = y.reqStr(subj, "id");
    if (!st->column(p.subjectId)) y.fail(subj["id"], "'" + p.subjectId + "' is not a column of '" + p.subjectTable + "'");
    p.municipalityColumn = y.str(subj, "municipality");
    if (!p.municipalityColumn.empty() && !st->column(p.municipalityColumn))
        y.fail(subj["municipality"], "'" + p.municipalityColumn + "' is not a column of '" + p.subjectTable + "'");

    if (YAML::Node n = root["instruments"]) parseInstruments(y, n, p);
    if (YAML::Node n = root["cohorts"]) parseCohorts(y, n, p);
    if (YAML::Node n = root["analyses"]) parseAnalyses(y, n, p);
    if (YAML::Node n = root["counts"]) parseCounts(y, n, p);

    if (YAML::Node pr = root["privacy"]) {
        y.requireMap(pr, "'privacy'");
        y.allowKeys(pr, {"min_cell", "suppress", "no_suppression_reason", "small_n"});
        p.privacy.minCell = static_cast<int>(y.num(pr, "min_cell", 5));
        p.privacy.suppress = y.flag(pr, "suppress", true);
        p.privacy.noSuppressionReason = y.str(pr, "no_suppression_reason");
        p.privacy.smallN = static_cast<int>(y.num(pr, "small_n", 30));
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

    if (YAML::Node rep = root["report"]) {
        y.requireMap(rep, "'report'");
        for (auto it = rep.begin(); it != rep.end(); ++it) {
            std::string role = y.asStr(it->first);
            std::vector<std::string> ids;
            YAML::Node list = it->second;
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
