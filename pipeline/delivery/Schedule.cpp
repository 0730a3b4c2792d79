#include "delivery/Schedule.hpp"

#include <cctype>
#include <cstdlib>

#include "delivery/Period.hpp"
#include "project/Yaml.hpp"

namespace delivery {

namespace {

using project::YamlFile;

std::string resolve(const std::string& dir, const std::string& p) {
    if (p.empty() || p[0] == '/') return p;
    return dir + "/" + p;
}

bool plainAscii(const std::string& s) {
    for (unsigned char c : s)
        if (c <= 0x20 || c >= 0x7f) return false;
    return true;
}

std::vector<Address> addressList(const YamlFile& y, const yml::Node& n) {
    std::vector<Address> out;
    if (!n) return out;
    if (n.IsScalar()) {
        out.push_back(parseAddress(n.Scalar(), y.at(n)));
        return out;
    }
    if (!n.IsSequence()) y.fail(n, "expected an address or a list of addresses", "e.g. [\"Navn <navn@kommune.dk>\"]");
    for (const auto& a : n) out.push_back(parseAddress(y.asStr(a), y.at(a)));
    return out;
}

Recipients recipientsOf(const YamlFile& y, const yml::Node& n) {
    y.requireMap(n, "recipients");
    y.allowKeys(n, {"to", "cc"});
    Recipients r;
    r.to = addressList(y, n["to"]);
    r.cc = addressList(y, n["cc"]);
    return r;
}

std::map<std::string, Recipients> recipientTable(const YamlFile& y, const yml::Node& n) {
    std::map<std::string, Recipients> out;
    if (!n) return out;
    y.requireMap(n, "'recipients'");
    for (auto it = n.begin(); it != n.end(); ++it) {
        std::string name = y.asStr(it->first);
        Recipients r = recipientsOf(y, it->second);
        if (r.empty()) y.fail(it->second, "no addresses for '" + name + "'", "give to: and/or cc:");
        out[name] = std::move(r);
    }
    return out;
}

int seconds(const YamlFile& y, const yml::Node& map, const char* key, int def) {
    if (!map[key]) return def;
    auto d = parseDuration(y.asStr(map[key]));
    if (!d || *d > 365LL * 86400) y.fail(map[key], std::string("'") + key + "' must be a duration", "e.g. 30s, 15m, 2h or 1d");
    return static_cast<int>(*d);
}

CatchUp catchUpOf(const YamlFile& y, const yml::Node& n) {
    std::string v = y.asStr(n);
    if (v == "all") return CatchUp::All;
    if (v == "latest") return CatchUp::Latest;
    if (v == "none") return CatchUp::None;
    y.fail(n, "catch_up must be all, latest or none", "all runs every missed run, latest only the most recent, none skips them");
}

}  // namespace

std::string Address::str() const { return name.empty() ? address : name + " <" + address + ">"; }

Address parseAddress(const std::string& text, const core::Location& where) {
    const std::string fix = "write \"Navn <navn@kommune.dk>\" or navn@kommune.dk";
    Address a;
    std::string s = text;
    auto lt = s.rfind('<');
    if (lt != std::string::npos) {
        if (s.back() != '>') throw core::Error(where, "address '" + text + "' does not end with '>'", fix);
        a.address = s.substr(lt + 1, s.size() - lt - 2);
        a.name = s.substr(0, lt);
        while (!a.name.empty() && a.name.back() == ' ') a.name.pop_back();
        while (!a.name.empty() && a.name.front() == ' ') a.name.erase(0, 1);
        if (a.name.size() >= 2 && a.name.front() == '"' && a.name.back() == '"') a.name = a.name.substr(1, a.name.size() - 2);
    } else {
        a.address = s;
    }
    auto at = a.address.find('@');
    if (at == std::string::npos || at == 0 || at + 1 >= a.address.size() || a.address.find('@', at + 1) != std::string::npos ||
        !plainAscii(a.address) || a.address.find_first_of("<>,;\"()[]\\") != std::string::npos)
        throw core::Error(where, "'" + text + "' is not an e-mail address", fix);
    for (char c : a.name)
        if (c == '\r' || c == '\n' || c == '<' || c == '>' || c == '"')
            throw core::Error(where, "the name in '" + text + "' has a line break, quote or angle bracket", fix);
    return a;
}

std::optional<long long> parseDuration(const std::string& text) {
    if (text.empty()) return std::nullopt;
    size_t i = 0;
    long long v = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
        v = v * 10 + (text[i++] - '0');
        if (v > 1000000000LL) return std::nullopt;
    }
    if (i == 0) return std::nullopt;
    std::string unit = text.substr(i);
    if (unit == "s" || unit.empty()) return v;
    if (unit == "m" || unit == "min") return v * 60;
    if (unit == "h") return v * 3600;
    if (unit == "d") return v * 86400;
    return std::nullopt;
}

