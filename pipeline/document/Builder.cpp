#include "document/Builder.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "core/AtomicFile.hpp"
#include "document/TemplateEngine.hpp"

namespace document {

std::string plainText(const Inlines& in) {
    std::string s;
    for (const auto& sp : in) s += sp.text;
    return s;
}

namespace {

using core::Location;

scene::Face withFlags(bool bold, bool italic) {
    if (bold && italic) return scene::Face::BoldItalic;
    if (bold) return scene::Face::Bold;
    if (italic) return scene::Face::Italic;
    return scene::Face::Regular;
}

struct NodeDeleter {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};

class Converter {
public:
    Converter(const Expansion& x, const figures::Exhibits& ex, const std::string& file)
        : x_(x), ex_(ex), file_(file) {}

    std::vector<Block> convert(cmark_node* doc) {
        std::vector<Block> out;
        std::vector<Box> openBoxes;  // {{ box }} … {{ /box }}, innermost last

        // Footnote definitions first, so references can be numbered in order of use.
        // cmark-gfm numbers footnotes in order of first reference: a reference's literal is that
        // ordinal, and the definitions follow in the same order.
        int ordinal = 0;
        for (cmark_node* n = cmark_node_first_child(doc); n; n = cmark_node_next(n))
            if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION) defs_[std::to_string(++ordinal)] = n;

        for (cmark_node* n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
            if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION) continue;
            if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK) {
                const Directive* d = directive(n);
                if (d && d->kind == "box") {
                    Box b;
                    b.where = d->where;
                    b.kind = d->args[0];
                    b.title = d->args.size() > 1 ? d->args[1] : "";
                    openBoxes.push_back(std::move(b));
                    continue;
                }
                if (d && d->kind == "endbox") {
                    if (openBoxes.empty())
                        throw core::Error(d->where, "the start of this box is not at the top level of the document: Markdown "
                                                    "before it (a code fence, an HTML block) took it in",
                                          "close the code fence or HTML block before the box");
                    Box b = std::move(openBoxes.back());
                    openBoxes.pop_back();
                    (openBoxes.empty() ? out : openBoxes.back().blocks).push_back({std::move(b)});
                    continue;
                }
            }
            block(n, openBoxes.empty() ? out : openBoxes.back().blocks);
        }
        // The template engine pairs {{ box }} with {{ /box }}; Markdown can still swallow the
        // end marker into a list item or a table cell, and the box's text would be lost.
        if (!openBoxes.empty())
            throw core::Error(openBoxes.back().where, "the end of this box is not at the top level of the document: Markdown "
                                                      "inside it (a code fence, an HTML block) took it in",
                              "close the code fence or HTML block before '{{ /box }}'");
        return out;
    }

    std::vector<Footnote> footnotes() const { return notes_; }

