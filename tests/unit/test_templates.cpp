// The three shipped templates rendered for every sample project, read back with pdftotext and
// checked as a reader would check them (issue 7): the table of contents points at the pages
// where the headings land, captions are numbered per chapter in order, every "jf. Figur 4.1"
// names a caption that exists, a table broken across pages repeats its header, justified
// Danish text is hyphenated, the PDF is valid and extracts without warnings, and a second
// render is byte-identical.
#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "Support.hpp"

using namespace testing;

namespace {

struct Rendered {
    std::string pdf;
    std::vector<std::string> pages;        // pdftotext, one entry per page
    std::vector<std::string> layoutPages;  // pdftotext -layout
};

std::vector<std::string> splitPages(const std::string& text) {
    std::vector<std::string> pages;
    std::string cur;
    for (char c : text) {
        if (c == '\f') {
            pages.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty() && cur.find_first_not_of(" \n") != std::string::npos) pages.push_back(cur);
    return pages;
}

std::vector<std::string> lines(const std::string& page) {
    std::vector<std::string> out;
    std::istringstream in(page);
    for (std::string l; std::getline(in, l);) {
        while (!l.empty() && (l.back() == ' ' || l.back() == '\r')) l.pop_back();
        out.push_back(l);
    }
    return out;
}

// Renders once per (project, template) for the whole test run.
const Rendered& render(const std::string& project, const std::string& tmpl) {
    static TempDir dir;
    static std::map<std::string, Rendered> cache;
    const std::string key = project + "/" + tmpl;
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
    Rendered r;
    r.pdf = dir.file(project + "-" + tmpl + ".pdf");
    Result res = evalreport("render " + quote(sourceDir() + "/samples/" + project + "/project.yaml") + " --template " + tmpl +
                            " -o " + quote(r.pdf));
    INFO(res.err);
    REQUIRE(res.exitCode == 0);
    std::string warnings;
    r.pages = splitPages(pdfText(r.pdf, &warnings));
    INFO("poppler: " << warnings);
    CHECK(warnings.empty());
    r.layoutPages = splitPages(pdfText(r.pdf, nullptr, true));
    return cache.emplace(key, std::move(r)).first->second;
}

const char* const kProjects[] = {"aeldre", "vaeresteder", "isolerede"};

bool isTocPage(const std::string& page) { return page.find("Indhold\n") != std::string::npos; }

// The contents entries: "3.2 Frafald . . . . 9" (dot leaders) -> {"3.2 Frafald", 9}.
std::vector<std::pair<std::string, size_t>> contents(const Rendered& r) {
    static const std::regex entry(R"(^(.*?[^ .])[ .]*\s([0-9]+)$)");
    std::vector<std::pair<std::string, size_t>> out;
    for (const auto& page : r.pages) {
        if (!isTocPage(page)) continue;
        for (const auto& l : lines(page)) {
            std::smatch m;
            if (std::regex_match(l, m, entry) && l.find(". .") != std::string::npos)
                out.emplace_back(m[1], std::stoul(m[2]));
        }
    }
    return out;
}

// "Figur 4.1 Andel …" and "Tabel A.2 …" at the start of a line, with a capitalised title
// (running text that starts a line with "Figur 4.1 viser" is not a caption).
const std::regex kCaption(R"(^(Figur|Tabel) ([0-9]+|[A-Z])\.([0-9]+) [A-ZÆØÅ»"(])");
const std::regex kChapter(R"(^([0-9]+) [A-ZÆØÅ])");
const std::regex kBilag(R"(^Bilag ([A-Z]):)");

}  // namespace

TEST_CASE("Evaluation report: size, contents and numbering for every sample", "[templates]") {
    for (const char* project : kProjects) {
        DYNAMIC_SECTION(project) {
            const Rendered& r = render(project, "evaluation");
            std::string report;
            CHECK(qpdfCheck(r.pdf, &report));
            const size_t pages = r.pages.size();
            INFO(project << ": " << pages << " pages");
            CHECK(pages >= 25);
            CHECK(pages <= 50);

            // Captions numbered per chapter, in order, starting at 1 in each chapter. A chapter
            // starts at a line that is one of the contents' chapter entries ("4 Målgruppen").
            std::set<std::string> chapters;
            for (const auto& [title, page] : contents(r))
                if (std::regex_search(title, kChapter) || std::regex_search(title, kBilag)) chapters.insert(title);
            CHECK(chapters.size() >= 9);
            std::string chapter;
            std::map<std::string, int> last;  // "Figur" / "Tabel" -> number within the chapter
            std::set<std::string> captions;
            int figures = 0, tables = 0;
            for (const auto& page : r.pages) {
                if (isTocPage(page)) continue;
                for (const auto& l : lines(page)) {
                    std::smatch m;
                    if (chapters.count(l) && std::regex_search(l, m, kChapter)) {
                        if (m[1] != chapter) last.clear();
                        chapter = m[1];
                    } else if (chapters.count(l) && std::regex_search(l, m, kBilag)) {
                        if (m[1] != chapter) last.clear();
                        chapter = m[1];
                    } else if (std::regex_search(l, m, kCaption)) {
                        INFO("caption: " << l);
                        CHECK(m[2] == chapter);
                        CHECK(std::stoi(m[3]) == last[m[1]] + 1);
                        last[m[1]] = std::stoi(m[3]);
                        captions.insert(std::string(m[1]) + " " + std::string(m[2]) + "." + std::string(m[3]));
                        (m[1] == "Figur" ? figures : tables)++;
                    }
                }
            }
            CHECK(figures >= 15);
            CHECK(tables >= 10);

            // Every reference in the text names a caption that exists.
            const std::regex ref(R"((Figur|Tabel) ([0-9]+|[A-Z])\.([0-9]+))");
            for (const auto& page : r.pages) {
                if (isTocPage(page)) continue;
                for (auto it = std::sregex_iterator(page.begin(), page.end(), ref); it != std::sregex_iterator(); ++it) {
                    INFO("reference: " << it->str());
                    CHECK(captions.count(it->str()) == 1);
                }
            }

            // Headings in the order of the sources' reports.
            std::string all;
            for (const auto& p : r.pages)
                if (!isTocPage(p)) all += p;
            size_t at = 0;
            for (const char* h : {"\nForord\n", "Sammenfatning\n", "Indledning\n", "Datagrundlag\n", "Målgruppen\n",
                                  "Resultater\n", "Kommunerne\n", "Implementering\n", "Økonomi\n", "Konklusion\n",
                                  "\nBilag A: Metode\n", "\nBilag B: Tabeller\n"}) {
                size_t next = all.find(h, at);
                INFO("heading " << h);
                CHECK(next != std::string::npos);
                if (next != std::string::npos) at = next;
            }
            CHECK(all.find("æ") != std::string::npos);
            CHECK(all.find("ø") != std::string::npos);
            CHECK(all.find("å") != std::string::npos);
        }
    }
}

TEST_CASE("Evaluation report: the table of contents gives the page each heading lands on", "[templates]") {
    for (const char* project : kProjects) {
        DYNAMIC_SECTION(project) {
            const Rendered& r = render(project, "evaluation");
            auto entries = contents(r);
            CHECK(entries.size() >= 15);
            for (const auto& [title, target] : entries) {
                INFO("contents entry '" << title << "' -> page " << target);
                REQUIRE(target >= 1);
                REQUIRE(target <= r.pages.size());
                bool found = false;
                for (const auto& l2 : lines(r.pages[target - 1]))
                    if (l2 == title) found = true;
                CHECK(found);
            }
        }
    }
}

TEST_CASE("Evaluation report: a table broken across pages repeats its header", "[templates]") {
    // The Rambøll sample's business case tables are long; find every page that continues a
    // table and check that its first line after the running header is the header row of a
    // captioned table on the page before.
    const Rendered& r = render("isolerede", "evaluation");
    size_t repeated = 0;
    for (size_t p = 1; p < r.layoutPages.size(); ++p) {
        auto prev = lines(r.layoutPages[p - 1]);
        auto cur = lines(r.layoutPages[p]);
        std::vector<std::string> body;
        for (const auto& l : cur)
            if (!l.empty()) body.push_back(squash(l));
        if (body.size() < 2) continue;
        const std::string first = body[1];  // body[0] is the running header
        for (size_t i = 0; i + 1 < prev.size(); ++i) {
            if (squash(prev[i]).rfind("Tabel ", 0) != 0) continue;
            if (squash(prev[i + 1]) == first && first.find_first_not_of(' ') != std::string::npos) ++repeated;
        }
    }
    CHECK(repeated >= 1);
}

TEST_CASE("Justified Danish text is hyphenated", "[templates]") {
    // A line ending in a letter and "-" followed by a line starting in lower case: a word
    // broken by libhyphen's hyph_da_DK patterns. (pdftotext's raw mode joins such words again,
    // which is what a reader copying text wants; -layout keeps the lines as set.)
    const Rendered& r = render("aeldre", "evaluation");
    size_t hyphenated = 0;
    for (const auto& page : r.layoutPages) {
        auto ls = lines(page);
        for (size_t i = 0; i + 1 < ls.size(); ++i) {
            std::string a = squash(ls[i]), b = squash(ls[i + 1]);
            if (a.size() > 2 && a.back() == '-' && std::isalpha(static_cast<unsigned char>(a[a.size() - 2])) && !b.empty() &&
                std::islower(static_cast<unsigned char>(b[0])))
                ++hyphenated;
        }
    }
    CHECK(hyphenated >= 3);
}

TEST_CASE("Every template for every sample: valid PDF, clean text, byte-identical on a second render", "[templates]") {
    TempDir dir;
    for (const char* project : kProjects)
        for (const char* tmpl : {"status-note", "quarterly", "evaluation"}) {
            DYNAMIC_SECTION(project << " " << tmpl) {
                const Rendered& r = render(project, tmpl);
                CHECK(qpdfCheck(r.pdf));
                std::string again = dir.file(std::string(project) + "-" + tmpl + ".pdf");
                Result res = evalreport("render " + quote(sourceDir() + "/samples/" + project + "/project.yaml") +
                                        " --template " + tmpl + " -o " + quote(again));
                REQUIRE(res.exitCode == 0);
                CHECK(readFile(r.pdf) == readFile(again));
                if (std::string(tmpl) == "status-note") {
                    CHECK(r.pages.size() >= 2);
                    CHECK(r.pages.size() <= 4);
                }
                // Footer "Side X af Y" on every page, with the right numbers.
                for (size_t i = 0; i < r.pages.size(); ++i) {
                    if (std::string(tmpl) == "evaluation" && i < 2) continue;  // title page and colophon
                    INFO("page " << i + 1);
                    CHECK(r.pages[i].find("Side " + std::to_string(i + 1) + " af " + std::to_string(r.pages.size())) !=
                          std::string::npos);
                }
            }
        }
}

TEST_CASE("Quarterly report: trends, the quarter per municipality, completeness, consistency", "[templates]") {
    for (const char* project : kProjects) {
        DYNAMIC_SECTION(project) {
            const Rendered& r = render(project, "quarterly");
            std::string all;
            for (const auto& p : r.pages) all += p;
            size_t at = 0;
            for (const char* h : {"Kvartalet i tal\n", "Udviklingen over kvartalerne\n", "Datakomplethed\n", "Kontrol af tallene\n"}) {
                size_t next = all.find(h, at);
                INFO("heading " << h);
                CHECK(next != std::string::npos);
                if (next != std::string::npos) at = next;
            }
        }
    }
}
