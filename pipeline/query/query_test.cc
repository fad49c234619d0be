#include "pipeline/query/query.h"

#include "pipeline/load/fts_tokenizer.h"
#include "pipeline/load/store.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {

TEST_CASE("ToFtsQuery: plain words become their stems, syntax passes through",
          "[query]") {
  const std::string raw(1, kRawMark);
  // Each word: an OR of its language-tagged stems as raw tokens; words
  // joined by AND (FTS5 wants it explicit between groups).
  std::string f = ToFtsQuery("participacion ciudadana");
  CHECK(f.rfind("(\"" + raw + "es:particip", 0) == 0);
  CHECK(f.find(") AND (\"" + raw + "es:ciudad") != std::string::npos);
  CHECK(f.find("\"" + raw + "pt:") != std::string::npos);
  CHECK(f.find("\"" + raw + "en:") != std::string::npos);
  // A word typed with an accent adds its exact form: any form matches, the
  // exact one ranks first.
  CHECK(ToFtsQuery("información").find(" OR \"=información\")") !=
        std::string::npos);
  // … and counts kExactFormWeight times in the rank.
  auto w = ParseQuery("la información", nullptr);
  REQUIRE(w.ok());
  CHECK(w->weights.substr(w->weights.size() - 3) ==
        "1 " + std::to_string(kExactFormWeight));
  // Never a column filter or an operator, whatever the word.
  CHECK(ToFtsQuery("title:x") == "\"title:x\"");  // two words: a phrase
  // A quoted phrase: the exact forms.
  CHECK(ToFtsQuery("\"datos abiertos\"") == "\"=datos =abiertos\"");
  // A prefix: an OR of its raw prefix tokens, the stems' and the exact
  // form's (ranked with weight 1: no second pass for frequencies).
  CHECK(ToFtsQuery("transpar*") ==
        "(\"" + raw + "es:transpar\"* OR \"" + raw + "pt:transpar\"* OR \"" +
            raw + "en:transpar\"* OR \"" + raw + "=transpar\"*)");
  CHECK(ParseQuery("transpar* OR datos", nullptr)->weights == "1");
  // NEAR takes phrases only; a prefix in a phrase stays FTS5's.
  CHECK(ToFtsQuery("NEAR(transpar* datos)") == "NEAR(transpar* datos)");
  CHECK(ToFtsQuery("\"open dat\"*") == "\"=open =dat\"*");
  CHECK(ToFtsQuery("a OR \"b c\"") == "a OR \"=b =c\"");
  // The tokenizer's marks cannot be typed.
  CHECK(ToFtsQuery(raw + "es:x").find(raw + "es:x") == std::string::npos);
}

TEST_CASE("ParseQuery: theme filter and the term bridge", "[query]") {
  auto t = ParseQuery("theme:open_data", nullptr);
  REQUIRE(t.ok());
  CHECK(t->fts.empty());
  CHECK(t->theme == "open_data");
  TermBridge bridge = {{{"datos abiertos", "dados abertos", "open data"}, ""}};
  auto b = ParseQuery("portal de datos abiertos", &bridge);
  REQUIRE(b.ok());
  // (portal) AND (de) AND ((datos) AND (abiertos)) OR "dados abertos" …
  CHECK(b->fts.find(" AND ((") != std::string::npos);
  const std::string tail = ")) OR \"dados abertos\" OR \"open data\")";
  REQUIRE(b->fts.size() > tail.size());
  CHECK(b->fts.substr(b->fts.size() - tail.size()) == tail);
  CHECK(b->bridged == std::vector<std::string>{"dados abertos", "open data"});
  // Accents do not matter for the bridge.
  auto c = ParseQuery("Dados Abertos", &bridge);
  REQUIRE(c.ok());
  CHECK(c->bridged == std::vector<std::string>{"datos abiertos", "open data"});
  // The longest term in words wins, however the query splits into parts:
  // "co-creación" is one part and two words, and beats the one-word "datos".
  TermBridge two = {{{"datos", "dados", "data"}, ""},
                    {{"co-creación", "cocriação", "co-creation"}, ""}};
  auto d = ParseQuery("datos co-creación", &two);
  REQUIRE(d.ok());
  CHECK(d->bridged == std::vector<std::string>{"cocriação", "co-creation"});
}

