// End to end on the bundled corpus: the CLI as a user runs it, and the
// extraction measured against the generator's ground truth.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "pipeline/core/sha256.h"
#include "pipeline/runner/pipeline.h"
#include "tests/catch.h"
#include "tests/test_util.h"
#include "tests/text_metrics.h"

namespace planmine {
using namespace testing;
namespace fs = std::filesystem;

namespace {

std::string Cli(const std::string& db, const std::string& args) {
  return PlanmineBin() + " --db " + db + " " + args;
}

// The rows of a query, as the sqlite3 shell prints them.
std::string Rows(const std::string& db, const std::string& sql) {
  CommandResult q = Run(Sqlite3() + " " + db + " \"" + sql + "\"");
  REQUIRE(q.exit_code == 0);
  return q.out;
}

int64_t Scalar(const std::string& db, const std::string& sql) {
  CommandResult r = Run(Sqlite3() + " " + db + " \"" + sql + "\"");
  REQUIRE(r.exit_code == 0);
  return std::stoll(r.out);
}

}  // namespace

TEST_CASE(
    "E2E: every sample PDF extracts within NED 0.05 of its ground truth, no "
    "furniture",
    "[e2e]") {
  PipelineOptions o;
  o.packs_dir = PacksDir();
  o.normalize.word_lists = DefaultWordLists();
  auto pipeline = Pipeline::Create(o);
  REQUIRE(pipeline.ok());
  int docs = 0;
  for (const auto& e : fs::directory_iterator(SampleDir() + "/docs")) {
    if (e.path().extension() != ".pdf") continue;
    ++docs;
    SourceFile f;
    f.path = e.path().string();
    auto doc = pipeline->Process(f, nullptr);
    REQUIRE(doc.ok());
    std::string got;
    for (size_t i = 0; i < doc->text.pages.size(); ++i)
      got += (i ? "\f" : "") + doc->text.pages[i].text + "\n";
    std::string truth =
        ReadFile(SampleDir() + "/truth/" + e.path().stem().string() + ".txt");
    double ned = WordNed(got, truth);
    INFO(f.path << " NED " << ned);
    CHECK(ned <= 0.05);
    for (const char* furniture :
         {"Página 2 de 3", "Page 1 of 2", "OGP Local case studies",
          "Oficina de cocriação |", "Sample document generated"})
      CHECK(got.find(furniture) == std::string::npos);
  }
  CHECK(docs >= 6);
}

TEST_CASE("E2E: ingest the sample corpus, search, list, re-ingest unchanged",
          "[e2e]") {
  TempDir dir;
  std::string db = dir.File("planmine.sqlite");
  CommandResult r = Run(Cli(db, "ingest " + SampleDir() + "/docs --manifest " +
                                    SampleDir() + "/manifest.csv"));
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("7 files: 7 ingested, 0 unchanged, 0 failed") !=
        std::string::npos);

  CHECK(Scalar(db, "SELECT count(*) FROM documents WHERE status = 'ok'") == 7);
  CHECK(Scalar(db, "SELECT count(DISTINCT language) FROM documents") == 3);
  CHECK(Scalar(db,
               "SELECT count(*) FROM documents WHERE country = 'CO' AND "
               "doc_type = 'action_plan'") == 1);

  // Accent-insensitive search finds the accented PDF text and the accentless
  // post.
  CommandResult s =
      Run(Cli(db, "search \"participacion ciudadana\" --format csv"));
  REQUIRE(s.exit_code == 0);
  CHECK(s.out.find("co-plan-accion-demo-2021-2023.pdf") != std::string::npos);
  CHECK(s.out.find("es-blog-gobierno-abierto.md") != std::string::npos);
  CHECK(s.out.find("[participación] [ciudadana]") != std::string::npos);

  CommandResult c = Run(Cli(db, "commitments --country CO --format csv"));
  REQUIRE(c.exit_code == 0);
  // One row per commitment, with the fields the plan states: the first one's
  // lead agency, dates and OGP values come from its template table, read
  // row by row ("Institución responsable | Agencia Nacional ...").
  CHECK(c.out.rfind("commitment_key,doc_key,country,subnational,year,plan_"
                    "cycle,doc_type,document,"
                    "number,title,lead_agency,start_date,end_date,",
                    0) == 0);
  CHECK(c.out.find(",1,Datos abiertos de contratación pública,Agencia "
                   "Nacional de Contratación Pública,2021-07-01,"
                   "2023-06-30,access_to_information;public_accountability,") !=
        std::string::npos);
  CHECK(c.out.find(",2,Registro de beneficiarios finales,") !=
        std::string::npos);
  CHECK(c.out.find(",3,Participación ciudadana en el presupuesto,") !=
        std::string::npos);
  int rows = 0;
  for (char ch : c.out) rows += ch == '\n';
  CHECK(rows == 1 + 3);  // the header and the plan's three commitments
  CommandResult bo =
      Run(Cli(db, "commitments --theme beneficial_ownership --format csv"));
  CHECK(bo.out.find("Registro de beneficiarios finales") != std::string::npos);
  CHECK(bo.out.find("Datos abiertos de contratación") == std::string::npos);

  CommandResult pt = Run(Cli(db, "commitments --country BR --format csv"));
  CHECK(pt.out.find("Dados abertos de saúde") != std::string::npos);

  CommandResult t = Run(Cli(db, "themes --by country --format csv"));
  REQUIRE(t.exit_code == 0);
  CHECK(t.out.find("CO,beneficial_ownership,") != std::string::npos);

