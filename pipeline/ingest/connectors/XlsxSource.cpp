// XLSX workbooks as a row source: one sheet, found by name, read with Poco::Zip and the SAX
// parser of Poco::XML (streamed; only the shared strings are held in memory). Numbers in
// date-formatted cells become dates (serial days, 1900 or 1904 system); locations are
// written the way Excel names cells: data/x.xlsx[Borgere]!C12.
#include <Poco/Exception.h>
#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/ContentHandler.h>
#include <Poco/SAX/InputSource.h>
#include <Poco/SAX/SAXParser.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <charconv>
#include <deque>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "core/Utf8.hpp"
#include "ingest/Cpr.hpp"
#include "ingest/connectors/Connectors.hpp"
#include "ingest/Values.hpp"

namespace ingest {

namespace {

using Poco::XML::Attributes;
using Poco::XML::XMLChar;
using Poco::XML::XMLString;

// A ContentHandler that only passes on elements and text; the rest is ignored.
class Handler : public Poco::XML::ContentHandler {
public:
    std::function<void(const std::string&, const Attributes&)> onStart;
    std::function<void(const std::string&)> onEnd;
    std::function<void(const XMLChar*, int, int)> onText;

    void setDocumentLocator(const Poco::XML::Locator*) override {}
    void startDocument() override {}
    void endDocument() override {}
    void startElement(const XMLString&, const XMLString& localName, const XMLString& qname, const Attributes& a) override {
        if (onStart) onStart(localName.empty() ? qname : localName, a);
    }
    void endElement(const XMLString&, const XMLString& localName, const XMLString& qname) override {
        if (onEnd) onEnd(localName.empty() ? qname : localName);
    }
    void characters(const XMLChar ch[], int start, int length) override {
        if (onText) onText(ch, start, length);
    }
    void ignorableWhitespace(const XMLChar[], int, int) override {}
    void processingInstruction(const XMLString&, const XMLString&) override {}
    void startPrefixMapping(const XMLString&, const XMLString&) override {}
    void endPrefixMapping(const XMLString&) override {}
    void skippedEntity(const XMLString&) override {}
};

std::string attr(const Attributes& a, const char* name) {
    for (int i = 0; i < a.getLength(); ++i)
        if (a.getLocalName(i) == name || a.getQName(i) == name) return a.getValue(i);
    return {};
}

// "C12" -> column 2 (0-based) and row 12; false if malformed.
bool parseRef(const std::string& ref, size_t& col, long& row) {
    size_t i = 0, c = 0;
    while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') c = c * 26 + static_cast<size_t>(ref[i++] - 'A' + 1);
    if (i == 0 || i == ref.size()) return false;
    long r = 0;
    for (; i < ref.size(); ++i) {
        if (ref[i] < '0' || ref[i] > '9') return false;
        r = r * 10 + (ref[i] - '0');
    }
    col = c - 1;
    row = r;
    return true;
}

std::string columnLetters(size_t col) {
    std::string s;
    for (size_t c = col + 1; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
    return s;
}

// Built-in number formats that show dates, and custom ones whose code has d or y outside
// quotes and brackets (m alone may be minutes).
bool isDateFormat(int id, const std::string& code) {
    if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)) return true;
    bool quoted = false;
    int bracket = 0;
    for (size_t i = 0; i < code.size(); ++i) {
        char c = code[i];
        if (c == '"') quoted = !quoted;
        else if (quoted) continue;
        else if (c == '\\') ++i;
        else if (c == '[') ++bracket;
        else if (c == ']') --bracket;
        else if (bracket == 0 && (c == 'd' || c == 'D' || c == 'y' || c == 'Y')) return true;
    }
    return false;
}

class XlsxSource : public RowSource, private Locator {
public:
    XlsxSource(const std::string& path, const std::string& sheet, const std::string& decimalSeparator)
        : path_(path), style_(numberStyleFor(decimalSeparator)) {
        in_.open(path, std::ios::binary);
        if (!in_) throw core::Error({path}, "cannot open data file: No such file or directory", "check the 'source' path in project.yaml");
        try {
            archive_ = std::make_unique<Poco::Zip::ZipArchive>(in_);
        } catch (const Poco::Exception&) {
            archive_.reset();
        }
        if (!archive_ || archive_->headerBegin() == archive_->headerEnd())
            throw core::Error({path}, "the file is not an .xlsx workbook (it is not a zip archive)",
                              "save it from Excel as 'Excel Workbook (*.xlsx)', or export it as CSV");
        readWorkbook(sheet);
        readSharedStrings();
        readStyles();
    }

