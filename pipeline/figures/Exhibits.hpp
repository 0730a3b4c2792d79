#pragma once
// The figures & tables stage: turns the template's exhibit specs and the stats tree into
// chart objects and table models. Numbers are formatted here (for tables) or handed to
// charts unrounded; `data` keeps the unrounded values for `evalreport stats`.
#include <memory>
#include <string>
#include <vector>

#include "charts/Chart.hpp"
#include "core/Value.hpp"
#include "project/TemplateSpec.hpp"

namespace figures {

struct Figure {
    std::string id, title, source, note;
    std::shared_ptr<const charts::Chart> chart;
    core::Value data;
};

enum class Align { Left, Right };

struct TableModel {
    std::string id, title, source, note;
    std::vector<std::string> header;
    std::vector<Align> align;
    std::vector<std::vector<std::string>> rows;
    std::vector<bool> strong;  // bold rows ("I alt")
    core::Value data;
};

struct Exhibits {
    std::vector<Figure> figures;
    std::vector<TableModel> tables;
    const Figure* figure(const std::string& id) const;
    const TableModel* table(const std::string& id) const;
    core::Value toValue() const;  // {"figures": {id: data}, "tables": {id: data}}
};

// Sources written "@role" expand to the project's ids for that role; an exhibit whose
// sources expand to nothing is left out (the template guards it with {{#if roles.…}}).
using Roles = std::vector<std::pair<std::string, std::vector<std::string>>>;
// `municipalities`: each project municipality's name and stats, for per_municipality exhibits.
using MunicipalityStats = std::vector<std::pair<std::string, const core::Value*>>;
Exhibits buildExhibits(const project::TemplateSpec& spec, const core::Value& stats, const Roles& roles = {},
                       const MunicipalityStats& municipalities = {});

}  // namespace figures
