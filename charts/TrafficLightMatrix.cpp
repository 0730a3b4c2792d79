#include "charts/TrafficLightMatrix.hpp"

#include <algorithm>

#include "charts/Canvas.hpp"
#include "charts/Palette.hpp"
#include "charts/Style.hpp"

namespace charts {

namespace {
constexpr double kCellGap = 2;
constexpr double kMinRow = 22;
constexpr double kMinCol = 46;
constexpr double kMaxCol = 120;
}  // namespace

std::vector<TrafficLightData::Level> TrafficLightMatrix::defaultLevels() {
    auto c = palette::trafficLight();
    return {{"I høj grad", c[0]}, {"I overvejende grad", c[1]}, {"I mindre grad", c[2]}};
}

Drawing TrafficLightMatrix::render(double width) const {
    Drawing out;
    scene::Scene& s = out.scene;
    s.width = width;
    Canvas c(s, &out.truncated);
    const auto levels = d_.levels.empty() ? defaultLevels() : d_.levels;
    const size_t nc = std::max<size_t>(1, d_.columns.size());

    // Row labels take what they need up to 42 % of the width, less if the cells would get
    // narrower than a rating word needs.
    double labelW = 0;
    for (const auto& r : d_.rows) labelW = std::max(labelW, Canvas::width(r.label, style::font));
    labelW = std::min(labelW, width * 0.42);
    if ((width - labelW - 8) / static_cast<double>(nc) < kMinCol)
        labelW = std::max(width * 0.25, width - 8 - kMinCol * static_cast<double>(nc));
    const double gridX = labelW + 8;
    // Cells wider than a rating word needs only spread the colours; the grid ends early instead.
    const double colW = std::min(kMaxCol, (width - gridX) / static_cast<double>(nc));
    const double gridEnd = gridX + colW * static_cast<double>(nc);

    // Header.
    std::vector<std::vector<std::string>> heads;
    size_t headLines = 1;
    for (const auto& col : d_.columns) {
        heads.push_back(c.wrap(col, colW - 4, style::font, style::maxLines, scene::Face::Bold));
        headLines = std::max(headLines, heads.back().size());
    }
    for (size_t k = 0; k < heads.size(); ++k) {
        // Bottom-aligned, so one-line headers sit on the grid.
        double base = 7.5 + style::line * static_cast<double>(headLines - heads[k].size());
        c.lines(gridX + colW * (static_cast<double>(k) + 0.5), base, heads[k], style::font, style::line, Align::Center,
                scene::Face::Bold);
    }
    double y = style::line * static_cast<double>(headLines) + 3;
    c.line(0, y, gridEnd, y, palette::axis, 0.75);
    y += kCellGap;

    std::string group;
    for (const auto& r : d_.rows) {
        if (!r.group.empty() && r.group != group) {
            auto lines = c.wrap(r.group, gridEnd, style::font, style::maxLines, scene::Face::Bold);
            y = c.lines(0, y + 10, lines, style::font, style::line, Align::Left, scene::Face::Bold, palette::navy) - 4;
        }
        group = r.group;
        auto label = c.wrap(r.label, labelW, style::font, style::maxLines);
        // Cell words wrap within the cell; the row is as tall as its tallest content.
        std::vector<std::vector<std::string>> words;
        size_t wordLines = 1;
        for (size_t k = 0; k < nc; ++k) {
            int rating = k < r.ratings.size() ? r.ratings[k] : -1;
            bool rated = rating >= 0 && static_cast<size_t>(rating) < levels.size();
            words.push_back(c.wrap(rated ? levels[static_cast<size_t>(rating)].label : d_.notRatedLabel, colW - 8,
                                   style::small, style::maxLines));
            wordLines = std::max(wordLines, words.back().size());
        }
        const double h = std::max({kMinRow, style::line * static_cast<double>(label.size()) + 6,
                                   style::smallLine * static_cast<double>(wordLines) + 8});
        const double mid = y + h / 2;
        c.lines(0, mid - style::line * static_cast<double>(label.size() - 1) / 2 + style::centreBaseline(style::font),
                label, style::font, style::line);
        for (size_t k = 0; k < nc; ++k) {
            int rating = k < r.ratings.size() ? r.ratings[k] : -1;
            bool rated = rating >= 0 && static_cast<size_t>(rating) < levels.size();
            scene::Color fill = rated ? levels[static_cast<size_t>(rating)].color : palette::notRated;
            const double x = gridX + colW * static_cast<double>(k);
            c.rect(x + kCellGap / 2, y, colW - kCellGap, h, fill);
            c.lines(x + colW / 2,
                    mid - style::smallLine * static_cast<double>(words[k].size() - 1) / 2 +
                        style::centreBaseline(style::small),
                    words[k], style::small, style::smallLine, Align::Center, rated ? scene::Face::Bold : scene::Face::Italic,
                    palette::textOn(fill));
        }
        y += h + kCellGap;
    }
    s.height = y + 1;
    return out;
}

}  // namespace charts
