// Worker processes for the stages that open files (Poppler, Tesseract): a
// PDF that crashes, hangs or exhausts memory takes its worker down, not the
// batch. Each document is processed in a forked child with a memory cap
// (RLIMIT_AS) and a wall-clock limit; the child sends its IndexedDocument
// back through a pipe (doc_codec.h) and the parent, the only writer, stores
// it. Up to `jobs` children run at once.
#ifndef PLANMINE_RUNNER_WORKERS_H_
#define PLANMINE_RUNNER_WORKERS_H_

#include <functional>
#include <vector>

#include "pipeline/discover/manifest.h"
#include "pipeline/runner/pipeline.h"

namespace planmine {

struct WorkItem {
  SourceFile file;          // hashed
  Corrections corrections;  // stored for the file: win over inference
};

// Processes every item; calls `done(index, result)` in the parent, in the
// order results arrive. A child that dies, overruns its time or its memory
// gives a result with the reason. Stops early, returning its error, when
// `done` returns one.
Status ProcessInWorkers(
    const Pipeline& pipeline, const std::vector<WorkItem>& items,
    const WorkerLimits& limits,
    const std::function<Status(size_t, Result<IndexedDocument>)>& done);

}  // namespace planmine

#endif  // PLANMINE_RUNNER_WORKERS_H_
