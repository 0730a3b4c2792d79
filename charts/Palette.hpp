#pragma once
// Colour-blind-safe colours (Okabe–Ito), chosen to stay distinct in greyscale.
#include <vector>

#include "scene/Scene.hpp"

namespace charts::palette {

inline constexpr scene::Color ink{0x22, 0x22, 0x22};
inline constexpr scene::Color muted{0x59, 0x59, 0x59};
inline constexpr scene::Color grid{0xD9, 0xD9, 0xD9};
inline constexpr scene::Color axis{0x80, 0x80, 0x80};
inline constexpr scene::Color white{0xFF, 0xFF, 0xFF};

inline constexpr scene::Color lightBlue{0x56, 0xB4, 0xE9};
inline constexpr scene::Color blue{0x00, 0x72, 0xB2};
inline constexpr scene::Color green{0x00, 0x9E, 0x73};
inline constexpr scene::Color orange{0xE6, 0x9F, 0x00};
inline constexpr scene::Color vermillion{0xD5, 0x5E, 0x00};
inline constexpr scene::Color purple{0xCC, 0x79, 0xA7};
inline constexpr scene::Color yellow{0xF0, 0xE4, 0x42};
inline constexpr scene::Color neutral{0xBD, 0xBD, 0xBD};

// Series colours in order, for grouped bars.
inline std::vector<scene::Color> series() { return {lightBlue, blue, orange, green, purple, vermillion}; }

// Change categories: improved / unchanged / worse, consistent with the Likert palette's ends.
inline constexpr scene::Color improved = green;
inline constexpr scene::Color unchanged = neutral;
inline constexpr scene::Color worsened = vermillion;

// Text colour that reads on a fill: white on dark fills, ink on light ones.
inline scene::Color textOn(scene::Color c) {
    double lum = 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
    return lum < 140 ? white : ink;
}

}  // namespace charts::palette
