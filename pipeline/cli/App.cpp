#include "cli/App.hpp"

#include <getopt.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "cli/Commands.hpp"
#include "core/Error.hpp"

namespace cli {

int finishNow(int code) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    return code;
#else
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    std::_Exit(code);
#endif
}

bool Args::has(const std::string& name) const {
    for (const auto& [k, v] : options)
        if (k == name) return true;
    return false;
}

std::string Args::get(const std::string& name, const std::string& def) const {
    for (auto it = options.rbegin(); it != options.rend(); ++it)
        if (it->first == name) return it->second;
    return def;
}

std::vector<std::string> Args::all(const std::string& name) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : options)
        if (k == name) out.push_back(v);
    return out;
}

const std::vector<Command>& commands() {
    static const std::vector<Command> list = {renderCommand(), statsCommand(), validateCommand(), batchCommand(),
                                               scheduleCommand(), outboxCommand()};
    return list;
}

namespace {

// sysexits.h: 64 for a usage error, 70 for an internal one; 2 for a data or configuration
// error (core::Error).
constexpr int kExitOk = 0, kExitUsage = 64, kExitSoftware = 70;

const Command* findCommand(const std::string& name) {
    for (const auto& c : commands())
        if (name == c.name) return &c;
    return nullptr;
}

void printUsage(std::ostream& out) {
    out << "usage: evalreport <command> [options]\n\n"
           "evalreport turns registration data from social-sector projects into evaluation reports (PDF).\n\n"
           "Commands:\n";
    for (const auto& c : commands()) out << "  " << c.name << std::string(c.name.size() < 10 ? 10 - c.name.size() : 1, ' ') << c.summary << "\n";
    out << "\nRun 'evalreport <command> --help' for its options.\n\nExample:\n  " << commands().front().example << "\n";
}

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// The command's options with -h/--help in front.
std::vector<OptionSpec> optionsOf(const Command& cmd) {
    std::vector<OptionSpec> all{{"help", "h", "show this help", "", false}};
    all.insert(all.end(), cmd.options.begin(), cmd.options.end());
    return all;
}

void printHelp(const Command& cmd, std::ostream& out) {
    const std::vector<OptionSpec> all = optionsOf(cmd);
    std::vector<std::pair<std::string, std::string>> rows;
    size_t widest = 0;
    for (const auto& o : all) {
        std::string left = (o.shortName.empty() ? "    " : "-" + o.shortName + ", ") + "--" + o.name;
        if (!o.argument.empty()) left += "=" + upper(o.argument);
        widest = std::max(widest, left.size());
        rows.emplace_back(left, o.help + (o.repeatable ? " (may be repeated)" : ""));
    }
    out << "usage: evalreport " << cmd.name << " " << cmd.usage << "\n" << cmd.summary << "\n\nOptions:\n";
    for (const auto& [left, help] : rows) out << "  " << left << std::string(widest + 2 - left.size(), ' ') << help << "\n";
    out << "\nExample:\n  " << cmd.example << "\n";
}

// GNU getopt_long (glibc): "-o file", "-ofile", "--output file", "--output=file", unique
// prefixes of long names, options before or after the positional arguments, "--" ending the
// options. The command decides what the options mean.
int runCommand(const Command& cmd, int argc, char** argv) {
    const std::vector<OptionSpec> all = optionsOf(cmd);
    std::vector<option> longs;
    std::string shorts = ":";  // ':' first: a missing value is reported as ':' rather than '?'
    for (size_t i = 0; i < all.size(); ++i) {
        const OptionSpec& o = all[i];
        longs.push_back({o.name.c_str(), o.argument.empty() ? no_argument : required_argument, nullptr, static_cast<int>(256 + i)});
        if (!o.shortName.empty()) shorts += o.shortName + (o.argument.empty() ? "" : ":");
    }
    longs.push_back({nullptr, 0, nullptr, 0});
    auto usageError = [&](const std::string& what) {
        std::cerr << "evalreport " << cmd.name << ": " << what << "\nusage: evalreport " << cmd.name << " " << cmd.usage
                  << "\n(see 'evalreport " << cmd.name << " --help')\n";
        return kExitUsage;
    };
    auto spelled = [&](int optionIndex) {
        const OptionSpec& o = all[static_cast<size_t>(optionIndex)];
        return o.shortName.empty() ? "--" + o.name : "-" + o.shortName + "/--" + o.name;
    };

    Args args;
    std::vector<int> seen(all.size(), 0);
    opterr = 0;
    optind = 1;
    for (;;) {
        int c = getopt_long(argc, argv, shorts.c_str(), longs.data(), nullptr);
        if (c == -1) break;
        if (c == '?' || c == ':') {
            std::string arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";
            if (c == ':') return usageError("option '" + arg + "' needs a value");
            if (optopt && arg.rfind("--", 0) != 0) return usageError(std::string("unknown option '-") + static_cast<char>(optopt) + "'");
            return usageError("unknown option '" + arg.substr(0, arg.find('=')) + "'");
        }
        int index = -1;
        if (c >= 256) index = c - 256;
        else
            for (size_t i = 0; i < all.size(); ++i)
                if (all[i].shortName.size() == 1 && all[i].shortName[0] == c) index = static_cast<int>(i);
        if (index < 0) return usageError(std::string("unknown option '-") + static_cast<char>(c) + "'");
        const OptionSpec& o = all[static_cast<size_t>(index)];
        if (o.name == "help") {
            printHelp(cmd, std::cout);
            return kExitOk;
        }
        if (++seen[static_cast<size_t>(index)] > 1 && !o.repeatable) return usageError("option " + spelled(index) + " is given twice");
        args.options.emplace_back(o.name, optarg && !o.argument.empty() ? optarg : "");
    }
    for (int i = optind; i < argc; ++i) args.positional.push_back(argv[i]);
    try {
        return cmd.run(args);
    } catch (const core::Error& e) {
        std::cerr << "evalreport: " << e.oneLine() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "evalreport: internal error: " << e.what() << "\n";
        return kExitSoftware;
    }
}

}  // namespace

int run(int argc, char** argv) {
    if (argc < 2) {
        printUsage(std::cerr);
        return kExitUsage;
    }
    std::string first = argv[1];
    if (first == "--help" || first == "-h" || first == "help") {
        printUsage(std::cout);
        return kExitOk;
    }
    if (first == "--version") {
        std::cout << "evalreport 0.1.0\n";
        return kExitOk;
    }
    const Command* cmd = findCommand(first);
    if (!cmd) {
        std::cerr << "evalreport: unknown command '" << first << "'\n\n";
        printUsage(std::cerr);
        return kExitUsage;
    }
    std::string prog = "evalreport " + cmd->name;
    std::vector<char*> args{prog.data()};
    for (int i = 2; i < argc; ++i) args.push_back(argv[i]);
    args.push_back(nullptr);
    return runCommand(*cmd, static_cast<int>(args.size() - 1), args.data());
}

}  // namespace cli
