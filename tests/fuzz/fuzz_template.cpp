// Fuzz target: the template language (document::TemplateEngine). The input is expanded as a
// document (sections, partials, directives, filters) and as a one-line text (titles, e-mail
// subjects) against a context shaped like the real one: stats with numbers, shares, lists and
// suppressed cells, params, roles and project fields. partials/ holds two partials, one of
// which includes the other.
#include <cstdint>
#include <string>

#include "FuzzSupport.hpp"
#include "core/Value.hpp"
#include "document/TemplateEngine.hpp"

using core::Value;

namespace {

const Value* gContext = nullptr;

Value makeContext() {
    Value who5 = Value::object();
    who5.set("label", Value::string("Trivsel (WHO-5)"));
    who5.set("n_pairs", Value::integer(34));
    who5.set("mean_first", Value::number(23.058823529411764));
    who5.set("mean_latest", Value::number(36.32));
    who5.set("share_improved", Value::number(14.0 / 34.0));
    who5.set("worsened", Value::suppressed("<5"));
    who5.set("too_few", Value::boolean(false));
    who5.set("caveat", Value());
    Value stats = Value::object();
    stats.set("who5", who5);
    Value cats = Value::array();
    for (auto [l, n] : {std::pair{"Igangværende", 29}, std::pair{"Afsluttet", 51}, std::pair{"Ophørt", 0}}) {
        Value c = Value::object();
        c.set("label", Value::string(l));
        c.set("n", Value::integer(n));
        c.set("share", Value::number(n / 80.0));
        cats.push(c);
    }
    Value small = Value::object();
    small.set("label", Value::string("Ærø"));
    small.set("n", Value::suppressed("<5"));
    cats.push(small);
    stats.set("status", cats);
    stats.set("big", Value::number(1e300));
    stats.set("tiny", Value::number(-1e-300));
    stats.set("dato", Value::string("2024-10-31"));
    Value params = Value::object();
    params.set("kommune", Value::string("Odder"));
    params.set("period", Value::string("2024Q3"));
    params.set("empty", Value::string(""));
    Value roles = Value::object();
    Value outcomes = Value::array();
    outcomes.push(Value::string("who5"));
    roles.set("outcomes", outcomes);
    Value project = Value::object();
    project.set("title", Value::string("Samarbejdsmodellen"));
    Value municipalities = Value::array();
    municipalities.push(Value::string("Odder"));
    project.set("municipalities", municipalities);
    Value root = Value::object();
    root.set("stats", stats);
    root.set("params", params);
    root.set("roles", roles);
    root.set("project", project);
    return root;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fuzz::writeScratch("partials/kort.md", "Kort: {{ params.kommune }} {{> indre }}\n");
    fuzz::writeScratch("partials/indre.md", "{{#each stats.status}}{{ label }} {{/each}}\n");
    gContext = new Value(makeContext());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    document::TemplateEngine engine(fuzz::scratchDir() + "/partials");
    try {
        engine.expand("document.md", text, *gContext);
    } catch (const core::Error& e) {
        (void)e.oneLine();
    }
    try {
        engine.expandText("template.yaml:3:8", text, *gContext);
    } catch (const core::Error& e) {
        (void)e.oneLine();
    }
    return 0;
}
