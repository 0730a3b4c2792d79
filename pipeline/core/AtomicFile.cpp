#include "core/AtomicFile.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include "core/Error.hpp"

namespace core {

void writeFileAtomically(const std::string& path, std::string_view bytes) {
    std::string dir = ".";
    std::string base = path;
    if (auto slash = path.rfind('/'); slash != std::string::npos) {
        dir = slash == 0 ? "/" : path.substr(0, slash);
        base = path.substr(slash + 1);
    }
    std::string tmpl = dir + "/." + base + ".tmp-XXXXXX";
    int fd = mkstemp(tmpl.data());
    if (fd < 0)
        throw Error({path}, std::string("cannot create output file: ") + std::strerror(errno),
                    "check that the directory exists and is writable");
    auto fail = [&](const char* what) {
        int err = errno;
        ::close(fd);
        ::unlink(tmpl.c_str());
        throw Error({path}, std::string(what) + ": " + std::strerror(err),
                    "free disk space or choose another output path; no file was written");
    };
    size_t off = 0;
    while (off < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("cannot write output file");
        }
        off += static_cast<size_t>(n);
    }
    if (::fchmod(fd, 0644) != 0) fail("cannot set permissions on output file");
    if (::fsync(fd) != 0) fail("cannot flush output file");
    if (::close(fd) != 0) {
        int err = errno;
        ::unlink(tmpl.c_str());
        throw Error({path}, std::string("cannot close output file: ") + std::strerror(err));
    }
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(tmpl.c_str());
        throw Error({path}, std::string("cannot move output file into place: ") + std::strerror(err));
    }
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error({path}, "cannot open file", "check that the path exists and is readable");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace core
