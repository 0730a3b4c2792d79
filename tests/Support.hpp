#pragma once
// Shared helpers for the test suite: temporary directories, running the real binary,
// reading PDFs back with the poppler and qpdf tools.
#include <string>
#include <vector>

namespace testing {

std::string sourceDir();
std::string binary();

// A fresh directory under /tmp, removed with its contents when the object dies.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }
    std::string write(const std::string& name, const std::string& content) const;  // returns the path
    std::vector<std::string> list() const;  // names of the files in it
private:
    std::string path_;
};

struct Result {
    int exitCode = -1;
    std::string out, err;
};

// Runs a command through /bin/sh and captures stdout and stderr.
Result run(const std::string& command);
// Runs build/evalreport with `args` (already shell-quoted where needed).
Result evalreport(const std::string& args);
std::string quote(const std::string& s);

// pdftotext of a PDF; `warnings` receives whatever poppler printed on stderr.
std::string pdfText(const std::string& pdf, std::string* warnings = nullptr, bool layout = false);
bool qpdfCheck(const std::string& pdf, std::string* report = nullptr);
// Collapses runs of whitespace into single spaces (pdftotext breaks lines).
std::string squash(const std::string& s);
std::string readFile(const std::string& path);

}  // namespace testing
