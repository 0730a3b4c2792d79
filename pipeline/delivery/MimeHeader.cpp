#include "delivery/MimeHeader.hpp"

#include <algorithm>
#include <cctype>

#include "core/Utf8.hpp"

namespace delivery {

namespace {

bool printableAscii(std::string_view s) {
    for (unsigned char c : s)
        if (c < 0x20 || c >= 0x7f) return false;
    return s.find("=?") == std::string_view::npos;  // would read as an encoded-word
}

// Characters left as they are inside a Q-encoded word: the set RFC 2047 5(3) allows in a
// phrase, which is also safe in unstructured text.
bool qSafe(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '!' || c == '*' || c == '+' ||
           c == '-' || c == '/';
}

// Encoded-words for `text`, each <= 75 characters (the first <= `firstMax`), never splitting
// a character.
std::vector<std::string> qWords(std::string_view text, size_t firstMax = 75) {
    static const char* hex = "0123456789ABCDEF";
    const std::string open = "=?UTF-8?Q?", close = "?=";
    const size_t overhead = open.size() + close.size();
    size_t maxPayload = (firstMax > overhead + 12 ? std::min<size_t>(firstMax, 75) : 75) - overhead;
    std::vector<std::string> words;
    std::string cur;
    for (size_t i = 0; i < text.size();) {
        size_t start = i;
        core::decodeUtf8(text, i);
        std::string enc;
        for (size_t k = start; k < i; ++k) {
            auto c = static_cast<unsigned char>(text[k]);
            if (c == ' ') enc += '_';
            else if (qSafe(c)) enc += static_cast<char>(c);
            else {
                enc += '=';
                enc += hex[c >> 4];
                enc += hex[c & 15];
            }
        }
        if (cur.size() + enc.size() > maxPayload && !cur.empty()) {
            words.push_back(open + cur + close);
            cur.clear();
            maxPayload = 75 - overhead;
        }
        cur += enc;
    }
    if (!cur.empty() || words.empty()) words.push_back(open + cur + close);
    return words;
}

std::string fold(const std::vector<std::string>& words, size_t used, const std::string& sep) {
    std::string out;
    size_t line = used;
    for (size_t i = 0; i < words.size(); ++i) {
        if (i > 0) {
            if (line + sep.size() + words[i].size() > 76) {
                out += sep.substr(0, sep.find_last_not_of(' ') + 1) + "\r\n ";
                line = 1;
            } else {
                out += sep;
                line += sep.size();
            }
        }
        out += words[i];
        line += words[i].size();
    }
    return out;
}

}  // namespace

std::string encodeHeaderText(std::string_view text, size_t used) {
    if (printableAscii(text)) return std::string(text);
    // Adjacent encoded-words separated by folding white space decode as one text (RFC 2047 6.2).
    // Lines with encoded-words stay within 76 characters (RFC 2047 2), the header name included.
    return fold(qWords(text, used < 76 ? 76 - used : 0), used, " ");
}

std::string encodeDisplayName(std::string_view name) {
    if (name.empty()) return {};
    if (printableAscii(name)) {
        bool atoms = true;
        for (unsigned char c : name)
            if (!(std::isalnum(c) || c == ' ' || std::string_view("!#$%&'*+-/=?^_`{|}~").find(static_cast<char>(c)) != std::string_view::npos))
                atoms = false;
        if (atoms) return std::string(name);
        std::string q = "\"";
        for (char c : name) {
            if (c == '"' || c == '\\') q += '\\';
            q += c;
        }
        return q + "\"";
    }
    std::string out;
    for (const auto& w : qWords(name)) out += (out.empty() ? "" : " ") + w;
    return out;
}

std::string formatAddressList(const std::vector<Address>& list, size_t used) {
    std::vector<std::string> items;
    for (const auto& a : list) {
        std::string n = encodeDisplayName(a.name);
        items.push_back(n.empty() ? a.address : n + " <" + a.address + ">");
    }
    // Fold only between addresses; an item longer than a line stays whole (998 is the limit).
    return fold(items, used, ", ");
}

}  // namespace delivery
