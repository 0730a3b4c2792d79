#pragma once
// Row selection shared by the stats components. An Index is built once per dataset: each
// per-citizen table's rows grouped by citizen (date-sorted, CSR layout), each citizen's
// municipality, and cached instrument scores. A Population (all citizens, or one
// municipality's) is then cheap to make, so a batch of 98 municipal notes reuses one Index.
#include <limits>
#include <map>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "dataset/Dataset.hpp"
#include "project/Project.hpp"

namespace stats {

class Index {
public:
    Index(const project::Project& p, const dataset::Dataset& ds);
    Index(const Index&) = delete;
    Index& operator=(const Index&) = delete;

    const project::Project& project;
    const dataset::Dataset& data;
    const dataset::Table* subjects;
    const dataset::Column* subjectId;

    // Rows of a per-citizen table belonging to subject-table row `s`, sorted by date; with
    // `asOf`, only rows dated on or before it (rows without a date are kept).
    std::span<const uint32_t> rowsOf(const std::string& table, size_t s,
                                     core::Days asOf = std::numeric_limits<core::Days>::max()) const;
    bool grouped(const std::string& table) const { return groupings_.count(table) > 0; }
    // Subject-table row of a per-citizen table's row, or -1 for an unknown citizen.
    int32_t subjectOf(const std::string& table, size_t row) const;

    int municipalityOf(size_t s) const { return municipality_.empty() ? -1 : municipality_[s]; }
    int municipalityIndex(const std::string& name) const;  // in project.municipalities, -1 if unknown

    // Per-row score of an instrument (item >= 0: that item alone). Thread-safe; every
    // instrument is scored while the index is built.
    const std::vector<double>& scores(const project::Instrument& ins, int item = -1) const;

private:
    struct Grouping {
        std::vector<uint32_t> offsets;  // per subject row, into rows
        std::vector<uint32_t> rows;
        std::vector<int32_t> subjectOf;
        const dataset::Column* date = nullptr;
    };
    std::map<std::string, Grouping> groupings_;
    std::vector<int16_t> municipality_;
    mutable std::mutex mu_;
    mutable std::map<std::string, std::vector<double>> scores_;
};

// The citizens a report covers (all, or one municipality's).
struct Population {
    const Index* index = nullptr;
    const dataset::Table* subjects = nullptr;
    std::vector<uint32_t> rows;      // subject-table rows in the population
    std::vector<int32_t> position;   // subject-table row -> position in `rows`, -1 if outside
    std::string municipality;        // canonical name; empty = all
    int municipalityId = -1;
    core::Days asOf = std::numeric_limits<core::Days>::max();  // data known at this date

    size_t size() const { return rows.size(); }
    int32_t positionOf(int32_t subjectRow) const { return subjectRow < 0 ? -1 : position[static_cast<size_t>(subjectRow)]; }
};

// Citizens in scope: one municipality's (or all), and with `asOf` only those who had started by then.
Population makePopulation(const Index& index, const std::string& municipality,
                          core::Days asOf = std::numeric_limits<core::Days>::max());

// A compiled {column: value} filter. Text compares case- and space-insensitively; scaled
// categories compare against the scale label or code.
class RowFilter {
public:
    RowFilter() = default;
    RowFilter(const project::Project& p, const project::TableSpec& spec, const dataset::Table& t,
              const project::Where& w);
    bool matches(size_t row) const;
    bool empty() const { return terms_.empty(); }

private:
    struct Term {
        const dataset::Column* column = nullptr;
        std::vector<uint32_t> symbols;  // symbolic: accepted symbols (all spellings)
        double code = 0;                // scaled/numeric
        bool numeric = false;
        bool never = false;             // the value never occurs
    };
    std::vector<Term> terms_;
};

// Rows of a per-citizen table by population position, each sorted by date.
struct RowsBySubject {
    std::vector<std::span<const uint32_t>> rows;
};
RowsBySubject groupBySubject(const Population& pop, const std::string& table);

}  // namespace stats
