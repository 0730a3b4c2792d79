#include "ingest/CsvSource.hpp"

#include <sys/stat.h>

#include "ingest/Sources.hpp"

namespace ingest {

CsvSource::CsvSource(const std::string& path, Encoding enc, const std::string& decimalSeparator) : r_(path, enc) {
    comma_ = decimalSeparator == "comma" || (decimalSeparator == "auto" && r_.delimiter() != ',');
    headerLine_ = r_.line();
    header_ = r_.header();
    for (size_t i = 0; i < header_.size(); ++i) headerCols_.push_back(r_.headerColumn(i));
}

CsvSource::CsvSource(const CsvSource& first, uint64_t begin, uint64_t end, long line)
    : r_(first.r_.path(), first.r_.encoding(), first.r_.delimiter(), begin, end, line),
      comma_(first.comma_),
      headerLine_(first.headerLine_),
      headerCols_(first.headerCols_),
      header_(first.header_) {}

NumberStyle CsvSource::numberStyle() const { return comma_ ? NumberStyle::Comma : NumberStyle::Point; }

void CsvSource::read(RowSink& sink, core::Diagnostics& diag) {
    sink.begin(header_, *this);
    readRows(sink, diag);
}

void CsvSource::readRows(RowSink& sink, core::Diagnostics& diag) {
    const size_t expected = header_.size();
    cells_.assign(expected, Cell());
    struct stat st {};
    const uint64_t fileSize = stat(r_.path().c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
    const uint64_t startBytes = r_.consumed();
    size_t rows = 0;
    while (r_.next()) {
        if (r_.size() != expected) {
            diag.error({r_.path(), r_.line(), r_.fieldColumn(std::min(r_.size(), expected) - 1)},
                       "row has " + std::to_string(r_.size()) + " fields, the header has " + std::to_string(expected),
                       std::string("check for a stray '") + r_.delimiter() + "' or a missing quote; the row is skipped");
            if (diag.full()) break;
            continue;
        }
        for (size_t i = 0; i < expected; ++i) {
            Cell& c = cells_[i];
            c.kind = Cell::Kind::Text;
            c.text = r_.field(i);
        }
        if (r_.recordHasInvalidUtf8()) markInvalid();
        if (!sink.row(cells_.data(), static_cast<uint32_t>(r_.line()), *this)) break;
        if (++rows == 4096 && fileSize > 0) {
            // Reserve for the whole file from the first rows' size; saves regrowing columns.
            double perRow = static_cast<double>(r_.consumed() - startBytes) / static_cast<double>(rows);
            sink.expectRows(static_cast<size_t>(static_cast<double>(fileSize) / perRow * 1.05) + 16);
        }
    }
}

void CsvSource::markInvalid() {
    for (size_t i = 0; i < cells_.size(); ++i) {
        size_t bad = r_.invalidUtf8(i);
        if (bad == std::string_view::npos) continue;
        cells_[i].kind = Cell::Kind::BadUtf8;
        cells_[i].badAt = bad;
    }
}

core::Location CsvSource::header(size_t i) const {
    return {r_.path(), headerLine_, i < headerCols_.size() ? headerCols_[i] : 1};
}

core::Location CsvSource::cell(size_t i, size_t offset) const {
    if (i >= r_.size()) return row();
    long line, col;
    if (offset == 0) {
        line = r_.fieldLine(i);
        col = r_.fieldColumn(i);
    } else {
        r_.positionIn(i, offset, line, col);
    }
    return {r_.path(), line, col};
}

core::Location CsvSource::row() const { return {r_.path(), r_.line(), 1}; }
core::Location CsvSource::source() const { return {r_.path()}; }

std::unique_ptr<RowSource> openCsv(const std::string& path, Encoding enc, const std::string& decimalSeparator) {
    return std::make_unique<CsvSource>(path, enc, decimalSeparator);
}

NumberStyle numberStyleFor(const std::string& decimalSeparator) {
    if (decimalSeparator == "comma") return NumberStyle::Comma;
    if (decimalSeparator == "point") return NumberStyle::Point;
    return NumberStyle::Either;
}

}  // namespace ingest
