#include "core/Diagnostics.hpp"

namespace core {

std::string Diagnostic::str() const {
    std::string s = where.str();
    if (!s.empty()) s += ": ";
    s += severity == Severity::Error ? "error: " : "warning: ";
    s += problem;
    if (!fix.empty()) s += "; " + fix;
    return singleLine(std::move(s));
}

void Diagnostics::push(Diagnostic d) {
    (d.severity == Severity::Error ? errors_ : warnings_)++;
    if (items_.size() >= limit_) {
        ++dropped_;
        return;
    }
    items_.push_back(std::move(d));
}

void Diagnostics::error(Location where, std::string problem, std::string fix) {
    push({Severity::Error, std::move(where), std::move(problem), std::move(fix)});
}

void Diagnostics::warning(Location where, std::string problem, std::string fix) {
    push({Severity::Warning, std::move(where), std::move(problem), std::move(fix)});
}

void Diagnostics::append(const Diagnostics& other) {
    for (const auto& d : other.items_) push(d);
}

void Diagnostics::throwIfErrors() const {
    for (const auto& d : items_)
        if (d.severity == Severity::Error) {
            std::string more;
            if (errors_ > 1)
                more = " (" + std::to_string(errors_ - 1) + " more problem" + (errors_ > 2 ? "s" : "") +
                       "; run 'evalreport validate' to list them all)";
            throw Error(d.where, d.problem, d.fix + more);
        }
}

}  // namespace core
