// The refresh policy: what a refresh does with one file it found, decided
// from what is on disk and what the index holds, and nothing else.
//
// A pure function: it opens no file and reads no database; the caller
// gathers the facts (stat, the stored row, the corrections stored now, the
// file's SHA-256 once hashed) and applies the decision. `refresh`
// (runner/pipeline.cc), `plan-shards` and `merge` (shard/) all call it, so
// a file sharded on a cluster is treated exactly as one refresh treats it.
//
//   RefreshFacts facts{&file, stored, fingerprint, versions, has_text};
//   RefreshDecision d = DecideRefresh(facts);
//   if (d.action == RefreshAction::kHash) {  // the stat alone cannot tell
//     file.sha256 = *Sha256File(file.path);
//     facts.gone_same_bytes = …;  // for a new path: stored copies now gone
//     d = DecideRefresh(facts);
//   }
#ifndef PLANMINE_RUNNER_REFRESH_POLICY_H_
#define PLANMINE_RUNNER_REFRESH_POLICY_H_

#include <string>
#include <vector>

#include "pipeline/discover/discover.h"
#include "pipeline/load/store.h"

namespace planmine {

enum class RefreshAction {
  // Same size, mtime, stage versions and corrections as stored: not read.
  kUnchanged,
  // Same stat and text stages; the packs or the miner changed (or, for a
  // current document, only its corrections): mined again from the stored
  // text, the file left unopened. `only_corrections` tells which.
  kRemine,
  // The stat cannot decide: hash the file (fill file->sha256) and ask again.
  kHash,
  // Current, touched (new mtime), same bytes: the new stat is recorded;
  // re-classified from the stored text when `only_corrections`.
  kTouched,
  // A new path with the bytes of a stored, current document whose file is
  // gone: its rows follow it (`moved_from`), unread.
  kMoved,
  // New, changed, failed before, or made by other text stages: read in a
  // worker and stored.
  kExtract,
};

// "unchanged", "remine", "hash", "touched", "moved", "extract".
const char* RefreshActionName(RefreshAction action);

struct RefreshFacts {
  const SourceFile* file = nullptr;  // sha256 empty until hashed
  // The stored row at file->path; null when the index has none.
  const StoredDocument* stored = nullptr;
  // CorrectionsFingerprint of the corrections stored for the path now.
  std::string corrections;
  // The versions this pipeline writes (Pipeline::versions()).
  std::string versions;
  // Whether `stored` has the text this pipeline would extract
  // (Pipeline::HasTextOf(stored->versions)).
  bool stored_has_text = false;
  // Only once hashed, for a path the index does not have: the stored
  // documents with the same bytes whose files are gone from disk and were
  // not found by this run, oldest first.
  std::vector<const StoredDocument*> gone_same_bytes;
};

struct RefreshDecision {
  RefreshAction action = RefreshAction::kExtract;
  // kRemine and kTouched: whether only the corrections changed (the
  // document is current otherwise).
  bool only_corrections = false;
  // kMoved: the stored document whose rows follow the file.
  const StoredDocument* moved_from = nullptr;
};

// REQUIRES: facts.file is set.
RefreshDecision DecideRefresh(const RefreshFacts& facts);

}  // namespace planmine

#endif  // PLANMINE_RUNNER_REFRESH_POLICY_H_
