#include "ingest/TableBuilder.hpp"

#include <cmath>
#include <algorithm>
#include <cstring>
#include <limits>
#include <optional>
#include <unordered_map>

#include "core/Utf8.hpp"
#include "ingest/Cpr.hpp"
#include "ingest/Values.hpp"
#include "project/Yaml.hpp"

namespace ingest {

using project::ColumnSpec;
using project::ColumnType;

namespace {

// A value as a message quotes it: at most 40 characters, so that a runaway field (a missing
// quote, a binary file, a 100 MB cell) still gives a one-line message.
std::string clip(std::string_view v) {
    constexpr size_t kMaxChars = 40;
    size_t bytes = 0;
    for (size_t chars = 0; bytes < v.size() && chars < kMaxChars; ++chars) {
        ++bytes;
        while (bytes < v.size() && (static_cast<unsigned char>(v[bytes]) & 0xC0) == 0x80) ++bytes;
    }
    if (bytes >= v.size()) return std::string(v);
    return std::string(v.substr(0, bytes)) + "…";
}

// Equality of short strings without a call into libc (labels, codes and ids are short).
inline bool same(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    if (a.size() > 16) return std::memcmp(a.data(), b.data(), a.size()) == 0;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i]) return false;
    return true;
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr core::Days kUnknown = core::kNoDate + 1;  // memo: not looked up yet

std::string describeRange(const ColumnSpec& c) {
    auto f = [](double v) {
        std::string s = std::to_string(v);
        s.erase(s.find_last_not_of('0') + 1);
        if (!s.empty() && s.back() == '.') s.pop_back();
        return s;
    };
    return f(*c.min) + "–" + f(*c.max);
}

const char* numberHint(NumberStyle s) {
    switch (s) {
        case NumberStyle::Comma: return "write numbers like 3 or 3,5 (decimal comma)";
        case NumberStyle::Point: return "write numbers like 3 or 3.5";
        case NumberStyle::Either: break;
    }
    return "write numbers like 3 or 3,5";
}

}  // namespace

enum class Conv : uint8_t { Symbol, Number, Date, Scaled, Category };

struct TableBuilder::Target {
    const ColumnSpec* spec = nullptr;
    dataset::Column* col = nullptr;
    long field = -1;  // source field of the current source, or -1 if the source lacks the column
    Conv conv = Conv::Symbol;
    bool failed = false;  // the current row's value was reported already

    // Category labels as declared, then case- and space-folded.
    struct Label {
        std::string text;
        double code = 0;
        uint32_t sym = 0;
    };
    std::vector<Label> exact;
    std::unordered_map<std::string, size_t> byNorm;
    std::vector<std::string> labels;  // for suggestions
    const project::Scale* scale = nullptr;

    bool primary = false;
    bool increasing = true;          // primary key values so far arrived in increasing order
    std::vector<uint32_t> firstRow;  // primary key: symbol -> first row + 1
    uint32_t lastSym = 0;            // rows of one citizen come together: reuse the last lookup

    // Foreign key checked as symbols appear: symbol -> 0 unknown, 1 present, 2 orphan.
    const dataset::Column* fkRef = nullptr;
    std::string fkTarget, fkTable;
    std::vector<uint32_t> fkSym;  // symbol -> the referenced column's symbol; 0 = orphan, UINT32_MAX = not looked up
    // Referenced symbol -> this column's symbol: ids that exist there are interned by one lookup
    // in the referenced column instead of two (and enter this column's index in bulk later).
    std::vector<uint32_t> localByRef;
    uint32_t lastRef = 0;

    // Numbers: the declared range (infinite if none), for the fast path of one-digit answers.
    double lo = -INFINITY, hi = INFINITY;
};

// not_before for one date column: against another column of the row, or against the date
// of the row a foreign key points to.
struct TableBuilder::DateRule {
    const project::DateOrder* rule = nullptr;
    Target* column = nullptr;
    Target* other = nullptr;          // same row
    Target* via = nullptr;            // joined: the foreign-key column
    const dataset::Column* refKey = nullptr;
    const dataset::Column* refDate = nullptr;
    std::vector<uint32_t> refRowBySym;
    std::vector<core::Days> memo;     // via symbol -> referenced date
};

