// Worker processes for the stages that open files (Poppler, Tesseract): a
// PDF that crashes, hangs or exhausts memory takes its worker down, not the
// batch. Each document is processed in a forked child with a memory cap
// (RLIMIT_AS) and a wall-clock limit; the child runs the stages that read
// the file and make the text (Pipeline::ProcessText), sends its
// IndexedDocument back through a pipe (doc_codec.h), and the parent mines
// and classifies it (Pipeline::MineAndClassify, on a thread, with pattern
// sets that stay warm across documents) and, the only writer, stores it.
// Up to `jobs` children run at once.
#ifndef PLANMINE_RUNNER_WORKERS_H_
#define PLANMINE_RUNNER_WORKERS_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "pipeline/discover/manifest.h"
#include "pipeline/runner/pipeline.h"

namespace planmine {

// The largest result the parent accepts from a worker: a worker that claims
// more (a document that makes too much to index, or a worker gone wrong) is
// refused before the parent allocates anything for it, so that the parent's
// memory is bounded by this, not by the document.
inline constexpr uint64_t kMaxWorkerResultBytes = 256ull << 20;

struct WorkItem {
  SourceFile file;          // hashed
  Corrections corrections;  // stored for the file: win over inference
};

// Processes every item, handing them to the workers largest file first;
// in the parent, mines each result (on a thread of its own, with workers)
// and then calls `done(index, result)`, one at a time, in the order
// results arrive, on another thread: the parent goes on
// reading results and handing out items while `done` writes one. A
// child that dies, overruns its time or its memory gives a result with the
// reason; so does one whose result is over kMaxWorkerResultBytes. Stops early,
// returning its error, when `done` returns one.
Status ProcessInWorkers(
    const Pipeline& pipeline, const std::vector<WorkItem>& items,
    const WorkerLimits& limits,
    const std::function<Status(size_t, Result<IndexedDocument>)>& done);

}  // namespace planmine

#endif  // PLANMINE_RUNNER_WORKERS_H_
