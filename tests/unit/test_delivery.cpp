// Delivery building blocks: file names, periods, MIME headers, addresses, schedule.yaml and the
// outbox's state machine on a real SQLite file. The SMTP side is in tests/integration/.
#include <catch2/catch.hpp>

#include <sstream>

#include "Support.hpp"
#include "core/Date.hpp"
#include "core/Utf8.hpp"
#include "delivery/Batch.hpp"
#include "delivery/FileName.hpp"
#include "delivery/Mailer.hpp"
#include "delivery/MimeHeader.hpp"
#include "delivery/Outbox.hpp"
#include "delivery/Period.hpp"
#include "delivery/Schedule.hpp"
#include "delivery/Scheduler.hpp"

using namespace delivery;

namespace {

// Decodes RFC 2047 Q-encoded words (the test's own reading, independent of the encoder),
// checking that every word holds whole UTF-8 characters.
std::string decodeWords(const std::string& header) {
    std::string out, pendingSpace;
    size_t i = 0;
    bool lastWasWord = false;
    while (i < header.size()) {
        if (header.compare(i, 10, "=?UTF-8?Q?") == 0) {
            size_t end = header.find("?=", i + 10);
            REQUIRE(end != std::string::npos);
            CHECK(end + 2 - i <= 75);
            std::string payload = header.substr(i + 10, end - i - 10), bytes;
            for (size_t k = 0; k < payload.size(); ++k) {
                if (payload[k] == '_') bytes += ' ';
                else if (payload[k] == '=') {
                    bytes += static_cast<char>(std::stoi(payload.substr(k + 1, 2), nullptr, 16));
                    k += 2;
                } else bytes += payload[k];
            }
            CHECK(core::findInvalidUtf8(bytes) == std::string::npos);  // never half a character
            if (!lastWasWord) out += pendingSpace;  // white space between words is not text
            pendingSpace.clear();
            out += bytes;
            lastWasWord = true;
            i = end + 2;
        } else if (header[i] == '\r' || header[i] == '\n' || header[i] == ' ') {
            if (header[i] == ' ') pendingSpace += ' ';
            ++i;
        } else {
            out += pendingSpace;
            pendingSpace.clear();
            out += header[i++];
            lastWasWord = false;
        }
    }
    return out;
}

std::string writeSchedule(const testing::TempDir& dir, const std::string& extra, const std::string& smtp = {}) {
    return dir.write("schedule.yaml",
                     "state: state/outbox.db\n"
                     "smtp:\n  host: 127.0.0.1\n  port: 2525\n  security: none\n  from: \"Evaluering <evaluering@example.dk>\"\n" + smtp +
                         "recipients:\n  Odder: {to: [\"Ældre <aeldre@odder.example.dk>\"]}\n"
                         "jobs:\n  kvartal:\n    cron: \"0 7 5 1,4,7,10 *\"\n    project: project.yaml\n    template: status-note\n"
                         "    each: kommune\n    subject: \"Statusnotat\"\n    body: \"Hej\"\n" + extra);
}

std::string errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const core::Error& e) {
        return e.oneLine();
    }
    return "no error";
}

}  // namespace