TableBuilder::TableBuilder(const project::Project& p, const project::TableSpec& spec, const LoadedTables& loaded,
                           core::Diagnostics& diag)
    : p_(p), spec_(spec), loaded_(loaded), diag_(&diag) {
    table_.name = spec.name;
    table_.source = spec.format == project::SourceFormat::Sql ? "query '" + spec.name + "'" : spec.sourcePath;
    table_.columns.reserve(spec.columns.size());
    for (const auto& cs : spec.columns) {
        dataset::Column col;
        col.name = cs.name;
        col.type = cs.type;
        col.scaled = cs.type == ColumnType::Category && !cs.scale.empty();
        table_.columns.push_back(std::move(col));
    }
    for (size_t k = 0; k < spec.columns.size(); ++k) {
        const ColumnSpec& cs = spec.columns[k];
        auto t = std::make_unique<Target>();
        t->spec = &cs;
        t->col = &table_.columns[k];
        switch (cs.type) {
            case ColumnType::Id:
            case ColumnType::Text: t->conv = Conv::Symbol; break;
            case ColumnType::Integer:
            case ColumnType::Decimal: t->conv = Conv::Number; break;
            case ColumnType::Date: t->conv = Conv::Date; break;
            case ColumnType::Category:
                t->conv = t->col->scaled ? Conv::Scaled : cs.values.empty() ? Conv::Symbol : Conv::Category;
                break;
        }
        if (t->conv == Conv::Scaled) {
            t->scale = p.scale(cs.scale);
            for (const auto& lv : t->scale->levels) {
                t->byNorm.emplace(core::normalizeLabel(lv.label), t->exact.size());
                t->exact.push_back({lv.label, lv.code, 0});
                t->labels.push_back(lv.label);
            }
            // Codes as they are usually written ("4") match as quickly as labels.
            for (const auto& lv : t->scale->levels) t->exact.push_back({numberText(lv.code), lv.code, 0});
        } else if (t->conv == Conv::Category) {
            for (const auto& v : cs.values) {
                t->byNorm.emplace(core::normalizeLabel(v), t->exact.size());
                t->exact.push_back({v, 0, 0});
                t->labels.push_back(v);
            }
        }
        t->primary = !spec.primaryKey.empty() && cs.name == spec.primaryKey && t->col->symbolic();
        if (cs.min) {
            t->lo = *cs.min;
            t->hi = *cs.max;
        }
        targets_.push_back(std::move(t));
    }
    auto target = [&](const std::string& name) -> Target* {
        for (auto& t : targets_)
            if (t->spec->name == name) return t.get();
        return nullptr;
    };
    for (const auto& fk : spec.foreignKeys) {
        const dataset::Table* rt = fk.refTable == spec.name ? nullptr : loaded(fk.refTable);
        const dataset::Column* rc = rt ? rt->column(fk.refColumn) : nullptr;
        Target* t = target(fk.column);
        if (!rc || !t || !t->col->symbolic() || !rc->symbolic()) {
            if (!loaded(fk.refTable) || fk.refTable == spec.name) deferred_.push_back(&fk);
            continue;
        }
        t->fkRef = rc;
        t->fkTarget = fk.refTable + "." + fk.refColumn;
        t->fkTable = fk.refTable;
    }
    for (const auto& d : spec.notBefore) {
        auto r = std::make_unique<DateRule>();
        r->rule = &d;
        r->column = target(d.column);
        if (d.otherTable.empty()) {
            r->other = target(d.otherColumn);
        } else {
            const dataset::Table* rt = loaded(d.otherTable);
            const project::TableSpec* rs = p.table(d.otherTable);
            if (!rt || !rs || d.otherTable == spec.name) continue;  // not loaded (or failed): nothing to compare with
            r->via = target(d.via);
            r->refKey = rt->column(rs->primaryKey);
            r->refDate = rt->column(d.otherColumn);
            if (!r->via || !r->refKey || !r->refDate || !r->refKey->symbolic()) continue;
            r->refRowBySym.assign(r->refKey->dict.size(), UINT32_MAX);
            for (size_t row = 0; row < rt->rows; ++row) {
                uint32_t s = r->refKey->sym[row];
                if (s && r->refRowBySym[s] == UINT32_MAX) r->refRowBySym[s] = static_cast<uint32_t>(row);
            }
        }
        if (r->column && (r->other || r->via)) rules_.push_back(std::move(r));
    }
}

