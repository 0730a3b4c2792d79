#pragma once
// project.yaml, typed: the tables and their schema, scales, instruments, cohorts and analyses.
// Ingest reads the table specs; stats reads the instruments, cohorts and analyses.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/Date.hpp"
#include "core/Error.hpp"

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
    core::Location where;
};

struct ForeignKey {
    std::string column;
    std::string refTable, refColumn;
    core::Location where;
};

struct TableSpec {
    std::string name;
    std::string source;          // path relative to the project directory
    std::string sourcePath;      // resolved path
    std::string decimalSeparator = "auto";  // "comma", "point" or "auto" (from the delimiter)
    std::vector<ColumnSpec> columns;
    std::string primaryKey;
    std::vector<ForeignKey> foreignKeys;
    std::string subjectColumn;   // column holding the citizen id, if the table is per citizen
    std::string dateColumn;      // the row's date (questionnaire date, meeting date)
    core::Location where;
    const ColumnSpec* column(const std::string& n) const;
};

struct Band {
    std::optional<double> max;  // inclusive upper bound; none = the rest
    std::string label;
};

// Declarative scoring: score = aggregate(item + itemOffset) * multiply, over answered items.
struct Instrument {
    std::string id, label;
    std::string table;
    std::vector<std::string> items;
    double itemOffset = 0;
    std::string aggregate = "sum";  // sum | mean
    double multiply = 1;
    int maxMissingItems = 0;        // no score if more items than this are missing
    double scoreMin = 0, scoreMax = 100;
    std::vector<Band> bands;
    std::optional<double> norm;     // population norm, for text
    std::string normSource;
    core::Location where;
};

// Equality filter on a table's columns: {type: Koordinatormøde}.
struct Where {
    std::vector<std::pair<std::string, std::string>> equals;
    core::Location where;
};

struct Rule {
    enum class Kind { FirstWhere, MinMeasurements, MinGapMonths, EventsBeforeFirst, EventsBetween };
    Kind kind = Kind::MinMeasurements;
    Where filter;            // FirstWhere: on the measurement; Events*: on the event table
    std::string table;       // Events*: event table
    std::optional<long> min, max;
    long value = 0;          // MinMeasurements, MinGapMonths
    core::Location where;
};

struct CohortStep {
    std::string label;          // who passes
    std::string excludedLabel;  // why the others were excluded
    std::vector<Rule> rules;
};

struct Cohort {
    std::string id, label;
    std::string measurementTable;  // one row per measurement (questionnaire), with subject and date
    std::vector<CohortStep> steps;
    core::Location where;
};

struct Analysis {
    std::string id, label;
    std::string kind = "paired";
    std::string instrument;
    std::string cohort;
    std::vector<Rule> require;  // extra rules on top of the cohort (e.g. the support subsample)
    double threshold = 10;      // change categories: >= +t improved, <= -t worsened
    core::Location where;
};

struct CountSpec {
    std::string id, label;
    std::string table, column;
    Where filter;
    std::string missingLabel;   // label for blanks; empty = blanks are not shown as a category
    core::Location where;
};

struct Privacy {
    int minCell = 5;            // small-cell suppression threshold k
    bool suppress = true;
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
    std::map<std::string, Scale> scales;
    std::vector<TableSpec> tables;
    std::vector<Instrument> instruments;
    std::vector<Cohort> cohorts;
    std::vector<Analysis> analyses;
    std::vector<CountSpec> counts;
    Privacy privacy;
    // Roles let shared templates find project-specific stats: outcomes: [who5, inspire_o].
    std::vector<std::pair<std::string, std::vector<std::string>>> roles;
    const std::vector<std::string>* role(const std::string& n) const;

    const TableSpec* table(const std::string& n) const;
    const Instrument* instrument(const std::string& n) const;
    const Cohort* cohort(const std::string& n) const;
    const Scale* scale(const std::string& n) const;
};

// Parses and checks project.yaml; every problem is a core::Error at file:line:column.
Project loadProject(const std::string& path);

}  // namespace project
