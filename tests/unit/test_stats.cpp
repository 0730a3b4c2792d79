// The statistics engine on tests/fixtures/small, a project small enough that every expected
// value below is worked out by hand from the CSV files (the arithmetic is in the comments).
// Significance tests are checked against scipy 1.10.1 (calls in comments).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "Support.hpp"
#include "core/Diagnostics.hpp"
#include "ingest/Ingest.hpp"
#include "project/Project.hpp"
#include "stats/Engine.hpp"
#include "stats/Selection.hpp"

using core::Value;
using Catch::Detail::Approx;

namespace {

Value statsFor(const std::string& municipality = "", const std::string& period = "") {
    static project::Project p = project::loadProject(testing::sourceDir() + "/tests/fixtures/small/project.yaml");
    static dataset::Dataset ds = [] {
        core::Diagnostics diag;
        auto d = ingest::loadDataset(p, diag);
        diag.throwIfErrors();
        return d;
    }();
    return stats::computeStats(p, ds, {municipality, period});
}

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
bool withheld(const Value& v, const std::string& path) { return at(v, path).isSuppressed(); }

}  // namespace

TEST_CASE("Paired analysis on the fixture: means, categories, tests, caveat", "[stats]") {
    Value s = statsFor();
    // Pairs (first, latest): A1 20->40, A2 30->32, A3 50->38, A4 40->50, B1 10->30, B2 44->36.
    // B3 has no score at its first measurement; A5 has only one measurement.
    CHECK(num(s, "udvikling.cohort_n") == 7);
    CHECK(num(s, "udvikling.excluded_missing_score") == 1);
    CHECK(num(s, "udvikling.n_pairs") == 6);
    CHECK(num(s, "udvikling.mean_first") == Approx(194.0 / 6));
    CHECK(num(s, "udvikling.mean_latest") == Approx(226.0 / 6));
    CHECK(num(s, "udvikling.mean_change") == Approx(32.0 / 6));
    // Changes +20 +2 -12 +10 +20 -8, threshold 10: improved {+20, +10, +20}, unchanged {+2, -8}.
    CHECK(num(s, "udvikling.improved") == 3);
    CHECK(num(s, "udvikling.unchanged") == 2);  // below k = 3 but the whole project is not a breakdown
    CHECK(num(s, "udvikling.worsened") == 1);
    CHECK(num(s, "udvikling.mean_gain_improved") == Approx(50.0 / 3));
    CHECK(num(s, "udvikling.mean_loss_worsened") == Approx(-12));
    // scipy: d = [20, 2, -12, 10, 20, -8]; d.std(ddof=1) = 13.721030087667131
    CHECK(num(s, "udvikling.sd_change") == Approx(13.721030087667131));
    // st.ttest_rel(d, zeros) -> p 0.3847642141134834; CI from st.t.ppf(0.975, 5)
    CHECK(num(s, "udvikling.t_p_value") == Approx(0.3847642141134834).epsilon(1e-9));
    CHECK(num(s, "udvikling.ci95_low") == Approx(-9.066004662230412));
    CHECK(num(s, "udvikling.ci95_high") == Approx(19.732671328897077));
    // |d| has a tie (20, 20): normal approximation; st.wilcoxon(d, correction=True, method='approx')
    CHECK(num(s, "udvikling.wilcoxon_p_value") == Approx(0.4003808031520797).epsilon(1e-9));
    CHECK(at(s, "udvikling.wilcoxon_method").asString() == "normal approximation");
    CHECK(at(s, "udvikling.stars").asString() == "");
    CHECK(at(s, "udvikling.caveat").asString() == "Resultatet bygger på 6 borgere og skal tolkes med forsigtighed.");
}

TEST_CASE("Attrition: baseline of citizens with and without a follow-up", "[stats]") {
    Value s = statsFor();
    // Baselines: paired A1 20, A2 30, A3 50, A4 40, B1 10, B2 44 (mean 194/6); unpaired A5 60.
    CHECK(num(s, "udvikling.attrition.with_followup.n") == 6);
    CHECK(num(s, "udvikling.attrition.with_followup.mean_baseline") == Approx(194.0 / 6));
    CHECK(num(s, "udvikling.attrition.without_followup.n") == 1);
    CHECK(num(s, "udvikling.attrition.difference") == Approx(60 - 194.0 / 6));
}

