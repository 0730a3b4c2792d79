// Charts: SVG golden snapshots of every chart type and edge case, geometry checks (every text
// inside the chart's box, no two labels overlapping, at 455, 320 and 220 pt), and the numbers
// each chart must print, worked out by hand in the comments.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <sstream>

#include "Golden.hpp"
#include "charts/Axis.hpp"
#include "charts/BeforeAfter.hpp"
#include "charts/BoxPlot.hpp"
#include "charts/Canvas.hpp"
#include "charts/ChangeBars.hpp"
#include "charts/FlowChart.hpp"
#include "charts/GroupedBars.hpp"
#include "charts/LikertBars.hpp"
#include "charts/MeanBars.hpp"
#include "charts/Palette.hpp"
#include "charts/StackedBars.hpp"
#include "charts/TrafficLightMatrix.hpp"
#include "charts/TrendLine.hpp"
#include "scene/SvgWriter.hpp"
#include "text/Fonts.hpp"

namespace {

using charts::Cell;

// ------------------------------------------------------------------------------ fixtures

charts::GroupedBarsData meansData() {
    charts::GroupedBarsData d;
    d.series = {"Første måling", "Seneste måling"};
    // The published SBST means (rounded): WHO-5 23 -> 33, Brief INSPIRE-O 36 -> 43, n = 34.
    auto cell = [](double v) { return Cell{v, 34, false, ""}; };
    d.groups = {{"Trivsel (WHO-5)", {cell(23.06), cell(32.94)}, 34},
                {"Personlig recovery (Brief INSPIRE-O)", {cell(36.32), cell(42.65)}, 34}};
    d.axisMin = 0;
    d.axisMax = 100;
    d.axisLabel = "Gennemsnitlig score";
    return d;
}

charts::GroupedBarsData municipalityData() {
    charts::GroupedBarsData d = meansData();
    d.groups = {{"Hvidovre", {{15.71, 14, false, ""}, {24.0, 14, false, ""}}, 14},
                {"Vejen", {{30.18, 11, false, ""}, {40.36, 11, false, ""}}, 11},
                {"Odder", {{0, 3, true, "<5"}, {0, 3, true, "<5"}}, 3},
                {"Alle kommuner", {{23.06, 34, false, ""}, {32.94, 34, false, ""}}, 34}};
    d.lastApart = true;
    return d;
}

charts::StackedBarsData changeData() {
    charts::StackedBarsData d;
    d.categories = {"Fremgang", "Status quo", "Tilbagegang"};
    d.colors = {charts::palette::improved, charts::palette::unchanged, charts::palette::worsened};
    d.bars = {{"Trivsel (WHO-5)", {14, 17, 3}, 34, false, ""},
              {"Personlig recovery (Brief INSPIRE-O)", {18, 10, 6}, 34, false, ""}};
    return d;
}

const std::vector<std::string> kFidelity{"I meget høj grad", "I høj grad", "Hverken eller", "I mindre grad", "Slet ikke"};

// Rambøll Figur 7-5: counts R1 1/8/1/3/0 of 13, R2 2/5/0/2/0 of 9, R3 3/4/1/1/0 of 9.
charts::LikertBarsData likertRounds() {
    charts::LikertBarsData d;
    d.categories = kFidelity;
    d.positiveFirst = true;
    d.bars = {{"Runde 1", "", {1, 8, 1, 3, 0}, 13, false, ""},
              {"Runde 2", "", {2, 5, 0, 2, 0}, 9, false, ""},
              {"Runde 3", "", {3, 4, 1, 1, 0}, 9, false, ""}};
    return d;
}

// SBST Figur 5.1 ("lyttet") as the aeldre sample reproduces it: 5/7/8/6/7 and 2/4/5/7/15 of 33.
charts::LikertBarsData likertDiverging() {
    charts::LikertBarsData d;
    d.categories = {"Helt uenig", "Delvist uenig", "Hverken enig eller uenig", "Delvist enig", "Helt enig"};
    d.diverging = true;
    const std::string q1 = "Jeg oplever, at der bliver lyttet til mig på møderne med kommunen";
    const std::string q2 = "Jeg oplever, at kommunen overholder de aftaler, vi laver";
    d.bars = {{"Opstartsmåling", q1, {5, 7, 8, 6, 7}, 33, false, ""},
              {"Seneste måling", q1, {2, 4, 5, 7, 15}, 33, false, ""},
              {"Opstartsmåling", q2, {6, 6, 6, 6, 9}, 33, false, ""},
              {"Seneste måling", q2, {0, 0, 0, 0, 0}, 0, true, "<5"}};
    return d;
}

charts::MeanBarsData koraMeans() {
    // KORA Figur 4.2: SKP (n=166) 3,10; Sagsbehandler* (n=504) 4,12; Misbrugsbehandler (n=125) 3,84; I alt 3,85.
    charts::MeanBarsData d;
    d.bars = {{"SKP (eller anden støtteperson)", {3.10, 166, false, ""}},
              {"Sagsbehandler*", {4.12, 504, false, ""}},
              {"Misbrugsbehandler", {3.84, 125, false, ""}}};
    d.total = charts::MeanBarsData::Bar{"I alt", {3.85, 795, false, ""}};
    d.axisLabel = "Gennemsnit";
    return d;
}

charts::BeforeAfterData recoveryStar() {
    charts::BeforeAfterData d;
    d.beforeLabel = "Førmåling";
    d.afterLabel = "Eftermåling";
    auto row = [](const char* l, double b, double a, long n, const char* st) {
        return charts::BeforeAfterData::Row{l, {b, n, false, ""}, {a, n, false, ""}, n, st};
    };
    d.rows = {row("Psykisk velbefindende", 4.1, 5.6, 26, "*"), row("Fysisk sundhed", 4.4, 4.8, 25, ""),
              row("Hverdagsaktiviteter", 5.3, 5.5, 25, ""),    row("Socialt netværk", 3.6, 4.9, 25, "**"),
              row("Arbejde og uddannelse", 2.9, 3.0, 17, ""), row("Relationer", 4.6, 5.2, 17, ""),
              row("Alkohol og stoffer", 7.4, 7.2, 17, ""),     row("Ansvar og forpligtigelse", 5.8, 6.1, 17, ""),
              row("Identitet og selvværd", 4.0, 5.4, 16, "*"), row("Tillid og håb", 4.5, 6.0, 25, "*")};
    d.axisMin = 1;
    d.axisMax = 10;
    return d;
}

charts::ChangeBarsData changeRows() {
    charts::ChangeBarsData d;
    d.rows = {{"Trivsel (WHO-5)", 14, 17, 3, 34, false, ""},
              {"Personlig recovery (Brief INSPIRE-O)", 18, 10, 6, 34, false, ""},
              {"Støtte til recovery (Brief INSPIRE)", 19, 5, 4, 28, false, ""}};
    return d;
}

charts::TrendLineData quarters() {
    charts::TrendLineData d;
    d.periods = {"1. kvt. 2022", "2. kvt. 2022", "3. kvt. 2022", "4. kvt. 2022", "1. kvt. 2023", "2. kvt. 2023",
                 "3. kvt. 2023", "4. kvt. 2023", "1. kvt. 2024", "2. kvt. 2024", "3. kvt. 2024", "4. kvt. 2024"};
    d.series = {{"", {9, 6, 13, 10, 8, 10, std::nan(""), 7, 3, 6, 4, std::nan("")}, {}}};
    d.target = 8;
    d.axisLabel = "Antal nye borgere";
    return d;
}

charts::TrendLineData quarterSeries() {
    charts::TrendLineData d = quarters();
    const double x = std::nan("");
    d.series = {{"Hvidovre", {4, 1, 2, 4, 2, 8, 2, 5, 2, 1, 3, x}, {}},
                {"Vejen", {4, 3, 4, 5, 4, 1, 1, 2, 0, 1, 1, x}, {}},
                {"Odder", {x, x, 7, x, x, x, x, 0, x, x, x, x}, {"<5", "<5", "", "<5", "<5", "<5", "<5", "", "<5", "<5", "<5", ""}}};
    d.target.reset();
    return d;
}

charts::FlowChartData referrals() {
    // Rambøll Figur 8-1: ca. 215 henvendelser -> 176 -> 42; 134 = 81 + 45 + 8.
    charts::FlowChartData d;
    charts::FlowChartData::Step a{"Henvendelser om borgere", 215, "ca. 215", {}};
    charts::FlowChartData::Step b{"Kontaktet og vurderet som mulige målgruppeborgere", 176, "", {}};
    b.branches = {{"Har ikke modtaget en socialfaglig indsats",
                   134,
                   "",
                   {{"Modtager allerede anden støtte eller var svære at kontakte", 81, "", {}},
                    {"Modtager ingen støtte, men har fået hjælp til at tage kontakt", 45, "", {}},
                    {"Manglende data", 8, "", {}}}}};
    charts::FlowChartData::Step c{"Har modtaget en socialfaglig indsats", 42, "", {}};
    d.steps = {a, b, c};
    return d;
}

charts::FlowChartData cohortSuppressed() {
    // A municipality's cohort where stats withheld the excluded count and the final n.
    charts::FlowChartData d;
    charts::FlowChartData::Step a{"Registrerede borgere", 34, "", {}};
    a.branches = {{"Ikke besvaret opstartsskema, kun besvaret én gang eller under tre måneder mellem første og "
                   "seneste besvarelse",
                   18, "", {}}};
    charts::FlowChartData::Step b{"Besvaret opstartsskema og mindst ét opfølgningsskema mindst tre måneder senere", 16, "", {}};
    b.branches = {{"Mere end fem koordinatormøder eller et netværksmøde før første måling", -1, "<5", {}}};
    charts::FlowChartData::Step c{"Borgere i resultatanalysen", -1, "<5", {}};
    d.steps = {a, b, c};
    return d;
}

charts::TrafficLightData coreElements() {
    charts::TrafficLightData d;
    auto c = charts::palette::trafficLight();
    d.levels = {{"Implementeret", c[0]}, {"Delvist implementeret", c[1]}, {"Ikke implementeret", c[2]}};
    d.columns = {"Hvidovre", "Vejen", "Odder"};
    d.rows = {{"En ansvarlig tværgående koordinator", "Kerneelementer", {0, 0, 0}},
              {"Tværfaglige netværksmøder med borgeren i centrum", "Kerneelementer", {0, 1, 0}},
              {"Opfølgning og dokumentation på borgerens aftaler om mål og handlinger", "Kerneelementer", {0, 0, 2}},
              {"Tværgående ledergruppe", "Organisering", {1, -1, 1}}};
    return d;
}

charts::TrafficLightData pooledElements() {
    charts::TrafficLightData d;
    d.columns = {"De tre projektkommuner"};
    d.rows = {{"Rammesætning", "Fase 1: Opsøgende indsats", {1}},
              {"Geografisk afdækning", "Fase 1: Opsøgende indsats", {0}},
              {"Brobygning og overdragelse", "Fase 2: Socialfaglig indsats", {1}}};
    return d;
}

charts::BoxPlotData meetingHours() {
    charts::BoxPlotData d;
    d.boxes = {{"Hvidovre", 6, 14.5, 21, 30.25, 48, 23.4, {71.5}, 22, false, ""},
               {"Vejen", 4.5, 12, 18.5, 27, 41, 20.1, {}, 17, false, ""},
               {"Odder", 0, 0, 0, 0, 0, std::nan(""), {}, 3, true, "Færre end 5 forløb"},
               {"Alle kommuner", 4.5, 13, 19.75, 28.5, 48, 21.7, {58, 71.5}, 51, false, ""}};
    d.decimals = 1;
    d.axisLabel = "Mødetimer pr. afsluttet forløb";
    return d;
}

const std::string kLong =
    "Indsatsen har fokus på at involvere vigtige personer fra borgernes eventuelle netværk, hvis borgerne ønsker det, "
    "også når kontakten til netværket har været afbrudt i en længere periode";

// Every chart type and edge case, by golden-file name.
struct Case {
    std::string name;
    std::shared_ptr<const charts::Chart> chart;
};

std::vector<Case> allCases() {
    std::vector<Case> c;
    auto add = [&](std::string n, std::shared_ptr<const charts::Chart> ch) { c.push_back({std::move(n), std::move(ch)}); };
    add("likert-rounds", std::make_shared<charts::LikertBars>(likertRounds()));
    add("likert-diverging", std::make_shared<charts::LikertBars>(likertDiverging()));
    {
        charts::LikertBarsData d;  // one category on the scale
        d.categories = {"Ja"};
        d.bars = {{"Netværk kortlagt", "", {63}, 63, false, ""}};
        add("likert-one-category", std::make_shared<charts::LikertBars>(d));
    }
    {
        charts::LikertBarsData d = likertRounds();  // all 9 answers in "I høj grad": 100 % and four 0 %
        d.bars = {{"Runde 2", "", {0, 9, 0, 0, 0}, 9, false, ""}};
        add("likert-all-in-one", std::make_shared<charts::LikertBars>(d));
        d.diverging = true;
        add("likert-all-in-one-diverging", std::make_shared<charts::LikertBars>(d));
    }
    {
        charts::LikertBarsData d = likertRounds();
        d.bars[1].suppressed = true;
        d.bars[1].shown = "<5";
        add("likert-suppressed", std::make_shared<charts::LikertBars>(d));
    }
    {
        charts::LikertBarsData d = likertRounds();
        d.bars = {{kLong, "", {7, 2, 0, 0, 0}, 9, false, ""},
                  {"Fokus på at understøtte borgerne i at opbygge kontakter til naboer eller andre i lokalområdet", "",
                   {2, 5, 2, 0, 0}, 9, false, ""}};
        add("likert-long-labels", std::make_shared<charts::LikertBars>(d));
    }
    add("means-vertical", std::make_shared<charts::MeanBars>(koraMeans()));
    {
        auto d = koraMeans();
        d.horizontal = true;
        add("means-horizontal", std::make_shared<charts::MeanBars>(d));
        d = koraMeans();
        d.bars.clear();
        add("means-single", std::make_shared<charts::MeanBars>(d));
        d = koraMeans();
        d.bars[2].mean = {0, 3, true, "<5"};
        add("means-suppressed", std::make_shared<charts::MeanBars>(d));
    }
    add("grouped-bars-means", std::make_shared<charts::GroupedBars>(meansData()));
    add("grouped-bars-municipalities", std::make_shared<charts::GroupedBars>(municipalityData()));
    {
        auto d = municipalityData();
        d.horizontal = true;
        add("grouped-bars-horizontal", std::make_shared<charts::GroupedBars>(d));
    }
    add("before-after-recovery", std::make_shared<charts::BeforeAfter>(recoveryStar()));
    {
        auto d = recoveryStar();
        d.rows.resize(3);
        d.rows[1].after = {0, 3, true, "<5"};
        d.rows[1].n = 3;
        add("before-after-suppressed", std::make_shared<charts::BeforeAfter>(d));
    }
    add("change-bars", std::make_shared<charts::ChangeBars>(changeRows()));
    {
        auto d = changeRows();
        d.diverging = true;
        add("change-bars-diverging", std::make_shared<charts::ChangeBars>(d));
        d = changeRows();
        d.rows.push_back({"Hvidovre", 0, 8, 0, 14, true, "Færre end 5 i en kategori"});
        add("change-bars-suppressed", std::make_shared<charts::ChangeBars>(d));
    }
    add("stacked-change", std::make_shared<charts::StackedBars>(changeData()));
    add("trend-quarters", std::make_shared<charts::TrendLine>(quarters()));
    add("trend-series-suppressed", std::make_shared<charts::TrendLine>(quarterSeries()));
    add("flow-referrals", std::make_shared<charts::FlowChart>(referrals()));
    add("flow-suppressed", std::make_shared<charts::FlowChart>(cohortSuppressed()));
    add("traffic-light", std::make_shared<charts::TrafficLightMatrix>(coreElements()));
    add("traffic-light-one-column", std::make_shared<charts::TrafficLightMatrix>(pooledElements()));
    add("box-plot", std::make_shared<charts::BoxPlot>(meetingHours()));
    {
        auto d = meetingHours();
        d.boxes = {d.boxes[0]};
        add("box-plot-single", std::make_shared<charts::BoxPlot>(d));
    }
    return c;
}

// ------------------------------------------------------------------------------ helpers

struct Box {
    double x0, y0, x1, y1;
};

Box textBox(const scene::Text& t) {
    // Cap height and descender: what a reader sees as the extent of the text.
    double asc = text::Fonts::standard().ascent(t.size) * 0.8, desc = text::Fonts::standard().descent(t.size);
    return {t.x, t.y - asc, t.x + t.width, t.y + desc};
}

std::vector<Box> textBoxes(const scene::Scene& s) {
    std::vector<Box> out;
    for (const auto& it : s.items)
        if (auto* t = std::get_if<scene::Text>(&it)) out.push_back(textBox(*t));
    return out;
}

// Every text inside the chart's box, shapes too (allowing half a stroke), and no two texts
// overlapping. Problems are collected so one failure lists them all.
std::vector<std::string> geometryProblems(const scene::Scene& s) {
    std::vector<std::string> out;
    const double eps = 0.01, stroke = 1.2;
    auto outside = [&](double x0, double y0, double x1, double y1, double tol) {
        return x0 < -tol || y0 < -tol || x1 > s.width + tol || y1 > s.height + tol;
    };
    if (!(s.height > 0)) out.push_back("height is not positive");
    std::vector<std::pair<Box, std::string>> texts;
    for (const auto& it : s.items) {
        std::ostringstream where;
        if (auto* t = std::get_if<scene::Text>(&it)) {
            Box b = textBox(*t);
            if (outside(b.x0, b.y0, b.x1, b.y1, eps)) {
                where << "text '" << t->text << "' at (" << b.x0 << "," << b.y0 << ")-(" << b.x1 << "," << b.y1
                      << ") leaves the " << s.width << "x" << s.height << " box";
                out.push_back(where.str());
            }
            texts.push_back({b, t->text});
        } else if (auto* r = std::get_if<scene::Rect>(&it)) {
            if (outside(r->x, r->y, r->x + r->w, r->y + r->h, stroke)) out.push_back("a rect leaves the box");
        } else if (auto* l = std::get_if<scene::Line>(&it)) {
            if (outside(std::min(l->x1, l->x2), std::min(l->y1, l->y2), std::max(l->x1, l->x2), std::max(l->y1, l->y2), stroke))
                out.push_back("a line leaves the box");
        } else if (auto* c = std::get_if<scene::Circle>(&it)) {
            if (outside(c->cx - c->r, c->cy - c->r, c->cx + c->r, c->cy + c->r, stroke)) out.push_back("a circle leaves the box");
        } else if (auto* p = std::get_if<scene::Path>(&it)) {
            for (const auto& pt : p->points)
                if (outside(pt.x, pt.y, pt.x, pt.y, stroke)) {
                    out.push_back("a path leaves the box");
                    break;
                }
        }
    }
    for (size_t i = 0; i < texts.size(); ++i)
        for (size_t j = i + 1; j < texts.size(); ++j) {
            const Box &a = texts[i].first, &b = texts[j].first;
            if (a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5)
                out.push_back("texts '" + texts[i].second + "' and '" + texts[j].second + "' overlap");
        }
    return out;
}

void checkGeometry(const scene::Scene& s) {
    auto problems = geometryProblems(s);
    std::string all;
    for (const auto& p : problems) all += "\n  " + p;
    INFO("geometry problems:" << all);
    CHECK(problems.empty());
    CHECK(!textBoxes(s).empty());
}

std::vector<std::string> texts(const scene::Scene& s) {
    std::vector<std::string> out;
    for (const auto& it : s.items)
        if (auto* t = std::get_if<scene::Text>(&it)) out.push_back(t->text);
    return out;
}

long count(const std::vector<std::string>& t, const std::string& s) { return std::count(t.begin(), t.end(), s); }

const scene::Text* findText(const scene::Scene& s, const std::string& str, size_t nth = 0) {
    for (const auto& it : s.items)
        if (auto* t = std::get_if<scene::Text>(&it); t && t->text == str && nth-- == 0) return t;
    return nullptr;
}

// Rects filled with `c` at least `minH` tall (legend swatches are 8 pt, bars taller).
std::vector<scene::Rect> rectsFilled(const scene::Scene& s, scene::Color c, double minH = 0) {
    std::vector<scene::Rect> out;
    for (const auto& it : s.items)
        if (auto* r = std::get_if<scene::Rect>(&it); r && r->fill && *r->fill == c && r->h >= minH) out.push_back(*r);
    return out;
}

template <class T>
size_t countItems(const scene::Scene& s) {
    return static_cast<size_t>(std::count_if(s.items.begin(), s.items.end(), [](const scene::Item& i) { return std::holds_alternative<T>(i); }));
}

}  // namespace

