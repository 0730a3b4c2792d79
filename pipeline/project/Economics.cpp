#include "project/Economics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>

#include "core/Utf8.hpp"
#include "project/Project.hpp"
#include "project/Schema.hpp"
#include "project/Yaml.hpp"

namespace project {

const double* EconPrices::indexOf(int y) const {
    for (const auto& [year, value] : index)
        if (year == y) return &value;
    return nullptr;
}

const EconActivity* EconomicsSpec::activity(const std::string& label) const {
    std::string n = core::normalizeLabel(label);
    for (const auto& a : activities)
        if (core::normalizeLabel(a.label) == n) return &a;
    return nullptr;
}

std::vector<std::string> EconomicsSpec::knownActivities(const Project& p) const {
    std::vector<std::string> out;
    auto add = [&](const std::string& l) {
        std::string n = core::normalizeLabel(l);
        if (std::none_of(out.begin(), out.end(), [&](const std::string& o) { return core::normalizeLabel(o) == n; }))
            out.push_back(l);
    };
    for (const auto& a : activities) add(a.label);
    for (const auto& r : registrations) {
        for (const auto& [label, col] : r.columns) add(label);
        if (!r.activity.empty())
            if (const TableSpec* t = p.table(r.table))
                if (const ColumnSpec* c = t->column(r.activity)) {
                    if (!c->scale.empty()) {
                        if (const Scale* s = p.scale(c->scale))
                            for (const auto& l : s->levels) add(l.label);
                    } else {
                        for (const auto& v : c->values) add(v);
                    }
                }
        for (const auto& [label, cols] : r.amounts) add(label);
    }
    return out;
}

namespace {

std::string show(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    std::string s = buf;
    for (char& c : s)
        if (c == '.') c = ',';
    return s;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

size_t skipSpace(const std::string& s, size_t i) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    return i;
}

// The length of digits with an optional decimal part ("12", "0,5", "2.25") at s[i], or 0.
size_t decimalAt(const std::string& s, size_t i) {
    size_t j = i;
    while (j < s.size() && isDigit(s[j])) ++j;
    if (j == i) return 0;
    if (j + 1 < s.size() && (s[j] == '.' || s[j] == ',') && isDigit(s[j + 1])) {
        j += 2;
        while (j < s.size() && isDigit(s[j])) ++j;
    }
    return j - i;
}

// "470.000", "-1.635", "2.500.000": a Danish thousands separator, which YAML reads as a
// decimal point. (Hand-written rather than std::regex: compiling the three patterns this file
// had cost ~0,5 ms of every render.)
bool thousandsGrouped(const std::string& s) {
    size_t i = !s.empty() && s[0] == '-' ? 1 : 0;
    if (i >= s.size() || s[i] < '1' || s[i] > '9') return false;
    size_t j = i;
    while (j < s.size() && isDigit(s[j])) ++j;
    if (j - i > 3 || j == s.size()) return false;
    while (j < s.size()) {
        if (s[j] != '.' || j + 4 > s.size() || !isDigit(s[j + 1]) || !isDigit(s[j + 2]) || !isDigit(s[j + 3])) return false;
        j += 4;
    }
    return true;
}

// An amount in kroner or hours. "470.000" would be read by YAML as 470: refuse it.
double amount(const YamlFile& y, const yml::Node& n, const std::string& what) {
    if (!n || !n.IsScalar()) y.fail(n, what + " must be a number");
    if (thousandsGrouped(n.Scalar())) {
        std::string plain = n.Scalar();
        plain.erase(std::remove(plain.begin(), plain.end(), '.'), plain.end());
        y.fail(n, what + " '" + n.Scalar() + "' reads as a decimal number in YAML",
               "write it without a thousands separator, e.g. " + plain);
    }
    return y.asNum(n);
}

// A share: 0.25, "1/3" or "25 %" (also "25 pct.").
double fraction(const YamlFile& y, const yml::Node& n, const std::string& what) {
    if (!n || !n.IsScalar()) y.fail(n, what + " must be a number, a fraction like 1/3 or a percentage like 25 %");
    std::string s = n.Scalar();
    auto toD = [](std::string t) {
        std::replace(t.begin(), t.end(), ',', '.');
        return std::stod(t);
    };
    // "a / b" with optional spaces; "a %", "a pct" or "a pct." (a may be negative).
    size_t i = skipSpace(s, 0);
    if (size_t a = decimalAt(s, i)) {
        size_t j = skipSpace(s, i + a);
        if (j < s.size() && s[j] == '/') {
            size_t k = skipSpace(s, j + 1);
            if (size_t b = decimalAt(s, k); b && skipSpace(s, k + b) == s.size()) {
                double d = toD(s.substr(k, b));
                if (d == 0) y.fail(n, what + " divides by zero");
                return toD(s.substr(i, a)) / d;
            }
        }
    }
    size_t sign = i < s.size() && s[i] == '-' ? 1 : 0;
    if (size_t a = decimalAt(s, i + sign)) {
        size_t j = skipSpace(s, i + sign + a);
        size_t unit = s.compare(j, 1, "%") == 0 ? 1 : s.compare(j, 4, "pct.") == 0 ? 4 : s.compare(j, 3, "pct") == 0 ? 3 : 0;
        if (unit && skipSpace(s, j + unit) == s.size()) return toD(s.substr(i, sign + a)) / 100.0;
    }
    try {
        return n.as<double>();
    } catch (const yml::BadConversion&) {
        y.fail(n, what + ": expected a number, a fraction like 1/3 or a percentage like 25 %, found '" + s + "'");
    }
}

int yearValue(const YamlFile& y, const yml::Node& n, const std::string& what) {
    double v = y.asNum(n);
    if (v != std::floor(v) || v < 1900 || v > 2200) y.fail(n, what + " must be a year like 2015");
    return static_cast<int>(v);
}

void numericColumn(const YamlFile& y, const yml::Node& at, const TableSpec& t, const std::string& col) {
    const ColumnSpec& c = requireColumn(y, at, t, col);
    if (c.type != ColumnType::Integer && c.type != ColumnType::Decimal)
        y.fail(at, "'" + col + "' must be an integer or decimal column (hours or kroner)");
}

void checkWhere(const YamlFile& y, const yml::Node& at, const Where& w, const TableSpec& t) {
    for (const auto& [col, val] : w.equals) requireColumn(y, at, t, col);
}

// Every amount is stated in some year's prices; that year must be convertible to the base year.
void checkPriceYear(const YamlFile& y, const yml::Node& at, const EconPrices& pr, int year) {
    if (pr.sameWages) {
        if (year != pr.year)
            y.fail(at, "amount stated in " + std::to_string(year) + " prices, but 'same_wages' states every amount in " +
                           std::to_string(pr.year) + " prices",
                   "give an index under 'prices:' to convert between years, or state the amount in " +
                       std::to_string(pr.year) + " prices");
        return;
    }
    if (!pr.indexOf(year))
        y.fail(at, "index year " + std::to_string(year) + " is missing from 'prices.index'",
               "add " + std::to_string(year) + ": <index> under prices.index");
}

EconPrices parsePrices(const YamlFile& y, const yml::Node& n) {
    EconPrices pr;
    pr.where = y.at(n);
    y.requireMap(n, "'prices'");
    y.allowKeys(n, {"year", "same_wages", "index", "index_source"});
    if (!n["year"]) y.fail(n, "'prices' needs 'year': the year whose prices costs are stated in");
    pr.year = yearValue(y, n["year"], "'prices.year'");
    pr.sameWages = y.flag(n, "same_wages", false);
    pr.indexSource = y.str(n, "index_source");
    if (yml::Node ix = n["index"]) {
        if (pr.sameWages) y.fail(ix, "give either 'same_wages: true' or an 'index', not both");
        y.requireMap(ix, "'prices.index'");
        for (auto it = ix.begin(); it != ix.end(); ++it) {
            int year = yearValue(y, it->first, "an index year");
            double v = amount(y, it->second, "the index of " + std::to_string(year));
            if (v <= 0) y.fail(it->second, "a price index must be positive");
            if (pr.indexOf(year)) y.fail(it->first, "index year " + std::to_string(year) + " is given twice");
            pr.index.emplace_back(year, v);
        }
        std::sort(pr.index.begin(), pr.index.end());
        if (!pr.indexOf(pr.year))
            y.fail(ix, "the index has no value for the base year " + std::to_string(pr.year),
                   "add " + std::to_string(pr.year) + ": 100 under prices.index");
    } else if (!pr.sameWages) {
        y.fail(n, "say how years are compared: 'same_wages: true' (one set of wages for all years) or an 'index' per year",
               "e.g. index: {2014: 98.5, 2015: 100}");
    }
    return pr;
}

// One rate from {hourly} or {annual, hours_per_year}; `defaultHours` from economics.hours_per_year.
void rateValue(const YamlFile& y, const yml::Node& d, std::optional<double> defaultHours, EconRate& r) {
    if (d.IsScalar()) {
        r.hourly = amount(y, d, "the hourly rate of '" + r.category + "'");
    } else {
        y.requireMap(d, "the rate of '" + r.category + "'");
        y.allowKeys(d, {"hourly", "annual", "hours_per_year", "year", "by_year"});
        if (d["hourly"] && d["annual"]) y.fail(d, "give either 'hourly' or 'annual', not both");
        if (d["hourly"]) {
            r.hourly = amount(y, d["hourly"], "'hourly'");
            if (d["hours_per_year"]) y.fail(d["hours_per_year"], "'hours_per_year' belongs with 'annual'");
        } else if (d["annual"]) {
            r.annual = amount(y, d["annual"], "'annual'");
            if (d["hours_per_year"]) r.hoursPerYear = amount(y, d["hours_per_year"], "'hours_per_year'");
            else r.hoursPerYear = defaultHours;
            if (!r.hoursPerYear)
                y.fail(d, "an annual salary needs 'hours_per_year' (effective hours, e.g. 1635)",
                       "add hours_per_year here or under the economics entry");
            if (*r.hoursPerYear < 100 || *r.hoursPerYear > 8784)
                y.fail(d["hours_per_year"] ? d["hours_per_year"] : d,
                       "hours_per_year " + show(*r.hoursPerYear) + " is not a plausible number of hours a year",
                       "write 1635, not 1.635 (YAML reads the dot as a decimal point)");
            r.hourly = *r.annual / *r.hoursPerYear;
        } else {
            y.fail(d, "the rate of '" + r.category + "' needs 'hourly' (kr. per hour) or 'annual' (salary incl. pension)");
        }
    }
    if (!(r.hourly > 0)) y.fail(d, "the rate of '" + r.category + "' must be positive");
}

std::vector<EconRate> parseRates(const YamlFile& y, const yml::Node& n, const EconPrices& pr, std::optional<double> defHours) {
    std::vector<EconRate> out;
    y.requireMap(n, "'rates'");
    for (auto it = n.begin(); it != n.end(); ++it) {
        std::string cat = y.asStr(it->first);
        yml::Node d = it->second;
        if (d.IsMap() && d["by_year"]) {
            y.allowKeys(d, {"by_year"});
            if (pr.sameWages)
                y.fail(d["by_year"], "rates per year need an index to be stated in fixed prices",
                       "replace 'same_wages: true' with an index under 'prices:', or give one rate");
            yml::Node by = d["by_year"];
            y.requireMap(by, "'by_year'");
            for (auto jt = by.begin(); jt != by.end(); ++jt) {
                EconRate r;
                r.category = cat;
                r.where = y.at(jt->first);
                r.year = r.priceYear = yearValue(y, jt->first, "a rate year");
                rateValue(y, jt->second, defHours, r);
                checkPriceYear(y, jt->first, pr, r.priceYear);
                out.push_back(r);
            }
            continue;
        }
        EconRate r;
        r.category = cat;
        r.where = y.at(it->first);
        r.priceYear = pr.year;
        rateValue(y, d, defHours, r);
        if (d.IsMap() && d["year"]) {
            r.priceYear = yearValue(y, d["year"], "'year'");
            checkPriceYear(y, d["year"], pr, r.priceYear);
        }
        out.push_back(r);
    }
    return out;
}

std::vector<std::string> categoriesOf(const std::vector<EconRate>& rates) {
    std::vector<std::string> out;
    for (const auto& r : rates)
        if (std::find(out.begin(), out.end(), r.category) == out.end()) out.push_back(r.category);
    return out;
}

void needCategory(const YamlFile& y, const yml::Node& at, const std::vector<EconRate>& rates, const std::string& cat) {
    auto cats = categoriesOf(rates);
    if (std::find(cats.begin(), cats.end(), cat) != cats.end()) return;
    std::string near = nearest(cat, cats);
    y.fail(at, "staff category '" + cat + "' has no rate under 'rates:'",
           near.empty() ? "add a rate for it" : "did you mean '" + near + "'?");
}

std::vector<EconActivity> parseActivities(const YamlFile& y, const yml::Node& n, const EconomicsSpec& e) {
    std::vector<EconActivity> out;
    y.requireMap(n, "'activities'");
    for (auto it = n.begin(); it != n.end(); ++it) {
        EconActivity a;
        a.label = y.asStr(it->first);
        a.where = y.at(it->first);
        for (const auto& prev : out)
            if (core::normalizeLabel(prev.label) == core::normalizeLabel(a.label))
                y.fail(it->first, "activity '" + a.label + "' is declared twice");
        yml::Node d = it->second;
        if (d.IsScalar()) {
            a.category = y.asStr(d);
            needCategory(y, d, e.rates, a.category);
            out.push_back(std::move(a));
            continue;
        }
        y.requireMap(d, "activity '" + a.label + "'");
        y.allowKeys(d, {"category", "split", "rate", "year", "reason"});
        if (d["category"] && d["split"]) y.fail(d, "give either 'category' or 'split', not both");
        if (d["category"]) {
            a.category = y.reqStr(d, "category");
            needCategory(y, d["category"], e.rates, a.category);
        }
        if (yml::Node s = d["split"]) {
            y.requireMap(s, "'split'");
            double sum = 0;
            std::string parts;
            for (auto jt = s.begin(); jt != s.end(); ++jt) {
                EconShare sh;
                sh.category = y.asStr(jt->first);
                needCategory(y, jt->first, e.rates, sh.category);
                sh.share = fraction(y, jt->second, "the share of '" + sh.category + "'");
                if (!(sh.share > 0) || sh.share > 1) y.fail(jt->second, "a share must be above 0 and at most 1");
                sum += sh.share;
                parts += (parts.empty() ? "" : " + ") + jt->second.Scalar();
                a.split.push_back(sh);
            }
            if (std::fabs(sum - 1) > 1e-9)
                y.fail(s, "the split of '" + a.label + "' adds up to " + show(sum) + " (" + parts + "), not 1",
                       "make the shares add up to 1; write thirds as 1/3");
        }
        if (d["rate"]) {
            a.rate = amount(y, d["rate"], "'rate'");
            if (!(*a.rate > 0)) y.fail(d["rate"], "the rate must be positive");
            a.rateYear = e.prices.year;
            if (d["year"]) a.rateYear = yearValue(y, d["year"], "'year'");
            checkPriceYear(y, d["year"] ? d["year"] : d["rate"], e.prices, a.rateYear);
            a.reason = y.str(d, "reason");
            if (a.reason.empty())
                y.fail(d, "an overriding rate needs a 'reason'; it is printed in the table notes");
        } else if (d["reason"] || d["year"]) {
            y.fail(d["reason"] ? d["reason"] : d["year"], "'reason' and 'year' belong with an overriding 'rate'");
        }
        if (a.category.empty() && a.split.empty() && !a.rate)
            y.fail(d, "activity '" + a.label + "' needs 'category', 'split' or 'rate'");
        out.push_back(std::move(a));
    }
    return out;
}

EconRegistration parseRegistration(const YamlFile& y, const yml::Node& d, const Project& p, const EconomicsSpec& e) {
    EconRegistration r;
    r.where = y.at(d);
    y.requireMap(d, "a registration");
    y.allowKeys(d, {"table", "municipality", "date", "year", "activity", "hours", "amounts", "category", "where"});
    r.table = y.reqStr(d, "table");
    const TableSpec& t = requireTable(y, d["table"], p, r.table);
    r.perCitizen = !t.subjectColumn.empty() || t.name == p.subjectTable;
    r.municipality = y.str(d, "municipality");
    if (!r.municipality.empty()) {
        requireColumn(y, d["municipality"], t, r.municipality);
    } else if (t.subjectColumn.empty()) {
        y.fail(d, "registration table '" + t.name + "' has no citizen column to find the municipality from",
               "add 'municipality: <column>'");
    } else if (p.municipalityColumn.empty()) {
        y.fail(d, "the municipality of a citizen-level registration comes from 'subjects: municipality', which is not set",
               "add 'municipality: <column>' here or under 'subjects:'");
    }
    r.date = y.str(d, "date");
    r.year = y.str(d, "year");
    if (!r.date.empty() && !r.year.empty()) y.fail(d, "give either 'date' or 'year', not both");
    if (!r.date.empty() && requireColumn(y, d["date"], t, r.date).type != ColumnType::Date)
        y.fail(d["date"], "'" + r.date + "' is not a date column");
    if (!r.year.empty() && requireColumn(y, d["year"], t, r.year).type != ColumnType::Integer)
        y.fail(d["year"], "'" + r.year + "' must be an integer column with the year");
    yml::Node h = d["hours"];
    if (h && h.IsScalar()) {
        r.hours = y.asStr(h);
        numericColumn(y, h, t, r.hours);
        r.activity = y.str(d, "activity");
        if (r.activity.empty()) y.fail(d, "with 'hours: <column>' give 'activity: <column>' too (long format)",
                                       "or list one hours column per activity: hours: {Label: column}");
        requireColumn(y, d["activity"], t, r.activity);
    } else if (h) {
        y.requireMap(h, "'hours'");
        if (d["activity"]) y.fail(d["activity"], "'activity' is for the long format (hours: <column>)");
        for (auto it = h.begin(); it != h.end(); ++it) {
            std::string label = y.asStr(it->first), col = y.asStr(it->second);
            numericColumn(y, it->second, t, col);
            for (const auto& [l, c] : r.columns)
                if (core::normalizeLabel(l) == core::normalizeLabel(label)) y.fail(it->first, "activity '" + label + "' is listed twice");
            r.columns.emplace_back(label, col);
        }
    } else if (!d["amounts"]) {
        y.fail(d, "a registration needs 'hours' (a column, or one column per activity) or 'amounts'");
    }
    if (yml::Node am = d["amounts"]) {
        y.requireMap(am, "'amounts'");
        for (auto it = am.begin(); it != am.end(); ++it) {
            std::vector<std::string> cols;
            if (const yml::Node list = it->second; list.IsSequence()) {
                for (const auto& c : list) cols.push_back(y.asStr(c));  // not `: it->second` (a dangling proxy)
            } else {
                cols.push_back(y.asStr(it->second));
            }
            for (size_t i = 0; i < cols.size(); ++i)
                numericColumn(y, it->second.IsSequence() ? it->second[i] : it->second, t, cols[i]);
            r.amounts.emplace_back(y.asStr(it->first), cols);
        }
    }
    r.category = y.str(d, "category");
    if (!r.category.empty()) {
        requireColumn(y, d["category"], t, r.category);
        for (const auto& [label, col] : r.columns)
            if (const EconActivity* a = e.activity(label); a && (!a->category.empty() || !a->split.empty()))
                y.fail(d["category"], "activity '" + label + "' has a staff category both here (column '" + r.category +
                                          "') and under 'activities:'",
                       "declare the staff category in one place");
        // Every category the column can hold needs a rate.
        const ColumnSpec& cc = *t.column(r.category);
        for (const auto& v : cc.values) needCategory(y, d["category"], e.rates, v);
    }
    if (d["where"]) {
        r.filter = parseWhere(y, d["where"]);
        checkWhere(y, d["where"], r.filter, t);
    }
    return r;
}

EconCitizens parseCitizens(const YamlFile& y, const yml::Node& d, const Project& p, const std::string& defLabel) {
    EconCitizens c;
    c.label = defLabel;
    if (!d) return c;
    c.where = y.at(d);
    y.requireMap(d, "'citizens'");
    y.allowKeys(d, {"label", "table", "where", "declared"});
    c.label = y.str(d, "label", defLabel);
    c.table = y.str(d, "table");
    const TableSpec* t = p.table(p.subjectTable);
    if (!c.table.empty()) {
        t = &requireTable(y, d["table"], p, c.table);
        if (t->subjectColumn.empty() && t->name != p.subjectTable)
            y.fail(d["table"], "table '" + c.table + "' has no citizen column ('subject:'), so its citizens cannot be counted");
    }
    if (d["where"]) {
        c.filter = parseWhere(y, d["where"]);
        checkWhere(y, d["where"], c.filter, *t);
    }
    if (yml::Node dec = d["declared"]) {
        y.requireMap(dec, "'declared'");
        for (auto it = dec.begin(); it != dec.end(); ++it) {
            std::string m = y.asStr(it->first);
            std::string canon;
            for (const auto& pm : p.municipalities)
                if (core::normalizeLabel(pm) == core::normalizeLabel(m)) canon = pm;
            if (canon.empty()) {
                std::string near = nearest(m, p.municipalities);
                y.fail(it->first, "'" + m + "' is not a municipality of the project",
                       near.empty() ? "use the names under project.municipalities" : "did you mean '" + near + "'?");
            }
            double v = amount(y, it->second, "the number of citizens in " + canon);
            if (v < 0) y.fail(it->second, "a number of citizens cannot be negative");
            c.declared.emplace_back(canon, v);
        }
        for (const auto& pm : p.municipalities)
            if (std::none_of(c.declared.begin(), c.declared.end(), [&](const auto& x) { return x.first == pm; }))
                y.fail(dec, "'declared' has no number for " + pm, "give every project municipality a number");
        c.counted = !c.table.empty() || !c.filter.empty();
    }
    return c;
}

EconScenarios parseScenarios(const YamlFile& y, const yml::Node& n, const std::string& what) {
    EconScenarios s;
    if (!n) y.fail(n, what + " needs 'probability: {low, mid, high}'");
    if (n.IsScalar()) {
        s.low = s.mid = s.high = fraction(y, n, what);
    } else {
        y.requireMap(n, "'probability'");
        y.allowKeys(n, {"low", "mid", "high"});
        if (!n["low"] || !n["high"]) y.fail(n, "'probability' needs 'low' and 'high' ('mid' defaults to their midpoint)");
        s.low = fraction(y, n["low"], "'low'");
        s.high = fraction(y, n["high"], "'high'");
        s.mid = n["mid"] ? fraction(y, n["mid"], "'mid'") : (s.low + s.high) / 2;
        if (s.low > s.high)
            y.fail(n, "scenario 'low' (" + show(s.low) + ") exceeds 'high' (" + show(s.high) + ") in " + what,
                   "the low scenario has the lowest probability; swap them");
        if (s.mid < s.low || s.mid > s.high)
            y.fail(n["mid"], "scenario 'mid' (" + show(s.mid) + ") lies outside [low, high] in " + what);
    }
    for (double v : {s.low, s.mid, s.high})
        if (v < 0 || v > 1) y.fail(n, "a probability must lie between 0 and 1 (" + what + ")");
    return s;
}

EconPayers parsePayers(const YamlFile& y, const yml::Node& n, const std::string& what) {
    EconPayers p;
    y.requireMap(n, "'payers'");
    y.allowKeys(n, {"state", "municipality", "other"});
    if (n["state"]) p.state = fraction(y, n["state"], "'state'");
    if (n["municipality"]) p.municipality = fraction(y, n["municipality"], "'municipality'");
    if (n["other"]) p.other = fraction(y, n["other"], "'other'");
    for (double v : {p.state, p.municipality, p.other})
        if (v < 0 || v > 1) y.fail(n, "a payer's share must lie between 0 and 1");
    double sum = p.state + p.municipality + p.other;
    if (std::fabs(sum - 1) > 1e-9)
        y.fail(n, "the payer split of " + what + " adds up to " + show(sum) + ", not 1",
               "give the shares of state (and regions), municipality and other, adding up to 1");
    return p;
}

std::vector<int> parseYears(const YamlFile& y, const yml::Node& d, int horizon, const std::string& what) {
    std::vector<int> out;
    if (y.flag(d, "every_year", false)) {
        if (d["years"]) y.fail(d["years"], "give either 'years' or 'every_year', not both");
        for (int t = 1; t <= horizon; ++t) out.push_back(t);
        return out;
    }
    yml::Node n = d["years"];
    if (!n) return {1};
    if (!n.IsSequence() || n.size() == 0) y.fail(n, "'years' lists horizon years, e.g. [1] or [1, 2, 3]");
    for (const auto& e : n) {
        double v = y.asNum(e);
        if (v != std::floor(v) || v < 1 || v > horizon)
            y.fail(e, "year " + show(v) + " of " + what + " is outside the horizon 1.." + std::to_string(horizon),
                   "horizon years count from 1; raise 'horizon_years' or drop the year");
        if (std::find(out.begin(), out.end(), static_cast<int>(v)) != out.end()) y.fail(e, "year listed twice");
        out.push_back(static_cast<int>(v));
    }
    return out;
}

EconLine parseLine(const YamlFile& y, const yml::Node& d, const EconomicsSpec& e, int horizon, const char* unitKey) {
    EconLine l;
    l.where = y.at(d);
    y.requireMap(d, "a business-case line");
    y.allowKeys(d, {"category", "label", unitKey, "price_year", "citizens", "share", "probability", "payers", "years",
                    "every_year", "source"});
    l.label = y.reqStr(d, "label");
    l.category = y.str(d, "category", l.label);
    l.source = y.str(d, "source");
    if (!d[unitKey]) y.fail(d, "line '" + l.label + "' needs '" + unitKey + "' (kr. per affected citizen)");
    l.unit = amount(y, d[unitKey], std::string("'") + unitKey + "'");
    if (l.unit < 0) y.fail(d[unitKey], "a unit amount cannot be negative");
    l.priceYear = e.prices.year;
    if (d["price_year"]) l.priceYear = yearValue(y, d["price_year"], "'price_year'");
    checkPriceYear(y, d["price_year"] ? d["price_year"] : d[unitKey], e.prices, l.priceYear);
    if (d["citizens"]) {
        l.citizens = amount(y, d["citizens"], "'citizens'");
        if (*l.citizens < 0) y.fail(d["citizens"], "a number of citizens cannot be negative");
    }
    if (d["share"]) {
        l.share = fraction(y, d["share"], "'share'");
        if (l.share < 0 || l.share > 1) y.fail(d["share"], "'share' must lie between 0 and 1");
    }
    l.probability = parseScenarios(y, d["probability"], "'" + l.label + "'");
    if (!d["payers"]) y.fail(d, "line '" + l.label + "' needs 'payers' (shares of state, municipality, other)");
    l.payers = parsePayers(y, d["payers"], "'" + l.label + "'");
    l.years = parseYears(y, d, horizon, "'" + l.label + "'");
    return l;
}

EconBusinessCase parseBusinessCase(const YamlFile& y, const yml::Node& d, const EconomicsSpec& e) {
    EconBusinessCase b;
    b.present = true;
    b.where = y.at(d);
    y.requireMap(d, "'business_case'");
    y.allowKeys(d, {"citizens", "horizon_years", "discount_rate", "scenario_labels", "own_costs", "induced_costs", "gains"});
    if (d["citizens"]) {
        b.citizens = amount(y, d["citizens"], "'citizens'");
        if (!(*b.citizens > 0)) y.fail(d["citizens"], "the business case needs at least one citizen");
    }
    double h = y.num(d, "horizon_years", 1);
    if (h != std::floor(h) || h < 1 || h > 50) y.fail(d["horizon_years"], "'horizon_years' must be a whole number from 1 to 50");
    b.horizon = static_cast<int>(h);
    if (d["discount_rate"]) {
        b.discountRate = fraction(y, d["discount_rate"], "'discount_rate'");
        if (b.discountRate < 0 || b.discountRate >= 1)
            y.fail(d["discount_rate"], "'discount_rate' must lie in [0, 1), e.g. 3.5 % or 0.035");
    }
    if (d["scenario_labels"]) {
        b.scenarioLabels = y.strList(d, "scenario_labels");
        if (b.scenarioLabels.size() != 3) y.fail(d["scenario_labels"], "give three labels: low, mid, high");
    }
    yml::Node own = d["own_costs"];
    if (!own || !own.IsSequence() || own.size() == 0)
        y.fail(own ? own : d, "'own_costs' must list the intervention's own costs, e.g. - {label: …, operating: true}");
    for (const auto& o : own) {
        EconOwnCost c;
        c.where = y.at(o);
        y.requireMap(o, "an own cost");
        y.allowKeys(o, {"label", "operating", "amount", "price_year", "payers", "years", "every_year"});
        c.label = y.reqStr(o, "label");
        if (o["operating"] && o["amount"]) y.fail(o, "give either 'operating' or 'amount', not both");
        if (yml::Node op = o["operating"]) {
            c.operating = true;
            if (op.IsScalar()) {
                if (!y.flag(o, "operating", true)) y.fail(op, "leave 'operating' out instead of setting it false");
            } else {
                y.requireMap(op, "'operating'");
                y.allowKeys(op, {"years", "activities"});
                if (yml::Node ys = op["years"]) {
                    if (!ys.IsSequence()) y.fail(ys, "'years' lists calendar years, e.g. [2015]");
                    for (const auto& yn : ys) c.operatingYears.push_back(yearValue(y, yn, "a calendar year"));
                }
                c.activities = y.strList(op, "activities");
            }
        } else if (o["amount"]) {
            c.amount = amount(y, o["amount"], "'amount'");
            c.priceYear = e.prices.year;
            if (o["price_year"]) c.priceYear = yearValue(y, o["price_year"], "'price_year'");
            checkPriceYear(y, o["price_year"] ? o["price_year"] : o["amount"], e.prices, c.priceYear);
        } else {
            y.fail(o, "own cost '" + c.label + "' needs 'operating: true' (the registered costs) or 'amount'");
        }
        c.payers.municipality = 1;
        if (o["payers"]) c.payers = parsePayers(y, o["payers"], "'" + c.label + "'");
        c.years = parseYears(y, o, b.horizon, "'" + c.label + "'");
        b.ownCosts.push_back(std::move(c));
    }
    for (auto [key, unit, list] : {std::tuple{"induced_costs", "unit_cost", &b.induced}, std::tuple{"gains", "unit_gain", &b.gains}}) {
        yml::Node n = d[key];
        if (!n) continue;
        if (!n.IsSequence()) y.fail(n, std::string("'") + key + "' must be a list of lines");
        for (const auto& l : n) list->push_back(parseLine(y, l, e, b.horizon, unit));
    }
    if (b.gains.empty()) y.fail(d, "a business case needs 'gains' (what the intervention may save)");
    return b;
}

}  // namespace

void parseEconomics(const YamlFile& y, const yml::Node& n, Project& p) {
    y.requireMap(n, "'economics'");
    for (auto it = n.begin(); it != n.end(); ++it) {
        EconomicsSpec e;
        e.id = y.asStr(it->first);
        e.where = y.at(it->first);
        yml::Node d = it->second;
        y.requireMap(d, "economics '" + e.id + "'");
        y.allowKeys(d, {"label", "registrations", "activities", "rates", "hours_per_year", "overhead", "prices", "citizens",
                        "components", "per_citizen_rounding", "per_course_label", "business_case"});
        e.label = y.str(d, "label", e.id);
        if (!d["prices"]) y.fail(d, "economics '" + e.id + "' needs 'prices: {year, same_wages | index}'");
        e.prices = parsePrices(y, d["prices"]);
        std::optional<double> defHours;
        if (d["hours_per_year"]) {
            defHours = amount(y, d["hours_per_year"], "'hours_per_year'");
            if (*defHours < 100 || *defHours > 8784)
                y.fail(d["hours_per_year"], "hours_per_year " + show(*defHours) + " is not a plausible number of hours a year",
                       "write 1635, not 1.635 (YAML reads the dot as a decimal point)");
        }
        if (!d["rates"]) y.fail(d, "economics '" + e.id + "' needs 'rates' (kr. per hour per staff category)");
        e.rates = parseRates(y, d["rates"], e.prices, defHours);
        if (d["overhead"]) {
            e.overhead = fraction(y, d["overhead"], "'overhead'");
            if (e.overhead < 0 || e.overhead >= 1)
                y.fail(d["overhead"], "'overhead' must lie in [0, 1): write 20 % or 0.2, not 20");
        }
        if (d["activities"]) e.activities = parseActivities(y, d["activities"], e);
        yml::Node regs = d["registrations"];
        if (!regs) y.fail(d, "economics '" + e.id + "' needs 'registrations' (the tables of hours)");
        if (regs.IsMap()) {
            e.registrations.push_back(parseRegistration(y, regs, p, e));
        } else {
            if (!regs.IsSequence() || regs.size() == 0) y.fail(regs, "'registrations' must list the tables of hours");
            for (const auto& r : regs) e.registrations.push_back(parseRegistration(y, r, p, e));
        }
        // Activities known before the data (wide columns, declared values of the activity column)
        // need a staff category: declared, or from the row's category column.
        for (const auto& r : e.registrations) {
            if (!r.category.empty()) continue;
            std::vector<std::string> labels;
            for (const auto& [label, col] : r.columns) labels.push_back(label);
            if (!r.activity.empty())
                if (const ColumnSpec* c = p.table(r.table)->column(r.activity); c && c->scale.empty()) labels = c->values;
            for (const auto& label : labels)
                if (!e.activity(label))
                    y.fail(regs, "activity '" + label + "' of table '" + r.table + "' has no staff category",
                           "declare it under 'activities:' (category, split or rate) or give the registration 'category: <column>'");
        }
        e.citizens = parseCitizens(y, d["citizens"], p, "borgere i indsatsen");
        std::vector<std::string> known = e.knownActivities(p);
        auto needActivity = [&](const yml::Node& at, const std::string& a) {
            std::string na = core::normalizeLabel(a);
            if (std::any_of(known.begin(), known.end(), [&](const std::string& k) { return core::normalizeLabel(k) == na; }))
                return;
            std::string near = nearest(a, known);
            y.fail(at, "unknown activity '" + a + "'", near.empty() ? "use an activity of the registrations" : "did you mean '" + near + "'?");
        };
        if (yml::Node comps = d["components"]) {
            if (!comps.IsSequence()) y.fail(comps, "'components' must be a list of {label, activities, citizens}");
            for (const auto& c : comps) {
                y.requireMap(c, "a component");
                y.allowKeys(c, {"label", "activities", "citizens"});
                EconComponent comp;
                comp.where = y.at(c);
                comp.label = y.reqStr(c, "label");
                comp.activities = y.strList(c, "activities");
                if (comp.activities.empty()) y.fail(c, "component '" + comp.label + "' lists no activities");
                for (size_t i = 0; i < comp.activities.size(); ++i) needActivity(c["activities"][i], comp.activities[i]);
                if (c["citizens"]) comp.citizens = parseCitizens(y, c["citizens"], p, e.citizens.label);
                e.components.push_back(std::move(comp));
            }
        }
        if (d["per_citizen_rounding"]) {
            e.perCitizenRounding = amount(y, d["per_citizen_rounding"], "'per_citizen_rounding'");
            if (!(e.perCitizenRounding > 0)) y.fail(d["per_citizen_rounding"], "'per_citizen_rounding' must be positive, e.g. 100");
        }
        e.perCourseLabel = y.str(d, "per_course_label", e.perCourseLabel);
        if (yml::Node bc = d["business_case"]) {
            e.businessCase = parseBusinessCase(y, bc, e);
            for (size_t i = 0; i < e.businessCase.ownCosts.size(); ++i)
                for (size_t j = 0; j < e.businessCase.ownCosts[i].activities.size(); ++j)
                    needActivity(bc["own_costs"][i]["operating"]["activities"][j], e.businessCase.ownCosts[i].activities[j]);
        }
        for (const auto& prev : p.economics)
            if (prev.id == e.id) y.fail(it->first, "economics id '" + e.id + "' is declared twice");
        p.economics.push_back(std::move(e));
    }
}

}  // namespace project
