// Instrument scoring (declarative, from project.yaml) and change categories.
// Expected values are worked out by hand in the comments, not by the code under test.
#include <catch2/catch.hpp>

#include <cmath>

#include "Support.hpp"
#include "core/Diagnostics.hpp"
#include "ingest/Ingest.hpp"
#include "project/Project.hpp"
#include "stats/Paired.hpp"
#include "stats/Scoring.hpp"

using testing::TempDir;

namespace {

const char* kProject = R"(
project: {id: t, title: Test, municipalities: [A]}
subjects: {table: borgere, id: id}
tables:
  borgere:
    source: borgere.csv
    columns: {id: id}
  skema:
    source: skema.csv
    subject: id
    date: dato
    columns:
      id: id
      dato: date
      w1: {type: integer, range: [0, 5], required: false}
      w2: {type: integer, range: [0, 5], required: false}
      w3: {type: integer, range: [0, 5], required: false}
      w4: {type: integer, range: [0, 5], required: false}
      w5: {type: integer, range: [0, 5], required: false}
      i1: {type: integer, range: [1, 5], required: false}
      i2: {type: integer, range: [1, 5], required: false}
      i3: {type: integer, range: [1, 5], required: false}
      i4: {type: integer, range: [1, 5], required: false}
      i5: {type: integer, range: [1, 5], required: false}
instruments:
  who5: {table: skema, items: [w1, w2, w3, w4, w5], aggregate: sum, multiply: 4}
  inspire: {table: skema, items: [i1, i2, i3, i4, i5], item_offset: -1, aggregate: mean, multiply: 25,
            max_missing_items: 1}
)";

struct Fixture {
    TempDir dir;
    project::Project p;
    dataset::Dataset ds;
    Fixture(const std::string& rows) {
        dir.write("borgere.csv", "id\nB1\nB2\nB3\nB4\n");
        dir.write("skema.csv", "id;dato;w1;w2;w3;w4;w5;i1;i2;i3;i4;i5\n" + rows);
        p = project::loadProject(dir.write("project.yaml", kProject));
        core::Diagnostics diag;
        ds = ingest::loadDataset(p, diag);
        diag.throwIfErrors();
    }
    std::vector<double> scores(const char* ins) { return stats::scoreRows(p, *p.instrument(ins), *ds.table("skema")); }
};

}  // namespace

TEST_CASE("WHO-5: raw sum times 4; no score when an item is missing", "[scoring]") {
    Fixture f(
        "B1;01-01-2024;3;4;2;5;1;1;2;3;4;5\n"   // raw 15 -> 60
        "B2;01-01-2024;0;0;0;0;0;1;1;1;1;1\n"   // raw 0 -> 0
        "B3;01-01-2024;5;5;5;5;5;5;5;5;5;5\n"   // raw 25 -> 100
        "B4;01-01-2024;3;;2;5;1;1;;3;4;5\n");   // one WHO-5 item missing -> no score
    auto s = f.scores("who5");
    CHECK(s[0] == 60);
    CHECK(s[1] == 0);
    CHECK(s[2] == 100);
    CHECK(std::isnan(s[3]));
}

TEST_CASE("Brief INSPIRE: answers 1-5 coded 0-4, mean times 25, one missing item allowed", "[scoring]") {
    Fixture f(
        "B1;01-01-2024;0;0;0;0;0;1;2;3;4;5\n"   // coded 0,1,2,3,4: mean 2 -> 50
        "B2;01-01-2024;0;0;0;0;0;1;1;1;1;1\n"   // all 0 -> 0
        "B3;01-01-2024;0;0;0;0;0;3;3;4;4;4\n"   // coded 2,2,3,3,3: mean 2.6 -> 65
        "B4;01-01-2024;0;0;0;0;0;2;;3;4;5\n");  // coded 1,2,3,4 (one missing): mean 2.5 -> 62.5
    auto s = f.scores("inspire");
    CHECK(s[0] == 50);
    CHECK(s[1] == 0);
    CHECK(s[2] == 65);  // exact, not 64.99999: scores are compared against category thresholds
    CHECK(s[3] == 62.5);
}

TEST_CASE("Change categories use +-threshold inclusive, exactly at the boundary", "[stats]") {
    // Changes: +12, +10, +8, 0, -8, -10, -12 with threshold 10:
    // improved {+12, +10} = 2, unchanged {+8, 0, -8} = 3, worsened {-10, -12} = 2.
    std::vector<double> first{20, 30, 40, 50, 60, 70, 80};
    std::vector<double> latest{32, 40, 48, 50, 52, 60, 68};
    auto r = stats::pairedAnalysis(first, latest, 10);
    CHECK(r.n == 7);
    CHECK(r.improved == 2);
    CHECK(r.unchanged == 3);
    CHECK(r.worsened == 2);
    CHECK(r.meanGainImproved == Approx(11.0));   // (12 + 10) / 2
    CHECK(r.meanLossWorsened == Approx(-11.0));  // (-10 - 12) / 2
    CHECK(r.meanChange == Approx(0.0));          // sum of changes is 0
}

TEST_CASE("A change of 10 computed from binary fractions still counts as improvement", "[stats]") {
    // 0.1 * 3 = 0.30000000000000004 in binary; 10.3 - 0.3 must still be a change of 10.
    std::vector<double> first{0.1 * 3};
    std::vector<double> latest{10.3};
    auto r = stats::pairedAnalysis(first, latest, 10);
    CHECK(r.improved == 1);
}

TEST_CASE("No pairs gives no means rather than zeros", "[stats]") {
    auto r = stats::pairedAnalysis({}, {}, 10);
    CHECK(r.n == 0);
    CHECK(std::isnan(r.meanFirst));
    CHECK(std::isnan(r.meanChange));
}
