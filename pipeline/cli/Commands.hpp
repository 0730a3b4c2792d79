#pragma once
// The evalreport commands. Each command declares its options and runs with parsed arguments;
// App.cpp does the option parsing (getopt_long) and prints errors. Add a command by adding
// a file that defines a Command and listing it in commands().
#include <functional>
#include <string>
#include <vector>

namespace cli {

struct OptionSpec {
    std::string name, shortName, help, argument;  // argument empty: a flag
    bool repeatable = false;
};

// Parsed command line: options by name (repeatable options keep every value), positionals.
struct Args {
    std::vector<std::pair<std::string, std::string>> options;
    std::vector<std::string> positional;
    bool has(const std::string& name) const;
    std::string get(const std::string& name, const std::string& def = {}) const;
    std::vector<std::string> all(const std::string& name) const;
};

struct Command {
    std::string name;
    std::string usage;     // after "evalreport <name> "
    std::string summary;
    std::string example;
    std::vector<OptionSpec> options;
    std::function<int(const Args&)> run;  // returns the exit code; throws core::Error
};

const std::vector<Command>& commands();

// Ends a one-shot command whose output is complete (the PDF renamed into place, stdout
// written): flushes stdio and leaves without running destructors. Freeing the dataset, the
// value trees and the libraries' statics took ~1 ms of a 15 ms render (docs/BENCHMARKS.md).
// Sanitizer builds return `code` instead, so their leak checks still run.
int finishNow(int code);

// Defined in their own files.
Command renderCommand();
Command statsCommand();
Command validateCommand();
Command batchCommand();     // Batch.cpp
Command scheduleCommand();  // Schedule.cpp
Command outboxCommand();    // Outbox.cpp

}  // namespace cli