TEST_CASE("A municipality's note suppresses small cells with a complement", "[stats][privacy]") {
    Value a = statsFor("Aby");
    // Aby pairs: +20, +2, -12, +10 -> 2 improved, 1 unchanged, 1 worse: every cell below k = 3.
    CHECK(num(a, "udvikling.n_pairs") == 4);
    CHECK(withheld(a, "udvikling.improved"));
    CHECK(withheld(a, "udvikling.unchanged"));
    CHECK(withheld(a, "udvikling.worsened"));
    CHECK(withheld(a, "udvikling.share_improved"));
    CHECK(num(a, "udvikling.mean_first") == Approx(35));  // (20+30+50+40)/4: n = 4 is enough
    CHECK(at(a, "udvikling.improved").asString() == "<3");
    CHECK(at(a, "udvikling.share_improved").asString() == "x");  // a share is never labelled "<3"

    Value b = statsFor("Bby");
    // Bby: two pairs only: everything about them is withheld, and the note says so.
    CHECK(withheld(b, "udvikling.n_pairs"));
    CHECK(withheld(b, "udvikling.mean_first"));
    CHECK(withheld(b, "udvikling.t_p_value"));
    CHECK(at(b, "udvikling.too_few").asBool());
    CHECK(at(b, "udvikling.caveat").asString() == "Resultatet bygger på færre end 3 borgere og vises ikke.");
    // No withheld value carries its number anywhere in the tree handed to templates.
    CHECK(b.toJson().find("\"improved\": 1") == std::string::npos);
}

TEST_CASE("Personal characteristics: complementary suppression protects the lone small cell", "[stats][privacy]") {
    Value s = statsFor();
    // Sex: Kvinde 10, Mand 2. Mand is below k = 3; Kvinde = 12 - Mand would reveal it, so both go.
    CHECK(num(s, "koen.total") == 12);
    CHECK(withheld(s, "koen.by_label.Mand"));
    CHECK(withheld(s, "koen.by_label.Kvinde"));
    // Age bands: under 40: 2 (A1, A2); 40-59: 6; 60+: 4. The 2 is withheld, and the smaller of
    // the other two (4) with it; 6 stays.
    CHECK(withheld(s, "alder.by_label.Under 40 år"));
    CHECK(withheld(s, "alder.by_label.60 år og derover"));
    CHECK(num(s, "alder.by_label.40-59 år") == 6);
    // Status is not a personal characteristic: 7 active, 5 closed, shown.
    CHECK(num(s, "status.by_label.Aktiv") == 7);
    CHECK(num(s, "status.by_label.Afsluttet") == 5);
}

TEST_CASE("Distribution by measurement round: shares over valid answers, missing counted", "[stats]") {
    Value s = statsFor();
    // First measurements of the 7 cohort members: mindre, hverken, høj, Ved ikke, slet, høj, Ved ikke.
    const Value& first = at(s, "svar.groups.0");
    CHECK(first.find("label")->asString() == "Første måling");
    CHECK(num(first, "n") == 5);
    CHECK(num(first, "missing") == 2);
    CHECK(num(first, "categories.3.n") == 2);            // I høj grad
    CHECK(num(first, "categories.3.share") == Approx(0.4));
    CHECK(num(first, "mean") == Approx(14.0 / 5));        // (2+3+4+1+4)/5
    CHECK(num(first, "collapsed.0.n") == 2);
    // Latest: høj, høj, meget høj, meget høj, høj, mindre, høj -> 1/4/2 of 7.
    const Value& latest = at(s, "svar.groups.1");
    CHECK(num(latest, "n") == 7);
    CHECK(num(latest, "mean") == Approx(4.0));            // (2 + 4*4 + 5*2)/7
    CHECK(num(latest, "collapsed.0.share") == Approx(6.0 / 7));
    CHECK(num(latest, "rounded_sum") == 100);             // 14 + 57 + 29
}

