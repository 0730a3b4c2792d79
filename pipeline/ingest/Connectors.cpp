#include "ingest/Connectors.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <vector>

#include "core/Error.hpp"
#include "ingest/Sources.hpp"

#ifndef EVALREPORT_PLUGIN_DIR
#define EVALREPORT_PLUGIN_DIR ""
#endif

namespace ingest {

namespace {

std::atomic<const ConnectorTable*> registered{nullptr};
std::once_flag loadOnce;
const ConnectorTable* loaded = nullptr;
std::string loadError;

std::string executableDir() {
    char buf[4096];
    ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return ".";
    std::string path(buf, static_cast<size_t>(n));
    auto slash = path.rfind('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

void loadPlugin() {
    std::vector<std::string> dirs;
    if (const char* d = std::getenv("EVALREPORT_PLUGIN_DIR"); d && *d) dirs.push_back(d);
    if (*EVALREPORT_PLUGIN_DIR) dirs.push_back(EVALREPORT_PLUGIN_DIR);
    dirs.push_back(executableDir());
    std::string tried;
    for (const auto& dir : dirs) {
        std::string file = dir + "/evalreport-connectors.so";
        if (::access(file.c_str(), R_OK) != 0) {
            tried += (tried.empty() ? "" : ", ") + file;
            continue;
        }
        void* h = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!h) {
            const char* e = ::dlerror();
            loadError = file + ": " + (e ? e : "dlopen failed");
            return;
        }
        using Entry = const ConnectorTable* (*)();
        auto entry = reinterpret_cast<Entry>(::dlsym(h, "evalreport_connectors_v1"));
        const ConnectorTable* t = entry ? entry() : nullptr;
        if (!t || t->version != kConnectorVersion) {
            loadError = file + ": not a connector plugin of this build";
            return;
        }
        loaded = t;
        return;
    }
    loadError = "evalreport-connectors.so not found (looked for " + tried + ")";
}

}  // namespace

void useConnectors(const ConnectorTable* table) { registered.store(table); }

const ConnectorTable& connectors() {
    if (const ConnectorTable* t = registered.load()) return *t;
    std::call_once(loadOnce, loadPlugin);
    if (!loaded)
        throw core::Error({"connectors"}, "cannot load the XLSX/SQL readers: " + loadError,
                          "build them with 'cmake --build build' (target evalreport-connectors) or set "
                          "EVALREPORT_PLUGIN_DIR to the directory holding evalreport-connectors.so");
    return *loaded;
}

std::unique_ptr<RowSource> openXlsx(const std::string& path, const std::string& sheet, const std::string& decimalSeparator) {
    return connectors().openXlsx(path, sheet, decimalSeparator);
}

std::unique_ptr<RowSource> openSql(const project::Project& p, const project::TableSpec& spec) {
    return connectors().openSql(p, spec);
}

}  // namespace ingest
