#pragma once
// The typed, columnar dataset that ingest hands to stats. Text-like values are interned
// (a column stores small integer symbols), numbers are doubles with NaN for missing, dates
// are days since 1970. Each row remembers its source line for later messages.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/Date.hpp"
#include "project/Project.hpp"

namespace dataset {

using project::ColumnType;

struct Column {
    std::string name;
    ColumnType type = ColumnType::Text;
    bool scaled = false;                 // category with a scale: values are codes in `num`

    std::vector<double> num;             // integer, decimal, scaled category; NaN = missing
    std::vector<core::Days> date;        // date; core::kNoDate = missing
    std::vector<uint32_t> sym;           // id, text, plain category; 0 = missing

    std::vector<std::string> dict{""};   // symbol -> text; dict[0] is the empty string

    bool numeric() const { return type == ColumnType::Integer || type == ColumnType::Decimal || scaled; }
    bool symbolic() const { return !numeric() && type != ColumnType::Date; }
    bool missing(size_t row) const;
    std::string_view text(size_t row) const { return dict[sym[row]]; }
    uint32_t symbolOf(std::string_view s) const;  // 0 if the text never occurs

    // Build-time interning.
    uint32_t intern(std::string_view s);
    std::unordered_map<std::string, uint32_t> index;
};

struct Table {
    std::string name;
    std::string source;                  // file it came from
    size_t rows = 0;
    std::vector<Column> columns;
    std::vector<uint32_t> lines;         // source line of each row

    const Column* column(std::string_view n) const;
    Column* column(std::string_view n);
};

struct Dataset {
    std::vector<Table> tables;
    const Table* table(std::string_view n) const;
};

}  // namespace dataset