TableBuilder::~TableBuilder() = default;

void TableBuilder::expectRows(size_t n) {
    table_.lines.reserve(n);
    for (auto& t : targets_) {
        dataset::Column& c = *t->col;
        if (c.numeric()) c.num.reserve(n);
        else if (c.type == ColumnType::Date) c.date.reserve(n);
        else c.sym.reserve(n);
        if (t->primary) {
            c.dict.reserve(n + 1, 0);
            t->firstRow.reserve(n + 1);
        }
    }
}

void TableBuilder::begin(const std::vector<std::string>& header, const Locator& where) {
    core::Location src = where.source();
    segments_.push_back({table_.rows, src.file, where.rowWord()});
    std::unordered_map<std::string, size_t> fileIndex;
    std::vector<std::string> shownHeader;  // as messages may show them
    for (const auto& h : header) shownHeader.push_back(redactCpr(h));
    for (size_t i = 0; i < header.size(); ++i) {
        if (header[i].empty()) {
            diag_->error(where.header(i), "column " + std::to_string(i + 1) + " has no name",
                        "give every column a name in the header row");
            continue;
        }
        if (!fileIndex.emplace(header[i], i).second)
            diag_->error(where.header(i), "column '" + shownHeader[i] + "' appears twice in the header",
                        "rename or remove one of them");
    }
    std::vector<std::string> declared;
    for (const auto& c : spec_.columns) declared.push_back(c.name);
    for (auto& t : targets_) {
        auto it = fileIndex.find(t->spec->name);
        if (it != fileIndex.end()) {
            t->field = static_cast<long>(it->second);
        } else {
            t->field = -1;
            std::string near = project::nearest(t->spec->name, shownHeader);
            diag_->error(where.header(0), "missing column '" + t->spec->name + "'",
                        near.empty() ? "add the column to the file, or remove it from table '" + spec_.name + "' in project.yaml"
                                     : "the file has '" + near + "'; rename it to '" + t->spec->name + "'");
        }
    }
    for (size_t i = 0; i < header.size(); ++i)
        if (!header[i].empty() && !spec_.column(header[i])) {
            std::string near = project::nearest(header[i], declared);
            diag_->warning(where.header(i), "column '" + shownHeader[i] + "' is not declared and is ignored",
                          near.empty() ? "declare it in project.yaml if it is needed" : "did you mean '" + near + "'?");
        }
}

std::string TableBuilder::firstUse(size_t row) const {
    const Segment* seg = &segments_.front();
    for (const auto& s : segments_)
        if (s.firstRow <= row) seg = &s;
    std::string where = seg->rowWord + " " + std::to_string(table_.lines[row]);
    if (seg != &segments_.back()) where += " of " + seg->file;
    return where;
}

void TableBuilder::pushMissing(Target& t) {
    dataset::Column& c = *t.col;
    switch (t.conv) {
        case Conv::Number:
        case Conv::Scaled: c.num.pushMissing(); break;
        case Conv::Date: c.date.push_back(core::kNoDate); break;
        case Conv::Symbol:
        case Conv::Category: c.sym.push_back(0); break;
    }
}

bool TableBuilder::checkCpr(Target& t, std::string_view v, const Locator& where) {
    if (v.size() < 10 || !containsCprLike(v)) return false;
    diag_->error(where.cell(field_), "value in column '" + t.spec->name + "' looks like a CPR number",
                "remove personal identification numbers from the export; use a pseudonymous id");
    t.failed = true;
    return true;
}

void TableBuilder::checkPeriod(Target& t, core::Days d, std::string_view shown, const Locator& where) {
    if (!t.spec->withinPeriod || !p_.periodFrom || (d >= *p_.periodFrom && d <= *p_.periodTo)) return;
    diag_->error(where.cell(field_),
                "date '" + clip(shown) + "' in column '" + t.spec->name + "' is outside the project period " +
                    danishDate(*p_.periodFrom) + " to " + danishDate(*p_.periodTo),
                "correct the date, or declare the column with 'within_period: false'");
}

