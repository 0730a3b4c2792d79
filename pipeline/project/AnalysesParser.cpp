#include "project/AnalysesParser.hpp"
#include "project/Schema.hpp"

#include <algorithm>

namespace project {

namespace {

// Checks that every column of a filter exists in `table`.
void checkWhere(const Where& w, const TableSpec& t) {
    for (const auto& [col, val] : w.equals)
        if (!t.column(col)) throw core::Error(w.where, "'" + col + "' is not a column of table '" + t.name + "'");
}

std::optional<core::Days> optDate(const YamlFile& y, const yml::Node& map, const char* key) {
    yml::Node n = map[key];
    if (!n || n.IsNull()) return std::nullopt;
    std::string s = y.asStr(n);
    auto d = core::parseDate(s);
    if (!d) y.fail(n, "invalid date '" + s + "'", "write dates as dd-mm-yyyy or yyyy-mm-dd");
    return d;
}

Rule parseRule(const YamlFile& y, const yml::Node& n) {
    y.requireMap(n, "a rule");
    if (n.size() != 1) y.fail(n, "a rule has exactly one key, e.g. '- min_measurements: 2'");
    auto it = n.begin();
    std::string key = y.asStr(it->first);
    yml::Node v = it->second;
    Rule r;
    r.where = y.at(it->first);
    if (key == "first_where") {
        r.kind = Rule::Kind::FirstWhere;
        r.filter = parseWhere(y, v);
    } else if (key == "min_measurements") {
        r.kind = Rule::Kind::MinMeasurements;
        r.value = y.asInt(v, 1, 1000);
    } else if (key == "min_gap_months") {
        r.kind = Rule::Kind::MinGapMonths;
        r.value = y.asInt(v, 0, 1200);
    } else if (key == "events_before_first" || key == "events_between") {
        r.kind = key == "events_between" ? Rule::Kind::EventsBetween : Rule::Kind::EventsBeforeFirst;
        y.requireMap(v, "'" + key + "'");
        y.allowKeys(v, {"table", "where", "min", "max"});
        r.table = y.reqStr(v, "table");
        if (v["where"]) r.filter = parseWhere(y, v["where"]);
        if (auto m = y.optNum(v, "min")) r.min = static_cast<long>(*m);
        if (auto m = y.optNum(v, "max")) r.max = static_cast<long>(*m);
        if (!r.min && !r.max) y.fail(v, "'" + key + "' needs 'min' or 'max'");
    } else {
        y.fail(it->first, "unknown rule '" + key + "'",
               "use first_where, min_measurements, min_gap_months, events_before_first or events_between");
    }
    return r;
}

std::vector<Rule> parseRules(const YamlFile& y, const yml::Node& n) {
    std::vector<Rule> rules;
    if (!n) return rules;
    if (!n.IsSequence()) y.fail(n, "rules must be a list ('- rule: …' lines)");
    for (const auto& r : n) rules.push_back(parseRule(y, r));
    return rules;
}

void checkRuleTables(const std::vector<Rule>& rules, const Project& p, const TableSpec* measurements) {
    for (const auto& r : rules) {
        const TableSpec* t = measurements;
        if (r.kind == Rule::Kind::EventsBeforeFirst || r.kind == Rule::Kind::EventsBetween) {
            t = p.table(r.table);
            if (!t) throw core::Error(r.where, "unknown table '" + r.table + "'");
            if (t->subjectColumn.empty() || t->dateColumn.empty())
                throw core::Error(r.where, "table '" + r.table + "' needs 'subject' and 'date' to be used in a rule");
        }
        checkWhere(r.filter, *t);
    }
}

void parsePaired(const YamlFile& y, const yml::Node& d, Analysis& a, const Project& p) {
    y.allowKeys(d, {"kind", "label", "instrument", "cohort", "require", "threshold", "pairing", "first", "latest", "stars"});
    PairedSpec& s = a.paired;
    s.instrument = y.reqStr(d, "instrument");
    const Instrument* ins = p.instrument(s.instrument);
    if (!ins) y.fail(d["instrument"], "unknown instrument '" + s.instrument + "'");
    a.label = y.str(d, "label", ins->label);
    s.cohort = y.reqStr(d, "cohort");
    const Cohort* c = p.cohort(s.cohort);
    if (!c) y.fail(d["cohort"], "unknown cohort '" + s.cohort + "'");
    if (ins->table != c->measurementTable)
        y.fail(d["instrument"], "instrument '" + s.instrument + "' is scored from table '" + ins->table + "', but cohort '" +
                                    s.cohort + "' measures in '" + c->measurementTable + "'");
    s.require = parseRules(y, d["require"]);
    checkRuleTables(s.require, p, p.table(c->measurementTable));
    s.threshold = y.num(d, "threshold", 10);
    if (s.threshold < 0) y.fail(d["threshold"], "threshold cannot be negative", "use 0 to classify any change by its sign");
    s.pairing = y.str(d, "pairing", "cohort");
    if (s.pairing != "cohort" && s.pairing != "valid") y.fail(d["pairing"], "pairing must be cohort or valid");
    if (d["first"]) s.first = parseWhere(y, d["first"]);
    if (d["latest"]) s.latest = parseWhere(y, d["latest"]);
    checkWhere(s.first, *p.table(ins->table));
    checkWhere(s.latest, *p.table(ins->table));
    if ((!s.first.empty() || !s.latest.empty()) && s.pairing != "valid")
        y.fail(d, "'first'/'latest' filters need 'pairing: valid'");
    s.stars = y.str(d, "stars", "t");
    if (s.stars != "t" && s.stars != "wilcoxon") y.fail(d["stars"], "stars must be t or wilcoxon");
}

void parseDistribution(const YamlFile& y, const yml::Node& d, Analysis& a, const Project& p) {
    y.allowKeys(d, {"kind", "label", "table", "items", "item_labels", "instrument", "where", "from", "to", "rounds",
                    "round_labels", "by", "total", "total_mean", "collapse"});
    DistributionSpec& s = a.distribution;
    s.instrument = y.str(d, "instrument");
    if (!s.instrument.empty()) {
        const Instrument* ins = p.instrument(s.instrument);
        if (!ins) y.fail(d["instrument"], "unknown instrument '" + s.instrument + "'");
        s.table = ins->table;
        if (d["items"]) y.fail(d["items"], "give either 'items' or 'instrument', not both");
    } else {
        s.table = y.reqStr(d, "table");
        s.items = y.strList(d, "items");
        if (s.items.empty()) y.fail(d, "a distribution needs 'items' (columns) or 'instrument'");
    }
    const TableSpec& t = requireTable(y, d["table"] ? d["table"] : d, p, s.table);
    for (size_t i = 0; i < s.items.size(); ++i) {
        requireColumn(y, d["items"][i], t, s.items[i]);
        const ColumnSpec* c = t.column(s.items[i]);
        if (c->type != ColumnType::Category && c->type != ColumnType::Integer && c->type != ColumnType::Decimal)
            y.fail(d["items"][i], "'" + s.items[i] + "' must be a category, integer or decimal column");
    }
    s.itemLabels = y.strList(d, "item_labels");
    if (!s.itemLabels.empty() && s.itemLabels.size() != s.items.size())
        y.fail(d["item_labels"], "give one label per item (" + std::to_string(s.items.size()) + ")");
    if (d["where"]) {
        s.filter = parseWhere(y, d["where"]);
        checkWhere(s.filter, t);
    }
    s.from = optDate(y, d, "from");
    s.to = optDate(y, d, "to");
    if ((s.from || s.to) && t.dateColumn.empty()) y.fail(d, "'from'/'to' need a 'date' column on table '" + t.name + "'");
    s.rounds = y.str(d, "rounds");
    if (!s.rounds.empty()) {
        const Cohort* c = p.cohort(s.rounds);
        if (!c) y.fail(d["rounds"], "unknown cohort '" + s.rounds + "'");
        if (c->measurementTable != s.table)
            y.fail(d["rounds"], "cohort '" + s.rounds + "' measures in '" + c->measurementTable + "', not in '" + s.table + "'");
    }
    if (d["round_labels"]) {
        s.roundLabels = y.strList(d, "round_labels");
        if (s.roundLabels.size() != 2) y.fail(d["round_labels"], "round_labels needs two labels (first, latest)");
    }
    s.by = y.str(d, "by");
    if (!s.by.empty() && s.by != "municipality" && s.by != "phase") {
        requireColumn(y, d["by"], t, s.by);
    }
    if (s.by == "phase" && p.phases.empty()) y.fail(d["by"], "'by: phase' needs 'phases:' in the project");
    if (s.by == "phase" && t.dateColumn.empty()) y.fail(d["by"], "'by: phase' needs a 'date' column on table '" + t.name + "'");
    if (s.by == "municipality" && p.municipalityColumn.empty())
        y.fail(d["by"], "'by: municipality' needs 'municipality' under 'subjects:'");
    if (!s.rounds.empty() && !s.by.empty()) y.fail(d["by"], "use either 'rounds' or 'by', not both");
    s.total = y.flag(d, "total", false);
    s.totalMean = y.str(d, "total_mean", "pooled");
    if (s.totalMean != "pooled" && s.totalMean != "municipalities")
        y.fail(d["total_mean"], "total_mean must be pooled or municipalities");
    if (s.totalMean == "municipalities" && p.municipalityColumn.empty())
        y.fail(d["total_mean"], "total_mean: municipalities needs 'municipality' under 'subjects:'");
    if (yml::Node col = d["collapse"]) {
        y.requireMap(col, "'collapse'");
        for (auto it = col.begin(); it != col.end(); ++it) {
            Collapse c;
            c.label = y.asStr(it->first);
            if (!it->second.IsSequence()) y.fail(it->second, "a collapsed category lists its levels, e.g. [Delvist enig, Helt enig]");
            // Not `: it->second`: the iterator's proxy would die before the loop runs.
            const yml::Node levels = it->second;
            for (const auto& l : levels) c.levels.push_back(y.asStr(l));
            s.collapse.push_back(std::move(c));
        }
    }
}

void parseFidelity(const YamlFile& y, const yml::Node& d, Analysis& a, const Project& p) {
    y.allowKeys(d, {"kind", "label", "table", "round", "municipality", "elements", "positive", "measure", "rating_round",
                    "levels", "overrides"});
    FidelitySpec& s = a.fidelity;
    s.table = y.reqStr(d, "table");
    const TableSpec& t = requireTable(y, d["table"], p, s.table);
    s.round = y.reqStr(d, "round");
    requireColumn(y, d["round"], t, s.round);
    s.municipality = y.str(d, "municipality");
    if (!s.municipality.empty()) requireColumn(y, d["municipality"], t, s.municipality);
    yml::Node els = d["elements"];
    if (!els || !els.IsSequence() || els.size() == 0) y.fail(els ? els : d, "'elements' must list the core elements");
    for (const auto& e : els) {
        y.requireMap(e, "a core element");
        y.allowKeys(e, {"id", "label", "items", "item_labels"});
        FidelityElement fe;
        fe.id = y.reqStr(e, "id");
        fe.label = y.str(e, "label", fe.id);
        fe.items = y.strList(e, "items");
        fe.itemLabels = y.strList(e, "item_labels");
        if (!fe.itemLabels.empty() && fe.itemLabels.size() != fe.items.size())
            y.fail(e["item_labels"], "give one label per item (" + std::to_string(fe.items.size()) + ")");
        if (fe.items.empty()) y.fail(e, "core element '" + fe.id + "' lists no items");
        for (size_t i = 0; i < fe.items.size(); ++i) {
            requireColumn(y, e["items"][i], t, fe.items[i]);
            if (t.column(fe.items[i])->scale.empty()) y.fail(e["items"][i], "fidelity item '" + fe.items[i] + "' needs a scale");
        }
        s.elements.push_back(std::move(fe));
    }
    s.positive = y.strList(d, "positive");
    s.measure = y.str(d, "measure", "share");
    if (s.measure != "share" && s.measure != "mean") y.fail(d["measure"], "measure must be share or mean");
    if (s.measure == "share" && s.positive.empty())
        y.fail(d, "a share rating needs 'positive' (the levels that count), e.g. [I meget høj grad, I høj grad]");
    s.ratingRound = y.str(d, "rating_round", "last");
    if (s.ratingRound != "last" && s.ratingRound != "all") y.fail(d["rating_round"], "rating_round must be last or all");
    yml::Node lv = d["levels"];
    if (!lv || !lv.IsSequence() || lv.size() == 0) y.fail(lv ? lv : d, "'levels' must list the rating levels, highest first");
    for (const auto& l : lv) {
        y.allowKeys(l, {"min", "label", "color"});
        RatingLevel r;
        r.min = y.optNum(l, "min");
        r.label = y.reqStr(l, "label");
        r.color = y.str(l, "color", "grey");
        static const char* colors[] = {"green", "yellow", "red", "grey"};
        if (std::none_of(std::begin(colors), std::end(colors), [&](const char* c) { return r.color == c; }))
            y.fail(l["color"], "color must be green, yellow, red or grey");
        s.levels.push_back(r);
    }
    if (s.levels.back().min) y.fail(lv, "the last rating level must have no 'min' (it catches the rest)");
    if (yml::Node ov = d["overrides"]) {
        if (!ov.IsSequence()) y.fail(ov, "'overrides' must be a list");
        for (const auto& o : ov) {
            y.allowKeys(o, {"element", "municipality", "rating", "reason"});
            RatingOverride r;
            r.where = y.at(o);
            r.element = y.reqStr(o, "element");
            if (std::none_of(s.elements.begin(), s.elements.end(), [&](const FidelityElement& e) { return e.id == r.element; }))
                y.fail(o["element"], "unknown core element '" + r.element + "'");
            r.municipality = y.str(o, "municipality");
            r.rating = y.reqStr(o, "rating");
            if (std::none_of(s.levels.begin(), s.levels.end(), [&](const RatingLevel& l) { return l.label == r.rating; }))
                y.fail(o["rating"], "rating '" + r.rating + "' is not one of the levels");
            r.reason = y.str(o, "reason");
            if (r.reason.empty()) y.fail(o, "an overridden rating needs a 'reason'; it is printed with the rating");
            s.overrides.push_back(std::move(r));
        }
    }
}

void parseFunnel(const YamlFile& y, const yml::Node& d, Analysis& a, const Project& p) {
    y.allowKeys(d, {"kind", "label", "table", "steps", "exits"});
    FunnelSpec& s = a.funnel;
    s.table = y.reqStr(d, "table");
    const TableSpec& t = requireTable(y, d["table"], p, s.table);
    yml::Node steps = d["steps"];
    if (!steps || !steps.IsSequence() || steps.size() < 2) y.fail(steps ? steps : d, "a funnel needs at least two 'steps'");
    for (const auto& st : steps) {
        y.allowKeys(st, {"label", "where"});
        FunnelStep fs;
        fs.label = y.reqStr(st, "label");
        if (st["where"]) {
            fs.filter = parseWhere(y, st["where"]);
            checkWhere(fs.filter, t);
        }
        s.steps.push_back(std::move(fs));
    }
    if (yml::Node ex = d["exits"]) {
        if (!ex.IsSequence()) y.fail(ex, "'exits' must be a list");
        for (const auto& e : ex) {
            y.allowKeys(e, {"after", "column", "missing_label"});
            FunnelExit fe;
            fe.after = y.asInt(e["after"], 0, 1000);
            if (fe.after < 1 || fe.after >= static_cast<int>(s.steps.size()))
                y.fail(e["after"], "'after' must name a step that has a next step (1 to " +
                                       std::to_string(s.steps.size() - 1) + ")");
            fe.column = y.reqStr(e, "column");
            requireColumn(y, e["column"], t, fe.column);
            fe.missingLabel = y.str(e, "missing_label", "Uoplyst");
            s.exits.push_back(std::move(fe));
        }
    }
}

void parseTrend(const YamlFile& y, const yml::Node& d, Analysis& a, const Project& p) {
    y.allowKeys(d, {"kind", "label", "table", "date", "measure", "instrument", "where"});
    TrendSpec& s = a.trend;
    s.measure = y.str(d, "measure", "count");
    if (s.measure != "count" && s.measure != "mean") y.fail(d["measure"], "measure must be count or mean");
    s.instrument = y.str(d, "instrument");
    if (s.measure == "mean") {
        const Instrument* ins = p.instrument(s.instrument);
        if (!ins) y.fail(d["instrument"] ? d["instrument"] : d, "a mean trend needs a known 'instrument'");
        s.table = ins->table;
    } else {
        s.table = y.reqStr(d, "table");
    }
    const TableSpec& t = requireTable(y, d["table"] ? d["table"] : d, p, s.table);
    s.date = y.str(d, "date", t.dateColumn);
    if (s.date.empty()) y.fail(d, "a trend needs a 'date' column");
    requireColumn(y, d["date"] ? d["date"] : d, t, s.date);
    if (t.column(s.date)->type != ColumnType::Date) y.fail(d["date"] ? d["date"] : d, "'" + s.date + "' is not a date column");
    if (d["where"]) {
        s.filter = parseWhere(y, d["where"]);
        checkWhere(s.filter, t);
    }
}

void parseBasis(const YamlFile& y, const yml::Node& d, Analysis& a, const Project& p) {
    y.allowKeys(d, {"kind", "label", "tables", "table_labels", "all_label", "cohort"});
    BasisSpec& s = a.basis;
    s.tables = y.strList(d, "tables");
    for (size_t i = 0; i < s.tables.size(); ++i) {
        const TableSpec& t = requireTable(y, d["tables"][i], p, s.tables[i]);
        if (t.subjectColumn.empty()) y.fail(d["tables"][i], "table '" + t.name + "' needs 'subject' to be counted per municipality");
    }
    s.tableLabels = y.strList(d, "table_labels");
    if (!s.tableLabels.empty() && s.tableLabels.size() != s.tables.size())
        y.fail(d["table_labels"], "give one label per table");
    s.allLabel = y.str(d, "all_label");
    s.cohort = y.str(d, "cohort");
    if (!s.cohort.empty() && !p.cohort(s.cohort)) y.fail(d["cohort"], "unknown cohort '" + s.cohort + "'");
    if (p.municipalityColumn.empty()) y.fail(d, "a datagrundlag needs 'municipality' under 'subjects:'");
}

void parseKeyFigures(const YamlFile& y, const yml::Node& d, Analysis& a, const Project& p) {
    y.allowKeys(d, {"kind", "label", "cohort", "followup_months"});
    a.keyfigures.cohort = y.reqStr(d, "cohort");
    if (!p.cohort(a.keyfigures.cohort)) y.fail(d["cohort"], "unknown cohort '" + a.keyfigures.cohort + "'");
    a.keyfigures.followupMonths = y.integer(d, "followup_months", 6, 1, 120);
    if (p.subjectStart.empty())
        y.fail(d, "key figures need the citizens' start date", "add 'start: <date column>' under 'subjects:'");
}

}  // namespace

void parsePhases(const YamlFile& y, const yml::Node& n, Project& p) {
    if (!n.IsSequence()) y.fail(n, "'phases' must be a list of {label, from, to}");
    for (const auto& ph : n) {
        y.allowKeys(ph, {"label", "from", "to"});
        Phase f;
        f.label = y.reqStr(ph, "label");
        auto from = optDate(y, ph, "from"), to = optDate(y, ph, "to");
        if (!from || !to) y.fail(ph, "a phase needs 'from' and 'to'");
        if (*from > *to) y.fail(ph, "phase '" + f.label + "' ends before it starts");
        if (!p.phases.empty() && *from <= p.phases.back().to) y.fail(ph, "phases must be in order and must not overlap");
        f.from = *from;
        f.to = *to;
        p.phases.push_back(f);
    }
}

void parseInstruments(const YamlFile& y, const yml::Node& n, Project& p) {
    y.requireMap(n, "'instruments'");
    for (auto it = n.begin(); it != n.end(); ++it) {
        Instrument ins;
        ins.id = y.asStr(it->first);
        ins.where = y.at(it->first);
        yml::Node d = it->second;
        y.requireMap(d, "instrument '" + ins.id + "'");
        y.allowKeys(d, {"label", "table", "items", "item_labels", "item_offset", "aggregate", "multiply", "max_missing_items",
                        "range", "bands", "norm", "norm_source", "question", "answers"});
        ins.label = y.str(d, "label", ins.id);
        ins.table = y.reqStr(d, "table");
        const TableSpec& t = requireTable(y, d["table"], p, ins.table);
        ins.items = y.strList(d, "items");
        if (ins.items.empty()) y.fail(d, "instrument '" + ins.id + "' has no 'items'");
        for (size_t i = 0; i < ins.items.size(); ++i) {
            requireColumn(y, d["items"][i], t, ins.items[i]);
            const ColumnSpec* c = t.column(ins.items[i]);
            if (c->type != ColumnType::Integer && c->type != ColumnType::Decimal && c->type != ColumnType::Category)
                y.fail(d["items"][i], "item '" + ins.items[i] + "' must be a numeric or scale column");
        }
        ins.itemLabels = y.strList(d, "item_labels");
        if (!ins.itemLabels.empty() && ins.itemLabels.size() != ins.items.size())
            y.fail(d["item_labels"], "give one label per item (" + std::to_string(ins.items.size()) + ")");
        ins.question = y.str(d, "question");
        ins.answers = y.str(d, "answers");
        ins.itemOffset = y.num(d, "item_offset", 0);
        ins.aggregate = y.str(d, "aggregate", "sum");
        if (ins.aggregate != "sum" && ins.aggregate != "mean" && ins.aggregate != "none")
            y.fail(d["aggregate"], "aggregate must be sum, mean or none");
        if (ins.aggregate == "none" && ins.itemLabels.size() != ins.items.size())
            y.fail(d, "an instrument with aggregate: none needs 'item_labels', one per item (the dimensions)");
        ins.multiply = y.num(d, "multiply", 1);
        ins.maxMissingItems = y.integer(d, "max_missing_items", 0, 0, 1000);
        if (ins.aggregate == "sum" && ins.maxMissingItems > 0)
            y.fail(d["max_missing_items"], "a sum score cannot allow missing items", "use aggregate: mean, or set 0");
        if (yml::Node r = d["range"]) {
            if (!r.IsSequence() || r.size() != 2) y.fail(r, "range must be [min, max]");
            ins.scoreMin = y.asNum(r[0]);
            ins.scoreMax = y.asNum(r[1]);
        }
        if (yml::Node b = d["bands"]) {
            if (!b.IsSequence()) y.fail(b, "bands must be a list of {max, label}");
            for (const auto& bn : b) {
                y.allowKeys(bn, {"max", "label"});
                Band band;
                band.max = y.optNum(bn, "max");
                band.label = y.reqStr(bn, "label");
                ins.bands.push_back(band);
            }
        }
        ins.norm = y.optNum(d, "norm");
        ins.normSource = y.str(d, "norm_source");
        p.instruments.push_back(std::move(ins));
    }
}

void parseCohorts(const YamlFile& y, const yml::Node& n, Project& p) {
    y.requireMap(n, "'cohorts'");
    for (auto it = n.begin(); it != n.end(); ++it) {
        Cohort c;
        c.id = y.asStr(it->first);
        c.where = y.at(it->first);
        yml::Node d = it->second;
        y.requireMap(d, "cohort '" + c.id + "'");
        y.allowKeys(d, {"label", "measurements", "steps"});
        c.label = y.str(d, "label", c.id);
        c.measurementTable = y.reqStr(d, "measurements");
        const TableSpec& mt = requireTable(y, d["measurements"], p, c.measurementTable);
        if (mt.subjectColumn.empty() || mt.dateColumn.empty())
            y.fail(d["measurements"], "table '" + c.measurementTable + "' needs 'subject' and 'date'",
                   "add 'subject: borger_id' and 'date: dato' to the table");
        yml::Node steps = d["steps"];
        if (steps && !steps.IsSequence()) y.fail(steps, "cohort '" + c.id + "' needs 'steps' as a list");
        if (steps)
            for (const auto& s : steps) {
                y.requireMap(s, "a cohort step");
                y.allowKeys(s, {"label", "excluded_label", "rules"});
                CohortStep st;
                st.label = y.reqStr(s, "label");
                st.excludedLabel = y.str(s, "excluded_label", "Ekskluderet");
                st.rules = parseRules(y, s["rules"]);
                checkRuleTables(st.rules, p, &mt);
                c.steps.push_back(std::move(st));
            }
        p.cohorts.push_back(std::move(c));
    }
}

void parseAnalyses(const YamlFile& y, const yml::Node& n, Project& p) {
    y.requireMap(n, "'analyses'");
    for (auto it = n.begin(); it != n.end(); ++it) {
        Analysis a;
        a.id = y.asStr(it->first);
        a.where = y.at(it->first);
        yml::Node d = it->second;
        y.requireMap(d, "analysis '" + a.id + "'");
        a.kind = y.str(d, "kind", "paired");
        a.label = y.str(d, "label", a.id);
        if (a.kind == "paired") parsePaired(y, d, a, p);
        else if (a.kind == "distribution") parseDistribution(y, d, a, p);
        else if (a.kind == "fidelity") parseFidelity(y, d, a, p);
        else if (a.kind == "funnel") parseFunnel(y, d, a, p);
        else if (a.kind == "trend") parseTrend(y, d, a, p);
        else if (a.kind == "datagrundlag") parseBasis(y, d, a, p);
        else if (a.kind == "keyfigures") parseKeyFigures(y, d, a, p);
        else
            y.fail(d["kind"], "unknown analysis kind '" + a.kind + "'",
                   "use paired, distribution, fidelity, funnel, trend, datagrundlag or keyfigures");
        p.analyses.push_back(std::move(a));
    }
}

void parseCounts(const YamlFile& y, const yml::Node& n, Project& p) {
    y.requireMap(n, "'counts'");
    for (auto it = n.begin(); it != n.end(); ++it) {
        CountSpec c;
        c.id = y.asStr(it->first);
        c.where = y.at(it->first);
        yml::Node d = it->second;
        y.requireMap(d, "count '" + c.id + "'");
        y.allowKeys(d, {"label", "table", "column", "where", "missing_label", "bands", "by", "personal"});
        c.label = y.str(d, "label", c.id);
        c.table = y.reqStr(d, "table");
        const TableSpec& t = requireTable(y, d["table"], p, c.table);
        c.column = y.reqStr(d, "column");
        requireColumn(y, d["column"], t, c.column);
        if (d["where"]) {
            c.filter = parseWhere(y, d["where"]);
            checkWhere(c.filter, t);
        }
        c.missingLabel = y.str(d, "missing_label");
        if (yml::Node b = d["bands"]) {
            ColumnType ct = t.column(c.column)->type;
            if (ct != ColumnType::Integer && ct != ColumnType::Decimal)
                y.fail(b, "bands need a numeric column; '" + c.column + "' is not");
            if (!b.IsSequence()) y.fail(b, "bands must be a list of {max, label}");
            for (const auto& bn : b) {
                y.allowKeys(bn, {"max", "label"});
                Band band;
                band.max = y.optNum(bn, "max");
                band.label = y.reqStr(bn, "label");
                c.bands.push_back(band);
            }
            if (c.bands.back().max) y.fail(b, "the last band must have no 'max' (it catches the rest)");
        }
        c.by = y.str(d, "by");
        if (!c.by.empty()) requireColumn(y, d["by"], t, c.by);
        c.personal = y.flag(d, "personal", false);
        p.counts.push_back(std::move(c));
    }
}

}  // namespace project
