#include "charts/FlowChart.hpp"

#include <algorithm>

#include "charts/Canvas.hpp"
#include "charts/Palette.hpp"
#include "charts/Style.hpp"
#include "core/Format.hpp"

namespace charts {

namespace {

constexpr double kPad = 6;
constexpr double kStepGap = 20;   // room for the arrow between steps
constexpr double kBranchGap = 6;
constexpr double kConnector = 26; // between the step column and the branches
constexpr double kMainCount = 11, kBranchCount = 9.5;
constexpr scene::Color kBranchFill{0xF5, 0xF5, 0xF5};

std::string countText(long n, const std::string& shown) {
    if (!shown.empty()) return shown;
    return n >= 0 ? core::formatCount(n) : "";
}

// "(24%)" when both counts are exact.
std::string shareText(bool on, long n, const std::string& shown, long parentN, const std::string& parentShown) {
    if (!on || n < 0 || !shown.empty() || parentN <= 0 || !parentShown.empty()) return "";
    return "(" + core::formatPercent(static_cast<double>(n) / static_cast<double>(parentN), 0) + "%)";
}

// A box with a count line, a wrapped label and (for branches) a list of parts.
struct BoxLayout {
    std::string count, share;
    std::vector<std::string> label;
    struct Part {
        std::string count, share;
        std::vector<std::string> label;
    };
    std::vector<Part> parts;
    double partCountW = 0;
    double countSize = kMainCount;
    double h = 0;
};

BoxLayout layoutBox(Canvas& c, const std::string& label, const std::string& count, const std::string& share,
                    double w, double countSize, const std::vector<FlowChartData::Branch>& parts, long parentN,
                    const std::string& parentShown, bool shares) {
    BoxLayout b;
    b.count = count;
    b.share = share;
    b.countSize = countSize;
    b.label = c.wrap(label, w - 2 * kPad, style::font, style::maxLines);
    double h = kPad;
    if (!count.empty()) h += countSize + 2;
    h += style::line * static_cast<double>(b.label.size()) + 2;
    for (const auto& p : parts) {
        std::string pc = countText(p.n, p.shown);
        b.partCountW = std::max(b.partCountW, Canvas::width(pc, style::small, scene::Face::Bold));
    }
    if (!parts.empty()) h += 5;
    for (const auto& p : parts) {
        BoxLayout::Part part;
        part.count = countText(p.n, p.shown);
        part.share = shareText(shares, p.n, p.shown, parentN, parentShown);
        const double textW = w - 2 * kPad - b.partCountW - 5;
        std::string text = part.share.empty() ? p.label : p.label + " " + part.share;
        part.label = c.wrap(text, textW, style::small, style::maxLines);
        h += style::smallLine * static_cast<double>(part.label.size()) + 3;
        b.parts.push_back(std::move(part));
    }
    b.h = h + kPad - 2;
    return b;
}

void drawBox(Canvas& c, const BoxLayout& b, double x, double y, double w, bool main) {
    c.frame(x, y, w, b.h, main ? palette::tint : kBranchFill, main ? palette::blue : palette::axis, main ? 0.9 : 0.6);
    double base = y + kPad;
    if (!b.count.empty()) {
        base += b.countSize * 0.78;
        double cw = c.text(x + kPad, base, b.count, b.countSize, Align::Left, scene::Face::Bold,
                           main ? palette::navy : palette::ink);
        if (!b.share.empty())
            c.text(x + kPad + cw + 4, base, b.share, style::small, Align::Left, scene::Face::Regular, palette::muted);
        base += 2;
    }
    base += style::line - 1.5;
    base = c.lines(x + kPad, base, b.label, style::font, style::line);
    if (!b.parts.empty()) {
        double ry = base - style::line + 5;
        c.line(x + kPad, ry, x + w - kPad, ry, palette::grid, 0.6);
        base = ry + 3 + style::smallLine - 1.5;
        for (const auto& p : b.parts) {
            c.text(x + kPad + b.partCountW, base, p.count, style::small, Align::Right, scene::Face::Bold);
            base = c.lines(x + kPad + b.partCountW + 5, base, p.label, style::small, style::smallLine) + 3;
        }
    }
}

}  // namespace

Drawing FlowChart::render(double width) const {
    Drawing out;
    scene::Scene& s = out.scene;
    s.width = width;
    Canvas c(s, &out.truncated);

    bool anyBranch = false;
    for (const auto& st : d_.steps) anyBranch = anyBranch || !st.branches.empty();
    const double mainW = anyBranch ? std::clamp(width * 0.42, 80.0, 210.0) : std::min(width, 240.0);
    const double mainX = anyBranch ? 0 : (width - mainW) / 2;
    const double branchX = mainX + mainW + kConnector;
    const double branchW = width - branchX;

    double y = 0;
    double prevBottom = -1;
    for (size_t i = 0; i < d_.steps.size(); ++i) {
        const auto& st = d_.steps[i];
        const FlowChartData::Step* prev = i ? &d_.steps[i - 1] : nullptr;
        BoxLayout mb = layoutBox(c, st.label, countText(st.n, st.shown),
                                 shareText(d_.shares && prev, st.n, st.shown, prev ? prev->n : -1, prev ? prev->shown : ""),
                                 mainW, kMainCount, {}, -1, "", d_.shares);
        std::vector<BoxLayout> bls;
        double branchesH = 0;
        for (const auto& br : st.branches) {
            bls.push_back(layoutBox(c, br.label, countText(br.n, br.shown), shareText(d_.shares, br.n, br.shown, st.n, st.shown),
                                    branchW, kBranchCount, br.parts, br.n, br.shown, d_.shares));
            branchesH += bls.back().h + (branchesH > 0 ? kBranchGap : 0);
        }
        if (prevBottom >= 0) c.arrow(mainX + mainW / 2, prevBottom, mainX + mainW / 2, y - 1, palette::navy, 1.2, 5);
        drawBox(c, mb, mainX, y, mainW, true);
        // Branches: stacked from the top of the row; a straight arrow when the branch's middle
        // lies beside the step box, otherwise an elbow down from the step's side.
        double by = y;
        const double mainMid = y + mb.h / 2;
        for (const auto& bl : bls) {
            const double bmid = by + bl.h / 2;
            const double x0 = mainX + mainW;
            if (bmid >= y + 5 && bmid <= y + mb.h - 5) {
                c.arrow(x0, bmid, branchX - 1, bmid, palette::muted, 0.9, 4.5);
            } else if (mainMid >= by + 5 && mainMid <= by + bl.h - 5) {
                c.arrow(x0, mainMid, branchX - 1, mainMid, palette::muted, 0.9, 4.5);
            } else {
                const double xm = x0 + kConnector / 2 - 3;
                const double sy = std::min(mainMid, y + mb.h - 5);
                c.line(x0, sy, xm, sy, palette::muted, 0.9);
                c.line(xm, sy, xm, bmid, palette::muted, 0.9);
                c.arrow(xm, bmid, branchX - 1, bmid, palette::muted, 0.9, 4.5);
            }
            drawBox(c, bl, branchX, by, branchW, false);
            by += bl.h + kBranchGap;
        }
        prevBottom = y + mb.h;
        y += std::max(mb.h, branchesH) + kStepGap;
    }
    s.height = std::max(0.0, y - kStepGap) + 1;
    return out;
}

}  // namespace charts
