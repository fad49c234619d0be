// load: writes IndexedDocuments into the SQLite index (schema.h,
// docs/schema.md).
//
// WAL journal, foreign keys on, one transaction per document: a document is
// either fully in the index or not at all. Replace() deletes a path's old rows
// (cascading to pages, sentences, FTS, findings) before inserting the new ones.
// A file that fails keeps whatever rows an earlier good version left; the
// failure is recorded in ingest_errors and documents.error.
#ifndef PLANMINE_LOAD_STORE_H_
#define PLANMINE_LOAD_STORE_H_

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "extractors/pattern_pack.h"
#include "pipeline/core/corrections.h"
#include "pipeline/core/status.h"
#include "pipeline/load/db.h"
#include "pipeline/load/indexed_document.h"

namespace planmine {

struct StoredDocument {
  int64_t id = 0;
  std::string path;
  std::string sha256;
  std::string status;
  std::string versions;
  int64_t size = 0, mtime = 0;
  // The corrections its row was made with (documents.corrections).
  std::string corrections;
};

// A stored document's text as the mine stage needs it, read back from the
// index (pages, blocks, fields, sentences, metadata): what a re-mine works
// from without opening the file.
struct StoredText {
  int64_t doc_id = 0;
  IndexedDocument doc;                // findings and classification empty
  std::vector<int64_t> sentence_ids;  // of doc.sentences, in order
};

struct RunCounts {
  int files_seen = 0, ingested = 0, unchanged = 0, failed = 0;
  // Unchanged files whose stored corrections changed: re-classified.
  int corrected = 0;
  // Seconds per stage, summed over the run's documents (workers run in
  // parallel: the sum can exceed the run's wall time).
  std::map<std::string, double> stage_seconds;
};

class Store {
 public:
  // Opens or creates the index at `path` (its folder must exist) for
  // writing. Refused, with the file left untouched: a path that is not a
  // regular file (FIFO, device, folder), a file that is not SQLite, an index
  // of a newer schema than kSchemaVersion, and — unless `allow_foreign` — a
  // SQLite database with tables but no planmine schema_version. An empty
  // file or database becomes an index; an older index is migrated.
  static Result<std::unique_ptr<Store>> Open(const std::string& path,
                                             bool allow_foreign = false);
  // Opens an existing index for queries only, read-only (immutable when the
  // file or its folder cannot be written, db.h). Each refusal names its
  // cause: no file, not a regular file, not SQLite or damaged ("file is not
  // a database", "database disk image is malformed"), not a planmine index,
  // a newer schema. An older index is upgraded first (which needs write
  // access).
  static Result<std::unique_ptr<Store>> OpenForQuery(const std::string& path);

  Result<std::optional<StoredDocument>> Find(const std::string& path);
  Status Replace(const IndexedDocument& doc, int64_t run_id);
  // The stored text of the document at `path`.
  Result<StoredText> LoadText(const std::string& path);
  // Replaces what the mine and classify stages made of a stored document
  // (theme hits, commitments, entities, statements, the document's
  // attributes, language, warnings, corrections applied and versions), in
  // one transaction; its pages, blocks and
  // sentences (and so the full-text index) stay as they are.
  Status ReplaceFindings(const StoredText& stored, const IndexedDocument& doc,
                         int64_t run_id);
  Status RecordFailure(const SourceFile& file, const std::string& sha256,
                       const std::string& stage, const Status& why,
                       int64_t run_id);

  // A stored file seen again unchanged: clears missing_since.
  Status MarkPresent(const std::string& path);
  // Gives documents that name their plan cycle by number only ("IV") the
  // years of their country's action plan of that number. Returns how many
  // documents changed.
  Result<int> ResolvePlanCycles();
  // Deletes pattern sets no document refers to any more.
  Status DropUnusedPatternSets();
  // Same bytes, new size/mtime record (the file was touched or copied back).
  Status Touch(const std::string& path, uint64_t size, int64_t mtime);
  // Stored documents with these bytes (any path), oldest first.
  Result<std::vector<StoredDocument>> FindBySha256(const std::string& sha256);
  // A file moved or renamed: its rows and its corrections now belong to
  // `to` (a correction already stored for `to` wins over the one of its
  // key that `from` had); missing_since is cleared. Nothing is
  // re-extracted.
  Status Move(const std::string& from, const std::string& to, uint64_t size,
              int64_t mtime);
  // Documents whose path lies under folder `root` but is not in `seen`:
  // marked missing_since now, or deleted with all their rows and their
  // corrections when `prune`. Documents at or under a path of `unread` (an
  // entry or folder the walk could not read) are not known to be gone and
  // are left alone. Returns how many were marked or deleted.
  Result<int> MarkMissingUnder(const std::string& root,
                               const std::set<std::string>& seen, bool prune,
                               const std::vector<std::string>& unread = {});

  // The corrections stored for the document at `path`, in key order.
  Result<Corrections> CorrectionsFor(const std::string& path);
  // Stores `corrections` for `path`, each replacing the one of its key. A
  // correction whose value is already stored keeps its source and time.
  // `sha256` (may be empty) is the document's bytes. Returns whether any
  // stored value changed.
  Result<bool> StoreCorrections(const std::string& path,
                                const std::string& sha256,
                                const Corrections& corrections);
  // Removes the correction of `key` for `path`; returns whether there was
  // one.
  Result<bool> ClearCorrection(const std::string& path, CorrectionKey key);
  // Stored documents whose path ends in "/" + `name` (or is `name`).
  Result<std::vector<StoredDocument>> FindByFileName(const std::string& name);

  // Appends to ingest_errors only (the document row is written elsewhere).
  Status LogError(int64_t run_id, const std::string& path,
                  const std::string& sha256, const std::string& stage,
                  const std::string& reason);

  // Opens a run record ('running'). REQUIRES: the caller holds the ingest
  // lock (so a record still 'running' is of a process that ended without
  // closing it: closed here as "aborted: process ended without closing the
  // run").
  Result<int64_t> BeginRun(const std::string& command);
  // Closes the run record with `status`: ok | partial | failed, or
  // "aborted: REASON" when the run stopped on an error or a signal.
  Status EndRun(int64_t run_id, const RunCounts& counts, double seconds,
                const std::string& status);

  Status SyncThemes(const std::vector<Theme>& themes);
  Status SyncPacks(const std::vector<PatternPack>& packs);

  Db& db() { return *db_; }

 private:
  explicit Store(std::unique_ptr<Db> db) : db_(std::move(db)) {}
  // The document's sentence matches (doc.matches) and the patterns they
  // were found with, replacing what it had.
  Status WriteMatches(int64_t doc_id, const MatchCache& matches);
  Status InsertFindings(int64_t doc_id, const Findings& findings,
                        const std::vector<int64_t>& sentence_ids);
  std::unique_ptr<Db> db_;
};

// Current time as ISO 8601 UTC.
std::string NowIso();

}  // namespace planmine

#endif  // PLANMINE_LOAD_STORE_H_
