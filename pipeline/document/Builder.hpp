#pragma once
// The document stage's entry point: expands the template against the statistics and
// parameters, parses the Markdown (cmark-gfm, with GFM tables and footnotes), places the
// figures and tables, numbers headings, figures and tables, and resolves cross-references.
#include "core/Value.hpp"
#include "document/Document.hpp"
#include "figures/Exhibits.hpp"
#include "project/TemplateSpec.hpp"

namespace document {

struct Meta {
    std::string title, subtitle, author, subject, keywords, dateText;
    long long creationTime = 0;
    std::vector<std::pair<std::string, std::string>> colophon;
};

// `context` holds stats, params, project and report values for the template's expressions.
Document buildDocument(const project::TemplateSpec& spec, const core::Value& context,
                       const figures::Exhibits& exhibits, const Meta& meta);

}  // namespace document
