#pragma once
// The document model the layout stage typesets: blocks of styled text, numbered headings,
// figures (chart objects) and tables, boxes and page breaks. All text is final (numbers
// formatted, references resolved); layout decides only positions.
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "charts/Chart.hpp"
#include "core/Error.hpp"
#include "figures/Exhibits.hpp"
#include "scene/Scene.hpp"

namespace document {

struct Span {
    std::string text;
    scene::Face face = scene::Face::Regular;
    std::string link;   // URI, if the span is a link
    int footnote = 0;   // > 0: this span is the marker of footnote N
};
using Inlines = std::vector<Span>;

std::string plainText(const Inlines& in);

struct Block;

struct Paragraph {
    Inlines spans;
};

struct Heading {
    int level = 1;
    std::string number;  // "2.1", empty when unnumbered
    Inlines spans;
    std::string anchor;  // stable id for links and the outline
};

struct List {
    bool ordered = false;
    int start = 1;
    std::vector<std::vector<Block>> items;
};

struct Table {
    std::string id, number, title, source, note;
    std::vector<std::string> header;
    std::vector<figures::Align> align;
    std::vector<std::vector<std::string>> rows;
    std::vector<bool> strong;
};

struct Figure {
    std::string id, number, title, source, note;
    std::shared_ptr<const charts::Chart> chart;
};

struct Box {
    std::string kind;   // "konklusioner", "hovedfund", "metode", …
    std::string title;
    std::vector<Block> blocks;
    core::Location where;  // the {{ box }} directive, for messages
};

struct PageBreak {};
struct Toc {};
struct Rule {};

struct Block {
    std::variant<Paragraph, Heading, List, Table, Figure, Box, PageBreak, Toc, Rule> v;
};

struct Footnote {
    int number = 0;
    Inlines text;
};

struct Document {
    std::string title, subtitle, author, subject, keywords;
    std::string dateText;      // shown on the title page and in the colophon
    long long creationTime = 0;  // seconds since epoch, for PDF metadata
    bool titlePage = false;
    bool justify = true;       // false: ragged right
    bool chapterBreak = false; // each level-1 heading starts a new page
    std::vector<std::pair<std::string, std::string>> colophon;  // label, text (with a title page)
    std::vector<Block> blocks;
    std::vector<Footnote> footnotes;
};

}  // namespace document
