// Template -> document -> layout, inspected on the laid-out scenes (the SVG-level truth, not
// PDF bytes): table of contents page numbers, caption numbering per chapter and resolved
// cross-references, a long table repeating its header, footnotes on their page, title page.
#include <catch2/catch.hpp>

#include <map>

#include "Support.hpp"
#include "core/Value.hpp"
#include "document/Builder.hpp"
#include "figures/Exhibits.hpp"
#include "layout/Layout.hpp"
#include "project/TemplateSpec.hpp"

using testing::TempDir;

namespace {

std::string lorem(int sentences) {
    std::string s;
    for (int i = 0; i < sentences; ++i)
        s += "Evalueringen belyser implementeringen af kerneelementerne og udviklingen i borgernes trivsel. ";
    return s;
}

struct Rendered {
    layout::Pages pages;
    std::vector<std::vector<std::string>> texts;  // per page, every text item
    int pageOf(const std::string& needle) const {
        for (size_t p = 0; p < texts.size(); ++p)
            for (const auto& t : texts[p])
                if (t.find(needle) != std::string::npos) return static_cast<int>(p);
        return -1;
    }
    bool has(size_t page, const std::string& needle) const {
        for (const auto& t : texts.at(page))
            if (t.find(needle) != std::string::npos) return true;
        return false;
    }
    int count(const std::string& needle) const {
        int n = 0;
        for (const auto& p : texts)
            for (const auto& t : p)
                if (t == needle) ++n;
        return n;
    }
};

Rendered render(const std::string& yaml, const std::string& md, const figures::Exhibits& ex) {
    TempDir dir;
    dir.write("t/template.yaml", yaml);
    dir.write("t/doc.md", md);
    project::TemplateSpec spec = project::loadTemplate(dir.file("t"), {});
    core::Value ctx = core::Value::object();
    document::Meta meta;
    meta.title = "Testrapport";
    meta.subtitle = "Om layout";
    meta.author = "Testorganisation";
    meta.dateText = "1. november 2024";
    meta.colophon = {{"Titel", "Testrapport"}};
    document::Document doc = document::buildDocument(spec, ctx, ex, meta);
    Rendered r;
    r.pages = layout::layoutDocument(doc);
    for (const auto& page : r.pages.pages) {
        std::vector<std::string> t;
        for (const auto& it : page.items)
            if (auto* x = std::get_if<scene::Text>(&it)) t.push_back(x->text);
        r.texts.push_back(std::move(t));
    }
    return r;
}

figures::TableModel longTable(const std::string& id, int rows) {
    figures::TableModel t;
    t.id = id;
    t.title = "Mange rækker";
    t.source = "Testdata.";
    t.header = {"Kommune", "Antal"};
    t.align = {figures::Align::Left, figures::Align::Right};
    for (int i = 1; i <= rows; ++i) {
        t.rows.push_back({"Række " + std::to_string(i), std::to_string(i)});
        t.strong.push_back(false);
    }
    return t;
}

const char* kYaml = "document: doc.md\nnumbering: chapter\nnumber_headings: true\ntitle_page: true\n"
                    "tables:\n  dummy: {kind: counts, sources: [x], title: x}\n";

}  // namespace

TEST_CASE("Layout: TOC page numbers are the pages where the headings land", "[layout][document]") {
    std::string md = "{{ toc }}\n\n# Første kapitel\n\n" + lorem(40) + "\n\n## Et afsnit\n\n" + lorem(60) +
                     "\n\n# Andet kapitel\n\n" + lorem(30) + "\n";
    figures::Exhibits ex;
    Rendered r = render(kYaml, md, ex);
    REQUIRE(r.pages.pages.size() >= 5);
    // Title page and colophon come first, with no page number.
    CHECK(r.has(0, "Testrapport"));
    CHECK(r.pageOf("Kolofon") == 1);
    CHECK_FALSE(r.has(0, "Side 1 af"));
    for (const auto& o : r.pages.outline) {
        INFO("heading " << o.title);
        // The heading text is on the page the outline (and the TOC) says…
        CHECK(r.has(static_cast<size_t>(o.page), o.title.substr(o.title.find(' ') + 1)));
        // …and the TOC line shows that page number, 1-based.
        bool tocShows = false;
        for (size_t p = 0; p < r.texts.size() && !tocShows; ++p)
            for (size_t i = 0; i + 1 < r.texts[p].size(); ++i)
                if (r.texts[p][i] == o.title) {
                    for (size_t j = i + 1; j < r.texts[p].size() && j < i + 3; ++j)
                        if (r.texts[p][j] == std::to_string(o.page + 1)) tocShows = true;
                }
        CHECK(tocShows);
    }
    CHECK(r.pages.outline.size() == 3);
    CHECK(r.pages.outline[0].title == "1 Første kapitel");
    CHECK(r.pages.outline[1].title == "1.1 Et afsnit");
    CHECK(r.pages.outline[2].title == "2 Andet kapitel");
}

