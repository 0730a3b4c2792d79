// SQL queries as a row source, through Poco::Data: SQLite files and PostgreSQL servers.
// Locations name the query by its table and the row: query 'borgere' row 12.
//
// SQLite cells are read by their stored type through the session's sqlite3 handle: Poco's
// typed extraction follows the declared column type and would turn the text 'ukendt' in an
// INTEGER column into 0 without a word. PostgreSQL types are strict, so Poco's RecordSet is
// used as it is; the client encoding is set to UTF-8.
#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/DateTime.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <cstdlib>
#include <mutex>

#include "core/Utf8.hpp"
#include "ingest/connectors/Connectors.hpp"
#include "ingest/Values.hpp"

namespace ingest {

namespace {

using project::Connection;

void registerConnectors() {
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
}

// A libpq connection-string value, quoted.
std::string pqValue(const std::string& v) {
    std::string out = "'";
    for (char c : v) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

std::string env(const char* name, const std::string& def) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : def;
}

// The first line of a driver message (libpq adds hints on further lines).
std::string firstLine(const std::string& s) {
    std::string l = s.substr(0, s.find('\n'));
    while (!l.empty() && (l.back() == ' ' || l.back() == '\r')) l.pop_back();
    return l;
}

class SqlSourceBase : public RowSource, protected Locator {
public:
    SqlSourceBase(const project::TableSpec& spec, const Connection& conn)
        : name_("query '" + spec.name + "'"), conn_(conn), query_(spec.query), style_(numberStyleFor(spec.decimalSeparator)) {}
    NumberStyle numberStyle() const override { return style_; }

protected:
    core::Location header(size_t) const override { return {name_}; }
    core::Location cell(size_t, size_t) const override { return row(); }
    core::Location row() const override { return {name_ + " row " + std::to_string(row_)}; }
    core::Location source() const override { return {name_}; }
    std::string rowWord() const override { return "in row"; }

    std::string name_;
    const Connection& conn_;
    std::string query_;
    NumberStyle style_;
    size_t row_ = 0;
};

class SqliteSource : public SqlSourceBase {
public:
    using SqlSourceBase::SqlSourceBase;

    void read(RowSink& sink, core::Diagnostics&) override {
        struct stat st {};
        if (stat(conn_.path.c_str(), &st) != 0)
            throw core::Error(conn_.where, "connection '" + conn_.name + "': cannot open database file " + conn_.path,
                              "check 'path' under connections in project.yaml");
        // Read-only: a URI with mode=ro never creates or changes the file.
        std::string uri = "file:";
        for (unsigned char c : conn_.path) {
            if (std::isalnum(c) || c == '/' || c == '.' || c == '-' || c == '_') {
                uri += static_cast<char>(c);
            } else {
                char buf[4];
                std::snprintf(buf, sizeof buf, "%%%02X", c);
                uri += buf;
            }
        }
        uri += "?mode=ro";
        std::unique_ptr<Poco::Data::Session> session;
        try {
            session = std::make_unique<Poco::Data::Session>("SQLite", uri);
        } catch (const Poco::Exception& e) {
            throw core::Error(conn_.where, "connection '" + conn_.name + "': cannot open " + conn_.path + ": " + firstLine(e.message()),
                              "check that the file is an SQLite database");
        }
        sqlite3* db = Poco::Data::SQLite::Utility::dbHandle(*session);
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db, query_.c_str(), -1, &stmt, nullptr) != SQLITE_OK || !stmt) {
            const int code = sqlite3_errcode(db);
            if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
                throw core::Error({conn_.path}, code == SQLITE_NOTADB ? "the file is not an SQLite database" : "the SQLite database is damaged",
                                  "check the 'path' of connection '" + conn_.name + "' in project.yaml, or export the database again");
            throw core::Error({name_}, "the query failed: " + firstLine(sqlite3_errmsg(db)), "check the query in project.yaml");
        }
        std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(stmt, sqlite3_finalize);
        const int n = sqlite3_column_count(stmt);
        std::vector<std::string> header;
        for (int i = 0; i < n; ++i) header.emplace_back(sqlite3_column_name(stmt, i));
        sink.begin(header, *this);
        std::vector<Cell> cells(static_cast<size_t>(n));
        for (;;) {
            int rc = sqlite3_step(stmt);
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW)
                throw core::Error({name_ + " row " + std::to_string(row_ + 1)}, "the query failed: " + firstLine(sqlite3_errmsg(db)),
                                  "check the query in project.yaml");
            ++row_;
            for (int i = 0; i < n; ++i) {
                Cell& c = cells[static_cast<size_t>(i)];
                switch (sqlite3_column_type(stmt, i)) {
                    case SQLITE_NULL: c = Cell(); break;
                    case SQLITE_INTEGER: c = Cell::ofNumber(static_cast<double>(sqlite3_column_int64(stmt, i))); break;
                    case SQLITE_FLOAT: c = Cell::ofNumber(sqlite3_column_double(stmt, i)); break;
                    default: {  // TEXT, and BLOB read as its bytes
                        const char* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
                        std::string_view s(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(stmt, i)));
                        c = Cell::ofText(s);
                        if (size_t bad = core::findInvalidUtf8(s); bad != std::string_view::npos) {
                            c.kind = Cell::Kind::BadUtf8;
                            c.badAt = bad;
                        }
                    }
                }
            }
            if (!sink.row(cells.data(), static_cast<uint32_t>(row_), *this)) break;
        }
    }
};

