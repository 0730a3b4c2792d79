#pragma once
// The PDF painter: draws laid-out pages (scenes) with libharu. Text is set in CP1252 with
// embedded, subset TrueType fonts; the outline mirrors the headings. Output is reproducible:
// the creation date comes from the pages' metadata, and libharu writes no random /ID.
#include <memory>
#include <string>

#include "layout/Layout.hpp"

namespace pdf {

// A libharu document with the metrics of all four faces read. libharu reads each font file
// whole (~0,3 ms a face), so a caller can make this on another thread while the report is
// still being prepared and hand it to renderPdf/writePdf. Throws core::Error.
class Start {
public:
    Start();
    ~Start();
    Start(const Start&) = delete;
    Start& operator=(const Start&) = delete;
    struct Impl;
    std::unique_ptr<Impl> impl;
};

// Renders to bytes in memory, in `start` if given. Throws core::Error if libharu reports a
// failure.
std::string renderPdf(const layout::Pages& pages, std::unique_ptr<Start> start = nullptr);

// Renders and writes atomically: the file at `path` is either the complete PDF or untouched.
void writePdf(const layout::Pages& pages, const std::string& path, std::unique_ptr<Start> start = nullptr);

}  // namespace pdf
