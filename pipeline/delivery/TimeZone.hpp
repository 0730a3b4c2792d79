#pragma once
// A time zone read from the system tz database (TZif files under /usr/share/zoneinfo, Debian
// package tzdata; $TZDIR overrides the directory). We parse the file ourselves rather than
// set TZ and call localtime_r/mktime: TZ is process-wide state that threads and tests would
// share, and mktime guesses silently for a local time that does not exist or exists twice.
// Here both cases are explicit, which is what the scheduler needs on DST days.
#include <cstdint>
#include <string>
#include <vector>

#include "core/Date.hpp"

namespace delivery {

using Instant = int64_t;  // seconds since 1970-01-01T00:00:00Z

struct LocalTime {
    int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
    int weekday = 4;       // 0 = Sunday
    int offset = 0;        // seconds east of UTC in force at that instant
    core::Days days() const { return core::daysFromYmd(year, month, day); }
};

// How a local wall-clock time maps to instants.
struct Resolved {
    enum Kind { Unique, Gap, Overlap } kind = Unique;
    Instant first = 0;   // Unique: the instant; Overlap: the earlier (summer time) one;
                         // Gap: the instant the clocks jumped (the first that exists after it)
    Instant second = 0;  // Overlap: the later (standard time) one
};

class TimeZone {
public:
    // "Europe/Copenhagen"; throws core::Error naming the file if it is missing or not TZif.
    static TimeZone load(const std::string& name);
    static TimeZone utc();

    const std::string& name() const { return name_; }
    int offsetAt(Instant t) const;  // seconds east of UTC
    LocalTime local(Instant t) const;
    // The instants at which local wall time reads day hh:mm:ss.
    Resolved resolve(core::Days day, int hour, int minute, int second = 0) const;

private:
    struct Rule {  // a POSIX TZ footer rule such as CET-1CEST,M3.5.0,M10.5.0/3
        bool valid = false, hasDst = false;
        int stdOffset = 0, dstOffset = 0;
        int startMonth = 0, startWeek = 0, startDay = 0, startTime = 7200;
        int endMonth = 0, endWeek = 0, endDay = 0, endTime = 7200;
    };
    static Rule parseRule(const std::string& footer);
    int ruleOffset(Instant t) const;

    std::string name_;
    std::vector<Instant> transitions_;
    std::vector<int> offsets_;  // offset in force from transitions_[i]
    int initial_ = 0;           // before the first transition
    Rule rule_;                 // after the last transition
};

// "2024-04-05T07:00" (local, in `tz`), "2024-04-05T07:00:00+02:00" or "…Z". A local time in
// a DST gap is refused; one in the repeated hour means the first. Throws core::Error at `what`.
Instant parseIsoTime(const std::string& text, const TimeZone& tz, const std::string& what);
// "2024-04-05T07:00:00+02:00".
std::string formatIsoTime(Instant t, const TimeZone& tz);

}  // namespace delivery
