#include "stats/Inference.hpp"

#include <algorithm>
#include <cmath>
#include <math.h>  // lgamma_r
#include <limits>

namespace stats {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// log Γ(x). std::lgamma stores the sign in the global `signgam`, a data race when reports are
// computed on several threads (evalreport batch); lgamma_r keeps the sign local.
double logGamma(double x) {
    int sign = 0;
    return ::lgamma_r(x, &sign);
}

// Continued fraction for the regularized incomplete beta (Numerical Recipes, modified Lentz).
double betaContinuedFraction(double a, double b, double x) {
    const double tiny = 1e-300, eps = 1e-15;
    double qab = a + b, qap = a + 1, qam = a - 1;
    double c = 1, d = 1 - qab * x / qap;
    if (std::fabs(d) < tiny) d = tiny;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 1000; ++m) {
        double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1 + aa * d;
        if (std::fabs(d) < tiny) d = tiny;
        c = 1 + aa / c;
        if (std::fabs(c) < tiny) c = tiny;
        d = 1 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1 + aa * d;
        if (std::fabs(d) < tiny) d = tiny;
        c = 1 + aa / c;
        if (std::fabs(c) < tiny) c = tiny;
        d = 1 / d;
        double del = d * c;
        h *= del;
        if (std::fabs(del - 1) < eps) break;
    }
    return h;
}

// Regularized incomplete beta I_x(a, b).
double incompleteBeta(double a, double b, double x) {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    double lbeta = logGamma(a + b) - logGamma(a) - logGamma(b) + a * std::log(x) + b * std::log1p(-x);
    double front = std::exp(lbeta);
    if (x < (a + 1) / (a + b + 2)) return front * betaContinuedFraction(a, b, x) / a;
    return 1 - front * betaContinuedFraction(b, a, 1 - x) / b;
}

double mean(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return s / static_cast<double>(v.size());
}

double sampleSd(const std::vector<double>& v, double m) {
    double ss = 0;
    for (double x : v) ss += (x - m) * (x - m);
    return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

}  // namespace

double normalSf(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }

double studentTCdf(double t, double df) {
    if (std::isnan(t) || df <= 0) return kNaN;
    double x = df / (df + t * t);
    double tail = 0.5 * incompleteBeta(df / 2, 0.5, x);  // P(T > |t|)
    return t >= 0 ? 1 - tail : tail;
}

double studentTQuantile(double p, double df) {
    if (!(p > 0 && p < 1) || df <= 0) return kNaN;
    if (p == 0.5) return 0;
    // Newton's method on the CDF from the normal quantile, falling back to bisection steps
    // whenever a Newton step would leave the bracket; converges in a handful of iterations.
    double lo = -1e7, hi = 1e7;
    double t = p > 0.5 ? 1.0 : -1.0;
    const double logNorm = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * std::log(df * M_PI);
    for (int i = 0; i < 100; ++i) {
        double f = studentTCdf(t, df) - p;
        if (f == 0) return t;
        if (f < 0) lo = t;
        else hi = t;
        double pdf = std::exp(logNorm - (df + 1) / 2 * std::log1p(t * t / df));
        double next = pdf > 0 ? t - f / pdf : (lo + hi) / 2;
        if (!(next > lo && next < hi)) next = (lo + hi) / 2;
        if (std::fabs(next - t) <= 1e-14 * std::max(1.0, std::fabs(t))) return next;
        t = next;
    }
    return t;
}

TTest pairedTTest(const std::vector<double>& d) {
    TTest r{kNaN, kNaN, kNaN};
    if (d.size() < 2) return r;
    double m = mean(d), sd = sampleSd(d, m);
    r.df = static_cast<double>(d.size() - 1);
    if (sd == 0) return r;  // no variation: the test is undefined
    r.t = m / (sd / std::sqrt(static_cast<double>(d.size())));
    r.p = 2 * (1 - studentTCdf(std::fabs(r.t), r.df));
    // For large |t| the subtraction loses precision; use the direct tail instead.
    if (r.p < 1e-6) r.p = incompleteBeta(r.df / 2, 0.5, r.df / (r.df + r.t * r.t));
    return r;
}

