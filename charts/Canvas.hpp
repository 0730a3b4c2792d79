#pragma once
// Drawing helpers for charts: measured, aligned text and simple shapes on a scene. A canvas
// also collects the full text of every label it had to shorten with "…" (Drawing::truncated).
#include <optional>
#include <string>
#include <vector>

#include "charts/Palette.hpp"
#include "scene/Scene.hpp"

namespace charts {

enum class Align { Left, Center, Right };

class Canvas {
public:
    explicit Canvas(scene::Scene& s, std::vector<std::string>* truncated = nullptr) : s_(s), truncated_(truncated) {}

    static double width(const std::string& text, double size, scene::Face face = scene::Face::Regular);

    // Places text with its baseline at y; returns its width.
    double text(double x, double y, const std::string& str, double size, Align align = Align::Left,
                scene::Face face = scene::Face::Regular, scene::Color color = palette::ink);
    // Lines of text from baseline y, `leading` apart; returns the baseline after the last line.
    double lines(double x, double y, const std::vector<std::string>& ls, double size, double leading,
                 Align align = Align::Left, scene::Face face = scene::Face::Regular, scene::Color color = palette::ink);
    void rect(double x, double y, double w, double h, scene::Color fill);
    void frame(double x, double y, double w, double h, std::optional<scene::Color> fill, scene::Color stroke,
               double strokeWidth = 0.6);
    void line(double x1, double y1, double x2, double y2, scene::Color color, double width = 0.5, double dash = 0);
    void circle(double cx, double cy, double r, std::optional<scene::Color> fill, std::optional<scene::Color> stroke,
                double strokeWidth = 0.75);
    void polygon(std::vector<scene::Point> pts, std::optional<scene::Color> fill, std::optional<scene::Color> stroke,
                 double strokeWidth = 0.75);
    // A line ending in a filled triangular head at (x2, y2).
    void arrow(double x1, double y1, double x2, double y2, scene::Color color, double width = 0.75, double head = 4);
    // An outlined box with diagonal hatching: a suppressed cell, never drawn as zero.
    void hatch(double x, double y, double w, double h, scene::Color color);

    // wrapLabel, remembering the full text when it had to be cut.
    std::vector<std::string> wrap(const std::string& text, double width, double size, int maxLines,
                                  scene::Face face = scene::Face::Regular);
    // Records a label that was shortened elsewhere (e.g. laid out before drawing).
    void noteTruncated(const std::string& text);

private:
    scene::Scene& s_;
    std::vector<std::string>* truncated_;
};

// Breaks `text` into at most `maxLines` lines no wider than `width`; the last line is
// truncated with "…" if needed. `truncated` reports whether anything was cut.
std::vector<std::string> wrapLabel(const std::string& text, double width, double size, int maxLines,
                                   bool* truncated = nullptr, scene::Face face = scene::Face::Regular);

}  // namespace charts
