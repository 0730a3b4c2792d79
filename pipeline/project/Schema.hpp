#pragma once
// Parsing of the data schema in project.yaml (`connections:`, `scales:` and `tables:`), used by loadProject.
#include "project/Project.hpp"
#include "project/Yaml.hpp"

namespace project {

void parseConnections(const YamlFile& y, const yml::Node& connections, Project& p);
void parseScales(const YamlFile& y, const yml::Node& scales, Project& p);
void parseTables(const YamlFile& y, const yml::Node& tables, Project& p);

// Lookups for the parts of project.yaml that refer to the schema (analyses, economics): a
// missing table or column fails at `at` with a "did you mean" suggestion.
const TableSpec& requireTable(const YamlFile& y, const yml::Node& at, const Project& p, const std::string& name);
const ColumnSpec& requireColumn(const YamlFile& y, const yml::Node& at, const TableSpec& t, const std::string& column);
// `where: {column: value, …}`: equality filters on a table's columns.
Where parseWhere(const YamlFile& y, const yml::Node& n);

}  // namespace project
