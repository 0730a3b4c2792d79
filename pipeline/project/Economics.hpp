#pragma once
// The economics part of project.yaml, typed: time registrations (tables of hours), wage rates
// per staff category, the price basis, the citizens costs are divided by, unit-cost components
// and a business case in three scenarios. parseEconomics checks every declaration that can be
// checked without data (splits add to 1, low <= mid <= high, index years present, …) and
// reports it at file:line:column; stats::economics computes the tables (docs/ECONOMICS.md).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/Error.hpp"
#include "project/Analyses.hpp"

namespace yml {
class Node;
}

namespace project {

struct Project;
class YamlFile;

// One table of registered hours: long (an activity column and an hours column, one row per
// municipality × period × activity) or wide (one hours column per activity).
struct EconRegistration {
    std::string table;
    std::string municipality;   // column; empty: the municipality of the row's citizen (table has `subject`)
    std::string date;           // date column: the row's year is its year; or
    std::string year;           // integer column holding the year; neither: every row is in prices.year
    std::string activity;       // long: column with the activity
    std::string hours;          // long: column with the hours
    std::vector<std::pair<std::string, std::string>> columns;  // wide: activity label -> hours column
    // Amounts registered in kroner (materials, other costs): label -> columns summed per row.
    std::vector<std::pair<std::string, std::vector<std::string>>> amounts;
    std::string category;       // optional column with the staff category of the row
    Where filter;
    bool perCitizen = false;    // the table is per citizen (`subject:`): its rows give costs per course
    core::Location where;
};

struct EconShare {
    std::string category;
    double share = 0;
};

// How an activity's hours are costed: all at one staff category, shared between categories
// by fixed fractions, or at an overriding rate (with the reason printed in the table notes).
struct EconActivity {
    std::string label;
    std::string category;
    std::vector<EconShare> split;   // fractions add to 1
    std::optional<double> rate;     // override: kr. per hour before overhead
    int rateYear = 0;               // price year of the override
    std::string reason;
    core::Location where;
};

// A wage rate: kr. per hour, or annual salary incl. pension ÷ effective hours per year.
struct EconRate {
    std::string category;
    int year = 0;                   // 0: every year; otherwise only hours registered in this year
    int priceYear = 0;              // the year whose prices the amount is in
    double hourly = 0;              // kr. per hour before overhead
    std::optional<double> annual, hoursPerYear;
    core::Location where;
};

struct EconPrices {
    int year = 0;                   // costs are stated in this year's prices
    bool sameWages = false;         // one set of wages for all years, no index
    std::vector<std::pair<int, double>> index;  // year -> price index (faste priser)
    std::string indexSource;        // printed in the notes
    core::Location where;
    const double* indexOf(int year) const;
};

// The citizens per-citizen costs are divided by: counted in the data (all citizens in scope,
// or those with rows in a per-citizen table, optionally filtered), or declared per municipality.
struct EconCitizens {
    std::string label;
    std::string table;              // empty: the subject table
    Where filter;
    std::vector<std::pair<std::string, double>> declared;  // municipality -> count
    bool counted = true;            // counted from the data (with `declared` too: checked against it)
    core::Location where;
};

struct EconComponent {
    std::string label;
    std::vector<std::string> activities;
    std::optional<EconCitizens> citizens;  // its own divisor; default: the economics' citizens
    core::Location where;
};

struct EconScenarios {
    double low = 0, mid = 0, high = 0;
};

// Who pays (or gains) a line: shares for state and regions, the municipality, and others (sum 1).
struct EconPayers {
    double state = 0, municipality = 0, other = 0;
};

// An induced cost or a gain: unit amount × citizens affected × probability in each scenario.
struct EconLine {
    std::string category, label, source;
    double unit = 0;                // kr. per affected citizen
    int priceYear = 0;
    std::optional<double> citizens; // default: the business case's citizens
    double share = 1;               // of those, the share the line concerns
    EconScenarios probability;
    EconPayers payers;
    std::vector<int> years;         // horizon years (1 = the first) the amount falls in
    core::Location where;
};

// The intervention's own costs: the operating costs from the registrations, or a declared amount.
struct EconOwnCost {
    std::string label;
    bool operating = false;
    std::vector<int> operatingYears;        // calendar years of the registrations; empty: all
    std::vector<std::string> activities;    // empty: all
    std::optional<double> amount;
    int priceYear = 0;
    EconPayers payers;
    std::vector<int> years;
    core::Location where;
};

struct EconBusinessCase {
    bool present = false;
    std::optional<double> citizens; // N; default: the citizens counted for the economics
    int horizon = 1;                // years
    double discountRate = 0;
    std::vector<std::string> scenarioLabels{"Lavt scenarie", "Mellemscenarie", "Højt scenarie"};
    std::vector<EconOwnCost> ownCosts;
    std::vector<EconLine> induced, gains;
    core::Location where;
};

struct EconomicsSpec {
    std::string id, label;
    std::vector<EconRegistration> registrations;
    std::vector<EconActivity> activities;   // declared order first in every table
    std::vector<EconRate> rates;
    double overhead = 0;                    // share added to every hourly rate (0.2 = 20 %)
    EconPrices prices;
    EconCitizens citizens;
    std::vector<EconComponent> components;
    double perCitizenRounding = 100;        // per-citizen amounts are shown to the nearest this many kr.
    std::string perCourseLabel = "Omkostning pr. forløb";
    EconBusinessCase businessCase;
    core::Location where;

    const EconActivity* activity(const std::string& label) const;
    // Every activity label known before the data is read, in table order.
    std::vector<std::string> knownActivities(const Project& p) const;
};

// Parses `economics:` (a map of ids); every problem is a core::Error at file:line:column.
void parseEconomics(const YamlFile& y, const yml::Node& n, Project& p);

}  // namespace project
