#include "figures/EconomicsExhibits.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "charts/BoxPlot.hpp"
#include "core/Format.hpp"

namespace figures {

using core::Value;

namespace {

const char* const kTables[] = {"economics_rates",         "economics_hours",          "economics_hours_municipality",
                               "economics_costs",         "economics_costs_municipality", "economics_unit_costs",
                               "economics_business_case", "economics_business_case_citizen", "economics_payers",
                               "economics_break_even",    "economics_business_case_inputs"};

const Value& econ(const project::ExhibitSpec& e, const Value& stats) {
    const std::string& id = e.sources.at(0);
    const Value* v = stats.find(id);
    if (!v) {
        std::string known;
        for (const auto& [k, x] : stats.items())
            if (const Value* kind = x.find("kind"); kind && kind->isString() && kind->asString() == "economics")
                known += (known.empty() ? "" : ", ") + k;
        throw core::Error(e.where, "'" + e.id + "' uses unknown stats id '" + id + "'",
                          known.empty() ? "declare it under 'economics:' in project.yaml" : "economics ids: " + known);
    }
    const Value* kind = v->find("kind");
    if (!kind || !kind->isString() || kind->asString() != "economics")
        throw core::Error(e.where, "stats id '" + id + "' used by '" + e.id + "' is not an economics entry, as '" + e.kind +
                                       "' needs");
    return *v;
}

const Value& at(const Value& v, const char* key) {
    static const Value null;
    const Value* x = v.find(key);
    return x ? *x : null;
}

double numberOf(const Value& v) { return v.isNumber() ? v.asNumber() : std::numeric_limits<double>::quiet_NaN(); }

std::string text(const Value& v, int decimals) {
    if (v.isSuppressed()) return v.asString();
    if (!v.isNumber() || !std::isfinite(v.asNumber())) return "–";
    return core::formatNumber(v.asNumber(), decimals);
}

// Thousands of kroner with one decimal.
std::string thousands(const Value& v) {
    if (v.isSuppressed()) return v.asString();
    if (!v.isNumber() || !std::isfinite(v.asNumber())) return "–";
    return core::formatNumber(v.asNumber() / 1000, 1);
}

// Kroner per citizen, to the nearest `unit` kroner (half away from zero).
std::string perCitizen(const Value& v, double unit) {
    if (v.isSuppressed()) return v.asString();
    if (!v.isNumber() || !std::isfinite(v.asNumber())) return "–";
    return core::formatNumber(core::roundHalfAway(v.asNumber() / unit, 0) * unit, 0);
}

std::string listDa(const std::vector<std::string>& parts) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? "" : i + 1 == parts.size() ? " og " : ", ") + parts[i];
    return out;
}

std::string joinSemicolon(const std::vector<std::string>& parts) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
    return out;
}

std::string label(const project::ExhibitSpec& e, size_t i, const std::string& def) {
    return i < e.labels.size() ? e.labels[i] : def;
}

// The fewest decimals (0-2) at which every value is shown exactly, so rows add up as printed.
int exactDecimals(const std::vector<double>& values) {
    for (int d = 0; d < 2; ++d) {
        double scale = std::pow(10.0, d);
        if (std::all_of(values.begin(), values.end(), [&](double v) {
                return !std::isfinite(v) || std::fabs(v * scale - std::round(v * scale)) < 1e-6;
            }))
            return d;
    }
    return 2;
}

// A share as percent with as few decimals (0-2) as show it exactly: 0.2 -> "20", 1/3 -> "33,33".
std::string pct(double share) {
    if (!std::isfinite(share)) return "–";
    return core::formatPercent(share, exactDecimals({share * 100}));
}

std::string exact(double v) { return std::isfinite(v) ? core::formatNumber(v, exactDecimals({v})) : "–"; }

std::string year(const Value& v) { return v.isNumber() ? std::to_string(static_cast<long long>(v.asNumber())) : "?"; }

// ---- Notes ------------------------------------------------------------------------------

