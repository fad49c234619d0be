// End to end on the real documents in ../shared/corpus-real (skipped, with a
// message, when the folder is absent): every file ingested or reported with a
// reason, languages as MANIFEST.tsv says, page counts as pdfinfo says, and the
// searches and listings the end-to-end issue names.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "pipeline/core/doc_types.h"
#include "pipeline/discover/manifest.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
using namespace testing;
namespace fs = std::filesystem;

namespace {

bool HaveRealCorpus() {
  if (fs::exists(RealCorpusDir() + "/MANIFEST.tsv")) return true;
  const char* ci = std::getenv("CI");
  if (ci != nullptr && std::string(ci) == "true")
    FAIL("CI=true but ../shared/corpus-real is missing");
  WARN("../shared/corpus-real is absent: skipping the real-corpus tests");
  return false;
}

// One index for all the tests below, in the build folder. ctest runs each
// test case in its own process, possibly in parallel: the first to take the
// test lock (not planmine's own DB.lock, which refuses rather than waits)
// ingests (about 20 s with OCR); the others then find every file unchanged.
const std::string& RealIndex() {
  static std::string db = [] {
    std::string path =
        std::string(PLANMINE_BUILD_DIR) + "/real-corpus-test.sqlite";
    CommandResult r = Run("flock " + path + ".testlock " + PlanmineBin() +
                          " --db " + path + " ingest " + RealCorpusDir());
    INFO(r.out);
    // With Tesseract every file yields text (the image-only one through OCR).
    CHECK(r.exit_code == 0);
    return path;
  }();
  return db;
}

std::vector<std::vector<std::string>> Query(const std::string& db,
                                            const std::string& sql) {
  CommandResult r =
      Run(Sqlite3() + " -separator '\t' " + db + " \"" + sql + "\"");
  REQUIRE(r.exit_code == 0);
  return ParseDelimited(r.out, '\t');
}

}  // namespace

TEST_CASE("Real corpus: every file is ingested or reported with a reason",
          "[real]") {
  if (!HaveRealCorpus()) return;
  const std::string& db = RealIndex();
  auto rows = Query(
      db,
      "SELECT path, status, coalesce(error, '') FROM documents ORDER BY path");
  size_t pdfs = 0;
  for (const auto& e : fs::directory_iterator(RealCorpusDir()))
    pdfs += e.path().extension() == ".pdf";
  CHECK(rows.size() == pdfs);
  for (const auto& r : rows) {
    INFO(r[0] << " " << r[1] << " " << r[2]);
    CHECK(r[1] == "ok");
  }
}

TEST_CASE(
    "Real corpus: languages match MANIFEST.tsv, page counts match pdfinfo",
    "[real]") {
  if (!HaveRealCorpus()) return;
  const std::string& db = RealIndex();
  auto manifest = Manifest::Load(RealCorpusDir() + "/MANIFEST.tsv");
  REQUIRE(manifest.ok());
  bool have_pdfinfo = Run("command -v pdfinfo").exit_code == 0;
  for (const auto& r : Query(db,
                             "SELECT path, language, page_count, status, "
                             "doc_type FROM documents")) {
    const ManifestEntry* m = manifest->Find(r[0]);
    REQUIRE(m != nullptr);
    INFO(r[0]);
    CHECK(r[3] == "ok");
    CHECK(r[1] == m->language);
    // doc_type (inferred: the ingest ran without the manifest) is scored
    // over both real corpora by `planmine evaluate --documents`, as a share.
    CHECK(ParseDocType(r[4]).has_value());
    if (have_pdfinfo) {
      CommandResult info = Run("pdfinfo '" + r[0] +
                               "' 2>/dev/null | awk '/^Pages:/ {print $2}'");
      CHECK(std::stoi(info.out) == std::stoi(r[2]));
    }
  }
}

