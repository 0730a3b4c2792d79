#include "charts/gallery/Gallery.hpp"

#include <cmath>
#include <memory>

#include "charts/gallery/Published.hpp"

namespace gallery {

namespace {

// A chart drawn at a fixed (narrow) width and centred in the figure: shows how a chart
// behaves in a two-column layout or a side box.
class AtWidth : public charts::Chart {
public:
    AtWidth(std::shared_ptr<const charts::Chart> inner, double width) : inner_(std::move(inner)), width_(width) {}
    charts::Drawing render(double width) const override {
        charts::Drawing d = inner_->render(std::min(width, width_));
        charts::Drawing out;
        out.scene.width = width;
        out.scene.height = d.scene.height;
        out.scene.place(d.scene, (width - d.scene.width) / 2, 0);
        out.truncated = std::move(d.truncated);
        return out;
    }
    std::string kind() const override { return inner_->kind(); }

private:
    std::shared_ptr<const charts::Chart> inner_;
    double width_;
};

document::Span span(const std::string& text) {
    document::Span s;
    s.text = text;
    return s;
}

class Writer {
public:
    Writer(double figureWidth) : width_(figureWidth) {}

    void heading(const std::string& text) {
        document::Heading h;
        h.level = 1;
        h.number = std::to_string(++section_);
        h.spans = {span(text)};
        h.anchor = "h" + h.number;
        doc.blocks.push_back({h});
    }
    void paragraph(const std::string& text) { doc.blocks.push_back({document::Paragraph{{span(text)}}}); }

    template <class C, class D>
    void figure(D data, const std::string& title, const std::string& source, const std::string& note = "") {
        add(std::make_shared<C>(std::move(data)), title, source, note);
    }
    template <class C, class D>
    void narrowFigure(D data, double w, const std::string& title, const std::string& source, const std::string& note = "") {
        add(std::make_shared<AtWidth>(std::make_shared<C>(std::move(data)), w), title, source, note);
    }
    void add(std::shared_ptr<const charts::Chart> chart, const std::string& title, const std::string& source,
             std::string note) {
        document::Figure f;
        f.number = std::to_string(++figures_);
        f.id = "figur-" + f.number;
        f.title = title;
        f.source = source;
        // The chart reports labels it had to shorten at this width; the note gives them in full.
        std::string cut = charts::truncationNote(chart->truncatedLabels(width_));
        f.note = note.empty() ? cut : cut.empty() ? note : note + " " + cut;
        f.chart = std::move(chart);
        doc.blocks.push_back({f});
    }

