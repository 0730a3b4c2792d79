#include "pdf/Content.hpp"

#include <cmath>
#include <optional>
#include <variant>

#include "text/Fonts.hpp"

namespace pdf {

namespace {

// A number as 1/1000 units, rounded half away from zero.
long long milli(double v) { return std::llround(v * 1000.0); }

// Appends thousandths as a decimal without trailing zeros: 12500 -> "12.5", -250 -> "-0.25".
void put(std::string& out, long long m) {
    if (m < 0) {
        out += '-';
        m = -m;
    }
    out += std::to_string(m / 1000);
    if (long long frac = m % 1000) {
        char digits[4] = {char('0' + frac / 100), char('0' + frac / 10 % 10), char('0' + frac % 10), 0};
        int len = 3;
        while (digits[len - 1] == '0') --len;
        out += '.';
        out.append(digits, static_cast<size_t>(len));
    }
}

void put(std::string& out, double v) { put(out, milli(v)); }

void putColor(std::string& out, const scene::Color& c, const char* op) {
    for (uint8_t v : {c.r, c.g, c.b}) {
        put(out, std::llround(v * 1000.0 / 255.0));
        out += ' ';
    }
    out += op;
    out += '\n';
}

// A PDF literal string: parentheses and backslashes escaped, bytes outside printable ASCII as
// three-digit octal, so the stream stays 7-bit before compression.
void putString(std::string& out, const std::string& bytes) {
    out += '(';
    for (unsigned char c : bytes) {
        if (c == '(' || c == ')' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 32 || c > 126) {
            out += '\\';
            out += static_cast<char>('0' + (c >> 6));
            out += static_cast<char>('0' + ((c >> 3) & 7));
            out += static_cast<char>('0' + (c & 7));
        } else {
            out += static_cast<char>(c);
        }
    }
    out += ')';
}

// 4/3 (sqrt 2 - 1): the control-point distance of a quarter circle drawn as one cubic Bezier.
constexpr double kKappa = 0.5522847498;

class Painter {
public:
    Painter(const scene::Scene& s, const std::vector<std::string>& bytes, PageContent& out)
        : h_(s.height), bytes_(bytes), page_(out), o_(out.operators) {}

    void operator()(const scene::Text& t) {
        const std::string& text = bytes_[text_++];
        if (text.empty()) return;
        if (!inText_) {
            o_ += "BT\n";
            inText_ = true;
            lineX_ = lineY_ = 0;
        }
        const auto face = static_cast<size_t>(t.face);
        page_.faces[face] = true;
        const long long size = milli(t.size);
        if (face != font_ || size != size_) {
            o_ += "/F";
            o_ += static_cast<char>('1' + face);
            o_ += ' ';
            put(o_, size);
            o_ += " Tf\n";
            font_ = face;
            size_ = size;
        }
        setFill(t.color);
        if (const long long ws = milli(t.wordSpacing); ws != wordSpace_) {
            put(o_, ws);
            o_ += " Tw\n";
            wordSpace_ = ws;
        }
        // Td moves from the start of the previous line; positions are exact in 1/1000 pt.
        const long long x = milli(t.x), y = milli(h_ - t.y);
        put(o_, x - lineX_);
        o_ += ' ';
        put(o_, y - lineY_);
        o_ += " Td\n";
        lineX_ = x;
        lineY_ = y;
        putString(o_, text);
        o_ += " Tj\n";
    }
    void operator()(const scene::Line& l) {
        endText();
        setStroke(l.color, l.width);
        if (l.dash > 0) {
            o_ += '[';
            put(o_, l.dash);
            o_ += "] 0 d\n";
        }
        point(l.x1, l.y1, "m");
        point(l.x2, l.y2, "l");
        o_ += "S\n";
        if (l.dash > 0) o_ += "[] 0 d\n";
    }
    void operator()(const scene::Rect& r) {
        if (r.w <= 0 || r.h <= 0) return;
        endText();
        setColors(r.fill, r.stroke, r.strokeWidth);
        put(o_, r.x);
        o_ += ' ';
        put(o_, h_ - r.y - r.h);
        o_ += ' ';
        put(o_, r.w);
        o_ += ' ';
        put(o_, r.h);
        o_ += " re\n";
        paint(r.fill, r.stroke);
    }
    void operator()(const scene::Path& p) {
        if (p.points.size() < 2) return;
        endText();
        setColors(p.fill, p.stroke, p.strokeWidth);
        point(p.points[0].x, p.points[0].y, "m");
        for (size_t i = 1; i < p.points.size(); ++i) point(p.points[i].x, p.points[i].y, "l");
        if (p.closed) o_ += "h\n";
        paint(p.fill, p.stroke);
    }
    void operator()(const scene::Circle& c) {
        endText();
        setColors(c.fill, c.stroke, c.strokeWidth);
        // Four quarter arcs, counter-clockwise in PDF space from the leftmost point.
        const double x = c.cx, y = h_ - c.cy, r = c.r, k = kKappa * c.r;
        const double pts[4][6] = {{x - r, y - k, x - k, y - r, x, y - r},
                                  {x + k, y - r, x + r, y - k, x + r, y},
                                  {x + r, y + k, x + k, y + r, x, y + r},
                                  {x - k, y + r, x - r, y + k, x - r, y}};
        put(o_, x - r);
        o_ += ' ';
        put(o_, y);
        o_ += " m\n";
        for (const auto& q : pts) {
            for (int i = 0; i < 6; ++i) {
                put(o_, q[i]);
                o_ += i == 5 ? " c\n" : " ";
            }
        }
        o_ += "h\n";
        paint(c.fill, c.stroke);
    }
    void operator()(const scene::Link& l) { page_.links.push_back(l); }

