#pragma once
// project.yaml, typed: the tables and their schema, scales, instruments, cohorts and analyses.
// Ingest reads the table specs; stats reads the instruments, cohorts and analyses.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/Date.hpp"
#include "core/Error.hpp"
#include "project/Analyses.hpp"
#include "project/Economics.hpp"

namespace project {

enum class ColumnType { Id, Text, Integer, Decimal, Date, Category };
const char* columnTypeName(ColumnType);

struct ScaleLevel {
    double code = 0;
    std::string label;
    bool missing = false;  // "Ved ikke", "Ikke relevant": a valid answer that is not counted
};

struct Scale {
    std::string id;
    std::vector<ScaleLevel> levels;  // in scale order
    core::Location where;
    const ScaleLevel* byCode(double code) const;
};

struct ColumnSpec {
    std::string name;
    ColumnType type = ColumnType::Text;
    bool required = true;
    std::string scale;                 // category: scale id (codes and labels), or
    std::vector<std::string> values;   // category: allowed plain labels
    std::optional<double> min, max;    // integer/decimal range
    bool withinPeriod = true;          // date: must lie in project.period (within_period: false to opt out)
    core::Location where;
};

struct ForeignKey {
    std::string column;
    std::string refTable, refColumn;
    core::Location where;
};

// A database named under `connections:`; tables read from it with `connection:` and `query:`.
// Passwords never appear in project.yaml: `password_env` names the environment variable.
struct Connection {
    std::string name;
    std::string kind;            // sqlite | postgresql
    std::string path;            // sqlite: resolved path inside the project directory
    std::string host = "localhost", dbname, user, passwordEnv;
    int port = 5432;
    core::Location where;
};

// not_before: a date column must not lie before another date, in the same row
// (`other: startdato`) or in the row the foreign key points to (`other: borgere.startdato`).
struct DateOrder {
    std::string column;
    std::string otherTable;      // empty = same row
    std::string otherColumn;
    std::string via;             // foreign-key column joining to otherTable
    core::Location where;
};

enum class SourceFormat { Csv, Xlsx, Json, Sql };

struct TableSpec {
    std::string name;
    std::string source;          // path or glob relative to the project directory
    std::string sourcePath;      // resolved path (or glob pattern)
    SourceFormat format = SourceFormat::Csv;
    bool isGlob = false;         // source has * ? or [: several files of the same shape
    std::string encoding = "auto";  // CSV: utf-8 | windows-1252 | auto
    std::string sheet;           // XLSX: sheet name; empty = the first sheet
    std::string connection, query;  // SQL source
    std::vector<DateOrder> notBefore;
    std::string decimalSeparator = "auto";  // "comma", "point" or "auto" (from the delimiter)
    std::vector<ColumnSpec> columns;
    std::string primaryKey;
    std::vector<ForeignKey> foreignKeys;
    std::string subjectColumn;   // column holding the citizen id, if the table is per citizen
    std::string dateColumn;      // the row's date (questionnaire date, meeting date)
    // A table that is not per citizen but per municipality (staff fidelity answers, referrals):
    // the column naming the row's municipality, so a municipality's report reads only its rows.
    // Declared with `municipality:`, or found by the name of the subjects' municipality column.
    std::string municipalityColumn;
    core::Location where;
    const ColumnSpec* column(const std::string& n) const;
};

struct Privacy {
    int minCell = 5;            // small-cell suppression threshold k
    bool suppress = true;
    bool allCounts = false;     // suppress small counts everywhere, not only in breakdowns
    std::string noSuppressionReason;
    int smallN = 30;            // analyses below this n carry a caveat
};

struct Project {
    std::string file;           // project.yaml path as given
    std::string dir;            // its directory
    std::string id, title, organisation, intervention;
    std::optional<core::Days> periodFrom, periodTo;
    std::vector<std::string> municipalities;
    std::string subjectTable, subjectId, municipalityColumn;
    std::string subjectStart, subjectEnd;  // optional date columns: course start and end
    std::map<std::string, Scale> scales;
    std::vector<Connection> connections;
    std::vector<TableSpec> tables;
    std::vector<Instrument> instruments;
    std::vector<Cohort> cohorts;
    std::vector<Phase> phases;
    std::vector<Analysis> analyses;
    std::vector<CountSpec> counts;
    std::vector<EconomicsSpec> economics;  // costs and business cases (docs/ECONOMICS.md)
    Privacy privacy;
    // Roles let shared templates find project-specific stats: outcomes: [who5, inspire_o].
    std::vector<std::pair<std::string, std::vector<std::string>>> roles;
    const std::vector<std::string>* role(const std::string& n) const;

    const TableSpec* table(const std::string& n) const;
    const Connection* connection(const std::string& n) const;
    const Instrument* instrument(const std::string& n) const;
    const Cohort* cohort(const std::string& n) const;
    const Scale* scale(const std::string& n) const;
};

// Parses and checks project.yaml; every problem is a core::Error at file:line:column.
Project loadProject(const std::string& path);

// The directory of a project file ("." for a bare name): Project::dir, known before parsing.
std::string directoryOf(const std::string& projectFile);

}  // namespace project
