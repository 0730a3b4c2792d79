// Bad input as data (in the spirit of test_cases.cpp): tests/bad-input/NAME/ is a small project
// with one defect, and expected.txt holds the first error line `evalreport validate` prints
// for it. CMake registers one ctest test per directory; EVALREPORT_BAD_INPUT selects it.
//
// The case is copied to a temporary directory and run there. By default validate must exit 2
// with that line as its first error, and `render --template status-note` must refuse with the
// same message on stderr. An optional case.txt changes what is run and how the input is made:
//
//   run: schedule schedule.yaml --once --at 2024-11-05T07:00   # instead of validate + render;
//   run: render project.yaml --template tmpl -o {out}/x.pdf    # one line per command
//   fill: data/borgere.csv 104857600                           # @FILL@ in the file becomes
//                                                              # that many bytes of 'x'
//
// {out} is a fresh empty directory. Every command must exit non-zero and print one line,
// `evalreport: <location>: <problem>; <fix>` (validate: the first error line of its list), and
// afterwards no {out} holds a file and the case's own directory holds nothing new: a refused
// input leaves nothing behind. Adding a case means adding files.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "Support.hpp"

using namespace testing;
namespace fs = std::filesystem;

namespace {

std::string firstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

// "file:line:col: error: problem; fix" -> "file:line:col: problem; fix", as render prints it.
std::string withoutSeverity(const std::string& line) {
    const std::string tag = ": error: ";
    size_t at = line.find(tag);
    return at == std::string::npos ? line : line.substr(0, at) + ": " + line.substr(at + tag.size());
}

std::set<std::string> tree(const std::string& dir) {
    std::set<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        out.insert(fs::relative(e.path(), dir).string());
    return out;
}

void replaceAll(std::string& s, const std::string& from, const std::string& to) {
    for (size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
}

// Replaces the marker @FILL@ in `file` by `bytes` bytes of 'x', streaming (100 MB cases).
void fill(const std::string& file, size_t bytes) {
    std::string text = readFile(file);
    size_t at = text.find("@FILL@");
    REQUIRE(at != std::string::npos);
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(at));
    std::string block(1 << 20, 'x');
    for (size_t left = bytes; left > 0;) {
        size_t n = std::min(left, block.size());
        out.write(block.data(), static_cast<std::streamsize>(n));
        left -= n;
    }
    out.write(text.data() + at + 6, static_cast<std::streamsize>(text.size() - at - 6));
    REQUIRE(out.good());
}

}  // namespace

TEST_CASE("Bad input from tests/bad-input", "[case][bad-input]") {
    const char* name = std::getenv("EVALREPORT_BAD_INPUT");
    if (!name) {
        WARN("EVALREPORT_BAD_INPUT not set; ctest runs each case separately");
        return;
    }
    const std::string src = sourceDir() + "/tests/bad-input/" + name;
    const std::string expected = firstLine(readFile(src + "/expected.txt"));
    REQUIRE_FALSE(expected.empty());
    // One message with its location: "<where>: error: <problem>".
    const size_t tag = expected.find(": error: ");
    REQUIRE(tag != std::string::npos);
    REQUIRE(tag > 0);

    TempDir work;
    const std::string dir = work.file("case");
    fs::copy(src, dir, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    fs::remove(dir + "/expected.txt");

    std::vector<std::string> commands;
    if (fs::exists(dir + "/case.txt")) {
        std::istringstream in(readFile(dir + "/case.txt"));
        fs::remove(dir + "/case.txt");
        for (std::string line; std::getline(in, line);) {
            if (line.empty() || line[0] == '#') continue;
            if (line.rfind("run: ", 0) == 0) {
                commands.push_back(line.substr(5));
            } else if (line.rfind("fill: ", 0) == 0) {
                std::istringstream f(line.substr(6));
                std::string file;
                size_t bytes = 0;
                f >> file >> bytes;
                fill(dir + "/" + file, bytes);
            } else {
                FAIL("case.txt: unknown line '" << line << "'");
            }
        }
    }
    if (commands.empty()) commands = {"validate project.yaml", "render project.yaml --template status-note -o {out}/x.pdf"};

    const std::set<std::string> before = tree(dir);
    std::vector<std::unique_ptr<TempDir>> outs;
    for (std::string args : commands) {
        outs.push_back(std::make_unique<TempDir>());
        replaceAll(args, "{out}", quote(outs.back()->path()));
        Result r = run("cd " + quote(dir) + " && " + quote(binary()) + " " + args + " </dev/null");
        INFO("case " << name << "\n$ evalreport " << args << "\nexit " << r.exitCode << "\nstdout:\n"
                     << r.out.substr(0, 4000) << "\nstderr:\n" << r.err.substr(0, 4000));
        if (args.rfind("validate ", 0) == 0) {
            CHECK(r.exitCode == 2);
            std::string firstError;
            for (size_t at = 0; at < r.out.size();) {
                size_t end = r.out.find('\n', at);
                std::string line = r.out.substr(at, end - at);
                if (line.find(": error: ") != std::string::npos) {
                    firstError = line;
                    break;
                }
                at = end == std::string::npos ? r.out.size() : end + 1;
            }
            CHECK(firstError == expected);
        } else {
            CHECK(r.exitCode != 0);
            CHECK(r.exitCode < 128);  // refused, not killed by a signal
            CHECK(r.err == "evalreport: " + withoutSeverity(expected) + "\n");
        }
        CHECK(outs.back()->list().empty());
    }
    CHECK(tree(dir) == before);
}