// A foreign-key value: looked up once in the referenced column; values found there are
// appended to this column's dictionary without a second lookup in its own index.
uint32_t TableBuilder::internForeign(Target& t, std::string_view v, bool& isNew) {
    dataset::Column& c = *t.col;
    // Exports are mostly sorted by citizen: try the id after the last one before hashing.
    const uint32_t guess = t.lastRef + 1;
    const uint32_t ref = guess < t.fkRef->dict.size() && t.fkRef->dict[guess] == v ? guess : t.fkRef->symbolOf(v);
    if (ref) t.lastRef = ref;
    uint32_t s;
    if (ref == 0) {
        s = c.intern(v, &isNew);
    } else {
        if (t.localByRef.empty()) t.localByRef.assign(t.fkRef->dict.size(), 0);
        uint32_t& local = t.localByRef[ref];
        isNew = local == 0;
        if (isNew) local = c.appendNew(v);
        s = local;
    }
    if (t.fkSym.size() <= s) t.fkSym.resize(s + 1 + s / 2, UINT32_MAX);
    t.fkSym[s] = ref;
    return s;
}

// Interns an id or free text, checking the primary key and a foreign key as symbols appear.
void TableBuilder::symbol(Target& t, std::string_view v, const Locator& where) {
    dataset::Column& c = *t.col;
    bool isNew = false;
    uint32_t s;
    if (t.primary && t.increasing) {
        // Ids in increasing order cannot repeat: append now, index in one pass later.
        const size_t n = c.dict.size();
        if (n <= 1 || v > c.dict[n - 1]) {
            s = c.appendNew(v);
            isNew = true;
        } else {
            t.increasing = false;
            s = c.intern(v, &isNew);
        }
    } else if (t.lastSym && c.dict[t.lastSym] == v) {
        s = t.lastSym;
    } else if (t.fkRef) {
        s = internForeign(t, v, isNew);
    } else {
        s = c.intern(v, &isNew);
    }
    t.lastSym = s;
    c.sym.push_back(s);
    if (t.primary) {
        if (recordKeyColumns_) keyColumns_.push_back(static_cast<uint32_t>(where.cellColumn(field_)));
        if (t.firstRow.size() <= s) t.firstRow.resize(s + 1, 0);
        if (t.firstRow[s] != 0)
            diag_->error(where.cell(field_), "duplicate key '" + clip(v) + "' in column '" + t.spec->name + "'",
                        "it is already used " + firstUse(t.firstRow[s] - 1) + "; each row needs its own id");
        else
            t.firstRow[s] = static_cast<uint32_t>(table_.rows + 1);
    }
    if (t.fkRef) {
        if (t.fkSym.size() <= s) t.fkSym.resize(s + 1 + s / 2, UINT32_MAX);
        uint32_t& ref = t.fkSym[s];
        if (ref == UINT32_MAX) ref = t.fkRef->symbolOf(v);
        if (ref == 0)
            diag_->error(where.cell(field_), "'" + clip(v) + "' in column '" + t.spec->name + "' does not exist in " + t.fkTarget,
                        "add the row to " + t.fkTable + " or correct the id");
    }
}

