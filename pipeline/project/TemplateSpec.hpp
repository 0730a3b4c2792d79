#pragma once
// template.yaml, typed: a template's parameters (with types and defaults), its Markdown
// document, and the figures and tables it can place, bound to stats ids.
#include <optional>
#include <string>
#include <vector>

#include "core/Error.hpp"

namespace project {

struct ParamSpec {
    std::string name;
    std::string type = "string";  // string | municipality | integer | boolean | period
    std::string def;              // default as text
    std::string label;
    core::Location where;
};

struct ExhibitSpec {
    std::string id;
    std::string kind;                   // figure: paired_means | change_distribution | count_bars
                                        // table: paired_summary | cohort_funnel | counts
    std::vector<std::string> sources;   // stats ids the exhibit draws from
    std::string title;                  // caption text after "Figur N"
    std::string source;                 // "Kilde:" line
    std::string note;                   // "Note:" line
    std::vector<std::string> labels;    // optional category / series labels
    bool each = false;                  // one exhibit per source, addressed as "id:source";
                                        // "{label}" in the title is that source's label
    bool perMunicipality = false;       // one exhibit per project municipality, from that
                                        // municipality's stats: "id:<municipality>";
                                        // "{municipality}" in the title is its name
    core::Location where;
};

struct TemplateSpec {
    std::string dir;                    // template directory
    std::string file;                   // template.yaml path
    std::string name, title, subtitle;
    std::string document;               // Markdown file, relative to dir
    std::string documentPath;
    std::string numbering = "flat";     // flat: Figur 1; chapter: Figur 4.1
    bool numberHeadings = false;
    bool titlePage = false;
    bool justify = true;                // false: ragged-right paragraphs
    bool chapterBreak = false;          // each level-1 heading starts a new page
    // The template reads `municipalities` (each project municipality with its own stats and
    // roles): set by `by_municipality: true` or by any per_municipality exhibit.
    bool byMunicipality = false;
    std::string outputPattern;          // e.g. "statusnotat-{kommune}.pdf"
    std::vector<ParamSpec> params;
    std::vector<ExhibitSpec> figures;
    std::vector<ExhibitSpec> tables;

    const ParamSpec* param(const std::string& n) const;
    const ExhibitSpec* figure(const std::string& id) const;
    const ExhibitSpec* table(const std::string& id) const;
};

// Finds a template by directory path or by name (in `searchDirs`, in order) and loads it.
// Unknown names give an error listing the templates that exist.
TemplateSpec loadTemplate(const std::string& nameOrDir, const std::vector<std::string>& searchDirs);

}  // namespace project