std::string pricesNote(const Value& x) {
    const Value& p = at(x, "prices");
    std::string y = year(at(p, "year"));
    if (at(p, "basis").asString() == "same_wages")
        return "Kr. i " + y + "-priser; samme timelønninger er anvendt for alle år.";
    std::vector<std::string> ix;
    for (const auto& i : at(p, "index").elements())
        ix.push_back(year(at(i, "year")) + " = " + exact(at(i, "value").asNumber()));
    std::string src = at(p, "index_source").asString();
    return "Kr. i faste " + y + "-priser; beløb i andre års priser er omregnet med " + (src.empty() ? "prisindekset" : src) +
           ": " + joinSemicolon(ix) + ".";
}

std::string ratesNote(const Value& x) {
    std::vector<std::string> parts;
    std::vector<std::string> seen;
    const auto& rates = at(x, "rates").elements();
    for (const auto& r : rates) {
        std::string cat = at(r, "category").asString();
        if (std::find(seen.begin(), seen.end(), cat) != seen.end()) continue;
        seen.push_back(cat);
        std::vector<std::string> values;
        for (const auto& q : rates) {
            if (at(q, "category").asString() != cat) continue;
            std::vector<std::string> details;
            if (at(q, "annual").isNumber())
                details.push_back(core::formatNumber(at(q, "annual").asNumber(), 0) + " kr. / " +
                                  core::formatNumber(at(q, "hours_per_year").asNumber(), 0) + " timer");
            if (at(q, "year").isNumber()) details.push_back(year(at(q, "year")));
            else if (year(at(q, "price_year")) != year(at(at(x, "prices"), "year")))
                details.push_back(year(at(q, "price_year")) + "-priser");
            std::string s = core::formatNumber(at(q, "hourly").asNumber(), 2) + " kr.";
            if (!details.empty()) {
                s += " (";
                for (size_t i = 0; i < details.size(); ++i) s += (i ? ", " : "") + details[i];
                s += ")";
            }
            values.push_back(s);
        }
        parts.push_back(cat + ": " + listDa(values));
    }
    std::string out = "Timeløn før overhead: " + joinSemicolon(parts) + ".";
    double oh = at(x, "overhead").asNumber();
    if (oh > 0) out += " Hertil lægges overhead på " + pct(oh) + " pct.";
    for (const auto& a : at(x, "activities").elements()) {
        if (const Value* o = a.find("override"))
            out += " " + at(a, "label").asString() + " er opgjort med " + core::formatNumber(at(*o, "hourly").asNumber(), 2) +
                   " kr. pr. time (" + year(at(*o, "price_year")) + "-priser): " + at(*o, "reason").asString() +
                   (at(*o, "reason").asString().empty() || at(*o, "reason").asString().back() == '.' ? "" : ".");
        const auto& split = at(a, "split").elements();
        if (!split.empty()) {
            std::vector<std::string> s;
            for (const auto& p : split)
                s.push_back(pct(at(p, "share").asNumber()) + " pct. til " + at(p, "category").asString());
            out += " Timer til " + at(a, "label").asString() + " er fordelt med " + listDa(s) + ".";
        }
        if (at(a, "unit").asString() == "kr")
            out += " " + at(a, "label").asString() + " er registreret i kr." +
                   (at(at(x, "prices"), "basis").asString() == "index" ? " og omregnet til faste priser efter registreringsåret."
                                                                         : "");
    }
    return out;
}

std::string registrationsNote(const Value& x) {
    std::vector<std::string> t;
    for (const auto& r : at(x, "registrations").elements()) t.push_back("»" + at(r, "table").asString() + "«");
    return "Kilde til timer og udgifter: " + listDa(t) + ".";
}

std::string countsText(const Value& x, const std::vector<const Value*>& counts, const Value& total) {
    std::vector<std::string> parts;
    const auto& muns = at(x, "municipalities").elements();
    for (size_t i = 0; i < counts.size() && i < muns.size(); ++i)
        parts.push_back(muns[i].asString() + " " + text(*counts[i], counts[i]->isNumber() && std::fmod(counts[i]->asNumber(), 1) ? 1 : 0));
    std::string t = text(total, total.isNumber() && std::fmod(total.asNumber(), 1) ? 1 : 0);
    if (muns.size() <= 1) return t;
    return listDa(parts) + "; i alt " + t;
}

