#include "pipeline/query/query.h"

#include "pipeline/load/store.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {

TEST_CASE("ToFtsQuery: plain words are quoted, syntax passes through",
          "[query]") {
  CHECK(ToFtsQuery("participacion ciudadana") ==
        "\"participacion\" \"ciudadana\"");
  CHECK(ToFtsQuery("acceso a la información,") ==
        "\"acceso\" \"a\" \"la\" \"información,\"");
  CHECK(ToFtsQuery("title:x") == "\"title:x\"");
  CHECK(ToFtsQuery("\"datos abiertos\"") == "\"datos abiertos\"");
  CHECK(ToFtsQuery("transpar*") == "transpar*");
  CHECK(ToFtsQuery("a OR b") == "a OR b");
}

TEST_CASE("Search: a malformed query is a clear error, not SQL text",
          "[query]") {
  testing::TempDir dir;
  auto store = Store::Open(dir.File("i.sqlite"));
  REQUIRE(store.ok());
  for (const char* q : {"\"unterminated", "a AND", "(x"}) {
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