    NumberStyle numberStyle() const override { return style_; }

    void read(RowSink& sink, core::Diagnostics& diag) override {
        Handler h;
        std::string text;       // text of the current <v> or <t>
        bool inValue = false, inInline = false, inInlineText = false, stop = false;
        size_t col = 0, nextCol = 0;
        long rowNum = 0, nextRow = 1;
        std::string type;
        int styleIndex = 0;
        std::vector<std::pair<size_t, Cell>> rowCells;
        std::deque<std::string> owned;  // texts of the current row (a deque: views stay valid)
        bool haveHeader = false;
        std::set<size_t> warnedColumns;

        auto finishRow = [&]() {
            if (stop) return;
            bool any = false;
            for (auto& [c, cell] : rowCells)
                if (cell.kind != Cell::Kind::Empty && !(cell.kind == Cell::Kind::Text && trimView(cell.text).empty())) any = true;
            if (!any) return;  // rows with formatting only
            if (!haveHeader) {
                haveHeader = true;
                headerRow_ = rowNum;
                size_t width = 0;
                for (auto& [c, cell] : rowCells) width = std::max(width, c + 1);
                header_.assign(width, "");
                for (auto& [c, cell] : rowCells) header_[c] = core::trim(cellText(cell));
                while (!header_.empty() && header_.back().empty()) header_.pop_back();
                headerCols_.resize(header_.size());
                for (size_t i = 0; i < header_.size(); ++i) headerCols_[i] = i;
                sink.begin(header_, *this);
                cells_.assign(header_.size(), Cell());
                return;
            }
            std::fill(cells_.begin(), cells_.end(), Cell());
            for (auto& [c, cell] : rowCells) {
                if (c < cells_.size()) {
                    cells_[c] = cell;
                } else if (cell.kind != Cell::Kind::Empty && warnedColumns.insert(c).second) {
                    currentRow_ = rowNum;
                    diag.warning({place(c, rowNum)}, "cell has a value but its column has no name in the header row and is ignored",
                                 "give the column a name in row " + std::to_string(headerRow_) + ", or delete the values");
                }
            }
            currentRow_ = rowNum;
            if (!sink.row(cells_.data(), static_cast<uint32_t>(rowNum), *this)) stop = true;
        };

        h.onStart = [&](const std::string& name, const Attributes& a) {
            if (stop) return;
            if (name == "row") {
                std::string r = attr(a, "r");
                rowNum = r.empty() ? nextRow : std::atol(r.c_str());
                nextRow = rowNum + 1;
                nextCol = 0;
                rowCells.clear();
                owned.clear();
            } else if (name == "c") {
                std::string ref = attr(a, "r");
                long r;
                if (ref.empty() || !parseRef(ref, col, r)) col = nextCol;
                nextCol = col + 1;
                type = attr(a, "t");
                std::string s = attr(a, "s");
                styleIndex = s.empty() ? 0 : std::atoi(s.c_str());
                text.clear();
            } else if (name == "v") {
                inValue = true;
                text.clear();
            } else if (name == "is") {
                inInline = true;
                text.clear();
            } else if (name == "t" && inInline) {
                inInlineText = true;
            }
        };
        h.onText = [&](const XMLChar* ch, int start, int length) {
            if (inValue || inInlineText) text.append(ch + start, static_cast<size_t>(length));
        };
        h.onEnd = [&](const std::string& name) {
            if (stop) return;
            if (name == "v") {
                inValue = false;
            } else if (name == "t") {
                inInlineText = false;
            } else if (name == "is") {
                inInline = false;
            } else if (name == "c") {
                rowCells.emplace_back(col, makeCell(type, text, styleIndex, owned));
            } else if (name == "row") {
                finishRow();
            }
        };

        auto it = archive_->findHeader(sheetPath_);
        if (it == archive_->headerEnd())
            throw core::Error({source()}, "the workbook has no data for sheet '" + sheetName_ + "'", "save the workbook again from Excel");
        try {
            in_.clear();
            Poco::Zip::ZipInputStream zin(in_, it->second, true);
            Poco::XML::InputSource src(zin);
            Poco::XML::SAXParser parser;
            parser.setContentHandler(&h);
            parser.parse(&src);
        } catch (const Poco::Exception& e) {
            throw core::Error({source()}, "the sheet cannot be read: " + e.message(), "save the workbook again from Excel");
        }
        if (!haveHeader) throw core::Error({source()}, "the sheet is empty", "put the column names in the first row and the data below");
    }

private:
    // A cell from its type attribute and raw text.
    Cell makeCell(const std::string& type, const std::string& text, int styleIndex, std::deque<std::string>& owned) {
        if (type == "s") {
            size_t i = 0;
            auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), i);
            if (ec != std::errc() || i >= shared_.size()) return {};
            return Cell::ofText(shared_[i]);
        }
        if (type == "inlineStr" || type == "str" || type == "e" || type == "d") {
            if (text.empty()) return {};
            if (type == "d") {
                if (auto d = core::parseDate(std::string_view(text).substr(0, 10))) return Cell::ofDate(*d);
            }
            owned.push_back(text);
            return Cell::ofText(owned.back());
        }
        if (type == "b") return Cell::ofText(text == "1" ? "true" : "false");
        if (text.empty()) return {};
        double v;
        auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec != std::errc()) {
            owned.push_back(text);
            return Cell::ofText(owned.back());
        }
        if (styleIndex >= 0 && static_cast<size_t>(styleIndex) < dateStyles_.size() && dateStyles_[static_cast<size_t>(styleIndex)]) {
            core::Days d;
            if (excelSerialToDays(v, date1904_, d)) return Cell::ofDate(d);
        }
        Cell c = Cell::ofNumber(v);
        c.excelSerial = date1904_ ? 2 : 1;
        return c;
    }

    std::string cellText(const Cell& c) const {
        switch (c.kind) {
            case Cell::Kind::Text: return std::string(c.text);
            case Cell::Kind::Number: return numberText(c.number);
            case Cell::Kind::Date: return danishDate(c.date);
            default: return {};
        }
    }

    void parsePart(const std::string& name, Handler& h, bool required) {
        auto it = archive_->findHeader(name);
        if (it == archive_->headerEnd()) {
            if (required) throw core::Error({path_}, "the workbook has no " + name, "save it again from Excel as .xlsx");
            return;
        }
        try {
            in_.clear();
            Poco::Zip::ZipInputStream zin(in_, it->second, true);
            Poco::XML::InputSource src(zin);
            Poco::XML::SAXParser parser;
            parser.setContentHandler(&h);
            parser.parse(&src);
        } catch (const Poco::Exception& e) {
            throw core::Error({path_}, "the workbook cannot be read (" + name + "): " + e.message(), "save it again from Excel as .xlsx");
        }
    }

    void readWorkbook(const std::string& wanted) {
        std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
        Handler h;
        h.onStart = [&](const std::string& name, const Attributes& a) {
            if (name == "sheet") sheets.emplace_back(attr(a, "name"), attr(a, "id"));
            else if (name == "workbookPr") date1904_ = attr(a, "date1904") == "1" || attr(a, "date1904") == "true";
        };
        parsePart("xl/workbook.xml", h, true);
        if (sheets.empty()) throw core::Error({path_}, "the workbook has no sheets", "save it again from Excel as .xlsx");
        size_t pick = 0;
        if (!wanted.empty()) {
            pick = sheets.size();
            for (size_t i = 0; i < sheets.size(); ++i)
                if (sheets[i].first == wanted) pick = i;
            if (pick == sheets.size())
                for (size_t i = 0; i < sheets.size(); ++i)
                    if (core::normalizeLabel(sheets[i].first) == core::normalizeLabel(wanted)) pick = i;
            if (pick == sheets.size()) {
                std::string names;
                for (const auto& s : sheets) names += (names.empty() ? "'" : ", '") + redactCpr(s.first) + "'";
                throw core::Error({path_}, "the workbook has no sheet '" + wanted + "'", "its sheets are " + names);
            }
        }
        sheetName_ = sheets[pick].first;
        std::map<std::string, std::string> targets;
        Handler rels;
        rels.onStart = [&](const std::string& name, const Attributes& a) {
            if (name == "Relationship") targets[attr(a, "Id")] = attr(a, "Target");
        };
        parsePart("xl/_rels/workbook.xml.rels", rels, true);
        std::string target = targets[sheets[pick].second];
        if (target.empty()) throw core::Error({path_}, "the workbook does not say where sheet '" + sheetName_ + "' is", "save it again from Excel");
        sheetPath_ = target[0] == '/' ? target.substr(1) : "xl/" + target;
    }

    void readSharedStrings() {
        Handler h;
        std::string cur;
        int depthR = 0;
        bool inT = false, inPhonetic = false;
        h.onStart = [&](const std::string& name, const Attributes&) {
            if (name == "si") cur.clear();
            else if (name == "rPh") inPhonetic = true;  // phonetic guides are not part of the text
            else if (name == "t" && !inPhonetic) inT = true;
            else if (name == "r") ++depthR;
        };
        h.onText = [&](const XMLChar* ch, int start, int length) {
            if (inT) cur.append(ch + start, static_cast<size_t>(length));
        };
        h.onEnd = [&](const std::string& name) {
            if (name == "t") inT = false;
            else if (name == "rPh") inPhonetic = false;
            else if (name == "si") sharedOwned_.push_back(cur);
        };
        parsePart("xl/sharedStrings.xml", h, false);
        shared_.assign(sharedOwned_.begin(), sharedOwned_.end());
    }

    void readStyles() {
        Handler h;
        std::map<int, std::string> custom;
        bool inXfs = false;
        std::vector<int> formats;
        h.onStart = [&](const std::string& name, const Attributes& a) {
            if (name == "numFmt") custom[std::atoi(attr(a, "numFmtId").c_str())] = attr(a, "formatCode");
            else if (name == "cellXfs") inXfs = true;
            else if (name == "xf" && inXfs) formats.push_back(std::atoi(attr(a, "numFmtId").c_str()));
        };
        h.onEnd = [&](const std::string& name) {
            if (name == "cellXfs") inXfs = false;
        };
        parsePart("xl/styles.xml", h, false);
        for (int id : formats) dateStyles_.push_back(isDateFormat(id, custom.count(id) ? custom[id] : std::string()));
    }

    std::string place(size_t col, long row) const {
        return path_ + "[" + sheetName_ + "]!" + columnLetters(col) + std::to_string(row);
    }
    core::Location header(size_t i) const override { return {place(i < headerCols_.size() ? headerCols_[i] : 0, headerRow_)}; }
    core::Location cell(size_t i, size_t) const override { return {place(i, currentRow_)}; }
    core::Location row() const override { return {place(0, currentRow_)}; }
    core::Location source() const override { return {path_ + "[" + sheetName_ + "]"}; }
    std::string rowWord() const override { return "in row"; }

    std::string path_;
    NumberStyle style_;
    std::ifstream in_;
    std::unique_ptr<Poco::Zip::ZipArchive> archive_;
    std::string sheetName_, sheetPath_;
    bool date1904_ = false;
    std::vector<std::string> sharedOwned_;
    std::vector<std::string_view> shared_;
    std::vector<bool> dateStyles_;
    std::vector<std::string> header_;
    std::vector<size_t> headerCols_;
    long headerRow_ = 1, currentRow_ = 0;
    std::vector<Cell> cells_;
};

}  // namespace

namespace readers {

std::unique_ptr<RowSource> openXlsx(const std::string& path, const std::string& sheet, const std::string& decimalSeparator) {
    return std::make_unique<XlsxSource>(path, sheet, decimalSeparator);
}

}  // namespace readers

}  // namespace ingest
