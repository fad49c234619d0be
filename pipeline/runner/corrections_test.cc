// Corrections through the runner: a manifest given on a later run over
// unchanged files applies, and what is stored holds through re-mines,
// re-extracts, moves and runs without the manifest.
#include <filesystem>

#include "pipeline/runner/pipeline.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
namespace {
namespace fs = std::filesystem;
using namespace testing;

// A document's row: "doc_type|doc_type_source|country|country_source".
std::string Row(Store& store, const std::string& path) {
  auto s = store.db().Prepare(
      "SELECT doc_type, doc_type_source, country, country_source FROM "
      "documents WHERE path = ?");
  REQUIRE(s.ok());
  s->Bind(1, path);
  REQUIRE(s->Step());
  std::string out =
      s->Text(0) + "|" + s->Text(1) + "|" + s->Text(2) + "|" + s->Text(3);
  s->Reset();
  return out;
}

int64_t Scalar(Store& store, const std::string& sql) {
  auto s = store.db().Prepare(sql);
  REQUIRE(s.ok());
  REQUIRE(s->Step());
  int64_t n = s->Int(0);
  s->Reset();
  return n;
}

struct Fixture {
  Fixture() {
    fs::create_directories(dir.File("in"));
    fs::copy_file(SampleDir() + "/docs/co-plan-accion-demo-2021-2023.pdf",
                  plan);
    fs::copy_file(SampleDir() + "/docs/mx-workshop-findings-2012.pdf",
                  workshop);
    PipelineOptions o;
    o.packs_dir = PacksDir();
    o.ocr = false;
    o.normalize.word_lists = DefaultWordLists();
    auto p = Pipeline::Create(o);
    REQUIRE(p.ok());
    pipeline.emplace(std::move(*p));
    auto s = Store::Open(dir.File("i.sqlite"));
    REQUIRE(s.ok());
    store = std::move(*s);
  }
  IngestReport Ingest(const Manifest* manifest) {
    auto r = planmine::Ingest(*pipeline, *store, {dir.File("in")}, manifest,
                              "test", false, nullptr);
    REQUIRE(r.ok());
    return *r;
  }
  TempDir dir;
  std::string plan = dir.File("in/plan.pdf");
  std::string workshop = dir.File("in/taller.pdf");
  std::optional<Pipeline> pipeline;
  std::unique_ptr<Store> store;
};

}  // namespace

TEST_CASE(
    "Corrections: a manifest on a later run over unchanged files applies, "
    "and holds without it, through a re-mine and a re-extract",
    "[runner][corrections]") {
  Fixture fx;
  IngestReport first = fx.Ingest(nullptr);
  CHECK(first.counts.ingested == 2);
  const std::string inferred = Row(*fx.store, fx.workshop);
  REQUIRE(inferred.rfind("workshop|", 0) == 0);

  WriteFile(fx.dir.File("m.csv"),
            "path,doc_type,country\n"
            "taller.pdf,action_plan,CO\n"
            "gone.pdf,report,AR\n");
  auto manifest = Manifest::Load(fx.dir.File("m.csv"));
  REQUIRE(manifest.ok());
  IngestReport later = fx.Ingest(&*manifest);
  CHECK(later.counts.corrected == 1);
  CHECK(later.counts.unchanged == 1);
  CHECK(later.counts.ingested == 0);
  const std::string corrected =
      "action_plan|correction (m.csv:2)|CO|correction (m.csv:2)";
  CHECK(Row(*fx.store, fx.workshop) == corrected);
  // What depends on the type follows: the workshop is now a plan edition.
  CHECK(Scalar(*fx.store, "SELECT count(*) FROM plan_editions") == 2);
  // The row matching no file is reported with its line.
  REQUIRE(later.unmatched.size() == 1);
  CHECK(later.unmatched[0].manifest == fx.dir.File("m.csv"));
  CHECK(later.unmatched[0].line == 3);
  CHECK(later.unmatched[0].path == "gone.pdf");

  // The same manifest again, then no manifest: nothing to do, still
  // corrected.
  CHECK(fx.Ingest(&*manifest).counts.unchanged == 2);
  IngestReport without = fx.Ingest(nullptr);
  CHECK(without.counts.unchanged == 2);
  CHECK(without.counts.corrected == 0);
  CHECK(Row(*fx.store, fx.workshop) == corrected);

  // Re-mined (other packs or miner: the versions after the text stages
  // differ) and re-extracted (other text stages): the correction holds.
  REQUIRE(fx.store->db()
              .Exec("UPDATE documents SET versions = versions || '-old'")
              .ok());
  IngestReport remined = fx.Ingest(nullptr);
  CHECK(remined.remined == 2);
  CHECK(Row(*fx.store, fx.workshop) == corrected);
  REQUIRE(fx.store->db().Exec("UPDATE documents SET versions = 'old'").ok());
  IngestReport reread = fx.Ingest(nullptr);
  CHECK(reread.counts.ingested == 2);
  CHECK(reread.remined == 0);
  CHECK(Row(*fx.store, fx.workshop) == corrected);
  CHECK(Scalar(*fx.store, "SELECT count(*) FROM plan_editions") == 2);
}

