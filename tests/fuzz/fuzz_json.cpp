// Fuzz target: a JSON data file (a list of records) through the JSON reader, its position
// scanner and the column checks of ingest.
#include <cstdint>

#include "FuzzSupport.hpp"
#include "core/Diagnostics.hpp"
#include "ingest/Ingest.hpp"
#include "ingest/connectors/Connectors.hpp"
#include "project/Project.hpp"

namespace {

const char* kProject = R"(project: {id: fuzz, title: Fuzz, period: {from: 01-01-2022, to: 31-12-2024}, municipalities: [Odder, Vejen]}
subjects: {table: borgere, id: borger_id, municipality: kommune}
tables:
  borgere:
    source: data/borgere.json
    primary_key: borger_id
    columns:
      borger_id: id
      kommune: {type: category, values: [Odder, Vejen]}
      startdato: date
      alder: {type: integer, range: [18, 110]}
      timer: {type: decimal, required: false}
)";

project::Project* gProject = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    ingest::useConnectors(ingest::readers::builtin());
    fuzz::writeScratch("data/borgere.json", "[]");
    gProject = new project::Project(project::loadProject(fuzz::writeScratch("project.yaml", kProject)));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::writeScratch("data/borgere.json", data, size);
    core::Diagnostics diag(50);
    try {
        ingest::loadTable(*gProject, gProject->tables.front(), diag);
    } catch (const core::Error&) {
    }
    for (const auto& d : diag.items()) (void)d.str();
    return 0;
}
