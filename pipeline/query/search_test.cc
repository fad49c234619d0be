#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "extractors/pattern_pack.h"
#include "pipeline/load/fts_rank.h"
#include "pipeline/load/fts_tokenizer.h"
#include "pipeline/normalize/normalizer.h"
#include "pipeline/query/hit_filter.h"
#include "pipeline/query/query.h"
#include "pipeline/query/search_fixture.h"
#include "tests/catch.h"

namespace planmine {

namespace {
std::vector<std::string> ColumnOf(const Table& t, const std::string& name) {
  std::vector<std::string> v;
  int c = t.Column(name);
  REQUIRE(c >= 0);
  for (const auto& r : t.rows) v.push_back(r[c]);
  return v;
}
}  // namespace

TEST_CASE("Search: total, stable keys and the commitment of each hit",
          "[search]") {
  testing::SearchFixture f;
  SearchOptions o;
  o.limit = 1;
  auto t = Search(f.db(), "datos abiertos", o);
  REQUIRE(t.ok());
  CHECK(t->total == 2);  // both Spanish sentences, one shown
  REQUIRE(t->rows.size() == 1);
  o.limit = 20;
  t = Search(f.db(), "datos abiertos", o);
  REQUIRE(t.ok());
  REQUIRE(t->rows.size() == 2);
  CHECK(ColumnOf(*t, "doc_key") ==
        std::vector<std::string>{"aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa"});
  auto keys = ColumnOf(*t, "sentence_key");
  std::sort(keys.begin(), keys.end());
  CHECK(keys ==
        std::vector<std::string>{"aaaaaaaaaaaaaaaa-s2", "aaaaaaaaaaaaaaaa-s3"});
  CHECK(ColumnOf(*t, "commitment_key") ==
        std::vector<std::string>{"aaaaaaaaaaaaaaaa-c1", "aaaaaaaaaaaaaaaa-c1"});
  CHECK(ColumnOf(*t, "commitment_title") ==
        std::vector<std::string>{"Datos abiertos", "Datos abiertos"});
  CHECK(t->type(t->Column("page")) == ColumnType::kInteger);
  CHECK(t->type(t->Column("commitment_number")) == ColumnType::kText);
  // Outside a commitment: no key.
  auto p = Search(f.db(), "participación ciudadana", o);
  REQUIRE(p.ok());
  CHECK(p->total == 2);
  CHECK(ColumnOf(*p, "commitment_key") == std::vector<std::string>{"", ""});
}

TEST_CASE("Search: filters tested in memory keep what the joins keep",
          "[search]") {
  // Each filter alone and together, against the join of the sentences the
  // query finds with their sentence and document (what Search ran before
  // hit_filter.h): the same total and the same sentences.
  testing::SearchFixture f;
  auto [query, country, language, doc_type, cycle, theme, from] =
      GENERATE(table<std::string, std::string, std::string, std::string,
                     std::string, std::string, int>(
          {{"datos", "CO", "", "", "", "", 0},
           {"datos", "BR", "", "", "", "", 0},
           {"participación", "", "es", "", "", "", 0},
           {"participación", "", "pt", "action_plan", "", "", 0},
           {"participación", "", "", "action_plan", "2020-2022", "", 0},
           {"mujeres", "", "", "", "", "gender_inclusion", 0},
           {"mujeres OR women", "", "", "", "", "gender_inclusion", 2016},
           {"partic*", "", "", "", "", "", 2016},
           {"partic*", "CO", "es", "action_plan", "", "", 2020}}));
  INFO(query << " " << country << " " << language << " " << doc_type << " "
             << cycle << " " << theme << " " << from);
  // A theme filter must name a theme of the index.
  REQUIRE(f.db()
              .Exec("INSERT INTO themes (id, label_en, label_es, label_pt) "
                    "VALUES ('gender_inclusion', 'Gender', 'Género', "
                    "'Gênero')")
              .ok());
  SearchOptions o;
  o.country = country;
  o.language = language;
  o.doc_type = doc_type;
  o.cycle = cycle;
  o.theme = theme;
  o.year_from = from;
  auto t = Search(f.db(), query, o);
  INFO(t.status().message());
  REQUIRE(t.ok());
  auto s = f.db().Prepare(
      "SELECT substr(d.sha256, 1, 16) || '-s' || s.seq FROM sentences_fts "
      "JOIN sentences s ON s.id = sentences_fts.rowid JOIN documents d ON "
      "d.id = s.doc_id WHERE sentences_fts MATCH ?1 AND (?2 = '' OR "
      "d.country = ?2) AND (?3 = '' OR s.language = ?3) AND (?4 = '' OR "
      "d.doc_type = ?4) AND (?5 = '' OR d.plan_cycle = ?5) AND (?6 = '' OR "
      "EXISTS (SELECT 1 FROM theme_hits h WHERE h.sentence_id = s.id AND "
      "h.theme_id = ?6)) AND d.year >= ?7");
  REQUIRE(s.ok());
  s->Bind(1, ToFtsQuery(query))
      .Bind(2, country)
      .Bind(3, language)
      .Bind(4, doc_type)
      .Bind(5, cycle)
      .Bind(6, theme)
      .Bind(7, from);
  std::vector<std::string> joined;
  while (s->Step()) joined.push_back(s->Text(0));
  REQUIRE(s->status().ok());
  auto found = ColumnOf(*t, "sentence_key");
  std::sort(found.begin(), found.end());
  std::sort(joined.begin(), joined.end());
  CHECK(t->total == static_cast<int64_t>(joined.size()));
  CHECK(found == joined);
}

TEST_CASE("HitFilter: spans of the kept documents, joined at the widest gaps",
          "[search]") {
  testing::SearchFixture f;
  auto id = [](int seq) { return SentenceId(seq, kBodyText, 6); };
  SearchOptions o;
  o.year_from = 2015;  // all three documents
  auto h = HitFilter::Create(f.db(), o, "");
  REQUIRE(h.ok());
  REQUIRE(h->by_document());
  using Spans = std::vector<std::pair<int64_t, int64_t>>;
  // Sentences 101-106, 201-202, 301-302: one range per document.
  CHECK(h->Spans(8) ==
        Spans{{id(101), id(106)}, {id(201), id(202)}, {id(301), id(302)}});
  // Two spans: cut at the widest gap (202 to 301).
  CHECK(h->Spans(2) == Spans{{id(101), id(202)}, {id(301), id(302)}});
  CHECK(h->Spans(1) == Spans{{id(101), id(302)}});
  // Worth stepping over when they cover at most 3/4 of the index's ids.
  CHECK(h->WorthSpanning(h->Spans(8)));
  CHECK_FALSE(h->WorthSpanning(h->Spans(1)));
  CHECK(h->WorthSpanning({}));
  o.year_from = 2016;  // CO (2020) and BR (2017)
  h = HitFilter::Create(f.db(), o, "");
  REQUIRE(h.ok());
  CHECK(h->Spans(1) == Spans{{id(101), id(202)}});
  // A language filter is a document filter too: documents whose sentences'
  // languages are not known (written here without Store) are all kept and
  // their sentences looked up; known ones are kept or dropped whole.
  SearchOptions lang;
  lang.language = "PT";
  h = HitFilter::Create(f.db(), lang, "");
  REQUIRE(h.ok());
  CHECK(h->by_document());
  CHECK(h->Spans(8).size() == 3);
  auto kept = h->KeepAll({id(101), id(201), id(202), id(301)});
  REQUIRE(kept.ok());
  CHECK(*kept == std::vector<int64_t>{id(201), id(202)});
  // Known: 1 Spanish only (dropped), 2 Portuguese only (kept, no lookup),
  // 3 says "pt" although its sentences are English: kept unread, which
  // shows that a document in one language is not looked up.
  REQUIRE(f.db()
              .Exec("UPDATE documents SET sentence_languages = CASE id WHEN "
                    "1 THEN 'es' WHEN 2 THEN 'pt' ELSE 'pt' END")
              .ok());
  h = HitFilter::Create(f.db(), lang, "");
  REQUIRE(h.ok());
  CHECK(h->Spans(8) == Spans{{id(201), id(202)}, {id(301), id(302)}});
  kept = h->KeepAll({id(101), id(201), id(202), id(301)});
  REQUIRE(kept.ok());
  CHECK(*kept == std::vector<int64_t>{id(201), id(202), id(301)});
  // Mixed: its sentences are looked up one by one.
  REQUIRE(f.db()
              .Exec("UPDATE documents SET sentence_languages = 'en,pt' WHERE "
                    "id = 3")
              .ok());
  h = HitFilter::Create(f.db(), lang, "");
  REQUIRE(h.ok());
  kept = h->KeepAll({id(101), id(201), id(202), id(301)});
  REQUIRE(kept.ok());
  CHECK(*kept == std::vector<int64_t>{id(201), id(202)});
}

TEST_CASE("HitFilter: KeepAll tests the language once over every id",
          "[search]") {
  testing::SearchFixture f;
  auto id = [](int seq) { return SentenceId(seq, kBodyText, 6); };
  SearchOptions o;
  o.language = "es";
  o.year_from = 2015;
  auto h = HitFilter::Create(f.db(), o, "");
  REQUIRE(h.ok());
  // Unsorted, with ids of three languages: the Spanish ones, ascending.
  auto kept = h->KeepAll({id(301), id(105), id(201), id(101), id(999)});
  REQUIRE(kept.ok());
  CHECK(*kept == std::vector<int64_t>{id(101), id(105)});
  auto one = h->Keep(id(202));
  REQUIRE(one.ok());
  CHECK_FALSE(*one);
  auto none = h->KeepAll({});
  REQUIRE(none.ok());
  CHECK(none->empty());
}

TEST_CASE("Search: a prefix query's snippets mark every word it matches",
          "[search]") {
  testing::SearchFixture f;
  SearchOptions o;
  o.country = "CO";
  auto t = Search(f.db(), "partic*", o);
  REQUIRE(t.ok());
  CHECK(t->total == 3);
  auto snippets = ColumnOf(*t, "snippet");
  std::sort(snippets.begin(), snippets.end());
  CHECK(snippets ==
        std::vector<std::string>{"La [participación] ciudadana en el plan.",
                                 "Otra [participación] ciudadana más.",
                                 "[Participación] de las mujeres rurales."});
}

TEST_CASE("SearchDocuments: one row per document, every hit counted",
          "[search]") {
  testing::SearchFixture f;
  SearchOptions o;
  o.limit = 1;
  auto t = SearchDocuments(f.db(), "datos", o, SearchBy::kDocument);
  REQUIRE(t.ok());
  CHECK(t->total == 1);  // Portuguese "dados" is another word
  CHECK(t->rows.size() == 1);
  o.limit = 0;
  t = SearchDocuments(f.db(), "participación ciudadana", o,
                      SearchBy::kDocument);
  REQUIRE(t.ok());
  REQUIRE(t->rows.size() == 1);
  CHECK(ColumnOf(*t, "hits") == std::vector<std::string>{"2"});
  CHECK(ColumnOf(*t, "pages") == std::vector<std::string>{"1;4"});
  CHECK(ColumnOf(*t, "doc_key") ==
        std::vector<std::string>{"aaaaaaaaaaaaaaaa"});
  CHECK(ColumnOf(*t, "plan_cycle") == std::vector<std::string>{"2020-2022"});
  CHECK(t->type(t->Column("pages")) == ColumnType::kList);
  CHECK(t->type(t->Column("hits")) == ColumnType::kInteger);
  CHECK(ColumnOf(*t, "snippet")[0].find("[participación] [ciudadana]") !=
        std::string::npos);
  // With the bridge, the other languages' documents too; by country.
  TermBridge bridge = {{{LanguageMarked("es", "participación ciudadana"),
                         LanguageMarked("pt", "participação social"),
                         LanguageMarked("en", "citizen participation")},
                        ""}};
  o.bridge = &bridge;
  auto c =
      SearchDocuments(f.db(), "participación ciudadana", o, SearchBy::kCountry);
  REQUIRE(c.ok());
  CHECK(c->total == 3);
  CHECK(c->columns == std::vector<std::string>{"country", "documents", "hits",
                                               "top_file", "score"});
  CHECK(ColumnOf(*c, "country")[0] == "CO");
  auto sorted = ColumnOf(*c, "country");
  std::sort(sorted.begin(), sorted.end());
  CHECK(sorted == std::vector<std::string>{"BR", "CO", "US"});
  // Paging counts all rows.
  o.limit = 1;
  o.offset = 1;
  auto d = SearchDocuments(f.db(), "participación ciudadana", o,
                           SearchBy::kDocument);
  REQUIRE(d.ok());
  CHECK(d->total == 3);
  CHECK(d->rows.size() == 1);
  CHECK_FALSE(ParseSearchBy("colour").ok());
  CHECK(ParseSearchBy("colour").status().message() ==
        "--by must be sentence, document or country, got 'colour'");
}

TEST_CASE(
    "SearchDocuments: a query naming a theme finds the documents that "
    "discuss it",
    "[search]") {
  testing::SearchFixture f;
  TermBridge bridge = {{{LanguageMarked("es", "igualdad de género"),
                         LanguageMarked("en", "gender equality")},
                        "gender_inclusion"}};
  SearchOptions o;
  o.limit = 0;
  o.bridge = &bridge;
  auto pq = ParseQuery("igualdad de genero", &bridge);
  REQUIRE(pq.ok());
  CHECK(pq->named_theme == "gender_inclusion");
  // Part of a longer query: no theme.
  CHECK(ParseQuery("igualdad de genero rural", &bridge)->named_theme.empty());
  auto t = SearchDocuments(f.db(), "gender equality", o, SearchBy::kDocument);
  REQUIRE(t.ok());
  // co-plan has 3 tagged sentences (kThemeMinSentences); us-nap only 1.
  CHECK(ColumnOf(*t, "file") == std::vector<std::string>{"/c/co-plan.pdf"});
  CHECK(ColumnOf(*t, "hits") == std::vector<std::string>{"3"});
  // Four: co-plan's tagged sentences are three (one tagged twice), so it
  // no longer discusses the theme; its words still find it.
  o.theme_min_sentences = 4;
  t = SearchDocuments(f.db(), "gender equality", o, SearchBy::kDocument);
  REQUIRE(t.ok());
  CHECK(ColumnOf(*t, "file") == std::vector<std::string>{"/c/co-plan.pdf"});
  CHECK(ColumnOf(*t, "hits") == std::vector<std::string>{"1"});
  // A commitment tagged with the theme makes a document discuss it,
  // however few its tagged sentences.
  REQUIRE(f.db()
              .Exec("INSERT INTO commitment_themes (commitment_id, theme_id) "
                    "SELECT id, 'gender_inclusion' FROM commitments")
              .ok());
  t = SearchDocuments(f.db(), "gender equality", o, SearchBy::kDocument);
  REQUIRE(t.ok());
  CHECK(ColumnOf(*t, "hits") == std::vector<std::string>{"3"});
  o.theme_min_sentences = 0;
  t = SearchDocuments(f.db(), "gender equality", o, SearchBy::kDocument);
  REQUIRE(t.ok());
  CHECK(ColumnOf(*t, "hits") == std::vector<std::string>{"1"});
}

TEST_CASE("ExplainNoHits: the words that match alone and the OR form",
          "[search]") {
  testing::SearchFixture f;
  SearchOptions o;
  auto h = ExplainNoHits(f.db(), "datos mujeres xyzzy", o);
  REQUIRE(h.ok());
  REQUIRE(h->words.size() == 3);
  CHECK(h->words[0].hits == 2);
  CHECK(h->words[1].hits == 2);
  CHECK(h->words[2].hits == 0);
  CHECK(h->or_query == "datos OR mujeres");
  CHECK(h->message() ==
        "no sentence has all of: datos mujeres xyzzy. Alone: datos 2, "
        "mujeres 2, xyzzy 0. Try: datos OR mujeres");
  // The OR form finds what the words find.
  auto t = Search(f.db(), h->or_query, o);
  REQUIRE(t.ok());
  CHECK(t->total == 4);
  // A query with hits, one word, or FTS5 syntax: no hint.
  for (const char* q :
       {"datos abiertos", "xyzzy", "datos AND xyzzy", "\"datos xyzzy\""}) {
    auto n = ExplainNoHits(f.db(), q, o);
    REQUIRE(n.ok());
    CHECK(n->words.empty());
    CHECK(n->message().empty());
  }
}

}  // namespace planmine

