#include "charts/Canvas.hpp"

#include <algorithm>
#include <cmath>

#include "text/Fonts.hpp"

namespace charts {

double Canvas::width(const std::string& text, double size, scene::Face face) {
    return text::Fonts::standard().width(text, face, size);
}

double Canvas::text(double x, double y, const std::string& str, double size, Align align, scene::Face face,
                    scene::Color color) {
    double w = width(str, size, face);
    if (align == Align::Center) x -= w / 2;
    else if (align == Align::Right) x -= w;
    scene::Text t;
    t.x = x;
    t.y = y;
    t.text = str;
    t.face = face;
    t.size = size;
    t.color = color;
    t.width = w;
    s_.add(std::move(t));
    return w;
}

double Canvas::lines(double x, double y, const std::vector<std::string>& ls, double size, double leading, Align align,
                     scene::Face face, scene::Color color) {
    for (const auto& l : ls) {
        text(x, y, l, size, align, face, color);
        y += leading;
    }
    return y;
}

void Canvas::rect(double x, double y, double w, double h, scene::Color fill) {
    scene::Rect r;
    r.x = x;
    r.y = y;
    r.w = w;
    r.h = h;
    r.fill = fill;
    s_.add(r);
}

void Canvas::frame(double x, double y, double w, double h, std::optional<scene::Color> fill, scene::Color stroke,
                   double strokeWidth) {
    scene::Rect r;
    r.x = x;
    r.y = y;
    r.w = w;
    r.h = h;
    r.fill = fill;
    r.stroke = stroke;
    r.strokeWidth = strokeWidth;
    s_.add(r);
}

void Canvas::line(double x1, double y1, double x2, double y2, scene::Color color, double width, double dash) {
    scene::Line l;
    l.x1 = x1;
    l.y1 = y1;
    l.x2 = x2;
    l.y2 = y2;
    l.color = color;
    l.width = width;
    l.dash = dash;
    s_.add(l);
}

void Canvas::circle(double cx, double cy, double r, std::optional<scene::Color> fill,
                    std::optional<scene::Color> stroke, double strokeWidth) {
    scene::Circle c;
    c.cx = cx;
    c.cy = cy;
    c.r = r;
    c.fill = fill;
    c.stroke = stroke;
    c.strokeWidth = strokeWidth;
    s_.add(c);
}

void Canvas::polygon(std::vector<scene::Point> pts, std::optional<scene::Color> fill,
                     std::optional<scene::Color> stroke, double strokeWidth) {
    scene::Path p;
    p.points = std::move(pts);
    p.closed = true;
    p.fill = fill;
    p.stroke = stroke;
    p.strokeWidth = strokeWidth;
    s_.add(std::move(p));
}

void Canvas::arrow(double x1, double y1, double x2, double y2, scene::Color color, double width, double head) {
    double dx = x2 - x1, dy = y2 - y1;
    double len = std::hypot(dx, dy);
    if (len < 1e-6) return;
    double ux = dx / len, uy = dy / len;
    // The shaft stops where the head begins, so a thick line does not poke through its tip.
    double hl = std::min(head, len);
    line(x1, y1, x2 - ux * hl * 0.8, y2 - uy * hl * 0.8, color, width);
    double hw = hl * 0.55;
    polygon({{x2, y2}, {x2 - ux * hl - uy * hw, y2 - uy * hl + ux * hw}, {x2 - ux * hl + uy * hw, y2 - uy * hl - ux * hw}},
            color, std::nullopt);
}

void Canvas::hatch(double x, double y, double w, double h, scene::Color color) {
    scene::Rect r;
    r.x = x;
    r.y = y;
    r.w = w;
    r.h = h;
    r.stroke = color;
    r.strokeWidth = 0.6;
    s_.add(r);
    // 45° lines, clipped analytically to the box: points (x+t-k, y+k) for the line x'+y' = c.
    const double gap = 4;
    for (double c = gap; c < w + h; c += gap) {
        double x1 = x + std::min(c, w), y1 = y + (c - std::min(c, w));
        double x2 = x + std::max(0.0, c - h), y2 = y + (c - std::max(0.0, c - h));
        line(x1, y1, x2, y2, color, 0.4);
    }
}

std::vector<std::string> Canvas::wrap(const std::string& text, double width, double size, int maxLines,
                                      scene::Face face) {
    bool cut = false;
    auto out = wrapLabel(text, width, size, maxLines, &cut, face);
    if (cut) noteTruncated(text);
    return out;
}

void Canvas::noteTruncated(const std::string& text) {
    if (truncated_ && std::find(truncated_->begin(), truncated_->end(), text) == truncated_->end())
        truncated_->push_back(text);
}

std::vector<std::string> wrapLabel(const std::string& text, double width, double size, int maxLines,
                                   bool* truncated, scene::Face face) {
    maxLines = std::max(1, maxLines);
    std::vector<std::string> words;
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') ++i;
        size_t j = text.find(' ', i);
        if (j == std::string::npos) j = text.size();
        if (j > i) words.push_back(text.substr(i, j - i));
        i = j;
    }
    std::vector<std::string> lines;
    std::string cur;
    bool cut = false;
    for (size_t k = 0; k < words.size(); ++k) {
        std::string cand = cur.empty() ? words[k] : cur + " " + words[k];
        if (cur.empty() || Canvas::width(cand, size, face) <= width) {
            cur = cand;
            continue;
        }
        lines.push_back(cur);
        cur = words[k];
        if (static_cast<int>(lines.size()) == maxLines) {
            cut = true;
            break;
        }
    }
    if (!cut && !cur.empty()) lines.push_back(cur);
    if (static_cast<int>(lines.size()) > maxLines) {
        lines.resize(static_cast<size_t>(maxLines));
        cut = true;
    }
    // Too-long single words, or cut text: shorten the line with an ellipsis.
    static const std::string ellipsis = "…";
    for (size_t k = 0; k < lines.size(); ++k) {
        bool last = k + 1 == lines.size();
        std::string& l = lines[k];
        if (Canvas::width(l, size, face) <= width && !(last && cut)) continue;
        if (last && cut) l += ellipsis;
        while (Canvas::width(l, size, face) > width) {
            // Drop one UTF-8 character before the ellipsis.
            bool hasEllipsis = l.size() >= 3 && l.compare(l.size() - 3, 3, ellipsis) == 0;
            std::string body = hasEllipsis ? l.substr(0, l.size() - 3) : l;
            if (body.empty()) break;  // nothing left to drop: a lone "…" is the shortest label
            size_t cutAt = body.size() - 1;
            while (cutAt > 0 && (static_cast<unsigned char>(body[cutAt]) & 0xC0) == 0x80) --cutAt;
            body.resize(cutAt);
            while (!body.empty() && body.back() == ' ') body.pop_back();
            l = body + ellipsis;
            cut = true;
        }
    }
    if (truncated) *truncated = cut;
    return lines;
}

}  // namespace charts
