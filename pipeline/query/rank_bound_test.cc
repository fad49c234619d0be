// The bound that lets a search stop after the tiers of the index, and the
// proof that stopping changes nothing: every search ranked from the tiers
// gives the rows, scores and count of the same search over every match.
#include "pipeline/query/rank_bound.h"

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "pipeline/load/fts_rank.h"
#include "pipeline/load/fts_tokenizer.h"
#include "pipeline/load/schema.h"
#include "pipeline/load/store.h"
#include "pipeline/query/generated_index.h"
#include "pipeline/query/query.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
namespace {

std::string Raw(const std::string& token) {
  return "\"" + std::string(1, kRawMark) + token + "\"";
}

TEST_CASE("MaxOneLanguageWeight: one language's phrases and the free ones",
          "[rank]") {
  // A word's stems in three languages: a sentence has one of them.
  CHECK(MaxOneLanguageWeight("(" + Raw("es:transparent") + " OR " +
                                 Raw("pt:transparent") + " OR " +
                                 Raw("en:transparencia") + ")",
                             "1 1 1") == 1.0);
  // The exact form ("=…") any sentence can have, weighted 4.
  CHECK(MaxOneLanguageWeight("(" + Raw("es:inform") + " OR " +
                                 Raw("pt:inform") + ") AND \"=información\"",
                             "1 1 4") == 5.0);
  // Missing or non-positive weights count 1, as planmine_rank reads them.
  CHECK(MaxOneLanguageWeight(Raw("es:a") + " " + Raw("es:b") + " \"=c\"", "") ==
        3.0);
  CHECK(MaxOneLanguageWeight(Raw("es:a") + " OR " + Raw("es:b"), "2 -1") ==
        3.0);
  // Prefix phrases and NOT count like others (a bound may be loose).
  CHECK(MaxOneLanguageWeight(Raw("es:partic") + "* OR " + Raw("=partic") +
                                 "* NOT " + Raw("en:x"),
                             "1") == 2.0);
  // A bridge term carries its language's mark.
  CHECK(MaxOneLanguageWeight(
            "\"" + LanguageMarked("pt", "dados abertos") + "\" OR \"" +
                LanguageMarked("es", "datos abiertos") + "\" OR \"" +
                LanguageMarked("fr", "données") + "\"",
            "1 1 1") == 2.0);
  // Plain text in quotes has every language's stems.
  CHECK(MaxOneLanguageWeight("\"open data\" AND " + Raw("es:dat"), "1 1") ==
        2.0);
  // What this does not read gives no bound.
  CHECK(MaxOneLanguageWeight("transparencia AND datos", "1 1") < 0);
  CHECK(MaxOneLanguageWeight("NEAR(\"a\" \"b\", 3)", "1 1") < 0);
  CHECK(MaxOneLanguageWeight("text : \"a\"", "1") < 0);
  CHECK(MaxOneLanguageWeight("\"unterminated", "1") < 0);
  CHECK(MaxOneLanguageWeight("", "") < 0);
}

TEST_CASE("QuotedPhrases: in order, quotes undone, and what else is there",
          "[rank]") {
  bool plain = false;
  CHECK(QuotedPhrases("(\"a \"\"b\"\"\" OR \"c\"*) NOT \"d\"", &plain) ==
        std::vector<std::string>{"a \"b\"", "c", "d"});
  CHECK(plain);
  CHECK(QuotedPhrases("\"a\" AND b", &plain) == std::vector<std::string>{"a"});
  CHECK_FALSE(plain);  // a bareword
  CHECK(QuotedPhrases("\"a\" \"open", &plain) ==
        std::vector<std::string>{"a", "open"});
  CHECK_FALSE(plain);  // unterminated
}

TEST_CASE("AverageWordsFromRecord: FTS5's row and token counts", "[rank]") {
  // 8422 rows, 114545 tokens, as SQLite varints.
  const std::string record = "\xC1\x66\x86\xFE\x71";
  CHECK(AverageWordsFromRecord(record) == Approx(114545.0 / 8422));
  CHECK(AverageWordsFromRecord(record.substr(0, 3)) == 0);  // cut short
  CHECK(AverageWordsFromRecord("") == 0);
  CHECK(AverageWordsFromRecord(std::string("\x00\x05", 2)) == 0);  // no rows
}

struct Case {
  std::string query;
  SearchOptions o;
};

std::vector<Case> Cases() {
  std::vector<Case> out;
  const char* queries[] = {"transparencia",
                           "datos",
                           "información",
                           "informação",
                           "accountability",
                           "participation",
                           "\"rendición de cuentas\"",
                           "\"open data\"",
                           "datos abiertos",
                           "partic*",
                           "transpar*",
                           "presupuesto OR budget",
                           "gobierno NOT datos",
                           "municipio",
                           "beneficiarios finales",
                           "citoyenne",
                           "de"};
  for (const char* q : queries) {
    for (int variant = 0; variant < 6; ++variant) {
      Case c{q, SearchOptions()};
      c.o.limit = variant == 4 ? 3 : 20;
      c.o.offset = variant == 1 ? 20 : variant == 2 ? 57 : 0;
      if (variant == 3) c.o.country = "CO";
      if (variant == 4) c.o.language = "es";
      if (variant == 5) {
        c.o.doc_type = "action_plan";
        c.o.year_from = 2016;
      }
      out.push_back(c);
    }
  }
  return out;
}

// Every case with and without the tiers: the same rows (keys, snippets,
// scores) and the same count. Returns how many stopped after the tiers;
// `after_tier` (when given) counts them by the tier they stopped after.
int CheckSameAsWholeIndex(Db& db, const TermBridge* bridge = nullptr,
                          int* after_tier = nullptr) {
  int stopped = 0;
  for (Case c : Cases()) {
    c.o.bridge = bridge;
    SearchOptions::Trace trace;
    c.o.trace = &trace;
    auto tiered = Search(db, c.query, c.o);
    SearchOptions whole = c.o;
    whole.tiers = false;
    whole.trace = nullptr;
    auto all = Search(db, c.query, whole);
    INFO(c.query << " offset " << c.o.offset << " country " << c.o.country
                 << " language " << c.o.language << " type " << c.o.doc_type);
    REQUIRE(tiered.ok());
    REQUIRE(all.ok());
    CHECK(tiered->rows == all->rows);
    CHECK(tiered->total == all->total);
    CHECK(tiered->total_exact);
    stopped += trace.stopped_early;
    if (trace.stopped_early && after_tier != nullptr)
      ++after_tier[trace.tiers_read - 1];
  }
  return stopped;
}

TEST_CASE("Search: ranking the tiers first gives what ranking every match does",
          "[search][rank]") {
  testing::GeneratedIndex g(60, 120);
  int after_tier[kTiers] = {};
  const int stopped = CheckSameAsWholeIndex(g.db(), nullptr, after_tier);
  for (int t = 0; t < kTiers; ++t) {
    INFO("stopped after tier " << t + 1);
    CHECK(after_tier[t] > 0);
  }
  // Both ways are exercised: common words stop after the tiers, rare words
  // and deep pages rank the whole index.
  const int cases = static_cast<int>(Cases().size());
  CHECK(stopped > cases / 4);
  CHECK(stopped < cases);
  auto bridge = LoadTermBridge(testing::PacksDir(), /*fold=*/false);
  REQUIRE(bridge.ok());
  CHECK(CheckSameAsWholeIndex(g.db(), &*bridge) > 0);
}

TEST_CASE("Search: tiers of an index written before them are filled on open",
          "[search][rank][load]") {
  testing::GeneratedIndex g(24, 80, 11);
  auto count = [&](const char* table) {
    auto s = g.db().Prepare(std::string("SELECT count(*) FROM ") + table +
                            "_docsize");
    REQUIRE(s.ok());
    REQUIRE(s->Step());
    return s->Int(0);
  };
  auto expected = [&](const char* where) {
    auto s = g.db().Prepare(
        std::string("SELECT count(*) FROM sentences WHERE ") + where);
    REQUIRE(s.ok());
    REQUIRE(s->Step());
    return s->Int(0);
  };
  auto check_tiers = [&] {
    int64_t in_tiers = 0;
    for (int t = 1; t <= kTiers; ++t) {
      const std::string table = kTierTables[t - 1];
      const int64_t n = expected(TierCondition(t, "sentences").c_str());
      INFO(table);
      CHECK(n > 0);
      CHECK(count(table.c_str()) == n);
      CHECK(g.Exec("INSERT INTO " + table + "(" + table +
                   ") VALUES('integrity-check')"));
      in_tiers += n;
    }
    // What no tier holds is what the bound after the last assumes: body
    // sentences in es, pt or en longer than kTier3MaxWords.
    CHECK(expected(("(id & 768) IN (0, 768) AND language IN ('es', 'pt', "
                    "'en') AND (id & 255) > " +
                    std::to_string(kTier3MaxWords))
                       .c_str()) == expected("1") - in_tiers);
  };
  check_tiers();
  // As a schema-9 index had them: no tiers.
  for (const char* table : kTierTables)
    REQUIRE(g.Exec(std::string("INSERT INTO ") + table + "(" + table +
                   ") VALUES('delete-all')"));
  REQUIRE(g.Exec("UPDATE meta SET value = '9' WHERE key = 'schema_version'"));
  g.Close();
  g.Reopen();
  check_tiers();
  // And the languages of each document's sentences (written here without
  // Store, so unknown before): one language each, "-" for none.
  CHECK(expected("1") > 0);
  {
    auto l = g.db().Prepare(
        "SELECT group_concat(DISTINCT sentence_languages) FROM (SELECT "
        "sentence_languages FROM documents ORDER BY sentence_languages)");
    REQUIRE(l.ok());
    REQUIRE(l->Step());
    CHECK(l->Text(0) == "-,en,es,fr,pt");
    auto r = g.db().Prepare(
        "SELECT count(*) FROM documents d WHERE first_sentence_id IS NOT "
        "(SELECT min(id) FROM sentences WHERE doc_id = d.id) OR "
        "last_sentence_id IS NOT (SELECT max(id) FROM sentences WHERE doc_id "
        "= d.id)");
    REQUIRE(r.ok());
    REQUIRE(r->Step());
    CHECK(r->Int(0) == 0);
  }
  CheckSameAsWholeIndex(g.db());
  // Deleting a document's sentences leaves the tiers consistent.
  REQUIRE(g.Exec("DELETE FROM sentences WHERE doc_id = 3"));
  check_tiers();
}

TEST_CASE("Search: the count is exact up to kExactTotalUpTo, then a bound",
          "[search]") {
  testing::TempDir dir;
  auto store = Store::Open(dir.File("c.sqlite"));
  REQUIRE(store.ok());
  Db& db = (*store)->db();
  REQUIRE(db.Exec("INSERT INTO documents (id, path, sha256, size, mtime, "
                  "kind, status, ingested_at, language) VALUES (1, '/c.pdf', "
                  "'ab', 0, 0, 'pdf', 'ok', '', 'es')")
              .ok());
  const int64_t n = kExactTotalUpTo + 57;
  REQUIRE(db.Exec("BEGIN").ok());
  auto s = db.Prepare(
      "INSERT INTO sentences (id, doc_id, seq, page, block, start, end, "
      "language, text) VALUES (?1, 1, ?2, 1, 0, 0, 0, 'es', ?3)");
  REQUIRE(s.ok());
  for (int64_t i = 0; i < n; ++i) {
    // Every 50th a heading: the tiers hold the best of them.
    const std::string text =
        i % 2 ? "los datos abiertos del gobierno nacional para todos los "
                "ciudadanos del país"
              : "datos";
    s->Reset();
    s->Bind(1, SentenceId(i + 1, i % 50 == 0 ? kHeading : kBodyText,
                          CountWords(text)))
        .Bind(2, i)
        .Bind(3, text);
    REQUIRE(s->Run().ok());
  }
  REQUIRE(db.Exec("COMMIT").ok());
  SearchOptions o;
  SearchOptions::Trace trace;
  o.trace = &trace;
  auto t = Search(db, "datos", o);
  REQUIRE(t.ok());
  CHECK(trace.stopped_early);
  CHECK_FALSE(t->total_exact);
  CHECK(t->total == kExactTotalUpTo + 1);
  o.exact_total = true;
  auto exact = Search(db, "datos", o);
  REQUIRE(exact.ok());
  CHECK(exact->total_exact);
  CHECK(exact->total == n);
  CHECK(exact->rows == t->rows);
  // Half the sentences have "gobierno": fewer than the cap, counted exactly.
  o.exact_total = false;
  auto g = Search(db, "gobierno", o);
  REQUIRE(g.ok());
  CHECK(g->total_exact);
  CHECK(g->total == n / 2);
}

}  // namespace
// The documents a search without the bridge finds, from every match of its
// expression joined with its sentence and document (`where`: more
// conditions on s and d): each document's path, hits, pages and summed
// score, best first (by score, then path), as SearchDocuments orders them.
// The scores are summed in id order, as SearchDocuments sums them.
std::vector<std::vector<std::string>> ReferenceDocuments(
    Db& db, const std::string& query, const std::string& where) {
  auto pq = ParseQuery(query, nullptr);
  REQUIRE(pq.ok());
  auto s = db.Prepare(
      "SELECT d.path, s.page, -planmine_rank(sentences_fts, ?2) FROM "
      "sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid JOIN "
      "documents d ON d.id = s.doc_id WHERE sentences_fts MATCH ?1" +
      where + " ORDER BY sentences_fts.rowid");
  REQUIRE(s.ok());
  s->Bind(1, pq->fts);
  if (!pq->weights.empty()) s->Bind(2, pq->weights);  // else NULL: idf
  struct Doc {
    int64_t hits = 0;
    std::set<int64_t> pages;
    double score = 0;
  };
  std::map<std::string, Doc> docs;
  while (s->Step()) {
    Doc& d = docs[s->Text(0)];
    ++d.hits;
    d.pages.insert(s->Int(1));
    d.score += s->Real(2);
  }
  REQUIRE(s->status().ok());
  std::vector<std::pair<std::string, Doc>> order(docs.begin(), docs.end());
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    if (a.second.score != b.second.score)
      return a.second.score > b.second.score;
    return a.first < b.first;
  });
  std::vector<std::vector<std::string>> rows;
  for (const auto& [path, d] : order) {
    std::string pages;
    for (int64_t p : d.pages)
      pages += (pages.empty() ? "" : ";") + std::to_string(p);
    rows.push_back({path, std::to_string(d.hits), pages});
  }
  return rows;
}

