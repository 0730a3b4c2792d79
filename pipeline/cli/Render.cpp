// evalreport render / stats: one report through every stage.
#include <iostream>

#include "cli/Commands.hpp"
#include "cli/Report.hpp"
#include "core/Error.hpp"

namespace cli {

namespace {

std::vector<OptionSpec> reportOptions() {
    return {{"template", "t", "template name (e.g. status-note) or template directory", "name-or-dir", false},
            {"param", "P", "set a template parameter, e.g. -P kommune=Odder", "name=value", true},
            {"date", "d", "report date yyyy-mm-dd (default: SOURCE_DATE_EPOCH, else today)", "date", false}};
}

Request requestFrom(const Args& a, const std::string& command) {
    if (a.positional.size() != 1)
        throw core::Error({"evalreport " + command}, "expected one project file, got " + std::to_string(a.positional.size()) +
                                                         " arguments",
                          "see 'evalreport " + command + " --help'");
    if (!a.has("template"))
        throw core::Error({"evalreport " + command}, "missing --template", "e.g. --template status-note");
    Request r;
    r.projectFile = a.positional[0];
    r.templateName = a.get("template");
    r.date = a.get("date");
    for (const auto& p : a.all("param")) {
        auto eq = p.find('=');
        if (eq == std::string::npos || eq == 0)
            throw core::Error({"-P " + p}, "a parameter needs name=value", "e.g. -P kommune=Odder");
        r.params.emplace_back(p.substr(0, eq), p.substr(eq + 1));
    }
    return r;
}

}  // namespace

Command renderCommand() {
    Command c;
    c.name = "render";
    c.usage = "<project.yaml> --template <name-or-dir> [-P name=value]... -o <file.pdf>";
    c.summary = "Render one report to PDF.";
    c.example = "evalreport render samples/aeldre/project.yaml --template status-note -P kommune=Odder -o output/odder.pdf";
    c.options = reportOptions();
    c.options.push_back({"output", "o", "PDF file to write (written atomically)", "file.pdf", false});
    c.run = [](const Args& a) {
        Request r = requestFrom(a, "render");
        if (!a.has("output")) throw core::Error({"evalreport render"}, "missing -o <file.pdf>", "name the PDF to write");
        Preload preload(r.projectFile, r.templateName);
        Prepared p = prepareReport(loadBase(r.projectFile, r.templateName, &preload), r);
        renderPdf(p, a.get("output"));
        return finishNow(0);
    };
    return c;
}

Command statsCommand() {
    Command c;
    c.name = "stats";
    c.usage = "<project.yaml> --template <name-or-dir> [-P name=value]...";
    c.summary = "Print every number the report would show, unrounded and with n, as JSON.";
    c.example = "evalreport stats samples/aeldre/project.yaml --template status-note";
    c.options = reportOptions();
    c.run = [](const Args& a) {
        Prepared p = prepare(requestFrom(a, "stats"));
        std::cout << statsJson(p).toJson(2);
        return finishNow(0);
    };
    return c;
}

}  // namespace cli