// ------------------------------------------------------------------------------ all charts

TEST_CASE("Every chart type and edge case: golden SVG at 455 pt", "[charts][golden]") {
    for (const auto& c : allCases()) {
        INFO("chart " << c.name);
        testing::checkGolden("charts/" + c.name + ".svg", scene::toSvg(c.chart->draw(455)));
    }
}

TEST_CASE("Every chart type and edge case: text inside the box and no overlaps at 455, 320 and 220 pt", "[charts]") {
    for (const auto& c : allCases())
        for (double w : {455.0, 320.0, 220.0}) {
            INFO("chart " << c.name << " at " << w << " pt");
            scene::Scene s = c.chart->draw(w);
            CHECK(s.width == w);
            checkGeometry(s);
        }
}

TEST_CASE("Charts are deterministic and report truncated labels in full", "[charts]") {
    for (const auto& c : allCases()) {
        INFO("chart " << c.name);
        CHECK(scene::toSvg(c.chart->draw(320)) == scene::toSvg(c.chart->draw(320)));
        // Every truncated label is listed once, in full (no "…"), and a drawn text ends in "…".
        auto cut = c.chart->truncatedLabels(220);
        auto t = texts(c.chart->draw(220));
        bool anyEllipsis = std::any_of(t.begin(), t.end(), [](const std::string& s) {
            return s.size() >= 3 && s.compare(s.size() - 3, 3, "…") == 0;
        });
        CHECK(anyEllipsis == !cut.empty());
        for (const auto& l : cut) CHECK(l.find("…") == std::string::npos);
    }
}

