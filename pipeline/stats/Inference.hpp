#pragma once
// Significance tests and intervals for paired outcome data. Results are checked against
// scipy.stats in tests/unit/test_inference.cpp.
#include <cstddef>
#include <vector>

namespace stats {

double normalSf(double z);                      // P(Z > z)
double studentTCdf(double t, double df);         // P(T <= t)
double studentTQuantile(double p, double df);    // t with P(T <= t) = p

struct TTest {
    double t = 0, df = 0, p = 0;  // two-sided; NaN when undefined (n < 2 or zero variance)
};
// Paired t-test on the differences (latest - first); same as scipy.stats.ttest_rel.
TTest pairedTTest(const std::vector<double>& diffs);

// Welch's t-test for two independent samples with unequal variances, mean(x) - mean(y) (as
// scipy.stats.ttest_ind(x, y, equal_var=False)); df by Welch–Satterthwaite.
TTest welchTTest(const std::vector<double>& x, const std::vector<double>& y);

// 95 % (or `level`) confidence interval of the mean difference, t-based.
struct Interval {
    double low = 0, high = 0;  // NaN when n < 2
};
Interval meanInterval(const std::vector<double>& diffs, double level = 0.95);

struct Wilcoxon {
    double statistic = 0;   // min(R+, R-)
    double p = 0;           // two-sided; NaN when every difference is zero or there are none
    double z = 0;           // normal approximation only
    bool exact = false;
    size_t used = 0;        // non-zero differences
    size_t zeros = 0;
};
// Wilcoxon signed-rank test, zeros dropped (Wilcoxon's method). Exact null distribution when
// at most 50 differences, none zero and no tied |differences| (as R's wilcox.test); otherwise
// the normal approximation with tie-corrected variance and continuity correction.
Wilcoxon wilcoxonSignedRank(const std::vector<double>& diffs);

// "*" for p < 0,05, "**" for p < 0,01, "" otherwise (and for NaN).
const char* significanceStars(double p);

}  // namespace stats
