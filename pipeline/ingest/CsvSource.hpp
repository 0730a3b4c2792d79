#pragma once
// CSV files as a row source: the streaming CsvReader's records become cells. A large file
// can be read as two halves on two threads (see Ingest.cpp); the second half is a CsvSource
// over a byte range that starts at a record boundary.
#include <memory>
#include <string>
#include <vector>

#include "ingest/CsvReader.hpp"
#include "ingest/Source.hpp"

namespace ingest {

class CsvSource : public RowSource, private Locator {
public:
    CsvSource(const std::string& path, Encoding enc, const std::string& decimalSeparator);
    // The records in [begin, end) of the file `first` reads, which starts on line `line`.
    CsvSource(const CsvSource& first, uint64_t begin, uint64_t end, long line);

    NumberStyle numberStyle() const override;
    void read(RowSink& sink, core::Diagnostics& diag) override;
    // Reads the rows only (the header was given to the sink by another source).
    void readRows(RowSink& sink, core::Diagnostics& diag);
    void stopAt(uint64_t end) { r_.stopAt(end); }
    const std::string& path() const { return r_.path(); }
    const std::vector<std::string>& columns() const { return header_; }
    const Locator& locator() const { return *this; }

private:
    void markInvalid();
    core::Location header(size_t i) const override;
    core::Location cell(size_t i, size_t offset) const override;
    long cellColumn(size_t i) const override { return i < r_.size() ? r_.fieldColumn(i) : 1; }
    core::Location row() const override;
    core::Location source() const override;
    std::string rowWord() const override { return "on line"; }

    CsvReader r_;
    bool comma_ = true;
    long headerLine_ = 1;
    std::vector<long> headerCols_;
    std::vector<std::string> header_;
    std::vector<Cell> cells_;
};

}  // namespace ingest
