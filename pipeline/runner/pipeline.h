// The runner: composes the stages in straight-line code.
//
//   file -> extract -> normalize -> language -> segment -> mine -> classify
//
// Pipeline::Process runs them on one file without touching a database (what
// `planmine extract` shows). Ingest() walks paths, skips files whose content
// and stage versions are unchanged, processes the rest and writes each one in
// its own transaction; a file that fails is recorded with its reason and the
// batch goes on. Corrections (core/corrections.h) stored in the index win
// over what the classifier decides, every time a document is classified.
#ifndef PLANMINE_RUNNER_PIPELINE_H_
#define PLANMINE_RUNNER_PIPELINE_H_

#include <chrono>
#include <csignal>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "extractors/miner.h"
#include "pipeline/classify/signals.h"
#include "pipeline/core/clock.h"
#include "pipeline/core/corrections.h"
#include "pipeline/core/status.h"
#include "pipeline/discover/manifest.h"
#include "pipeline/extract/extractor.h"
#include "pipeline/language/language_detector.h"
#include "pipeline/load/indexed_document.h"
#include "pipeline/load/store.h"
#include "pipeline/normalize/normalizer.h"
#include "pipeline/ocr/ocr_engine.h"
#include "pipeline/runner/refresh_policy.h"
#include "pipeline/segment/sentence_splitter.h"

namespace planmine {

struct PipelineOptions {
  std::string packs_dir;  // folder of *.pat files and themes.taxonomy.tsv
  ExtractOptions extract;
  NormalizeOptions normalize;
  SegmentOptions segment;
  // OCR pages whose text layer is empty or garbled, with Tesseract when it
  // is installed. Off: such pages stay empty and are reported.
  bool ocr = true;
  // Read the packs but compile their patterns later (CompilePatterns), so
  // that an ingest's workers start while the parent compiles: the packs
  // are read and checked, but a pattern RE2 refuses is only found out by
  // CompilePatterns. With `compiled_packs_cache` (a folder), only packs
  // remembered there as having compiled cleanly (a marker named after their
  // hashes) are left for later; others are compiled at once, and remembered
  // when they compile, so that a pack just edited and broken stops the
  // command before it opens anything.
  bool defer_patterns = false;
  std::string compiled_packs_cache = {};
};

// A failure with the stage it happened in.
struct StageError {
  std::string stage;  // hash | extract | load
  Status status;
};

class Pipeline {
 public:
  static Result<Pipeline> Create(const PipelineOptions& options);

  // Runs every stage on one file. `corrections` (may be null) win over
  // inference.
  Result<IndexedDocument> Process(const SourceFile& file,
                                  const Corrections* corrections) const;
  // Process in two halves: the stages that read the file and make the text
  // (extract to segment), then the mining and the classification, which
  // read only the document. Workers run the first half and the parent the
  // second, so that the pattern sets' DFAs are built once, in the parent,
  // rather than from cold in every worker.
  Result<IndexedDocument> ProcessText(const SourceFile& file) const;
  void MineAndClassify(const Corrections* corrections,
                       IndexedDocument* doc) const;

  // Mines a document again from its stored text (Store::LoadText) and
  // decides its attributes afresh: for a document whose text stages are
  // unchanged (HasTextOf) when only the packs or the miner changed, or when
  // its corrections did. Opens no file. `doc` is as Store::LoadText reads
  // it; `corrections` (may be null) win over inference.
  void Remine(const Corrections* corrections, IndexedDocument* doc) const;
  // Whether rows made by `stored_versions` have the text this pipeline
  // would extract (same extractor, normalizer, language, segmenter, OCR).
  bool HasTextOf(const std::string& stored_versions) const;

  // Loads what the stages load on first use (the word lists), so that
  // forked workers share it instead of each reading it again.
  void Warm() const { (void)normalizer_.dictionary_size(); }

