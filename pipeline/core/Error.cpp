#include "core/Error.hpp"

namespace core {

std::string Location::str() const {
    std::string s = file;
    if (line > 0) {
        s += ":" + std::to_string(line);
        if (column > 0) s += ":" + std::to_string(column);
    }
    return s;
}

Error::Error(Location where, std::string what, std::string fix)
    : std::runtime_error(compose(where, what, fix)),
      where_(std::move(where)),
      problem_(std::move(what)),
      fix_(std::move(fix)) {}

std::string singleLine(std::string s) {
    size_t at = 0;
    while (at < s.size() && static_cast<unsigned char>(s[at]) >= 0x20 && s[at] != 0x7f) ++at;
    if (at == s.size()) return s;
    std::string out = s.substr(0, at);
    static const char kHex[] = "0123456789abcdef";
    for (; at < s.size(); ++at) {
        unsigned char c = static_cast<unsigned char>(s[at]);
        if (c >= 0x20 && c != 0x7f) out += static_cast<char>(c);
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else out += std::string("\\x") + kHex[c >> 4] + kHex[c & 15];
    }
    return out;
}

std::string Error::compose(const Location& w, const std::string& what, const std::string& fix) {
    std::string s;
    std::string loc = w.str();
    if (!loc.empty()) s = loc + ": ";
    s += what;
    if (!fix.empty()) s += "; " + fix;
    return singleLine(std::move(s));
}

std::string Error::oneLine() const { return what(); }

}  // namespace core
