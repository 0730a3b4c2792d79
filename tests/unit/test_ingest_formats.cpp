// Every format reaches the same typed table through the same checks: CSV (encodings, globs),
// XLSX, JSON and SQLite, each with its own way of naming locations. CPR numbers are refused
// in every format and never appear in a message.
#include <catch2/catch.hpp>

#include "test_ingest_support.hpp"

using namespace testing;
using namespace ingest_test;

namespace {

// One schema for all formats: an id, a scale answer, a number, a date and a category.
const char* kSchema = R"(project: {id: t, title: T, period: {from: 01-01-2022, to: 31-12-2024}}
subjects: {table: borgere, id: borger_id}
scales:
  enighed:
    - {code: 1, label: "Helt uenig"}
    - {code: 5, label: "Helt enig"}
    - {code: 9, label: "Ved ikke", missing: true}
tables:
  borgere:
    SOURCE
    primary_key: borger_id
    columns:
      borger_id: id
      svar: {type: category, scale: enighed, required: false}
      alder: {type: integer, range: [18, 110]}
      start: date
      kommune: {type: category, values: [Odder, Vejen]}
)";

std::string schema(const std::string& source) {
    std::string s = kSchema;
    s.replace(s.find("SOURCE"), 6, source);
    return s;
}

// The same three rows in every format give this table.
void checkTable(const Loaded& l) {
    INFO(l.first());
    REQUIRE(l.diag.errorCount() == 0);
    const dataset::Table* t = l.data.table("borgere");
    REQUIRE(t);
    REQUIRE(t->rows == 3);
    const auto* id = t->column("borger_id");
    CHECK(id->text(0) == "B1");
    CHECK(id->text(2) == "B3");
    const auto* svar = t->column("svar");
    CHECK(svar->num[0] == 5);   // label
    CHECK(svar->num[1] == 1);   // code
    CHECK(std::isnan(svar->num[2]));
    const auto* alder = t->column("alder");
    CHECK(alder->num[0] == 71);
    CHECK(alder->num[2] == 18);
    const auto* start = t->column("start");
    CHECK(start->date[0] == core::daysFromYmd(2022, 2, 7));
    CHECK(start->date[1] == core::daysFromYmd(2023, 12, 31));
    CHECK(t->column("kommune")->text(1) == "Vejen");
    CHECK(t->column("kommune")->text(2) == "Odder");
}

}  // namespace

TEST_CASE("Formats: CSV with BOM, decimal comma and Danish dates", "[ingest][formats]") {
    TempDir t;
    t.write("data/b.csv", "\xEF\xBB\xBF" "borger_id;svar;alder;start;kommune\nB1;helt  ENIG;71;07-02-2022;Odder\n"
                          "B2;1;40;31.12.2023;vejen\nB3;;18;2022-03-01;Odder\n");
    checkTable(load(t, schema("source: data/b.csv")));
}

TEST_CASE("Formats: CSV in Windows-1252, detected and declared", "[ingest][formats]") {
    TempDir t;
    // "Ærø" (C6 72 F8) in the category; a declared encoding must agree with the detection.
    const std::string body = "borger_id;by\nB1;\xC6r\xF8\n";
    t.write("data/b.csv", body);
    for (const char* enc : {"", "    encoding: windows-1252\n"}) {
        auto l = load(t, std::string("project: {id: t, title: T}\nsubjects: {table: b, id: borger_id}\ntables:\n  b:\n"
                                     "    source: data/b.csv\n") + enc + "    columns: {borger_id: id, by: {type: category, values: [Ærø]}}\n");
        INFO(l.first());
        CHECK(l.diag.errorCount() == 0);
        CHECK(l.data.table("b")->column("by")->text(0) == "Ærø");
    }
    // Declared UTF-8 on a Windows-1252 file: the bytes are reported where they are.
    auto l = load(t, "project: {id: t, title: T}\nsubjects: {table: b, id: borger_id}\ntables:\n  b:\n    source: data/b.csv\n"
                     "    encoding: utf-8\n    columns: {borger_id: id, by: text}\n");
    CHECK(rel(t, l.first()) ==
          "data/b.csv:2:4: error: invalid UTF-8 byte sequence; save the file as UTF-8, or declare 'encoding: windows-1252' for the table");
}

