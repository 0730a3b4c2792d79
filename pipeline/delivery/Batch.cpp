#include "delivery/Batch.hpp"

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "core/Error.hpp"

namespace delivery {

unsigned workerCount(unsigned requested, size_t items) {
    unsigned n = requested ? requested : std::max(1u, std::thread::hardware_concurrency());
    if (items < n) n = static_cast<unsigned>(std::max<size_t>(items, 1));
    return n;
}

std::vector<BatchResult> renderBatch(const std::shared_ptr<const cli::Base>& base, const std::vector<BatchItem>& items,
                                     unsigned threads, const BatchDone& onDone) {
    std::vector<BatchResult> results(items.size());
    std::atomic<size_t> next{0};
    std::mutex doneMutex;
    auto work = [&] {
        for (size_t i = next++; i < items.size(); i = next++) {
            auto start = std::chrono::steady_clock::now();
            BatchResult r;
            try {
                cli::Prepared p = cli::prepareReport(base, items[i].request);
                cli::renderPdf(p, items[i].outPath);
                if (items[i].inspect) items[i].inspect(p);
                r.ok = true;
            } catch (const core::Error& e) {
                r.error = e.oneLine();
            } catch (const std::exception& e) {
                r.error = std::string("internal error: ") + e.what();
            }
            r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            std::lock_guard<std::mutex> lock(doneMutex);
            results[i] = r;
            if (onDone) onDone(i, r);
        }
    };
    unsigned n = workerCount(threads, items.size());
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < n; ++t) pool.emplace_back(work);
    work();  // the calling thread is the first worker
    for (auto& t : pool) t.join();
    return results;
}

}  // namespace delivery
