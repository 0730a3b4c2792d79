#pragma once
// Connectors: the readers whose libraries are heavy to load. XLSX (Poco::Zip), JSON
// (Poco::JSON) and SQL (Poco::Data with SQLite and PostgreSQL; libpq brings OpenSSL, Kerberos
// and LDAP) live in a
// plugin, evalreport-connectors.so, that is loaded the first time a project reads such a
// source. A CSV-only report then never maps those ~20 libraries, which would cost about 5 ms of
// dynamic linking in every process (docs/BENCHMARKS.md, "Start-up").
//
// The plugin is found in EVALREPORT_PLUGIN_DIR, else in the build directory it was built in,
// else next to the executable. A program can also link evr_connectors and register the
// built-in table (fuzzers do), which skips the plugin.
#include <memory>
#include <string>

#include "ingest/Source.hpp"
#include "project/Project.hpp"

namespace ingest {

struct ConnectorTable {
    int version;  // kConnectorVersion of the build that made it
    std::unique_ptr<RowSource> (*openXlsx)(const std::string& path, const std::string& sheet,
                                           const std::string& decimalSeparator);
    std::unique_ptr<RowSource> (*openSql)(const project::Project& p, const project::TableSpec& spec);
    std::unique_ptr<RowSource> (*openJson)(const std::string& path, const std::string& decimalSeparator);
};

constexpr int kConnectorVersion = 2;

// Uses `table` instead of the plugin (nullptr: back to the plugin).
void useConnectors(const ConnectorTable* table);

// The registered table, else the plugin's (loaded once, thread-safely). Throws core::Error
// naming the plugin file and the fix when it cannot be loaded.
const ConnectorTable& connectors();

}  // namespace ingest
