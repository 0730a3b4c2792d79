#include "delivery/Outbox.hpp"

#include "delivery/Drivers.hpp"
#include "delivery/StateLock.hpp"


#include <algorithm>
#include <iterator>
#include <map>
#include <sstream>

namespace delivery {

namespace {

constexpr const char* kSchemaVersion = "1";

long long num(const std::string& s) { return s.empty() ? 0 : std::stoll(s); }

const char* const kColumns =
    "id, job, params, period, scheduled_for, state, pdf_path, pdf_sha256, attachment_name, message_id, subject, body, "
    "attempts, sends, next_attempt, last_error, created, updated, sent_at";

Delivery fromRow(const std::vector<std::string>& r) {
    Delivery d;
    d.id = r[0];
    d.job = r[1];
    d.params = r[2];
    d.period = r[3];
    d.scheduledFor = num(r[4]);
    d.state = r[5];
    d.pdfPath = r[6];
    d.pdfSha256 = r[7];
    d.attachmentName = r[8];
    d.messageId = r[9];
    d.subject = r[10];
    d.body = r[11];
    d.attempts = static_cast<int>(num(r[12]));
    d.sends = static_cast<int>(num(r[13]));
    d.nextAttempt = num(r[14]);
    d.lastError = r[15];
    d.created = num(r[16]);
    d.updated = num(r[17]);
    d.sentAt = num(r[18]);
    return d;
}

}  // namespace

std::string sha256Hex(const std::string& bytes) { return drivers().sha256Hex(bytes); }

std::string makeMessageId(const std::string& deliveryId, Instant created, const std::string& domain) {
    std::string hex = sha256Hex(deliveryId + "\n" + std::to_string(created)).substr(0, 24);
    return "<" + hex + ".evalreport@" + domain + ">";
}

Outbox::Outbox(const StateSettings& settings) : db_(settings) { createOrCheck(); }

void Outbox::createOrCheck() {
    std::vector<std::string> tables;
    if (db_.sqlite()) {
        // Wait for another process's write transaction instead of failing at once; WAL keeps
        // readers (outbox list) out of the writers' way; FULL syncs every commit, so a
        // committed state survives a power cut, not only a killed process.
        db_.query("PRAGMA busy_timeout = 30000");
        auto check = db_.query("PRAGMA quick_check");
        if (check.size() != 1 || check.rows[0][0] != "ok")
            db_.fail("the outbox database is damaged", check.size() ? check.rows[0][0] : "no result from quick_check");
        for (const auto& r : db_.query("SELECT name FROM sqlite_master WHERE type = 'table'").rows) tables.push_back(r[0]);
        // Switching to WAL rewrites the file header: only in our own file or a new one. The
        // switch needs an exclusive lock that SQLite does not wait for (no busy handler), so two
        // processes opening a new outbox at once would see "database is locked": the outbox
        // lock file serialises it, and only a file not yet in WAL mode takes that lock.
        if (tables.empty() || std::find(tables.begin(), tables.end(), "evr_meta") != tables.end()) {
            auto walMode = [&] {
                auto m = db_.query("PRAGMA journal_mode");
                return m.size() == 1 && m.rows[0][0] == "wal";
            };
            if (!walMode()) {
                StateLock lock(db_);
                if (!walMode()) db_.query("PRAGMA journal_mode = WAL");
            }
            db_.exec("PRAGMA synchronous = FULL");
        }
    } else {
        for (const auto& r : db_.query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()").rows)
            tables.push_back(r[0]);
    }
    bool ours = std::find(tables.begin(), tables.end(), "evr_meta") != tables.end();
    if (!ours && !tables.empty())
        throw core::Error({db_.settings().describe()}, "this database is not an evalreport outbox (it has other tables)",
                          "point state: at a new file or an empty database");
    if (!ours) {
        Transaction t(db_);
        if (!db_.sqlite()) db_.query("SELECT pg_advisory_xact_lock(7409562203)");  // two machines creating at once
        db_.exec("CREATE TABLE IF NOT EXISTS evr_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        db_.exec(
            "CREATE TABLE IF NOT EXISTS evr_delivery ("
            " id TEXT PRIMARY KEY, job TEXT NOT NULL, params TEXT NOT NULL, period TEXT NOT NULL,"
            " scheduled_for BIGINT NOT NULL, state TEXT NOT NULL, pdf_path TEXT NOT NULL DEFAULT '',"
            " pdf_sha256 TEXT NOT NULL DEFAULT '', attachment_name TEXT NOT NULL DEFAULT '',"
            " message_id TEXT NOT NULL, subject TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '',"
            " attempts INTEGER NOT NULL DEFAULT 0, sends INTEGER NOT NULL DEFAULT 0, next_attempt BIGINT NOT NULL DEFAULT 0,"
            " last_error TEXT NOT NULL DEFAULT '', created BIGINT NOT NULL, updated BIGINT NOT NULL,"
            " sent_at BIGINT NOT NULL DEFAULT 0, pdf_base64 TEXT NOT NULL DEFAULT '')");
        db_.exec("CREATE INDEX IF NOT EXISTS evr_delivery_state ON evr_delivery (state, next_attempt)");
        db_.exec(
            "CREATE TABLE IF NOT EXISTS evr_recipient ("
            " delivery_id TEXT NOT NULL, position INTEGER NOT NULL, address TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',"
            " kind TEXT NOT NULL, state TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',"
            " PRIMARY KEY (delivery_id, address))");
        db_.exec("CREATE TABLE IF NOT EXISTS evr_job (job TEXT PRIMARY KEY, last_run BIGINT NOT NULL)");
        db_.exec(db_.sqlite() ? "INSERT OR IGNORE INTO evr_meta (key, value) VALUES ('schema', ?)"
                              : "INSERT INTO evr_meta (key, value) VALUES ('schema', ?) ON CONFLICT DO NOTHING",
                 {std::string(kSchemaVersion)});
        t.commit();
        return;
    }
    auto v = db_.query("SELECT value FROM evr_meta WHERE key = 'schema'");
    if (v.size() != 1)
        throw core::Error({db_.settings().describe()}, "the outbox has no schema version", "restore it from a backup");
    if (v.rows[0][0] != kSchemaVersion)
        throw core::Error({db_.settings().describe()}, "the outbox has schema version " + v.rows[0][0] + ", this evalreport reads " +
                                                           kSchemaVersion,
                          "use the evalreport version that wrote it");
    for (const char* t : {"evr_delivery", "evr_recipient", "evr_job"})
        if (std::find(tables.begin(), tables.end(), t) == tables.end())
            throw core::Error({db_.settings().describe()}, std::string("the outbox lacks its table ") + t, "restore it from a backup");
}

std::vector<Delivery> Outbox::select(const std::string& where, const std::vector<Database::Param>& params) {
    std::vector<Delivery> out;
    for (const auto& r : db_.query(std::string("SELECT ") + kColumns + " FROM evr_delivery " + where, params).rows)
        out.push_back(fromRow(r));
    loadRecipients(out);
    return out;
}

void Outbox::loadRecipients(std::vector<Delivery>& ds) {
    if (ds.empty()) return;
    std::map<std::string, Delivery*> byId;
    for (auto& d : ds) byId[d.id] = &d;
    std::string sql = "SELECT delivery_id, address, name, kind, state, reason FROM evr_recipient";
    std::vector<Database::Param> params;
    if (ds.size() == 1) {
        sql += " WHERE delivery_id = ?";
        params.push_back(ds[0].id);
    }
    sql += " ORDER BY delivery_id, position";
    for (const auto& r : db_.query(sql, params).rows) {
        auto it = byId.find(r[0]);
        if (it == byId.end()) continue;
        it->second->recipients.push_back({r[1], r[2], r[3], r[4], r[5]});
    }
}

std::optional<Delivery> Outbox::find(const std::string& id) {
    auto v = select("WHERE id = ?", {id});
    if (v.empty()) return std::nullopt;
    return v[0];
}

std::string Outbox::pdf(const std::string& id) {
    auto r = db_.query("SELECT pdf_base64 FROM evr_delivery WHERE id = ?", {id});
    if (r.size() == 0 || r.rows[0][0].empty()) return {};
    return drivers().base64Decode(r.rows[0][0]);
}

std::vector<Delivery> Outbox::list(const std::string& state) {
    if (state.empty()) return select("ORDER BY created, id", {});
    return select("WHERE state = ? ORDER BY created, id", {state});
}

void Outbox::insert(const Delivery& d, const std::string& state, const std::string& error, Instant now) {
    Transaction t(db_);
    std::string encoded;
    if (!d.pdfData.empty()) encoded = drivers().base64Encode(d.pdfData);
    db_.exec(std::string("INSERT INTO evr_delivery (") + kColumns +
                 ", pdf_base64) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, 0, ?)",
             {d.id, d.job, d.params, d.period, static_cast<long long>(d.scheduledFor), state, d.pdfPath, d.pdfSha256,
              d.attachmentName, d.messageId, d.subject, d.body, error, static_cast<long long>(d.created ? d.created : now),
              static_cast<long long>(now), encoded});
    long long pos = 0;
    for (const auto& r : d.recipients)
        db_.exec("INSERT INTO evr_recipient (delivery_id, position, address, name, kind, state, reason) VALUES (?, ?, ?, ?, ?, 'pending', '')",
                 {d.id, pos++, r.address, r.name, r.kind});
    t.commit();
}

void Outbox::insertRendered(const Delivery& d, Instant now) { insert(d, "rendered", "", now); }
void Outbox::insertFailed(const Delivery& d, const std::string& reason, Instant now) { insert(d, "failed", reason, now); }

void Outbox::queueAndAdvance(const std::vector<std::string>& ids, const std::string& job, Instant lastRun, Instant now) {
    Transaction t(db_);
    for (const auto& id : ids)
        db_.exec("UPDATE evr_delivery SET state = 'queued', next_attempt = ?, updated = ? WHERE id = ? AND state = 'rendered'",
                 {static_cast<long long>(now), static_cast<long long>(now), id});
    if (!job.empty()) {
        if (db_.exec("UPDATE evr_job SET last_run = ? WHERE job = ?", {static_cast<long long>(lastRun), job}) == 0)
            db_.exec("INSERT INTO evr_job (job, last_run) VALUES (?, ?)", {job, static_cast<long long>(lastRun)});
    }
    t.commit();
}

void Outbox::remove(const std::string& id) {
    Transaction t(db_);
    db_.exec("DELETE FROM evr_recipient WHERE delivery_id = ?", {id});
    db_.exec("DELETE FROM evr_delivery WHERE id = ?", {id});
    t.commit();
}

int Outbox::queueOrphans(Instant now) {
    return static_cast<int>(db_.exec("UPDATE evr_delivery SET state = 'queued', next_attempt = ?, updated = ? WHERE state = 'rendered'",
                                     {static_cast<long long>(now), static_cast<long long>(now)}));
}

std::vector<Delivery> Outbox::due(Instant now) {
    return select("WHERE state = 'sending' OR (state = 'queued' AND next_attempt <= ?) ORDER BY created, id",
                  {static_cast<long long>(now)});
}

void Outbox::markSending(const std::string& id, const std::vector<std::pair<std::string, std::string>>& rejected, Instant now) {
    Transaction t(db_);
    for (const auto& [address, reason] : rejected)
        db_.exec("UPDATE evr_recipient SET state = 'rejected', reason = ? WHERE delivery_id = ? AND address = ?", {reason, id, address});
    db_.exec("UPDATE evr_delivery SET state = 'sending', sends = sends + 1, updated = ? WHERE id = ?", {static_cast<long long>(now), id});
    t.commit();
}

void Outbox::markAccepted(const std::string& id, const std::vector<std::string>& accepted, Instant now) {
    Transaction t(db_);
    for (const auto& a : accepted)
        db_.exec("UPDATE evr_recipient SET state = 'sent', reason = '' WHERE delivery_id = ? AND address = ?", {id, a});
    auto pending = db_.query("SELECT COUNT(*) FROM evr_recipient WHERE delivery_id = ? AND state = 'pending'", {id});
    bool done = num(pending.rows[0][0]) == 0;
    // Recipients the server deferred (4xx) stay pending; the delivery is then queued again and
    // only they get the message later, with the same Message-ID.
    db_.exec(done ? "UPDATE evr_delivery SET state = 'sent', sent_at = ?, updated = ?, last_error = '' WHERE id = ?"
                  : "UPDATE evr_delivery SET state = 'queued', sent_at = ?, updated = ? WHERE id = ?",
             {static_cast<long long>(now), static_cast<long long>(now), id});
    t.commit();
}

void Outbox::markRejected(const std::string& id, const std::vector<std::pair<std::string, std::string>>& rejected, Instant now) {
    Transaction t(db_);
    for (const auto& [address, reason] : rejected)
        db_.exec("UPDATE evr_recipient SET state = 'rejected', reason = ? WHERE delivery_id = ? AND address = ?", {reason, id, address});
    auto left = db_.query("SELECT COUNT(*) FROM evr_recipient WHERE delivery_id = ? AND state <> 'rejected'", {id});
    if (num(left.rows[0][0]) == 0)
        db_.exec("UPDATE evr_delivery SET state = 'failed', last_error = ?, updated = ? WHERE id = ?",
                 {std::string("every recipient was rejected"), static_cast<long long>(now), id});
    t.commit();
}

void Outbox::markTransient(const std::string& id, const std::string& reason, const RetrySettings& retry, Instant now) {
    Transaction t(db_);
    auto r = db_.query("SELECT attempts FROM evr_delivery WHERE id = ?", {id});
    int attempts = r.size() ? static_cast<int>(num(r.rows[0][0])) + 1 : 1;
    if (attempts >= retry.attempts) {
        db_.exec("UPDATE evr_delivery SET state = 'failed', attempts = ?, last_error = ?, updated = ? WHERE id = ?",
                 {static_cast<long long>(attempts), "gave up after " + std::to_string(attempts) + " attempts: " + reason,
                  static_cast<long long>(now), id});
    } else {
        long long delay = retry.firstSeconds;
        for (int i = 1; i < attempts && delay < retry.maxSeconds; ++i) delay *= 2;
        delay = std::min<long long>(delay, retry.maxSeconds);
        db_.exec("UPDATE evr_delivery SET state = 'queued', attempts = ?, next_attempt = ?, last_error = ?, updated = ? WHERE id = ?",
                 {static_cast<long long>(attempts), static_cast<long long>(now + delay), reason, static_cast<long long>(now), id});
    }
    t.commit();
}

void Outbox::markFailed(const std::string& id, const std::string& reason, Instant now) {
    db_.exec("UPDATE evr_delivery SET state = 'failed', last_error = ?, updated = ? WHERE id = ?",
             {reason, static_cast<long long>(now), id});
}

int Outbox::requeue(const std::string& id, Instant now) {
    Transaction t(db_);
    auto r = db_.query("SELECT state FROM evr_delivery WHERE id = ?", {id});
    int n = 0;
    if (r.size() && (r.rows[0][0] == "failed" || r.rows[0][0] == "queued")) {
        db_.exec("UPDATE evr_recipient SET state = 'pending', reason = '' WHERE delivery_id = ? AND state = 'rejected'", {id});
        n = static_cast<int>(db_.exec(
            "UPDATE evr_delivery SET state = 'queued', attempts = 0, next_attempt = ?, last_error = '', updated = ? WHERE id = ?",
            {static_cast<long long>(now), static_cast<long long>(now), id}));
    }
    t.commit();
    return n;
}

std::vector<std::pair<std::string, std::string>> Outbox::purge(Instant before, const std::vector<std::string>& states) {
    std::vector<std::pair<std::string, std::string>> gone;
    Transaction t(db_);
    for (const auto& s : states) {
        if (s != "sent" && s != "failed") continue;  // never a delivery that may still go out
        auto rows = db_.query("SELECT id, pdf_path FROM evr_delivery WHERE state = ? AND updated < ?", {s, static_cast<long long>(before)});
        for (const auto& r : rows.rows) {
            db_.exec("DELETE FROM evr_recipient WHERE delivery_id = ?", {r[0]});
            db_.exec("DELETE FROM evr_delivery WHERE id = ?", {r[0]});
            gone.emplace_back(r[0], r[1]);
        }
    }
    t.commit();
    return gone;
}

Outbox::JobState Outbox::jobState(const std::string& job) {
    auto r = db_.query("SELECT last_run FROM evr_job WHERE job = ?", {job});
    JobState s;
    if (r.size()) {
        s.known = true;
        s.lastRun = num(r.rows[0][0]);
    }
    return s;
}

void Outbox::setJobState(const std::string& job, Instant lastRun) { queueAndAdvance({}, job, lastRun, lastRun); }

}  // namespace delivery
