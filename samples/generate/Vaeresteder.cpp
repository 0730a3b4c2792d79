// --shape vaeresteder: the tables, columns and project.yaml of samples/vaeresteder/ at any size.
//
// One row per citizen (borgere.csv), citizen form (borgerskema.csv), staff form
// (medarbejderskema.csv), municipality-month-task (tidsregistrering.csv), municipality-month
// (medarbejdere.csv) and survey invitation (slutundersoegelse.csv). Citizens draw from their
// own PRNG streams; the monthly sheets and the survey from one stream per municipality.
#include <algorithm>
#include <filesystem>
#include <string>

#include "Gen.hpp"

namespace gen {

namespace {

const char* const kGrad[] = {"", "Meget lille grad", "Lille grad", "Neutral", "Høj grad", "Meget høj grad"};
const char* const kCats[] = {"SKP", "Sagsbehandler", "Misbrugsbehandler"};
const int kCatWeights[] = {25, 55, 20};
const char* const kPartner[] = {"Støtte-kontaktperson (eller anden støtteperson)", "Sagsbehandler på værestedet",
                                "Misbrugsbehandler"};
const char* const kCitPlace[] = {"På værestedet", "Hjemme hos mig selv", "Andet sted (f.eks. på gaden)"};
const char* const kStaffPlace[] = {"På værestedet", "Hjemme hos borgeren", "Andet sted (f.eks. på gaden)"};
const int kPlaceWeights[] = {85, 8, 7};
const char* const kHadersleVaeresteder[] = {"Brugerhuset", "Kolibrien", "Regnbuen", "Borgercaféen", "Parasollen"};
const char* const kIncome[] = {"Lønindkomst",
                               "SU",
                               "Arbejdsløshedsdagpenge",
                               "Ledighedsydelse",
                               "Arbejdsmarkedsydelse",
                               "Fleksjob",
                               "Aktiveringsydelse/løn med tilskud",
                               "Sygedagpenge",
                               "Kontanthjælp/Uddannelseshjælp",
                               "Revalideringsydelse",
                               "Førtidspension",
                               "Folkepension",
                               "Fra venner, familie og lign.",
                               "Ingen forsørgelse",
                               "Andet"};
const int kIncomeWeights[] = {3, 1, 2, 3, 1, 3, 2, 5, 30, 1, 35, 8, 1, 2, 3};
const char* const kHousing[] = {"Egen bolig (lejer/andels/ejer)", "Støttebolig eller lign.", "Herberg/pensionat",
                                "Midlertidig bolig hos venner/familie", "Ingen bolig/bor på gaden"};
const int kHousingWeights[] = {70, 12, 6, 7, 5};
// Topic weights by staff category (SKP, Sagsbehandler, Misbrugsbehandler), in column order;
// entries 1 and 5 are the codes 13 and 14 that were added to the form later.
const int kTopicWeights[14][3] = {{4, 30, 3},  {1, 12, 1},  {2, 8, 1},  {25, 18, 12}, {15, 6, 6},
                                  {12, 14, 4}, {6, 3, 35},  {4, 2, 25}, {2, 1, 18},   {10, 28, 5},
                                  {10, 20, 5}, {25, 6, 8},  {4, 3, 2},  {6, 5, 4}};
const char* const kOtherTopics[] = {"Hjælp til at udfylde skema", "Kørekort", "Samvær med børn", "Flytning",
                                    "Mobiltelefon"};
const char* const kRemarks[] = {"Borgeren var påvirket", "Kort samtale i caféen", "Aftale om opfølgning næste uge",
                                "Ny borger på værestedet"};
const char* const kTasks[] = {"Projektledelse",           "Implementeringsteam",      "Styregruppe",
                              "Fremskudt misbrugsindsats", "Fremskudt sagsbehandling", "Styrket SKP-ordning",
                              "Holdbaserede aktiviteter", "Andet"};
const char* const kFunctions[] = {"Værestedsmedarbejder",
                                  "Leder på værested",
                                  "Fremskudt sagsbehandler",
                                  "Medarbejder i misbrugsindsatsen",
                                  "SKP/Social vicevært",
                                  "Frivillig på et værested",
                                  "Kommunal leder (del af implementeringsteamet)",
                                  "Projektleder",
                                  "Andet"};
const int kFunctionWeights[] = {20, 8, 12, 8, 10, 6, 10, 4, 4};

int likert(Rng& r, double mean) {
    double noise = (r.unit() + r.unit() + r.unit() - 1.5) * 1.6;
    double v = mean + noise;
    int k = static_cast<int>(v >= 0 ? v + 0.5 : v - 0.5);
    return std::clamp(k, 1, 5);
}

// Staff answer: code 1-5, "6" (Ikke relevant), "Ved ikke" or blank.
void staffAnswer(CsvOut& out, Rng& r, double mean, double pNotRelevant) {
    double u = r.unit();
    if (u < pNotRelevant) out.ch('6');
    else if (u < pNotRelevant + 0.05) out.raw("Ved ikke");
    else if (u < pNotRelevant + 0.07) return;
    else out.uint(static_cast<uint64_t>(likert(r, mean)));
}

int phaseOf(core::Days d, core::Days p0) {
    core::Days y1 = core::daysFromYmd(core::ymdFromDays(p0).year, 12, 31);
    if (d <= y1) return 0;
    if (d <= core::addMonths(y1 + 1, 12) - 1) return 1;
    return 2;
}

std::string projectYaml(const Options& o, const std::vector<std::string>& names, core::Days from, core::Days to) {
    std::string list;
    for (size_t i = 0; i < names.size(); ++i) list += (i ? ", " : "") + yamlQuote(names[i]);
    const std::string kom = "      kommune: {type: category, values: [" + list + "]}\n";
    auto d = [](core::Days x) {
        core::Ymd v = core::ymdFromDays(x);
        char b[16];
        std::snprintf(b, sizeof b, "%02d-%02d-%04d", v.day, v.month, v.year);
        return std::string(b);
    };
    std::string y;
    y += "# Synthetic project in the shape of samples/vaeresteder, written by evalreport-gen\n";
    y += "# (--shape vaeresteder --citizens " + std::to_string(o.citizens) + " --municipalities " +
         std::to_string(o.municipalities) + " --quarters " + std::to_string(o.quarters) + " --seed " +
         std::to_string(o.seed) + "). The data are random; they reproduce no published figure.\n";
    y += "project:\n";
    y += "  id: vaeresteder-gen\n";
    y += "  title: \"Styrkelse af værestedernes rolle i den sociale indsats (syntetiske data)\"\n";
    y += "  organisation: \"Syntetiske data fra evalreport-gen\"\n";
    y += "  intervention: \"Samarbejdsmodellen mellem kommune og værested\"\n";
    y += "  period: {from: " + d(from) + ", to: " + d(to) + "}\n";
    y += "  municipalities: [" + list + "]\n";
    y += R"YAML(
subjects:
  table: borgere
  id: borger_id
  municipality: kommune

scales:
  borger_grad:
    - {code: 1, label: "Meget lille grad"}
    - {code: 2, label: "Lille grad"}
    - {code: 3, label: "Neutral"}
    - {code: 4, label: "Høj grad"}
    - {code: 5, label: "Meget høj grad"}
    - {code: 9, label: "Ved ikke", missing: true}
  medarbejder_grad:
    - {code: 1, label: "Meget lille grad"}
    - {code: 2, label: "Lille grad"}
    - {code: 3, label: "Neutral"}
    - {code: 4, label: "Høj grad"}
    - {code: 5, label: "Meget høj grad"}
    - {code: 6, label: "Ikke relevant", missing: true}
    - {code: 9, label: "Ved ikke", missing: true}

tables:
  borgere:
    source: data/borgere.csv
    primary_key: borger_id
    columns:
      borger_id: id
)YAML";
    y += kom;
    y += R"YAML(      koen: {type: category, values: [Mand, Kvinde]}
      foedselsaar: {type: integer, range: [1900, 2020]}