  // Compiles the packs' patterns if not done yet (defer_patterns), once;
  // the same status every call. The miner and the classifier's signals
  // below, and every stage that mines, need them: with defer_patterns,
  // whoever runs those calls this first and stops on its error.
  Status CompilePatterns() const;
  const Miner& miner() const;
  // The genre and title packs the classifier reads (classify/signals.h).
  const Signals& signals() const;
  // Every pack loaded: the miner's and the classifier's.
  std::vector<PatternPack> packs() const;
  const std::vector<Theme>& themes() const { return themes_; }
  // What produced a document's rows; a change means re-ingest.
  const std::string& versions() const { return versions_; }
  // "tesseract 5.3.0", or why OCR is off.
  const std::string& ocr_status() const { return ocr_status_; }

 private:
  Pipeline(Extractor e, Normalizer n, LanguageDetector l, SentenceSplitter s,
           std::vector<Theme> t)
      : extractor_(std::move(e)),
        normalizer_(std::move(n)),
        language_(l),
        splitter_(std::move(s)),
        patterns_(std::make_shared<Patterns>()),
        themes_(std::move(t)) {}

  Extractor extractor_;
  Normalizer normalizer_;
  LanguageDetector language_;
  SentenceSplitter splitter_;
  // The packs, and once compiled, the miner and the signals made of them.
  struct Patterns {
    std::vector<PatternPack> miner_packs, signal_packs;
    std::once_flag once;
    Status status;
    std::optional<Miner> miner;
    std::optional<Signals> signals;
  };
  std::shared_ptr<Patterns> patterns_;
  std::vector<Theme> themes_;
  void ApplyCorrectionsAndClassify(const Corrections* corrections,
                                   IndexedDocument* doc) const;

