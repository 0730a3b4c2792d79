#include "charts/gallery/Published.hpp"

namespace gallery {

namespace {
// The Rambøll fidelity scale, most positive first as printed.
const std::vector<std::string> kFidelityScale{"I meget høj grad", "I høj grad", "Hverken eller", "I mindre grad",
                                              "Slet ikke"};
}  // namespace

charts::MeanBarsData koraFigure42() {
    // seed-000-kora-vaeresteder.md, §3 "Likert figures (Fig. 4.1–4.10)", row 4.2: SKP (n=166)
    // 3,10; Sagsbehandler* (n=504) 4,12; Misbrugsbehandler (n=125) 3,84; I alt (n=795) 3,85.
    // "I alt" is stored as printed, not recomputed (the notes flag that it is not the pooled mean).
    charts::MeanBarsData d;
    d.bars = {{"SKP (eller anden støtteperson)", {3.10, 166, false, ""}},
              {"Sagsbehandler*", {4.12, 504, false, ""}},
              {"Misbrugsbehandler", {3.84, 125, false, ""}}};
    d.total = charts::MeanBarsData::Bar{"I alt", {3.85, 795, false, ""}};
    d.axisMin = 1;
    d.axisMax = 5;
    d.decimals = 2;
    d.axisLabel = "Gennemsnit (1 = meget lav grad, 5 = meget høj grad)";
    return d;
}

charts::LikertBarsData rambollFigure75() {
    // seed-001-ramboll-isolerede.md, §3 Figur 7-5, decoded chart labels; counts as given there:
    // R1 1/8/1/3/0 of 13; R2 2/5/0/2/0 of 9; R3 3/4/1/1/0 of 9.
    charts::LikertBarsData d;
    d.categories = kFidelityScale;
    d.positiveFirst = true;
    d.bars = {{"Runde 1", "", {1, 8, 1, 3, 0}, 13, false, ""},
              {"Runde 2", "", {2, 5, 0, 2, 0}, 9, false, ""},
              {"Runde 3", "", {3, 4, 1, 1, 0}, 9, false, ""}};
    return d;
}

charts::LikertBarsData rambollTable73(bool diverging) {
    // seed-001-ramboll-isolerede.md, §3 Tabel 7-3, percentages with N = 13 / 9 / 9 (round 1/2/3).
    // Counts derived from them: 62 % of 13 = 8, 23 % = 3, 8 % = 1; 22 % of 9 = 2, 78 % = 7 …
    charts::LikertBarsData d;
    d.categories = kFidelityScale;
    d.positiveFirst = true;
    d.diverging = diverging;
    const std::string a = "Boligområder", b = "Besøgs- og opholdssteder", c = "Mulige samarbejdspartnere",
                      k = "Mulige kommunikationskanaler (fx lokale aviser, beboerblade, opslagstavler i området)";
    d.bars = {{"Runde 1", a, {8, 3, 1, 1, 0}, 13, false, ""}, {"Runde 2", a, {2, 7, 0, 0, 0}, 9, false, ""},
              {"Runde 3", a, {5, 4, 0, 0, 0}, 9, false, ""},  {"Runde 1", b, {7, 4, 1, 1, 0}, 13, false, ""},
              {"Runde 2", b, {1, 8, 0, 0, 0}, 9, false, ""},  {"Runde 3", b, {3, 5, 1, 0, 0}, 9, false, ""},
              {"Runde 1", c, {3, 9, 1, 0, 0}, 13, false, ""}, {"Runde 2", c, {1, 8, 0, 0, 0}, 9, false, ""},
              {"Runde 3", c, {3, 6, 0, 0, 0}, 9, false, ""},  {"Runde 1", k, {3, 6, 2, 1, 1}, 13, false, ""},
              {"Runde 2", k, {0, 9, 0, 0, 0}, 9, false, ""},  {"Runde 3", k, {4, 5, 0, 0, 0}, 9, false, ""}};
    return d;
}

charts::LikertBarsData rambollFigure82() {
    // seed-001-ramboll-isolerede.md, §3 Figur 8-2: "Afklaret om egne ønsker og behov for støtte"
    // 56/22/22 (56 implied by "over 50 procent"), "Øget motivation for støtte og hjælp" 44/38/19.
    // n is not stated, so the shares are passed as they are and no n is shown.
    charts::LikertBarsData d;
    d.categories = {"I høj grad", "I mindre grad", "Slet ikke"};
    d.positiveFirst = true;
    d.showN = false;
    d.bars = {{"Afklaret om egne ønsker og behov for støtte", "", {56, 22, 22}, -1, false, ""},
              {"Øget motivation for støtte og hjælp", "", {44, 38, 19}, -1, false, ""}};
    return d;
}

charts::ChangeBarsData rambollRecoveryChange(bool diverging) {
    // seed-001-ramboll-isolerede.md, §3 "Figurs 8-6 to 8-13": positive / no / negative change in
    // per cent, n from the Figur 8-5 note. Only the ratios matter to the chart.
    charts::ChangeBarsData d;
    d.improvedLabel = "Positiv ændring";
    d.unchangedLabel = "Ingen ændring";
    d.worsenedLabel = "Negativ ændring";
    d.diverging = diverging;
    d.rows = {{"Psykisk velbefindende", 50, 42, 8, 26, false, ""},
              {"Fysisk sundhed", 40, 48, 12, 25, false, ""},
              {"Hverdagsaktiviteter", 52, 36, 12, 25, false, ""},
              {"Socialt netværk", 52, 44, 4, 25, false, ""},
              {"Relationer", 56, 33, 11, 17, false, ""},
              {"Ansvar og forpligtigelse", 22, 67, 11, 17, false, ""},
              {"Identitet og selvværd", 41, 53, 6, 16, false, ""},
              {"Tillid og håb", 36, 60, 4, 25, false, ""}};
    return d;
}

charts::BeforeAfterData rambollRecoveryStar() {
    // seed-001-ramboll-isolerede.md, §3 Figur 8-5: scale 1–10, n per dimension as in its note,
    // significant: psykisk velbefindende, socialt netværk, tillid og håb, identitet og selvværd
    // (whether * or ** is not stated; shown as *). The only published mean change is
    // hverdagsaktiviteter = 0,2. All means below are ILLUSTRATIVE, chosen to fit the text
    // ("ingen mærkbare ændringer" for arbejde og uddannelse and alkohol og stoffer).
    charts::BeforeAfterData d;
    d.beforeLabel = "Førmåling";
    d.afterLabel = "Eftermåling";
    auto row = [](const char* label, double before, double after, long n, const char* stars) {
        return charts::BeforeAfterData::Row{label, {before, n, false, ""}, {after, n, false, ""}, n, stars};
    };
    d.rows = {row("Psykisk velbefindende", 4.1, 5.6, 26, "*"), row("Fysisk sundhed", 4.4, 4.8, 25, ""),
              row("Hverdagsaktiviteter", 5.3, 5.5, 25, ""),    row("Socialt netværk", 3.6, 4.9, 25, "*"),
              row("Arbejde og uddannelse", 2.9, 3.0, 17, ""), row("Relationer", 4.6, 5.2, 17, ""),
              row("Alkohol og stoffer", 7.4, 7.2, 17, ""),     row("Ansvar og forpligtigelse", 5.8, 6.1, 17, ""),
              row("Identitet og selvværd", 4.0, 5.4, 16, "*"), row("Tillid og håb", 4.5, 6.0, 25, "*")};
    d.axisMin = 1;
    d.axisMax = 10;
    d.decimals = 1;
    d.axisLabel = "Gennemsnit på Recovery-stjernens skala (1–10)";
    return d;
}

charts::FlowChartData rambollFigure81() {
    // seed-001-ramboll-isolerede.md, §3 Figur 8-1: henvendelser ca. 215 -> 176 contacted and
    // assessed -> 42 social-work intervention; 134 did not: 81 + 45 + 8 (missing data).
    charts::FlowChartData d;
    charts::FlowChartData::Step referrals{"Henvendelser om borgere fra samarbejdspartnere, private og beboere", 215,
                                          "ca. 215", {}};
    charts::FlowChartData::Step contacted{"Borgere kontaktet og vurderet som mulige målgruppeborgere", 176, "", {}};
    contacted.branches = {{"Borgere, der ikke har modtaget en socialfaglig indsats",
                           134,
                           "",
                           {{"Modtager allerede anden støtte eller var svære at komme i kontakt med", 81, "", {}},
                            {"Modtager ingen støtte, men har behov og har fået hjælp til at tage kontakt", 45, "", {}},
                            {"Manglende data om henvisning", 8, "", {}}}}};
    charts::FlowChartData::Step intervention{"Borgere, der har modtaget en socialfaglig indsats", 42, "", {}};
    d.steps = {referrals, contacted, intervention};
    return d;
}

charts::TrafficLightData rambollFigure71() {
    // seed-001-ramboll-isolerede.md, §3 Figur 7-1: two levels only (green "i høj grad", yellow
    // "i overvejende grad"), pooled over the municipalities. Which element has which colour is
    // not in the text; this assignment is the notes' inference from the chapter 7 narrative.
    charts::TrafficLightData d;
    d.levels = charts::TrafficLightMatrix::defaultLevels();
    d.columns = {"De tre projektkommuner"};
    const std::string o = "Fase 1: Opsøgende indsats", s = "Fase 2: Socialfaglig indsats";
    d.rows = {{"Rammesætning", o, {1}},
              {"Geografisk afdækning", o, {0}},
              {"Kommunikationsstrategi", o, {1}},
              {"Indirekte opsporingsarbejde", o, {0}},
              {"Direkte opsporingsarbejde", o, {1}},
              {"Kontaktskabelse", s, {0}},
              {"Relationsarbejde", s, {0}},
              {"Brobygning og overdragelse", s, {1}}};
    return d;
}

}  // namespace gallery
