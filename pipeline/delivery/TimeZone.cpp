#include "delivery/TimeZone.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/AtomicFile.hpp"
#include "core/Error.hpp"

namespace delivery {

namespace {

int64_t be(const std::string& b, size_t at, int bytes) {
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<size_t>(i)]);
    if (bytes == 4) return static_cast<int32_t>(static_cast<uint32_t>(v));
    return static_cast<int64_t>(v);
}

int64_t floorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Day of month of the w-th (5 = last) weekday d (0 = Sunday) of month m in year y.
int nthWeekday(int y, int m, int w, int d) {
    core::Days first = core::daysFromYmd(y, m, 1);
    int wdFirst = static_cast<int>(((first % 7) + 7 + 4) % 7);  // 1970-01-01 was a Thursday
    int day = 1 + (d - wdFirst + 7) % 7 + (w - 1) * 7;
    core::Days nextMonth = core::addMonths(first, 1);
    int len = static_cast<int>(nextMonth - first);
    while (day > len) day -= 7;
    return day;
}

}  // namespace

TimeZone TimeZone::utc() {
    TimeZone z;
    z.name_ = "UTC";
    return z;
}

TimeZone TimeZone::load(const std::string& name) {
    if (name == "UTC" || name == "Etc/UTC") return utc();
    const char* dir = std::getenv("TZDIR");
    std::string base = dir && *dir ? dir : "/usr/share/zoneinfo";
    if (name.empty() || name[0] == '/' || name.find("..") != std::string::npos)
        throw core::Error({name}, "not a time zone name", "write it like Europe/Copenhagen");
    std::string path = base + "/" + name;
    std::string b;
    try {
        b = core::readFile(path);
    } catch (const core::Error&) {
        throw core::Error({path}, "unknown time zone '" + name + "'", "install the Debian package tzdata or correct the name");
    }
    auto bad = [&] { return core::Error({path}, "not a TZif time zone file", "reinstall the Debian package tzdata"); };
    if (b.size() < 44 || b.compare(0, 4, "TZif") != 0) throw bad();
    TimeZone z;
    z.name_ = name;
    auto counts = [&](size_t at, int64_t c[6]) {
        if (b.size() < at + 44) throw bad();
        for (int i = 0; i < 6; ++i) c[i] = be(b, at + 20 + 4 * static_cast<size_t>(i), 4);
    };
    // c: isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
    int64_t c[6];
    counts(0, c);
    size_t at = 44;
    int timeBytes = 4;
    if (b[4] >= '2') {  // skip the 32-bit block; the 64-bit one follows with the footer
        at += static_cast<size_t>(c[3] * 5 + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0]);
        counts(at, c);
        at += 44;
        timeBytes = 8;
    }
    size_t need = static_cast<size_t>(c[3] * (timeBytes + 1) + c[4] * 6 + c[5] + c[2] * (timeBytes + 4) + c[1] + c[0]);
    if (c[4] < 1 || b.size() < at + need) throw bad();
    size_t tAt = at, iAt = at + static_cast<size_t>(c[3]) * static_cast<size_t>(timeBytes), typeAt = iAt + static_cast<size_t>(c[3]);
    std::vector<int> typeOffset(static_cast<size_t>(c[4]));
    std::vector<bool> typeDst(static_cast<size_t>(c[4]));
    for (int64_t i = 0; i < c[4]; ++i) {
        typeOffset[static_cast<size_t>(i)] = static_cast<int>(be(b, typeAt + 6 * static_cast<size_t>(i), 4));
        typeDst[static_cast<size_t>(i)] = b[typeAt + 6 * static_cast<size_t>(i) + 4] != 0;
    }
    for (int64_t i = 0; i < c[3]; ++i) {
        z.transitions_.push_back(be(b, tAt + static_cast<size_t>(i * timeBytes), timeBytes));
        auto type = static_cast<unsigned char>(b[iAt + static_cast<size_t>(i)]);
        if (type >= typeOffset.size()) throw bad();
        z.offsets_.push_back(typeOffset[type]);
    }
    // Before the first transition: the first standard-time type (RFC 8536 3.2).
    z.initial_ = typeOffset[0];
    for (size_t i = 0; i < typeDst.size(); ++i)
        if (!typeDst[i]) {
            z.initial_ = typeOffset[i];
            break;
        }
    if (timeBytes == 8) {
        size_t footer = at + need;
        if (footer < b.size() && b[footer] == '\n') {
            size_t end = b.find('\n', footer + 1);
            if (end != std::string::npos) z.rule_ = parseRule(b.substr(footer + 1, end - footer - 1));
        }
    }
    return z;
}