void TableBuilder::convert(Target& t, const Cell& cell, const Locator& where) {
    dataset::Column& c = *t.col;
    const ColumnSpec& cs = *t.spec;
    t.failed = false;
    std::string_view v;
    std::string owned;  // text made from a typed cell
    switch (cell.kind) {
        case Cell::Kind::Empty: break;
        case Cell::Kind::BadUtf8:
            diag_->error(where.cell(field_, cell.badAt), "invalid UTF-8 byte sequence",
                        "save the file as UTF-8, or declare 'encoding: windows-1252' for the table");
            t.failed = true;
            break;
        case Cell::Kind::Reported: t.failed = true; break;
        case Cell::Kind::Text: v = trimView(cell.text); break;
        case Cell::Kind::Number:
            if (t.conv == Conv::Number) {
                double x = cell.number;
                if (std::fabs(x) >= 1e9 && cprLikeNumber(x)) {
                    diag_->error(where.cell(field_), "value in column '" + cs.name + "' looks like a CPR number",
                                "remove personal identification numbers from the export; use a pseudonymous id");
                    t.failed = true;
                    break;
                }
                if (cs.type == ColumnType::Integer && x != std::floor(x)) {
                    diag_->error(where.cell(field_), "'" + numberText(x) + "' in column '" + cs.name + "' is not a whole number",
                                "this column holds whole numbers");
                    t.failed = true;
                } else if (cs.min && (x < *cs.min || x > *cs.max)) {
                    diag_->error(where.cell(field_), "value " + numberText(x) + " in column '" + cs.name +
                                                        "' is outside the allowed range " + describeRange(cs),
                                "correct the value or the column's range in project.yaml");
                    t.failed = true;
                }
                if (t.failed) break;
                c.num.push_back(x);
                return;
            }
            if (t.conv == Conv::Scaled) {
                if (t.scale->byCode(cell.number)) {
                    c.num.push_back(cell.number);
                    return;
                }
            } else if (t.conv == Conv::Date && cell.excelSerial) {
                core::Days d;
                if (excelSerialToDays(cell.number, cell.excelSerial == 2, d)) {
                    c.date.push_back(d);
                    checkPeriod(t, d, danishDate(d), where);
                    return;
                }
            } else if ((t.conv == Conv::Symbol || t.conv == Conv::Category) && cprLikeNumber(cell.number)) {
                diag_->error(where.cell(field_), "value in column '" + cs.name + "' looks like a CPR number",
                            "remove personal identification numbers from the export; use a pseudonymous id");
                t.failed = true;
                break;
            }
            owned = numberText(cell.number);
            v = owned;
            break;
        case Cell::Kind::Date:
            if (t.conv == Conv::Date) {
                c.date.push_back(cell.date);
                checkPeriod(t, cell.date, danishDate(cell.date), where);
                return;
            }
            owned = danishDate(cell.date);
            v = owned;
            break;
    }
    if (v.empty()) {
        if (!t.failed && cs.required && t.field >= 0)
            diag_->error(where.cell(field_), "missing value in required column '" + cs.name + "'",
                        "fill in the value, or declare the column with 'required: false'");
        pushMissing(t);
        return;
    }
    switch (t.conv) {
        case Conv::Symbol:
            if (checkCpr(t, v, where)) break;
            symbol(t, v, where);
            return;
        case Conv::Number: {
            double x;
            if (!parseNumber(v, style_, x)) {
                if (checkCpr(t, v, where)) break;
                diag_->error(where.cell(field_), "'" + clip(v) + "' in column '" + cs.name + "' is not a number",
                            numberHint(style_));
                break;
            }
            if (checkCpr(t, v, where)) break;
            if (cs.type == ColumnType::Integer && x != std::floor(x)) {
                diag_->error(where.cell(field_), "'" + clip(v) + "' in column '" + cs.name + "' is not a whole number",
                            "this column holds whole numbers");
                break;
            }
            if (cs.min && (x < *cs.min || x > *cs.max)) {
                diag_->error(where.cell(field_), "value " + clip(v) + " in column '" + cs.name +
                                                    "' is outside the allowed range " + describeRange(cs),
                            "correct the value or the column's range in project.yaml");
                break;
            }
            c.num.push_back(x);
            return;
        }
        case Conv::Date: {
            std::optional<core::Days> d;
            // dd-mm-yyyy, as Danish exports write dates, without the general parser.
            if (v.size() == 10 && (v[2] == '-' || v[2] == '.') && v[5] == v[2]) {
                auto dig = [&](size_t i) { return static_cast<unsigned>(v[i] - '0'); };
                bool digits = true;
                for (size_t i : {0, 1, 3, 4, 6, 7, 8, 9}) digits = digits && dig(i) <= 9;
                if (digits) {
                    int dd = static_cast<int>(dig(0) * 10 + dig(1)), mm = static_cast<int>(dig(3) * 10 + dig(4));
                    int yy = static_cast<int>(dig(6) * 1000 + dig(7) * 100 + dig(8) * 10 + dig(9));
                    if (core::validYmd(yy, mm, dd)) d = core::daysFromYmd(yy, mm, dd);
                }
            } else {
                d = core::parseDate(v);
            }
            if (!d) {
                if (checkCpr(t, v, where)) break;
                diag_->error(where.cell(field_), "'" + clip(v) + "' in column '" + cs.name + "' is not a valid date",
                            "write dates as dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd");
                break;
            }
            c.date.push_back(*d);
            checkPeriod(t, *d, v, where);
            return;
        }
        case Conv::Scaled:
        case Conv::Category: {
            // Labels as declared first (the common case), then folded case and spaces.
            const Target::Label* hit = nullptr;
            for (const auto& l : t.exact)
                if (l.text.size() == v.size() && std::memcmp(l.text.data(), v.data(), v.size()) == 0) {
                    hit = &l;
                    break;
                }
            if (!hit) {
                auto it = t.byNorm.find(core::normalizeLabel(v));
                if (it != t.byNorm.end()) hit = &t.exact[it->second];
            }
            if (t.conv == Conv::Scaled) {
                double code = kNaN;
                if (hit) code = hit->code;
                else if (double x; parseNumber(v, style_, x) && t.scale->byCode(x)) code = x;
                if (!std::isnan(code)) {
                    c.num.push_back(code);
                    return;
                }
                if (checkCpr(t, v, where)) break;
                std::string near = project::nearest(std::string(v), t.labels);
                diag_->error(where.cell(field_), "unknown answer '" + clip(v) + "' in column '" + cs.name + "' (scale '" + cs.scale + "')",
                            near.empty() ? "use one of the scale's labels or codes" : "did you mean '" + near + "'?");
                break;
            }
            if (hit) {
                auto& label = const_cast<Target::Label&>(*hit);
                if (label.sym == 0) label.sym = c.intern(label.text);
                c.sym.push_back(label.sym);
                return;
            }
            if (checkCpr(t, v, where)) break;
            std::string near = project::nearest(std::string(v), t.labels);
            diag_->error(where.cell(field_), "unknown value '" + clip(v) + "' in column '" + cs.name + "'",
                        near.empty() ? "allowed values are listed under 'values' in project.yaml" : "did you mean '" + near + "'?");
            break;
        }
    }
    t.failed = true;
    pushMissing(t);
}

