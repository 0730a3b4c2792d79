#include "scene/Scene.hpp"

namespace scene {

namespace {
struct Shift {
    double dx, dy;
    void operator()(Text& t) const { t.x += dx; t.y += dy; }
    void operator()(Line& l) const { l.x1 += dx; l.x2 += dx; l.y1 += dy; l.y2 += dy; }
    void operator()(Rect& r) const { r.x += dx; r.y += dy; }
    void operator()(Path& p) const {
        for (auto& pt : p.points) { pt.x += dx; pt.y += dy; }
    }
    void operator()(Circle& c) const { c.cx += dx; c.cy += dy; }
    void operator()(Link& l) const { l.x += dx; l.y += dy; }
};
}  // namespace

void Scene::place(const Scene& child, double dx, double dy) {
    items.reserve(items.size() + child.items.size());
    for (const auto& it : child.items) {
        items.push_back(it);
        std::visit(Shift{dx, dy}, items.back());
    }
}

}  // namespace scene