std::string divisorsNote(const Value& x) {
    const Value& uc = at(x, "unit_costs");
    const auto& cols = at(uc, "columns").elements();
    const auto& rows = at(uc, "rows").elements();
    std::vector<std::string> parts;
    for (size_t c = 0; c < cols.size(); ++c) {
        std::vector<const Value*> counts;
        const Value* total = nullptr;
        for (size_t r = 0; r < rows.size(); ++r) {
            const Value& cell = at(rows[r], "cells").elements().at(c);
            if (at(rows[r], "label").asString() == "I alt" && rows.size() > 1) total = &at(cell, "citizens");
            else counts.push_back(&at(cell, "citizens"));
        }
        if (!total) total = counts.empty() ? &at(uc, "none") : counts.back();
        std::string name = c == 0 ? "Antal borgere" : at(cols[c], "label").asString();
        parts.push_back(name + ": " + at(cols[c], "citizens_label").asString() + " (" + countsText(x, counts, *total) + ")");
    }
    std::string unit = core::formatNumber(at(x, "per_citizen_rounding").asNumber(), 0);
    return "Udgift pr. borger = udgift ÷ antal borgere. " + joinSemicolon(parts) +
           ". Beløb pr. borger er afrundet til nærmeste " + unit + " kr.";
}

std::string joinNotes(const std::string& given, const std::vector<std::string>& generated) {
    std::string out = given;
    for (const auto& g : generated)
        if (!g.empty()) out += (out.empty() ? "" : " ") + g;
    return out;
}

TableModel base(const project::ExhibitSpec& e, const Value& x, const char* part) {
    TableModel t{e.id, e.title, e.source, e.note, {}, {}, {}, {}, Value::object()};
    t.data.set("kind", Value::string(e.kind));
    t.data.set("economics", Value::string(e.sources.at(0)));
    if (part) t.data.set(part, at(x, part));
    return t;
}

// ---- Tables -----------------------------------------------------------------------------

TableModel ratesTable(const project::ExhibitSpec& e, const Value& x) {
    TableModel t = base(e, x, "rates");
    std::string by = year(at(at(x, "prices"), "year"));
    const double oh = at(x, "overhead").asNumber();
    const bool indexed = at(at(x, "prices"), "basis").asString() == "index";
    // The columns that differ: the hourly rate, with overhead, and in base-year prices.
    t.header = {label(e, 0, "Personalekategori"), "Grundlag", "Kr. pr. time"};
    t.align = {Align::Left, Align::Left, Align::Right};
    if (oh > 0) {
        t.header.push_back("Inkl. overhead");
        t.align.push_back(Align::Right);
    }
    if (indexed) {
        t.header.push_back("Kr. pr. time i " + by + "-priser");
        t.align.push_back(Align::Right);
    }
    auto add = [&](const std::string& name, const std::string& basis, double hourly, const Value& effective) {
        std::vector<std::string> row{name, basis, core::formatNumber(hourly, 2)};
        if (oh > 0) row.push_back(core::formatNumber(hourly * (1 + oh), 2));
        if (indexed) row.push_back(text(effective, 2));
        t.rows.push_back(row);
        t.strong.push_back(false);
    };
    for (const auto& r : at(x, "rates").elements()) {
        std::string basis = at(r, "annual").isNumber()
                                ? core::formatNumber(at(r, "annual").asNumber(), 0) + " kr. / " +
                                      core::formatNumber(at(r, "hours_per_year").asNumber(), 0) + " timer"
                                : "Timeløn";
        std::string cat = at(r, "category").asString();
        if (at(r, "year").isNumber()) cat += " (" + year(at(r, "year")) + ")";
        basis += ", " + year(at(r, "price_year")) + "-priser";
        add(cat, basis, at(r, "hourly").asNumber(), at(r, "effective"));
    }
    for (const auto& a : at(x, "activities").elements())
        if (const Value* o = a.find("override"))
            add(at(a, "label").asString() + " (særlig sats)", "Fast sats, " + year(at(*o, "price_year")) + "-priser",
                at(*o, "hourly").asNumber(), at(*o, "effective"));
    t.note = joinNotes(e.note, {ratesNote(x), pricesNote(x)});
    return t;
}

