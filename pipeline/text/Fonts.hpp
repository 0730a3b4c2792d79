#pragma once
// Font metrics for layout and charts. Text is set in single-byte CP1252 with embedded TrueType
// fonts (see docs/ARCHITECTURE.md: it extracts cleanly and is ~2x faster than libharu's UTF-8
// mode). Widths are read once per process into 256-entry tables, so measuring is a table sum.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "scene/Scene.hpp"
#include "text/TrueType.hpp"

namespace text {

// UTF-8 -> CP1252. Characters outside CP1252 are transliterated (≥ -> ">=", − -> "-")
// or replaced by '?'. Danish letters, € and typographic quotes/dashes map directly.
std::string toCp1252(std::string_view utf8);

// The Unicode code point of a CP1252 byte (0 for the five unassigned bytes).
char32_t cp1252ToUnicode(unsigned char byte);

class Fonts {
public:
    // The process-wide font set (Liberation Sans by default; EVALREPORT_FONT_DIR overrides the
    // directory). Loads lazily and thread-safely; throws core::Error if a font file is missing.
    static const Fonts& standard();

    double width(std::string_view utf8, scene::Face face, double size) const;
    double widthCp1252(std::string_view bytes, scene::Face face, double size) const;
    double charWidth(unsigned char cp1252, scene::Face face, double size) const {
        return widths_[static_cast<size_t>(face)][cp1252] * size / 1000.0;
    }
    double ascent(double size) const { return ascent_ * size / 1000.0; }
    double descent(double size) const { return descent_ * size / 1000.0; }  // positive, below baseline
    const std::string& file(scene::Face face) const { return files_[static_cast<size_t>(face)]; }
    // The font itself, for the PDF writer's subsets (loaded once per process; the file stays open).
    const TrueType& font(scene::Face face) const { return faces_[static_cast<size_t>(face)]; }

private:
    Fonts();
    std::array<std::string, 4> files_;
    std::vector<TrueType> faces_;  // Regular, Bold, Italic, BoldItalic
    std::array<std::array<float, 256>, 4> widths_{};
    double ascent_ = 905, descent_ = 212;
};

}  // namespace text