  const char* tables[] = {
      "documents",    "pages",      "blocks",   "sentences",
      "commitments",  "theme_hits", "entities", "commitment_themes",
      "sentences_fts"};
  std::vector<int64_t> before;
  for (const char* tb : tables)
    before.push_back(Scalar(db, std::string("SELECT count(*) FROM ") + tb));
  CommandResult again =
      Run(Cli(db, "ingest " + SampleDir() + "/docs --manifest " + SampleDir() +
                      "/manifest.csv"));
  REQUIRE(again.exit_code == 0);
  CHECK(again.out.find("7 files: 0 ingested, 7 unchanged, 0 failed") !=
        std::string::npos);
  for (size_t i = 0; i < before.size(); ++i) {
    INFO(tables[i]);
    CHECK(Scalar(db, std::string("SELECT count(*) FROM ") + tables[i]) ==
          before[i]);
  }
  CommandResult ic = Run(Sqlite3() + " " + db + " 'PRAGMA integrity_check'");
  CHECK(ic.out == "ok\n");
}

TEST_CASE(
    "E2E: an action plan with no commitment found is said so, in the run "
    "and in failures",
    "[e2e]") {
  TempDir dir;
  fs::create_directories(dir.File("in"));
  // A plan by the manifest's word whose text has no commitment units.
  WriteFile(dir.File("in/plan.md"),
            "# Plan de acción de gobierno abierto 2024-2026\n\n"
            "El gobierno trabajará con la sociedad civil durante dos años. "
            "Las entidades publicarán informes de avance cada semestre.\n");
  WriteFile(dir.File("in/manifest.csv"),
            "path,doc_type,country\nplan.md,action_plan,CO\n");
  std::string db = dir.File("i.sqlite");
  CommandResult r =
      Run(Cli(db, "ingest --manifest " + dir.File("in/manifest.csv") + " " +
                      dir.File("in/plan.md")));
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("0 commitments; warning: action plan with no commitment "
                   "found") != std::string::npos);
  CommandResult f = Run(Cli(db, "failures"));
  INFO(f.out);
  CHECK(f.out.find("plan.md") != std::string::npos);
  CHECK(f.out.find("action plan with no commitment found") !=
        std::string::npos);
}

TEST_CASE(
    "E2E: a plan whose own list names more commitments than were found is "
    "said so, in the run and in failures",
    "[e2e]") {
  TempDir dir;
  fs::create_directories(dir.File("in"));
  // The plan lists five commitments; the fifth has no section of its own.
  std::string plan =
      "# Plan de acción de gobierno abierto 2024-2026\n\n"
      "El plan reúne cinco compromisos:\n\n";
  const char* titles[] = {"Datos abiertos de contratación pública",
                          "Registro de beneficiarios finales",
                          "Participación ciudadana en el presupuesto",
                          "Canal seguro para alertadores",
                          "Transparencia en la obra pública"};
  for (int i = 0; i < 5; ++i)
    plan += std::to_string(i + 1) + ". " + titles[i] + "\n\n";
  for (int i = 0; i < 4; ++i)
    plan += "# Compromiso " + std::to_string(i + 1) + ": " + titles[i] +
            "\n\nLa entidad responsable publicará cada mes los avances "
            "con la sociedad civil.\n\n";
  WriteFile(dir.File("in/plan.md"), plan);
  WriteFile(dir.File("in/manifest.csv"),
            "path,doc_type,country\nplan.md,action_plan,CO\n");
  std::string db = dir.File("i.sqlite");
  const std::string warning =
      "found 4 of the 5 commitments the plan's own list names";
  CommandResult r =
      Run(Cli(db, "ingest --manifest " + dir.File("in/manifest.csv") + " " +
                      dir.File("in/plan.md")));
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("4 commitments; warning: " + warning) != std::string::npos);
  CommandResult f = Run(Cli(db, "failures"));
  INFO(f.out);
  CHECK(f.out.find("plan.md") != std::string::npos);
  CHECK(f.out.find("warning: " + warning) != std::string::npos);
  // Re-mined (a correction re-mines from the stored text), the warning is
  // decided afresh, not doubled; and gone once the plan is not a plan.
  REQUIRE(
      Run(Cli(db, "set " + dir.File("in/plan.md") + " year=2024")).exit_code ==
      0);
  CHECK(Scalar(db,
               "SELECT count(*) FROM documents d, json_each(d.warnings) w "
               "WHERE w.value LIKE '%own list names'") == 1);
  REQUIRE(Run(Cli(db, "set " + dir.File("in/plan.md") + " doc_type=report"))
              .exit_code == 0);
  CHECK(Scalar(db,
               "SELECT count(*) FROM documents d, json_each(d.warnings) w "
               "WHERE w.value LIKE '%own list names'") == 0);
}