// ------------------------------------------------------------------------------ Likert bars

TEST_CASE("Likert bars: percentages from counts, no label for 0 %, legend in scale order, n per bar", "[charts]") {
    scene::Scene s = charts::LikertBars(likertRounds()).draw(455);
    auto t = texts(s);
    // R1 of 13: 1 -> 7,7 % "8%", 8 -> 61,5 % "62%", 1 -> "8%", 3 -> 23,1 % "23%"; "Slet ikke" 0 % has no label.
    // R2 of 9: 2 -> 22,2 % "22%" (twice), 5 -> 55,6 % "56%". R3 of 9: 3 -> "33%", 4 -> "44%", 1 -> 11,1 % "11%" (twice).
    CHECK(count(t, "8%") == 2);
    CHECK(count(t, "62%") == 1);
    CHECK(count(t, "23%") == 1);
    CHECK(count(t, "22%") == 2);
    CHECK(count(t, "56%") == 1);
    CHECK(count(t, "33%") == 1);
    CHECK(count(t, "44%") == 1);
    CHECK(count(t, "11%") == 2);
    CHECK(count(t, "0%") == 0);
    CHECK(count(t, "n = 13") == 1);
    CHECK(count(t, "n = 9") == 2);
    auto pos = [&](const std::string& w) { return std::find(t.begin(), t.end(), w) - t.begin(); };
    for (size_t k = 0; k + 1 < kFidelity.size(); ++k) CHECK(pos(kFidelity[k]) < pos(kFidelity[k + 1]));
    // Bars in input order, top to bottom.
    CHECK(findText(s, "Runde 1")->y < findText(s, "Runde 2")->y);
    CHECK(findText(s, "Runde 2")->y < findText(s, "Runde 3")->y);
    // A segment's width is its share of the bar: 8 of 13 in "I høj grad" (palette midBlue, scale reversed).
    auto colors = charts::palette::likert(5);
    auto highs = rectsFilled(s, colors[3], 10);
    REQUIRE(highs.size() == 3);
    double barW = 0;
    for (const auto& c : colors)
        for (const auto& r : rectsFilled(s, c, 10))
            if (std::abs(r.y - highs[0].y) < 0.01) barW += r.w;
    CHECK(highs[0].w / barW == Approx(8.0 / 13.0).epsilon(1e-9));
}

