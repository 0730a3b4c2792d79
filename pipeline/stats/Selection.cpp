#include "stats/Selection.hpp"

#include <algorithm>
#include <thread>

#include "core/Utf8.hpp"
#include "stats/Scoring.hpp"

namespace stats {

Index::Index(const project::Project& p, const dataset::Dataset& ds)
    : project(p), data(ds), subjects(ds.table(p.subjectTable)), subjectId(subjects->column(p.subjectId)) {
    // Instrument scores do not depend on the grouping: compute them on a second core meanwhile.
    std::thread scorer([this] {
        for (const auto& ins : project.instruments) {
            if (ins.aggregate == "none") {
                for (size_t i = 0; i < ins.items.size(); ++i) scores(ins, static_cast<int>(i));
            } else {
                scores(ins);
            }
        }
    });
    const size_t nSubjects = subjects->rows;
    // Subject id symbol -> subject row.
    std::vector<int32_t> rowBySymbol(subjectId->dict.size(), -1);
    for (size_t r = 0; r < nSubjects; ++r)
        if (subjectId->sym[r]) rowBySymbol[subjectId->sym[r]] = static_cast<int32_t>(r);

    for (const auto& spec : p.tables) {
        if (spec.subjectColumn.empty() || spec.name == p.subjectTable) continue;
        const dataset::Table* t = ds.table(spec.name);
        if (!t) continue;
        const dataset::Column* subj = t->column(spec.subjectColumn);
        // Translate this table's symbols once: ids are interned per column.
        std::vector<int32_t> map(subj->dict.size(), -1);
        for (uint32_t s = 1; s < subj->dict.size(); ++s) {
            uint32_t sym = subjectId->symbolOf(subj->dict[s]);
            if (sym) map[s] = rowBySymbol[sym];
        }
        Grouping g;
        g.subjectOf.resize(t->rows);
        g.offsets.assign(nSubjects + 1, 0);
        for (size_t r = 0; r < t->rows; ++r) {
            int32_t s = map[subj->sym[r]];
            g.subjectOf[r] = s;
            if (s >= 0) ++g.offsets[static_cast<size_t>(s) + 1];
        }
        for (size_t s = 0; s < nSubjects; ++s) g.offsets[s + 1] += g.offsets[s];
        g.rows.resize(g.offsets[nSubjects]);
        std::vector<uint32_t> fill(g.offsets.begin(), g.offsets.end() - 1);
        for (size_t r = 0; r < t->rows; ++r)
            if (g.subjectOf[r] >= 0) g.rows[fill[static_cast<size_t>(g.subjectOf[r])]++] = static_cast<uint32_t>(r);
        if (!spec.dateColumn.empty()) {
            const dataset::Column* date = t->column(spec.dateColumn);
            g.date = date;
            auto byDate = [&](uint32_t a, uint32_t b) { return date->date[a] < date->date[b]; };
            for (size_t s = 0; s < nSubjects; ++s) {
                auto first = g.rows.begin() + g.offsets[s], last = g.rows.begin() + g.offsets[s + 1];
                // Exports are usually in date order already; checking is cheaper than sorting.
                if (!std::is_sorted(first, last, byDate)) std::stable_sort(first, last, byDate);
            }
        }
        groupings_.emplace(spec.name, std::move(g));
    }

    if (!p.municipalityColumn.empty()) {
        const dataset::Column* mun = subjects->column(p.municipalityColumn);
        std::vector<int16_t> bySymbol(mun->dict.size(), -1);
        for (uint32_t s = 1; s < mun->dict.size(); ++s) bySymbol[s] = static_cast<int16_t>(municipalityIndex(std::string(mun->dict[s])));
        municipality_.resize(nSubjects);
        for (size_t r = 0; r < nSubjects; ++r) municipality_[r] = mun->sym[r] ? bySymbol[mun->sym[r]] : -1;
    }
    scorer.join();
}

std::span<const uint32_t> Index::rowsOf(const std::string& table, size_t s, core::Days asOf) const {
    auto it = groupings_.find(table);
    if (it == groupings_.end()) return {};
    const Grouping& g = it->second;
    const uint32_t* first = g.rows.data() + g.offsets[s];
    const uint32_t* last = g.rows.data() + g.offsets[s + 1];
    if (g.date && asOf != std::numeric_limits<core::Days>::max())
        last = std::upper_bound(first, last, asOf, [&](core::Days d, uint32_t r) { return d < g.date->date[r]; });
    return std::span<const uint32_t>(first, static_cast<size_t>(last - first));
}

int32_t Index::subjectOf(const std::string& table, size_t row) const {
    if (table == project.subjectTable) return static_cast<int32_t>(row);
    auto it = groupings_.find(table);
    return it == groupings_.end() ? -1 : it->second.subjectOf[row];
}

int Index::municipalityIndex(const std::string& name) const {
    std::string n = core::normalizeLabel(name);
    for (size_t i = 0; i < project.municipalities.size(); ++i)
        if (core::normalizeLabel(project.municipalities[i]) == n) return static_cast<int>(i);
    return -1;
}

const std::vector<double>& Index::scores(const project::Instrument& ins, int item) const {
    std::lock_guard<std::mutex> lock(mu_);
    std::string key = ins.id + "#" + std::to_string(item);
    auto it = scores_.find(key);
    if (it != scores_.end()) return it->second;
    const dataset::Table& t = *data.table(ins.table);
    if (item < 0) return scores_[key] = scoreRows(project, ins, t);
    project::Instrument one = ins;
    one.items = {ins.items[static_cast<size_t>(item)]};
    one.aggregate = "sum";
    one.maxMissingItems = 0;
    return scores_[key] = scoreRows(project, one, t);
}

Population makePopulation(const Index& index, const std::string& municipality, core::Days asOf) {
    Population pop;
    pop.index = &index;
    pop.subjects = index.subjects;
    pop.asOf = asOf;
    const dataset::Column* start =
        index.project.subjectStart.empty() ? nullptr : index.subjects->column(index.project.subjectStart);
    const size_t n = index.subjects->rows;
    pop.position.assign(n, -1);
    if (!municipality.empty()) {
        pop.municipalityId = index.municipalityIndex(municipality);
        pop.municipality = pop.municipalityId >= 0 ? index.project.municipalities[static_cast<size_t>(pop.municipalityId)]
                                                   : municipality;
    }
    for (size_t r = 0; r < n; ++r) {
        if (index.subjectId->sym[r] == 0) continue;
        if (!municipality.empty() && index.municipalityOf(r) != pop.municipalityId) continue;
        if (start && start->date[r] != core::kNoDate && start->date[r] > asOf) continue;
        pop.position[r] = static_cast<int32_t>(pop.rows.size());
        pop.rows.push_back(static_cast<uint32_t>(r));
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

RowsBySubject groupBySubject(const Population& pop, const std::string& table) {
    RowsBySubject g;
    g.rows.reserve(pop.size());
    for (uint32_t s : pop.rows) g.rows.push_back(pop.index->rowsOf(table, s, pop.asOf));
    return g;
}

}  // namespace stats
