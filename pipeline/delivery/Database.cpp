#include "delivery/Database.hpp"

#include "delivery/Drivers.hpp"

#include <cstdlib>
#include <mutex>
#include <sys/stat.h>

namespace delivery {

namespace {

std::string pqValue(const std::string& v) {
    std::string out = "'";
    for (char c : v) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

std::string firstLine(const std::string& s) {
    std::string l = s.substr(0, s.find('\n'));
    while (!l.empty() && (l.back() == ' ' || l.back() == '\r')) l.pop_back();
    return l;
}

}  // namespace

Database::Database(const StateSettings& settings) : settings_(settings) {
    if (sqlite()) {
        // The file and its directory are created on first use.
        std::string dir = settings_.path.substr(0, settings_.path.rfind('/') == std::string::npos ? 0 : settings_.path.rfind('/'));
        for (size_t i = 1; i <= dir.size(); ++i)
            if (i == dir.size() || dir[i] == '/') ::mkdir(dir.substr(0, i).c_str(), 0755);
        struct stat st {};
        if (!dir.empty() && (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)))
            throw core::Error({settings_.path}, "cannot create the outbox directory " + dir, "check the state: path and its permissions");
        try {
            driver_ = drivers().openDatabase("sqlite", settings_.path);
        } catch (const DriverError& e) {
            fail("cannot open the outbox database", e.what());
        }
    } else {
        std::string conninfo = "host=" + pqValue(settings_.host) + " port=" + pqValue(std::to_string(settings_.port)) +
                               " dbname=" + pqValue(settings_.dbname) + " client_encoding=UTF8 connect_timeout=10";
        if (!settings_.user.empty()) conninfo += " user=" + pqValue(settings_.user);
        if (!settings_.passwordEnv.empty()) {
            const char* pw = std::getenv(settings_.passwordEnv.c_str());
            if (!pw)
                throw core::Error(settings_.where, "the environment variable " + settings_.passwordEnv + " is not set",
                                  "set it to the outbox database password");
            conninfo += " password=" + pqValue(pw);
        }
        try {
            driver_ = drivers().openDatabase("postgresql", conninfo);
        } catch (const DriverError& e) {
            // libpq's messages name host and port, never the password.
            throw core::Error(settings_.where, "cannot connect to the outbox database " + settings_.describe() + ": " + firstLine(e.what()),
                              "check that the server runs and the state: settings");
        }
        // "relation already exists, skipping" and the like are for a DBA, not for our output.
        exec("SET client_min_messages = warning");
    }
}

Database::~Database() = default;

void Database::fail(const std::string& what, const std::string& detail) const {
    throw core::Error({settings_.describe()}, what + ": " + firstLine(detail),
                      sqlite() ? "if the file is damaged, move it aside and restore it from a backup; evalreport never "
                                 "resets an outbox by itself"
                               : "check the database server and its log");
}

std::string Database::translate(const std::string& sql) const {
    if (sqlite()) return sql;
    std::string out;
    int n = 0;
    bool quoted = false;
    for (char c : sql) {
        if (c == '\'') quoted = !quoted;
        if (c == '?' && !quoted) out += "$" + std::to_string(++n);
        else out += c;
    }
    return out;
}

size_t Database::exec(const std::string& sql, const std::vector<Param>& params) {
    try {
        return driver_->exec(translate(sql), params);
    } catch (const DriverError& e) {
        fail("outbox database error", e.what());
    }
}

Database::Rows Database::query(const std::string& sql, const std::vector<Param>& params) {
    try {
        return driver_->query(translate(sql), params);
    } catch (const DriverError& e) {
        fail("outbox database error", e.what());
    }
}

void Database::begin() {
    if (sqlite()) exec("BEGIN IMMEDIATE");
    else exec("BEGIN");
}

void Database::commit() { exec("COMMIT"); }

void Database::rollback() noexcept {
    try {
        exec("ROLLBACK");
    } catch (...) {
        // A failed rollback leaves nothing to do: the transaction is gone with the error.
    }
}

}  // namespace delivery