TTest welchTTest(const std::vector<double>& x, const std::vector<double>& y) {
    TTest r{kNaN, kNaN, kNaN};
    if (x.size() < 2 || y.size() < 2) return r;
    const double nx = static_cast<double>(x.size()), ny = static_cast<double>(y.size());
    const double mx = mean(x), my = mean(y), sx = sampleSd(x, mx), sy = sampleSd(y, my);
    const double vx = sx * sx / nx, vy = sy * sy / ny;
    if (vx + vy == 0) return r;  // no variation in either group: undefined
    r.t = (mx - my) / std::sqrt(vx + vy);
    r.df = (vx + vy) * (vx + vy) / (vx * vx / (nx - 1) + vy * vy / (ny - 1));
    r.p = 2 * (1 - studentTCdf(std::fabs(r.t), r.df));
    if (r.p < 1e-6) r.p = incompleteBeta(r.df / 2, 0.5, r.df / (r.df + r.t * r.t));
    return r;
}

Interval meanInterval(const std::vector<double>& d, double level) {
    if (d.size() < 2) return {kNaN, kNaN};
    double m = mean(d), sd = sampleSd(d, m);
    double half = studentTQuantile(0.5 + level / 2, static_cast<double>(d.size() - 1)) * sd /
                  std::sqrt(static_cast<double>(d.size()));
    return {m - half, m + half};
}

Wilcoxon wilcoxonSignedRank(const std::vector<double>& diffs) {
    Wilcoxon w;
    std::vector<double> d;
    for (double x : diffs) {
        if (x == 0) ++w.zeros;
        else d.push_back(x);
    }
    w.used = d.size();
    if (d.empty()) {
        w.statistic = w.p = w.z = kNaN;
        return w;
    }
    // Average ranks of |d|.
    const size_t n = d.size();
    std::vector<size_t> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return std::fabs(d[a]) < std::fabs(d[b]); });
    std::vector<double> rank(n);
    double tieTerm = 0;  // sum of t^3 - t over groups of tied |d|
    bool ties = false;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && std::fabs(d[order[j + 1]]) == std::fabs(d[order[i]])) ++j;
        double avg = (static_cast<double>(i + 1) + static_cast<double>(j + 1)) / 2;
        for (size_t k = i; k <= j; ++k) rank[order[k]] = avg;
        double t = static_cast<double>(j - i + 1);
        if (t > 1) {
            ties = true;
            tieTerm += t * t * t - t;
        }
        i = j + 1;
    }
    double rPlus = 0, rMinus = 0;
    for (size_t i = 0; i < n; ++i) (d[i] > 0 ? rPlus : rMinus) += rank[i];
    w.statistic = std::min(rPlus, rMinus);
    const double nn = static_cast<double>(n);

    if (n <= 50 && w.zeros == 0 && !ties) {
        // Exact: number of subsets of {1..n} with each rank sum (fits exactly in double for n <= 50).
        w.exact = true;
        size_t maxSum = n * (n + 1) / 2;
        std::vector<double> ways(maxSum + 1, 0);
        ways[0] = 1;
        for (size_t k = 1; k <= n; ++k)
            for (size_t s = maxSum; s >= k; --s) ways[s] += ways[s - k];
        double total = std::ldexp(1.0, static_cast<int>(n));
        size_t r = static_cast<size_t>(rPlus);
        if (2 * r == maxSum) {
            w.p = 1;
        } else {
            double less = 0, greater = 0;
            for (size_t s = 0; s <= r; ++s) less += ways[s];
            for (size_t s = r; s <= maxSum; ++s) greater += ways[s];
            w.p = std::min(1.0, 2 * std::min(less, greater) / total);
        }
        w.z = kNaN;
        return w;
    }
    double mn = nn * (nn + 1) / 4;
    double var = nn * (nn + 1) * (2 * nn + 1) / 24 - tieTerm / 48;
    double se = std::sqrt(var);
    double T = w.statistic;
    double corr = T > mn ? 0.5 : (T < mn ? -0.5 : 0);
    w.z = se > 0 ? (T - mn - corr) / se : kNaN;
    w.p = se > 0 ? std::min(1.0, 2 * normalSf(std::fabs(w.z))) : kNaN;
    return w;
}

const char* significanceStars(double p) {
    if (std::isnan(p)) return "";
    if (p < 0.01) return "**";
    if (p < 0.05) return "*";
    return "";
}

}  // namespace stats