TEST_CASE("Distribution by municipality with I alt: withheld cells cannot be recovered by subtraction", "[stats][privacy]") {
    Value s = statsFor();
    // Aby [slet 0, mindre 1, hverken 1, høj 4, meget høj 2] n 8; Bby [1, 1, 1, 3, 0] n 6;
    // I alt [1, 2, 2, 7, 2] n 14.
    CHECK(num(s, "svar_kommune.groups.0.n") == 8);
    CHECK(num(s, "svar_kommune.groups.0.categories.3.n") == 4);
    CHECK(withheld(s, "svar_kommune.groups.0.categories.1.n"));
    CHECK(withheld(s, "svar_kommune.groups.0.categories.4.n"));
    CHECK(num(s, "svar_kommune.groups.0.categories.0.n") == 0);  // zero reveals no one
    // Bby's lone "Slet ikke" (1) would be I alt (1) minus Aby (0): so I alt's cell is withheld too.
    CHECK(withheld(s, "svar_kommune.groups.1.categories.0.n"));
    CHECK(withheld(s, "svar_kommune.groups.2.categories.0.n"));
    CHECK(at(s, "svar_kommune.groups.2.label").asString() == "I alt");
    CHECK(num(s, "svar_kommune.groups.2.categories.3.n") == 7);
    CHECK(num(s, "svar_kommune.groups.2.mean") == Approx(49.0 / 14));
    CHECK(withheld(s, "svar_kommune.groups.0.missing"));
    // In Aby's own note only Aby's group is shown.
    Value a = statsFor("Aby");
    CHECK(at(a, "svar_kommune.groups").size() == 1);
}

TEST_CASE("Fidelity: shares per round, rating rule and a recorded override", "[stats]") {
    Value s = statsFor();
    // q1 round 1: høj, mindre, meget høj -> 1/3 each of three levels; the rounded shares 0+33+0+33+33 = 99.
    CHECK(num(s, "fid.items.q1.rounds.0.n") == 3);
    CHECK(num(s, "fid.items.q1.rounds.0.share_positive") == Approx(2.0 / 3));
    CHECK(at(s, "fid.items.q1.rounds.0.rounding_note").asString() == "Andelene summerer til 99 pct. på grund af afrunding.");
    // q2 round 2: høj, hverken, høj, Ved ikke (not counted) -> n 3, positive 2.
    CHECK(num(s, "fid.items.q2.rounds.1.n") == 3);
    // Ratings use the last round. e1 = q1: 3/4 = 0,75 -> yellow (0,5 <= x < 0,8).
    CHECK(num(s, "fid.elements.0.rating.value") == Approx(0.75));
    CHECK(at(s, "fid.elements.0.rating.color").asString() == "yellow");
    // e2 = mean of q1 3/4 and q2 2/3.
    CHECK(num(s, "fid.elements.1.rating.value") == Approx((0.75 + 2.0 / 3) / 2));
    // Aby, e1: q1 høj + meget høj = 2/2 -> green.
    CHECK(at(s, "fid.elements.0.by_municipality.0.color").asString() == "green");
    // Bby, e1: 1/2 = 0,5 -> yellow by rule, overridden by hand to red with its reason.
    const Value& bby = at(s, "fid.elements.0.by_municipality.1");
    CHECK(bby.find("rule_label")->asString() == "I overvejende grad");
    CHECK(bby.find("label")->asString() == "I mindre grad");
    CHECK(bby.find("color")->asString() == "red");
    CHECK(bby.find("overridden")->asBool());
    CHECK(bby.find("reason")->asString() == "Interviews viser ustabil praksis");
}

TEST_CASE("Funnel with the branches that leave it", "[stats]") {
    Value s = statsFor();
    CHECK(num(s, "flow.steps.0.n") == 12);
    CHECK(num(s, "flow.steps.1.n") == 10);  // all but A7 and B5
    CHECK(num(s, "flow.steps.2.n") == 5);   // A1-A4, B1
    CHECK(num(s, "flow.steps.2.share_of_previous") == Approx(0.5));
    // Left after "Kontaktet": A5, A6, B2 already in an offer; B3 referred; B4 not recorded.
    CHECK(num(s, "flow.exits.0.total") == 5);
    CHECK(at(s, "flow.exits.0.categories.0.label").asString() == "Allerede i tilbud");
    CHECK(num(s, "flow.exits.0.categories.0.n") == 3);
    CHECK(num(s, "flow.exits.0.categories.1.n") == 1);
    CHECK(at(s, "flow.exits.0.categories.2.label").asString() == "Uoplyst");
    CHECK(num(s, "flow.exits.0.categories.2.n") == 1);
}

