// planmine ingest PATH… (also `refresh`): the nightly job. Walks files and
// folders, runs every stage in worker processes, writes the index.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "pipeline/cli/command.h"
#include "pipeline/cli/commands/commands.h"
#include "pipeline/cli/commands/ingest_lock.h"
#include "pipeline/cli/format.h"
#include "pipeline/cli/options.h"
#include "pipeline/core/clock.h"
#include "pipeline/normalize/normalizer.h"
#include "pipeline/query/theme_sets.h"
#include "pipeline/runner/pipeline.h"

namespace planmine {
namespace {
namespace fs = std::filesystem;

struct IngestArgs {
  std::vector<std::string> paths;
  std::string manifest;
  int max_pages = 5000;
  bool quiet = false;
  bool prune = false;
  bool allow_foreign_db = false;
  std::string report_json, report_html;
  ReportLinks report_links;
  WorkerLimits workers;
};

Status WriteReportJson(const std::string& path, const std::string& db_path,
                       const IngestReport& r, int exit_code) {
  nlohmann::ordered_json j;
  j["db"] = db_path;
  j["run_id"] = r.run_id;
  j["seconds"] = r.seconds;
  j["files_seen"] = r.counts.files_seen;
  j["ingested"] = r.counts.ingested;
  j["unchanged"] = r.counts.unchanged;
  j["failed"] = r.counts.failed;
  j["without_text"] = r.no_text;
  j["missing"] = r.missing;
  j["moved"] = r.moved;
  j["remined"] = r.remined;
  j["corrected"] = r.counts.corrected;
  j["stage_seconds"] = r.counts.stage_seconds;
  j["exit_code"] = exit_code;
  j["status"] = exit_code == 0 ? "ok" : exit_code == 1 ? "partial" : "failed";
  nlohmann::ordered_json errors = nlohmann::ordered_json::array();
  for (size_t i = 0; i < r.errors.size(); ++i)
    errors.push_back({{"path", r.error_paths[i]},
                      {"stage", r.errors[i].stage},
                      {"reason", r.errors[i].status.message()}});
  j["errors"] = errors;
  nlohmann::ordered_json unmatched = nlohmann::ordered_json::array();
  for (const UnmatchedManifestRow& u : r.unmatched)
    unmatched.push_back(
        {{"manifest", u.manifest}, {"line", u.line}, {"path", u.path}});
  j["unmatched_manifest_rows"] = unmatched;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return IoError(path + ": cannot write the run report");
  out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
      << "\n";
  if (!out) return IoError(path + ": cannot write the run report");
  return Status();
}

// Whether `path` can take a report, asked before the run so that a run
// does not succeed only to fail at its last step: the folder exists (or,
// `make_folder`, can be made), the path is not a folder, and the file opens for
// writing (not truncated here; removed again when this made it).
Status CheckWritable(const std::string& path, const std::string& what,
                     bool make_folder) {
  if (make_folder) {  // as the writer will
    std::error_code ec;
    const fs::path parent = fs::path(path).parent_path();
    if (!parent.empty() && !fs::create_directories(parent, ec) && ec)
      return IoError(path + ": cannot write the " + what + ": " +
                     parent.string() + ": " + ec.message());
  }
  struct stat st;
  const bool existed = stat(path.c_str(), &st) == 0;
  if (existed && S_ISDIR(st.st_mode))
    return IoError(path + ": cannot write the " + what + ": is a directory");
  int fd = open(path.c_str(),
                O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NONBLOCK, 0644);
  if (fd < 0)
    return IoError(path + ": cannot write the " + what + ": " +
                   std::strerror(errno));
  close(fd);
  if (!existed) unlink(path.c_str());
  return Status();
}

// The signal that stopped the run (0: none). Set by the handler below,
// read by the workers' loop (WorkerLimits::interrupted).
volatile std::sig_atomic_t g_interrupted = 0;
pid_t g_ingest_pid = 0;

extern "C" void OnInterrupt(int sig) {
  // A worker (forked with this handler) just ends, as it would by default.
  if (getpid() != g_ingest_pid) _exit(128 + sig);
  g_interrupted = sig;
}

// SIGINT, SIGTERM and SIGHUP stop the run cleanly for the life of this
// object: workers stopped, run record closed, lock released.
class InterruptHandlers {
 public:
  InterruptHandlers() {
    g_ingest_pid = getpid();
    g_interrupted = 0;
    struct sigaction sa {};
    sa.sa_handler = OnInterrupt;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < 3; ++i) sigaction(kSignals[i], &sa, &old_[i]);
  }
  ~InterruptHandlers() {
    for (size_t i = 0; i < 3; ++i) sigaction(kSignals[i], &old_[i], nullptr);
  }