TEST_CASE("E2E: bad files are reported with path and reason, the batch goes on",
          "[e2e]") {
  TempDir dir;
  fs::create_directories(dir.File("in"));
  fs::copy_file(SampleDir() + "/docs/mx-workshop-findings-2012.pdf",
                dir.File("in/good.pdf"));
  WriteFile(dir.File("in/empty.pdf"), "");
  WriteFile(dir.File("in/photo.pdf"), "\xFF\xD8\xFF\xE0 JFIF data");
  std::string full =
      ReadFile(SampleDir() + "/docs/co-plan-accion-demo-2021-2023.pdf");
  WriteFile(dir.File("in/cut.pdf"), full.substr(0, 600));
  std::string db = dir.File("i.sqlite");
  CommandResult r = Run(Cli(db, "ingest " + dir.File("in")));
  INFO(r.out);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find(dir.File("in/empty.pdf") + ": empty file") !=
        std::string::npos);
  CHECK(r.out.find(dir.File("in/photo.pdf") +
                   ": not a PDF (starts with JPEG image data)") !=
        std::string::npos);
  CHECK(r.out.find("FAILED   " + dir.File("in/cut.pdf")) != std::string::npos);
  CHECK(Scalar(db, "SELECT count(*) FROM documents WHERE status = 'ok'") == 1);
  CHECK(Scalar(db, "SELECT count(*) FROM documents WHERE status = 'failed'") ==
        3);
  CHECK(Scalar(db, "SELECT count(*) FROM ingest_errors") == 3);

  // Nothing succeeds: exit 2.
  TempDir bad;
  WriteFile(bad.File("empty.pdf"), "");
  CommandResult all_bad =
      Run(Cli(bad.File("i.sqlite"), "ingest " + bad.path()));
  CHECK(all_bad.exit_code == 2);
  CommandResult missing =
      Run(Cli(bad.File("j.sqlite"), "ingest " + bad.File("nope")));
  CHECK(missing.exit_code == 2);
  CHECK(missing.out.find(bad.File("nope") + ": no such file or directory") !=
        std::string::npos);
}

TEST_CASE(
    "E2E: an encrypted PDF needs its user password, owner-only encryption is "
    "read",
    "[e2e]") {
  if (Run("command -v qpdf").exit_code != 0) {
    WARN("qpdf is not installed: skipping the encryption test");
    return;
  }
  TempDir dir;
  std::string src = SampleDir() + "/docs/mx-workshop-findings-2012.pdf";
  REQUIRE(Run("qpdf --encrypt secret owner 256 -- " + src + " " +
              dir.File("locked.pdf"))
              .exit_code == 0);
  REQUIRE(
      Run("qpdf --encrypt '' owner 256 -- " + src + " " + dir.File("owner.pdf"))
          .exit_code == 0);
  CommandResult locked =
      Run(PlanmineBin() + " extract " + dir.File("locked.pdf"));
  CHECK(locked.exit_code == 2);
  CHECK(locked.out.find(dir.File("locked.pdf") +
                        ": encrypted: a user password is required") !=
        std::string::npos);
  CommandResult owner =
      Run(PlanmineBin() + " extract " + dir.File("owner.pdf"));
  CHECK(owner.exit_code == 0);
  CHECK(owner.out.find("Findings and Conclusions") != std::string::npos);
}

TEST_CASE(
    "E2E: a broken pattern pack stops the run before anything is ingested",
    "[e2e]") {
  TempDir dir;
  fs::create_directories(dir.File("packs"));
  for (const auto& e : fs::directory_iterator(PacksDir()))
    fs::copy_file(e.path(), dir.File("packs/" + e.path().filename().string()));
  std::string pack = ReadFile(dir.File("packs/themes.es.pat"));
  WriteFile(dir.File("packs/themes.es.pat"),
            pack + "open_data.broken  \\bdatos(\n");
  std::string db = dir.File("i.sqlite");
  CommandResult r = Run(PlanmineBin() + " --db " + db + " --packs " +
                        dir.File("packs") + " ingest " + SampleDir() + "/docs");
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("themes.es.pat:") != std::string::npos);
  CHECK(r.out.find(": pattern 'open_data.broken': missing ): \\bdatos(") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(db));
}

TEST_CASE("E2E: extract prints text with form feeds and a stable JSON",
          "[e2e]") {
  CommandResult t = Run(PlanmineBin() + " extract " + SampleDir() +
                        "/docs/mx-workshop-findings-2012.pdf");
  REQUIRE(t.exit_code == 0);
  CHECK(std::count(t.out.begin(), t.out.end(), '\f') == 1);
  CommandResult j =
      Run(PlanmineBin() + " extract --format json " + SampleDir() +
          "/docs/co-plan-accion-demo-2021-2023.pdf");
  REQUIRE(j.exit_code == 0);
  for (const char* key :
       {"\"path\"", "\"sha256\"", "\"language\": \"es\"", "\"country\"",
        "\"doc_type\"", "\"title\"", "\"pages\"", "\"sentences\"",
        "\"commitments\"", "\"theme_hits\"", "\"entities\"", "\"first_page\"",
        "\"key\": \"Fecha de inicio\"", "\"value\": \"2021-07-01\"",
        "\"value\": \"gobiernoabierto@ejemplo.gov.co\""})
    CHECK(j.out.find(key) != std::string::npos);
}