TEST_CASE("Formats: a glob concatenates files and names the file of each problem", "[ingest][formats]") {
    TempDir t;
    t.write("data/b-1.csv", "borger_id;alder\nB1;20\nB2;30\n");
    t.write("data/b-2.csv", "alder;borger_id\n40;B3\n50;B1\n");  // columns in another order
    auto l = load(t, "project: {id: t, title: T}\nsubjects: {table: b, id: borger_id}\ntables:\n  b:\n"
                     "    source: data/b-*.csv\n    primary_key: borger_id\n    columns: {borger_id: id, alder: integer}\n");
    REQUIRE(l.data.table("b")->rows == 4);
    CHECK(l.data.table("b")->column("alder")->num[2] == 40);
    CHECK(rel(t, l.first()) ==
          "data/b-2.csv:3:4: error: duplicate key 'B1' in column 'borger_id'; it is already used on line 2 of data/b-1.csv; each row needs its own id");
    auto none = load(t, "project: {id: t, title: T}\nsubjects: {table: b, id: borger_id}\ntables:\n  b:\n"
                        "    source: data/x-*.csv\n    columns: {borger_id: id}\n");
    CHECK(rel(t, none.first()) == "data/x-*.csv: error: no file matches 'data/x-*.csv'; check the pattern in 'source' and that the files are in place");
}

TEST_CASE("Formats: XLSX with shared and inline strings, numeric dates and empty cells", "[ingest][formats]") {
    TempDir t;
    // Row 1 header (shared strings), an empty formatted row 2 that is skipped; dates as serial
    // days with a date style (1), a custom date style (2), and as a plain number (3).
    std::vector<std::string> shared = {"borger_id", "svar", "alder", "start", "kommune", "B1", "Helt enig", "Odder"};
    std::string rows =
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c>"
        "<c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" t=\"s\"><v>4</v></c></row>"
        "<row r=\"2\"><c r=\"A2\" s=\"1\"/></row>"
        "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>5</v></c><c r=\"B3\" t=\"s\"><v>6</v></c><c r=\"C3\"><v>71</v></c>"
        "<c r=\"D3\" s=\"1\"><v>44599</v></c><c r=\"E3\" t=\"s\"><v>7</v></c></row>"
        "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>B2</t></is></c><c r=\"B4\"><v>1</v></c><c r=\"C4\"><v>40</v></c>"
        "<c r=\"D4\" s=\"2\"><v>45291</v></c><c r=\"E4\" t=\"inlineStr\"><is><t>Vejen</t></is></c></row>"
        "<row r=\"5\"><c r=\"A5\" t=\"str\"><v>B3</v></c><c r=\"C5\"><v>18</v></c><c r=\"D5\"><v>44621</v></c>"
        "<c r=\"E5\" t=\"s\"><v>7</v></c></row>";
    writeXlsx(t, "data/b.xlsx", {{"Noter", ""}, {"Borgere", rows}}, shared);
    checkTable(load(t, schema("source: data/b.xlsx\n    sheet: Borgere")));

    // Locations are Excel cell names; a missing sheet names the sheets there are.
    std::string bad = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>borger_id</t></is></c>"
                      "<c r=\"B1\" t=\"inlineStr\"><is><t>alder</t></is></c></row>"
                      "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>B1</t></is></c><c r=\"B2\"><v>7</v></c></row>";
    writeXlsx(t, "data/c.xlsx", {{"Ark1", bad}});
    auto l = load(t, "project: {id: t, title: T}\nsubjects: {table: b, id: borger_id}\ntables:\n  b:\n    source: data/c.xlsx\n"
                     "    columns: {borger_id: id, alder: {type: integer, range: [18, 110]}}\n");
    CHECK(rel(t, l.first()) ==
          "data/c.xlsx[Ark1]!B2: error: value 7 in column 'alder' is outside the allowed range 18–110; correct the value or the column's range in project.yaml");
    auto m = load(t, "project: {id: t, title: T}\nsubjects: {table: b, id: borger_id}\ntables:\n  b:\n    source: data/c.xlsx\n"
                     "    sheet: Borgere\n    columns: {borger_id: id}\n");
    CHECK(rel(t, m.first()) == "data/c.xlsx: error: the workbook has no sheet 'Borgere'; its sheets are 'Ark1'");
}

