#pragma once
// Runs the jobs of a schedule against an outbox: decides what is due, renders and queues each
// run's deliveries, and sends what the outbox holds. The caller holds the StateLock.
//
// Due: a job's scheduled times in (last run, now], where "last run" is kept in the outbox per
// job. A job the outbox has never seen starts at its `since:` time, else at the moment it is
// first seen (nothing before it is "missed"). Of several missed times, catch_up decides:
// all runs each (each with its own period), latest only the most recent, none only one no
// older than catch_up_grace. Every delivery id is (job, municipality, period), so running a
// time twice, or --run-now after the scheduled run, finds the deliveries already there.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/Report.hpp"
#include "delivery/Outbox.hpp"
#include "delivery/Schedule.hpp"

namespace delivery {

struct RunSummary {
    int rendered = 0, renderFailed = 0, queued = 0, sent = 0, failed = 0, waiting = 0, rejectedRecipients = 0,
        jobErrors = 0, resent = 0;
    // 0 all done; 1 something failed for good (a delivery, a recipient, a job); 75 (EX_TEMPFAIL)
    // deliveries wait for a retry.
    int exitCode() const;
};

class Scheduler {
public:
    Scheduler(const Schedule& schedule, Outbox& outbox, std::ostream& log);

    // Stops between deliveries and between jobs when this returns true (SIGTERM).
    void setStop(std::function<bool()> stop) { stop_ = std::move(stop); }

    // --once: every job's due runs at `now`, then the outbox.
    RunSummary runDue(Instant now);
    // --run-now: the job (or every job) at once for `now`, whatever its cron says; then the outbox.
    RunSummary runNow(Instant now, const std::string& job = {});
    // Sends what is due in the outbox.
    void flush(Instant now, RunSummary& sum);
    // Renders again a delivery that failed to render (outbox retry).
    void rerender(const Delivery& d, Instant now, RunSummary& sum);
    // The next time a job is due or a queued delivery may be retried, after `now`.
    std::optional<Instant> nextWake(Instant now);

private:
    void runJob(const Job& job, Instant now, RunSummary& sum);
    // Renders and queues the deliveries of one run of `job` at `at`; `only`: just this id.
    void runOccurrence(const Job& job, Instant at, RunSummary& sum, const std::string& only = {});
    std::shared_ptr<const cli::Base> base(const Job& job);
    bool stopping() const { return stop_ && stop_(); }

    const Schedule& schedule_;
    Outbox& outbox_;
    std::ostream& log_;
    std::function<bool()> stop_;
    std::map<std::string, std::shared_ptr<const cli::Base>> bases_;  // by project + template, for one run
};

}  // namespace delivery
