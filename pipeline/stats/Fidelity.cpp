// Fidelity: answer shares per item, round and municipality, and a rating per core element from
// the declared rule (share of positive answers, or mean code), with recorded manual overrides.
#include <algorithm>
#include <cmath>
#include <map>

#include "core/Format.hpp"
#include "core/Utf8.hpp"
#include "stats/Analyses.hpp"

namespace stats {

using core::Value;

namespace {

struct Cell {
    size_t n = 0, positive = 0;
    double sum = 0;
    std::vector<size_t> counts;
};

std::string roundLabel(const dataset::Column* c, size_t r) {
    if (c->numeric()) return core::formatNumber(c->num[r], 0);
    return std::string(c->text(r));
}

const project::RatingLevel& levelFor(const project::FidelitySpec& s, double value) {
    for (const auto& l : s.levels)
        if (!l.min || value >= *l.min - 1e-12) return l;
    return s.levels.back();
}

}  // namespace

Value fidelity(Context& cx, const project::Analysis& a) {
    const project::FidelitySpec& s = a.fidelity;
    const project::TableSpec& spec = *cx.project.table(s.table);
    const dataset::Table& t = *cx.data.table(s.table);
    const dataset::Column* round = t.column(s.round);
    const dataset::Column* mun = s.municipality.empty() ? nullptr : t.column(s.municipality);

    // Rows in scope: a municipal note sees its own municipality's answers only.
    std::vector<uint32_t> rows;
    std::string scopeMun = core::normalizeLabel(cx.pop.municipality);
    for (size_t r = 0; r < t.rows; ++r) {
        if (mun && !scopeMun.empty() && core::normalizeLabel(mun->text(r)) != scopeMun) continue;
        rows.push_back(static_cast<uint32_t>(r));
    }
    // Rounds in order (numeric if the column is numeric, else as first seen).
    std::vector<std::pair<double, std::string>> roundKeys;
    for (uint32_t r : rows) {
        if (round->missing(r)) continue;
        std::string l = roundLabel(round, r);
        double key = round->numeric() ? round->num[r] : static_cast<double>(roundKeys.size());
        if (std::none_of(roundKeys.begin(), roundKeys.end(), [&](const auto& k) { return k.second == l; }))
            roundKeys.emplace_back(key, l);
    }
    std::sort(roundKeys.begin(), roundKeys.end());
    std::vector<std::string> municipalities;
    if (mun)
        for (const auto& m : cx.project.municipalities)
            if (scopeMun.empty() || core::normalizeLabel(m) == scopeMun) municipalities.push_back(m);

    auto isPositive = [&](const project::ScaleLevel& lv) {
        for (const auto& p : s.positive)
            if (core::normalizeLabel(p) == core::normalizeLabel(lv.label)) return true;
        return false;
    };

    // Each row's round label, once (not once per item and municipality).
    std::vector<std::string> roundOf(t.rows);
    for (uint32_t r : rows)
        if (!round->missing(r)) roundOf[r] = roundLabel(round, r);

    // Tally: item -> round -> municipality ("" = pooled) -> cell.
    std::map<std::string, std::map<std::string, std::map<std::string, Cell>>> tally;
    Value items = Value::object();
    for (const auto& el : s.elements)
        for (const auto& item : el.items) {
            if (tally.count(item)) continue;
            const project::Scale* scale = cx.project.scale(spec.column(item)->scale);
            const dataset::Column* col = t.column(item);
            std::vector<const project::ScaleLevel*> valid;
            std::vector<bool> positive;
            for (const auto& lv : scale->levels)
                if (!lv.missing) {
                    valid.push_back(&lv);
                    positive.push_back(isPositive(lv));
                }
            auto& byRound = tally[item];
            for (uint32_t r : rows) {
                if (round->missing(r) || std::isnan(col->num[r])) continue;
                const project::ScaleLevel* lv = scale->byCode(col->num[r]);
                if (!lv || lv->missing) continue;
                size_t idx = static_cast<size_t>(std::find(valid.begin(), valid.end(), lv) - valid.begin());
                auto& byMunicipality = byRound[roundOf[r]];
                for (const std::string& m : {std::string(), mun ? std::string(mun->text(r)) : std::string("\x01")}) {
                    if (m == "\x01") continue;
                    Cell& c = byMunicipality[m];
                    if (c.counts.empty()) c.counts.assign(valid.size(), 0);
                    ++c.n;
                    ++c.counts[idx];
                    c.sum += lv->code;
                    if (positive[idx]) ++c.positive;
                }
            }
            // Item value: per round, pooled shares per level.
            Value iv = Value::object();
            std::string itemLabel = item;
            for (const auto& e : s.elements)
                for (size_t k = 0; k < e.items.size(); ++k)
                    if (e.items[k] == item && k < e.itemLabels.size()) itemLabel = e.itemLabels[k];
            iv.set("label", Value::string(itemLabel));
            Value rv = Value::array();
            for (const auto& [key, rl] : roundKeys) {
                const Cell& c = tally[item][rl][""];
                Value rr = Value::object();
                rr.set("round", Value::string(rl));
                rr.set("n", Value::integer(static_cast<long long>(c.n)));
                Value cats = Value::array();
                int rounded = 0;
                for (size_t i = 0; i < valid.size(); ++i) {
                    size_t n = c.counts.empty() ? 0 : c.counts[i];
                    Value cat = Value::object();
                    cat.set("label", Value::string(valid[i]->label));
                    cat.set("n", Value::integer(static_cast<long long>(n)));
                    double share = c.n ? static_cast<double>(n) / static_cast<double>(c.n) : std::nan("");
                    cat.set("share", c.n ? Value::number(share) : Value());
                    if (c.n) rounded += static_cast<int>(core::roundHalfAway(share * 100, 0));
                    cats.push(std::move(cat));
                }
                rr.set("categories", std::move(cats));
                rr.set("share_positive", c.n ? Value::number(static_cast<double>(c.positive) / static_cast<double>(c.n)) : Value());
                rr.set("mean", c.n ? Value::number(c.sum / static_cast<double>(c.n)) : Value());
                if (c.n && rounded != 100) {
                    std::string note = "Andelene summerer til " + std::to_string(rounded) + " pct. på grund af afrunding.";
                    rr.set("rounding_note", Value::string(note));
                    cx.finding(a.id, item + ", runde " + rl + ": " + note);
                }
                rv.push(std::move(rr));
            }
            iv.set("rounds", std::move(rv));
            items.set(item, std::move(iv));
        }

    // Ratings per element, pooled and per municipality.
    auto rate = [&](const project::FidelityElement& el, const std::string& m) {
        double acc = 0;
        size_t parts = 0, n = 0;
        for (const auto& item : el.items) {
            Cell pooled;
            for (const auto& [key, rl] : roundKeys) {
                if (s.ratingRound == "last" && rl != roundKeys.back().second) continue;
                auto it = tally[item][rl].find(m);
                if (it == tally[item][rl].end()) continue;
                pooled.n += it->second.n;
                pooled.positive += it->second.positive;
                pooled.sum += it->second.sum;
            }
            if (!pooled.n) continue;
            acc += s.measure == "share" ? static_cast<double>(pooled.positive) / static_cast<double>(pooled.n)
                                        : pooled.sum / static_cast<double>(pooled.n);
            ++parts;
            n = std::max(n, pooled.n);
        }
        Value r = Value::object();
        if (!parts) {
            r.set("value", Value());
            r.set("label", Value::string("Ingen data"));
            r.set("color", Value::string("grey"));
            return r;
        }
        double value = acc / static_cast<double>(parts);
        const project::RatingLevel& lv = levelFor(s, value);
        r.set("value", Value::number(value));
        r.set("n", Value::integer(static_cast<long long>(n)));
        r.set("label", Value::string(lv.label));
        r.set("color", Value::string(lv.color));
        r.set("rule_label", Value::string(lv.label));
        r.set("overridden", Value::boolean(false));
        for (const auto& o : s.overrides) {
            if (o.element != el.id || core::normalizeLabel(o.municipality) != core::normalizeLabel(m)) continue;
            for (const auto& l : s.levels)
                if (l.label == o.rating) {
                    r.set("label", Value::string(l.label));
                    r.set("color", Value::string(l.color));
                }
            r.set("overridden", Value::boolean(true));
            r.set("reason", Value::string(o.reason));
        }
        return r;
    };

    Value v = Value::object();
    v.set("label", Value::string(a.label));
    Value rl = Value::array();
    for (const auto& [k, l] : roundKeys) rl.push(Value::string(l));
    v.set("rounds", std::move(rl));
    Value ml = Value::array();
    for (const auto& m : municipalities) ml.push(Value::string(m));
    v.set("municipalities", std::move(ml));
    Value els = Value::array();
    for (const auto& el : s.elements) {
        Value e = Value::object();
        e.set("id", Value::string(el.id));
        e.set("label", Value::string(el.label));
        Value its = Value::array();
        for (const auto& i : el.items) its.push(Value::string(i));
        e.set("items", std::move(its));
        e.set("rating", rate(el, ""));
        Value per = Value::array();
        for (const auto& m : municipalities) {
            Value r = rate(el, m);
            r.set("municipality", Value::string(m));
            per.push(std::move(r));
        }
        e.set("by_municipality", std::move(per));
        els.push(std::move(e));
    }
    v.set("elements", std::move(els));
    v.set("items", std::move(items));
    return v;
}

}  // namespace stats
