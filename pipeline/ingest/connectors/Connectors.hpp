#pragma once
// The readers behind ingest::connectors() (see ingest/Connectors.hpp), built into the
// evr_connectors library and the evalreport-connectors.so plugin.
#include "ingest/Connectors.hpp"
#include "ingest/Sources.hpp"

namespace ingest {
namespace readers {

std::unique_ptr<RowSource> openXlsx(const std::string& path, const std::string& sheet, const std::string& decimalSeparator);
std::unique_ptr<RowSource> openSql(const project::Project& p, const project::TableSpec& spec);
std::unique_ptr<RowSource> openJson(const std::string& path, const std::string& decimalSeparator);

// The table of the readers above, for useConnectors() or the plugin's entry point.
const ConnectorTable* builtin();

}  // namespace readers
}  // namespace ingest
