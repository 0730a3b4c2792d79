// Cron expressions in Europe/Copenhagen, including both DST transitions. Expected instants are
// worked out by hand in the comments: CET is UTC+1, CEST is UTC+2; in 2024 summer time began
// on Sunday 31 March at 02:00 CET (01:00 UTC, clocks to 03:00) and ended on Sunday 27 October
// at 03:00 CEST (01:00 UTC, clocks back to 02:00).
#include <catch2/catch.hpp>

#include "core/Date.hpp"
#include "delivery/CronExpression.hpp"
#include "delivery/TimeZone.hpp"

using delivery::CronExpression;
using delivery::Instant;
using delivery::TimeZone;

namespace {

Instant utc(int y, int m, int d, int h, int mi) { return static_cast<Instant>(core::daysFromYmd(y, m, d)) * 86400 + h * 3600 + mi * 60; }

const TimeZone& cph() {
    static const TimeZone z = TimeZone::load("Europe/Copenhagen");
    return z;
}

Instant next(const char* cron, Instant after) {
    auto t = CronExpression::parse(cron, {"test"}).next(after, cph());
    REQUIRE(t.has_value());
    return *t;
}

}  // namespace

TEST_CASE("Copenhagen offsets come from the tz database", "[cron]") {
    CHECK(cph().offsetAt(utc(2024, 1, 15, 12, 0)) == 3600);
    CHECK(cph().offsetAt(utc(2024, 7, 15, 12, 0)) == 7200);
    // The switches themselves, to the second.
    CHECK(cph().offsetAt(utc(2024, 3, 31, 0, 59) + 59) == 3600);
    CHECK(cph().offsetAt(utc(2024, 3, 31, 1, 0)) == 7200);
    CHECK(cph().offsetAt(utc(2024, 10, 27, 0, 59) + 59) == 7200);
    CHECK(cph().offsetAt(utc(2024, 10, 27, 1, 0)) == 3600);
    // 2040 lies past the file's explicit transitions (2037); the POSIX rule
    // CET-1CEST,M3.5.0,M10.5.0/3 takes over: last Sunday of March 2040 is the 25th.
    CHECK(cph().offsetAt(utc(2040, 3, 25, 0, 59)) == 3600);
    CHECK(cph().offsetAt(utc(2040, 3, 25, 1, 0)) == 7200);
    CHECK(cph().offsetAt(utc(2040, 10, 28, 0, 59)) == 7200);  // last Sunday of October 2040: the 28th
    CHECK(cph().offsetAt(utc(2040, 10, 28, 1, 0)) == 3600);
    auto l = cph().local(utc(2024, 7, 1, 5, 0));
    CHECK((l.year == 2024 && l.month == 7 && l.day == 1 && l.hour == 7 && l.minute == 0 && l.weekday == 1));
}

TEST_CASE("Local times in the DST gap and overlap resolve explicitly", "[cron]") {
    core::Days spring = core::daysFromYmd(2024, 3, 31), autumn = core::daysFromYmd(2024, 10, 27);
    auto gap = cph().resolve(spring, 2, 30);
    CHECK(gap.kind == delivery::Resolved::Gap);
    CHECK(gap.first == utc(2024, 3, 31, 1, 0));  // the jump: 03:00 CEST
    auto both = cph().resolve(autumn, 2, 30);
    CHECK(both.kind == delivery::Resolved::Overlap);
    CHECK(both.first == utc(2024, 10, 27, 0, 30));   // 02:30 CEST
    CHECK(both.second == utc(2024, 10, 27, 1, 30));  // 02:30 CET
    auto plain = cph().resolve(autumn, 3, 30);
    CHECK(plain.kind == delivery::Resolved::Unique);
    CHECK(plain.first == utc(2024, 10, 27, 2, 30));  // 03:30 CET
    auto gap2040 = cph().resolve(core::daysFromYmd(2040, 3, 25), 2, 15);
    CHECK(gap2040.kind == delivery::Resolved::Gap);
    CHECK(gap2040.first == utc(2040, 3, 25, 1, 0));
}

