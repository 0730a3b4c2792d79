#include "ingest/Ingest.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "core/Utf8.hpp"
#include "ingest/CsvReader.hpp"
#include "ingest/Cpr.hpp"
#include "project/Yaml.hpp"

namespace ingest {

using project::ColumnSpec;
using project::ColumnType;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Parses "1.234,5" (comma mode) or "1,234.5"/"1234.5" (point mode). Thousands groups must be
// well-formed so that "3.5" in comma mode is rejected rather than read as 35.
bool parseNumber(std::string_view s, bool comma, double& out) {
    char dec = comma ? ',' : '.';
    char thou = comma ? '.' : ',';
    std::string clean;
    clean.reserve(s.size());
    size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
        if (s[i] == '-') clean += '-';
        ++i;
    }
    size_t intStart = i;
    int groupLen = -1;  // digits since the last thousands separator; -1 = none seen yet
    bool sawThou = false;
    for (; i < s.size() && s[i] != dec; ++i) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            clean += c;
            if (groupLen >= 0) ++groupLen;
        } else if (c == thou) {
            if (i == intStart || (sawThou && groupLen != 3)) return false;
            if (!sawThou && i - intStart > 3) return false;
            sawThou = true;
            groupLen = 0;
        } else {
            return false;
        }
    }
    if (sawThou && groupLen != 3) return false;
    if (clean.empty() || clean == "-") return false;
    if (i < s.size()) {
        clean += '.';
        ++i;
        if (i == s.size()) return false;
        for (; i < s.size(); ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            clean += s[i];
        }
    }
    auto [p, ec] = std::from_chars(clean.data(), clean.data() + clean.size(), out);
    return ec == std::errc() && p == clean.data() + clean.size();
}

std::string describeRange(const ColumnSpec& c) {
    auto f = [](double v) {
        std::string s = std::to_string(v);
        s.erase(s.find_last_not_of('0') + 1);
        if (!s.empty() && s.back() == '.') s.pop_back();
        return s;
    };
    return f(*c.min) + "–" + f(*c.max);
}

struct CategoryLookup {
    std::unordered_map<std::string, double> codeByLabel;      // scaled: normalized label -> code
    std::unordered_map<std::string, std::string> canonical;   // plain: normalized label -> declared label
    std::vector<std::string> labels;                          // for suggestions
};

}  // namespace