TEST_CASE("File names are safe ASCII: Danish letters spelt out, no separators", "[delivery]") {
    CHECK(safeFileComponent("Ærø") == "aeroe");
    CHECK(safeFileComponent("Lyngby-Taarbæk") == "lyngby-taarbaek");
    CHECK(safeFileComponent("Høje-Taastrup") == "hoeje-taastrup");
    CHECK(safeFileComponent("Faaborg-Midtfyn") == "faaborg-midtfyn");
    CHECK(safeFileComponent("  Brøndby / Vallensbæk ") == "broendby-vallensbaek");
    CHECK(safeFileComponent("../../etc/passwd") == "etc-passwd");
    CHECK(safeFileComponent("Å") == "aa");
    CHECK(safeFileComponent("2024Q3") == "2024q3");
    CHECK(safeFileComponent("…") == "");

    const core::Location at{"template.yaml"};
    CHECK(outputFileName("statusnotat-{kommune}-{period}.pdf", {{"kommune", "Ærø"}, {"period", "2024Q3"}}, at) ==
          "statusnotat-aeroe-2024q3.pdf");
    // An empty value takes its separator with it.
    CHECK(outputFileName("statusnotat-{kommune}-{period}.pdf", {{"kommune", "Odder"}, {"period", ""}}, at) == "statusnotat-odder.pdf");
    CHECK(outputFileName("statusnotat-{kommune}-{period}.pdf", {{"kommune", ""}, {"period", "2024Q1"}}, at) == "statusnotat-2024q1.pdf");
    CHECK(outputFileName("{kommune}_{period}", {{"kommune", ""}, {"period", "2024Q1"}}, at) == "2024q1.pdf");
    CHECK(outputFileName("note-{kommune}", {{"kommune", "København / Frederiksberg"}}, at) == "note-koebenhavn-frederiksberg.pdf");
    CHECK_THAT(errorOf([&] { outputFileName("../{kommune}.pdf", {{"kommune", "x"}}, at); }), Catch::Contains("names a directory"));
    CHECK_THAT(errorOf([&] { outputFileName("..{kommune}.pdf", {{"kommune", "x"}}, at); }), Catch::Contains("unsafe file name"));
    CHECK_THAT(errorOf([&] { outputFileName("note-{kommun}.pdf", {{"kommune", "x"}}, at); }),
               Catch::Contains("names '{kommun}', which is not a parameter; known: kommune"));
    CHECK_THAT(errorOf([&] { outputFileName("note {kommune}.pdf", {{"kommune", "x"}}, at); }), Catch::Contains("has spaces"));
    CHECK_THAT(errorOf([&] { outputFileName("note-{kommune.pdf", {{"kommune", "x"}}, at); }), Catch::Contains("unclosed '{'"));
}

TEST_CASE("Periods from the run date and quarter lists", "[delivery]") {
    core::Days apr5 = core::daysFromYmd(2024, 4, 5), jan3 = core::daysFromYmd(2024, 1, 3);
    CHECK(derivePeriod("previous_quarter", apr5, {}).key == "2024Q1");
    CHECK(derivePeriod("previous_quarter", apr5, {}).label == "1. kvartal 2024");
    CHECK(derivePeriod("previous_quarter", jan3, {}).key == "2023Q4");
    CHECK(derivePeriod("current_quarter", apr5, {}).quarter == "2024Q2");
    auto pm = derivePeriod("previous_month", jan3, {});
    CHECK((pm.key == "2023-12" && pm.quarter == "2023Q4" && pm.label == "december 2023"));
    CHECK(derivePeriod("current_month", apr5, {}).key == "2024-04");
    CHECK(derivePeriod("2023Q2", apr5, {}).key == "2023Q2");
    CHECK_THROWS_WITH(derivePeriod("last_year", apr5, {"s.yaml"}), Catch::Contains("unknown period 'last_year'"));

    auto qs = parseQuarterList("2023Q3..2024Q2", {"--periods"});
    REQUIRE(qs.size() == 4);
    CHECK(qs.front().str() == "2023Q3");
    CHECK(qs.back().str() == "2024Q2");
    CHECK(parseQuarterList("2024Q1,2024Q3", {"--periods"}).size() == 2);
    CHECK_THROWS_WITH(parseQuarterList("2024Q4..2024Q1", {"--periods"}), Catch::Contains("ends before it starts"));
    CHECK(quartersBetween(core::daysFromYmd(2022, 2, 1), core::daysFromYmd(2024, 10, 31)).size() == 12);  // 2022Q1..2024Q4
}