 private:
  static constexpr int kSignals[3] = {SIGINT, SIGTERM, SIGHUP};
  struct sigaction old_[3];
};

// Progress of an ingest: on a terminal, a line redrawn on stderr with
// files, documents/s, pages/s and the ETA; elsewhere (cron, a log file) the
// same as a plain line every 30 s; nothing with --quiet except on a
// terminal.
class ProgressMeter {
 public:
  explicit ProgressMeter(bool quiet)
      : tty_(isatty(STDERR_FILENO) != 0),
        quiet_(quiet),
        start_(Now()),
        last_log_(start_) {}

  void Update(const IngestProgress& p) {
    done_ = p.done;
    total_ = p.total;
    pages_ += p.pages;
    if (p.outcome == "ingested" || p.outcome == "no_text" ||
        p.outcome == "remined" || p.outcome == "failed")
      ++worked_;
    if (!tty_ && !quiet_ && Now() - last_log_ >= 30) {
      last_log_ = Now();
      std::cout << "progress: " << Line() << "\n" << std::flush;
    }
  }
  void Draw() {
    if (!tty_ || total_ == 0) return;
    std::string line = Line();
    std::cerr << "\r" << line
              << std::string(shown_ > line.size() ? shown_ - line.size() : 0,
                             ' ')
              << std::flush;
    shown_ = line.size();
  }
  void Clear() {
    if (!tty_ || shown_ == 0) return;
    std::cerr << "\r" << std::string(shown_, ' ') << "\r" << std::flush;
    shown_ = 0;
  }

 private:
  static double Now() { return MonotonicSeconds(); }
  std::string Line() const {
    const double t = std::max(1e-3, Now() - start_);
    char buf[160];
    const double rate = done_ / t;
    const double eta = rate > 0 ? (total_ - done_) / rate : 0;
    snprintf(buf, sizeof buf,
             "[%zu/%zu files, %3.0f%%] %.1f documents/s, %.1f pages/s, ETA "
             "%s",
             done_, total_, total_ ? 100.0 * done_ / total_ : 100.0,
             worked_ / t, pages_ / t, Duration(eta).c_str());
    return buf;
  }
  static std::string Duration(double s) {
    char buf[32];
    if (s < 90)
      snprintf(buf, sizeof buf, "%.0f s", s);
    else if (s < 5400)
      snprintf(buf, sizeof buf, "%.0f min", s / 60);
    else
      snprintf(buf, sizeof buf, "%.1f h", s / 3600);
    return buf;
  }

