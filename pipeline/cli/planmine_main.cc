// planmine: the command line. Thin: parses flags (CLI11), calls the runner or
// the query layer, prints. Exit codes: 0 everything succeeded, 1 some
// documents failed, 2 nothing succeeded or the command could not run.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "pipeline/cli/format.h"
#include "pipeline/core/clock.h"
#include "pipeline/core/doc_types.h"
#include "pipeline/core/utf8.h"
#include "pipeline/extract/debug_layout.h"
#include "pipeline/extract/extractor.h"
#include "pipeline/query/evaluate.h"
#include "pipeline/query/evaluate_documents.h"
#include "pipeline/query/query.h"
#include "pipeline/report/report.h"
#include "pipeline/runner/pipeline.h"

#ifndef PLANMINE_PACKS_DIR
#define PLANMINE_PACKS_DIR "extractors/packs"
#endif

namespace planmine {
namespace {
namespace fs = std::filesystem;

constexpr int kExitOk = 0, kExitPartial = 1, kExitFailed = 2;

std::string DefaultPacksDir() {
  if (const char* env = std::getenv("PLANMINE_PACKS")) return env;
  return PLANMINE_PACKS_DIR;
}

int RunThemesList(const std::string& packs_dir, const std::string& format);
int RunEvaluate(Db& db, const std::string& labels,
                const std::vector<std::string>& manifests,
                const std::string& titles, bool verbose, bool check);

// The names --type and --doc-type accept: the taxonomy (core/doc_types.h).
std::vector<std::string> DocTypeOptions() {
  std::vector<std::string> out;
  for (DocType t : kAllDocTypes) out.emplace_back(DocTypeName(t));
  return out;
}

int Fail(const Status& s) {
  std::cerr << "planmine: " << s.message() << "\n";
  return kExitFailed;
}

bool Emit(const Table& t, const std::string& format) {
  if (format == "json")
    PrintJson(t, std::cout);
  else if (format == "csv")
    PrintCsv(t, std::cout);
  else
    PrintTable(t, std::cout);
  return true;
}

bool g_ocr = true;  // --ocr auto|off

Result<Pipeline> MakePipeline(const std::string& packs, int max_pages) {
  PipelineOptions o;
  o.packs_dir = packs;
  o.extract.max_pages = max_pages;
  o.ocr = g_ocr;
  o.normalize.word_lists = DefaultWordLists();
  return Pipeline::Create(o);
}

// Holds an exclusive lock on DB.lock for the life of an ingest, so that two
// runs (say cron and a person) never write the same index at once.
class IngestLock {
 public:
  ~IngestLock() {
    if (fd_ >= 0) close(fd_);
  }
  Status Acquire(const std::string& db_path) {
    std::string path = db_path + ".lock";
    fd_ = open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (fd_ < 0)
      return IoError(path +
                     ": cannot create lock file: " + std::strerror(errno));
    if (flock(fd_, LOCK_EX | LOCK_NB) != 0)
      return Unsupported(db_path +
                         ": another ingest is already running on this index (" +
                         path + " is locked)");
    return Status();
  }

