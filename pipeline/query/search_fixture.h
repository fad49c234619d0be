// A tiny index for the search tests: three documents in es, pt and en, a
// commitment and theme hits, written straight into a fresh store.
#ifndef PLANMINE_QUERY_SEARCH_FIXTURE_H_
#define PLANMINE_QUERY_SEARCH_FIXTURE_H_

#include <memory>
#include <string>

#include "pipeline/load/fts_rank.h"
#include "pipeline/load/store.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
namespace testing {

// Documents (sha256 prefix, file, country, language):
//   1 aaaa… /c/co-plan.pdf     CO es  (commitment 1 "Datos abiertos" over
//                                      sentences 2-3; 4 gender theme hits)
//   2 bbbb… /c/br-nota.pdf     BR pt
//   3 cccc… /c/us-nap.pdf      US en  (1 gender theme hit)
class SearchFixture {
 public:
  SearchFixture() {
    auto store = Store::Open(dir_.File("i.sqlite"));
    REQUIRE(store.ok());
    store_ = std::move(*store);
    Exec(
        "INSERT INTO documents (id, path, sha256, size, mtime, kind, status, "
        "ingested_at, title, country, year, doc_type, plan_cycle, language) "
        "VALUES (1, '/c/co-plan.pdf', 'aaaaaaaaaaaaaaaa11', 0, 0, 'pdf', "
        "'ok', '', 'Plan IV', 'CO', 2020, 'action_plan', '2020-2022', 'es'),"
        "(2, '/c/br-nota.pdf', 'bbbbbbbbbbbbbbbb22', 0, 0, 'pdf', 'ok', '', "
        "'Nota', 'BR', 2017, 'report', NULL, 'pt'),"
        "(3, '/c/us-nap.pdf', 'cccccccccccccccc33', 0, 0, 'pdf', 'ok', '', "
        "'NAP', 'US', 2015, 'action_plan', '2015-2017', 'en')");
    Sentence(1, 1, 1, "es", "La participación ciudadana en el plan.");
    Sentence(1, 2, 2, "es", "Compromiso 1: Datos abiertos para todos.");
    Sentence(1, 3, 3, "es", "Publicar datos abiertos de salud y de género.");
    Sentence(1, 4, 3, "es", "Las mujeres y la igualdad de género.");
    Sentence(1, 5, 4, "es", "Participación de las mujeres rurales.");
    Sentence(1, 6, 4, "es", "Otra participación ciudadana más.");
    Sentence(2, 1, 1, "pt", "Os dados abertos da prefeitura.");
    Sentence(2, 2, 5, "pt", "A participação social no município.");
    Sentence(3, 1, 2, "en", "Open data and citizen participation.");
    Sentence(3, 2, 7, "en", "Women in the workforce.");
    Exec(
        "INSERT INTO commitments (doc_id, seq, kind, number, title, "
        "first_page, last_page, first_sentence_id, last_sentence_id, text, "
        "pattern_id) VALUES (1, 1, 'heading', '1', 'Datos abiertos', 2, 3, " +
        std::to_string(Id(102)) + ", " + std::to_string(Id(103)) +
        ", '', 'x')");
    ThemeHit(1, 3, "gender_inclusion", "género");
    ThemeHit(1, 4, "gender_inclusion", "mujeres");
    ThemeHit(1, 4, "gender_inclusion", "igualdad de género");
    ThemeHit(1, 5, "gender_inclusion", "mujeres");
    ThemeHit(3, 2, "gender_inclusion", "Women");
  }
  Db& db() { return store_->db(); }

 private:
  static int64_t Id(int seq) { return SentenceId(seq, kBodyText, 6); }
  void Exec(const std::string& sql) { REQUIRE(db().Exec(sql).ok()); }
  void Sentence(int doc, int seq, int page, const std::string& lang,
                const std::string& text) {
    // Sentence ids are global: the document's number keeps them apart.
    auto s = db().Prepare(
        "INSERT INTO sentences (id, doc_id, seq, page, block, start, end, "
        "language, text) VALUES (?1, ?2, ?3, ?4, 0, 0, 0, ?5, ?6)");
    REQUIRE(s.ok());
    s->Bind(1, Id(doc * 100 + seq))
        .Bind(2, doc)
        .Bind(3, seq)
        .Bind(4, page)
        .Bind(5, lang)
        .Bind(6, text);
    s->Step();
    REQUIRE(s->status().ok());
  }
  void ThemeHit(int doc, int seq, const std::string& theme,
                const std::string& match) {
    Exec(
        "INSERT INTO theme_hits (doc_id, sentence_id, theme_id, page, start, "
        "end, match, pattern_id) SELECT doc_id, id, '" +
        theme + "', page, 0, 0, '" + match +
        "', 'p' FROM sentences WHERE id = " +
        std::to_string(Id(doc * 100 + seq)));
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

}  // namespace testing
}  // namespace planmine

#endif  // PLANMINE_QUERY_SEARCH_FIXTURE_H_