  borgerskema:
    source: data/borgerskema.csv
    primary_key: skema_id
    foreign_keys: {borger_id: borgere.borger_id}
    subject: borger_id
    date: dato
    columns:
      skema_id: id
      borger_id: id
)YAML";
    y += kom;
    y += R"YAML(      dato: date
      samtalepartner:
        type: category
        values: ["Sagsbehandler på værestedet", "Støtte-kontaktperson (eller anden støtteperson)", "Misbrugsbehandler"]
      sted: {type: category, values: ["På værestedet", "Hjemme hos mig selv", "Andet sted (f.eks. på gaden)"]}
      positivt_vaerested: {type: category, scale: borger_grad, required: false}
      tryg: {type: category, scale: borger_grad, required: false}
      lyttet: {type: category, scale: borger_grad, required: false}
      vigtigt: {type: category, scale: borger_grad, required: false}
      tidspunkt: {type: category, scale: borger_grad, required: false}

  medarbejderskema:
    source: data/medarbejderskema.csv
    primary_key: skema_id
    foreign_keys: {borger_id: borgere.borger_id}
    subject: borger_id
    date: dato
    columns:
      skema_id: id
      borger_id: id
)YAML";
    y += kom;
    y += R"YAML(      dato: date
      medarbejderkategori: {type: category, values: [SKP, Sagsbehandler, Misbrugsbehandler]}
      sted: {type: category, values: ["På værestedet", "Hjemme hos borgeren", "Andet sted (f.eks. på gaden)"]}
      vaerested: {type: text, required: false}
      indtaegt:
        type: category
        required: false
        values: [Lønindkomst, SU, Arbejdsløshedsdagpenge, Ledighedsydelse, Arbejdsmarkedsydelse, Fleksjob,
                 "Aktiveringsydelse/løn med tilskud", Sygedagpenge, "Kontanthjælp/Uddannelseshjælp",
                 Revalideringsydelse, Førtidspension, Folkepension, "Fra venner, familie og lign.",
                 Ingen forsørgelse, Andet]
      bolig:
        type: category
        required: false
        values: ["Egen bolig (lejer/andels/ejer)", "Støttebolig eller lign.", "Herberg/pensionat",
                 "Midlertidig bolig hos venner/familie", "Ingen bolig/bor på gaden"]
      emne_job: {type: integer, range: [0, 1], required: false}
      emne_rehabiliteringsplan: {type: integer, range: [0, 1], required: false}
      emne_uddannelse: {type: integer, range: [0, 1], required: false}
      emne_psykisk: {type: integer, range: [0, 1], required: false}
      emne_somatisk: {type: integer, range: [0, 1], required: false}
      emne_bolig: {type: integer, range: [0, 1], required: false}
      emne_alkohol: {type: integer, range: [0, 1], required: false}
      emne_hash: {type: integer, range: [0, 1], required: false}
      emne_stoffer: {type: integer, range: [0, 1], required: false}
      emne_oekonomi: {type: integer, range: [0, 1], required: false}
      emne_raadgivning: {type: integer, range: [0, 1], required: false}
      emne_netvaerk: {type: integer, range: [0, 1], required: false}
      emne_tand: {type: integer, range: [0, 1], required: false}
      emne_andet: {type: integer, range: [0, 1], required: false}
      emne_andet_tekst: {type: text, required: false}
      samarb_vaerested: {type: category, scale: medarbejder_grad, required: false}
      samarb_skp: {type: category, scale: medarbejder_grad, required: false}
      samarb_misbrug: {type: category, scale: medarbejder_grad, required: false}
      samarb_jobcenter: {type: category, scale: medarbejder_grad, required: false}
      samarb_socialcenter: {type: category, scale: medarbejder_grad, required: false}
      kendskab: {type: category, scale: medarbejder_grad, required: false}
      relation: {type: category, scale: medarbejder_grad, required: false}
      tidligere_kontakt: {type: category, scale: medarbejder_grad, required: false}
      udredning: {type: category, scale: medarbejder_grad, required: false}
      oevrige_forhold: {type: text, required: false}

  tidsregistrering:
    source: data/tidsregistrering.csv
    date: maaned
    columns:
)YAML";
    y += kom;
    y += R"YAML(      maaned: date
      opgave:
        type: category
        values: [Projektledelse, Implementeringsteam, Styregruppe, Fremskudt misbrugsindsats,
                 Fremskudt sagsbehandling, Styrket SKP-ordning, Holdbaserede aktiviteter, Andet]
      timer: {type: decimal, range: [0, 100000]}
      bemaerkning: {type: text, required: false}

  medarbejdere:
    source: data/medarbejdere.csv
    date: maaned
    columns:
)YAML";
    y += kom;
    y += R"YAML(      maaned: date
      antal_misbrugsbehandlere: {type: integer, range: [0, 1000]}
      antal_sagsbehandlere: {type: integer, range: [0, 1000]}
      antal_skp: {type: integer, range: [0, 1000]}

  slutundersoegelse:
    source: data/slutundersoegelse.csv
    primary_key: respondent_id
    columns:
      respondent_id: id
)YAML";
    y += kom;
    y += R"YAML(      besvaret: {type: category, values: [Ja, Nej]}
      svardato: {type: date, required: false}
      funktion:
        type: category
        required: false
        values: [Værestedsmedarbejder, Leder på værested, Fremskudt sagsbehandler,
                 Medarbejder i misbrugsindsatsen, "SKP/Social vicevært", Frivillig på et værested,
                 "Kommunal leder (del af implementeringsteamet)", Projektleder, Andet]
)YAML";
    return y;
}

}  // namespace

