#include "delivery/Period.hpp"

#include <cstdio>

namespace delivery {

namespace {

const char* const kMonths[] = {"januar", "februar", "marts",     "april",   "maj",      "juni",
                               "juli",   "august",  "september", "oktober", "november", "december"};

DerivedPeriod month(int year, int m) {
    char key[16];
    std::snprintf(key, sizeof key, "%04d-%02d", year, m);
    Quarter q{year, (m - 1) / 3 + 1};
    return {key, q.str(), std::string(kMonths[m - 1]) + " " + std::to_string(year)};
}

}  // namespace

std::string Quarter::str() const { return std::to_string(year) + "Q" + std::to_string(q); }
std::string Quarter::label() const { return std::to_string(q) + ". kvartal " + std::to_string(year); }
Quarter Quarter::next() const { return q == 4 ? Quarter{year + 1, 1} : Quarter{year, q + 1}; }
Quarter Quarter::previous() const { return q == 1 ? Quarter{year - 1, 4} : Quarter{year, q - 1}; }

std::optional<Quarter> parseQuarter(const std::string& s) {
    if (s.size() != 6 || (s[4] != 'Q' && s[4] != 'q') || s[5] < '1' || s[5] > '4') return std::nullopt;
    int y = 0;
    for (int i = 0; i < 4; ++i) {
        char c = s[static_cast<size_t>(i)];
        if (c < '0' || c > '9') return std::nullopt;
        y = y * 10 + (c - '0');
    }
    return Quarter{y, s[5] - '0'};
}

Quarter quarterOf(core::Days d) {
    core::Ymd y = core::ymdFromDays(d);
    return {y.year, (y.month - 1) / 3 + 1};
}

std::vector<Quarter> parseQuarterList(const std::string& spec, const core::Location& where) {
    const std::string fix = "write quarters like 2024Q1..2024Q4 or 2024Q1,2024Q3";
    std::vector<Quarter> out;
    if (auto dots = spec.find(".."); dots != std::string::npos) {
        auto a = parseQuarter(spec.substr(0, dots)), b = parseQuarter(spec.substr(dots + 2));
        if (!a || !b) throw core::Error(where, "'" + spec + "' is not a range of quarters", fix);
        if (*b < *a) throw core::Error(where, "the range '" + spec + "' ends before it starts", fix);
        for (Quarter q = *a; q <= *b; q = q.next()) out.push_back(q);
        return out;
    }
    size_t start = 0;
    while (start <= spec.size()) {
        size_t comma = spec.find(',', start);
        std::string part = spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        auto q = parseQuarter(part);
        if (!q) throw core::Error(where, "'" + part + "' is not a quarter", fix);
        out.push_back(*q);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

std::vector<Quarter> quartersBetween(core::Days from, core::Days to) {
    std::vector<Quarter> out;
    if (to < from) return out;
    for (Quarter q = quarterOf(from), last = quarterOf(to); q <= last; q = q.next()) out.push_back(q);
    return out;
}

bool isPeriodRule(const std::string& rule) {
    return rule == "previous_quarter" || rule == "current_quarter" || rule == "previous_month" ||
           rule == "current_month" || parseQuarter(rule).has_value();
}

DerivedPeriod derivePeriod(const std::string& rule, core::Days day, const core::Location& where) {
    core::Ymd y = core::ymdFromDays(day);
    Quarter cur{y.year, (y.month - 1) / 3 + 1};
    if (rule == "current_quarter") return {cur.str(), cur.str(), cur.label()};
    if (rule == "previous_quarter") {
        Quarter p = cur.previous();
        return {p.str(), p.str(), p.label()};
    }
    if (rule == "current_month") return month(y.year, y.month);
    if (rule == "previous_month") return y.month == 1 ? month(y.year - 1, 12) : month(y.year, y.month - 1);
    if (auto q = parseQuarter(rule)) return {q->str(), q->str(), q->label()};
    throw core::Error(where, "unknown period '" + rule + "'",
                      "use previous_quarter, current_quarter, previous_month, current_month or a quarter like 2024Q3");
}

}  // namespace delivery