TEST_CASE("Danish header text: encoded words of whole characters, folded", "[delivery]") {
    CHECK(encodeHeaderText("Statusnotat for Odder Kommune") == "Statusnotat for Odder Kommune");
    std::string s = "Statusnotat for Ærø Kommune – 1. kvartal 2024: nøgletal om borgernes forløb og trivsel i æblehaven";
    std::string h = encodeHeaderText(s);
    CHECK(decodeWords(h) == s);
    // Lines of at most 78 characters with "Subject: " in front.
    std::istringstream lines("Subject: " + h);
    for (std::string line; std::getline(lines, line);) CHECK(line.size() <= 78);
    // Poco 1.11's encodeWord splits 'ø' (C3 B8) across two words at this length; we must not.
    std::string many = "ab ";
    for (int i = 0; i < 21; ++i) many += "ø";
    CHECK(decodeWords(encodeHeaderText(many)) == many);
    // "=?" in plain text would read as an encoded word: it is encoded.
    CHECK(encodeHeaderText("a =?b") != "a =?b");

    CHECK(encodeDisplayName("Evaluering") == "Evaluering");
    CHECK(encodeDisplayName("Odder Kommune, Ældreområdet") == "=?UTF-8?Q?Odder_Kommune=2C_=C3=86ldreomr=C3=A5det?=");
    CHECK(encodeDisplayName("Odder Kommune, Sundhed") == "\"Odder Kommune, Sundhed\"");
    CHECK(formatAddressList({{"Søren", "s@example.dk"}, {"", "t@example.dk"}}, 4) == "=?UTF-8?Q?S=C3=B8ren?= <s@example.dk>, t@example.dk");
}

TEST_CASE("A message has the headers, the body in UTF-8 and the PDF whole", "[delivery]") {
    OutgoingMail m;
    m.messageId = "<abc.evalreport@example.dk>";
    m.deliveryId = "kvartal/kommune=Ærø/2024Q1";
    m.from = {"Evaluering", "evaluering@example.dk"};
    m.to = {{"Ærø Kommune", "aeroe@example.dk"}};
    m.cc = {{"", "cc@example.dk"}};
    m.subject = "Statusnotat – Ærø";
    m.body = "Kære modtager\n\nHer er notatet.\n";
    m.attachmentName = "statusnotat-aeroe-2024q1.pdf";
    static const char kPdf[] = "%PDF-1.3\n\x01\x02\xff binary\r\n.\r\nend";  // binary bytes, a line with a lone dot
    m.attachment = std::string(kPdf, sizeof kPdf - 1);
    m.date = 1712293200;
    std::string msg = composeMessage(m);
    CHECK_THAT(msg, Catch::Contains("Message-ID: <abc.evalreport@example.dk>\r\n"));
    CHECK_THAT(msg, Catch::Contains("Subject: =?UTF-8?Q?Statusnotat_=E2=80=93_=C3=86r=C3=B8?=\r\n"));
    CHECK_THAT(msg, Catch::Contains("To: =?UTF-8?Q?=C3=86r=C3=B8_Kommune?= <aeroe@example.dk>\r\n"));
    CHECK_THAT(msg, Catch::Contains("Cc: cc@example.dk\r\n"));
    CHECK_THAT(msg, Catch::Contains("Content-Type: text/plain; charset=UTF-8"));
    CHECK_THAT(msg, Catch::Contains("K=C3=A6re modtager\r\n"));
    CHECK_THAT(msg, Catch::Contains("filename=statusnotat-aeroe-2024q1.pdf"));
    CHECK_THAT(msg, Catch::Contains("Date: Fri, 5 Apr 2024 05:00:00 GMT"));
    CHECK(msg.find("Ærø") == std::string::npos);  // nothing unencoded in the headers or body
    CHECK(scrubAddresses("550 5.1.1 <x.y@odder.dk>: rejected\r\n") == "550 5.1.1 <address>: rejected");
}

