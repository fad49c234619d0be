// plan-shards, shard and merge on the sample corpus, without a cluster:
// the shards run one after the other, the merged index exports exactly what
// one ingest's does, and each refusal names its cause. (On a real Slurm
// cluster with the real corpora: tests/e2e_slurm_test.sh.)
#include <filesystem>
#include <regex>
#include <string>

#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine::testing {
namespace {

namespace fs = std::filesystem;

// Every table `planmine export` writes, concatenated; documents.ingested_at
// (when the row was written) blanked.
std::string ExportOf(const std::string& db, const std::string& out) {
  CommandResult r = Run(PlanmineBin() + " --db " + db + " export --out " + out);
  REQUIRE(r.exit_code == 0);
  std::string all;
  for (const char* t :
       {"documents", "commitments", "commitment_themes", "themes", "theme_hits",
        "sentences", "entities", "statements"})
    all += std::string(t) + "\n" + ReadFile(out + "/" + t + ".csv");
  static const std::regex kWhen(",\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ,");
  return std::regex_replace(all, kWhen, ",T,");
}

}  // namespace

TEST_CASE("Shards: 3 shards of the sample corpus merge into one ingest's index",
          "[e2e][shard]") {
  TempDir dir;
  const std::string corpus = dir.File("corpus");
  fs::copy(SampleDir() + "/docs", corpus, fs::copy_options::recursive);
  const std::string pm = PlanmineBin() + " --ocr off --packs " + PacksDir();
  CommandResult ref = Run(pm + " --db " + dir.File("one.sqlite") +
                          " ingest -q --jobs 2 " + corpus);
  REQUIRE(ref.exit_code <= 1);
  const std::string run = dir.File("run");
  const std::string db = dir.File("sharded.sqlite");
  CommandResult plan = Run(pm + " --db " + db + " plan-shards " + corpus +
                           " --shards 3 --out " + run);
  INFO(plan.out);
  REQUIRE(plan.exit_code == 0);
  CHECK(plan.out.find("planmine: 7 files: 7 extract") != std::string::npos);
  // Shard 1 missing: merge stores the others and names it.
  for (int i : {0, 2})
    REQUIRE(Run(PlanmineBin() + " shard " + run + " --index " +
                std::to_string(i) + " --jobs 1 -q")
                .exit_code == 0);
  CommandResult partial = Run(PlanmineBin() + " --db " + db + " merge " + run);
  INFO(partial.out);
  CHECK(partial.exit_code == 1);
  CHECK(partial.out.find("planmine: shard 1 of " + run +
                         " did not complete (0 of ") != std::string::npos);
  CHECK(partial.out.find("\n  planmine shard " + run + " --index 1\n") !=
        std::string::npos);
  REQUIRE(Run(PlanmineBin() + " shard " + run + " --index 1 --jobs 1 -q")
              .exit_code == 0);
  CommandResult merged = Run(PlanmineBin() + " --db " + db + " merge " + run);
  INFO(merged.out);
  REQUIRE(merged.exit_code <= 1);
  CHECK(ExportOf(db, dir.File("x2")) ==
        ExportOf(dir.File("one.sqlite"), dir.File("x1")));
  // Idempotent: a second merge writes nothing.
  CommandResult again = Run(PlanmineBin() + " --db " + db + " merge " + run);
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("is already merged into") != std::string::npos);
  CHECK(Run(Sqlite3() + " " + db + " 'SELECT count(*) FROM ingest_runs'").out ==
        "2\n");
}

TEST_CASE("Shards: a shard index out of range, other packs, a reused folder",
          "[e2e][shard]") {
  TempDir dir;
  fs::create_directories(dir.File("c"));
  WriteFile(dir.File("c/a.txt"), "Plan de acción.\nCompromiso 1: datos.\n");
  fs::copy(PacksDir(), dir.File("packs"), fs::copy_options::recursive);
  const std::string run = dir.File("run");
  const std::string pm = PlanmineBin() + " --ocr off --packs " +
                         dir.File("packs") + " --db " + dir.File("db.sqlite");
  REQUIRE(Run(pm + " plan-shards " + dir.File("c") + " --shards 2 --out " + run)
              .exit_code == 0);
  CommandResult range = Run(PlanmineBin() + " shard " + run + " --index 5");
  CHECK(range.exit_code == 2);
  CHECK(range.out ==
        "planmine: --index must be between 0 and 1 (the plan has 2 shards), "
        "got 5\n");
  CommandResult reuse =
      Run(pm + " plan-shards " + dir.File("c") + " --shards 2 --out " + run);
  CHECK(reuse.exit_code == 2);
  CHECK(reuse.out == "planmine: " + run +
                         ": already holds a plan (plan.json): give a new "
                         "folder\n");
  // A pack edited after the plan: shard and merge refuse, naming it.
  std::ofstream(dir.File("packs/themes.es.pat"), std::ios::app)
      << "health.x   \\bhospitalaria\\b\n";
  for (const std::string& cmd :
       {PlanmineBin() + " shard " + run + " --index 0",
        PlanmineBin() + " --db " + dir.File("db.sqlite") + " merge " + run}) {
    CommandResult r = Run(cmd);
    INFO(r.out);
    CHECK(r.exit_code == 2);
    CHECK(r.out.find("plan.json: the pack or code versions differ from the "
                     "plan's (planned: themes.es@") != std::string::npos);
  }
}

}  // namespace planmine::testing