// The columns file, hits and pages of document search rows.
std::vector<std::vector<std::string>> FileHitsPages(const Table& t) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : t.rows)
    rows.push_back(
        {r[t.Column("file")], r[t.Column("hits")], r[t.Column("pages")]});
  return rows;
}

TEST_CASE(
    "SearchDocuments: each document's hits, pages and score, as every match "
    "joined with its document says",
    "[rank][search]") {
  testing::GeneratedIndex g(60, 120);
  // Document 61, a copy of document 3 (Spanish) under another path: the
  // same hits and score, so that the two are ordered by path ('-' sorts
  // before '.': the copy first).
  REQUIRE(g.Exec(
      "INSERT INTO documents (id, path, sha256, size, mtime, kind, status, "
      "ingested_at, title, country, year, doc_type, language) SELECT 61, "
      "'/g/3-copy.pdf', '100061', size, mtime, kind, status, ingested_at, "
      "title, country, year, doc_type, language FROM documents WHERE id = 3;"
      "INSERT INTO sentences (id, doc_id, seq, page, block, start, end, "
      "language, text) SELECT id + (((SELECT max(id) FROM sentences) >> 10) + "
      "1 << 10), 61, seq, page, block, start, end, language, text FROM "
      "sentences WHERE doc_id = 3 ORDER BY id;"));
  // Some documents' spans recorded (looked up in documents_sentence_span),
  // the rest found from their sentences.
  REQUIRE(g.FillSpans());
  const bool some_unrecorded = GENERATE(false, true);
  if (some_unrecorded)
    REQUIRE(g.Exec(
        "UPDATE documents SET first_sentence_id = NULL, last_sentence_id = "
        "NULL WHERE id % 7 = 3"));
  struct DocCase {
    std::string query, where;
    SearchOptions o;
  };
  std::vector<DocCase> cases;
  // Found in most documents (the spans read in one pass after sixteen
  // seeks), in a sixth (fr), in two (few: a seek each).
  for (const char* q : {"transparencia", "datos abiertos", "\"open data\"",
                        "citoyenne", "partic*", "presupuesto OR budget"}) {
    cases.push_back({q, "", SearchOptions()});
    DocCase co{q, " AND d.country = 'CO'", SearchOptions()};
    co.o.country = "CO";
    cases.push_back(co);
    DocCase few{q, " AND d.country = 'UY' AND d.year = 2020", SearchOptions()};
    few.o.country = "UY";
    few.o.year_from = few.o.year_to = 2020;
    cases.push_back(few);
  }
  size_t nonempty = 0, many = 0, ties = 0;
  for (DocCase c : cases) {
    INFO(c.query << c.where << " (spans unrecorded: " << some_unrecorded
                 << ")");
    const auto want = ReferenceDocuments(g.db(), c.query, c.where);
    nonempty += !want.empty();
    many += want.size() > 16;
    c.o.limit = 0;  // every document
    auto all = SearchDocuments(g.db(), c.query, c.o, SearchBy::kDocument);
    REQUIRE(all.ok());
    CHECK(FileHitsPages(*all) == want);
    CHECK(all->total == static_cast<int64_t>(want.size()));
    // Document 3 and its copy tie; the path decides.
    const auto copy = std::find_if(want.begin(), want.end(), [](const auto& r) {
      return r[0] == "/g/3-copy.pdf";
    });
    if (copy != want.end()) {
      ++ties;
      REQUIRE(std::next(copy) != want.end());
      CHECK((*std::next(copy))[0] == "/g/3.pdf");
    }
    // A page of them: the same rows, the same total.
    c.o.limit = 5;
    c.o.offset = 3;
    Table every;  // the server's facets count every row
    c.o.all_rows = &every;
    auto page = SearchDocuments(g.db(), c.query, c.o, SearchBy::kDocument);
    REQUIRE(page.ok());
    REQUIRE(every.rows.size() == want.size());
    for (size_t i = 0; i < want.size(); ++i) {
      CHECK(every.rows[i][every.Column("file")] == want[i][0]);
      CHECK(every.rows[i][every.Column("hits")] == want[i][1]);
    }
    const size_t from = std::min<size_t>(3, want.size());
    const size_t to = std::min<size_t>(8, want.size());
    CHECK(FileHitsPages(*page) == std::vector<std::vector<std::string>>(
                                      want.begin() + from, want.begin() + to));
    CHECK(page->total == static_cast<int64_t>(want.size()));
  }
  CHECK(nonempty >= 12);
  CHECK(many >= 4);
  CHECK(ties >= 4);
}

}  // namespace planmine
