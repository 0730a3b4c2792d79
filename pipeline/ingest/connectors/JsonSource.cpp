// JSON arrays of records as a row source: [{"borger_id": "B001", "alder": 71}, …], parsed
// with Poco::JSON. The columns are the keys of all records in first-seen order; a key a
// record lacks is an empty cell. Poco does not report positions, so a small scanner finds
// where each record starts and, when a message needs it, where a value is: data/x.json:4:16.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include <fstream>
#include <sstream>
#include <unordered_set>

#include "core/Utf8.hpp"
#include "ingest/Cpr.hpp"
#include "ingest/Sources.hpp"
#include "ingest/Values.hpp"

namespace ingest {

namespace {

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Offset just past the JSON string starting at text[i] == '"'.
size_t skipString(const std::string& text, size_t i) {
    for (++i; i < text.size(); ++i) {
        if (text[i] == '\\') ++i;
        else if (text[i] == '"') return i + 1;
    }
    return text.size();
}

class JsonSource : public RowSource, private Locator {
public:
    JsonSource(const std::string& path, const std::string& decimalSeparator) : path_(path), style_(numberStyleFor(decimalSeparator)) {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw core::Error({path}, "cannot open data file: No such file or directory", "check the 'source' path in project.yaml");
        std::ostringstream ss;
        ss << in.rdbuf();
        text_ = ss.str();
        if (text_.rfind("\xEF\xBB\xBF", 0) == 0) text_.erase(0, 3);
        if (trimView(text_).empty()) throw core::Error({path, 1, 1}, "the file is empty", "export the records as a JSON list: [{…}, {…}]");
        if (size_t bad = core::findInvalidUtf8(text_); bad != std::string::npos) {
            long line, col;
            position(0, 1, bad, line, col);
            throw core::Error({path, line, col}, "invalid UTF-8 byte sequence", "save the file as UTF-8");
        }
        scanRecords();
        try {
            Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
            root_ = parser.parse(text_);
        } catch (const Poco::Exception& e) {
            throw core::Error(syntaxErrorAt(), "the file is not valid JSON: " + e.message(), "check the brackets, commas and quotes");
        }
        if (root_.type() != typeid(Poco::JSON::Array::Ptr))
            throw core::Error({path, 1, 1}, "expected a list of records", "write the data as [{\"column\": value, …}, …]");
        array_ = root_.extract<Poco::JSON::Array::Ptr>();
    }

    NumberStyle numberStyle() const override { return style_; }

    void read(RowSink& sink, core::Diagnostics& diag) override {
        // Columns: every key, in the order first seen.
        std::unordered_set<std::string> seen;
        for (size_t r = 0; r < array_->size(); ++r) {
            Poco::JSON::Object::Ptr o = array_->getObject(static_cast<unsigned>(r));
            if (!o) continue;
            std::vector<std::string> names;
            o->getNames(names);
            for (const auto& n : names)
                if (seen.insert(n).second) header_.push_back(n);
        }
        sink.begin(header_, *this);
        sink.expectRows(array_->size());
        std::vector<Cell> cells(header_.size());
        std::vector<std::string> owned(header_.size());
        for (size_t r = 0; r < array_->size(); ++r) {
            record_ = r;
            Poco::JSON::Object::Ptr o = array_->getObject(static_cast<unsigned>(r));
            if (!o) {
                diag.error(row(), "record " + std::to_string(r + 1) + " is not an object", "each record must be {\"column\": value, …}; it is skipped");
                if (diag.full()) break;
                continue;
            }
            for (size_t i = 0; i < header_.size(); ++i) {
                Cell& c = cells[i];
                c = Cell();
                if (!o->has(header_[i])) continue;
                const Poco::Dynamic::Var v = o->get(header_[i]);
                if (v.isEmpty()) continue;
                if (v.type() == typeid(Poco::JSON::Object::Ptr) || v.type() == typeid(Poco::JSON::Array::Ptr)) {
                    diag.error(cell(i, 0), "value in column '" + redactCpr(header_[i]) + "' is a list or an object",
                               "give a single value (text, number or date)");
                    c.kind = Cell::Kind::Reported;
                } else if (v.isString()) {
                    owned[i] = v.extract<std::string>();
                    c = Cell::ofText(owned[i]);
                } else if (v.isBoolean()) {
                    c = Cell::ofText(v.extract<bool>() ? "true" : "false");
                } else if (v.isNumeric()) {
                    c = Cell::ofNumber(v.convert<double>());
                } else {
                    owned[i] = v.convert<std::string>();
                    c = Cell::ofText(owned[i]);
                }
            }
            if (!sink.row(cells.data(), static_cast<uint32_t>(r < records_.size() ? records_[r].line : 0), *this)) break;
        }
    }

private:
    struct Pos {
        size_t offset;
        long line;
        size_t lineStart;
    };

