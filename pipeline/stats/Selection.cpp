#include "stats/Selection.hpp"

#include <algorithm>

#include "core/Utf8.hpp"

namespace stats {

int32_t Population::find(std::string_view text) const {
    uint32_t s = idColumn->symbolOf(text);
    return s == 0 || s >= indexBySymbol.size() ? -1 : indexBySymbol[s];
}

Population makePopulation(const project::Project& p, const dataset::Dataset& ds, const std::string& municipality) {
    Population pop;
    pop.subjects = ds.table(p.subjectTable);
    pop.idColumn = pop.subjects->column(p.subjectId);
    pop.municipality = municipality;
    const dataset::Column* mun = municipality.empty() ? nullptr : pop.subjects->column(p.municipalityColumn);
    std::string want = core::normalizeLabel(municipality);
    pop.indexBySymbol.assign(pop.idColumn->dict.size(), -1);
    for (size_t r = 0; r < pop.subjects->rows; ++r) {
        if (mun && core::normalizeLabel(mun->text(r)) != want) continue;
        uint32_t s = pop.idColumn->sym[r];
        if (s == 0) continue;
        pop.indexBySymbol[s] = static_cast<int32_t>(pop.rows.size());
        pop.rows.push_back(r);
    }
    return pop;
}

RowFilter::RowFilter(const project::Project& p, const project::TableSpec& spec, const dataset::Table& t,
                     const project::Where& w) {
    for (const auto& [col, val] : w.equals) {
        Term term;
        term.column = t.column(col);
        const project::ColumnSpec* cs = spec.column(col);
        std::string want = core::normalizeLabel(val);
        if (term.column->scaled) {
            term.numeric = true;
            term.never = true;
            for (const auto& lv : p.scale(cs->scale)->levels)
                if (core::normalizeLabel(lv.label) == want || std::to_string(static_cast<long>(lv.code)) == val) {
                    term.code = lv.code;
                    term.never = false;
                }
        } else if (term.column->numeric()) {
            term.numeric = true;
            try {
                term.code = std::stod(val);
            } catch (...) {
                term.never = true;
            }
        } else {
            for (uint32_t s = 1; s < term.column->dict.size(); ++s)
                if (core::normalizeLabel(term.column->dict[s]) == want) term.symbols.push_back(s);
            term.never = term.symbols.empty();
        }
        terms_.push_back(std::move(term));
    }
}

bool RowFilter::matches(size_t row) const {
    for (const auto& t : terms_) {
        if (t.never) return false;
        if (t.numeric) {
            if (t.column->num[row] != t.code) return false;
        } else if (std::find(t.symbols.begin(), t.symbols.end(), t.column->sym[row]) == t.symbols.end()) {
            return false;
        }
    }
    return true;
}

RowsBySubject groupBySubject(const Population& pop, const dataset::Table& t, const std::string& subjectColumn,
                             const std::string& dateColumn) {
    RowsBySubject g;
    g.rows.resize(pop.size());
    const dataset::Column* subj = t.column(subjectColumn);
    const dataset::Column* date = dateColumn.empty() ? nullptr : t.column(dateColumn);
    // Translate this table's subject symbols to population positions once.
    std::vector<int32_t> map(subj->dict.size(), -1);
    for (uint32_t s = 1; s < subj->dict.size(); ++s) map[s] = pop.find(subj->dict[s]);
    for (size_t r = 0; r < t.rows; ++r) {
        int32_t i = map[subj->sym[r]];
        if (i >= 0) g.rows[static_cast<size_t>(i)].push_back(static_cast<uint32_t>(r));
    }
    if (date)
        for (auto& v : g.rows)
            std::stable_sort(v.begin(), v.end(), [&](uint32_t a, uint32_t b) { return date->date[a] < date->date[b]; });
    return g;
}

}  // namespace stats