TEST_CASE(
    "Real corpus: 'participacion ciudadana' finds the Colombian workshops and "
    "plans with pages",
    "[real]") {
  if (!HaveRealCorpus()) return;
  const std::string& db = RealIndex();
  CommandResult s = Run(PlanmineBin() + " --db " + db +
                        " search 'participacion ciudadana' --country CO "
                        "--limit 200 --format csv");
  REQUIRE(s.exit_code == 0);
  for (const char* doc :
       {"co-plan-accion-ii-2015-2017.pdf", "co-plan-accion-iv-2020-2022.pdf",
        "co-taller-estado-abierto.pdf"}) {
    INFO(doc);
    CHECK(s.out.find(doc) != std::string::npos);
  }
  auto rows = ParseDelimited(s.out, ',');
  REQUIRE(rows.size() > 10);
  CHECK(rows[0][6] == "page");
  for (size_t i = 1; i < rows.size(); ++i) CHECK(std::stoi(rows[i][6]) >= 1);
}

TEST_CASE("Real corpus: the Colombian plan's commitments by number and title",
          "[real]") {
  if (!HaveRealCorpus()) return;
  const std::string& db = RealIndex();
  auto rows = Query(db,
                    "SELECT c.number, c.title FROM commitments c JOIN "
                    "documents d ON d.id = c.doc_id"
                    " WHERE d.path LIKE '%co-plan-accion-ii-2015-2017.pdf' AND "
                    "c.kind = 'heading' ORDER BY c.seq");
  REQUIRE(rows.size() == 19);
  for (size_t i = 0; i < rows.size(); ++i)
    CHECK(rows[i][0] == std::to_string(i + 1));
  CHECK(rows[0][1] ==
        "AUMENTAR EL ACCESO Y LA CALIDAD DE LA INFORMACIÓN PÚBLICA");
  CommandResult c =
      Run(PlanmineBin() + " --db " + db + " commitments --country CO");
  REQUIRE(c.exit_code == 0);
  CHECK(c.out.find("MÁS TRANSPARENCIA EN LA CONTRATACIÓN PÚBLICA") !=
        std::string::npos);
}

TEST_CASE(
    "Real corpus: commitments meet the targets on the labelled evaluation set",
    "[real]") {
  if (!HaveRealCorpus()) return;
  const std::string& db = RealIndex();
  const std::string labels =
      std::string(PLANMINE_SOURCE_DIR) + "/tests/eval/commitments.tsv";
  CommandResult r = Run(PlanmineBin() + " --db " + db + " evaluate " + labels +
                        " --check --verbose");
  INFO(r.out);
  // --check exits 1 below commitment F1 0.9, lead agency and dates 0.8,
  // theme macro-F1 0.8.
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("commitments: 85 labelled") != std::string::npos);
}

TEST_CASE("Real corpus: one CSV row per commitment, with fields, for Colombia",
          "[real]") {
  if (!HaveRealCorpus()) return;
  const std::string& db = RealIndex();
  CommandResult r = Run(PlanmineBin() + " --db " + db +
                        " commitments --country CO --format csv");
  REQUIRE(r.exit_code == 0);
  auto rows = ParseDelimited(r.out, ',');
  REQUIRE(rows.size() > 1);
  const auto& head = rows[0];
  auto col = [&](const std::string& name) {
    auto it = std::find(head.begin(), head.end(), name);
    REQUIRE(it != head.end());
    return static_cast<size_t>(it - head.begin());
  };
  std::map<std::string, int> per_file;
  int with_lead = 0;
  for (size_t i = 1; i < rows.size(); ++i) {
    REQUIRE(rows[i].size() == head.size());  // quoted fields stay whole
    ++per_file[fs::path(rows[i][col("file")]).filename().string()];
    with_lead += !rows[i][col("lead_agency")].empty();
  }
  CHECK(per_file["co-plan-accion-ii-2015-2017.pdf"] == 19);
  CHECK(per_file["co-plan-accion-iv-2020-2022.pdf"] == 15);
  CHECK(per_file["co-irm-informe-fin-termino-2015-2017.pdf"] == 30);
  CHECK(with_lead >= 60);
}

