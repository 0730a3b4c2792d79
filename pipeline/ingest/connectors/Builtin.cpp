#include "ingest/connectors/Connectors.hpp"

namespace ingest {
namespace readers {

const ConnectorTable* builtin() {
    static const ConnectorTable table{kConnectorVersion, &readers::openXlsx, &readers::openSql};
    return &table;
}

}  // namespace readers
}  // namespace ingest
