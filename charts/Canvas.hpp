#pragma once
// Drawing helpers for charts: measured, aligned text and simple shapes on a scene.
#include <string>
#include <vector>

#include "scene/Scene.hpp"

namespace charts {

enum class Align { Left, Center, Right };

class Canvas {
public:
    explicit Canvas(scene::Scene& s) : s_(s) {}

    static double width(const std::string& text, double size, scene::Face face = scene::Face::Regular);

    // Places text with its baseline at y; returns its width.
    double text(double x, double y, const std::string& str, double size, Align align = Align::Left,
                scene::Face face = scene::Face::Regular, scene::Color color = {0x22, 0x22, 0x22});
    void rect(double x, double y, double w, double h, scene::Color fill);
    void line(double x1, double y1, double x2, double y2, scene::Color color, double width = 0.5, double dash = 0);
    // An outlined box with diagonal hatching: a suppressed cell, never drawn as zero.
    void hatch(double x, double y, double w, double h, scene::Color color);

private:
    scene::Scene& s_;
};

// Breaks `text` into at most `maxLines` lines no wider than `width`; the last line is
// truncated with "…" if needed. `truncated` reports whether anything was cut.
std::vector<std::string> wrapLabel(const std::string& text, double width, double size, int maxLines,
                                   bool* truncated = nullptr, scene::Face face = scene::Face::Regular);

}  // namespace charts
