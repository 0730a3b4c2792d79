#include "figures/Exhibits.hpp"

#include "core/Utf8.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "charts/GroupedBars.hpp"
#include "charts/Palette.hpp"
#include "charts/BeforeAfter.hpp"
#include "charts/ChangeBars.hpp"
#include "charts/FlowChart.hpp"
#include "charts/LikertBars.hpp"
#include "charts/MeanBars.hpp"
#include "charts/StackedBars.hpp"
#include "charts/TrafficLightMatrix.hpp"
#include "charts/TrendLine.hpp"
#include "core/Format.hpp"
#include "figures/EconomicsExhibits.hpp"

namespace figures {

using core::Value;

const Figure* Exhibits::figure(const std::string& id) const {
    for (const auto& f : figures)
        if (f.id == id) return &f;
    return nullptr;
}

const TableModel* Exhibits::table(const std::string& id) const {
    for (const auto& t : tables)
        if (t.id == id) return &t;
    return nullptr;
}

Value Exhibits::toValue() const {
    Value v = Value::object();
    Value f = Value::object();
    for (const auto& fig : figures) f.set(fig.id, fig.data);
    Value t = Value::object();
    for (const auto& tab : tables) t.set(tab.id, tab.data);
    v.set("figures", std::move(f));
    v.set("tables", std::move(t));
    return v;
}

namespace {

const Value& source(const project::ExhibitSpec& e, const Value& stats, const std::string& id, const char* needKey) {
    const Value* v = stats.find(id);
    if (!v) {
        std::string known;
        for (const auto& [k, _] : stats.items())
            if (k != "scope") known += (known.empty() ? "" : ", ") + k;
        throw core::Error(e.where, "'" + e.id + "' uses unknown stats id '" + id + "'", "known ids: " + known);
    }
    if (needKey && !v->find(needKey))
        throw core::Error(e.where, "stats id '" + id + "' used by '" + e.id + "' is not the right kind for '" + e.kind + "'");
    return *v;
}

charts::Cell cell(const Value* v, long n) {
    charts::Cell c;
    c.n = n;
    if (!v || v->isNull()) {
        c.suppressed = true;
        c.shown = "–";
    } else if (v->isSuppressed()) {
        c.suppressed = true;
        c.shown = v->asString();
    } else {
        c.value = v->asNumber();
    }
    return c;
}

long countOf(const Value* v) { return v && v->isNumber() ? static_cast<long>(v->asNumber()) : -1; }

std::string cellText(const Value* v, int decimals, bool signedNum = false) {
    if (!v || v->isNull()) return "–";
    if (v->isSuppressed()) return v->asString();
    return signedNum ? core::formatSigned(v->asNumber(), decimals) : core::formatNumber(v->asNumber(), decimals);
}

std::string label(const project::ExhibitSpec& e, size_t i, const char* def) {
    return i < e.labels.size() ? e.labels[i] : def;
}

Figure pairedMeans(const project::ExhibitSpec& e, const Value& stats) {
    charts::GroupedBarsData d;
    d.series = {label(e, 0, "Første måling"), label(e, 1, "Seneste måling")};
    d.decimals = 0;
    Value data = Value::object();
    data.set("kind", Value::string(e.kind));
    Value groups = Value::array();
    double axisMax = 0;
    for (const auto& id : e.sources) {
        const Value& a = source(e, stats, id, "mean_first");
        long n = countOf(a.find("n_pairs"));
        d.groups.push_back({a.find("label")->asString(), {cell(a.find("mean_first"), n), cell(a.find("mean_latest"), n)}, n});
        axisMax = std::max(axisMax, a.find("score_max")->asNumber());
        Value g = Value::object();
        g.set("id", Value::string(id));
        g.set("label", *a.find("label"));
        g.set("n", *a.find("n_pairs"));
        g.set("mean_first", *a.find("mean_first"));
        g.set("mean_latest", *a.find("mean_latest"));
        g.set("mean_change", *a.find("mean_change"));
        groups.push(std::move(g));
    }
    d.axisMin = 0;
    d.axisMax = axisMax;
    d.axisLabel = "Gennemsnitlig score";
    data.set("groups", std::move(groups));
    return {e.id, e.title, e.source, e.note, std::make_shared<charts::GroupedBars>(std::move(d)), std::move(data)};
}

Figure changeDistribution(const project::ExhibitSpec& e, const Value& stats) {
    charts::StackedBarsData d;
    d.categories = {label(e, 0, "Fremgang"), label(e, 1, "Status quo"), label(e, 2, "Tilbagegang")};
    d.colors = {charts::palette::improved, charts::palette::unchanged, charts::palette::worsened};
    Value data = Value::object();
    data.set("kind", Value::string(e.kind));
    Value bars = Value::array();
    for (const auto& id : e.sources) {
        const Value& a = source(e, stats, id, "improved");
        charts::StackedBarsData::Bar b;
        b.label = a.find("label")->asString();
        b.n = countOf(a.find("n_pairs"));
        for (const char* k : {"improved", "unchanged", "worsened"}) {
            const Value* v = a.find(k);
            if (v->isSuppressed()) {
                b.suppressed = true;
                b.shown = v->asString();
            } else {
                b.counts.push_back(v->asNumber());
            }
        }
        d.bars.push_back(std::move(b));
        Value bar = Value::object();
        bar.set("id", Value::string(id));
        bar.set("label", *a.find("label"));
        bar.set("n", *a.find("n_pairs"));
        for (const char* k : {"improved", "unchanged", "worsened", "share_improved", "share_unchanged", "share_worsened"})
            bar.set(k, *a.find(k));
        bars.push(std::move(bar));
    }
    data.set("bars", std::move(bars));
    return {e.id, e.title, e.source, e.note, std::make_shared<charts::StackedBars>(std::move(d)), std::move(data)};
}

Figure countBars(const project::ExhibitSpec& e, const Value& stats) {
    // One 100 % bar per count id, segments in category order.
    charts::StackedBarsData d;
    Value data = Value::object();
    data.set("kind", Value::string(e.kind));
    Value bars = Value::array();
    for (const auto& id : e.sources) {
        const Value& c = source(e, stats, id, "categories");
        charts::StackedBarsData::Bar b;
        b.label = c.find("label")->asString();
        b.n = countOf(c.find("base"));
        const Value& cats = *c.find("categories");
        for (size_t i = 0; i < cats.size(); ++i) {
            const Value& cat = cats.elements()[i];
            if (d.categories.size() <= i) d.categories.push_back(cat.find("label")->asString());
            b.counts.push_back(cat.find("n")->isNumber() ? cat.find("n")->asNumber() : 0);
        }
        d.bars.push_back(std::move(b));
        bars.push(c);
    }
    data.set("bars", std::move(bars));
    return {e.id, e.title, e.source, e.note, std::make_shared<charts::StackedBars>(std::move(d)), std::move(data)};
}

long nOf(const Value* v) { return v && v->isNumber() ? static_cast<long>(v->asNumber()) : -1; }

// The shares of one count's categories as horizontal bars (SBST Figur 4.1: closed courses by
// reason), each bar labelled with its percentage; withheld cells are drawn as withheld.
Figure shareBars(const project::ExhibitSpec& e, const Value& stats) {
    const Value& c = source(e, stats, e.sources.at(0), "categories");
    charts::GroupedBarsData d;
    d.series = {""};
    d.horizontal = true;
    d.axisMin = 0;
    d.axisMax = 100;
    d.decimals = 0;
    d.axisLabel = label(e, 0, "Pct.");
    for (const auto& cat : c.find("categories")->elements()) {
        charts::GroupedBarsData::Group g;
        g.label = cat.find("label")->asString();
        g.n = -1;
        charts::Cell cell;
        const Value* share = cat.find("share");
        if (!share || share->isNull()) {
            cell.suppressed = true;
            cell.shown = "–";
        } else if (share->isSuppressed()) {
            cell.suppressed = true;
            cell.shown = share->asString();
        } else {
            cell.value = share->asNumber() * 100;
        }
        g.values.push_back(cell);
        d.groups.push_back(std::move(g));
    }
    Value data = Value::object();
    data.set("kind", Value::string(e.kind));
    data.set("count", c);
    std::string note = e.note;
    if (const Value* base = c.find("base"))
        note += (note.empty() ? "" : " ") + std::string("n = ") + cellText(base, 0) + ".";
    return {e.id, e.title, e.source, note, std::make_shared<charts::GroupedBars>(std::move(d)), std::move(data)};
}

// Likert bars from a distribution: one bar per group of each item (rounds, roles, municipalities),
// with the item as the heading when there are several items.
Figure likert(const project::ExhibitSpec& e, const Value& stats) {
    const Value& d = source(e, stats, e.sources.at(0), "items");
    charts::LikertBarsData c;
    const auto& items = d.find("items")->elements();
    for (const auto& item : items) {
        for (const auto& g : item.find("groups")->elements()) {
            const Value* cats = g.find("categories");
            if (!cats) continue;
            if (c.categories.empty())
                for (const auto& cat : cats->elements()) c.categories.push_back(cat.find("label")->asString());
            charts::LikertBarsData::Bar b;
            bool single = item.find("groups")->size() == 1;
            b.label = items.size() > 1 && single ? item.find("label")->asString() : g.find("label")->asString();
            if (items.size() > 1 && !single) b.group = item.find("label")->asString();
            b.n = nOf(g.find("n"));
            for (const auto& cat : cats->elements()) {
                const Value* n = cat.find("n");
                if (n->isSuppressed() || g.find("n")->isSuppressed()) {
                    b.suppressed = true;
                    b.shown = n->isSuppressed() ? n->asString() : g.find("n")->asString();
                }
                b.counts.push_back(n->isNumber() ? n->asNumber() : 0);
            }
            c.bars.push_back(std::move(b));
        }
    }
    // Scales listed from the positive end ("I meget høj grad" … "Slet ikke") keep their order.
    if (!c.categories.empty()) {
        std::string first = c.categories.front();
        c.positiveFirst = first.find("meget høj") != std::string::npos || first == "Ja" || first == "I høj grad";
    }
    Value data = Value::object();
    data.set("kind", Value::string(e.kind));
    data.set("distribution", d);
    return {e.id, e.title, e.source, e.note, std::make_shared<charts::LikertBars>(std::move(c)), std::move(data)};
}

charts::Cell cellOf(const Value* v, const Value* n) {
    charts::Cell c = cell(v, nOf(n));
    return c;
}

// Means with n on a fixed scale (KORA): one bar per group, "I alt" set apart; with several items
// split by groups (phases), grouped bars with the items as series.
Figure means(const project::ExhibitSpec& e, const Value& stats) {
    const Value& d = source(e, stats, e.sources.at(0), "items");
    const auto& items = d.find("items")->elements();
    Value data = Value::object();
    data.set("kind", Value::string(e.kind));
    data.set("distribution", d);
    double lo = 1, hi = 5;
    if (const Value* cats = items[0].find("groups")->elements()[0].find("categories"); cats && cats->size()) {
        lo = cats->elements().front().find("code")->asNumber();
        hi = cats->elements().back().find("code")->asNumber();
        if (lo > hi) std::swap(lo, hi);
    }
    bool itemsAsBars = items.size() > 1;
    for (const auto& it : items) itemsAsBars = itemsAsBars && it.find("groups")->size() == 1;
    if (itemsAsBars) {
        // Several items without a split (KORA Figur 4.3, 4.4, 4.9): one bar per item.
        charts::MeanBarsData c;
        c.axisMin = lo;
        c.axisMax = hi;
        for (const auto& it : items) {
            const Value& g = it.find("groups")->elements()[0];
            c.bars.push_back({it.find("label")->asString(), cellOf(g.find("mean"), g.find("n"))});
        }
        return {e.id, e.title, e.source, e.note, std::make_shared<charts::MeanBars>(std::move(c)), std::move(data)};
    }
    if (items.size() == 1) {
        charts::MeanBarsData c;
        c.axisMin = lo;
        c.axisMax = hi;
        std::string note = e.note;
        for (const auto& g : items[0].find("groups")->elements()) {
            charts::MeanBarsData::Bar b{g.find("label")->asString(), cellOf(g.find("mean"), g.find("n"))};
            if (const Value* m = g.find("mean_method"); m && m->asString() == "municipalities")
                note += (note.empty() ? "" : " ") + std::string("»I alt« er gennemsnittet af kommunernes gennemsnit.");
            if (b.label == "I alt") c.total = b;
            else c.bars.push_back(std::move(b));
        }
        return {e.id, e.title, e.source, note, std::make_shared<charts::MeanBars>(std::move(c)), std::move(data)};
    }
    charts::GroupedBarsData c;
    c.axisMin = lo;
    c.axisMax = hi;
    c.decimals = 2;
    c.tickDecimals = 2;
    for (const auto& item : items) c.series.push_back(item.find("label")->asString());
    const auto& groups0 = items[0].find("groups")->elements();
    for (size_t gi = 0; gi < groups0.size(); ++gi) {
        charts::GroupedBarsData::Group g;
        g.label = groups0[gi].find("label")->asString();
        g.n = -1;
        for (const auto& item : items) {
            const Value& gv = item.find("groups")->elements()[gi];
            g.values.push_back(cellOf(gv.find("mean"), gv.find("n")));
        }
        c.groups.push_back(std::move(g));
    }
    return {e.id, e.title, e.source, e.note, std::make_shared<charts::GroupedBars>(std::move(c)), std::move(data)};
}

// Paired results as rows: the dimensions of one analysis, or one row per outcome analysis.
std::vector<const Value*> pairedRows(const project::ExhibitSpec& e, const Value& stats) {
    std::vector<const Value*> rows;
    for (const auto& id : e.sources) {
        const Value& a = source(e, stats, id, nullptr);
        if (const Value* dims = a.find("dimensions"))
            for (const auto& d : dims->elements()) rows.push_back(&d);
        else if (a.find("mean_first"))
            rows.push_back(&a);
        else
            throw core::Error(e.where, "stats id '" + id + "' is not a paired analysis, as '" + e.kind + "' needs");
    }
    return rows;
}

Figure beforeAfter(const project::ExhibitSpec& e, const Value& stats) {
    charts::BeforeAfterData c;
    c.beforeLabel = label(e, 0, "Første måling");
    c.afterLabel = label(e, 1, "Seneste måling");
    Value data = Value::object();
    data.set("kind", Value::string(e.kind));
    Value rows = Value::array();
    double lo = 0, hi = 0;
    for (const Value* r : pairedRows(e, stats)) {
        long n = nOf(r->find("n_pairs"));
        c.rows.push_back({r->find("label")->asString(), cell(r->find("mean_first"), n), cell(r->find("mean_latest"), n), n,
                          r->find("stars")->asString()});
        lo = r->find("score_min")->asNumber();
        hi = r->find("score_max")->asNumber();
        rows.push(*r);
    }
    c.axisMin = lo;
    c.axisMax = hi;
    c.decimals = hi > 20 ? 0 : 1;
    data.set("rows", std::move(rows));
    return {e.id, e.title, e.source, e.note, std::make_shared<charts::BeforeAfter>(std::move(c)), std::move(data)};
}

Figure changeBars(const project::ExhibitSpec& e, const Value& stats) {
    charts::ChangeBarsData c;
    c.improvedLabel = label(e, 0, "Fremgang");
    c.unchangedLabel = label(e, 1, "Status quo");
    c.worsenedLabel = label(e, 2, "Tilbagegang");
    Value data = Value::object();
    data.set("kind", Value::string(e.kind));
    Value rows = Value::array();
    for (const Value* r : pairedRows(e, stats)) {
        charts::ChangeBarsData::Row row;
        row.label = r->find("label")->asString();
        row.n = nOf(r->find("n_pairs"));
        for (auto [key, dst] : {std::pair{"improved", &row.improved}, std::pair{"unchanged", &row.unchanged},
                                std::pair{"worsened", &row.worsened}}) {
            const Value* v = r->find(key);
            if (v->isSuppressed()) {
                row.suppressed = true;
                row.shown = v->asString();
            } else {
                *dst = v->asNumber();
            }
        }
        if (r->find("n_pairs")->isSuppressed()) {
            row.suppressed = true;
            row.shown = r->find("n_pairs")->asString();
        }
        c.rows.push_back(std::move(row));
        rows.push(*r);
    }
    data.set("rows", std::move(rows));
    return {e.id, e.title, e.source, e.note, std::make_shared<charts::ChangeBars>(std::move(c)), std::move(data)};
}

Figure trendLine(const project::ExhibitSpec& e, const Value& stats) {
    charts::TrendLineData c;
    const bool perMunicipality = std::find(e.labels.begin(), e.labels.end(), "pr. kommune") != e.labels.end();
    Value data = Value::object();
    data.set("kind", Value::string(e.kind));
    Value series = Value::array();
    bool mean = false;
    for (const auto& id : e.sources) {
        const Value& t = source(e, stats, id, "quarters");
        mean = mean || t.find("measure")->asString() == "mean";
        bool fillPeriods = c.periods.empty();
        if (fillPeriods)
            for (const auto& q : t.find("quarters")->elements()) c.periods.push_back(q.find("label")->asString());
        auto addSeries = [&](const std::string& name, const Value& values, const char* key) {
            charts::TrendLineData::Series s;
            s.label = name;
            for (const auto& q : values.elements()) {
                const Value* v = key ? q.find(key) : &q;
                s.values.push_back(v->isNumber() ? v->asNumber() : std::numeric_limits<double>::quiet_NaN());
                s.shown.push_back(v->isSuppressed() ? v->asString() : "");
            }
            c.series.push_back(std::move(s));
        };
        if (perMunicipality && t.find("by_municipality")) {
            for (const auto& m : t.find("by_municipality")->elements())
                addSeries(m.find("municipality")->asString(), *m.find("values"), nullptr);
        } else {
            addSeries(t.find("label")->asString(), *t.find("quarters"), "value");
        }
        series.push(t);
    }
    c.decimals = mean ? 1 : 0;
    c.valueLabels = c.series.size() == 1 && c.periods.size() <= 16;
    data.set("series", std::move(series));
    return {e.id, e.title, e.source, e.note, std::make_shared<charts::TrendLine>(std::move(c)), std::move(data)};
}

charts::FlowChartData::Branch branchOf(const std::string& label, const Value* n) {
    charts::FlowChartData::Branch b;
    b.label = label;
    if (n && n->isNumber()) b.n = static_cast<long>(n->asNumber());
    else if (n && n->isSuppressed()) b.shown = n->asString();
    return b;
}

// A funnel analysis (steps and the branches leaving them) or a cohort (steps and exclusions).
Figure flow(const project::ExhibitSpec& e, const Value& stats) {
    const Value& f = source(e, stats, e.sources.at(0), "steps");
    charts::FlowChartData c;
    Value data = Value::object();
    data.set("kind", Value::string(e.kind));
    data.set("flow", f);
    auto stepOf = [](const std::string& label, const Value* n) {
        charts::FlowChartData::Step s;
        s.label = label;
        if (n && n->isNumber()) s.n = static_cast<long>(n->asNumber());
        else if (n && n->isSuppressed()) s.shown = n->asString();
        return s;
    };
    if (f.find("exits")) {
        for (const auto& st : f.find("steps")->elements()) c.steps.push_back(stepOf(st.find("label")->asString(), st.find("n")));
        for (const auto& x : f.find("exits")->elements()) {
            size_t after = static_cast<size_t>(x.find("after")->asNumber());
            auto b = branchOf("Ikke videre", x.find("total"));
            for (const auto& cat : x.find("categories")->elements())
                b.parts.push_back(branchOf(cat.find("label")->asString(), cat.find("n")));
            if (after >= 1 && after <= c.steps.size()) c.steps[after - 1].branches.push_back(std::move(b));
        }
    } else {
        // A cohort: registered, then each step; the excluded leave at each step.
        c.steps.push_back(stepOf(label(e, 0, "Registrerede borgere"), f.find("population")));
        for (const auto& st : f.find("steps")->elements()) {
            c.steps.back().branches.push_back(branchOf(st.find("excluded_label")->asString(), st.find("excluded")));
            c.steps.push_back(stepOf(st.find("label")->asString(), st.find("n")));
        }
    }
    return {e.id, e.title, e.source, e.note, std::make_shared<charts::FlowChart>(std::move(c)), std::move(data)};
}

// Fidelity ratings: core elements × municipalities and in all, coloured and worded.
Figure trafficLight(const project::ExhibitSpec& e, const Value& stats) {
    const Value& f = source(e, stats, e.sources.at(0), "elements");
    charts::TrafficLightData c;
    std::vector<std::string> colorNames;
    // Levels in the order the project declares them (best first), from the ratings seen.
    auto colorOf = [](const std::string& name) {
        if (name == "green") return charts::palette::darkGreen;
        if (name == "yellow") return charts::palette::yellow;
        if (name == "red") return charts::palette::vermillion;
        return charts::palette::notRated;
    };
    auto levelIndex = [&](const Value& r) {
        std::string word = r.find("label")->asString();
        std::string color = r.find("color")->asString();
        if (color == "grey" && word == "Ingen data") return -1;
        for (size_t i = 0; i < c.levels.size(); ++i)
            if (c.levels[i].label == word) return static_cast<int>(i);
        c.levels.push_back({word, colorOf(color)});
        return static_cast<int>(c.levels.size() - 1);
    };
    for (const auto& m : f.find("municipalities")->elements()) c.columns.push_back(m.asString());
    c.columns.push_back("Samlet");
    for (const auto& el : f.find("elements")->elements()) {
        charts::TrafficLightData::Row row;
        row.label = el.find("label")->asString();
        for (const auto& r : el.find("by_municipality")->elements()) row.ratings.push_back(levelIndex(r));
        row.ratings.push_back(levelIndex(*el.find("rating")));
        c.rows.push_back(std::move(row));
    }
    // Order the levels green, yellow, red, others (best first) and remap.
    std::vector<charts::TrafficLightData::Level> sorted = c.levels;
    auto rank = [&](const scene::Color& col) {
        if (col == charts::palette::darkGreen) return 0;
        if (col == charts::palette::yellow) return 1;
        if (col == charts::palette::vermillion) return 2;
        return 3;
    };
    std::stable_sort(sorted.begin(), sorted.end(), [&](const auto& a, const auto& b) { return rank(a.color) < rank(b.color); });
    for (auto& row : c.rows)
        for (int& r : row.ratings)
            if (r >= 0) {
                std::string word = c.levels[static_cast<size_t>(r)].label;
                for (size_t i = 0; i < sorted.size(); ++i)
                    if (sorted[i].label == word) r = static_cast<int>(i);
            }
    c.levels = sorted;
    Value data = Value::object();
    data.set("kind", Value::string(e.kind));
    data.set("fidelity", f);
    return {e.id, e.title, e.source, e.note, std::make_shared<charts::TrafficLightMatrix>(std::move(c)), std::move(data)};
}

// One core element's items as Likert bars, one bar per round, the item as heading.
Figure fidelityItems(const project::ExhibitSpec& e, const Value& stats) {
    const Value& f = source(e, stats, e.sources.at(0), "elements");
    const std::string elementId = e.sources.size() > 1 ? e.sources[1] : "";
    charts::LikertBarsData c;
    c.positiveFirst = true;
    const Value* element = nullptr;
    for (const auto& el : f.find("elements")->elements())
        if (el.find("id")->asString() == elementId) element = &el;
    if (!element) throw core::Error(e.where, "no core element '" + elementId + "' in '" + e.sources[0] + "'");
    for (const auto& item : element->find("items")->elements()) {
        const Value& iv = *f.find("items")->find(item.asString());
        for (const auto& r : iv.find("rounds")->elements()) {
            charts::LikertBarsData::Bar b;
            b.label = "Runde " + r.find("round")->asString();
            b.group = iv.find("label")->asString();
            b.n = nOf(r.find("n"));
            for (const auto& cat : r.find("categories")->elements()) {
                if (c.categories.size() < r.find("categories")->size()) c.categories.push_back(cat.find("label")->asString());
                b.counts.push_back(cat.find("n")->asNumber());
            }
            c.bars.push_back(std::move(b));
        }
    }
    Value data = Value::object();
    data.set("kind", Value::string(e.kind));
    data.set("element", *element);
    return {e.id, e.title, e.source, e.note, std::make_shared<charts::LikertBars>(std::move(c)), std::move(data)};
}

TableModel pairedSummary(const project::ExhibitSpec& e, const Value& stats) {
    TableModel t{e.id, e.title, e.source, e.note, {}, {}, {}, {}, Value::object()};
    t.header = {"", "Antal borgere", label(e, 0, "Første måling"), label(e, 1, "Seneste måling"), "Ændring",
                "Fremgang", "Status quo", "Tilbagegang"};
    t.align = {Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right,
               Align::Right};
    Value rows = Value::array();
    for (const auto& id : e.sources) {
        const Value& a = source(e, stats, id, "mean_first");
        t.rows.push_back({a.find("label")->asString(), cellText(a.find("n_pairs"), 0), cellText(a.find("mean_first"), 0),
                          cellText(a.find("mean_latest"), 0), cellText(a.find("mean_change"), 0, true),
                          cellText(a.find("improved"), 0), cellText(a.find("unchanged"), 0),
                          cellText(a.find("worsened"), 0)});
        t.strong.push_back(false);
        rows.push(a);
    }
    t.data.set("kind", Value::string(e.kind));
    t.data.set("rows", std::move(rows));
    return t;
}

// One outcome per municipality: n, first, latest, change and the three categories.
TableModel pairedMunicipalities(const project::ExhibitSpec& e, const Value& stats) {
    TableModel t{e.id, e.title, e.source, e.note, {}, {}, {}, {}, Value::object()};
    const Value& a = source(e, stats, e.sources.at(0), "by_municipality");
    t.header = {label(e, 0, "Kommune"), "Antal borgere", label(e, 1, "Første måling"), label(e, 2, "Seneste måling"),
                "Ændring", "Fremgang", "Status quo", "Tilbagegang"};
    t.align = {Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right};
    for (const auto& r : a.find("by_municipality")->elements()) {
        t.rows.push_back({r.find("municipality")->asString(), cellText(r.find("n_pairs"), 0), cellText(r.find("mean_first"), 0),
                          cellText(r.find("mean_latest"), 0), cellText(r.find("mean_change"), 0, true),
                          cellText(r.find("improved"), 0), cellText(r.find("unchanged"), 0), cellText(r.find("worsened"), 0)});
        t.strong.push_back(r.find("municipality")->asString() == "I alt");
    }
    t.data.set("kind", Value::string(e.kind));
    t.data.set("by_municipality", *a.find("by_municipality"));
    return t;
}

TableModel cohortFunnel(const project::ExhibitSpec& e, const Value& stats) {
    TableModel t{e.id, e.title, e.source, e.note, {}, {}, {}, {}, Value::object()};
    t.header = {label(e, 0, "Trin"), label(e, 1, "Antal borgere"), label(e, 2, "Fravalgt")};
    t.align = {Align::Left, Align::Right, Align::Right};
    const Value& c = source(e, stats, e.sources.at(0), "steps");
    t.rows.push_back({label(e, 3, "Registrerede borgere"), cellText(c.find("population"), 0), ""});
    t.strong.push_back(false);
    const Value& steps = *c.find("steps");
    for (const auto& s : steps.elements()) {
        t.rows.push_back({s.find("label")->asString(), cellText(s.find("n"), 0), cellText(s.find("excluded"), 0)});
        t.strong.push_back(false);
    }
    t.rows.push_back({label(e, 4, "I analysen"), cellText(c.find("n"), 0), ""});
    t.strong.push_back(true);
    t.data.set("kind", Value::string(e.kind));
    t.data.set("cohort", c);
    return t;
}

TableModel countsTable(const project::ExhibitSpec& e, const Value& stats) {
    TableModel t{e.id, e.title, e.source, e.note, {}, {}, {}, {}, Value::object()};
    const Value& c = source(e, stats, e.sources.at(0), "categories");
    t.header = {label(e, 0, c.find("label")->asString().c_str()), label(e, 1, "Antal"), label(e, 2, "Andel (pct.)")};
    t.align = {Align::Left, Align::Right, Align::Right};
    for (const auto& cat : c.find("categories")->elements()) {
        t.rows.push_back({cat.find("label")->asString(), cellText(cat.find("n"), 0),
                          cat.find("share")->isNumber() ? core::formatPercent(cat.find("share")->asNumber(), 0)
                                                        : cellText(cat.find("share"), 0)});
        t.strong.push_back(false);
    }
    t.rows.push_back({"I alt", cellText(c.find("base"), 0), c.find("base")->asNumber() > 0 ? "100" : "–"});
    t.strong.push_back(true);
    t.data.set("kind", Value::string(e.kind));
    t.data.set("count", c);
    return t;
}

// Key figures: the quarter before, the quarter, and the change.
TableModel keyFiguresTable(const project::ExhibitSpec& e, const Value& stats) {
    TableModel t{e.id, e.title, e.source, e.note, {}, {}, {}, {}, Value::object()};
    const Value& k = source(e, stats, e.sources.at(0), "rows");
    t.header = {label(e, 0, ""), k.find("previous_label")->asString(), k.find("period_label")->asString(), "Ændring"};
    t.align = {Align::Left, Align::Right, Align::Right, Align::Right};
    for (const auto& r : k.find("rows")->elements()) {
        t.rows.push_back({r.find("label")->asString(), cellText(r.find("previous"), 0), cellText(r.find("current"), 0),
                          cellText(r.find("change"), 0, true)});
        t.strong.push_back(false);
    }
    t.data.set("kind", Value::string(e.kind));
    t.data.set("keyfigures", k);
    return t;
}

// The quarter's key figures per municipality, side by side, with the project total.
TableModel keyFiguresByMunicipality(const project::ExhibitSpec& e, const Value& stats) {
    TableModel t{e.id, e.title, e.source, e.note, {}, {}, {}, {}, Value::object()};
    const Value& k = source(e, stats, e.sources.at(0), "rows");
    t.header = {label(e, 0, "")};
    t.align = {Align::Left};
    if (const Value* m = k.find("municipalities"))
        for (const auto& name : m->elements()) {
            t.header.push_back(name.asString());
            t.align.push_back(Align::Right);
        }
    t.header.push_back("I alt");
    t.align.push_back(Align::Right);
    if (const Value* rows = k.find("by_municipality"))
        for (const auto& r : rows->elements()) {
            std::vector<std::string> row{r.find("label")->asString()};
            for (const auto& v : r.find("values")->elements()) row.push_back(cellText(&v, 0));
            row.push_back(cellText(r.find("total"), 0));
            t.rows.push_back(row);
            t.strong.push_back(false);
        }
    t.data.set("kind", Value::string(e.kind));
    t.data.set("keyfigures", k);
    return t;
}

std::string pctText(const Value* v) {
    if (!v || v->isNull()) return "–";
    if (v->isSuppressed()) return v->asString();
    return core::formatPercent(v->asNumber(), 0);
}

// A distribution as a table: one row per category (and collapsed category), one column of
// shares per group, with n and the mean at the foot.
TableModel distributionTable(const project::ExhibitSpec& e, const Value& stats) {
    TableModel t{e.id, e.title, e.source, e.note, {}, {}, {}, {}, Value::object()};
    const Value& d = source(e, stats, e.sources.at(0), "items");
    // Columns: the groups of a single item (rounds, roles, phases), or the items themselves when
    // each has a single group.
    std::vector<std::pair<std::string, const Value*>> columns;
    const auto& items = d.find("items")->elements();
    bool itemsAsColumns = items.size() > 1;
    for (const auto& it : items) itemsAsColumns = itemsAsColumns && it.find("groups")->size() == 1;
    if (itemsAsColumns)
        for (const auto& it : items) columns.emplace_back(it.find("label")->asString(), &it.find("groups")->elements()[0]);
    else
        for (const auto& g : items.at(0).find("groups")->elements()) columns.emplace_back(g.find("label")->asString(), &g);
    t.header = {label(e, 0, "Svar (pct.)")};
    t.align = {Align::Left};
    for (const auto& [name, g] : columns) {
        t.header.push_back(name);
        t.align.push_back(Align::Right);
    }
    const Value* first = columns.empty() ? nullptr : columns[0].second;
    auto addRows = [&](const char* key) {
        if (!first || !first->find(key)) return;
        for (size_t i = 0; i < first->find(key)->size(); ++i) {
            std::vector<std::string> row{first->find(key)->elements()[i].find("label")->asString()};
            for (const auto& [name, g] : columns) row.push_back(pctText(g->find(key)->elements()[i].find("share")));
            t.rows.push_back(row);
            t.strong.push_back(false);
        }
    };
    addRows("categories");
    addRows("collapsed");
    std::vector<std::string> n{"Antal svar (n)"};
    for (const auto& [name, g] : columns) n.push_back(cellText(g->find("n"), 0));
    t.rows.push_back(n);
    t.strong.push_back(true);
    if (first && first->find("mean")) {
        std::vector<std::string> m{"Gennemsnit"};
        for (const auto& [name, g] : columns) m.push_back(cellText(g->find("mean"), 2));
        t.rows.push_back(m);
        t.strong.push_back(false);
    }
    std::vector<std::string> notes;
    for (const auto& [name, g] : columns)
        if (const Value* r = g->find("rounding_note")) notes.push_back(name + ": " + r->asString());
    for (const auto& nt : notes) t.note += (t.note.empty() ? "" : " ") + nt;
    t.data.set("kind", Value::string(e.kind));
    t.data.set("distribution", d);
    return t;
}

// Datagrundlag: measures × municipalities with an "I alt" column.
TableModel basisTable(const project::ExhibitSpec& e, const Value& stats) {
    TableModel t{e.id, e.title, e.source, e.note, {}, {}, {}, {}, Value::object()};
    const Value& b = source(e, stats, e.sources.at(0), "rows");
    t.header = {label(e, 0, "")};
    t.align = {Align::Left};
    for (const auto& m : b.find("municipalities")->elements()) {
        t.header.push_back(m.asString());
        t.align.push_back(Align::Right);
    }
    t.header.push_back("I alt");
    t.align.push_back(Align::Right);
    for (const auto& r : b.find("rows")->elements()) {
        std::vector<std::string> row{r.find("label")->asString()};
        for (const auto& v : r.find("values")->elements()) row.push_back(cellText(&v, 0));
        row.push_back(cellText(r.find("total"), 0));
        t.rows.push_back(row);
        t.strong.push_back(false);
    }
    if (const Value* rr = b.find("response_rate")) {
        std::vector<std::string> row{"Svarprocent (pct.)"};
        for (const auto& v : rr->elements()) row.push_back(pctText(&v));
        t.rows.push_back(row);
        t.strong.push_back(false);
    }
    t.data.set("kind", Value::string(e.kind));
    t.data.set("datagrundlag", b);
    return t;
}

// Funnel: steps with n and share of the first, then the exits.
TableModel funnelTable(const project::ExhibitSpec& e, const Value& stats) {
    TableModel t{e.id, e.title, e.source, e.note, {}, {}, {}, {}, Value::object()};
    const Value& f = source(e, stats, e.sources.at(0), "steps");
    t.header = {label(e, 0, "Trin"), label(e, 1, "Antal"), label(e, 2, "Andel af første trin (pct.)")};
    t.align = {Align::Left, Align::Right, Align::Right};
    for (const auto& s : f.find("steps")->elements()) {
        t.rows.push_back({s.find("label")->asString(), cellText(s.find("n"), 0), pctText(s.find("share_of_first"))});
        t.strong.push_back(false);
    }
    for (const auto& x : f.find("exits")->elements())
        for (const auto& c : x.find("categories")->elements()) {
            t.rows.push_back({"Ikke videre efter »" + x.find("step")->asString() + "«: " + c.find("label")->asString(),
                              cellText(c.find("n"), 0), ""});
            t.strong.push_back(false);
        }
    t.data.set("kind", Value::string(e.kind));
    t.data.set("funnel", f);
    return t;
}

// Fidelity ratings: core elements × municipalities (and all), with the rating's words.
TableModel fidelityTable(const project::ExhibitSpec& e, const Value& stats) {
    TableModel t{e.id, e.title, e.source, e.note, {}, {}, {}, {}, Value::object()};
    const Value& f = source(e, stats, e.sources.at(0), "elements");
    t.header = {label(e, 0, "Kerneelement")};
    t.align = {Align::Left};
    for (const auto& m : f.find("municipalities")->elements()) {
        t.header.push_back(m.asString());
        t.align.push_back(Align::Left);
    }
    t.header.push_back("Samlet");
    t.align.push_back(Align::Left);
    std::vector<std::string> reasons;
    for (const auto& el : f.find("elements")->elements()) {
        std::vector<std::string> row{el.find("label")->asString()};
        auto cell = [&](const Value& r) {
            std::string s = r.find("label")->asString();
            if (const Value* o = r.find("overridden"); o && o->asBool()) {
                s += "*";
                reasons.push_back(el.find("label")->asString() + ": " + r.find("reason")->asString());
            }
            return s;
        };
        for (const auto& r : el.find("by_municipality")->elements()) row.push_back(cell(r));
        row.push_back(cell(*el.find("rating")));
        t.rows.push_back(row);
        t.strong.push_back(false);
    }
    if (!reasons.empty()) {
        std::string n = "* Vurderingen er fastsat af evaluator: ";
        for (size_t i = 0; i < reasons.size(); ++i) n += (i ? "; " : "") + reasons[i];
        t.note = t.note.empty() ? n + "." : t.note + " " + n + ".";
    }
    t.data.set("kind", Value::string(e.kind));
    t.data.set("fidelity", f);
    return t;
}

// One core element's items: shares per answer level in each round, with n (as Tabel 7-3).
TableModel fidelityItemsTable(const project::ExhibitSpec& e, const Value& stats) {
    TableModel t{e.id, e.title, e.source, e.note, {}, {}, {}, {}, Value::object()};
    const Value& f = source(e, stats, e.sources.at(0), "elements");
    const std::string elementId = e.sources.size() > 1 ? e.sources[1] : "";
    const Value* element = nullptr;
    for (const auto& el : f.find("elements")->elements())
        if (el.find("id")->asString() == elementId) element = &el;
    if (!element) throw core::Error(e.where, "no core element '" + elementId + "' in '" + e.sources[0] + "'");
    bool headerDone = false;
    std::vector<std::string> notes;
    for (const auto& item : element->find("items")->elements()) {
        const Value& iv = *f.find("items")->find(item.asString());
        for (const auto& r : iv.find("rounds")->elements()) {
            if (!headerDone) {
                t.header = {"Spørgsmål og runde"};
                t.align = {Align::Left};
                for (const auto& c : r.find("categories")->elements()) {
                    t.header.push_back(c.find("label")->asString());
                    t.align.push_back(Align::Right);
                }
                t.header.push_back("n");
                t.align.push_back(Align::Right);
                headerDone = true;
            }
            std::vector<std::string> row{iv.find("label")->asString() + ", runde " + r.find("round")->asString()};
            for (const auto& c : r.find("categories")->elements()) row.push_back(pctText(c.find("share")));
            row.push_back(cellText(r.find("n"), 0));
            t.rows.push_back(row);
            t.strong.push_back(false);
        }
    }
    if (t.note.empty()) t.note = "Andele i pct. af gyldige svar; afrundede andele kan summere til 99 eller 101.";
    t.data.set("kind", Value::string(e.kind));
    t.data.set("element", *element);
    return t;
}

// Paired results per dimension (Recovery Star): n, before, after, change and stars.
// Means of several items side by side: one row per item, one column per group (staff role,
// phase, municipality), each cell the mean with its n, e.g. "3,81 (277)". The compact form of
// a set of KORA mean figures, for a status note.
TableModel meansTable(const project::ExhibitSpec& e, const Value& stats) {
    TableModel t{e.id, e.title, e.source, e.note, {}, {}, {}, {}, Value::object()};
    std::vector<std::string> groups;
    struct Row {
        std::string label;
        std::vector<std::pair<std::string, const Value*>> cells;
        bool heading = false;  // the analysis a run of items belongs to
    };
    std::vector<Row> rows;
    bool byMunicipality = false;
    Value data = Value::array();
    for (const auto& id : e.sources) {
        const Value& d = source(e, stats, id, "items");
        data.push(d);
        const auto& items = d.find("items")->elements();
        if (items.size() > 1 && d.find("label")) rows.push_back({d.find("label")->asString(), {}, true});
        for (const auto& it : items) {
            Row r;
            r.label = items.size() == 1 && d.find("label") ? d.find("label")->asString() : it.find("label")->asString();
            const auto& gs = it.find("groups")->elements();
            for (const auto& g : gs) {
                // An item without a split has one group: its total, shown under "I alt".
                std::string gl = gs.size() == 1 ? "I alt" : g.find("label")->asString();
                if (const Value* m = g.find("mean_method"); m && m->asString() == "municipalities") byMunicipality = true;
                if (std::find(groups.begin(), groups.end(), gl) == groups.end()) groups.push_back(gl);
                r.cells.emplace_back(gl, &g);
            }
            rows.push_back(std::move(r));
        }
    }
    // "I alt" last, as in the figures.
    if (auto it = std::find(groups.begin(), groups.end(), "I alt"); it != groups.end()) {
        groups.erase(it);
        groups.push_back("I alt");
    }
    t.header = {label(e, 0, "Spørgsmål")};
    t.align = {Align::Left};
    for (const auto& g : groups) {
        t.header.push_back(g);
        t.align.push_back(Align::Right);
    }
    for (const auto& r : rows) {
        std::vector<std::string> cells{r.label};
        if (r.heading) {
            cells.resize(groups.size() + 1);
            t.rows.push_back(std::move(cells));
            t.strong.push_back(true);
            continue;
        }
        for (const auto& g : groups) {
            std::string text = "–";
            for (const auto& [gl, v] : r.cells)
                if (gl == g) {
                    text = cellText(v->find("mean"), 2);
                    if (const Value* n = v->find("n"); n && !n->isNull()) text += " (" + cellText(n, 0) + ")";
                }
            cells.push_back(std::move(text));
        }
        t.rows.push_back(std::move(cells));
        t.strong.push_back(false);
    }
    if (byMunicipality)
        t.note += (t.note.empty() ? "" : " ") + std::string("»I alt« er gennemsnittet af kommunernes gennemsnit.");
    t.data.set("kind", Value::string(e.kind));
    t.data.set("sources", std::move(data));
    return t;
}

// Attrition (frafald): the baseline of those in the outcome analysis against those with a
// baseline but no follow-up, per outcome, with the difference and Welch's p-value.
TableModel attritionTable(const project::ExhibitSpec& e, const Value& stats) {
    TableModel t{e.id, e.title, e.source, e.note, {}, {}, {}, {}, Value::object()};
    t.header = {"", label(e, 0, "I analysen: antal"), label(e, 1, "Gns. ved start"), label(e, 2, "Uden opfølgning: antal"),
                label(e, 3, "Gns. ved start"), "Forskel", "p-værdi"};
    t.align = {Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right};
    Value rows = Value::array();
    for (const auto& id : e.sources) {
        const Value& a = source(e, stats, id, "attrition");
        const Value& at = *a.find("attrition");
        const Value& w = *at.find("with_followup");
        const Value& o = *at.find("without_followup");
        const Value* p = at.find("welch_p_value");
        std::string pText = !p || p->isNull() ? "–" : p->isSuppressed() ? p->asString()
                                                 : p->asNumber() < 0.001 ? "<0,001" : core::formatNumber(p->asNumber(), 3);
        t.rows.push_back({a.find("label")->asString(), cellText(w.find("n"), 0), cellText(w.find("mean_baseline"), 1),
                          cellText(o.find("n"), 0), cellText(o.find("mean_baseline"), 1),
                          cellText(at.find("difference"), 1, true), pText});
        t.strong.push_back(false);
        Value r = at;
        r.set("id", Value::string(id));
        rows.push(std::move(r));
    }
    t.data.set("kind", Value::string(e.kind));
    t.data.set("rows", std::move(rows));
    return t;
}

// A trend as a table (the numbers behind a trend figure): one row per quarter, one column per
// series; with labels ["pr. kommune"] one column per municipality and the project last.
TableModel trendTable(const project::ExhibitSpec& e, const Value& stats) {
    TableModel t{e.id, e.title, e.source, e.note, {}, {}, {}, {}, Value::object()};
    const bool perMunicipality = std::find(e.labels.begin(), e.labels.end(), "pr. kommune") != e.labels.end();
    t.header = {"Kvartal"};
    t.align = {Align::Left};
    struct Column {
        const Value* values;  // array over quarters
        const char* key;      // field of each element, or nullptr for the element itself
        int decimals;
    };
    std::vector<Column> columns;
    const Value* periods = nullptr;
    Value data = Value::array();
    for (const auto& id : e.sources) {
        const Value& s = source(e, stats, id, "quarters");
        data.push(s);
        const int dec = s.find("measure")->asString() == "mean" ? 1 : 0;
        if (!periods) periods = s.find("quarters");
        if (perMunicipality && s.find("by_municipality")) {
            for (const auto& m : s.find("by_municipality")->elements()) {
                t.header.push_back(m.find("municipality")->asString());
                columns.push_back({m.find("values"), nullptr, dec});
            }
            t.header.push_back("I alt");
        } else {
            t.header.push_back(s.find("label")->asString());
        }
        columns.push_back({s.find("quarters"), "value", dec});
    }
    for (size_t q = 0; periods && q < periods->size(); ++q) {
        std::vector<std::string> row{periods->elements()[q].find("label")->asString()};
        for (const auto& c : columns) {
            const Value* v = q < c.values->size() ? &c.values->elements()[q] : nullptr;
            if (v && c.key) v = v->find(c.key);
            row.push_back(cellText(v, c.decimals));
        }
        t.rows.push_back(std::move(row));
        t.strong.push_back(false);
    }
    for (size_t i = 1; i < t.header.size(); ++i) t.align.push_back(Align::Right);
    t.data.set("kind", Value::string(e.kind));
    t.data.set("series", std::move(data));
    return t;
}

// One quarter of several trends side by side per municipality (the quarterly report's "the
// current quarter per municipality"): rows are the trends, columns the municipalities and
// "I alt". The quarter is the report's period, else the latest with data; "{quarter}" in the
// title is its label.
TableModel trendQuarterTable(const project::ExhibitSpec& e, const Value& stats) {
    TableModel t{e.id, e.title, e.source, e.note, {}, {}, {}, {}, Value::object()};
    std::string wanted;
    if (const Value* scope = stats.find("scope"))
        if (const Value* p = scope->find("period"); p && p->isString()) wanted = p->asString();
    std::string quarterLabel;
    std::vector<std::string> municipalities;
    Value data = Value::array();
    for (const auto& id : e.sources) {
        const Value& s = source(e, stats, id, "quarters");
        const auto& qs = s.find("quarters")->elements();
        if (qs.empty()) continue;
        size_t qi = qs.size() - 1;
        for (size_t i = 0; i < qs.size(); ++i)
            if (!wanted.empty() && qs[i].find("quarter")->asString() == wanted) qi = i;
        if (quarterLabel.empty()) quarterLabel = qs[qi].find("label")->asString();
        const int dec = s.find("measure")->asString() == "mean" ? 1 : 0;
        std::vector<std::string> row{s.find("label")->asString()};
        Value r = Value::object();
        r.set("id", Value::string(id));
        r.set("quarter", *qs[qi].find("quarter"));
        if (const Value* bm = s.find("by_municipality")) {
            Value cells = Value::object();
            for (const auto& m : bm->elements()) {
                const std::string name = m.find("municipality")->asString();
                if (std::find(municipalities.begin(), municipalities.end(), name) == municipalities.end())
                    municipalities.push_back(name);
                const Value* v = qi < m.find("values")->size() ? &m.find("values")->elements()[qi] : nullptr;
                row.push_back(cellText(v, dec));
                if (v) cells.set(name, *v);
            }
            r.set("by_municipality", std::move(cells));
        }
        row.push_back(cellText(qs[qi].find("value"), dec));
        r.set("value", *qs[qi].find("value"));
        data.push(std::move(r));
        t.rows.push_back(std::move(row));
        t.strong.push_back(false);
    }
    t.header = {label(e, 0, "")};
    for (const auto& m : municipalities) t.header.push_back(m);
    t.header.push_back("I alt");
    t.align.assign(t.header.size(), Align::Right);
    t.align[0] = Align::Left;
    for (size_t p; (p = t.title.find("{quarter}")) != std::string::npos;) t.title.replace(p, 9, quarterLabel);
    t.data.set("kind", Value::string(e.kind));
    t.data.set("rows", std::move(data));
    return t;
}

TableModel dimensionsTable(const project::ExhibitSpec& e, const Value& stats) {
    TableModel t{e.id, e.title, e.source, e.note, {}, {}, {}, {}, Value::object()};
    const Value& a = source(e, stats, e.sources.at(0), "dimensions");
    t.header = {label(e, 0, "Dimension"), "Antal borgere", label(e, 1, "Før"), label(e, 2, "Efter"), "Ændring", "Fremgang",
                "Uændret", "Tilbagegang"};
    t.align = {Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right};
    for (const auto& d : a.find("dimensions")->elements()) {
        t.rows.push_back({d.find("label")->asString(), cellText(d.find("n_pairs"), 0), cellText(d.find("mean_first"), 1),
                          cellText(d.find("mean_latest"), 1),
                          cellText(d.find("mean_change"), 1, true) + d.find("stars")->asString(),
                          cellText(d.find("improved"), 0), cellText(d.find("unchanged"), 0), cellText(d.find("worsened"), 0)});
        t.strong.push_back(false);
    }
    t.data.set("kind", Value::string(e.kind));
    t.data.set("dimensions", a);
    return t;
}

}  // namespace

namespace {
std::optional<project::ExhibitSpec> expandRoles(const project::ExhibitSpec& e, const Roles& roles) {
    project::ExhibitSpec out = e;
    out.sources.clear();
    for (const auto& s : e.sources) {
        if (s.empty() || s[0] != '@') {
            out.sources.push_back(s);
            continue;
        }
        for (const auto& [name, ids] : roles)
            if (name == s.substr(1)) out.sources.insert(out.sources.end(), ids.begin(), ids.end());
    }
    if (out.sources.empty()) return std::nullopt;
    return out;
}
}  // namespace

// An `each` spec becomes one spec per source: id "name:source", "{label}" filled in.
std::vector<project::ExhibitSpec> perSource(const project::ExhibitSpec& e, const Value& stats) {
    if (!e.each) return {e};
    std::vector<project::ExhibitSpec> out;
    if (e.kind == "fidelity_items") {  // figure or table: one per core element
        // One figure per core element of each fidelity analysis: "name:element".
        for (const auto& src : e.sources) {
            const Value* f = stats.find(src);
            if (!f || !f->find("elements")) continue;
            for (const auto& el : f->find("elements")->elements()) {
                project::ExhibitSpec one = e;
                one.id = e.id + ":" + el.find("id")->asString();
                one.sources = {src, el.find("id")->asString()};
                one.each = false;
                for (size_t p; (p = one.title.find("{label}")) != std::string::npos;)
                    one.title.replace(p, 7, el.find("label")->asString());
                out.push_back(std::move(one));
            }
        }
        return out;
    }
    for (const auto& src : e.sources) {
        project::ExhibitSpec one = e;
        one.id = e.id + ":" + src;
        one.sources = {src};
        one.each = false;
        const Value* v = stats.find(src);
        std::string label = v && v->find("label") ? v->find("label")->asString() : src;
        for (size_t p; (p = one.title.find("{label}")) != std::string::npos;) one.title.replace(p, 7, label);
        // "{label_lower}" inside a sentence: "Borgerne fordelt på køn"; an abbreviation ("WHO-5")
        // keeps its capitals.
        std::string lower = label;
        if (lower.size() > 1 && std::isupper(static_cast<unsigned char>(lower[0])) &&
            !std::isupper(static_cast<unsigned char>(lower[1])))
            lower[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[0])));
        else if (lower.rfind("Æ", 0) == 0 || lower.rfind("Ø", 0) == 0 || lower.rfind("Å", 0) == 0)
            lower = core::foldCase(lower.substr(0, 2)) + lower.substr(2);
        for (size_t p; (p = one.title.find("{label_lower}")) != std::string::npos;) one.title.replace(p, 13, lower);
        out.push_back(std::move(one));
    }
    return out;
}

