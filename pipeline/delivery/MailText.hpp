#pragma once
// The subject and body of a delivery's e-mail, expanded with document::TemplateEngine from a
// deliberately small context: the parameters, the project's name, the report's title, date
// and file, the period, and the key figures (counts for the whole project or one
// municipality, already small-cell suppressed). No row data and no other stats, so a subject
// or body can never carry personal data, whatever the schedule's author writes.
#include <string>

#include "cli/Report.hpp"
#include "core/Value.hpp"
#include "delivery/Period.hpp"
#include "delivery/Schedule.hpp"

namespace delivery {

// Context names (all Danish text values): params.*, project.{id,title,intervention,
// organisation}, report.{title,subtitle,date,file}, period.{key,quarter,label},
// municipality (name or ""), keyfigures.<key>.{label,current,previous,change}
// (keys as in the status note: registered, active, started, ended, measurements, in_cohort,
// overdue).
core::Value mailContext(const cli::Prepared& p, const DerivedPeriod& period, const std::string& fileName,
                        const std::string& municipality);

struct MailText {
    std::string subject, body;
};

// Throws core::Error at the job's subject/body in schedule.yaml for an unknown name or filter.
MailText expandMail(const Job& job, const core::Value& context);

}  // namespace delivery
