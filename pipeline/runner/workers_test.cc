// The workers make the text and the parent mines it: the two halves of
// Pipeline::Process give what Process gives, in workers as in one process.
#include "pipeline/runner/workers.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "pipeline/runner/doc_codec.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
namespace {
using namespace testing;

Pipeline MakePipeline() {
  PipelineOptions o;
  o.packs_dir = PacksDir();
  o.ocr = false;
  o.normalize.word_lists = DefaultWordLists();
  auto p = Pipeline::Create(o);
  REQUIRE(p.ok());
  return std::move(*p);
}

SourceFile WriteText(const TempDir& dir, const std::string& name,
                     const std::string& text) {
  SourceFile f;
  f.path = dir.File(name);
  std::ofstream(f.path) << text;
  f.kind = SourceKind::kText;
  f.size = text.size();
  return f;
}

// A result's bytes without its timings, which differ from run to run.
std::string Bytes(Result<IndexedDocument> r) {
  if (r.ok()) r->stage_seconds.clear();
  return EncodeResult(r);
}

const char* kPlan =
    "Plan de Acción Nacional de Gobierno Abierto 2021-2023\n\n"
    "Compromiso 1: Portal de datos abiertos\n\n"
    "El Ministerio de Hacienda se compromete a publicar los datos del "
    "presupuesto en formato abierto antes de diciembre de 2022.\n";
const char* kReport =
    "Open Government Partnership report\n\n"
    "The Ministry of Finance will publish the budget data as open data by "
    "June 2023. Civil society recommended a public consultation.\n";

TEST_CASE("Pipeline: the text stages then the mining give what Process gives",
          "[workers]") {
  TempDir dir;
  const Pipeline pipeline = MakePipeline();
  for (const char* text : {kPlan, kReport}) {
    const SourceFile f = WriteText(dir, "doc.txt", text);
    const std::string whole = Bytes(pipeline.Process(f, nullptr));
    auto halves = pipeline.ProcessText(f);
    REQUIRE(halves.ok());
    CHECK(halves->findings.commitments.empty());
    pipeline.MineAndClassify(nullptr, &*halves);
    CHECK(Bytes(std::move(halves)) == whole);
  }
}

TEST_CASE(
    "Workers: documents read in workers and mined in the parent match "
    "one process",
    "[workers]") {
  TempDir dir;
  const Pipeline pipeline = MakePipeline();
  std::vector<WorkItem> items;
  std::vector<std::string> expected;
  for (int i = 0; i < 5; ++i) {
    const SourceFile f = WriteText(dir, "d" + std::to_string(i) + ".txt",
                                   i % 2 ? kPlan : kReport);
    expected.push_back(Bytes(pipeline.Process(f, nullptr)));
    items.push_back({f, {}});
  }
  // A correction given with the item applies in the parent's classify.
  items[1].corrections = {{CorrectionKey::kCountry, "UY", "set", ""}};
  WorkerLimits limits;
  limits.jobs = 2;
  std::map<size_t, Result<IndexedDocument>> got;
  REQUIRE(ProcessInWorkers(pipeline, items, limits,
                           [&](size_t i, Result<IndexedDocument> r) {
                             got.emplace(i, std::move(r));
                             return Status();
                           })
              .ok());
  REQUIRE(got.size() == items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    REQUIRE(got.at(i).ok());
    if (i == 1) {
      CHECK(got.at(i)->country.value == "UY");
      continue;
    }
    CHECK_FALSE(got.at(i)->sentences.empty());
    CHECK(Bytes(std::move(got.at(i))) == expected[i]);
  }
}

}  // namespace
}  // namespace planmine

