#pragma once
// Row selection helpers shared by the stats components: which subjects are in the population,
// which rows belong to whom, and equality filters compiled against a table.
#include <string>
#include <vector>

#include "dataset/Dataset.hpp"
#include "project/Project.hpp"

namespace stats {

// The citizens a report covers (all, or one municipality's).
struct Population {
    const dataset::Table* subjects = nullptr;
    const dataset::Column* idColumn = nullptr;
    std::vector<size_t> rows;            // subject-table rows in the population
    std::vector<int32_t> indexBySymbol;  // idColumn symbol -> position in `rows`, -1 if outside
    std::string municipality;            // empty = all

    size_t size() const { return rows.size(); }
    // Position of the subject named by `text` (a foreign id from another table), or -1.
    int32_t find(std::string_view text) const;
};

Population makePopulation(const project::Project& p, const dataset::Dataset& ds, const std::string& municipality);

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

// Rows of a per-subject table grouped by population position, each group sorted by date.
struct RowsBySubject {
    std::vector<std::vector<uint32_t>> rows;
};
RowsBySubject groupBySubject(const Population& pop, const dataset::Table& t, const std::string& subjectColumn,
                             const std::string& dateColumn);

}  // namespace stats
