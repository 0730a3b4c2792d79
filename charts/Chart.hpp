#pragma once
// A chart is built from numbers (never from datasets) and draws itself into a scene at the
// width the layout offers, choosing its own height from its content.
#include <string>
#include <vector>

#include "scene/Scene.hpp"

namespace charts {

// What a chart produces at one width: the scene, and the full text of every label that had to
// be shortened with "…" so the document can print it in the figure note.
struct Drawing {
    scene::Scene scene;
    std::vector<std::string> truncated;
};

class Chart {
public:
    virtual ~Chart() = default;
    virtual Drawing render(double width) const = 0;
    virtual std::string kind() const = 0;

    scene::Scene draw(double width) const { return render(width).scene; }
    // Labels cut with "…" at this width, in full and in drawing order (each once).
    std::vector<std::string> truncatedLabels(double width) const { return render(width).truncated; }
};

// A Danish note sentence listing the full texts of truncated labels, or "" if there are none:
// "Forkortede betegnelser i figuren: A; B."
std::string truncationNote(const std::vector<std::string>& labels);

// A value in a chart: a number with its n, or a suppressed cell (drawn hatched, labelled "<5").
struct Cell {
    double value = 0;
    long n = 0;
    bool suppressed = false;
    std::string shown;  // text for a suppressed cell
};

}  // namespace charts
