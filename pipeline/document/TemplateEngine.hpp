#pragma once
// The template language: Markdown with {{ expressions }}, {{#each}}/{{#if}}/{{#unless}}
// sections, {{> partials}} and directives ({{ figure "id" }}, {{ table "id" }},
// {{ box "kind" }}…{{ /box }}, {{ pagebreak }}, {{ toc }}, {{ ref "id" }}).
// Expansion yields Markdown in which directives are placeholders, plus the directive list.
// Templates see only the context value (stats, params, project); there is no file or shell
// access beyond the template's own partials/ folder.
#include <string>
#include <vector>

#include "core/Error.hpp"
#include "core/Value.hpp"

namespace document {

struct Directive {
    std::string kind;               // figure, table, box, endbox, pagebreak, toc, ref
    std::vector<std::string> args;
    core::Location where;
};

struct Expansion {
    std::string markdown;
    std::vector<Directive> directives;
};

// Block placeholders are HTML comments "<!--evr:N-->"; inline ones (ref) are U+E000 N U+E001.
constexpr const char* kInlineOpen = "\xEE\x80\x80";
constexpr const char* kInlineClose = "\xEE\x80\x81";

class TemplateEngine {
public:
    // `partialDir`: where {{> name}} finds name.md (the template's partials/ folder).
    explicit TemplateEngine(std::string partialDir) : partialDir_(std::move(partialDir)) {}

    // Throws core::Error at file:line:column for syntax errors, unknown variables, filters
    // and directives, and unclosed or mismatched sections.
    Expansion expand(const std::string& file, const std::string& text, const core::Value& context) const;

    // Expands a one-line text (a title in template.yaml): expressions only, no Markdown
    // escaping, no directives.
    std::string expandText(const std::string& where, const std::string& text, const core::Value& context) const;

private:
    std::string partialDir_;
};

}  // namespace document
