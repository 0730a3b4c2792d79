// Ingest of CSV tables: every cell of the aeldre sample against a plain re-parse, the
// two-thread reading of big files, encodings, globs and the typing rules.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

#include "Support.hpp"
#include "core/Utf8.hpp"
#include "ingest/Ingest.hpp"

using namespace testing;

namespace {

std::vector<std::vector<std::string>> plainSplit(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<std::vector<std::string>> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (rows.empty() && line.rfind("\xEF\xBB\xBF", 0) == 0) line = line.substr(3);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::vector<std::string> cells;
        std::stringstream ss(line);
        std::string cell;
        while (std::getline(ss, cell, ';')) cells.push_back(cell);
        if (!line.empty() && line.back() == ';') cells.push_back("");
        rows.push_back(cells);
    }
    return rows;
}

// What a column should hold for `text`, as a string, by the plain rules.
std::string expectedValue(const project::Project& p, const project::ColumnSpec& cs, const std::string& text) {
    std::string v = core::trim(text);
    if (v.empty()) return "<missing>";
    if (cs.type == project::ColumnType::Date) return std::to_string(*core::parseDate(v));
    if (cs.type == project::ColumnType::Integer || cs.type == project::ColumnType::Decimal) {
        std::string d = v;
        for (char& c : d)
            if (c == ',') c = '.';
        return std::to_string(std::stod(d));
    }
    if (!cs.scale.empty()) {
        for (const auto& lv : p.scale(cs.scale)->levels)
            if (core::normalizeLabel(lv.label) == core::normalizeLabel(v) || std::to_string(static_cast<int>(lv.code)) == v)
                return std::to_string(lv.code);
        return "<unknown>";
    }
    return v;
}

std::string actualValue(const dataset::Column& c, size_t r) {
    if (c.missing(r)) return "<missing>";
    if (c.type == project::ColumnType::Date) return std::to_string(c.date[r]);
    if (c.numeric()) return std::to_string(c.num[r]);
    return std::string(c.text(r));
}

}  // namespace

TEST_CASE("Ingest: every cell of the aeldre sample matches a plain re-parse", "[ingest][csv]") {
    project::Project p = project::loadProject(sourceDir() + "/samples/aeldre/project.yaml");
    core::Diagnostics diag;
    dataset::Dataset ds = ingest::loadDataset(p, diag);
    CHECK(diag.errorCount() == 0);
    CHECK(diag.warningCount() == 0);
    for (const auto& spec : p.tables) {
        INFO("table " << spec.name);
        const dataset::Table* t = ds.table(spec.name);
        REQUIRE(t);
        auto rows = plainSplit(spec.sourcePath);
        REQUIRE(t->rows == rows.size() - 1);
        const auto& header = rows[0];
        for (const auto& cs : spec.columns) {
            size_t f = std::find(header.begin(), header.end(), cs.name) - header.begin();
            REQUIRE(f < header.size());
            const dataset::Column* c = t->column(cs.name);
            for (size_t r = 0; r < t->rows; ++r) {
                INFO("column " << cs.name << " row " << r);
                REQUIRE(actualValue(*c, r) == expectedValue(p, cs, rows[r + 1][f]));
                REQUIRE(t->lines[r] == r + 2);
            }
        }
    }
}

TEST_CASE("Ingest: a big file read as two halves equals the same file read in one go", "[ingest][csv]") {
    TempDir t;
    // 9 MiB of rows (over the two-thread threshold), with quoted fields holding newlines and
    // delimiters so that the split point must respect quotes, and ids out of order near the end.
    std::string big = "id;note;n;d\n";
    const int rows = 160000;
    for (int i = 0; i < rows; ++i) {
        char id[16];
        std::snprintf(id, sizeof id, "R%07d", i % 1000 == 999 ? rows + (rows - i) : i);
        big += id;
        big += i % 7 == 0 ? ";\"a;b\nc \"\"q\"\" " + std::string(20, 'x') + "\";" : ";plain text here, " + std::string(25, 'y') + ";";
        big += std::to_string(i % 5) + ";" + (i % 3 ? "01-02-2023" : "") + "\n";
    }
    // Two errors, one in each half: a duplicate id and a bad number.
    big += "R0000005;dup;1;\n";
    big += "R9999999;x;tre;\n";
    t.write("data/big.csv", big);
    std::string yaml = R"(project: {id: t, title: T}
subjects: {table: big, id: id}
tables:
  big:
    source: data/big.csv
    primary_key: id
    columns: {id: id, note: text, n: {type: integer, required: false}, d: {type: date, required: false}}
)";
    t.write("project.yaml", yaml);
    project::Project p = project::loadProject(t.file("project.yaml"));
    core::Diagnostics diag;
    dataset::Dataset ds = ingest::loadDataset(p, diag);
    const dataset::Table* tb = ds.table("big");
    REQUIRE(tb);
    CHECK(tb->rows == rows + 2);
    // Line numbers count the embedded newlines: each 7th row spans two lines.
    long line = 2;
    for (int i = 0; i < rows; ++i) {
        REQUIRE(tb->lines[static_cast<size_t>(i)] == line);
        line += i % 7 == 0 ? 2 : 1;
    }
    const dataset::Column* note = tb->column("note");
    CHECK(note->text(7) == "a;b\nc \"q\" " + std::string(20, 'x'));
    CHECK(tb->column("n")->num[rows - 1] == (rows - 1) % 5);
    REQUIRE(diag.errorCount() == 2);
    CHECK(diag.items()[0].str() == t.file("data/big.csv") + ":" + std::to_string(line) +
                                       ":1: error: duplicate key 'R0000005' in column 'id'; it is already used on line 8; each row needs its own id");
    CHECK(diag.items()[1].str() == t.file("data/big.csv") + ":" + std::to_string(line + 1) +
                                       ":12: error: 'tre' in column 'n' is not a number; write numbers like 3 or 3,5 (decimal comma)");
    // The index built in bulk finds every id, also those appended by the second thread.
    const dataset::Column* id = tb->column("id");
    CHECK(id->symbolOf("R0000000") == id->sym[0]);
    CHECK(id->symbolOf("R0159998") == id->sym[159998]);
    CHECK(id->symbolOf("R9999999") == id->sym[rows + 1]);
    CHECK(id->symbolOf("nope") == 0);
}