TEST_CASE(
    "Corrections: set applies at once and holds, a cleared one gives back "
    "what the classifier found, a moved file keeps its corrections",
    "[runner][corrections]") {
  Fixture fx;
  fx.Ingest(nullptr);
  const std::string inferred = Row(*fx.store, fx.workshop);
  auto path = FindStoredPath(*fx.store, fx.workshop);
  REQUIRE(path.ok());
  CHECK(*path == fx.workshop);
  REQUIRE(fx.store
              ->StoreCorrections(
                  *path, "",
                  {{CorrectionKey::kDocType, "irm_report", "set", ""},
                   {CorrectionKey::kLanguage, "pt", "set", ""}})
              .ok());
  auto applied = ApplyStoredCorrections(*fx.pipeline, *fx.store, *path, 0);
  REQUIRE(applied.ok());
  CHECK(*applied);
  CHECK(Row(*fx.store, fx.workshop).rfind("irm_report|correction (set)|", 0) ==
        0);
  CHECK(Scalar(*fx.store,
               "SELECT language = 'pt' FROM documents WHERE path LIKE "
               "'%taller.pdf'") == 1);
  // Nothing left to do for the next run.
  CHECK(fx.Ingest(nullptr).counts.unchanged == 2);

  // Moved: found by its bytes under the old path until ingested; then its
  // corrections follow it.
  fs::create_directories(fx.dir.File("in/sub"));
  const std::string moved = fx.dir.File("in/sub/taller-2012.pdf");
  fs::rename(fx.workshop, moved);
  auto by_bytes = FindStoredPath(*fx.store, moved);
  REQUIRE(by_bytes.ok());
  CHECK(*by_bytes == fx.workshop);
  IngestReport after_move = fx.Ingest(nullptr);
  CHECK(after_move.moved == 1);
  CHECK(Row(*fx.store, moved).rfind("irm_report|correction (set)|", 0) == 0);

  // Cleared: the classifier's type and the detected language come back.
  REQUIRE(fx.store->ClearCorrection(moved, CorrectionKey::kDocType).ok());
  REQUIRE(fx.store->ClearCorrection(moved, CorrectionKey::kLanguage).ok());
  REQUIRE(ApplyStoredCorrections(*fx.pipeline, *fx.store, moved, 0).ok());
  CHECK(Row(*fx.store, moved) == inferred);
  CHECK(Scalar(*fx.store,
               "SELECT language = 'en' AND corrections IS NULL FROM "
               "documents WHERE path LIKE '%taller-2012.pdf'") == 1);

  auto unknown = FindStoredPath(*fx.store, fx.dir.File("nowhere.pdf"));
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.status().message() ==
        fx.dir.File("nowhere.pdf") + ": not in the index");
}

}  // namespace planmine
