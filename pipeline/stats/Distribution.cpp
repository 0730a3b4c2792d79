// Answer distributions of scale items (Likert, yes/partly/no) and means of codes or scores,
// split by measurement round, a column, municipality or phase, with an optional "I alt" group.
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "core/Format.hpp"
#include "core/Utf8.hpp"
#include "stats/Analyses.hpp"
#include "stats/Scoring.hpp"

namespace stats {

using core::Value;

namespace {

struct Group {
    std::string label;
    std::vector<uint32_t> rows;
};

// Categories of an item in display order: scale levels (valid ones), declared values, or the
// distinct numbers found.
struct Categories {
    std::vector<std::string> labels;
    std::vector<double> codes;     // for scaled/numeric items
    bool numeric = false;          // mean is meaningful
};

Categories categoriesOf(const Context& cx, const project::TableSpec& spec, const dataset::Table& t, const std::string& item,
                        const std::vector<uint32_t>& rows) {
    Categories c;
    const project::ColumnSpec* cs = spec.column(item);
    const dataset::Column* col = t.column(item);
    if (col->scaled) {
        c.numeric = true;
        for (const auto& lv : cx.project.scale(cs->scale)->levels)
            if (!lv.missing) {
                c.labels.push_back(lv.label);
                c.codes.push_back(lv.code);
            }
    } else if (col->numeric()) {
        c.numeric = true;
        std::vector<double> seen;
        for (uint32_t r : rows)
            if (!std::isnan(col->num[r])) seen.push_back(col->num[r]);
        std::sort(seen.begin(), seen.end());
        seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
        for (double v : seen) {
            c.codes.push_back(v);
            c.labels.push_back(core::formatNumber(v, v == std::floor(v) ? 0 : 2));
        }
    } else {
        c.labels = cs->values;
        for (uint32_t r : rows) {
            std::string v(col->text(r));
            if (!v.empty() && std::find(c.labels.begin(), c.labels.end(), v) == c.labels.end()) c.labels.push_back(v);
        }
    }
    return c;
}

struct Tally {
    std::vector<size_t> counts;
    size_t valid = 0, missing = 0;
    double sum = 0;
};

Tally tallyGroup(const Categories& cats, const dataset::Column* col, const std::vector<double>* score,
                 const project::Instrument* ins, const Group& g) {
    Tally t;
    t.counts.assign(cats.labels.size(), 0);
    for (uint32_t r : g.rows) {
        if (score) {
            double v = (*score)[r];
            if (std::isnan(v)) {
                ++t.missing;
                continue;
            }
            ++t.valid;
            t.sum += v;
            if (ins && !ins->bands.empty()) ++t.counts[bandOf(*ins, v)];
            continue;
        }
        if (col->numeric()) {
            double v = col->num[r];
            auto it = std::find(cats.codes.begin(), cats.codes.end(), v);
            if (std::isnan(v) || it == cats.codes.end()) {
                ++t.missing;  // blank, or a scale level marked missing ("Ved ikke", "Ikke relevant")
                continue;
            }
            ++t.valid;
            t.sum += v;
            ++t.counts[static_cast<size_t>(it - cats.codes.begin())];
        } else {
            std::string_view v = col->text(r);
            auto it = std::find(cats.labels.begin(), cats.labels.end(), v);
            if (v.empty() || it == cats.labels.end()) {
                ++t.missing;
                continue;
            }
            ++t.valid;
            ++t.counts[static_cast<size_t>(it - cats.labels.begin())];
        }
    }
    return t;
}

// `plan`: withheld flag per category, then one for the group's total (from Suppressor::planGrid).
Value groupValue(Context& cx, const project::DistributionSpec& s, const Categories& cats, bool showCategories,
                 bool hasMean, const std::string& label, const Tally& t, const std::vector<bool>& plan, bool breakdown,
                 const std::string& analysisId) {
    const Suppressor& sp = cx.supp;
    Value v = Value::object();
    v.set("label", Value::string(label));
    v.set("n", sp.count(t.valid, plan.back()));
    v.set("missing", sp.count(t.missing, sp.tooSmall(t.missing, breakdown)));
    Value catv = Value::array();
    int roundedSum = 0;
    bool anyHidden = plan.back();
    for (size_t i = 0; i < t.counts.size(); ++i) {
        Value c = Value::object();
        c.set("label", Value::string(cats.labels[i]));
        if (i < cats.codes.size()) c.set("code", Value::number(cats.codes[i]));
        c.set("n", sp.count(t.counts[i], plan[i]));
        bool hidden = plan[i] || plan.back();
        anyHidden = anyHidden || hidden;
        double share = t.valid ? static_cast<double>(t.counts[i]) / static_cast<double>(t.valid) : std::nan("");
        c.set("share", hidden ? Value::suppressed(Suppressor::masked()) : (t.valid ? Value::number(share) : Value()));
        if (t.valid) roundedSum += static_cast<int>(core::roundHalfAway(share * 100, 0));
        catv.push(std::move(c));
    }
    if (showCategories) v.set("categories", std::move(catv));
    // Collapsed categories ("helt eller delvist enig").
    if (!s.collapse.empty()) {
        Value coll = Value::array();
        for (const auto& cl : s.collapse) {
            size_t n = 0, hiddenParts = 0;
            for (const auto& lvl : cl.levels)
                for (size_t i = 0; i < cats.labels.size(); ++i)
                    if (core::normalizeLabel(cats.labels[i]) == core::normalizeLabel(lvl)) {
                        n += t.counts[i];
                        if (plan[i]) ++hiddenParts;
                    }
            // A sum of withheld cells could reveal them; withhold it unless every part is shown.
            bool hidden = plan.back() || hiddenParts > 0;
            Value c = Value::object();
            c.set("label", Value::string(cl.label));
            c.set("n", sp.count(n, hidden));
            c.set("share", hidden ? Value::suppressed(Suppressor::masked())
                                  : (t.valid ? Value::number(static_cast<double>(n) / static_cast<double>(t.valid)) : Value()));
            coll.push(std::move(c));
        }
        v.set("collapsed", std::move(coll));
    }
    if (hasMean)
        v.set("mean", plan.back() ? Value::suppressed(Suppressor::masked())
                                  : sp.statistic(t.valid ? t.sum / static_cast<double>(t.valid) : std::nan(""), t.valid, breakdown));
    if (t.valid && !anyHidden && showCategories) {
        v.set("rounded_sum", Value::integer(roundedSum));
        if (roundedSum != 100) {
            std::string note = "Andelene summerer til " + std::to_string(roundedSum) + " pct. på grund af afrunding.";
            v.set("rounding_note", Value::string(note));
            cx.finding(analysisId, label + ": " + note);
        }
    }
    return v;
}

}  // namespace

Value distribution(Context& cx, const project::Analysis& a) {
    const project::DistributionSpec& s = a.distribution;
    const project::TableSpec& spec = *cx.project.table(s.table);
    const dataset::Table& t = *cx.data.table(s.table);
    const project::Instrument* ins = s.instrument.empty() ? nullptr : cx.project.instrument(s.instrument);

    // Rows in scope, filtered.
    RowFilter filter(cx.project, spec, t, s.filter);
    const dataset::Column* date = spec.dateColumn.empty() ? nullptr : t.column(spec.dateColumn);
    std::vector<uint32_t> rows;
    for (uint32_t r : cx.rowsInScope(s.table)) {
        if (!filter.matches(r)) continue;
        if (date && s.from && (date->date[r] == core::kNoDate || date->date[r] < *s.from)) continue;
        if (date && s.to && (date->date[r] == core::kNoDate || date->date[r] > *s.to)) continue;
        rows.push_back(r);
    }

    // Groups.
    std::vector<Group> groups;
    bool breakdown = false;
    if (!s.rounds.empty()) {
        const CohortResult& cr = cx.cohort(s.rounds);
        std::vector<bool> keep(t.rows, false);
        for (uint32_t r : rows) keep[r] = true;
        Group f{s.roundLabels[0], {}}, l{s.roundLabels[1], {}};
        for (const Member& m : cr.members) {
            if (keep[m.firstRow]) f.rows.push_back(m.firstRow);
            if (keep[m.latestRow]) l.rows.push_back(m.latestRow);
        }
        groups = {f, l};
    } else if (s.by == "phase") {
        for (const auto& ph : cx.project.phases) groups.push_back({ph.label, {}});
        for (uint32_t r : rows) {
            int i = cx.phaseOf(date->date[r]);
            if (i >= 0) groups[static_cast<size_t>(i)].rows.push_back(r);
        }
    } else if (s.by == "municipality" || (!spec.municipalityColumn.empty() && s.by == spec.municipalityColumn) ||
               (s.table == cx.project.subjectTable && !s.by.empty() && s.by == cx.project.municipalityColumn)) {
        // By municipality, through the citizen (per-citizen tables) or the table's own
        // municipality column (per-municipality tables): a breakdown, so small cells are withheld.
        breakdown = true;
        // In a note for one municipality only its own group is shown.
        std::vector<int> ids;
        for (size_t i = 0; i < cx.project.municipalities.size(); ++i)
            if (cx.pop.municipality.empty() || static_cast<int>(i) == cx.pop.municipalityId) {
                groups.push_back({cx.project.municipalities[i], {}});
                ids.push_back(static_cast<int>(i));
            }
        const dataset::Column* own = spec.municipalityColumn.empty() ? nullptr : t.column(spec.municipalityColumn);
        std::vector<std::string> names;
        for (const auto& g : groups) names.push_back(core::normalizeLabel(g.label));
        for (uint32_t r : rows) {
            int32_t subject = cx.index.subjectOf(s.table, r);
            if (subject >= 0) {
                int m = cx.index.municipalityOf(static_cast<size_t>(subject));
                for (size_t g = 0; g < ids.size(); ++g)
                    if (ids[g] == m) groups[g].rows.push_back(r);
            } else if (own) {
                std::string name = core::normalizeLabel(own->text(r));
                for (size_t g = 0; g < names.size(); ++g)
                    if (names[g] == name) groups[g].rows.push_back(r);
            }
        }
    } else if (!s.by.empty()) {
        const dataset::Column* byCol = t.column(s.by);
        Categories keys = categoriesOf(cx, spec, t, s.by, rows);
        for (const auto& k : keys.labels) groups.push_back({k, {}});
        for (uint32_t r : rows) {
            std::string key;
            if (byCol->numeric()) {
                auto it = std::find(keys.codes.begin(), keys.codes.end(), byCol->num[r]);
                if (it == keys.codes.end()) continue;
                key = keys.labels[static_cast<size_t>(it - keys.codes.begin())];
            } else {
                key = std::string(byCol->text(r));
            }
            for (auto& g : groups)
                if (g.label == key) g.rows.push_back(r);
        }
    } else {
        groups.push_back({"Alle", rows});
    }
    const bool singleMunicipality = breakdown && s.rounds.empty() && !cx.pop.municipality.empty();
    if (s.total && !s.by.empty() && !singleMunicipality) groups.push_back({"I alt", rows});

    Value v = Value::object();
    v.set("label", Value::string(a.label));
    v.set("by", Value::string(!s.rounds.empty() ? "round" : s.by));
    Value items = Value::array();
    auto oneItem = [&](const std::string& item, const std::string& label, const dataset::Column* col,
                       const std::vector<double>* score) {
        Categories cats;
        if (col) cats = categoriesOf(cx, spec, t, item, rows);
        else if (ins)
            for (const auto& b : ins->bands) cats.labels.push_back(b.label);
        Value iv = Value::object();
        iv.set("item", Value::string(item));
        iv.set("label", Value::string(label));
        std::vector<Tally> tallies;
        std::vector<std::vector<size_t>> cells;
        std::vector<size_t> totals;
        for (const auto& g : groups) {
            tallies.push_back(tallyGroup(cats, col, score, ins, g));
            cells.push_back(tallies.back().counts);
            totals.push_back(tallies.back().valid);
        }
        const bool lastIsTotal = s.total && s.rounds.empty() && groups.size() > 1;
        // KORA's "I alt": the unweighted mean of the municipality means, over the same answers.
        std::optional<double> totalMean;
        if (lastIsTotal && s.totalMean == "municipalities" && groups.back().label == "I alt") {
            std::vector<Group> byMun(cx.project.municipalities.size());
            for (uint32_t r : groups.back().rows) {
                int32_t subject = cx.index.subjectOf(s.table, r);
                int m = subject < 0 ? -1 : cx.index.municipalityOf(static_cast<size_t>(subject));
                if (m >= 0) byMun[static_cast<size_t>(m)].rows.push_back(r);
            }
            double sum = 0;
            int count = 0;
            for (const auto& g : byMun) {
                Tally t = tallyGroup(cats, col, score, ins, g);
                if (t.valid) {
                    sum += t.sum / static_cast<double>(t.valid);
                    ++count;
                }
            }
            // With one municipality (a municipality's note) the mean of means is just its mean.
            if (count > 1) totalMean = sum / count;
        }
        auto plans = cx.supp.planGrid(cells, totals, lastIsTotal, breakdown);
        const bool showCategories = !cats.labels.empty() && (!score || (ins && !ins->bands.empty()));
        const bool hasMean = cats.numeric || score;
        Value gs = Value::array();
        for (size_t i = 0; i < groups.size(); ++i) {
            Value gv = groupValue(cx, s, cats, showCategories, hasMean, groups[i].label, tallies[i], plans[i], breakdown, a.id);
            if (totalMean && i + 1 == groups.size() && gv.find("mean") && gv.find("mean")->isNumber()) {
                gv.set("mean", Value::number(*totalMean));
                gv.set("mean_method", Value::string("municipalities"));
            }
            gs.push(std::move(gv));
        }
        iv.set("groups", std::move(gs));
        items.push(std::move(iv));
    };
    if (ins) {
        oneItem(ins->id, ins->label, nullptr, &cx.scores(*ins));
    } else {
        for (size_t i = 0; i < s.items.size(); ++i)
            oneItem(s.items[i], i < s.itemLabels.size() ? s.itemLabels[i] : s.items[i], t.column(s.items[i]), nullptr);
    }
    if (items.size() == 1) v.set("groups", *items.elements()[0].find("groups"));
    v.set("items", std::move(items));
    return v;
}

}  // namespace stats