void TableBuilder::checkDateRules(const Locator& where) {
    const size_t row = table_.rows;
    for (auto& r : rules_) {
        core::Days d = r->column->col->date[row];
        if (d == core::kNoDate) continue;
        core::Days other = core::kNoDate;
        std::string what;
        if (r->other) {
            other = r->other->col->date[row];
            if (other == core::kNoDate || d >= other) continue;
            what = "'" + r->rule->otherColumn + "' (" + danishDate(other) + ") in the same row";
        } else {
            uint32_t s = r->via->col->sym[row];
            if (s == 0) continue;
            if (r->memo.size() <= s) r->memo.resize(s + 1 + s / 2, kUnknown);
            core::Days& m = r->memo[s];
            if (m == kUnknown) {
                m = core::kNoDate;
                const Target& via = *r->via;  // reuse the foreign-key lookup when it is the same key
                uint32_t rs = via.fkRef == r->refKey && s < via.fkSym.size() && via.fkSym[s] != UINT32_MAX
                                  ? via.fkSym[s]
                                  : r->refKey->symbolOf(via.col->dict[s]);
                if (rs && rs < r->refRowBySym.size() && r->refRowBySym[rs] != UINT32_MAX)
                    m = r->refDate->date[r->refRowBySym[rs]];
            }
            other = m;
            if (other == core::kNoDate || d >= other) continue;
            what = r->rule->otherTable + "." + r->rule->otherColumn + " (" + danishDate(other) + ") of '" +
                   std::string(r->via->col->dict[s]) + "'";
        }
        field_ = static_cast<size_t>(r->column->field);
        diag_->error(where.cell(field_),
                    "date '" + danishDate(d) + "' in column '" + r->rule->column + "' is before " + what,
                    r->other ? "correct one of the two dates" : "correct the date here or in " + r->rule->otherTable);
    }
}

