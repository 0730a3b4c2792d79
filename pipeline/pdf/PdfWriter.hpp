#pragma once
// The PDF painter: draws laid-out pages (scenes) into a PDF document built with libharu.
//
// libharu builds the document: its objects, page tree, link annotations, outline, document
// information and cross-reference table. What libharu 2.3.0 does slowly is made here and handed
// to it as finished objects (docs/ARCHITECTURE.md, "The PDF stage"):
//   - each page's content stream, written by the painter (pdf/Content.hpp);
//   - the fonts: TrueType subsets of just the characters used, in CP1252 (WinAnsiEncoding),
//     with /Widths and the font descriptor from text::TrueType, so libharu never reads a font;
//   - compression: every stream is deflated with libdeflate, font subsets on a second thread.
// Output is reproducible: the creation date comes from the pages' metadata, and no random /ID
// is written.
#include <string>

#include "layout/Layout.hpp"

namespace pdf {

// Renders to bytes in memory. Throws core::Error if libharu reports a failure.
std::string renderPdf(const layout::Pages& pages);

// Renders and writes atomically: the file at `path` is either the complete PDF or untouched.
void writePdf(const layout::Pages& pages, const std::string& path);

}  // namespace pdf