// Do the shown cells add up to the shown totals (last column, last row)? Cells are parsed back
// from their Danish text; a withheld or missing cell makes the check moot.
bool additive(const TableModel& t) {
    auto parse = [](const std::string& c, double& v) {
        std::string s;
        for (char ch : c) {
            if (ch == '.') continue;
            s += ch == ',' ? '.' : ch;
        }
        try {
            size_t used = 0;
            v = std::stod(s, &used);
            return used == s.size();
        } catch (...) {
            return false;
        }
    };
    const size_t R = t.rows.size(), C = t.header.size();
    if (R < 2 || C < 3) return true;
    std::vector<std::vector<double>> v(R, std::vector<double>(C, 0));
    for (size_t r = 0; r < R; ++r)
        for (size_t c = 1; c < C; ++c)
            if (!parse(t.rows[r][c], v[r][c])) return true;
    for (size_t r = 0; r < R; ++r) {
        double s = 0;
        for (size_t c = 1; c + 1 < C; ++c) s += v[r][c];
        if (std::fabs(s - v[r][C - 1]) > 1e-6) return false;
    }
    for (size_t c = 1; c < C; ++c) {
        double s = 0;
        for (size_t r = 0; r + 1 < R; ++r) s += v[r][c];
        if (std::fabs(s - v[R - 1][c]) > 1e-6) return false;
    }
    return true;
}

// Activities × years or × municipalities, with an "I alt" column and row.
TableModel gridTable(const project::ExhibitSpec& e, const Value& x, bool hours, bool byMunicipality) {
    const char* part = hours ? "hours" : "costs";
    TableModel t = base(e, x, part);
    const Value& g = at(x, part);
    t.header = {label(e, 0, hours ? "Timer" : "Kr.")};
    t.align = {Align::Left};
    const auto& cols = at(x, byMunicipality ? "municipalities" : "years").elements();
    for (const auto& c : cols) {
        t.header.push_back(byMunicipality ? c.asString() : year(c));
        t.align.push_back(Align::Right);
    }
    // One municipality (a municipality's note) is its own total: no "I alt" column beside it.
    const bool totalColumn = !(byMunicipality && cols.size() == 1);
    if (totalColumn) {
        t.header.push_back("I alt");
        t.align.push_back(Align::Right);
    }
    const char* key = byMunicipality ? "municipalities" : "years";
    std::vector<const Value*> rows;
    for (const auto& r : at(g, "rows").elements()) rows.push_back(&r);
    rows.push_back(&at(g, "total"));
    int decimals = 0;
    if (hours) {
        std::vector<double> all;
        for (const Value* r : rows) {
            for (const auto& v : at(*r, key).elements()) all.push_back(numberOf(v));
            all.push_back(numberOf(at(*r, "total")));
        }
        decimals = exactDecimals(all);
    }
    for (const Value* r : rows) {
        std::vector<std::string> row{at(*r, "label").asString()};
        for (const auto& v : at(*r, key).elements()) row.push_back(text(v, decimals));
        if (totalColumn) row.push_back(text(at(*r, "total"), decimals));
        t.rows.push_back(row);
        t.strong.push_back(r == rows.back());
    }
    std::vector<std::string> notes{registrationsNote(x)};
    if (hours) {
        notes.push_back(decimals ? "Timer er vist med " + std::to_string(decimals) + " decimal" + (decimals > 1 ? "er" : "") +
                                       ", så rækker og kolonner summerer som vist."
                                 : "");
        for (const auto& a : at(x, "activities").elements()) {
            const auto& split = at(a, "split").elements();
            if (split.empty()) continue;
            std::vector<std::string> s;
            for (const auto& p : split)
                s.push_back(pct(at(p, "share").asNumber()) + " pct. til " + at(p, "category").asString());
            notes.push_back("Timer til " + at(a, "label").asString() + " fordeles i omkostningsberegningen med " + listDa(s) + ".");
        }
    } else {
        const bool indexed = at(at(x, "prices"), "basis").asString() == "index";
        const bool overhead = at(x, "overhead").asNumber() > 0;
        notes.push_back(std::string("Udgift = timer × timeløn") + (overhead ? " × (1 + overhead)" : "") +
                        (indexed ? ", omregnet til faste priser." : "."));
        if (!additive(t)) notes.push_back("Beløbene er afrundet hver for sig fra uafrundede værdier; de viste tal kan derfor "
                                          "afvige fra »I alt« med få kroner.");
        notes.push_back(ratesNote(x));
        notes.push_back(pricesNote(x));
    }
    if (byMunicipality)
        notes.push_back("Timer og udgifter er summer for medarbejdernes tid, ikke optællinger af borgere, og vises uden diskretionering.");
    t.note = joinNotes(e.note, notes);
    return t;
}