// The common cells, handled without the full conversion: one-digit answers, blanks in
// optional columns, labels and codes as declared, the same id as in the row before, and
// dd-mm-yyyy dates inside the period. Anything else (and every problem) goes to convert().
bool TableBuilder::fast(Target& t, const Cell& cell) {
    if (cell.kind != Cell::Kind::Text) return false;
    const std::string_view s = cell.text;
    dataset::Column& c = *t.col;
    if (s.empty()) {
        if (t.spec->required) return false;
        switch (t.conv) {
            case Conv::Number:
            case Conv::Scaled: c.num.pushMissing(); return true;
            case Conv::Date: c.date.push_back(core::kNoDate); return true;
            default: c.sym.push_back(0); return true;
        }
    }
    switch (t.conv) {
        case Conv::Number: {
            if (s.size() != 1) return false;
            const int d = s[0] - '0';
            if (d < 0 || d > 9 || d < t.lo || d > t.hi) return false;
            c.num.pushSmall(d);
            return true;
        }
        case Conv::Scaled:
        case Conv::Category:
            for (auto& l : t.exact)
                if (same(l.text, s)) {
                    if (t.conv == Conv::Scaled) {
                        c.num.push_back(l.code);
                    } else {
                        if (l.sym == 0) l.sym = c.intern(l.text);
                        c.sym.push_back(l.sym);
                    }
                    return true;
                }
            return false;
        case Conv::Symbol: {
            if (t.primary || t.lastSym == 0 || !same(c.dict[t.lastSym], s)) return false;
            if (t.fkRef && t.fkSym[t.lastSym] == 0) return false;  // an orphan is reported on every row
            c.sym.push_back(t.lastSym);
            return true;
        }
        case Conv::Date: {
            if (s.size() != 10 || (s[2] != '-' && s[2] != '.') || s[5] != s[2]) return false;
            unsigned dig[10];
            for (size_t i : {0, 1, 3, 4, 6, 7, 8, 9}) {
                dig[i] = static_cast<unsigned>(s[i] - '0');
                if (dig[i] > 9) return false;
            }
            const int dd = static_cast<int>(dig[0] * 10 + dig[1]), mm = static_cast<int>(dig[3] * 10 + dig[4]);
            const int yy = static_cast<int>(dig[6] * 1000 + dig[7] * 100 + dig[8] * 10 + dig[9]);
            if (!core::validYmd(yy, mm, dd)) return false;
            const core::Days d = core::daysFromYmd(yy, mm, dd);
            if (t.spec->withinPeriod && p_.periodFrom && (d < *p_.periodFrom || d > *p_.periodTo)) return false;
            c.date.push_back(d);
            return true;
        }
    }
    return false;
}

bool TableBuilder::row(const Cell* cells, uint32_t line, const Locator& where) {
    static const Cell kEmpty;
    for (auto& tp : targets_) {
        Target& t = *tp;
        if (t.field >= 0 && fast(t, cells[t.field])) continue;
        field_ = t.field >= 0 ? static_cast<size_t>(t.field) : 0;
        convert(t, t.field >= 0 ? cells[t.field] : kEmpty, where);
    }
    if (!rules_.empty()) checkDateRules(where);
    table_.lines.push_back(line);
    ++table_.rows;
    return !diag_->full();
}

std::unique_ptr<TableBuilder> TableBuilder::fork() const {
    auto own = std::make_unique<core::Diagnostics>(1000);
    std::unique_ptr<TableBuilder> b(new TableBuilder(p_, spec_, loaded_, *own));
    b->ownDiag_ = std::move(own);
    b->style_ = style_;
    for (size_t k = 0; k < targets_.size(); ++k) b->targets_[k]->field = targets_[k]->field;
    b->segments_ = {segments_.back()};
    b->segments_.back().firstRow = 0;
    b->recordKeyColumns_ = true;
    return b;
}

void TableBuilder::absorbDiagnostics(const TableBuilder& part) { diag_->append(*part.diag_); }