TEST_CASE("Likert bars, diverging: bars centred on the neutral answer, side totals printed", "[charts]") {
    scene::Scene s = charts::LikertBars(likertDiverging()).draw(455);
    auto t = texts(s);
    // Side totals. Opstart 5/7/8/6/7 of 33: disagree (5+7)/33 = 36,4 % "36%", agree (6+7)/33 = 39,4 %
    // "39%". Seneste 2/4/5/7/15: disagree 6/33 = 18,2 %, agree 22/33 = 66,7 % "67%". Second question
    // 6/6/6/6/9: disagree 12/33 = 36,4 % "36%", agree 15/33 = 45,5 % "45%" — as the segment 15/33 of
    // the first question's latest round.
    CHECK(count(t, "36%") == 2);
    CHECK(count(t, "39%") == 1);
    CHECK(count(t, "67%") == 1);
    CHECK(count(t, "45%") == 2);
    // Every neutral segment is centred on the same x (the centre line).
    auto neutral = rectsFilled(s, charts::palette::neutral, 10);
    REQUIRE(neutral.size() == 3);
    for (const auto& r : neutral) CHECK(r.x + r.w / 2 == Approx(neutral[0].x + neutral[0].w / 2).margin(0.01));
    // Disagreement lies left of the centre, agreement right of it.
    const double centre = neutral[0].x + neutral[0].w / 2;
    for (const auto& r : rectsFilled(s, charts::palette::vermillion, 10)) CHECK(r.x + r.w <= centre + 0.01);
    for (const auto& r : rectsFilled(s, charts::palette::blue, 10)) CHECK(r.x >= centre - 0.01);
    // The group headings appear once each, the suppressed bar shows its text and no percentages.
    CHECK(count(t, "Jeg oplever, at der bliver lyttet til mig på møderne med kommunen") == 1);
    CHECK(count(t, "<5") == 1);
}