    document::Document doc;

private:
    double width_;
    int section_ = 0, figures_ = 0;
};

const char* kSbstSource = "Aktivitets- og spørgeskemadata fra eksempelprojektet aeldre, egne beregninger.";
const char* kSbstRegister = "Stam- og aktivitetsregistreringer fra eksempelprojektet aeldre, egne beregninger.";
const char* kRambollFidelity = "Rambøll for Socialstyrelsen, fidelitetsmålinger i 2014 og 2015.";
const char* kRambollRmc = "Rambøll for Socialstyrelsen, RMC-surveydata.";

}  // namespace

document::Document buildGallery(const AeldreStats& aeldre, double figureWidth, const std::string& dateText,
                                long long creationTime) {
    Writer w(figureWidth);
    w.doc.title = "Diagramgalleri";
    w.doc.subtitle = "Alle diagramtyper i evalreport med tal fra eksempelprojekterne";
    w.doc.author = "evalreport";
    w.doc.subject = "Diagrammer til evalueringsrapporter";
    w.doc.keywords = "diagrammer; evaluering";
    w.doc.dateText = dateText;
    w.doc.creationTime = creationTime;

    w.heading("Om galleriet");
    w.paragraph(
        "Galleriet viser hver diagramtype, som den står i en rapport: med figurnummer, titel, note og kilde. Tallene "
        "for Samarbejdsmodellen til ældre beregnes af evalreport fra eksempelprojektets data, ligesom i statusnotatet. "
        "Tallene fra KORA og Rambøll er de offentliggjorte tal fra evalueringerne. Alle diagrammer bruger en "
        "farvepalet, der kan skelnes af farveblinde og i gråtoner, og tal skrives med dansk decimalkomma og "
        "tusindtalspunktum.");

    w.heading("Likert-søjler");
    w.paragraph("Svar på en ordnet skala vises som 100 pct. stablede søjler, én pr. runde eller spørgsmål. Procenter "
                "står i de felter, der er brede nok; et felt med 0 pct. tegnes ikke.");
    w.figure<charts::LikertBars>(rambollFigure75(), "Budskaberne er målrettet de enkelte samarbejdspartnere",
                                 kRambollFidelity, "Runde 1: N = 13, runde 2 og 3: N = 9. Ingen svarede »Slet ikke«.");
    w.figure<charts::LikertBars>(rambollTable73(false),
                                 "Med udgangspunkt i metodebeskrivelsen, i hvilken grad har I gennemført afdækning af:",
                                 kRambollFidelity, "Antal svar er afledt af de offentliggjorte procenter og N (13, 9 og 9).");
    w.paragraph("Den divergerende variant centrerer søjlerne om den neutrale kategori, så enighed vokser mod højre og "
                "uenighed mod venstre. Summen af hver side står ud for søjlen.");
    w.figure<charts::LikertBars>(aeldreLikert(aeldre.all, {"lyttet", "aftaler", "samarbejde"}, true),
                                 "Borgernes oplevelse af samarbejdet med kommunen ved opstart og seneste måling",
                                 kSbstSource, "Svarkategorien »Ved ikke« er frasorteret.");
    w.paragraph("Skalaer med tre trin, fx ja, delvist og nej, og andele i kategorier uden rækkefølge tegnes på samme "
                "måde.");
    w.figure<charts::LikertBars>(aeldreYesNo(aeldre.all, "moeder_borger"),
                                 "Andel netværksmøder, hvor borgeren har været inddraget", kSbstRegister,
                                 "Møder uden registrering er frasorteret.");
    w.figure<charts::LikertBars>(rambollFigure82(), "Erkendelse og motivation", kRambollRmc,
                                 "Medarbejdernes vurdering. Kilden oplyser ikke antallet af borgere.");
    w.figure<charts::StackedBars>(aeldreStatus(aeldre), "Borgere fordelt på forløbsstatus", kSbstRegister);

    w.heading("Gennemsnit med antal svar");
    w.paragraph("Gennemsnit på en fast skala vises som søjler fra skalaens nedre ende med to decimaler og antal svar "
                "under hver søjle. En søjle for »I alt« står adskilt fra grupperne.");
    w.figure<charts::MeanBars>(koraFigure42(),
                               "Medarbejdernes vurdering af, i hvor høj grad indsatsen har skabt tidligere kontakt til "
                               "borgerne i perioden september 2014 til maj 2016",
                               "KORA (2016), registreringsskema for medarbejdere.",
                               "* »Sagsbehandler« omfatter både sagsbehandlere på jobcentre og sagsbehandlere på "
                               "socialområdet. Svarkategorien »Ved ikke« er frasorteret.");

    w.heading("Grupperede søjler");
    w.paragraph("Grupperede søjler sammenligner fx kommuner ved første og seneste måling. Gruppen for alle kommuner "
                "står adskilt.");
    w.figure<charts::GroupedBars>(aeldreMeansByMunicipality(aeldre, "who5"),
                                  "Gennemsnitlig trivselsscore (WHO-5) ved første og seneste måling, fordelt på kommuner",
                                  kSbstSource, "Kun borgere i resultatanalysen indgår.");
    w.paragraph("Diagrammet kan også tegnes liggende. Det sker af sig selv, når søjlerne bliver for smalle til deres "
                "tal, fx i en smal figur på 220 punkter som her.");
    {
        auto d = aeldreMeansByMunicipality(aeldre, "inspire_o");
        d.horizontal = true;
        w.narrowFigure<charts::GroupedBars>(d, 220, "Gennemsnitlig recovery-score (Brief INSPIRE-O), fordelt på kommuner",
                                            kSbstSource);
    }

    w.heading("Før og efter");
    w.paragraph("Før/efter-diagrammet viser gennemsnittet ved første måling som en ring og ved seneste måling som en "
                "prik. Pilen er blå ved en stigning og rød ved et fald. Ændringen står med signifikansstjerner til "
                "højre sammen med antal svar.");
    w.figure<charts::BeforeAfter>(aeldreOutcomes(aeldre), "Gennemsnitlig score ved første og seneste måling",
                                  kSbstSource,
                                  "Scorerne går fra 0 til 100, og en højere score er bedre. * p < 0,05; ** p < 0,01 "
                                  "(parret t-test).");
    w.figure<charts::BeforeAfter>(rambollRecoveryStar(), "Borgernes recovery og udvikling", kRambollRmc,
                                  "* p < 0,05. Gennemsnittene er illustrative, da rapporten ikke gengiver dem; antal "
                                  "svar og hvilke dimensioner der er signifikante, er fra rapportens Figur 8-5.");

    w.heading("Fordeling af udvikling");
    w.paragraph("Hvor mange der har fremgang, status quo eller tilbagegang, vises i Likert-paletten: fremgang i "
                "blåt som enighed, tilbagegang i rødt som uenighed.");
    w.figure<charts::ChangeBars>(aeldreChange(aeldre),
                                 "Andel borgere fordelt på udviklingen fra første til seneste måling", kSbstSource,
                                 "Fremgang og tilbagegang er en ændring på mindst 10 point.");
    w.figure<charts::ChangeBars>(rambollRecoveryChange(true),
                                 "Andel borgere med positiv, ingen og negativ ændring pr. dimension", kRambollRmc,
                                 "Procenterne er rapportens; antal svar er fra noten til Figur 8-5.");

    w.heading("Udvikling over tid");
    w.paragraph("Kvartalsrapporten følger tal over tid. Et kvartal uden tal giver et hul i linjen, og et mål kan "
                "vises som en stiplet linje.");
    {
        auto d = aeldreTrend(aeldre.all, "nye_borgere");
        d.target = 8;
        d.axisLabel = "Antal nye borgere";
        w.figure<charts::TrendLine>(d, "Nye borgere pr. kvartal", kSbstRegister,
                                    "Målet på 8 nye borgere pr. kvartal er et eksempel. 4. kvt. 2024 er ikke opgjort.");
    }
    {
        auto d = aeldreTrend(aeldre.all, "who5_kvartal");
        d.target = 50;
        d.targetLabel = "Grænse for normalområdet";
        d.axisLabel = "Gennemsnitlig trivselsscore (WHO-5)";
        w.figure<charts::TrendLine>(d, "Gennemsnitlig trivselsscore pr. kvartal", kSbstSource,
                                    "Alle besvarelser i kvartalet. En score over 50 ligger i normalområdet.");
    }

    w.heading("Forløb gennem indsatsen");
    w.paragraph("Flowdiagrammet viser, hvordan borgerne bevæger sig fra henvendelse til indsats, med sidegrene for "
                "dem, der forlod forløbet undervejs, og deres andel af trinnet før.");
    w.figure<charts::FlowChart>(rambollFigure81(), "Fra henvendelse over kontakt til socialfaglig indsats", kRambollRmc,
                                "Manglende data på otte borgere, der ikke modtager en socialfaglig indsats, men i "
                                "forhold til om de er blevet henvist til en anden form for støtte eller ej.");
    w.figure<charts::FlowChart>(aeldreCohort(aeldre), "Datagrundlag for resultatanalysen", kSbstSource);

    w.heading("Implementering");
    w.paragraph("Trafiklysmatricen viser implementeringen af kerneelementerne. Hver celle har både farve og ord, så "
                "matricen kan læses i sort-hvid.");
    w.figure<charts::TrafficLightMatrix>(rambollFigure71(), "Samlet implementering af metoden i de tre projektkommuner",
                                         "Rambøll for Socialstyrelsen.",
                                         "Rapporten angiver ikke farverne i teksten; fordelingen er udledt af "
                                         "beskrivelsen i kapitel 7.");
    w.figure<charts::TrafficLightMatrix>(aeldreCoreElements(aeldre), "Implementering af kerneelementerne, fordelt på kommuner",
                                         "Social- og Boligstyrelsen (2024), fidelitetsmåling.",
                                         "Rapporten vurderer den tværgående ledergruppe samlet for projektet.");

    w.heading("Spredning");
    w.paragraph("Boksplottet viser spredningen, fx af timer eller omkostninger pr. forløb: boksen rummer den "
                "midterste halvdel, stregen er medianen, romben gennemsnittet, og ringene er ekstreme værdier.");
    w.figure<charts::BoxPlot>(aeldreMeetingHours(aeldre), "Timer brugt på møder pr. afsluttet forløb", kSbstRegister,
                              "Koordinatormøder og tværfaglige netværksmøder. Ekstreme værdier ligger mere end 1,5 "
                              "gange kvartilafstanden fra boksen.");

    w.heading("Grænsetilfælde");
    w.paragraph("Diagrammerne skal også holde, når data er små eller skæve. Her er de tilfælde, der oftest går galt: "
                "alle svar i én kategori, diskretionerede celler, lange tekster i smalle figurer og én enkelt gruppe.");
    {
        auto d = rambollTable73(false);
        d.bars = {d.bars[10]};  // Mulige kommunikationskanaler, runde 2: 9 of 9 "I høj grad"
        d.bars[0].label = "Runde 2";
        w.figure<charts::LikertBars>(d, "Alle svar i én kategori: mulige kommunikationskanaler, runde 2",
                                     kRambollFidelity, "Alle 9 svarede »I høj grad« (100 pct.); de øvrige kategorier er 0 pct.");
    }
    {
        charts::MeanBarsData d = koraFigure42();
        d.bars.clear();
        w.figure<charts::MeanBars>(d, "Én søjle: kun »I alt« fra KORA Figur 4.2",
                                   "KORA (2016), registreringsskema for medarbejdere.");
    }
    w.figure<charts::ChangeBars>(aeldreChangeByMunicipality(aeldre, "who5"),
                                 "Diskretionerede celler: udvikling i trivsel (WHO-5), fordelt på kommuner", kSbstSource,
                                 "Er en kategori under 5 borgere, vises hele kommunens søjle skraveret i stedet for "
                                 "tal, så ingen andel kan regnes tilbage.");
    {
        // Hvidovre's cohort: stats withholds the cohort size because 16 - 14 would reveal 2.
        AeldreStats one;
        one.all = aeldre.municipalities.empty() ? aeldre.all : aeldre.municipalities.front().second;
        w.narrowFigure<charts::FlowChart>(aeldreCohort(one), 300,
                                          "Diskretionerede tal og lange tekster i 300 punkters bredde: datagrundlag i " +
                                              (aeldre.municipalities.empty() ? std::string("alle kommuner")
                                                                             : aeldre.municipalities.front().first),
                                          kSbstSource);
    }
    if (!aeldre.municipalities.empty()) {
        const auto& [name, stats] = aeldre.municipalities.back();
        auto d = aeldreTrend(stats, "nye_borgere");
        d.axisLabel = "Antal nye borgere";
        w.figure<charts::TrendLine>(d, "Diskretionerede kvartaler: nye borgere pr. kvartal i " + name, kSbstRegister,
                                    "Kvartaler med færre end 5 nye borgere vises som »<5« i et hul i linjen, aldrig "
                                    "som nul.");
    }
    w.narrowFigure<charts::LikertBars>(aeldreLikert(aeldre.all, {"lyttet", "aftaler", "samarbejde"}, true), 220,
                                       "Lange spørgsmål i 220 punkters bredde: borgernes oplevelse af samarbejdet",
                                       kSbstSource);
    w.narrowFigure<charts::LikertBars>(rambollTable73(false), 220,
                                       "Lange betegnelser i 220 punkters bredde: afdækning fordelt på runde",
                                       kRambollFidelity);
    w.narrowFigure<charts::BeforeAfter>(rambollRecoveryStar(), 220,
                                        "Negativ ændring og ti dimensioner i 220 punkters bredde", kRambollRmc,
                                        "Gennemsnittene er illustrative.");
    return w.doc;
}

}  // namespace gallery