TEST_CASE("Real corpus: plan cycles and IRM completion levels", "[real]") {
  if (!HaveRealCorpus()) return;
  const std::string& db = RealIndex();
  std::map<std::string, std::string> cycle;
  for (const auto& r :
       Query(db, "SELECT path, coalesce(plan_cycle, '') FROM documents"))
    cycle[fs::path(r[0]).filename().string()] = r[1];
  CHECK(cycle["co-plan-accion-ii-2015-2017.pdf"] == "2015-2017");
  CHECK(cycle["co-plan-accion-iv-2020-2022.pdf"] == "2020-2022");
  CHECK(cycle["gb-ogp-nap-2013-2015.pdf"] == "2013-2015");
  CHECK(cycle["co-irm-informe-fin-termino-2015-2017.pdf"] == "2015-2017");
  // Workshops of Colombia's fourth plan name it "IV Plan de Acción" only:
  // they get the years of the plan that names both.
  // co-taller-ambiente writes "IV Plan Nacional de Acción": words between
  // the number and "Plan de Acción".
  for (const char* f : {"co-taller-finanzas.pdf", "co-expertos-corrupcion.pdf",
                        "co-metodologia-aga.pdf", "co-taller-ambiente.pdf"})
    CHECK(cycle[f] == "2020-2022");
  CHECK(Query(db,
              "SELECT count(*) FROM documents WHERE plan_cycle_source = "
              "'ordinal' AND plan_ordinal = 'IV' AND country = 'CO'")[0][0] ==
        "7");
  auto levels = Query(db,
                      "SELECT c.completion, count(*) FROM commitments c JOIN "
                      "documents d ON d.id = c.doc_id WHERE d.doc_type = "
                      "'irm_report' AND c.kind = 'heading' GROUP BY 1 ORDER "
                      "BY 1");
  std::map<std::string, std::string> n;
  for (const auto& r : levels) n[r[0]] = r[1];
  // As tests/eval/commitments.tsv labels them, by reading the report.
  CHECK(n["complete"] == "14");
  CHECK(n["substantial"] == "9");
  CHECK(n["limited"] == "6");
  CHECK(n["not_started"] == "1");
  // Each IRM assessment beside the plan commitment it assesses.
  auto linked = Query(db,
                      "SELECT irm_number, plan_number, plan_title FROM "
                      "irm_assessments WHERE irm_number IN ('2', '1.3')"
                      " ORDER BY irm_number");
  REQUIRE(linked.size() == 2);
  CHECK(linked[0][1] == "1");
  CHECK(linked[0][2] ==
        "AUMENTAR EL ACCESO Y LA CALIDAD DE LA INFORMACIÓN PÚBLICA");
  CHECK(linked[1][1] == "2");
  CHECK(linked[1][2] == "MÁS TRANSPARENCIA EN LA CONTRATACIÓN PÚBLICA");
  auto unlinked = Query(db,
                        "SELECT count(*) FROM irm_assessments WHERE "
                        "plan_commitment_id IS NULL");
  CHECK(unlinked[0][0] == "0");
}

namespace {

// Hits of a search on the real index as (file name, page, snippet) rows.
std::vector<std::vector<std::string>> Hits(const std::string& args) {
  CommandResult r = Run(PlanmineBin() + " --db " + RealIndex() + " search " +
                        args + " --format csv");
  INFO(args << "\n" << r.out);
  REQUIRE(r.exit_code == 0);
  auto rows = ParseDelimited(r.out, ',');
  std::vector<std::vector<std::string>> out;
  for (size_t i = 1; i < rows.size(); ++i)
    out.push_back(
        {fs::path(rows[i][1]).filename().string(), rows[i][6], rows[i][7]});
  return out;
}

bool AnyFile(const std::vector<std::vector<std::string>>& hits,
             const std::string& prefix) {
  for (const auto& h : hits)
    if (h[0].rfind(prefix, 0) == 0) return true;
  return false;
}

}  // namespace