TEST_CASE("Formats: XLSX in the 1904 date system", "[ingest][formats]") {
    TempDir t;
    std::string rows = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>d</t></is></c></row>"
                       "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>0</v></c></row><row r=\"3\"><c r=\"A3\"><v>43137</v></c></row>";
    writeXlsx(t, "d.xlsx", {{"S", rows}}, {}, true);
    auto l = load(t, "project: {id: t, title: T}\nsubjects: {table: b, id: d}\ntables:\n  b:\n    source: d.xlsx\n    columns: {d: date}\n");
    INFO(l.first());
    REQUIRE(l.diag.errorCount() == 0);
    CHECK(l.data.table("b")->column("d")->date[0] == core::daysFromYmd(1904, 1, 1));
    CHECK(l.data.table("b")->column("d")->date[1] == core::daysFromYmd(2022, 2, 7));
}

TEST_CASE("Formats: JSON records with typed values and line:column locations", "[ingest][formats]") {
    TempDir t;
    t.write("data/b.json", R"([
  {"borger_id": "B1", "svar": "Helt enig", "alder": 71, "start": "07-02-2022", "kommune": "Odder"},
  {"borger_id": "B2", "svar": 1, "alder": 40, "start": "2023-12-31", "kommune": "Vejen"},
  {"borger_id": "B3", "svar": null, "alder": 18, "start": "01-03-2022", "kommune": "Odder"}
]
)");
    checkTable(load(t, schema("source: data/b.json")));
    t.write("data/c.json", "[\n  {\"borger_id\": \"B1\", \"alder\": 71},\n  {\"borger_id\": \"B2\",\n   \"alder\": \"gammel\"},\n"
                           "  {\"borger_id\": \"B3\", \"alder\": [1]}\n]\n");
    auto l = load(t, "project: {id: t, title: T}\nsubjects: {table: b, id: borger_id}\ntables:\n  b:\n    source: data/c.json\n"
                     "    columns: {borger_id: id, alder: integer}\n");
    REQUIRE(l.diag.items().size() == 2);
    CHECK(rel(t, l.lines()[0]) == "data/c.json:4:13: error: 'gammel' in column 'alder' is not a number; write numbers like 3 or 3,5");
    CHECK(rel(t, l.lines()[1]) == "data/c.json:5:32: error: value in column 'alder' is a list or an object; give a single value (text, number or date)");
    t.write("data/d.json", "{\"borger_id\": \"B1\"}");
    auto d = load(t, "project: {id: t, title: T}\nsubjects: {table: b, id: borger_id}\ntables:\n  b:\n    source: data/d.json\n"
                     "    columns: {borger_id: id}\n");
    CHECK(rel(t, d.first()) == "data/d.json:1:1: error: expected a list of records; write the data as [{\"column\": value, …}, …]");
}

TEST_CASE("Formats: SQLite round trip, read by stored type", "[ingest][formats][sqlite]") {
    TempDir t;
    writeSqlite(t, "data/reg.sqlite", R"(
CREATE TABLE b (id TEXT, svar TEXT, alder INTEGER, start TEXT, kommune TEXT);
INSERT INTO b VALUES ('B1', 'Helt enig', 71, '07-02-2022', 'Odder');
INSERT INTO b VALUES ('B2', '1', 40, '2023-12-31', 'Vejen');
INSERT INTO b VALUES ('B3', NULL, 18.0, '2022-03-01', 'Odder');
INSERT INTO b VALUES ('B4', NULL, 'ukendt', '2022-03-01', 'Odder');
)");
    std::string yaml = schema("connection: reg\n    query: SELECT id AS borger_id, svar, alder, start, kommune FROM b WHERE id <> 'B4' ORDER BY id");
    yaml += "connections:\n  reg: {kind: sqlite, path: data/reg.sqlite}\n";
    checkTable(load(t, yaml));
    // Text in an INTEGER column is reported, not read as 0.
    std::string all = schema("connection: reg\n    query: SELECT id AS borger_id, svar, alder, start, kommune FROM b ORDER BY id");
    all += "connections:\n  reg: {kind: sqlite, path: data/reg.sqlite}\n";
    auto l = load(t, all);
    CHECK(l.first() == "query 'borgere' row 4: error: 'ukendt' in column 'alder' is not a number; write numbers like 3 or 3,5");
    std::string broken = schema("connection: reg\n    query: SELECT x FROM nowhere");
    broken += "connections:\n  reg: {kind: sqlite, path: data/reg.sqlite}\n";
    CHECK(load(t, broken).first() == "query 'borgere': error: the query failed: no such table: nowhere; check the query in project.yaml");
}

