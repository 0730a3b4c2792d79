#pragma once
// Helpers shared by the fuzz targets (tests/fuzz/fuzz_*.cpp): a scratch directory per process
// for parsers that read files, and the rule for what counts as a finding.
//
// A target calls the parser and catches core::Error only: that is the one way a parser may
// refuse input (it becomes `file:line:column: problem; fix` on the command line). Any other
// exception escapes, and libFuzzer (or the replay driver) reports it as a crash, because the
// CLI would print it as "internal error" without a location.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace fuzz {

// A fresh directory under $TMPDIR (or /tmp) made on first use and removed at exit.
const std::string& scratchDir();
// Writes bytes to scratchDir()/name (creating parent directories) and returns the path.
std::string writeScratch(const std::string& name, std::string_view bytes);
inline std::string writeScratch(const std::string& name, const uint8_t* data, size_t size) {
    return writeScratch(name, std::string_view(reinterpret_cast<const char*>(data), size));
}

}  // namespace fuzz