    void finish() { endText(); }

private:
    void endText() {
        if (inText_) {
            o_ += "ET\n";
            inText_ = false;
        }
    }
    // A point in scene coordinates, flipped, and its operator.
    void point(double x, double y, const char* op) {
        put(o_, x);
        o_ += ' ';
        put(o_, h_ - y);
        o_ += ' ';
        o_ += op;
        o_ += '\n';
    }
    void setFill(const scene::Color& c) {
        if (!fillSet_ || !(fill_ == c)) {
            putColor(o_, c, "rg");
            fill_ = c;
            fillSet_ = true;
        }
    }
    void setStroke(const scene::Color& c, double w) {
        if (!strokeSet_ || !(stroke_ == c)) {
            putColor(o_, c, "RG");
            stroke_ = c;
            strokeSet_ = true;
        }
        if (const long long mw = milli(w); mw != lineWidth_) {
            put(o_, mw);
            o_ += " w\n";
            lineWidth_ = mw;
        }
    }
    void setColors(const std::optional<scene::Color>& fill, const std::optional<scene::Color>& stroke, double sw) {
        if (fill) setFill(*fill);
        if (stroke) setStroke(*stroke, sw);
    }
    void paint(const std::optional<scene::Color>& fill, const std::optional<scene::Color>& stroke) {
        o_ += fill && stroke ? "B\n" : fill ? "f\n" : stroke ? "S\n" : "n\n";
    }

    double h_;
    const std::vector<std::string>& bytes_;
    PageContent& page_;
    std::string& o_;
    size_t text_ = 0;
    bool inText_ = false;
    long long lineX_ = 0, lineY_ = 0;
    // The graphics state as last set: PDF's initial line width is 1, colours are unset here.
    size_t font_ = 4;
    long long size_ = -1, wordSpace_ = 0, lineWidth_ = 1000;
    scene::Color fill_{}, stroke_{};
    bool fillSet_ = false, strokeSet_ = false;  // PDF starts with black, but say it once
};

}  // namespace

std::vector<std::string> textBytes(const scene::Scene& page) {
    std::vector<std::string> out;
    for (const auto& it : page.items)
        if (const auto* t = std::get_if<scene::Text>(&it)) out.push_back(text::toCp1252(t->text));
    return out;
}

PageContent paintPage(const scene::Scene& page, const std::vector<std::string>& bytes) {
    PageContent out;
    out.operators.reserve(page.items.size() * 40);
    Painter painter(page, bytes, out);
    for (const auto& it : page.items) std::visit(painter, it);
    painter.finish();
    return out;
}

}  // namespace pdf
