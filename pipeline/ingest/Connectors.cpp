#include "ingest/Connectors.hpp"

#include <atomic>

#include "core/Plugin.hpp"
#include "ingest/Sources.hpp"

namespace ingest {

namespace {
std::atomic<const ConnectorTable*> registered{nullptr};
}  // namespace

void useConnectors(const ConnectorTable* table) { registered.store(table); }

const ConnectorTable& connectors() {
    if (const ConnectorTable* t = registered.load()) return *t;
    return *static_cast<const ConnectorTable*>(
        core::loadPlugin("evalreport-connectors", "evalreport_connectors_v1", kConnectorVersion, "the XLSX, JSON and SQL readers"));
}

std::unique_ptr<RowSource> openXlsx(const std::string& path, const std::string& sheet, const std::string& decimalSeparator) {
    return connectors().openXlsx(path, sheet, decimalSeparator);
}

std::unique_ptr<RowSource> openJson(const std::string& path, const std::string& decimalSeparator) {
    return connectors().openJson(path, decimalSeparator);
}

std::unique_ptr<RowSource> openSql(const project::Project& p, const project::TableSpec& spec) {
    return connectors().openSql(p, spec);
}

}  // namespace ingest
