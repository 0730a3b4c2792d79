#pragma once
// Outputs appear whole or not at all: bytes go to a temporary file next to the target,
// are flushed to disk, and are renamed over the target only when complete.
#include <string>
#include <string_view>

namespace core {

// Throws core::Error naming `path` on failure; never leaves a partial file at `path`.
void writeFileAtomically(const std::string& path, std::string_view bytes);

// Reads a whole (small) file; throws core::Error with the path if it cannot be read.
std::string readFile(const std::string& path);

}  // namespace core