TEST_CASE("E2E: run report, status and failures for monitoring", "[e2e]") {
  TempDir dir;
  fs::create_directories(dir.File("in"));
  fs::copy_file(SampleDir() + "/docs/mx-workshop-findings-2012.pdf",
                dir.File("in/good.pdf"));
  WriteFile(dir.File("in/empty.pdf"), "");
  std::string db = dir.File("i.sqlite");
  CommandResult r = Run(Cli(db, "ingest -q " + dir.File("in") +
                                    " --report-json " + dir.File("run.json")));
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("FAILED   " + dir.File("in/empty.pdf") + ": empty file") !=
        std::string::npos);
  std::string report = ReadFile(dir.File("run.json"));
  for (const char* key : {"\"files_seen\": 2", "\"ingested\": 1",
                          "\"failed\": 1", "\"exit_code\": 1",
                          "\"status\": \"partial\"", "\"stage\": \"extract\""})
    CHECK(report.find(key) != std::string::npos);
  CHECK(report.find(dir.File("in/empty.pdf") + ": empty file") !=
        std::string::npos);
  CommandResult st = Run(Cli(db, "status"));
  CHECK(st.exit_code == 0);
  CHECK(st.out.find("Last runs") != std::string::npos);
  CHECK(st.out.find("partial") != std::string::npos);
  CommandResult f = Run(Cli(db, "failures --format csv"));
  CHECK(f.exit_code == 0);
  CHECK(f.out.find(dir.File("in/empty.pdf") + ",failed,") != std::string::npos);

  // Time per stage: in the run report, the run's row and status.
  for (const char* stage : {"\"extract\": ", "\"normalize\": ", "\"segment\": ",
                            "\"mine\": ", "\"load\": "})
    CHECK(report.find(stage) != std::string::npos);
  CHECK(Scalar(db,
               "SELECT json_extract(stage_seconds, '$.extract') > 0 AND "
               "json_extract(stage_seconds, '$.load') > 0 FROM ingest_runs") ==
        1);
  CHECK(st.out.find("Time per stage, last run") != std::string::npos);
  CHECK(st.out.find("extract") != std::string::npos);

  // The nightly job writes the report too: refresh --report.
  fs::remove(dir.File("in/empty.pdf"));
  CommandResult n = Run(Cli(db, "refresh " + dir.File("in") + " --report " +
                                    dir.File("site/report.html")));
  INFO(n.out);
  CHECK(n.exit_code == 0);
  CHECK(n.out.find(dir.File("site/report.html") + ": ") != std::string::npos);
  const std::string html = ReadFile(dir.File("site/report.html"));
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("</html>") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.File("site/report.html.tmp")));
}

TEST_CASE("E2E: a second ingest on the same index refuses while the first runs",
          "[e2e]") {
  if (Run("command -v flock").exit_code != 0) {
    WARN("flock(1) not installed: skipping");
    return;
  }
  TempDir dir;
  std::string db = dir.File("i.sqlite");
  // Hold the lock from outside for a moment, as a running ingest would.
  CommandResult r = Run("flock " + db + ".lock sh -c '" +
                        Cli(db, "ingest " + SampleDir() + "/docs") + "'");
  CHECK(r.exit_code == 2);
  CHECK(r.out.find(db + ": another ingest is already running on this index (" +
                   db + ".lock is locked)") != std::string::npos);
}

TEST_CASE(
    "E2E: refresh skips unchanged files, notices touched and vanished ones",
    "[e2e]") {
  TempDir dir;
  fs::create_directories(dir.File("in"));
  fs::copy_file(SampleDir() + "/docs/mx-workshop-findings-2012.pdf",
                dir.File("in/a.pdf"));
  fs::copy_file(SampleDir() + "/docs/gb-case-study-two-column-demo.pdf",
                dir.File("in/b.pdf"));
  std::string db = dir.File("i.sqlite");
  REQUIRE(Run(Cli(db, "ingest -q " + dir.File("in"))).exit_code == 0);
  // Touched but identical: unchanged, and the new mtime is recorded.
  REQUIRE(Run("touch -d '2030-01-01' " + dir.File("in/a.pdf")).exit_code == 0);
  CommandResult t = Run(Cli(db, "ingest -q " + dir.File("in")));
  CHECK(t.out.find("2 files: 0 ingested, 2 unchanged") != std::string::npos);
  CHECK(Scalar(db, "SELECT mtime FROM documents WHERE path LIKE '%a.pdf'") ==
        1893456000);
  // Gone: marked missing, rows kept; then pruned on request.
  fs::remove(dir.File("in/b.pdf"));
  CommandResult m = Run(Cli(db, "ingest -q " + dir.File("in")));
  CHECK(m.out.find("1 gone (marked missing)") != std::string::npos);
  CHECK(Scalar(
            db,
            "SELECT count(*) FROM documents WHERE missing_since IS NOT NULL") ==
        1);
  CHECK(Scalar(db,
               "SELECT count(*) FROM sentences s JOIN documents d ON d.id = "
               "s.doc_id WHERE d.path LIKE '%b.pdf'") > 0);
  CommandResult p = Run(Cli(db, "ingest -q --prune " + dir.File("in")));
  CHECK(p.out.find("1 gone (pruned)") != std::string::npos);
  CHECK(Scalar(db, "SELECT count(*) FROM documents") == 1);
  CHECK(Scalar(db,
               "SELECT count(*) FROM sentences s LEFT JOIN documents d ON d.id "
               "= s.doc_id WHERE d.id IS NULL") == 0);
}

