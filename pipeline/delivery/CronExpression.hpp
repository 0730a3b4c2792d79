#pragma once
// A five-field cron expression (minute hour day-of-month month day-of-week) evaluated in a
// time zone. Fields take *, numbers, ranges a-b, steps */n and a-b/n, lists a,b,c, and
// month and day names (jan, mon); day-of-week 0 and 7 are Sunday; @hourly, @daily, @weekly,
// @monthly and @yearly are shorthands. As in Vixie cron, when both day fields are restricted
// a day matching either one matches.
//
// Daylight saving time (the rules of Vixie cron, made exact):
//  - A job at a fixed hour whose time does not exist (spring forward, 02:00-02:59 in
//    Europe/Copenhagen on the last Sunday of March) runs once, when the clocks jump (03:00).
//  - A job at a fixed hour whose time occurs twice (fall back, 02:00-02:59 on the last Sunday
//    of October) runs once, at the first occurrence (summer time).
//  - A job whose hour field starts with '*' ("*", "*/2") is an interval job: it runs at every
//    instant its wall-clock times exist, so twice in the repeated hour and not in the gap.
#include <bitset>
#include <optional>
#include <string>

#include "core/Error.hpp"
#include "delivery/TimeZone.hpp"

namespace delivery {

class CronExpression {
public:
    // Throws core::Error at `where` naming the field that is wrong.
    static CronExpression parse(const std::string& text, const core::Location& where);

    const std::string& text() const { return text_; }
    // Does the wall-clock minute match (ignoring DST)?
    bool matches(const LocalTime& t) const;
    // The first scheduled instant strictly after `after`; nullopt if none within ten years
    // (e.g. "0 0 30 2 *").
    std::optional<Instant> next(Instant after, const TimeZone& tz) const;

private:
    bool dayMatches(int year, int month, int day, int weekday) const;
    std::string text_;
    std::bitset<60> minutes_;
    std::bitset<24> hours_;
    std::bitset<32> days_;      // 1..31
    std::bitset<13> months_;    // 1..12
    std::bitset<7> weekdays_;   // 0 = Sunday
    bool dayStar_ = false, weekdayStar_ = false, hourStar_ = false;
};

}  // namespace delivery
