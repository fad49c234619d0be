// planmine plan-shards / shard / merge: one refresh split over many
// machines (docs/scale-out.md). plan-shards decides every file with the
// refresh policy and deals the files to read into N work lists; shard I
// reads list I with the worker pool into its spool (shard/spool.h); merge,
// the single writer, folds the complete spools into the index with the
// ingest's per-document transaction and runs the steps that span
// documents once (missing marks, re-mines, plan cycles, the run record).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "pipeline/cli/command.h"
#include "pipeline/cli/commands/commands.h"
#include "pipeline/cli/commands/ingest_lock.h"
#include "pipeline/cli/format.h"
#include "pipeline/cli/options.h"
#include "pipeline/core/user_file.h"
#include "pipeline/runner/doc_codec.h"
#include "pipeline/runner/pipeline.h"
#include "pipeline/shard/plan.h"
#include "pipeline/shard/spool.h"

#ifndef PLANMINE_VERSION
#define PLANMINE_VERSION "0"
#endif

namespace planmine {
namespace {
namespace fs = std::filesystem;

constexpr long long kMaxShards = 100000;

// The worker options of `ingest`, for `shard`.
void AddWorkerOptions(CLI::App* sub, WorkerLimits* w) {
  std::string note;
  const int max_jobs = MaxJobs(&note);
  w->jobs = std::min(
      static_cast<int>(std::max(1L, sysconf(_SC_NPROCESSORS_ONLN))), max_jobs);
  sub->add_option("--jobs,-j", w->jobs,
                  "Worker processes reading files at once, 1 to " +
                      std::to_string(max_jobs) + " (" + note +
                      "); 'in-process': read in this process")
      ->transform(IntRange("--jobs", 1, max_jobs, note, {{"in-process", "0"}}))
      ->capture_default_str();
  sub->add_option("--timeout", w->seconds,
                  "Seconds a document may take, 1 to 604800; 'none'")
      ->transform(IntRange("--timeout", 1, 604800, "seconds", {{"none", "0"}}))
      ->capture_default_str();
  sub->add_option("--memory-mb", w->memory_mb,
                  "Address-space cap of each worker, 32 to 1048576; 'none'")
      ->transform(IntRange("--memory-mb", 32, 1048576, "MB", {{"none", "0"}}))
      ->capture_default_str();
}

// The words of `a` that `b` lacks: "miner.es@4#1a2b3c4d".
std::string Missing(const std::string& a, const std::string& b) {
  std::istringstream in_b(b);
  std::set<std::string> words_b;
  for (std::string w; in_b >> w;) words_b.insert(w);
  std::istringstream in_a(a);
  std::string out;
  for (std::string w; in_a >> w;)
    if (!words_b.count(w)) out += (out.empty() ? "" : " ") + w;
  return out.empty() ? "(none)" : out;
}

// The pipeline a shard or merge of `plan` runs: the plan's packs, OCR
// setting and page limit; refused when its code or versions differ from
// the plan's, since its rows would not match the other shards'.
Result<Pipeline> PlannedPipeline(const ShardPlan& plan, const GlobalOptions& g,
                                 const std::string& run) {
  GlobalOptions planned = g;
  planned.packs = plan.packs;
  planned.ocr = plan.ocr;
  auto pipeline = MakePipeline(planned, plan.max_pages);
  if (!pipeline.ok()) return pipeline.status();
  const std::string plan_file = (fs::path(run) / "plan.json").string();
  if (plan.planmine_version != PLANMINE_VERSION)
    return InvalidArgument(plan_file + ": planned by planmine " +
                           plan.planmine_version + ", this is planmine " +
                           PLANMINE_VERSION + ": plan again with this one");
  if (plan.versions != pipeline->versions())
    return InvalidArgument(
        plan_file +
        ": the pack or code versions differ from the plan's (planned: " +
        Missing(plan.versions, pipeline->versions()) +
        "; here: " + Missing(pipeline->versions(), plan.versions) +
        "): this shard's rows would not match the others'; plan again "
        "(planmine plan-shards)");
  return pipeline;
}

// ---- plan-shards ----------------------------------------------------------

struct PlanArgs {
  std::vector<std::string> paths;
  int shards = 0;
  std::string out;
  int max_pages = 5000;
};

void PrintPlan(const ShardPlan& plan, const std::string& out) {
  std::map<std::string, int> by_action;
  for (const std::string& a : plan.actions) ++by_action[a];
  std::cout << "planmine: " << plan.found.files.size() << " files:";
  for (const auto& [action, n] : by_action)
    std::cout << " " << n << " " << action;
  if (!plan.found.errors.empty())
    std::cout << ", " << plan.found.errors.size() << " unreadable";
  std::cout << "\n";
  for (size_t s = 0; s < plan.shards.size(); ++s)
    std::cout << "shard " << s << ": " << plan.shards[s].items.size()
              << " files, " << std::fixed << std::setprecision(1)
              << plan.shards[s].bytes / 1e6 << " MB, ~" << std::setprecision(0)
              << plan.shards[s].pages << " pages\n";
  std::cout << EscapeControl((fs::path(out) / "plan.json").string())
            << ": next, 'planmine shard " << EscapeControl(out)
            << " --index I' for I in 0.." << plan.shards.size() - 1
            << ", then 'planmine merge " << EscapeControl(out) << "'\n";
}

int RunPlanShards(const PlanArgs& a, const GlobalOptions& g) {
  std::error_code ec;
  if (fs::exists(fs::path(a.out) / "plan.json", ec))
    return Fail(InvalidArgument(
        a.out + ": already holds a plan (plan.json): give a new folder"));
  fs::create_directories(a.out, ec);
  if (ec)
    return Fail(IoError(a.out + ": cannot make the folder: " + ec.message()));
  auto pipeline = MakePipeline(g, a.max_pages);
  if (!pipeline.ok()) return Fail(pipeline.status());
  std::unique_ptr<Store> store;
  if (fs::exists(g.db, ec)) {  // no index yet: every file is new
    auto s = OpenIndex(g.db);
    if (!s.ok()) return Fail(s.status());
    store = std::move(*s);
  }
  Discovery found = Discover(a.paths);
  if (found.files.empty() && found.errors.empty())
    return Fail(NotFound("no documents found (looked for .pdf, .txt, .md)"));
  auto plan = MakeShardPlan(*pipeline, store.get(), std::move(found), a.shards);
  if (!plan.ok()) return Fail(plan.status());
  plan->planmine_version = PLANMINE_VERSION;
  plan->packs = fs::absolute(g.packs, ec).string();
  plan->ocr = g.ocr;
  plan->max_pages = a.max_pages;
  plan->db = ResolvedIndexPath(g.db);
  plan->created_at = NowIso();
  plan->paths = a.paths;
  if (Status s = WriteShardPlan(*plan, a.out); !s.ok()) return Fail(s);
  PrintPlan(*plan, a.out);
  return kExitOk;
}

// ---- shard ----------------------------------------------------------------

struct ShardArgs {
  std::string run;
  int index = 0;
  bool quiet = false;
  WorkerLimits workers;
};

int RunShard(const ShardArgs& a, const GlobalOptions& g) {
  auto plan = LoadShardPlan(a.run);
  if (!plan.ok()) return Fail(plan.status());
  const int n = static_cast<int>(plan->shards.size());
  if (a.index >= n)
    return Fail(InvalidArgument(RangeMessage(
        "--index", 0, n - 1, "the plan has " + std::to_string(n) + " shards",
        {}, std::to_string(a.index))));
  auto pipeline = PlannedPipeline(*plan, g, a.run);
  if (!pipeline.ok()) return Fail(pipeline.status());
  const std::string base = ShardSpoolBase(a.run, a.index);
  const std::string label =
      "shard " + std::to_string(a.index) + " of " + EscapeControl(a.run);
  std::error_code ec;
  if (fs::exists(base + ".spool", ec)) {
    std::cout << "planmine: " << label << " is already complete ("
              << EscapeControl(base) << ".spool)\n";
    return kExitOk;
  }
  auto spool = SpoolWriter::Resume(base);
  if (!spool.ok()) return Fail(spool.status());
  const std::vector<WorkItem>& all = plan->shards[a.index].items;
  std::vector<WorkItem> left;
  for (const WorkItem& w : all) {
    auto it = spool->done().find(w.file.path);
    if (it == spool->done().end() || it->second != w.file.sha256)
      left.push_back(w);
  }
  std::cout << "planmine: " << label << ": " << all.size() << " files";
  if (left.size() < all.size())
    std::cout << ", " << all.size() - left.size()
              << " already spooled (resuming)";
  std::cout << "\n" << std::flush;
  pipeline->Warm();
  int failed = 0;
  Status s = ProcessInWorkers(
      *pipeline, left, a.workers,
      [&](size_t i, Result<IndexedDocument> doc) -> Status {
        const SourceFile& f = left[i].file;
        if (!doc.ok()) {
          ++failed;
          std::cerr << "FAILED   " << EscapeControl(doc.status().message())
                    << "\n";
        } else if (!a.quiet) {
          std::cout << "ok       " << EscapeControl(f.path) << ": "
                    << FileSummary(*doc) << "\n"
                    << std::flush;
        }
        return spool->Append(f.path, f.sha256, doc);
      });
  if (!s.ok()) return Fail(s);
  if (Status f = spool->Finish(); !f.ok()) return Fail(f);
  std::cout << "planmine: " << label << " complete: " << left.size()
            << " files read now (" << failed << " failed), "
            << all.size() - left.size() << " before -> " << EscapeControl(base)
            << ".spool\n";
  return kExitOk;
}

// ---- merge ----------------------------------------------------------------

struct MergeArgs {
  std::string run;
  bool quiet = false;
  bool prune = false;
};

// What merge found of each shard.
struct ShardState {
  std::optional<SpoolReader> spool;  // set when complete
  size_t planned = 0;
  size_t spooled = 0;  // records, complete or not
};

std::vector<ShardState> ScanShards(const ShardPlan& plan,
                                   const std::string& run, Status* error) {
  std::vector<ShardState> states(plan.shards.size());
  for (size_t s = 0; s < states.size(); ++s) {
    states[s].planned = plan.shards[s].items.size();
    const std::string base = ShardSpoolBase(run, static_cast<int>(s));
    std::error_code ec;
    if (fs::exists(base + ".spool", ec)) {
      auto r = SpoolReader::Open(base + ".spool");
      if (!r.ok()) {
        *error = r.status();
        return states;
      }
      states[s].spooled = r->entries().size();
      states[s].spool.emplace(std::move(*r));
    } else if (fs::exists(base + ".partial", ec)) {
      auto r = SpoolReader::Open(base + ".partial");
      if (r.ok()) states[s].spooled = r->entries().size();
    }
  }
  return states;
}

// "merge RUN: 4 shards (0: 6 files, 1: 6, 2: incomplete 3 of 5, 3: 6)":
// the run record's command, with the per-shard counts.
std::string MergeCommandLine(const std::string& run,
                             const std::vector<ShardState>& states) {
  std::string c =
      "merge " + run + ": " + std::to_string(states.size()) + " shards (";
  for (size_t s = 0; s < states.size(); ++s) {
    c += (s ? ", " : "") + std::to_string(s) + ": ";
    if (states[s].spool)
      c += std::to_string(states[s].spooled) + " files";
    else
      c += "incomplete " + std::to_string(states[s].spooled) + " of " +
           std::to_string(states[s].planned);
  }
  return c + ")";
}

// The command that runs shard `index` again: $PLANMINE_RESUBMIT with
// {index} replaced (the Slurm merge job sets it to its sbatch line), else
// the plain planmine command.
std::string ResubmitCommand(const std::string& run, int index) {
  const char* t = getenv("PLANMINE_RESUBMIT");
  std::string out = t && *t ? t : "planmine shard " + run + " --index {index}";
  for (size_t at; (at = out.find("{index}")) != std::string::npos;)
    out.replace(at, 7, std::to_string(index));
  return out;
}

// Reads the extraction results of `items` from the shards' spools; the
// files of an incomplete shard are left out (counted in `pending`).
ReadFiles FromSpools(const ShardPlan& plan, const std::string& run,
                     const std::vector<ShardState>& states,
                     std::vector<int>* pending) {
  auto shard_of = std::make_shared<std::map<std::string, size_t>>();
  for (size_t s = 0; s < plan.shards.size(); ++s)
    for (const WorkItem& w : plan.shards[s].items) (*shard_of)[w.file.path] = s;
  return [&states, pending, shard_of, run](const std::vector<WorkItem>& items,
                                           const OnResult& done) -> Status {
    for (size_t i = 0; i < items.size(); ++i) {
      const SourceFile& f = items[i].file;
      auto s = shard_of->find(f.path);
      if (s == shard_of->end()) {
        PLANMINE_RETURN_IF_ERROR(done(
            i, NotFound(f.path + ": in no work list of " + run +
                        " (the file or the index changed since the plan was "
                        "made): plan again")));
        continue;
      }
      const ShardState& st = states[s->second];
      if (!st.spool) {
        ++(*pending)[s->second];
        continue;
      }
      auto e = st.spool->entries().find(f.path);
      if (e == st.spool->entries().end() || e->second.sha256 != f.sha256) {
        PLANMINE_RETURN_IF_ERROR(
            done(i, NotFound(f.path + ": shard " + std::to_string(s->second) +
                             " has no result for these bytes: plan again")));
        continue;
      }
      auto r = st.spool->Read(e->second);
      if (!r.ok()) {
        PLANMINE_RETURN_IF_ERROR(done(i, r.status()));
        continue;
      }
      PLANMINE_RETURN_IF_ERROR(done(i, std::move(*r)));
    }
    return Status();
  };
}

// RUN/merged: the index a complete merge went into, and its run.
std::string MergedMarker(const std::string& run) {
  return (fs::path(run) / "merged").string();
}

int ReportIncomplete(const std::string& run,
                     const std::vector<ShardState>& states,
                     const std::vector<int>& pending) {
  int incomplete = 0;
  for (size_t s = 0; s < states.size(); ++s) {
    if (states[s].spool) continue;
    ++incomplete;
    std::cerr << "planmine: shard " << s << " of " << EscapeControl(run)
              << " did not complete (" << states[s].spooled << " of "
              << states[s].planned << " files spooled); its " << pending[s]
              << " files to read were not merged. Resubmit it, then merge "
                 "again:\n  "
              << EscapeControl(ResubmitCommand(run, static_cast<int>(s)))
              << "\n";
  }
  return incomplete;
}

int RunMerge(const MergeArgs& a, const GlobalOptions& g) {
  auto plan = LoadShardPlan(a.run);
  if (!plan.ok()) return Fail(plan.status());
  auto pipeline = PlannedPipeline(*plan, g, a.run);
  if (!pipeline.ok()) return Fail(pipeline.status());
  const std::string db = ResolvedIndexPath(g.db);
  if (db != plan->db)
    std::cerr << "planmine: note: merging into " << EscapeControl(db)
              << "; the plan was made against " << EscapeControl(plan->db)
              << "\n";
  auto marker = ReadUserFile(MergedMarker(a.run), 1 << 16);
  if (marker.ok() && marker->rfind(db + "\n", 0) == 0) {
    std::string run_id = marker->substr(db.size() + 1, 20);
    run_id.erase(run_id.find_last_not_of("\n") + 1);
    std::cout << "planmine: " << EscapeControl(a.run)
              << " is already merged into " << EscapeControl(db) << " (run "
              << run_id << "): nothing to do\n";
    return kExitOk;
  }
  Status scan;
  std::vector<ShardState> states = ScanShards(*plan, a.run, &scan);
  if (!scan.ok()) return Fail(scan);
  std::error_code ec;
  fs::path parent = fs::path(g.db).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  IngestLock lock;
  if (Status s = lock.Acquire(g.db); !s.ok()) return Fail(s);
  auto store = Store::Open(g.db);
  if (!store.ok()) return Fail(store.status());
  std::vector<int> pending(states.size(), 0);
  WorkerLimits none;
  auto report = IngestDiscovered(
      *pipeline, **store, plan->found, nullptr, MergeCommandLine(a.run, states),
      a.prune,
      [&](const IngestProgress& p) {
        if (p.outcome == "failed" || p.outcome == "no_text")
          std::cerr << (p.outcome == "failed" ? "FAILED   " : "NO TEXT  ")
                    << EscapeControl(p.detail.rfind(p.path + ": ", 0) == 0
                                         ? p.detail
                                         : p.path + ": " + p.detail)
                    << "\n";
      },
      none, FromSpools(*plan, a.run, states, &pending),
      std::chrono::steady_clock::now(), 0);
  if (!report.ok()) return Fail(report.status());
  KeepThemeSentences((*store)->db(), g.packs);
  PrintIngestRunLine(*report, a.prune, g.db);
  if (ReportIncomplete(a.run, states, pending) > 0) {
    // The run merged part of the plan: its record says so.
    int left = 0;
    for (int n : pending) left += n;
    if (Status e =
            (*store)->EndRun(report->run_id, report->counts, report->seconds,
                             "partial: " + std::to_string(left) +
                                 " files of incomplete shards not merged");
        !e.ok())
      return Fail(e);
    return kExitPartial;
  }
  std::ofstream(MergedMarker(a.run), std::ios::trunc) << db << "\n"
                                                      << report->run_id << "\n";
  const RunCounts& c = report->counts;
  const int bad = c.failed + report->no_text;
  return bad == 0 ? kExitOk : bad < c.files_seen ? kExitPartial : kExitFailed;
}

}  // namespace

RunFn PlanShardsSetup(CLI::App* sub) {
  auto a = std::make_shared<PlanArgs>();
  sub->add_option("PATH", a->paths, "Files or folders")->required();
  sub->add_option("--shards", a->shards, "Work lists to make, 1 to 100000")
      ->required()
      ->transform(IntRange("--shards", 1, kMaxShards));
  sub->add_option("--out", a->out, "The run's folder (new): plan.json, spools")
      ->required();
  sub->add_option("--max-pages", a->max_pages,
                  "Read at most this many pages of a PDF")
      ->transform(IntRange("--max-pages", 1, kMaxPages))
      ->capture_default_str();
  return [a](const GlobalOptions& g) { return RunPlanShards(*a, g); };
}

RunFn ShardSetup(CLI::App* sub) {
  auto a = std::make_shared<ShardArgs>();
  sub->add_option("RUN", a->run, "The run's folder (plan-shards --out)")
      ->required();
  sub->add_option("--index", a->index,
                  "Which work list, 0 to the plan's shards - 1")
      ->required()
      ->transform(IntRange("--index", 0, kMaxShards - 1));
  sub->add_flag("--quiet,-q", a->quiet, "Only print failures and the end");
  AddWorkerOptions(sub, &a->workers);
  return [a](const GlobalOptions& g) { return RunShard(*a, g); };
}

RunFn MergeSetup(CLI::App* sub) {
  auto a = std::make_shared<MergeArgs>();
  sub->add_option("RUN", a->run, "The run's folder (plan-shards --out)")
      ->required();
  sub->add_flag("--prune", a->prune,
                "Delete documents that were under a walked folder and are "
                "gone (default: mark them missing)");
  return [a](const GlobalOptions& g) { return RunMerge(*a, g); };
}

}  // namespace planmine
