#include "layout/LineBreaker.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "layout/Hyphenator.hpp"
#include "text/Fonts.hpp"

namespace layout {

namespace {

constexpr double kInf = 1e10;
constexpr double kPenaltyInf = 10000;

struct Item {
    enum Type { Box, Glue, Penalty } type = Box;
    double width = 0, stretch = 0, shrink = 0;
    double penalty = 0;
    bool flagged = false;
    // Box content.
    std::string text;
    scene::Face face = scene::Face::Regular;
    double size = 10, rise = 0;
    std::string link;
    int footnote = 0;  // > 0: this box is the marker of footnote N
};

double textWidth(const std::string& s, scene::Face f, double size) { return text::Fonts::standard().width(s, f, size); }

void addWord(std::vector<Item>& items, const std::string& word, scene::Face face, double size, double rise,
             const std::string& link, bool hyphenate) {
    if (word.empty()) return;
    // Break opportunities: after explicit hyphens, and at dictionary hyphenation points.
    std::vector<size_t> cuts;
    std::vector<bool> explicitHyphen;
    size_t start = 0;
    for (size_t i = 0; i < word.size(); ++i)
        if (word[i] == '-' && i > 0 && i + 1 < word.size()) {
            cuts.push_back(i + 1);
            explicitHyphen.push_back(true);
        }
    if (hyphenate && rise == 0) {
        // Hyphenate each alphabetic stretch between explicit hyphens.
        std::vector<size_t> all;
        std::vector<bool> expl;
        size_t segStart = 0;
        std::vector<size_t> bounds = cuts;
        bounds.push_back(word.size());
        for (size_t b = 0; b < bounds.size(); ++b) {
            size_t segEnd = b + 1 < bounds.size() ? bounds[b] - 1 : bounds[b];
            std::string seg = word.substr(segStart, segEnd - segStart);
            // Strip trailing punctuation (",", ".", ")") before asking the dictionary.
            size_t core = seg.size();
            while (core > 0 && std::string(",.;:!?)»”\"'").find(seg[core - 1]) != std::string::npos) --core;
            size_t lead = 0;
            while (lead < core && std::string("(«“\"'").find(seg[lead]) != std::string::npos) ++lead;
            for (size_t p : Hyphenator::danish().points(std::string_view(seg).substr(lead, core - lead))) {
                all.push_back(segStart + lead + p);
                expl.push_back(false);
            }
            if (b + 1 < bounds.size()) {
                all.push_back(bounds[b]);
                expl.push_back(true);
            }
            segStart = bounds[b];
        }
        cuts = all;
        explicitHyphen = expl;
    }
    const double hyphenW = textWidth("-", face, size);
    for (size_t k = 0; k <= cuts.size(); ++k) {
        size_t end = k < cuts.size() ? cuts[k] : word.size();
        Item b;
        b.type = Item::Box;
        b.text = word.substr(start, end - start);
        b.face = face;
        b.size = size;
        b.rise = rise;
        b.link = link;
        b.width = textWidth(b.text, face, size);
        items.push_back(std::move(b));
        if (k < cuts.size()) {
            Item p;
            p.type = Item::Penalty;
            p.flagged = true;
            p.penalty = explicitHyphen[k] ? 50 : 100;
            p.width = explicitHyphen[k] ? 0 : hyphenW;
            p.face = face;
            p.size = size;
            items.push_back(p);
        }
        start = end;
    }
}

std::vector<Item> toItems(const document::Inlines& spans, const TextStyle& style) {
    std::vector<Item> items;
    std::string word;
    scene::Face wordFace = scene::Face::Regular;
    std::string wordLink;
    auto flush = [&]() {
        addWord(items, word, wordFace, style.size, 0, wordLink, style.hyphenate);
        word.clear();
    };
    for (const auto& sp : spans) {
        if (sp.footnote > 0) {
            flush();
            addWord(items, sp.text, sp.face, style.size * 0.65, style.size * 0.38, "", false);
            items.back().footnote = sp.footnote;
            continue;
        }
        for (size_t i = 0; i < sp.text.size(); ++i) {
            char c = sp.text[i];
            if (c == ' ' || c == '\n' || c == '\t') {
                flush();
                if (c == '\n') {
                    Item g;
                    g.type = Item::Glue;
                    g.stretch = kInf;
                    items.push_back(g);
                    Item p;
                    p.type = Item::Penalty;
                    p.penalty = -kPenaltyInf;
                    items.push_back(p);
                    continue;
                }
                if (!items.empty() && items.back().type == Item::Glue) continue;  // collapse spaces
                if (items.empty()) continue;
                double w = textWidth(" ", sp.face, style.size);
                Item g;
                g.type = Item::Glue;
                g.width = w;
                g.stretch = w * 0.6;
                g.shrink = w * 0.35;
                g.face = sp.face;
                g.size = style.size;
                items.push_back(g);
                continue;
            }
            // A style change inside a word ends the current fragment without a break.
            if (!word.empty() && (wordFace != sp.face || wordLink != sp.link)) {
                addWord(items, word, wordFace, style.size, 0, wordLink, false);
                word.clear();
            }
            wordFace = sp.face;
            wordLink = sp.link;
            word += c;
        }
        if (!word.empty() && &sp != &spans.back()) {
            addWord(items, word, wordFace, style.size, 0, wordLink, false);
            word.clear();
        }
    }
    flush();
    while (!items.empty() && items.back().type == Item::Glue) items.pop_back();
    Item fill;
    fill.type = Item::Glue;
    fill.stretch = kInf;
    items.push_back(fill);
    Item end;
    end.type = Item::Penalty;
    end.penalty = -kPenaltyInf;
    items.push_back(end);
    return items;
}

// ------------------------------------------------------------------ Knuth–Plass

struct Node {
    size_t position;   // item index of the break
    int line;
    int fitness;
    double width, stretch, shrink;  // totals after the break
    double demerits;
    double ratio;
    int prev;          // index into the node pool, -1 for the start
};

int fitnessOf(double r) {
    if (r < -0.5) return 0;
    if (r <= 0.5) return 1;
    if (r <= 1) return 2;
    return 3;
}

std::vector<std::pair<size_t, double>> knuthPlass(const std::vector<Item>& items, double lineWidth, double tolerance,
                                                  bool justify) {
    std::vector<Node> pool;
    pool.push_back({0, 0, 1, 0, 0, 0, 0, 0, -1});
    std::vector<int> active{0};
    double W = 0, Y = 0, Z = 0;  // running sums
    const double linePenalty = 10, flaggedDemerits = 3000, fitnessDemerits = 2000;

    for (size_t b = 0; b < items.size(); ++b) {
        const Item& it = items[b];
        bool legal = false;
        if (it.type == Item::Box) {
            W += it.width;
        } else if (it.type == Item::Glue) {
            legal = b > 0 && items[b - 1].type == Item::Box;
        } else if (it.penalty < kPenaltyInf) {
            legal = true;
        }
        if (legal) {
            // Totals after this break: skip following glue and non-forced penalties.
            double tw = W, ty = Y, tz = Z;
            for (size_t k = b; k < items.size(); ++k) {
                const Item& x = items[k];
                if (x.type == Item::Box) break;
                if (x.type == Item::Glue) {
                    tw += x.width;
                    ty += x.stretch;
                    tz += x.shrink;
                } else if (x.penalty <= -kPenaltyInf && k > b) {
                    break;
                }
            }
            struct Best {
                double demerits = std::numeric_limits<double>::infinity();
                int node = -1;
                double ratio = 0;
            } best[4];
            std::vector<int> stillActive;
            for (int a : active) {
                const Node& n = pool[static_cast<size_t>(a)];
                double L = W - n.width + (it.type == Item::Penalty ? it.width : 0);
                double r;
                if (L < lineWidth) {
                    double st = Y - n.stretch;
                    if (!justify && it.penalty > -kPenaltyInf) st += lineWidth;  // ragged: free stretch
                    r = st > 0 ? (lineWidth - L) / st : kInf;
                } else if (L > lineWidth) {
                    double sh = Z - n.shrink;
                    r = sh > 0 ? (lineWidth - L) / sh : -kInf;
                } else {
                    r = 0;
                }
                bool forced = it.type == Item::Penalty && it.penalty <= -kPenaltyInf;
                if (r < -1 || forced) {
                    // Deactivate; it cannot reach further breaks.
                } else {
                    stillActive.push_back(a);
                }
                if (r >= -1 && r <= tolerance) {
                    double badness = 100 * std::pow(std::fabs(r), 3);
                    double d = linePenalty + badness;
                    d *= d;
                    if (it.type == Item::Penalty) {
                        if (it.penalty >= 0) d += it.penalty * it.penalty;
                        else if (it.penalty > -kPenaltyInf) d -= it.penalty * it.penalty;
                    }
                    if (it.flagged && n.position < items.size() && items[n.position].flagged &&
                        items[n.position].type == Item::Penalty)
                        d += flaggedDemerits;
                    int fc = fitnessOf(r);
                    if (std::abs(fc - n.fitness) > 1) d += fitnessDemerits;
                    d += n.demerits;
                    if (d < best[fc].demerits) best[fc] = {d, a, r};
                }
            }
            active.swap(stillActive);
            for (int fc = 0; fc < 4; ++fc) {
                if (best[fc].node < 0) continue;
                const Node& from = pool[static_cast<size_t>(best[fc].node)];
                pool.push_back({b, from.line + 1, fc, tw, ty, tz, best[fc].demerits, best[fc].ratio, best[fc].node});
                active.push_back(static_cast<int>(pool.size() - 1));
            }
            if (active.empty()) return {};
        }
        if (it.type == Item::Glue) {
            Y += it.stretch;
            Z += it.shrink;
            W += it.width;
        }
    }
    // The last item is a forced break: pick the best node ending there.
    int bestNode = -1;
    double bestD = std::numeric_limits<double>::infinity();
    for (int a : active) {
        const Node& n = pool[static_cast<size_t>(a)];
        if (n.position == items.size() - 1 && n.demerits < bestD) {
            bestD = n.demerits;
            bestNode = a;
        }
    }
    std::vector<std::pair<size_t, double>> breaks;
    for (int k = bestNode; k > 0; k = pool[static_cast<size_t>(k)].prev)
        breaks.emplace_back(pool[static_cast<size_t>(k)].position, pool[static_cast<size_t>(k)].ratio);
    std::reverse(breaks.begin(), breaks.end());
    return breaks;
}

// First-fit fallback for text that has no feasible total-fit solution (e.g. one huge word).
std::vector<std::pair<size_t, double>> firstFit(const std::vector<Item>& items, double lineWidth) {
    std::vector<std::pair<size_t, double>> breaks;
    double w = 0;
    size_t lastBreak = SIZE_MAX;
    for (size_t b = 0; b < items.size(); ++b) {
        const Item& it = items[b];
        bool legal = (it.type == Item::Glue && b > 0 && items[b - 1].type == Item::Box) ||
                     (it.type == Item::Penalty && it.penalty < kPenaltyInf);
        if (it.type == Item::Penalty && it.penalty <= -kPenaltyInf) {
            breaks.emplace_back(b, 0);
            w = 0;
            lastBreak = SIZE_MAX;
            continue;
        }
        if (legal && w > lineWidth && lastBreak != SIZE_MAX) {
            breaks.emplace_back(lastBreak, 0);
            // Recompute the width from the break.
            w = 0;
            for (size_t k = lastBreak + 1; k < b; ++k)
                if (items[k].type != Item::Penalty) w += items[k].width;
            lastBreak = SIZE_MAX;
        }
        if (legal) lastBreak = b;
        if (it.type != Item::Penalty) w += it.width;
    }
    return breaks;
}

}  // namespace

std::vector<Line> breakLines(const document::Inlines& spans, double width, const TextStyle& style) {
    std::vector<Item> items;
    std::vector<std::pair<size_t, double>> breaks;
    if (style.hyphenate) {
        // TeX's first pass (\pretolerance): break without hyphenation if every line can stay
        // within a stretch ratio of 1. Only paragraphs that cannot are hyphenated, so most
        // never consult the dictionary (and a note without such a paragraph never loads it).
        TextStyle plain = style;
        plain.hyphenate = false;
        items = toItems(spans, plain);
        breaks = knuthPlass(items, width, 1.0, style.justify);
    }
    if (breaks.empty()) items = toItems(spans, style);
    for (double tol : {2.0, 5.0, 20.0}) {
        if (!breaks.empty()) break;
        breaks = knuthPlass(items, width, tol, style.justify);
        if (!breaks.empty()) break;
    }
    if (breaks.empty()) breaks = firstFit(items, width);

    std::vector<Line> lines;
    size_t start = 0;
    for (size_t li = 0; li < breaks.size(); ++li) {
        auto [end, ratio] = breaks[li];
        bool last = li + 1 == breaks.size();
        // Skip discardable items at the line start.
        while (start < end && items[start].type != Item::Box) ++start;
        Line line;
        size_t spaces = 0;
        double natural = 0;
        Run* run = nullptr;
        for (size_t k = start; k < end; ++k) {
            const Item& it = items[k];
            if (it.type == Item::Penalty) continue;
            if (it.type == Item::Glue) {
                if (it.stretch >= kInf) continue;
                bool more = false;
                for (size_t j = k + 1; j < end; ++j)
                    if (items[j].type == Item::Box) {
                        more = true;
                        break;
                    }
                if (!more) continue;
                if (run) {
                    run->text += ' ';
                    run->width += it.width;
                }
                natural += it.width;
                ++spaces;
                continue;
            }
            if (it.footnote > 0) line.footnotes.push_back(it.footnote);
            if (!run || run->face != it.face || run->size != it.size || run->rise != it.rise || run->link != it.link) {
                line.runs.push_back({natural, "", it.face, it.size, it.rise, 0, it.link});
                run = &line.runs.back();
            }
            run->text += it.text;
            run->width += it.width;
            natural += it.width;
        }
        const Item& br = items[end];
        if (br.type == Item::Penalty && br.width > 0 && br.penalty < kPenaltyInf) {
            if (!run) {
                line.runs.push_back({natural, "", br.face, br.size, 0, 0, ""});
                run = &line.runs.back();
            }
            run->text += "-";
            run->width += br.width;
            natural += br.width;
            line.hyphenated = true;
        }
        // Trailing spaces of runs that ended before a style change are kept inside the run.
        line.width = natural;
        if (style.justify && !last && spaces > 0 && !(br.type == Item::Penalty && br.penalty <= -kPenaltyInf)) {
            line.wordSpacing = (width - natural) / static_cast<double>(spaces);
            if (line.wordSpacing < -1.5) line.wordSpacing = 0;  // overfull: do not squeeze further
        }
        (void)ratio;
        // Positions of runs include the word spacing of the spaces before them.
        double x = 0;
        for (auto& r : line.runs) {
            r.x = x;
            size_t n = static_cast<size_t>(std::count(r.text.begin(), r.text.end(), ' '));
            r.width += line.wordSpacing * static_cast<double>(n);
            x += r.width;
        }
        lines.push_back(std::move(line));
        start = end + 1;
    }
    return lines;
}

void drawLines(scene::Scene& s, const std::vector<Line>& lines, double x, double y, const TextStyle& style, size_t from,
               size_t to) {
    to = std::min(to, lines.size());
    for (size_t i = from; i < to; ++i) {
        double baseline = y + style.leading * static_cast<double>(i - from);
        for (const auto& r : lines[i].runs) {
            scene::Text t;
            t.x = x + r.x;
            t.y = baseline - r.rise;
            t.text = r.text;
            t.face = r.face;
            t.size = r.size;
            t.color = r.link.empty() ? style.color : scene::Color{0x00, 0x5A, 0x9C};
            t.width = r.width;
            t.wordSpacing = lines[i].wordSpacing;
            s.add(std::move(t));
            if (!r.link.empty()) {
                scene::Link l;
                l.x = x + r.x;
                l.y = baseline - r.size * 0.8;
                l.w = r.width;
                l.h = r.size;
                l.uri = r.link;
                s.add(l);
            }
        }
    }
}

}  // namespace layout