dataset::Table loadTable(const project::Project& p, const project::TableSpec& spec, core::Diagnostics& diag) {
    dataset::Table table;
    table.name = spec.name;
    table.source = spec.sourcePath;

    Encoding enc = Encoding::Auto;
    CsvReader csv(spec.sourcePath, enc);
    const bool comma = spec.decimalSeparator == "comma" ||
                       (spec.decimalSeparator == "auto" && csv.delimiter() != ',');

    // Map declared columns to file columns.
    const auto& header = csv.header();
    std::unordered_map<std::string, size_t> fileIndex;
    for (size_t i = 0; i < header.size(); ++i) {
        if (header[i].empty()) {
            diag.error({spec.sourcePath, 1, csv.fieldColumn(i)}, "column " + std::to_string(i + 1) + " has no name",
                       "give every column a name in the header row");
            continue;
        }
        if (!fileIndex.emplace(header[i], i).second)
            diag.error({spec.sourcePath, 1, csv.fieldColumn(i)}, "column '" + header[i] + "' appears twice in the header",
                       "rename or remove one of them");
    }
    std::vector<std::string> declared;
    for (const auto& c : spec.columns) declared.push_back(c.name);
    std::vector<long> source(spec.columns.size(), -1);
    for (size_t k = 0; k < spec.columns.size(); ++k) {
        auto it = fileIndex.find(spec.columns[k].name);
        if (it != fileIndex.end()) {
            source[k] = static_cast<long>(it->second);
        } else {
            std::string near = project::nearest(spec.columns[k].name, header);
            diag.error({spec.sourcePath, 1, 1}, "missing column '" + spec.columns[k].name + "'",
                       near.empty() ? "add the column to the file, or remove it from table '" + spec.name + "' in project.yaml"
                                    : "the file has '" + near + "'; rename it to '" + spec.columns[k].name + "'");
        }
    }
    for (size_t i = 0; i < header.size(); ++i)
        if (!header[i].empty() && !spec.column(header[i])) {
            std::string near = project::nearest(header[i], declared);
            diag.warning({spec.sourcePath, 1, csv.fieldColumn(i)}, "column '" + header[i] + "' is not declared and is ignored",
                         near.empty() ? "declare it in project.yaml if it is needed" : "did you mean '" + near + "'?");
        }

    // Prepare columns and category lookups.
    std::vector<CategoryLookup> lookups(spec.columns.size());
    for (size_t k = 0; k < spec.columns.size(); ++k) {
        const ColumnSpec& cs = spec.columns[k];
        dataset::Column col;
        col.name = cs.name;
        col.type = cs.type;
        col.scaled = cs.type == ColumnType::Category && !cs.scale.empty();
        if (col.scaled) {
            for (const auto& lv : p.scale(cs.scale)->levels) {
                lookups[k].codeByLabel[core::normalizeLabel(lv.label)] = lv.code;
                lookups[k].labels.push_back(lv.label);
            }
        } else if (cs.type == ColumnType::Category) {
            for (const auto& v : cs.values) {
                lookups[k].canonical[core::normalizeLabel(v)] = v;
                lookups[k].labels.push_back(v);
            }
        }
        table.columns.push_back(std::move(col));
    }

    const size_t expected = header.size();
    while (csv.next()) {
        if (csv.size() != expected) {
            diag.error({spec.sourcePath, csv.line(), csv.fieldColumn(std::min(csv.size(), expected) - 1)},
                       "row has " + std::to_string(csv.size()) + " fields, the header has " + std::to_string(expected),
                       std::string("check for a stray '") + csv.delimiter() + "' or a missing quote; the row is skipped");
            if (diag.full()) break;
            continue;
        }
        for (size_t k = 0; k < spec.columns.size(); ++k) {
            const ColumnSpec& cs = spec.columns[k];
            dataset::Column& col = table.columns[k];
            std::string_view raw;
            core::Location at{spec.sourcePath, csv.line(), 1};
            if (source[k] >= 0) {
                size_t fi = static_cast<size_t>(source[k]);
                raw = csv.field(fi);
                at = {spec.sourcePath, csv.fieldLine(fi), csv.fieldColumn(fi)};
            }
            std::string value = core::trim(raw);
            bool ok = true;
            if (value.size() >= 10 && containsCprLike(value)) {
                diag.error(at, "value in column '" + cs.name + "' looks like a CPR number",
                           "remove personal identification numbers from the export; use a pseudonymous id");
                value.clear();
                ok = false;
            }
            if (value.empty()) {
                if (ok && cs.required && source[k] >= 0)
                    diag.error(at, "missing value in required column '" + cs.name + "'",
                               "fill in the value, or declare the column with 'required: false'");
                switch (col.type) {
                    case ColumnType::Date: col.date.push_back(core::kNoDate); break;
                    case ColumnType::Integer:
                    case ColumnType::Decimal: col.num.push_back(kNaN); break;
                    default:
                        if (col.scaled) col.num.push_back(kNaN);
                        else col.sym.push_back(0);
                }
                continue;
            }
            switch (col.type) {
                case ColumnType::Id:
                case ColumnType::Text: col.sym.push_back(col.intern(value)); break;
                case ColumnType::Integer:
                case ColumnType::Decimal: {
                    double v;
                    if (!parseNumber(value, comma, v)) {
                        diag.error(at, "'" + value + "' in column '" + cs.name + "' is not a number",
                                   comma ? "write numbers like 3 or 3,5 (decimal comma)" : "write numbers like 3 or 3.5");
                        v = kNaN;
                    } else if (col.type == ColumnType::Integer && v != std::floor(v)) {
                        diag.error(at, "'" + value + "' in column '" + cs.name + "' is not a whole number",
                                   "this column holds whole numbers");
                        v = kNaN;
                    } else if (cs.min && (v < *cs.min || v > *cs.max)) {
                        diag.error(at, "value " + value + " in column '" + cs.name + "' is outside the allowed range " +
                                           describeRange(cs),
                                   "correct the value or the column's range in project.yaml");
                        v = kNaN;
                    }
                    col.num.push_back(v);
                    break;
                }
                case ColumnType::Date: {
                    auto d = core::parseDate(value);
                    if (!d) {
                        diag.error(at, "'" + value + "' in column '" + cs.name + "' is not a valid date",
                                   "write dates as dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd");
                        col.date.push_back(core::kNoDate);
                    } else {
                        col.date.push_back(*d);
                    }
                    break;
                }
                case ColumnType::Category: {
                    const auto& lk = lookups[k];
                    std::string norm = core::normalizeLabel(value);
                    if (col.scaled) {
                        auto it = lk.codeByLabel.find(norm);
                        double code = kNaN;
                        if (it != lk.codeByLabel.end()) {
                            code = it->second;
                        } else {
                            double v;
                            if (parseNumber(value, comma, v) && p.scale(cs.scale)->byCode(v)) code = v;
                        }
                        if (std::isnan(code)) {
                            std::string near = project::nearest(value, lk.labels);
                            diag.error(at, "unknown answer '" + value + "' in column '" + cs.name + "' (scale '" + cs.scale + "')",
                                       near.empty() ? "use one of the scale's labels or codes"
                                                    : "did you mean '" + near + "'?");
                        }
                        col.num.push_back(code);
                    } else if (!lk.canonical.empty()) {
                        auto it = lk.canonical.find(norm);
                        if (it == lk.canonical.end()) {
                            std::string near = project::nearest(value, lk.labels);
                            diag.error(at, "unknown value '" + value + "' in column '" + cs.name + "'",
                                       near.empty() ? "allowed values are listed under 'values' in project.yaml"
                                                    : "did you mean '" + near + "'?");
                            col.sym.push_back(0);
                        } else {
                            col.sym.push_back(col.intern(it->second));
                        }
                    } else {
                        col.sym.push_back(col.intern(value));
                    }
                    break;
                }
            }
        }
        table.lines.push_back(static_cast<uint32_t>(csv.line()));
        ++table.rows;
        if (diag.full()) break;
    }

    // Primary key: unique and present.
    if (!spec.primaryKey.empty()) {
        const dataset::Column* pk = table.column(spec.primaryKey);
        if (pk && pk->symbolic()) {
            std::vector<uint32_t> firstLine(pk->dict.size(), 0);
            for (size_t r = 0; r < table.rows; ++r) {
                uint32_t s = pk->sym[r];
                if (s == 0) continue;
                if (firstLine[s] != 0) {
                    diag.error({spec.sourcePath, table.lines[r], 1},
                               "duplicate key '" + std::string(pk->dict[s]) + "' in column '" + spec.primaryKey + "'",
                               "it is already used on line " + std::to_string(firstLine[s]) + "; each row needs its own id");
                } else {
                    firstLine[s] = table.lines[r];
                }
            }
        }
    }
    return table;
}

