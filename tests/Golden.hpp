#pragma once
// Golden files: compare text output with a checked-in file under tests/golden/. Regenerate
// deliberately with tests/update-golden.sh (EVALREPORT_UPDATE_GOLDEN=1) and review the diff.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "Support.hpp"

namespace testing {

inline void checkGolden(const std::string& name, const std::string& actual) {
    std::string path = sourceDir() + "/tests/golden/" + name;
    if (const char* u = std::getenv("EVALREPORT_UPDATE_GOLDEN"); u && std::string(u) == "1") {
        run("mkdir -p " + quote(path.substr(0, path.rfind('/'))));
        std::ofstream(path, std::ios::binary) << actual;
        WARN("updated golden file " << path);
        return;
    }
    std::ifstream in(path, std::ios::binary);
    INFO("golden file " << path << " (regenerate with tests/update-golden.sh and review the diff)");
    REQUIRE(in.good());
    std::string expected = readFile(path);
    CHECK(actual == expected);
}

}  // namespace testing
