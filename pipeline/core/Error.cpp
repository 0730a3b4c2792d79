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

std::string Error::compose(const Location& w, const std::string& what, const std::string& fix) {
    std::string s;
    std::string loc = w.str();
    if (!loc.empty()) s = loc + ": ";
    s += what;
    if (!fix.empty()) s += "; " + fix;
    return s;
}

std::string Error::oneLine() const { return what(); }

}  // namespace core