TEST_CASE("Addresses and durations", "[delivery]") {
    Address a = parseAddress("Ældreområdet, Odder <aeldre@odder.example.dk>", {"s.yaml"});
    CHECK(a.name == "Ældreområdet, Odder");
    CHECK(a.address == "aeldre@odder.example.dk");
    CHECK(parseAddress("\"Odder\" <a@b.dk>", {}).name == "Odder");
    CHECK(parseAddress("a@b.dk", {}).name.empty());
    CHECK_THROWS_WITH(parseAddress("Odder Kommune", {"s.yaml", 3, 5}), Catch::StartsWith("s.yaml:3:5: 'Odder Kommune' is not an e-mail address"));
    CHECK_THROWS(parseAddress("a@b.dk, c@d.dk", {}));
    CHECK_THROWS(parseAddress("Æ <æ@b.dk>", {}));
    CHECK(parseDuration("90s") == 90);
    CHECK(parseDuration("15m") == 900);
    CHECK(parseDuration("2h") == 7200);
    CHECK(parseDuration("7d") == 604800);
    CHECK_FALSE(parseDuration("soon").has_value());
}

TEST_CASE("schedule.yaml: settings, overrides and mistakes with their line", "[delivery]") {
    testing::TempDir dir;
    Schedule s = loadSchedule(writeSchedule(dir, "    period: previous_quarter\n    since: 2024-01-01T00:00\n"));
    CHECK(s.zone.name() == "Europe/Copenhagen");
    CHECK(s.state.path == dir.path() + "/state/outbox.db");
    REQUIRE(s.jobs.size() == 1);
    CHECK(s.jobs[0].projectFile == dir.path() + "/project.yaml");
    CHECK(s.jobs[0].each == "kommune");
    CHECK(s.recipients.at("Odder").to[0].name == "Ældre");
    CHECK(s.smtp.messageIdDomain == "example.dk");

    setenv("EVALREPORT_SMTP_HOST", "mail.example.dk", 1);
    setenv("EVALREPORT_SMTP_PORT", "2626", 1);
    Schedule o = loadSchedule(dir.file("schedule.yaml"));
    unsetenv("EVALREPORT_SMTP_HOST");
    unsetenv("EVALREPORT_SMTP_PORT");
    CHECK(o.smtp.host == "mail.example.dk");
    CHECK(o.smtp.port == 2626);

    std::string p = writeSchedule(dir, "", "  user: evalreport\n  password: hemmelig\n");
    std::string e = errorOf([&] { loadSchedule(p); });
    CHECK_THAT(e, Catch::Contains("schedule.yaml:8:13: passwords never go in schedule.yaml"));
    CHECK(e.find("hemmelig") == std::string::npos);
    p = writeSchedule(dir, "", "  user: evalreport\n");
    CHECK_THAT(errorOf([&] { loadSchedule(p); }), Catch::Contains("a user needs password_env or password_file"));
    p = writeSchedule(dir, "    period: last_year\n");
    CHECK_THAT(errorOf([&] { loadSchedule(p); }), Catch::Contains("schedule.yaml:17:13: unknown period 'last_year'"));
    p = dir.write("bad-cron.yaml", "smtp: {from: a@b.dk}\njobs:\n  x:\n    cron: \"0 25 * * *\"\n    project: p.yaml\n    template: t\n"
                                   "    to: [a@b.dk]\n    subject: s\n    body: b\n");
    CHECK_THAT(errorOf([&] { loadSchedule(p); }), Catch::Contains("bad-cron.yaml:4:11: cron expression '0 25 * * *': hour field"));
}