TEST_CASE("Likert bars: all answers in one category fill the bar; suppressed bars are hatched, not zero", "[charts]") {
    charts::LikertBarsData d = likertRounds();
    d.bars = {{"Runde 2", "", {0, 9, 0, 0, 0}, 9, false, ""}};
    auto t = texts(charts::LikertBars(d).draw(455));
    CHECK(count(t, "100%") == 1);
    CHECK(count(t, "0%") == 0);

    d = likertRounds();
    d.bars[1].suppressed = true;
    d.bars[1].shown = "<5";
    scene::Scene s = charts::LikertBars(d).draw(455);
    t = texts(s);
    CHECK(count(t, "<5") == 1);
    CHECK(count(t, "56%") == 0);  // Runde 2's shares are withheld
    CHECK(count(t, "0%") == 0);
    // The hatch is an outlined rect without fill spanning the bar.
    bool hatched = std::any_of(s.items.begin(), s.items.end(), [](const scene::Item& i) {
        auto* r = std::get_if<scene::Rect>(&i);
        return r && !r->fill && r->stroke && r->w > 100;
    });
    CHECK(hatched);
}

TEST_CASE("Likert bars: long labels wrap onto at most 3 lines and the cut ones are reported", "[charts]") {
    charts::LikertBarsData d = likertRounds();
    d.bars = {{kLong, "", {7, 2, 0, 0, 0}, 9, false, ""}};
    charts::LikertBars chart(d);
    scene::Scene s = chart.draw(220);
    // The label column is at most 32 % of 220 pt = 70,4 pt: the long label takes 3 lines, the last ending in "…".
    auto t = texts(s);
    size_t labelLines = 0;
    for (const auto& it : s.items)
        if (auto* x = std::get_if<scene::Text>(&it); x && x->x + x->width <= 0.32 * 220 + 0.01 && x->size == 8) ++labelLines;
    CHECK(labelLines == 3);
    CHECK(std::any_of(t.begin(), t.end(), [](const std::string& x) { return x.find("…") != std::string::npos; }));
    CHECK(chart.truncatedLabels(220) == std::vector<std::string>{kLong});
    CHECK(charts::truncationNote(chart.truncatedLabels(220)) == "Forkortede betegnelser i figuren: " + kLong + ".");
    CHECK(charts::truncationNote({}) == "");
    checkGeometry(s);
}

// ------------------------------------------------------------------------------ means

TEST_CASE("Mean bars: 2 decimals, (n = …) under each bar, fixed 1–5 axis, I alt set apart", "[charts]") {
    scene::Scene s = charts::MeanBars(koraMeans()).draw(455);
    auto t = texts(s);
    for (const char* want : {"3,10", "4,12", "3,84", "3,85", "(n = 166)", "(n = 504)", "(n = 125)", "(n = 795)",
                             "1,00", "2,00", "5,00", "I alt", "Sagsbehandler*"})
        CHECK(count(t, want) == 1);
    CHECK(count(t, "0,00") == 0);  // the scale starts at 1
    // The value labels sit over their bars; the gap before "I alt" is wider than between groups.
    double a = findText(s, "3,10")->x, b = findText(s, "4,12")->x, c = findText(s, "3,84")->x, d = findText(s, "3,85")->x;
    CHECK(b - a == Approx(c - b).margin(0.2));
    CHECK(d - c > (c - b) + 5);
    // Bars start at the scale's lower end: 4,12 is (4,12 - 1) / (5 - 1) = 78 % of the plot height.
    auto bars = rectsFilled(s, charts::palette::blue);
    REQUIRE(bars.size() == 4);
    CHECK(bars[1].h / bars[0].h == Approx((4.12 - 1) / (3.10 - 1)).epsilon(1e-6));
}

