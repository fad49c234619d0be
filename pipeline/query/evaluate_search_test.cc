#include "pipeline/query/evaluate_search.h"

#include "pipeline/query/search_fixture.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
using namespace testing;

TEST_CASE("EvaluateSearch: file-level recall and precision per kind",
          "[search][evaluate]") {
  SearchFixture f;
  TempDir dir;
  WriteFile(dir.File("q.tsv"),
            "id\tkind\tquery\trelevant\tnotes\n"
            "q1\texact\tdatos abiertos\tco-plan.pdf\t\n"
            // Finds co-plan only: recall 1/2.
            "q2\texact\tparticipación ciudadana\tco-plan.pdf|br-nota.pdf\t\n"
            // Finds all three; one is not relevant: precision 2/3.
            "q3\ttheme\tparticipacion OR participacao OR "
            "participation\tco-plan.pdf|br-nota.pdf\t\n"
            // A query the search rejects finds nothing, and says why.
            "q4\ttheme\tNEAR(\tco-plan.pdf\t\n");
  auto qs = LoadJudgedQueries(dir.File("q.tsv"));
  REQUIRE(qs.ok());
  REQUIRE(qs->size() == 4);
  CHECK((*qs)[1].relevant ==
        std::set<std::string>{"br-nota.pdf", "co-plan.pdf"});
  auto r = EvaluateSearch(f.db(), *qs, SearchOptions{});
  REQUIRE(r.ok());
  REQUIRE(r->kinds.size() == 2);
  const KindScore& exact = r->kinds[0];
  CHECK(exact.kind == "exact");
  CHECK(exact.relevant == 3);
  CHECK(exact.relevant_found == 2);
  CHECK(exact.recall() == Approx(2.0 / 3));
  CHECK(exact.mean_recall() == Approx(0.75));
  CHECK(exact.precision() == Approx(1.0));
  CHECK(r->queries[1].missed == std::vector<std::string>{"br-nota.pdf"});
  CHECK(r->kinds[1].precision() == Approx(2.0 / 3));
  CHECK(r->kinds[1].recall() == Approx(2.0 / 3));  // q3 2 of 2, q4 0 of 1
  CHECK(r->queries[3].error ==
        "invalid search query 'NEAR(': check quotes and operators (AND, OR, "
        "NOT, NEAR, prefix*)");
  CHECK(r->queries[2].extra == std::vector<std::string>{"us-nap.pdf"});
  CHECK(r->all.queries == 4);
  CHECK_FALSE(r->RecallAtLeast(0.95));
  Table t = SearchEvalTable(*r);
  REQUIRE(t.rows.size() == 3);  // exact, theme, all
  // Without a bridge every document is found by the query's own words.
  CHECK(t.rows[0] == std::vector<std::string>{"exact", "2", "3", "2", "0.667",
                                              "1.000", "0.750", "1.000",
                                              "0.667", "1.000"});
  CHECK(t.rows[2][0] == "all");

  WriteFile(dir.File("bad.tsv"), "id\tkind\tquery\trelevant\nq1\texact\tx\n");
  auto bad = LoadJudgedQueries(dir.File("bad.tsv"));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() ==
        dir.File("bad.tsv") +
            ":2: expected id, kind, query and relevant files separated by "
            "tabs");
}

}  // namespace planmine
