#pragma once
// Reporting periods: quarters ("2024Q3", the template's period parameter) and months
// ("2024-02", a monthly delivery's period). A scheduled run derives its period from the
// date it runs on (previous_quarter, current_month, …).
#include <optional>
#include <string>
#include <vector>

#include "core/Date.hpp"
#include "core/Error.hpp"

namespace delivery {

struct Quarter {
    int year = 0, q = 0;  // q: 1..4
    std::string str() const;  // "2024Q3"
    std::string label() const;  // "3. kvartal 2024"
    Quarter next() const;
    Quarter previous() const;
    auto operator<=>(const Quarter&) const = default;
};

std::optional<Quarter> parseQuarter(const std::string& s);
Quarter quarterOf(core::Days d);

// "2024Q1..2024Q4" or "2024Q1,2024Q3" (or one quarter). Throws core::Error at `where`.
std::vector<Quarter> parseQuarterList(const std::string& spec, const core::Location& where);
// Every quarter that overlaps [from, to].
std::vector<Quarter> quartersBetween(core::Days from, core::Days to);

// A delivery's period as derived on run date `day`.
struct DerivedPeriod {
    std::string key;      // "2024Q1" or "2024-02": part of the delivery id
    std::string quarter;  // the template's period parameter: the quarter containing it
    std::string label;    // Danish: "1. kvartal 2024", "februar 2024"
};

// `rule`: previous_quarter | current_quarter | previous_month | current_month | a quarter
// "2024Q3". Throws core::Error at `where` for anything else.
DerivedPeriod derivePeriod(const std::string& rule, core::Days day, const core::Location& where);
bool isPeriodRule(const std::string& rule);

}  // namespace delivery