TEST_CASE("Trend per quarter: a quarter without new citizens counts 0", "[stats]") {
    Value s = statsFor();
    // Start dates: Q1 4 (A1 A2 A3 B1), Q2 3 (A4 A5 B2), Q3 none, Q4 5.
    CHECK(at(s, "nye.quarters").size() == 4);
    CHECK(num(s, "nye.quarters.0.value") == 4);
    CHECK(num(s, "nye.quarters.1.value") == 3);
    CHECK(num(s, "nye.quarters.2.value") == 0);
    CHECK(at(s, "nye.quarters.2.label").asString() == "3. kvt. 2023");
    CHECK(num(s, "nye.quarters.3.value") == 5);
}

TEST_CASE("Datagrundlag per municipality with totals and response rate", "[stats]") {
    Value s = statsFor();
    CHECK(num(s, "grundlag.rows.0.values.0") == 7);  // citizens Aby
    CHECK(num(s, "grundlag.rows.0.values.1") == 5);  // citizens Bby
    CHECK(num(s, "grundlag.rows.0.total") == 12);
    CHECK(num(s, "grundlag.rows.1.values.0") == 9);  // measurements Aby: 2+2+2+2+1
    CHECK(num(s, "grundlag.rows.1.total") == 16);
    CHECK(num(s, "grundlag.rows.2.values.1") == 3);  // Bby citizens with a measurement
    // Excluded at "Mindst to målinger": Aby A5 A6 A7 (3), Bby B4 B5 (2 < k = 3, and its
    // complement: Aby's 3 is withheld too, since 5 - 2 would reveal it).
    CHECK(at(s, "grundlag.rows.3.label").asString() == "Fravalgt: Kun én måling");
    CHECK(withheld(s, "grundlag.rows.3.values.1"));
    CHECK(withheld(s, "grundlag.rows.3.values.0"));
    CHECK(num(s, "grundlag.rows.3.total") == 5);
    CHECK(num(s, "grundlag.rows.4.values.0") == 4);  // pairs Aby: A1-A4
    CHECK(num(s, "grundlag.rows.4.total") == 7);
    CHECK(num(s, "grundlag.response_rate.0") == Approx(5.0 / 7));
    CHECK(num(s, "grundlag.response_rate.2") == Approx(8.0 / 12));
}

TEST_CASE("Consistency findings collect rounding notes for templates", "[stats]") {
    Value s = statsFor();
    const Value& f = at(s, "consistency");
    REQUIRE(f.isArray());
    bool found = false;
    for (const auto& x : f.elements())
        if (x.find("id")->asString() == "fid" &&
            x.find("message")->asString() == "q1, runde 1: Andelene summerer til 99 pct. på grund af afrunding.")
            found = true;
    CHECK(found);
}

TEST_CASE("Key figures for a quarter and the quarter before", "[stats]") {
    Value s = statsFor("", "2023Q4");
    CHECK(at(s, "noegle.period_label").asString() == "4. kvartal 2023");
    CHECK(at(s, "noegle.previous_label").asString() == "3. kvartal 2023");
    // Registered by 31-12: all 12; by 30-09: the 7 who started in Q1-Q2.
    CHECK(num(s, "noegle.by_key.registered.current") == 12);
    CHECK(num(s, "noegle.by_key.registered.previous") == 7);
    CHECK(num(s, "noegle.by_key.registered.change") == 5);
    // Started in Q4: A6 A7 B3 B4 B5; in Q3: none.
    CHECK(num(s, "noegle.by_key.started.current") == 5);
    CHECK(num(s, "noegle.by_key.started.previous") == 0);
    // Measurements in Q4: M08 M14 M15 M16; in Q3: M04 M06 M11 M13.
    CHECK(num(s, "noegle.by_key.measurements.current") == 4);
    CHECK(num(s, "noegle.by_key.measurements.previous") == 4);
    // Two or more measurements by 31-12: A1-A4, B1-B3; by 30-09: A1 A2 A3 B1 B2 (A4's second is in November).
    CHECK(num(s, "noegle.by_key.in_cohort.current") == 7);
    CHECK(num(s, "noegle.by_key.in_cohort.previous") == 5);
    // Overdue (latest measurement, or start, more than 3 months before the quarter's end):
    // at 31-12 (before 30-09): A1 01-06, A2 10-07, A3 10-09, A5 01-06, B1 01-09 -> 5;
    // at 30-09 (before 30-06): A1 01-06, A4 01-05, A5 01-06 -> 3.
    CHECK(num(s, "noegle.by_key.overdue.current") == 5);
    CHECK(num(s, "noegle.by_key.overdue.previous") == 3);
}

