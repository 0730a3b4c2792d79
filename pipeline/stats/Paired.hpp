#pragma once
// Paired first-vs-latest outcome statistics on plain vectors of scores.
#include <cstddef>
#include <vector>

namespace stats {

struct PairedResult {
    size_t n = 0;
    double meanFirst = 0, meanLatest = 0, meanChange = 0;
    double sdChange = 0;          // sample SD (n-1); NaN for n < 2
    size_t improved = 0, unchanged = 0, worsened = 0;
    double meanGainImproved = 0;  // mean change among the improved; NaN if none
    double meanLossWorsened = 0;  // mean change among the worsened (negative); NaN if none
};

// Categories: change >= threshold improved, change <= -threshold worsened, otherwise unchanged.
PairedResult pairedAnalysis(const std::vector<double>& first, const std::vector<double>& latest, double threshold);

}  // namespace stats
