#include "delivery/CronExpression.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <vector>

namespace delivery {

namespace {

const char* const kMonthNames[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
const char* const kDayNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

struct Field {
    const char* name;
    int lo, hi;
    const char* const* names;  // lo-based names, or nullptr
    int nameCount;
};

// Parses one field into a bit per allowed value (index = value).
std::vector<bool> parseField(const std::string& text, const Field& f, const core::Location& where, const std::string& whole) {
    std::vector<bool> bits(static_cast<size_t>(f.hi + 1), false);
    auto fail = [&](const std::string& why) -> core::Error {
        return core::Error(where, "cron expression '" + whole + "': " + f.name + " field '" + text + "' " + why,
                           std::string("use *, a number from ") + std::to_string(f.lo) + " to " + std::to_string(f.hi) +
                               ", a range a-b, a step */n or a-b/n, or a list a,b");
    };
    auto number = [&](const std::string& s) -> int {
        if (s.empty()) throw fail("has an empty value");
        if (std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
            if (s.size() > 3) throw fail("has a value out of range");
            int v = std::stoi(s);
            if (v < f.lo || v > f.hi) throw fail("has " + s + ", out of range");
            return v;
        }
        std::string lower;
        for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (int i = 0; f.names && i < f.nameCount; ++i)
            if (lower == f.names[i]) return f.names == kMonthNames ? i + 1 : i;
        throw fail("has '" + s + "', which is neither a number nor a name");
    };
    std::stringstream parts(text);
    std::string part;
    bool any = false;
    while (std::getline(parts, part, ',')) {
        any = true;
        int step = 1;
        if (auto slash = part.find('/'); slash != std::string::npos) {
            std::string s = part.substr(slash + 1);
            if (s.empty() || s.size() > 3 || !std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
                throw fail("has a bad step '" + s + "'");
            step = std::stoi(s);
            if (step < 1) throw fail("has a step of 0");
            part = part.substr(0, slash);
        }
        int from, to;
        if (part == "*") {
            from = f.lo;
            to = f.hi;
        } else if (auto dash = part.find('-'); dash != std::string::npos) {
            from = number(part.substr(0, dash));
            to = number(part.substr(dash + 1));
            if (to < from) throw fail("has a range that ends before it starts");
        } else {
            from = number(part);
            to = step > 1 ? f.hi : from;  // "5/15" = 5-max/15, as in Vixie cron
        }
        for (int v = from; v <= to; v += step) bits[static_cast<size_t>(v)] = true;
    }
    if (!any) throw fail("is empty");
    return bits;
}

}  // namespace

CronExpression CronExpression::parse(const std::string& input, const core::Location& where) {
    std::string text = input;
    static const std::pair<const char*, const char*> macros[] = {
        {"@yearly", "0 0 1 1 *"}, {"@annually", "0 0 1 1 *"}, {"@monthly", "0 0 1 * *"},
        {"@weekly", "0 0 * * 0"}, {"@daily", "0 0 * * *"},    {"@midnight", "0 0 * * *"}, {"@hourly", "0 * * * *"}};
    for (const auto& [m, expansion] : macros)
        if (text == m) text = expansion;
    std::istringstream in(text);
    std::vector<std::string> fields;
    for (std::string f; in >> f;) fields.push_back(f);
    if (fields.size() != 5)
        throw core::Error(where, "cron expression '" + input + "' has " + std::to_string(fields.size()) + " fields, not 5",
                          "write minute hour day-of-month month day-of-week, e.g. \"0 7 5 1,4,7,10 *\"");
    CronExpression c;
    c.text_ = input;
    auto m = parseField(fields[0], {"minute", 0, 59, nullptr, 0}, where, input);
    auto h = parseField(fields[1], {"hour", 0, 23, nullptr, 0}, where, input);
    auto dom = parseField(fields[2], {"day-of-month", 1, 31, nullptr, 0}, where, input);
    auto mon = parseField(fields[3], {"month", 1, 12, kMonthNames, 12}, where, input);
    auto dow = parseField(fields[4], {"day-of-week", 0, 7, kDayNames, 7}, where, input);
    for (size_t i = 0; i < 60; ++i) c.minutes_[i] = m[i];
    for (size_t i = 0; i < 24; ++i) c.hours_[i] = h[i];
    for (size_t i = 1; i < 32; ++i) c.days_[i] = dom[i];
    for (size_t i = 1; i < 13; ++i) c.months_[i] = mon[i];
    for (size_t i = 0; i < 7; ++i) c.weekdays_[i] = dow[i];
    if (dow[7]) c.weekdays_[0] = true;
    c.dayStar_ = fields[2][0] == '*';
    c.weekdayStar_ = fields[4][0] == '*';
    c.hourStar_ = fields[1][0] == '*';
    return c;
}

bool CronExpression::dayMatches(int, int month, int day, int weekday) const {
    if (!months_[static_cast<size_t>(month)]) return false;
    bool d = days_[static_cast<size_t>(day)], w = weekdays_[static_cast<size_t>(weekday)];
    if (dayStar_ || weekdayStar_) return d && w;
    return d || w;
}

bool CronExpression::matches(const LocalTime& t) const {
    return minutes_[static_cast<size_t>(t.minute)] && hours_[static_cast<size_t>(t.hour)] &&
           dayMatches(t.year, t.month, t.day, t.weekday);
}

std::optional<Instant> CronExpression::next(Instant after, const TimeZone& tz) const {
    // Walk local days from the day `after` falls on; within a day collect the instants of every
    // matching minute and keep the earliest after `after`. In the repeated hour the wall clock
    // is not monotonic, hence the minimum rather than the first found.
    core::Days day = tz.local(after).days() - 1;  // the day before: a gap can push a time forward
    for (int i = 0; i < 366 * 10 + 3; ++i, ++day) {
        core::Ymd y = core::ymdFromDays(day);
        int weekday = static_cast<int>(((day % 7) + 7 + 4) % 7);
        if (!dayMatches(y.year, y.month, y.day, weekday)) continue;
        std::optional<Instant> best;
        auto consider = [&](Instant t) {
            if (t > after && (!best || t < *best)) best = t;
        };
        for (int h = 0; h < 24; ++h) {
            if (!hours_[static_cast<size_t>(h)]) continue;
            for (int m = 0; m < 60; ++m) {
                if (!minutes_[static_cast<size_t>(m)]) continue;
                Resolved r = tz.resolve(day, h, m);
                if (r.kind == Resolved::Unique) consider(r.first);
                else if (r.kind == Resolved::Overlap) {
                    consider(r.first);
                    if (hourStar_) consider(r.second);
                } else if (!hourStar_) {
                    consider(r.first);
                }
            }
        }
        if (best) return best;
    }
    return std::nullopt;
}

}  // namespace delivery
