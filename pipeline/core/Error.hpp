#pragma once
// Errors carry a location from the stage that found them up to the CLI, which prints them.
#include <stdexcept>
#include <string>

namespace core {

struct Location {
    std::string file;   // path as the user gave it, or a logical name (template, query)
    long line = 0;      // 1-based; 0 = unknown
    long column = 0;    // 1-based; 0 = unknown

    std::string str() const;  // "file:line:column", omitting unknown parts
};

// Messages are one line: control characters that came from the input (a newline inside a
// quoted value, a tab) are shown escaped as \n, \r, \t or \xNN.
std::string singleLine(std::string s);

// One user-facing problem: where, what is wrong, and how to fix it.
class Error : public std::runtime_error {
public:
    Error(Location where, std::string what, std::string fix = {});

    const Location& where() const { return where_; }
    const std::string& problem() const { return problem_; }
    const std::string& fix() const { return fix_; }

    // "file:line:col: problem; fix" on one line.
    std::string oneLine() const;

private:
    static std::string compose(const Location&, const std::string&, const std::string&);
    Location where_;
    std::string problem_;
    std::string fix_;
};

}  // namespace core
