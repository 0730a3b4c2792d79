// Layout: paragraphs wrap inside the margins, justified lines fill the measure, Danish
// hyphenation breaks long words, and pages carry "Side X af Y".
#include <catch2/catch.hpp>

#include "document/Document.hpp"
#include "layout/Hyphenator.hpp"
#include "layout/Layout.hpp"
#include "layout/LineBreaker.hpp"
#include "text/Fonts.hpp"

namespace {

const char* kDanish =
    "Samarbejdsmodellen er en koordineret, helhedsorienteret og sammenhængende indsats for ældre borgere i "
    "udsatte positioner med komplekse problemer. Evalueringen belyser implementeringen af kerneelementerne, "
    "borgernes oplevede inddragelse og udviklingen i trivsel og personlig recovery. Resultaterne skal "
    "gennemgående tolkes med forsigtighed, da de alene bygger på spørgeskemabesvarelser fra et begrænset "
    "antal borgere, hvoraf flere fortsat var i forløb ved dataindsamlingens afslutning. Koordinatorerne "
    "arbejder recovery-orienteret og rehabiliterende, og de tværfaglige netværksmøder understøtter et "
    "forpligtende samarbejde på tværs af forvaltninger, afdelinger og sektorer i kommunerne.";

document::Document docWith(int paragraphs) {
    document::Document d;
    d.title = "Test af ombrydning";
    for (int i = 0; i < paragraphs; ++i) {
        document::Paragraph p;
        p.spans.push_back({kDanish, scene::Face::Regular, "", 0});
        document::Block b;
        b.v = std::move(p);
        d.blocks.push_back(std::move(b));
    }
    return d;
}

}  // namespace

TEST_CASE("Hyphenation: Danish patterns offer break points inside long words", "[layout]") {
    const auto& h = layout::Hyphenator::danish();
    REQUIRE(h.available());
    auto pts = h.points("forvaltninger");
    CHECK(!pts.empty());
    for (size_t p : pts) {
        CHECK(p >= 2);                       // at least two letters before the break
        CHECK(p <= std::string("forvaltninger").size() - 3);  // at least three after
    }
    CHECK(h.points("og").empty());
}

TEST_CASE("A long Danish paragraph wraps within the margins, justified and hyphenated", "[layout]") {
    layout::PageStyle ps;
    layout::Pages pages = layout::layoutDocument(docWith(6), ps);
    REQUIRE(!pages.pages.empty());
    const double left = ps.marginLeft, right = ps.width - ps.marginRight;
    int bodyLines = 0, flushRight = 0, hyphenated = 0;
    for (const auto& page : pages.pages)
        for (const auto& it : page.items) {
            auto* t = std::get_if<scene::Text>(&it);
            if (!t || t->size != 10) continue;  // body text only (not title, header, footer)
            ++bodyLines;
            CHECK(t->x >= left - 0.01);
            CHECK(t->x + t->width <= right + 0.05);
            if (std::fabs(t->x + t->width - right) < 0.05) ++flushRight;
            if (t->text.size() > 1 && t->text.back() == '-') ++hyphenated;
        }
    CHECK(bodyLines > 40);
    // Justified: all but the last line of each paragraph end exactly at the right margin.
    CHECK(flushRight >= bodyLines - 6 - 1);
    CHECK(hyphenated >= 1);
}

TEST_CASE("Justified lines keep word spacing reasonable (no rivers)", "[layout]") {
    layout::TextStyle st;
    auto lines = layout::breakLines({{kDanish, scene::Face::Regular, "", 0}}, 300, st);
    const double space = text::Fonts::standard().width(" ", scene::Face::Regular, st.size);
    for (size_t i = 0; i + 1 < lines.size(); ++i) {
        CHECK(lines[i].wordSpacing <= space * 1.0);   // at most doubling the normal space
        CHECK(lines[i].wordSpacing >= -space * 0.4);  // shrinking is limited
    }
}

TEST_CASE("Every page has a 'Side X af Y' footer", "[layout]") {
    layout::Pages pages = layout::layoutDocument(docWith(12));
    const size_t n = pages.pages.size();
    REQUIRE(n >= 2);
    for (size_t i = 0; i < n; ++i) {
        std::string want = "Side " + std::to_string(i + 1) + " af " + std::to_string(n);
        bool found = false;
        for (const auto& it : pages.pages[i].items)
            if (auto* t = std::get_if<scene::Text>(&it); t && t->text == want) found = true;
        CHECK(found);
    }
}
