// Significance tests and intervals against scipy 1.10.1 (Debian bookworm python3-scipy).
// Each expected value is scipy's output, with the call that produced it:
//   d = np.array(DATA, dtype=float)
//   st.ttest_rel(d, np.zeros_like(d))                                  -> t, p
//   m ± st.t.ppf(0.975, n-1) * d.std(ddof=1) / sqrt(n)                 -> CI
//   st.wilcoxon(d, method='exact')                                     -> exact (no ties, no zeros)
//   st.wilcoxon(d, zero_method='wilcox', correction=True, method='approx')
#include <catch2/catch.hpp>

#include <cmath>

#include "stats/Inference.hpp"
#include "stats/Paired.hpp"

using Catch::Detail::Approx;

namespace {
// scipy's documentation example: no ties, no zeros, n = 15.
const std::vector<double> A{6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75};
// Ties and two zero differences, n = 12.
const std::vector<double> B{4, -4, 8, 8, 0, 12, -12, 4, 0, 16, 4, 8};
// 34 WHO-5-like changes (steps of 4) with many ties and four zeros.
const std::vector<double> C{12, 8, 0, -4, 16, 20, 12, 4, -8, 24, 12, 0, 8, 16, -12, 4, 20,
                            8,  12, 4, 0, 16, -4, 8, 12, 28, 4, 8, -8, 12, 0, 16, 20, 4};
}  // namespace

TEST_CASE("Student t distribution matches scipy", "[inference]") {
    CHECK(stats::studentTCdf(2.0, 5) == Approx(0.9490302605850709).epsilon(1e-12));          // st.t.cdf(2.0, 5)
    CHECK(stats::studentTCdf(-3.5, 10) == Approx(0.0028632527149426053).epsilon(1e-10));     // st.t.cdf(-3.5, 10)
    CHECK(stats::studentTQuantile(0.975, 33) == Approx(2.0345152974493383).epsilon(1e-10));  // st.t.ppf(0.975, 33)
    CHECK(stats::studentTQuantile(0.975, 1) == Approx(12.706204736432095).epsilon(1e-10));   // st.t.ppf(0.975, 1)
    CHECK(stats::normalSf(1.96) == Approx(0.024997895148220435).epsilon(1e-12));             // st.norm.sf(1.96)
}

TEST_CASE("Paired t-test and 95% CI match scipy", "[inference]") {
    auto a = stats::pairedTTest(A);
    CHECK(a.t == Approx(2.14798746133112).epsilon(1e-12));
    CHECK(a.p == Approx(0.049702944021800956).epsilon(1e-9));
    auto ci = stats::meanInterval(A);
    CHECK(ci.low == Approx(0.03119331840152384).epsilon(1e-8));
    CHECK(ci.high == Approx(41.83547334826514).epsilon(1e-10));

    auto b = stats::pairedTTest(B);
    CHECK(b.p == Approx(0.08924402818267459).epsilon(1e-9));
    auto cib = stats::meanInterval(B);
    CHECK(cib.low == Approx(-0.7236959803437415).epsilon(1e-9));
    CHECK(cib.high == Approx(8.723695980343741).epsilon(1e-10));

    auto c = stats::pairedTTest(C);
    CHECK(c.t == Approx(4.9121311320102725).epsilon(1e-12));
    CHECK(c.p == Approx(2.3892272940153403e-05).epsilon(1e-8));
    auto cic = stats::meanInterval(C);
    CHECK(cic.low == Approx(4.686545627104673).epsilon(1e-10));
    CHECK(cic.high == Approx(11.313454372895327).epsilon(1e-10));
}

TEST_CASE("Wilcoxon signed-rank: exact without ties or zeros", "[inference]") {
    auto w = stats::wilcoxonSignedRank(A);
    CHECK(w.exact);
    CHECK(w.statistic == 24);
    CHECK(w.p == Approx(0.041259765625).epsilon(1e-12));  // st.wilcoxon(A, method='exact')
}

TEST_CASE("Wilcoxon signed-rank: ties and zeros use the corrected normal approximation", "[inference]") {
    auto b = stats::wilcoxonSignedRank(B);
    CHECK_FALSE(b.exact);
    CHECK(b.zeros == 2);
    CHECK(b.used == 10);
    CHECK(b.statistic == 11);
    CHECK(b.p == Approx(0.09955968187174137).epsilon(1e-10));  // approx, correction=True
    auto c = stats::wilcoxonSignedRank(C);
    CHECK(c.statistic == 48);
    CHECK(c.p == Approx(0.00014300091525579333).epsilon(1e-9));
}

TEST_CASE("Welch t-test for two independent groups matches scipy", "[inference]") {
    // st.ttest_ind(b, a, equal_var=False) with a = [20,30,50,40,10,44], b = [60,52,48,72,36,64,56]
    auto r = stats::welchTTest({60, 52, 48, 72, 36, 64, 56}, {20, 30, 50, 40, 10, 44});
    CHECK(r.t == Approx(3.0285893226452454).epsilon(1e-12));
    CHECK(r.p == Approx(0.013750973621396757).epsilon(1e-9));
    // st.ttest_ind(y, x, equal_var=False), 19 and 17 WHO-5-like changes
    auto s = stats::welchTTest({8, 12, 4, 0, 16, -4, 8, 12, 28, 4, 8, -8, 12, 0, 16, 20, 4, 30, 2},
                               {12, 8, 0, -4, 16, 20, 12, 4, -8, 24, 12, 0, 8, 16, -12, 4, 20});
    CHECK(s.t == Approx(0.3810932373033127).epsilon(1e-12));
    CHECK(s.p == Approx(0.7055513763084731).epsilon(1e-9));
    // One observation in a group: no test.
    CHECK(std::isnan(stats::welchTTest({1}, {2, 3}).p));
}

TEST_CASE("Too few: n = 1 and n = 0 give no test and no interval, never a fake number", "[inference]") {
    std::vector<double> one{5};
    auto t = stats::pairedTTest(one);
    CHECK(std::isnan(t.p));
    CHECK(std::isnan(stats::meanInterval(one).low));
    auto w = stats::wilcoxonSignedRank(one);
    CHECK(w.p == 1.0);  // st.wilcoxon([5.0], method='exact') -> statistic 0.0, p 1.0
    CHECK(w.statistic == 0);

    std::vector<double> none;
    CHECK(std::isnan(stats::pairedTTest(none).p));
    CHECK(std::isnan(stats::wilcoxonSignedRank(none).p));
    // All differences zero: scipy raises ValueError; we report no p-value.
    CHECK(std::isnan(stats::wilcoxonSignedRank({0, 0, 0}).p));
    // No variation: the t-test is undefined.
    CHECK(std::isnan(stats::pairedTTest({4, 4, 4}).p));
}

TEST_CASE("Significance stars: * below 0,05 and ** below 0,01", "[inference]") {
    CHECK(std::string(stats::significanceStars(0.0497)) == "*");
    CHECK(std::string(stats::significanceStars(0.0099)) == "**");
    CHECK(std::string(stats::significanceStars(0.05)) == "");
    CHECK(std::string(stats::significanceStars(std::nan(""))) == "");
}
