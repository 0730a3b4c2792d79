#pragma once
// One scheduler or sender at a time per outbox. SQLite: an exclusive flock(2) on
// "<outbox>.lock"; PostgreSQL: a session-level advisory lock (pg_advisory_lock), so machines
// sharing one queue take turns. Both are released by the kernel or the server when the
// process dies, even by kill -9, so a crash never leaves a stale lock behind.
#include <string>

#include "delivery/Database.hpp"

namespace delivery {

class StateLock {
public:
    // Blocks until the lock is free. `db` must outlive the lock (PostgreSQL holds it on the
    // session).
    explicit StateLock(Database& db);
    ~StateLock();
    StateLock(const StateLock&) = delete;
    StateLock& operator=(const StateLock&) = delete;

private:
    Database& db_;
    int fd_ = -1;
};

}  // namespace delivery