namespace planmine {

TEST_CASE("Term bridge: every example finds its equivalents",
          "[search][packs]") {
  auto bridge = LoadTermBridge(testing::PacksDir());
  REQUIRE(bridge.ok());
  auto themes = LoadTaxonomy(testing::PacksDir() + "/themes.taxonomy.tsv");
  REQUIRE(themes.ok());
  // The examples: query, lang:sentence|…, theme.
  struct Example {
    int line;
    std::string query, theme;
    std::vector<std::pair<std::string, std::string>> finds;  // lang, text
  };
  std::vector<Example> examples;
  {
    std::ifstream in(testing::PacksDir() + "/terms.examples");
    REQUIRE(in);
    std::string line;
    int n = 0;
    bool header = true;
    while (std::getline(in, line)) {
      ++n;
      if (line.empty() || line[0] == '#') continue;
      if (header) {
        header = false;
        continue;
      }
      std::vector<std::string> cols;
      std::istringstream ls(line);
      std::string c;
      while (std::getline(ls, c, '\t')) cols.push_back(c);
      INFO("terms.examples:" << n);
      REQUIRE(cols.size() >= 2);
      Example e{n, cols[0], cols.size() > 2 ? cols[2] : "", {}};
      std::istringstream fs(cols[1]);
      while (std::getline(fs, c, '|')) {
        REQUIRE(c.size() > 3);
        REQUIRE(c[2] == ':');
        e.finds.push_back({c.substr(0, 2), c.substr(3)});
      }
      examples.push_back(std::move(e));
    }
  }
  REQUIRE(examples.size() >= 30);
  // One document per sentence to find, in its language.
  testing::TempDir dir;
  auto store = Store::Open(dir.File("i.sqlite"));
  REQUIRE(store.ok());
  Db& db = (*store)->db();
  int doc = 0;
  for (const Example& e : examples) {
    for (const auto& [lang, text] : e.finds) {
      ++doc;
      REQUIRE(db.Exec("INSERT INTO documents (id, path, sha256, size, mtime, "
                      "kind, status, ingested_at) VALUES (" +
                      std::to_string(doc) + ", '/x/" + std::to_string(doc) +
                      ".pdf', 'x', 0, 0, 'pdf', 'ok', '')")
                  .ok());
      auto s = db.Prepare(
          "INSERT INTO sentences (id, doc_id, seq, page, block, start, end, "
          "language, text) VALUES (?1, ?2, 1, 1, 0, 0, 0, ?3, ?4)");
      REQUIRE(s.ok());
      s->Bind(1, SentenceId(doc, kBodyText, 6))
          .Bind(2, doc)
          .Bind(3, lang)
          .Bind(4, text);
      s->Step();
      REQUIRE(s->status().ok());
    }
  }
  std::set<std::string> named;
  doc = 0;
  for (const Example& e : examples) {
    INFO("terms.examples:" << e.line << ": " << e.query);
    std::set<std::string> languages;
    for (const auto& f : e.finds) languages.insert(f.first);
    CHECK(languages.size() == 2);  // both other languages
    auto pq = ParseQuery(e.query, &*bridge);
    REQUIRE(pq.ok());
    CHECK(pq->named_theme == e.theme);
    named.insert(pq->named_theme);
    SearchOptions o;
    o.bridge = &*bridge;
    o.limit = 0;
    auto t = SearchDocuments(db, e.query, o, SearchBy::kDocument);
    REQUIRE(t.ok());
    std::set<std::string> files;
    for (const auto& r : t->rows) files.insert(r[t->Column("file")]);
    for (const auto& [lang, text] : e.finds) {
      INFO(lang << ":" << text);
      const std::string want = "/x/" + std::to_string(++doc) + ".pdf";
      CHECK(files.count(want) == 1);
    }
  }
  for (const Theme& t : *themes) {
    INFO("no example names the theme " << t.id);
    CHECK(named.count(t.id) == 1);
  }
}

TEST_CASE(
    "Term bridge: folding terms on demand parses every query as folding them "
    "all does",
    "[search][packs]") {
  auto eager = LoadTermBridge(testing::PacksDir());
  auto lazy = LoadTermBridge(testing::PacksDir(), /*fold=*/false);
  REQUIRE(eager.ok());
  REQUIRE(lazy.ok());
  REQUIRE(lazy->size() == eager->size());
  CHECK(lazy->front().folded.empty());
  // Every term as typed, in capitals, without its accents, and inside a
  // longer query; and words that are no term.
  std::vector<std::string> queries = {"presupuesto abierto", "xyz",
                                      "Ñandú über straße", "İstanbul K"};
  for (const TermGroup& g : *eager)
    for (const std::string& t : g.terms) {
      const std::string text(Unmarked(t));
      queries.push_back(text);
      std::string upper = text;  // the ASCII letters in capitals
      for (char& c : upper)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      queries.push_back(upper);
      queries.push_back(FoldUtf8(text));
      queries.push_back("acceso a " + text + " pública");
    }
  int compared = 0;
  for (const std::string& q : queries) {
    auto a = ParseQuery(q, &*eager);
    auto b = ParseQuery(q, &*lazy);
    REQUIRE(a.ok() == b.ok());
    if (!a.ok()) continue;
    INFO(q);
    CHECK(a->fts == b->fts);
    CHECK(a->bridged == b->bridged);
    CHECK(a->named_theme == b->named_theme);
    CHECK(a->theme_fts == b->theme_fts);
    ++compared;
  }
  CHECK(compared > 1000);
}

TEST_CASE(
    "SearchDocuments: a theme's vocabulary ranks by its own phrases, not the "
    "query's weights",
    "[search]") {
  testing::SearchFixture f;
  // The theme's vocabulary beyond the query's group: five terms, each in
  // the Portuguese note's first sentence ("Os dados abertos da
  // prefeitura."), so that whichever position the query's heavier weight
  // has, a vocabulary phrase there is in the note.
  TermBridge bridge = {
      {{LanguageMarked("es", "participación ciudadana"),
        LanguageMarked("pt", "participação social"),
        LanguageMarked("en", "citizen participation")},
       "civic"},
      {{LanguageMarked("pt", "dados"), LanguageMarked("pt", "abertos"),
        LanguageMarked("pt", "prefeitura"),
        LanguageMarked("pt", "dados abertos"),
        LanguageMarked("pt", "abertos da prefeitura")},
       "civic"}};
  SearchOptions o;
  o.limit = 0;
  o.bridge = &bridge;
  o.theme_min_sentences = 1;
  auto accented = ParseQuery("participación ciudadana", &bridge);
  REQUIRE(accented.ok());
  INFO(accented->fts << " / " << accented->weights << " / "
                     << accented->theme_fts);
  // Typed with accents, the query's exact form weighs more than its other
  // phrases; the vocabulary's phrases do not inherit that by position.
  CHECK(accented->weights.find(std::to_string(kExactFormWeight)) !=
        std::string::npos);
  auto score_of_note = [&](const std::string& q) {
    auto t = SearchDocuments(f.db(), q, o, SearchBy::kDocument);
    REQUIRE(t.ok());
    auto files = ColumnOf(*t, "file");
    for (size_t i = 0; i < files.size(); ++i)
      if (files[i] == "/c/br-nota.pdf") return ColumnOf(*t, "score")[i];
    return std::string("not found");
  };
  const std::string plain = score_of_note("participacion ciudadana");
  CHECK(plain != "not found");
  CHECK(score_of_note("participación ciudadana") == plain);
}
}  // namespace planmine
