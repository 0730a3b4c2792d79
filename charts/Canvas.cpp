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

void Canvas::rect(double x, double y, double w, double h, scene::Color fill) {
    scene::Rect r;
    r.x = x;
    r.y = y;
    r.w = w;
    r.h = h;
    r.fill = fill;
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

std::vector<std::string> wrapLabel(const std::string& text, double width, double size, int maxLines,
                                   bool* truncated, scene::Face face) {
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
    // Too-long single words, or cut text: shorten the last line with an ellipsis.
    for (size_t k = 0; k < lines.size(); ++k) {
        bool last = k + 1 == lines.size();
        std::string& l = lines[k];
        if (Canvas::width(l, size, face) <= width && !(last && cut)) continue;
        if (last && cut) l += "…";
        while (Canvas::width(l, size, face) > width && l.size() > 1) {
            // Drop one UTF-8 character before the ellipsis.
            std::string body = l.size() >= 3 && l.compare(l.size() - 3, 3, "…") == 0 ? l.substr(0, l.size() - 3) : l;
            size_t cutAt = body.size() - 1;
            while (cutAt > 0 && (static_cast<unsigned char>(body[cutAt]) & 0xC0) == 0x80) --cutAt;
            body.resize(cutAt);
            while (!body.empty() && body.back() == ' ') body.pop_back();
            l = body + "…";
            cut = true;
        }
    }
    if (truncated) *truncated = cut;
    return lines;
}

}  // namespace charts
