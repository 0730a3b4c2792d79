#include <algorithm>
#include <set>

#include "project/Project.hpp"
#include "project/Schema.hpp"
#include "project/Yaml.hpp"

// The data schema part of project.yaml: tables, their sources and columns, keys and scales.
namespace project {

namespace {

// A file reference must stay inside the project directory (no absolute paths, no "..").
std::string resolveInside(const YamlFile& y, const yml::Node& n, const std::string& dir, const std::string& rel) {
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
    // A project in the current directory names its files as written (data/x.csv, not ./data/x.csv).
    return dir.empty() || dir == "." ? rel : dir + "/" + rel;
}

ColumnType parseType(const YamlFile& y, const yml::Node& n) {
    std::string t = y.asStr(n);
    static const std::vector<std::pair<std::string, ColumnType>> types = {
        {"id", ColumnType::Id},           {"text", ColumnType::Text}, {"integer", ColumnType::Integer},
        {"decimal", ColumnType::Decimal}, {"date", ColumnType::Date}, {"category", ColumnType::Category}};
    for (const auto& [name, type] : types)
        if (name == t) return type;
    y.fail(n, "unknown column type '" + t + "'", "use one of id, text, integer, decimal, date, category");
}

std::string lowerAscii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// The format of a file source: the 'format' key, else the file extension.
SourceFormat sourceFormat(const YamlFile& y, const yml::Node& n, const std::string& source) {
    if (yml::Node f = n["format"]) {
        std::string v = y.asStr(f);
        if (v == "csv") return SourceFormat::Csv;
        if (v == "xlsx") return SourceFormat::Xlsx;
        if (v == "json") return SourceFormat::Json;
        y.fail(f, "unknown format '" + v + "'", "use csv, xlsx or json (databases use 'connection' and 'query')");
    }
    std::string base = source.substr(source.rfind('/') == std::string::npos ? 0 : source.rfind('/') + 1);
    auto dot = base.rfind('.');
    std::string ext = dot == std::string::npos ? "" : lowerAscii(base.substr(dot + 1));
    if (ext == "csv" || ext == "tsv" || ext == "txt") return SourceFormat::Csv;
    if (ext == "xlsx" || ext == "xlsm") return SourceFormat::Xlsx;
    if (ext == "json") return SourceFormat::Json;
    if (ext == "xls")
        y.fail(n["source"], "old Excel workbooks (.xls) cannot be read", "save the workbook as .xlsx or export it as CSV");
    y.fail(n["source"], "cannot tell the format of '" + source + "' from its name",
           "add 'format: csv', 'format: xlsx' or 'format: json' to the table");
}

// not_before: one rule or a list of rules {column, other, via}.
void parseNotBefore(const YamlFile& y, const yml::Node& n, TableSpec& t) {
    auto one = [&](const yml::Node& r) {
        y.requireMap(r, "a not_before rule");
        y.allowKeys(r, {"column", "other", "via"});
        DateOrder d;
        d.where = y.at(r);
        d.column = y.reqStr(r, "column");
        const ColumnSpec* c = t.column(d.column);
        if (!c) y.fail(r["column"], "'" + d.column + "' is not a column of table '" + t.name + "'");
        if (c->type != ColumnType::Date) y.fail(r["column"], "not_before needs a date column; '" + d.column + "' is not of type date");
        std::string other = y.reqStr(r, "other");
        auto dot = other.find('.');
        if (dot == std::string::npos) {
            d.otherColumn = other;
            const ColumnSpec* o = t.column(other);
            if (!o) y.fail(r["other"], "'" + other + "' is not a column of table '" + t.name + "'",
                           "name a date column of this table, or table.column of another table");
            if (o->type != ColumnType::Date) y.fail(r["other"], "'" + other + "' is not of type date");
        } else {
            d.otherTable = other.substr(0, dot);
            d.otherColumn = other.substr(dot + 1);
        }
        d.via = y.str(r, "via");
        t.notBefore.push_back(d);
    };
    if (n.IsSequence())
        for (const auto& r : n) one(r);
    else
        one(n);
}

// Joined not_before rules may name tables declared later, so they are checked at the end.
void checkNotBefore(const Project& p, TableSpec& t) {
    for (auto& d : t.notBefore) {
        if (d.otherTable.empty()) continue;
        const TableSpec* o = p.table(d.otherTable);
        if (!o) throw core::Error(d.where, "not_before refers to unknown table '" + d.otherTable + "'");
        const ColumnSpec* oc = o->column(d.otherColumn);
        if (!oc) throw core::Error(d.where, "not_before refers to unknown column '" + d.otherTable + "." + d.otherColumn + "'");
        if (oc->type != ColumnType::Date) throw core::Error(d.where, "'" + d.otherTable + "." + d.otherColumn + "' is not of type date");
        std::vector<const ForeignKey*> fks;
        for (const auto& fk : t.foreignKeys)
            if (fk.refTable == d.otherTable && (d.via.empty() || fk.column == d.via)) fks.push_back(&fk);
        if (fks.empty())
            throw core::Error(d.where, "table '" + t.name + "' has no foreign key to '" + d.otherTable + "'" +
                                           (d.via.empty() ? "" : " in column '" + d.via + "'"),
                              "add one under foreign_keys, e.g. borger_id: " + d.otherTable + "." +
                                  (o->primaryKey.empty() ? "id" : o->primaryKey));
        if (fks.size() > 1)
            throw core::Error(d.where, "table '" + t.name + "' has several foreign keys to '" + d.otherTable + "'",
                              "say which one with 'via: <column>'");
        if (fks[0]->refColumn != o->primaryKey)
            throw core::Error(d.where, "the foreign key '" + fks[0]->column + "' must point at the primary key of '" + d.otherTable + "'",
                              "declare 'primary_key: " + fks[0]->refColumn + "' for table '" + d.otherTable + "'");
        d.via = fks[0]->column;
    }
}

}  // namespace

void parseTables(const YamlFile& y, const yml::Node& tables, Project& p) {
    y.requireMap(tables, "'tables'");
    for (auto it = tables.begin(); it != tables.end(); ++it) {
        TableSpec t;
        t.name = y.asStr(it->first);
        t.where = y.at(it->first);
        yml::Node n = it->second;
        y.requireMap(n, "table '" + t.name + "'");
        y.allowKeys(n, {"source", "format", "encoding", "sheet", "connection", "query", "decimal_separator", "columns",
                        "primary_key", "foreign_keys", "subject", "date", "not_before", "municipality"});
        yml::Node src = n["source"];
        if (yml::Node q = n["query"]) {
            if (src) y.fail(src, "table '" + t.name + "' has both 'source' and 'query'", "keep one of them");
            t.format = SourceFormat::Sql;
            t.query = y.asStr(q);
            if (t.query.empty()) y.fail(q, "empty query");
            yml::Node c = n["connection"];
            if (!c) y.fail(q, "a query needs a 'connection'", "name one of the connections declared under 'connections:'");
            t.connection = y.asStr(c);
            if (!p.connection(t.connection)) {
                std::vector<std::string> names;
                for (const auto& k : p.connections) names.push_back(k.name);
                std::string near = nearest(t.connection, names);
                y.fail(c, "unknown connection '" + t.connection + "'",
                       near.empty() ? "declare it under 'connections:'" : "did you mean '" + near + "'?");
            }
            if (n["format"]) y.fail(n["format"], "'format' is for files; a query reads from its connection");
        } else {
            if (n["connection"]) y.fail(n["connection"], "'connection' needs a 'query'", "add query: SELECT … FROM …");
            if (!src) y.fail(n, "table '" + t.name + "' has no 'source'", "add 'source: data/" + t.name + ".csv'");
            t.source = y.asStr(src);
            t.sourcePath = resolveInside(y, src, p.dir, t.source);
            t.isGlob = t.source.find_first_of("*?[") != std::string::npos;
            t.format = sourceFormat(y, n, t.source);
        }
        if (yml::Node e = n["encoding"]) {
            if (t.format != SourceFormat::Csv) y.fail(e, "'encoding' applies to CSV files only");
            t.encoding = lowerAscii(y.asStr(e));
            if (t.encoding == "utf8") t.encoding = "utf-8";
            if (t.encoding == "cp1252" || t.encoding == "windows1252") t.encoding = "windows-1252";
            if (t.encoding != "utf-8" && t.encoding != "windows-1252" && t.encoding != "auto")
                y.fail(e, "unknown encoding '" + y.asStr(e) + "'", "use utf-8, windows-1252 or auto");
        }
        if (yml::Node sh = n["sheet"]) {
            if (t.format != SourceFormat::Xlsx) y.fail(sh, "'sheet' applies to .xlsx workbooks only");
            t.sheet = y.asStr(sh);
        }
        t.decimalSeparator = y.str(n, "decimal_separator", "auto");
        if (t.decimalSeparator != "auto" && t.decimalSeparator != "comma" && t.decimalSeparator != "point")
            y.fail(n["decimal_separator"], "decimal_separator must be auto, comma or point");
        yml::Node cols = n["columns"];
        if (!cols || !cols.IsMap() || cols.size() == 0)
            y.fail(cols ? cols : n, "table '" + t.name + "' needs 'columns' (name: type lines)");
        for (auto c = cols.begin(); c != cols.end(); ++c) {
            ColumnSpec cs;
            cs.name = y.asStr(c->first);
            cs.where = y.at(c->first);
            if (t.column(cs.name)) y.fail(c->first, "column '" + cs.name + "' is declared twice");
            yml::Node cn = c->second;
            if (cn.IsScalar()) {
                cs.type = parseType(y, cn);
            } else {
                y.requireMap(cn, "column '" + cs.name + "'");
                y.allowKeys(cn, {"type", "required", "scale", "values", "range", "within_period"});
                if (!cn["type"]) y.fail(cn, "column '" + cs.name + "' has no 'type'");
                cs.type = parseType(y, cn["type"]);
                cs.required = y.flag(cn, "required", true);
                cs.withinPeriod = y.flag(cn, "within_period", true);
                cs.scale = y.str(cn, "scale");
                cs.values = y.strList(cn, "values");
                if (yml::Node r = cn["range"]) {
                    if (!r.IsSequence() || r.size() != 2) y.fail(r, "range must be [min, max]");
                    cs.min = y.asNum(r[0]);
                    cs.max = y.asNum(r[1]);
                    if (*cs.min > *cs.max) y.fail(r, "range minimum is above its maximum", "write the range as [minimum, maximum]");
                }
                if (!cs.scale.empty()) {
                    if (cs.type != ColumnType::Category) y.fail(cn["scale"], "only category columns can have a scale");
                    if (!p.scale(cs.scale)) y.fail(cn["scale"], "unknown scale '" + cs.scale + "'", "declare it under 'scales:'");
                }
            }
            t.columns.push_back(std::move(cs));
        }
        auto needColumn = [&](const yml::Node& node, const std::string& col, const char* what) {
            if (!t.column(col))
                y.fail(node, std::string(what) + " '" + col + "' is not a column of table '" + t.name + "'");
        };
        if (yml::Node pk = n["primary_key"]) {
            t.primaryKey = y.asStr(pk);
            needColumn(pk, t.primaryKey, "primary key");
        }
        if (yml::Node s = n["subject"]) {
            t.subjectColumn = y.asStr(s);
            needColumn(s, t.subjectColumn, "subject column");
        }
        if (yml::Node m = n["municipality"]) {
            t.municipalityColumn = y.asStr(m);
            needColumn(m, t.municipalityColumn, "municipality column");
            if (!t.subjectColumn.empty())
                y.fail(m, "table '" + t.name + "' is per citizen ('subject'), so its rows belong to the citizen's municipality",
                       "remove 'municipality' here");
        }
        if (yml::Node d = n["date"]) {
            t.dateColumn = y.asStr(d);
            needColumn(d, t.dateColumn, "date column");
            if (t.column(t.dateColumn)->type != ColumnType::Date) y.fail(d, "date column '" + t.dateColumn + "' is not of type date");
        }
        if (yml::Node fks = n["foreign_keys"]) {
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
        if (yml::Node nb = n["not_before"]) parseNotBefore(y, nb, t);
        if (p.table(t.name)) y.fail(it->first, "table '" + t.name + "' is declared twice");
        p.tables.push_back(std::move(t));
    }
    // Foreign keys may point forward, so check them once all tables are known.
    for (const auto& t : p.tables)
        for (const auto& fk : t.foreignKeys) {
            const TableSpec* rt = p.table(fk.refTable);
            if (!rt) throw core::Error(fk.where, "foreign key refers to unknown table '" + fk.refTable + "'",
                                       "declare the table under 'tables:', or correct the table name");
            if (!rt->column(fk.refColumn))
                throw core::Error(fk.where, "foreign key refers to unknown column '" + fk.refTable + "." + fk.refColumn + "'");
        }
    for (auto& t : p.tables) checkNotBefore(p, t);
}

const Connection* Project::connection(const std::string& n) const {
    for (const auto& c : connections)
        if (c.name == n) return &c;
    return nullptr;
}

void parseConnections(const YamlFile& y, const yml::Node& conns, Project& p) {
    y.requireMap(conns, "'connections'");
    for (auto it = conns.begin(); it != conns.end(); ++it) {
        Connection c;
        c.name = y.asStr(it->first);
        c.where = y.at(it->first);
        yml::Node n = it->second;
        y.requireMap(n, "connection '" + c.name + "'");
        if (n["password"])
            y.fail(n["password"], "a password must not be written in project.yaml",
                   "set it in an environment variable and name that with 'password_env: EVALREPORT_PG_PASSWORD'");
        c.kind = y.reqStr(n, "kind");
        if (c.kind == "sqlite") {
            y.allowKeys(n, {"kind", "path"});
            yml::Node path = n["path"];
            if (!path) y.fail(n, "connection '" + c.name + "' needs 'path'", "e.g. path: data/registrering.sqlite");
            c.path = resolveInside(y, path, p.dir, y.asStr(path));
        } else if (c.kind == "postgresql") {
            y.allowKeys(n, {"kind", "host", "port", "dbname", "user", "password_env"});
            c.host = y.str(n, "host", "localhost");
            double port = y.num(n, "port", 5432);
            if (port < 1 || port > 65535 || port != static_cast<int>(port)) y.fail(n["port"], "port must be a whole number from 1 to 65535");
            c.port = static_cast<int>(port);
            c.dbname = y.reqStr(n, "dbname");
            c.user = y.str(n, "user");
            c.passwordEnv = y.str(n, "password_env");
        } else {
            y.fail(n["kind"], "unknown connection kind '" + c.kind + "'", "use sqlite or postgresql");
        }
        if (p.connection(c.name)) y.fail(it->first, "connection '" + c.name + "' is declared twice");
        p.connections.push_back(std::move(c));
    }
}

void parseScales(const YamlFile& y, const yml::Node& scales, Project& p) {
    y.requireMap(scales, "'scales'");
    for (auto it = scales.begin(); it != scales.end(); ++it) {
        Scale s;
        s.id = y.asStr(it->first);
        s.where = y.at(it->first);
        yml::Node levels = it->second;
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

const TableSpec& requireTable(const YamlFile& y, const yml::Node& at, const Project& p, const std::string& name) {
    const TableSpec* t = p.table(name);
    if (!t) {
        std::vector<std::string> names;
        for (const auto& tt : p.tables) names.push_back(tt.name);
        std::string near = nearest(name, names);
        y.fail(at, "unknown table '" + name + "'", near.empty() ? "declare it under 'tables:'" : "did you mean '" + near + "'?");
    }
    return *t;
}

const ColumnSpec& requireColumn(const YamlFile& y, const yml::Node& at, const TableSpec& t, const std::string& column) {
    const ColumnSpec* c = t.column(column);
    if (!c) {
        std::vector<std::string> names;
        for (const auto& cc : t.columns) names.push_back(cc.name);
        std::string near = nearest(column, names);
        y.fail(at, "'" + column + "' is not a column of table '" + t.name + "'",
               near.empty() ? "check the column names under 'tables:'" : "did you mean '" + near + "'?");
    }
    return *c;
}

Where parseWhere(const YamlFile& y, const yml::Node& n) {
    Where w;
    w.where = y.at(n);
    y.requireMap(n, "'where'");
    for (auto it = n.begin(); it != n.end(); ++it) w.equals.emplace_back(y.asStr(it->first), y.asStr(it->second));
    return w;
}

}  // namespace project
