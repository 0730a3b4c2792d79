#pragma once
// The one converter behind every format: maps a source's columns to the declared ones, types
// each cell (numbers, dates, scale labels and codes, categories, ids), checks it (required,
// range, CPR numbers, project period, keys, not_before) and appends it to the table.
// Problems go to Diagnostics with the cell's own location.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/Diagnostics.hpp"
#include "dataset/Dataset.hpp"
#include "ingest/Source.hpp"
#include "project/Project.hpp"

namespace ingest {

// The tables read before this one, by name; nullptr for a table not read (yet) or read only in
// part. Asked only while the builder is constructed.
using LoadedTables = std::function<const dataset::Table*(std::string_view name)>;

class TableBuilder : public RowSink {
public:
    // Foreign keys and not_before rules into `loaded` tables are checked row by row; those
    // into other tables are left for Ingest (deferredKeys()).
    TableBuilder(const project::Project& p, const project::TableSpec& spec, const LoadedTables& loaded,
                 core::Diagnostics& diag);
    ~TableBuilder() override;

    void setNumberStyle(NumberStyle s) { style_ = s; }
    void expectRows(size_t n) override;
    void begin(const std::vector<std::string>& header, const Locator& where) override;
    bool row(const Cell* cells, uint32_t line, const Locator& where) override;

    // A builder for a later part of the same file (read on another thread), with this one's
    // column mapping and its own Diagnostics; absorb() appends its rows and problems.
    std::unique_ptr<TableBuilder> fork() const;
    core::Diagnostics& diagnostics() { return *diag_; }
    void absorbDiagnostics(const TableBuilder& part);
    void absorb(TableBuilder& part);

    // Foreign keys whose table was not loaded before this one; Ingest checks them afterwards.
    const std::vector<const project::ForeignKey*>& deferredKeys() const { return deferred_; }
    dataset::Table finish();

private:
    struct Target;
    struct DateRule;
    struct Segment {
        size_t firstRow;
        std::string file;
        std::string rowWord;
    };

    bool fast(Target& t, const Cell& c);
    void convert(Target& t, const Cell& c, const Locator& where);
    void pushMissing(Target& t);
    void symbol(Target& t, std::string_view v, const Locator& where);
    uint32_t internForeign(Target& t, std::string_view v, bool& isNew);
    bool checkCpr(Target& t, std::string_view v, const Locator& where);
    void checkPeriod(Target& t, core::Days d, std::string_view shown, const Locator& where);
    void checkDateRules(const Locator& where);
    std::string firstUse(size_t row) const;

    const project::Project& p_;
    const project::TableSpec& spec_;
    LoadedTables loaded_;
    core::Diagnostics* diag_;
    std::unique_ptr<core::Diagnostics> ownDiag_;  // a fork's own
    bool recordKeyColumns_ = false;               // a fork keeps each key cell's column for absorb()
    std::vector<uint32_t> keyColumns_;
    NumberStyle style_ = NumberStyle::Either;
    dataset::Table table_;
    std::vector<std::unique_ptr<Target>> targets_;
    std::vector<std::unique_ptr<DateRule>> rules_;
    std::vector<const project::ForeignKey*> deferred_;
    std::vector<Segment> segments_;
    size_t field_ = 0;  // the field being converted, for messages
};

}  // namespace ingest
