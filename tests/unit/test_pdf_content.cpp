// The PDF painter's content streams (pdf/Content.hpp), read back by a small interpreter of the
// operators it may write (PDF 32000 8.5, 9.3, 9.4): where text lands, what bytes it shows in
// which font, which colours and paths it paints.
#include <catch2/catch.hpp>

#include <cctype>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "pdf/Content.hpp"
#include "text/Fonts.hpp"

namespace {

struct Shown {
    double x, y;        // PDF user space, y up
    std::string font;   // resource name, e.g. F2
    double size;
    std::string bytes;  // the string operand, unescaped
    double wordSpacing;
    double r, g, b;     // fill colour, 0..1
};

struct Reading {
    std::vector<Shown> texts;
    std::vector<std::vector<double>> rects;  // x y w h
    std::vector<std::pair<double, double>> points;  // every m, l and c end point
    std::vector<std::string> paints;  // f, S, B, n
    std::vector<std::string> operators;
};

// A literal string's bytes (7.3.4.2): \ddd octal, \( \) \\ and the bytes between.
std::string unescape(const std::string& s, size_t& i) {
    std::string out;
    int depth = 1;
    for (++i; i < s.size(); ++i) {
        char c = s[i];
        if (c == '\\') {
            char n = s[++i];
            if (n >= '0' && n <= '7') {
                int v = 0;
                for (int k = 0; k < 3 && s[i] >= '0' && s[i] <= '7'; ++k, ++i) v = v * 8 + (s[i] - '0');
                --i;
                out += static_cast<char>(v);
            } else {
                out += n;
            }
        } else if (c == '(') {
            ++depth;
            out += c;
        } else if (c == ')') {
            if (--depth == 0) break;
            out += c;
        } else {
            out += c;
        }
    }
    ++i;
    return out;
}

Reading interpret(const std::string& ops) {
    Reading r;
    std::vector<std::string> operands;
    std::string str;
    double lineX = 0, lineY = 0, size = 0, ws = 0, fr = 0, fg = 0, fb = 0;
    std::string font;
    size_t i = 0;
    auto num = [&](size_t k) { return std::stod(operands.at(operands.size() - k)); };
    while (i < ops.size()) {
        char c = ops[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
            continue;
        }
        if (c == '(') {
            str = unescape(ops, i);
            operands.push_back("(string)");
            continue;
        }
        size_t j = i;
        while (j < ops.size() && !std::isspace(static_cast<unsigned char>(ops[j]))) ++j;
        std::string tok = ops.substr(i, j - i);
        i = j;
        if (tok[0] == '/' || tok[0] == '[' || tok[0] == '-' || tok[0] == '.' || std::isdigit(static_cast<unsigned char>(tok[0]))) {
            operands.push_back(tok);
            continue;
        }
        r.operators.push_back(tok);
        if (tok == "BT") lineX = lineY = 0;
        else if (tok == "Tf") font = operands.at(operands.size() - 2).substr(1), size = num(1);
        else if (tok == "Tw") ws = num(1);
        else if (tok == "rg") fr = num(3), fg = num(2), fb = num(1);
        else if (tok == "Td") lineX += num(2), lineY += num(1);
        else if (tok == "Tj") r.texts.push_back({lineX, lineY, font, size, str, ws, fr, fg, fb});
        else if (tok == "re") r.rects.push_back({num(4), num(3), num(2), num(1)});
        else if (tok == "m" || tok == "l" || tok == "c") r.points.emplace_back(num(2), num(1));
        else if (tok == "f" || tok == "S" || tok == "B" || tok == "n") r.paints.push_back(tok);
        operands.clear();
    }
    return r;
}

pdf::PageContent paint(const scene::Scene& s) { return pdf::paintPage(s, pdf::textBytes(s)); }

}  // namespace

