#include "ingest/connectors/Connectors.hpp"

namespace ingest {
namespace readers {

const ConnectorTable* builtin() {
    static const ConnectorTable table{kConnectorVersion, &readers::openXlsx, &readers::openSql, &readers::openJson};
    return &table;
}

}  // namespace readers
}  // namespace ingest