TEST_CASE("Mean bars: horizontal variant puts value labels right of the bars", "[charts]") {
    auto d = koraMeans();
    d.horizontal = true;
    scene::Scene s = charts::MeanBars(d).draw(455);
    auto bars = rectsFilled(s, charts::palette::blue);
    REQUIRE(bars.size() == 4);
    const scene::Text* v = findText(s, "4,12");
    REQUIRE(v);
    CHECK(v->x >= bars[1].x + bars[1].w);
    CHECK(v->y > bars[1].y);
    CHECK(v->y < bars[1].y + bars[1].h + 2);
}

// ------------------------------------------------------------------------------ grouped bars

TEST_CASE("Grouped bars: value labels rounded for display, n under each group, text inside the box", "[charts]") {
    scene::Scene s = charts::GroupedBars(meansData()).draw(450);
    auto t = texts(s);
    for (const char* want : {"23", "33", "36", "43", "(n = 34)", "Første måling", "Seneste måling", "100"})
        CHECK(count(t, want) >= 1);
    checkGeometry(s);
    checkGeometry(charts::GroupedBars(meansData()).draw(220));
}

TEST_CASE("Suppressed cells are drawn hatched and labelled, never as zero", "[charts]") {
    charts::GroupedBarsData d = meansData();
    d.groups[1].values[0] = {0, 3, true, "<5"};
    scene::Scene s = charts::GroupedBars(d).draw(450);
    auto t = texts(s);
    CHECK(count(t, "<5") == 1);
    CHECK(count(t, "0") == 1);  // only the axis tick, no bar label "0"
    for (bool horizontal : {false, true}) {
        auto m = municipalityData();
        m.horizontal = horizontal;
        t = texts(charts::GroupedBars(m).draw(455));
        CHECK(count(t, "<5") == 2);
        CHECK(count(t, "(n = 3)") == 1);
    }
}

TEST_CASE("Grouped bars: too narrow for their labels, they are drawn horizontally", "[charts]") {
    charts::GroupedBarsData d = municipalityData();
    for (auto& g : d.groups) g.label += " Kommune";
    d.decimals = 2;
    for (int i = 0; i < 2; ++i) d.groups.push_back(d.groups[0]);
    // 6 groups × 2 series at 220 pt: 220 · 0,9 / 6 = 33 pt per group, under the 44 pt minimum.
    scene::Scene s = charts::GroupedBars(d).draw(220);
    auto bars = rectsFilled(s, charts::palette::blue, 9);
    REQUIRE(bars.size() == 5);  // 6 groups, Odder's two values withheld
    for (const auto& b : bars) CHECK(b.w > b.h);  // horizontal bars are wider than tall
    checkGeometry(s);
}

// ------------------------------------------------------------------------------ before/after

TEST_CASE("Before/after: change with stars and n per dimension, falling means in vermillion", "[charts]") {
    scene::Scene s = charts::BeforeAfter(recoveryStar()).draw(455);
    auto t = texts(s);
    // 5,6 - 4,1 = +1,5 with *; 4,9 - 3,6 = +1,3 with **; 7,2 - 7,4 = -0,2 without stars.
    CHECK(count(t, "+1,5*") == 2);  // psykisk velbefindende and tillid og håb (6,0 - 4,5)
    CHECK(count(t, "+1,3**") == 1);
    CHECK(count(t, "-0,2") == 1);
    CHECK(count(t, "+0,1") == 1);
    CHECK(count(t, "Ændring") == 1);
    CHECK(count(t, "26") == 1);
    CHECK(count(t, "10") == 1);  // the top of the 1–10 scale is labelled
    // Falling: the filled (after) dot lies left of the ring (before) and is vermillion.
    std::vector<scene::Circle> dots;
    for (const auto& it : s.items)
        if (auto* c = std::get_if<scene::Circle>(&it)) dots.push_back(*c);
    const scene::Text* alc = findText(s, "Alkohol og stoffer");
    REQUIRE(alc);
    std::vector<scene::Circle> row;
    for (const auto& c : dots)
        if (std::abs(c.cy - (alc->y - 2.88)) < 1 && c.r > 3) row.push_back(c);
    REQUIRE(row.size() == 2);
    const auto& ring = row[0].fill && *row[0].fill == charts::palette::white ? row[0] : row[1];
    const auto& dot = &ring == &row[0] ? row[1] : row[0];
    CHECK(dot.cx < ring.cx);
    CHECK(dot.fill == std::optional<scene::Color>(charts::palette::vermillion));
    CHECK(count(t, "Eftermåling (lavere end førmåling)") == 1);
}

TEST_CASE("Before/after: 10 dimensions fit 455 pt beside their labels and 220 pt above them", "[charts]") {
    scene::Scene wide = charts::BeforeAfter(recoveryStar()).draw(455);
    scene::Scene narrow = charts::BeforeAfter(recoveryStar()).draw(220);
    // Wide: labels right-aligned left of the plot; narrow: labels start at x = 0 above their rows.
    const scene::Text* w = findText(wide, "Socialt netværk");
    const scene::Text* n = findText(narrow, "Socialt netværk");
    REQUIRE(w);
    REQUIRE(n);
    CHECK(w->x > 0);
    CHECK(n->x == 0);
    CHECK(wide.height < 300);
    CHECK(charts::BeforeAfter(recoveryStar()).truncatedLabels(455).empty());
    CHECK(charts::BeforeAfter(recoveryStar()).truncatedLabels(220).empty());
}

TEST_CASE("Before/after: a suppressed mean hides the dots and the change", "[charts]") {
    auto d = recoveryStar();
    d.rows.resize(3);
    d.rows[1].after = {0, 3, true, "<5"};
    auto t = texts(charts::BeforeAfter(d).draw(455));
    CHECK(count(t, "<5") == 1);
    CHECK(count(t, "–") == 1);
    CHECK(count(t, "4,4") == 0);
}

// ------------------------------------------------------------------------------ change

