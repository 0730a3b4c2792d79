// evalreport schedule: runs the jobs of a schedule.yaml once (for cron or a systemd timer), at
// once (--run-now), or as a daemon; every mode delivers through the same outbox.
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <ctime>
#include <iostream>

#include "cli/Commands.hpp"
#include "core/Error.hpp"
#include "delivery/Outbox.hpp"
#include "delivery/Schedule.hpp"
#include "delivery/Scheduler.hpp"
#include "delivery/StateLock.hpp"

namespace cli {

namespace {

using delivery::Instant;

void printSummary(const delivery::RunSummary& s) {
    std::cout << "summary: " << s.rendered << " rendered, " << s.queued << " queued, " << s.sent << " sent, " << s.failed
              << " failed, " << s.waiting << " waiting for a retry, " << s.rejectedRecipients << " recipient"
              << (s.rejectedRecipients == 1 ? "" : "s") << " rejected";
    if (s.renderFailed) std::cout << ", " << s.renderFailed << " not rendered";
    if (s.jobErrors) std::cout << ", " << s.jobErrors << " job error" << (s.jobErrors == 1 ? "" : "s");
    if (s.resent) std::cout << ", " << s.resent << " resent after an interruption";
    std::cout << "\n";
    std::cout.flush();
}

int daemon(const delivery::Schedule& schedule, delivery::Outbox& outbox) {
    // SIGTERM and SIGINT stay pending instead of killing us; the loop checks for them between
    // deliveries and waits for them (or the next due time) in sigtimedwait. Worker threads
    // inherit the mask, so no thread is interrupted mid-write.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    auto stopRequested = [&] {
        sigset_t pending;
        sigpending(&pending);
        return sigismember(&pending, SIGTERM) == 1 || sigismember(&pending, SIGINT) == 1;
    };
    delivery::Scheduler scheduler(schedule, outbox, std::cout);
    scheduler.setStop(stopRequested);
    std::cout << "evalreport schedule: daemon started for " << schedule.file << " (" << schedule.jobs.size() << " job"
              << (schedule.jobs.size() == 1 ? "" : "s") << ", outbox " << schedule.state.describe() << ")\n";
    std::cout.flush();
    for (;;) {
        long long waitSeconds = 300;  // look again at least every five minutes (clock changes, other machines)
        try {
            Instant now = std::time(nullptr);
            {
                delivery::StateLock lock(outbox.db());
                delivery::RunSummary sum = scheduler.runDue(now);
                if (sum.rendered || sum.queued || sum.sent || sum.failed || sum.waiting || sum.jobErrors) printSummary(sum);
            }
            if (auto wake = scheduler.nextWake(std::time(nullptr))) {
                waitSeconds = std::clamp<long long>(*wake - std::time(nullptr), 1, 300);
                std::cout << "next: " << delivery::formatIsoTime(*wake, schedule.zone) << "\n";
                std::cout.flush();
            }
        } catch (const core::Error& e) {
            std::cerr << "evalreport: " << e.oneLine() << "\n";
            waitSeconds = 60;
        }
        if (stopRequested()) break;
        timespec ts{static_cast<time_t>(waitSeconds), 0};
        int sig = sigtimedwait(&stopSignals, nullptr, &ts);
        if (sig == SIGTERM || sig == SIGINT) break;
    }
    std::cout << "evalreport schedule: stopped\n";
    return 0;
}

Command makeSchedule() {
    Command c;
    c.name = "schedule";
    c.usage = "<schedule.yaml> (--once | --run-now [--job NAME] | --daemon) [--at TIME]";
    c.summary = "Run scheduled jobs: render, queue and e-mail reports through the outbox.";
    c.example = "EVALREPORT_SMTP_PORT=2525 evalreport schedule samples/aeldre/schedule.yaml --once";
    c.options = {
        {"once", "", "run what is due now (scheduled times since the last run), send the outbox, exit", "", false},
        {"run-now", "", "run the job(s) at once whatever their cron says; deliveries already made are not made again", "", false},
        {"job", "", "with --run-now: only this job", "NAME", false},
        {"daemon", "", "stay up: run jobs when due, retry the outbox, stop cleanly on SIGTERM", "", false},
        {"at", "", "decide as if it were this time, e.g. 2024-04-05T07:00 (local) or 2024-04-05T07:00:00+02:00", "TIME", false},
    };
    c.run = [](const Args& a) {
        if (a.positional.size() != 1)
            throw core::Error({"evalreport schedule"}, "expected one schedule file", "see 'evalreport schedule --help'");
        int modes = a.has("once") + a.has("run-now") + a.has("daemon");
        if (modes != 1) throw core::Error({"evalreport schedule"}, "choose one of --once, --run-now and --daemon");
        if (a.has("job") && !a.has("run-now")) throw core::Error({"--job"}, "--job goes with --run-now");
        if (a.has("at") && a.has("daemon")) throw core::Error({"--at"}, "the daemon runs on the clock", "use --at with --once or --run-now");
        delivery::Schedule schedule = delivery::loadSchedule(a.positional[0]);
        delivery::Outbox outbox(schedule.state);
        if (a.has("daemon")) return daemon(schedule, outbox);
        Instant now = a.has("at") ? delivery::parseIsoTime(a.get("at"), schedule.zone, "--at") : std::time(nullptr);
        delivery::StateLock lock(outbox.db());
        delivery::Scheduler scheduler(schedule, outbox, std::cout);
        delivery::RunSummary sum = a.has("once") ? scheduler.runDue(now) : scheduler.runNow(now, a.get("job"));
        printSummary(sum);
        return sum.exitCode();
    };
    return c;
}

}  // namespace

Command scheduleCommand() { return makeSchedule(); }

}  // namespace cli
