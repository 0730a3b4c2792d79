#include "core/Plugin.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>
#include <vector>

#include "core/Error.hpp"

#ifndef EVALREPORT_PLUGIN_DIR
#define EVALREPORT_PLUGIN_DIR ""
#endif

namespace core {

namespace {

std::string executableDir() {
    char buf[4096];
    ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return ".";
    std::string path(buf, static_cast<size_t>(n));
    auto slash = path.rfind('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

struct Loaded {
    const void* table = nullptr;
    std::string error;
};

Loaded load(const std::string& name, const char* entry, int version) {
    std::vector<std::string> dirs;
    if (const char* d = std::getenv("EVALREPORT_PLUGIN_DIR"); d && *d) dirs.push_back(d);
    if (*EVALREPORT_PLUGIN_DIR) dirs.push_back(EVALREPORT_PLUGIN_DIR);
    if (std::string exe = executableDir(); std::find(dirs.begin(), dirs.end(), exe) == dirs.end()) dirs.push_back(exe);
    std::string tried;
    for (const auto& dir : dirs) {
        std::string file = dir + "/" + name + ".so";
        if (::access(file.c_str(), R_OK) != 0) {
            tried += (tried.empty() ? "" : ", ") + file;
            continue;
        }
        void* h = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!h) {
            const char* e = ::dlerror();
            return {nullptr, file + ": " + (e ? e : "dlopen failed")};
        }
        using Entry = const void* (*)();
        auto fn = reinterpret_cast<Entry>(::dlsym(h, entry));
        const void* t = fn ? fn() : nullptr;
        if (!t || *static_cast<const int*>(t) != version) return {nullptr, file + ": not a plugin of this build"};
        return {t, ""};
    }
    return {nullptr, name + ".so not found (looked for " + tried + ")"};
}

}  // namespace

const void* loadPlugin(const std::string& name, const char* entry, int version, const std::string& purpose) {
    static std::mutex mu;
    static std::map<std::string, Loaded> cache;
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(name);
    if (it == cache.end()) it = cache.emplace(name, load(name, entry, version)).first;
    if (!it->second.table)
        throw Error({name}, "cannot load " + purpose + ": " + it->second.error,
                    "build it with 'cmake --build build' (target " + name + ") or set EVALREPORT_PLUGIN_DIR to the "
                    "directory holding " + name + ".so");
    return it->second.table;
}

}  // namespace core
