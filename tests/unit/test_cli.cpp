// The command line (pipeline/cli/App.cpp, getopt_long): the spellings a user types, and the
// usage errors (exit 64, sysexits' EX_USAGE) for what it cannot mean.
#include <catch2/catch.hpp>

#include "Support.hpp"

using namespace testing;

TEST_CASE("CLI: options are read in every usual spelling, before or after the project", "[cli]") {
    const std::string project = quote(sourceDir() + "/samples/aeldre/project.yaml");
    // stats prints JSON with the parameters it was given: the options reached the command.
    for (const std::string& args : {"stats " + project + " --template status-note -P kommune=Odder",
                                    "stats --template=status-note -Pkommune=Odder " + project,
                                    "stats -t status-note --param kommune=Odder " + project,
                                    "stats --templ status-note --param=kommune=Odder " + project}) {
        INFO(args);
        Result r = evalreport(args);
        REQUIRE(r.exitCode == 0);
        CHECK(r.out.find("\"kommune\": \"Odder\"") != std::string::npos);
        CHECK(r.out.find("\"template\": \"status-note\"") != std::string::npos);
    }
    // -P repeats; "--" ends the options.
    Result two = evalreport("stats -t status-note -P kommune=Odder -P period=2024Q3 -- " + project);
    REQUIRE(two.exitCode == 0);
    CHECK(two.out.find("\"period\": \"2024Q3\"") != std::string::npos);
}

TEST_CASE("CLI: usage errors name the option and exit 64", "[cli][errors]") {
    const std::string project = quote(sourceDir() + "/samples/aeldre/project.yaml");
    struct Case {
        std::string args, message;
    };
    const Case cases[] = {
        {"render " + project + " --bogus", "evalreport render: unknown option '--bogus'"},
        {"render " + project + " -q", "evalreport render: unknown option '-q'"},
        {"render " + project + " -t status-note -o", "evalreport render: option '-o' needs a value"},
        {"render " + project + " --template", "evalreport render: option '--template' needs a value"},
        {"render " + project + " -t a --template b", "evalreport render: option -t/--template is given twice"},
        {"schedule x.yaml --job", "evalreport schedule: option '--job' needs a value"},
    };
    for (const auto& c : cases) {
        INFO(c.args);
        Result r = evalreport(c.args);
        CHECK(r.exitCode == 64);
        CHECK(r.err.rfind(c.message + "\n", 0) == 0);
        CHECK(r.err.find("usage: evalreport ") != std::string::npos);
        CHECK(r.out.empty());
    }
    Result unknown = evalreport("rendr x");
    CHECK(unknown.exitCode == 64);
    CHECK(unknown.err.rfind("evalreport: unknown command 'rendr'", 0) == 0);
}

TEST_CASE("CLI: --help lists every option of the command with an example", "[cli]") {
    Result r = evalreport("render --help");
    REQUIRE(r.exitCode == 0);
    for (const char* line : {"usage: evalreport render ", "  -t, --template=NAME-OR-DIR", "  -P, --param=NAME=VALUE",
                             "(may be repeated)", "  -o, --output=FILE.PDF", "Example:\n  evalreport render "})
        CHECK(r.out.find(line) != std::string::npos);
    Result s = evalreport("schedule --help");
    REQUIRE(s.exitCode == 0);
    CHECK(s.out.find("      --once ") != std::string::npos);  // no short name: aligned after the column
}

TEST_CASE("CLI: render (fonts read ahead on another thread) and batch write the same bytes", "[cli]") {
    // render reads the fonts and hyphenation patterns while the statistics are computed
    // (cli::Preload); batch renders on worker threads. The PDFs must not differ by a byte.
    TempDir tmp;
    const std::string project = quote(sourceDir() + "/samples/aeldre/project.yaml");
    Result one = run("SOURCE_DATE_EPOCH=1730332800 " + quote(binary()) + " render " + project +
                     " -t status-note -P kommune=Odder -o " + quote(tmp.file("render.pdf")));
    REQUIRE(one.exitCode == 0);
    run("mkdir " + quote(tmp.file("batch")));
    Result all = run("SOURCE_DATE_EPOCH=1730332800 " + quote(binary()) + " batch " + project +
                     " --template status-note --each kommune --out-dir " + quote(tmp.file("batch")));
    REQUIRE(all.exitCode == 0);
    Result cmp = run("cmp " + quote(tmp.file("render.pdf")) + " " + quote(tmp.file("batch/statusnotat-odder.pdf")));
    CHECK(cmp.exitCode == 0);
}