TEST_CASE("Change bars: shares from counts in the Likert palette's ends, diverging puts worse left", "[charts]") {
    scene::Scene s = charts::ChangeBars(changeRows()).draw(455);
    auto t = texts(s);
    // 14/34 = 41,2 %, 17/34 = 50 %, 3/34 = 8,8 %; 18/34 = 52,9 %, 10/34 = 29,4 %, 6/34 = 17,6 %;
    // 19/28 = 67,9 %, 5/28 = 17,9 %, 4/28 = 14,3 %.
    for (const char* want : {"41%", "50%", "9%", "53%", "29%", "68%", "14%", "n = 28", "Fremgang", "Tilbagegang"})
        CHECK(count(t, want) == 1);
    CHECK(count(t, "18%") == 2);
    auto up = rectsFilled(s, charts::palette::improved, 10), down = rectsFilled(s, charts::palette::worsened, 10);
    REQUIRE(up.size() == 3);
    REQUIRE(down.size() == 3);
    // Non-diverging: improvement first (leftmost) in each bar.
    for (size_t i = 0; i < 3; ++i) CHECK(up[i].x < down[i].x);

    auto d = changeRows();
    d.diverging = true;
    s = charts::ChangeBars(d).draw(455);
    up = rectsFilled(s, charts::palette::improved, 10);
    down = rectsFilled(s, charts::palette::worsened, 10);
    for (size_t i = 0; i < 3; ++i) CHECK(down[i].x < up[i].x);
    // Side totals: improved 14/34 = 41,2 % "41%" printed inside the segment and beside the bar.
    CHECK(count(texts(s), "41%") == 2);
}

TEST_CASE("Stacked bars: a tiny segment gets no label that would not fit", "[charts]") {
    charts::StackedBarsData d = changeData();
    d.bars = {{"Lille andel", {1, 99, 0}, 100, false, ""}};
    scene::Scene s = charts::StackedBars(d).draw(300);
    auto t = texts(s);
    CHECK(count(t, "1%") == 0);
    CHECK(count(t, "99%") == 1);
    checkGeometry(s);
}

// ------------------------------------------------------------------------------ trend

TEST_CASE("Trend: a missing quarter breaks the line, the target is a dashed line", "[charts]") {
    scene::Scene s = charts::TrendLine(quarters()).draw(455);
    // Values 9 6 13 10 8 10 _ 7 3 6 4 _: two runs of points (6 and 4 long), so two polylines.
    std::vector<scene::Path> lines;
    for (const auto& it : s.items)
        if (auto* p = std::get_if<scene::Path>(&it); p && !p->closed) lines.push_back(*p);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].points.size() == 6);
    CHECK(lines[1].points.size() == 4);
    // 10 markers, no marker in the gap.
    CHECK(countItems<scene::Circle>(s) == 10);
    bool dashed = std::any_of(s.items.begin(), s.items.end(), [](const scene::Item& i) {
        auto* l = std::get_if<scene::Line>(&i);
        return l && l->dash > 0 && l->y1 == l->y2;
    });
    CHECK(dashed);
    auto t = texts(s);
    CHECK(count(t, "Mål: 8") == 1);
    CHECK(count(t, "13") == 1);  // the top value is labelled
}

TEST_CASE("Trend: withheld quarters are labelled in the gap, never drawn as zero", "[charts]") {
    scene::Scene s = charts::TrendLine(quarterSeries()).draw(455);
    auto t = texts(s);
    CHECK(count(t, "<5") >= 1);
    // Odder has two values (7 and 0), both isolated points: two triangles, no polyline.
    size_t triangles = 0;
    for (const auto& it : s.items)
        if (auto* p = std::get_if<scene::Path>(&it); p && p->closed && p->points.size() == 3) ++triangles;
    CHECK(triangles == 2 + 1);  // and one in the legend
    CHECK(count(t, "Hvidovre") == 1);
    CHECK(count(t, "Odder") == 1);
}

// ------------------------------------------------------------------------------ flow

TEST_CASE("Flow chart: counts and each count's share of the step it leaves", "[charts]") {
    scene::Scene s = charts::FlowChart(referrals()).draw(455);
    auto t = texts(s);
    // 42/176 = 23,9 % "(24%)", 134/176 = 76,1 % "(76%)"; of the 134: 81 = 60,4 % "60%",
    // 45 = 33,6 % "34%", 8 = 6,0 % "6%". 176 gets no share: its parent "ca. 215" is approximate.
    for (const char* want : {"ca. 215", "176", "42", "(24%)", "134", "(76%)", "81", "45", "8"}) CHECK(count(t, want) == 1);
    bool parts = std::any_of(t.begin(), t.end(), [](const std::string& x) { return x.find("(60%)") != std::string::npos; });
    CHECK(parts);
    CHECK(std::none_of(t.begin(), t.end(), [](const std::string& x) { return x.find("(82%)") != std::string::npos; }));
    // Steps top to bottom; the branch to the right of its step.
    CHECK(findText(s, "ca. 215")->y < findText(s, "176")->y);
    CHECK(findText(s, "176")->y < findText(s, "42")->y);
    CHECK(findText(s, "134")->x > findText(s, "176")->x + 100);
}

TEST_CASE("Flow chart: withheld counts show their text and no share", "[charts]") {
    auto t = texts(charts::FlowChart(cohortSuppressed()).draw(455));
    CHECK(count(t, "<5") == 2);
    CHECK(count(t, "(53%)") == 1);  // 18/34 = 52,9 %
    CHECK(count(t, "(47%)") == 1);  // 16/34 = 47,1 %
    CHECK(std::none_of(t.begin(), t.end(), [](const std::string& x) { return x == "0" || x == "(0%)"; }));
}

// ------------------------------------------------------------------------------ traffic light

TEST_CASE("Traffic-light matrix: every cell carries its rating word on its colour", "[charts]") {
    scene::Scene s = charts::TrafficLightMatrix(coreElements()).draw(455);
    auto t = texts(s);
    CHECK(count(t, "Implementeret") == 7);
    CHECK(count(t, "Ikke vurderet") == 1);
    CHECK(count(t, "Kerneelementer") == 1);
    auto green = rectsFilled(s, charts::palette::trafficLight()[0]);
    auto red = rectsFilled(s, charts::palette::trafficLight()[2]);
    CHECK(green.size() == 7);
    CHECK(red.size() == 1);
    CHECK(rectsFilled(s, charts::palette::notRated).size() == 1);
    // The words are white on the dark green and ink on the yellow.
    for (const auto& it : s.items)
        if (auto* x = std::get_if<scene::Text>(&it); x && x->text == "Implementeret")
            CHECK(x->color == charts::palette::white);
    // Columns in order, left to right.
    CHECK(findText(s, "Hvidovre")->x < findText(s, "Vejen")->x);
    CHECK(findText(s, "Vejen")->x < findText(s, "Odder")->x);
}