Summary generateVaeresteder(const Options& o) {
    namespace fs = std::filesystem;
    const std::vector<std::string> names = pickMunicipalities(o.municipalities);
    const core::Days P0 = o.start;
    const core::Days P1 = core::addMonths(P0, 3 * o.quarters) - 1;
    const int span = P1 - P0 + 1;
    const core::Days newTopics = core::addMonths(P0, 6);  // topic codes 13 and 14 added to the form

    std::vector<int> cumWeight;
    int total = 0;
    for (size_t i = 0; i < names.size(); ++i) {
        total += municipalities()[i].population;
        cumWeight.push_back(total);
    }

    fs::create_directories(fs::path(o.out) / "data");
    const std::string dir = (fs::path(o.out) / "data").string();
    CsvOut borgere(dir + "/borgere.csv");
    CsvOut cit(dir + "/borgerskema.csv");
    CsvOut staff(dir + "/medarbejderskema.csv");
    CsvOut timer(dir + "/tidsregistrering.csv", true);
    CsvOut bemanding(dir + "/medarbejdere.csv", true);
    CsvOut survey(dir + "/slutundersoegelse.csv");
    borgere.raw("borger_id;kommune;koen;foedselsaar\n");
    cit.raw("skema_id;borger_id;kommune;dato;samtalepartner;sted;positivt_vaerested;tryg;lyttet;vigtigt;tidspunkt\n");
    staff.raw(
        "skema_id;borger_id;kommune;dato;medarbejderkategori;sted;vaerested;indtaegt;bolig;emne_job;"
        "emne_rehabiliteringsplan;emne_uddannelse;emne_psykisk;emne_somatisk;emne_bolig;emne_alkohol;emne_hash;"
        "emne_stoffer;emne_oekonomi;emne_raadgivning;emne_netvaerk;emne_tand;emne_andet;emne_andet_tekst;"
        "samarb_vaerested;samarb_skp;samarb_misbrug;samarb_jobcenter;samarb_socialcenter;kendskab;relation;"
        "tidligere_kontakt;udredning;oevrige_forhold\n");
    timer.raw("kommune;maaned;opgave;timer;bemaerkning\r\n");
    bemanding.raw("kommune;maaned;antal_misbrugsbehandlere;antal_sagsbehandlere;antal_skp\r\n");
    survey.raw("respondent_id;kommune;besvaret;svardato;funktion\n");

    const int wB = std::max(4, digits(o.citizens));
    const int wF = std::max(4, digits(o.citizens * 8));
    uint64_t nextC = 1, nextS = 1;
    std::vector<core::Days> dates;

    for (uint64_t i = 0; i < o.citizens; ++i) {
        Rng r = streamFor(o.seed, 2, i);
        const uint64_t bid = i + 1;
        int kom = i < names.size() ? static_cast<int>(i)
                                   : static_cast<int>(std::upper_bound(cumWeight.begin(), cumWeight.end(),
                                                                       r.range(0, total - 1)) -
                                                      cumWeight.begin());
        const std::string& kname = names[static_cast<size_t>(kom)];
        const int latest = std::max(0, span - 1);
        const core::Days first = P0 + std::max(r.range(0, latest), r.range(0, latest / 2));
        const double u = r.unit();
        const bool hasStaff = u < 0.78, hasCit = u >= 0.38;  // 40 % both, 38 % staff only, 22 % citizen only
        const double level = (r.unit() + r.unit() + r.unit() - 1.5) * 0.55;
        const int income = r.weighted(kIncomeWeights), housing = r.weighted(kHousingWeights);

        borgere.id('B', bid, wB);
        borgere.sep();
        borgere.raw(kname);
        borgere.sep();
        borgere.raw(r.chance(0.66) ? "Mand" : "Kvinde");
        borgere.sep();
        borgere.uint(static_cast<uint64_t>(core::ymdFromDays(first).year - 20 - r.range(0, 50)));
        borgere.nl();
        ++borgere.rows;

        auto formDates = [&](int n) {
            dates.clear();
            dates.push_back(first);
            for (int k = 1; k < n; ++k) dates.push_back(first + r.range(0, std::min(330, P1 - first)));
            std::sort(dates.begin(), dates.end());
        };

        if (hasStaff) {
            int n = 1 + (r.chance(0.45) ? 1 : 0) + (r.chance(0.25) ? 1 : 0) + (r.chance(0.1) ? r.range(1, 4) : 0);
            formDates(n);
            for (core::Days d : dates) {
                const int cat = r.weighted(kCatWeights);
                const int ph = phaseOf(d, P0);
                staff.raw("MS");
                staff.padded(nextS++, wF);
                staff.sep();
                staff.id('B', bid, wB);
                staff.sep();
                staff.raw(kname);
                staff.sep();
                staff.date(d);
                staff.sep();
                staff.raw(kCats[cat]);
                staff.sep();
                const int place = r.weighted(kPlaceWeights);
                staff.raw(kStaffPlace[place]);
                staff.sep();
                if (place == 0) {
                    if (kname == "Haderslev") {
                        staff.raw(kHadersleVaeresteder[r.range(0, 4)]);
                    } else {
                        staff.raw("Værested ");
                        staff.uint(static_cast<uint64_t>(r.range(1, 5)));
                    }
                }
                staff.sep();
                if (!r.chance(0.07)) staff.raw(kIncome[income]);
                staff.sep();
                if (!r.chance(0.05)) staff.raw(kHousing[housing]);
                bool chosen[14] = {};
                for (int k = r.range(1, 3); k > 0; --k) {
                    int tw = 0;
                    for (int t = 0; t < 14; ++t)
                        if (d >= newTopics || (t != 1 && t != 5)) tw += kTopicWeights[t][cat];
                    int x = r.range(0, tw - 1);
                    for (int t = 0; t < 14; ++t) {
                        if (d < newTopics && (t == 1 || t == 5)) continue;
                        if (x < kTopicWeights[t][cat]) {
                            chosen[t] = true;
                            break;
                        }
                        x -= kTopicWeights[t][cat];
                    }
                }
                for (int t = 0; t < 14; ++t) {
                    staff.sep();
                    if (d >= newTopics || (t != 1 && t != 5)) staff.ch(chosen[t] ? '1' : '0');
                }
                staff.sep();
                if (chosen[13]) staff.raw(kOtherTopics[r.range(0, 4)]);
                static const double collabBase[5] = {4.25, 3.7, 3.5, 3.55, 3.8};
                static const double collabNr[5][3] = {
                    {0.03, 0.05, 0.05}, {0.5, 0.35, 0.4}, {0.45, 0.5, 0.6}, {0.55, 0.25, 0.6}, {0.4, 0.3, 0.45}};
                static const double shift[3] = {-0.4, 0.0, 0.2};
                for (int k = 0; k < 5; ++k) {
                    staff.sep();
                    staffAnswer(staff, r, collabBase[k] + shift[ph] + level, collabNr[k][cat]);
                }
                static const double gridBase[4][3] = {
                    {3.9, 3.4, 3.5}, {3.75, 4.05, 4.35}, {3.1, 4.1, 3.85}, {3.35, 3.85, 4.15}};
                for (int k = 0; k < 4; ++k) {
                    staff.sep();
                    staffAnswer(staff, r, gridBase[k][cat] + (k == 2 ? 0.0 : shift[ph]) + level, 0.04);
                }
                staff.sep();
                if (r.chance(0.05)) staff.raw(kRemarks[r.range(0, 3)]);
                staff.nl();
                ++staff.rows;
            }
        }
        if (hasCit) {
            int n = 1 + (r.chance(0.3) ? 1 : 0) + (r.chance(0.05) ? r.range(1, 3) : 0);
            formDates(n);
            for (core::Days d : dates) {
                cit.raw("BS");
                cit.padded(nextC++, wF);
                cit.sep();
                cit.id('B', bid, wB);
                cit.sep();
                cit.raw(kname);
                cit.sep();
                cit.date(d);
                cit.sep();
                cit.raw(kPartner[r.weighted(kCatWeights)]);
                cit.sep();
                cit.raw(kCitPlace[r.weighted(kPlaceWeights)]);
                static const double base[5] = {4.45, 4.5, 4.45, 4.3, 4.2};
                for (double b : base) {
                    cit.sep();
                    double x = r.unit();
                    if (x < 0.02) cit.raw("Ved ikke");
                    else if (x >= 0.04) cit.raw(kGrad[likert(r, b + level)]);
                }
                cit.nl();
                ++cit.rows;
            }
        }
    }

    // Monthly sheets and the final survey, one stream per municipality.
    for (size_t k = 0; k < names.size(); ++k) {
        Rng r = streamFor(o.seed, 3, k);
        const double size = municipalities()[k].population / 100.0;  // Odense-sized = 2
        for (core::Days m = P0; m <= P1; m = core::addMonths(m, 1)) {
            const int month = core::ymdFromDays(m).month;
            const double holiday = month == 7 ? 0.55 : (month == 8 || month == 12) ? 0.85 : 1.0;
            const double ramp = std::min(1.0, 0.45 + 0.15 * ((m - P0) / 30));
            const double h[8] = {40 + 30 * r.unit(),
                                 (month % 3 == 1) ? 20 + 40 * size * r.unit() : 0,
                                 r.chance(0.3) ? 6 + 4 * r.unit() : 0,
                                 (40 + 50 * r.unit()) * size * ramp * holiday,
                                 (80 + 120 * r.unit()) * size * ramp * holiday,
                                 (40 + 100 * r.unit()) * size * ramp * holiday,
                                 (m - P0) > 150 ? (10 + 40 * r.unit()) * holiday : 0,
                                 r.chance(0.35) ? 15 + 45 * r.unit() : 0};
            for (int t = 0; t < 8; ++t) {
                timer.raw(names[k]);
                timer.sep();
                timer.date(m);
                timer.sep();
                timer.raw(kTasks[t]);
                timer.sep();
                timer.decimal1(static_cast<int>(h[t] * 2 + 0.5) * 5);  // half hours
                timer.sep();
                if (t == 1 && h[t] > 0) timer.raw("Møde i implementeringsteamet");
                timer.raw("\r\n");
                ++timer.rows;
            }
            bemanding.raw(names[k]);
            bemanding.sep();
            bemanding.date(m);
            for (double per : {1.0, 2.5, 3.0}) {
                bemanding.sep();
                bemanding.uint(static_cast<uint64_t>(std::max(1.0, per * size + 0.5)));
            }
            bemanding.raw("\r\n");
            ++bemanding.rows;
        }
        const int invited = r.range(10, 35);
        const core::Days surveyStart = std::max(P0, P1 - 29);
        for (int j = 0; j < invited; ++j) {
            const bool answered = r.chance(0.62);
            survey.ch('U');
            survey.padded(k * 100 + static_cast<uint64_t>(j) + 1, 5);
            survey.sep();
            survey.raw(names[k]);
            survey.sep();
            survey.raw(answered ? "Ja" : "Nej");
            survey.sep();
            if (answered) survey.date(surveyStart + r.range(0, P1 - surveyStart));
            survey.sep();
            if (answered) survey.raw(kFunctions[r.weighted(kFunctionWeights)]);
            survey.nl();
            ++survey.rows;
        }
    }

    borgere.close();
    cit.close();
    staff.close();
    timer.close();
    bemanding.close();
    survey.close();
    writeText((fs::path(o.out) / "project.yaml").string(), projectYaml(o, names, P0, P1));

    Summary s;
    s.tables = {{"data/borgere.csv", borgere.rows},         {"data/borgerskema.csv", cit.rows},
                {"data/medarbejderskema.csv", staff.rows}, {"data/tidsregistrering.csv", timer.rows},
                {"data/medarbejdere.csv", bemanding.rows}, {"data/slutundersoegelse.csv", survey.rows}};
    s.municipalityNames = names;
    return s;
}

}  // namespace gen
