// The YAML node tree (pipeline/project/YamlNode.hpp) over libyaml: values, marks, and the
// errors a configuration file gets. Expected values are YAML 1.1 as yaml-cpp read it (the
// parser this replaced) and the positions a reader counts in an editor.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/Error.hpp"
#include "project/Yaml.hpp"

namespace {

std::string errorOf(const std::string& text) {
    try {
        project::YamlFile y("t.yaml", text);
    } catch (const core::Error& e) {
        return e.oneLine();
    }
    return "";
}

}  // namespace

TEST_CASE("YAML: scalars, nulls, booleans and numbers read as yaml-cpp read them", "[yaml]") {
    project::YamlFile y("t.yaml",
                        "a: ~\nb: null\nc: \"null\"\nd:\ne: ''\nf: yes\ng: Off\nh: TRUE\ni: 2.5\nj: +3\nk: 1e3\nl: 1,5\n"
                        "m: 0x10\nn: -.inf\no: tRuE\np: 17\n");
    const yml::Node& r = y.root();
    CHECK(r.IsMap());
    CHECK(r.size() == 16);
    CHECK(r["a"].IsNull());
    CHECK(r["b"].IsNull());
    CHECK(r["c"].IsScalar());
    CHECK(r["c"].Scalar() == "null");  // quoted: a string
    CHECK(r["d"].IsNull());            // no value
    CHECK(r["e"].IsScalar());
    CHECK(r["e"].Scalar().empty());
    CHECK(r["f"].as<bool>());
    CHECK_FALSE(r["g"].as<bool>());
    CHECK(r["h"].as<bool>());
    CHECK_THROWS_AS(r["o"].as<bool>(), yml::BadConversion);  // mixed case is not a boolean
    CHECK(r["i"].as<double>() == 2.5);
    CHECK(r["j"].as<double>() == 3);
    CHECK(r["k"].as<double>() == 1000);
    CHECK_THROWS_AS(r["l"].as<double>(), yml::BadConversion);  // a decimal comma is text
    CHECK_THROWS_AS(r["m"].as<double>(), yml::BadConversion);  // no hex
    CHECK(std::isinf(r["n"].as<double>()));
    CHECK(r["p"].as<int>() == 17);
    CHECK_THROWS_AS(r["i"].as<int>(), yml::BadConversion);
    CHECK_FALSE(r["missing"]);
    CHECK_FALSE(r["a"]["x"]);  // indexing a scalar or null gives an undefined node
    CHECK(r["a"].Mark().line == 0);
    CHECK(r["p"].Mark().line == 15);
    CHECK(r["p"].Mark().column == 3);
}

TEST_CASE("YAML: sequences, mappings, iteration and aliases", "[yaml]") {
    project::YamlFile y("t.yaml", "base: &b {x: 1, y: [a, b]}\nuse: *b\nlist:\n  - 1\n  - two\n  - [3]\n");
    const yml::Node& r = y.root();
    std::vector<std::string> keys;
    for (const auto& kv : r) keys.push_back(kv.first.Scalar());
    CHECK(keys == std::vector<std::string>{"base", "use", "list"});
    CHECK(r["use"]["y"][1].Scalar() == "b");  // the alias stands for the anchored mapping
    CHECK(r["use"]["x"].Mark().line == 0);     // and has its marks
    CHECK(r["list"].IsSequence());
    CHECK(r["list"].size() == 3);
    CHECK(r["list"].Mark().line == 3);
    CHECK(r["list"].Mark().column == 2);
    std::vector<std::string> items;
    for (const auto& e : r["list"]) items.push_back(e.IsScalar() ? e.Scalar() : "seq");
    CHECK(items == std::vector<std::string>{"1", "two", "seq"});
    CHECK_FALSE(r["list"][3]);
    CHECK(r["list"][2][0].as<int>() == 3);
}

TEST_CASE("YAML: syntax errors name the line, the column in characters, and the fix", "[yaml][errors]") {
    // Columns count characters: 'Møder' is five (six bytes), so the second ':' is in column 9.
    CHECK(errorOf("Møder: a: b\n") ==
          "t.yaml:1:9: YAML syntax error: mapping values are not allowed in this context; fix the indentation or quoting at this position");
    CHECK(errorOf("a: [1, 2\nb: 3\n").rfind("t.yaml:2:2: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence from line 1)", 0) == 0);
    CHECK(errorOf("a:\n\tb: 1\n") == "t.yaml:2:1: YAML syntax error: a tab character; indent with spaces; YAML does not allow tabs there");
    CHECK(errorOf("a: 1\nsubje") ==
          "t.yaml:2:1: YAML syntax error: could not find expected ':' after this key; fix the indentation or quoting at this position");
    CHECK(errorOf("a: 1\n---\nb: 2\n").rfind("t.yaml:2:1: YAML syntax error: a second YAML document ('---')", 0) == 0);
    CHECK(errorOf("a: *nope\n").rfind("t.yaml:1:4: YAML syntax error: the alias *nope refers to no anchor", 0) == 0);
    CHECK(errorOf("a: 1\na: 2\n") == "t.yaml:2:1: key 'a' appears twice in the same mapping; merge the two entries; only one of them would be read");
    CHECK(errorOf("? [a, b]\n: 1\n").rfind("t.yaml:1:3: a key must be a plain name", 0) == 0);
    CHECK(errorOf("").rfind("t.yaml:1:1: the file is empty", 0) == 0);
    CHECK(errorOf("# only a comment\n").rfind("t.yaml:1:1: the file is empty", 0) == 0);
    CHECK(errorOf("[1, 2]\n").rfind("t.yaml:1:1: expected a mapping of keys at the top level", 0) == 0);
}

TEST_CASE("YAML: nesting and alias expansion are bounded", "[yaml][errors]") {
    std::string deep = "a: " + std::string(600, '[') + std::string(600, ']') + "\n";
    CHECK(errorOf(deep).rfind("t.yaml:1:503: the YAML is nested too deeply", 0) == 0);
    // Each alias level stacks its anchor's height: 3 levels of 200 exceed 500 without any
    // single node being nested that deeply in the text.
    std::string chain = "a: &a " + std::string(200, '[') + std::string(200, ']') + "\n";
    chain += "b: &b " + std::string(199, '[') + "*a" + std::string(199, ']') + "\n";
    chain += "c: " + std::string(199, '[') + "*b" + std::string(199, ']') + "\n";
    CHECK(errorOf(chain).find("the YAML is nested too deeply") != std::string::npos);
    // Billion laughs: a small file standing for millions of values.
    std::string laughs = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 8; ++i)
        laughs += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [*l" + std::to_string(i - 1) + ", *l" +
                  std::to_string(i - 1) + ", *l" + std::to_string(i - 1) + ", *l" + std::to_string(i - 1) + ", *l" +
                  std::to_string(i - 1) + ", *l" + std::to_string(i - 1) + ", *l" + std::to_string(i - 1) + ", *l" +
                  std::to_string(i - 1) + ", *l" + std::to_string(i - 1) + ", *l" + std::to_string(i - 1) + "]\n";
    CHECK(errorOf(laughs).find("expands to more than 200.000 values") != std::string::npos);
}
