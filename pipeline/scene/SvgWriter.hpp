#pragma once
// Writes a scene as SVG: for tests (compare text, not PDF bytes) and previews.
#include <string>

#include "scene/Scene.hpp"

namespace scene {

// Deterministic output: numbers with at most 2 decimals, items in scene order.
std::string toSvg(const Scene& s);

}  // namespace scene
