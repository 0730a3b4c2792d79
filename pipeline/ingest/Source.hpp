#pragma once
// The row-source abstraction: every format (CSV, XLSX, JSON, SQLite, PostgreSQL) reads its
// rows into cells and pushes them to one RowSink, the TableBuilder, which types and validates
// them. A source knows where its cells came from and says so only when a message needs it.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/Date.hpp"
#include "core/Diagnostics.hpp"
#include "core/Error.hpp"

namespace ingest {

struct Cell {
    enum class Kind : uint8_t {
        Empty,    // no value (blank field, empty cell, NULL)
        Text,     // text to be typed by the column's rules
        Number,   // a typed number (XLSX numeric cell, SQL number, JSON number)
        Date,     // a typed date (XLSX date-formatted cell, SQL date)
        BadUtf8,  // text with an invalid UTF-8 sequence at byte `badAt`
        Reported, // a value whose problem the source has reported already
    };
    Kind kind = Kind::Empty;
    // Number from an XLSX cell: a date column reads it as a serial day (1: 1900 system, 2: 1904).
    uint8_t excelSerial = 0;
    std::string_view text;
    double number = 0;
    core::Days date = core::kNoDate;
    size_t badAt = 0;

    static Cell ofText(std::string_view s) {
        Cell c;
        c.kind = Kind::Text;
        c.text = s;
        return c;
    }
    static Cell ofNumber(double v) {
        Cell c;
        c.kind = Kind::Number;
        c.number = v;
        return c;
    }
    static Cell ofDate(core::Days d) {
        Cell c;
        c.kind = Kind::Date;
        c.date = d;
        return c;
    }
};

// How numbers written as text are read.
enum class NumberStyle { Comma, Point, Either };

// Where the current row's cells came from.
class Locator {
public:
    virtual ~Locator() = default;
    virtual core::Location header(size_t field) const = 0;
    // Field `field` of the current row; `offset` is a byte offset into the cell's text.
    virtual core::Location cell(size_t field, size_t offset = 0) const = 0;
    virtual long cellColumn(size_t field) const { return cell(field).column; }
    virtual core::Location row() const = 0;
    // The whole source (file, sheet or query), for table-level messages.
    virtual core::Location source() const = 0;
    // "on line" / "in row": how a number from Table::lines is introduced in messages.
    virtual std::string rowWord() const = 0;
};

class RowSink {
public:
    virtual ~RowSink() = default;
    // The source's column names, before any row.
    virtual void begin(const std::vector<std::string>& header, const Locator& where) = 0;
    // A hint of how many rows the source holds (for reserving memory), any time.
    virtual void expectRows(size_t) {}
    // One row with exactly header.size() cells; `line` goes to Table::lines.
    // Returns false when reading should stop (the problem limit is reached).
    virtual bool row(const Cell* cells, uint32_t line, const Locator& where) = 0;
};

class RowSource {
public:
    virtual ~RowSource() = default;
    // Reads every row into `sink`. Problems that end the source throw core::Error; problems
    // with the shape of single rows go to `diag`.
    virtual void read(RowSink& sink, core::Diagnostics& diag) = 0;
    virtual NumberStyle numberStyle() const { return NumberStyle::Either; }
};

}  // namespace ingest
