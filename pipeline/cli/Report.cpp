#include "cli/Report.hpp"

#include <cstdlib>
#include <ctime>

#include "core/Date.hpp"
#include "core/Timings.hpp"
#include "core/Format.hpp"
#include "project/Yaml.hpp"
#include "core/Utf8.hpp"
#include "document/Builder.hpp"
#include "document/TemplateEngine.hpp"
#include "ingest/Ingest.hpp"
#include "layout/Hyphenator.hpp"
#include "layout/Layout.hpp"
#include "pdf/PdfWriter.hpp"
#include "stats/Engine.hpp"
#include "text/Fonts.hpp"

#ifndef EVALREPORT_TEMPLATE_DIR
#define EVALREPORT_TEMPLATE_DIR "templates"
#endif

namespace cli {

using core::Value;

std::vector<std::string> templateSearchPath(const std::string& projectDir) {
    std::vector<std::string> dirs{projectDir + "/templates"};
    if (const char* env = std::getenv("EVALREPORT_TEMPLATES"); env && *env) dirs.push_back(env);
    dirs.push_back(EVALREPORT_TEMPLATE_DIR);
    return dirs;
}

namespace {

// Applies template defaults and -P overrides, checking names and types.
Value resolveParams(const Request& req, const project::TemplateSpec& spec, const project::Project& proj) {
    std::map<std::string, std::string> given;
    for (const auto& [name, value] : req.params) {
        if (!spec.param(name)) {
            std::vector<std::string> names;
            std::string list;
            for (const auto& p : spec.params) {
                names.push_back(p.name);
                list += (list.empty() ? "" : ", ") + p.name;
            }
            std::string near = project::nearest(name, names);
            throw core::Error({"-P " + name}, "template '" + spec.name + "' has no parameter '" + name + "'",
                              near.empty() ? "its parameters are: " + (list.empty() ? std::string("(none)") : list)
                                           : "did you mean '" + near + "'?");
        }
        given[name] = value;
    }
    Value out = Value::object();
    for (const auto& p : spec.params) {
        std::string v = given.count(p.name) ? given[p.name] : p.def;
        core::Location at = given.count(p.name) ? core::Location{"-P " + p.name} : p.where;
        if (p.type == "municipality") {
            std::string canon;
            std::string norm = core::normalizeLabel(v);
            if (!norm.empty() && norm != "alle") {
                for (const auto& m : proj.municipalities)
                    if (core::normalizeLabel(m) == norm) canon = m;
                if (canon.empty()) {
                    std::string list;
                    for (const auto& m : proj.municipalities) list += (list.empty() ? "" : ", ") + m;
                    std::string near = project::nearest(v, proj.municipalities);
                    throw core::Error(at, "'" + v + "' is not a municipality of project '" + proj.id + "'",
                                      (near.empty() ? std::string() : "did you mean '" + near + "'? ") + "known: " + list);
                }
            }
            out.set(p.name, Value::string(canon));
        } else if (p.type == "integer") {
            try {
                size_t used = 0;
                long long n = std::stoll(v, &used);
                if (used != v.size()) throw std::invalid_argument(v);
                out.set(p.name, Value::integer(n));
            } catch (const std::exception&) {
                throw core::Error(at, "parameter '" + p.name + "' must be a whole number, got '" + v + "'");
            }
        } else if (p.type == "boolean") {
            std::string n = core::normalizeLabel(v);
            if (n == "true" || n == "ja" || n == "1" || n == "yes") out.set(p.name, Value::boolean(true));
            else if (n == "false" || n == "nej" || n == "0" || n == "no" || n.empty()) out.set(p.name, Value::boolean(false));
            else throw core::Error(at, "parameter '" + p.name + "' must be true or false, got '" + v + "'");
        } else if (p.type == "period") {
            // yyyyQn, e.g. 2024Q3
            bool ok = v.empty() || (v.size() == 6 && (v[4] == 'Q' || v[4] == 'q') && v[5] >= '1' && v[5] <= '4' &&
                                    std::isdigit(static_cast<unsigned char>(v[0])));
            if (!ok) throw core::Error(at, "parameter '" + p.name + "' must be a quarter like 2024Q3, got '" + v + "'");
            out.set(p.name, Value::string(v));
        } else {
            out.set(p.name, Value::string(v));
        }
    }
    return out;
}

long long creationTime(const Request& req, std::string& dateText) {
    long long t = 0;
    if (!req.date.empty()) {
        auto d = core::parseDate(req.date);
        if (!d) throw core::Error({"--date"}, "invalid date '" + req.date + "'", "write it as yyyy-mm-dd");
        t = static_cast<long long>(*d) * 86400;
    } else if (const char* sde = std::getenv("SOURCE_DATE_EPOCH"); sde && *sde) {
        char* end = nullptr;
        t = std::strtoll(sde, &end, 10);
        if (*end != '\0' || t < 0) throw core::Error({"SOURCE_DATE_EPOCH"}, "must be seconds since 1970");
    } else {
        t = static_cast<long long>(std::time(nullptr));
    }
    dateText = core::formatDanishDate(static_cast<core::Days>(t / 86400));
    return t;
}

Value projectValue(const project::Project& p) {
    Value v = Value::object();
    v.set("id", Value::string(p.id));
    v.set("title", Value::string(p.title));
    v.set("organisation", Value::string(p.organisation));
    v.set("intervention", Value::string(p.intervention));
    Value m = Value::array();
    for (const auto& name : p.municipalities) m.push(Value::string(name));
    v.set("municipalities", std::move(m));
    // Instruments and cohorts, described for the method appendix.
    Value instruments = Value::array();
    for (const auto& ins : p.instruments) {
        Value i = Value::object();
        i.set("id", Value::string(ins.id));
        i.set("label", Value::string(ins.label));
        i.set("items", Value::integer(static_cast<long long>(ins.items.size())));
        std::string how;
        if (ins.aggregate == "none") how = "hvert spørgsmål er sin egen score";
        else how = std::string(ins.aggregate == "sum" ? "summen" : "gennemsnittet") + " af svarene" +
                   (ins.itemOffset != 0 ? " (kodet fra 0)" : "") +
                   (ins.multiply != 1 ? " ganget med " + core::formatNumber(ins.multiply, 0) : "");
        i.set("scoring", Value::string(how));
        i.set("range", Value::string(core::formatNumber(ins.scoreMin, 0) + " til " + core::formatNumber(ins.scoreMax, 0)));
        i.set("missing", Value::string(ins.maxMissingItems == 0 ? "ingen score, hvis et spørgsmål mangler"
                                                                : "højst " + std::to_string(ins.maxMissingItems) +
                                                                      " manglende spørgsmål"));
        i.set("norm", ins.norm ? Value::number(*ins.norm) : Value());
        i.set("norm_source", Value::string(ins.normSource));
        Value labels = Value::array();
        for (const auto& l : ins.itemLabels) labels.push(Value::string(l));
        i.set("item_labels", std::move(labels));
        i.set("question", Value::string(ins.question));
        i.set("answers", Value::string(ins.answers));
        instruments.push(std::move(i));
    }
    v.set("instruments", std::move(instruments));
    Value cohorts = Value::array();
    for (const auto& c : p.cohorts) {
        Value co = Value::object();
        co.set("label", Value::string(c.label));
        Value steps = Value::array();
        for (const auto& st : c.steps) steps.push(Value::string(st.label));
        co.set("steps", std::move(steps));
        cohorts.push(std::move(co));
    }
    v.set("cohorts", std::move(cohorts));
    v.set("period_from", p.periodFrom ? Value::string(core::formatIsoDate(*p.periodFrom)) : Value());
    v.set("period_to", p.periodTo ? Value::string(core::formatIsoDate(*p.periodTo)) : Value());
    return v;
}

}  // namespace

std::shared_ptr<const Base> loadBase(const std::string& projectFile, const std::string& templateName, Preload* preload) {
    auto base = std::make_shared<Base>();
    {
        core::StageTimer t("project");
        base->project = project::loadProject(projectFile);
        if (!preload) base->spec = project::loadTemplate(templateName, templateSearchPath(base->project.dir));
    }
    core::Diagnostics diag;
    {
        core::StageTimer t("ingest");
        base->data = ingest::loadDataset(base->project, diag);
    }
    // A template's error comes before the data's, with or without a preload.
    if (preload) base->spec = preload->takeTemplate();
    diag.throwIfErrors();
    core::StageTimer t("index");
    base->index = std::make_unique<stats::Index>(base->project, base->data);
    return base;
}

Prepared prepare(const Request& req) { return prepareReport(loadBase(req.projectFile, req.templateName), req); }

namespace {

// roles.<name>: the stats of each id in the role, in order, each with its "id". The standard
// roles exist (empty) even when a project does not declare them, so shared templates can test
// them with {{#if roles.fidelity}}.
Value rolesValue(const project::Project& project, const Value& stats) {
    Value roles = Value::object();
    for (const char* standard : {"keyfigures", "status", "closing", "cohort", "outcomes", "dimensions", "likert", "means",
                                 "registrations", "fidelity", "funnel", "trends", "basis", "descriptives", "costs", "support",
                                 "bands", "phases"})
        roles.set(standard, Value::array());
    for (const auto& [name, ids] : project.roles) {
        Value list = Value::array();
        for (const auto& id : ids) {
            Value v = *stats.find(id);
            v.set("id", Value::string(id));
            list.push(std::move(v));
        }
        roles.set(name, std::move(list));
    }
    return roles;
}

}  // namespace

Prepared prepareReport(std::shared_ptr<const Base> base, const Request& req) {
    Prepared p{base, base->project, base->spec, base->data, {}, {}, {}, {}, 0, {}};
    p.params = resolveParams(req, p.spec, p.project);
    p.creationTime = creationTime(req, p.dateText);

    Value stats;
    stats::Scope scope;
    for (const auto& ps : p.spec.params) {
        if (ps.type == "municipality") scope.municipality = p.params.find(ps.name)->asString();
        if (ps.type == "period") scope.period = p.params.find(ps.name)->asString();
    }
    {
        core::StageTimer t("stats");
        stats = stats::computeStats(*base->index, scope);
        // A report for one municipality has only that one to show side by side.
        if (p.spec.byMunicipality)
            for (const auto& m : p.project.municipalities)
                if (scope.municipality.empty() || scope.municipality == m) {
                    stats::Scope ms = scope;
                    ms.municipality = m;
                    p.municipalityStats.emplace_back(m, stats::computeStats(*base->index, ms));
                }
    }
    {
        core::StageTimer t("exhibits");
        figures::MunicipalityStats ms;
        for (const auto& [name, v] : p.municipalityStats) ms.emplace_back(name, &v);
        p.exhibits = figures::buildExhibits(p.spec, stats, p.project.roles, ms);
    }

    p.context = Value::object();
    Value roles = rolesValue(p.project, stats);
    p.context.set("stats", std::move(stats));
    p.context.set("params", p.params);
    p.context.set("project", projectValue(p.project));
    Value report = Value::object();
    report.set("date", Value::string(p.dateText));
    report.set("template", Value::string(p.spec.name));
    p.context.set("report", std::move(report));
    p.context.set("roles", std::move(roles));
    // municipalities: [{name, stats, roles}], for {{#each municipalities as m}} (by_municipality).
    Value municipalities = Value::array();
    for (const auto& [name, v] : p.municipalityStats) {
        Value m = Value::object();
        m.set("name", Value::string(name));
        m.set("stats", v);
        m.set("roles", rolesValue(p.project, v));
        municipalities.push(std::move(m));
    }
    p.context.set("municipalities", std::move(municipalities));
    return p;
}

Value statsJson(const Prepared& p) {
    Value out = Value::object();
    out.set("project", Value::string(p.project.id));
    out.set("template", Value::string(p.spec.name));
    out.set("params", p.params);
    Value ex = p.exhibits.toValue();
    out.set("figures", *ex.find("figures"));
    out.set("tables", *ex.find("tables"));
    out.set("stats", p.stats());
    if (!p.municipalityStats.empty()) {
        Value m = Value::object();
        for (const auto& [name, v] : p.municipalityStats) m.set(name, v);
        out.set("municipalities", std::move(m));
    }
    return out;
}

Preload::Preload(const std::string& projectFile, const std::string& templateName)
    : templateReady_(template_.get_future()), thread_([this, projectFile, templateName] {
          try {
              layout::Hyphenator::danish();
              text::Fonts::standard();
          } catch (...) {
              // Reported by the main thread when it needs the same.
          }
          try {
              template_.set_value(project::loadTemplate(templateName, templateSearchPath(project::directoryOf(projectFile))));
          } catch (...) {
              template_.set_exception(std::current_exception());
          }
      }) {}

Preload::~Preload() {
    if (thread_.joinable()) thread_.join();
}

project::TemplateSpec Preload::takeTemplate() { return templateReady_.get(); }

void renderPdf(const Prepared& p, const std::string& outPath) {
    document::TemplateEngine engine(p.spec.dir + "/partials");
    document::Meta meta;
    meta.title = engine.expandText(p.spec.file + ": title", p.spec.title, p.context);
    meta.subtitle = engine.expandText(p.spec.file + ": subtitle", p.spec.subtitle, p.context);
    meta.author = p.project.organisation;
    meta.subject = p.project.title;
    meta.keywords = "evaluering; " + p.project.intervention;
    meta.dateText = p.dateText;
    meta.creationTime = p.creationTime;
    meta.colophon = {{"Titel", meta.title}, {"Undertitel", meta.subtitle}, {"Udgivet af", p.project.organisation},
                     {"Dato", p.dateText}};
    if (p.project.periodFrom && p.project.periodTo)
        meta.colophon.push_back({"Datagrundlag", "Registreringer fra " + core::formatDanishDate(*p.project.periodFrom) + " til " +
                                                     core::formatDanishDate(*p.project.periodTo)});
    meta.colophon.push_back({"Fremstillet", "Tal, figurer og tabeller er beregnet automatisk fra registreringsdata med "
                                            "evalreport. Tal er afrundet hver for sig og kan derfor afvige fra summen."});
    document::Document doc;
    {
        core::StageTimer t("document");
        doc = document::buildDocument(p.spec, p.context, p.exhibits, meta);
    }
    layout::PageStyle style;
    style.justify = doc.justify;
    layout::Pages pages;
    {
        core::StageTimer t("layout");
        pages = layout::layoutDocument(doc, style);
    }
    core::StageTimer t("pdf");
    pdf::writePdf(pages, outPath);
}

}  // namespace cli
