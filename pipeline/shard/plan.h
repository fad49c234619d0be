// Shard plan: how `planmine plan-shards` splits a refresh into N work
// lists that run anywhere (a Slurm array, Kubernetes indexed jobs, xargs
// -P), and what `planmine shard` and `planmine merge` read back.
//
// The plan is RUN/plan.json (format "planmine-shard-plan 1"):
//   planmine_version, versions   the code and the stage and pack versions
//                                the plan was made with (Pipeline::
//                                versions()); a shard or merge with others
//                                refuses to run
//   packs, ocr, max_pages        the settings every shard runs with
//   db                           the index the decisions were read from
//   paths, roots                 as given, and the folders walked (resolved)
//   files                        every file found: path, kind, size, mtime,
//                                sha256 (when the plan hashed it) and the
//                                refresh policy's action (refresh_policy.h)
//   errors                       paths the walk could not read: code, reason
//   shards                       N work lists: the files to read, each with
//                                the corrections stored for it; bytes and
//                                the estimated pages of each list
// The decisions are made again by merge (the same policy over the same
// facts); the plan fixes only which files are read, and where.
#ifndef PLANMINE_SHARD_PLAN_H_
#define PLANMINE_SHARD_PLAN_H_

#include <map>
#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/runner/pipeline.h"
#include "pipeline/runner/workers.h"

namespace planmine {

struct ShardWork {
  std::vector<WorkItem> items;
  uint64_t bytes = 0;
  double pages = 0;  // estimated: stored page counts, else from the bytes
};

struct ShardPlan {
  std::string planmine_version;
  std::string versions;
  std::string packs, ocr;
  int max_pages = 0;
  std::string db;
  std::string created_at;
  std::vector<std::string> paths;
  Discovery found;                   // files carry sha256 where hashed
  std::vector<std::string> actions;  // per found.files: RefreshActionName
  std::vector<ShardWork> shards;
};

// Decides every file of `found` with the refresh policy against `store`
// (null: no index yet, every file is new) and deals the files to read into
// `shards` lists, balanced by pages (stored page counts where the index
// has them, else bytes over the bytes per page seen), largest first, each
// to the lightest list. Reads nothing but the index and, where the policy
// asks, the files' bytes to hash them.
Result<ShardPlan> MakeShardPlan(const Pipeline& pipeline, Store* store,
                                Discovery found, int shards);

// RUN/plan.json, written to a temporary file and renamed, and
// RUN/shard-count (the number of shards, for scripts).
Status WriteShardPlan(const ShardPlan& plan, const std::string& run_dir);
// Read under a limit of 1 GiB; a plan that is not one is refused with the
// path and the reason.
Result<ShardPlan> LoadShardPlan(const std::string& run_dir);

// RUN/shard-0003: the spool of shard `index` (spool.h adds .partial or
// .spool).
std::string ShardSpoolBase(const std::string& run_dir, int index);

}  // namespace planmine

#endif  // PLANMINE_SHARD_PLAN_H_
