#include "delivery/FileName.hpp"

#include "core/Utf8.hpp"

namespace delivery {

namespace {

// ASCII spelling of a Latin-1 letter, or nullptr if it has none.
const char* transliterate(char32_t c) {
    switch (c) {
        case U'æ': case U'Æ': case U'ä': case U'Ä': return "ae";
        case U'ø': case U'Ø': case U'ö': case U'Ö': return "oe";
        case U'å': case U'Å': return "aa";
        case U'ü': case U'Ü': return "ue";
        case U'ß': return "ss";
        case U'é': case U'è': case U'ê': case U'ë': case U'É': case U'È': case U'Ê': case U'Ë': return "e";
        case U'á': case U'à': case U'â': case U'Á': case U'À': case U'Â': return "a";
        case U'í': case U'ì': case U'î': case U'ï': case U'Í': case U'Ì': case U'Î': case U'Ï': return "i";
        case U'ó': case U'ò': case U'ô': case U'Ó': case U'Ò': case U'Ô': return "o";
        case U'ú': case U'ù': case U'û': case U'Ú': case U'Ù': case U'Û': return "u";
        case U'ý': case U'Ý': case U'ÿ': return "y";
        case U'ñ': case U'Ñ': return "n";
        case U'ç': case U'Ç': return "c";
        default: return nullptr;
    }
}

bool isSeparator(char c) { return c == '-' || c == '_' || c == '.'; }

}  // namespace

std::string safeFileComponent(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size();) {
        char32_t c = core::decodeUtf8(text, i);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += static_cast<char>(c);
        else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
        else if (const char* t = transliterate(c)) out += t;
        else if (!out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

std::string outputFileName(const std::string& pattern, const std::vector<std::pair<std::string, std::string>>& values,
                           const core::Location& where) {
    const std::string fix = "write the pattern as a plain file name with {parameter} placeholders, e.g. "
                            "\"statusnotat-{kommune}-{period}.pdf\"";
    std::string out;
    bool dropNextSeparator = false;  // an empty placeholder at the start takes the separator after it
    for (size_t i = 0; i < pattern.size();) {
        char c = pattern[i];
        if (c == '}') throw core::Error(where, "unmatched '}' in output pattern '" + pattern + "'", fix);
        if (c != '{') {
            if (c == '/' || c == '\\') throw core::Error(where, "output pattern '" + pattern + "' names a directory", fix);
            if (dropNextSeparator && isSeparator(c)) {
                dropNextSeparator = false;
                ++i;
                continue;
            }
            dropNextSeparator = false;
            out += c;
            ++i;
            continue;
        }
        size_t close = pattern.find('}', i);
        if (close == std::string::npos) throw core::Error(where, "unclosed '{' in output pattern '" + pattern + "'", fix);
        std::string name = pattern.substr(i + 1, close - i - 1);
        const std::string* value = nullptr;
        for (const auto& [k, v] : values)
            if (k == name) value = &v;
        if (!value) {
            std::string known;
            for (const auto& [k, v] : values) known += (known.empty() ? "" : ", ") + k;
            throw core::Error(where, "output pattern '" + pattern + "' names '{" + name + "}', which is not a parameter",
                              "known: " + known);
        }
        std::string safe = safeFileComponent(*value);
        if (safe.empty()) {
            if (!out.empty() && isSeparator(out.back())) out.pop_back();
            else if (out.empty()) dropNextSeparator = true;
        } else {
            out += safe;
        }
        i = close + 1;
    }
    if (out.size() < 4 || out.compare(out.size() - 4, 4, ".pdf") != 0) out += ".pdf";
    // The literal parts are the template author's; refuse what could leave the output directory
    // or hide the file.
    if (out.front() == '.' || out.find("..") != std::string::npos || out.find('\0') != std::string::npos)
        throw core::Error(where, "output pattern '" + pattern + "' gives the unsafe file name '" + out + "'", fix);
    for (unsigned char ch : out)
        if (ch < 0x20 || ch == ' ' || ch >= 0x80)
            throw core::Error(where, "output pattern '" + pattern + "' gives '" + out + "', which has spaces or non-ASCII letters outside placeholders", fix);
    return out;
}

}  // namespace delivery
