#include "delivery/StateLock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace delivery {

namespace {
constexpr long long kAdvisoryKey = 7409562204;  // "evalreport outbox", any constant shared by all processes
}

StateLock::StateLock(Database& db) : db_(db) {
    if (db_.sqlite()) {
        std::string path = db_.settings().path + ".lock";
        fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd_ < 0)
            throw core::Error({path}, std::string("cannot open the outbox lock file: ") + std::strerror(errno),
                              "check that the outbox directory is writable");
        while (::flock(fd_, LOCK_EX) != 0) {
            if (errno == EINTR) continue;
            int err = errno;
            ::close(fd_);
            throw core::Error({path}, std::string("cannot lock the outbox: ") + std::strerror(err));
        }
    } else {
        db_.query("SELECT pg_advisory_lock(" + std::to_string(kAdvisoryKey) + ")");
    }
}

StateLock::~StateLock() {
    if (fd_ >= 0) {
        ::flock(fd_, LOCK_UN);
        ::close(fd_);
    } else {
        try {
            db_.query("SELECT pg_advisory_unlock(" + std::to_string(kAdvisoryKey) + ")");
        } catch (...) {
            // The server drops the lock with the session anyway.
        }
    }
}

}  // namespace delivery
