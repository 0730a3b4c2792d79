// Bad input as data (in the spirit of test_cases.cpp): tests/bad-input/NAME/ is a small project
// with one defect, and expected.txt holds the first error line `evalreport validate` prints
// for it. CMake registers one ctest test per directory; EVALREPORT_BAD_INPUT selects it.
// Each case checks that validate exits 2 with that line first, and that render refuses with
// the same message on stderr and leaves no file behind. Adding a case means adding files.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "Support.hpp"

using namespace testing;

namespace {

std::string firstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

// "file:line:col: error: problem; fix" -> "file:line:col: problem; fix", as render prints it.
std::string withoutSeverity(const std::string& line) {
    const std::string tag = ": error: ";
    size_t at = line.find(tag);
    return at == std::string::npos ? line : line.substr(0, at) + ": " + line.substr(at + tag.size());
}

}  // namespace

TEST_CASE("Bad input from tests/bad-input", "[case][bad-input]") {
    const char* name = std::getenv("EVALREPORT_BAD_INPUT");
    if (!name) {
        WARN("EVALREPORT_BAD_INPUT not set; ctest runs each case separately");
        return;
    }
    const std::string dir = sourceDir() + "/tests/bad-input/" + name;
    const std::string expected = firstLine(readFile(dir + "/expected.txt"));
    REQUIRE_FALSE(expected.empty());
    const std::string in = "cd " + quote(dir) + " && " + quote(binary());

    Result v = run(in + " validate project.yaml");
    INFO("case " << name << "\nvalidate stdout:\n" << v.out << "\nstderr: " << v.err);
    CHECK(v.exitCode == 2);
    std::string firstError;
    for (size_t at = 0; at < v.out.size();) {
        size_t end = v.out.find('\n', at);
        std::string line = v.out.substr(at, end - at);
        if (line.find(": error: ") != std::string::npos) {
            firstError = line;
            break;
        }
        at = end == std::string::npos ? v.out.size() : end + 1;
    }
    CHECK(firstError == expected);

    TempDir tmp;
    Result r = run(in + " render project.yaml --template status-note -o " + quote(tmp.file("x.pdf")));
    INFO("render stderr: " << r.err);
    CHECK(r.exitCode != 0);
    CHECK_THAT(r.err, Catch::StartsWith("evalreport: " + withoutSeverity(expected)));
    CHECK(tmp.list().empty());
}
