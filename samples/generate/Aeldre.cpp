// --shape aeldre: the tables, columns and project.yaml of samples/aeldre/ at any size.
//
// One row per citizen course (borgere.csv), questionnaire (spoergeskema.csv), meeting
// (moeder.csv) and start registration (opstart.csv). Every citizen draws from its own
// PRNG stream, so citizen k's rows do not depend on the other citizens.
#include <algorithm>
#include <filesystem>
#include <string>

#include "Gen.hpp"

namespace gen {

namespace {

const char* const kLikert[] = {"Helt uenig", "Delvist uenig", "Hverken enig eller uenig", "Delvist enig",
                               "Helt enig"};
const char* const kReasons[] = {"Gennemført",
                                "Ønsker ikke længere at deltage",
                                "",
                                "Kognitivt for svækket",
                                "Misbrug",
                                "Kan ikke overskue forløbet",
                                "Ikke i målgruppen",
                                "Flyttet til anden kommune",
                                "Langvarigt indlagt",
                                "Død"};
const int kReasonWeights[] = {37, 14, 10, 6, 6, 6, 5, 6, 5, 5};
const char* const kJdn[] = {"Ja", "Delvist", "Nej", ""};

int clampStep(double x, int step, int lo, int hi) {
    int v = static_cast<int>(x >= 0 ? x / step + 0.5 : x / step - 0.5) * step;
    return std::clamp(v, lo, hi);
}

// Splits `total` units over five items, each between 0 and `cap` units, with some variety.
void splitItems(Rng& r, int total, int cap, int out[5]) {
    int q = total / 5, rem = total % 5;
    for (int i = 0; i < 5; ++i) out[i] = q;
    int start = r.range(0, 4);
    for (int i = 0; i < rem; ++i) out[(start + i) % 5] += 1;
    for (int k = r.range(0, 3); k > 0; --k) {
        int a = r.range(0, 4), b = r.range(0, 4);
        if (a != b && out[a] > 0 && out[b] < cap) {
            --out[a];
            ++out[b];
        }
    }
}

std::string projectYaml(const Options& o, const std::vector<std::string>& names, core::Days from, core::Days to) {
    std::string list;
    for (size_t i = 0; i < names.size(); ++i) list += (i ? ", " : "") + yamlQuote(names[i]);
    auto d = [](core::Days x) {
        core::Ymd v = core::ymdFromDays(x);
        char b[16];
        std::snprintf(b, sizeof b, "%02d-%02d-%04d", v.day, v.month, v.year);
        return std::string(b);
    };
    std::string y;
    y += "# Synthetic project in the shape of samples/aeldre, written by evalreport-gen\n";
    y += "# (--shape aeldre --citizens " + std::to_string(o.citizens) + " --municipalities " +
         std::to_string(o.municipalities) + " --quarters " + std::to_string(o.quarters) + " --seed " +
         std::to_string(o.seed) + "). The data are random; they reproduce no published figure.\n";
    y += "project:\n";
    y += "  id: aeldre-gen\n";
    y += "  title: \"Samarbejdsmodellen til ældre i udsatte positioner (syntetiske data)\"\n";
    y += "  organisation: \"Syntetiske data fra evalreport-gen\"\n";
    y += "  intervention: \"Samarbejdsmodellen\"\n";
    y += "  period: {from: " + d(from) + ", to: " + d(to) + "}\n";
    y += "  municipalities: [" + list + "]\n";
    y += R"YAML(
subjects:
  table: borgere
  id: borger_id
  municipality: kommune
  start: startdato
  end: slutdato

scales:
  enighed:
    - {code: 1, label: "Helt uenig"}
    - {code: 2, label: "Delvist uenig"}
    - {code: 3, label: "Hverken enig eller uenig"}
    - {code: 4, label: "Delvist enig"}
    - {code: 5, label: "Helt enig"}
    - {code: 9, label: "Ved ikke", missing: true}
  ja_delvist_nej:
    - {code: 1, label: "Ja"}
    - {code: 2, label: "Delvist"}
    - {code: 3, label: "Nej"}

tables:
  borgere:
    source: data/borgere.csv
    primary_key: borger_id
    columns:
      borger_id: id
)YAML";
    y += "      kommune: {type: category, values: [" + list + "]}\n";
    y += R"YAML(      startdato: date
      slutdato: {type: date, required: false}
      status: {type: category, values: [Igangværende, Afsluttet]}
      afslutningsaarsag: {type: text, required: false}
      koen: {type: category, values: [Kvinde, Mand]}
      alder: {type: integer, range: [18, 110]}
      registerdata: {type: category, values: [Ja, Nej]}
  spoergeskema:
    source: data/spoergeskema.csv
    primary_key: besvarelse_id
    foreign_keys: {borger_id: borgere.borger_id}
    subject: borger_id
    date: dato
    columns:
      besvarelse_id: id
      borger_id: id
      dato: date
      maaling: {type: category, values: [Opstart, Opfølgning]}
      who5_1: {type: integer, range: [0, 5], required: false}
      who5_2: {type: integer, range: [0, 5], required: false}
      who5_3: {type: integer, range: [0, 5], required: false}
      who5_4: {type: integer, range: [0, 5], required: false}
      who5_5: {type: integer, range: [0, 5], required: false}
      inspire_o_1: {type: integer, range: [1, 5], required: false}
      inspire_o_2: {type: integer, range: [1, 5], required: false}
      inspire_o_3: {type: integer, range: [1, 5], required: false}
      inspire_o_4: {type: integer, range: [1, 5], required: false}
      inspire_o_5: {type: integer, range: [1, 5], required: false}
      inspire_1: {type: integer, range: [1, 5], required: false}
      inspire_2: {type: integer, range: [1, 5], required: false}
      inspire_3: {type: integer, range: [1, 5], required: false}
      inspire_4: {type: integer, range: [1, 5], required: false}
      inspire_5: {type: integer, range: [1, 5], required: false}
      lyttet: {type: category, scale: enighed, required: false}
      aftaler: {type: category, scale: enighed, required: false}
      samarbejde: {type: category, scale: enighed, required: false}
  moeder:
    source: data/moeder.csv
    primary_key: moede_id
    foreign_keys: {borger_id: borgere.borger_id}
    subject: borger_id
    date: dato
    columns:
      moede_id: id
      borger_id: id
      dato: date
      type: {type: category, values: [Koordinatormøde, Tværfagligt netværksmøde]}
      varighed_timer: {type: decimal, range: [0, 24]}
      dagsorden: {type: category, scale: ja_delvist_nej, required: false}
      inviterede: {type: category, scale: ja_delvist_nej, required: false}
      maal_aftaleskema: {type: category, scale: ja_delvist_nej, required: false}
      opfoelgning: {type: category, scale: ja_delvist_nej, required: false}
  opstart:
    source: data/opstart.csv
    primary_key: borger_id
    foreign_keys: {borger_id: borgere.borger_id}
    subject: borger_id
    columns:
      borger_id: id
      netvaerkskortlaegning: {type: category, scale: ja_delvist_nej, required: false}
      indsatskortlaegning: {type: category, scale: ja_delvist_nej, required: false}

instruments:
  who5:
    label: "Trivsel (WHO-5)"
    table: spoergeskema
    items: [who5_1, who5_2, who5_3, who5_4, who5_5]
    aggregate: sum
    multiply: 4
    max_missing_items: 0
    range: [0, 100]
    bands:
      - {max: 35, label: "Stor risiko for depression eller stressbelastning"}
      - {max: 50, label: "Risiko for depression eller stressbelastning"}
      - {label: "Umiddelbart ikke risiko"}
    norm: 68
    norm_source: "Sundhedsstyrelsen (2017)"
  inspire_o:
    label: "Personlig recovery (Brief INSPIRE-O)"
    table: spoergeskema
    items: [inspire_o_1, inspire_o_2, inspire_o_3, inspire_o_4, inspire_o_5]
    item_offset: -1
    aggregate: mean
    multiply: 25
    range: [0, 100]
    norm: 71
    norm_source: "Møller m.fl. (2023)"
  inspire:
    label: "Støtte til recovery (Brief INSPIRE)"
    table: spoergeskema
    items: [inspire_1, inspire_2, inspire_3, inspire_4, inspire_5]
    item_offset: -1
    aggregate: mean
    multiply: 25
    range: [0, 100]

cohorts:
  resultat:
    label: "Borgere i resultatanalysen"
    measurements: spoergeskema
    steps:
      - label: "Besvaret opstartsskema og mindst ét opfølgningsskema mindst tre måneder senere"
        excluded_label: "Ikke besvaret opstartsskema, kun besvaret én gang eller under tre måneder mellem første og seneste besvarelse"
        rules:
          - first_where: {maaling: Opstart}
          - min_measurements: 2
          - min_gap_months: 3
      - label: "Gyldig opstartsmåling og mindst ét tværfagligt netværksmøde mellem første og seneste måling"
        excluded_label: "Mere end fem koordinatormøder eller et netværksmøde før første måling, eller intet netværksmøde mellem målingerne"
        rules:
          - events_before_first: {table: moeder, where: {type: Koordinatormøde}, max: 5}
          - events_before_first: {table: moeder, where: {type: Tværfagligt netværksmøde}, max: 0}
          - events_between: {table: moeder, where: {type: Tværfagligt netværksmøde}, min: 1}

analyses:
  who5:
    instrument: who5
    cohort: resultat
    threshold: 10
  inspire_o:
    instrument: inspire_o
    cohort: resultat
    threshold: 10
  inspire:
    instrument: inspire
    cohort: resultat
    threshold: 10
    require:
      - events_before_first: {table: moeder, where: {type: Koordinatormøde}, min: 1}
  nye_borgere:
    kind: trend
    label: "Nye borgere pr. kvartal"
    table: borgere
    date: startdato
  who5_kvartal:
    kind: trend
    label: "Gennemsnitlig trivselsscore (WHO-5) pr. kvartal"
    measure: mean
    instrument: who5
  noegletal:
    kind: keyfigures
    label: "Nøgletal"
    cohort: resultat
    followup_months: 6
  datagrundlag:
    kind: datagrundlag
    label: "Datagrundlag pr. kommune"
    tables: [spoergeskema, moeder]
    table_labels: ["spørgeskemabesvarelser", "registrerede møder"]
    cohort: resultat

counts:
  status:
    label: "Forløbsstatus"
    table: borgere
    column: status
  afslutning:
    label: "Årsag til afslutning"
    table: borgere
    column: afslutningsaarsag
    where: {status: Afsluttet}
    missing_label: "Ingen årsag angivet"

privacy:
  min_cell: 5
  small_n: 30

report:
  keyfigures: [noegletal]
  basis: [datagrundlag]
  trends: [nye_borgere, who5_kvartal]
  outcomes: [who5, inspire_o]
  cohort: [resultat]
  status: [status]
  closing: [afslutning]
)YAML";
    return y;
}

}  // namespace

