// Each validation check with its exact message, on small CSV projects, and the validate
// command's summary and exit codes.
#include <catch2/catch.hpp>

#include "test_ingest_support.hpp"

using namespace testing;
using namespace ingest_test;

namespace {

const char* kProject = R"(project: {id: t, title: T, period: {from: 01-02-2022, to: 31-10-2024}}
subjects: {table: borgere, id: borger_id}
scales:
  enighed:
    - {code: 1, label: "Helt uenig"}
    - {code: 3, label: "Hverken enig eller uenig"}
    - {code: 5, label: "Helt enig"}
tables:
  borgere:
    source: data/borgere.csv
    primary_key: borger_id
    columns:
      borger_id: id
      kommune: {type: category, values: [Hvidovre, Vejen, Odder]}
      startdato: date
      slutdato: {type: date, required: false}
      alder: {type: integer, range: [18, 110]}
    not_before: {column: slutdato, other: startdato}
  svar:
    source: data/svar.csv
    primary_key: id
    foreign_keys: {borger_id: borgere.borger_id}
    not_before: {column: dato, other: borgere.startdato}
    columns:
      id: id
      dato: date
      borger_id: id
      lyttet: {type: category, scale: enighed, required: false}
      timer: {type: decimal, required: false}
)";

const char* kBorgere = "borger_id;kommune;startdato;slutdato;alder\nB1;Odder;07-02-2022;;71\nB2;Vejen;01-03-2022;01-06-2022;80\n";
const char* kSvar = "id;dato;borger_id;lyttet;timer\nS1;08-02-2022;B1;Helt enig;1,5\nS2;02-03-2022;B2;3;\n";

struct Check {
    const char* name;
    std::string borgere, svar;
    std::string expected;  // the first problem, as validate prints it
};

}  // namespace

