#include "ingest/Ingest.hpp"

#include <glob.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "ingest/CsvSource.hpp"
#include "ingest/Sources.hpp"
#include "ingest/TableBuilder.hpp"

namespace ingest {

namespace {

Encoding encodingOf(const project::TableSpec& spec) {
    if (spec.encoding == "utf-8") return Encoding::Utf8;
    if (spec.encoding == "windows-1252") return Encoding::Windows1252;
    return Encoding::Auto;
}

// The files a source names: itself, or a glob's matches in name order. A match never leaves
// the project directory: wildcards do not stand for "." or "..".
std::vector<std::string> sourceFiles(const project::TableSpec& spec) {
    if (!spec.isGlob) return {spec.sourcePath};
    glob_t g{};
    int rc = ::glob(spec.sourcePath.c_str(), GLOB_NOSORT, nullptr, &g);
    std::vector<std::string> files;
    if (rc == 0)
        for (size_t i = 0; i < g.gl_pathc; ++i) {
            std::string f = g.gl_pathv[i];
            bool dotPart = false;
            size_t start = 0;
            while (start <= f.size()) {
                size_t slash = f.find('/', start);
                std::string part = f.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
                if (part == "..") dotPart = true;
                if (slash == std::string::npos) break;
                start = slash + 1;
            }
            struct stat st {};
            if (!dotPart && stat(f.c_str(), &st) == 0 && S_ISREG(st.st_mode)) files.push_back(f);
        }
    globfree(&g);
    std::sort(files.begin(), files.end());
    if (files.empty())
        throw core::Error({spec.sourcePath}, "no file matches '" + spec.source + "'",
                          "check the pattern in 'source' and that the files are in place");
    return files;
}

// project.yaml keeps every path inside the project directory (Schema.cpp); a symbolic link
// could still lead out of it (data/borgere.csv -> /etc/passwd). The file actually opened must
// lie inside the project directory once links are resolved.
void checkInside(const project::Project& p, const std::string& file) {
    char dirBuf[PATH_MAX], fileBuf[PATH_MAX];
    if (!::realpath(p.dir.empty() ? "." : p.dir.c_str(), dirBuf) || !::realpath(file.c_str(), fileBuf)) return;  // opening reports it
    std::string dir = dirBuf, real = fileBuf;
    if (dir != "/") dir += '/';
    if (real.compare(0, dir.size(), dir) != 0)
        throw core::Error({file}, "the file is a link to a file outside the project directory",
                          "copy the data file into the project directory instead of linking to it");
}

std::unique_ptr<RowSource> openSource(const project::Project& p, const project::TableSpec& spec, const std::string& file) {
    switch (spec.format) {
        case project::SourceFormat::Csv: return openCsv(file, encodingOf(spec), spec.decimalSeparator);
        case project::SourceFormat::Xlsx: return openXlsx(file, spec.sheet, spec.decimalSeparator);
        case project::SourceFormat::Json: return openJson(file, spec.decimalSeparator);
        case project::SourceFormat::Sql: return openSql(p, spec);
    }
    return nullptr;
}

// The tables `t` refers to: through foreign keys and not_before rules.
std::vector<std::string> referencedTables(const project::TableSpec& t) {
    std::vector<std::string> out;
    for (const auto& fk : t.foreignKeys) out.push_back(fk.refTable);
    for (const auto& d : t.notBefore)
        if (!d.otherTable.empty()) out.push_back(d.otherTable);
    return out;
}

// Tables in an order where the tables a table refers to (foreign keys, not_before) come
// first, so those checks run row by row with each cell's location. Cycles keep file order.
std::vector<size_t> loadOrder(const project::Project& p) {
    const size_t n = p.tables.size();
    std::vector<size_t> order;
    std::vector<int> state(n, 0);  // 0 new, 1 in progress, 2 done
    auto index = [&](const std::string& name) -> long {
        for (size_t i = 0; i < n; ++i)
            if (p.tables[i].name == name) return static_cast<long>(i);
        return -1;
    };
    std::function<void(size_t)> visit = [&](size_t i) {
        if (state[i]) return;
        state[i] = 1;
        for (const auto& d : referencedTables(p.tables[i])) {
            long j = index(d);
            if (j >= 0 && state[static_cast<size_t>(j)] == 0) visit(static_cast<size_t>(j));
        }
        state[i] = 2;
        order.push_back(i);
    };
    for (size_t i = 0; i < n; ++i) visit(i);
    return order;
}

// Files from this size on are read as two halves on two threads.
constexpr uint64_t kParallelBytes = 8u << 20;

// Reads a large CSV file as two halves at once: this thread reads up to a record boundary
// near the middle, a second thread the rest into a forked builder, which is then appended.
// Returns false if the file has no usable split point (the caller reads it in one go).
bool readCsvInHalves(const project::TableSpec& spec, const std::string& file, TableBuilder& builder, core::Diagnostics& diag) {
    struct stat st {};
    if (stat(file.c_str(), &st) != 0 || static_cast<uint64_t>(st.st_size) < kParallelBytes) return false;
    if (std::thread::hardware_concurrency() < 2) return false;
    long line = 0;
    const uint64_t split = CsvReader::splitPoint(file, line);
    if (split == 0) return false;
    CsvSource first(file, encodingOf(spec), spec.decimalSeparator);
    first.stopAt(split);
    CsvSource second(first, split, static_cast<uint64_t>(st.st_size), line);
    builder.setNumberStyle(first.numberStyle());
    builder.begin(first.columns(), first.locator());
    std::unique_ptr<TableBuilder> part = builder.fork();
    std::exception_ptr secondFailed;
    std::thread worker([&] {
        try {
            second.readRows(*part, part->diagnostics());
            second.readRows(*part, part->diagnostics());
        } catch (...) {
            secondFailed = std::current_exception();
        }
    });
    try {
        first.readRows(builder, diag);
    } catch (...) {
        worker.join();  // the second half is dropped: after a broken first half its split may be wrong
        throw;
    }
    worker.join();
    if (secondFailed) {
        builder.absorbDiagnostics(*part);
        std::rethrow_exception(secondFailed);
    }
    builder.absorb(*part);
    return true;
}

dataset::Table build(const project::Project& p, const project::TableSpec& spec, const LoadedTables& loaded,
                     core::Diagnostics& diag, std::vector<const project::ForeignKey*>* deferred, bool& failed) {
    TableBuilder builder(p, spec, loaded, diag);
    failed = false;
    const std::vector<std::string> files =
        spec.format == project::SourceFormat::Sql ? std::vector<std::string>{""} : sourceFiles(spec);
    for (const auto& file : files) {
        try {
            if (spec.format != project::SourceFormat::Sql) checkInside(p, file);
            if (spec.format == project::SourceFormat::Csv && readCsvInHalves(spec, file, builder, diag)) continue;
            auto src = openSource(p, spec, file);
            builder.setNumberStyle(src->numberStyle());
            src->read(builder, diag);
        } catch (const core::Error& e) {
            // The file cannot be read to its end; report it and go on with the other files.
            diag.add(e);
            failed = true;
        }
        if (diag.full()) break;
    }
    if (deferred) *deferred = builder.deferredKeys();
    return builder.finish();
}

using Deferred = std::vector<std::pair<const project::TableSpec*, std::vector<const project::ForeignKey*>>>;

// The tables one after another in load order, each seeing all tables read before it.
void loadInOrder(const project::Project& p, const std::vector<size_t>& order, dataset::Dataset& ds, Deferred& deferred,
                 core::Diagnostics& diag) {
    const LoadedTables loaded = [&ds](std::string_view name) { return ds.table(name); };
    for (size_t i : order) {
        const auto& spec = p.tables[i];
        std::vector<const project::ForeignKey*> later;
        try {
            bool failed;
            dataset::Table t = build(p, spec, loaded, diag, &later, failed);
            // A table read only in part is left out: checks against it would mislead.
            if (!failed) ds.tables.push_back(std::move(t));
            if (!later.empty()) deferred.emplace_back(&spec, std::move(later));
        } catch (const core::Error& e) {
            diag.add(e);
        }
        if (diag.full()) break;
    }
}

// The same result on two threads. A table waits only for the tables it refers to that come
// before it in load order: those are all it sees, as in loadInOrder (a table refers to no
// others; one later in the order is a deferred key either way). Each table collects its own
// problems, appended afterwards in load order. Returns false, leaving `ds` and `diag`
// untouched, when those problems would fill `diag`: loadInOrder stops reading at that point,
// which a parallel read cannot reproduce, so the caller reads again in order.
bool loadInParallel(const project::Project& p, const std::vector<size_t>& order, dataset::Dataset& ds, Deferred& deferred,
                    core::Diagnostics& diag) {
    struct Slot {
        std::vector<size_t> before;  // positions in `order` of the tables this one refers to
        dataset::Table table;
        bool done = false, failed = false;
        core::Diagnostics diag;
        std::vector<const project::ForeignKey*> later;
    };
    const size_t n = order.size();
    std::vector<Slot> slots(n);
    std::vector<size_t> position(p.tables.size());
    for (size_t k = 0; k < n; ++k) position[order[k]] = k;
    for (size_t k = 0; k < n; ++k) {
        for (const auto& name : referencedTables(p.tables[order[k]]))
            for (size_t i = 0; i < p.tables.size(); ++i)
                if (p.tables[i].name == name && position[i] < k) slots[k].before.push_back(position[i]);
        slots[k].diag = core::Diagnostics(diag.limit());
    }
    std::mutex m;
    std::condition_variable finished;
    size_t next = 0;
    std::exception_ptr unexpected;
    auto work = [&] {
        for (;;) {
            size_t k;
            {
                std::unique_lock lock(m);
                if (next == n || unexpected) return;
                k = next++;
                Slot& s = slots[k];
                finished.wait(lock, [&] {
                    return std::all_of(s.before.begin(), s.before.end(), [&](size_t j) { return slots[j].done; });
                });
            }
            Slot& s = slots[k];
            const LoadedTables loaded = [&](std::string_view name) -> const dataset::Table* {
                for (size_t j : s.before)
                    if (!slots[j].failed && slots[j].table.name == name) return &slots[j].table;
                return nullptr;
            };
            try {
                s.table = build(p, p.tables[order[k]], loaded, s.diag, &s.later, s.failed);
            } catch (const core::Error& e) {
                s.diag.add(e);
                s.failed = true;
            } catch (...) {
                std::lock_guard lock(m);
                unexpected = std::current_exception();
                s.failed = true;
            }
            {
                std::lock_guard lock(m);
                s.done = true;
            }
            finished.notify_all();
        }
    };
    std::thread helper(work);
    work();
    helper.join();
    if (unexpected) std::rethrow_exception(unexpected);

    size_t problems = diag.items().size();
    for (const Slot& s : slots) problems += s.diag.items().size() + s.diag.dropped();
    if (problems >= diag.limit()) return false;
    for (size_t k = 0; k < n; ++k) {
        Slot& s = slots[k];
        diag.append(s.diag);
        if (!s.failed) ds.tables.push_back(std::move(s.table));
        if (!s.later.empty()) deferred.emplace_back(&p.tables[order[k]], std::move(s.later));
    }
    return true;
}

}  // namespace

dataset::Table loadTable(const project::Project& p, const project::TableSpec& spec, core::Diagnostics& diag) {
    bool failed;
    return build(p, spec, [](std::string_view) { return nullptr; }, diag, nullptr, failed);
}

dataset::Dataset loadDataset(const project::Project& p, core::Diagnostics& diag) {
    dataset::Dataset ds;
    ds.tables.reserve(p.tables.size());
    Deferred deferred;
    const std::vector<size_t> order = loadOrder(p);
    // Two tables or more are read on two threads; a small project's tables take tens of
    // microseconds, about what starting a thread costs, so it does not matter there.
    if (order.size() < 2 || std::thread::hardware_concurrency() < 2 || !loadInParallel(p, order, ds, deferred, diag)) {
        ds.tables.clear();
        deferred.clear();
        loadInOrder(p, order, ds, deferred, diag);
    }
    // Foreign keys into tables that were not loaded first (cycles, a table referring to
    // itself): every value must exist in the referenced column. Located by row.
    for (const auto& [spec, fks] : deferred) {
        const dataset::Table* t = ds.table(spec->name);
        for (const auto* fk : fks) {
            const dataset::Table* rt = ds.table(fk->refTable);
            const dataset::Column* c = t ? t->column(fk->column) : nullptr;
            const dataset::Column* rc = rt ? rt->column(fk->refColumn) : nullptr;
            if (!c || !rc || !c->symbolic() || !rc->symbolic()) continue;
            for (size_t r = 0; r < t->rows; ++r) {
                if (c->sym[r] == 0) continue;
                std::string_view v = c->text(r);
                if (rc->symbolOf(v) == 0)
                    diag.error({t->source, t->lines[r], 0},
                               "'" + std::string(v) + "' in column '" + fk->column + "' does not exist in " + fk->refTable +
                                   "." + fk->refColumn,
                               "add the row to " + fk->refTable + " or correct the id");
            }
        }
    }
    // Keep the declared order: messages and stats do not depend on the load order.
    std::vector<dataset::Table> ordered;
    ordered.reserve(ds.tables.size());
    for (const auto& spec : p.tables)
        for (auto& t : ds.tables)
            if (t.name == spec.name) ordered.push_back(std::move(t));
    ds.tables = std::move(ordered);
    return ds;
}

}  // namespace ingest
