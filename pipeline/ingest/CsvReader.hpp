#pragma once
// Streaming RFC 4180 CSV reader: detects the delimiter (; , or tab), skips a UTF-8 BOM,
// handles quoted fields with embedded delimiters, quotes and newlines, and converts
// Windows-1252 input to UTF-8. Reads in blocks; never holds the whole file.
//
// Fields are views into the block buffer (unescaped into a side buffer only when a quoted
// field holds "" or CR), valid until the next call to next(). Line and column of a field
// are worked out only when asked for, which is when a message needs them.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ingest {

enum class Encoding { Auto, Utf8, Windows1252 };

class CsvReader {
public:
    // Opens `path` and reads the header row. Throws core::Error on I/O or syntax errors.
    explicit CsvReader(std::string path, Encoding enc = Encoding::Auto, char delimiter = 0);
    // Reads the records in bytes [begin, end) of a file whose header another reader has read:
    // `begin` must start a record (see splitPoint) on line `line`.
    CsvReader(std::string path, Encoding enc, char delimiter, uint64_t begin, uint64_t end, long line);
    // Stops reading at file offset `end` (a record boundary); call before the first next().
    void stopAt(uint64_t end);
    // A record boundary near the middle of the file, found by counting quotes (a newline
    // outside quotes ends a record), and the line it starts on; 0 if there is none.
    static uint64_t splitPoint(const std::string& path, long& line);
    ~CsvReader();
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    const std::vector<std::string>& header() const { return header_; }
    char delimiter() const { return delim_; }
    bool hadBom() const { return bom_; }
    Encoding encoding() const { return enc_; }
    const std::string& path() const { return path_; }
    long headerColumn(size_t i) const { return headerCols_[i]; }

    // Reads the next record; false at end of file. Blank lines are skipped.
    bool next();
    size_t size() const { return fields_.size(); }
    std::string_view field(size_t i) const {
        const Field& f = fields_[i];
        return std::string_view((f.escaped ? scratch_.data() : buf_.data()) + f.begin, f.len);
    }
    long line() const { return recordLine_; }  // line where the record starts
    long fieldLine(size_t i) const;
    long fieldColumn(size_t i) const;          // 1-based, in characters
    bool recordHasInvalidUtf8() const { return recordBad_; }
    // Byte offset of the first invalid UTF-8 sequence in field i, or npos.
    size_t invalidUtf8(size_t i) const;
    // Bytes of (UTF-8) text read so far, for estimating how many records the file holds.
    uint64_t consumed() const { return shifted_ + pos_; }
    // Line and column of byte `offset` within field i's text (for the invalid byte).
    void positionIn(size_t i, size_t offset, long& line, long& column) const;

private:
    struct Field {
        size_t begin = 0, len = 0;  // in buf_, or in scratch_ if escaped
        size_t raw = 0;             // offset in buf_ of the field's first byte (the quote if quoted)
        bool escaped = false;
    };
    enum class Parse { Record, NeedMore };

    bool fill();  // read more bytes; false at EOF
    size_t readRaw(char* into, size_t n);
    void init();
    Parse parseRecord();
    void validate(size_t from);  // UTF-8 check of newly read bytes
    void checkText(size_t from) const;  // refuses a NUL byte in buf_[from, end_)
    void position(size_t at, long& line, long& col) const;
    [[noreturn]] void failAt(size_t at, const std::string& what, const std::string& fix) const;

    std::string path_;
    struct Closer {
        void operator()(std::FILE* f) const { std::fclose(f); }
    };
    // Owns file_, so that the file is closed also when a constructor throws (an empty or a
    // UTF-16 file): otherwise every refused file kept a descriptor open (found by fuzzing).
    std::unique_ptr<std::FILE, Closer> owner_;
    std::FILE* file_ = nullptr;
    Encoding enc_;
    char delim_;
    bool bom_ = false;
    // A byte buffer that grows without zero-filling: a 2 MiB block for a 5 KB file costs no
    // page faults or memset (std::vector would value-initialise, or with a no-op allocator
    // still loop over every element in an unoptimised or instrumented build).
    class Buffer {
    public:
        char* data() { return p_.get(); }
        const char* data() const { return p_.get(); }
        size_t size() const { return n_; }
        char& operator[](size_t i) { return p_[i]; }
        char operator[](size_t i) const { return p_[i]; }
        void resize(size_t n) {  // keeps the first min(n, size()) bytes
            if (n <= n_) {
                n_ = n;
                return;
            }
            std::unique_ptr<char[]> q(new char[n]);
            if (n_) std::memcpy(q.get(), p_.get(), n_);
            p_ = std::move(q);
            n_ = n;
        }
    private:
        std::unique_ptr<char[]> p_;
        size_t n_ = 0;
    };
    Buffer buf_;                 // UTF-8 text; [pos_, end_) not yet parsed
    std::vector<char> raw_;      // Windows-1252 input before conversion
    size_t pos_ = 0, end_ = 0;
    uint64_t shifted_ = 0;       // bytes dropped from the front of buf_ so far
    uint64_t remaining_ = UINT64_MAX;  // raw bytes still to read before the end of the range
    size_t validated_ = 0;       // UTF-8 checked up to here
    std::vector<size_t> badBytes_;  // offsets in buf_ of invalid UTF-8 sequences
    bool eof_ = false;
    bool special_[256] = {};

    long line_ = 1;              // line of buf_[pos_]
    long recordLine_ = 0;
    size_t recStart_ = 0;        // offset in buf_ of the current record
    bool recordBad_ = false;     // the current record holds invalid UTF-8
    std::string scratch_;
    std::vector<Field> fields_;
    std::vector<std::string> header_;
    std::vector<long> headerCols_;
};

}  // namespace ingest
