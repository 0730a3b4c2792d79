#include "scene/SvgWriter.hpp"

#include <cmath>
#include <cstdio>

namespace scene {

namespace {

std::string num(double v) {
    double r = std::round(v * 100.0) / 100.0;
    if (r == 0) r = 0;  // no "-0"
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", r);
    std::string s(buf);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

std::string hex(const Color& c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
    return buf;
}

std::string escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string paint(const std::optional<Color>& fill, const std::optional<Color>& stroke, double sw) {
    std::string s = " fill=\"" + (fill ? hex(*fill) : std::string("none")) + "\"";
    if (stroke) s += " stroke=\"" + hex(*stroke) + "\" stroke-width=\"" + num(sw) + "\"";
    return s;
}

struct Writer {
    std::string& out;
    void operator()(const Text& t) const {
        const char* weight = (t.face == Face::Bold || t.face == Face::BoldItalic) ? " font-weight=\"bold\"" : "";
        const char* style = (t.face == Face::Italic || t.face == Face::BoldItalic) ? " font-style=\"italic\"" : "";
        out += "<text x=\"" + num(t.x) + "\" y=\"" + num(t.y) + "\" font-size=\"" + num(t.size) + "\"" + weight +
               style;
        if (!(t.color == Color{})) out += " fill=\"" + hex(t.color) + "\"";
        if (t.wordSpacing != 0) out += " word-spacing=\"" + num(t.wordSpacing) + "\"";
        out += " xml:space=\"preserve\">" + escape(t.text) + "</text>\n";
    }
    void operator()(const Line& l) const {
        out += "<line x1=\"" + num(l.x1) + "\" y1=\"" + num(l.y1) + "\" x2=\"" + num(l.x2) + "\" y2=\"" + num(l.y2) +
               "\" stroke=\"" + hex(l.color) + "\" stroke-width=\"" + num(l.width) + "\"";
        if (l.dash > 0) out += " stroke-dasharray=\"" + num(l.dash) + "\"";
        out += "/>\n";
    }
    void operator()(const Rect& r) const {
        out += "<rect x=\"" + num(r.x) + "\" y=\"" + num(r.y) + "\" width=\"" + num(r.w) + "\" height=\"" + num(r.h) +
               "\"" + paint(r.fill, r.stroke, r.strokeWidth) + "/>\n";
    }
    void operator()(const Path& p) const {
        std::string d;
        for (size_t i = 0; i < p.points.size(); ++i)
            d += (i ? " L" : "M") + num(p.points[i].x) + " " + num(p.points[i].y);
        if (p.closed) d += " Z";
        out += "<path d=\"" + d + "\"" + paint(p.fill, p.stroke, p.strokeWidth) + "/>\n";
    }
    void operator()(const Circle& c) const {
        out += "<circle cx=\"" + num(c.cx) + "\" cy=\"" + num(c.cy) + "\" r=\"" + num(c.r) + "\"" +
               paint(c.fill, c.stroke, c.strokeWidth) + "/>\n";
    }
    void operator()(const Link& l) const {
        out += "<!-- link x=" + num(l.x) + " y=" + num(l.y) + " w=" + num(l.w) + " h=" + num(l.h) +
               (l.uri.empty() ? " page=" + std::to_string(l.page) : " uri=" + escape(l.uri)) + " -->\n";
    }
};

}  // namespace

std::string toSvg(const Scene& s) {
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(s.width) + "pt\" height=\"" +
                      num(s.height) + "pt\" viewBox=\"0 0 " + num(s.width) + " " + num(s.height) +
                      "\" font-family=\"Liberation Sans, Arial, sans-serif\">\n";
    Writer w{out};
    for (const auto& it : s.items) std::visit(w, it);
    out += "</svg>\n";
    return out;
}

}  // namespace scene