private:
    static std::string literal(cmark_node* n) {
        const char* s = cmark_node_get_literal(n);
        return s ? s : "";
    }

    const Directive* directive(cmark_node* n) const {
        std::string html = literal(n);
        size_t p = html.find("<!--evr:");
        if (p == std::string::npos) return nullptr;
        // The engine writes <!--evr:N-->; a template may contain the same text by hand.
        size_t id = 0, digits = 0;
        for (size_t i = p + 8; i < html.size() && html[i] >= '0' && html[i] <= '9' && digits < 9; ++i, ++digits)
            id = id * 10 + static_cast<size_t>(html[i] - '0');
        return digits > 0 && id < x_.directives.size() ? &x_.directives[id] : nullptr;
    }

    void block(cmark_node* n, std::vector<Block>& out) {
        cmark_node_type t = cmark_node_get_type(n);
        const char* ts = cmark_node_get_type_string(n);
        if (t == CMARK_NODE_PARAGRAPH) {
            Paragraph p;
            inlines(n, p.spans, false, false, "");
            if (!p.spans.empty()) out.push_back({std::move(p)});
        } else if (t == CMARK_NODE_HEADING) {
            Heading h;
            h.level = cmark_node_get_heading_level(n);
            inlines(n, h.spans, false, false, "");
            out.push_back({std::move(h)});
        } else if (t == CMARK_NODE_LIST) {
            List l;
            l.ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
            l.start = cmark_node_get_list_start(n);
            for (cmark_node* item = cmark_node_first_child(n); item; item = cmark_node_next(item)) {
                std::vector<Block> blocks;
                for (cmark_node* c = cmark_node_first_child(item); c; c = cmark_node_next(c)) block(c, blocks);
                l.items.push_back(std::move(blocks));
            }
            out.push_back({std::move(l)});
        } else if (t == CMARK_NODE_BLOCK_QUOTE) {
            Box b;
            b.kind = "citat";
            for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) block(c, b.blocks);
            out.push_back({std::move(b)});
        } else if (t == CMARK_NODE_THEMATIC_BREAK) {
            out.push_back({Rule{}});
        } else if (t == CMARK_NODE_CODE_BLOCK) {
            Paragraph p;
            p.spans.push_back({literal(n), scene::Face::Regular, "", 0});
            out.push_back({std::move(p)});
        } else if (t == CMARK_NODE_HTML_BLOCK) {
            const Directive* d = directive(n);
            if (!d)
                throw core::Error({file_}, "raw HTML is not supported in templates",
                                  "use Markdown, or a directive such as {{ box \"…\" }}");
            placeDirective(*d, out);
        } else if (ts && std::strcmp(ts, "table") == 0) {
            out.push_back({markdownTable(n)});
        }
    }

    static std::string exhibitId(const Directive& d) { return d.args.size() > 1 ? d.args[0] + ":" + d.args[1] : d.args[0]; }

    void placeDirective(const Directive& d, std::vector<Block>& out) {
        if (d.kind == "figure") {
            const figures::Figure* f = ex_.figure(exhibitId(d));
            if (!f)
                throw core::Error(d.where, "unknown figure '" + exhibitId(d) + "'",
                                  d.args.size() > 1 ? "is '" + d.args[1] + "' a source of figure '" + d.args[0] + "' (with each: true)?"
                                                    : "declare it under 'figures:' in template.yaml");
            out.push_back({Figure{f->id, "", f->title, f->source, f->note, f->chart}});
        } else if (d.kind == "table") {
            const figures::TableModel* t = ex_.table(exhibitId(d));
            if (!t)
                throw core::Error(d.where, "unknown table '" + exhibitId(d) + "'",
                                  d.args.size() > 1 ? "is '" + d.args[1] + "' a source of table '" + d.args[0] + "' (with each: true)?"
                                                    : "declare it under 'tables:' in template.yaml");
            out.push_back({Table{t->id, "", t->title, t->source, t->note, t->header, t->align, t->rows, t->strong}});
        } else if (d.kind == "pagebreak") {
            out.push_back({PageBreak{}});
        } else if (d.kind == "toc") {
            out.push_back({Toc{}});
        } else if (d.kind == "endbox" || d.kind == "box") {
            throw core::Error(d.where, "'box' must stand on its own lines, outside lists and paragraphs");
        }
    }

    Table markdownTable(cmark_node* n) {
        Table t;
        uint16_t cols = cmark_gfm_extensions_get_table_columns(n);
        uint8_t* al = cmark_gfm_extensions_get_table_alignments(n);
        for (uint16_t i = 0; i < cols; ++i)
            t.align.push_back(al && al[i] == 'r' ? figures::Align::Right : figures::Align::Left);
        for (cmark_node* row = cmark_node_first_child(n); row; row = cmark_node_next(row)) {
            std::vector<std::string> cells;
            for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell)) {
                Inlines in;
                inlines(cell, in, false, false, "");
                cells.push_back(plainText(in));
            }
            cells.resize(cols);
            if (cmark_gfm_extensions_get_table_row_is_header(row)) {
                t.header = cells;
            } else {
                bool strong = !cells.empty() && (cells[0] == "I alt" || cells[0] == "I alt:");
                t.rows.push_back(cells);
                t.strong.push_back(strong);
            }
        }
        return t;
    }

    void inlines(cmark_node* parent, Inlines& out, bool bold, bool italic, const std::string& link) {
        for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
            switch (cmark_node_get_type(n)) {
                case CMARK_NODE_TEXT:
                case CMARK_NODE_CODE: addText(out, literal(n), withFlags(bold, italic), link); break;
                case CMARK_NODE_SOFTBREAK: addText(out, " ", withFlags(bold, italic), link); break;
                case CMARK_NODE_LINEBREAK: addText(out, "\n", withFlags(bold, italic), link); break;
                case CMARK_NODE_EMPH: inlines(n, out, bold, true, link); break;
                case CMARK_NODE_STRONG: inlines(n, out, true, italic, link); break;
                case CMARK_NODE_LINK: {
                    const char* url = cmark_node_get_url(n);
                    inlines(n, out, bold, italic, url ? url : "");
                    break;
                }
                case CMARK_NODE_FOOTNOTE_REFERENCE: {
                    std::string label = literal(n);
                    int number;
                    auto it = numbers_.find(label);
                    if (it != numbers_.end()) {
                        number = it->second;
                    } else {
                        number = static_cast<int>(notes_.size()) + 1;
                        numbers_[label] = number;
                        Footnote fn;
                        fn.number = number;
                        if (auto d = defs_.find(label); d != defs_.end())
                            for (cmark_node* c = cmark_node_first_child(d->second); c; c = cmark_node_next(c))
                                inlines(c, fn.text, false, false, "");
                        notes_.push_back(std::move(fn));
                    }
                    Span s;
                    s.text = std::to_string(number);
                    s.footnote = number;
                    out.push_back(std::move(s));
                    break;
                }
                case CMARK_NODE_HTML_INLINE:
                    throw core::Error({file_}, "inline HTML '" + literal(n) + "' is not supported in templates",
                                      "use Markdown emphasis instead");
                default: inlines(n, out, bold, italic, link);
            }
        }
    }

    static void addText(Inlines& out, const std::string& text, scene::Face face, const std::string& link) {
        if (!out.empty() && out.back().face == face && out.back().link == link && out.back().footnote == 0) {
            out.back().text += text;
            return;
        }
        out.push_back({text, face, link, 0});
    }

    const Expansion& x_;
    const figures::Exhibits& ex_;
    std::string file_;
    std::map<std::string, cmark_node*> defs_;
    std::map<std::string, int> numbers_;
    std::vector<Footnote> notes_;
};