TEST_CASE("Checks: each problem with its exact message", "[ingest][checks]") {
    const std::vector<Check> checks = {
        {"clean", kBorgere, kSvar, ""},
        {"unknown column", kBorgere, "id;dato;borger_id;lyttet;timer;noter\nS1;08-02-2022;B1;;;x\n",
         "data/svar.csv:1:32: warning: column 'noter' is not declared and is ignored; declare it in project.yaml if it is needed"},
        {"misspelt column", "borger_id;komune;startdato;slutdato;alder\nB1;Odder;07-02-2022;;71\n", kSvar,
         "data/borgere.csv:1:1: error: missing column 'kommune'; the file has 'komune'; rename it to 'kommune'"},
        {"not a number", "borger_id;kommune;startdato;slutdato;alder\nB1;Odder;07-02-2022;;7l\n", kSvar,
         "data/borgere.csv:2:22: error: '7l' in column 'alder' is not a number; write numbers like 3 or 3,5 (decimal comma)"},
        {"decimal point in a comma file", kBorgere, "id;dato;borger_id;lyttet;timer\nS1;08-02-2022;B1;;1.5\n",
         "data/svar.csv:2:19: error: '1.5' in column 'timer' is not a number; write numbers like 3 or 3,5 (decimal comma)"},
        {"not whole", "borger_id;kommune;startdato;slutdato;alder\nB1;Odder;07-02-2022;;71,5\n", kSvar,
         "data/borgere.csv:2:22: error: '71,5' in column 'alder' is not a whole number; this column holds whole numbers"},
        {"out of range", "borger_id;kommune;startdato;slutdato;alder\nB1;Odder;07-02-2022;;171\n", kSvar,
         "data/borgere.csv:2:22: error: value 171 in column 'alder' is outside the allowed range 18–110; correct the value or the column's range in project.yaml"},
        {"not a date", "borger_id;kommune;startdato;slutdato;alder\nB1;Odder;31-02-2022;;71\n", kSvar,
         "data/borgere.csv:2:10: error: '31-02-2022' in column 'startdato' is not a valid date; write dates as dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd"},
        {"outside the period", "borger_id;kommune;startdato;slutdato;alder\nB1;Odder;07-02-2021;;71\n",
         "id;dato;borger_id;lyttet;timer\nS1;08-02-2022;B1;;\n",
         "data/borgere.csv:2:10: error: date '07-02-2021' in column 'startdato' is outside the project period 01-02-2022 to 31-10-2024; correct the date, or declare the column with 'within_period: false'"},
        {"end before start", "borger_id;kommune;startdato;slutdato;alder\nB1;Odder;07-02-2022;01-02-2022;71\n",
         "id;dato;borger_id;lyttet;timer\n",
         "data/borgere.csv:2:21: error: date '01-02-2022' in column 'slutdato' is before 'startdato' (07-02-2022) in the same row; correct one of the two dates"},
        {"follow-up before the start", kBorgere, "id;dato;borger_id;lyttet;timer\nS1;06-02-2022;B1;;\n",
         "data/svar.csv:2:4: error: date '06-02-2022' in column 'dato' is before borgere.startdato (07-02-2022) of 'B1'; correct the date here or in borgere"},
        {"unknown scale label", kBorgere, "id;dato;borger_id;lyttet;timer\nS1;08-02-2022;B1;Helt enug;\n",
         "data/svar.csv:2:18: error: unknown answer 'Helt enug' in column 'lyttet' (scale 'enighed'); did you mean 'Helt enig'?"},
        {"unknown code", kBorgere, "id;dato;borger_id;lyttet;timer\nS1;08-02-2022;B1;4;\n",
         "data/svar.csv:2:18: error: unknown answer '4' in column 'lyttet' (scale 'enighed'); use one of the scale's labels or codes"},
        {"unknown category", "borger_id;kommune;startdato;slutdato;alder\nB1;Oder;07-02-2022;;71\n", kSvar,
         "data/borgere.csv:2:4: error: unknown value 'Oder' in column 'kommune'; did you mean 'Odder'?"},
        {"missing required", "borger_id;kommune;startdato;slutdato;alder\nB1;;07-02-2022;;71\n", kSvar,
         "data/borgere.csv:2:4: error: missing value in required column 'kommune'; fill in the value, or declare the column with 'required: false'"},
        {"duplicate key", "borger_id;kommune;startdato;slutdato;alder\nB1;Odder;07-02-2022;;71\nB1;Vejen;07-02-2022;;72\n",
         "id;dato;borger_id;lyttet;timer\n",
         "data/borgere.csv:3:1: error: duplicate key 'B1' in column 'borger_id'; it is already used on line 2; each row needs its own id"},
        {"orphan foreign key", kBorgere, "id;dato;borger_id;lyttet;timer\nS1;08-02-2022;B9;;\n",
         "data/svar.csv:2:15: error: 'B9' in column 'borger_id' does not exist in borgere.borger_id; add the row to borgere or correct the id"},
        {"too many fields", kBorgere, "id;dato;borger_id;lyttet;timer\nS1;08-02-2022;B1;;;;\n",
         "data/svar.csv:2:19: error: row has 7 fields, the header has 5; check for a stray ';' or a missing quote; the row is skipped"},
        {"empty file", "", kSvar,
         "data/borgere.csv:1:1: error: the file is empty; export the table again with a header row"},
        {"header only", kBorgere, "id;dato;borger_id;lyttet;timer\n",
         "data/svar.csv: warning: table 'svar' has no rows; check that the export holds data, not only the column names"},
        {"invalid UTF-8", "borger_id;kommune;startdato;slutdato;alder\nB1;Odder;07-02-2022;;71\nB\xC3\xA6;Odder;07-02-2022;;7\xFF\n", kSvar,
         "data/borgere.csv:3:23: error: invalid UTF-8 byte sequence; save the file as UTF-8, or declare 'encoding: windows-1252' for the table"},
        {"unclosed quote", "borger_id;kommune;startdato;slutdato;alder\nB1;\"Odder;07-02-2022;;71\n", kSvar,
         "data/borgere.csv:2:4: error: quoted field is never closed; add the closing \" or double any \" inside the field (\"\")"},
    };
    for (const auto& c : checks) {
        INFO("check: " << c.name);
        TempDir t;
        t.write("data/borgere.csv", c.borgere);
        t.write("data/svar.csv", c.svar);
        auto l = load(t, kProject);
        CHECK(rel(t, l.first()) == c.expected);
    }
}

TEST_CASE("Checks: a foreign key names its own column, also far right in the row", "[ingest][checks]") {
    TempDir t;
    t.write("data/borgere.csv", kBorgere);
    t.write("data/svar.csv", "lyttet;timer;dato;id;borger_id\n;;08-02-2022;S1;B1\n;;08-02-2022;S2;B7\n;;08-02-2022;S3;B7\n");
    auto l = load(t, kProject);
    REQUIRE(l.diag.items().size() == 2);
    CHECK(rel(t, l.lines()[0]) == "data/svar.csv:3:17: error: 'B7' in column 'borger_id' does not exist in borgere.borger_id; add the row to borgere or correct the id");
    CHECK(rel(t, l.lines()[1]).rfind("data/svar.csv:4:17: error: 'B7'", 0) == 0);
}

