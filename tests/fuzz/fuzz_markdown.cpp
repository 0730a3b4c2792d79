// Fuzz target: Markdown to pages. The input is a template document (so {{ figure }}, {{ table }},
// {{ box }}, {{ ref }}, {{ toc }} and {{ pagebreak }} directives work) that goes through
// document::buildDocument (template expansion, cmark-gfm with tables and footnotes, numbering,
// cross-references) and layout::layoutDocument (Knuth-Plass line breaking with Danish
// hyphenation, tables, footnotes, page breaking). One figure and one table can be placed.
#include <cstdint>
#include <memory>
#include <string>

#include "FuzzSupport.hpp"
#include "core/Value.hpp"
#include "document/Builder.hpp"
#include "figures/Exhibits.hpp"
#include "layout/Layout.hpp"
#include "project/TemplateSpec.hpp"

namespace {

figures::Exhibits* gExhibits = nullptr;
project::TemplateSpec* gSpec = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fuzz::writeScratch("t/template.yaml",
                       "name: fuzz\ntitle: Fuzz\ndocument: document.md\nnumbering: chapter\nnumber_headings: true\n"
                       "tables:\n  tal: {kind: counts, sources: [status], title: Status}\n");
    fuzz::writeScratch("t/document.md", "# Titel\n");
    fuzz::writeScratch("t/partials/afsnit.md", "Et afsnit med *kursiv* og **fed** tekst.\n");
    gSpec = new project::TemplateSpec(project::loadTemplate(fuzz::scratchDir() + "/t", {}));
    gExhibits = new figures::Exhibits();
    figures::TableModel t;
    t.id = "tal";
    t.title = "Borgere efter status";
    t.source = "Registreringsdata.";
    t.header = {"Status", "Antal", "Andel"};
    t.align = {figures::Align::Left, figures::Align::Right, figures::Align::Right};
    t.rows = {{"Igangværende", "29", "36 pct."}, {"Afsluttet", "51", "64 pct."}, {"I alt", "80", "100 pct."}};
    t.strong = {false, false, true};
    gExhibits->tables.push_back(t);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::writeScratch("t/document.md", data, size);
    core::Value ctx = core::Value::object();
    core::Value params = core::Value::object();
    params.set("kommune", core::Value::string("Odder"));
    ctx.set("params", params);
    document::Meta meta;
    meta.title = "Fuzz";
    meta.dateText = "1. november 2024";
    try {
        document::Document doc = document::buildDocument(*gSpec, ctx, *gExhibits, meta);
        layout::layoutDocument(doc);
    } catch (const core::Error& e) {
        (void)e.oneLine();
    }
    return 0;
}
