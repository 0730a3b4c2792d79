#include "charts/gallery/Aeldre.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "charts/Palette.hpp"

namespace gallery {

using core::Value;

namespace {

const Value& at(const Value& v, std::string_view key) {
    static const Value null;
    const Value* f = v.find(key);
    return f ? *f : null;
}

charts::Cell cellOf(const Value& v, long n) {
    charts::Cell c;
    c.n = n;
    if (v.isNumber()) c.value = v.asNumber();
    else {
        c.suppressed = true;
        c.shown = v.isSuppressed() ? v.asString() : "–";
    }
    return c;
}

long countOf(const Value& v) { return v.isNumber() ? std::lround(v.asNumber()) : -1; }

// A count for a chart: its number, or `shown` when stats withheld it.
long flowCount(const Value& v, std::string& shown) {
    if (v.isNumber()) return std::lround(v.asNumber());
    shown = v.isSuppressed() ? v.asString() : "–";
    return -1;
}

charts::ChangeBarsData::Row changeRow(const std::string& label, const Value& a) {
    charts::ChangeBarsData::Row r;
    r.label = label;
    r.n = countOf(at(a, "n_pairs"));
    const Value &up = at(a, "improved"), &same = at(a, "unchanged"), &down = at(a, "worsened");
    if (!up.isNumber() || !same.isNumber() || !down.isNumber()) {
        // One withheld category makes every share in the bar disclosive: the whole bar is hatched.
        r.suppressed = true;
        r.shown = "Færre end 5 i en kategori";
        return r;
    }
    r.improved = up.asNumber();
    r.unchanged = same.asNumber();
    r.worsened = down.asNumber();
    return r;
}

// Column by name in a table of the prepared dataset.
const dataset::Column& column(const dataset::Dataset& d, const char* table, const char* name) {
    return *d.table(table)->column(name);
}

// Linear-interpolation quantile of sorted values (R type 7, Excel KVARTIL.MEDTAG).
double quantile(const std::vector<double>& v, double p) {
    double h = (static_cast<double>(v.size()) - 1) * p;
    size_t lo = static_cast<size_t>(std::floor(h));
    size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

charts::BoxPlotData::Box summarise(const std::string& label, std::vector<double> v) {
    charts::BoxPlotData::Box b;
    b.label = label;
    b.n = static_cast<long>(v.size());
    if (v.size() < 5) {
        b.suppressed = true;
        b.shown = "Færre end 5 forløb";
        return b;
    }
    std::sort(v.begin(), v.end());
    b.q1 = quantile(v, 0.25);
    b.median = quantile(v, 0.5);
    b.q3 = quantile(v, 0.75);
    double sum = 0;
    for (double x : v) sum += x;
    b.mean = sum / static_cast<double>(v.size());
    // Tukey's fences: values beyond 1,5 × IQR are outliers; whiskers end at the last value inside.
    const double lo = b.q1 - 1.5 * (b.q3 - b.q1), hi = b.q3 + 1.5 * (b.q3 - b.q1);
    b.min = b.q1;
    b.max = b.q3;
    for (double x : v) {
        if (x < lo || x > hi) b.outliers.push_back(x);
        else b.min = std::min(b.min, x), b.max = std::max(b.max, x);
    }
    return b;
}

}  // namespace

charts::GroupedBarsData aeldreMeansByMunicipality(const AeldreStats& s, const std::string& outcome) {
    charts::GroupedBarsData d;
    d.series = {"Første måling", "Seneste måling"};
    auto group = [&](const std::string& label, const Value& stats) {
        const Value& a = at(stats, outcome);
        long n = countOf(at(a, "n_pairs"));
        return charts::GroupedBarsData::Group{label, {cellOf(at(a, "mean_first"), n), cellOf(at(a, "mean_latest"), n)}, n};
    };
    for (const auto& [name, stats] : s.municipalities) d.groups.push_back(group(name, stats));
    d.groups.push_back(group("Alle kommuner", s.all));
    d.lastApart = true;
    d.axisMin = 0;
    d.axisMax = at(at(s.all, outcome), "score_max").asNumber();
    d.axisLabel = "Gennemsnitlig score (0–100)";
    return d;
}

charts::BeforeAfterData aeldreOutcomes(const AeldreStats& s) {
    charts::BeforeAfterData d;
    for (const char* id : {"who5", "inspire_o", "inspire"}) {
        const Value& a = at(s.all, id);
        long n = countOf(at(a, "n_pairs"));
        d.rows.push_back({at(a, "label").asString(), cellOf(at(a, "mean_first"), n), cellOf(at(a, "mean_latest"), n), n,
                          at(a, "stars").asString()});
    }
    d.axisMin = 0;
    d.axisMax = 100;
    d.decimals = 0;
    d.axisLabel = "Gennemsnitlig score (0–100)";
    return d;
}

charts::ChangeBarsData aeldreChange(const AeldreStats& s) {
    charts::ChangeBarsData d;
    for (const char* id : {"who5", "inspire_o", "inspire"}) d.rows.push_back(changeRow(at(at(s.all, id), "label").asString(), at(s.all, id)));
    return d;
}

charts::ChangeBarsData aeldreChangeByMunicipality(const AeldreStats& s, const std::string& outcome) {
    charts::ChangeBarsData d;
    for (const auto& [name, stats] : s.municipalities) d.rows.push_back(changeRow(name, at(stats, outcome)));
    d.rows.push_back(changeRow("Alle kommuner", at(s.all, outcome)));
    return d;
}

charts::FlowChartData aeldreCohort(const AeldreStats& s) {
    const Value& c = at(s.all, "resultat");
    charts::FlowChartData d;
    charts::FlowChartData::Step first{"Registrerede borgere", -1, "", {}};
    first.n = flowCount(at(c, "population"), first.shown);
    d.steps.push_back(first);
    for (const auto& step : at(c, "steps").elements()) {
        // The branch leaving a step is the exclusion of the next: attach it to the previous box.
        charts::FlowChartData::Branch out{at(step, "excluded_label").asString(), -1, "", {}};
        out.n = flowCount(at(step, "excluded"), out.shown);
        d.steps.back().branches.push_back(out);
        charts::FlowChartData::Step next{at(step, "label").asString(), -1, "", {}};
        next.n = flowCount(at(step, "n"), next.shown);
        d.steps.push_back(next);
    }
    return d;
}

charts::StackedBarsData aeldreStatus(const AeldreStats& s) {
    charts::StackedBarsData d;
    auto bar = [&](const std::string& label, const Value& stats) {
        const Value& st = at(stats, "status");
        charts::StackedBarsData::Bar b;
        b.label = label;
        b.n = countOf(at(st, "base"));
        for (const auto& cat : at(st, "categories").elements()) {
            if (d.categories.size() < at(st, "categories").size()) d.categories.push_back(at(cat, "label").asString());
            const Value& n = at(cat, "n");
            if (n.isNumber()) b.counts.push_back(n.asNumber());
            else b.suppressed = true, b.shown = n.asString();
        }
        return b;
    };
    for (const auto& [name, stats] : s.municipalities) d.bars.push_back(bar(name, stats));
    d.bars.push_back(bar("Alle kommuner", s.all));
    d.colors = {charts::palette::lightBlue, charts::palette::blue};
    return d;
}

charts::TrendLineData aeldreTrend(const Value& stats, const std::string& id) {
    const Value& a = at(stats, id);
    charts::TrendLineData d;
    charts::TrendLineData::Series se;
    for (const auto& q : at(a, "quarters").elements()) {
        d.periods.push_back(at(q, "label").asString());
        const Value& v = at(q, "value");
        se.values.push_back(v.isNumber() ? v.asNumber() : std::nan(""));
        se.shown.push_back(v.isSuppressed() ? v.asString() : "");
    }
    d.series.push_back(std::move(se));
    d.axisLabel = at(a, "measure").asString() == "mean" ? "Gennemsnitlig score" : "Antal";
    return d;
}

namespace {
// One bar per group of a distribution; a withheld category hatches the whole bar.
void addBars(charts::LikertBarsData& d, const Value& groups, const std::string& heading, const std::string& label) {
    for (const auto& g : groups.elements()) {
        charts::LikertBarsData::Bar b;
        b.label = label.empty() ? at(g, "label").asString() : label;
        b.group = heading;
        b.n = countOf(at(g, "n"));
        const Value& cats = at(g, "categories");
        if (d.categories.empty())
            for (const auto& c : cats.elements()) d.categories.push_back(at(c, "label").asString());
        for (const auto& c : cats.elements()) {
            const Value& n = at(c, "n");
            if (n.isNumber()) b.counts.push_back(n.asNumber());
            else b.suppressed = true;
        }
        if (b.suppressed) b.shown = "Færre end 5 i en kategori";
        d.bars.push_back(std::move(b));
    }
}
}  // namespace

charts::LikertBarsData aeldreLikert(const Value& stats, const std::vector<std::string>& ids, bool diverging) {
    charts::LikertBarsData d;
    d.diverging = diverging;
    for (const auto& id : ids) addBars(d, at(at(stats, id), "groups"), at(at(stats, id), "label").asString(), "");
    return d;
}

charts::LikertBarsData aeldreYesNo(const Value& stats, const std::string& id) {
    charts::LikertBarsData d;
    d.positiveFirst = true;  // Ja, Delvist, Nej
    for (const auto& item : at(at(stats, id), "items").elements())
        addBars(d, at(item, "groups"), "", at(item, "label").asString());
    return d;
}

charts::BoxPlotData aeldreMeetingHours(const AeldreStats& s) {
    const auto& id = column(s.data, "borgere", "borger_id");
    const auto& kommune = column(s.data, "borgere", "kommune");
    const auto& status = column(s.data, "borgere", "status");
    const auto& who = column(s.data, "moeder", "borger_id");
    const auto& hours = column(s.data, "moeder", "varighed_timer");
    std::unordered_map<std::string, double> perCitizen;
    for (size_t r = 0; r < s.data.table("moeder")->rows; ++r)
        if (!std::isnan(hours.num[r])) perCitizen[std::string(who.text(r))] += hours.num[r];
    std::map<std::string, std::vector<double>> byMunicipality;
    std::vector<double> all;
    for (size_t r = 0; r < s.data.table("borgere")->rows; ++r) {
        if (status.text(r) != "Afsluttet") continue;
        double h = perCitizen[std::string(id.text(r))];
        byMunicipality[std::string(kommune.text(r))].push_back(h);
        all.push_back(h);
    }
    charts::BoxPlotData d;
    for (const auto& m : s.municipalities) d.boxes.push_back(summarise(m.first, byMunicipality[m.first]));
    d.boxes.push_back(summarise("Alle kommuner", all));
    d.decimals = 1;
    d.axisLabel = "Mødetimer pr. afsluttet forløb";
    return d;
}

charts::TrafficLightData aeldreCoreElements(const AeldreStats& s) {
    // seed-004-sbst-aeldre.md, §3 Tabel 10.6: "KE1, KE2 and KE3 implemented in all three
    // municipalities. KE4 only partly". The report rates KE4 for the project as a whole.
    charts::TrafficLightData d;
    auto c = charts::palette::trafficLight();
    d.levels = {{"Implementeret", c[0]}, {"Delvist implementeret", c[1]}, {"Ikke implementeret", c[2]}};
    for (const auto& m : s.municipalities) d.columns.push_back(m.first);
    const size_t n = d.columns.size();
    d.rows = {{"En ansvarlig tværgående koordinator", "", std::vector<int>(n, 0)},
              {"Tværfaglige netværksmøder med borgeren i centrum", "", std::vector<int>(n, 0)},
              {"Opfølgning og dokumentation på borgerens aftaler om mål og handlinger", "", std::vector<int>(n, 0)},
              {"Tværgående ledergruppe", "", std::vector<int>(n, 1)}};
    return d;
}

}  // namespace gallery
