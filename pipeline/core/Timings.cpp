#include "core/Timings.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace core {

bool timingsEnabled() {
    static const bool on = [] {
        const char* v = std::getenv("EVALREPORT_TIMINGS");
        return v && *v && std::strcmp(v, "0") != 0;
    }();
    return on;
}

StageTimer::~StageTimer() {
    if (!timingsEnabled()) return;
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
    std::fprintf(stderr, "timing %-10s %7.2f ms\n", stage_, ms);
}

}  // namespace core