namespace {

Figure buildFigure(const project::ExhibitSpec& f, const Value& stats) {
    if (f.kind == "paired_means") return pairedMeans(f, stats);
    if (f.kind == "change_distribution") return changeDistribution(f, stats);
    if (f.kind == "count_bars") return countBars(f, stats);
    if (f.kind == "likert") return likert(f, stats);
    if (f.kind == "means") return means(f, stats);
    if (f.kind == "before_after") return beforeAfter(f, stats);
    if (f.kind == "change") return changeBars(f, stats);
    if (f.kind == "trend") return trendLine(f, stats);
    if (f.kind == "shares") return shareBars(f, stats);
    if (f.kind == "flow") return flow(f, stats);
    if (f.kind == "traffic_light") return trafficLight(f, stats);
    if (f.kind == "fidelity_items") return fidelityItems(f, stats);
    if (isEconomicsFigure(f.kind)) return economicsFigure(f, stats);
    throw core::Error(f.where, "figure kind '" + f.kind + "' has no builder");
}

TableModel buildTable(const project::ExhibitSpec& t, const Value& stats) {
    if (t.kind == "paired_summary") return pairedSummary(t, stats);
    if (t.kind == "cohort_funnel") return cohortFunnel(t, stats);
    if (t.kind == "counts") return countsTable(t, stats);
    if (t.kind == "keyfigures") return keyFiguresTable(t, stats);
    if (t.kind == "keyfigures_municipalities") return keyFiguresByMunicipality(t, stats);
    if (t.kind == "distribution") return distributionTable(t, stats);
    if (t.kind == "datagrundlag") return basisTable(t, stats);
    if (t.kind == "funnel") return funnelTable(t, stats);
    if (t.kind == "fidelity") return fidelityTable(t, stats);
    if (t.kind == "dimensions") return dimensionsTable(t, stats);
    if (t.kind == "means") return meansTable(t, stats);
    if (t.kind == "attrition") return attritionTable(t, stats);
    if (t.kind == "trend") return trendTable(t, stats);
    if (t.kind == "trend_quarter") return trendQuarterTable(t, stats);
    if (t.kind == "paired_municipalities") return pairedMunicipalities(t, stats);
    if (t.kind == "fidelity_items") return fidelityItemsTable(t, stats);
    if (isEconomicsTable(t.kind)) return economicsTable(t, stats);
    throw core::Error(t.where, "table kind '" + t.kind + "' has no builder");
}

// Whether an exhibit has data in this report: a business case needs its inputs, and a table per
// municipality needs more than one municipality (a report for one has by_municipality null).
bool applies(const project::ExhibitSpec& e, const Value& stats) {
    if (isEconomicsTable(e.kind)) return economicsTableApplies(e, stats);
    if (e.kind == "paired_municipalities" && !e.sources.empty()) {
        const Value* x = stats.find(e.sources.at(0));
        const Value* by = x ? x->find("by_municipality") : nullptr;
        return !by || !by->isNull();  // unknown sources and kinds are reported by the builder
    }
    return true;
}

// The specs an exhibit expands to, each with the stats it is built from: per source
// ("id:source"), per municipality ("id:<municipality>", from that municipality's stats), or one.
std::vector<std::pair<project::ExhibitSpec, const Value*>> expand(const project::ExhibitSpec& spec, const Value& stats,
                                                                  const Roles& roles, const MunicipalityStats& municipalities) {
    std::vector<std::pair<project::ExhibitSpec, const Value*>> out;
    auto e = expandRoles(spec, roles);
    if (!e) return out;
    if (!e->perMunicipality) {
        for (auto& one : perSource(*e, stats))
            if (applies(one, stats)) out.emplace_back(std::move(one), &stats);
        return out;
    }
    for (const auto& [name, mstats] : municipalities) {
        project::ExhibitSpec one = *e;
        one.id = e->id + ":" + name;
        one.perMunicipality = false;
        for (size_t p; (p = one.title.find("{municipality}")) != std::string::npos;) one.title.replace(p, 14, name);
        out.emplace_back(std::move(one), mstats);
    }
    return out;
}

}  // namespace

Exhibits buildExhibits(const project::TemplateSpec& spec, const Value& stats, const Roles& roles,
                       const MunicipalityStats& municipalities) {
    Exhibits x;
    for (const auto& f : spec.figures)
        for (const auto& [one, s] : expand(f, stats, roles, municipalities)) x.figures.push_back(buildFigure(one, *s));
    for (const auto& t : spec.tables)
        for (const auto& [one, s] : expand(t, stats, roles, municipalities)) x.tables.push_back(buildTable(one, *s));
    return x;
}

}  // namespace figures