dataset::Dataset loadDataset(const project::Project& p, core::Diagnostics& diag) {
    dataset::Dataset ds;
    for (const auto& spec : p.tables) {
        try {
            ds.tables.push_back(loadTable(p, spec, diag));
        } catch (const core::Error& e) {
            diag.add(e);
        }
    }
    // Foreign keys: every value must exist in the referenced column.
    for (const auto& spec : p.tables) {
        const dataset::Table* t = ds.table(spec.name);
        if (!t) continue;
        for (const auto& fk : spec.foreignKeys) {
            const dataset::Table* rt = ds.table(fk.refTable);
            const dataset::Column* c = t->column(fk.column);
            const dataset::Column* rc = rt ? rt->column(fk.refColumn) : nullptr;
            if (!c || !rc || !c->symbolic() || !rc->symbolic()) continue;
            for (size_t r = 0; r < t->rows; ++r) {
                if (c->sym[r] == 0) continue;
                std::string_view v = c->text(r);
                if (rc->symbolOf(v) == 0)
                    diag.error({spec.sourcePath, t->lines[r], 1},
                               "'" + std::string(v) + "' in column '" + fk.column + "' does not exist in " + fk.refTable +
                                   "." + fk.refColumn,
                               "add the row to " + fk.refTable + " or correct the id");
            }
        }
    }
    return ds;
}

}  // namespace ingest
