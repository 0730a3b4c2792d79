#pragma once
// Stage timings for profiling whole-process runs: with EVALREPORT_TIMINGS=1 in the
// environment, each finished stage prints "timing <stage> <ms>" to stderr. Off by default;
// costs one getenv per process when off.
#include <chrono>
#include <string>

namespace core {

bool timingsEnabled();

class StageTimer {
public:
    explicit StageTimer(const char* stage) : stage_(stage), start_(std::chrono::steady_clock::now()) {}
    ~StageTimer();
    StageTimer(const StageTimer&) = delete;
    StageTimer& operator=(const StageTimer&) = delete;

private:
    const char* stage_;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace core
