#pragma once
// Renders many reports from one loaded project: the data are ingested and indexed once
// (cli::loadBase), then each report is prepared and laid out on one of N worker threads.
// One report's failure is that report's only; the others go on.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cli/Report.hpp"

namespace delivery {

struct BatchItem {
    cli::Request request;   // params and date; project and template come from the base
    std::string outPath;    // written atomically
    // Runs on the worker after the PDF is written, with the prepared report (the scheduler
    // expands the e-mail text from its key figures here). A throw fails the item.
    std::function<void(const cli::Prepared&)> inspect;
};

struct BatchResult {
    bool ok = false;
    std::string error;      // one line, file:line:col: problem; fix
    double seconds = 0;     // prepare + layout + PDF on its worker
};

// Called once per finished item, never concurrently (the renderer holds a lock).
using BatchDone = std::function<void(size_t index, const BatchResult&)>;

// Renders `items` on `threads` workers (0: one per core) and returns a result per item,
// in the order of `items`.
std::vector<BatchResult> renderBatch(const std::shared_ptr<const cli::Base>& base, const std::vector<BatchItem>& items,
                                     unsigned threads, const BatchDone& onDone = {});

// Worker count for `requested` (0: hardware concurrency), never more than `items`.
unsigned workerCount(unsigned requested, size_t items);

}  // namespace delivery