 private:
  int fd_ = -1;
};

// The HTML report of the index, written whole or not at all (a temporary
// file renamed over the old page: a web server never serves half a page).
Status WriteHtmlReport(Db& conn, const std::string& db_path,
                       const std::string& out_path, size_t* bytes) {
  auto html = RenderReport(conn, db_path);
  if (!html.ok()) return html.status();
  std::error_code ec;
  if (fs::path(out_path).has_parent_path())
    fs::create_directories(fs::path(out_path).parent_path(), ec);
  const std::string tmp = out_path + ".tmp";
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  out << *html;
  out.close();
  if (!out) {
    fs::remove(tmp, ec);
    return IoError(out_path + ": cannot write the report");
  }
  fs::rename(tmp, out_path, ec);
  if (ec)
    return IoError(out_path + ": cannot write the report: " + ec.message());
  *bytes = html->size();
  return Status();
}

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
  j["stage_seconds"] = r.counts.stage_seconds;
  j["exit_code"] = exit_code;
  j["status"] = exit_code == 0 ? "ok" : exit_code == 1 ? "partial" : "failed";
  nlohmann::ordered_json errors = nlohmann::ordered_json::array();
  for (size_t i = 0; i < r.errors.size(); ++i)
    errors.push_back({{"path", r.error_paths[i]},
                      {"stage", r.errors[i].stage},
                      {"reason", r.errors[i].status.message()}});
  j["errors"] = errors;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return IoError(path + ": cannot write the run report");
  out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
      << "\n";
  if (!out) return IoError(path + ": cannot write the run report");
  return Status();
}

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

int RunIngest(const std::vector<std::string>& paths, const std::string& db_path,
              const std::string& manifest_path, const std::string& packs,
              int max_pages, bool quiet, const std::string& report_json,
              const std::string& report_html, bool prune,
              const WorkerLimits& workers) {
  auto pipeline = MakePipeline(packs, max_pages);
  if (!pipeline.ok()) return Fail(pipeline.status());
  std::optional<Manifest> manifest;
  if (!manifest_path.empty()) {
    auto m = Manifest::Load(manifest_path);
    if (!m.ok()) return Fail(m.status());
    manifest = std::move(*m);
  }
  std::error_code ec;
  fs::path parent = fs::path(db_path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  IngestLock lock;
  if (Status s = lock.Acquire(db_path); !s.ok()) return Fail(s);
  auto store = Store::Open(db_path);
  if (!store.ok()) return Fail(store.status());
  std::string command = "ingest";
  for (const auto& p : paths) command += " " + p;
  ProgressMeter progress(quiet);
  auto report = Ingest(
      *pipeline, **store, paths, manifest ? &*manifest : nullptr, command,
      prune,
      [&](const IngestProgress& p) {
        progress.Update(p);
        if (quiet && p.outcome != "failed" && p.outcome != "no_text") {
          progress.Draw();
          return;
        }
        progress.Clear();
        std::ostream& os = (p.outcome == "failed" || p.outcome == "no_text")
                               ? std::cerr
                               : std::cout;
        os << (p.outcome == "failed"      ? "FAILED   "
               : p.outcome == "no_text"   ? "NO TEXT  "
               : p.outcome == "unchanged" ? "same     "
               : p.outcome == "moved"     ? "moved    "
               : p.outcome == "remined"   ? "re-mined "
                                          : "ok       ")
           << (p.detail.rfind(p.path + ": ", 0) == 0
                   ? p.detail  // reasons already start with the path
                   : p.path + (p.detail.empty() ? "" : ": " + p.detail))
           << "\n";
        progress.Draw();
      },
      workers);
  progress.Clear();
  if (!report.ok()) return Fail(report.status());
  const RunCounts& c = report->counts;
  std::cout << "planmine: " << c.files_seen << " files: " << c.ingested
            << " ingested"
            << (report->remined ? " (" + std::to_string(report->remined) +
                                      " re-mined from the stored text)"
                                : "")
            << ", " << c.unchanged << " unchanged, " << c.failed << " failed"
            << (report->no_text ? ", " + std::to_string(report->no_text) +
                                      " without text (need OCR)"
                                : "")
            << (report->moved ? ", " + std::to_string(report->moved) +
                                    " moved (rows kept, not re-read)"
                              : "")
            << (report->missing
                    ? ", " + std::to_string(report->missing) +
                          (prune ? " gone (pruned)" : " gone (marked missing)")
                    : "")
            << " in " << std::fixed << std::setprecision(2) << report->seconds
            << " s -> " << db_path << "\n";
  int bad = c.failed + report->no_text;
  int exit_code = c.files_seen == 0    ? kExitFailed
                  : bad == 0           ? kExitOk
                  : bad < c.files_seen ? kExitPartial
                                       : kExitFailed;
  if (c.files_seen == 0)
    std::cerr << "planmine: no documents found (looked for .pdf, .txt, .md)\n";
  if (!report_json.empty()) {
    if (Status s = WriteReportJson(report_json, db_path, *report, exit_code);
        !s.ok())
      return Fail(s);
  }
  if (!report_html.empty()) {
    size_t bytes = 0;
    if (Status s =
            WriteHtmlReport((*store)->db(), db_path, report_html, &bytes);
        !s.ok())
      return Fail(s.WithPrefix("the run finished, but the report failed"));
    if (!quiet) std::cout << report_html << ": " << bytes << " bytes\n";
  }
  return exit_code;
}

nlohmann::ordered_json DocumentJson(const IndexedDocument& d) {
  using J = nlohmann::ordered_json;
  J j;
  j["path"] = d.file.path;
  j["sha256"] = d.sha256;
  j["status"] = d.status;
  if (!d.error.empty()) j["error"] = d.error;
  j["language"] = d.language.code;
  j["language_confidence"] = d.language.confidence;
  j["country"] = d.country.value;
  j["doc_type"] = d.doc_type.value;
  j["title"] = d.title.value;
  j["year"] = d.year.value;
  j["plan_cycle"] = d.plan_cycle.value;
  j["subnational"] = d.subnational.value;
  j["evidence"] = {{"title", d.title.source},
                   {"country", d.country.source},
                   {"year", d.year.source},
                   {"doc_type", d.doc_type.source},
                   {"plan_cycle", d.plan_cycle.source},
                   {"subnational", d.subnational.source}};
  j["page_count"] = d.page_count;
  j["metadata"] = {{"title", d.info.title},       {"author", d.info.author},
                   {"subject", d.info.subject},   {"creator", d.info.creator},
                   {"producer", d.info.producer}, {"created", d.info.created},
                   {"modified", d.info.modified}};
  j["warnings"] = d.warnings;
  j["versions"] = d.versions;
  J pages = J::array();
  for (const auto& p : d.text.pages) {
    J blocks = J::array();
    for (const auto& b : p.blocks) {
      J block = {{"start", b.start},
                 {"end", b.end},
                 {"bbox", {b.box.x0, b.box.y0, b.box.x1, b.box.y1}},
                 {"heading", b.heading},
                 {"region", b.region},
                 {"bold", b.bold},
                 {"italic", b.italic},
                 {"underline", b.underline},
                 {"font_size", b.font_size},
                 {"lead_emphasis_words", b.lead_emphasis_words},
                 {"language", b.language}};
      if (b.row >= 0) {
        block["row"] = b.row;
        block["col"] = b.col;
      }
      blocks.push_back(std::move(block));
    }
    pages.push_back(
        {{"number", p.number},
         {"source", TextSourceName(p.source)},
         {"quality", p.quality},
         {"ocr_confidence", p.ocr_confidence < 0
                                ? nlohmann::ordered_json()
                                : nlohmann::ordered_json(p.ocr_confidence)},
         {"text", p.text},
         {"furniture", p.furniture},
         {"fields",
          [&] {
            nlohmann::ordered_json fs = nlohmann::ordered_json::array();
            for (const auto& f : p.fields)
              fs.push_back({{"key", f.key}, {"value", f.value}});
            return fs;
          }()},
         {"blocks", blocks}});
  }
  j["pages"] = pages;
  J sentences = J::array();
  for (const auto& s : d.sentences)
    sentences.push_back({{"page", s.page},
                         {"language", s.language},
                         {"start", s.start},
                         {"end", s.end},
                         {"text", s.text}});
  j["sentences"] = sentences;
  J commitments = J::array();
  for (const auto& c : d.findings.commitments) {
    J milestones = J::array();
    for (const Milestone& m : c.milestones)
      milestones.push_back({{"text", m.text}, {"due", m.due}});
    J evidence = J::array();
    for (const ThemeEvidence& e : c.theme_evidence)
      evidence.push_back({{"id", e.theme},
                          {"match", e.text},
                          {"where", e.sentence < 0 ? "title" : "text"},
                          {"score", e.score}});
    commitments.push_back({{"kind", CommitmentKindName(c.kind)},
                           {"number", c.number},
                           {"title", c.title},
                           {"first_page", c.first_page},
                           {"last_page", c.last_page},
                           {"lead_agency", c.lead_agency},
                           {"lead_agency_source", c.lead_agency_source},
                           {"other_actors", c.other_actors},
                           {"start_date", c.start_date},
                           {"end_date", c.end_date},
                           {"milestones", milestones},
                           {"ogp_values", c.ogp_values},
                           {"completion", c.completion},
                           {"completion_text", c.completion_text},
                           {"sections", c.sections},
                           {"themes", c.themes},
                           {"theme_evidence", evidence},
                           {"text", c.text}});
  }
  j["commitments"] = commitments;
  J typed = J::array();
  for (const Statement& st : d.findings.statements)
    typed.push_back({{"kind", st.kind},
                     {"page", st.page},
                     {"text", st.text},
                     {"pattern", st.pattern_id}});
  j["statements"] = typed;
  J hits = J::array();
  for (const auto& h : d.findings.theme_hits)
    hits.push_back({{"id", h.theme},
                    {"page", h.page},
                    {"match", h.text},
                    {"sentence", d.sentences[h.sentence].text},
                    {"start", h.start},
                    {"end", h.end},
                    {"pattern", h.pattern_id}});
  j["theme_hits"] = hits;
  J ents = J::array();
  for (const auto& e : d.findings.entities) {
    J one = {{"type", e.type}, {"value", e.value}, {"text", e.text},
             {"page", e.page}, {"start", e.start}, {"end", e.end}};
    if (!e.detail.empty()) one["acronym"] = e.detail;
    ents.push_back(std::move(one));
  }
  j["entities"] = ents;
  return j;
}

// The layout pictures of --debug-layout: extraction only, marks kept.
int WriteDebugLayout(const std::string& file, int max_pages,
                     const std::string& dir) {
  ExtractOptions eo;
  eo.max_pages = max_pages;
  eo.layout_marks = true;
  auto ex = Extractor::Create(eo);
  if (!ex.ok()) return Fail(ex.status());
  auto doc = ex->Extract(file, SourceKind::kPdf);
  if (!doc.ok()) return Fail(doc.status());
  Status st = WriteLayoutDebug(file, *doc, dir);
  if (!st.ok()) return Fail(st);
  std::cerr << "planmine: layout pictures in " << dir << "/page-N.png\n";
  return kExitOk;
}

int RunExtract(const std::string& file, const std::string& format,
               const std::string& packs, int max_pages,
               const std::string& debug_layout) {
  if (!debug_layout.empty()) {
    int rc = WriteDebugLayout(file, max_pages, debug_layout);
    if (rc != kExitOk) return rc;
  }
  auto pipeline = MakePipeline(packs, max_pages);
  if (!pipeline.ok()) return Fail(pipeline.status());
  Discovery d = Discover({file});
  if (!d.errors.empty()) return Fail(d.errors[0].status);
  if (d.files.empty()) return Fail(NotFound(file + ": not a file"));
  auto doc = pipeline->Process(d.files[0], nullptr);
  if (!doc.ok()) return Fail(doc.status());
  if (format == "json") {
    std::cout << DocumentJson(*doc).dump(
                     2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    for (size_t i = 0; i < doc->text.pages.size(); ++i) {
      if (i) std::cout << '\f';
      std::cout << doc->text.pages[i].text << "\n";
    }
  }
  if (doc->status != "ok") {
    std::cerr << "planmine: " << doc->error << "\n";
    return kExitFailed;
  }
  return kExitOk;
}

Result<std::unique_ptr<Store>> OpenIndex(const std::string& db_path) {
  std::error_code ec;
  if (!fs::exists(db_path, ec))
    return NotFound(
        db_path +
        ": no index here (run 'planmine ingest PATH' first, or pass --db)");
  return Store::OpenForQuery(db_path);
}

int RunThemesList(const std::string& packs_dir, const std::string& format) {
  auto themes = LoadTaxonomy(
      (std::filesystem::path(packs_dir) / "themes.taxonomy.tsv").string());
  if (!themes.ok()) return Fail(themes.status());
  auto packs = LoadPackDir(packs_dir);
  if (!packs.ok()) return Fail(packs.status());
  std::map<std::string, std::map<std::string, int>> counts;  // id -> lang
  std::string versions;
  for (const PatternPack& p : *packs) {
    if (p.name != "themes") continue;
    versions += (versions.empty() ? "" : " ") + p.name + "." + p.language +
                "@" + std::to_string(p.version);
    for (const Pattern& x : p.patterns) ++counts[x.group][p.language];
  }
  Table t;
  t.columns = {"id",          "label_en",    "label_es",   "label_pt",
               "patterns_es", "patterns_pt", "patterns_en"};
  for (const Theme& th : *themes) {
    auto& c = counts[th.id];
    t.rows.push_back({th.id, th.label_en, th.label_es, th.label_pt,
                      std::to_string(c["es"]), std::to_string(c["pt"]),
                      std::to_string(c["en"])});
  }
  Emit(t, format);
  if (format == "table")
    std::cout << "\n"
              << themes->size() << " themes from " << packs_dir
              << "/themes.taxonomy.tsv; patterns: " << versions << "\n";
  return kExitOk;
}

int RunEvaluateCommitments(Db& db, const std::string& labels, bool verbose,
                           bool check) {
  auto r = Evaluate(db, labels);
  if (!r.ok()) return Fail(r.status());
  char buf[256];
  for (const std::string& f : r->missing_documents)
    std::cerr << "planmine: " << f << ": labelled but not in the index\n";
  snprintf(buf, sizeof buf,
           "commitments: %d labelled, %d predicted, %d matched: precision "
           "%.3f recall %.3f F1 %.3f\n",
           r->labelled, r->predicted, r->matched, r->precision, r->recall,
           r->f1);
  std::cout << buf;
  Table docs;
  docs.columns = {"document", "labelled", "predicted", "matched"};
  for (const auto& [f, d] : r->documents)
    docs.rows.push_back({f, std::to_string(d.labelled),
                         std::to_string(d.predicted),
                         std::to_string(d.matched)});
  PrintTable(docs, std::cout, 60);
  Table fields;
  fields.columns = {"field", "accuracy", "correct", "labelled", "spurious"};
  for (const auto& [f, s] : r->fields) {
    snprintf(buf, sizeof buf, "%.3f", s.accuracy());
    fields.rows.push_back({f, s.labelled ? buf : "-", std::to_string(s.correct),
                           std::to_string(s.labelled),
                           std::to_string(s.spurious)});
  }
  std::cout << "\n";
  PrintTable(fields, std::cout, 60);
  snprintf(buf, sizeof buf, "\nthemes: macro-F1 %.3f over %zu theme ids\n",
           r->theme_macro_f1, r->theme_f1.size());
  std::cout << buf;
  if (verbose) {
    for (const auto& [t, f] : r->theme_f1) {
      snprintf(buf, sizeof buf, "  %-32s F1 %.3f\n", t.c_str(), f);
      std::cout << buf;
    }
    std::cout << "\nmisses:\n";
    for (const std::string& m : r->misses) std::cout << "  " << m << "\n";
  }
  if (!check) return kExitOk;
  auto acc = [&](const char* f) {
    auto it = r->fields.find(f);
    return it == r->fields.end() ? 1.0 : it->second.accuracy();
  };
  bool ok = r->f1 >= 0.9 && acc("lead_agency") >= 0.8 &&
            acc("start_date") >= 0.8 && acc("end_date") >= 0.8 &&
            r->theme_macro_f1 >= 0.8 && r->missing_documents.empty();
  if (!ok) std::cerr << "planmine: evaluate: below the targets\n";
  return ok ? kExitOk : kExitPartial;
}

// Document types against manifests and titles against a titles TSV
// (pipeline/query/evaluate_documents.h). Targets: doc_type 0.95, titles 0.90.
int RunEvaluateDocuments(Db& db, const std::vector<std::string>& manifests,
                         const std::string& titles, bool verbose, bool check) {
  auto r = EvaluateDocuments(db, manifests, titles);
  if (!r.ok()) return Fail(r.status());
  for (const std::string& f : r->missing_documents)
    std::cerr << "planmine: " << f << ": labelled but not in the index\n";
  char buf[64];
  auto share = [&](const DocumentScore& s) {
    snprintf(buf, sizeof buf, "%.3f", s.share());
    return std::string(buf);
  };
  Table t;
  t.columns = {"measure", "set", "right", "labelled", "share"};
  auto rows = [&](const char* measure, const DocumentScore& all,
                  const std::vector<DocumentScore>& sets) {
    if (all.labelled == 0) return;
    for (const DocumentScore& s : sets)
      t.rows.push_back({measure, s.set, std::to_string(s.right),
                        std::to_string(s.labelled), share(s)});
    t.rows.push_back({measure, "all", std::to_string(all.right),
                      std::to_string(all.labelled), share(all)});
  };
  rows("doc_type", r->doc_type, r->doc_type_sets);
  rows("title", r->titles, r->title_sets);
  if (r->doc_type.labelled)
    std::cout << "documents: doc_type " << r->doc_type.right << "/"
              << r->doc_type.labelled << " right (" << share(r->doc_type)
              << ")\n";
  if (r->titles.labelled)
    std::cout << "documents: titles " << r->titles.right << "/"
              << r->titles.labelled << " accepted (" << share(r->titles)
              << ")\n";
  std::cout << "\n";
  PrintTable(t, std::cout, 60);
  if (verbose) {
    if (!r->confusion.empty()) {
      std::cout << "\ndoc_type misses (labelled -> predicted: documents):\n";
      for (const auto& [k, n] : r->confusion)
        std::cout << "  " << k.first << " -> " << k.second << ": " << n << "\n";
      for (const std::string& m : r->doc_type_misses)
        std::cout << "  " << m << "\n";
    }
    if (!r->title_misses.empty()) {
      std::cout << "\ntitle misses:\n";
      for (const std::string& m : r->title_misses)
        std::cout << "  " << m << "\n";
    }
  }
  if (!check) return kExitOk;
  bool ok = r->missing_documents.empty() &&
            (r->doc_type.labelled == 0 || r->doc_type.share() >= 0.95) &&
            (r->titles.labelled == 0 || r->titles.share() >= 0.90);
  if (!ok) std::cerr << "planmine: evaluate: documents below the targets\n";
  return ok ? kExitOk : kExitPartial;
}

int RunEvaluate(Db& db, const std::string& labels,
                const std::vector<std::string>& manifests,
                const std::string& titles, bool verbose, bool check) {
  if (labels.empty() && manifests.empty() && titles.empty())
    return Fail(InvalidArgument(
        "evaluate: give a commitments LABELS file, --documents MANIFEST… or "
        "--titles TSV"));
  int rc = kExitOk;
  if (!labels.empty()) rc = RunEvaluateCommitments(db, labels, verbose, check);
  if (rc == kExitFailed) return rc;
  if (!manifests.empty() || !titles.empty()) {
    if (!labels.empty()) std::cout << "\n";
    rc = std::max(rc,
                  RunEvaluateDocuments(db, manifests, titles, verbose, check));
  }
  return rc;
}

}  // namespace
}  // namespace planmine

int main(int argc, char** argv) {
  using namespace planmine;
  // Over a file-size limit a write fails (EFBIG) instead of killing us, so
  // that a full disk or quota is reported like any other write error.
  signal(SIGXFSZ, SIG_IGN);
  // Tesseract's OpenMP threads spin against each other on small machines:
  // two OCR pages took 111 s with the default and 10 s with one thread here.
  // The limit is read when the OpenMP runtime loads, before main, so set it
  // and start again; a user's own OMP_THREAD_LIMIT is left alone.
  if (std::getenv("OMP_THREAD_LIMIT") == nullptr) {
    setenv("OMP_THREAD_LIMIT", "1", 1);
    execv("/proc/self/exe", argv);  // returns only on failure: carry on
  }
  CLI::App app{
      "planmine: open-government action plans and reports in, a searchable "
      "index of commitments and themes out"};
  app.require_subcommand(1);
  std::string db = "outputs/planmine.sqlite";
  std::string packs = DefaultPacksDir();
  app.add_option("--db", db, "The SQLite index")->capture_default_str();
  std::string ocr_mode = "auto";
  app.add_option("--ocr", ocr_mode,
                 "OCR pages with no usable text layer: auto (when Tesseract is "
                 "installed) or off")
      ->check(CLI::IsMember({"auto", "off"}))
      ->capture_default_str();
  app.add_option("--packs", packs,
                 "Folder of pattern packs (*.pat) and themes.taxonomy.tsv")
      ->capture_default_str();

  auto* ingest = app.add_subcommand(
      "ingest", "Ingest PDFs and text files (folders are walked recursively)");
  std::vector<std::string> paths;
  std::string manifest;
  int max_pages = 5000;
  bool quiet = false;
  ingest->add_option("PATH", paths, "Files or folders")->required();
  ingest->add_option(
      "--manifest", manifest,
      "CSV/TSV with path, country, year, doc_type, title overriding inference");
  ingest
      ->add_option("--max-pages", max_pages,
                   "Read at most this many pages of a PDF")
      ->capture_default_str();
  ingest->add_flag("--quiet,-q", quiet,
                   "Only print failures and the final line");
  bool prune = false;
  ingest->add_flag("--prune", prune,
                   "Delete documents that were under a walked folder and are "
                   "gone (default: mark them missing)");
  std::string report_json;
  ingest->add_option("--report-json", report_json,
                     "Write the run's summary and errors as JSON to this file "
                     "(for monitoring)");
  std::string report_html;
  ingest->add_option("--report", report_html,
                     "After the run, write the HTML report (as 'planmine "
                     "report') to this file");
  WorkerLimits workers;
  workers.jobs = static_cast<int>(std::max(1L, sysconf(_SC_NPROCESSORS_ONLN)));
  ingest
      ->add_option("--jobs,-j", workers.jobs,
                   "Worker processes reading files at once (0: read in this "
                   "process, without isolation)")
      ->capture_default_str();
  ingest
      ->add_option("--timeout", workers.seconds,
                   "Seconds a document may take before its worker is killed")
      ->capture_default_str();
  ingest
      ->add_option("--memory-mb", workers.memory_mb,
                   "Address-space cap of each worker, in MB")
      ->capture_default_str();
  // The nightly job's name for the same run: ingest what changed, re-mine
  // what is stale, mark what is gone.
  ingest->alias("refresh");

  auto* search = app.add_subcommand(
      "search",
      "Full-text search over sentences, ranked (bm25), with the page to cite");
  std::string query, format = "table";
  SearchOptions so;
  search
      ->add_option("QUERY", query,
                   "Words (any accents, case and inflection), \"an exact "
                   "phrase\", prefix*, AND/OR/NOT/NEAR, theme:ID")
      ->required();
  search->add_option("--country", so.country, "ISO code, e.g. CO");
  search->add_option("--lang", so.language, "es, pt or en");
  search->add_option("--type", so.doc_type, "Document type: " + DocTypeNames())
      ->check(CLI::IsMember(DocTypeOptions()));
  search->add_option("--cycle", so.cycle, "Plan cycle, e.g. 2015-2017");
  search->add_option("--theme", so.theme,
                     "Only sentences tagged with this theme id");
  search->add_option("--from-year", so.year_from, "Documents of this year on");
  search->add_option("--to-year", so.year_to, "Documents up to this year");
  search->add_option("--limit", so.limit, "Hits per page")
      ->capture_default_str();
  int page = 1;
  search->add_option("--page", page, "Which page of hits (1, 2, …)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  bool no_bridge = false;
  search->add_flag("--no-bridge", no_bridge,
                   "Do not add the other languages' terms "
                   "(packs/terms.tsv, theme labels)");
  search->add_option("--format", format, "table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();

  auto* commitments = app.add_subcommand(
      "commitments", "List the numbered commitments found in the plans");
  CommitmentFilter cf;
  std::string cformat = "table";
  commitments->add_option("--country", cf.country, "ISO code, e.g. CO");
  commitments
      ->add_option("--doc-type", cf.doc_type,
                   "Only documents of this type: " + DocTypeNames())
      ->check(CLI::IsMember(DocTypeOptions()));
  commitments->add_option("--theme", cf.theme,
                          "Theme id (see themes.taxonomy.tsv)");
  commitments->add_flag(
      "--statements", cf.statements,
      "Also list commitment statements (\"se compromete a …\")");
  commitments->add_option("--format", cformat, "table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();

  auto* themes = app.add_subcommand(
      "themes", "Theme mentions counted by country, document or year");
  std::string by, tformat = "table";
  themes->add_option("--by", by, "country, document or year (default: overall)")
      ->check(CLI::IsMember({"country", "document", "year"}));
  themes->add_option("--format", tformat, "table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();

  auto* themes_list = themes->add_subcommand(
      "list",
      "Print the theme taxonomy: ids, labels in en/es/pt and how many "
      "patterns each language has (no index needed)");
  themes_list->add_option("--format", tformat, "table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));

  auto* statements = app.add_subcommand(
      "statements",
      "Findings and recommendations typed in workshop, meeting and IRM "
      "reports");
  StatementFilter sf;
  std::string sformat = "table";
  statements->add_option("--kind", sf.kind, "finding or recommendation")
      ->check(CLI::IsMember({"finding", "recommendation"}));
  statements->add_option("--country", sf.country, "ISO code, e.g. CO");
  statements
      ->add_option("--doc-type", sf.doc_type,
                   "Only documents of this type: " + DocTypeNames())
      ->check(CLI::IsMember(DocTypeOptions()));
  statements->add_option("--format", sformat, "table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();

  auto* entities = app.add_subcommand(
      "entities",
      "Organizations (with acronyms), places, dates, e-mails, URLs and "
      "handles, by how often they are named");
  EntityFilter ef;
  std::string eformat = "table";
  entities->add_option("--type", ef.type,
                       "organization, country, subnational, cycle, date, "
                       "email, url or handle");
  entities->add_option("--country", ef.country, "ISO code, e.g. CO");
  entities->add_option("--limit", ef.limit, "At most this many rows")
      ->capture_default_str();
  entities->add_option("--format", eformat, "table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();

  auto* compare = app.add_subcommand(
      "compare",
      "A matrix of counts and shares: rows × cols (country × theme by "
      "default)");
  CompareOptions co;
  std::string mformat = "table";
  const std::vector<std::string> keys = {"country", "theme", "doc_type",
                                         "cycle",   "year",  "language"};
  compare
      ->add_option("--rows", co.rows,
                   "country, theme, doc_type, cycle, "
                   "year or language")
      ->check(CLI::IsMember(keys))
      ->capture_default_str();
  compare->add_option("--cols", co.cols, "as --rows")
      ->check(CLI::IsMember(keys))
      ->capture_default_str();
  compare
      ->add_option("--measure", co.measure,
                   "commitments (tagged with the theme), documents (that "
                   "mention it) or mentions")
      ->check(CLI::IsMember({"commitments", "documents", "mentions"}))
      ->capture_default_str();
  compare->add_option("--cycle", co.cycle, "Only this plan cycle");
  compare->add_option("--country", co.country, "Only this country");
  compare
      ->add_option("--doc-type", co.doc_type,
                   "Only this document type: " + DocTypeNames())
      ->check(CLI::IsMember(DocTypeOptions()));
  compare
      ->add_option("--format", mformat,
                   "table (counts and row shares), json or csv (tidy: one "
                   "line per cell)")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();

  auto* timeline =
      app.add_subcommand("timeline",
                         "A theme across plan cycles: documents, commitments, "
                         "mentions");
  std::string tl_country, tl_theme, tlformat = "table";
  timeline->add_option("--country", tl_country, "ISO code, e.g. CO");
  timeline->add_option("--theme", tl_theme, "Theme id")->required();
  timeline->add_option("--format", tlformat, "table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();

  auto* exporter = app.add_subcommand(
      "export", "Tidy tables for R, pandas and spreadsheets, with stable keys");
  std::vector<std::string> ex_tables;
  std::string ex_format = "csv", ex_out = "outputs/export";
  exporter
      ->add_option("--table", ex_tables,
                   "documents, commitments, commitment_themes, themes, "
                   "theme_hits, sentences, entities, statements (default: "
                   "all)")
      ->check(CLI::IsMember(ExportTables()));
  exporter->add_option("--format", ex_format, "csv (RFC 4180) or jsonl")
      ->check(CLI::IsMember({"csv", "jsonl"}))
      ->capture_default_str();
  exporter->add_option("--out", ex_out, "Folder to write <table>.<format>")
      ->capture_default_str();

  auto* report = app.add_subcommand(
      "report",
      "One self-contained HTML page: heatmap, commitments per cycle, the "
      "commitments table with a filter and links to the source pages");
  std::string report_out = "outputs/report.html";
  report->add_option("--out", report_out, "Where to write the page")
      ->capture_default_str();

  auto* summary =
      app.add_subcommand("summary",
                         "What the index holds: documents by country, language "
                         "and type, commitments, top themes");

  auto* status = app.add_subcommand(
      "status", "What the index holds by status, and the last ingest runs");
  auto* failures = app.add_subcommand(
      "failures",
      "Documents that failed or have no text, with the reason and when");
  std::string fformat = "table";
  failures->add_option("--format", fformat, "table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();

  auto* evaluate = app.add_subcommand(
      "evaluate",
      "Score the index against labelled sets: commitments "
      "(tests/eval/commitments.tsv), document types (manifests) and titles "
      "(tests/eval/titles.tsv)");
  std::string labels, eval_titles;
  std::vector<std::string> eval_manifests;
  bool eval_verbose = false, eval_check = false;
  evaluate->add_option("LABELS", labels,
                       "The labelled commitments TSV (optional when "
                       "--documents or --titles is given)");
  evaluate
      ->add_option("--documents", eval_manifests,
                   "Manifests whose doc_type_full (else doc_type) labels "
                   "each file's type, e.g. ../shared/corpus-real/MANIFEST.tsv")
      ->expected(1, -1);
  evaluate->add_option("--titles", eval_titles,
                       "TSV of accepted titles: corpus, document, title, "
                       "also_accept ('|'-separated)");
  evaluate->add_flag("-v,--verbose", eval_verbose,
                     "List every miss: unfound, extra, wrong field; the "
                     "documents' wrong types and rejected titles");
  evaluate->add_flag("--check", eval_check,
                     "Exit 1 below the targets: commitment F1 0.9, lead "
                     "agency and dates 0.8, theme macro-F1 0.8; doc_type "
                     "0.95, titles 0.90");

  auto* extract = app.add_subcommand(
      "extract",
      "Run the stages on one file and print the result (no database)");
  std::string file, xformat = "text";
  extract->add_option("FILE", file, "A PDF, .txt or .md file")->required();
  extract
      ->add_option("--format", xformat,
                   "text (pages separated by form feeds) or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  extract->add_option("--max-pages", max_pages, "Read at most this many pages")
      ->capture_default_str();
  std::string debug_layout;
  extract->add_option(
      "--debug-layout", debug_layout,
      "Also write DIR/page-N.png (regions drawn over the page: columns blue, "
      "bands orange, table cells green, insets magenta, footnotes grey, "
      "column edges red) and DIR/page-N.txt (blocks in reading order)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : kExitFailed;
  }

  g_ocr = ocr_mode == "auto";
  if (*ingest)
    return RunIngest(paths, db, manifest, packs, max_pages, quiet, report_json,
                     report_html, prune, workers);
  if (*extract)
    return RunExtract(file, xformat, packs, max_pages, debug_layout);
  if (*themes_list) return RunThemesList(packs, tformat);

  auto store = OpenIndex(db);
  if (!store.ok()) return Fail(store.status());
  if (*evaluate)
    return RunEvaluate((*store)->db(), labels, eval_manifests, eval_titles,
                       eval_verbose, eval_check);
  Db& conn = (*store)->db();
  if (*search) {
    if (format == "table" && isatty(STDOUT_FILENO)) {
      so.mark_open = "\033[1;33m";
      so.mark_close = "\033[0m";
    }
    so.offset = (page - 1) * so.limit;
    TermBridge bridge;
    if (!no_bridge) {
      auto b = LoadTermBridge(packs);
      if (!b.ok()) return Fail(b.status());
      bridge = std::move(*b);
      so.bridge = &bridge;
    }
    auto t = Search(conn, query, so);
    if (!t.ok()) return Fail(t.status());
    if (format == "table") {
      auto parsed = ParseQuery(query, so.bridge);
      if (parsed.ok() && !parsed->bridged.empty()) {
        std::string also;
        for (const std::string& b : parsed->bridged)
          also += (also.empty() ? "" : ", ") + b;
        std::cout << "(also searching: " << also << ")\n";
      }
    }
    if (format == "table") {
      // One hit per paragraph: the snippet is long, so print records, not
      // columns.
      int i = 0;
      for (const auto& r : t->rows) {
        std::cout << ++i << ". " << r[0] << " (" << (r[2].empty() ? "?" : r[2])
                  << (r[3].empty() ? "" : ", " + r[3]) << ", " << r[4] << ", "
                  << r[5] << ")\n   " << r[1] << ", page " << r[6] << "\n   "
                  << r[7] << "\n";
      }
      if (t->rows.empty()) std::cout << "no matches\n";
    } else {
      Emit(*t, format);
    }
    return kExitOk;
  }
  if (*commitments) {
    auto t = ListCommitments(conn, cf);
    if (!t.ok()) return Fail(t.status());
    if (cformat == "table") {
      // The columns a reader scans; json and csv carry all of them.
      auto col = [&](const char* name) {
        for (size_t i = 0; i < t->columns.size(); ++i)
          if (t->columns[i] == name) return i;
        return size_t{0};
      };
      Table narrow;
      narrow.columns = {"country",    "year",        "number",
                        "title",      "lead_agency", "end_date",
                        "completion", "page",        "document"};
      for (const auto& r : t->rows) {
        std::vector<std::string> row;
        for (const std::string& c : narrow.columns)
          row.push_back(c == "page" ? r[col("first_page")] : r[col(c.c_str())]);
        narrow.rows.push_back(std::move(row));
      }
      PrintTable(narrow, std::cout, 60);
    } else {
      Emit(*t, cformat);
    }
    return kExitOk;
  }
  if (*report) {
    size_t bytes = 0;
    if (Status s = WriteHtmlReport(conn, db, report_out, &bytes); !s.ok())
      return Fail(s);
    std::cout << report_out << ": " << bytes << " bytes\n";
    return kExitOk;
  }
  if (*compare) {
    auto m = Compare(conn, co);
    if (!m.ok()) return Fail(m.status());
    if (mformat == "table") {
      PrintTable(MatrixWide(*m, co), std::cout, 24);
      std::cout << "\n"
                << co.measure << ": " << m->total
                << " in all; a cell's share is of its row's total\n";
    } else {
      Emit(MatrixLong(*m, co), mformat);
    }
    return kExitOk;
  }
  if (*timeline) {
    auto t = Timeline(conn, tl_country, tl_theme);
    if (!t.ok()) return Fail(t.status());
    Emit(*t, tlformat);
    return kExitOk;
  }
  if (*exporter) {
    if (ex_tables.empty()) ex_tables = ExportTables();
    std::error_code ec;
    fs::create_directories(ex_out, ec);
    if (ec) return Fail(IoError(ex_out + ": " + ec.message()));
    for (const std::string& name : ex_tables) {
      auto t = ExportTable(conn, name);
      if (!t.ok()) return Fail(t.status());
      std::string path = ex_out + "/" + name + "." + ex_format;
      std::ofstream out(path, std::ios::binary);
      if (!out) return Fail(IoError(path + ": cannot write"));
      if (ex_format == "csv") {
        PrintCsv(*t, out);
      } else {
        for (const auto& r : t->rows) {
          nlohmann::ordered_json j;
          for (size_t c = 0; c < t->columns.size(); ++c)
            j[t->columns[c]] = r[c];
          out << j.dump() << "\n";
        }
      }
      out.close();
      if (!out) return Fail(IoError(path + ": write failed"));
      std::cout << path << ": " << t->rows.size() << " rows\n";
    }
    return kExitOk;
  }
  if (*statements) {
    auto t = ListStatements(conn, sf);
    if (!t.ok()) return Fail(t.status());
    if (sformat == "table") {
      Table narrow;
      narrow.columns = {"country", "page", "kind", "text", "document"};
      for (const auto& r : t->rows)
        narrow.rows.push_back({r[0], r[3], r[4], r[5], r[2]});
      PrintTable(narrow, std::cout, 90);
    } else {
      Emit(*t, sformat);
    }
    return kExitOk;
  }
  if (*entities) {
    auto t = ListEntities(conn, ef);
    if (!t.ok()) return Fail(t.status());
    Emit(*t, eformat);
    return kExitOk;
  }
  if (*themes) {
    auto t = ThemeCounts(conn, by);
    if (!t.ok()) return Fail(t.status());
    Emit(*t, tformat);
    return kExitOk;
  }
  if (*status) {
    auto st = IndexStatus(conn);
    if (!st.ok()) return Fail(st.status());
    for (const auto& [title, table] : *st) {
      std::cout << "\n" << title << "\n";
      PrintTable(table, std::cout, 90);
    }
    return kExitOk;
  }
  if (*failures) {
    auto t = Failures(conn);
    if (!t.ok()) return Fail(t.status());
    if (fformat == "table" && t->rows.empty())
      std::cout << "no failures\n";
    else
      Emit(*t, fformat);
    return kExitOk;
  }
  if (*summary) {
    auto s = Summary(conn);
    if (!s.ok()) return Fail(s.status());
    for (const auto& [title, table] : *s) {
      if (title == "Failures" && table.rows.empty()) continue;
      std::cout << "\n" << title << "\n";
      PrintTable(table, std::cout, 90);
    }
    return kExitOk;
  }
  return kExitFailed;
}