TEST_CASE("Layout: captions numbered per chapter and references resolved", "[layout][document]") {
    figures::Exhibits ex;
    ex.tables.push_back(longTable("a", 3));
    ex.tables.push_back(longTable("b", 3));
    ex.tables.push_back(longTable("c", 3));
    std::string md = "# Et\n\nSe {{ ref \"b\" }} og {{ ref \"c\" }}.\n\n{{ table \"a\" }}\n\n{{ table \"b\" }}\n\n"
                     "# To\n\n{{ table \"c\" }}\n";
    Rendered r = render(kYaml, md, ex);
    CHECK(r.pageOf("Tabel 1.1 Mange rækker") >= 0);
    CHECK(r.pageOf("Tabel 1.2 Mange rækker") >= 0);
    CHECK(r.pageOf("Tabel 2.1 Mange rækker") >= 0);
    CHECK(r.pageOf("Se Tabel 1.2 og Tabel 2.1.") >= 0);
}

TEST_CASE("Layout: a table broken across pages repeats its header row", "[layout][document]") {
    figures::Exhibits ex;
    ex.tables.push_back(longTable("lang", 120));
    Rendered r = render("document: doc.md\ntables:\n  dummy: {kind: counts, sources: [x], title: x}\n",
                        "# Tabel\n\n{{ table \"lang\" }}\n", ex);
    int first = r.pageOf("Række 1"), last = r.pageOf("Række 120");
    REQUIRE(first >= 0);
    REQUIRE(last > first);
    for (int p = first; p <= last; ++p) {
        INFO("page " << p);
        CHECK(r.has(static_cast<size_t>(p), "Kommune"));  // the header on every page of the table
    }
    CHECK(r.count("Kommune") == last - first + 1);
}

TEST_CASE("Layout: a footnote is set at the foot of the page of its reference", "[layout][document]") {
    figures::Exhibits ex;
    std::string md = "# Et\n\n" + lorem(60) + "\n\nHer er en påstand.[^kilde]\n\n" + lorem(30) +
                     "\n\n[^kilde]: Sundhedsstyrelsen (2017).\n";
    Rendered r = render("document: doc.md\ntables:\n  dummy: {kind: counts, sources: [x], title: x}\n", md, ex);
    int ref = r.pageOf("Her er en påstand.");
    int note = r.pageOf("Sundhedsstyrelsen (2017).");
    REQUIRE(ref >= 0);
    REQUIRE(note == ref);
    // The note lies below every body line on that page.
    double noteY = 0, lowestBody = 0;
    for (const auto& it : r.pages.pages[static_cast<size_t>(note)].items)
        if (auto* t = std::get_if<scene::Text>(&it)) {
            if (t->text.find("Sundhedsstyrelsen") != std::string::npos) noteY = t->y;
            else if (t->size == 10) lowestBody = std::max(lowestBody, t->y);
        }
    CHECK(noteY > lowestBody);
}

TEST_CASE("Layout: a box whose end Markdown swallows is an error, not lost text", "[layout][document]") {
    // The engine pairs {{ box }} with {{ /box }}, but Markdown decides what is a block: a box
    // marker taken into a fenced code block is no longer at the top level. Found by fuzzing (an end
    // without its start read past an empty list of open boxes).
    figures::Exhibits ex;
    // A code fence opened before the box start (or inside the box) and closed after it.
    const std::string startInCode = "# Kapitel\n\n```\nkode\n{{ box \"metode\" }}\nTekst.\n```\n\n{{ /box }}\n";
    const std::string endInCode = "# Kapitel\n\n{{ box \"metode\" }}\nTekst.\n```\nkode\n{{ /box }}\n";
    auto message = [&](const std::string& md) {
        try {
            render(kYaml, md, ex);
        } catch (const core::Error& e) {
            return e.oneLine();
        }
        return std::string("rendered");
    };
    const std::string a = message(startInCode);
    const std::string b = message(endInCode);
    INFO(a << "\n" << b);
    CHECK(a != "rendered");
    CHECK(b != "rendered");
    CHECK_THAT(a, Catch::Contains("doc.md:5:1: the start of this box is not at the top level"));
    CHECK_THAT(b, Catch::Contains("doc.md:3:1: the end of this box is not at the top level"));
    // A box on lines of its own is fine.
    CHECK(message("# Kapitel\n\n{{ box \"metode\" }}\n\nTekst.\n\n{{ /box }}\n") == "rendered");
}

TEST_CASE("Layout: a heading too long for the contents is shortened there with an ellipsis", "[layout][document]") {
    // Shortening used to drop one character at a time and could loop for ever (found by
    // fuzzing); the entry must end in "…", keep the heading's start and leave room for the page.
    std::string longTitle;
    for (int i = 0; i < 40; ++i) longTitle += "Borgernes trivsel ";
    longTitle += "slut";
    figures::Exhibits ex;
    Rendered r = render(kYaml, "{{ toc }}\n\n# " + longTitle + "\n\n" + lorem(3) + "\n", ex);
    std::string entry;
    for (const auto& t : r.texts.at(static_cast<size_t>(r.pageOf("Indhold"))))
        if (t.rfind("1 Borgernes", 0) == 0) entry = t;
    INFO(entry);
    REQUIRE_FALSE(entry.empty());
    CHECK(entry.size() < longTitle.size());
    CHECK(entry.compare(entry.size() - 3, 3, "…") == 0);
    CHECK(entry.find("slut") == std::string::npos);
}