// POSIX TZ: std offset [dst [offset] [,start[/time],end[/time]]], with Mm.w.d dates (the form
// every European zone uses); a footer in another form is ignored and the last transition holds.
TimeZone::Rule TimeZone::parseRule(const std::string& s) {
    Rule r;
    size_t i = 0;
    auto name = [&]() -> bool {
        if (i < s.size() && s[i] == '<') {
            size_t e = s.find('>', i);
            if (e == std::string::npos) return false;
            i = e + 1;
            return true;
        }
        size_t start = i;
        while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
        return i - start >= 3;
    };
    auto hms = [&](int& out) -> bool {  // [+-]hh[:mm[:ss]]
        int sign = 1;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) sign = s[i++] == '-' ? -1 : 1;
        if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
        int parts[3] = {0, 0, 0};
        for (int p = 0; p < 3; ++p) {
            int v = 0;
            while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) v = v * 10 + (s[i++] - '0');
            parts[p] = v;
            if (p < 2 && i < s.size() && s[i] == ':') ++i;
            else break;
        }
        out = sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
        return true;
    };
    auto mdate = [&](int& m, int& w, int& d, int& time) -> bool {
        if (i >= s.size() || s[i] != 'M') return false;
        ++i;
        int* f[3] = {&m, &w, &d};
        for (int p = 0; p < 3; ++p) {
            int v = 0;
            if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
            while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) v = v * 10 + (s[i++] - '0');
            *f[p] = v;
            if (p < 2) {
                if (i >= s.size() || s[i] != '.') return false;
                ++i;
            }
        }
        time = 7200;
        if (i < s.size() && s[i] == '/') {
            ++i;
            if (!hms(time)) return false;
        }
        return m >= 1 && m <= 12 && w >= 1 && w <= 5 && d >= 0 && d <= 6;
    };
    int stdOff = 0;
    if (!name() || !hms(stdOff)) return r;
    r.stdOffset = -stdOff;  // POSIX counts west of Greenwich
    if (i == s.size()) {
        r.valid = true;
        return r;
    }
    if (!name()) return r;
    r.dstOffset = r.stdOffset + 3600;
    if (i < s.size() && s[i] != ',') {
        int d = 0;
        if (!hms(d)) return r;
        r.dstOffset = -d;
    }
    if (i >= s.size() || s[i] != ',') return r;
    ++i;
    if (!mdate(r.startMonth, r.startWeek, r.startDay, r.startTime)) return r;
    if (i >= s.size() || s[i] != ',') return r;
    ++i;
    if (!mdate(r.endMonth, r.endWeek, r.endDay, r.endTime) || i != s.size()) return r;
    r.hasDst = r.valid = true;
    return r;
}

int TimeZone::ruleOffset(Instant t) const {
    if (!rule_.hasDst) return rule_.stdOffset;
    int year = core::ymdFromDays(static_cast<core::Days>(floorDiv(t + rule_.stdOffset, 86400))).year;
    auto at = [&](int m, int w, int d, int time, int offsetBefore) {
        core::Days day = core::daysFromYmd(year, m, nthWeekday(year, m, w, d));
        return static_cast<Instant>(day) * 86400 + time - offsetBefore;
    };
    Instant start = at(rule_.startMonth, rule_.startWeek, rule_.startDay, rule_.startTime, rule_.stdOffset);
    Instant end = at(rule_.endMonth, rule_.endWeek, rule_.endDay, rule_.endTime, rule_.dstOffset);
    bool dst = start < end ? (t >= start && t < end) : !(t >= end && t < start);  // southern hemisphere
    return dst ? rule_.dstOffset : rule_.stdOffset;
}

int TimeZone::offsetAt(Instant t) const {
    if (transitions_.empty()) return rule_.valid ? ruleOffset(t) : initial_;
    if (t < transitions_.front()) return initial_;
    if (t >= transitions_.back() && rule_.valid) return ruleOffset(t);
    auto it = std::upper_bound(transitions_.begin(), transitions_.end(), t);
    return offsets_[static_cast<size_t>(it - transitions_.begin() - 1)];
}

