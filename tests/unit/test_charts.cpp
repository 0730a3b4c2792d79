// Charts: SVG golden snapshots, and geometry checks (text inside the box, no overlaps).
#include <catch2/catch.hpp>

#include "Golden.hpp"
#include "charts/GroupedBars.hpp"
#include "charts/Palette.hpp"
#include "charts/StackedBars.hpp"
#include "scene/SvgWriter.hpp"
#include "text/Fonts.hpp"

namespace {

charts::GroupedBarsData meansData() {
    charts::GroupedBarsData d;
    d.series = {"Første måling", "Seneste måling"};
    // The published SBST means (rounded): WHO-5 23 -> 33, Brief INSPIRE-O 36 -> 43, n = 34.
    auto cell = [](double v) { return charts::Cell{v, 34, false, ""}; };
    d.groups = {{"Trivsel (WHO-5)", {cell(23.06), cell(32.94)}, 34},
                {"Personlig recovery (Brief INSPIRE-O)", {cell(36.32), cell(42.65)}, 34}};
    d.axisMin = 0;
    d.axisMax = 100;
    d.axisLabel = "Gennemsnitlig score";
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

struct Box {
    double x0, y0, x1, y1;
};

std::vector<Box> textBoxes(const scene::Scene& s) {
    std::vector<Box> out;
    for (const auto& it : s.items)
        if (auto* t = std::get_if<scene::Text>(&it)) {
            double asc = text::Fonts::standard().ascent(t->size) * 0.8, desc = text::Fonts::standard().descent(t->size);
            out.push_back({t->x, t->y - asc, t->x + t->width, t->y + desc});
        }
    return out;
}

void checkGeometry(const scene::Scene& s) {
    auto boxes = textBoxes(s);
    REQUIRE(!boxes.empty());
    for (const auto& b : boxes) {
        CHECK(b.x0 >= -0.01);
        CHECK(b.x1 <= s.width + 0.01);
        CHECK(b.y0 >= -0.01);
        CHECK(b.y1 <= s.height + 0.01);
    }
    for (size_t i = 0; i < boxes.size(); ++i)
        for (size_t j = i + 1; j < boxes.size(); ++j) {
            const Box &a = boxes[i], &b = boxes[j];
            bool overlap = a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5;
            INFO("text boxes " << i << " and " << j << " overlap");
            CHECK_FALSE(overlap);
        }
}

std::vector<std::string> texts(const scene::Scene& s) {
    std::vector<std::string> out;
    for (const auto& it : s.items)
        if (auto* t = std::get_if<scene::Text>(&it)) out.push_back(t->text);
    return out;
}

}  // namespace

TEST_CASE("Grouped bars of first and latest means: golden SVG", "[charts][golden]") {
    charts::GroupedBars chart(meansData());
    scene::Scene s = chart.draw(450);
    testing::checkGolden("charts/grouped-bars-means.svg", scene::toSvg(s));
}

TEST_CASE("Grouped bars: value labels rounded for display, n under each group, text inside the box", "[charts]") {
    scene::Scene s = charts::GroupedBars(meansData()).draw(450);
    auto t = texts(s);
    for (const char* want : {"23", "33", "36", "43", "(n = 34)", "Første måling", "Seneste måling", "100"})
        CHECK(std::count(t.begin(), t.end(), want) >= 1);
    checkGeometry(s);
    // Narrow width: labels wrap instead of colliding.
    checkGeometry(charts::GroupedBars(meansData()).draw(220));
}

TEST_CASE("Stacked 100% bars of change categories: golden SVG", "[charts][golden]") {
    charts::StackedBars chart(changeData());
    testing::checkGolden("charts/stacked-change.svg", scene::toSvg(chart.draw(450)));
}

TEST_CASE("Stacked bars: percentage labels from counts, legend in order, geometry", "[charts]") {
    scene::Scene s = charts::StackedBars(changeData()).draw(450);
    auto t = texts(s);
    // 14/34 = 41,2 %, 17/34 = 50 %, 3/34 = 8,8 %; 18/34 = 52,9 %, 10/34 = 29,4 %, 6/34 = 17,6 %.
    for (const char* want : {"41%", "50%", "9%", "53%", "29%", "18%", "n = 34"}) CHECK(std::count(t.begin(), t.end(), want) >= 1);
    auto pos = [&](const char* w) { return std::find(t.begin(), t.end(), w) - t.begin(); };
    CHECK(pos("Fremgang") < pos("Status quo"));
    CHECK(pos("Status quo") < pos("Tilbagegang"));
    checkGeometry(s);
}

TEST_CASE("Stacked bars: a tiny segment gets no label that would not fit", "[charts]") {
    charts::StackedBarsData d = changeData();
    d.bars = {{"Lille andel", {1, 99, 0}, 100, false, ""}};
    scene::Scene s = charts::StackedBars(d).draw(300);
    auto t = texts(s);
    CHECK(std::count(t.begin(), t.end(), "1%") == 0);
    CHECK(std::count(t.begin(), t.end(), "99%") == 1);
    checkGeometry(s);
}

TEST_CASE("Suppressed cells are drawn hatched and labelled, never as zero", "[charts]") {
    charts::GroupedBarsData d = meansData();
    d.groups[1].values[0] = {0, 3, true, "<5"};
    scene::Scene s = charts::GroupedBars(d).draw(450);
    auto t = texts(s);
    CHECK(std::count(t.begin(), t.end(), "<5") == 1);
    CHECK(std::count(t.begin(), t.end(), "0") == 1);  // only the axis tick, no bar label "0"
}