TEST_CASE("Real corpus: search ignores accents, ranks the typed form first",
          "[real][search]") {
  if (!HaveRealCorpus()) return;
  // Typed without the tilde and cedilla, found with them (Brazilian plan).
  auto a = Hits("informacao --lang pt --limit 5");
  REQUIRE_FALSE(a.empty());
  for (const auto& h : a) {
    bool found = h[2].find("[Informaç") != std::string::npos ||
                 h[2].find("[informaç") != std::string::npos;
    CHECK(found);
  }
  // "participacion ciudadana" finds the accented Colombian text.
  auto p = Hits("'participacion ciudadana' --country CO --limit 5");
  REQUIRE(p.size() == 5);
  // Typed with the tilde: "año" ranks first, "ano" (Portuguese) comes later.
  auto y = Hits("año --limit 200");
  REQUIRE(y.size() >= 5);
  for (size_t i = 0; i < 5; ++i) {
    bool exact = y[i][2].find("[año]") != std::string::npos ||
                 y[i][2].find("[Año]") != std::string::npos;
    CHECK(exact);
  }
  bool pt_later = false;
  for (const auto& h : y) pt_later |= h[2].find("[ano]") != std::string::npos;
  CHECK(pt_later);
}

TEST_CASE("Real corpus: search matches inflections, a quoted phrase is exact",
          "[real][search]") {
  if (!HaveRealCorpus()) return;
  // The plural finds the singular ("Compromiso 2.") and the plural.
  auto c = Hits("compromisos --no-bridge --country CO --limit 50");
  bool singular = false, plural = false;
  for (const auto& h : c) {
    singular |= h[2].find("[Compromiso]") != std::string::npos;
    plural |= h[2].find("[Compromisos]") != std::string::npos ||
              h[2].find("[compromisos]") != std::string::npos;
  }
  CHECK(singular);
  CHECK(plural);
  auto pol = Hits("politicas --no-bridge --limit 20");
  bool pol_singular = false;
  for (const auto& h : pol)
    pol_singular |= h[2].find("[política]") != std::string::npos ||
                    h[2].find("[Política]") != std::string::npos;
  CHECK(pol_singular);
  // Quoted: the words as written, in order; the accentless phrase is not in
  // these documents as written.
  auto exact = Hits("'\"participación ciudadana\"' --limit 20");
  REQUIRE_FALSE(exact.empty());
  for (const auto& h : exact) {
    std::string lower = h[2];
    for (char& c : lower)
      c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
    CHECK(lower.find("ciudadana]") != std::string::npos);  // any case
  }
  CHECK(Hits("'\"participacion ciudadana\"' --limit 20").empty());
}

TEST_CASE("Real corpus: a search in es, pt or en finds the other languages",
          "[real][search]") {
  if (!HaveRealCorpus()) return;
  // Spanish -> the UK plan's "beneficial ownership".
  auto es = Hits("'beneficiarios finales' --limit 50");
  CHECK(AnyFile(es, "gb-"));
  CHECK(AnyFile(es, "co-"));
  // Portuguese -> the Colombian and Argentine "datos abiertos".
  auto pt = Hits("'dados abertos' --limit 200");
  CHECK(AnyFile(pt, "br-"));
  CHECK(AnyFile(pt, "co-"));
  // English -> all three.
  auto en = Hits("'open data' --limit 300");
  CHECK(AnyFile(en, "gb-"));
  CHECK(AnyFile(en, "br-"));
  CHECK(AnyFile(en, "co-"));
  // Switched off, English stays English.
  auto off = Hits("'beneficial ownership' --no-bridge --limit 50");
  CHECK(AnyFile(off, "gb-"));
  CHECK_FALSE(AnyFile(off, "co-"));
}

