#pragma once
// Paragraph line breaking: styled text becomes boxes, glue and penalties (with Danish
// hyphenation points), and a total-fit Knuth–Plass pass chooses the breaks. Each line comes
// back as runs of same-style text with the word spacing that justifies it.
#include <string>
#include <vector>

#include "document/Document.hpp"
#include "scene/Scene.hpp"

namespace layout {

struct TextStyle {
    double size = 10;
    double leading = 14;
    scene::Color color{0x1A, 0x1A, 0x1A};
    bool justify = true;
    bool hyphenate = true;
};

struct Run {
    double x = 0;              // from the line start
    std::string text;          // UTF-8, spaces included
    scene::Face face = scene::Face::Regular;
    double size = 10;
    double rise = 0;           // superscript offset (footnote markers)
    double width = 0;          // natural width plus word spacing
    std::string link;
};

struct Line {
    std::vector<Run> runs;
    std::vector<int> footnotes;  // numbers of the footnote markers on this line
    double wordSpacing = 0;    // added to every space on this line
    double width = 0;          // natural width
    bool hyphenated = false;
};

// Breaks `spans` into lines of at most `width` points. Never fails: an unbreakable word
// wider than the line is set on its own (overfull) line.
std::vector<Line> breakLines(const document::Inlines& spans, double width, const TextStyle& style);

// Draws lines at (x, baseline y of the first line) into a scene.
void drawLines(scene::Scene& s, const std::vector<Line>& lines, double x, double y, const TextStyle& style,
               size_t from = 0, size_t to = SIZE_MAX);

}  // namespace layout
