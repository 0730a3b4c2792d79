#pragma once
// Parsing of the data schema in project.yaml (`scales:` and `tables:`), used by loadProject.
#include "project/Project.hpp"
#include "project/Yaml.hpp"

namespace project {

void parseScales(const YamlFile& y, const YAML::Node& scales, Project& p);
void parseTables(const YamlFile& y, const YAML::Node& tables, Project& p);

}  // namespace project
