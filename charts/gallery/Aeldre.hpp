#pragma once
// Chart data for the aeldre sample project (SBST 2024), taken from the statistics that
// cli::prepare computes in-process. The stats stage has no distribution summary (quartiles)
// yet, so meeting hours per course are summarised from the prepared dataset here; that
// belongs in stats once it has such an analysis.
#include <map>
#include <string>
#include <vector>

#include "charts/BeforeAfter.hpp"
#include "charts/BoxPlot.hpp"
#include "charts/ChangeBars.hpp"
#include "charts/FlowChart.hpp"
#include "charts/GroupedBars.hpp"
#include "charts/LikertBars.hpp"
#include "charts/StackedBars.hpp"
#include "charts/TrafficLightMatrix.hpp"
#include "charts/TrendLine.hpp"
#include "core/Value.hpp"
#include "dataset/Dataset.hpp"

namespace gallery {

// The whole project's stats plus one stats tree per municipality (-P kommune=…).
struct AeldreStats {
    core::Value all;
    std::vector<std::pair<std::string, core::Value>> municipalities;  // in project order
    dataset::Dataset data;
};

// First and latest WHO-5 mean per municipality and for all (set apart).
charts::GroupedBarsData aeldreMeansByMunicipality(const AeldreStats& s, const std::string& outcome);
// First vs latest mean of each outcome (WHO-5, Brief INSPIRE-O, Brief INSPIRE) on 0–100.
charts::BeforeAfterData aeldreOutcomes(const AeldreStats& s);
// Improved / unchanged / worse per outcome.
charts::ChangeBarsData aeldreChange(const AeldreStats& s);
// One outcome's change per municipality: small municipalities' counts are suppressed by stats.
charts::ChangeBarsData aeldreChangeByMunicipality(const AeldreStats& s, const std::string& outcome);
// The inclusion steps of the outcome analysis (80 -> 43 -> 34).
charts::FlowChartData aeldreCohort(const AeldreStats& s);
// Ongoing and closed courses per municipality.
charts::StackedBarsData aeldreStatus(const AeldreStats& s);
// A quarterly trend analysis from one stats tree ("nye_borgere", "who5_kvartal"); withheld
// quarters keep their shown text, quarters without data are gaps.
charts::TrendLineData aeldreTrend(const core::Value& stats, const std::string& id);
// Answer distributions by round (Figur 5.1–5.3), one group per question.
charts::LikertBarsData aeldreLikert(const core::Value& stats, const std::vector<std::string>& ids, bool diverging);
// Ja / Delvist / Nej registrations, one bar per item of a distribution analysis (Figur 6.3–6.7).
charts::LikertBarsData aeldreYesNo(const core::Value& stats, const std::string& id);
// Hours of meetings per closed course, per municipality (counted from moeder.csv).
charts::BoxPlotData aeldreMeetingHours(const AeldreStats& s);
// SBST Tabel 10.6 verdicts: KE1–KE3 implemented in all three municipalities, KE4 partly.
charts::TrafficLightData aeldreCoreElements(const AeldreStats& s);

}  // namespace gallery
