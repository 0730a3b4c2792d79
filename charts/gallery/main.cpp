// evalreport-gallery: renders every chart type, fed from the sample projects, to one PDF.
//   evalreport-gallery [OUT.pdf] [PROJECT.yaml]
// Defaults: output/chart-gallery.pdf and samples/aeldre/project.yaml (run from the repository).
#include <iostream>

#include "charts/gallery/Gallery.hpp"
#include "cli/Report.hpp"
#include "core/Error.hpp"
#include "layout/Layout.hpp"
#include "pdf/PdfWriter.hpp"

int main(int argc, char** argv) {
    const std::string out = argc > 1 ? argv[1] : "output/chart-gallery.pdf";
    const std::string project = argc > 2 ? argv[2] : "samples/aeldre/project.yaml";
    if (argc > 3 || (argc > 1 && (std::string(argv[1]) == "-h" || std::string(argv[1]) == "--help"))) {
        std::cerr << "usage: evalreport-gallery [OUT.pdf] [PROJECT.yaml]\n"
                     "example: evalreport-gallery output/chart-gallery.pdf samples/aeldre/project.yaml\n";
        return argc > 3 ? 2 : 0;
    }
    try {
        // The status-note template's statistics, for the whole project and per municipality.
        cli::Request req{project, "status-note", {}, ""};
        auto base = cli::loadBase(req.projectFile, req.templateName);  // ingest and index once
        cli::Prepared all = cli::prepareReport(base, req);
        gallery::AeldreStats stats;
        stats.all = all.stats();
        for (const auto& m : all.project.municipalities) {
            cli::Request one = req;
            one.params = {{"kommune", m}};
            stats.municipalities.emplace_back(m, cli::prepareReport(base, one).stats());
        }
        stats.data = base->data;

        layout::PageStyle page;
        const double figureWidth = page.width - page.marginLeft - page.marginRight;
        document::Document doc = gallery::buildGallery(stats, figureWidth, all.dateText, all.creationTime);
        pdf::writePdf(layout::layoutDocument(doc, page), out);
        std::cout << "wrote " << out << "\n";
    } catch (const core::Error& e) {
        std::cerr << "evalreport-gallery: " << e.oneLine() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "evalreport-gallery: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