Summary generateAeldre(const Options& o) {
    namespace fs = std::filesystem;
    const std::vector<std::string> names = pickMunicipalities(o.municipalities);
    const core::Days P0 = o.start;
    const core::Days P1 = core::addMonths(P0, 3 * o.quarters) - 1;
    const int span = P1 - P0 + 1;
    // Network-meeting items 'maal_aftaleskema' and 'opfoelgning' were added to the form
    // after the first year (as in the real project); before that they are blank.
    const core::Days formIntro = o.quarters > 4 ? core::addMonths(P0, 12) : P0;

    std::vector<int> cumWeight;
    int total = 0;
    for (size_t i = 0; i < names.size(); ++i) {
        total += municipalities()[i].population;
        cumWeight.push_back(total);
    }

    fs::create_directories(fs::path(o.out) / "data");
    const std::string dir = (fs::path(o.out) / "data").string();
    CsvOut borgere(dir + "/borgere.csv");
    CsvOut spg(dir + "/spoergeskema.csv");
    CsvOut moeder(dir + "/moeder.csv");
    CsvOut opstart(dir + "/opstart.csv");
    borgere.raw("borger_id;kommune;startdato;slutdato;status;afslutningsaarsag;koen;alder;registerdata\n");
    spg.raw(
        "besvarelse_id;borger_id;dato;maaling;who5_1;who5_2;who5_3;who5_4;who5_5;inspire_o_1;inspire_o_2;inspire_o_3;"
        "inspire_o_4;inspire_o_5;inspire_1;inspire_2;inspire_3;inspire_4;inspire_5;lyttet;aftaler;samarbejde\n");
    moeder.raw("moede_id;borger_id;dato;type;varighed_timer;dagsorden;inviterede;maal_aftaleskema;opfoelgning\n");
    opstart.raw("borger_id;netvaerkskortlaegning;indsatskortlaegning\n");

    const int wB = std::max(3, digits(o.citizens));
    const int wS = std::max(4, digits(o.citizens * 12));
    const int wM = std::max(4, digits(o.citizens * 24));
    uint64_t nextS = 1, nextM = 1;

    struct Q {
        core::Days date;
        bool opstart;
    };
    std::vector<Q> qs;
    std::vector<core::Days> coord, net;

    for (uint64_t i = 0; i < o.citizens; ++i) {
        Rng r = streamFor(o.seed, 1, i);
        const uint64_t bid = i + 1;
        int kom;
        if (i < names.size()) {
            kom = static_cast<int>(i);  // every municipality has at least one citizen
        } else {
            int x = r.range(0, total - 1);
            kom = static_cast<int>(std::upper_bound(cumWeight.begin(), cumWeight.end(), x) - cumWeight.begin());
        }
        // Intake is spread over the period, a little heavier in its first part.
        const int latest = std::max(0, span - 31);
        const core::Days start = P0 + std::min(r.range(0, latest), r.range(0, latest + latest / 2));
        int len = r.chance(0.10) ? 20 + r.range(0, 120) : 270 + r.range(0, 720) + (r.chance(0.4) ? r.range(0, 365) : 0);
        const bool closed = start + len <= P1;
        const core::Days end = closed ? start + len : core::kNoDate;
        const core::Days horizon = closed ? end : P1;

        // Questionnaires: Opstart soon after the start (most citizens), follow-ups about
        // every three months, some missed; a few citizens only have follow-ups or none.
        qs.clear();
        double pat = r.unit();
        if (pat >= 0.07) {
            bool hasOpstart = pat >= 0.13;
            core::Days d = start + (hasOpstart ? r.range(0, 21) : r.range(30, 120));
            bool first = true;
            while (d <= horizon) {
                if (first || !r.chance(0.08)) qs.push_back({d, first && hasOpstart});
                first = false;
                d += 84 + r.range(-10, 16);
            }
        }
        const core::Days q1 = qs.empty() ? start + 20 : qs.front().date;

        // Meetings: coordinator meetings every 6-16 weeks from the start; network meetings
        // from shortly after the first questionnaire (some citizens have one before it).
        coord.clear();
        net.clear();
        for (core::Days d = start + r.range(0, 14); d <= horizon; d += r.range(42, 112)) coord.push_back(d);
        if (!r.chance(0.10)) {
            core::Days d = r.chance(0.08) ? std::max(start, q1 - r.range(2, 20)) : q1 + r.range(10, 100);
            for (; d <= horizon; d += r.range(90, 270)) net.push_back(d);
        }

        // borgere
        borgere.id('B', bid, wB);
        borgere.sep();
        borgere.raw(names[static_cast<size_t>(kom)]);
        borgere.sep();
        borgere.date(start);
        borgere.sep();
        if (closed) borgere.date(end);
        borgere.sep();
        borgere.raw(closed ? "Afsluttet" : "Igangværende");
        borgere.sep();
        if (closed) borgere.raw(kReasons[r.weighted(kReasonWeights)]);
        borgere.sep();
        borgere.raw(r.chance(0.53) ? "Kvinde" : "Mand");
        borgere.sep();
        borgere.uint(static_cast<uint64_t>(50 + r.range(0, 15) + r.range(0, 15) + r.range(0, 10)));
        borgere.sep();
        borgere.raw(r.chance(0.8) ? "Ja" : "Nej");
        borgere.nl();
        ++borgere.rows;

        // spoergeskema: latent levels and yearly trends, noisy per questionnaire.
        const int who0 = 4 * r.range(2, 15), whoGain = r.range(-4, 14);
        const int io0 = 5 * r.range(3, 12), ioGain = r.range(-5, 14);
        const bool support = r.chance(0.8);
        const int sup0 = 5 * r.range(4, 13), supGain = r.range(0, 25);
        const int lik0 = r.range(0, 3);
        for (const Q& q : qs) {
            const double years = (q.date - qs.front().date) / 365.25;
            int who = clampStep(who0 + whoGain * years + 4 * r.range(-2, 2), 4, 0, 100);
            int io = clampStep(io0 + ioGain * years + 5 * r.range(-2, 2), 5, 0, 100);
            int items[5];
            spg.id('S', nextS++, wS);
            spg.sep();
            spg.id('B', bid, wB);
            spg.sep();
            spg.date(q.date);
            spg.sep();
            spg.raw(q.opstart ? "Opstart" : "Opfølgning");
            splitItems(r, who / 4, 5, items);
            int blank = r.chance(0.005) ? r.range(0, 4) : -1;
            for (int k = 0; k < 5; ++k) {
                spg.sep();
                if (k != blank) spg.uint(static_cast<uint64_t>(items[k]));
            }
            splitItems(r, io / 5, 4, items);
            for (int k = 0; k < 5; ++k) {
                spg.sep();
                spg.uint(static_cast<uint64_t>(items[k] + 1));
            }
            if (support) {
                int sup = clampStep(sup0 + supGain * years + 5 * r.range(-2, 2), 5, 0, 100);
                splitItems(r, sup / 5, 4, items);
                for (int k = 0; k < 5; ++k) {
                    spg.sep();
                    spg.uint(static_cast<uint64_t>(items[k] + 1));
                }
            } else {
                spg.raw(";;;;;");
            }
            for (int k = 0; k < 3; ++k) {
                spg.sep();
                if (r.chance(0.04)) {
                    spg.raw("Ved ikke");
                } else {
                    int v = std::clamp(lik0 + static_cast<int>(years * 1.2) + r.range(-1, 2), 0, 4);
                    spg.raw(kLikert[v]);
                }
            }
            spg.nl();
            ++spg.rows;
        }

        // moeder, merged in date order (coordinator meetings first on a shared day).
        size_t a = 0, b = 0;
        while (a < coord.size() || b < net.size()) {
            bool isNet = a == coord.size() || (b < net.size() && net[b] < coord[a]);
            core::Days d = isNet ? net[b++] : coord[a++];
            moeder.id('M', nextM++, wM);
            moeder.sep();
            moeder.id('B', bid, wB);
            moeder.sep();
            moeder.date(d);
            moeder.sep();
            if (!isNet) {
                static const int h[] = {2, 3, 4, 4, 5, 6, 6, 8};
                moeder.raw("Koordinatormøde;");
                moeder.quarterHours(h[r.range(0, 7)]);
                moeder.raw(";;;;\n");
            } else {
                static const int h[] = {4, 5, 6, 6, 7, 8, 8, 10};
                static const int wDag[] = {78, 14, 5, 3}, wInv[] = {72, 24, 1, 3}, wMaal[] = {58, 16, 22, 4},
                                 wOpf[] = {72, 12, 10, 6};
                moeder.raw("Tværfagligt netværksmøde;");
                moeder.quarterHours(h[r.range(0, 7)]);
                moeder.sep();
                moeder.raw(kJdn[r.weighted(wDag)]);
                moeder.sep();
                moeder.raw(kJdn[r.weighted(wInv)]);
                moeder.sep();
                if (d >= formIntro) moeder.raw(kJdn[r.weighted(wMaal)]);
                moeder.sep();
                if (d >= formIntro) moeder.raw(kJdn[r.weighted(wOpf)]);
                moeder.nl();
            }
            ++moeder.rows;
        }

        // opstart: everyone but the very latest starters has a start registration.
        if (start <= P1 - 14) {
            static const int wNv[] = {80, 13, 0, 7}, wIn[] = {72, 16, 0, 12};
            opstart.id('B', bid, wB);
            opstart.sep();
            opstart.raw(kJdn[r.weighted(wNv)]);
            opstart.sep();
            opstart.raw(kJdn[r.weighted(wIn)]);
            opstart.nl();
            ++opstart.rows;
        }
    }
    borgere.close();
    spg.close();
    moeder.close();
    opstart.close();
    writeText((fs::path(o.out) / "project.yaml").string(), projectYaml(o, names, P0, P1));

    Summary s;
    s.tables = {{"data/borgere.csv", borgere.rows},
                {"data/spoergeskema.csv", spg.rows},
                {"data/moeder.csv", moeder.rows},
                {"data/opstart.csv", opstart.rows}};
    s.municipalityNames = names;
    return s;
}

}  // namespace gen
