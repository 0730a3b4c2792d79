// The entry point of evalreport-connectors.so: ingest::connectors() looks it up with dlsym.
#include "ingest/connectors/Connectors.hpp"

extern "C" __attribute__((visibility("default"))) const ingest::ConnectorTable* evalreport_connectors_v1() {
    return ingest::readers::builtin();
}
