// evalreport validate: every problem in project.yaml and the data, one line each
// (file:line:column: error|warning: problem; fix), a summary count, and the exit code
// 0 clean, 1 warnings only, 2 errors.
#include <iostream>

#include "cli/Commands.hpp"
#include "core/Diagnostics.hpp"
#include "core/Error.hpp"
#include "ingest/Ingest.hpp"
#include "project/Project.hpp"

namespace cli {

Command validateCommand() {
    Command c;
    c.name = "validate";
    c.usage = "<project.yaml>";
    c.summary = "Check project.yaml and every data table; list each problem with file:line:column.";
    c.example = "evalreport validate samples/aeldre/project.yaml";
    c.run = [](const Args& a) {
        if (a.positional.size() != 1)
            throw core::Error({"evalreport validate"}, "expected one project file", "see 'evalreport validate --help'");
        core::Diagnostics diag(500);
        try {
            project::Project proj = project::loadProject(a.positional[0]);
            ingest::loadDataset(proj, diag);
        } catch (const core::Error& e) {
            diag.add(e);  // a project.yaml problem ends the check; print it like the others
        }
        for (const auto& d : diag.items()) std::cout << d.str() << "\n";
        if (diag.dropped()) std::cout << "… and " << diag.dropped() << " more problems not shown\n";
        std::cout << diag.errorCount() << " error" << (diag.errorCount() == 1 ? "" : "s") << ", " << diag.warningCount()
                  << " warning" << (diag.warningCount() == 1 ? "" : "s") << "\n";
        if (diag.errorCount()) return 2;
        if (diag.warningCount()) return 1;
        return 0;
    };
    return c;
}

}  // namespace cli