TEST_CASE("Outbox: states, backoff and requeue on SQLite", "[delivery]") {
    testing::TempDir dir;
    StateSettings st;
    st.path = dir.file("outbox.db");
    Outbox box(st);
    Delivery d;
    d.id = "kvartal/kommune=Odder/2024Q1";
    d.job = "kvartal";
    d.params = "kommune=Odder;period=2024Q1";
    d.period = "2024Q1";
    d.scheduledFor = 1000;
    d.messageId = makeMessageId(d.id, 1, "example.dk");
    d.pdfData = std::string("%PDF\0binary\xff", 12);
    d.pdfSha256 = sha256Hex(d.pdfData);
    d.recipients = {{"a@odder.dk", "A", "to", "pending", ""}, {"b@odder.dk", "", "cc", "pending", ""}};
    box.insertRendered(d, 1000);
    CHECK(box.find(d.id)->state == "rendered");
    CHECK(box.pdf(d.id) == d.pdfData);
    CHECK(box.due(5000).empty());  // rendered is not yet released
    box.queueAndAdvance({d.id}, "kvartal", 1000, 1000);
    CHECK(box.jobState("kvartal").lastRun == 1000);
    REQUIRE(box.due(1000).size() == 1);

    RetrySettings retry{60, 200, 4};
    box.markTransient(d.id, "connection refused", retry, 2000);
    CHECK(box.find(d.id)->nextAttempt == 2060);  // first retry after 60 s
    CHECK(box.due(2059).empty());
    box.markTransient(d.id, "connection refused", retry, 3000);
    CHECK(box.find(d.id)->nextAttempt == 3120);  // doubled
    box.markTransient(d.id, "connection refused", retry, 4000);
    CHECK(box.find(d.id)->nextAttempt == 4200);  // capped at max
    box.markTransient(d.id, "connection refused", retry, 5000);
    CHECK(box.find(d.id)->state == "failed");  // attempts used up
    CHECK_THAT(box.find(d.id)->lastError, Catch::StartsWith("gave up after 4 attempts"));

    CHECK(box.requeue(d.id, 0) == 1);
    CHECK(box.find(d.id)->attempts == 0);
    box.markSending(d.id, {{"b@odder.dk", "550 no such user"}}, 6000);
    auto sending = box.find(d.id);
    CHECK(sending->state == "sending");
    CHECK(sending->sends == 1);
    CHECK(box.due(0).size() == 1);  // an interrupted send is always due
    box.markAccepted(d.id, {"a@odder.dk"}, 6001);
    auto sent = box.find(d.id);
    CHECK(sent->state == "sent");
    CHECK(sent->recipients[0].state == "sent");
    CHECK(sent->recipients[1].state == "rejected");
    CHECK(sent->recipients[1].reason == "550 no such user");

    // Purge takes only what is done.
    CHECK(box.purge(7000, {"sent", "failed"}).size() == 1);
    CHECK_FALSE(box.find(d.id).has_value());
}

TEST_CASE("A damaged or foreign outbox is an error, never a reset", "[delivery]") {
    testing::TempDir dir;
    StateSettings st;
    st.path = dir.write("outbox.db", std::string(4096, 'x'));
    std::string e = errorOf([&] { Outbox box(st); });
    CHECK_THAT(e, Catch::StartsWith(st.path + ": "));
    CHECK_THAT(e, Catch::Contains("never resets an outbox"));
    CHECK(testing::readFile(st.path) == std::string(4096, 'x'));  // untouched

    st.path = dir.file("outbox.db/inside.db");  // a file where the directory should be
    CHECK_THAT(errorOf([&] { Outbox box(st); }), Catch::Contains("cannot create the outbox directory"));
}

TEST_CASE("Batch: one failing report does not stop the others", "[delivery]") {
    testing::TempDir dir;
    auto base = cli::loadBase(testing::sourceDir() + "/samples/aeldre/project.yaml", "status-note");
    std::vector<BatchItem> items(3);
    items[0].request.params = {{"kommune", "Odder"}};
    items[0].outPath = dir.file("odder.pdf");
    items[1].request.params = {{"kommune", "Oder"}};  // not a municipality
    items[1].outPath = dir.file("oder.pdf");
    items[2].request.params = {{"kommune", "Vejen"}};
    items[2].outPath = dir.file("vejen.pdf");
    int calls = 0;
    auto results = renderBatch(base, items, 2, [&](size_t, const BatchResult&) { ++calls; });
    CHECK(calls == 3);
    CHECK(results[0].ok);
    CHECK_FALSE(results[1].ok);
    CHECK_THAT(results[1].error, Catch::Contains("'Oder' is not a municipality"));
    CHECK(results[2].ok);
    CHECK(testing::readFile(dir.file("odder.pdf")).rfind("%PDF", 0) == 0);
}