// ------------------------------------------------------------------------------ box plot

TEST_CASE("Box plot: quartile box, median label, mean diamond, outliers, suppressed group", "[charts]") {
    scene::Scene s = charts::BoxPlot(meetingHours()).draw(455);
    auto t = texts(s);
    for (const char* want : {"21,0", "18,5", "19,8", "n = 22", "n = 51", "Færre end 5 forløb", "Median", "Gennemsnit",
                             "Ekstreme værdier"})
        CHECK(count(t, want) == 1);
    // 3 outlier rings; 3 mean diamonds (plus one in the legend).
    size_t rings = 0;
    for (const auto& it : s.items)
        if (auto* c = std::get_if<scene::Circle>(&it); c && c->fill == std::optional<scene::Color>(charts::palette::white)) ++rings;
    CHECK(rings == 3 + 1);
    // The box spans q1..q3: Hvidovre 14,5–30,25 is (30,25-14,5)/(27-12) = 1,05 times Vejen's.
    auto boxes = rectsFilled(s, charts::palette::paleBlue);
    REQUIRE(boxes.size() == 1 + 3);  // legend swatch + three boxes
    CHECK(boxes[1].w / boxes[2].w == Approx((30.25 - 14.5) / (27.0 - 12.0)).epsilon(1e-6));
}

// ------------------------------------------------------------------------------ foundations

TEST_CASE("Palettes: neighbouring colours differ in greyscale", "[charts]") {
    using charts::palette::luminance;
    for (size_t n = 2; n <= 7; ++n) {
        auto p = charts::palette::likert(n);
        REQUIRE(p.size() == n);
        for (size_t k = 0; k + 1 < n; ++k) {
            INFO("likert(" << n << ") steps " << k << " and " << k + 1);
            CHECK(std::abs(luminance(p[k]) - luminance(p[k + 1])) >= 25);
        }
        // With three or more steps, the extremes are darker than the steps next to them.
        if (n >= 3) {
            CHECK(luminance(p[0]) < luminance(p[1]));
            CHECK(luminance(p[n - 1]) < luminance(p[n - 2]));
        }
    }
    for (size_t n = 2; n <= 4; ++n) {
        auto p = charts::palette::series(n);
        for (size_t k = 0; k + 1 < n; ++k) CHECK(std::abs(luminance(p[k]) - luminance(p[k + 1])) >= 25);
    }
    auto tl = charts::palette::trafficLight();
    for (size_t i = 0; i < tl.size(); ++i)
        for (size_t j = i + 1; j < tl.size(); ++j) CHECK(std::abs(luminance(tl[i]) - luminance(tl[j])) >= 25);
    CHECK(charts::palette::textOn(charts::palette::blue) == charts::palette::white);
    CHECK(charts::palette::textOn(charts::palette::neutral) == charts::palette::ink);
}

TEST_CASE("Axis ticks: fixed scales keep their ends, free scales round outwards", "[charts]") {
    auto v = charts::scaleTicks(1, 5, 4).values;
    CHECK(v == std::vector<double>{1, 2, 3, 4, 5});
    v = charts::scaleTicks(1, 10, 5).values;  // 9 units: step 2 does not divide, so 1
    REQUIRE(v.size() == 10);
    CHECK(v.front() == 1);
    CHECK(v.back() == 10);
    CHECK(charts::scaleTicks(0, 100, 5).values == std::vector<double>{0, 20, 40, 60, 80, 100});
    auto t = charts::niceTicks(0, 37, 4);
    CHECK(t.max == 40);
    CHECK(t.step == 10);
    CHECK(charts::niceTicks(0, 0.37, 4).decimals == 1);
}

TEST_CASE("wrapLabel: at most maxLines lines, each within the width, cut text ends in an ellipsis", "[charts]") {
    bool cut = false;
    auto lines = charts::wrapLabel(kLong, 80, 8, 3, &cut);
    CHECK(lines.size() == 3);
    CHECK(cut);
    for (const auto& l : lines) CHECK(charts::Canvas::width(l, 8) <= 80 + 1e-9);
    CHECK(lines.back().substr(lines.back().size() - 3) == "…");
    lines = charts::wrapLabel("Trivsel", 80, 8, 3, &cut);
    CHECK(lines == std::vector<std::string>{"Trivsel"});
    CHECK_FALSE(cut);
    // A width too small for anything leaves a lone ellipsis instead of looping or crashing.
    lines = charts::wrapLabel("Værestedsmedarbejdere", 1, 8, 1, &cut);
    CHECK(lines == std::vector<std::string>{"…"});
}

TEST_CASE("Charts without data draw an empty, well-formed scene instead of failing", "[charts]") {
    std::vector<std::shared_ptr<const charts::Chart>> empty{
        std::make_shared<charts::LikertBars>(charts::LikertBarsData{}),
        std::make_shared<charts::StackedBars>(charts::StackedBarsData{}),
        std::make_shared<charts::ChangeBars>(charts::ChangeBarsData{}),
        std::make_shared<charts::MeanBars>(charts::MeanBarsData{}),
        std::make_shared<charts::GroupedBars>(charts::GroupedBarsData{}),
        std::make_shared<charts::BeforeAfter>(charts::BeforeAfterData{}),
        std::make_shared<charts::TrendLine>(charts::TrendLineData{}),
        std::make_shared<charts::FlowChart>(charts::FlowChartData{}),
        std::make_shared<charts::TrafficLightMatrix>(charts::TrafficLightData{}),
        std::make_shared<charts::BoxPlot>(charts::BoxPlotData{})};
    for (const auto& c : empty)
        for (double w : {455.0, 40.0}) {
            INFO(c->kind() << " at " << w);
            scene::Scene s = c->draw(w);
            CHECK(s.width == w);
            CHECK(s.height >= 0);
            CHECK(std::isfinite(s.height));
        }
}