    // Line and column of byte `at`, counting from a point known to be on `line`.
    void position(size_t from, long line, size_t at, long& outLine, long& outCol) const {
        size_t lineStart = from;
        for (size_t i = from; i < at && i < text_.size(); ++i)
            if (text_[i] == '\n') {
                ++line;
                lineStart = i + 1;
            }
        outLine = line;
        outCol = 1 + core::utf8Columns(std::string_view(text_).substr(lineStart), at - lineStart);
    }

    // Where each element of the top-level array starts.
    // Poco's parser does not say where the syntax error is. It lies in the first record that
    // does not parse on its own; if every record parses, the list itself is broken: then the
    // position is the end of the file (a truncated file).
    core::Location syntaxErrorAt() const {
        for (size_t r = 0; r < records_.size(); ++r) {
            const size_t from = records_[r].offset;
            const size_t to = r + 1 < records_.size() ? records_[r + 1].offset : text_.size();
            std::string one = text_.substr(from, to - from);
            // The record runs to the next record's start: drop the separating comma (or the closing bracket).
            while (!one.empty() && (space(one.back()) || one.back() == ',' || (r + 1 == records_.size() && one.back() == ']'))) {
                const bool bracket = one.back() == ']';
                one.pop_back();
                if (bracket) break;
            }
            try {
                Poco::JSON::Parser parser;
                parser.parse(one);
            } catch (const Poco::Exception&) {
                long line, col;
                position(records_[r].lineStart, records_[r].line, from, line, col);
                return {path_, line, col};
            }
        }
        long line, col;
        position(0, 1, text_.size(), line, col);
        return {path_, line, col};
    }

    // Walks the elements of the array or object whose opening bracket is at `open`, calling
    // visit(i) at the first non-space character of each element (of an object: at its key);
    // visit returns false to stop. Strings and nested brackets are skipped whole.
    template <class Visit>
    void forEachElement(size_t open, Visit visit) const {
        int depth = 0;
        bool expect = true;
        for (size_t i = open + 1; i < text_.size();) {
            const char c = text_[i];
            if (space(c)) {
                ++i;
                continue;
            }
            if (depth == 0 && expect && c != ']') {
                expect = false;
                if (!visit(i)) return;
            }
            if (c == '"') {
                i = skipString(text_, i);
                continue;
            }
            if (c == '{' || c == '[') ++depth;
            else if (c == '}' || c == ']') {
                if (depth == 0) return;
                --depth;
            } else if (c == ',' && depth == 0) {
                expect = true;
            }
            ++i;
        }
    }

    void scanRecords() {
        size_t open = 0;
        while (open < text_.size() && space(text_[open])) ++open;
        if (open >= text_.size() || text_[open] != '[') return;
        long line = 1;
        size_t lineStart = 0, counted = 0;  // newlines counted in text_[0, counted)
        forEachElement(open, [&](size_t i) {
            for (; counted < i; ++counted)
                if (text_[counted] == '\n') {
                    ++line;
                    lineStart = counted + 1;
                }
            records_.push_back({i, line, lineStart});
            return true;
        });
    }

    // The position of the value of `key` in record r (or of the record itself).
    core::Location locate(size_t r, const std::string& key) const {
        if (r >= records_.size()) return {path_};
        const Pos& p = records_[r];
        size_t at = p.offset;
        if (text_[at] == '{' && !key.empty())
            forEachElement(at, [&](size_t i) {
                if (text_[i] != '"') return true;
                const size_t end = skipString(text_, i);
                if (end - i - 2 != key.size() || text_.compare(i + 1, key.size(), key) != 0) return true;
                at = end;
                while (at < text_.size() && (space(text_[at]) || text_[at] == ':')) ++at;
                return false;
            });
        long line, col;
        position(p.lineStart, p.line, at, line, col);
        return {path_, line, col};
    }

    core::Location header(size_t) const override { return {path_, records_.empty() ? 1 : records_[0].line, 0}; }
    core::Location cell(size_t i, size_t) const override { return locate(record_, i < header_.size() ? header_[i] : ""); }
    core::Location row() const override { return locate(record_, ""); }
    core::Location source() const override { return {path_}; }
    std::string rowWord() const override { return "on line"; }

    std::string path_;
    NumberStyle style_;
    std::string text_;
    std::vector<Pos> records_;
    Poco::Dynamic::Var root_;
    Poco::JSON::Array::Ptr array_;
    std::vector<std::string> header_;
    size_t record_ = 0;
};

}  // namespace

namespace readers {

std::unique_ptr<RowSource> openJson(const std::string& path, const std::string& decimalSeparator) {
    return std::make_unique<JsonSource>(path, decimalSeparator);
}

}  // namespace readers

}  // namespace ingest