TableModel unitCostTable(const project::ExhibitSpec& e, const Value& x) {
    TableModel t = base(e, x, "unit_costs");
    const Value& uc = at(x, "unit_costs");
    const auto& cols = at(uc, "columns").elements();
    double unit = at(x, "per_citizen_rounding").asNumber();
    t.header = {label(e, 0, "Kommune"), label(e, 1, "Antal borgere"), label(e, 2, "I alt (kr. pr. borger)")};
    t.align = {Align::Left, Align::Right, Align::Right};
    for (size_t c = 1; c < cols.size(); ++c) {
        t.header.push_back(at(cols[c], "label").asString() + " (kr. pr. borger)");
        t.align.push_back(Align::Right);
    }
    for (const auto& r : at(uc, "rows").elements()) {
        const auto& cells = at(r, "cells").elements();
        std::vector<std::string> row{at(r, "label").asString(), text(at(cells.at(0), "citizens"), 0)};
        for (const auto& c : cells) row.push_back(perCitizen(at(c, "per_citizen"), unit));
        t.rows.push_back(row);
        t.strong.push_back(at(r, "label").asString() == "I alt");
    }
    std::vector<std::string> comps;
    for (size_t c = 1; c < cols.size(); ++c) comps.push_back(at(cols[c], "label").asString());
    std::string compNote;
    if (!comps.empty()) {
        std::vector<std::string> parts;
        for (const auto& comp : comps) parts.push_back(comp);
        compNote = "Komponenterne (" + listDa(parts) + ") er udgiften til deres aktiviteter divideret med deres egne borgere.";
    }
    t.note = joinNotes(e.note, {divisorsNote(x), compNote, pricesNote(x)});
    return t;
}

struct BcRow {
    std::string label;
    const Value* values;  // array of three
    bool strong;
};

std::vector<BcRow> businessRows(const Value& bc, const char* valuesKey, const char* totalsKey) {
    std::vector<BcRow> rows;
    const Value& totals = at(bc, totalsKey);
    struct Group {
        const char* key;
        const char* total;
    };
    for (Group g : {Group{"own", "Egne omkostninger i alt"}, Group{"induced", "Afledte omkostninger i alt"},
                    Group{"gains", "Gevinster i alt"}}) {
        bool any = false;
        for (const auto& l : at(bc, "lines").elements()) {
            if (at(l, "group").asString() != g.key) continue;
            std::string cat = at(l, "category").asString(), lab = at(l, "label").asString();
            std::string name = g.key == std::string("own") || cat == lab || cat.empty() ? lab : cat + ": " + lab;
            rows.push_back({name, &at(l, valuesKey), false});
            any = true;
        }
        if (any || g.key == std::string("own")) rows.push_back({g.total, &at(totals, g.key), true});
    }
    rows.push_back({"Nettogevinst", &at(totals, "net"), true});
    return rows;
}

std::string businessNote(const Value& x, bool perCitizenTable) {
    const Value& bc = at(x, "business_case");
    int h = static_cast<int>(at(bc, "horizon_years").asNumber());
    double r = at(bc, "discount_rate").asNumber();
    std::string s = "Nettogevinst = gevinster − egne omkostninger − afledte omkostninger. ";
    s += "Afledte omkostninger og gevinster = enhedsbeløb × berørte borgere × sandsynlighed i scenariet. ";
    if (h > 1)
        s += "Tidshorisont " + std::to_string(h) + " år; beløb er nutidsværdier med en diskonteringsrate på " + pct(r) +
             " pct. (år 1 udiskonteret). ";
    else
        s += "Tidshorisont 1 år" + std::string(r > 0 ? "" : ", ingen diskontering") + ". ";
    std::string src = at(bc, "citizens_source").asString() == "declared" ? "angivet" : at(bc, "citizens_label").asString();
    s += "N = " + text(at(bc, "citizens"), 0) + " (" + src + "). ";
    if (const Value* sc = bc.find("scale_declared_amounts"))
        s += "Faste beløb er fordelt efter kommunens andel af borgerne (" + pct(numberOf(*sc)) + " pct.). ";
    if (perCitizenTable)
        s += "Beløb pr. borger = beløb ÷ N, afrundet til nærmeste " + core::formatNumber(at(x, "per_citizen_rounding").asNumber(), 0) +
             " kr. hver for sig; summerne kan derfor afvige fra de viste tal.";
    else
        s += "Beløb i 1.000 kr. med én decimal.";
    std::string best = at(bc, "most_favourable").asString();
    for (const auto& sc : at(bc, "scenarios").elements())
        if (at(sc, "key").asString() == best) s += " " + at(sc, "label").asString() + " giver den største nettogevinst.";
    return s + " " + pricesNote(x);
}

