#pragma once
// The statistics part of project.yaml, typed: instruments (declarative scoring), cohorts
// (inclusion rules), analyses of several kinds, counts and phases. The stats stage reads these.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/Date.hpp"
#include "core/Error.hpp"

namespace project {

struct Band {
    std::optional<double> max;  // inclusive upper bound; none = the rest
    std::string label;
};

// Declarative scoring: score = aggregate(item + itemOffset) * multiply, over answered items.
// aggregate "none" keeps every item as its own score (a dimension, as in the Recovery Star).
struct Instrument {
    std::string id, label;
    std::string table;
    std::vector<std::string> items;
    std::vector<std::string> itemLabels;  // for aggregate "none": one label per item
    double itemOffset = 0;
    std::string aggregate = "sum";  // sum | mean | none
    double multiply = 1;
    int maxMissingItems = 0;        // no score if more items than this are missing
    double scoreMin = 0, scoreMax = 100;
    std::vector<Band> bands;
    std::optional<double> norm;     // population norm, for text
    std::string normSource;
    std::string question;           // the questionnaire's lead-in, e.g. "I de sidste to uger …"
    std::string answers;            // the answer scale in words, for the method appendix
    core::Location where;
};

// Equality filter on a table's columns: {type: Koordinatormøde}.
struct Where {
    std::vector<std::pair<std::string, std::string>> equals;
    core::Location where;
    bool empty() const { return equals.empty(); }
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

// A named period, e.g. the project's phases (udviklingsfase, afprøvningsfase, …).
struct Phase {
    std::string label;
    core::Days from = 0, to = 0;  // inclusive
};

// Paired first-vs-latest (or baseline-vs-follow-up) outcome analysis.
struct PairedSpec {
    std::string instrument, cohort;
    std::vector<Rule> require;   // extra rules on top of the cohort (e.g. the support subsample)
    double threshold = 10;       // >= +t improved, <= -t worse; 0 means any change (by sign)
    std::string pairing = "cohort";  // cohort: the cohort's first and latest measurement;
                                     // valid: the first and latest measurement with a valid score
    Where first, latest;         // restrict the rows each end may come from (e.g. {maaling: Før})
    std::string stars = "t";     // test behind the significance stars: t | wilcoxon
};

struct Collapse {
    std::string label;
    std::vector<std::string> levels;
};

// Answer distributions and means of scale items (or of an instrument score).
struct DistributionSpec {
    std::string table;
    std::vector<std::string> items;
    std::vector<std::string> itemLabels;
    std::string instrument;       // instead of items: means of this score
    Where filter;
    std::optional<core::Days> from, to;  // on the table's date column
    std::string rounds;           // cohort id: split into the members' first and latest measurement
    std::vector<std::string> roundLabels{"Første måling", "Seneste måling"};
    std::string by;               // "" | a column of the table | "municipality" | "phase"
    bool total = false;           // add an "I alt" group
    std::string totalMean = "pooled";  // pooled: the mean of all answers; municipalities: the
                                       // unweighted mean of the municipality means (KORA's "I alt")
    std::vector<Collapse> collapse;
};

struct FidelityElement {
    std::string id, label;
    std::vector<std::string> items;
    std::vector<std::string> itemLabels;  // optional: the question text per item
};

struct RatingLevel {
    std::optional<double> min;  // share (0-1) or mean at or above which the level applies
    std::string label, color;   // color: green | yellow | red | grey
};

struct RatingOverride {
    std::string element, municipality, rating, reason;
    core::Location where;
};

// Fidelity (implementation) measurements: shares per item, round and municipality, and a
// rating per core element from a declared rule, overridable by hand with a recorded reason.
struct FidelitySpec {
    std::string table;
    std::string round;            // column holding the measurement round
    std::string municipality;     // column; empty = pooled only
    std::vector<FidelityElement> elements;
    std::vector<std::string> positive;  // levels that count as implemented ("I meget høj grad", "I høj grad")
    std::string measure = "share";      // share (of positive answers) | mean (of codes)
    std::string ratingRound = "last";   // last | all: which rounds the rating uses
    std::vector<RatingLevel> levels;
    std::vector<RatingOverride> overrides;
};

struct FunnelStep {
    std::string label;
    Where filter;  // cumulative: a row reaches step k if it matches steps 1..k
};

struct FunnelExit {
    int after = 1;            // 1-based step whose leavers are broken down
    std::string column;
    std::string missingLabel = "Uoplyst";
};

struct FunnelSpec {
    std::string table;
    std::vector<FunnelStep> steps;
    std::vector<FunnelExit> exits;
};

// Counts or mean scores per calendar quarter, with empty quarters kept as gaps.
struct TrendSpec {
    std::string table, date;
    std::string measure = "count";  // count | mean
    std::string instrument;         // for mean
    Where filter;
};

// "Datagrundlag": per municipality, citizens, forms per table, pairs and exclusions.
struct BasisSpec {
    std::vector<std::string> tables;
    std::vector<std::string> tableLabels;
    std::string allLabel;   // if set: a row counting citizens with rows in every listed table
    std::string cohort;
};

// Key figures for a period and the quarter before it: registered, active, new and ended
// citizens, measurements in the period, citizens in the cohort, and overdue follow-ups.
struct KeyFiguresSpec {
    std::string cohort;
    int followupMonths = 6;  // a follow-up is overdue this long after the latest measurement
};

struct Analysis {
    std::string id, label;
    std::string kind = "paired";  // paired | distribution | fidelity | funnel | trend | datagrundlag | keyfigures
    KeyFiguresSpec keyfigures;
    PairedSpec paired;
    DistributionSpec distribution;
    FidelitySpec fidelity;
    FunnelSpec funnel;
    TrendSpec trend;
    BasisSpec basis;
    core::Location where;
};

struct CountSpec {
    std::string id, label;
    std::string table, column;
    Where filter;
    std::string missingLabel;   // label for blanks; empty = blanks are not shown as a category
    std::vector<Band> bands;    // numeric column: count per band (e.g. age bands)
    std::string by;             // optional second column: a crosstab
    bool personal = false;      // a personal characteristic (sex, age, …): small cells are suppressed
    core::Location where;
};

}  // namespace project
