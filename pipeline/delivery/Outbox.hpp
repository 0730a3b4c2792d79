#pragma once
// The persistent outbox: one row per delivery (job, parameter set, period) with a stable id,
// its recipients, and the scheduler's last run per job. See docs/DELIVERY.md for the states
// and the crash windows:
//
//   rendered ──► queued ──► sending ──► sent
//       │          │  ▲        │
//       │          │  └────────┘ (4xx, network: retry later with backoff)
//       └──────────┴──────────────► failed (render error, 5xx, all recipients rejected,
//                                           retries used up)
//
// Every transition is one committed transaction; the PDF is on disk before its row exists.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "delivery/Database.hpp"
#include "delivery/Schedule.hpp"

namespace delivery {

struct RecipientState {
    std::string address, name;
    std::string kind = "to";       // to | cc
    std::string state = "pending"; // pending | sent | rejected
    std::string reason;            // the server's reply for a rejection
};

struct Delivery {
    std::string id;                // "job/kommune=Odder/2024Q1"
    std::string job, params, period;
    Instant scheduledFor = 0;      // the scheduled (or --run-now) time the period came from
    std::string state;             // rendered | queued | sending | sent | failed
    std::string pdfPath, pdfSha256, attachmentName;
    std::string messageId, subject, body;
    int attempts = 0;              // transient failures so far
    int sends = 0;                 // DATA commands begun; above 1 the receiver may hold a duplicate
    Instant nextAttempt = 0;
    std::string lastError;
    Instant created = 0, updated = 0, sentAt = 0;
    std::vector<RecipientState> recipients;
    std::string pdfData;           // the PDF itself (only set when inserting): the outbox is
                                   // self-contained, so any machine sharing it can send
};

class Outbox {
public:
    // Opens (creating the tables in a new database) and checks that the database is an intact
    // evalreport outbox; a damaged or foreign file is a core::Error, never a reset.
    explicit Outbox(const StateSettings& settings);

    Database& db() { return db_; }

    std::optional<Delivery> find(const std::string& id);
    // The PDF bytes stored with a delivery ("" if none).
    std::string pdf(const std::string& id);
    // All deliveries, optionally in one state, oldest first.
    std::vector<Delivery> list(const std::string& state = {});

    // A rendered PDF (already on disk) and its message: state rendered.
    void insertRendered(const Delivery& d, Instant now);
    // A delivery that could not be rendered: state failed, with the reason.
    void insertFailed(const Delivery& d, const std::string& reason, Instant now);
    // rendered -> queued for `ids`, and the job's last run advanced to `lastRun`, in one
    // transaction: either the whole run is released to the sender or none of it.
    void queueAndAdvance(const std::vector<std::string>& ids, const std::string& job, Instant lastRun, Instant now);
    void remove(const std::string& id);
    // rendered -> queued for rows no run will release: left by a run killed between rendering
    // and queueing that is not due again (--run-now). Returns their number.
    int queueOrphans(Instant now);

    // queued (due by now) and sending (interrupted) deliveries, oldest first.
    std::vector<Delivery> due(Instant now);
    // Committed before DATA: state sending, sends + 1, rejected recipients recorded.
    void markSending(const std::string& id, const std::vector<std::pair<std::string, std::string>>& rejected, Instant now);
    // After the server's reply to DATA: accepted recipients sent; sent when none is pending.
    void markAccepted(const std::string& id, const std::vector<std::string>& accepted, Instant now);
    // Recipients rejected before any DATA (no recipient accepted).
    void markRejected(const std::string& id, const std::vector<std::pair<std::string, std::string>>& rejected, Instant now);
    // A transient failure: back to queued with backoff, or failed once the attempts are used up.
    void markTransient(const std::string& id, const std::string& reason, const RetrySettings& retry, Instant now);
    void markFailed(const std::string& id, const std::string& reason, Instant now);

    // failed -> queued (rejected recipients pending again) or queued -> due now. Returns the count.
    int requeue(const std::string& id, Instant now);
    // Deletes sent and failed deliveries last changed before `before`; returns their ids and
    // PDF paths.
    std::vector<std::pair<std::string, std::string>> purge(Instant before, const std::vector<std::string>& states);

    // The scheduler's memory per job: the last evaluated time, and when it first saw the job.
    struct JobState {
        Instant lastRun = 0;
        bool known = false;
    };
    JobState jobState(const std::string& job);
    void setJobState(const std::string& job, Instant lastRun);

private:
    void createOrCheck();
    void loadRecipients(std::vector<Delivery>& ds);
    std::vector<Delivery> select(const std::string& where, const std::vector<Database::Param>& params);
    void insert(const Delivery& d, const std::string& state, const std::string& error, Instant now);
    Database db_;
};

std::string sha256Hex(const std::string& bytes);

// Stable, unique Message-ID for a delivery: <hash.evalreport@domain>.
std::string makeMessageId(const std::string& deliveryId, Instant created, const std::string& domain);

}  // namespace delivery