void scenarioHeader(TableModel& t, const project::ExhibitSpec& e, const Value& bc, const std::string& first) {
    t.header = {label(e, 0, first)};
    t.align = {Align::Left};
    for (const auto& sc : at(bc, "scenarios").elements()) {
        t.header.push_back(at(sc, "label").asString());
        t.align.push_back(Align::Right);
    }
}

const Value& businessCase(const project::ExhibitSpec& e, const Value& x) {
    const Value* bc = x.find("business_case");
    if (!bc)
        throw core::Error(e.where, "'" + e.id + "' needs a business case, but economics '" + e.sources.at(0) + "' has none",
                          "add 'business_case:' to it in project.yaml");
    return *bc;
}

// A business case withheld in a municipality's note (too few citizens): one row saying so.
bool withheld(TableModel& t, const Value& bc) {
    const Value* w = bc.find("withheld");
    if (!w || !w->asBool()) return false;
    t.header = {""};
    t.align = {Align::Left};
    t.rows = {{at(bc, "caveat").asString()}};
    t.strong = {false};
    return true;
}

TableModel businessTable(const project::ExhibitSpec& e, const Value& x, bool citizen) {
    TableModel t = base(e, x, "business_case");
    const Value& bc = businessCase(e, x);
    if (withheld(t, bc)) return t;
    scenarioHeader(t, e, bc, citizen ? "Kr. pr. borger" : "1.000 kr.");
    double unit = at(x, "per_citizen_rounding").asNumber();
    for (const auto& r : businessRows(bc, citizen ? "per_citizen" : "values", citizen ? "per_citizen" : "totals")) {
        std::vector<std::string> row{r.label};
        for (const auto& v : r.values->elements()) row.push_back(citizen ? perCitizen(v, unit) : thousands(v));
        t.rows.push_back(row);
        t.strong.push_back(r.strong);
    }
    t.note = joinNotes(e.note, {businessNote(x, citizen)});
    return t;
}

TableModel payersTable(const project::ExhibitSpec& e, const Value& x) {
    TableModel t = base(e, x, "business_case");
    const Value& bc = businessCase(e, x);
    if (withheld(t, bc)) return t;
    scenarioHeader(t, e, bc, "1.000 kr.");
    for (const auto& p : at(bc, "payers").elements()) {
        std::string who = at(p, "label").asString();
        for (auto [key, name, strong] : {std::tuple{"costs", "omkostninger", false}, std::tuple{"gains", "gevinster", false},
                                         std::tuple{"net", "netto", true}}) {
            std::vector<std::string> row{who + ": " + name};
            for (const auto& v : at(p, key).elements()) row.push_back(thousands(v));
            t.rows.push_back(row);
            t.strong.push_back(strong);
        }
    }
    std::vector<std::string> total{"I alt: netto"};
    for (const auto& v : at(at(bc, "totals"), "net").elements()) total.push_back(thousands(v));
    t.rows.push_back(total);
    t.strong.push_back(true);
    t.note = joinNotes(e.note, {"Hver post er fordelt på betalere efter de angivne andele (se forudsætningerne); egne omkostninger "
                                "afholdes af kommunen, medmindre andet er angivet.",
                                businessNote(x, false)});
    return t;
}

