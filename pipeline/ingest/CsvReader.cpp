#include "ingest/CsvReader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/Error.hpp"
#include "core/Utf8.hpp"

namespace ingest {

namespace {
constexpr size_t kBlock = 1 << 20;
// A record may grow to this size before the reader gives up on it: a runaway field (a missing
// closing quote, a file that is not CSV) would otherwise be read whole into memory, and every
// block re-parsed from the record's start.
constexpr size_t kMaxRecord = 16u << 20;

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

// Appends Windows-1252 bytes to `out` as UTF-8.
template <class Buffer>
void appendCp1252(Buffer& out, size_t& end, const char* in, size_t n) {
    if (out.size() < end + n * 3 + 1) out.resize(end + n * 3 + kBlock);
    char* o = out.data() + end;
    for (size_t i = 0; i < n; ++i) {
        unsigned char c = static_cast<unsigned char>(in[i]);
        if (c < 0x80) {
            *o++ = static_cast<char>(c);
            continue;
        }
        char32_t cp = cp1252ToUnicode(c);
        if (cp < 0x800) {
            *o++ = static_cast<char>(0xC0 | (cp >> 6));
            *o++ = static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            *o++ = static_cast<char>(0xE0 | (cp >> 12));
            *o++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            *o++ = static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    end = static_cast<size_t>(o - out.data());
}
}  // namespace

CsvReader::CsvReader(std::string path, Encoding enc, char delimiter)
    : path_(std::move(path)), enc_(enc), delim_(delimiter) {
    file_ = std::fopen(path_.c_str(), "rb");
    owner_.reset(file_);
    if (!file_)
        throw core::Error({path_}, std::string("cannot open data file: ") + std::strerror(errno),
                          "check the 'source' path in project.yaml");
    // Read the first block as it is; decide the encoding from it, then convert if needed.
    const Encoding wanted = enc_;
    enc_ = Encoding::Utf8;
    buf_.resize(kBlock * 2);
    size_t n = std::fread(buf_.data(), 1, kBlock, file_);
    end_ = n;
    if (n < kBlock) eof_ = true;
    if (end_ == 0) throw core::Error({path_, 1, 1}, "the file is empty", "export the table again with a header row");
    if (end_ >= 2 && ((static_cast<unsigned char>(buf_[0]) == 0xFF && static_cast<unsigned char>(buf_[1]) == 0xFE) ||
                      (static_cast<unsigned char>(buf_[0]) == 0xFE && static_cast<unsigned char>(buf_[1]) == 0xFF)))
        throw core::Error({path_, 1, 1}, "the file is UTF-16 text (Excel's 'Unicode text')",
                          "save it as 'CSV UTF-8' or as 'CSV (semicolon separated)'");
    enc_ = wanted;
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
    if (enc_ == Encoding::Windows1252) {
        raw_.assign(buf_.data() + pos_, buf_.data() + end_);
        end_ = 0;
        pos_ = 0;
        appendCp1252(buf_, end_, raw_.data(), raw_.size());
    } else {
        validated_ = pos_;
        validate(pos_);
    }
    buf_[end_] = '\n';  // sentinel
    checkText(pos_);
    head = std::string_view(buf_.data() + pos_, end_ - pos_);
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
    init();
    if (!next()) throw core::Error({path_, 1, 1}, "the file has no header row", "the first line must name the columns");
    for (size_t i = 0; i < size(); ++i) {
        header_.emplace_back(core::trim(field(i)));
        headerCols_.push_back(fieldColumn(i));
    }
}

void CsvReader::init() {
    special_[static_cast<unsigned char>(delim_)] = true;
    special_[static_cast<unsigned char>('"')] = true;
    special_[static_cast<unsigned char>('\n')] = true;
    special_[static_cast<unsigned char>('\r')] = true;
}

CsvReader::CsvReader(std::string path, Encoding enc, char delimiter, uint64_t begin, uint64_t end, long line)
    : path_(std::move(path)), enc_(enc), delim_(delimiter) {
    file_ = std::fopen(path_.c_str(), "rb");
    owner_.reset(file_);
    if (!file_ || std::fseek(file_, static_cast<long>(begin), SEEK_SET) != 0)
        throw core::Error({path_}, std::string("cannot open data file: ") + std::strerror(errno),
                          "check the 'source' path in project.yaml");
    remaining_ = end - begin;
    line_ = line;
    buf_.resize(kBlock * 2);
    init();
}

void CsvReader::stopAt(uint64_t end) {
    // Bytes already buffered past `end` are dropped; later reads stop at it.
    const uint64_t bufferedUpTo = shifted_ + end_;  // UTF-8 input: buffer offsets are file offsets
    if (enc_ == Encoding::Windows1252 || end >= bufferedUpTo) {
        uint64_t read = static_cast<uint64_t>(std::ftell(file_));
        remaining_ = end > read ? end - read : 0;
        return;
    }
    end_ = static_cast<size_t>(end - shifted_);
    buf_[end_] = '\n';  // sentinel
    remaining_ = 0;
    eof_ = true;
}

uint64_t CsvReader::splitPoint(const std::string& path, long& line) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return 0;
    std::fseek(f, 0, SEEK_END);
    const uint64_t size = static_cast<uint64_t>(std::ftell(f));
    std::fseek(f, 0, SEEK_SET);
    const uint64_t mid = size / 2;
    std::vector<unsigned char> block(kBlock);
    uint64_t at = 0, quotes = 0, newlines = 0, split = 0;
    while (split == 0) {
        size_t n = std::fread(block.data(), 1, block.size(), f);
        if (n == 0) break;
        const unsigned char* b = block.data();
        size_t i = 0;
        if (at < mid) {
            // Before the middle only the counts matter: a plain loop the compiler vectorises.
            const size_t upto = static_cast<size_t>(std::min<uint64_t>(n, mid - at));
            size_t q = 0, nl = 0;
            for (; i < upto; ++i) {
                q += b[i] == '"';
                nl += b[i] == '\n';
            }
            quotes += q;
            newlines += nl;
        }
        for (; i < n; ++i) {
            if (b[i] == '"') {
                ++quotes;
            } else if (b[i] == '\n') {
                ++newlines;
                if (quotes % 2 == 0) {
                    split = at + i + 1;
                    break;
                }
            }
        }
        at += n;
    }
    std::fclose(f);
    if (split == 0 || split >= size) return 0;
    line = static_cast<long>(newlines) + 1;
    return split;
}

CsvReader::~CsvReader() = default;

void CsvReader::position(size_t at, long& line, long& col) const {
    line = recordLine_;
    size_t lineStart = recStart_;
    for (size_t i = recStart_; i < at && i < end_; ++i)
        if (buf_[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    col = 1 + core::utf8Columns(std::string_view(buf_.data() + lineStart, at - lineStart), at - lineStart);
}

void CsvReader::failAt(size_t at, const std::string& what, const std::string& fix) const {
    long line, col;
    position(at, line, col);
    throw core::Error({path_, line, col}, what, fix);
}

long CsvReader::fieldLine(size_t i) const {
    long line, col;
    position(fields_[i].raw, line, col);
    return line;
}

long CsvReader::fieldColumn(size_t i) const {
    long line, col;
    position(fields_[i].raw, line, col);
    return col;
}

void CsvReader::positionIn(size_t i, size_t offset, long& line, long& column) const {
    const Field& f = fields_[i];
    size_t at = f.escaped ? f.raw + 1 + offset : f.begin + offset;  // approximate inside escaped fields
    position(at, line, column);
}

size_t CsvReader::invalidUtf8(size_t i) const {
    if (!recordBad_) return std::string_view::npos;
    return core::findInvalidUtf8(field(i));
}

void CsvReader::validate(size_t from) {
    const unsigned char* b = reinterpret_cast<const unsigned char*>(buf_.data());
    size_t i = std::max(from, validated_);
    const std::string_view all(buf_.data(), end_);
    while (i < end_) {
        while (i + 8 <= end_) {  // skip ASCII eight bytes at a time
            uint64_t w;
            std::memcpy(&w, b + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= end_) break;
        unsigned char c = b[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (i + need > end_ && !eof_) break;  // the rest of the sequence is in the next block
        size_t j = i;
        char32_t cp = core::decodeUtf8(all, j);
        if (cp == 0xFFFD && !(j - i == 3 && c == 0xEF)) badBytes_.push_back(i);
        i = j;
    }
    validated_ = i;
}

size_t CsvReader::readRaw(char* into, size_t n) {
    if (remaining_ < n) n = static_cast<size_t>(remaining_);
    size_t got = n ? std::fread(into, 1, n, file_) : 0;
    if (std::ferror(file_))
        throw core::Error({path_}, std::string("read error: ") + std::strerror(errno), "check the file");
    if (remaining_ != UINT64_MAX) remaining_ -= got;
    if (got < n || remaining_ == 0) eof_ = true;
    return got;
}

bool CsvReader::fill() {
    if (eof_) return false;
    if (pos_ > 0) {
        std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
        end_ -= pos_;
        shifted_ += pos_;
        validated_ = validated_ > pos_ ? validated_ - pos_ : 0;
        if (!badBytes_.empty()) {
            std::vector<size_t> kept;
            for (size_t b : badBytes_)
                if (b >= pos_) kept.push_back(b - pos_);
            badBytes_.swap(kept);
        }
        pos_ = 0;
    }
    size_t n;
    const size_t from = end_;
    if (enc_ == Encoding::Windows1252) {
        raw_.resize(kBlock);
        n = readRaw(raw_.data(), kBlock);
        appendCp1252(buf_, end_, raw_.data(), n);
    } else {
        if (buf_.size() - end_ < kBlock) buf_.resize(buf_.size() + kBlock);
        n = readRaw(buf_.data() + end_, buf_.size() - end_ - 1);  // room for the sentinel
        end_ += n;
    }
    if (enc_ != Encoding::Windows1252) validate(validated_);
    buf_[end_] = '\n';  // sentinel
    checkText(from);
    return n > 0;
}

void CsvReader::checkText(size_t from) const {
    if (from >= end_) return;
    const void* nul = std::memchr(buf_.data() + from, '\0', end_ - from);
    if (!nul) return;
    // Located from the next unparsed byte (pos_, on line_), not from the current record.
    const size_t at = static_cast<size_t>(static_cast<const char*>(nul) - buf_.data());
    long line = line_;
    size_t lineStart = pos_;
    for (size_t i = pos_; i < at; ++i)
        if (buf_[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    long col = 1 + static_cast<long>(core::utf8Columns(std::string_view(buf_.data() + lineStart, at - lineStart), at - lineStart));
    throw core::Error({path_, line, col}, "the file holds a NUL byte, so it is not a CSV text file",
                      "export the table as CSV (UTF-8 or Windows-1252); a NUL byte can also mean the file is damaged");
}

bool CsvReader::next() {
    for (;;) {
        if (pos_ >= end_ && !fill()) return false;
        if (parseRecord() == Parse::NeedMore) {
            if (end_ - pos_ > kMaxRecord)
                failAt(pos_, "a record longer than 16 MB starts here",
                       "check for a missing closing quote, and that the file is a CSV table");
            fill();
            continue;
        }
        // Skip blank lines (a single empty, unquoted field).
        const Field& f = fields_[0];
        if (fields_.size() == 1 && f.len == 0 && !f.escaped && (f.raw >= end_ || buf_[f.raw] != '"')) continue;
        return true;
    }
}

CsvReader::Parse CsvReader::parseRecord() {
    fields_.clear();
    scratch_.clear();
    recordLine_ = line_;
    recStart_ = pos_;
    const char* b = buf_.data();
    const size_t e = end_;
    size_t p = pos_;
    long newlines = 0;
    for (;;) {
        Field f;
        f.raw = p;
        bool endOfRecord = false;
        if (p < e && b[p] == '"') {
            size_t q = p + 1, seg = q;
            size_t close;
            for (;;) {
                const void* hit = q < e ? std::memchr(b + q, '"', e - q) : nullptr;
                if (!hit) {
                    if (!eof_) return Parse::NeedMore;
                    failAt(p, "quoted field is never closed", "add the closing \" or double any \" inside the field (\"\")");
                }
                size_t h = static_cast<size_t>(static_cast<const char*>(hit) - b);
                if (h + 1 >= e && !eof_) return Parse::NeedMore;  // "" or a closing quote: not known yet
                if (h + 1 < e && b[h + 1] == '"') {
                    if (!f.escaped) {
                        f.escaped = true;
                        f.begin = scratch_.size();
                    }
                    scratch_.append(b + seg, h + 1 - seg);
                    q = seg = h + 2;
                    continue;
                }
                close = h;
                break;
            }
            const char* content = b + p + 1;
            const size_t clen = close - p - 1;
            for (const char* c = content; (c = static_cast<const char*>(std::memchr(c, '\n', static_cast<size_t>(b + close - c))));
                 ++c)
                ++newlines;
            if (f.escaped) scratch_.append(b + seg, close - seg);
            if (std::memchr(content, '\r', clen)) {  // CRLF inside quotes becomes LF
                if (!f.escaped) {
                    f.escaped = true;
                    f.begin = scratch_.size();
                    scratch_.append(content, clen);
                }
                scratch_.erase(std::remove(scratch_.begin() + static_cast<long>(f.begin), scratch_.end(), '\r'), scratch_.end());
            }
            if (f.escaped) {
                f.len = scratch_.size() - f.begin;
            } else {
                f.begin = p + 1;
                f.len = clen;
            }
            p = close + 1;
            if (p >= e) {
                if (!eof_) return Parse::NeedMore;
                endOfRecord = true;
            } else if (b[p] == delim_) {
                ++p;
            } else if (b[p] == '\n' || b[p] == '\r') {
                endOfRecord = true;
            } else {
                failAt(p, std::string("unexpected character '") + b[p] + "' after a closing quote",
                       "a quoted field must end right before the delimiter; double inner quotes (\"\")");
            }
        } else {
            size_t q = p;
            // buf_[end_] is always a newline sentinel, so the scan needs no bounds check.
            while (!special_[static_cast<unsigned char>(b[q])]) ++q;
            f.begin = p;
            f.len = q - p;
            if (q >= e) {
                if (!eof_) return Parse::NeedMore;
                endOfRecord = true;
                p = q;
            } else if (b[q] == delim_) {
                p = q + 1;
            } else if (b[q] == '"') {
                failAt(q, "quote character inside an unquoted field", "put the whole field in quotes and double the inner quote (\"\")");
            } else {
                endOfRecord = true;
                p = q;
            }
        }
        fields_.push_back(f);
        if (endOfRecord) break;
    }
    // Line ending: LF, CRLF or a lone CR.
    if (p < e) {
        if (b[p] == '\r') {
            if (p + 1 >= e && !eof_) return Parse::NeedMore;
            ++p;
            if (p < e && b[p] == '\n') ++p;
        } else {
            ++p;  // '\n'
        }
        ++newlines;
    }
    recordBad_ = false;
    if (!badBytes_.empty()) {
        auto it = std::lower_bound(badBytes_.begin(), badBytes_.end(), recStart_);
        recordBad_ = it != badBytes_.end() && *it < p;
    }
    pos_ = p;
    line_ += newlines;
    return Parse::Record;
}

}  // namespace ingest