LocalTime TimeZone::local(Instant t) const {
    LocalTime l;
    l.offset = offsetAt(t);
    Instant s = t + l.offset;
    auto days = static_cast<core::Days>(floorDiv(s, 86400));
    int64_t secs = s - static_cast<int64_t>(days) * 86400;
    core::Ymd y = core::ymdFromDays(days);
    l.year = y.year;
    l.month = y.month;
    l.day = y.day;
    l.hour = static_cast<int>(secs / 3600);
    l.minute = static_cast<int>(secs / 60 % 60);
    l.second = static_cast<int>(secs % 60);
    l.weekday = static_cast<int>(((days % 7) + 7 + 4) % 7);
    return l;
}

Resolved TimeZone::resolve(core::Days day, int hour, int minute, int second) const {
    const Instant wall = static_cast<Instant>(day) * 86400 + hour * 3600 + minute * 60 + second;
    // Offsets change at most a few times a year, so those in force a day either side are
    // every offset that could apply to this wall time.
    int candidates[3] = {offsetAt(wall - 86400), offsetAt(wall), offsetAt(wall + 86400)};
    std::vector<Instant> valid;
    for (int o : candidates) {
        Instant t = wall - o;
        if (offsetAt(t) == o && std::find(valid.begin(), valid.end(), t) == valid.end()) valid.push_back(t);
    }
    std::sort(valid.begin(), valid.end());
    Resolved r;
    if (valid.size() == 1) {
        r.first = valid[0];
    } else if (valid.size() >= 2) {
        r.kind = Resolved::Overlap;
        r.first = valid.front();
        r.second = valid.back();
    } else {
        // In the gap: find the instant the offset changed, between the two readings.
        r.kind = Resolved::Gap;
        int lo = std::min({candidates[0], candidates[1], candidates[2]});
        int hi = std::max({candidates[0], candidates[1], candidates[2]});
        Instant a = wall - hi, b = wall - lo;  // offsetAt(a) is the old offset, offsetAt(b) the new
        int before = offsetAt(a);
        while (b - a > 1) {
            Instant mid = a + (b - a) / 2;
            if (offsetAt(mid) == before) a = mid;
            else b = mid;
        }
        r.first = b;
    }
    return r;
}

Instant parseIsoTime(const std::string& text, const TimeZone& tz, const std::string& what) {
    const std::string fix = "write it like 2024-04-05T07:00 (local time in " + tz.name() + ") or 2024-04-05T07:00:00+02:00";
    int y, mo, d, h, mi, s = 0, n = 0;
    const char* p = text.c_str();
    if (std::sscanf(p, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
        throw core::Error({what}, "'" + text + "' is not a date and time", fix);
    p += n;
    h = mi = 0;
    if (*p == 'T' || *p == ' ') {
        ++p;
        if (std::sscanf(p, "%2d:%2d%n", &h, &mi, &n) != 2 || n != 5) throw core::Error({what}, "'" + text + "' has no valid time", fix);
        p += n;
        if (*p == ':') {
            if (std::sscanf(p + 1, "%2d%n", &s, &n) != 1 || n != 2) throw core::Error({what}, "'" + text + "' has no valid seconds", fix);
            p += 3;
        }
    }
    if (!core::validYmd(y, mo, d) || h > 23 || mi > 59 || s > 59)
        throw core::Error({what}, "'" + text + "' is not a valid date and time", fix);
    core::Days day = core::daysFromYmd(y, mo, d);
    Instant wall = static_cast<Instant>(day) * 86400 + h * 3600 + mi * 60 + s;
    if (*p == 'Z' && p[1] == '\0') return wall;
    if ((*p == '+' || *p == '-') && std::strlen(p) == 6 && p[3] == ':') {
        int oh = 0, om = 0;
        if (std::sscanf(p + 1, "%2d:%2d", &oh, &om) != 2) throw core::Error({what}, "'" + text + "' has a bad UTC offset", fix);
        int off = (oh * 3600 + om * 60) * (*p == '-' ? -1 : 1);
        return wall - off;
    }
    if (*p != '\0') throw core::Error({what}, "'" + text + "' has trailing text", fix);
    Resolved r = tz.resolve(day, h, mi, s);
    if (r.kind == Resolved::Gap)
        throw core::Error({what}, "'" + text + "' does not exist in " + tz.name() + " (the clocks jump forward then)",
                          "give a UTC offset or another time");
    return r.first;
}

std::string formatIsoTime(Instant t, const TimeZone& tz) {
    LocalTime l = tz.local(t);
    char buf[40];
    int off = std::abs(l.offset);
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", l.year, l.month, l.day, l.hour, l.minute,
                  l.second, l.offset < 0 ? '-' : '+', off / 3600, off / 60 % 60);
    return buf;
}

}  // namespace delivery