TEST_CASE("Quarterly, weekly and monthly schedules", "[cron]") {
    // 07:00 on the 5th of each quarter's first month. After the January run (07:00 CET =
    // 06:00 UTC) the next is 5 April 07:00 CEST = 05:00 UTC.
    CHECK(next("0 7 5 1,4,7,10 *", utc(2024, 1, 5, 6, 0)) == utc(2024, 4, 5, 5, 0));
    // ... and after that 5 July 05:00 UTC, then 5 October 05:00 UTC, then 5 January 2025 06:00 UTC.
    CHECK(next("0 7 5 1,4,7,10 *", utc(2024, 4, 5, 5, 0)) == utc(2024, 7, 5, 5, 0));
    CHECK(next("0 7 5 1,4,7,10 *", utc(2024, 10, 5, 5, 0)) == utc(2025, 1, 5, 6, 0));
    // Ranges with a step on weekdays: minutes 15,25,35,45 of hours 8-10, Monday to Friday.
    // After Friday 7 June 2024 10:45 CEST the next is Monday 10 June 08:15 CEST = 06:15 UTC.
    CHECK(next("15-45/10 8-10 * * 1-5", utc(2024, 6, 7, 8, 45)) == utc(2024, 6, 10, 6, 15));
    CHECK(next("15-45/10 8-10 * * 1-5", utc(2024, 6, 10, 6, 15)) == utc(2024, 6, 10, 6, 25));
    // Names: 06:00 on Mondays in January and July. 1 July 2024 is a Monday: 04:00 UTC.
    CHECK(next("0 6 * jan,jul mon", utc(2024, 6, 30, 0, 0)) == utc(2024, 7, 1, 4, 0));
    // Day 7 is Sunday too: Sunday 2 June 2024 12:00 CEST = 10:00 UTC (1 June is a Saturday).
    CHECK(next("0 12 * * 7", utc(2024, 6, 1, 0, 0)) == utc(2024, 6, 2, 10, 0));
    // Both day fields restricted: the 13th OR a Friday. After 1 September 2024 the first is
    // Friday the 6th, 00:00 CEST = 5 September 22:00 UTC.
    CHECK(next("0 0 13 * 5", utc(2024, 8, 31, 22, 0)) == utc(2024, 9, 5, 22, 0));
    // 29 February: the next after March 2024 is 2028; 00:00 CET = 28 February 23:00 UTC.
    CHECK(next("0 0 29 2 *", utc(2024, 3, 1, 0, 0)) == utc(2028, 2, 28, 23, 0));
    // Macros.
    CHECK(next("@monthly", utc(2024, 5, 15, 0, 0)) == utc(2024, 5, 31, 22, 0));  // 1 June 00:00 CEST
    CHECK(next("@hourly", utc(2024, 5, 15, 10, 0)) == utc(2024, 5, 15, 11, 0));
    // Never: 30 February.
    CHECK_FALSE(CronExpression::parse("0 0 30 2 *", {"test"}).next(utc(2024, 1, 1, 0, 0), cph()).has_value());
}

TEST_CASE("Spring forward: a job in the missing hour runs once, at the jump", "[cron]") {
    // Daily at 02:30. On 31 March 2024 02:30 does not exist; the job runs when the clocks
    // jump, 03:00 CEST = 01:00 UTC. The day before: 02:30 CET = 01:30 UTC; the day after:
    // 02:30 CEST = 00:30 UTC.
    CHECK(next("30 2 * * *", utc(2024, 3, 30, 0, 0)) == utc(2024, 3, 30, 1, 30));
    CHECK(next("30 2 * * *", utc(2024, 3, 30, 1, 30)) == utc(2024, 3, 31, 1, 0));
    CHECK(next("30 2 * * *", utc(2024, 3, 31, 1, 0)) == utc(2024, 4, 1, 0, 30));
    // Two times in the gap (02:00 and 02:30) both map to the jump: one run, not two.
    CHECK(next("0,30 2 * * *", utc(2024, 3, 30, 12, 0)) == utc(2024, 3, 31, 1, 0));
    CHECK(next("0,30 2 * * *", utc(2024, 3, 31, 1, 0)) == utc(2024, 4, 1, 0, 0));
    // An hourly job simply has no 02:00 that night: 01:00 CET (00:00 UTC), then 03:00 CEST
    // (01:00 UTC), one hour of real time apart.
    CHECK(next("0 * * * *", utc(2024, 3, 30, 23, 30)) == utc(2024, 3, 31, 0, 0));
    CHECK(next("0 * * * *", utc(2024, 3, 31, 0, 0)) == utc(2024, 3, 31, 1, 0));
}