TEST_CASE("E2E: a moved or renamed file keeps its rows and is not re-read",
          "[e2e]") {
  TempDir dir;
  fs::create_directories(dir.File("in/2023"));
  fs::copy_file(SampleDir() + "/docs/co-plan-accion-demo-2021-2023.pdf",
                dir.File("in/plan.pdf"));
  fs::copy_file(SampleDir() + "/docs/mx-workshop-findings-2012.pdf",
                dir.File("in/taller.pdf"));
  std::string db = dir.File("i.sqlite");
  REQUIRE(Run(Cli(db, "ingest -q " + dir.File("in"))).exit_code == 0);
  int64_t id = Scalar(db,
                      "SELECT id FROM documents WHERE path LIKE "
                      "'%plan.pdf'");
  int64_t sentences = Scalar(db, "SELECT count(*) FROM sentences");
  fs::rename(dir.File("in/plan.pdf"), dir.File("in/2023/plan-ii.pdf"));
  CommandResult m = Run(Cli(db, "ingest " + dir.File("in")));
  INFO(m.out);
  CHECK(m.exit_code == 0);
  CHECK(m.out.find("2 files: 0 ingested, 2 unchanged") != std::string::npos);
  CHECK(m.out.find("1 moved (rows kept, not re-read)") != std::string::npos);
  CHECK(m.out.find("moved    " + dir.File("in/2023/plan-ii.pdf") + ": from " +
                   dir.File("in/plan.pdf")) != std::string::npos);
  CHECK(m.out.find("gone") == std::string::npos);  // not marked missing
  CHECK(Scalar(db,
               "SELECT id FROM documents WHERE path LIKE "
               "'%2023/plan-ii.pdf'") == id);
  CHECK(Scalar(db, "SELECT count(*) FROM sentences") == sentences);
  CHECK(Scalar(db, "SELECT count(*) FROM documents") == 2);
  // A copy (the original still there) is a document of its own.
  fs::copy_file(dir.File("in/taller.pdf"), dir.File("in/2023/taller.pdf"));
  CommandResult c = Run(Cli(db, "ingest -q " + dir.File("in")));
  CHECK(c.out.find("3 files: 1 ingested, 2 unchanged") != std::string::npos);
  CHECK(Scalar(db, "SELECT count(*) FROM documents") == 3);
}

TEST_CASE(
    "E2E: a pattern change re-mines from the stored text, opens no file, and "
    "equals a clean run",
    "[e2e]") {
  TempDir dir;
  fs::create_directories(dir.File("packs"));
  for (const auto& e : fs::directory_iterator(PacksDir()))
    fs::copy_file(e.path(), dir.File("packs/" + e.path().filename().string()));
  fs::create_directories(dir.File("in"));
  int pdfs = 0;
  for (const auto& e : fs::directory_iterator(SampleDir() + "/docs")) {
    fs::copy_file(e.path(), dir.File("in/" + e.path().filename().string()));
    pdfs += e.path().extension() == ".pdf";
  }
  const std::string packs = " --packs " + dir.File("packs") + " ";
  const std::string db = dir.File("i.sqlite");
  REQUIRE(Run(PlanmineBin() + " --db " + db + packs + "--ocr off ingest -q " +
              dir.File("in"))
              .exit_code == 0);
  const int64_t sentences = Scalar(db, "SELECT sum(id) FROM sentences");
  // A researcher edits a pack (no @version bump): "compromiso" now also
  // counts as a mention of health.
  WriteFile(dir.File("packs/themes.es.pat"),
            ReadFile(dir.File("packs/themes.es.pat")) +
                "health.demo  \\bcompromisos?\\b\n");
  // Every PDF is overwritten with junk of the same size and mtime: a run
  // that opened one would fail on it.
  for (const auto& e : fs::directory_iterator(dir.File("in"))) {
    if (e.path().extension() != ".pdf") continue;
    auto mtime = fs::last_write_time(e.path());
    WriteFile(e.path().string(), std::string(fs::file_size(e.path()), 'x'));
    fs::last_write_time(e.path(), mtime);
  }
  CommandResult r = Run(PlanmineBin() + " --db " + db + packs +
                        "--ocr off ingest " + dir.File("in"));
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("re-mined from the stored text") != std::string::npos);
  CHECK(r.out.find("FAILED") == std::string::npos);
  CHECK(Scalar(db,
               "SELECT count(*) FROM theme_hits WHERE pattern_id = "
               "'health.demo'") > 0);
  // The text, and so the sentence ids and the full-text index, unchanged.
  CHECK(Scalar(db, "SELECT sum(id) FROM sentences") == sentences);
  // A second run has nothing to do.
  CommandResult again = Run(PlanmineBin() + " --db " + db + packs +
                            "--ocr off ingest -q " + dir.File("in"));
  CHECK(again.out.find(" 0 ingested") != std::string::npos);
  // What a clean run over the original files with the edited packs makes.
  const std::string clean = dir.File("clean.sqlite");
  REQUIRE(Run(PlanmineBin() + " --db " + clean + packs +
              "--ocr off ingest -q " + SampleDir() + "/docs")
              .exit_code == 0);
  for (const char* sql :
       {"SELECT pattern_id, theme_id, page, start, end, match FROM theme_hits "
        "ORDER BY 1, 2, 3, 4",
        "SELECT number, title, kind, lead_agency, start_date, end_date, "
        "completion, first_page FROM commitments ORDER BY title, number",
        "SELECT type, value, page, start FROM entities ORDER BY 1, 2, 3, 4",
        "SELECT kind, text FROM statements ORDER BY 1, 2",
        "SELECT theme_id, mentions FROM document_themes ORDER BY 1, 2",
        "SELECT title, country, year, doc_type, plan_cycle, subnational, "
        "versions FROM documents ORDER BY title"}) {
    INFO(sql);
    CHECK(Rows(db, sql) == Rows(clean, sql));
  }
  CHECK(pdfs > 0);
}