TEST_CASE("Real corpus: theme:ID finds the tagged sentences",
          "[real][search]") {
  if (!HaveRealCorpus()) return;
  auto t = Hits("theme:beneficial_ownership --limit 100");
  REQUIRE_FALSE(t.empty());
  CHECK(AnyFile(t, "gb-ogp-nap"));
  auto n = Query(RealIndex(),
                 "SELECT count(*) FROM theme_hits WHERE theme_id = "
                 "'beneficial_ownership'");
  CHECK(std::to_string(t.size()) == n[0][0]);
  // Combined with words and a filter.
  auto w = Hits("'registry theme:beneficial_ownership' --country GB");
  REQUIRE_FALSE(w.empty());
  for (const auto& h : w) CHECK(h[0] == "gb-ogp-nap-2013-2015.pdf");
}

TEST_CASE("Real corpus: OCR only where the text layer is missing",
          "[real][ocr]") {
  if (!HaveRealCorpus()) return;
  const std::string& db = RealIndex();
  // The image-only infographic is read through OCR, in English.
  auto awards =
      Query(db,
            "SELECT p.source, d.language FROM pages p JOIN documents d ON d.id "
            "= p.doc_id"
            " WHERE d.path LIKE '%ar-mendoza-membership-awards-en.pdf' ORDER "
            "BY p.number");
  REQUIRE(awards.size() == 2);
  CHECK(awards[0][0] == "ocr");
  CHECK(awards[0][1] == "en");
  CommandResult s = Run(PlanmineBin() + " --db " + db +
                        " search '\"Open Data Charter\"' --format csv");
  CHECK(s.out.find("ar-mendoza-membership-awards-en.pdf") != std::string::npos);
  // The scanned decree already carries an OCR text layer: never OCR'd again.
  auto decree =
      Query(db,
            "SELECT count(*) FROM pages p JOIN documents d ON d.id = p.doc_id"
            " WHERE d.path LIKE '%ar-mendoza-decreto-181-2024.pdf' AND "
            "p.source = 'ocr'");
  CHECK(decree[0][0] == "0");
  // No page with a good text layer was OCR'd.
  auto wrong = Query(
      db, "SELECT count(*) FROM pages WHERE source = 'ocr' AND quality = 'ok'");
  CHECK(wrong[0][0] == "0");
}

TEST_CASE("Real corpus: layout keeps side-by-side text apart and furniture out",
          "[real][layout]") {
  if (!HaveRealCorpus()) return;
  const std::string& db = RealIndex();
  // The UK plan's annex table: each commitment's text comes out whole, not
  // interleaved line by line with the lead-department column beside it.
  auto gb =
      Query(db,
            "SELECT count(*) FROM pages p JOIN documents d ON d.id = p.doc_id"
            " WHERE d.path LIKE '%gb-ogp-nap-2013-2015.pdf' AND instr(p.text, "
            "'The UK government will issue a"
            " Local Authorities Data Transparency Code requiring local "
            "authorities to publish key information"
            " and data.') > 0");
  CHECK(gb[0][0] == "1");
  // The running headers of the Colombian plans are furniture, not body text.
  auto co =
      Query(db,
            "SELECT count(*) FROM pages p JOIN documents d ON d.id = p.doc_id"
            " WHERE d.path LIKE '%co-plan-accion-ii-2015-2017.pdf' AND "
            "p.number > 1"  // page 1: the title
            " AND instr(p.text, 'GOBIERNO ABIERTO PARA LA INCLUSIÓN SOCIAL Y "
            "TERRITORIAL') > 0");
  CHECK(co[0][0] == "0");
  auto furniture =
      Query(db,
            "SELECT count(*) FROM pages p JOIN documents d ON d.id = p.doc_id"
            " WHERE d.path LIKE '%co-plan-accion-ii-2015-2017.pdf'"
            " AND instr(p.furniture, 'GOBIERNO ABIERTO PARA LA INCLUSIÓN "
            "SOCIAL Y TERRITORIAL') > 0");
  CHECK(std::stoi(furniture[0][0]) >= 10);
}