TEST_CASE("A period limits every analysis to the data known at its end", "[stats]") {
    Value s = statsFor("", "2023Q3");
    // By 30-09-2023 the cohort has A1 A2 A3 B1 B2; B1 +20 and B2 first 44 -> latest 40 (-4).
    CHECK(num(s, "par.population") == 7);
    CHECK(num(s, "par.n") == 5);
    CHECK(num(s, "udvikling.n_pairs") == 5);
    // Pairs: A1 20->40, A2 30->32, A3 50->38, B1 10->30, B2 44->40: change sum 20+2-12+20-4 = 26.
    CHECK(num(s, "udvikling.mean_change") == Approx(26.0 / 5));
}

TEST_CASE("Cohort funnel: the final n stays visible, as the outcome analyses print it", "[stats][privacy]") {
    Value b = statsFor("Bby");
    // Bby: population 5 (B1-B5); "Mindst to målinger" passes B1 B2 B3 (3), excludes B4 B5 (2 < 3).
    // The final n is every outcome analysis's n_pairs, and the population is the status table's
    // total, so withholding n here would contradict the next figure without protecting anything.
    // The small exclusion is withheld ("<3"); with a single step it equals population - n, which
    // docs/STATISTICS.md states (exclusion from the analysis is not a personal characteristic).
    CHECK(num(b, "par.population") == 5);
    CHECK(withheld(b, "par.steps.0.excluded"));
    CHECK(at(b, "par.steps.0.excluded").asString() == "<3");
    CHECK(num(b, "par.steps.0.n") == 3);
    CHECK(num(b, "par.n") == 3);
}

TEST_CASE("Stats are the same on every run, findings in the order of the analyses", "[stats]") {
    // computeStats works on two threads (stats/Engine.cpp); the tree, and the consistency
    // findings the analyses report, must come out in project.yaml's order however the work is
    // shared out.
    for (const char* sample : {"isolerede", "vaeresteder"}) {
        INFO(sample);
        const project::Project p = project::loadProject(testing::sourceDir() + "/samples/" + sample + "/project.yaml");
        core::Diagnostics diag;
        const dataset::Dataset ds = ingest::loadDataset(p, diag);
        REQUIRE(diag.errorCount() == 0);
        const stats::Index index(p, ds);
        const std::string first = stats::computeStats(index, {}).toJson();
        for (int run = 0; run < 30; ++run) CHECK(stats::computeStats(index, {}).toJson() == first);

        const Value s = stats::computeStats(index, {});
        std::vector<std::string> order;  // ids in the order computeStats visits them
        for (const auto& a : p.analyses) order.push_back(a.id);
        for (const auto& c : p.counts) order.push_back(c.id);
        for (const auto& e : p.economics) order.push_back(e.id);
        size_t last = 0;
        const Value& findings = *s.find("consistency");
        REQUIRE(findings.size() > 0);
        for (const Value& f : findings.elements()) {
            const std::string& id = f.find("id")->asString();
            const size_t at = static_cast<size_t>(std::find(order.begin(), order.end(), id) - order.begin());
            INFO(id);
            REQUIRE(at < order.size());
            CHECK(at >= last);
            last = at;
        }
        // The tree's keys too: scope, the cohorts, then the parts in order, then consistency.
        std::vector<std::string> keys;
        for (const auto& [k, v] : s.items())
            if (std::find(order.begin(), order.end(), k) != order.end()) keys.push_back(k);
        CHECK(keys == order);
    }
}