namespace {

// A schedule whose SMTP port is closed: runs render and queue, sending waits.
Schedule offlineSchedule(const testing::TempDir& dir, const std::string& job) {
    std::string p = dir.write("schedule.yaml",
                              "state: state/outbox.db\n"
                              "smtp: {host: 127.0.0.1, port: 1, security: none, from: a@example.dk, timeout: 2s}\n"
                              "recipients:\n  Odder: {to: [o@example.dk]}\n  Vejen: {to: [v@example.dk]}\n  Hvidovre: {to: [h@example.dk]}\n"
                              "jobs:\n  j:\n    project: " + testing::sourceDir() + "/samples/aeldre/project.yaml\n"
                              "    template: status-note\n    subject: s\n    body: b\n" + job);
    return loadSchedule(p);
}

std::vector<std::string> ids(Outbox& box) {
    std::vector<std::string> out;
    for (const auto& d : box.list()) out.push_back(d.id);
    return out;
}

Instant at(const Schedule& s, const char* t) { return parseIsoTime(t, s.zone, "test"); }

}  // namespace

TEST_CASE("Scheduler: what is due, by catch_up, since and first sight", "[delivery]") {
    std::ostringstream log;
    SECTION("catch_up all runs every missed run, each with its own period") {
        testing::TempDir dir;
        Schedule s = offlineSchedule(dir, "    cron: \"0 8 3 * *\"\n    period: previous_month\n    to: [p@example.dk]\n"
                                          "    since: 2024-01-01T00:00\n    catch_up: all\n");
        Outbox box(s.state);
        Scheduler sch(s, box, log);
        RunSummary sum = sch.runDue(at(s, "2024-04-03T08:00"));
        CHECK(ids(box) == std::vector<std::string>{"j/2023-12", "j/2024-01", "j/2024-02", "j/2024-03"});
        CHECK(sum.queued == 4);
        CHECK(sum.waiting == 4);  // port 1: nobody listens
        CHECK(sum.exitCode() == 75);
        // Again at the same time, and earlier: nothing new.
        sch.runDue(at(s, "2024-04-03T08:00"));
        sch.runDue(at(s, "2024-02-01T00:00"));
        CHECK(box.list().size() == 4);
        CHECK(box.jobState("j").lastRun == at(s, "2024-04-03T08:00"));
    }
    SECTION("catch_up latest runs only the most recent") {
        testing::TempDir dir;
        Schedule s = offlineSchedule(dir, "    cron: \"0 8 3 * *\"\n    period: previous_month\n    to: [p@example.dk]\n"
                                          "    since: 2024-01-01T00:00\n");
        Outbox box(s.state);
        Scheduler sch(s, box, log);
        sch.runDue(at(s, "2024-04-10T00:00"));
        CHECK(ids(box) == std::vector<std::string>{"j/2024-03"});
    }
    SECTION("catch_up none runs a missed run only within the grace") {
        testing::TempDir dir;
        Schedule s = offlineSchedule(dir, "    cron: \"0 8 3 * *\"\n    period: previous_month\n    to: [p@example.dk]\n"
                                          "    since: 2024-01-01T00:00\n    catch_up: none\n");
        Outbox box(s.state);
        Scheduler sch(s, box, log);
        sch.runDue(at(s, "2024-03-03T08:10"));  // 10 minutes late: within 15 minutes
        CHECK(ids(box) == std::vector<std::string>{"j/2024-02"});
        sch.runDue(at(s, "2024-04-03T09:00"));  // an hour late: skipped
        CHECK(box.list().size() == 1);
        CHECK_THAT(log.str(), Catch::Contains("skipped 1 missed run"));
    }
    SECTION("a job never seen before starts now; each municipality is a delivery") {
        testing::TempDir dir;
        Schedule s = offlineSchedule(dir, "    cron: \"0 7 5 1,4,7,10 *\"\n    each: kommune\n");
        Outbox box(s.state);
        Scheduler sch(s, box, log);
        sch.runDue(at(s, "2024-04-20T00:00"));  // first sight: the 5 April run is not "missed"
        CHECK(box.list().empty());
        sch.runDue(at(s, "2024-07-05T07:00"));
        CHECK(ids(box) == std::vector<std::string>{"j/kommune=Hvidovre/2024Q2", "j/kommune=Odder/2024Q2", "j/kommune=Vejen/2024Q2"});
        // --run-now for the same quarter makes nothing new.
        RunSummary again = sch.runNow(at(s, "2024-07-20T12:00"));
        CHECK(again.rendered == 0);
        CHECK(box.list().size() == 3);
        auto d = box.find("j/kommune=Odder/2024Q2");
        REQUIRE(d.has_value());
        CHECK(d->params == "kommune=Odder;period=2024Q2");
        CHECK(d->attachmentName == "statusnotat-odder-2024q2.pdf");
        CHECK(d->recipients.size() == 1);
        CHECK(box.pdf(d->id).rfind("%PDF", 0) == 0);
    }
    SECTION("two reports of a run that would share a file name are the job's error") {
        testing::TempDir dir;
        // The evaluation template's output: pattern has no {kommune}.
        Schedule s = offlineSchedule(dir, "    cron: \"0 7 5 1,4,7,10 *\"\n    each: kommune\n    since: 2024-01-01T00:00\n");
        s.jobs[0].templateName = "evaluation";
        Outbox box(s.state);
        Scheduler sch(s, box, log);
        RunSummary sum = sch.runDue(at(s, "2024-04-05T07:00"));
        CHECK(sum.jobErrors == 1);
        CHECK(box.list().empty());
        CHECK_THAT(log.str(), Catch::Contains("would both be written to evaluering-aeldre.pdf"));
    }
    SECTION("a municipality without recipients is the job's error, not a lost report") {
        testing::TempDir dir;
        Schedule s = offlineSchedule(dir, "    cron: \"0 7 5 1,4,7,10 *\"\n    each: kommune\n    since: 2024-01-01T00:00\n");
        s.recipients.erase("Vejen");
        Outbox box(s.state);
        Scheduler sch(s, box, log);
        RunSummary sum = sch.runDue(at(s, "2024-04-05T07:00"));
        CHECK(sum.jobErrors == 1);
        CHECK(box.list().empty());
        CHECK_FALSE(box.jobState("j").known);  // due again once the schedule is fixed
        CHECK_THAT(log.str(), Catch::Contains("no recipients for municipality 'Vejen'"));
    }
}

TEST_CASE("The SMTP password comes from the environment or a file and is never shown", "[delivery]") {
    testing::TempDir dir;
    SmtpSettings s;
    s.user = "evalreport";
    s.passwordFile = dir.write("pw", "hemmeligt-ord\n");
    CHECK(smtpPassword(s) == "hemmeligt-ord");
    s.passwordFile.clear();
    s.passwordEnv = "EVALREPORT_TEST_PW_UNSET";
    unsetenv("EVALREPORT_TEST_PW_UNSET");
    CHECK_THAT(errorOf([&] { smtpPassword(s); }), Catch::Contains("the environment variable EVALREPORT_TEST_PW_UNSET is not set"));
    setenv("EVALREPORT_TEST_PW_UNSET", "fra-miljoeet", 1);
    CHECK(smtpPassword(s) == "fra-miljoeet");
    unsetenv("EVALREPORT_TEST_PW_UNSET");
    s.passwordEnv.clear();
    s.passwordFile = dir.file("missing");
    std::string e = errorOf([&] { smtpPassword(s); });
    CHECK_THAT(e, Catch::Contains("cannot read the SMTP password file"));
    s.user.clear();
    CHECK(smtpPassword(s).empty());  // no user, no password needed
}
