#include "delivery/MailText.hpp"

#include "core/Utf8.hpp"
#include "document/TemplateEngine.hpp"

namespace delivery {

using core::Value;

core::Value mailContext(const cli::Prepared& p, const DerivedPeriod& period, const std::string& fileName,
                        const std::string& municipality) {
    Value c = Value::object();
    c.set("params", p.params);
    c.set("municipality", Value::string(municipality));
    Value proj = Value::object();
    proj.set("id", Value::string(p.project.id));
    proj.set("title", Value::string(p.project.title));
    proj.set("intervention", Value::string(p.project.intervention));
    proj.set("organisation", Value::string(p.project.organisation));
    c.set("project", std::move(proj));

    // The report's own title and subtitle, as on its first page.
    document::TemplateEngine engine(p.spec.dir + "/partials");
    Value report = Value::object();
    report.set("title", Value::string(engine.expandText(p.spec.file + ": title", p.spec.title, p.context)));
    report.set("subtitle", Value::string(engine.expandText(p.spec.file + ": subtitle", p.spec.subtitle, p.context)));
    report.set("date", Value::string(p.dateText));
    report.set("file", Value::string(fileName));
    c.set("report", std::move(report));

    Value per = Value::object();
    per.set("key", Value::string(period.key));
    per.set("quarter", Value::string(period.quarter));
    per.set("label", Value::string(period.label));
    c.set("period", std::move(per));

    // Key figures: counts only, as the report's key-figures table shows them.
    Value kf = Value::object();
    if (const Value* roles = p.context.find("roles"))
        if (const Value* list = roles->find("keyfigures"); list && list->isArray() && list->size() > 0)
            if (const Value* byKey = list->elements()[0].find("by_key"); byKey && byKey->isObject())
                for (const auto& [key, row] : byKey->items()) {
                    Value r = Value::object();
                    for (const char* f : {"label", "current", "previous", "change"})
                        if (const Value* v = row.find(f)) r.set(f, *v);
                    kf.set(key, std::move(r));
                }
    c.set("keyfigures", std::move(kf));
    return c;
}

MailText expandMail(const Job& job, const core::Value& context) {
    // No partials: a mail template reads nothing from disk.
    document::TemplateEngine engine("/nonexistent/evalreport-mail-has-no-partials");
    MailText t;
    t.subject = engine.expandText(job.subjectAt.str() + " (subject of job '" + job.name + "')", job.subject, context);
    t.body = engine.expandText(job.bodyAt.str() + " (body of job '" + job.name + "')", job.body, context);
    // A subject is one line, whatever the template did with whitespace.
    std::string one;
    for (char ch : t.subject) {
        if (ch == '\r' || ch == '\n' || ch == '\t') ch = ' ';
        if (ch == ' ' && (one.empty() || one.back() == ' ')) continue;
        one += ch;
    }
    while (!one.empty() && one.back() == ' ') one.pop_back();
    t.subject = one;
    return t;
}

}  // namespace delivery
