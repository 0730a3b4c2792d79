#pragma once
// One function per analysis kind; each returns the Value the engine stores under the id.
#include "core/Value.hpp"
#include "project/Project.hpp"
#include "stats/Context.hpp"

namespace stats {

core::Value pairedAnalysis(Context& cx, const project::Analysis& a);
core::Value distribution(Context& cx, const project::Analysis& a);
core::Value fidelity(Context& cx, const project::Analysis& a);
core::Value funnel(Context& cx, const project::Analysis& a);
core::Value trend(Context& cx, const project::Analysis& a);
core::Value basis(Context& cx, const project::Analysis& a);
core::Value counts(Context& cx, const project::CountSpec& c);
// Key figures for `period` ("2024Q3"; empty: the quarter of the latest data) and the quarter before.
core::Value keyFigures(Context& cx, const project::Analysis& a, const std::string& period);
core::Value cohortValue(Context& cx, const project::Cohort& c);
// Costs, costs per citizen and cost per course from time registrations, and a business case.
core::Value economics(Context& cx, const project::EconomicsSpec& e);

}  // namespace stats
