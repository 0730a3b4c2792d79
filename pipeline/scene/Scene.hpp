#pragma once
// The backend-neutral drawing IR. Charts and layout emit scenes; pdf::PdfWriter and
// scene::SvgWriter paint them. Coordinates are points, origin top-left, y downwards.
// Text is fully positioned (baseline-left) by its producer, which measured it with text::Fonts.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace scene {

struct Color {
    uint8_t r = 0, g = 0, b = 0;
    bool operator==(const Color& o) const { return r == o.r && g == o.g && b == o.b; }
};

enum class Face : uint8_t { Regular, Bold, Italic, BoldItalic };

struct Text {
    double x = 0, y = 0;  // baseline start
    std::string text;     // UTF-8
    Face face = Face::Regular;
    double size = 10;
    Color color{};
    double width = 0;     // measured advance width, including word spacing
    double wordSpacing = 0;  // extra space added to each ' ' (justified lines)
};

struct Line {
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    double width = 0.5;
    Color color{};
    double dash = 0;  // dash length; 0 = solid
};

struct Rect {
    double x = 0, y = 0, w = 0, h = 0;
    std::optional<Color> fill;
    std::optional<Color> stroke;
    double strokeWidth = 0.5;
};

struct Point {
    double x = 0, y = 0;
};

struct Path {
    std::vector<Point> points;
    bool closed = false;
    std::optional<Color> fill;
    std::optional<Color> stroke;
    double strokeWidth = 0.75;
};

struct Circle {
    double cx = 0, cy = 0, r = 1;
    std::optional<Color> fill;
    std::optional<Color> stroke;
    double strokeWidth = 0.75;
};

// A clickable area: an external URI, or an internal jump to `page` (0-based) at `top`.
struct Link {
    double x = 0, y = 0, w = 0, h = 0;
    std::string uri;
    int page = -1;
    double top = 0;
};

using Item = std::variant<Text, Line, Rect, Path, Circle, Link>;

struct Scene {
    double width = 0, height = 0;
    std::vector<Item> items;

    template <class T>
    void add(T item) { items.emplace_back(std::move(item)); }

    // Copy every item of `child` into this scene, shifted by (dx, dy).
    void place(const Scene& child, double dx, double dy);
};

}  // namespace scene
