#pragma once
// Colour-blind-safe colours (Okabe–Ito hues and tints of them), chosen so that neighbouring
// colours also differ in greyscale: tests/unit/test_charts.cpp checks the luminance steps.
#include <vector>

#include "scene/Scene.hpp"

namespace charts::palette {

inline constexpr scene::Color ink{0x22, 0x22, 0x22};
inline constexpr scene::Color muted{0x59, 0x59, 0x59};
inline constexpr scene::Color grid{0xD9, 0xD9, 0xD9};
inline constexpr scene::Color axis{0x80, 0x80, 0x80};
inline constexpr scene::Color white{0xFF, 0xFF, 0xFF};
inline constexpr scene::Color tint{0xEA, 0xF2, 0xF8};   // box fill, as the layout's fact boxes
inline constexpr scene::Color navy{0x0B, 0x3C, 0x5D};   // the layout's heading colour

// Okabe–Ito (2008).
inline constexpr scene::Color lightBlue{0x56, 0xB4, 0xE9};
inline constexpr scene::Color blue{0x00, 0x72, 0xB2};
inline constexpr scene::Color green{0x00, 0x9E, 0x73};
inline constexpr scene::Color orange{0xE6, 0x9F, 0x00};
inline constexpr scene::Color vermillion{0xD5, 0x5E, 0x00};
inline constexpr scene::Color purple{0xCC, 0x79, 0xA7};
inline constexpr scene::Color yellow{0xF0, 0xE4, 0x42};
inline constexpr scene::Color neutral{0xD9, 0xD9, 0xD9};

// Tints and shades of the Okabe–Ito hues, for scales with more steps than hues.
inline constexpr scene::Color paleBlue{0xA9, 0xD3, 0xF0};    // luminance 204
inline constexpr scene::Color midBlue{0x4F, 0xA3, 0xDB};     // 149
inline constexpr scene::Color lightOrange{0xEF, 0xA7, 0x5A}; // 177
inline constexpr scene::Color darkRed{0x8F, 0x3A, 0x00};     // 72
inline constexpr scene::Color darkGreen{0x00, 0x6B, 0x4F};   // 82

// Relative luminance on 0–255 (Rec. 709 weights): what a greyscale printer keeps.
inline double luminance(scene::Color c) { return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b; }

// Text colour that reads on a fill: white on dark fills, ink on light ones.
inline scene::Color textOn(scene::Color c) { return luminance(c) < 140 ? white : ink; }

// Series colours for grouped bars and lines. Up to four series form a light-to-dark blue ramp
// (rounds, phases, first/latest are ordered, and a ramp survives greyscale); more series fall
// back to the categorical Okabe–Ito order with alternating luminance.
inline std::vector<scene::Color> series(size_t n) {
    switch (n) {
        case 0:
        case 1: return {blue};
        case 2: return {lightBlue, blue};
        case 3: return {paleBlue, lightBlue, blue};
        case 4: return {paleBlue, lightBlue, blue, navy};
        default: return {lightBlue, blue, orange, green, purple, vermillion};
    }
}
inline std::vector<scene::Color> series() { return series(2); }

// A diverging answer scale of n categories, from the most negative to the most positive:
// vermillion side, neutral grey in the middle (odd n), blue side. Luminance rises towards the
// middle on each side, and neighbouring steps differ by at least 25 (of 255).
inline std::vector<scene::Color> likert(size_t n) {
    switch (n) {
        case 0:
        case 1: return {blue};
        case 2: return {lightOrange, blue};
        case 3: return {vermillion, neutral, blue};
        case 4: return {vermillion, lightOrange, midBlue, blue};
        case 5: return {vermillion, lightOrange, neutral, midBlue, blue};
        case 6: return {darkRed, vermillion, lightOrange, paleBlue, midBlue, blue};
        case 7: return {darkRed, vermillion, lightOrange, scene::Color{0xEB, 0xEB, 0xEB}, paleBlue, midBlue, blue};
        default: {
            std::vector<scene::Color> out;
            auto base = series(6);
            for (size_t k = 0; k < n; ++k) out.push_back(base[k % base.size()]);
            return out;
        }
    }
}

// Change categories use the ends and the middle of the Likert scale, so "improved" looks like
// "agree" and "worse" like "disagree" in the same report.
inline constexpr scene::Color improved = blue;
inline constexpr scene::Color unchanged = neutral;
inline constexpr scene::Color worsened = vermillion;

// Traffic-light ratings, best first: green, yellow, red. The greens and reds differ in
// luminance (82 / 219 / 112), and every cell also prints its rating as a word.
inline std::vector<scene::Color> trafficLight() { return {darkGreen, yellow, vermillion}; }
inline constexpr scene::Color notRated{0xEB, 0xEB, 0xEB};

}  // namespace charts::palette
