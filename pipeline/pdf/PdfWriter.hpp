#pragma once
// The PDF painter: draws laid-out pages (scenes) with libharu. Text is set in CP1252 with
// embedded, subset TrueType fonts; the outline mirrors the headings. Output is reproducible:
// the creation date comes from the pages' metadata, and libharu writes no random /ID.
#include <string>

#include "layout/Layout.hpp"

namespace pdf {

// Renders to bytes in memory. Throws core::Error if libharu reports a failure.
std::string renderPdf(const layout::Pages& pages);

// Renders and writes atomically: the file at `path` is either the complete PDF or untouched.
void writePdf(const layout::Pages& pages, const std::string& path);

}  // namespace pdf
