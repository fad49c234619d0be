// planmine set FILE key=value… [--clear key…]: corrects a document in the
// index. The corrections are checked before the index is touched, stored
// (corrections table) and applied at once, re-classifying the document from
// its stored text; every later run applies them again (runner/pipeline.h).
// A stages command: classifying needs the packs and the miner.
#include <filesystem>
#include <iostream>

#include "pipeline/cli/command.h"
#include "pipeline/cli/commands/commands.h"
#include "pipeline/cli/commands/ingest_lock.h"
#include "pipeline/core/clock.h"
#include "pipeline/core/corrections.h"
#include "pipeline/runner/pipeline.h"

namespace planmine {
namespace {
namespace fs = std::filesystem;

struct SetArgs {
  std::string file;
  std::vector<std::string> pairs;   // key=value
  std::vector<std::string> clears;  // keys
};

// The corrections and the keys to clear, or why not ("set: unknown key
// 'contry' (valid keys: …)").
Status ParseSetArgs(const SetArgs& a, Corrections* set,
                    std::vector<CorrectionKey>* clear) {
  const std::string keys = "valid keys: " + CorrectionKeyNames();
  if (a.pairs.empty() && a.clears.empty())
    return InvalidArgument("set: give key=value or --clear key (" + keys + ")");
  for (const std::string& pair : a.pairs) {
    size_t eq = pair.find('=');
    if (eq == std::string::npos)
      return InvalidArgument("set: '" + pair + "' is not key=value (" + keys +
                             ")");
    const std::string name = pair.substr(0, eq);
    auto key = ParseCorrectionKey(name);
    if (!key)
      return InvalidArgument("set: unknown key '" + name + "' (" + keys + ")");
    auto value = NormalizeCorrectionValue(*key, pair.substr(eq + 1));
    if (!value.ok()) return value.status().WithPrefix("set");
    set->push_back({*key, *value, "set", ""});
  }
  for (const std::string& name : a.clears) {
    auto key = ParseCorrectionKey(name);
    if (!key)
      return InvalidArgument("set: --clear: unknown key '" + name + "' (" +
                             keys + ")");
    clear->push_back(*key);
  }
  return Status();
}

int RunSet(const SetArgs& a, const GlobalOptions& g) {
  Corrections set;
  std::vector<CorrectionKey> clear;
  if (Status s = ParseSetArgs(a, &set, &clear); !s.ok()) return Fail(s);
  std::error_code ec;
  if (!fs::exists(g.db, ec))
    return Fail(NotFound(
        g.db +
        ": no index here (run 'planmine ingest PATH' first, or pass --db)"));
  auto pipeline = MakePipeline(g, 5000);
  if (!pipeline.ok()) return Fail(pipeline.status());
  IngestLock lock;
  if (Status s = lock.Acquire(g.db); !s.ok()) return Fail(s);
  auto store = Store::Open(g.db);
  if (!store.ok()) return Fail(store.status());
  Store& st = **store;
  auto path = FindStoredPath(st, a.file);
  if (!path.ok()) return Fail(path.status());
  auto stored = st.Find(*path);
  if (!stored.ok()) return Fail(stored.status());
  const double t0 = MonotonicSeconds();
  std::string command = "set " + a.file;
  for (const std::string& p : a.pairs) command += " " + p;
  for (const std::string& c : a.clears) command += " --clear " + c;
  auto run = st.BeginRun(command);
  if (!run.ok()) return Fail(run.status());
  auto put = st.StoreCorrections(*path, (*stored)->sha256, set);
  if (!put.ok()) return Fail(put.status());
  for (CorrectionKey k : clear) {
    auto gone = st.ClearCorrection(*path, k);
    if (!gone.ok()) return Fail(gone.status());
    if (!*gone)
      std::cerr << "planmine: " << *path << ": no correction of "
                << CorrectionKeyName(k) << " to clear\n";
  }
  auto applied = ApplyStoredCorrections(*pipeline, st, *path, *run);
  if (!applied.ok()) return Fail(applied.status());
  KeepThemeSentences(st.db(), g.packs);  // a re-mined document's theme hits
  RunCounts counts;
  counts.files_seen = 1;
  counts.corrected = *applied ? 1 : 0;
  if (Status s = st.EndRun(*run, counts, MonotonicSeconds() - t0, "ok");
      !s.ok())
    return Fail(s);
  auto now = st.CorrectionsFor(*path);
  if (!now.ok()) return Fail(now.status());
  std::cout << *path << ":";
  if (now->empty()) std::cout << " no corrections";
  for (const Correction& c : *now)
    std::cout << "\n  " << CorrectionKeyName(c.key) << " = " << c.value << "  ("
              << c.source << ", " << c.set_at << ")";
  std::cout << "\n"
            << (*applied ? "applied"
                         : "stored; applied once the file is read (its last "
                           "ingest failed)")
            << "\n";
  return kExitOk;
}

}  // namespace

RunFn SetSetup(CLI::App* cmd) {
  auto a = std::make_shared<SetArgs>();
  cmd->add_option("FILE", a->file,
                  "The document as ingested (a file moved since is found by "
                  "its bytes)")
      ->required();
  cmd->add_option("KEY=VALUE", a->pairs,
                  "The corrections to store: " + CorrectionKeyNames());
  cmd->add_option("--clear", a->clears,
                  "Remove the correction of this key (the classifier decides "
                  "again)");
  return [a](const GlobalOptions& g) { return RunSet(*a, g); };
}

}  // namespace planmine