TEST_CASE(
    "E2E: a document that crashes or hangs its worker is recorded as failed, "
    "every other document is ingested",
    "[e2e][workers]") {
  TempDir dir;
  fs::create_directories(dir.File("in"));
  int files = 0;
  for (const auto& e : fs::directory_iterator(SampleDir() + "/docs")) {
    fs::copy_file(e.path(), dir.File("in/" + e.path().filename().string()));
    ++files;
  }
  const std::string db = dir.File("i.sqlite");
  const std::string json = dir.File("run.json");
  CommandResult r =
      Run("PLANMINE_WORKER_FAULT=crash=taller-cocreacion,hang=br-slides " +
          PlanmineBin() + " --db " + db +
          " --ocr off ingest --jobs 2 --timeout 3 " + dir.File("in") +
          " --report-json " + json);
  INFO(r.out);
  CHECK(r.exit_code == 1);  // some documents failed
#ifndef PLANMINE_SANITIZER_PRELOAD
  CHECK(r.out.find("co-taller-cocreacion-ambiente-demo.pdf: its worker "
                   "crashed: signal 11 (Segmentation fault)") !=
        std::string::npos);
#else
  // AddressSanitizer catches the SIGSEGV, reports it and exits 1.
  CHECK(r.out.find("co-taller-cocreacion-ambiente-demo.pdf: its worker "
                   "exited with status 1 without a result") !=
        std::string::npos);
#endif
  CHECK(r.out.find("br-slides-participacao-demo.pdf: gave up after 3 s (the "
                   "document hung its worker)") != std::string::npos);
  CHECK(r.out.find(std::to_string(files) +
                   " files: " + std::to_string(files - 2) + " ingested") !=
        std::string::npos);
  CHECK(Scalar(db, "SELECT count(*) FROM documents WHERE status = 'ok'") ==
        files - 2);
  CHECK(Scalar(db,
               "SELECT count(*) FROM documents WHERE status = 'failed' "
               "AND error LIKE '%worker%'") == 2);
  CHECK(Scalar(db,
               "SELECT count(*) FROM ingest_errors WHERE stage = "
               "'extract'") == 2);
  CHECK(ReadFile(json).find("\"status\": \"partial\"") != std::string::npos);
  // A worker over its memory cap fails its document, with the cap named
  // (not in the sanitizer build, whose shadow memory rules the cap out).
  // A 17 MB text: a worker reads it whole, more than 60 MB of address
  // space beyond what it shares with the parent. (The sample plan no
  // longer does: workers do not mine, so they build no pattern DFAs.)
#ifndef PLANMINE_SANITIZER_PRELOAD
  {
    std::ofstream big(dir.File("big.txt"));
    for (int i = 0; i < 200000; ++i)
      big << "El Ministerio se compromete a publicar los datos del "
             "presupuesto en formato abierto. ";
  }
  CommandResult mem =
      Run(PlanmineBin() + " --db " + dir.File("m.sqlite") +
          " --ocr off ingest --memory-mb 60 " + dir.File("big.txt"));
  CHECK(mem.exit_code == 2);  // nothing succeeded
  CHECK(mem.out.find("the worker's memory cap is 60 MB") != std::string::npos);
#endif
  // The same files read in-process (--jobs in-process) make the same rows.
  const std::string inproc = dir.File("inproc.sqlite");
  const std::string workers = dir.File("workers.sqlite");
  REQUIRE(Run(PlanmineBin() + " --db " + inproc +
              " --ocr off ingest -q --jobs in-process " + dir.File("in"))
              .exit_code == 0);
  REQUIRE(Run(PlanmineBin() + " --db " + workers +
              " --ocr off ingest -q --jobs 2 " + dir.File("in"))
              .exit_code == 0);
  for (const char* sql :
       {"SELECT path, title, country, year, doc_type, plan_cycle, language, "
        "page_count, versions, warnings FROM documents ORDER BY path",
        "SELECT d.path, p.number, p.source, p.quality, p.word_count, p.text, "
        "p.furniture FROM pages p JOIN documents d ON d.id = p.doc_id ORDER BY "
        "1, 2",
        "SELECT d.path, b.page, b.seq, b.start, b.end, b.x0, b.y1, b.heading, "
        "b.language FROM blocks b JOIN documents d ON d.id = b.doc_id ORDER "
        "BY 1, 2, 3",
        "SELECT d.path, s.seq, s.page, s.start, s.language, s.text, s.id & "
        "1023 FROM sentences s JOIN documents d ON d.id = s.doc_id ORDER BY "
        "1, 2",
        "SELECT d.path, c.seq, c.number, c.title, c.lead_agency, c.end_date, "
        "c.milestones, c.sections FROM commitments c JOIN documents d ON d.id "
        "= c.doc_id ORDER BY 1, 2",
        "SELECT d.path, e.type, e.value, e.start FROM entities e JOIN "
        "documents d ON d.id = e.doc_id ORDER BY 1, 2, 3, 4",
        "SELECT d.path, f.key, f.value FROM fields f JOIN documents d ON d.id "
        "= f.doc_id ORDER BY 1, 2, 3"}) {
    INFO(sql);
    CHECK(Rows(inproc, sql) == Rows(workers, sql));
  }
}

