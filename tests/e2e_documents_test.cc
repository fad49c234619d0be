// Document types, titles and search on both real corpora (../shared/corpus-real
// and corpus-real-2), scored by `planmine evaluate --documents … --titles …
// --check` against their manifests' doc_type_full and tests/eval/titles.tsv
// (docs/evaluation.md): the issue-13 targets, doc_type 0.95 and titles 0.90,
// as a gate. Skipped with a message on a fresh clone without ../shared;
// failed when CI=true (CI always has the corpora).
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
using namespace testing;
namespace fs = std::filesystem;

namespace {

bool HaveBothCorpora() {
  const std::string shared = SourceDir() + "/../shared";
  bool have = fs::exists(shared + "/corpus-real/MANIFEST.tsv") &&
              fs::exists(shared + "/corpus-real-2/MANIFEST.tsv");
  if (have) return true;
  const char* ci = std::getenv("CI");
  if (ci != nullptr && std::string(ci) == "true")
    FAIL("CI=true but ../shared/corpus-real or corpus-real-2 is missing");
  WARN(
      "../shared/corpus-real or corpus-real-2 is absent: skipping the "
      "document type and title scores");
  return false;
}

// Both corpora in one index, OCR off (the figures in docs/evaluation.md are
// made so: the image-only page has no title to read). ctest runs test cases
// in parallel processes: the first to take the lock ingests, the others find
// every file unchanged.
std::string BothIndex() {
  const std::string shared = SourceDir() + "/../shared";
  const std::string db =
      std::string(PLANMINE_BUILD_DIR) + "/real-documents-test.sqlite";
  CommandResult ingest = Run("flock " + db + ".testlock " + PlanmineBin() +
                             " --db " + db + " --ocr off ingest -q " + shared +
                             "/corpus-real " + shared + "/corpus-real-2");
  INFO(ingest.out);
  // 1: the image-only file has no text without OCR; nothing failed.
  REQUIRE(ingest.exit_code <= 1);
  CHECK(ingest.out.find(" 0 failed") != std::string::npos);
  return db;
}

// Every export table, without the time of the run, as one string.
std::string ExportAll(const std::string& db, const std::string& out) {
  CommandResult r = Run(PlanmineBin() + " --db " + db + " export --out " + out);
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  std::string all;
  for (const char* t : {"documents", "commitments", "commitment_themes",
                        "theme_hits", "sentences", "entities", "statements"}) {
    std::string text = ReadFile(out + "/" + t + ".csv");
    // documents.ingested_at: when, not what.
    static const std::regex kStamp(
        "20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z");
    const std::string kept = std::regex_replace(text, kStamp, "TIME");
    all += std::string("== ") + t + "\n" + kept;
  }
  return all;
}

}  // namespace

TEST_CASE("Real corpora: document types and titles meet the targets",
          "[real][evaluate]") {
  if (!HaveBothCorpora()) return;
  const std::string shared = SourceDir() + "/../shared";
  const std::string db = BothIndex();
  CommandResult r = Run(PlanmineBin() + " --db " + db +
                        " evaluate --verbose --check --documents " + shared +
                        "/corpus-real/MANIFEST.tsv " + shared +
                        "/corpus-real-2/MANIFEST.tsv --titles " + SourceDir() +
                        "/tests/eval/titles.tsv");
  INFO(r.out);
  CHECK(r.out.find("documents: doc_type ") != std::string::npos);
  CHECK(r.out.find("documents: titles ") != std::string::npos);
  CHECK(r.out.find("labelled but not in the index") == std::string::npos);
  CHECK(r.exit_code == 0);
}

// The three US plans of corpus-real-2 (tests/eval/commitments-us.tsv,
// labelled from the pages before any rule was written for them): commitment
// F1 and numbers and pages as the issue-13 gate. Their theme labels are
// scored and printed but not gated (docs/evaluation.md: 0.47, below the 0.8
// the Colombian and UK labels reach).
TEST_CASE("Real corpora: the US plans' commitments are found",
          "[real][evaluate]") {
  if (!HaveBothCorpora()) return;
  const std::string db = BothIndex();
  CommandResult r = Run(PlanmineBin() + " --db " + db + " evaluate --verbose " +
                        SourceDir() + "/tests/eval/commitments-us.tsv");
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("commitments: 104 labelled") != std::string::npos);
  double f1 = -1;
  size_t at = r.out.find(" F1 ");
  if (at != std::string::npos) f1 = std::atof(r.out.c_str() + at + 4);
  CHECK(f1 >= 0.9);
  for (const char* field : {"first_page", "number"}) {
    size_t row = r.out.find(std::string("\n") + field);
    REQUIRE(row != std::string::npos);
    CHECK(std::atof(r.out.c_str() + r.out.find_first_not_of(
                                        " ", row + 1 + strlen(field))) >= 0.8);
  }
}

}  // namespace planmine

