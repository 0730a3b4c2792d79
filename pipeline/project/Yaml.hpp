#pragma once
// Small helpers over the YAML node tree (YamlNode.hpp) that turn every config mistake into a
// core::Error with the file, line and column of the offending node. Shared by project.yaml,
// template.yaml and schedule.yaml.
#include "project/YamlNode.hpp"

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "core/Error.hpp"

namespace project {

class YamlFile {
public:
    // Parses `path`; a syntax error becomes a core::Error at its line and column.
    explicit YamlFile(std::string path);
    YamlFile(std::string name, const std::string& text);  // from memory (tests)

    const yml::Node& root() const { return root_; }
    const std::string& path() const { return path_; }

    core::Location at(const yml::Node& n) const;
    [[noreturn]] void fail(const yml::Node& n, const std::string& what, const std::string& fix = {}) const;

    // Rejects keys not in `allowed`, naming the nearest allowed key.
    void allowKeys(const yml::Node& map, std::initializer_list<const char*> allowed) const;
    void requireMap(const yml::Node& n, const std::string& what) const;

    std::string str(const yml::Node& map, const char* key, const std::string& def = {}) const;
    std::string reqStr(const yml::Node& map, const char* key) const;
    double num(const yml::Node& map, const char* key, double def) const;
    // A whole number in [lo, hi] (a port, a count of threads): anything else is a located error.
    int integer(const yml::Node& map, const char* key, int def, int lo, int hi) const;
    int asInt(const yml::Node& n, int lo, int hi) const;
    std::optional<double> optNum(const yml::Node& map, const char* key) const;
    bool flag(const yml::Node& map, const char* key, bool def) const;
    std::vector<std::string> strList(const yml::Node& map, const char* key) const;
    double asNum(const yml::Node& n) const;
    std::string asStr(const yml::Node& n) const;

private:
    std::string path_;
    yml::Node root_;
};

// Edit distance for "did you mean" suggestions (on UTF-8 bytes; fine for short labels).
size_t editDistance(const std::string& a, const std::string& b);
std::string nearest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace project