TEST_CASE("Real corpus: re-ingesting changes no row counts", "[real]") {
  if (!HaveRealCorpus()) return;
  const std::string& db = RealIndex();
  std::string counts =
      "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM "
      "sentences),"
      " (SELECT count(*) FROM commitments), (SELECT count(*) FROM theme_hits), "
      "(SELECT count(*) FROM entities)";
  auto before = Query(db, counts);
  CommandResult r =
      Run(PlanmineBin() + " --db " + db + " ingest " + RealCorpusDir());
  CHECK(r.out.find("0 ingested, 23 unchanged") != std::string::npos);
  CHECK(Query(db, counts) == before);
}

// A regression once seen (docs/evaluation.md, "a US self-assessment's 26
// template units"): the plan-contents arbiter took a self-assessment's
// summary-table rows (92) over the units of its repeated template. The
// document alone, in its own index, OCR off.
TEST_CASE(
    "Real corpus 2: a US self-assessment's template units stay its units "
    "and do not become table rows",
    "[real]") {
  const std::string file =
      SourceDir() +
      "/../shared/corpus-real-2/us-nap2-midterm-self-assessment-2015.pdf";
  if (!fs::exists(file)) {
    const char* ci = std::getenv("CI");
    if (ci != nullptr && std::string(ci) == "true")
      FAIL("CI=true but ../shared/corpus-real-2 is missing");
    WARN(
        "../shared/corpus-real-2 is absent: skipping the self-assessment test");
    return;
  }
  const std::string db =
      std::string(PLANMINE_BUILD_DIR) + "/real-self-assessment-test.sqlite";
  CommandResult r = Run("flock " + db + ".testlock " + PlanmineBin() +
                        " --db " + db + " --ocr off ingest -q " + file);
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  auto rows = Query(db,
                    "SELECT count(*), coalesce(sum(kind = 'table'), 0),"
                    " coalesce(sum(pattern_id = 'repeated_template'), 0)"
                    " FROM commitments WHERE kind != 'statement'");
  REQUIRE(rows.size() == 1);
  const int units = std::stoi(rows[0][0]);
  INFO("units " << units << ", table rows " << rows[0][1]);
  // One unit per template (26 commitments, a few labels read as titles).
  CHECK(units >= 20);
  CHECK(units <= 32);
  CHECK(rows[0][1] == "0");
  CHECK(rows[0][2] == rows[0][0]);
}

TEST_CASE(
    "Real corpus: ingest keeps each theme's sentences, and a document search "
    "reading them gives what searching the index gives",
    "[real][search]") {
  if (!HaveRealCorpus()) return;
  const std::string db = RealIndex();
  auto kept = Query(db,
                    "SELECT (SELECT count(*) FROM theme_vocabularies), (SELECT "
                    "count(*) FROM theme_sentences), (SELECT count(*) FROM "
                    "theme_sentences_stale)");
  CHECK(std::stoi(kept[0][0]) >= 20);  // the bridge's themes
  CHECK(std::stoi(kept[0][1]) > 100);
  CHECK(kept[0][2] == "0");
  // The same index with a document marked stale: searched, not read.
  TempDir dir;
  const std::string copy = dir.File("stale.sqlite");
  CHECK(Run(Sqlite3() + " " + db + " \".backup '" + copy + "'\"").exit_code ==
        0);
  CHECK(Run(Sqlite3() + " " + copy +
            " 'INSERT INTO theme_sentences_stale VALUES (-1)'")
            .exit_code == 0);
  for (const char* q :
       {"'datos abiertos'", "'participação social'", "'beneficial ownership'",
        "'acceso a la información'", "'gobierno abierto' --country CO"}) {
    INFO(q);
    const std::string search =
        " search --by document --format csv --limit 200 " + std::string(q);
    CommandResult a = Run(PlanmineBin() + " --db " + db + search);
    CommandResult b = Run(PlanmineBin() + " --db " + copy + search);
    CHECK(a.exit_code == 0);
    CHECK(a.out.size() > 200);
    CHECK(a.out == b.out);
  }
}

}  // namespace planmine