namespace {

// A PDF of the given objects (1 0 obj is the catalog), with a correct xref.
std::string MakePdf(const std::vector<std::string>& objects) {
  std::string out = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) +
         "\n0000000000 65535 f \n";
  for (size_t o : offsets) {
    char line[32];
    snprintf(line, sizeof line, "%010zu 00000 n \n", o);
    out += line;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

}  // namespace

TEST_CASE(
    "E2E: zero pages, self-referencing and deeply nested objects, a page cap, "
    "a non-UTF-8 file name and a full disk",
    "[e2e]") {
  TempDir dir;
  fs::create_directories(dir.File("in"));
  const std::string catalog = "<< /Type /Catalog /Pages 2 0 R >>";
  WriteFile(dir.File("in/zero-pages.pdf"),
            MakePdf({catalog, "<< /Type /Pages /Kids [] /Count 0 >>"}));
  WriteFile(dir.File("in/self-ref.pdf"),
            MakePdf({catalog, "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"}));
  WriteFile(dir.File("in/nested.pdf"),
            MakePdf({catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                     "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                     "/Resources << /X " +
                         std::string(5000, '[') + std::string(5000, ']') +
                         " >> >>"}));
  // A Latin-1 byte in the name: not UTF-8.
  fs::copy_file(SampleDir() + "/docs/mx-workshop-findings-2012.pdf",
                dir.File("in/taller-\xE9.pdf"));
  const std::string db = dir.File("i.sqlite");
  CommandResult r =
      Run(Cli(db, "--ocr off ingest --timeout 60 " + dir.File("in")));
  INFO(r.out);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find(dir.File("in/zero-pages.pdf") + ": PDF has no pages") !=
        std::string::npos);
  // Self-reference and nesting: read without a crash or a hang, with no
  // text to show.
  CHECK(r.out.find("NO TEXT  " + dir.File("in/self-ref.pdf")) !=
        std::string::npos);
  CHECK(r.out.find("NO TEXT  " + dir.File("in/nested.pdf")) !=
        std::string::npos);
  CHECK(r.out.find("ok       " + dir.File("in/taller-\xE9.pdf")) !=
        std::string::npos);
  CHECK(Scalar(db, "SELECT count(*) FROM documents") == 4);
  CHECK(Run(Cli(db, "search workshop --format csv")).exit_code == 0);

  // A page cap: what is read is kept, and the document says what was not.
  const std::string cap = dir.File("cap.sqlite");
  REQUIRE(Run(Cli(cap, "ingest --max-pages 1 " + SampleDir() +
                           "/docs/co-plan-accion-demo-2021-2023.pdf"))
              .exit_code == 0);
  CHECK(Run(Sqlite3() + " " + cap + " 'SELECT warnings FROM documents'").out ==
        "[\"page cap reached: 1 of 3 pages read\"]\n");

  // A full disk (a file-size limit here): a clear error, exit 2, the index
  // intact, and the next run completes it.
  const std::string full = dir.File("full.sqlite");
  CommandResult f =
      Run("ulimit -f 600; " + Cli(full, "ingest -q " + SampleDir() + "/docs"));
  INFO(f.out);
  CHECK(f.exit_code == 2);
  // (/bin/sh counts 512-byte blocks: 300 KB, past the schema, short of the
  // corpus.)
  CHECK(f.out.find(": cannot write to the index: " + full) !=
        std::string::npos);
  CHECK(Run(Sqlite3() + " " + full + " 'PRAGMA integrity_check'").out ==
        "ok\n");
  CHECK(Run(Cli(full, "ingest -q " + SampleDir() + "/docs")).exit_code == 0);
}

TEST_CASE(
    "E2E: unreadable files and folders are reported with the reason, the "
    "rest is ingested",
    "[e2e]") {
  TempDir dir;
  fs::create_directories(dir.File("in/locked"));
  fs::create_directories(dir.File("db"));
  fs::copy_file(SampleDir() + "/docs/mx-workshop-findings-2012.pdf",
                dir.File("in/readable.pdf"));
  fs::copy_file(SampleDir() + "/docs/co-plan-accion-demo-2021-2023.pdf",
                dir.File("in/unreadable.pdf"));
  fs::copy_file(SampleDir() + "/docs/co-plan-accion-demo-2021-2023.pdf",
                dir.File("in/locked/inside.pdf"));
  fs::permissions(dir.path(), fs::perms::all);
  fs::permissions(dir.File("db"), fs::perms::all);
  fs::permissions(dir.File("in/unreadable.pdf"), fs::perms::none);
  fs::permissions(dir.File("in/locked"), fs::perms::none);
  // Root reads everything: run as nobody then, as a nightly job would.
  std::string as_user;
  if (geteuid() == 0) {
    if (Run("command -v setpriv").exit_code != 0) {
      WARN("setpriv (util-linux) not found: cannot drop root to test");
      return;
    }
    as_user = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  }
  const std::string db = dir.File("db/i.sqlite");
  CommandResult r =
      Run("ASAN_OPTIONS=detect_leaks=0 " + as_user + PlanmineBin() + " --db " +
          db + " --ocr off ingest " + dir.File("in"));
  INFO(r.out);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("FAILED   " + dir.File("in/unreadable.pdf") + ": ") !=
        std::string::npos);
  CHECK(r.out.find("Permission denied") != std::string::npos);
  CHECK(r.out.find("FAILED   " + dir.File("in/locked")) != std::string::npos);
  CHECK(r.out.find("ok       " + dir.File("in/readable.pdf")) !=
        std::string::npos);
  CHECK(Rows(db, "SELECT path, status FROM documents ORDER BY path") ==
        dir.File("in/locked") + "|failed\n" + dir.File("in/readable.pdf") +
            "|ok\n" + dir.File("in/unreadable.pdf") + "|failed\n");
  CHECK(Scalar(db,
               "SELECT count(*) FROM ingest_errors WHERE reason LIKE "
               "'%Permission denied%'") == 2);
  fs::permissions(dir.File("in/locked"), fs::perms::owner_all);  // cleanup
}