TableModel breakEvenTable(const project::ExhibitSpec& e, const Value& x) {
    TableModel t = base(e, x, "business_case");
    const Value& bc = businessCase(e, x);
    if (withheld(t, bc)) return t;
    scenarioHeader(t, e, bc, "");
    auto add = [&](const std::string& name, const Value& values, auto fmt) {
        std::vector<std::string> row{name};
        for (const auto& v : values.elements()) row.push_back(fmt(v));
        t.rows.push_back(row);
        t.strong.push_back(false);
    };
    add("Nettogevinst (1.000 kr.)", at(at(bc, "totals"), "net"), thousands);
    add("Break-even: forebyggelsessandsynlighed (pct.)", at(at(bc, "break_even"), "probability"), [](const Value& v) {
        return v.isNumber() && std::isfinite(v.asNumber()) ? core::formatPercent(v.asNumber(), 1) : std::string("–");
    });
    add("Nødvendig andel af scenariets gevinster (pct.)", at(at(bc, "break_even"), "gains_factor"), [](const Value& v) {
        return v.isNumber() && std::isfinite(v.asNumber()) ? core::formatPercent(v.asNumber(), 0) : std::string("–");
    });
    int h = static_cast<int>(at(bc, "horizon_years").asNumber());
    if (const Value* pb = bc.find("payback_year"))
        add("Tilbagebetalingstid", *pb, [h](const Value& v) {
            return v.isNumber() ? core::formatNumber(v.asNumber(), 0) + ". år" : "Ikke inden for " + std::to_string(h) + " år";
        });
    std::string s = "Break-even-sandsynligheden er den sandsynlighed for forebyggelse, brugt for alle gevinstposter, "
                    "hvor nettogevinsten er 0 med scenariets egne og afledte omkostninger: (egne + afledte omkostninger) ÷ "
                    "gevinster ved sandsynlighed 1 (" + thousands(at(at(bc, "break_even"), "gains_at_probability_one")) +
                    " i 1.000 kr.). En værdi over 100 pct. betyder, at gevinsterne ikke kan dække omkostningerne.";
    if (bc.find("payback_year"))
        s += " Tilbagebetalingstiden er det første år, hvor de akkumulerede (diskonterede) nettogevinster er positive.";
    t.note = joinNotes(e.note, {s, businessNote(x, false)});
    return t;
}

TableModel inputsTable(const project::ExhibitSpec& e, const Value& x) {
    TableModel t = base(e, x, "business_case");
    const Value& bc = businessCase(e, x);
    if (withheld(t, bc)) return t;
    std::string by = year(at(at(x, "prices"), "year"));
    t.header = {label(e, 0, "Post"), "Enhedsbeløb (kr., " + by + "-priser)", "Berørte borgere", "Sandsynlighed lav / mellem / høj (pct.)",
                "Betalere stat / kommune / øvrige (pct.)", "År"};
    t.align = {Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right};
    std::vector<std::pair<std::string, std::vector<std::string>>> sources;
    for (const auto& l : at(bc, "lines").elements()) {
        if (at(l, "group").asString() == "own") continue;
        std::string cat = at(l, "category").asString(), lab = at(l, "label").asString();
        std::string name = cat == lab || cat.empty() ? lab : cat + ": " + lab;
        const Value& p = at(l, "probability");
        const Value& pay = at(l, "payers");
        std::vector<std::string> ys;
        for (const auto& y : at(l, "years").elements()) ys.push_back(year(y));
        std::string unitText = text(at(l, "unit_base_prices"), 0);
        if (year(at(l, "price_year")) != by)
            unitText += " (" + core::formatNumber(at(l, "unit").asNumber(), 0) + " i " + year(at(l, "price_year")) + ")";
        t.rows.push_back({name, unitText, exact(numberOf(at(l, "citizens_affected"))),
                          pct(numberOf(at(p, "low"))) + " / " + pct(numberOf(at(p, "mid"))) + " / " + pct(numberOf(at(p, "high"))),
                          pct(numberOf(at(pay, "state"))) + " / " + pct(numberOf(at(pay, "municipality"))) + " / " +
                              pct(numberOf(at(pay, "other"))),
                          listDa(ys)});
        t.strong.push_back(false);
        // Lines sharing a source are named together: "Syntetisk takst: A og B".
        if (std::string src = at(l, "source").asString(); !src.empty()) {
            auto it = std::find_if(sources.begin(), sources.end(), [&](const auto& x) { return x.first == src; });
            if (it == sources.end()) sources.push_back({src, {lab}});
            else it->second.push_back(lab);
        }
    }
    std::string s = "Berørte borgere = N × andel (N = " + text(at(bc, "citizens"), 0) + ").";
    if (!sources.empty()) {
        std::vector<std::string> parts;
        for (const auto& [src, labels] : sources) parts.push_back(src + " (" + listDa(labels) + ")");
        s += " Kilder til enhedsbeløb: " + listDa(parts) + ".";
    }
    t.note = joinNotes(e.note, {s, pricesNote(x)});
    return t;
}

}  // namespace

