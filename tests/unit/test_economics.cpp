// The economics stage on tests/fixtures/economics: every expected value below is worked out by
// hand from the CSV files and project.yaml, with the arithmetic in the comments. The
// cost-per-course quartiles are checked against numpy 1.24.2 (Debian bookworm python3-numpy).
//
// Effective hourly rates (base year 2023, overhead 20 %, index 2022 = 96, 2023 = 100):
//   Leder          654.000 kr. / 1.635 timer = 400,00;          × 1,2 = 480
//   Behandler      300 in 2022 prices × 100/96 = 312,50;         × 1,2 = 375
//   Sagsbehandler  2022: 240 × 100/96 = 250; × 1,2 = 300.   2023: 260 × 1,2 = 312
//   Møder          override 200 (2023 prices);                   × 1,2 = 240
//   Andet          1/3 to each category: 2022 (480 + 375 + 300)/3 = 385; 2023 (480 + 375 + 312)/3 = 389
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>

#include "Support.hpp"
#include "charts/BoxPlot.hpp"
#include "core/Diagnostics.hpp"
#include "figures/EconomicsExhibits.hpp"
#include "ingest/Ingest.hpp"
#include "project/Project.hpp"
#include "stats/Engine.hpp"

using core::Value;
using Catch::Detail::Approx;

