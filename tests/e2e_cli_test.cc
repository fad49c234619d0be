// The CLI contract (issue 14): global options after the command, --version,
// filters validated against the index, counts that add up, and every
// command's JSON checked against docs/json.md.
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "tests/catch.h"
#include "tests/json_shapes.h"
#include "tests/sample_index.h"
#include "tests/test_util.h"

namespace planmine {
namespace {
using testing::PlanmineBin;
using testing::Run;
using testing::SampleDir;
using testing::SampleIndex;
using testing::SourceDir;
using testing::TempDir;
using J = nlohmann::json;

// stdout only (stderr dropped), and the exit code.
testing::CommandResult Stdout(const std::string& cmd) {
  return Run("(" + cmd + " 2>/dev/null)");
}

using testing::CheckObject;
using testing::CheckRows;
using testing::DocumentedShapes;

}  // namespace

TEST_CASE("CLI: every command's JSON matches docs/json.md", "[e2e][cli]") {
  const std::string db = SampleIndex();
  const auto shapes = DocumentedShapes();
  REQUIRE(shapes.size() >= 20);
  const std::vector<std::pair<std::string, std::string>> commands = {
      {"search", "search gobierno --limit 50"},
      {"documents", "documents"},
      {"commitments", "commitments"},
      {"themes", "themes"},
      {"themes", "themes --by country"},
      {"themes list", "themes list"},
      {"statements", "statements"},
      {"entities", "entities"},
      {"compare", "compare"},
      {"compare", "compare --rows cycle --cols doc_type --measure documents"},
      {"timeline", "timeline --theme open_data"},
      {"failures", "failures"}};
  for (const auto& [name, args] : commands) {
    auto r = Stdout(PlanmineBin() + " " + args + " --format json --db " + db);
    INFO(args << "\n" << r.out.substr(0, 2000));
    REQUIRE(r.exit_code == 0);
    J j = J::parse(r.out);
    CHECK(j["schema_version"] == 1);
    CHECK(j["command"] == name);
    REQUIRE(j["total"].is_number_integer());
    REQUIRE(j["count"].is_number_integer());
    CHECK(j["count"].get<int64_t>() == static_cast<int64_t>(j["rows"].size()));
    REQUIRE(shapes.count(name));
    CheckRows(j["rows"], shapes.at(name), args);
    if (name != "failures") CHECK_FALSE(j["rows"].empty());
  }
  for (const std::string name : {"summary", "status"}) {
    auto r = Stdout(PlanmineBin() + " " + name + " --format json --db " + db);
    REQUIRE(r.exit_code == 0);
    J j = J::parse(r.out);
    CHECK(j["schema_version"] == 1);
    REQUIRE(j["tables"].is_object());
    for (const auto& [table, rows] : j["tables"].items()) {
      INFO(name << ": " << table);
      REQUIRE(shapes.count(name + ": " + table));
      CheckRows(rows, shapes.at(name + ": " + table), name + " " + table);
    }
  }
  auto r = Stdout(PlanmineBin() + " extract --format json " + SampleDir() +
                  "/docs/co-plan-accion-demo-2021-2023.pdf");
  REQUIRE(r.exit_code == 0);
  J doc = J::parse(r.out);
  CHECK(doc["schema_version"] == 1);
  CHECK(doc["command"] == "extract");
  doc.erase("schema_version");
  doc.erase("command");
  CheckObject(doc, shapes.at("extract"), "extract");
  CHECK(doc["year"].is_number_integer());
}

TEST_CASE("CLI: global options before or after the command, --version",
          "[e2e][cli]") {
  const std::string db = SampleIndex();
  auto before =
      Stdout(PlanmineBin() + " --db " + db + " search gobierno --format json");
  auto after =
      Stdout(PlanmineBin() + " search gobierno --format json --db " + db);
  REQUIRE(before.exit_code == 0);
  REQUIRE(after.exit_code == 0);
  CHECK(before.out == after.out);
  // Ingest with --db and --ocr after the command (runs in planmine-stages).
  TempDir dir;
  auto ingest = Run(PlanmineBin() + " ingest " + SampleDir() +
                    "/docs/es-blog-gobierno-abierto.md --db " +
                    dir.File("x.sqlite") + " --ocr off -q");
  INFO(ingest.out);
  CHECK(ingest.exit_code == 0);
  CHECK(std::filesystem::exists(dir.File("x.sqlite")));
  auto v = Run(PlanmineBin() + " --version");
  CHECK(v.exit_code == 0);
  CHECK(v.out.find("planmine ") == 0);
  CHECK(v.out.find("index schema ") != std::string::npos);
  CHECK(v.out.find("json schema 1") != std::string::npos);
  CHECK(v.out.find("themes.es@") != std::string::npos);
}

TEST_CASE("CLI: unknown filter values exit 2 naming the valid ones",
          "[e2e][cli]") {
  const std::string db = SampleIndex();
  auto bad = Run(PlanmineBin() + " compare --country XX --db " + db);
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.find("unknown country 'XX'") != std::string::npos);
  CHECK(bad.out.find("CO (Colombia)") != std::string::npos);
  CHECK(bad.out.find("BR (Brazil)") != std::string::npos);
  // A real country with no documents in the index.
  auto absent = Run(PlanmineBin() + " commitments --country France --db " + db);
  CHECK(absent.exit_code == 2);
  CHECK(absent.out.find("no documents of France (FR)") != std::string::npos);
  auto theme = Run(PlanmineBin() + " timeline --theme corruption --db " + db);
  CHECK(theme.exit_code == 2);
  CHECK(theme.out.find("did you mean 'anti_corruption'") != std::string::npos);
  auto cycle = Run(PlanmineBin() + " search datos --cycle II --db " + db);
  CHECK(cycle.exit_code == 2);
  auto lang = Run(PlanmineBin() + " search datos --lang klingon --db " + db);
  CHECK(lang.exit_code == 2);
  CHECK(lang.out.find("unknown language 'klingon'") != std::string::npos);
  auto years = Run(PlanmineBin() +
                   " search datos --from-year 2020 --to-year 2010 --db " + db);
  CHECK(years.exit_code == 2);
  // Names, other spellings and ordinals read as the stored values.
  auto by_name = Stdout(PlanmineBin() +
                        " compare --country colômbia --cols cycle --format "
                        "json --db " +
                        db);
  REQUIRE(by_name.exit_code == 0);
  J j = J::parse(by_name.out);
  int64_t co = 0;
  for (const J& row : j["rows"])
    if (row["row"] == "CO" && row["col"] == "2021-2023") co = row["count"];
  CHECK(co == 3);
  for (const std::string typed : {"'2021 - 2023'", "2021-23", "'2021/2023'"}) {
    auto c = Stdout(PlanmineBin() + " search datos --format json --cycle " +
                    typed + " --db " + db);
    INFO(typed);
    CHECK(c.exit_code == 0);
  }
  auto ordinal = Stdout(PlanmineBin() +
                        " search dados --cycle 4th --format json --db " + db);
  CHECK(ordinal.exit_code == 0);  // "4º Plano de Ação": 2018-2020
}

