#pragma once
// Streaming RFC 4180 CSV reader: detects the delimiter (; , or tab), skips a UTF-8 BOM,
// handles quoted fields with embedded delimiters, quotes and newlines, and converts
// Windows-1252 input to UTF-8. Reads in blocks; never holds the whole file.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace ingest {

enum class Encoding { Auto, Utf8, Windows1252 };

class CsvReader {
public:
    // Opens `path` and reads the header row. Throws core::Error on I/O or syntax errors.
    explicit CsvReader(std::string path, Encoding enc = Encoding::Auto, char delimiter = 0);
    ~CsvReader();
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    const std::vector<std::string>& header() const { return header_; }
    char delimiter() const { return delim_; }
    bool hadBom() const { return bom_; }
    Encoding encoding() const { return enc_; }
    const std::string& path() const { return path_; }

    // Reads the next record; false at end of file. Blank lines are skipped.
    bool next();
    size_t size() const { return starts_.size(); }
    std::string_view field(size_t i) const {
        return std::string_view(storage_).substr(starts_[i], ends_[i] - starts_[i]);
    }
    long line() const { return recordLine_; }            // line where the record starts
    long fieldLine(size_t i) const { return lines_[i]; }
    long fieldColumn(size_t i) const { return cols_[i]; }  // 1-based, in characters

private:
    bool fill();            // read more bytes; false at EOF
    int peek();             // next byte or -1
    bool parseRecord();
    [[noreturn]] void fail(long line, long col, const std::string& what, const std::string& fix) const;

    std::string path_;
    std::FILE* file_ = nullptr;
    Encoding enc_;
    char delim_;
    bool bom_ = false;
    std::vector<char> buf_;
    size_t pos_ = 0, end_ = 0;
    bool eof_ = false;

    long line_ = 1, col_ = 1;   // position of the next byte
    long recordLine_ = 0;
    std::string storage_;
    std::vector<size_t> starts_, ends_;
    std::vector<long> lines_, cols_;
    std::vector<std::string> header_;
};

}  // namespace ingest
