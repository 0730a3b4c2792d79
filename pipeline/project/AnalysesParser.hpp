#pragma once
// Parsing of the statistics part of project.yaml (phases, instruments, cohorts, analyses,
// counts); used by loadProject after the tables are known.
#include "project/Project.hpp"
#include "project/Yaml.hpp"

namespace project {

void parsePhases(const YamlFile& y, const yml::Node& n, Project& p);
void parseInstruments(const YamlFile& y, const yml::Node& n, Project& p);
void parseCohorts(const YamlFile& y, const yml::Node& n, Project& p);
void parseAnalyses(const YamlFile& y, const yml::Node& n, Project& p);
void parseCounts(const YamlFile& y, const yml::Node& n, Project& p);

}  // namespace project