bool isEconomicsTable(const std::string& kind) {
    return std::any_of(std::begin(kTables), std::end(kTables), [&](const char* k) { return kind == k; });
}

bool isEconomicsFigure(const std::string& kind) { return kind == "economics_box_plot"; }

bool economicsTableApplies(const project::ExhibitSpec& e, const Value& stats) {
    const std::string& k = e.kind;
    const bool needsCase = k == "economics_business_case" || k == "economics_business_case_citizen" ||
                           k == "economics_payers" || k == "economics_break_even" || k == "economics_business_case_inputs";
    if (!needsCase || e.sources.empty()) return true;
    const Value* x = stats.find(e.sources.at(0));
    return !x || x->find("business_case");  // an unknown source is reported by the builder
}

TableModel economicsTable(const project::ExhibitSpec& e, const Value& stats) {
    const Value& x = econ(e, stats);
    const std::string& k = e.kind;
    if (k == "economics_rates") return ratesTable(e, x);
    if (k == "economics_hours") return gridTable(e, x, true, false);
    if (k == "economics_hours_municipality") return gridTable(e, x, true, true);
    if (k == "economics_costs") return gridTable(e, x, false, false);
    if (k == "economics_costs_municipality") return gridTable(e, x, false, true);
    if (k == "economics_unit_costs") return unitCostTable(e, x);
    if (k == "economics_business_case") return businessTable(e, x, false);
    if (k == "economics_business_case_citizen") return businessTable(e, x, true);
    if (k == "economics_payers") return payersTable(e, x);
    if (k == "economics_break_even") return breakEvenTable(e, x);
    return inputsTable(e, x);
}

// Cost per course as box plots per municipality (and in all). A source without citizen-level
// registrations gives an empty chart; templates guard it with {{#if stats.<id>.per_course}}.
Figure economicsFigure(const project::ExhibitSpec& e, const Value& stats) {
    const Value& x = econ(e, stats);
    charts::BoxPlotData d;
    d.axisLabel = label(e, 0, "Kr. pr. forløb");
    d.axisMin = 0;
    Value data = Value::object();
    data.set("kind", Value::string(e.kind));
    data.set("economics", Value::string(e.sources.at(0)));
    const Value* pc = x.find("per_course");
    if (pc) {
        data.set("per_course", *pc);
        for (const auto& g : at(*pc, "groups").elements()) {
            charts::BoxPlotData::Box b;
            b.label = at(g, "label").asString();
            const Value& n = at(g, "n");
            b.n = n.isNumber() ? static_cast<long>(n.asNumber()) : -1;
            const Value& med = at(g, "median");
            if (n.isSuppressed() || med.isSuppressed() || !med.isNumber()) {
                b.suppressed = true;
                b.shown = n.isSuppressed() ? n.asString() : med.isSuppressed() ? med.asString() : "Ingen forløb";
            } else {
                b.min = numberOf(at(g, "whisker_low"));
                b.q1 = numberOf(at(g, "q1"));
                b.median = numberOf(med);
                b.q3 = numberOf(at(g, "q3"));
                b.max = numberOf(at(g, "whisker_high"));
                b.mean = numberOf(at(g, "mean"));
                for (const auto& o : at(g, "outliers").elements()) b.outliers.push_back(o.asNumber());
            }
            d.boxes.push_back(std::move(b));
        }
    }
    std::string note = pc ? "Omkostning pr. forløb = borgerens registrerede timer × timeløn (inkl. overhead), i faste priser. "
                            "Kvartiler efter type 7 (lineær interpolation mellem ordnede værdier, som numpy og R). "
                            "Boksen går fra 1. til 3. kvartil med medianen som streg og gennemsnittet som rombe; "
                            "whiskers går til den mindste og største værdi inden for 1,5 × kvartilafstanden, og "
                            "værdier uden for er vist som ringe. " + ratesNote(x) + " " + pricesNote(x)
                          : "Der er ingen tidsregistrering på borgerniveau i projektet.";
    return {e.id, e.title, e.source, joinNotes(e.note, {note}), std::make_shared<charts::BoxPlot>(std::move(d)), std::move(data)};
}

}  // namespace figures