  bool tty_, quiet_;
  double start_, last_log_;
  size_t done_ = 0, total_ = 0, worked_ = 0, shown_ = 0;
  long pages_ = 0;
};

// One line per file: failures and files without text on stderr, the rest
// on stdout (only the meter with --quiet).
void ShowProgress(const IngestProgress& p, bool quiet,
                  ProgressMeter* progress) {
  progress->Update(p);
  if (quiet && p.outcome != "failed" && p.outcome != "no_text") {
    progress->Draw();
    return;
  }
  progress->Clear();
  std::ostream& os =
      (p.outcome == "failed" || p.outcome == "no_text") ? std::cerr : std::cout;
  os << (p.outcome == "failed"      ? "FAILED   "
         : p.outcome == "no_text"   ? "NO TEXT  "
         : p.outcome == "unchanged" ? "same     "
         : p.outcome == "moved"     ? "moved    "
         : p.outcome == "remined"   ? "re-mined "
         : p.outcome == "corrected" ? "corrected "
                                    : "ok       ")
     << EscapeControl(p.detail.rfind(p.path + ": ", 0) == 0
                          ? p.detail  // reasons already start with the path
                          : p.path + (p.detail.empty() ? "" : ": " + p.detail))
     << "\n";
  progress->Draw();
}

// The run's last line: what happened to every file, and where it went.
void PrintRunLine(const IngestReport& r, bool prune, const std::string& db) {
  const RunCounts& c = r.counts;
  std::cout << "planmine: " << c.files_seen << " files: " << c.ingested
            << " ingested"
            << (r.remined ? " (" + std::to_string(r.remined) +
                                " re-mined from the stored text)"
                          : "")
            << ", " << c.unchanged << " unchanged, "
            << (c.corrected ? std::to_string(c.corrected) + " corrected, " : "")
            << c.failed << " failed"
            << (r.no_text ? ", " + std::to_string(r.no_text) +
                                " without text (need OCR)"
                          : "")
            << (r.moved ? ", " + std::to_string(r.moved) +
                              " moved (rows kept, not re-read)"
                        : "")
            << (r.missing
                    ? ", " + std::to_string(r.missing) +
                          (prune ? " gone (pruned)" : " gone (marked missing)")
                    : "")
            << " in " << std::fixed << std::setprecision(2) << r.seconds
            << " s -> " << EscapeControl(db) << "\n";
}

int RunIngest(const IngestArgs& a, const GlobalOptions& g) {
  // Packs that have compiled before are compiled by the run's parent while
  // its workers read their first files (Pipeline::CompilePatterns); others
  // at once, so that a pack just broken stops the run before it opens
  // anything.
  auto pipeline = MakePipeline(g, a.max_pages, /*defer_patterns=*/true);
  if (!pipeline.ok()) return Fail(pipeline.status());
  std::optional<Manifest> manifest;
  if (!a.manifest.empty()) {
    auto m = Manifest::Load(a.manifest);
    if (!m.ok()) return Fail(m.status());
    manifest = std::move(*m);
  }
  const std::string& db_path = g.db;
  // The reports' files are checked before anything is read or written.
  if (!a.report_json.empty())
    if (Status s = CheckWritable(a.report_json, "run report", false); !s.ok())
      return Fail(s);
  if (!a.report_html.empty())
    if (Status s = CheckWritable(a.report_html, "HTML report", true); !s.ok())
      return Fail(s);
  std::error_code ec;
  fs::path parent = fs::path(db_path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  IngestLock lock;
  if (Status s = lock.Acquire(db_path); !s.ok()) return Fail(s);
  auto store = Store::Open(db_path, a.allow_foreign_db);
  if (!store.ok()) return Fail(store.status());
  std::string command = "ingest";
  for (const auto& p : a.paths) command += " " + p;
  ProgressMeter progress(a.quiet);
  WorkerLimits workers = a.workers;
  workers.interrupted = &g_interrupted;
  InterruptHandlers handlers;
  auto report = Ingest(
      *pipeline, **store, a.paths, manifest ? &*manifest : nullptr, command,
      a.prune,
      [&](const IngestProgress& p) { ShowProgress(p, a.quiet, &progress); },
      workers);
  progress.Clear();
  if (!report.ok()) {
    Fail(report.status());
    // 128 + the signal, as a shell reports a process the signal ended.
    return g_interrupted ? 128 + g_interrupted : kExitFailed;
  }
  KeepThemeSentences((*store)->db(), g.packs);
  const RunCounts& c = report->counts;
  PrintRunLine(*report, a.prune, db_path);
  int bad = c.failed + report->no_text;
  int exit_code = c.files_seen == 0    ? kExitFailed
                  : bad == 0           ? kExitOk
                  : bad < c.files_seen ? kExitPartial
                                       : kExitFailed;
  if (c.files_seen == 0)
    std::cerr << "planmine: no documents found (looked for .pdf, .txt, .md)\n";
  // Rows of the manifest that matched no file of this run: said, not
  // failed (a corpus-wide manifest is routinely given with a run over part
  // of the corpus; the exit code speaks of the documents).
  for (const std::string& note : report->manifest_notes)
    std::cerr << "planmine: note: " << note << "\n";
  for (const UnmatchedManifestRow& u : report->unmatched)
    std::cerr << "planmine: " << EscapeControl(u.manifest) << ":" << u.line
              << ": no file matches '" << EscapeControl(u.path)
              << "' (row not applied)\n";
  if (!a.report_json.empty()) {
    if (Status s = WriteReportJson(a.report_json, db_path, *report, exit_code);
        !s.ok())
      return Fail(s);
  }
  if (!a.report_html.empty()) {
    size_t bytes = 0;
    std::string note;
    if (Status s = WriteHtmlReport((*store)->db(), db_path, a.report_html,
                                   a.report_links, &bytes, &note);
        !s.ok())
      return Fail(s.WithPrefix("the run finished, but the report failed"));
    if (!a.quiet)
      std::cout << EscapeControl(a.report_html) << ": " << bytes << " bytes\n";
    if (!a.quiet && !note.empty()) std::cout << EscapeControl(note) << "\n";
  }
  return exit_code;
}

}  // namespace

void KeepThemeSentences(Db& db, const std::string& packs_dir) {
  auto kept = RefreshThemeSentences(db, packs_dir);
  if (!kept.ok())
    std::cerr << "planmine: warning: the themes' sentences were not kept for "
                 "document search ("
              << EscapeControl(kept.status().message())
              << "); it searches the index instead\n";
}

void PrintIngestRunLine(const IngestReport& r, bool prune,
                        const std::string& db) {
  PrintRunLine(r, prune, db);
}

Result<Pipeline> MakePipeline(const GlobalOptions& g, int max_pages,
                              bool defer_patterns) {
  PipelineOptions o;
  o.packs_dir = g.packs;
  o.extract.max_pages = max_pages;
  o.ocr = g.ocr != "off";
  o.extract.ocr_images = g.ocr == "images";
  o.normalize.word_lists = DefaultWordLists();
  // Read while Pipeline::Create compiles the packs (the two longest parts
  // of the start-up, on two cores).
  o.normalize.prefetch_word_lists = true;
  o.normalize.word_list_cache = DefaultCacheDir();
  o.defer_patterns = defer_patterns;
  o.compiled_packs_cache = o.normalize.word_list_cache;
  return Pipeline::Create(o);
}

RunFn IngestSetup(CLI::App* ingest) {
  {
    auto a = std::make_shared<IngestArgs>();
    ingest->add_option("PATH", a->paths, "Files or folders")->required();
    ingest->add_option("--manifest", a->manifest,
                       "CSV/TSV with path, country, year, doc_type, title… "
                       "overriding inference: stored as corrections that "
                       "hold on later runs");
    ingest
        ->add_option("--max-pages", a->max_pages,
                     "Read at most this many pages of a PDF")
        ->transform(IntRange("--max-pages", 1, kMaxPages))
        ->capture_default_str();
    ingest->add_flag("--quiet,-q", a->quiet,
                     "Only print failures and the final line");
    ingest->add_flag("--prune", a->prune,
                     "Delete documents that were under a walked folder and are "
                     "gone (default: mark them missing)");
    ingest->add_option(
        "--report-json", a->report_json,
        "Write the run's summary and errors as JSON to this file "
        "(for monitoring)");
    ingest->add_flag(
        "--allow-foreign-db", a->allow_foreign_db,
        "Add planmine's tables to a --db that is a SQLite database but not a "
        "planmine index (refused otherwise, the file left untouched)");
    ingest->add_option("--report", a->report_html,
                       "After the run, write the HTML report (as 'planmine "
                       "report') to this file");
    AddReportLinkOptions(ingest, &a->report_links);
    a->workers.jobs =
        static_cast<int>(std::max(1L, sysconf(_SC_NPROCESSORS_ONLN)));
    std::string jobs_note;
    const int max_jobs = MaxJobs(&jobs_note);
    a->workers.jobs = std::min(a->workers.jobs, max_jobs);
    ingest
        ->add_option("--jobs,-j", a->workers.jobs,
                     "Worker processes reading files at once, 1 to " +
                         std::to_string(max_jobs) + " (" + jobs_note +
                         "); 'in-process': read in this process, without "
                         "isolation")
        ->transform(
            IntRange("--jobs", 1, max_jobs, jobs_note, {{"in-process", "0"}}))
        ->capture_default_str();
    ingest
        ->add_option("--timeout", a->workers.seconds,
                     "Seconds a document may take before its worker is "
                     "killed, 1 to 604800 (a week); 'none': no limit")
        ->transform(
            IntRange("--timeout", 1, 604800, "seconds", {{"none", "0"}}))
        ->capture_default_str();
    ingest
        ->add_option("--memory-mb", a->workers.memory_mb,
                     "Address-space cap of each worker, in MB, 32 to 1048576; "
                     "'none': no cap")
        ->transform(IntRange("--memory-mb", 32, 1048576, "MB", {{"none", "0"}}))
        ->capture_default_str();
    // The nightly job's name for the same run: ingest what changed, re-mine
    // what is stale, mark what is gone.
    ingest->alias("refresh");
    return [a](const GlobalOptions& g) { return RunIngest(*a, g); };
  }
}

}  // namespace planmine