TEST_CASE("Checks: problems of several tables come in load order, and the limit stops reading", "[ingest][checks]") {
    // The tables are read on two threads (ingest/Ingest.cpp); what they report must not depend
    // on which finishes first. svar refers to borgere, so borgere is read first and svar's
    // foreign key is checked cell by cell, with its column.
    TempDir t;
    t.write("data/borgere.csv", "borger_id;kommune;startdato;slutdato;alder\nB1;Oder;07-02-2022;;71\nB2;Vejen;07-02-2022;;7l\n");
    t.write("data/svar.csv", "id;dato;borger_id;lyttet;timer\nS1;08-02-2022;B9;;\nS2;08-02-2022;B1;;x\n");
    for (int round = 0; round < 20; ++round) {
        auto l = load(t, kProject);
        REQUIRE(l.lines().size() == 4);
        CHECK(rel(t, l.lines()[0]).rfind("data/borgere.csv:2:4: error: unknown value 'Oder'", 0) == 0);
        CHECK(rel(t, l.lines()[1]).rfind("data/borgere.csv:3:22: error: '7l'", 0) == 0);
        CHECK(rel(t, l.lines()[2]).rfind("data/svar.csv:2:15: error: 'B9' in column 'borger_id' does not exist", 0) == 0);
        CHECK(rel(t, l.lines()[3]).rfind("data/svar.csv:3:19: error: 'x' in column 'timer'", 0) == 0);
    }
    // 300 bad rows in each table against a limit of 500: reading stops once 500 problems are
    // kept, in borgere's 300 and svar's first 200, as when the tables are read one by one.
    std::string borgere = "borger_id;kommune;startdato;slutdato;alder\n", svar = "id;dato;borger_id;lyttet;timer\n";
    for (int i = 0; i < 300; ++i) {
        borgere += "B" + std::to_string(i) + ";Odder;07-02-2022;;7l\n";
        svar += "S" + std::to_string(i) + ";08-02-2022;B0;;x\n";
    }
    t.write("data/borgere.csv", borgere);
    t.write("data/svar.csv", svar);
    auto l = load(t, kProject);
    REQUIRE(l.diag.items().size() == 500);
    CHECK(rel(t, l.lines()[299]).rfind("data/borgere.csv:301:", 0) == 0);
    CHECK(rel(t, l.lines()[300]).rfind("data/svar.csv:2:", 0) == 0);
    CHECK(rel(t, l.lines()[499]).rfind("data/svar.csv:201:", 0) == 0);
    CHECK(l.diag.errorCount() == 500);
}

TEST_CASE("Checks: every problem in one run, errors and warnings counted", "[ingest][checks]") {
    TempDir t;
    t.write("data/borgere.csv", "borger_id;kommune;startdato;slutdato;alder;x\nB1;Oder;07-02-2022;;171;1\nB2;Vejen;07-02-2022;;7l;2\n");
    t.write("data/svar.csv", kSvar);
    auto l = load(t, kProject);
    CHECK(l.diag.errorCount() == 3);
    CHECK(l.diag.warningCount() == 1);
    // The validate command prints each on its own line with a summary, and exits 2.
    Result r = run("cd " + quote(t.path()) + " && " + quote(binary()) + " validate project.yaml");
    CHECK(r.exitCode == 2);
    CHECK(r.out ==
          "data/borgere.csv:1:44: warning: column 'x' is not declared and is ignored; declare it in project.yaml if it is needed\n"
          "data/borgere.csv:2:4: error: unknown value 'Oder' in column 'kommune'; did you mean 'Odder'?\n"
          "data/borgere.csv:2:21: error: value 171 in column 'alder' is outside the allowed range 18–110; correct the value or the column's range in project.yaml\n"
          "data/borgere.csv:3:22: error: '7l' in column 'alder' is not a number; write numbers like 3 or 3,5 (decimal comma)\n"
          "3 errors, 1 warning\n");
    // Warnings only: exit 1. Clean: exit 0.
    t.write("data/borgere.csv", "borger_id;kommune;startdato;slutdato;alder;x\nB1;Odder;07-02-2022;;71;1\nB2;Vejen;07-02-2022;;72;2\n");
    r = run("cd " + quote(t.path()) + " && " + quote(binary()) + " validate project.yaml");
    CHECK(r.exitCode == 1);
    CHECK(r.out.substr(r.out.rfind('\n', r.out.size() - 2) + 1) == "0 errors, 1 warning\n");
    t.write("data/borgere.csv", kBorgere);
    r = run("cd " + quote(t.path()) + " && " + quote(binary()) + " validate project.yaml");
    CHECK(r.exitCode == 0);
    CHECK(r.out == "0 errors, 0 warnings\n");
}

TEST_CASE("Checks: project.yaml problems print as validate lines too", "[ingest][checks]") {
    TempDir t;
    t.write("project.yaml", "project: {id: t, title: T}\nsubjects: {table: b, id: id}\nconnections:\n"
                            "  reg: {kind: postgresql, dbname: x, password: hemmelig}\ntables:\n  b: {source: b.csv, columns: {id: id}}\n");
    Result r = run("cd " + quote(t.path()) + " && " + quote(binary()) + " validate project.yaml");
    CHECK(r.exitCode == 2);
    CHECK(r.out == "project.yaml:4:48: error: a password must not be written in project.yaml; set it in an environment variable "
                   "and name that with 'password_env: EVALREPORT_PG_PASSWORD'\n1 error, 0 warnings\n");
    CHECK(r.out.find("hemmelig") == std::string::npos);
}
