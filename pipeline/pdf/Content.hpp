#pragma once
// A page's content stream (PDF 32000 8 and 9): the operators that paint one scene. Text is set
// in CP1252 with the fonts /F1../F4 (scene::Face Regular, Bold, Italic, BoldItalic); y is
// flipped from the scene's top-down to PDF's bottom-up. Numbers are written with at most three
// decimals (1/1000 pt), colours as fractions of 255 with three decimals, which still name the
// same 8-bit value. Colour, line width, font and word spacing are written only when they change.
#include <array>
#include <string>
#include <vector>

#include "scene/Scene.hpp"

namespace pdf {

struct PageContent {
    std::string operators;             // uncompressed
    std::array<bool, 4> faces{};       // the fonts the page uses, by scene::Face
    std::vector<scene::Link> links;    // the link areas, in scene coordinates
};

// `bytes` holds each Text item's string already converted to CP1252 (text::toCp1252), in item
// order, so that the converting is done once per document.
PageContent paintPage(const scene::Scene& page, const std::vector<std::string>& bytes);

// The CP1252 strings of every Text item on `page`, in order, for paintPage.
std::vector<std::string> textBytes(const scene::Scene& page);

}  // namespace pdf
