#pragma once
// Chart data taken as literal values from published evaluations (KORA 2016, Rambøll for
// Socialstyrelsen), as extracted in /work/shared/domain/. Each function cites its section.
// Their sample projects are being written separately; until then the gallery and the
// benchmark draw these figures from the printed numbers.
#include "charts/BeforeAfter.hpp"
#include "charts/ChangeBars.hpp"
#include "charts/FlowChart.hpp"
#include "charts/LikertBars.hpp"
#include "charts/MeanBars.hpp"
#include "charts/TrafficLightMatrix.hpp"

namespace gallery {

// KORA Figur 4.2: staff rating of earlier contact, means on 1–5 by staff group, with "I alt".
charts::MeanBarsData koraFigure42();

// Rambøll Figur 7-5 (fidelity Q6b), three rounds on the 5-point scale, as stacked bars.
charts::LikertBarsData rambollFigure75();

// Rambøll Tabel 7-3 (Q4a–d): four mapping items × three rounds, grouped by item.
charts::LikertBarsData rambollTable73(bool diverging);

// Rambøll Figur 8-2: staff assessment on a 3-point scale; n is not printed in the source.
charts::LikertBarsData rambollFigure82();

// Rambøll Figur 8-6 to 8-13: positive / no / negative change per Recovery Star dimension.
charts::ChangeBarsData rambollRecoveryChange(bool diverging);

// Rambøll Figur 8-5: the 10 Recovery Star dimensions before/after. n and which dimensions are
// significant are published; the means are not, so the values here are illustrative.
charts::BeforeAfterData rambollRecoveryStar();

// Rambøll Figur 8-1: from referral over contact to social-work intervention.
charts::FlowChartData rambollFigure81();

// Rambøll Figur 7-1: implementation of the core elements, pooled over the three municipalities.
charts::TrafficLightData rambollFigure71();

}  // namespace gallery
