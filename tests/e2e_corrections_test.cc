// End to end: corrections as a researcher makes them, with a manifest on a
// later run and with `planmine set`, and what `status` shows of them.
#include <filesystem>

#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
using namespace testing;
namespace fs = std::filesystem;

namespace {

std::string Cli(const std::string& db, const std::string& args) {
  return PlanmineBin() + " --db " + db + " --ocr off " + args;
}

std::string Rows(const std::string& db, const std::string& sql) {
  CommandResult q = Run(Sqlite3() + " " + db + " \"" + sql + "\"");
  REQUIRE(q.exit_code == 0);
  return q.out;
}

}  // namespace

TEST_CASE(
    "E2E: corrections stick: a manifest on a later run, planmine set, "
    "re-mines, unmatched rows and status",
    "[e2e][corrections]") {
  TempDir dir;
  fs::create_directories(dir.File("in"));
  for (const char* name :
       {"co-plan-accion-demo-2021-2023.pdf", "mx-workshop-findings-2012.pdf",
        "br-slides-participacao-demo.pdf"})
    fs::copy_file(SampleDir() + "/docs/" + name, dir.File("in/") + name);
  const std::string db = dir.File("i.sqlite");
  const std::string workshop = dir.File("in/mx-workshop-findings-2012.pdf");
  const std::string slides = dir.File("in/br-slides-participacao-demo.pdf");
  REQUIRE(Run(Cli(db, "ingest -q " + dir.File("in"))).exit_code == 0);
  const std::string type_of_workshop =
      "SELECT doc_type, doc_type_source, country, country_source FROM "
      "documents WHERE path LIKE '%mx-workshop%'";
  const std::string inferred = Rows(db, type_of_workshop);
  CHECK(inferred.rfind("workshop|", 0) == 0);

  // A manifest given on a later run over the unchanged files applies; its
  // row for a file that is not there is said, with its line.
  WriteFile(dir.File("m.csv"),
            "path,doc_type,country\n"
            "mx-workshop-findings-2012.pdf,irm_report,AR\n"
            "missing.pdf,report,CO\n");
  CommandResult m = Run(Cli(db, "ingest " + dir.File("in") + " --manifest " +
                                    dir.File("m.csv") + " --report-json " +
                                    dir.File("run.json")));
  INFO(m.out);
  CHECK(m.exit_code == 0);
  CHECK(m.out.find("3 files: 0 ingested, 2 unchanged, 1 corrected, 0 failed") !=
        std::string::npos);
  CHECK(m.out.find("corrected " + workshop +
                   ": corrections: country=AR doc_type=irm_report") !=
        std::string::npos);
  CHECK(m.out.find("planmine: " + dir.File("m.csv") +
                   ":3: no file matches 'missing.pdf' (row not applied)") !=
        std::string::npos);
  const std::string json = ReadFile(dir.File("run.json"));
  CHECK(json.find("\"corrected\": 1") != std::string::npos);
  CHECK(json.find("\"unmatched_manifest_rows\": [\n    {\n      "
                  "\"manifest\": \"" +
                  dir.File("m.csv") +
                  "\",\n      \"line\": 3,\n      \"path\": \"missing.pdf\"") !=
        std::string::npos);
  const std::string corrected =
      "irm_report|correction (m.csv:2)|AR|correction (m.csv:2)\n";
  CHECK(Rows(db, type_of_workshop) == corrected);

  // Without the manifest: unchanged, still corrected. After a re-mine (the
  // packs' part of the versions differs): still corrected.
  CommandResult again = Run(Cli(db, "ingest " + dir.File("in")));
  CHECK(again.out.find("3 files: 0 ingested, 3 unchanged, 0 failed") !=
        std::string::npos);
  CHECK(Rows(db, type_of_workshop) == corrected);
  Rows(db, "UPDATE documents SET versions = versions || '-old'");
  CommandResult remined = Run(Cli(db, "ingest " + dir.File("in")));
  CHECK(remined.out.find("3 re-mined from the stored text") !=
        std::string::npos);
  CHECK(Rows(db, type_of_workshop) == corrected);

  // planmine set: checked, stored and applied at once; the slides become a
  // plan edition.
  CommandResult bad = Run(Cli(db, "set " + slides + " contry=BR"));
  CHECK(bad.exit_code == 2);
  CHECK(bad.out ==
        "planmine: set: unknown key 'contry' (valid keys: title, country, "
        "year, doc_type, language, plan_cycle, subnational)\n");
  bad = Run(Cli(db, "set " + slides + " doc_type=plan"));
  CHECK(bad.exit_code == 2);
  CHECK(bad.out ==
        "planmine: set: doc_type must be one of action_plan, irm_report, "
        "self_assessment, workshop, slides, agenda, guide, legal, report, "
        "other, got 'plan'\n");
  bad = Run(Cli(db, "set " + slides + " year=20"));
  CHECK(bad.exit_code == 2);
  CHECK(bad.out == "planmine: set: year must be four digits, got '20'\n");
  bad = Run(Cli(db, "set " + dir.File("in/nowhere.pdf") + " year=2020"));
  CHECK(bad.exit_code == 2);
  CHECK(bad.out ==
        "planmine: " + dir.File("in/nowhere.pdf") + ": not in the index\n");
  CHECK(Rows(db, "SELECT count(*) FROM corrections") == "2\n");

  CHECK(Rows(db, "SELECT count(*) FROM plan_editions") == "1\n");
  CommandResult set = Run(
      Cli(db, "set " + slides + " doc_type=action_plan country=br year=2019"));
  INFO(set.out);
  CHECK(set.exit_code == 0);
  CHECK(set.out.find(slides + ":\n  country = BR  (set, ") !=
        std::string::npos);
  CHECK(set.out.find("\napplied\n") != std::string::npos);
  CHECK(Rows(db,
             "SELECT doc_type, doc_type_source, country, year FROM documents "
             "WHERE path LIKE '%br-slides%'") ==
        "action_plan|correction (set)|BR|2019\n");
  CHECK(Rows(db, "SELECT count(*) FROM plan_editions") == "2\n");
  // The document re-mined: its themes' sentences kept again for document
  // search (query/theme_sets.h).
  CHECK(Rows(db, "SELECT count(*) FROM theme_sentences_stale") == "0\n");
  // The next run has nothing to do, and keeps it.
  CommandResult after = Run(Cli(db, "ingest " + dir.File("in")));
  CHECK(after.out.find("3 unchanged") != std::string::npos);
  CHECK(Rows(db,
             "SELECT doc_type FROM documents WHERE path LIKE '%br-slides%'") ==
        "action_plan\n");

  // status lists every correction: document, key, value, source, when.
  CommandResult st = Run(Cli(db, "status"));
  CHECK(st.exit_code == 0);
  const size_t at = st.out.find("\nCorrections\n");
  REQUIRE(at != std::string::npos);
  const std::string table = st.out.substr(at);
  for (const std::string& cell :
       {std::string("document"), std::string("key"), std::string("value"),
        std::string("source"), std::string("when"), workshop,
        std::string("irm_report"), "manifest:" + dir.File("m.csv") + ":2",
        slides, std::string("action_plan")})
    CHECK(table.find(cell) != std::string::npos);
  CHECK(Rows(db, "SELECT count(*) FROM corrections") == "5\n");

  // --clear: the classifier decides again.
  CommandResult clear = Run(Cli(db, "set " + workshop +
                                        " --clear doc_type "
                                        "--clear country"));
  CHECK(clear.exit_code == 0);
  CHECK(clear.out.find(workshop + ": no corrections") != std::string::npos);
  CHECK(Rows(db, type_of_workshop) == inferred);
}

}  // namespace planmine
