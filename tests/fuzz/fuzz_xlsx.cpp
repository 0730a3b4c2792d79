// Fuzz target: an .xlsx workbook through the XLSX reader (Poco::Zip, Poco's SAX parser and our
// workbook -> relationships -> sheet, shared strings, styles and serial-day mapping) and the
// column checks of ingest. The first byte picks the sheet (the first one or 'Borgere') and the
// decimal separator for numbers written as text. The readers are linked in (evr_connectors)
// instead of loaded from the plugin.
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
    source: data/borgere.xlsx
    primary_key: borger_id
    columns:
      borger_id: id
      kommune: {type: category, values: [Odder, Vejen]}
      startdato: date
      alder: {type: integer, range: [18, 110]}
      timer: {type: decimal, required: false}
      note: {type: text, required: false}
)";

project::Project* gProject = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    ingest::useConnectors(ingest::readers::builtin());
    fuzz::writeScratch("data/borgere.xlsx", "");
    std::string path = fuzz::writeScratch("project.yaml", kProject);
    gProject = new project::Project(project::loadProject(path));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    project::TableSpec spec = gProject->tables.front();
    spec.sheet = (data[0] & 1) ? "Borgere" : "";
    static const char* kSeparators[] = {"auto", "comma", "point"};
    spec.decimalSeparator = kSeparators[(data[0] >> 1) % 3];
    fuzz::writeScratch("data/borgere.xlsx", data + 1, size - 1);
    core::Diagnostics diag(50);
    try {
        ingest::loadTable(*gProject, spec, diag);
    } catch (const core::Error&) {
    }
    for (const auto& d : diag.items()) (void)d.str();
    return 0;
}