TEST_CASE(
    "CLI: counts: copies and editions of one plan counted once, every "
    "country shown",
    "[e2e][cli]") {
  TempDir dir;
  namespace fs = std::filesystem;
  fs::create_directories(dir.File("in"));
  const std::string plan =
      SampleDir() + "/docs/co-plan-accion-demo-2021-2023.pdf";
  // The same plan under two names.
  fs::copy_file(plan, dir.File("in/plan.pdf"));
  fs::copy_file(plan, dir.File("in/plan-copia-publicada.pdf"));
  // A summary edition of the same plan: fewer pages, the same commitments'
  // headings, the same cycle.
  testing::WriteFile(
      dir.File("in/plan-resumen.md"),
      "# Plan de Acción Nacional de Gobierno Abierto 2021-2023 de Colombia: "
      "versión resumida\n\nEste resumen del plan de acción de Colombia "
      "2021-2023 presenta sus compromisos.\n\n## Compromiso 1. Datos abiertos "
      "de contratación pública\n\nLa Agencia Nacional de Contratación "
      "publicará los datos.\n\n## Compromiso 2. Registro de beneficiarios "
      "finales\n\nSe creará un registro público.\n");
  // A report of another country, with no commitment.
  fs::copy_file(SampleDir() + "/docs/gb-case-study-two-column-demo.pdf",
                dir.File("in/gb.pdf"));
  testing::WriteFile(dir.File("manifest.csv"),
                     "path,country,doc_type,plan_cycle\n"
                     "in/plan.pdf,CO,action_plan,2021-2023\n"
                     "in/plan-copia-publicada.pdf,CO,action_plan,2021-2023\n"
                     "in/plan-resumen.md,CO,action_plan,2021-2023\n"
                     "in/gb.pdf,GB,report,\n");
  const std::string db = dir.File("i.sqlite");
  auto ingest =
      Run(PlanmineBin() + " ingest " + dir.File("in") + " --manifest " +
          dir.File("manifest.csv") + " --db " + db + " --ocr off -q");
  INFO(ingest.out);
  REQUIRE(ingest.exit_code == 0);
  auto docs = Stdout(PlanmineBin() +
                     " documents --type action_plan --format "
                     "json --db " +
                     db);
  REQUIRE(docs.exit_code == 0);
  J d = J::parse(docs.out);
  REQUIRE(d["rows"].size() == 3);
  int standing = 0;
  for (const J& row : d["rows"]) standing += row["edition_of"].is_null();
  CHECK(standing == 1);  // the other two point at it
  auto cmp =
      Stdout(PlanmineBin() + " compare --cols cycle --format json --db " + db);
  REQUIRE(cmp.exit_code == 0);
  J m = J::parse(cmp.out);
  CHECK(m["total"] == 3);  // the plan's 3, not 3 + 3 + 2
  std::map<std::string, int64_t> totals;
  for (const J& row : m["rows"]) totals[row["row"]] = row["row_total"];
  CHECK(totals["CO"] == 3);
  REQUIRE(totals.count("GB"));  // documents, no commitment: a row of 0
  CHECK(totals["GB"] == 0);
}

