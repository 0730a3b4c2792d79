#include "delivery/Scheduler.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <mutex>

#include "core/AtomicFile.hpp"
#include "core/Error.hpp"
#include "core/Utf8.hpp"
#include "delivery/Batch.hpp"
#include "delivery/CrashPoint.hpp"
#include "delivery/FileName.hpp"
#include "delivery/MailText.hpp"
#include "delivery/Mailer.hpp"
#include "delivery/Period.hpp"

namespace delivery {

namespace {

void makeDirs(const std::string& path) {
    for (size_t i = 1; i <= path.size(); ++i) {
        if (i == path.size() || path[i] == '/') {
            std::string p = path.substr(0, i);
            if (::mkdir(p.c_str(), 0755) != 0 && errno != EEXIST)
                throw core::Error({p}, "cannot create directory", "check the permissions of pdf_dir");
        }
    }
}

std::string isoDate(Instant t, const TimeZone& tz) { return core::formatIsoDate(tz.local(t).days()); }

}  // namespace

int RunSummary::exitCode() const {
    if (failed || renderFailed || rejectedRecipients || jobErrors) return 1;
    if (waiting) return 75;
    return 0;
}

Scheduler::Scheduler(const Schedule& schedule, Outbox& outbox, std::ostream& log)
    : schedule_(schedule), outbox_(outbox), log_(log) {}

std::shared_ptr<const cli::Base> Scheduler::base(const Job& job) {
    std::string key = job.projectFile + "\n" + job.templateName;
    auto it = bases_.find(key);
    if (it != bases_.end()) return it->second;
    auto b = cli::loadBase(job.projectFile, job.templateName);
    bases_[key] = b;
    return b;
}

RunSummary Scheduler::runDue(Instant now) {
    RunSummary sum;
    flush(now, sum);  // what earlier runs left (server down, crash) goes first
    for (const auto& job : schedule_.jobs) {
        if (stopping()) break;
        try {
            runJob(job, now, sum);
        } catch (const core::Error& e) {
            ++sum.jobErrors;
            log_ << "job " << job.name << ": " << e.oneLine() << "\n";
        }
    }
    bases_.clear();
    // Every due run has queued its own reports by now; rendered rows left are a crashed
    // --run-now's, which nothing else would release.
    if (!stopping())
        if (int n = outbox_.queueOrphans(now)) {
            sum.queued += n;
            log_ << "queued " << n << " reports rendered by an interrupted run\n";
        }
    flush(now, sum);
    return sum;
}

RunSummary Scheduler::runNow(Instant now, const std::string& name) {
    RunSummary sum;
    if (!name.empty() && !schedule_.job(name)) {
        std::string list;
        for (const auto& j : schedule_.jobs) list += (list.empty() ? "" : ", ") + j.name;
        throw core::Error({schedule_.file}, "no job named '" + name + "'", "jobs: " + list);
    }
    for (const auto& job : schedule_.jobs) {
        if (!name.empty() && job.name != name) continue;
        if (stopping()) break;
        try {
            log_ << "job " << job.name << ": run now (" << formatIsoTime(now, schedule_.zone) << ")\n";
            runOccurrence(job, now, sum);
        } catch (const core::Error& e) {
            ++sum.jobErrors;
            log_ << "job " << job.name << ": " << e.oneLine() << "\n";
        }
    }
    bases_.clear();
    flush(now, sum);
    return sum;
}

void Scheduler::runJob(const Job& job, Instant now, RunSummary& sum) {
    Outbox::JobState st = outbox_.jobState(job.name);
    Instant last;
    if (st.known) last = st.lastRun;
    else if (job.since) last = *job.since - 1;  // a run at exactly `since` counts
    else {
        outbox_.setJobState(job.name, now);  // first sight: nothing before now was missed
        log_ << "job " << job.name << ": first seen; runs from " << formatIsoTime(now, schedule_.zone) << "\n";
        return;
    }
    if (now <= last) return;  // --at earlier than a run already made: never go back

    std::vector<Instant> times;
    for (std::optional<Instant> t = job.cron.next(last, schedule_.zone); t && *t <= now; t = job.cron.next(*t, schedule_.zone)) {
        times.push_back(*t);
        if (times.size() > 100000) times.erase(times.begin(), times.begin() + 50000);  // a per-minute job left for years
    }
    if (!times.empty()) {
        CatchUp mode = schedule_.catchUpOf(job);
        size_t missed = 0;
        if (mode == CatchUp::Latest && times.size() > 1) {
            missed = times.size() - 1;
            times.erase(times.begin(), times.end() - 1);
        } else if (mode == CatchUp::None) {
            Instant latest = times.back();
            missed = times.size();
            times.clear();
            if (now - latest <= schedule_.graceSeconds) {
                times.push_back(latest);
                --missed;
            }
        }
        if (missed) log_ << "job " << job.name << ": skipped " << missed << " missed run" << (missed == 1 ? "" : "s") << " (catch_up)\n";
        for (Instant t : times) {
            if (stopping()) return;  // last run not advanced: the rest is due next time
            log_ << "job " << job.name << ": due " << formatIsoTime(t, schedule_.zone) << "\n";
            runOccurrence(job, t, sum);
        }
    }
    outbox_.setJobState(job.name, now);
}

void Scheduler::runOccurrence(const Job& job, Instant at, RunSummary& sum, const std::string& only) {
    auto b = base(job);
    const project::TemplateSpec& spec = b->spec;
    // The template's period and municipality parameters.
    std::string periodParam, muniParam;
    for (const auto& p : spec.params) {
        if (p.type == "period" && periodParam.empty()) periodParam = p.name;
        if (p.type == "municipality" && muniParam.empty()) muniParam = p.name;
    }
    if (!job.each.empty() && job.each != muniParam)
        throw core::Error(job.where, "job '" + job.name + "' iterates '" + job.each + "', which is not the municipality parameter of template '" +
                                         spec.name + "'",
                          muniParam.empty() ? "the template has no municipality parameter" : "write each: " + muniParam);
    const std::string rule = job.period.empty() ? "previous_quarter" : job.period;
    DerivedPeriod period = derivePeriod(rule, schedule_.zone.local(at).days(), job.where);

    struct Planned {
        std::string id, municipality, fileName;
        std::vector<std::pair<std::string, std::string>> params;
        Recipients to;
    };
    std::vector<Planned> plan;
    const auto& table = job.byMunicipality.empty() ? schedule_.recipients : job.byMunicipality;
    std::vector<std::string> municipalities = job.each.empty() ? std::vector<std::string>{""} : b->project.municipalities;
    for (const auto& m : municipalities) {
        Planned p;
        p.municipality = m;
        p.params = job.params;
        if (!m.empty()) p.params.emplace_back(job.each, m);
        if (!periodParam.empty()) p.params.emplace_back(periodParam, period.quarter);
        p.id = job.name + "/" + (m.empty() ? "" : job.each + "=" + m + "/") + period.key;
        p.to = job.fixed;
        if (!m.empty()) {
            const Recipients* r = nullptr;
            for (const auto& [name, rec] : table)
                if (core::normalizeLabel(name) == core::normalizeLabel(m)) r = &rec;
            if (!r)
                throw core::Error(job.where, "no recipients for municipality '" + m + "' in job '" + job.name + "'",
                                  "add recipients: {" + m + ": {to: [...]}} to schedule.yaml");
            p.to.to.insert(p.to.to.begin(), r->to.begin(), r->to.end());
            p.to.cc.insert(p.to.cc.begin(), r->cc.begin(), r->cc.end());
        }
        if (!only.empty() && p.id != only) continue;
        plan.push_back(std::move(p));
    }

    // What the outbox already has is done (or under way); a rendered row whose PDF is gone
    // is rendered again.
    std::vector<Planned> todo;
    std::vector<std::string> toQueue;
    for (auto& p : plan) {
        auto existing = outbox_.find(p.id);
        if (existing && existing->state == "rendered") {
            if (!outbox_.pdf(p.id).empty()) {
                toQueue.push_back(p.id);
                continue;
            }
            outbox_.remove(p.id);
        } else if (existing) {
            continue;
        }
        todo.push_back(std::move(p));
    }

    const std::string dir = schedule_.pdfDir + "/" + safeFileComponent(job.name) + "/" + period.key;
    if (!todo.empty()) makeDirs(dir);
    std::string pattern = spec.outputPattern;
    if (pattern.empty()) {
        pattern = safeFileComponent(spec.name);
        for (const auto& ps : spec.params) pattern += "-{" + ps.name + "}";
        pattern += ".pdf";
    }
    std::vector<BatchItem> items;
    std::map<std::string, std::string> taken;  // file name -> delivery: two reports must not share a file
    for (auto& p : todo) {
        std::vector<std::pair<std::string, std::string>> values{{"template", spec.name}, {"project", b->project.id}};
        for (const auto& ps : spec.params) {
            std::string v = ps.def;
            for (const auto& [k, val] : p.params)
                if (k == ps.name) v = val;
            values.emplace_back(ps.name, v);
        }
        p.fileName = outputFileName(pattern, values, {spec.file});
        if (auto it = taken.find(p.fileName); it != taken.end())
            throw core::Error(job.where, "deliveries " + it->second + " and " + p.id + " would both be written to " + p.fileName,
                              "use a template whose output: pattern names the parameter the job iterates");
        taken[p.fileName] = p.id;
        BatchItem item;
        item.request.params = p.params;
        item.request.date = isoDate(at, schedule_.zone);  // the scheduled day: a re-render is byte-identical
        item.outPath = dir + "/" + p.fileName;
        items.push_back(std::move(item));
    }

    // Subject and body need the report's key figures, so they are expanded on the worker
    // that prepared the report.
    std::vector<MailText> texts(items.size());
    std::vector<std::string> textErrors(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
        items[i].inspect = [&, i](const cli::Prepared& prepared) {
            try {
                core::Value ctx = mailContext(prepared, period, todo[i].fileName, todo[i].municipality);
                texts[i] = expandMail(job, ctx);
            } catch (const core::Error& e) {
                textErrors[i] = e.oneLine();
            }
        };
    }
    auto start = std::chrono::steady_clock::now();
    auto results = renderBatch(b, items, schedule_.threads);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    int ok = 0;
    for (size_t i = 0; i < items.size(); ++i) {
        const Planned& p = todo[i];
        Delivery d;
        d.id = p.id;
        d.job = job.name;
        for (const auto& [k, v] : p.params) d.params += (d.params.empty() ? "" : ";") + k + "=" + v;
        d.period = period.key;
        d.scheduledFor = at;
        d.pdfPath = items[i].outPath;
        d.attachmentName = p.fileName;
        d.messageId = makeMessageId(p.id, std::chrono::duration_cast<std::chrono::nanoseconds>(
                                              std::chrono::system_clock::now().time_since_epoch()).count(),
                                    schedule_.smtp.messageIdDomain);
        for (const auto& a : p.to.to) d.recipients.push_back({a.address, a.name, "to", "pending", ""});
        for (const auto& a : p.to.cc) d.recipients.push_back({a.address, a.name, "cc", "pending", ""});
        d.created = at;
        std::string error = results[i].ok ? textErrors[i] : results[i].error;
        if (!error.empty()) {
            ++sum.renderFailed;
            outbox_.insertFailed(d, results[i].ok ? "mail text: " + error : "render: " + error, at);
            log_ << "failed " << d.id << ": " << error << "\n";
            continue;
        }
        d.subject = texts[i].subject;
        d.body = texts[i].body;
        d.pdfData = core::readFile(d.pdfPath);
        d.pdfSha256 = sha256Hex(d.pdfData);
        outbox_.insertRendered(d, at);
        crashPoint("after-render");
        toQueue.push_back(d.id);
        ++ok;
    }
    sum.rendered += ok;
    if (!items.empty())
        log_ << "job " << job.name << ": rendered " << ok << " of " << items.size() << " reports for " << period.key << " in "
             << static_cast<int>(secs * 1000) << " ms\n";
    // The run's deliveries go to the sender together.
    outbox_.queueAndAdvance(toQueue, "", 0, at);
    sum.queued += static_cast<int>(toQueue.size());
    if (!toQueue.empty()) log_ << "job " << job.name << ": queued " << toQueue.size() << " deliveries\n";
}

void Scheduler::rerender(const Delivery& d, Instant now, RunSummary& sum) {
    const Job* job = schedule_.job(d.job);
    if (!job) throw core::Error({schedule_.file}, "delivery " + d.id + " belongs to job '" + d.job + "', which the schedule no longer has",
                                "purge it or restore the job");
    outbox_.remove(d.id);
    runOccurrence(*job, d.scheduledFor, sum, d.id);
    bases_.clear();
    (void)now;
}

void Scheduler::flush(Instant now, RunSummary& sum) {
    std::vector<Delivery> due = outbox_.due(now);
    if (due.empty()) return;
    std::string password;
    try {
        password = smtpPassword(schedule_.smtp);
    } catch (const core::Error& e) {
        // A configuration mistake, not the server's: nothing is attempted or counted against
        // the deliveries' retries.
        ++sum.jobErrors;
        sum.waiting += static_cast<int>(due.size());
        log_ << "cannot send " << due.size() << " deliveries: " << e.oneLine() << "\n";
        return;
    }
    Mailer mailer(schedule_.smtp, password);
    auto giveUp = [&](size_t from, const std::string& reason) {
        for (size_t i = from; i < due.size(); ++i) {
            outbox_.markTransient(due[i].id, reason, schedule_.retry, now);
            auto after = outbox_.find(due[i].id);
            if (after && after->state == "failed") ++sum.failed;
            else ++sum.waiting;
        }
        log_ << "cannot send " << (due.size() - from) << " deliveries: " << reason << "\n";
    };
    try {
        mailer.connect();
    } catch (const MailError& e) {
        giveUp(0, e.what());
        return;
    }
    bool connected = true;
    for (size_t i = 0; i < due.size(); ++i) {
        if (stopping()) break;
        const Delivery& d = due[i];
        if (!connected) {
            try {
                mailer.connect();
                connected = true;
            } catch (const MailError& e) {
                giveUp(i, e.what());
                return;
            }
        }
        if (d.state == "sending") {
            // Killed between "sending" and the server's reply being recorded: the server may
            // or may not hold the message. Send again with the same Message-ID (at least once).
            ++sum.resent;
            log_ << "resending " << d.id << " " << d.messageId << ": an earlier attempt was interrupted; "
                 << "the receiver may see it twice with this Message-ID\n";
        }
        std::string pdf = outbox_.pdf(d.id);
        if (pdf.empty() || sha256Hex(pdf) != d.pdfSha256) {
            outbox_.markFailed(d.id, "the stored PDF is missing or does not match its checksum", now);
            ++sum.failed;
            log_ << "failed " << d.id << ": the stored PDF is missing or damaged\n";
            continue;
        }
        OutgoingMail m;
        m.messageId = d.messageId;
        m.deliveryId = d.id;
        m.from = schedule_.smtp.from;
        for (const auto& r : d.recipients) {
            Address a{r.name, r.address};
            (r.kind == "cc" ? m.cc : m.to).push_back(a);
            if (r.state == "pending") m.envelope.push_back(r.address);
        }
        if (m.envelope.empty()) {
            outbox_.markAccepted(d.id, {}, now);  // nothing left to send (an interrupted bookkeeping step)
            continue;
        }
        m.subject = d.subject;
        m.body = d.body;
        m.attachmentName = d.attachmentName;
        m.attachment = std::move(pdf);
        m.date = now;
        SendResult r = mailer.send(m, [&](const std::vector<std::pair<std::string, std::string>>& rejected) {
            outbox_.markSending(d.id, rejected, now);
            crashPoint("before-data");
        });
        switch (r.kind) {
            case SendResult::Accepted:
                crashPoint("after-data");
                outbox_.markAccepted(d.id, r.accepted, now);
                log_ << "sent " << d.id << " to " << r.accepted.size() << " recipient" << (r.accepted.size() == 1 ? "" : "s") << " "
                     << d.messageId << "\n";
                ++sum.sent;
                break;
            case SendResult::NoneAccepted:
                outbox_.markRejected(d.id, r.rejected, now);
                break;
            case SendResult::Transient:
                outbox_.markTransient(d.id, r.reason, schedule_.retry, now);
                log_ << "not sent " << d.id << ": " << r.reason << "\n";
                if (auto after = outbox_.find(d.id); after && after->state == "failed") ++sum.failed;
                else ++sum.waiting;
                if (r.reason.rfind("connection lost", 0) == 0) connected = false;
                break;
            case SendResult::Permanent:
                outbox_.markFailed(d.id, r.reason, now);
                log_ << "failed " << d.id << ": " << r.reason << "\n";
                ++sum.failed;
                break;
        }
        for (const auto& [address, reply] : r.rejected) {
            ++sum.rejectedRecipients;
            log_ << "rejected a recipient of " << d.id << ": " << scrubAddresses(reply) << "\n";
        }
        if (r.kind == SendResult::NoneAccepted && r.deferred.empty()) {
            ++sum.failed;
            log_ << "failed " << d.id << ": every recipient was rejected\n";
        }
        if (!r.deferred.empty() && (r.kind == SendResult::Accepted || r.kind == SendResult::NoneAccepted)) {
            outbox_.markTransient(d.id, std::to_string(r.deferred.size()) + " recipient(s) deferred: " + scrubAddresses(r.deferred[0].second),
                                  schedule_.retry, now);
            ++sum.waiting;
        }
    }
    mailer.quit();
}

std::optional<Instant> Scheduler::nextWake(Instant now) {
    std::optional<Instant> best;
    auto consider = [&](Instant t) {
        if (!best || t < *best) best = t;
    };
    for (const auto& job : schedule_.jobs)
        if (auto t = job.cron.next(now, schedule_.zone)) consider(*t);
    for (const auto& d : outbox_.list("queued")) consider(std::max(d.nextAttempt, now + 1));
    return best;
}

}  // namespace delivery
