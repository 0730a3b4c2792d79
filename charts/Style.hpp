#pragma once
// Type sizes and spacing shared by every chart, so figures in one report look alike.
namespace charts::style {

inline constexpr double font = 8;        // category labels, legend
inline constexpr double small = 7.5;     // n, axis ticks, value labels inside bars
inline constexpr double line = 10;       // leading of wrapped 8 pt labels
inline constexpr double smallLine = 9;   // leading of wrapped 7.5 pt labels
inline constexpr int maxLines = 3;       // a category label wraps onto at most 3 lines, then "…"
inline constexpr double swatch = 8;      // legend swatch side
inline constexpr double legendGap = 14;  // between legend entries

// Baseline offset that centres a line of `size` text on a y coordinate (cap height ~0.72 em).
inline constexpr double centreBaseline(double size) { return size * 0.36; }

}  // namespace charts::style