void TableBuilder::absorb(TableBuilder& part) {
    const size_t base = table_.rows;
    std::vector<core::Diagnostic> duplicates;  // keys used in both parts, found while merging
    const std::string file = segments_.back().file;
    for (size_t k = 0; k < targets_.size(); ++k) {
        Target& t = *targets_[k];
        Target& pt = *part.targets_[k];
        dataset::Column& dst = *t.col;
        dataset::Column& src = *pt.col;
        if (t.conv == Conv::Number || t.conv == Conv::Scaled) {
            dst.num.append(src.num);
            continue;
        }
        if (t.conv == Conv::Date) {
            dst.date.insert(dst.date.end(), src.date.begin(), src.date.end());
            continue;
        }
        // Symbols: the part's dictionary mapped into this one.
        std::vector<uint32_t> remap(src.dict.size(), 0);
        if (t.primary) {
            const size_t n = dst.dict.size();
            const bool append = t.increasing && pt.increasing && (n <= 1 || src.dict.size() <= 1 || src.dict[1] > dst.dict[n - 1]);
            if (!append) t.increasing = false;
            for (uint32_t s = 1; s < src.dict.size(); ++s) {
                bool isNew = true;
                uint32_t d = append ? dst.appendNew(src.dict[s]) : dst.intern(src.dict[s], &isNew);
                remap[s] = d;
                const uint32_t partRow = pt.firstRow[s] - 1;
                if (t.firstRow.size() <= d) t.firstRow.resize(d + 1 + d / 2, 0);
                if (!isNew && t.firstRow[d] != 0) {
                    core::Location at{file, part.table_.lines[partRow], static_cast<long>(part.keyColumns_[partRow])};
                    duplicates.push_back({core::Severity::Error, at,
                                          "duplicate key '" + clip(src.dict[s]) + "' in column '" + t.spec->name + "'",
                                          "it is already used " + firstUse(t.firstRow[d] - 1) + "; each row needs its own id"});
                } else {
                    t.firstRow[d] = static_cast<uint32_t>(base + partRow + 1);
                }
            }
        } else if (t.fkRef) {
            for (uint32_t s = 1; s < src.dict.size(); ++s) {
                bool isNew;
                uint32_t ref = s < pt.fkSym.size() ? pt.fkSym[s] : UINT32_MAX;
                if (ref == UINT32_MAX || ref == 0) {
                    remap[s] = dst.intern(src.dict[s], &isNew);
                } else {
                    if (t.localByRef.empty()) t.localByRef.assign(t.fkRef->dict.size(), 0);
                    uint32_t& local = t.localByRef[ref];
                    if (local == 0) local = dst.appendNew(src.dict[s]);
                    remap[s] = local;
                }
                if (t.fkSym.size() <= remap[s]) t.fkSym.resize(remap[s] + 1 + remap[s] / 2, UINT32_MAX);
                t.fkSym[remap[s]] = ref;
            }
        } else {
            for (uint32_t s = 1; s < src.dict.size(); ++s) remap[s] = dst.intern(src.dict[s]);
        }
        dst.sym.reserve(dst.sym.size() + src.sym.size());
        for (uint32_t s : src.sym) dst.sym.push_back(remap[s]);
        t.lastSym = 0;
    }
    table_.lines.insert(table_.lines.end(), part.table_.lines.begin(), part.table_.lines.end());
    table_.rows += part.table_.rows;
    // The part's problems and the duplicates in file order, as one reader would have found them.
    std::stable_sort(duplicates.begin(), duplicates.end(),
                     [](const core::Diagnostic& a, const core::Diagnostic& b) { return a.where.line < b.where.line; });
    auto dup = duplicates.begin();
    auto push = [&](const core::Diagnostic& d) {
        if (d.severity == core::Severity::Error) diag_->error(d.where, d.problem, d.fix);
        else diag_->warning(d.where, d.problem, d.fix);
    };
    for (const auto& d : part.diag_->items()) {
        while (dup != duplicates.end() && dup->where.line <= d.where.line) push(*dup++);
        push(d);
    }
    while (dup != duplicates.end()) push(*dup++);
}

dataset::Table TableBuilder::finish() {
    if (table_.rows == 0 && !segments_.empty())
        diag_->warning({segments_.front().file}, "table '" + spec_.name + "' has no rows",
                      "check that the export holds data, not only the column names");
    return std::move(table_);
}

}  // namespace ingest