class PostgresSource : public SqlSourceBase {
public:
    using SqlSourceBase::SqlSourceBase;

    void read(RowSink& sink, core::Diagnostics&) override {
        // EVALREPORT_PG_* override the project's settings (a test server on a free port, a
        // colleague's database); the password only ever comes from the environment.
        const std::string host = env("EVALREPORT_PG_HOST", conn_.host);
        const std::string port = env("EVALREPORT_PG_PORT", std::to_string(conn_.port));
        const std::string db = env("EVALREPORT_PG_DBNAME", conn_.dbname);
        const std::string user = env("EVALREPORT_PG_USER", conn_.user);
        std::string conninfo = "host=" + pqValue(host) + " port=" + pqValue(port) + " dbname=" + pqValue(db) +
                               " client_encoding=UTF8 connect_timeout=10";
        if (!user.empty()) conninfo += " user=" + pqValue(user);
        if (!conn_.passwordEnv.empty()) {
            const char* pw = std::getenv(conn_.passwordEnv.c_str());
            if (!pw)
                throw core::Error(conn_.where, "connection '" + conn_.name + "': the environment variable " + conn_.passwordEnv + " is not set",
                                  "set it to the database password before running evalreport");
            conninfo += " password=" + pqValue(pw);
        }
        const std::string server = "PostgreSQL database '" + db + "' on " + host + ":" + port;
        std::unique_ptr<Poco::Data::Session> session;
        try {
            session = std::make_unique<Poco::Data::Session>("PostgreSQL", conninfo);
        } catch (const Poco::Exception& e) {
            throw core::Error(conn_.where, "connection '" + conn_.name + "': cannot connect to " + server + ": " + firstLine(e.message()),
                              "check that the server runs and the connection settings");
        }
        try {
            Poco::Data::Statement stmt(*session);
            stmt << query_;
            stmt.execute();
            Poco::Data::RecordSet rs(stmt);
            const size_t n = rs.columnCount();
            std::vector<std::string> header;
            for (size_t i = 0; i < n; ++i) header.push_back(rs.columnName(i));
            sink.begin(header, *this);
            sink.expectRows(rs.rowCount());
            std::vector<Cell> cells(n);
            std::vector<std::string> owned(n);
            for (size_t r = 0; r < rs.rowCount(); ++r) {
                row_ = r + 1;
                for (size_t i = 0; i < n; ++i) {
                    Cell& c = cells[i];
                    c = Cell();
                    if (rs.isNull(i, r)) continue;
                    using MC = Poco::Data::MetaColumn;
                    switch (rs.columnType(i)) {
                        case MC::FDT_BOOL: c = Cell::ofText(rs.value(i, r).convert<bool>() ? "true" : "false"); break;
                        case MC::FDT_INT8: case MC::FDT_UINT8: case MC::FDT_INT16: case MC::FDT_UINT16:
                        case MC::FDT_INT32: case MC::FDT_UINT32: case MC::FDT_INT64: case MC::FDT_UINT64:
                        case MC::FDT_FLOAT: case MC::FDT_DOUBLE:
                            c = Cell::ofNumber(rs.value(i, r).convert<double>());
                            break;
                        case MC::FDT_DATE: {
                            const auto& d = rs.value<Poco::Data::Date>(i, r);
                            c = Cell::ofDate(core::daysFromYmd(d.year(), d.month(), d.day()));
                            break;
                        }
                        case MC::FDT_TIMESTAMP: {
                            const auto& t = rs.value<Poco::DateTime>(i, r);
                            c = Cell::ofDate(core::daysFromYmd(t.year(), t.month(), t.day()));
                            break;
                        }
                        case MC::FDT_CLOB: {
                            const auto& lob = rs.value<Poco::Data::CLOB>(i, r);
                            owned[i].assign(lob.rawContent(), lob.size());
                            c = Cell::ofText(owned[i]);
                            break;
                        }
                        default:
                            owned[i] = rs.value(i, r).convert<std::string>();
                            c = Cell::ofText(owned[i]);
                    }
                }
                if (!sink.row(cells.data(), static_cast<uint32_t>(row_), *this)) break;
            }
        } catch (const Poco::Exception& e) {
            throw core::Error({name_}, "the query failed: " + firstLine(e.message()), "check the query in project.yaml");
        }
    }
};

}  // namespace

namespace readers {

std::unique_ptr<RowSource> openSql(const project::Project& p, const project::TableSpec& spec) {
    registerConnectors();
    const Connection* c = p.connection(spec.connection);
    if (!c) throw core::Error(spec.where, "unknown connection '" + spec.connection + "'");
    if (c->kind == "sqlite") return std::make_unique<SqliteSource>(spec, *c);
    return std::make_unique<PostgresSource>(spec, *c);
}

}  // namespace readers

}  // namespace ingest
