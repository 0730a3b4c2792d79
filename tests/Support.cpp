#include "Support.hpp"

#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace testing {

std::string sourceDir() { return EVALREPORT_SOURCE_DIR; }
std::string binary() { return EVALREPORT_BIN; }

TempDir::TempDir() {
    char tmpl[] = "/tmp/evalreport-test-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
}

TempDir::~TempDir() {
    std::string cmd = "rm -rf " + quote(path_);
    if (std::system(cmd.c_str()) != 0) {
        // best effort
    }
}

std::string TempDir::write(const std::string& name, const std::string& content) const {
    std::string p = file(name);
    auto slash = p.rfind('/');
    std::string cmd = "mkdir -p " + quote(p.substr(0, slash));
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("mkdir failed");
    std::ofstream out(p, std::ios::binary);
    out << content;
    return p;
}

std::vector<std::string> TempDir::list() const {
    std::vector<std::string> names;
    if (DIR* d = opendir(path_.c_str())) {
        while (dirent* e = readdir(d)) {
            std::string n = e->d_name;
            if (n != "." && n != "..") names.push_back(n);
        }
        closedir(d);
    }
    return names;
}

std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Result run(const std::string& command) {
    TempDir tmp;
    std::string full = "(" + command + ") >" + quote(tmp.file("out")) + " 2>" + quote(tmp.file("err"));
    int status = std::system(full.c_str());
    Result r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = readFile(tmp.file("out"));
    r.err = readFile(tmp.file("err"));
    return r;
}

Result evalreport(const std::string& args) { return run(quote(binary()) + " " + args); }

std::string pdfText(const std::string& pdf, std::string* warnings, bool layout) {
    Result r = run(std::string("pdftotext ") + (layout ? "-layout " : "") + quote(pdf) + " -");
    if (warnings) *warnings = r.err;
    return r.out;
}

bool qpdfCheck(const std::string& pdf, std::string* report) {
    Result r = run("qpdf --check " + quote(pdf));
    if (report) *report = r.out + r.err;
    return r.exitCode == 0;
}

std::string squash(const std::string& s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

}  // namespace testing