TEST_CASE("Formats: a CPR number is refused in every format and never repeated", "[ingest][formats][cpr]") {
    TempDir t;
    const std::string cpr = "0101701234", dashed = "010170-1234";
    const std::string yaml = "project: {id: t, title: T}\nsubjects: {table: b, id: borger_id}\ntables:\n  b:\n    SRC\n"
                             "    columns: {borger_id: id, note: {type: text, required: false}}\n";
    auto with = [&](const std::string& src) {
        std::string y = yaml;
        y.replace(y.find("SRC"), 3, src);
        return y + "connections:\n  reg: {kind: sqlite, path: data/c.sqlite}\n";
    };
    t.write("data/c.csv", "borger_id;note\nB1;flyttet " + dashed + " ok\n" + cpr + ";x\n");
    t.write("data/c.json", "[{\"borger_id\": \"B1\", \"note\": \"cpr " + dashed + "\"}, {\"borger_id\": " + cpr.substr(1) + "}]");
    writeXlsx(t, "data/c.xlsx",
              {{"S", "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
                     "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" t=\"s\"><v>3</v></c></row>"
                     "<row r=\"3\"><c r=\"A3\"><v>" + cpr.substr(1) + "</v></c></row>"}},
              {"borger_id", "note", "B1", dashed});
    writeSqlite(t, "data/c.sqlite", "CREATE TABLE c (borger_id, note); INSERT INTO c VALUES ('B1', '" + dashed +
                                        "'); INSERT INTO c VALUES (" + cpr.substr(1) + ", NULL);");
    const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
        {"source: data/c.csv", {"data/c.csv:2:4: error: value in column 'note' looks like a CPR number",
                                "data/c.csv:3:1: error: value in column 'borger_id' looks like a CPR number"}},
        {"source: data/c.json", {"data/c.json:1:30: error: value in column 'note' looks like a CPR number",
                                 "data/c.json:1:64: error: value in column 'borger_id' looks like a CPR number"}},
        {"source: data/c.xlsx", {"data/c.xlsx[S]!B2: error: value in column 'note' looks like a CPR number",
                                 "data/c.xlsx[S]!A3: error: value in column 'borger_id' looks like a CPR number"}},
        {"connection: reg\n    query: SELECT * FROM c", {"query 'b' row 1: error: value in column 'note' looks like a CPR number",
                                                          "query 'b' row 2: error: value in column 'borger_id' looks like a CPR number"}},
    };
    for (const auto& [src, want] : cases) {
        auto l = load(t, with(src));
        INFO(src);
        REQUIRE(l.diag.items().size() == 2);
        for (size_t i = 0; i < 2; ++i) {
            const std::string line = rel(t, l.lines()[i]);
            CHECK(line == want[i] + "; remove personal identification numbers from the export; use a pseudonymous id");
            CHECK(line.find(cpr.substr(1)) == std::string::npos);
            CHECK(line.find("010170") == std::string::npos);
        }
        // Nothing of it reaches the dataset.
        const dataset::Table* tb = l.data.table("b");
        REQUIRE(tb);
        for (const auto& c : tb->columns)
            for (auto s : c.dict) CHECK(s.find("010170") == std::string_view::npos);
    }
}

TEST_CASE("Formats: a CPR number in a column name is not repeated either", "[ingest][formats][cpr]") {
    TempDir t;
    t.write("data/c.csv", "borger_id;2311851234\nB1;x\n");
    auto l = load(t, "project: {id: t, title: T}\nsubjects: {table: b, id: borger_id}\ntables:\n  b:\n    source: data/c.csv\n"
                     "    columns: {borger_id: id}\n");
    CHECK(rel(t, l.first()) == "data/c.csv:1:11: warning: column '<CPR number>' is not declared and is ignored; "
                               "declare it in project.yaml if it is needed");
}
