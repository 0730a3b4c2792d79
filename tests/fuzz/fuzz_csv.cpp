// Fuzz target: a CSV data file through the CSV reader and every column check of ingest
// (TableBuilder). The first byte picks the dialect the project declares: encoding auto,
// utf-8 or windows-1252 and decimal separator auto, comma or point; the delimiter (; , or
// tab), a BOM and quoting come from the bytes themselves.
#include <cstdint>
#include <cstring>

#include "FuzzSupport.hpp"
#include "core/Diagnostics.hpp"
#include "ingest/Ingest.hpp"
#include "project/Project.hpp"

namespace {

const char* kProject = R"(project: {id: fuzz, title: Fuzz, period: {from: 01-01-2022, to: 31-12-2024}, municipalities: [Odder, Vejen]}
subjects: {table: borgere, id: borger_id, municipality: kommune}
scales:
  enighed:
    - {code: 1, label: "Helt uenig"}
    - {code: 3, label: "Hverken enig eller uenig"}
    - {code: 5, label: "Helt enig"}
    - {code: 9, label: "Ved ikke", missing: true}
tables:
  borgere:
    source: data/borgere.csv
    primary_key: borger_id
    not_before: [{column: slutdato, other: startdato}]
    columns:
      borger_id: id
      kommune: {type: category, values: [Odder, Vejen]}
      startdato: date
      slutdato: {type: date, required: false}
      foedt: {type: date, within_period: false, required: false}
      alder: {type: integer, range: [18, 110]}
      timer: {type: decimal, required: false}
      lyttet: {type: category, scale: enighed, required: false}
      note: {type: text, required: false}
)";

project::Project* gProject = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fuzz::writeScratch("data/borgere.csv", "borger_id;kommune;startdato;alder\n");
    std::string path = fuzz::writeScratch("project.yaml", kProject);
    gProject = new project::Project(project::loadProject(path));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    static const char* kEncodings[] = {"auto", "utf-8", "windows-1252"};
    static const char* kSeparators[] = {"auto", "comma", "point"};
    project::TableSpec spec = gProject->tables.front();
    spec.encoding = kEncodings[(data[0] & 0x0f) % 3];
    spec.decimalSeparator = kSeparators[(data[0] >> 4) % 3];
    fuzz::writeScratch("data/borgere.csv", data + 1, size - 1);
    core::Diagnostics diag(50);
    try {
        ingest::loadTable(*gProject, spec, diag);
    } catch (const core::Error&) {
    }
    for (const auto& d : diag.items()) (void)d.str();
    return 0;
}
