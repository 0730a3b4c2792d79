// Template language: expressions, sections, filters and errors with file:line:column.
#include <catch2/catch.hpp>

#include "core/Error.hpp"
#include "document/TemplateEngine.hpp"

using core::Value;
using document::TemplateEngine;

namespace {

Value context() {
    Value who5 = Value::object();
    who5.set("label", Value::string("Trivsel (WHO-5)"));
    who5.set("n_pairs", Value::integer(34));
    who5.set("mean_first", Value::number(23.058823529411764));
    who5.set("share_improved", Value::number(14.0 / 34.0));
    who5.set("worsened", Value::suppressed("<5"));
    Value stats = Value::object();
    stats.set("who5", who5);
    Value cats = Value::array();
    for (auto [l, n] : {std::pair{"Igangværende", 29}, std::pair{"Afsluttet", 51}}) {
        Value c = Value::object();
        c.set("label", Value::string(l));
        c.set("n", Value::integer(n));
        cats.push(c);
    }
    stats.set("cats", cats);
    Value params = Value::object();
    params.set("kommune", Value::string("Odder"));
    params.set("empty", Value::string(""));
    Value root = Value::object();
    root.set("stats", stats);
    root.set("params", params);
    return root;
}

std::string expand(const std::string& text) { return TemplateEngine("/nonexistent").expand("t.md", text, context()).markdown; }

core::Error errorOf(const std::string& text) {
    try {
        expand(text);
    } catch (const core::Error& e) {
        return e;
    }
    FAIL("expected a template error");
    throw;  // unreachable
}

}  // namespace

TEST_CASE("Template: numbers need an explicit display format, rounded half away from zero", "[template]") {
    CHECK(expand("{{ stats.who5.mean_first | num(0) }}") == "23");
    CHECK(expand("{{ stats.who5.mean_first | num(1) }}") == "23,1");
    CHECK(expand("{{ stats.who5.share_improved | pct(0) }} pct.") == "41 pct.");
    CHECK(expand("{{ stats.who5.n_pairs }}") == "34");
    auto e = errorOf("x {{ stats.who5.mean_first }}");
    CHECK(e.where().line == 1);
    CHECK(e.where().column == 6);  // the variable itself
    CHECK(e.problem() == "'stats.who5.mean_first' is a decimal number (23.058823529411764)");
}

TEST_CASE("Template: suppressed values render as their shown text, never as a number", "[template]") {
    CHECK(expand("{{ stats.who5.worsened | num(0) }}") == "\\<5");  // Markdown source for "<5"
    CHECK(expand("{{#if suppressed(stats.who5.worsened)}}skjult{{/if}}") == "skjult");
}

TEST_CASE("Template: loops, conditionals and plural", "[template]") {
    CHECK(expand("{{#each stats.cats as c}}{{ c.n }} {{ c.label | lower }}{{#unless @last}}, {{/unless}}{{/each}}") ==
          "29 igangværende, 51 afsluttet");
    CHECK(expand("{{#if params.kommune}}{{ params.kommune }} Kommune{{else}}alle{{/if}}") == "Odder Kommune");
    CHECK(expand("{{#if params.empty}}x{{else}}y{{/if}}") == "y");
    CHECK(expand("{{#if stats.who5.n_pairs < 30}}lille{{else}}stor{{/if}}") == "stor");
    CHECK(expand("{{ 1 | plural(\"borger\", \"borgere\") }} {{ stats.who5.n_pairs | plural(\"borger\", \"borgere\") }}") ==
          "borger borgere");
}

TEST_CASE("Template: a block tag alone on its line leaves no blank line", "[template]") {
    CHECK(expand("a\n{{#if params.kommune}}\nb\n{{/if}}\nc\n") == "a\nb\nc\n");
}

TEST_CASE("Template: inserted text cannot inject Markdown", "[template]") {
    Value ctx = context();
    ctx.find("params")->set("kommune", Value::string("*fed* [link](x)"));
    auto out = TemplateEngine("/x").expand("t.md", "{{ params.kommune }}", ctx).markdown;
    CHECK(out == "\\*fed\\* \\[link\\]\\(x\\)");
}

TEST_CASE("Template error: unknown variable names file, line, column and a suggestion", "[template]") {
    auto e = errorOf("Linje 1\nMiddel: {{ stats.who5.mean_frist | num(0) }}\n");
    CHECK(std::string(e.what()) ==
          "t.md:2:12: unknown variable 'stats.who5.mean_frist': 'stats.who5' has no 'mean_frist'; did you mean "
          "'stats.who5.mean_first'?");
}

TEST_CASE("Template error: an unclosed section points at its opening tag", "[template]") {
    auto e = errorOf("a\n\n  {{#each stats.cats}}\n{{ this.n }}\n");
    CHECK(std::string(e.what()) == "t.md:3:3: '{{#each}}' is never closed; add '{{/each}}'");
}

TEST_CASE("Template error: mismatched close and unknown filter", "[template]") {
    auto e = errorOf("{{#if params.kommune}}\nx\n{{/each}}\n");
    CHECK(e.where().line == 3);
    CHECK(e.problem() == "'{{/each}}' does not close an open section");
    auto f = errorOf("{{ stats.who5.n_pairs | nmu(0) }}");
    CHECK(f.where().column == 25);
    CHECK(f.problem() == "unknown filter 'nmu'");
    CHECK(f.fix() == "did you mean 'num'?");
}

TEST_CASE("Template error: directives take quoted ids", "[template]") {
    auto e = errorOf("{{ figure who5 }}");
    CHECK(e.problem() == "arguments of 'figure' must be quoted strings");
    auto b = errorOf("{{ box \"hovedfund\" }}\ntekst\n");
    CHECK(b.where().line == 1);
    CHECK(b.problem() == "'{{ box }}' is never closed");
}

TEST_CASE("Template error: unknown directive", "[template]") {
    auto e = errorOf("tekst\n\n{{ figur \"who5\" }}\n");
    CHECK(std::string(e.what()) == "t.md:3:1: unknown directive 'figur'; did you mean 'figure'?");
}
