// Fuzz target: schedule.yaml (delivery::loadSchedule): time zone, outbox state, SMTP settings,
// retry, recipient addresses, jobs with cron expressions, periods, parameters, subject and
// body. EVALREPORT_SMTP_HOST/PORT are cleared so the environment cannot mask a path.
#include <cstdint>
#include <cstdlib>

#include "FuzzSupport.hpp"
#include "delivery/Schedule.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    unsetenv("EVALREPORT_SMTP_HOST");
    unsetenv("EVALREPORT_SMTP_PORT");
    fuzz::writeScratch("project.yaml", "project: {id: fuzz, title: Fuzz, municipalities: [Odder]}\n");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string path = fuzz::writeScratch("schedule.yaml", data, size);
    try {
        delivery::loadSchedule(path);
    } catch (const core::Error& e) {
        (void)e.oneLine();
    }
    return 0;
}
