// Privacy (docs/RELIABILITY.md): small-cell suppression cannot be undone by a template.
//
// A withheld cell reaches templates as core::Value::suppressed("<5"), which holds no number.
// These tests pin that down from both ends: every way the template language can look at a
// value (printing, each filter, comparisons, truth tests, functions, loops) gives the shown
// text, false or an error for a withheld cell, never something that depends on the count; and
// the statistics of a real municipality note, the tree templates get, hold no whole number
// from 1 to 4 except where the key says it is no count (a scale code, a mean).
#include <catch2/catch.hpp>

#include <Poco/JSON/Parser.h>

#include <functional>
#include <string>

#include "Support.hpp"
#include "core/Error.hpp"
#include "core/Value.hpp"
#include "document/TemplateEngine.hpp"

using core::Value;

namespace {

// The context a template sees, with one withheld count (the true count would have been 3).
Value contextWith(const Value& cell) {
    Value row = Value::object();
    row.set("label", Value::string("Ærø"));
    row.set("n", cell);
    row.set("share", Value::suppressed("<5"));
    Value rows = Value::array();
    rows.push(row);
    Value x = Value::object();
    x.set("n", cell);
    x.set("rows", rows);
    Value stats = Value::object();
    stats.set("x", x);
    Value root = Value::object();
    root.set("stats", stats);
    return root;
}

// Expands `text`; an error counts as its message (a refusal is fine, it depends on no count).
std::string expand(const std::string& text, const Value& ctx) {
    try {
        return document::TemplateEngine("/nonexistent").expand("t.md", text, ctx).markdown;
    } catch (const core::Error& e) {
        return "error: " + e.problem();
    }
}

}  // namespace

TEST_CASE("Privacy: a withheld cell holds no number", "[privacy]") {
    Value v = Value::suppressed("<5");
    CHECK(v.isSuppressed());
    CHECK_FALSE(v.isNumber());
    CHECK(v.asNumber() == 0);
    // In `evalreport stats` a withheld cell is marked, with the text the report prints and no count.
    const std::string json = v.toJson();
    CHECK(json.find("\"suppressed\": true") != std::string::npos);
    CHECK(json.find("\"shown\": \"<5\"") != std::string::npos);
    CHECK(json.find_first_of("012346789") == std::string::npos);
}

TEST_CASE("Privacy: no template construct reads a withheld count", "[privacy]") {
    // Every probe is expanded against a withheld cell and against the numbers 1 to 4 it could
    // stand for. A withheld cell must give the same output as every other withheld cell, and
    // that output must not be what the probe gives for some true count: otherwise a template
    // could tell the counts apart.
    const std::vector<std::string> probes = {
        "{{ stats.x.n }}",
        "{{ stats.x.n | num(0) }}",
        "{{ stats.x.n | num(3) }}",
        "{{ stats.x.n | pct(1) }}",
        "{{ stats.x.n | int }}",
        "{{ stats.x.n | signed }}",
        "{{ stats.x.n | abs | num(0) }}",
        "{{ stats.x.n | raw }}",
        "{{ stats.x.n | default(7) }}",
        "{{ stats.x.n | count }}",
        "{{ stats.x.n | length }}",
        "{{ stats.x.n | year }}",
        "{{ stats.x.n | date }}",
        "{{ stats.x.n | plural(\"borger\", \"borgere\") }}",
        "{{#if stats.x.n}}ja{{else}}nej{{/if}}",
        "{{#unless stats.x.n}}nej{{/unless}}",
        "{{#each stats.x.n}}e{{/each}}",
        "{{#if suppressed(stats.x.n)}}s{{/if}}",
        "{{#if defined(stats.x.n)}}d{{/if}}",
        "{{#each stats.x.rows}}{{ label }} {{ n }} {{ share | pct(0) }}{{/each}}",
        "{{#if any(stats.x.rows, \"n\")}}a{{/if}}{{#if all(stats.x.rows, \"n\")}}b{{/if}}",
    };
    std::vector<std::string> comparisons;
    for (const char* op : {"==", "!=", "<", "<=", ">", ">="})
        for (int k = 0; k <= 5; ++k)
            comparisons.push_back("{{#if stats.x.n " + std::string(op) + " " + std::to_string(k) + "}}T{{else}}F{{/if}}");

    int probesThatReadNumbers = 0;
    for (const auto& p : probes) {
        INFO(p);
        const std::string withheld = expand(p, contextWith(Value::suppressed("<5")));
        CHECK(withheld == expand(p, contextWith(Value::suppressed("<5"))));
        CHECK(withheld.find_first_of("1234") == std::string::npos);
        bool differs = false;
        for (int n = 1; n <= 4; ++n) differs = differs || expand(p, contextWith(Value::integer(n))) != withheld;
        if (differs) ++probesThatReadNumbers;
    }
    CHECK(probesThatReadNumbers > 5);  // the probes do read numbers when there are numbers

    // Comparisons: all false for a withheld cell (except != against a number), whatever k.
    for (const auto& c : comparisons) {
        INFO(c);
        const std::string out = expand(c, contextWith(Value::suppressed("<5")));
        const bool notEqual = c.find("!=") != std::string::npos;
        CHECK(out == (notEqual ? "T" : "F"));
    }
}

TEST_CASE("Privacy: a municipality note's statistics hold no small breakdown count", "[privacy]") {
    // `evalreport stats` prints the tree templates get. In a note for one municipality every
    // count is a breakdown by municipality; Odder in the aeldre sample has small groups.
    testing::Result r = testing::evalreport("stats samples/aeldre/project.yaml --template status-note -P kommune=Odder");
    REQUIRE(r.exitCode == 0);
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var root = parser.parse(r.out);
    int withheld = 0, counts = 0;
    std::vector<std::string> leaks;
    // Walks the tree; `key` is the member name a value sits under.
    std::function<void(const Poco::Dynamic::Var&, const std::string&, const std::string&)> walk =
        [&](const Poco::Dynamic::Var& v, const std::string& key, const std::string& path) {
            if (v.type() == typeid(Poco::JSON::Object::Ptr)) {
                auto o = v.extract<Poco::JSON::Object::Ptr>();
                for (const auto& name : o->getNames()) walk(o->get(name), name, path + "." + name);
            } else if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
                auto a = v.extract<Poco::JSON::Array::Ptr>();
                for (size_t i = 0; i < a->size(); ++i) walk(a->get(i), key, path + "." + std::to_string(i));
            } else if (v.isString() && v.toString() == "<5") {
                ++withheld;
            } else if (v.isNumeric() && !v.isBoolean()) {
                // Every whole number 1-4 is suspect unless its key says it is no count: a scale
                // code, a mean, a spread, a test statistic, a share or a setting.
                static const char* kNotCounts[] = {"code", "mean", "sd", "ci", "statistic", "p_value", "share",
                                                   "threshold", "year", "min", "max", "decimals", "level"};
                bool notCount = false;
                for (const char* k : kNotCounts) notCount = notCount || key.find(k) != std::string::npos;
                if (notCount) return;
                ++counts;
                double d = v.convert<double>();
                if (d >= 1 && d <= 4 && d == static_cast<long long>(d)) leaks.push_back(path + " = " + v.toString());
            }
        };
    walk(root, "", "stats");
    INFO("small counts: " << [&] {
        std::string s;
        for (const auto& l : leaks) s += "\n  " + l;
        return s;
    }());
    CHECK(withheld > 0);
    CHECK(counts > 0);
    CHECK(leaks.empty());
}
