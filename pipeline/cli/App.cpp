#include "cli/App.hpp"

#include <Poco/Util/Application.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionSet.h>

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

using Poco::Util::Application;
using Poco::Util::HelpFormatter;
using Poco::Util::Option;
using Poco::Util::OptionSet;

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

// Poco::Util::Application gives standard option parsing (-o file, --output=file, -Pk=v);
// the command decides what the options mean.
class EvalReport : public Application {
public:
    explicit EvalReport(const Command& cmd) : cmd_(cmd) { setUnixOptions(true); }

protected:
    void initialize(Application&) override {}  // no logging subsystem or configuration files
    void uninitialize() override {}

    void defineOptions(OptionSet& options) override {
        options.addOption(Option("help", "h", "show this help").required(false).repeatable(false));
        for (const auto& o : cmd_.options) {
            Option opt(o.name, o.shortName, o.help);
            opt.required(false).repeatable(o.repeatable);
            if (!o.argument.empty()) opt.argument(o.argument);
            options.addOption(opt);
        }
    }

    void handleOption(const std::string& name, const std::string& value) override {
        Application::handleOption(name, value);
        if (name == "help") {
            help_ = true;
            stopOptionsProcessing();
            return;
        }
        args_.options.emplace_back(name, value);
    }

    // Poco's run() would log exceptions itself; we print them as one clear line instead.
    int main(const std::vector<std::string>& positional) override {
        if (help_) {
            HelpFormatter hf(options());
            hf.setUnixStyle(true);
            hf.setWidth(100);
            hf.setCommand("evalreport " + cmd_.name);
            hf.setUsage(cmd_.usage);
            hf.setHeader(cmd_.summary);
            hf.setFooter("\nExample:\n  " + cmd_.example + "\n");
            hf.format(std::cout);
            return EXIT_OK;
        }
        args_.positional = positional;
        try {
            return cmd_.run(args_);
        } catch (const core::Error& e) {
            std::cerr << "evalreport: " << e.oneLine() << "\n";
            return 2;
        } catch (const std::exception& e) {
            std::cerr << "evalreport: internal error: " << e.what() << "\n";
            return EXIT_SOFTWARE;
        }
    }

private:
    const Command& cmd_;
    Args args_;
    bool help_ = false;
};

}  // namespace

int run(int argc, char** argv) {
    if (argc < 2) {
        printUsage(std::cerr);
        return Application::EXIT_USAGE;
    }
    std::string first = argv[1];
    if (first == "--help" || first == "-h" || first == "help") {
        printUsage(std::cout);
        return Application::EXIT_OK;
    }
    if (first == "--version") {
        std::cout << "evalreport 0.1.0\n";
        return Application::EXIT_OK;
    }
    const Command* cmd = findCommand(first);
    if (!cmd) {
        std::cerr << "evalreport: unknown command '" << first << "'\n\n";
        printUsage(std::cerr);
        return Application::EXIT_USAGE;
    }
    std::string prog = "evalreport " + cmd->name;
    std::vector<char*> args{prog.data()};
    for (int i = 2; i < argc; ++i) args.push_back(argv[i]);
    EvalReport app(*cmd);
    try {
        app.init(static_cast<int>(args.size()), args.data());
        return app.run();
    } catch (const Poco::Util::OptionException& e) {
        std::cerr << "evalreport " << cmd->name << ": " << e.displayText() << "\nusage: evalreport " << cmd->name << " "
                  << cmd->usage << "\n";
        return Application::EXIT_USAGE;
    } catch (const core::Error& e) {
        std::cerr << "evalreport: " << e.oneLine() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "evalreport: internal error: " << e.what() << "\n";
        return Application::EXIT_SOFTWARE;
    }
}

}  // namespace cli
