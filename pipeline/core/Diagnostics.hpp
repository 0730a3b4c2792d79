#pragma once
// Collects every problem a stage finds (up to a limit), classified as error or warning,
// so `evalreport validate` can report them all in one run.
#include <string>
#include <vector>

#include "core/Error.hpp"

namespace core {

enum class Severity { Error, Warning };

struct Diagnostic {
    Severity severity = Severity::Error;
    Location where;
    std::string problem;
    std::string fix;
    std::string str() const;  // "file:line:col: error: problem; fix"
};

class Diagnostics {
public:
    explicit Diagnostics(size_t limit = 200) : limit_(limit) {}

    void error(Location where, std::string problem, std::string fix = {});
    void warning(Location where, std::string problem, std::string fix = {});
    void add(const Error& e) { error(e.where(), e.problem(), e.fix()); }
    // Each of `other`'s kept problems, in order, as if reported here.
    void append(const Diagnostics& other);

    size_t errorCount() const { return errors_; }
    size_t warningCount() const { return warnings_; }
    bool full() const { return items_.size() >= limit_; }
    size_t limit() const { return limit_; }
    size_t dropped() const { return dropped_; }
    const std::vector<Diagnostic>& items() const { return items_; }

    // Throws the first error as a core::Error (for commands that stop at the first problem).
    void throwIfErrors() const;

private:
    void push(Diagnostic d);
    size_t limit_;
    size_t errors_ = 0, warnings_ = 0, dropped_ = 0;
    std::vector<Diagnostic> items_;
};

}  // namespace core
