// Fuzz target: the configuration files. The same bytes are loaded as project.yaml
// (project::loadProject: tables, scales, instruments, cohorts, analyses, counts, economics,
// privacy, roles) and as template.yaml (project::loadTemplate: parameters, figures, tables).
// The project directory holds a data file so that sources and globs resolve.
#include <cstdint>

#include "FuzzSupport.hpp"
#include "project/Project.hpp"
#include "project/TemplateSpec.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fuzz::writeScratch("p/data/borgere.csv", "borger_id;kommune;startdato;alder\nB1;Odder;01-02-2022;70\n");
    fuzz::writeScratch("p/data/svar-1.csv", "borger_id;dato\n");
    fuzz::writeScratch("t/document.md", "# Titel\n");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string path = fuzz::writeScratch("p/project.yaml", data, size);
    try {
        project::loadProject(path);
    } catch (const core::Error& e) {
        (void)e.oneLine();
    }
    fuzz::writeScratch("t/template.yaml", data, size);
    try {
        project::loadTemplate(fuzz::scratchDir() + "/t", {});
    } catch (const core::Error& e) {
        (void)e.oneLine();
    }
    return 0;
}