// A planmine run started in the background with one worker that holds
// before reading the first file whose path contains `hold_at` (by then
// every file has been found and hashed): the test acts mid-run, then
// Finish() lets the worker go and waits for the exit code.
class HeldRun {
 public:
  HeldRun(const TempDir& dir, const std::string& db, const std::string& args,
          const std::string& hold_at)
      : go_(dir.File("go")), out_(dir.File("out")), rc_(dir.File("rc")) {
    Run("(PLANMINE_WORKER_FAULT=wait=" + hold_at +
        " PLANMINE_WORKER_GO=" + go_ + " " + Cli(db, args + " --jobs 1") +
        " > " + out_ + " 2>&1; echo $? > " + rc_ + ") > /dev/null 2>&1 &");
    for (int i = 0; i < 1200 && !fs::exists(go_ + ".waiting"); ++i)
      usleep(50 * 1000);
  }
  bool held() const { return fs::exists(go_ + ".waiting"); }
  // The exit code, -1 if the run did not end within a minute.
  int Finish() {
    WriteFile(go_, "");
    for (int i = 0; i < 1200 && ReadFile(rc_).empty(); ++i) usleep(50 * 1000);
    const std::string rc = ReadFile(rc_);
    return rc.empty() ? -1 : std::stoi(rc);
  }
  std::string out() const { return ReadFile(out_); }

 private:
  std::string go_, out_, rc_;
};

TEST_CASE(
    "E2E: a file that changes or disappears while the run reads the folder "
    "is reported, and the next run reads it again",
    "[e2e]") {
  TempDir dir;
  fs::create_directories(dir.File("in"));
  const std::string a = dir.File("in/a-changes.pdf");
  const std::string b = dir.File("in/b-disappears.pdf");
  const std::string c = dir.File("in/c-stays.pdf");
  fs::copy_file(SampleDir() + "/docs/co-plan-accion-demo-2021-2023.pdf", a);
  fs::copy_file(SampleDir() + "/docs/mx-workshop-findings-2012.pdf", b);
  fs::copy_file(SampleDir() + "/docs/br-slides-participacao-demo.pdf", c);
  const std::string db = dir.File("i.sqlite");
  HeldRun run(dir, db, "--ocr off ingest " + dir.File("in"), "a-changes");
  REQUIRE(run.held());
  // An editor saving a new version of a; b deleted.
  std::ofstream(a, std::ios::app) << "\n% saved again\n";
  fs::remove(b);
  const int rc = run.Finish();
  const std::string out = run.out();
  INFO(out);
  CHECK(rc == 1);
  CHECK(out.find("FAILED   " + a +
                 ": changed while it was being read (its bytes differ from "
                 "when the run hashed them); it is read again on the next "
                 "run") != std::string::npos);
  CHECK(out.find("FAILED   " + b +
                 ": disappeared during the run (deleted or moved after the "
                 "run found it)") != std::string::npos);
  CHECK(out.find("ok       " + c) != std::string::npos);
  CHECK(Rows(db, "SELECT status FROM documents ORDER BY path") ==
        "failed\nfailed\nok\n");
  CHECK(Rows(db, "SELECT stage FROM ingest_errors ORDER BY path") ==
        "extract\nextract\n");
  // The next run reads the new a, finds b gone, leaves c alone.
  CommandResult next = Run(Cli(db, "--ocr off refresh " + dir.File("in")));
  INFO(next.out);
  CHECK(next.exit_code == 0);
  CHECK(next.out.find("ok       " + a) != std::string::npos);
  CHECK(next.out.find("same     " + c) != std::string::npos);
  CHECK(Rows(db, "SELECT status, sha256 = '" + Sha256File(a).value() +
                     "', missing_since IS NOT NULL FROM documents ORDER BY "
                     "path") == "ok|1|0\nfailed|0|1\nok|0|0\n");
}

TEST_CASE("E2E: search, status and sqlite3 keep working while a refresh runs",
          "[e2e]") {
  TempDir dir;
  fs::create_directories(dir.File("in"));
  fs::copy_file(SampleDir() + "/docs/co-plan-accion-demo-2021-2023.pdf",
                dir.File("in/a-plan.pdf"));
  const std::string db = dir.File("i.sqlite");
  REQUIRE(Run(Cli(db, "--ocr off ingest -q " + dir.File("in"))).exit_code == 0);
  fs::copy_file(SampleDir() + "/docs/mx-workshop-findings-2012.pdf",
                dir.File("in/z-new.pdf"));
  HeldRun run(dir, db, "--ocr off refresh " + dir.File("in"), "z-new");
  REQUIRE(run.held());
  // The refresh is under way (its run is open, its worker mid-document):
  // readers see the index as it was.
  CommandResult s =
      Run(Cli(db, "search 'participacion ciudadana' --format csv"));
  CHECK(s.exit_code == 0);
  CHECK(s.out.find("a-plan.pdf") != std::string::npos);
  CommandResult st = Run(Cli(db, "status"));
  CHECK(st.exit_code == 0);
  CHECK(st.out.find("running") != std::string::npos);
  CHECK(Scalar(db, "SELECT count(*) FROM documents") == 1);
  CHECK(Run(Cli(db, "ingest -q " + dir.File("in"))).exit_code == 2);  // lock
  const int rc = run.Finish();
  INFO(run.out());
  CHECK(rc == 0);
  CHECK(Scalar(db, "SELECT count(*) FROM documents WHERE status = 'ok'") == 2);
}

}  // namespace planmine