TEST_CASE("Fall back: a fixed-time job runs once, an interval job in both hours", "[cron]") {
    // Daily at 02:30. On 27 October 2024 02:30 happens at 00:30 UTC (CEST) and again at
    // 01:30 UTC (CET); the job runs at the first only, then 28 October 02:30 CET = 01:30 UTC.
    CHECK(next("30 2 * * *", utc(2024, 10, 26, 12, 0)) == utc(2024, 10, 27, 0, 30));
    CHECK(next("30 2 * * *", utc(2024, 10, 27, 0, 30)) == utc(2024, 10, 28, 1, 30));
    // Every half hour: 02:30 CEST (00:30 UTC), 02:00 CET (01:00 UTC), 02:30 CET (01:30 UTC),
    // 03:00 CET (02:00 UTC): both readings of the repeated hour run.
    Instant t = utc(2024, 10, 27, 0, 0);  // 02:00 CEST
    t = next("*/30 * * * *", t);
    CHECK(t == utc(2024, 10, 27, 0, 30));
    t = next("*/30 * * * *", t);
    CHECK(t == utc(2024, 10, 27, 1, 0));
    t = next("*/30 * * * *", t);
    CHECK(t == utc(2024, 10, 27, 1, 30));
    t = next("*/30 * * * *", t);
    CHECK(t == utc(2024, 10, 27, 2, 0));
}

TEST_CASE("Bad cron expressions name the field", "[cron]") {
    auto error = [](const char* text) {
        try {
            CronExpression::parse(text, {"schedule.yaml", 4, 11});
        } catch (const core::Error& e) {
            return e.oneLine();
        }
        return std::string("no error");
    };
    CHECK_THAT(error("60 * * * *"), Catch::StartsWith("schedule.yaml:4:11: cron expression '60 * * * *': minute field '60' has 60, out of range"));
    CHECK_THAT(error("* * * *"), Catch::Contains("has 4 fields, not 5"));
    CHECK_THAT(error("5-1 * * * *"), Catch::Contains("minute field '5-1' has a range that ends before it starts"));
    CHECK_THAT(error("*/0 * * * *"), Catch::Contains("has a step of 0"));
    CHECK_THAT(error("0 0 * * fri-mon"), Catch::Contains("day-of-week field 'fri-mon' has a range that ends before it starts"));
    CHECK_THAT(error("0 0 * foo *"), Catch::Contains("month field 'foo' has 'foo', which is neither a number nor a name"));
    CHECK_THAT(error("0 0 32 * *"), Catch::Contains("day-of-month field '32'"));
    CHECK(error("0 7 5 1,4,7,10 *") == "no error");
    CHECK(error("0 0 * * mon-fri") == "no error");
}

TEST_CASE("ISO times for --at, local or with an offset", "[cron]") {
    CHECK(delivery::parseIsoTime("2024-04-05T07:00", cph(), "--at") == utc(2024, 4, 5, 5, 0));
    CHECK(delivery::parseIsoTime("2024-01-05T07:00:00", cph(), "--at") == utc(2024, 1, 5, 6, 0));
    CHECK(delivery::parseIsoTime("2024-04-05T07:00:00+02:00", cph(), "--at") == utc(2024, 4, 5, 5, 0));
    CHECK(delivery::parseIsoTime("2024-04-05T05:00Z", cph(), "--at") == utc(2024, 4, 5, 5, 0));
    CHECK(delivery::parseIsoTime("2024-10-27T02:30", cph(), "--at") == utc(2024, 10, 27, 0, 30));  // the first 02:30
    CHECK_THROWS_WITH(delivery::parseIsoTime("2024-03-31T02:30", cph(), "--at"), Catch::Contains("does not exist in Europe/Copenhagen"));
    CHECK_THROWS_WITH(delivery::parseIsoTime("2024-13-01T00:00", cph(), "--at"), Catch::Contains("not a valid date"));
    CHECK(delivery::formatIsoTime(utc(2024, 10, 27, 1, 30), cph()) == "2024-10-27T02:30:00+01:00");
    CHECK(delivery::formatIsoTime(utc(2024, 10, 27, 0, 30), cph()) == "2024-10-27T02:30:00+02:00");
    CHECK_THROWS_WITH(TimeZone::load("Europe/Nowhere"), Catch::Contains("unknown time zone 'Europe/Nowhere'"));
}
