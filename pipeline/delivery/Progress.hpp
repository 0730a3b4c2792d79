#pragma once
// Progress of a batch: on a terminal a redrawn bar with count, rate and ETA; otherwise
// (a log, a pipe, cron) one plain line per finished item.
#include <chrono>
#include <cstdio>
#include <string>

namespace delivery {

class Progress {
public:
    // `tty`: draw a bar (pass isatty(fileno(out))).
    Progress(size_t total, std::FILE* out, bool tty);

    // One item finished; `name` is its file name, `error` empty on success.
    void step(const std::string& name, const std::string& error, double seconds);
    // Clears the bar line (on a terminal) so a summary can follow.
    void finish();

    double elapsed() const;

private:
    void drawBar();
    size_t total_, done_ = 0, failed_ = 0;
    std::FILE* out_;
    bool tty_;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point lastDraw_{};
};

}  // namespace delivery