namespace planmine {
namespace {

Pipeline MakeDeferredPipeline(const std::string& packs) {
  PipelineOptions o;
  o.packs_dir = packs;
  o.ocr = false;
  o.defer_patterns = true;
  auto p = Pipeline::Create(o);
  REQUIRE(p.ok());
  return std::move(*p);
}

}  // namespace

// The parent compiles the patterns while the workers read their first
// files: the same documents as a pipeline compiled up front.
TEST_CASE("Workers: patterns compiled after the workers start give the same",
          "[workers]") {
  testing::TempDir dir;
  const Pipeline eager = MakePipeline();
  const Pipeline deferred = MakeDeferredPipeline(testing::PacksDir());
  CHECK(deferred.versions() == eager.versions());
  std::vector<WorkItem> items;
  std::vector<std::string> expected;
  for (int i = 0; i < 4; ++i) {
    const SourceFile f = WriteText(dir, "d" + std::to_string(i) + ".txt",
                                   i % 2 ? kPlan : kReport);
    expected.push_back(Bytes(eager.Process(f, nullptr)));
    items.push_back({f, {}});
  }
  WorkerLimits limits;
  limits.jobs = 2;
  std::map<size_t, Result<IndexedDocument>> got;
  REQUIRE(ProcessInWorkers(deferred, items, limits,
                           [&](size_t i, Result<IndexedDocument> r) {
                             got.emplace(i, std::move(r));
                             return Status();
                           })
              .ok());
  REQUIRE(got.size() == items.size());
  for (size_t i = 0; i < items.size(); ++i)
    CHECK(Bytes(std::move(got.at(i))) == expected[i]);
}

// A pattern RE2 refuses, found only when the parent compiles: the run stops
// with its error and nothing reaches `done`, with workers or without.
TEST_CASE("Workers: a pattern found bad after the workers start stores nothing",
          "[workers]") {
  testing::TempDir dir;
  const std::string packs = dir.File("packs");
  std::filesystem::copy(testing::PacksDir(), packs);
  {
    std::ofstream out(packs + "/themes.es.pat", std::ios::app);
    out << "education.rota  \\beducaci[oó]n(\n";
  }
  for (int jobs : {2, 0}) {
    const Pipeline deferred = MakeDeferredPipeline(packs);
    std::vector<WorkItem> items;
    for (int i = 0; i < 3; ++i)
      items.push_back(
          {WriteText(dir, "d" + std::to_string(i) + ".txt", kPlan), {}});
    WorkerLimits limits;
    limits.jobs = jobs;
    size_t stored = 0;
    Status s = ProcessInWorkers(deferred, items, limits,
                                [&](size_t, Result<IndexedDocument>) {
                                  ++stored;
                                  return Status();
                                });
    INFO("jobs " << jobs);
    CHECK_FALSE(s.ok());
    CHECK(s.message().find("themes.es.pat:") != std::string::npos);
    CHECK(s.message().find("pattern 'education.rota': missing )") !=
          std::string::npos);
    CHECK(stored == 0);
  }
}

}  // namespace planmine

namespace planmine {

// Packs that compiled before are left for the workers' time; packs not seen
// before (a pattern just edited) are compiled at once, so that a broken
// one stops the command before it opens anything.
TEST_CASE("Pipeline: only packs known to compile are compiled later",
          "[workers]") {
  testing::TempDir dir;
  const std::string cache = dir.File("cache");
  const std::string packs = dir.File("packs");
  std::filesystem::copy(testing::PacksDir(), packs);
  PipelineOptions o;
  o.packs_dir = packs;
  o.ocr = false;
  o.defer_patterns = true;
  o.compiled_packs_cache = cache;
  REQUIRE(Pipeline::Create(o).ok());  // compiled at once, remembered
  size_t markers = 0;
  for (const auto& e : std::filesystem::directory_iterator(cache))
    markers += e.path().extension() == ".ok";
  CHECK(markers == 1);
  REQUIRE(Pipeline::Create(o).ok());  // known: left for later
  {
    std::ofstream out(packs + "/themes.es.pat", std::ios::app);
    out << "education.rota  \\beducaci[oó]n(\n";
  }
  auto broken = Pipeline::Create(o);
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.status().message().find("pattern 'education.rota': missing )") !=
        std::string::npos);
}

}  // namespace planmine
