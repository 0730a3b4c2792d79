#pragma once
// Tables and the cost-per-course box plot from an economics entry (stats.<id> with kind
// "economics"). Cells are formatted here with core::Format; every table gets a generated
// Danish note with the rates, splits, overrides, divisors and price basis behind its numbers.
#include <string>

#include "core/Value.hpp"
#include "figures/Exhibits.hpp"
#include "project/TemplateSpec.hpp"

namespace figures {

bool isEconomicsTable(const std::string& kind);
bool isEconomicsFigure(const std::string& kind);
TableModel economicsTable(const project::ExhibitSpec& e, const core::Value& stats);
// False for a business-case table of an economics entry without a business case: a shared
// template declares those tables for every project, and the entries that have none leave them out.
bool economicsTableApplies(const project::ExhibitSpec& e, const core::Value& stats);
Figure economicsFigure(const project::ExhibitSpec& e, const core::Value& stats);

}  // namespace figures
