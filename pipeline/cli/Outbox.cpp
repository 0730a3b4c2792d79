// evalreport outbox list|retry|purge: look into the delivery queue and manage it.
#include <unistd.h>

#include <ctime>
#include <iomanip>
#include <iostream>

#include "cli/Commands.hpp"
#include "core/Error.hpp"
#include "core/Value.hpp"
#include "delivery/Outbox.hpp"
#include "delivery/Schedule.hpp"
#include "delivery/Scheduler.hpp"
#include "delivery/StateLock.hpp"

namespace cli {

namespace {

using delivery::Delivery;
using delivery::Instant;

std::string when(Instant t, const delivery::TimeZone& tz) { return t ? delivery::formatIsoTime(t, tz) : "-"; }

core::Value toValue(const Delivery& d, const delivery::TimeZone& tz) {
    using core::Value;
    Value v = Value::object();
    v.set("id", Value::string(d.id));
    v.set("job", Value::string(d.job));
    v.set("params", Value::string(d.params));
    v.set("period", Value::string(d.period));
    v.set("state", Value::string(d.state));
    v.set("scheduled_for", Value::string(when(d.scheduledFor, tz)));
    v.set("attempts", Value::integer(d.attempts));
    v.set("sends", Value::integer(d.sends));
    v.set("next_attempt", Value::string(d.state == "queued" ? when(d.nextAttempt, tz) : ""));
    v.set("message_id", Value::string(d.messageId));
    v.set("subject", Value::string(d.subject));
    v.set("pdf", Value::string(d.pdfPath));
    v.set("pdf_sha256", Value::string(d.pdfSha256));
    v.set("last_error", Value::string(d.lastError));
    v.set("updated", Value::string(when(d.updated, tz)));
    v.set("sent_at", Value::string(when(d.sentAt, tz)));
    Value rs = Value::array();
    for (const auto& r : d.recipients) {
        Value x = Value::object();
        x.set("address", Value::string(r.address));
        x.set("kind", Value::string(r.kind));
        x.set("state", Value::string(r.state));
        x.set("reason", Value::string(r.reason));
        rs.push(std::move(x));
    }
    v.set("recipients", std::move(rs));
    return v;
}

void printTable(const std::vector<Delivery>& list, const delivery::TimeZone& tz) {
    if (list.empty()) {
        std::cout << "the outbox is empty\n";
        return;
    }
    size_t w = 2;
    for (const auto& d : list) w = std::max(w, d.id.size());
    std::cout << std::left << std::setw(static_cast<int>(w)) << "ID" << "  " << std::setw(9) << "STATE" << std::setw(6) << "SENDS"
              << std::setw(9) << "ATTEMPTS" << std::setw(26) << "UPDATED" << "RECIPIENTS\n";
    for (const auto& d : list) {
        int sent = 0, rejected = 0, pending = 0;
        for (const auto& r : d.recipients) {
            if (r.state == "sent") ++sent;
            else if (r.state == "rejected") ++rejected;
            else ++pending;
        }
        std::string recip = std::to_string(sent) + " sent";
        if (rejected) recip += ", " + std::to_string(rejected) + " rejected";
        if (pending) recip += ", " + std::to_string(pending) + " pending";
        std::cout << std::left << std::setw(static_cast<int>(w)) << d.id << "  " << std::setw(9) << d.state << std::setw(6) << d.sends
                  << std::setw(9) << d.attempts << std::setw(26) << when(d.updated, tz) << recip << "\n";
        if (d.state == "queued" && d.attempts) std::cout << "    next attempt " << when(d.nextAttempt, tz) << "\n";
        if (!d.lastError.empty()) std::cout << "    " << d.lastError << "\n";
        if (d.sends > 1) std::cout << "    sent " << d.sends << " times after an interruption; Message-ID " << d.messageId << "\n";
        for (const auto& r : d.recipients)
            if (r.state == "rejected") std::cout << "    rejected " << r.address << ": " << r.reason << "\n";
    }
}

Command makeOutbox() {
    Command c;
    c.name = "outbox";
    c.usage = "list|retry|purge <schedule.yaml> [options]";
    c.summary = "Show and manage the deliveries of a schedule's outbox.";
    c.example = "evalreport outbox list samples/aeldre/schedule.yaml --state failed";
    c.options = {
        {"state", "", "list: only deliveries in this state (rendered, queued, sending, sent, failed); purge: sent, failed or "
                      "done (both; the default)", "STATE", false},
        {"json", "", "list: print JSON", "", false},
        {"id", "", "retry: this delivery (repeatable); without --id and --failed every queued delivery is tried now", "ID", true},
        {"failed", "", "retry: every failed delivery (rejected recipients are tried again; unrendered reports are rendered again)",
         "", false},
        {"no-send", "", "retry: only requeue, send at the next scheduled run", "", false},
        {"older-than", "", "purge: deliveries last changed longer ago than this, e.g. 90d", "AGE", false},
        {"delete-pdf", "", "purge: delete the purged deliveries' PDF files too", "", false},
        {"at", "", "act as if it were this time (as schedule --at)", "TIME", false},
    };
    c.run = [](const Args& a) {
        if (a.positional.size() != 2)
            throw core::Error({"evalreport outbox"}, "expected a subcommand and a schedule file", "e.g. evalreport outbox list schedule.yaml");
        const std::string sub = a.positional[0];
        if (sub != "list" && sub != "retry" && sub != "purge")
            throw core::Error({"evalreport outbox " + sub}, "unknown subcommand", "use list, retry or purge");
        delivery::Schedule schedule = delivery::loadSchedule(a.positional[1]);
        delivery::Outbox outbox(schedule.state);
        Instant now = a.has("at") ? delivery::parseIsoTime(a.get("at"), schedule.zone, "--at") : std::time(nullptr);

        if (sub == "list") {
            auto list = outbox.list(a.get("state"));
            if (a.has("json")) {
                core::Value arr = core::Value::array();
                for (const auto& d : list) arr.push(toValue(d, schedule.zone));
                std::cout << arr.toJson(2) << "\n";
            } else {
                printTable(list, schedule.zone);
            }
            return 0;
        }

        delivery::StateLock lock(outbox.db());
        if (sub == "purge") {
            if (!a.has("older-than")) throw core::Error({"evalreport outbox purge"}, "missing --older-than", "e.g. --older-than 90d");
            auto age = delivery::parseDuration(a.get("older-than"));
            if (!age) throw core::Error({"--older-than"}, "'" + a.get("older-than") + "' is not a duration", "e.g. 90d or 12h");
            std::string state = a.get("state", "done");
            std::vector<std::string> states;
            if (state == "done") states = {"sent", "failed"};
            else if (state == "sent" || state == "failed") states = {state};
            else throw core::Error({"--state " + state}, "purge removes only sent or failed deliveries", "use sent, failed or done");
            auto gone = outbox.purge(now - *age, states);
            int removedFiles = 0;
            if (a.has("delete-pdf"))
                for (const auto& [id, pdf] : gone) removedFiles += !pdf.empty() && ::unlink(pdf.c_str()) == 0 ? 1 : 0;
            std::cout << "purged " << gone.size() << " deliveries";
            if (a.has("delete-pdf")) std::cout << " and " << removedFiles << " PDF files";
            std::cout << "\n";
            return 0;
        }

        // retry
        delivery::Scheduler scheduler(schedule, outbox, std::cout);
        delivery::RunSummary sum;
        std::vector<Delivery> chosen;
        if (a.has("id")) {
            for (const auto& id : a.all("id")) {
                auto d = outbox.find(id);
                if (!d) throw core::Error({"--id " + id}, "no such delivery", "see 'evalreport outbox list'");
                chosen.push_back(*d);
            }
        } else if (a.has("failed")) {
            chosen = outbox.list("failed");
        } else {
            chosen = outbox.list("queued");
        }
        int requeued = 0;
        for (const auto& d : chosen) {
            if (d.state == "sent" || d.state == "sending" || d.state == "rendered") {
                std::cout << d.id << ": " << d.state << ", nothing to retry\n";
                continue;
            }
            if (d.state == "failed" && outbox.pdf(d.id).empty()) {
                scheduler.rerender(d, now, sum);  // it never rendered: render it again
                ++requeued;
                continue;
            }
            requeued += outbox.requeue(d.id, 0);  // due at once, whatever the clock says
        }
        std::cout << "requeued " << requeued << " deliver" << (requeued == 1 ? "y" : "ies") << "\n";
        if (!a.has("no-send")) scheduler.flush(now, sum);
        std::cout << "summary: " << sum.sent << " sent, " << sum.failed << " failed, " << sum.waiting << " waiting for a retry, "
                  << sum.rejectedRecipients << " recipients rejected\n";
        return sum.exitCode();
    };
    return c;
}

}  // namespace

Command outboxCommand() { return makeOutbox(); }

}  // namespace cli
