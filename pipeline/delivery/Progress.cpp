#include "delivery/Progress.hpp"

#include <cmath>

namespace delivery {

Progress::Progress(size_t total, std::FILE* out, bool tty)
    : total_(total), out_(out), tty_(tty), start_(std::chrono::steady_clock::now()) {
    if (tty_) drawBar();
}

double Progress::elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::step(const std::string& name, const std::string& error, double seconds) {
    ++done_;
    if (!error.empty()) ++failed_;
    if (!tty_) {
        std::fprintf(out_, "[%zu/%zu] %s %s (%.2f s)\n", done_, total_, error.empty() ? "ok" : "FAILED", name.c_str(), seconds);
        if (!error.empty()) std::fprintf(out_, "    %s\n", error.c_str());
        std::fflush(out_);
        return;
    }
    if (!error.empty()) {  // failures stay on screen above the bar
        std::fprintf(out_, "\r\033[KFAILED %s: %s\n", name.c_str(), error.c_str());
    }
    // Redrawing 98 times in a second is flicker, not information: at most 20 times a second.
    auto now = std::chrono::steady_clock::now();
    if (done_ == total_ || !error.empty() || now - lastDraw_ > std::chrono::milliseconds(50)) drawBar();
}

void Progress::drawBar() {
    lastDraw_ = std::chrono::steady_clock::now();
    const int width = 30;
    int filled = total_ ? static_cast<int>(width * done_ / total_) : width;
    std::string bar(static_cast<size_t>(filled), '#');
    bar.append(static_cast<size_t>(width - filled), '.');
    double t = elapsed();
    double rate = t > 0 ? static_cast<double>(done_) / t : 0;
    std::string eta = "--";
    if (rate > 0 && done_ < total_) {
        double left = static_cast<double>(total_ - done_) / rate;
        char buf[32];
        if (left < 60) std::snprintf(buf, sizeof buf, "%.0f s", std::ceil(left));
        else std::snprintf(buf, sizeof buf, "%d min %02d s", static_cast<int>(left) / 60, static_cast<int>(left) % 60);
        eta = buf;
    } else if (done_ == total_) {
        eta = "0 s";
    }
    std::string failed = failed_ ? "  " + std::to_string(failed_) + " failed" : "";
    std::fprintf(out_, "\r\033[K[%s] %zu/%zu  %.1f/s  ETA %s%s", bar.c_str(), done_, total_, rate, eta.c_str(),
                 failed.c_str());
    std::fflush(out_);
}

void Progress::finish() {
    if (tty_) {
        std::fprintf(out_, "\r\033[K");
        std::fflush(out_);
    }
}

}  // namespace delivery
