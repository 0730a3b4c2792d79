#include "ingest/CsvReader.hpp"

#include <cerrno>
#include <cstring>

#include "core/Error.hpp"
#include "core/Utf8.hpp"

namespace ingest {

namespace {
constexpr size_t kBlock = 1 << 20;

// CP1252 bytes 0x80..0x9F; the rest of the upper half equals Latin-1.
const char16_t kCp1252High[32] = {0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                                  0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

char32_t cp1252ToUnicode(unsigned char c) {
    if (c < 0x80) return c;
    if (c < 0xA0) return kCp1252High[c - 0x80];
    return c;
}
}  // namespace

CsvReader::CsvReader(std::string path, Encoding enc, char delimiter)
    : path_(std::move(path)), enc_(enc), delim_(delimiter) {
    file_ = std::fopen(path_.c_str(), "rb");
    if (!file_)
        throw core::Error({path_}, std::string("cannot open data file: ") + std::strerror(errno),
                          "check the 'source' path in project.yaml");
    buf_.resize(kBlock * 2);
    fill();
    if (end_ == 0) throw core::Error({path_, 1, 1}, "the file is empty", "export the table again with a header row");
    if (end_ >= 3 && static_cast<unsigned char>(buf_[0]) == 0xEF && static_cast<unsigned char>(buf_[1]) == 0xBB &&
        static_cast<unsigned char>(buf_[2]) == 0xBF) {
        bom_ = true;
        pos_ = 3;
        if (enc_ == Encoding::Auto) enc_ = Encoding::Utf8;
    }
    std::string_view head(buf_.data() + pos_, end_ - pos_);
    if (enc_ == Encoding::Auto) {
        // Windows-1252 only if the first block has invalid UTF-8 and no valid multi-byte
        // sequence: a UTF-8 file with one corrupt byte stays UTF-8 (and that byte is reported).
        size_t valid = 0, invalid = 0;
        for (size_t i = 0; i < head.size();) {
            unsigned char c = static_cast<unsigned char>(head[i]);
            if (c < 0x80) {
                ++i;
                continue;
            }
            size_t start = i;
            char32_t cp = core::decodeUtf8(head, i);
            if (cp == 0xFFFD && !(i - start == 3 && c == 0xEF)) {
                if (eof_ || start + 4 < head.size()) ++invalid;  // a sequence cut at the block end is not evidence
            } else {
                ++valid;
            }
        }
        enc_ = invalid > 0 && valid == 0 ? Encoding::Windows1252 : Encoding::Utf8;
    }
    if (delim_ == 0) {
        size_t nl = head.find('\n');
        std::string_view first = head.substr(0, nl);
        size_t semi = 0, comma = 0, tab = 0;
        bool inq = false;
        for (char c : first) {
            if (c == '"') inq = !inq;
            else if (!inq && c == ';') ++semi;
            else if (!inq && c == ',') ++comma;
            else if (!inq && c == '\t') ++tab;
        }
        delim_ = (tab > semi && tab > comma) ? '\t' : (comma > semi ? ',' : ';');
    }
    if (!next()) throw core::Error({path_, 1, 1}, "the file has no header row", "the first line must name the columns");
    for (size_t i = 0; i < size(); ++i) header_.emplace_back(core::trim(field(i)));
}

CsvReader::~CsvReader() {
    if (file_) std::fclose(file_);
}

void CsvReader::fail(long line, long col, const std::string& what, const std::string& fix) const {
    throw core::Error({path_, line, col}, what, fix);
}

bool CsvReader::fill() {
    if (eof_) return false;
    if (pos_ > 0) {
        std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
        end_ -= pos_;
        pos_ = 0;
    }
    if (buf_.size() - end_ < kBlock) buf_.resize(buf_.size() + kBlock);
    size_t n = std::fread(buf_.data() + end_, 1, buf_.size() - end_, file_);
    if (n == 0) {
        if (std::ferror(file_)) fail(line_, 0, std::string("read error: ") + std::strerror(errno), "check the file");
        eof_ = true;
        return false;
    }
    end_ += n;
    return true;
}

int CsvReader::peek() {
    if (pos_ >= end_ && !fill()) return -1;
    return static_cast<unsigned char>(buf_[pos_]);
}

bool CsvReader::next() {
    for (;;) {
        if (peek() < 0) return false;
        if (!parseRecord()) return false;
        // Skip blank lines (a single empty field).
        if (size() == 1 && ends_[0] == starts_[0]) continue;
        return true;
    }
}

bool CsvReader::parseRecord() {
    storage_.clear();
    starts_.clear();
    ends_.clear();
    lines_.clear();
    cols_.clear();
    recordLine_ = line_;
    const bool cp1252 = enc_ == Encoding::Windows1252;
    bool highSeen = false;

    auto advance = [&](int c) {
        ++pos_;
        if (c == '\n') {
            ++line_;
            col_ = 1;
        } else if (cp1252 || (c & 0xC0) != 0x80) {
            ++col_;
        }
    };
    auto append = [&](int c) {
        if (c >= 0x80) {
            highSeen = true;
            if (cp1252) {
                core::appendUtf8(storage_, cp1252ToUnicode(static_cast<unsigned char>(c)));
                return;
            }
        }
        storage_ += static_cast<char>(c);
    };

    for (;;) {
        starts_.push_back(storage_.size());
        lines_.push_back(line_);
        cols_.push_back(col_);
        int c = peek();
        bool endOfRecord = false;
        if (c == '"') {
            long qline = line_, qcol = col_;
            advance(c);
            for (;;) {
                c = peek();
                if (c < 0)
                    fail(qline, qcol, "quoted field is never closed",
                         "add the closing \" or double any \" inside the field (\"\")");
                if (c == '"') {
                    advance(c);
                    int d = peek();
                    if (d == '"') {
                        append('"');
                        advance(d);
                        continue;
                    }
                    break;
                }
                if (c == '\r') {  // CRLF inside quotes becomes LF
                    advance(c);
                    continue;
                }
                append(c);
                advance(c);
            }
            c = peek();
            if (c == delim_) {
                advance(c);
            } else if (c == '\n' || c == '\r' || c < 0) {
                endOfRecord = true;
            } else {
                fail(line_, col_, std::string("unexpected character '") + static_cast<char>(c) + "' after a closing quote",
                     "a quoted field must end right before the delimiter; double inner quotes (\"\")");
            }
        } else {
            for (;;) {
                c = peek();
                if (c < 0 || c == '\n' || c == '\r') {
                    endOfRecord = true;
                    break;
                }
                if (c == delim_) {
                    advance(c);
                    break;
                }
                if (c == '"')
                    fail(line_, col_, "quote character inside an unquoted field",
                         "put the whole field in quotes and double the inner quote (\"\")");
                append(c);
                advance(c);
            }
        }
        ends_.push_back(storage_.size());
        if (endOfRecord) {
            c = peek();
            if (c == '\r') {
                advance(c);
                c = peek();
                if (c == '\n') advance(c);
                else { ++line_; col_ = 1; }  // lone CR line ending
            } else if (c == '\n') {
                advance(c);
            }
            break;
        }
    }
    if (highSeen && !cp1252) {
        for (size_t i = 0; i < size(); ++i) {
            std::string_view f = field(i);
            size_t bad = core::findInvalidUtf8(f);
            if (bad != std::string_view::npos) {
                // Column of the bad byte, counted within the field when it is on the field's first line.
                fail(lines_[i], cols_[i] + core::utf8Columns(f, bad), "invalid UTF-8 byte sequence",
                     "save the file as UTF-8, or declare 'encoding: windows-1252' for the table");
            }
        }
    }
    return true;
}

}  // namespace ingest
