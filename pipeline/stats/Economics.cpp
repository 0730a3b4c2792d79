// Economics: hours and costs from time registrations (by activity, year and municipality, in
// fixed prices), costs per citizen, the distribution of cost per course, and a business case
// in three scenarios with payer split, break-even and payback. Every number is unrounded;
// docs/ECONOMICS.md has the formulas and a worked example.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <map>
#include <set>

#include "core/Date.hpp"
#include "core/Format.hpp"
#include "core/Utf8.hpp"
#include "stats/Analyses.hpp"

namespace stats {

using core::Value;
using project::EconomicsSpec;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Value num(double v) { return std::isfinite(v) ? Value::number(v) : Value(); }

Value numbers(const std::vector<double>& v) {
    Value a = Value::array();
    for (double x : v) a.push(num(x));
    return a;
}

std::string kr(double v, int decimals = 0) { return core::formatNumber(v, decimals); }

// Hours as registered (whole, half or quarter hours): the fewest decimals that show them exactly.
std::string hoursText(double v) {
    for (int d = 0; d < 2; ++d)
        if (std::fabs(v * std::pow(10.0, d) - std::round(v * std::pow(10.0, d))) < 1e-6) return core::formatNumber(v, d);
    return core::formatNumber(v, 2);
}

// Linear interpolation between order statistics: Hyndman & Fan type 7, numpy.quantile's
// default ("linear") and R's quantile(type = 7). `v` is sorted and not empty.
double quantile7(const std::vector<double>& v, double p) {
    double h = (static_cast<double>(v.size()) - 1) * p;
    size_t lo = static_cast<size_t>(std::floor(h));
    size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

struct Grid {
    // [activity][year] and [activity][municipality]; totals per activity.
    std::vector<std::vector<double>> byYear, byMun;
    std::vector<double> total;
    void grow(size_t activities, size_t years, size_t muns) {
        byYear.resize(activities, std::vector<double>(years, 0));
        byMun.resize(activities, std::vector<double>(muns, 0));
        total.resize(activities, 0);
        for (auto& r : byYear) r.resize(years, 0);
    }
};

class Run {
public:
    Run(Context& cx, const EconomicsSpec& e) : cx_(cx), e_(e), pr_(e.prices) {
        for (size_t i = 0; i < cx.project.municipalities.size(); ++i)
            if (cx.pop.municipality.empty() || static_cast<int>(i) == cx.pop.municipalityId) {
                muns_.push_back(cx.project.municipalities[i]);
                munIds_.push_back(static_cast<int>(i));
            }
        for (const auto& a : e.knownActivities(cx.project)) activityIndex(a);
    }

    Value compute();

private:
    struct Part {
        std::string category;  // empty: the activity's override
        double share;
    };
    struct Issue {
        double hours = 0;
        std::set<int> years;
    };

    int munPos(int projectIndex) const {
        for (size_t i = 0; i < munIds_.size(); ++i)
            if (munIds_[i] == projectIndex) return static_cast<int>(i);
        return -1;
    }
    size_t activityIndex(const std::string& label);
    size_t yearIndex(int year);
    double priceFactor(int fromYear) const;  // I(base) / I(fromYear); NaN if the index lacks it
    const project::EconRate* rateFor(const std::string& category, int year) const;
    double effectiveRate(const std::string& category, int year, std::string* problem) const;
    double computeRate(const std::string& category, int year, std::string* problem) const;
    void addRegistration(const project::EconRegistration& r);
    void addHours(size_t a, int year, int mun, int subject, double hours, const std::string& rowCategory);
    void addAmount(size_t a, int year, int mun, int subject, double kroner);
    std::pair<std::vector<double>, double> citizens(const project::EconCitizens& c, const std::string& what,
                                                     const Population& pop);
    Value gridValue(const Grid& g, bool hours) const;
    Value unitCosts();
    Value perCourse();
    Value businessCase();
    double operating(const project::EconOwnCost& o) const;

    Context& cx_;
    const EconomicsSpec& e_;
    const project::EconPrices& pr_;
    std::vector<std::string> muns_;
    std::vector<int> munIds_;
    std::vector<std::string> activities_;
    std::vector<const project::EconActivity*> decls_;  // the declaration of each activity, or null
    std::vector<bool> isAmount_;
    // (category, year) -> effective rate and the problem if there is none; rows repeat them.
    mutable std::map<std::pair<std::string, int>, std::pair<double, std::string>> rateCache_;
    std::vector<int> years_;
    Grid hours_, costs_;
    std::map<std::string, double> hoursByCategory_;
    std::map<int32_t, double> courseCost_;    // subject row -> cost of its course
    std::map<std::string, Issue> noRate_;     // activity or category without a rate, or year without index
    size_t unknownMunRows_ = 0, undatedRows_ = 0, noSubjectRows_ = 0;
    double unknownMunHours_ = 0;
    std::vector<double> citizens_;            // per municipality in scope
    double citizensTotal_ = 0;
    std::vector<bool> citizensWithheld_;      // per municipality, then the total
    Value findings_ = Value::array();          // this entry's consistency findings, also in stats.consistency
    void finding(const std::string& message) {
        cx_.finding(e_.id, message);
        findings_.push(Value::string(message));
    }
};

size_t Run::activityIndex(const std::string& label) {
    std::string n = core::normalizeLabel(label);
    for (size_t i = 0; i < activities_.size(); ++i)
        if (core::normalizeLabel(activities_[i]) == n) return i;
    const project::EconActivity* decl = e_.activity(label);
    activities_.push_back(decl ? decl->label : label);
    decls_.push_back(decl);
    bool amount = false;
    for (const auto& r : e_.registrations)
        for (const auto& [l, cols] : r.amounts) amount = amount || core::normalizeLabel(l) == n;
    isAmount_.push_back(amount);
    hours_.grow(activities_.size(), years_.size(), muns_.size());
    costs_.grow(activities_.size(), years_.size(), muns_.size());
    return activities_.size() - 1;
}

size_t Run::yearIndex(int year) {
    auto it = std::lower_bound(years_.begin(), years_.end(), year);
    size_t pos = static_cast<size_t>(it - years_.begin());
    if (it != years_.end() && *it == year) return pos;
    years_.insert(it, year);
    for (Grid* g : {&hours_, &costs_})
        for (auto& row : g->byYear) row.insert(row.begin() + static_cast<long>(pos), 0.0);
    return pos;
}

double Run::priceFactor(int fromYear) const {
    if (pr_.sameWages) return 1;
    const double* base = pr_.indexOf(pr_.year);
    const double* from = pr_.indexOf(fromYear);
    return base && from ? *base / *from : kNaN;
}

const project::EconRate* Run::rateFor(const std::string& category, int year) const {
    const project::EconRate* any = nullptr;
    std::string n = core::normalizeLabel(category);
    for (const auto& r : e_.rates) {
        if (core::normalizeLabel(r.category) != n) continue;
        if (r.year == year) return &r;
        if (r.year == 0) any = &r;
    }
    return any;
}

// kr. per hour incl. overhead, in base-year prices. NaN (and `problem` set) when it cannot be known.
double Run::effectiveRate(const std::string& category, int year, std::string* problem) const {
    auto key = std::pair{category, year};
    if (auto it = rateCache_.find(key); it != rateCache_.end()) {
        *problem = it->second.second;
        return it->second.first;
    }
    double rate = computeRate(category, year, problem);
    rateCache_[key] = {rate, *problem};
    return rate;
}

double Run::computeRate(const std::string& category, int year, std::string* problem) const {
    const project::EconRate* r = rateFor(category, year);
    if (!r) {
        bool perYear = std::any_of(e_.rates.begin(), e_.rates.end(), [&](const project::EconRate& x) {
            return core::normalizeLabel(x.category) == core::normalizeLabel(category);
        });
        *problem = perYear ? "personalekategorien »" + category + "« har ingen timeløn for " + std::to_string(year)
                           : "personalekategorien »" + category + "« har ingen timeløn";
        return kNaN;
    }
    double f = priceFactor(r->priceYear);
    if (!std::isfinite(f)) *problem = "prisindekset mangler året " + std::to_string(r->priceYear);
    return r->hourly * (1 + e_.overhead) * f;
}

void Run::addHours(size_t a, int year, int mun, int subject, double h, const std::string& rowCategory) {
    size_t yi = yearIndex(year);
    hours_.byYear[a][yi] += h;
    hours_.total[a] += h;
    if (mun >= 0) hours_.byMun[a][static_cast<size_t>(mun)] += h;
    if (h == 0) return;
    // Which categories the hours are costed at.
    std::vector<Part> parts;
    const project::EconActivity* decl = decls_[a];
    std::string problem;
    double cost = 0;
    if (decl && decl->rate) {
        double f = priceFactor(decl->rateYear);
        if (!std::isfinite(f)) problem = "prisindekset mangler året " + std::to_string(decl->rateYear);
        cost = h * *decl->rate * (1 + e_.overhead) * f;
        hoursByCategory_[decl->category.empty() ? activities_[a] : decl->category] += h;
    } else {
        if (decl && !decl->split.empty()) {
            for (const auto& s : decl->split) parts.push_back({s.category, s.share});
        } else if (decl && !decl->category.empty()) {
            parts.push_back({decl->category, 1});
        } else if (!rowCategory.empty()) {
            parts.push_back({rowCategory, 1});
        }
        if (parts.empty()) {
            problem = "aktiviteten »" + activities_[a] + "« har hverken personalekategori eller timeløn";
            cost = kNaN;
        }
        for (const auto& p : parts) {
            std::string pp;
            cost += p.share * h * effectiveRate(p.category, year, &pp);
            if (!pp.empty()) problem = pp;
            hoursByCategory_[p.category] += p.share * h;
        }
    }
    if (!problem.empty()) {
        Issue& is = noRate_[problem];
        is.hours += h;
        is.years.insert(year);
    }
    costs_.byYear[a][yi] += cost;
    costs_.total[a] += cost;
    if (mun >= 0) costs_.byMun[a][static_cast<size_t>(mun)] += cost;
    if (subject >= 0) courseCost_[subject] += cost;
}

void Run::addAmount(size_t a, int year, int mun, int subject, double kroner) {
    size_t yi = yearIndex(year);
    double f = priceFactor(year);  // registered amounts are in the prices of their own year
    if (!std::isfinite(f)) {
        Issue& is = noRate_["prisindekset mangler året " + std::to_string(year)];
        is.years.insert(year);
    }
    double cost = kroner * f;
    costs_.byYear[a][yi] += cost;
    costs_.total[a] += cost;
    if (mun >= 0) costs_.byMun[a][static_cast<size_t>(mun)] += cost;
    if (subject >= 0) courseCost_[subject] += cost;
}

void Run::addRegistration(const project::EconRegistration& r) {
    const project::TableSpec& spec = *cx_.project.table(r.table);
    const dataset::Table& t = *cx_.data.table(r.table);
    const bool isSubjectTable = r.table == cx_.project.subjectTable;
    const bool grouped = cx_.index.grouped(r.table);
    const dataset::Column* munCol = r.municipality.empty() ? nullptr : t.column(r.municipality);
    const dataset::Column* dateCol = r.date.empty() ? nullptr : t.column(r.date);
    const dataset::Column* yearCol = r.year.empty() ? nullptr : t.column(r.year);
    const dataset::Column* catCol = r.category.empty() ? nullptr : t.column(r.category);
    const dataset::Column* actCol = r.activity.empty() ? nullptr : t.column(r.activity);
    const dataset::Column* hoursCol = r.hours.empty() ? nullptr : t.column(r.hours);
    const project::ColumnSpec* actSpec = r.activity.empty() ? nullptr : spec.column(r.activity);
    const project::ColumnSpec* catSpec = r.category.empty() ? nullptr : spec.column(r.category);
    RowFilter filter(cx_.project, spec, t, r.filter);

    std::vector<uint32_t> rows;
    if (munCol) {
        // The municipality is on the row: every row in the period, this municipality's in a note.
        const dataset::Column* asOfCol = dateCol ? dateCol : (spec.dateColumn.empty() ? nullptr : t.column(spec.dateColumn));
        for (size_t i = 0; i < t.rows; ++i)
            if (!asOfCol || asOfCol->date[i] == core::kNoDate || asOfCol->date[i] <= cx_.pop.asOf)
                rows.push_back(static_cast<uint32_t>(i));
    } else {
        rows = cx_.rowsInScope(r.table);
    }
    auto textOf = [&](const dataset::Column* c, const project::ColumnSpec* cs, size_t row) -> std::string {
        if (c->missing(row)) return {};
        if (c->scaled) {
            const project::ScaleLevel* lv = cx_.project.scale(cs->scale)->byCode(c->num[row]);
            return lv ? lv->label : std::string();
        }
        if (c->numeric()) return core::formatNumber(c->num[row], 0);
        return std::string(c->text(row));
    };
    std::vector<std::pair<size_t, const dataset::Column*>> wide;
    for (const auto& [label, col] : r.columns) wide.emplace_back(activityIndex(label), t.column(col));
    std::vector<std::pair<size_t, std::vector<const dataset::Column*>>> amounts;
    for (const auto& [label, cols] : r.amounts) {
        std::vector<const dataset::Column*> cs;
        for (const auto& c : cols) cs.push_back(t.column(c));
        amounts.emplace_back(activityIndex(label), cs);
    }
    // Long format: the activity of a symbol (or scale code) is looked up once.
    std::vector<int> activityOfSymbol(actCol && actCol->symbolic() ? actCol->dict.size() : 0, -1);
    std::map<double, size_t> activityOfCode;
    auto activityOfRow = [&](size_t row) -> size_t {
        if (actCol->symbolic()) {
            int& a = activityOfSymbol[actCol->sym[row]];
            if (a < 0) {
                std::string label = textOf(actCol, actSpec, row);
                a = static_cast<int>(activityIndex(label.empty() ? "Uoplyst aktivitet" : label));
            }
            return static_cast<size_t>(a);
        }
        double code = actCol->num[row];
        auto it = activityOfCode.find(code);
        if (it != activityOfCode.end()) return it->second;
        std::string label = textOf(actCol, actSpec, row);
        return activityOfCode[code] = activityIndex(label.empty() ? "Uoplyst aktivitet" : label);
    };
    for (uint32_t row : rows) {
        if (!filter.matches(row)) continue;
        int32_t subject = -1;
        if (isSubjectTable) subject = static_cast<int32_t>(row);
        else if (grouped) subject = cx_.index.subjectOf(r.table, row);
        int mun = -1;
        if (munCol) {
            std::string m = munCol->missing(row) ? std::string() : std::string(munCol->text(row));
            int projectIndex = cx_.index.municipalityIndex(m);
            if (!cx_.pop.municipality.empty() && projectIndex != cx_.pop.municipalityId) continue;
            mun = munPos(projectIndex);
        } else if (subject >= 0) {
            mun = munPos(cx_.index.municipalityOf(static_cast<size_t>(subject)));
        }
        int year = pr_.year;
        if (dateCol) {
            if (dateCol->date[row] == core::kNoDate) ++undatedRows_;
            else year = core::ymdFromDays(dateCol->date[row]).year;
        } else if (yearCol) {
            if (std::isnan(yearCol->num[row])) ++undatedRows_;
            else year = static_cast<int>(yearCol->num[row]);
        }
        if (r.perCitizen && subject < 0) ++noSubjectRows_;
        const int course = r.perCitizen ? subject : -1;
        std::string rowCategory = catCol ? textOf(catCol, catSpec, row) : std::string();
        double rowHours = 0;
        if (actCol) {
            double h = hoursCol->num[row];
            if (!std::isnan(h)) {
                addHours(activityOfRow(row), year, mun, course, h, rowCategory);
                rowHours += h;
            }
        }
        for (const auto& [a, col] : wide) {
            double h = col->num[row];
            if (std::isnan(h)) continue;
            addHours(a, year, mun, course, h, rowCategory);
            rowHours += h;
        }
        for (const auto& [a, cols] : amounts) {
            double sum = 0;
            bool any = false;
            for (const dataset::Column* c : cols)
                if (!std::isnan(c->num[row])) {
                    sum += c->num[row];
                    any = true;
                }
            if (any) addAmount(a, year, mun, course, sum);
        }
        if (mun < 0 && cx_.pop.municipality.empty()) {
            ++unknownMunRows_;
            unknownMunHours_ += rowHours;
        }
    }
}

// Citizens per municipality in scope, and in total: counted in the data, or declared.
std::pair<std::vector<double>, double> Run::citizens(const project::EconCitizens& c, const std::string& what,
                                                     const Population& pop) {
    std::vector<double> counted(muns_.size(), 0);
    double countedTotal = 0;
    if (c.counted) {
        const std::string table = c.table.empty() ? cx_.project.subjectTable : c.table;
        const project::TableSpec& spec = *cx_.project.table(table);
        const dataset::Table& t = *cx_.data.table(table);
        RowFilter filter(cx_.project, spec, t, c.filter);
        const bool subjects = table == cx_.project.subjectTable;
        for (uint32_t s : pop.rows) {
            bool in = false;
            if (subjects) {
                in = filter.matches(s);
            } else {
                for (uint32_t row : cx_.index.rowsOf(table, s, pop.asOf))
                    if (filter.matches(row)) {
                        in = true;
                        break;
                    }
            }
            if (!in) continue;
            countedTotal += 1;
            int m = munPos(cx_.index.municipalityOf(s));
            if (m >= 0 && &pop == &cx_.pop) counted[static_cast<size_t>(m)] += 1;
        }
    }
    if (c.declared.empty()) return {counted, countedTotal};
    std::vector<double> declared(muns_.size(), 0);
    double total = 0;
    for (size_t i = 0; i < muns_.size(); ++i)
        for (const auto& [m, v] : c.declared)
            if (m == muns_[i]) declared[i] = v;
    if (&pop != &cx_.pop) {
        for (const auto& [m, v] : c.declared) total += v;
        return {declared, total};
    }
    for (double v : declared) total += v;
    if (c.counted)
        for (size_t i = 0; i < muns_.size(); ++i)
            if (declared[i] != counted[i])
                finding("Antallet af " + what + " i " + muns_[i] + " er angivet til " +
                        kr(declared[i], declared[i] == std::floor(declared[i]) ? 0 : 1) +
                                       ", men data har " + kr(counted[i], 0) + ". Det angivne tal er brugt som divisor.");
    return {declared, total};
}

Value Run::gridValue(const Grid& g, bool hours) const {
    Value v = Value::object();
    Value rows = Value::array();
    std::vector<double> yearTotal(years_.size(), 0), munTotal(muns_.size(), 0);
    double total = 0;
    for (size_t a = 0; a < activities_.size(); ++a) {
        if (hours && isAmount_[a]) continue;
        Value r = Value::object();
        r.set("label", Value::string(activities_[a]));
        r.set("years", numbers(g.byYear[a]));
        r.set("municipalities", numbers(g.byMun[a]));
        r.set("total", num(g.total[a]));
        rows.push(std::move(r));
        for (size_t y = 0; y < years_.size(); ++y) yearTotal[y] += g.byYear[a][y];
        for (size_t m = 0; m < muns_.size(); ++m) munTotal[m] += g.byMun[a][m];
        total += g.total[a];
    }
    v.set("rows", std::move(rows));
    Value t = Value::object();
    t.set("label", Value::string("I alt"));
    t.set("years", numbers(yearTotal));
    t.set("municipalities", numbers(munTotal));
    t.set("total", num(total));
    v.set("total", std::move(t));
    return v;
}

// Cost per citizen per municipality (and in all), in total and per component. The divisors are
// counts of citizens by municipality: small ones are withheld, and with them the per-citizen
// cost, which would give the count back from the (shown) cost.
Value Run::unitCosts() {
    Value v = Value::object();
    struct Column {
        std::string label, citizensLabel;
        std::vector<double> cost, citizens;  // per municipality, then the total
        std::vector<bool> withheld;
    };
    std::vector<Column> cols;
    auto withhold = [&](const std::vector<double>& cit, double total) {
        std::vector<size_t> cells;
        for (double c : cit) cells.push_back(static_cast<size_t>(std::llround(c)));
        return cx_.supp.plan(cells, static_cast<size_t>(std::llround(total)), true);
    };
    {
        Column c{"Samlet", e_.citizens.label, {}, citizens_, citizensWithheld_};
        for (size_t m = 0; m < muns_.size(); ++m) {
            double s = 0;
            for (size_t a = 0; a < activities_.size(); ++a) s += costs_.byMun[a][m];
            c.cost.push_back(s);
        }
        double s = 0;
        for (double x : costs_.total) s += x;
        c.cost.push_back(s);
        c.citizens.push_back(citizensTotal_);
        cols.push_back(std::move(c));
    }
    for (const auto& comp : e_.components) {
        Column c;
        c.label = comp.label;
        if (comp.citizens) {
            auto [cit, total] = citizens(*comp.citizens, comp.citizens->label, cx_.pop);
            c.citizens = cit;
            c.citizens.push_back(total);
            c.citizensLabel = comp.citizens->label;
            c.withheld = withhold(cit, total);
        } else {
            c.citizens = citizens_;
            c.citizens.push_back(citizensTotal_);
            c.citizensLabel = e_.citizens.label;
            c.withheld = citizensWithheld_;
        }
        c.cost.assign(muns_.size() + 1, 0);
        for (const auto& a : comp.activities) {
            std::string n = core::normalizeLabel(a);
            for (size_t i = 0; i < activities_.size(); ++i) {
                if (core::normalizeLabel(activities_[i]) != n) continue;
                for (size_t m = 0; m < muns_.size(); ++m) c.cost[m] += costs_.byMun[i][m];
                c.cost[muns_.size()] += costs_.total[i];
            }
        }
        cols.push_back(std::move(c));
    }
    Value comps = Value::array();
    for (const auto& c : cols) {
        Value cv = Value::object();
        cv.set("label", Value::string(c.label));
        cv.set("citizens_label", Value::string(c.citizensLabel));
        comps.push(std::move(cv));
    }
    v.set("columns", std::move(comps));
    Value rows = Value::array();
    // One row per municipality and "I alt"; a municipality's note has its own row only.
    const size_t nRows = muns_.size() == 1 ? 1 : muns_.size() + 1;
    for (size_t m = 0; m < nRows; ++m) {
        const size_t at = m;
        Value r = Value::object();
        r.set("label", Value::string(m < muns_.size() ? muns_[m] : "I alt"));
        Value cells = Value::array();
        for (const auto& c : cols) {
            Value cell = Value::object();
            bool hidden = c.withheld[at];
            double cit = c.citizens[at], cost = c.cost[at];
            cell.set("cost", num(cost));
            cell.set("citizens", hidden ? cx_.supp.count(static_cast<size_t>(std::llround(cit)), true) : num(cit));
            double per = cit > 0 ? cost / cit : kNaN;
            cell.set("per_citizen", hidden ? Value::suppressed(Suppressor::masked()) : num(per));
            cells.push(std::move(cell));
        }
        r.set("cells", std::move(cells));
        rows.push(std::move(r));
    }
    v.set("rows", std::move(rows));
    return v;
}

// Cost per course: the cost of each citizen's registered hours (and amounts), summarised per
// municipality and in all as a box plot wants it (type 7 quartiles, Tukey's 1,5 × IQR fences).
Value Run::perCourse() {
    std::vector<std::vector<double>> groups(muns_.size());
    std::vector<double> all;
    for (const auto& [subject, cost] : courseCost_) {
        all.push_back(cost);
        int m = munPos(cx_.index.municipalityOf(static_cast<size_t>(subject)));
        if (m >= 0) groups[static_cast<size_t>(m)].push_back(cost);
    }
    std::vector<size_t> counts;
    for (const auto& g : groups) counts.push_back(g.size());
    auto plan = cx_.supp.plan(counts, all.size(), true);
    auto summary = [&](const std::string& label, std::vector<double> v, bool withheld, bool breakdown) {
        Value s = Value::object();
        s.set("label", Value::string(label));
        s.set("n", cx_.supp.count(v.size(), withheld));
        const bool hidden = withheld || cx_.supp.tooSmall(v.size(), breakdown);
        const char* keys[] = {"mean", "median", "q1", "q3", "iqr", "min", "max", "whisker_low", "whisker_high",
                              "fence_low", "fence_high"};
        if (hidden || v.empty()) {
            for (const char* k : keys) s.set(k, hidden ? Value::suppressed(Suppressor::masked()) : Value());
            s.set("outliers", hidden ? Value::suppressed(Suppressor::masked()) : Value::array());
            return s;
        }
        std::sort(v.begin(), v.end());
        double sum = 0;
        for (double x : v) sum += x;
        double q1 = quantile7(v, 0.25), med = quantile7(v, 0.5), q3 = quantile7(v, 0.75), iqr = q3 - q1;
        double lo = q1 - 1.5 * iqr, hi = q3 + 1.5 * iqr;
        double wlo = q1, whi = q3;
        Value outliers = Value::array();
        for (double x : v) {
            if (x < lo || x > hi) outliers.push(num(x));
            else wlo = std::min(wlo, x), whi = std::max(whi, x);
        }
        double vals[] = {sum / static_cast<double>(v.size()), med, q1, q3, iqr, v.front(), v.back(), wlo, whi, lo, hi};
        for (size_t i = 0; i < std::size(keys); ++i) s.set(keys[i], num(vals[i]));
        s.set("outliers", std::move(outliers));
        return s;
    };
    Value v = Value::object();
    v.set("label", Value::string(e_.perCourseLabel));
    v.set("quantile_method", Value::string("type 7 (lineær interpolation, som numpy.quantile og R's standard)"));
    Value gs = Value::array();
    for (size_t m = 0; m < muns_.size(); ++m) gs.push(summary(muns_[m], groups[m], plan[m], true));
    if (muns_.size() > 1 || muns_.empty()) gs.push(summary("I alt", all, plan.back(), false));
    v.set("groups", std::move(gs));
    return v;
}

double Run::operating(const project::EconOwnCost& o) const {
    double s = 0;
    for (size_t a = 0; a < activities_.size(); ++a) {
        if (!o.activities.empty() &&
            std::none_of(o.activities.begin(), o.activities.end(),
                         [&](const std::string& x) { return core::normalizeLabel(x) == core::normalizeLabel(activities_[a]); }))
            continue;
        for (size_t y = 0; y < years_.size(); ++y)
            if (o.operatingYears.empty() ||
                std::find(o.operatingYears.begin(), o.operatingYears.end(), years_[y]) != o.operatingYears.end())
                s += costs_.byYear[a][y];
    }
    return s;
}

Value payersValue(const project::EconPayers& p) {
    Value v = Value::object();
    v.set("state", Value::number(p.state));
    v.set("municipality", Value::number(p.municipality));
    v.set("other", Value::number(p.other));
    return v;
}

Value Run::businessCase() {
    const project::EconBusinessCase& b = e_.businessCase;
    const bool scoped = !cx_.pop.municipality.empty();
    // N: declared for the project, or the citizens counted above. In a municipality's note the
    // municipality's citizens; declared amounts are scaled by its share of the project's N.
    double nProject = b.citizens ? *b.citizens : kNaN;
    double n = citizensTotal_;
    std::string nSource = "counted";
    if (!scoped && b.citizens) {
        n = *b.citizens;
        nSource = "declared";
    }
    if (!b.citizens) {
        if (scoped) {
            Population all = makePopulation(cx_.index, "", cx_.pop.asOf);
            nProject = citizens(e_.citizens, e_.citizens.label, all).second;
        } else {
            nProject = n;
        }
    }
    const double scale = scoped ? (nProject > 0 ? n / nProject : kNaN) : 1;
    // In a municipality's note N is a count in a breakdown; every line is a multiple of it
    // (unit × N × share × probability), so a small N withholds the whole business case.
    if (scoped && cx_.supp.tooSmall(static_cast<size_t>(std::llround(n)), true)) {
        Value w = Value::object();
        w.set("withheld", Value::boolean(true));
        w.set("citizens", cx_.supp.count(static_cast<size_t>(std::llround(n)), true));
        w.set("caveat", Value::string("Business casen bygger på færre end " + std::to_string(cx_.supp.k()) +
                                      " borgere og vises ikke."));
        return w;
    }
    const int H = b.horizon;
    std::vector<double> discount(static_cast<size_t>(H) + 1, 0);
    for (int t = 1; t <= H; ++t) discount[static_cast<size_t>(t)] = 1 / std::pow(1 + b.discountRate, t - 1);

    struct Line {
        std::string group, category, label;
        std::vector<double> pv;       // present value per scenario
        project::EconPayers payers;
        Value spec;
    };
    std::vector<Line> lines;
    // [scenario][year] discounted, per group
    auto zero = [&] { return std::vector<std::vector<double>>(3, std::vector<double>(static_cast<size_t>(H) + 1, 0)); };
    auto ownY = zero(), indY = zero(), gainY = zero();
    double gainBase = 0;  // PV of every gain line at probability 1 (for break-even)
    for (const auto& o : b.ownCosts) {
        Line l{"own", "Egne omkostninger", o.label, {}, o.payers, Value::object()};
        double amount;
        if (o.operating) {
            amount = operating(o);
            l.spec.set("operating", Value::boolean(true));
            Value ys = Value::array();
            for (int y : o.operatingYears) ys.push(Value::integer(y));
            l.spec.set("operating_years", std::move(ys));
            Value as = Value::array();
            for (const auto& a : o.activities) as.push(Value::string(a));
            l.spec.set("operating_activities", std::move(as));
        } else {
            amount = *o.amount * priceFactor(o.priceYear) * scale;
            l.spec.set("amount", Value::number(*o.amount));
            l.spec.set("price_year", Value::integer(o.priceYear));
        }
        l.spec.set("amount_per_year", num(amount));
        double pv = 0;
        Value ys = Value::array();
        for (int t : o.years) {
            pv += amount * discount[static_cast<size_t>(t)];
            for (int s = 0; s < 3; ++s) ownY[static_cast<size_t>(s)][static_cast<size_t>(t)] += amount * discount[static_cast<size_t>(t)];
            ys.push(Value::integer(t));
        }
        l.spec.set("years", std::move(ys));
        l.pv = {pv, pv, pv};
        lines.push_back(std::move(l));
    }
    auto addLines = [&](const std::vector<project::EconLine>& src, const char* group, std::vector<std::vector<double>>& perYear,
                        bool gain) {
        for (const auto& x : src) {
            Line l{group, x.category, x.label, {}, x.payers, Value::object()};
            const double unitBase = x.unit * priceFactor(x.priceYear);
            const double affected = n * x.share;
            double df = 0;
            for (int t : x.years) df += discount[static_cast<size_t>(t)];
            const double ps[] = {x.probability.low, x.probability.mid, x.probability.high};
            for (int s = 0; s < 3; ++s) {
                double amount = unitBase * affected * ps[s];
                l.pv.push_back(amount * df);
                for (int t : x.years) perYear[static_cast<size_t>(s)][static_cast<size_t>(t)] += amount * discount[static_cast<size_t>(t)];
            }
            if (gain) gainBase += unitBase * affected * df;
            l.spec.set("unit", Value::number(x.unit));
            l.spec.set("price_year", Value::integer(x.priceYear));
            l.spec.set("unit_base_prices", num(unitBase));
            l.spec.set("share", Value::number(x.share));
            l.spec.set("citizens_affected", num(affected));
            Value pv = Value::object();
            pv.set("low", Value::number(x.probability.low));
            pv.set("mid", Value::number(x.probability.mid));
            pv.set("high", Value::number(x.probability.high));
            l.spec.set("probability", std::move(pv));
            Value ys = Value::array();
            for (int t : x.years) ys.push(Value::integer(t));
            l.spec.set("years", std::move(ys));
            l.spec.set("source", Value::string(x.source));
            lines.push_back(std::move(l));
        }
    };
    addLines(b.induced, "induced", indY, false);
    addLines(b.gains, "gains", gainY, true);

    Value v = Value::object();
    v.set("citizens", num(n));
    v.set("citizens_source", Value::string(nSource));
    v.set("citizens_label", Value::string(e_.citizens.label));
    v.set("horizon_years", Value::integer(H));
    v.set("discount_rate", Value::number(b.discountRate));
    if (scoped && std::any_of(b.ownCosts.begin(), b.ownCosts.end(), [](const auto& o) { return o.amount.has_value(); }))
        v.set("scale_declared_amounts", num(scale));
    Value sc = Value::array();
    const char* keys[] = {"low", "mid", "high"};
    for (int s = 0; s < 3; ++s) {
        Value x = Value::object();
        x.set("key", Value::string(keys[s]));
        x.set("label", Value::string(b.scenarioLabels[static_cast<size_t>(s)]));
        sc.push(std::move(x));
    }
    v.set("scenarios", std::move(sc));

    std::vector<double> own(3, 0), induced(3, 0), gains(3, 0), net(3, 0);
    struct PayerSums {
        std::vector<double> costs = std::vector<double>(3, 0), gains = std::vector<double>(3, 0);
    };
    PayerSums payer[3];
    Value lv = Value::array();
    for (const auto& l : lines) {
        Value x = l.spec;
        x.set("group", Value::string(l.group));
        x.set("category", Value::string(l.category));
        x.set("label", Value::string(l.label));
        x.set("payers", payersValue(l.payers));
        x.set("values", numbers(l.pv));
        std::vector<double> per;
        for (double p : l.pv) per.push_back(n > 0 ? p / n : kNaN);
        x.set("per_citizen", numbers(per));
        lv.push(std::move(x));
        const double shares[] = {l.payers.state, l.payers.municipality, l.payers.other};
        for (int s = 0; s < 3; ++s) {
            double a = l.pv[static_cast<size_t>(s)];
            auto& target = l.group == "own" ? own : l.group == "induced" ? induced : gains;
            target[static_cast<size_t>(s)] += a;
            for (int q = 0; q < 3; ++q)
                (l.group == "gains" ? payer[q].gains : payer[q].costs)[static_cast<size_t>(s)] += a * shares[q];
        }
    }
    v.set("lines", std::move(lv));
    for (int s = 0; s < 3; ++s)
        net[static_cast<size_t>(s)] = gains[static_cast<size_t>(s)] - own[static_cast<size_t>(s)] - induced[static_cast<size_t>(s)];
    auto perCitizen = [&](const std::vector<double>& x) {
        std::vector<double> out;
        for (double a : x) out.push_back(n > 0 ? a / n : kNaN);
        return out;
    };
    Value totals = Value::object(), pc = Value::object();
    for (auto [key, vec] : {std::pair{"own", &own}, std::pair{"induced", &induced}, std::pair{"gains", &gains},
                            std::pair{"net", &net}}) {
        totals.set(key, numbers(*vec));
        pc.set(key, numbers(perCitizen(*vec)));
    }
    v.set("totals", std::move(totals));
    v.set("per_citizen", std::move(pc));

    Value pv = Value::array();
    const char* payerKeys[] = {"state", "municipality", "other"};
    const char* payerLabels[] = {"Stat og regioner", "Kommune", "Øvrige"};
    for (int q = 0; q < 3; ++q) {
        Value x = Value::object();
        x.set("key", Value::string(payerKeys[q]));
        x.set("label", Value::string(payerLabels[q]));
        x.set("costs", numbers(payer[q].costs));
        x.set("gains", numbers(payer[q].gains));
        std::vector<double> pn;
        for (int s = 0; s < 3; ++s) pn.push_back(payer[q].gains[static_cast<size_t>(s)] - payer[q].costs[static_cast<size_t>(s)]);
        x.set("net", numbers(pn));
        pv.push(std::move(x));
    }
    v.set("payers", std::move(pv));

    // Years (discounted amounts) and the cumulative net; payback = first year it is >= 0.
    Value years = Value::array();
    std::vector<double> cum(3, 0);
    std::vector<int> payback(3, 0);
    for (int t = 1; t <= H; ++t) {
        Value y = Value::object();
        y.set("year", Value::integer(t));
        y.set("discount_factor", Value::number(discount[static_cast<size_t>(t)]));
        std::vector<double> o, i, g, nt, c;
        for (size_t s = 0; s < 3; ++s) {
            size_t ti = static_cast<size_t>(t);
            o.push_back(ownY[s][ti]);
            i.push_back(indY[s][ti]);
            g.push_back(gainY[s][ti]);
            nt.push_back(gainY[s][ti] - ownY[s][ti] - indY[s][ti]);
            cum[s] += nt.back();
            c.push_back(cum[s]);
            if (!payback[s] && cum[s] >= 0) payback[s] = t;
        }
        y.set("own", numbers(o));
        y.set("induced", numbers(i));
        y.set("gains", numbers(g));
        y.set("net", numbers(nt));
        y.set("cumulative_net", numbers(c));
        years.push(std::move(y));
    }
    v.set("years", std::move(years));

    // Break-even: the one prevention probability, used for every gain line, at which net = 0.
    Value be = Value::object();
    std::vector<double> prob, factor;
    for (size_t s = 0; s < 3; ++s) {
        double costs = own[s] + induced[s];
        prob.push_back(gainBase > 0 ? costs / gainBase : kNaN);
        factor.push_back(gains[s] > 0 ? costs / gains[s] : kNaN);
    }
    be.set("probability", numbers(prob));
    be.set("gains_factor", numbers(factor));
    be.set("gains_at_probability_one", num(gainBase));
    v.set("break_even", std::move(be));
    if (H > 1) {
        Value pb = Value::array();
        for (int p : payback) pb.push(p ? Value::integer(p) : Value());
        v.set("payback_year", std::move(pb));
    }
    size_t best = 0, worst = 0;
    for (size_t s = 1; s < 3; ++s) {
        if (net[s] > net[best]) best = s;
        if (net[s] < net[worst]) worst = s;
    }
    v.set("most_favourable", Value::string(keys[best]));
    v.set("least_favourable", Value::string(keys[worst]));
    if (std::isfinite(net[0]) && std::isfinite(net[2]) && net[2] < net[0])
        finding("I business casen giver »" + b.scenarioLabels[2] + "« en mindre nettogevinst (" +
                               kr(net[2] / 1000, 1) + " t. kr.) end »" + b.scenarioLabels[0] + "« (" + kr(net[0] / 1000, 1) +
                               " t. kr.); omtal ikke det høje scenarie som det mest optimistiske.");
    return v;
}

Value Run::compute() {
    for (const auto& r : e_.registrations) addRegistration(r);
    for (const auto& [problem, is] : noRate_) {
        std::string ys;
        for (int y : is.years) ys += (ys.empty() ? "" : ", ") + std::to_string(y);
        std::string what = is.hours > 0 ? " for " + hoursText(is.hours) + " timer" : std::string();
        finding("Omkostningerne kan ikke beregnes" + what + " (" + ys + "): " + problem +
                               ". De berørte celler vises som »–«.");
    }
    if (unknownMunRows_)
        finding(std::to_string(unknownMunRows_) + " rækker i tidsregistreringen (" + hoursText(unknownMunHours_) +
                               " timer) har ingen kendt kommune; de indgår i »I alt«, men ikke i nogen kommune.");
    if (undatedRows_)
        finding(std::to_string(undatedRows_) + " rækker i tidsregistreringen har intet år; de er henført til " +
                               std::to_string(pr_.year) + ".");
    if (noSubjectRows_)
        finding(std::to_string(noSubjectRows_) +
                               " rækker på borgerniveau hører ikke til en kendt borger og indgår ikke i omkostningen pr. forløb.");

    auto [cit, total] = citizens(e_.citizens, e_.citizens.label, cx_.pop);
    citizens_ = cit;
    citizensTotal_ = total;
    {
        std::vector<size_t> cells;
        for (double c : cit) cells.push_back(static_cast<size_t>(std::llround(c)));
        citizensWithheld_ = cx_.supp.plan(cells, static_cast<size_t>(std::llround(total)), true);
    }

    Value v = Value::object();
    v.set("label", Value::string(e_.label));
    Value ms = Value::array();
    for (const auto& m : muns_) ms.push(Value::string(m));
    v.set("municipalities", std::move(ms));
    Value ys = Value::array();
    for (int y : years_) ys.push(Value::integer(y));
    v.set("years", std::move(ys));

    Value prices = Value::object();
    prices.set("year", Value::integer(pr_.year));
    prices.set("basis", Value::string(pr_.sameWages ? "same_wages" : "index"));
    Value ix = Value::array();
    for (const auto& [y, val] : pr_.index) {
        Value x = Value::object();
        x.set("year", Value::integer(y));
        x.set("value", Value::number(val));
        ix.push(std::move(x));
    }
    prices.set("index", std::move(ix));
    prices.set("index_source", Value::string(pr_.indexSource));
    v.set("prices", std::move(prices));
    v.set("overhead", Value::number(e_.overhead));
    v.set("per_citizen_rounding", Value::number(e_.perCitizenRounding));

    Value rates = Value::array();
    for (const auto& r : e_.rates) {
        Value x = Value::object();
        x.set("category", Value::string(r.category));
        x.set("year", r.year ? Value::integer(r.year) : Value());
        x.set("price_year", Value::integer(r.priceYear));
        x.set("hourly", Value::number(r.hourly));
        x.set("annual", r.annual ? Value::number(*r.annual) : Value());
        x.set("hours_per_year", r.hoursPerYear ? Value::number(*r.hoursPerYear) : Value());
        x.set("with_overhead", Value::number(r.hourly * (1 + e_.overhead)));
        x.set("effective", num(r.hourly * (1 + e_.overhead) * priceFactor(r.priceYear)));
        x.set("hours", num(hoursByCategory_.count(r.category) ? hoursByCategory_.at(r.category) : 0));
        rates.push(std::move(x));
    }
    v.set("rates", std::move(rates));
    Value acts = Value::array();
    for (size_t a = 0; a < activities_.size(); ++a) {
        Value x = Value::object();
        x.set("label", Value::string(activities_[a]));
        x.set("unit", Value::string(isAmount_[a] ? "kr" : "hours"));
        const project::EconActivity* d = e_.activity(activities_[a]);
        x.set("category", Value::string(d ? d->category : ""));
        Value split = Value::array();
        if (d)
            for (const auto& s : d->split) {
                Value sv = Value::object();
                sv.set("category", Value::string(s.category));
                sv.set("share", Value::number(s.share));
                split.push(std::move(sv));
            }
        x.set("split", std::move(split));
        if (d && d->rate) {
            Value o = Value::object();
            o.set("hourly", Value::number(*d->rate));
            o.set("price_year", Value::integer(d->rateYear));
            o.set("effective", num(*d->rate * (1 + e_.overhead) * priceFactor(d->rateYear)));
            o.set("reason", Value::string(d->reason));
            x.set("override", std::move(o));
        }
        acts.push(std::move(x));
    }
    v.set("activities", std::move(acts));
    Value regs = Value::array();
    for (const auto& r : e_.registrations) {
        Value x = Value::object();
        x.set("table", Value::string(r.table));
        x.set("per_citizen", Value::boolean(r.perCitizen));
        regs.push(std::move(x));
    }
    v.set("registrations", std::move(regs));
    v.set("hours", gridValue(hours_, true));
    v.set("costs", gridValue(costs_, false));

    Value c = Value::object();
    c.set("label", Value::string(e_.citizens.label));
    c.set("source", Value::string(e_.citizens.declared.empty() ? "data" : "declared"));
    Value cm = Value::array();
    for (size_t m = 0; m < muns_.size(); ++m)
        cm.push(citizensWithheld_[m] ? cx_.supp.count(static_cast<size_t>(std::llround(cit[m])), true) : num(cit[m]));
    c.set("municipalities", std::move(cm));
    c.set("total", citizensWithheld_.back() ? cx_.supp.count(static_cast<size_t>(std::llround(total)), true) : num(total));
    v.set("citizens", std::move(c));
    v.set("unit_costs", unitCosts());
    if (std::any_of(e_.registrations.begin(), e_.registrations.end(), [](const auto& r) { return r.perCitizen; }))
        v.set("per_course", perCourse());
    if (e_.businessCase.present) v.set("business_case", businessCase());
    v.set("findings", findings_);
    return v;
}

}  // namespace

Value economics(Context& cx, const project::EconomicsSpec& e) {
    Value v = Run(cx, e).compute();
    v.set("kind", Value::string("economics"));
    return v;
}

}  // namespace stats
