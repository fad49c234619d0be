#include "pipeline/runner/refresh_policy.h"

namespace planmine {

const char* RefreshActionName(RefreshAction action) {
  switch (action) {
    case RefreshAction::kUnchanged:
      return "unchanged";
    case RefreshAction::kRemine:
      return "remine";
    case RefreshAction::kHash:
      return "hash";
    case RefreshAction::kTouched:
      return "touched";
    case RefreshAction::kMoved:
      return "moved";
    case RefreshAction::kExtract:
      return "extract";
  }
  return "extract";
}

RefreshDecision DecideRefresh(const RefreshFacts& facts) {
  const SourceFile& f = *facts.file;
  const StoredDocument* stored = facts.stored;
  const bool failed = stored != nullptr && stored->status == "failed";
  // Stored, but made with other corrections than those stored now.
  const bool corrected =
      stored != nullptr && stored->corrections != facts.corrections;
  const bool current =
      stored != nullptr && stored->versions == facts.versions && !failed;
  // Same size and mtime as stored: a nightly run over an unchanged folder
  // only stats files.
  const bool same_stat = stored != nullptr &&
                         stored->size == static_cast<int64_t>(f.size) &&
                         stored->mtime == f.mtime;
  if (current && same_stat && !corrected) return {RefreshAction::kUnchanged};
  // Same file, same text stages, other packs, miner or corrections: mined
  // again from the stored text.
  if (same_stat && !failed && facts.stored_has_text)
    return {RefreshAction::kRemine, current};
  if (f.sha256.empty()) return {RefreshAction::kHash};
  if (current && stored->sha256 == f.sha256)  // touched, same bytes
    return {RefreshAction::kTouched, corrected};
  // A new path with the bytes of a stored file no longer where it was: the
  // file was moved or renamed.
  if (stored == nullptr)
    for (const StoredDocument* d : facts.gone_same_bytes)
      if (d->versions == facts.versions && d->status != "failed")
        return {RefreshAction::kMoved, false, d};
  return {RefreshAction::kExtract};
}

}  // namespace planmine