namespace planmine {
using namespace testing;

// Document search against the judged queries (tests/search/queries.tsv):
// file-level recall 0.95 for every query kind, and the issue-14 examples.
TEST_CASE("Real corpora: search finds the judged documents of every kind",
          "[real][search]") {
  if (!HaveBothCorpora()) return;
  const std::string db = BothIndex();
  CommandResult r = Run(PlanmineBin() + " --db " + db +
                        " evaluate --verbose --check --queries " + SourceDir() +
                        "/tests/search/queries.tsv");
  INFO(r.out);
  CHECK(r.out.find("search: 52 judged queries") != std::string::npos);
  CHECK(r.exit_code == 0);
  // Every document with the phrase (tests/search/queries.tsv q01) is listed.
  CommandResult d = Run(PlanmineBin() + " --db " + db +
                        " search \"participacion ciudadana\" --by document "
                        "--format csv");
  INFO(d.out);
  REQUIRE(d.exit_code == 0);
  for (const char* f :
       {"ar-guia-apertura-subnacionales.pdf", "ar-mendoza-decreto-181-2024.pdf",
        "ar-mendoza-ordenanza-presupuesto-participativo.pdf",
        "co-convocatoria-territorial.pdf", "co-expertos-corrupcion.pdf",
        "co-expertos-finanzas.pdf", "co-irm-informe-fin-termino-2015-2017.pdf",
        "co-irm-slides-2015-2017.pdf", "co-metodologia-aga.pdf",
        "co-plan-accion-ii-2015-2017.pdf", "co-plan-accion-iv-2020-2022.pdf",
        "co-taller-estado-abierto.pdf", "co-taller-finanzas.pdf",
        "co-taller-salud.pdf"}) {
    INFO(f);
    CHECK(d.out.find(std::string("/") + f + ",") != std::string::npos);
  }
  // Typed JSON (docs/json.md "search --by document").
  CommandResult j = Run(PlanmineBin() + " --db " + db +
                        " search \"participacion ciudadana\" --by document "
                        "--limit 3 --format json");
  REQUIRE(j.exit_code == 0);
  auto json = nlohmann::json::parse(j.out);
  CHECK(json["by"] == "document");
  CHECK(json["count"] == 3);
  CHECK(json["total"].get<int>() >= 14);
  for (const auto& row : json["rows"]) {
    CHECK(row["pages"].is_array());
    CHECK(row["hits"].is_number_integer());
    CHECK(row["found_by"] == "words");
    CHECK(row["doc_key"].get<std::string>().size() == 16);
  }
  // An all-words query without a hit names the words that match alone.
  CommandResult h = Run(PlanmineBin() + " --db " + db +
                        " search \"datos abiertos pingüino\" --no-bridge");
  INFO(h.out);
  CHECK(h.out.find("no sentence has all of: datos abiertos pingüino. Alone: "
                   "datos ") != std::string::npos);
  CHECK(h.out.find(", pingüino 0. Try: datos OR abiertos\n") !=
        std::string::npos);
}

// The US plans name only their number ("Second Open Government National
// Action Plan"); their self-assessments name the years as well.
TEST_CASE("Real corpora: the US plans get their cycles from their number",
          "[real]") {
  if (!HaveBothCorpora()) return;
  const std::string db = BothIndex();
  CommandResult r = Run(PlanmineBin() + " --db " + db +
                        " documents --country US --type action_plan "
                        "--format csv");
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find(",2013-2015,") != std::string::npos);  // NAP 2
  CHECK(r.out.find(",2015-2017,") != std::string::npos);  // NAP 3
  CHECK(r.out.find(",V,") != std::string::npos);  // NAP 5: no years anywhere
}

// Re-mining from the stored text (after a pattern pack changes) must find
// what a fresh read finds: the stored text keeps every block's layout region
// and typography, which the commitment miner reads (the US plans' bold
// run-in titles). Checked on the sample corpus and, when there, on both real
// corpora: every exported table the same after a pack edit.
TEST_CASE("Re-mining from the stored text finds what a fresh read finds",
          "[e2e][remine]") {
  std::vector<std::string> inputs = {SampleDir() + "/docs"};
  const std::string shared = SourceDir() + "/../shared";
  if (fs::exists(shared + "/corpus-real-2/MANIFEST.tsv")) {
    inputs.push_back(shared + "/corpus-real");
    inputs.push_back(shared + "/corpus-real-2");
  }
  std::string paths;
  for (const std::string& i : inputs) paths += " " + i;
  TempDir dir;
  const std::string db = dir.File("i.sqlite");
  CommandResult first =
      Run(PlanmineBin() + " --db " + db + " --ocr off ingest -q" + paths);
  INFO(first.out);
  REQUIRE(first.exit_code <= 1);
  const std::string fresh = ExportAll(db, dir.File("fresh"));
  // The same packs with one edited file: every document re-mined.
  fs::copy(PacksDir(), dir.File("packs"), fs::copy_options::recursive);
  {
    std::ofstream touch(dir.File("packs/themes.en.pat"), std::ios::app);
    touch << "# edited\n";
  }
  CommandResult again = Run(PlanmineBin() + " --db " + db + " --packs " +
                            dir.File("packs") + " --ocr off ingest" + paths);
  INFO(again.out);
  REQUIRE(again.exit_code <= 1);
  CHECK(again.out.find("re-mined from the stored text") != std::string::npos);
  CHECK(again.out.find(" 0 unchanged") != std::string::npos);
  const std::string remined = ExportAll(db, dir.File("remined"));
  CHECK(fresh.size() > 1000);
  CHECK(remined == fresh);
}

}  // namespace planmine