// Assigns heading, figure and table numbers in document order.
class Numberer {
public:
    Numberer(const project::TemplateSpec& spec) : spec_(spec) {}

    void run(std::vector<Block>& blocks) {
        for (auto& b : blocks) visit(b);
    }
    std::map<std::string, std::string> refs;  // exhibit id -> "Figur 2.1"

private:
    void visit(Block& b) {
        if (auto* h = std::get_if<Heading>(&b.v)) {
            // "{-}" at the end marks an unnumbered heading (as in Pandoc); an unnumbered chapter
            // "Bilag A …" numbers its figures and tables A.1, A.2, …
            bool unnumbered = false;
            // "{#id}" at the end names the heading for {{ ref "id" }}: "kapitel 6", "afsnit 6.2"
            // or "bilag A", resolved to the final number like figures and tables.
            std::string id;
            if (!h->spans.empty()) {
                std::string& last = h->spans.back().text;
                size_t open = last.rfind("{#");
                size_t close = open == std::string::npos ? std::string::npos : last.find('}', open);
                if (close != std::string::npos && last.find_first_not_of(" \t", close + 1) == std::string::npos) {
                    id = last.substr(open + 2, close - open - 2);
                    last.erase(open);
                    while (!last.empty() && last.back() == ' ') last.pop_back();
                }
            }
            if (!h->spans.empty()) {
                std::string& last = h->spans.back().text;
                size_t cut = last.rfind("{-}");
                if (cut != std::string::npos && last.find_first_not_of(" \t", cut + 3) == std::string::npos) {
                    last.erase(cut);
                    while (!last.empty() && last.back() == ' ') last.pop_back();
                    unnumbered = true;
                }
            }
            if (unnumbered) {
                if (h->level == 1) {
                    std::string text = plainText(h->spans);
                    chapterLabel_ = text.rfind("Bilag ", 0) == 0 && text.size() > 6 ? std::string(1, text[6]) : "";
                    figures_ = tables_ = 0;
                }
            } else if (h->level <= 3) {
                counters_[static_cast<size_t>(h->level - 1)]++;
                for (size_t i = static_cast<size_t>(h->level); i < 3; ++i) counters_[i] = 0;
                if (h->level == 1) {
                    ++chapter_;
                    chapterLabel_ = std::to_string(chapter_);
                    figures_ = tables_ = 0;
                }
                if (spec_.numberHeadings) {
                    std::string num;
                    for (int i = 0; i < h->level; ++i) num += (i ? "." : "") + std::to_string(counters_[static_cast<size_t>(i)]);
                    h->number = num;
                }
            }
            h->anchor = "h" + std::to_string(++anchors_);
            if (!id.empty()) {
                if (refs.count(id) || headingIds_.count(id))
                    throw core::Error({spec_.documentPath}, "the heading id '" + id + "' is also the id of a figure, table or heading",
                                      "give the heading another id, e.g. {#kap-" + id + "}");
                headingIds_.insert(id);
                std::string text = plainText(h->spans);
                if (unnumbered) refs[id] = text.rfind("Bilag ", 0) == 0 && text.size() > 6 ? "bilag " + std::string(1, text[6]) : text;
                else if (h->level == 1) refs[id] = "kapitel " + std::to_string(counters_[0]);
                else refs[id] = "afsnit " + (h->number.empty() ? text : h->number);
            }
        } else if (auto* f = std::get_if<Figure>(&b.v)) {
            f->number = number(++figures_, ++allFigures_);
            if (headingIds_.count(f->id))
                throw core::Error({spec_.documentPath}, "the figure id '" + f->id + "' is also a heading's id", "rename the heading's {#id}");
            refs[f->id] = "Figur " + f->number;
        } else if (auto* t = std::get_if<Table>(&b.v)) {
            if (t->id.empty()) return;  // plain Markdown tables are not numbered
            t->number = number(++tables_, ++allTables_);
            if (headingIds_.count(t->id))
                throw core::Error({spec_.documentPath}, "the table id '" + t->id + "' is also a heading's id", "rename the heading's {#id}");
            refs[t->id] = "Tabel " + t->number;
        } else if (auto* bx = std::get_if<Box>(&b.v)) {
            for (auto& c : bx->blocks) visit(c);
        } else if (auto* l = std::get_if<List>(&b.v)) {
            for (auto& item : l->items)
                for (auto& c : item) visit(c);
        }
    }
    std::string number(int inChapter, int overall) const {
        if (spec_.numbering == "chapter" && !chapterLabel_.empty()) return chapterLabel_ + "." + std::to_string(inChapter);
        return std::to_string(overall);
    }

