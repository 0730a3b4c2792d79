// Golden cases as data (after DuckDB's test/sql): tests/cases/NAME/case.yaml says what to run
// and what to expect. CMake registers one ctest test per case; EVALREPORT_CASE selects it.
// Adding a case means adding files, not code.
#include <catch2/catch.hpp>
#include "project/Yaml.hpp"

#include <Poco/JSON/Parser.h>

#include <cmath>
#include <cstdlib>
#include <sstream>

#include "Support.hpp"

using namespace testing;

namespace {

// Looks up a dotted path in parsed JSON.
Poco::Dynamic::Var jsonAt(Poco::Dynamic::Var v, const std::string& path) {
    size_t start = 0;
    while (start <= path.size()) {
        size_t dot = path.find('.', start);
        std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (v.type() == typeid(Poco::JSON::Object::Ptr)) {
            auto obj = v.extract<Poco::JSON::Object::Ptr>();
            if (!obj->has(part)) throw std::runtime_error("no '" + part + "' in JSON path " + path);
            v = obj->get(part);
        } else if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
            v = v.extract<Poco::JSON::Array::Ptr>()->get(std::stoul(part));
        } else {
            throw std::runtime_error("JSON path " + path + " ends early at " + part);
        }
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return v;
}

double roundHalfAway(double v, int d) {
    double s = std::pow(10.0, d);
    return std::copysign(std::floor(std::fabs(v) * s + 0.5 + 1e-9), v) / s;
}

std::string argsFor(const yml::Node& c, const std::string& caseDir, const std::string& genDir = "") {
    auto path = [&](const std::string& p) {
        if (p.rfind("samples/", 0) == 0 || p.rfind("templates/", 0) == 0) return quote(sourceDir() + "/" + p);
        if (p.rfind("generated/", 0) == 0) return quote(genDir + "/" + p.substr(10));
        return quote(caseDir + "/" + p);
    };
    std::string args = path(c["project"].as<std::string>());
    if (c["template"]) {
        std::string t = c["template"].as<std::string>();
        args += " --template " + (t.find('/') != std::string::npos ? path(t) : quote(t));
    }
    if (c["params"])
        for (const auto& kv : c["params"]) args += " -P " + quote(kv.first.as<std::string>() + "=" + kv.second.as<std::string>());
    return args;
}

void runCase(const std::string& name) {
    const std::string dir = sourceDir() + "/tests/cases/" + name;
    yml::Node c = project::YamlFile(dir + "/case.yaml").root();
    const std::string cmd = c["run"].as<std::string>();
    const yml::Node expect = c["expect"];
    TempDir tmp;
    std::string out = tmp.file("report.pdf");
    // generate: evalreport-gen arguments; the case's project is then "generated/project.yaml".
    std::string genDir;
    if (const yml::Node g = c["generate"]) {
        genDir = tmp.file("generated");
        std::string gen = binary().substr(0, binary().rfind('/') + 1) + "evalreport-gen";
        Result made = run(quote(gen) + " " + g.as<std::string>() + " --quiet --out " + quote(genDir));
        INFO(made.err);
        REQUIRE(made.exitCode == 0);
    }
    Result r;
    if (cmd == "render") r = evalreport("render " + argsFor(c, dir, genDir) + " -o " + quote(out));
    else r = evalreport(cmd + " " + argsFor(c, dir, genDir));
    INFO("case " << name << "\nstdout: " << r.out.substr(0, 2000) << "\nstderr: " << r.err);

    const int wantExit = expect["exit"] ? expect["exit"].as<int>() : 0;
    if (wantExit == 0) CHECK(r.exitCode == 0);
    else if (wantExit < 0) CHECK(r.exitCode != 0);
    else CHECK(r.exitCode == wantExit);

    if (const yml::Node e = expect["stderr"]) CHECK(squash(r.err) == squash(e.as<std::string>()));
    if (const yml::Node e = expect["stderr_contains"]) CHECK_THAT(r.err, Catch::Contains(e.as<std::string>()));
    if (const yml::Node e = expect["stdout_contains"])
        for (const auto& s : e) CHECK_THAT(r.out, Catch::Contains(s.as<std::string>()));
    if (wantExit != 0 && cmd == "render") {
        INFO("a failed render must leave nothing in the output directory");
        CHECK(tmp.list().empty());
    }

    if (const yml::Node stats = expect["stats"]) {
        REQUIRE(r.exitCode == 0);
        Poco::JSON::Parser parser;
        Poco::Dynamic::Var json = parser.parse(r.out);
        for (const auto& kv : stats) {
            std::string p = kv.first.as<std::string>();
            INFO("JSON path " << p);
            Poco::Dynamic::Var v = jsonAt(json, p);
            const yml::Node want = kv.second;
            if (want.IsMap()) {
                double got = v.convert<double>();
                if (want["round"]) CHECK(roundHalfAway(got, want["round"].as<int>()) == Approx(want["equals"].as<double>()));
                if (want["approx"]) CHECK(got == Approx(want["approx"].as<double>()).epsilon(want["rel"] ? want["rel"].as<double>() : 1e-9));
            } else if (v.isString()) {
                CHECK(v.convert<std::string>() == want.as<std::string>());
            } else {
                CHECK(v.convert<double>() == Approx(want.as<double>()));
            }
        }
    }

    if (cmd == "render" && wantExit == 0) {
        REQUIRE(r.exitCode == 0);
        std::string report;
        CHECK(qpdfCheck(out, &report));
        std::string warnings;
        std::string text = squash(pdfText(out, &warnings));
        CHECK(warnings.empty());
        if (const yml::Node e = expect["text"])
            for (const auto& s : e) CHECK_THAT(text, Catch::Contains(squash(s.as<std::string>())));
        if (const yml::Node e = expect["not_text"])
            for (const auto& s : e) CHECK_THAT(text, !Catch::Contains(s.as<std::string>()));
        if (expect["vector_only"] && expect["vector_only"].as<bool>()) {
            Result img = run("pdfimages -list " + quote(out));
            // Two header lines, then one line per image: charts must be vector graphics.
            CHECK(std::count(img.out.begin(), img.out.end(), '\n') == 2);
        }
        if (const yml::Node e = expect["info"]) {
            Result info = run("TZ=UTC pdfinfo -isodates " + quote(out));
            for (const auto& line : e) CHECK_THAT(squash(info.out), Catch::Contains(squash(line.as<std::string>())));
        }
        if (expect["fonts_embedded"] && expect["fonts_embedded"].as<bool>()) {
            Result fonts = run("pdffonts " + quote(out));
            std::istringstream lines(fonts.out);
            std::string line;
            int count = 0;
            for (int i = 0; std::getline(lines, line); ++i) {
                if (i < 2 || line.empty()) continue;  // header lines
                ++count;
                INFO("pdffonts: " << line);
                CHECK_THAT(line, Catch::Contains("TrueType"));
                CHECK_THAT(line, Catch::Contains(" yes yes "));  // embedded, subset
            }
            CHECK(count >= 2);  // regular and bold at least
        }
        if (expect["reproducible"] && expect["reproducible"].as<bool>()) {
            std::string second = tmp.file("again.pdf");
            Result again = evalreport("render " + argsFor(c, dir, genDir) + " -o " + quote(second));
            REQUIRE(again.exitCode == 0);
            CHECK(readFile(out) == readFile(second));
        }
        if (const yml::Node e = expect["pages"]) {
            Result info = run("pdfinfo " + quote(out));
            CHECK_THAT(squash(info.out), Catch::Contains("Pages: " + e.as<std::string>() + " "));
        }
    }
}

}  // namespace

TEST_CASE("Data-driven case from tests/cases", "[case]") {
    const char* name = std::getenv("EVALREPORT_CASE");
    if (!name) {
        WARN("EVALREPORT_CASE not set; ctest runs each case separately");
        return;
    }
    runCase(name);
}