TEST_CASE(
    "Tokenizer: folds accents and case, stems es/pt/en, keeps the "
    "exact form",
    "[query]") {
  auto idx = DebugTokens("Información compromisos", false);
  REQUIRE(idx.size() == 2);
  // Without a language mark: the stems of all three languages, tagged, then
  // the exact form.
  CHECK(idx[0].find("es:inform") != std::string::npos);
  CHECK(idx[0].find("pt:") != std::string::npos);
  CHECK(idx[0].find("en:") != std::string::npos);
  CHECK(idx[0].find("=información") != std::string::npos);
  // With one, its language's stems only; the mark itself is no word.
  auto pt = DebugTokens(LanguageMarked("pt", "Informação pública"), false);
  REQUIRE(pt.size() == 2);
  CHECK(pt[0].find("pt:inform|") != std::string::npos);
  CHECK(pt[0].find("=informação") != std::string::npos);
  CHECK(pt[0].find("es:") == std::string::npos);
  CHECK(pt[1].find("es:") == std::string::npos);
  CHECK(DebugTokens(LanguageMarked("und", "dados"), false)[0].find("es:") !=
        std::string::npos);
  // A raw query token is itself.
  CHECK(DebugTokens(std::string(1, kRawMark) + "es:x y", true) ==
        std::vector<std::string>{"es:x y"});
  CHECK(CountWords("Plan de acción 2015-2017.") == 5);
  CHECK(CountWords(LanguageMarked("es", "Plan de acción")) == 3);
  auto q = DebugTokens("informacion", true);
  REQUIRE(q.size() == 1);
  CHECK(q[0].find("=") == std::string::npos);  // no exact form in queries
  // The stem the accentless query shares with the accented text.
  bool shared = false;
  for (const std::string& a : {std::string("informacion")})
    shared |= idx[0].find(a) != std::string::npos;
  CHECK(shared);
  // Singular and plural share an alternative, so each finds the other.
  auto shares = [](const std::string& a, const std::string& b) {
    auto x = DebugTokens(a, true), y = DebugTokens(b, true);
    if (x.size() != 1 || y.size() != 1) return false;
    std::string ys = "|" + y[0] + "|";
    size_t p = 0;
    std::string xs = x[0] + "|";
    while (p < xs.size()) {
      size_t q = xs.find('|', p);
      if (ys.find("|" + xs.substr(p, q - p) + "|") != std::string::npos)
        return true;
      p = q + 1;
    }
    return false;
  };
  CHECK(shares("compromiso", "compromisos"));
  CHECK(shares("commitment", "commitments"));
  CHECK(shares("política", "políticas"));
  CHECK(shares("informação", "informacao"));
  CHECK_FALSE(shares("datos", "contratación"));
  CHECK(DebugTokens("=año", true) == std::vector<std::string>{"=año"});
}

TEST_CASE("Search: a malformed query is a clear error, not SQL text",
          "[query]") {
  testing::TempDir dir;
  auto store = Store::Open(dir.File("i.sqlite"));
  REQUIRE(store.ok());
  auto quote = Search((*store)->db(), "\"unterminated", SearchOptions{});
  REQUIRE_FALSE(quote.ok());
  CHECK(quote.status().message() ==
        "invalid search query '\"unterminated': a quote is not closed");
  // The last one was found by fuzz_query (an FTS5 "expected integer").
  for (const char* q : {"a AND", "(x", "NEAR(", "* x", "NEAR(a b, 3x)"}) {
    auto t = Search((*store)->db(), q, SearchOptions{});
    REQUIRE_FALSE(t.ok());
    CHECK(t.status().message() ==
          std::string("invalid search query '") + q +
              "': check quotes and operators (AND, OR, NOT, NEAR, prefix*)");
  }
  auto empty = Search((*store)->db(), "   ", SearchOptions{});
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.status().message() == "empty search query");
}

TEST_CASE("ThemeCounts: rejects an unknown grouping", "[query]") {
  testing::TempDir dir;
  auto store = Store::Open(dir.File("i.sqlite"));
  REQUIRE(store.ok());
  auto t = ThemeCounts((*store)->db(), "colour");
  REQUIRE_FALSE(t.ok());
  CHECK(t.status().message() ==
        "--by must be country, document or year, got 'colour'");
}

}  // namespace planmine