    const project::TemplateSpec& spec_;
    int counters_[3] = {0, 0, 0};
    int chapter_ = 0, figures_ = 0, tables_ = 0, allFigures_ = 0, allTables_ = 0, anchors_ = 0;
    std::string chapterLabel_;
    std::set<std::string> headingIds_;
};

// Replaces inline ref placeholders with the final "Figur 2.1" text.
void resolveRefs(Inlines& in, const Expansion& x, const std::map<std::string, std::string>& refs) {
    for (auto& s : in) {
        size_t p;
        while ((p = s.text.find(kInlineOpen)) != std::string::npos) {
            size_t q = s.text.find(kInlineClose, p);
            size_t id = std::stoul(s.text.substr(p + 3, q - p - 3));
            const Directive& d = x.directives.at(id);
            std::string target = d.args.size() > 1 ? d.args[0] + ":" + d.args[1] : d.args[0];
            auto it = refs.find(target);
            if (it == refs.end())
                throw core::Error(d.where, "reference to unknown figure or table '" + target + "'",
                                  "place it with {{ figure \"" + d.args[0] + "\" }} or {{ table \"" + d.args[0] + "\" }}");
            std::string text = it->second;
            // A heading reference ("kapitel 6") opens a sentence with a capital letter.
            size_t before = s.text.find_last_not_of(" ", p == 0 ? std::string::npos : p - 1);
            bool sentenceStart = p == 0 ? &s == &in.front() : before == std::string::npos || s.text[before] == '.';
            if (sentenceStart && !text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
            s.text.replace(p, q + 3 - p, text);
        }
    }
}

void resolveAll(std::vector<Block>& blocks, const Expansion& x, const std::map<std::string, std::string>& refs) {
    for (auto& b : blocks) {
        if (auto* p = std::get_if<Paragraph>(&b.v)) resolveRefs(p->spans, x, refs);
        else if (auto* h = std::get_if<Heading>(&b.v)) resolveRefs(h->spans, x, refs);
        else if (auto* bx = std::get_if<Box>(&b.v)) resolveAll(bx->blocks, x, refs);
        else if (auto* l = std::get_if<List>(&b.v))
            for (auto& item : l->items) resolveAll(item, x, refs);
    }
}

}  // namespace

Document buildDocument(const project::TemplateSpec& spec, const core::Value& context, const figures::Exhibits& exhibits,
                       const Meta& meta) {
    std::string text = core::readFile(spec.documentPath);
    TemplateEngine engine(spec.dir + "/partials");
    Expansion x = engine.expand(spec.documentPath, text, context);

    // cmark-gfm registers its extensions in a global list behind an unguarded flag: two
    // threads of a batch building their first documents at once would both register.
    static std::once_flag registered;
    std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
    cmark_parser* parser = cmark_parser_new(CMARK_OPT_FOOTNOTES | CMARK_OPT_SMART);
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension("table")) cmark_parser_attach_syntax_extension(parser, ext);
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension("strikethrough"))
        cmark_parser_attach_syntax_extension(parser, ext);
    cmark_parser_feed(parser, x.markdown.data(), x.markdown.size());
    std::unique_ptr<cmark_node, NodeDeleter> root(cmark_parser_finish(parser));
    cmark_parser_free(parser);

    Converter conv(x, exhibits, spec.documentPath);
    Document doc;
    doc.blocks = conv.convert(root.get());
    doc.footnotes = conv.footnotes();

    Numberer numberer(spec);
    numberer.run(doc.blocks);
    resolveAll(doc.blocks, x, numberer.refs);
    for (auto& fn : doc.footnotes) resolveRefs(fn.text, x, numberer.refs);

    doc.title = meta.title;
    doc.subtitle = meta.subtitle;
    doc.author = meta.author;
    doc.subject = meta.subject;
    doc.keywords = meta.keywords;
    doc.dateText = meta.dateText;
    doc.creationTime = meta.creationTime;
    doc.titlePage = spec.titlePage;
    doc.justify = spec.justify;
    doc.chapterBreak = spec.chapterBreak;
    doc.colophon = meta.colophon;
    return doc;
}

}  // namespace document
