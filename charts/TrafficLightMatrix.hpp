#pragma once
// Implementation status as a matrix: core elements (rows, optionally grouped by phase) ×
// municipalities (columns), each cell coloured from its rating and carrying the rating's word,
// so the matrix survives black-and-white printing and colour blindness.
#include <string>
#include <vector>

#include "charts/Chart.hpp"

namespace charts {

struct TrafficLightData {
    struct Level {
        std::string label;    // the word printed in the cell ("I høj grad")
        scene::Color color;
    };
    std::vector<Level> levels;          // best first; empty = green/yellow/red "I høj grad" …
    std::vector<std::string> columns;
    struct Row {
        std::string label;
        std::string group;              // consecutive rows with the same group get one heading
        std::vector<int> ratings;       // index into levels per column; -1 = not rated
    };
    std::vector<Row> rows;
    std::string notRatedLabel = "Ikke vurderet";
};

class TrafficLightMatrix : public Chart {
public:
    explicit TrafficLightMatrix(TrafficLightData d) : d_(std::move(d)) {}
    Drawing render(double width) const override;
    std::string kind() const override { return "traffic_light_matrix"; }
    const TrafficLightData& data() const { return d_; }

    // The default three levels: "I høj grad" (green), "I overvejende grad" (yellow),
    // "I mindre grad" (red), Rambøll's vocabulary for fidelity.
    static std::vector<TrafficLightData::Level> defaultLevels();

private:
    TrafficLightData d_;
};

}  // namespace charts
