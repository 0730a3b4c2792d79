#include "cli/App.hpp"

#include <Poco/Util/Application.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionSet.h>

#include <iostream>
#include <sstream>

#include "cli/Report.hpp"
#include "core/Diagnostics.hpp"
#include "ingest/Ingest.hpp"
#include "project/Project.hpp"

namespace cli {

namespace {

using Poco::Util::Application;
using Poco::Util::HelpFormatter;
using Poco::Util::Option;
using Poco::Util::OptionSet;

struct Command {
    const char* name;
    const char* args;
    const char* summary;
    const char* example;
};

const Command kCommands[] = {
    {"render", "<project.yaml> --template <name-or-dir> [-P name=value]... -o <file.pdf>",
     "Render one report to PDF.",
     "evalreport render samples/aeldre/project.yaml --template status-note -P kommune=Odder -o output/odder.pdf"},
    {"stats", "<project.yaml> --template <name-or-dir> [-P name=value]...",
     "Print every number the report would show, unrounded and with n, as JSON.",
     "evalreport stats samples/aeldre/project.yaml --template status-note"},
    {"validate", "<project.yaml>",
     "Check project.yaml and every data table; list each problem with file:line:column.",
     "evalreport validate samples/aeldre/project.yaml"},
};

const Command* findCommand(const std::string& name) {
    for (const auto& c : kCommands)
        if (name == c.name) return &c;
    return nullptr;
}

void printUsage(std::ostream& out) {
    out << "usage: evalreport <command> [options]\n\n"
           "evalreport turns registration data from social-sector projects into evaluation reports (PDF).\n\n"
           "Commands:\n";
    for (const auto& c : kCommands) out << "  " << c.name << std::string(10 - std::string(c.name).size(), ' ') << c.summary << "\n";
    out << "\nRun 'evalreport <command> --help' for its options.\n\nExample:\n  " << kCommands[0].example << "\n";
}

class EvalReport : public Application {
public:
    explicit EvalReport(const Command& cmd) : cmd_(cmd) {
        setUnixOptions(true);
    }

    int exitCode = EXIT_OK;

protected:
    void initialize(Application&) override {}  // no logging or configuration files
    void uninitialize() override {}

    void defineOptions(OptionSet& options) override {
        options.addOption(Option("help", "h", "show this help").required(false).repeatable(false));
        std::string name = cmd_.name;
        if (name == "render" || name == "stats") {
            options.addOption(Option("template", "t", "template name (e.g. status-note) or template directory")
                                  .required(false).repeatable(false).argument("name-or-dir"));
            options.addOption(Option("param", "P", "set a template parameter, e.g. -P kommune=Odder")
                                  .required(false).repeatable(true).argument("name=value"));
            options.addOption(Option("date", "d", "report date yyyy-mm-dd (default: SOURCE_DATE_EPOCH, else today)")
                                  .required(false).repeatable(false).argument("date"));
        }
        if (name == "render")
            options.addOption(Option("output", "o", "PDF file to write (written atomically)")
                                  .required(false).repeatable(false).argument("file.pdf"));
    }

    void handleOption(const std::string& name, const std::string& value) override {
        Application::handleOption(name, value);
        if (name == "help") {
            help_ = true;
            stopOptionsProcessing();
        } else if (name == "template") {
            req_.templateName = value;
        } else if (name == "param") {
            auto eq = value.find('=');
            if (eq == std::string::npos || eq == 0)
                throw Poco::Util::InvalidArgumentException("-P needs name=value, got '" + value + "'");
            req_.params.emplace_back(value.substr(0, eq), value.substr(eq + 1));
        } else if (name == "date") {
            req_.date = value;
        } else if (name == "output") {
            output_ = value;
        }
    }

    void showHelp() {
        HelpFormatter hf(options());
        hf.setUnixStyle(true);
        hf.setCommand(std::string("evalreport ") + cmd_.name);
        hf.setUsage(cmd_.args);
        hf.setHeader(cmd_.summary);
        hf.setFooter(std::string("\nExample:\n  ") + cmd_.example + "\n");
        hf.format(std::cout);
    }

    // Poco's Application::run() would log exceptions itself; we print them as one clear line.
    int main(const std::vector<std::string>& args) override {
        try {
            return command(args);
        } catch (const core::Error& e) {
            std::cerr << "evalreport: " << e.oneLine() << "\n";
            return 2;
        } catch (const std::exception& e) {
            std::cerr << "evalreport: internal error: " << e.what() << "\n";
            return EXIT_SOFTWARE;
        }
    }

    int command(const std::vector<std::string>& args) {
        if (help_) {
            showHelp();
            return EXIT_OK;
        }
        std::string name = cmd_.name;
        if (args.size() != 1) {
            std::cerr << "evalreport " << name << ": expected one project file, got " << args.size()
                      << " arguments\nusage: evalreport " << name << " " << cmd_.args << "\n";
            return EXIT_USAGE;
        }
        req_.projectFile = args[0];
        if (name == "validate") return validate();
        if (req_.templateName.empty()) {
            std::cerr << "evalreport " << name << ": missing --template\nusage: evalreport " << name << " " << cmd_.args
                      << "\n";
            return EXIT_USAGE;
        }
        if (name == "render" && output_.empty()) {
            std::cerr << "evalreport render: missing -o <file.pdf>\nusage: evalreport render " << cmd_.args << "\n";
            return EXIT_USAGE;
        }
        Prepared p = prepare(req_);
        if (name == "stats") {
            std::cout << statsJson(p).toJson(2);
            return EXIT_OK;
        }
        renderPdf(p, output_);
        return EXIT_OK;
    }

    int validate() {
        project::Project proj = project::loadProject(req_.projectFile);
        core::Diagnostics diag(500);
        ingest::loadDataset(proj, diag);
        for (const auto& d : diag.items()) std::cout << d.str() << "\n";
        if (diag.dropped()) std::cout << "… and " << diag.dropped() << " more problems not shown\n";
        std::cout << diag.errorCount() << " error" << (diag.errorCount() == 1 ? "" : "s") << ", " << diag.warningCount()
                  << " warning" << (diag.warningCount() == 1 ? "" : "s") << "\n";
        if (diag.errorCount()) return 2;
        if (diag.warningCount()) return 1;
        return 0;
    }

private:
    const Command& cmd_;
    Request req_;
    std::string output_;
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
    // Hand Poco the command's own arguments, with the command as program name.
    std::string prog = std::string("evalreport ") + cmd->name;
    std::vector<char*> args{prog.data()};
    for (int i = 2; i < argc; ++i) args.push_back(argv[i]);
    EvalReport app(*cmd);
    try {
        app.init(static_cast<int>(args.size()), args.data());
        return app.run();
    } catch (const core::Error& e) {
        std::cerr << "evalreport: " << e.oneLine() << "\n";
        return 2;
    } catch (const Poco::Util::OptionException& e) {
        std::cerr << "evalreport " << cmd->name << ": " << e.displayText() << "\nusage: evalreport " << cmd->name << " "
                  << cmd->args << "\n";
        return Application::EXIT_USAGE;
    } catch (const Poco::Exception& e) {
        std::cerr << "evalreport: " << e.displayText() << "\n";
        return Application::EXIT_SOFTWARE;
    } catch (const std::exception& e) {
        std::cerr << "evalreport: internal error: " << e.what() << "\n";
        return Application::EXIT_SOFTWARE;
    }
}

}  // namespace cli