TEST_CASE(
    "CLI: Colombia 2015-2017 counts the plan's 19, not the IRM's "
    "assessments",
    "[e2e][cli][real]") {
  const std::string corpus = testing::RealCorpusDir();
  if (!std::filesystem::exists(corpus + "/co-plan-accion-ii-2015-2017.pdf")) {
    if (std::getenv("CI") && std::string(std::getenv("CI")) == "true")
      FAIL("CI=true and ../shared/corpus-real is missing");
    WARN("skipped: ../shared/corpus-real is not here");
    return;
  }
  TempDir dir;
  const std::string db = dir.File("co.sqlite");
  auto ingest =
      Run(PlanmineBin() + " ingest " + corpus +
          "/co-plan-accion-ii-2015-2017.pdf " + corpus +
          "/co-irm-informe-fin-termino-2015-2017.pdf " + corpus +
          "/co-plan-accion-iv-2020-2022.pdf --db " + db + " --ocr off -q");
  REQUIRE(ingest.exit_code == 0);
  auto cmp = Stdout(PlanmineBin() +
                    " compare --country Colombia --cols cycle "
                    "--format json --db " +
                    db);
  REQUIRE(cmp.exit_code == 0);
  J m = J::parse(cmp.out);
  std::map<std::string, int64_t> cells;
  for (const J& row : m["rows"]) cells[row["col"]] = row["count"];
  CHECK(cells["2015-2017"] == 19);
  CHECK(cells["2020-2022"] == 15);
  // The IRM's assessed units are there, counted only when asked for.
  auto irm = Stdout(PlanmineBin() +
                    " compare --country CO --doc-type "
                    "irm_report --cols cycle --format json --db " +
                    db);
  REQUIRE(irm.exit_code == 0);
  CHECK(J::parse(irm.out)["total"].get<int64_t>() > 19);
  // Each assessed unit is linked to the plan commitment it assesses.
  auto units = Stdout(PlanmineBin() +
                      " commitments --doc-type irm_report "
                      "--format json --db " +
                      db);
  REQUIRE(units.exit_code == 0);
  int linked = 0, all = 0;
  const J listed = J::parse(units.out);
  for (const J& row : listed["rows"]) {
    ++all;
    if (row["assesses"].is_string()) ++linked;
  }
  INFO(linked << " of " << all << " IRM units linked");
  CHECK(linked * 10 >= all * 8);
}

}  // namespace planmine
