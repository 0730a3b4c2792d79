// Fuzz target: the cron parser and the search for the next run. The first line of the input
// is the expression; its next five runs are computed in Europe/Copenhagen (with DST) and in
// UTC from an instant taken from the input. The whole input is also given to the address and
// duration parsers of schedule.yaml.
#include <cstdint>
#include <cstring>
#include <string>

#include "FuzzSupport.hpp"
#include "delivery/CronExpression.hpp"
#include "delivery/Schedule.hpp"
#include "delivery/TimeZone.hpp"

namespace {
const delivery::TimeZone* gCopenhagen = nullptr;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    gCopenhagen = new delivery::TimeZone(delivery::TimeZone::load("Europe/Copenhagen"));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    const core::Location where{"schedule.yaml", 3, 11};
    try {
        delivery::parseAddress(text, where);
    } catch (const core::Error&) {
    }
    (void)delivery::parseDuration(text);

    std::string line = text.substr(0, text.find('\n'));
    // A start instant between 1970 and about 2100 from the bytes after the first line.
    uint32_t seed = 0;
    if (line.size() < text.size()) std::memcpy(&seed, text.data() + line.size() + 1, std::min<size_t>(4, text.size() - line.size() - 1));
    const delivery::Instant start = static_cast<delivery::Instant>(seed);
    try {
        delivery::CronExpression cron = delivery::CronExpression::parse(line, where);
        for (const delivery::TimeZone* tz : {gCopenhagen, static_cast<const delivery::TimeZone*>(nullptr)}) {
            delivery::TimeZone utc = delivery::TimeZone::utc();
            const delivery::TimeZone& zone = tz ? *tz : utc;
            delivery::Instant t = start;
            for (int i = 0; i < 5; ++i) {
                auto n = cron.next(t, zone);
                if (!n) break;
                if (*n <= t) __builtin_trap();  // next() must move forward
                (void)cron.matches(zone.local(*n));
                t = *n;
            }
        }
    } catch (const core::Error& e) {
        (void)e.oneLine();
    }
    return 0;
}
