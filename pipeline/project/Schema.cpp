#include <algorithm>
#include <set>

#include "project/Project.hpp"
#include "project/Schema.hpp"
#include "project/Yaml.hpp"

// The data schema part of project.yaml: tables, their sources and columns, keys and scales.
namespace project {

namespace {

// A file reference must stay inside the project directory (no absolute paths, no "..").
std::string resolveInside(const YamlFile& y, const YAML::Node& n, const std::string& dir, const std::string& rel) {
    if (rel.empty()) y.fail(n, "empty file path");
    if (rel[0] == '/')
        y.fail(n, "absolute path '" + rel + "' is not allowed",
               "give the path relative to the project directory, e.g. data/borgere.csv");
    int depth = 0;
    size_t start = 0;
    while (start <= rel.size()) {
        size_t slash = rel.find('/', start);
        std::string part = rel.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (part == "..") {
            if (--depth < 0)
                y.fail(n, "path '" + rel + "' leaves the project directory",
                       "keep data files inside the project directory");
        } else if (!part.empty() && part != ".") {
            ++depth;
        }
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    return dir.empty() ? rel : dir + "/" + rel;
}

ColumnType parseType(const YamlFile& y, const YAML::Node& n) {
    std::string t = y.asStr(n);
    static const std::vector<std::pair<std::string, ColumnType>> types = {
        {"id", ColumnType::Id},           {"text", ColumnType::Text}, {"integer", ColumnType::Integer},
        {"decimal", ColumnType::Decimal}, {"date", ColumnType::Date}, {"category", ColumnType::Category}};
    for (const auto& [name, type] : types)
        if (name == t) return type;
    y.fail(n, "unknown column type '" + t + "'", "use one of id, text, integer, decimal, date, category");
}

}  // namespace

void parseTables(const YamlFile& y, const YAML::Node& tables, Project& p) {
    y.requireMap(tables, "'tables'");
    for (auto it = tables.begin(); it != tables.end(); ++it) {
        TableSpec t;
        t.name = y.asStr(it->first);
        t.where = y.at(it->first);
        YAML::Node n = it->second;
        y.requireMap(n, "table '" + t.name + "'");
        y.allowKeys(n, {"source", "decimal_separator", "columns", "primary_key", "foreign_keys", "subject", "date"});
        YAML::Node src = n["source"];
        if (!src) y.fail(n, "table '" + t.name + "' has no 'source'", "add 'source: data/" + t.name + ".csv'");
        t.source = y.asStr(src);
        t.sourcePath = resolveInside(y, src, p.dir, t.source);
        t.decimalSeparator = y.str(n, "decimal_separator", "auto");
        if (t.decimalSeparator != "auto" && t.decimalSeparator != "comma" && t.decimalSeparator != "point")
            y.fail(n["decimal_separator"], "decimal_separator must be auto, comma or point");
        YAML::Node cols = n["columns"];
        if (!cols || !cols.IsMap() || cols.size() == 0)
            y.fail(cols ? cols : n, "table '" + t.name + "' needs 'columns' (name: type lines)");
        for (auto c = cols.begin(); c != cols.end(); ++c) {
            ColumnSpec cs;
            cs.name = y.asStr(c->first);
            cs.where = y.at(c->first);
            if (t.column(cs.name)) y.fail(c->first, "column '" + cs.name + "' is declared twice");
            YAML::Node cn = c->second;
            if (cn.IsScalar()) {
                cs.type = parseType(y, cn);
            } else {
                y.requireMap(cn, "column '" + cs.name + "'");
                y.allowKeys(cn, {"type", "required", "scale", "values", "range"});
                if (!cn["type"]) y.fail(cn, "column '" + cs.name + "' has no 'type'");
                cs.type = parseType(y, cn["type"]);
                cs.required = y.flag(cn, "required", true);
                cs.scale = y.str(cn, "scale");
                cs.values = y.strList(cn, "values");
                if (YAML::Node r = cn["range"]) {
                    if (!r.IsSequence() || r.size() != 2) y.fail(r, "range must be [min, max]");
                    cs.min = y.asNum(r[0]);
                    cs.max = y.asNum(r[1]);
                    if (*cs.min > *cs.max) y.fail(r, "range minimum is above its maximum");
                }
                if (!cs.scale.empty()) {
                    if (cs.type != ColumnType::Category) y.fail(cn["scale"], "only category columns can have a scale");
                    if (!p.scale(cs.scale)) y.fail(cn["scale"], "unknown scale '" + cs.scale + "'", "declare it under 'scales:'");
                }
            }
            t.columns.push_back(std::move(cs));
        }
        auto needColumn = [&](const YAML::Node& node, const std::string& col, const char* what) {
            if (!t.column(col))
                y.fail(node, std::string(what) + " '" + col + "' is not a column of table '" + t.name + "'");
        };
        if (YAML::Node pk = n["primary_key"]) {
            t.primaryKey = y.asStr(pk);
            needColumn(pk, t.primaryKey, "primary key");
        }
        if (YAML::Node s = n["subject"]) {
            t.subjectColumn = y.asStr(s);
            needColumn(s, t.subjectColumn, "subject column");
        }
        if (YAML::Node d = n["date"]) {
            t.dateColumn = y.asStr(d);
            needColumn(d, t.dateColumn, "date column");
            if (t.column(t.dateColumn)->type != ColumnType::Date) y.fail(d, "date column '" + t.dateColumn + "' is not of type date");
        }
        if (YAML::Node fks = n["foreign_keys"]) {
            y.requireMap(fks, "'foreign_keys'");
            for (auto f = fks.begin(); f != fks.end(); ++f) {
                ForeignKey fk;
                fk.column = y.asStr(f->first);
                fk.where = y.at(f->first);
                needColumn(f->first, fk.column, "foreign key");
                std::string ref = y.asStr(f->second);
                auto dot = ref.find('.');
                if (dot == std::string::npos) y.fail(f->second, "foreign key must name table.column, e.g. borgere.borger_id");
                fk.refTable = ref.substr(0, dot);
                fk.refColumn = ref.substr(dot + 1);
                t.foreignKeys.push_back(fk);
            }
        }
        if (p.table(t.name)) y.fail(it->first, "table '" + t.name + "' is declared twice");
        p.tables.push_back(std::move(t));
    }
    // Foreign keys may point forward, so check them once all tables are known.
    for (const auto& t : p.tables)
        for (const auto& fk : t.foreignKeys) {
            const TableSpec* rt = p.table(fk.refTable);
            if (!rt) throw core::Error(fk.where, "foreign key refers to unknown table '" + fk.refTable + "'");
            if (!rt->column(fk.refColumn))
                throw core::Error(fk.where, "foreign key refers to unknown column '" + fk.refTable + "." + fk.refColumn + "'");
        }
}

void parseScales(const YamlFile& y, const YAML::Node& scales, Project& p) {
    y.requireMap(scales, "'scales'");
    for (auto it = scales.begin(); it != scales.end(); ++it) {
        Scale s;
        s.id = y.asStr(it->first);
        s.where = y.at(it->first);
        YAML::Node levels = it->second;
        if (!levels.IsSequence() || levels.size() == 0)
            y.fail(levels, "scale '" + s.id + "' must be a list of levels, e.g. - {code: 1, label: Helt uenig}");
        std::set<double> codes;
        for (const auto& l : levels) {
            y.requireMap(l, "a scale level");
            y.allowKeys(l, {"code", "label", "missing"});
            ScaleLevel lv;
            if (!l["code"]) y.fail(l, "scale level has no 'code'");
            lv.code = y.asNum(l["code"]);
            lv.label = y.reqStr(l, "label");
            lv.missing = y.flag(l, "missing", false);
            if (!codes.insert(lv.code).second) y.fail(l["code"], "code appears twice in scale '" + s.id + "'");
            s.levels.push_back(lv);
        }
        p.scales[s.id] = std::move(s);
    }
}

}  // namespace project