std::string StateSettings::describe() const {
    if (kind == "sqlite") return path;
    return "postgresql://" + (user.empty() ? "" : user + "@") + host + ":" + std::to_string(port) + "/" + dbname;
}

const Job* Schedule::job(const std::string& name) const {
    for (const auto& j : jobs)
        if (j.name == name) return &j;
    return nullptr;
}

Schedule loadSchedule(const std::string& path) {
    YamlFile y(path);
    const yml::Node& r = y.root();
    y.allowKeys(r, {"timezone", "state", "pdf_dir", "catch_up", "catch_up_grace", "threads", "smtp", "retry", "recipients", "jobs"});
    Schedule s;
    s.file = path;
    auto slash = path.rfind('/');
    s.dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));

    std::string tz = y.str(r, "timezone", "Europe/Copenhagen");
    try {
        s.zone = TimeZone::load(tz);
    } catch (const core::Error& e) {
        y.fail(r["timezone"] ? r["timezone"] : r, e.problem(), e.fix());
    }

    // state: a file name, or {sqlite: file} or {postgresql: {...}}
    if (yml::Node st = r["state"]) {
        s.state.where = y.at(st);
        if (st.IsScalar()) {
            s.state.path = resolve(s.dir, st.Scalar());
        } else {
            y.requireMap(st, "'state'");
            y.allowKeys(st, {"sqlite", "postgresql"});
            if (st["sqlite"]) {
                s.state.path = resolve(s.dir, y.asStr(st["sqlite"]));
            } else if (yml::Node pg = st["postgresql"]) {
                y.requireMap(pg, "'state.postgresql'");
                y.allowKeys(pg, {"host", "port", "dbname", "user", "password_env"});
                if (pg["password"]) y.fail(pg["password"], "passwords never go in schedule.yaml", "use password_env");
                s.state.kind = "postgresql";
                s.state.host = y.str(pg, "host", "localhost");
                s.state.port = y.integer(pg, "port", 5432, 1, 65535);
                s.state.dbname = y.reqStr(pg, "dbname");
                s.state.user = y.str(pg, "user");
                s.state.passwordEnv = y.str(pg, "password_env");
                if (const char* p = std::getenv("EVALREPORT_PG_PORT"); p && *p) s.state.port = std::atoi(p);
            } else {
                y.fail(st, "state needs sqlite: <file> or postgresql: {…}");
            }
        }
    } else {
        s.state.path = resolve(s.dir, "state/outbox.db");
        s.state.where = {path};
    }
    s.pdfDir = resolve(s.dir, y.str(r, "pdf_dir", "state/pdf"));
    if (r["catch_up"]) s.catchUp = catchUpOf(y, r["catch_up"]);
    s.graceSeconds = seconds(y, r, "catch_up_grace", 900);
    s.threads = static_cast<unsigned>(y.integer(r, "threads", 0, 0, 256));

    // smtp
    yml::Node m = r["smtp"];
    if (!m) y.fail(r, "schedule.yaml has no smtp: section", "add smtp: {host: …, port: …, from: …}");
    y.requireMap(m, "'smtp'");
    if (m["password"])
        y.fail(m["password"], "passwords never go in schedule.yaml",
               "put it in an environment variable named by password_env, or a file named by password_file");
    y.allowKeys(m, {"host", "port", "security", "verify", "ca_file", "user", "password_env", "password_file", "auth", "from",
                    "helo", "timeout", "message_id_domain"});
    SmtpSettings& smtp = s.smtp;
    smtp.where = y.at(m);
    smtp.host = y.str(m, "host", "localhost");
    smtp.security = y.str(m, "security", "starttls");
    if (smtp.security != "none" && smtp.security != "starttls" && smtp.security != "tls")
        y.fail(m["security"], "security must be none, starttls or tls", "starttls on port 587, tls (implicit) on port 465");
    smtp.port = y.integer(m, "port", smtp.security == "tls" ? 465 : smtp.security == "starttls" ? 587 : 25, 1, 65535);
    smtp.verify = y.flag(m, "verify", true);
    smtp.caFile = m["ca_file"] ? resolve(s.dir, y.asStr(m["ca_file"])) : "";
    smtp.user = y.str(m, "user");
    smtp.passwordEnv = y.str(m, "password_env");
    smtp.passwordFile = m["password_file"] ? resolve(s.dir, y.asStr(m["password_file"])) : "";
    smtp.auth = y.str(m, "auth");
    if (!smtp.auth.empty() && smtp.auth != "login" && smtp.auth != "plain" && smtp.auth != "none")
        y.fail(m["auth"], "auth must be login, plain or none");
    if (!smtp.user.empty() && smtp.passwordEnv.empty() && smtp.passwordFile.empty() && smtp.auth != "none")
        y.fail(m["user"], "a user needs password_env or password_file", "name the environment variable or file holding the password");
    if (!m["from"]) y.fail(m, "smtp needs from:", "e.g. from: \"Evaluering <evaluering@example.dk>\"");
    smtp.from = parseAddress(y.asStr(m["from"]), y.at(m["from"]));
    smtp.helo = y.str(m, "helo");
    smtp.timeoutSeconds = seconds(y, m, "timeout", 30);
    smtp.messageIdDomain = y.str(m, "message_id_domain", smtp.from.address.substr(smtp.from.address.find('@') + 1));
    if (const char* h = std::getenv("EVALREPORT_SMTP_HOST"); h && *h) smtp.host = h;
    if (const char* p = std::getenv("EVALREPORT_SMTP_PORT"); p && *p) {
        char* end = nullptr;
        long v = std::strtol(p, &end, 10);
        if (*end || v < 1 || v > 65535)
            throw core::Error({"EVALREPORT_SMTP_PORT"}, "'" + std::string(p) + "' is not a port number", "use 1-65535");
        smtp.port = static_cast<int>(v);
    }

    if (yml::Node rt = r["retry"]) {
        y.requireMap(rt, "'retry'");
        y.allowKeys(rt, {"first", "max", "attempts"});
        s.retry.firstSeconds = seconds(y, rt, "first", 60);
        s.retry.maxSeconds = seconds(y, rt, "max", 3600);
        s.retry.attempts = y.integer(rt, "attempts", 12, 1, 1000);
    }

    s.recipients = recipientTable(y, r["recipients"]);

    yml::Node js = r["jobs"];
    if (!js || !js.IsMap() || js.size() == 0) y.fail(js ? js : r, "schedule.yaml has no jobs", "add jobs: {name: {cron: …}}");
    for (auto it = js.begin(); it != js.end(); ++it) {
        const yml::Node n = it->second;
        std::string name = y.asStr(it->first);
        if (name.empty() || name.find_first_of("/ \t") != std::string::npos)
            y.fail(it->first, "job name '" + name + "' must be one word without '/'");
        y.requireMap(n, "job '" + name + "'");
        y.allowKeys(n, {"cron", "project", "template", "each", "period", "params", "recipients", "to", "cc", "subject", "body",
                        "since", "catch_up"});
        Job j;
        j.name = name;
        j.cron = CronExpression::parse(y.reqStr(n, "cron"), y.at(n["cron"]));
        // A job that can never run (30 February, 31 April) would wait silently for ever: every
        // possible date comes within the ten years next() searches (a 29 February included).
        if (!j.cron.next(0, s.zone))
            y.fail(n["cron"], "cron expression '" + j.cron.text() + "' never runs: no chosen month has the chosen day of the month",
                   "choose days that exist in the chosen months, e.g. 28 for the end of February");
        j.where = y.at(it->first);
        j.projectFile = resolve(s.dir, y.reqStr(n, "project"));
        std::string t = y.reqStr(n, "template");
        j.templateName = t.find('/') != std::string::npos ? resolve(s.dir, t) : t;
        if (yml::Node e = n["each"]) {
            if (e.IsSequence()) {
                if (e.size() != 1) y.fail(e, "a job iterates one parameter (the municipality)", "each: kommune");
                j.each = y.asStr(e[0]);
            } else {
                j.each = y.asStr(e);
            }
        }
        j.period = y.str(n, "period");
        if (!j.period.empty() && !isPeriodRule(j.period))
            y.fail(n["period"], "unknown period '" + j.period + "'",
                   "use previous_quarter, current_quarter, previous_month, current_month or a quarter like 2024Q3");
        if (yml::Node ps = n["params"]) {
            y.requireMap(ps, "'params'");
            for (auto p = ps.begin(); p != ps.end(); ++p) j.params.emplace_back(y.asStr(p->first), y.asStr(p->second));
        }
        j.byMunicipality = recipientTable(y, n["recipients"]);
        j.fixed.to = addressList(y, n["to"]);
        j.fixed.cc = addressList(y, n["cc"]);
        if (j.each.empty() && j.fixed.to.empty())
            y.fail(n, "job '" + name + "' has no to: addresses", "a job without each: sends one report to its to: and cc:");
        if (!j.each.empty() && j.byMunicipality.empty() && s.recipients.empty())
            y.fail(n, "job '" + name + "' iterates " + j.each + " but no recipients table is given",
                   "add recipients: {Kommune: {to: […]}} to the job or the schedule");
        j.subject = y.reqStr(n, "subject");
        j.subjectAt = y.at(n["subject"]);
        j.body = y.reqStr(n, "body");
        j.bodyAt = y.at(n["body"]);
        if (n["since"]) j.since = parseIsoTime(y.asStr(n["since"]), s.zone, y.at(n["since"]).str());
        if (n["catch_up"]) j.catchUp = catchUpOf(y, n["catch_up"]);
        if (s.job(name)) y.fail(it->first, "job '" + name + "' is defined twice");
        s.jobs.push_back(std::move(j));
    }
    return s;
}

}  // namespace delivery
