#pragma once
// The outbox's database through Poco::Data (in the delivery plugin, delivery/Drivers.hpp): an
// SQLite file or a PostgreSQL server. SQL is
// written once with '?' placeholders (turned into $1, $2 for PostgreSQL); results come back
// as text. Every driver failure becomes a core::Error naming the database, never a reset.
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "delivery/Schedule.hpp"

namespace delivery {

class DatabaseDriver;

class Database {
public:
    using Param = std::variant<std::string, long long>;
    struct Rows {
        std::vector<std::vector<std::string>> rows;  // NULL reads as ""
        size_t size() const { return rows.size(); }
    };

    explicit Database(const StateSettings& settings);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    bool sqlite() const { return settings_.kind == "sqlite"; }
    const StateSettings& settings() const { return settings_; }

    // Returns the number of rows changed.
    size_t exec(const std::string& sql, const std::vector<Param>& params = {});
    Rows query(const std::string& sql, const std::vector<Param>& params = {});

    // SQLite: BEGIN IMMEDIATE, so a transaction that will write takes the write lock at once
    // and never fails half-way on an upgrade; PostgreSQL: BEGIN.
    void begin();
    void commit();
    void rollback() noexcept;

    // A driver error as one line naming the database.
    [[noreturn]] void fail(const std::string& what, const std::string& detail) const;

private:
    std::string translate(const std::string& sql) const;
    StateSettings settings_;
    std::unique_ptr<DatabaseDriver> driver_;  // delivery/Drivers.hpp (the plugin)
};

// Rolls back unless committed.
class Transaction {
public:
    explicit Transaction(Database& db) : db_(db) { db_.begin(); }
    ~Transaction() {
        if (!done_) db_.rollback();
    }
    void commit() {
        db_.commit();
        done_ = true;
    }

private:
    Database& db_;
    bool done_ = false;
};

}  // namespace delivery