  std::string text_versions_;  // the stages that make the text
  std::string versions_;       // text_versions_ + classify + miner and packs
  // Not thread-safe: a Pipeline is used by one thread at a time.
  std::shared_ptr<OcrEngine> ocr_;
  std::string ocr_status_;
};

struct IngestProgress {
  std::string path;
  std::string outcome;  // ingested | unchanged | moved | remined | corrected |
                        // failed | no_text
  std::string detail;
  int pages = 0;     // pages read, for an ingested file
  size_t done = 0;   // files dealt with so far, this one included
  size_t total = 0;  // files this run deals with
};

// A manifest row that matched no file of the run: its corrections were not
// stored.
struct UnmatchedManifestRow {
  std::string manifest;  // as given
  int line = 0;
  std::string path;  // as the row names it
};

struct IngestReport {
  RunCounts counts;
  int missing =
      0;  // stored under a walked folder but gone (deleted with prune)
  int no_text = 0;  // ingested, but without any text layer (needs OCR)
  int moved = 0;    // new path, same bytes as a stored file now gone: kept
  int remined = 0;  // only the packs or miner changed: re-mined, not re-read
  std::vector<StageError> errors;  // in file order
  std::vector<std::string> error_paths;
  // In the manifest's order. counts.corrected: unchanged files whose
  // corrections changed (a manifest given on a later run): re-classified
  // from the stored text.
  std::vector<UnmatchedManifestRow> unmatched;
  // "m.csv:4: 'plan.pdf' matched by file name alone: …" (ManifestMatch).
  std::vector<std::string> manifest_notes;
  double seconds = 0;
  int64_t run_id = 0;
};

// Ingests `paths` into `store`. Returns an error only when the run cannot
// happen at all; per-file failures are in the report. The manifest's rows
// that match a file are stored as its corrections first (a row replaces the
// correction of each key it fills); every document read, re-mined or found
// unchanged with other corrections than its row was made with is then
// classified with the corrections stored for it.
// Where the files are read (workers.h): `jobs` worker processes at once,
// each with a wall-clock limit and a memory cap; jobs 0 reads them in this
// process (no isolation).
struct WorkerLimits {
  int jobs = 0;
  double seconds = 600;   // per document
  long memory_mb = 4096;  // address space per worker
  // Set (to the signal's number) by a signal handler to stop the run: the
  // workers are killed, the items not stored yet are dropped, and the run
  // ends with InterruptedBy(signal). Null: not interruptible.
  const volatile std::sig_atomic_t* interrupted = nullptr;
};

struct WorkItem;  // workers.h
using OnResult = std::function<Status(size_t, Result<IndexedDocument>)>;
// Reads the files of `items` and calls `done(index, result)` for each, as
// ProcessInWorkers does (workers.h); `merge` reads them from shard spools.
using ReadFiles =
    std::function<Status(const std::vector<WorkItem>& items, const OnResult&)>;

// "interrupted by signal (SIGINT)": why a run stopped on `signal`.
Status InterruptedBy(int signal);

Result<IngestReport> Ingest(
    const Pipeline& pipeline, Store& store,
    const std::vector<std::string>& paths, const Manifest* manifest,
    const std::string& command, bool prune,
    const std::function<void(const IngestProgress&)>& on_file,
    const WorkerLimits& workers = WorkerLimits());

// Ingest over files already found (`found`, as Discover makes it; a file's
// sha256 may be filled already, then it is not hashed again), reading the
// files to extract with `read_files`. `t0`: when the run started, and
// `discover_seconds` what finding the files took. Ingest() is this with
// Discover(paths) and ProcessInWorkers.
Result<IngestReport> IngestDiscovered(
    const Pipeline& pipeline, Store& store, Discovery found,
    const Manifest* manifest, const std::string& command, bool prune,
    const std::function<void(const IngestProgress&)>& on_file,
    const WorkerLimits& workers, const ReadFiles& read_files,
    std::chrono::steady_clock::time_point t0, double discover_seconds);

// Gathers what the refresh policy (refresh_policy.h) needs to know of file
// `f` and decides: hashes it when the stat cannot decide (filling
// f->sha256, charged to `timer`'s "hash"), and for a path the index does
// not have, looks for stored copies of its bytes whose files are gone
// (kept in `same_bytes`, which `d->moved_from` points into). `seen`: the
// paths this run has found so far. An error of the index is returned; a
// file that cannot be hashed sets `hash_error` instead. Ingest and
// plan-shards both decide here.
Status DecideFor(const Pipeline& pipeline, Store& store,
                 const std::set<std::string>& seen,
                 const std::optional<StoredDocument>& stored,
                 const Corrections& corrections, SourceFile* f,
                 std::vector<StoredDocument>* same_bytes, StageTimer* timer,
                 RefreshDecision* d, Status* hash_error);

// Document classification: the title from the cover (classify/title.h) when
// it is not decided yet, the type (classify/doc_type.h), the country from
// the file name and mentions, the year from cycles and metadata, the plan
// cycle and the subnational government. Attributes already set (by a
// correction) are kept. Exposed for tests.
void Classify(const Signals& signals, IndexedDocument* doc);

// The warning an action plan with no commitment found carries (documents.
// warnings; listed by `planmine failures`).
inline constexpr const char* kNoCommitmentsWarning =
    "action plan with no commitment found: no keyword heading, template, "
    "numbered heading, run-in title or summary table of commitments matched";
// True for the warnings mining gives an action plan: kNoCommitmentsWarning
// and the plan's own list naming more commitments than were found
// (kListCountWarningEnd).
bool IsMiningWarning(const std::string& warning);
// The path under which `store` holds the document a user names `file`:
// that path itself; else the one stored document that is the same file
// (same canonical path); else the one stored document with the same bytes
// (a file moved since it was ingested: its rows follow it on the next
// ingest). Errors: "FILE: not in the index", "FILE: the bytes of N stored
// documents (A, B): name one of them".
Result<std::string> FindStoredPath(Store& store, const std::string& file);

// Classifies the stored document at `path` again, from its stored text,
// with the corrections stored for it, and writes it (run `run_id`): what
// `planmine set` does at once. Its versions stay as they were, so that a
// stale document is still re-mined or re-read by the next ingest. REQUIRES:
// `path` is in the index. A document that failed has no text: returns
// false and changes nothing (its corrections apply once it is read).
Result<bool> ApplyStoredCorrections(const Pipeline& pipeline, Store& store,
                                    const std::string& path, int64_t run_id);

// Commitments found in a document, typed statements aside.
int Units(const IndexedDocument& doc);
// "12 pages, es, 19 commitments" (and the warning above when it applies,
// and how a text file was decoded when it was not plain UTF-8).
std::string FileSummary(const IndexedDocument& doc);

}  // namespace planmine

#endif  // PLANMINE_RUNNER_PIPELINE_H_
