// evalreport-bench-charts: draws the charts of a 40-page evaluation report (20 charts of mixed
// types, at the layout's figure width) and prints the time. Budget: all 20 in <= 10 ms.
//   evalreport-bench-charts [REPEATS]
// The first pass is cold (font metrics load on first use, as in a real run); the per-chart
// figures are the best and mean of REPEATS further passes.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "charts/BoxPlot.hpp"
#include "charts/GroupedBars.hpp"
#include "charts/StackedBars.hpp"
#include "charts/TrendLine.hpp"
#include "charts/gallery/Published.hpp"

namespace {

using Clock = std::chrono::steady_clock;
const Clock::time_point kStart = Clock::now();  // as early as static initialisation allows

double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

struct Item {
    std::string name;
    std::shared_ptr<const charts::Chart> chart;
};

// The aeldre sample's figures with their published numbers (SBST 2024, Figur 5.4–6.2).
std::vector<Item> aeldreLike() {
    std::vector<Item> out;
    charts::GroupedBarsData g;
    g.series = {"Første måling", "Seneste måling"};
    g.groups = {{"Hvidovre", {{15.7, 14, false, ""}, {24.0, 14, false, ""}}, 14},
                {"Vejen", {{30.2, 11, false, ""}, {40.4, 11, false, ""}}, 11},
                {"Odder", {{25.8, 9, false, ""}, {37.8, 9, false, ""}}, 9},
                {"Alle kommuner", {{23.1, 34, false, ""}, {32.9, 34, false, ""}}, 34}};
    g.axisMax = 100;
    g.lastApart = true;
    out.push_back({"grouped bars (4 groups)", std::make_shared<charts::GroupedBars>(g)});

    charts::BeforeAfterData b;
    b.rows = {{"Trivsel (WHO-5)", {23.06, 34, false, ""}, {32.94, 34, false, ""}, 34, ""},
              {"Personlig recovery (Brief INSPIRE-O)", {36.32, 34, false, ""}, {42.65, 34, false, ""}, 34, ""},
              {"Støtte til recovery (Brief INSPIRE)", {41.96, 28, false, ""}, {61.07, 28, false, ""}, 28, ""}};
    b.axisMin = 0;
    b.axisMax = 100;
    b.decimals = 0;
    out.push_back({"before/after (3 rows)", std::make_shared<charts::BeforeAfter>(b)});

    charts::ChangeBarsData c;
    c.rows = {{"Trivsel (WHO-5)", 14, 17, 3, 34, false, ""},
              {"Personlig recovery (Brief INSPIRE-O)", 18, 10, 6, 34, false, ""},
              {"Støtte til recovery (Brief INSPIRE)", 19, 5, 4, 28, false, ""},
              {"Hvidovre", 0, 0, 0, 14, true, "<5"}};
    out.push_back({"change bars (4 rows)", std::make_shared<charts::ChangeBars>(c)});

    charts::StackedBarsData s;
    s.categories = {"Igangværende", "Afsluttet"};
    s.bars = {{"Hvidovre", {12, 22}, 34, false, ""}, {"Vejen", {9, 17}, 26, false, ""},
              {"Odder", {8, 12}, 20, false, ""}, {"Alle kommuner", {29, 51}, 80, false, ""}};
    out.push_back({"stacked bars (4 bars)", std::make_shared<charts::StackedBars>(s)});

    charts::TrendLineData t;
    t.periods = {"1. kvt. 2022", "2. kvt. 2022", "3. kvt. 2022", "4. kvt. 2022", "1. kvt. 2023", "2. kvt. 2023",
                 "3. kvt. 2023", "4. kvt. 2023", "1. kvt. 2024", "2. kvt. 2024", "3. kvt. 2024"};
    t.series = {{"", {9, 6, 13, 10, 8, 10, 4, 7, 3, 6, 4}, {}}};
    t.target = 8;
    out.push_back({"trend (11 quarters)", std::make_shared<charts::TrendLine>(t)});
    t.series = {{"Hvidovre", {4, 1, 2, 4, 2, 8, 2, 5, 2, 1, 3}, {}},
                {"Vejen", {4, 3, 4, 5, 4, 1, 1, 2, 0, 1, 1}, {}},
                {"Odder", {1, 2, 7, 1, 2, 1, std::nan(""), 0, 1, 4, 0}, {}}};
    t.target.reset();
    out.push_back({"trend (3 series, gap)", std::make_shared<charts::TrendLine>(t)});

    charts::BoxPlotData x;
    x.boxes = {{"Hvidovre", 6, 14.5, 21, 30.25, 48, 23.4, {71.5}, 22, false, ""},
               {"Vejen", 4.5, 12, 18.5, 27, 41, 20.1, {}, 17, false, ""},
               {"Odder", 7, 13.25, 19, 26.5, 39.5, 21.0, {58}, 12, false, ""},
               {"Alle kommuner", 4.5, 13, 19.75, 28.5, 48, 21.7, {58, 71.5}, 51, false, ""}};
    x.decimals = 1;
    x.axisLabel = "Mødetimer pr. afsluttet forløb";
    out.push_back({"box plot (4 boxes)", std::make_shared<charts::BoxPlot>(x)});
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200;
    const double width = 459.28;  // A4 minus the layout's 68 pt margins

    // 20 charts as in a 40-page report: published KORA/Rambøll figures and the aeldre ones.
    std::vector<Item> items = {
        {"likert (3 rounds)", std::make_shared<charts::LikertBars>(gallery::rambollFigure75())},
        {"likert diverging (4x3)", std::make_shared<charts::LikertBars>(gallery::rambollTable73(true))},
        {"likert stacked (4x3)", std::make_shared<charts::LikertBars>(gallery::rambollTable73(false))},
        {"likert 3-point", std::make_shared<charts::LikertBars>(gallery::rambollFigure82())},
        {"means + I alt", std::make_shared<charts::MeanBars>(gallery::koraFigure42())},
        {"before/after (10 rows)", std::make_shared<charts::BeforeAfter>(gallery::rambollRecoveryStar())},
        {"change bars (8 rows)", std::make_shared<charts::ChangeBars>(gallery::rambollRecoveryChange(false))},
        {"change diverging (8 rows)", std::make_shared<charts::ChangeBars>(gallery::rambollRecoveryChange(true))},
        {"flow chart", std::make_shared<charts::FlowChart>(gallery::rambollFigure81())},
        {"traffic light (8x1)", std::make_shared<charts::TrafficLightMatrix>(gallery::rambollFigure71())},
    };
    for (auto& i : aeldreLike()) items.push_back(std::move(i));
    {
        auto m = gallery::koraFigure42();
        m.horizontal = true;
        items.push_back({"means horizontal", std::make_shared<charts::MeanBars>(m)});
        auto t = gallery::rambollFigure71();
        t.columns = {"Aarhus", "Viborg", "Næstved"};
        for (auto& r : t.rows) r.ratings = {r.ratings[0], 0, 2};
        items.push_back({"traffic light (8x3)", std::make_shared<charts::TrafficLightMatrix>(t)});
        auto f = gallery::rambollFigure81();
        f.steps.pop_back();
        items.push_back({"flow chart (2 steps)", std::make_shared<charts::FlowChart>(f)});
    }

    // Cold pass: what one report run pays, font metrics included.
    const auto coldStart = Clock::now();
    size_t sink = 0;
    for (const auto& i : items) sink += i.chart->draw(width).items.size();
    const double cold = msSince(coldStart);

    std::vector<double> best(items.size(), 1e300), sum(items.size(), 0);
    const auto warmStart = Clock::now();
    for (int r = 0; r < repeats; ++r)
        for (size_t k = 0; k < items.size(); ++k) {
            const auto t0 = Clock::now();
            sink += items[k].chart->draw(width).items.size();
            const double ms = msSince(t0);
            best[k] = std::min(best[k], ms);
            sum[k] += ms;
        }
    const double warm = msSince(warmStart) / repeats;

    std::printf("%-28s %10s %10s\n", "chart", "best ms", "mean ms");
    double bestTotal = 0;
    for (size_t k = 0; k < items.size(); ++k) {
        std::printf("%-28s %10.4f %10.4f\n", items[k].name.c_str(), best[k], sum[k] / repeats);
        bestTotal += best[k];
    }
    std::printf("\n%zu charts at %.2f pt, %d repeats (scene items drawn: %zu)\n", items.size(), width, repeats, sink);
    std::printf("cold pass, all charts (incl. font loading): %8.3f ms\n", cold);
    std::printf("warm pass, all charts, mean:                %8.3f ms\n", warm);
    std::printf("warm pass, all charts, sum of bests:        %8.3f ms\n", bestTotal);
    std::printf("whole process wall time:                    %8.3f ms\n", msSince(kStart));
    std::printf("budget 10 ms for all charts: %s\n", cold <= 10 && warm <= 10 ? "met" : "NOT MET");
    return cold <= 10 && warm <= 10 ? 0 : 1;
}
