// The themes' kept sentences (theme_sets.h): a document search that reads
// them gives what the same search of the index gives, and they are read
// only while current.
#include "pipeline/query/theme_sets.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "pipeline/load/fts_rank.h"
#include "pipeline/load/fts_tokenizer.h"
#include "pipeline/query/generated_index.h"
#include "pipeline/query/query.h"
#include "pipeline/query/rank_bound.h"
#include "tests/catch.h"

namespace planmine {
namespace {

// Two themes over the generated words: open data (two groups, so that a
// query of one group searches the other's terms as the vocabulary) and
// participation.
TermBridge Bridge() {
  return {{{LanguageMarked("es", "datos abiertos"),
            LanguageMarked("pt", "dados abertos"),
            LanguageMarked("en", "open data")},
           "open_data"},
          {{LanguageMarked("es", "de datos"), LanguageMarked("en", "data"),
            LanguageMarked("pt", "abertos")},
           "open_data"},
          {{LanguageMarked("es", "participación ciudadana"),
            LanguageMarked("pt", "participação social"),
            LanguageMarked("en", "citizen participation")},
           "participation"},
          {{LanguageMarked("es", "rendición de cuentas"),
            LanguageMarked("en", "accountability")},
           ""}};
}

bool Exec(testing::GeneratedIndex& g, const std::string& sql) {
  return g.Exec(sql);
}

// Tags about one sentence in five that has `word` with `theme`, and gives
// document 4 a commitment tagged with it.
void Tag(testing::GeneratedIndex& g, const std::string& word,
         const std::string& theme) {
  REQUIRE(Exec(g,
               "INSERT OR IGNORE INTO themes (id, label_en, label_es, "
               "label_pt) VALUES ('" +
                   theme + "', 't', 't', 't')"));
  REQUIRE(Exec(g,
               "INSERT INTO theme_hits (doc_id, sentence_id, theme_id, page, "
               "start, end, match, pattern_id) SELECT doc_id, id, '" +
                   theme + "', page, 0, 0, '" + word +
                   "', 'p' FROM sentences WHERE text LIKE '%" + word +
                   "%' AND id % 5 = 0"));
  REQUIRE(Exec(g,
               "INSERT INTO commitments (doc_id, seq, kind, number, title, "
               "first_page, last_page, first_sentence_id, last_sentence_id, "
               "text, pattern_id) VALUES (4, 1, 'heading', '1', 't', 1, 1, "
               "0, 0, '', 'x')"));
  REQUIRE(Exec(g,
               "INSERT INTO commitment_themes (commitment_id, theme_id) "
               "SELECT max(id), '" +
                   theme + "' FROM commitments"));
}

std::vector<SearchOptions> Options(const TermBridge* bridge) {
  std::vector<SearchOptions> out;
  SearchOptions o;
  o.bridge = bridge;
  o.limit = 0;
  out.push_back(o);
  SearchOptions a = o;
  a.country = "CO";
  out.push_back(a);
  SearchOptions b = o;
  b.language = "es";
  b.year_from = 2016;
  out.push_back(b);
  SearchOptions c = o;
  c.theme_min_sentences = 1;
  out.push_back(c);
  SearchOptions d = o;
  d.theme_min_sentences = 12;
  out.push_back(d);
  SearchOptions e = o;
  e.limit = 5;
  e.offset = 3;
  out.push_back(e);
  SearchOptions f = o;
  f.theme = "participation";
  out.push_back(f);
  return out;
}

const char* kQueries[] = {"datos abiertos",
                          "open data",
                          "dados abertos",
                          "data",
                          "participación ciudadana",
                          "participacion ciudadana",
                          "citizen participation",
                          "rendición de cuentas",
                          "transparencia"};

// One document search twice: reading the kept sentences, and (a stale
// document named) searching the index; the two must give the same rows.
void CheckSearchSameAsIndex(testing::GeneratedIndex& g, const char* q,
                            const SearchOptions& o) {
  auto kept = SearchDocuments(g.db(), q, o, SearchBy::kDocument);
  REQUIRE(kept.ok());
  REQUIRE(Exec(g, "INSERT INTO theme_sentences_stale VALUES (-1)"));
  auto live = SearchDocuments(g.db(), q, o, SearchBy::kDocument);
  REQUIRE(Exec(g, "DELETE FROM theme_sentences_stale"));
  REQUIRE(live.ok());
  CHECK(kept->total == live->total);
  CHECK(kept->rows == live->rows);
}

// Every query and option set searched twice: reading the kept sentences,
// and (a stale document named) searching the index.
void CheckSameAsIndex(testing::GeneratedIndex& g, const TermBridge& bridge,
                      int* kept_used) {
  for (const char* q : kQueries) {
    for (const SearchOptions& o : Options(&bridge)) {
      INFO(q << " country=" << o.country << " language=" << o.language
             << " min=" << o.theme_min_sentences << " theme=" << o.theme);
      auto pq = ParseQuery(q, &bridge);
      REQUIRE(pq.ok());
      if (!pq->named_theme.empty()) {
        auto k = ReadKeptTheme(g.db(), bridge, pq->named_theme, pq->theme_fts,
                               3, {});
        REQUIRE(k.ok());
        *kept_used += k->has_value();
      }
      CheckSearchSameAsIndex(g, q, o);
    }
  }
}

TEST_CASE(
    "Kept theme sentences: a document search reading them gives what "
    "searching the index gives",
    "[theme_sets]") {
  for (bool spans : {true, false}) {
    INFO("spans recorded: " << spans);
    testing::GeneratedIndex g(60, 120);
    if (spans) REQUIRE(g.FillSpans());
    Tag(g, "datos", "open_data");
    Tag(g, "dados", "open_data");
    Tag(g, "participa", "participation");
    const TermBridge bridge = Bridge();
    auto r = RefreshThemeSentences(g.db(), bridge);
    REQUIRE(r.ok());
    CHECK(r->themes == 2);
    CHECK(r->documents == 60);
    CHECK(r->sentences > 100);
    int used = 0;
    CheckSameAsIndex(g, bridge, &used);
    CHECK(used > 0);
    // Current: a second refresh makes nothing.
    r = RefreshThemeSentences(g.db(), bridge);
    REQUIRE(r.ok());
    CHECK(r->themes == 0);
  }
}

TEST_CASE(
    "Kept theme sentences: read only while current, made again for the "
    "documents that changed or every document when the vocabulary did",
    "[theme_sets]") {
  testing::GeneratedIndex g(30, 60);
  REQUIRE(g.FillSpans());
  Tag(g, "datos", "open_data");
  Tag(g, "participa", "participation");
  TermBridge bridge = Bridge();
  REQUIRE(RefreshThemeSentences(g.db(), bridge).ok());
  auto read = [&]() {
    auto pq = ParseQuery("datos abiertos", &bridge);
    REQUIRE(pq.ok());
    auto k =
        ReadKeptTheme(g.db(), bridge, pq->named_theme, pq->theme_fts, 3, {});
    REQUIRE(k.ok());
    return k->has_value();
  };
  CHECK(read());
  // A theme hit written (as a re-mining does): that document is stale.
  REQUIRE(Exec(g,
               "INSERT INTO theme_hits (doc_id, sentence_id, theme_id, page, "
               "start, end, match, pattern_id) SELECT doc_id, id, "
               "'open_data', 1, 0, 0, 'x', 'p' FROM sentences WHERE doc_id = "
               "7 LIMIT 1"));
  CHECK_FALSE(read());
  auto r = RefreshThemeSentences(g.db(), bridge);
  REQUIRE(r.ok());
  CHECK(r->documents == 1);
  CHECK(r->themes == 2);
  CHECK(read());
  // A sentence deleted: its document is stale.
  REQUIRE(Exec(g,
               "DELETE FROM sentences WHERE id = (SELECT max(id) FROM "
               "sentences WHERE doc_id = 9)"));
  CHECK_FALSE(read());
  r = RefreshThemeSentences(g.db(), bridge);
  REQUIRE(r.ok());
  CHECK(r->documents == 1);
  // Every sentence of a document deleted: it keeps no rows.
  auto rows_of = [&](int doc) {
    auto n =
        g.db().Prepare("SELECT count(*) FROM theme_sentences WHERE doc_id = " +
                       std::to_string(doc));
    REQUIRE(n.ok());
    REQUIRE(n->Step());
    return n->Int(0);
  };
  CHECK(rows_of(11) > 0);
  REQUIRE(Exec(g, "DELETE FROM sentences WHERE doc_id = 11"));
  REQUIRE(RefreshThemeSentences(g.db(), bridge).ok());
  CHECK(rows_of(11) == 0);
  int used = 0;
  CheckSameAsIndex(g, bridge, &used);
  CHECK(used > 0);
  // A term added to the theme's vocabulary: read no more until the theme
  // is made again, for every document.
  bridge[1].terms.push_back(LanguageMarked("en", "open"));
  CHECK_FALSE(read());
  r = RefreshThemeSentences(g.db(), bridge);
  REQUIRE(r.ok());
  CHECK(r->themes == 1);
  CHECK(r->documents == 30);
  CHECK(read());
  CheckSameAsIndex(g, bridge, &used);
  // A theme no longer in the bridge: its rows dropped.
  bridge.erase(bridge.begin() + 2);
  REQUIRE(RefreshThemeSentences(g.db(), bridge).ok());
  {
    auto left = g.db().Prepare(
        "SELECT count(*) FROM theme_sentences WHERE theme_id = "
        "'participation'");
    REQUIRE(left.ok());
    REQUIRE(left->Step());
    CHECK(left->Int(0) == 0);
  }
  // An index without the table (older than schema 12, read as it is).
  REQUIRE(Exec(g, "DROP TABLE theme_sentences"));
  CHECK_FALSE(read());
}

TEST_CASE(
    "Kept theme sentences: a query's own words found where they match, "
    "apart, or beside another term of its group, as the index finds them",
    "[theme_sets]") {
  testing::GeneratedIndex g(6, 20);
  // One document per crafted sentence: the own words apart, in the wrong
  // order, one of them beside an equivalent, an equivalent alone (an
  // equivalent is marked with its language, as the sentence's words are).
  const std::pair<const char*, const char*> texts[] = {
      {"datos y open data en el mismo texto", "en"},
      {"abiertos quedan los datos del portal", "es"},
      {"datos abiertos y open data", "en"},
      {"open data", "en"},
      {"dados abertos e datos", "pt"},
      {"Datos Abiertos", "es"},
      {"abiertos", "es"},
      {"portal de datos abiertos de la ciudad", "es"},
      {"os dados abertos do governo e datos abiertos", "pt"}};
  int64_t seq = 100000;
  int d = 100;
  for (const auto& [text, language] : texts) {
    ++d;
    REQUIRE(Exec(g,
                 "INSERT INTO documents (id, path, sha256, size, mtime, kind, "
                 "status, ingested_at, title, country, year, doc_type, "
                 "language) VALUES (" +
                     std::to_string(d) + ", '/c/" + std::to_string(d) +
                     ".pdf', 'c" + std::to_string(d) +
                     "', 0, 0, 'pdf', 'ok', '', 'Doc', 'CO', 2020, "
                     "'action_plan', 'es')"));
    for (SentenceWeight w : {kBodyText, kHeading}) {
      auto s = g.db().Prepare(
          "INSERT INTO sentences (id, doc_id, seq, page, block, start, end, "
          "language, text) VALUES (?1, ?2, ?3, 1, 0, 0, 0, ?5, ?4)");
      REQUIRE(s.ok());
      s->Bind(1, SentenceId(++seq, w, CountWords(text))).Bind(2, d);
      s->Bind(3, seq).Bind(4, text).Bind(5, language);
      REQUIRE(s->Run().ok());
    }
  }
  REQUIRE(g.FillSpans());
  Tag(g, "datos", "open_data");
  const TermBridge bridge = Bridge();
  REQUIRE(RefreshThemeSentences(g.db(), bridge).ok());
  // What the split rests on: searching the whole query, FTS5 reports the
  // own words' phrases on the rows where their AND matches, not on a row
  // found by an equivalent that has one of them ("datos y open data").
  auto pq = ParseQuery("datos abiertos", &bridge);
  REQUIRE(pq.ok());
  const size_t own = QuotedPhrases(ToFtsQuery("datos abiertos")).size();
  REQUIRE(own >= 2);
  auto masks = g.db().Prepare(
      "SELECT s.text, planmine_phrases(sentences_fts) FROM sentences_fts "
      "JOIN sentences s ON s.id = sentences_fts.rowid WHERE sentences_fts "
      "MATCH ?1 AND s.doc_id > 100");
  REQUIRE(masks.ok());
  masks->Bind(1, pq->fts);
  int rows = 0;
  while (masks->Step()) {
    const std::string text = masks->Text(0);
    const uint64_t mask = static_cast<uint64_t>(masks->Int(1));
    const bool words = (mask & ((uint64_t{1} << own) - 1)) != 0;
    INFO(text << " " << mask);
    const bool both = (text.find("abiert") != std::string::npos ||
                       text.find("Abiert") != std::string::npos) &&
                      (text.find("datos") != std::string::npos ||
                       text.find("Datos") != std::string::npos);
    CHECK(words == both);
    ++rows;
  }
  REQUIRE(masks->status().ok());
  CHECK(rows == 16);  // all but "abiertos", twice
  SearchOptions o;
  o.bridge = &bridge;
  o.limit = 0;
  for (const char* q : {"datos abiertos", "Datos Abiertos", "abiertos datos",
                        "open data", "dados abertos", "data"}) {
    INFO(q);
    CheckSearchSameAsIndex(g, q, o);
  }
}

TEST_CASE(
    "Document search: the documents with a commitment on the theme are the "
    "same read through commitments_id_doc or, on an index without it, the "
    "plain way",
    "[theme_sets]") {
  testing::GeneratedIndex g(30, 60);
  REQUIRE(g.FillSpans());
  Tag(g, "datos", "open_data");
  const TermBridge bridge = Bridge();
  REQUIRE(RefreshThemeSentences(g.db(), bridge).ok());
  SearchOptions o;
  o.bridge = &bridge;
  o.limit = 0;
  o.theme_min_sentences = 1000;  // only a commitment makes a document count
  // Document 3 gets a commitment too, and three sentences tagged that
  // nothing else finds.
  REQUIRE(Exec(g,
               "INSERT INTO theme_hits (doc_id, sentence_id, theme_id, page, "
               "start, end, match, pattern_id) SELECT doc_id, id, "
               "'open_data', page, 0, 0, 'x', 'p' FROM sentences WHERE doc_id "
               "= 3 AND text NOT LIKE '%datos%' AND text NOT LIKE "
               "'%abiertos%' LIMIT 3"));
  REQUIRE(Exec(g,
               "INSERT INTO commitments (doc_id, seq, kind, number, title, "
               "first_page, last_page, first_sentence_id, last_sentence_id, "
               "text, pattern_id) VALUES (3, 1, 'heading', '1', 't', 1, 1, "
               "0, 0, '', 'x')"));
  REQUIRE(Exec(g,
               "INSERT INTO commitment_themes (commitment_id, theme_id) "
               "SELECT max(id), 'open_data' FROM commitments"));
  REQUIRE(RefreshThemeSentences(g.db(), bridge).ok());
  auto with = SearchDocuments(g.db(), "datos abiertos", o, SearchBy::kDocument);
  REQUIRE(with.ok());
  REQUIRE(Exec(g, "DROP INDEX commitments_id_doc"));
  auto without =
      SearchDocuments(g.db(), "datos abiertos", o, SearchBy::kDocument);
  REQUIRE(without.ok());
  CHECK(with->rows == without->rows);
  // The commitment counts: without it document 3 loses those sentences.
  REQUIRE(Exec(g,
               "DELETE FROM commitment_themes WHERE commitment_id = (SELECT "
               "max(id) FROM commitments)"));
  auto uncommitted =
      SearchDocuments(g.db(), "datos abiertos", o, SearchBy::kDocument);
  REQUIRE(uncommitted.ok());
  CHECK(uncommitted->rows != with->rows);
}

TEST_CASE("planmine_phrases: bit i for each phrase i the row has",
          "[theme_sets]") {
  testing::GeneratedIndex g(6, 40);
  auto s = g.db().Prepare(
      "SELECT s.text, planmine_phrases(sentences_fts) FROM sentences_fts JOIN "
      "sentences s ON s.id = sentences_fts.rowid WHERE sentences_fts MATCH "
      "'\"presupuesto\" OR \"datos\" OR \"gobierno\"'");
  REQUIRE(s.ok());
  int rows = 0;
  while (s->Step()) {
    const std::string text = s->Text(0);
    const int64_t mask = s->Int(1);
    INFO(text);
    CHECK(((mask & 1) != 0) == (text.find("presupuesto") != std::string::npos));
    CHECK(((mask & 2) != 0) == (text.find("datos") != std::string::npos));
    CHECK(((mask & 4) != 0) == (text.find("gobierno") != std::string::npos));
    ++rows;
  }
  REQUIRE(s->status().ok());
  CHECK(rows > 10);
}

}  // namespace
}  // namespace planmine
