#include "pipeline/query/evaluate_documents.h"

#include "pipeline/load/store.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
using namespace testing;

TEST_CASE("TitleWords: NFKD, accents off, ASCII words in lower case",
          "[evaluate]") {
  CHECK(TitleWords("Ordenanza Nº 4194 — Año") ==
        std::vector<std::string>{"ordenanza", "no", "4194", "ano"});
  CHECK(TitleWords("GUÍA PARA LA APERTURA") ==
        std::vector<std::string>{"guia", "para", "la", "apertura"});
  CHECK(TitleWords("ﬁnanzas “públicas”") ==
        std::vector<std::string>{"finanzas", "publicas"});
}

TEST_CASE("TitleAccepted: equal words, or token F1 at least 0.8",
          "[evaluate]") {
  auto [got, want, accepted] = GENERATE(table<const char*, const char*, bool>({
      {"DECRETO N* 181", "DECRETO N° 181", true},
      {"II PLAN DE ACCIÓN 2015 -2017 COLOMBIA",
       "II PLAN DE ACCIÓN 2015-2017 COLOMBIA", true},
      // 4 of 5 words, nothing extra: F1 0.889.
      {"Portal Nacional de Datos", "Portal Nacional de Datos Abiertos", true},
      // 3 of 5: F1 0.75.
      {"Portal Datos Abiertos", "Portal Nacional de Datos Abiertos", false},
      {"INDICE", "GUÍA PARA LA APERTURA DE DATOS", false},
      {"", "Anything", false},
  }));
  INFO(got << " / " << want);
  CHECK(TitleAccepted(got, {want}) == accepted);
  // An alternative accepts as well as the title.
  CHECK(TitleAccepted(got, {"unrelated words here", want}) == accepted);
}

TEST_CASE(
    "EvaluateDocuments: types against manifests, titles against the "
    "accepted titles, misses listed",
    "[evaluate]") {
  TempDir dir;
  auto store = Store::Open(dir.File("i.sqlite"));
  REQUIRE(store.ok());
  Db& db = (*store)->db();
  for (const char* row :
       {"('/c/a/guia.pdf', 'GUÍA PARA MUNICIPIOS', 'cover', 'guide', "
        "'genre word')",
        "('/c/a/plan.pdf', 'INDICE', 'heading', 'other', 'no genre word')",
        "('/c/b/nota.pdf', 'Nota Técnica 7', 'cover', 'report', 'genre')"}) {
    REQUIRE(db.Exec(std::string("INSERT INTO documents (path, title, "
                                "title_source, doc_type, doc_type_source, "
                                "sha256, size, mtime, kind, status, "
                                "ingested_at) SELECT column1, column2, "
                                "column3, column4, column5, 'x', 0, 0, 'pdf', "
                                "'ok', '' FROM (VALUES ") +
                    row + ")")
                .ok());
  }
  std::filesystem::create_directories(dir.File("a"));
  std::filesystem::create_directories(dir.File("b"));
  WriteFile(dir.File("a/MANIFEST.tsv"),
            "file\tdoc_type\tdoc_type_full\n"
            "guia.pdf\tother\tguide\n"
            "plan.pdf\taction_plan\t\n"
            "gone.pdf\treport\treport\n");
  WriteFile(dir.File("b/MANIFEST.tsv"), "file\tdoc_type\nnota.pdf\treport\n");
  WriteFile(dir.File("titles.tsv"),
            "corpus\tdocument\ttitle\talso_accept\n"
            "a\tguia.pdf\tGuía para municipios\t\n"
            "a\tplan.pdf\tIV Plan de Acción\tPlan de Acción|IV Plan\n"
            "b\tnota.pdf\tNota Técnica 007/2017\tNota Técnica 7\n");
  auto r = EvaluateDocuments(
      db, {dir.File("a/MANIFEST.tsv"), dir.File("b/MANIFEST.tsv")},
      dir.File("titles.tsv"));
  REQUIRE(r.ok());
  CHECK(r->doc_type.labelled == 4);
  CHECK(r->doc_type.right == 2);
  REQUIRE(r->doc_type_sets.size() == 2);
  CHECK(r->doc_type_sets[0].set == "a");
  CHECK(r->doc_type_sets[0].right == 1);
  CHECK(r->doc_type_sets[1].right == 1);
  CHECK(r->confusion[{"action_plan", "other"}] == 1);
  CHECK(r->confusion[{"report", "(not indexed)"}] == 1);
  CHECK(r->doc_type_misses ==
        std::vector<std::string>{
            "plan.pdf: want action_plan, got other (no genre word)"});
  CHECK(r->missing_documents == std::vector<std::string>{"gone.pdf"});
  CHECK(r->titles.labelled == 3);
  CHECK(r->titles.right == 2);
  CHECK(r->title_misses ==
        std::vector<std::string>{
            "plan.pdf: got 'INDICE' (heading), want 'IV Plan de Acción'"});

  auto bad = EvaluateDocuments(db, {}, dir.File("none.tsv"));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() ==
        dir.File("none.tsv") + ": cannot open the titles file");
}

}  // namespace planmine