namespace {

const std::string kFixture = "/tests/fixtures/economics";

Value statsOf(const project::Project& p, const std::string& municipality = "") {
    core::Diagnostics diag;
    dataset::Dataset ds = ingest::loadDataset(p, diag);
    diag.throwIfErrors();
    return stats::computeStats(p, ds, {municipality, ""});
}

const project::Project& fixture() {
    static project::Project p = project::loadProject(testing::sourceDir() + kFixture + "/project.yaml");
    return p;
}

Value statsFor(const std::string& municipality = "") { return statsOf(fixture(), municipality); }

const Value& at(const Value& v, const std::string& path) {
    const Value* x = v.path(path);
    INFO("path " << path);
    REQUIRE(x != nullptr);
    return *x;
}
double num(const Value& v, const std::string& path) {
    const Value& x = at(v, path);
    INFO("path " << path);
    REQUIRE(x.isNumber());
    return x.asNumber();
}

std::string fixtureText() { return testing::readFile(testing::sourceDir() + kFixture + "/project.yaml"); }

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

// "line:column" (1-based) of `needle` in `text`, plus `offset` characters.
std::string positionOf(const std::string& text, const std::string& needle, size_t offset = 0) {
    size_t at = text.find(needle);
    REQUIRE(at != std::string::npos);
    at += offset;
    long line = 1 + static_cast<long>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
    size_t start = text.rfind('\n', at);
    start = start == std::string::npos ? 0 : start + 1;
    // Columns count characters, not bytes ("Møder: {" puts '{' in column 8).
    long col = 1 + std::count_if(text.begin() + static_cast<long>(start), text.begin() + static_cast<long>(at),
                                 [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    return std::to_string(line) + ":" + std::to_string(col);
}

// A variant of the fixture project in a temporary directory with a copy of the fixture's data
// (a copy, not a link: ingest refuses data files that lead out of the project directory).
struct Variant {
    testing::TempDir dir;
    std::string file;
    explicit Variant(const std::string& text) {
        file = dir.write("project.yaml", text);
        std::string cmd = "cp -r " + testing::quote(testing::sourceDir() + kFixture + "/data") + " " + testing::quote(dir.file("data"));
        REQUIRE(std::system(cmd.c_str()) == 0);
    }
};

// The one-line error loading a variant gives (empty if it loads).
std::string loadError(const Variant& v) {
    try {
        project::loadProject(v.file);
    } catch (const core::Error& e) {
        return e.oneLine();
    }
    return {};
}

project::ExhibitSpec spec(const std::string& kind) {
    project::ExhibitSpec e;
    e.id = kind;
    e.kind = kind;
    e.sources = {"oekonomi"};
    e.title = kind;
    return e;
}

std::vector<std::string> row(const figures::TableModel& t, const std::string& label) {
    for (const auto& r : t.rows)
        if (!r.empty() && r[0] == label) return r;
    FAIL("no row '" << label << "' in table " << t.id);
    return {};
}

}  // namespace

TEST_CASE("Economics: wage rates with overhead, per-year rates, index and an override", "[economics]") {
    Value s = statsFor();
    CHECK(num(s, "oekonomi.rates.0.hourly") == Approx(400));          // 654.000 / 1.635
    CHECK(num(s, "oekonomi.rates.0.effective") == Approx(480));       // 400 × 1,2
    CHECK(num(s, "oekonomi.rates.1.with_overhead") == Approx(360));   // 300 × 1,2 in 2022 prices
    CHECK(num(s, "oekonomi.rates.1.effective") == Approx(375));       // 360 × 100/96
    CHECK(num(s, "oekonomi.rates.2.year") == 2022);
    CHECK(num(s, "oekonomi.rates.2.effective") == Approx(300));       // 240 × 1,2 × 100/96
    CHECK(num(s, "oekonomi.rates.3.effective") == Approx(312));       // 260 × 1,2
    CHECK(num(s, "oekonomi.activities.4.override.effective") == Approx(240));  // Møder: 200 × 1,2
    CHECK(at(s, "oekonomi.activities.4.override.reason").asString().find("frivillige") != std::string::npos);
    CHECK(num(s, "oekonomi.activities.3.split.0.share") == Approx(1.0 / 3));
}

TEST_CASE("Economics: hours by activity, year and municipality", "[economics]") {
    Value s = statsFor();
    // Activities in declared order: Ledelse, Behandling, Sagsbehandling, Andet, Møder, Kontakt, Samtale.
    CHECK(at(s, "oekonomi.hours.rows.1.label").asString() == "Behandling");
    // Behandling: 2022 Aby 20 + Bby 10 = 30; 2023 Aby 30 (June) + 10 (July) + Bby 20 = 60.
    CHECK(num(s, "oekonomi.hours.rows.1.years.0") == 30);
    CHECK(num(s, "oekonomi.hours.rows.1.years.1") == 60);
    CHECK(num(s, "oekonomi.hours.rows.1.municipalities.0") == 60);  // Aby 20 + 30 + 10
    CHECK(num(s, "oekonomi.hours.rows.1.municipalities.1") == 30);  // Bby 10 + 20
    // Kontakt (citizen level, all courses start in 2023): Aby 4+8+2+10+40 = 64, Bby 6+4+12 = 22.
    CHECK(num(s, "oekonomi.hours.rows.5.years.1") == 86);
    CHECK(num(s, "oekonomi.hours.rows.5.municipalities.0") == 64);
    // Hours total: 2022 = 15+30+4+3+5 = 57; 2023 = 15+60+15+9+10 + 86+20 = 215; 272 in all.
    CHECK(num(s, "oekonomi.hours.total.years.0") == 57);
    CHECK(num(s, "oekonomi.hours.total.years.1") == 215);
    CHECK(num(s, "oekonomi.hours.total.total") == 272);
    // Amounts in kroner have no hours row.
    CHECK(at(s, "oekonomi.hours.rows").size() == 7);
}

TEST_CASE("Economics: costs with splits, an override, per-year rates and indexation", "[economics]") {
    Value s = statsFor();
    // Ledelse: 15 h × 480 = 7.200 in each year.
    CHECK(num(s, "oekonomi.costs.rows.0.years.0") == Approx(7200));
    // Behandling 2022: 30 h × 375 = 11.250 (the 2022 rate indexed to 2023 prices).
    CHECK(num(s, "oekonomi.costs.rows.1.years.0") == Approx(11250));
    // Sagsbehandling at the year's own rate: 2022 4 h × 300 = 1.200; 2023 15 h × 312 = 4.680.
    CHECK(num(s, "oekonomi.costs.rows.2.years.0") == Approx(1200));
    CHECK(num(s, "oekonomi.costs.rows.2.years.1") == Approx(4680));
    // Andet split in thirds: 2022 3 h × 385 = 1.155; 2023 (Aby 6 + Bby 3) × 389 = 3.501.
    CHECK(num(s, "oekonomi.costs.rows.3.years.0") == Approx(1155));
    CHECK(num(s, "oekonomi.costs.rows.3.years.1") == Approx(3501));
    CHECK(num(s, "oekonomi.costs.rows.3.municipalities.1") == Approx(1167));  // Bby 3 × 389
    // Møder at the overriding rate: 2022 5 × 240 = 1.200; 2023 10 × 240 = 2.400.
    CHECK(num(s, "oekonomi.costs.rows.4.years.0") == Approx(1200));
    CHECK(num(s, "oekonomi.costs.rows.4.years.1") == Approx(2400));
    // Amounts: Aby 960 kr. in 2022 × 100/96 = 1.000; Bby 500 + 300 = 800 in 2023.
    CHECK(at(s, "oekonomi.costs.rows.7.label").asString() == "Materialer og øvrige udgifter");
    CHECK(num(s, "oekonomi.costs.rows.7.years.0") == Approx(1000));
    CHECK(num(s, "oekonomi.costs.rows.7.municipalities.1") == Approx(800));
    // Per municipality and year:
    //   Aby 2022: 10×480 + 20×375 + 4×300 + 3×385 + 5×240 = 4.800 + 7.500 + 1.200 + 1.155 + 1.200 = 15.855, + 1.000 kr.
    //   Aby 2023: 4.800 + 40×375 + 10×312 + 6×389 + 1.200 = 26.454, + courses 28.680 (below)
    //   Bby 2022: 5×480 + 10×375 = 6.150;  Bby 2023: 2.400 + 7.500 + 1.560 + 1.167 + 1.200 = 13.827, + courses 9.810, + 800
    CHECK(num(s, "oekonomi.costs.total.years.0") == Approx(15855 + 1000 + 6150));            // 23.005
    CHECK(num(s, "oekonomi.costs.total.years.1") == Approx(26454 + 28680 + 13827 + 9810 + 800));  // 79.571
    CHECK(num(s, "oekonomi.costs.total.municipalities.0") == Approx(15855 + 1000 + 26454 + 28680));  // 71.989
    CHECK(num(s, "oekonomi.costs.total.municipalities.1") == Approx(6150 + 13827 + 9810 + 800));      // 30.587
    CHECK(num(s, "oekonomi.costs.total.total") == Approx(102576));
    CHECK(at(s, "oekonomi.findings").size() == 0);
}

TEST_CASE("Economics: citizens, cost per citizen and per component, small divisors withheld", "[economics][privacy]") {
    Value s = statsFor();
    // Citizens with indsats = Ja: Aby A1-A5 (A6 is Nej), Bby B1-B3.
    CHECK(num(s, "oekonomi.citizens.municipalities.0") == 5);
    CHECK(num(s, "oekonomi.citizens.municipalities.1") == 3);
    CHECK(num(s, "oekonomi.citizens.total") == 8);
    // Total per citizen: Aby 71.989 / 5 = 14.397,8; Bby 30.587 / 3 = 10.195,67; all 102.576 / 8 = 12.822.
    CHECK(num(s, "oekonomi.unit_costs.rows.0.cells.0.per_citizen") == Approx(14397.8));
    CHECK(num(s, "oekonomi.unit_costs.rows.1.cells.0.per_citizen") == Approx(30587.0 / 3));
    CHECK(num(s, "oekonomi.unit_costs.rows.2.cells.0.per_citizen") == Approx(12822));
    // Component "Behandling" (Behandling + Kontakt) / citizens with a course: Aby (22.500 + 64 × 375) / 5 = 9.300.
    CHECK(num(s, "oekonomi.unit_costs.rows.0.cells.1.per_citizen") == Approx(9300));
    // Component "Samtaler" / citizens with samtale = Ja: Aby 2 (A3, A4) and Bby 1 (B2) are below k = 3:
    // withheld, and so is their cost per citizen; the total 3 is shown:
    // (1.200 + 3.120 + 1.560 + 15 × 312 + 5 × 312) / 3 = 12.120 / 3 = 4.040.
    CHECK(at(s, "oekonomi.unit_costs.rows.0.cells.2.citizens").isSuppressed());
    CHECK(at(s, "oekonomi.unit_costs.rows.0.cells.2.citizens").asString() == "<3");
    CHECK(at(s, "oekonomi.unit_costs.rows.0.cells.2.per_citizen").asString() == "x");
    CHECK(at(s, "oekonomi.unit_costs.rows.1.cells.2.citizens").isSuppressed());
    CHECK(num(s, "oekonomi.unit_costs.rows.2.cells.2.citizens") == 3);
    CHECK(num(s, "oekonomi.unit_costs.rows.2.cells.2.per_citizen") == Approx(4040));

    // Shown to the nearest 100 kr. (half away from zero): 14.397,8 -> 14.400; 10.195,67 -> 10.200; 12.822 -> 12.800.
    auto t = figures::economicsTable(spec("economics_unit_costs"), s);
    CHECK(row(t, "Aby") == std::vector<std::string>{"Aby", "5", "14.400", "9.300", "x"});
    CHECK(row(t, "Bby") == std::vector<std::string>{"Bby", "3", "10.200", "6.500", "x"});
    CHECK(row(t, "I alt") == std::vector<std::string>{"I alt", "8", "12.800", "8.300", "4.000"});  // 8.250 -> 8.300
    CHECK(t.note.find("Antal borgere: borgere i indsatsen (Aby 5 og Bby 3; i alt 8)") != std::string::npos);
    CHECK(t.note.find("Samtaler: borgere med samtaler (Aby <3 og Bby <3; i alt 3)") != std::string::npos);
    CHECK(t.note.find("nærmeste 100 kr.") != std::string::npos);
}

TEST_CASE("Economics: cost per course, type 7 quartiles and 1,5 × IQR outliers (numpy)", "[economics]") {
    Value s = statsFor();
    // Courses (Kontakt × 375 + Samtale × 312): A1 4×375 = 1.500; A2 3.000; A3 750 + 1.560 = 2.310;
    // A4 3.750 + 3.120 = 6.870; A5 15.000; B1 2.250; B2 1.500 + 1.560 = 3.060; B3 4.500.
    // python3 -c "import numpy as np; v=np.array([1500,3000,2310,6870,15000,2250,3060,4500.]);
    //             print(np.quantile(v,[.25,.5,.75]), v.mean())"   ->  [2295. 3030. 5092.5] 4811.25
    CHECK(at(s, "oekonomi.per_course.groups.2.label").asString() == "I alt");
    CHECK(num(s, "oekonomi.per_course.groups.2.n") == 8);
    CHECK(num(s, "oekonomi.per_course.groups.2.q1") == Approx(2295));     // h = 7 × 0,25 = 1,75: 2.250 + 0,75 × 60
    CHECK(num(s, "oekonomi.per_course.groups.2.median") == Approx(3030)); // h = 3,5: 3.000 + 0,5 × 60
    CHECK(num(s, "oekonomi.per_course.groups.2.q3") == Approx(5092.5));   // h = 5,25: 4.500 + 0,25 × 2.370
    CHECK(num(s, "oekonomi.per_course.groups.2.mean") == Approx(4811.25));
    // IQR 2.797,5; fences 2.295 - 4.196,25 = -1.901,25 and 5.092,5 + 4.196,25 = 9.288,75: 15.000 is an outlier,
    // and the whiskers end at 1.500 and 6.870.
    CHECK(num(s, "oekonomi.per_course.groups.2.fence_high") == Approx(9288.75));
    CHECK(at(s, "oekonomi.per_course.groups.2.outliers").size() == 1);
    CHECK(num(s, "oekonomi.per_course.groups.2.outliers.0") == Approx(15000));
    CHECK(num(s, "oekonomi.per_course.groups.2.whisker_low") == Approx(1500));
    CHECK(num(s, "oekonomi.per_course.groups.2.whisker_high") == Approx(6870));
    CHECK(num(s, "oekonomi.per_course.groups.2.max") == Approx(15000));
    // Aby: np.quantile([1500,3000,2310,6870,15000], [.25,.5,.75]) -> [2310. 3000. 6870.], mean 5736
    CHECK(num(s, "oekonomi.per_course.groups.0.q1") == Approx(2310));
    CHECK(num(s, "oekonomi.per_course.groups.0.q3") == Approx(6870));
    CHECK(num(s, "oekonomi.per_course.groups.0.mean") == Approx(5736));
    // Bby: np.quantile([2250,3060,4500], [.25,.5,.75]) -> [2655. 3060. 3780.]
    CHECK(num(s, "oekonomi.per_course.groups.1.q1") == Approx(2655));
    CHECK(num(s, "oekonomi.per_course.groups.1.q3") == Approx(3780));

    auto f = figures::economicsFigure(spec("economics_box_plot"), s);
    auto chart = std::dynamic_pointer_cast<const charts::BoxPlot>(f.chart);
    REQUIRE(chart);
    REQUIRE(chart->data().boxes.size() == 3);
    const auto& all = chart->data().boxes[2];
    CHECK(all.median == Approx(3030));
    CHECK(all.min == Approx(1500));  // the whisker, not the outlier
    CHECK(all.max == Approx(6870));
    CHECK(all.outliers == std::vector<double>{15000});
    CHECK(f.note.find("type 7") != std::string::npos);
}

TEST_CASE("Economics: business case in three scenarios, discounted, per citizen and by payer", "[economics]") {
    Value s = statsFor();
    const double d2 = 1 / 1.05, d3 = 1 / (1.05 * 1.05);  // discount factors of years 2 and 3 (year 1 is 1)
    // N = 8 counted citizens.
    CHECK(num(s, "oekonomi.business_case.citizens") == 8);
    // Own costs: 2022 operating 23.005 in year 1; 2023 operating 79.571 every year; 96.000 kr. in 2022
    // prices × 100/96 = 100.000 in year 1.
    const double own = 23005 + 79571 * (1 + d2 + d3) + 100000;  // 350.531,15
    CHECK(num(s, "oekonomi.business_case.totals.own.0") == Approx(own));
    CHECK(num(s, "oekonomi.business_case.lines.2.values.0") == Approx(100000));
    // Induced: 20.000 × (8 × 1/2) × p, p = 0,1 / midpoint 0,2 / 0,3 -> 8.000 / 16.000 / 24.000.
    CHECK(num(s, "oekonomi.business_case.totals.induced.0") == Approx(8000));
    CHECK(num(s, "oekonomi.business_case.totals.induced.1") == Approx(16000));
    CHECK(num(s, "oekonomi.business_case.totals.induced.2") == Approx(24000));
    // Gains: indlæggelse 480.000 (2022) × 100/96 = 500.000 × (8 × 1/4) × p every year:
    //   low 100.000, mid 150.000, high 400.000 a year, × (1 + d2 + d3);
    // udsættelse 30.000 × 8 × p in year 1: 12.000 / 24.000 / 48.000.
    const double f3 = 1 + d2 + d3;
    const double gains[] = {100000 * f3 + 12000, 150000 * f3 + 24000, 400000 * f3 + 48000};
    const double induced[] = {8000, 16000, 24000};
    for (int k = 0; k < 3; ++k) {
        std::string i = std::to_string(k);
        CHECK(num(s, "oekonomi.business_case.totals.gains." + i) == Approx(gains[k]));
        CHECK(num(s, "oekonomi.business_case.totals.net." + i) == Approx(gains[k] - own - induced[k]));
        CHECK(num(s, "oekonomi.business_case.per_citizen.net." + i) == Approx((gains[k] - own - induced[k]) / 8));
    }
    // Net: -60.590,10 / 86.380,42 / 817.233,02. Per citizen: -7.573,76 / 10.797,55 / 102.154,13.
    CHECK(num(s, "oekonomi.business_case.totals.net.0") == Approx(-60590.104308));
    // Payers, low scenario: state gets 0,8 of the indlæggelse gains (0,8 × 285.941,04 = 228.752,83);
    // the municipality pays all own and induced costs (350.531,15 + 8.000) and gets 0,2 × 285.941,04
    // + 1/2 × 12.000 = 63.188,21; others get 6.000.
    CHECK(num(s, "oekonomi.business_case.payers.0.gains.0") == Approx(0.8 * 100000 * f3));
    CHECK(num(s, "oekonomi.business_case.payers.1.costs.0") == Approx(own + 8000));
    CHECK(num(s, "oekonomi.business_case.payers.1.gains.0") == Approx(0.2 * 100000 * f3 + 6000));
    CHECK(num(s, "oekonomi.business_case.payers.2.net.0") == Approx(6000));
    CHECK(at(s, "oekonomi.business_case.most_favourable").asString() == "high");

    // Shown in 1.000 kr. with one decimal, and per citizen to the nearest 100 kr.
    auto t = figures::economicsTable(spec("economics_business_case"), s);
    CHECK(t.header == std::vector<std::string>{"1.000 kr.", "Lavt scenarie", "Mellemscenarie", "Højt scenarie"});
    CHECK(row(t, "Nettogevinst") == std::vector<std::string>{"Nettogevinst", "-60,6", "86,4", "817,2"});
    CHECK(row(t, "Egne omkostninger i alt") == std::vector<std::string>{"Egne omkostninger i alt", "350,5", "350,5", "350,5"});
    CHECK(row(t, "Sundhed: Forebygget indlæggelse")[3] == "1.143,8");  // 400.000 × 2,85941 = 1.143.764,17
    CHECK(t.note.find("diskonteringsrate på 5 pct.") != std::string::npos);
    auto c = figures::economicsTable(spec("economics_business_case_citizen"), s);
    // -7.573,76 -> -7.600; 10.797,55 -> 10.800; 102.154,13 -> 102.200
    CHECK(row(c, "Nettogevinst") == std::vector<std::string>{"Nettogevinst", "-7.600", "10.800", "102.200"});
    CHECK(row(c, "Afledte omkostninger i alt") == std::vector<std::string>{"Afledte omkostninger i alt", "1.000", "2.000", "3.000"});
    auto p = figures::economicsTable(spec("economics_payers"), s);
    CHECK(row(p, "Øvrige: netto") == std::vector<std::string>{"Øvrige: netto", "6,0", "12,0", "24,0"});
    auto in = figures::economicsTable(spec("economics_business_case_inputs"), s);
    // 480.000 in 2022 prices is 500.000 in 2023 prices; 8 × 1/4 = 2 citizens; probabilities 10 / 15 / 40 pct.
    CHECK(row(in, "Sundhed: Forebygget indlæggelse") ==
          std::vector<std::string>{"Sundhed: Forebygget indlæggelse", "500.000 (480.000 i 2022)", "2", "10 / 15 / 40", "80 / 20 / 0",
                                   "1, 2 og 3"});
}

TEST_CASE("Economics: break-even probability and payback year", "[economics]") {
    Value s = statsFor();
    const double d2 = 1 / 1.05, d3 = 1 / (1.05 * 1.05), f3 = 1 + d2 + d3;
    const double own = 23005 + 79571 * f3 + 100000;
    // Gains at probability 1: 500.000 × 2 × f3 + 30.000 × 8 = 3.099.410,43.
    const double base = 500000 * 2 * f3 + 30000 * 8;
    CHECK(num(s, "oekonomi.business_case.break_even.gains_at_probability_one") == Approx(base));
    // p* = (own + induced) / base: low (350.531,15 + 8.000) / 3.099.410,43 = 0,11568.
    CHECK(num(s, "oekonomi.business_case.break_even.probability.0") == Approx((own + 8000) / base));
    CHECK(num(s, "oekonomi.business_case.break_even.probability.2") == Approx((own + 24000) / base));
    // Cumulative discounted net per year:
    //   low:  year 1 112.000 - 202.576 - 8.000 = -98.576; + (100.000 - 79.571) × d2 = -79.119,8; + 20.429 × d3 = -60.590,1 -> none
    //   mid:  year 1 174.000 - 202.576 - 16.000 = -44.576; + (150.000 - 79.571) × d2 = +22.499,2 -> year 2
    //   high: year 1 448.000 - 202.576 - 24.000 = +221.424 -> year 1
    CHECK(num(s, "oekonomi.business_case.years.0.cumulative_net.0") == Approx(-98576));
    CHECK(num(s, "oekonomi.business_case.years.1.cumulative_net.1") == Approx(-44576 + 70429 * d2));
    CHECK(at(s, "oekonomi.business_case.payback_year.0").isNull());
    CHECK(num(s, "oekonomi.business_case.payback_year.1") == 2);
    CHECK(num(s, "oekonomi.business_case.payback_year.2") == 1);

    auto t = figures::economicsTable(spec("economics_break_even"), s);
    CHECK(row(t, "Break-even: forebyggelsessandsynlighed (pct.)") ==
          std::vector<std::string>{"Break-even: forebyggelsessandsynlighed (pct.)", "11,6", "11,8", "12,1"});
    CHECK(row(t, "Tilbagebetalingstid") == std::vector<std::string>{"Tilbagebetalingstid", "Ikke inden for 3 år", "2. år", "1. år"});
}

TEST_CASE("Economics: a municipality's note", "[economics][privacy]") {
    Value b = statsFor("Bby");
    CHECK(at(b, "oekonomi.municipalities").size() == 1);
    CHECK(num(b, "oekonomi.costs.total.total") == Approx(30587));
    CHECK(at(b, "oekonomi.unit_costs.rows").size() == 1);  // Bby only, no "I alt"
    CHECK(at(b, "oekonomi.unit_costs.rows.0.cells.2.citizens").asString() == "<3");
    // Business case with Bby's N = 3: operating costs of Bby (2022: 6.150; 2023: 13.827 + 9.810 + 800
    // = 24.437 every year) and the declared 100.000 scaled by 3/8 = 37.500.
    const double f3 = 1 + 1 / 1.05 + 1 / (1.05 * 1.05);
    CHECK(num(b, "oekonomi.business_case.citizens") == 3);
    CHECK(num(b, "oekonomi.business_case.scale_declared_amounts") == Approx(3.0 / 8));
    CHECK(num(b, "oekonomi.business_case.totals.own.0") == Approx(6150 + 24437 * f3 + 37500));
    // Gains scale with N: indlæggelse 500.000 × 3/4 × 0,1 a year.
    CHECK(num(b, "oekonomi.business_case.totals.gains.0") == Approx(500000 * 0.75 * 0.1 * f3 + 30000 * 3 * 0.05));
    CHECK(num(b, "oekonomi.per_course.groups.0.n") == 3);
    CHECK(at(b, "oekonomi.per_course.groups").size() == 1);
}

TEST_CASE("Economics: a municipality's note withholds a business case on fewer than k citizens", "[economics][privacy]") {
    // With k = 4 Bby's 3 citizens are too few: the business case, its divisor and the course
    // distribution are withheld; costs (staff time, not people) are still shown.
    Variant v(replaced(fixtureText(), "privacy: {min_cell: 3}", "privacy: {min_cell: 4}"));
    Value b = statsOf(project::loadProject(v.file), "Bby");
    CHECK(at(b, "oekonomi.business_case.withheld").asBool());
    CHECK(at(b, "oekonomi.business_case.citizens").asString() == "<4");
    CHECK(at(b, "oekonomi.unit_costs.rows.0.cells.0.per_citizen").asString() == "x");
    CHECK(at(b, "oekonomi.per_course.groups.0.median").isSuppressed());
    CHECK(num(b, "oekonomi.costs.total.total") == Approx(30587));
    auto t = figures::economicsTable(spec("economics_business_case"), b);
    REQUIRE(t.rows.size() == 1);
    CHECK(t.rows[0][0] == "Business casen bygger på færre end 4 borgere og vises ikke.");
    CHECK(b.toJson().find("\"citizens\": 3") == std::string::npos);
}

TEST_CASE("Economics: tables carry generated notes with rates, splits, overrides and price basis", "[economics]") {
    Value s = statsFor();
    auto costs = figures::economicsTable(spec("economics_costs"), s);
    CHECK(costs.header == std::vector<std::string>{"Kr.", "2022", "2023", "I alt"});
    CHECK(row(costs, "Andet") == std::vector<std::string>{"Andet", "1.155", "3.501", "4.656"});
    CHECK(row(costs, "Materialer og øvrige udgifter") == std::vector<std::string>{"Materialer og øvrige udgifter", "1.000", "800", "1.800"});
    CHECK(row(costs, "I alt") == std::vector<std::string>{"I alt", "23.005", "79.571", "102.576"});
    for (const char* part : {"Leder: 400,00 kr. (654.000 kr. / 1.635 timer)", "Behandler: 300,00 kr. (2022-priser)",
                             "Sagsbehandler: 240,00 kr. (2022) og 260,00 kr. (2023)", "overhead på 20 pct.",
                             "Møder er opgjort med 200,00 kr. pr. time (2023-priser): Møderne holdes af frivillige",
                             "Timer til Andet er fordelt med 33,33 pct. til Leder, 33,33 pct. til Behandler og 33,33 pct. til Sagsbehandler",
                             "Kr. i faste 2023-priser", "testindeks: 2022 = 96; 2023 = 100"}) {
        INFO(part);
        CHECK(costs.note.find(part) != std::string::npos);
    }
    auto hours = figures::economicsTable(spec("economics_hours_municipality"), s);
    CHECK(hours.header == std::vector<std::string>{"Timer", "Aby", "Bby", "I alt"});
    CHECK(row(hours, "I alt") == std::vector<std::string>{"I alt", "192", "80", "272"});
    auto rates = figures::economicsTable(spec("economics_rates"), s);
    CHECK(rates.header.size() == 5);  // with overhead and in base-year prices
    CHECK(row(rates, "Behandler") == std::vector<std::string>{"Behandler", "Timeløn, 2022-priser", "300,00", "360,00", "375,00"});
    CHECK(row(rates, "Møder (særlig sats)")[4] == "240,00");
    // An exhibit on a stats id that is not an economics entry says so.
    project::ExhibitSpec bad = spec("economics_costs");
    bad.sources = {"scope"};
    CHECK_THROWS_WITH(figures::economicsTable(bad, s), Catch::Contains("is not an economics entry"));
}

TEST_CASE("Economics: inconsistent declarations are project.yaml errors at file:line:column", "[economics][errors]") {
    const std::string base = fixtureText();
    struct Bad {
        std::string from, to, at, message;
        size_t offset;
    };
    const Bad cases[] = {
        {"Sagsbehandler: 1/3}}", "Sagsbehandler: 1/4}}", "split: {", "the split of 'Andet' adds up to 0,916667 (1/3 + 1/3 + 1/4), not 1", 7},
        {"probability: {low: 0.1, high: 0.3}", "probability: {low: 0.3, high: 0.1}", "probability: {low: 0.3",
         "scenario 'low' (0,3) exceeds 'high' (0,1) in 'Bostøtte'", 13},
        {"probability: {low: 0.1, mid: 0.15, high: 0.4}", "probability: {low: 0.1, mid: 0.5, high: 0.4}", "0.5, high",
         "scenario 'mid' (0,5) lies outside [low, high]", 0},
        {"index: {2022: 96, 2023: 100}", "index: {2023: 100}", "2022}", "index year 2022 is missing from 'prices.index'", 0},
        {"payers: {state: 0.8, municipality: 0.2}", "payers: {state: 0.8, municipality: 0.3}", "payers: {state: 0.8",
         "the payer split of 'Forebygget indlæggelse' adds up to 1,1, not 1", 8},
        {"annual: 654000", "annual: 654.000", "654.000", "'annual' '654.000' reads as a decimal number in YAML", 0},
        {"hours_per_year: 1635}", "hours_per_year: 1.635}", "1.635}", "'hours_per_year' '1.635' reads as a decimal number in YAML", 0},
        {"Ledelse: Leder", "Ledelse: Lederen", "Lederen", "staff category 'Lederen' has no rate under 'rates:'; did you mean 'Leder'?", 0},
        {"overhead: 20 %", "overhead: 20", "overhead: 20", "'overhead' must lie in [0, 1)", 10},
        {"Møder: {rate: 200, reason: \"Møderne holdes af frivillige og er opgjort med en fast sats\"}", "Møder: {rate: 200}",
         "{rate: 200}", "an overriding rate needs a 'reason'", 0},
        {"activities: [Sagsbehandling, Samtale]", "activities: [Sagsbehandlng, Samtale]", "Sagsbehandlng",
         "unknown activity 'Sagsbehandlng'; did you mean 'Sagsbehandling'?", 0},
        {"every_year: true\n          source", "years: [1, 4]\n          source", "4]", "year 4 of 'Forebygget indlæggelse' is outside the horizon 1..3", 0},
    };
    for (const auto& c : cases) {
        std::string text = replaced(base, c.from, c.to);
        Variant v(text);
        std::string err = loadError(v);
        INFO("variant: " << c.to << "\nerror: " << err);
        CHECK_THAT(err, Catch::StartsWith(v.file + ":" + positionOf(text, c.at, c.offset) + ": "));
        CHECK_THAT(err, Catch::Contains(c.message));
    }
    // An activity of the long-format table without a category: the table's declared values say
    // which activities will come, so it is caught before any data is read.
    std::string text = replaced(base, "      Møder: {rate: 200, reason: \"Møderne holdes af frivillige og er opgjort med en fast sats\"}\n", "");
    Variant v(text);
    CHECK_THAT(loadError(v), Catch::Contains("activity 'Møder' of table 'tid' has no staff category"));
}

TEST_CASE("Economics: what only the data can reveal is a consistency finding, not a silent number", "[economics][errors]") {
    SECTION("a year without an index value: the affected cells are empty and the finding says why") {
        // Rates stated in 2023 prices, the index has 2023 only, but 960 kr. are registered in 2022.
        std::string text = replaced(fixtureText(), "index: {2022: 96, 2023: 100}", "index: {2023: 100}");
        text = replaced(text, "Behandler: {hourly: 300, year: 2022}", "Behandler: {hourly: 312.5}");
        text = replaced(text, "          2022: {hourly: 240}\n", "");
        text = replaced(text, "amount: 96000, price_year: 2022,", "amount: 100000,");
        text = replaced(text, "unit_gain: 480000\n          price_year: 2022\n", "unit_gain: 500000\n");
        Variant v(text);
        Value s = statsOf(project::loadProject(v.file));
        CHECK(at(s, "oekonomi.costs.rows.7.years.0").isNull());
        CHECK(at(s, "oekonomi.costs.total.total").isNull());
        CHECK(num(s, "oekonomi.costs.rows.7.years.1") == Approx(800));
        REQUIRE(at(s, "oekonomi.findings").size() >= 1);
        std::string json = at(s, "consistency").toJson();
        CHECK(json.find("prisindekset mangler året 2022") != std::string::npos);
        // Sagsbehandler has a 2023 rate only: 4 h Sagsbehandling and 3 h Andet in 2022 have none.
        CHECK(json.find("Omkostningerne kan ikke beregnes for 7 timer (2022): personalekategorien »Sagsbehandler« har ingen "
                        "timeløn for 2022") != std::string::npos);
        auto t = figures::economicsTable(spec("economics_costs"), s);
        CHECK(row(t, "Sagsbehandling")[1] == "–");
    }
    SECTION("a declared divisor that differs from the data") {
        std::string text = replaced(fixtureText(), "      where: {indsats: Ja}\n    components:",
                                    "      where: {indsats: Ja}\n      declared: {Aby: 6, Bby: 3}\n    components:");
        Variant v(text);
        Value s = statsOf(project::loadProject(v.file));
        CHECK(num(s, "oekonomi.citizens.municipalities.0") == 6);  // the declared number is the divisor …
        CHECK(at(s, "oekonomi.citizens.source").asString() == "declared");
        REQUIRE(at(s, "oekonomi.findings").size() == 1);  // … and the difference is reported
        CHECK(at(s, "oekonomi.findings.0").asString() ==
              "Antallet af borgere i indsatsen i Aby er angivet til 6, men data har 5. Det angivne tal er brugt som divisor.");
        CHECK(at(s, "consistency.0.label").asString() == "Driftsøkonomi");
    }
    SECTION("a 'high' scenario that is the least favourable") {
        // Induced costs of 2.000.000 × 4 × 0,9 = 7.200.000 in the high scenario outweigh its gains.
        std::string text = replaced(fixtureText(), "unit_cost: 20000", "unit_cost: 2000000");
        text = replaced(text, "probability: {low: 0.1, high: 0.3}", "probability: {low: 0.1, high: 0.9}");
        Variant v(text);
        Value s = statsOf(project::loadProject(v.file));
        CHECK(at(s, "oekonomi.business_case.most_favourable").asString() == "low");
        REQUIRE(at(s, "oekonomi.findings").size() == 1);
        CHECK_THAT(at(s, "oekonomi.findings.0").asString(),
                   Catch::StartsWith("I business casen giver »Højt scenarie« en mindre nettogevinst"));
    }
}

TEST_CASE("Economics: evalreport stats and the economics-check template", "[economics][cli]") {
    testing::TempDir tmp;
    const std::string project = testing::quote(testing::sourceDir() + kFixture + "/project.yaml");
    testing::Result st = testing::evalreport("stats " + project + " --template economics-check");
    REQUIRE(st.exitCode == 0);
    CHECK(st.out.find("\"per_citizen\": 14397.8") != std::string::npos);  // unrounded in the stats tree
    testing::Result r = testing::evalreport("render " + project + " --template economics-check -o " + testing::quote(tmp.file("o.pdf")));
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    std::string text = testing::squash(testing::pdfText(tmp.file("o.pdf")));
    for (const char* s : {"Tabel 1 Timelønninger anvendt i opgørelsen", "Tabel 6 Udgifter pr. borger", "Figur 1 Omkostning pr. forløb",
                          "Nettogevinst -60,6 86,4 817,2", "Tilbagebetalingstid", "Ikke inden for 3 år", "2. år"}) {
        INFO(s);
        CHECK(text.find(s) != std::string::npos);
    }
    CHECK(text.find("Konsistenstjek") == std::string::npos);
}
