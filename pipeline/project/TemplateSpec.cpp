#include "project/TemplateSpec.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>

#include "project/Yaml.hpp"

namespace project {

const ParamSpec* TemplateSpec::param(const std::string& n) const {
    for (const auto& p : params)
        if (p.name == n) return &p;
    return nullptr;
}
const ExhibitSpec* TemplateSpec::figure(const std::string& id) const {
    for (const auto& f : figures)
        if (f.id == id) return &f;
    return nullptr;
}
const ExhibitSpec* TemplateSpec::table(const std::string& id) const {
    for (const auto& t : tables)
        if (t.id == id) return &t;
    return nullptr;
}

namespace {

bool isDir(const std::string& p) {
    struct stat st;
    return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}
bool isFile(const std::string& p) {
    struct stat st;
    return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::vector<std::string> listTemplates(const std::vector<std::string>& dirs) {
    std::vector<std::string> names;
    for (const auto& d : dirs) {
        DIR* dir = ::opendir(d.c_str());
        if (!dir) continue;
        while (dirent* e = ::readdir(dir)) {
            std::string n = e->d_name;
            if (n[0] != '.' && isFile(d + "/" + n + "/template.yaml")) names.push_back(n);
        }
        ::closedir(dir);
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

std::vector<ExhibitSpec> parseExhibits(const YamlFile& y, const yml::Node& n, const char* what,
                                       std::initializer_list<const char*> kinds) {
    std::vector<ExhibitSpec> out;
    if (!n) return out;
    y.requireMap(n, std::string("'") + what + "'");
    for (auto it = n.begin(); it != n.end(); ++it) {
        ExhibitSpec e;
        e.id = y.asStr(it->first);
        e.where = y.at(it->first);
        yml::Node d = it->second;
        y.requireMap(d, std::string(what) + " '" + e.id + "'");
        y.allowKeys(d, {"kind", "sources", "title", "source", "note", "labels", "each", "per_municipality"});
        e.kind = y.reqStr(d, "kind");
        if (std::find_if(kinds.begin(), kinds.end(), [&](const char* k) { return e.kind == k; }) == kinds.end()) {
            std::string list;
            for (const char* k : kinds) list += (list.empty() ? "" : ", ") + std::string(k);
            y.fail(d["kind"], "unknown " + std::string(what) + " kind '" + e.kind + "'", "use one of " + list);
        }
        e.sources = y.strList(d, "sources");
        if (e.sources.empty()) y.fail(d, std::string(what) + " '" + e.id + "' needs 'sources' (stats ids)");
        e.title = y.reqStr(d, "title");
        e.source = y.str(d, "source");
        e.note = y.str(d, "note");
        e.labels = y.strList(d, "labels");
        e.each = y.flag(d, "each", false);
        e.perMunicipality = y.flag(d, "per_municipality", false);
        if (e.each && e.perMunicipality)
            y.fail(d["per_municipality"], std::string(what) + " '" + e.id + "' cannot be both 'each' and 'per_municipality'",
                   "make one exhibit per municipality with all sources in it, or one per source");
        for (const auto& prev : out)
            if (prev.id == e.id) y.fail(it->first, "id '" + e.id + "' is declared twice");
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace

TemplateSpec loadTemplate(const std::string& nameOrDir, const std::vector<std::string>& searchDirs) {
    std::string dir;
    if (nameOrDir.find('/') != std::string::npos || isDir(nameOrDir)) {
        dir = nameOrDir;
        if (!isFile(dir + "/template.yaml"))
            throw core::Error({nameOrDir}, "not a template directory (no template.yaml)",
                              "pass a template name or a directory containing template.yaml");
    } else {
        for (const auto& d : searchDirs)
            if (isFile(d + "/" + nameOrDir + "/template.yaml")) {
                dir = d + "/" + nameOrDir;
                break;
            }
        if (dir.empty()) {
            auto names = listTemplates(searchDirs);
            std::string list;
            for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
            std::string near = nearest(nameOrDir, names);
            throw core::Error({nameOrDir}, "unknown template",
                              (near.empty() ? std::string() : "did you mean '" + near + "'? ") + "available: " +
                                  (list.empty() ? "(none)" : list));
        }
    }
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();

    TemplateSpec t;
    t.dir = dir;
    t.file = dir + "/template.yaml";
    YamlFile y(t.file);
    const yml::Node& r = y.root();
    y.allowKeys(r, {"name", "title", "subtitle", "document", "numbering", "number_headings", "title_page", "justify", "chapter_break", "by_municipality", "output",
                    "params", "figures", "tables"});
    t.name = y.str(r, "name", dir.substr(dir.rfind('/') + 1));
    t.title = y.str(r, "title", t.name);
    t.subtitle = y.str(r, "subtitle");
    t.document = y.str(r, "document", "document.md");
    if (t.document.find("..") != std::string::npos || t.document[0] == '/')
        y.fail(r["document"], "the document must be a file inside the template directory");
    t.documentPath = dir + "/" + t.document;
    if (!isFile(t.documentPath))
        y.fail(r["document"] ? r["document"] : r, "template document '" + t.document + "' not found");
    t.numbering = y.str(r, "numbering", "flat");
    if (t.numbering != "flat" && t.numbering != "chapter") y.fail(r["numbering"], "numbering must be flat or chapter");
    t.numberHeadings = y.flag(r, "number_headings", false);
    t.titlePage = y.flag(r, "title_page", false);
    t.justify = y.flag(r, "justify", true);
    t.chapterBreak = y.flag(r, "chapter_break", false);
    t.byMunicipality = y.flag(r, "by_municipality", false);
    t.outputPattern = y.str(r, "output");

    if (yml::Node ps = r["params"]) {
        y.requireMap(ps, "'params'");
        for (auto it = ps.begin(); it != ps.end(); ++it) {
            ParamSpec p;
            p.name = y.asStr(it->first);
            p.where = y.at(it->first);
            yml::Node d = it->second;
            y.requireMap(d, "parameter '" + p.name + "'");
            y.allowKeys(d, {"type", "default", "label"});
            p.type = y.str(d, "type", "string");
            static const char* types[] = {"string", "municipality", "integer", "boolean", "period"};
            if (std::find_if(std::begin(types), std::end(types), [&](const char* k) { return p.type == k; }) ==
                std::end(types))
                y.fail(d["type"], "unknown parameter type '" + p.type + "'",
                       "use string, municipality, integer, boolean or period");
            p.def = y.str(d, "default");
            p.label = y.str(d, "label", p.name);
            t.params.push_back(std::move(p));
        }
    }
    t.figures = parseExhibits(y, r["figures"], "figure", {"paired_means", "change_distribution", "count_bars", "likert", "means", "before_after",
                                                    "change", "trend", "flow", "traffic_light", "fidelity_items", "shares",
                                                    "economics_box_plot"});
    t.tables = parseExhibits(y, r["tables"], "table", {"paired_summary", "cohort_funnel", "counts", "keyfigures", "keyfigures_municipalities",
                                                "distribution", "datagrundlag", "funnel", "fidelity", "dimensions",
                                                "paired_municipalities", "fidelity_items", "means", "attrition", "trend", "trend_quarter",
                                                // economics (docs/ECONOMICS.md)
                                                "economics_rates", "economics_hours", "economics_hours_municipality",
                                                "economics_costs", "economics_costs_municipality", "economics_unit_costs",
                                                "economics_business_case", "economics_business_case_citizen",
                                                "economics_payers", "economics_break_even", "economics_business_case_inputs"});
    // Figures and tables share one namespace: {{ ref "id" }} must name exactly one of them.
    for (const auto& e : t.figures) t.byMunicipality = t.byMunicipality || e.perMunicipality;
    for (const auto& e : t.tables) t.byMunicipality = t.byMunicipality || e.perMunicipality;
    for (const auto& f : t.figures)
        if (t.table(f.id))
            throw core::Error(t.table(f.id)->where, "'" + f.id + "' names both a figure and a table",
                              "give the table another id; {{ ref }} must know which one is meant");
    return t;
}

}  // namespace project
