#include "pipeline/load/fts_rank.h"

#include <cstdint>
#include <vector>

#include "pipeline/load/db.h"
#include "pipeline/load/fts_tokenizer.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {

TEST_CASE("SentenceId: sequence, weight and length in one id", "[rank]") {
  const int64_t id = SentenceId(123456789, kHeading, 17);
  CHECK(SentenceSeq(id) == 123456789);
  CHECK(SentenceWeightOf(id) == kHeading);
  CHECK(SentenceWords(id) == 17);
  CHECK(SentenceWords(SentenceId(1, kBodyText, 4000)) == 255);  // capped
  CHECK(SentenceId(1, kBodyText, 0) < SentenceId(2, kTitle, 255));
  CHECK(SentenceWeightFor("Plan de Acción 2015-2017", false,
                          "Plan de Acción 2015-2017 de Colombia") == kTitle);
  // Too short a part of the title, or no part of it.
  CHECK(SentenceWeightFor("Plan de", true, "Plan de Acción 2015-2017") ==
        kHeading);
  CHECK(SentenceWeightFor("Otro texto cualquiera", false, "Plan") == kBodyText);
}

TEST_CASE(
    "planmine_rank: BM25 from the id's length, headings and titles "
    "weighted",
    "[rank]") {
  testing::TempDir dir;
  auto db = Db::Open(dir.File("r.sqlite"), /*create=*/true);
  REQUIRE(db.ok());
  REQUIRE((*db)
              ->Exec("CREATE VIRTUAL TABLE t USING fts5(text, "
                     "tokenize='planmine');")
              .ok());
  struct Row {
    int64_t id;
    const char* text;
  };
  const std::string filler =
      " y otras palabras que alargan esta frase hasta que sea bastante "
      "larga para el promedio de las demás";
  const std::string long_text = "La transparencia activa" + filler;
  const Row rows[] = {
      {SentenceId(1, kBodyText, CountWords(long_text)), nullptr},
      {SentenceId(2, kBodyText, 3), "transparencia activa hoy"},
      {SentenceId(3, kHeading, CountWords(long_text)), nullptr},
      {SentenceId(4, kBodyText, 5), "nada que ver con esto"},
      {SentenceId(5, kTitle, CountWords(long_text)), nullptr},
  };
  auto ins = (*db)->Prepare("INSERT INTO t(rowid, text) VALUES (?, ?)");
  REQUIRE(ins.ok());
  for (const Row& r : rows)
    REQUIRE(ins->Bind(1, r.id)
                .Bind(2, LanguageMarked("es", r.text ? r.text : long_text))
                .Run()
                .ok());
  auto q = (*db)->Prepare(
      "SELECT rowid, planmine_rank(t) FROM t WHERE t MATCH ? ORDER BY "
      "planmine_rank(t), rowid");
  REQUIRE(q.ok());
  q->Bind(1, std::string("\"") + kRawMark + "es:transparent\"");
  std::vector<int64_t> order;
  std::vector<double> scores;
  while (q->Step()) {
    order.push_back(SentenceSeq(q->Int(0)));
    scores.push_back(q->Real(1));
  }
  // The title (x3) and the heading (x2) first, then the short sentence
  // before the long one of the same text; the unrelated row not at all.
  CHECK(order == std::vector<int64_t>{5, 3, 2, 1});
  REQUIRE(scores.size() == 4);
  CHECK(scores[0] < 0);  // negative: ORDER BY puts the best first
  CHECK(scores[0] == Approx(3 * scores[3]));
  CHECK(scores[1] == Approx(2 * scores[3]));
}

namespace {
class EvenIds : public IdTest {
 public:
  bool Passes(int64_t id) const override { return id % 2 == 0; }
};
}  // namespace

TEST_CASE(
    "planmine_keep: the bound test decides each row, unbound it keeps all",
    "[rank]") {
  testing::TempDir dir;
  auto db = Db::Open(dir.File("k.sqlite"), /*create=*/true);
  REQUIRE(db.ok());
  REQUIRE((*db)
              ->Exec("CREATE TABLE t(id INTEGER PRIMARY KEY);"
                     "INSERT INTO t VALUES (1), (2), (3), (4), (5), (6);")
              .ok());
  auto ids = [&](const IdTest* test) {
    auto s = (*db)->Prepare("SELECT id FROM t WHERE planmine_keep(?1, id)");
    REQUIRE(s.ok());
    if (test != nullptr) s->BindIdTest(1, test);
    std::vector<int64_t> out;
    while (s->Step()) out.push_back(s->Int(0));
    REQUIRE(s->status().ok());
    return out;
  };
  EvenIds even;
  CHECK(ids(&even) == std::vector<int64_t>{2, 4, 6});
  CHECK(ids(nullptr) == std::vector<int64_t>{1, 2, 3, 4, 5, 6});
  // A value that is not a bound test (text, an integer) keeps every row.
  auto s =
      (*db)->Prepare("SELECT count(*) FROM t WHERE planmine_keep('x', id)");
  REQUIRE(s.ok());
  REQUIRE(s->Step());
  CHECK(s->Int(0) == 6);
}

}  // namespace planmine
