#pragma once
// schedule.yaml, typed: where the outbox lives, how to reach the SMTP server, who gets which
// municipality's report, and the jobs (cron expression, project, template, parameters,
// subject and body). Passwords are never in this file: password_env or password_file.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/Error.hpp"
#include "delivery/CronExpression.hpp"
#include "delivery/TimeZone.hpp"

namespace delivery {

struct Address {
    std::string name;     // display name, UTF-8 ("Ældreområdet, Odder Kommune"); may be empty
    std::string address;  // addr-spec, ASCII
    std::string str() const;  // "name <address>" as written
};
// Parses "Name <a@b.dk>" or "a@b.dk"; throws core::Error at `where`.
Address parseAddress(const std::string& text, const core::Location& where);

struct Recipients {
    std::vector<Address> to, cc;
    bool empty() const { return to.empty() && cc.empty(); }
};

enum class CatchUp { All, Latest, None };

struct SmtpSettings {
    std::string host = "localhost";
    int port = 25;
    std::string security = "starttls";  // none | starttls | tls (implicit TLS, port 465)
    bool verify = true;                 // certificate and host name checks
    std::string caFile;                 // PEM; empty: the system's CA certificates
    std::string user;
    std::string passwordEnv, passwordFile;
    std::string auth;                   // login | plain; empty: login when a user is given
    Address from;
    std::string helo;                   // EHLO name; empty: this host's name
    int timeoutSeconds = 30;
    std::string messageIdDomain;        // default: the From address's domain
    core::Location where;
};

// Where deliveries and scheduler state are kept: an SQLite file (default) or PostgreSQL.
struct StateSettings {
    std::string kind = "sqlite";  // sqlite | postgresql
    std::string path;             // sqlite: resolved path
    std::string host = "localhost", dbname, user, passwordEnv;
    int port = 5432;
    core::Location where;
    std::string describe() const;  // the file, or postgresql://user@host:port/dbname (never a password)
};

struct RetrySettings {
    int firstSeconds = 60;        // the first retry after this long, then doubling
    int maxSeconds = 3600;        // the cap
    int attempts = 12;            // transient failures before a delivery fails for good
};

struct Job {
    std::string name;
    CronExpression cron;
    std::string projectFile;      // resolved
    std::string templateName;     // name or resolved directory
    std::string each;             // template parameter to iterate (municipality type), or empty
    std::string period;           // previous_quarter | current_quarter | previous_month | current_month | 2024Q3 | empty
    std::vector<std::pair<std::string, std::string>> params;  // fixed template parameters
    std::map<std::string, Recipients> byMunicipality;  // job-level table, else the schedule's
    Recipients fixed;             // to/cc on every message of the job
    std::string subject, body;    // template text (TemplateEngine)
    std::optional<Instant> since; // runs before this are never due
    std::optional<CatchUp> catchUp;
    core::Location where, subjectAt, bodyAt;
};

struct Schedule {
    std::string file, dir;
    TimeZone zone = TimeZone::utc();
    StateSettings state;
    std::string pdfDir;           // resolved
    CatchUp catchUp = CatchUp::Latest;
    int graceSeconds = 900;       // catch_up: none runs a missed run only this late
    unsigned threads = 0;
    SmtpSettings smtp;
    RetrySettings retry;
    std::map<std::string, Recipients> recipients;  // by municipality (as named in the project)
    std::vector<Job> jobs;

    const Job* job(const std::string& name) const;
    CatchUp catchUpOf(const Job& j) const { return j.catchUp.value_or(catchUp); }
};

// Parses and checks schedule.yaml; every problem is a core::Error at file:line:column.
// EVALREPORT_SMTP_HOST and EVALREPORT_SMTP_PORT override smtp.host and smtp.port.
Schedule loadSchedule(const std::string& path);

// "90s", "15m", "2h", "7d" -> seconds; nullopt if malformed.
std::optional<long long> parseDuration(const std::string& text);

}  // namespace delivery