TEST_CASE("PDF content: text lands where the scene put it, y flipped, in its face and size", "[pdf]") {
    scene::Scene s;
    s.height = 841.89;
    // Positions off the 1/1000 grid, so that relative moves (Td) would drift if each were rounded.
    for (int k = 0; k < 40; ++k) {
        scene::Text t;
        t.x = 56.6929 + (k % 7) * 13.3337;
        t.y = 70.0 + k * 11.1111;
        t.text = k % 2 ? "Ærø (Fanø) \\ “citat” – 1.234,5" : "plain";
        t.face = static_cast<scene::Face>(k % 4);
        t.size = k % 3 ? 9.5 : 14.25;
        t.wordSpacing = k % 5 == 0 ? 1.2345 : 0;
        t.color = {static_cast<uint8_t>(k * 6), 60, 93};
        s.add(t);
    }
    const pdf::PageContent page = paint(s);
    const Reading r = interpret(page.operators);
    REQUIRE(r.texts.size() == 40);
    for (int k = 0; k < 40; ++k) {
        INFO("text " << k);
        const auto& t = std::get<scene::Text>(s.items[static_cast<size_t>(k)]);
        const Shown& shown = r.texts[static_cast<size_t>(k)];
        CHECK(shown.x == Approx(t.x).margin(0.0005));
        CHECK(shown.y == Approx(s.height - t.y).margin(0.0005));
        CHECK(shown.font == "F" + std::to_string(k % 4 + 1));
        CHECK(shown.size == Approx(t.size));
        CHECK(shown.bytes == text::toCp1252(t.text));
        CHECK(shown.wordSpacing == Approx(t.wordSpacing).margin(0.00051));  // half a unit, and float slack
        // Each colour component names the same 8-bit value again.
        CHECK(std::lround(shown.r * 255) == t.color.r);
        CHECK(std::lround(shown.g * 255) == 60);
        CHECK(std::lround(shown.b * 255) == 93);
    }
    CHECK(page.faces == std::array<bool, 4>{true, true, true, true});
    // Seven-bit before compression: no raw byte outside printable ASCII and newline.
    for (unsigned char c : page.operators) CHECK((c == '\n' || (c >= 32 && c < 127)));
}

TEST_CASE("PDF content: every 8-bit colour value survives the three-decimal fraction", "[pdf]") {
    scene::Scene s;
    s.height = 100;
    for (int v = 0; v < 256; ++v) {
        scene::Rect rect;
        rect.x = v;
        rect.w = rect.h = 1;
        rect.fill = scene::Color{static_cast<uint8_t>(v), static_cast<uint8_t>(255 - v), static_cast<uint8_t>(v / 2)};
        s.add(rect);
    }
    const std::string& ops = paint(s).operators;
    size_t at = 0;
    for (int v = 0; v < 256; ++v) {
        at = ops.find(" rg", at);
        REQUIRE(at != std::string::npos);
        size_t start = ops.rfind('\n', at);
        start = start == std::string::npos ? 0 : start + 1;
        double r = 0, g = 0, b = 0;
        REQUIRE(std::sscanf(ops.c_str() + start, "%lf %lf %lf", &r, &g, &b) == 3);
        CHECK(std::lround(r * 255) == v);
        CHECK(std::lround(g * 255) == 255 - v);
        CHECK(std::lround(b * 255) == v / 2);
        ++at;
    }
}

TEST_CASE("PDF content: rectangles, paths and circles in PDF space, painted as asked", "[pdf]") {
    scene::Scene s;
    s.height = 200;
    scene::Rect filled;
    filled.x = 10.25;
    filled.y = 20;
    filled.w = 30.5;
    filled.h = 40;
    filled.fill = scene::Color{1, 2, 3};
    s.add(filled);
    scene::Rect outlined = filled;
    outlined.fill.reset();
    outlined.stroke = scene::Color{4, 5, 6};
    s.add(outlined);
    scene::Rect both = filled;
    both.stroke = scene::Color{4, 5, 6};
    s.add(both);
    scene::Rect none = filled;
    none.fill.reset();
    s.add(none);
    scene::Path path;
    path.points = {{0, 0}, {10, 10}, {20, 0}};
    path.closed = true;
    path.fill = scene::Color{};
    s.add(path);
    scene::Circle circle;
    circle.cx = 100;
    circle.cy = 50;
    circle.r = 8;
    circle.stroke = scene::Color{};
    s.add(circle);
    scene::Link link;
    link.uri = "https://example.org";
    s.add(link);

    const pdf::PageContent page = paint(s);
    const Reading r = interpret(page.operators);
    REQUIRE(r.rects.size() == 4);
    CHECK(r.rects[0] == std::vector<double>{10.25, 200 - 20 - 40, 30.5, 40});  // lower-left corner
    CHECK(r.paints == std::vector<std::string>{"f", "S", "B", "n", "f", "S"});
    // The path's points, then the circle's leftmost point and the ends of its four quarters.
    REQUIRE(r.points.size() == 3 + 5);
    CHECK(r.points[1] == std::make_pair(10.0, 190.0));
    const std::vector<std::pair<double, double>> circleEnds = {{92, 150}, {100, 142}, {108, 150}, {100, 158}, {92, 150}};
    CHECK(std::vector<std::pair<double, double>>(r.points.begin() + 3, r.points.end()) == circleEnds);
    CHECK(page.faces == std::array<bool, 4>{});
    REQUIRE(page.links.size() == 1);
    CHECK(page.links[0].uri == "https://example.org");
}
