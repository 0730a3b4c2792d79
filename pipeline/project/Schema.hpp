#pragma once
// Parsing of the data schema in project.yaml (`connections:`, `scales:` and `tables:`), used by loadProject.
#include "project/Project.hpp"
#include "project/Yaml.hpp"

namespace project {

void parseConnections(const YamlFile& y, const YAML::Node& connections, Project& p);
void parseScales(const YamlFile& y, const YAML::Node& scales, Project& p);
void parseTables(const YamlFile& y, const YAML::Node& tables, Project& p);

}  // namespace project
