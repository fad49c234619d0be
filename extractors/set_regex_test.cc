#include "extractors/set_regex.h"

#include <re2/re2.h>

#include <string>
#include <vector>

#include "extractors/miner.h"
#include "extractors/pattern_pack.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
using testing::PacksDir;

TEST_CASE("SetRegex: boundaries at the ends of a match are left out",
          "[patterns]") {
  CHECK(SetRegex("\\bdatos\\s+abiertos\\b") == "datos\\s+abiertos");
  CHECK(SetRegex("\\ba\\b|\\bb\\b") == "a|b");
  CHECK(SetRegex("\\b(?:anti-?\\s?)?corrupci[oó]n\\b") ==
        "(?:anti-?\\s?)?corrupci[oó]n");
  // Inside groups that open or close the match, repeated or not.
  CHECK(SetRegex("(?:\\bfoo|\\bbar)\\s+baz") == "(?:foo|bar)\\s+baz");
  CHECK(SetRegex("(?:\\bfoo)+bar") == "(?:foo)+bar");
  CHECK(SetRegex("(?P<x>foo\\b)?") == "(?P<x>foo)?");
  CHECK(SetRegex("(?i)\\bfoo") == "(?i)foo");
}

TEST_CASE("SetRegex: a boundary inside the match keeps its neighbour",
          "[patterns]") {
  const std::string optional = std::string("(?:") + kBoundaryNeighbours + ")?";
  CHECK(SetRegex("foo\\bbar") == "foo" + optional + "bar");
  CHECK(SetRegex("foo(?:\\bbar|baz)") == "foo(?:" + optional + "bar|baz)");
  // Two repetitions must follow each other: the second one's boundary is
  // inside the match.
  CHECK(SetRegex("(?:\\bfoo){2}") == "(?:" + optional + "foo){2}");
  // Classes and escaped backslashes are not boundaries.
  CHECK(SetRegex("[\\b]x") == "[\\b]x");
  CHECK(SetRegex("a\\\\b") == "a\\\\b");
  CHECK(SetRegex("\\b?x") == "(?:)?x");
  // A quantifier after flags still has the boundary's group to repeat.
  CHECK(SetRegex("\\b(?i)+foo") == "(?:)(?i)+foo");
  RE2 quantified(SetRegex("\\b(?i)+foo"));
  CHECK(quantified.ok());
  // \Q…\E: what ExpandWordBoundaries makes of it, as compiled.
  CHECK(SetRegex("\\Qa\\b\\E") == ExpandWordBoundaries("\\Qa\\b\\E"));
}

// RE2 refuses these; the set regex is then the expanded pattern (refused
// the same way), and reading them touches nothing outside the pattern.
TEST_CASE("SetRegex: unbalanced parentheses give the expanded pattern",
          "[patterns]") {
  for (const std::string p : {"\\b)", "a)\\b", ")|\\bx", "(\\b", "\\b|)",
                              "((\\bx)|y))\\b", "[\\b", "\\", "(?P<x\\b"})
    CHECK(SetRegex(p) == ExpandWordBoundaries(p));
}

// Every text a shipped pattern matches, its set regex matches too; the
// texts are every example sentence of every pack, alone and with each kind
// of neighbour a boundary can take.
TEST_CASE("SetRegex: matches wherever the shipped patterns match",
          "[patterns]") {
  auto packs = LoadPackDir(PacksDir());
  REQUIRE(packs.ok());
  std::vector<std::string> texts;
  for (const PatternPack& pack : *packs) {
    auto ex =
        LoadExamples(pack.path.substr(0, pack.path.size() - 4) + ".examples");
    REQUIRE(ex.ok());
    for (const Example& e : *ex) {
      texts.push_back(e.sentence);
      texts.push_back("«" + e.sentence + "»");
      texts.push_back("—" + e.sentence + "—x");
      texts.push_back("x" + e.sentence + "x");
    }
  }
  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_log_errors(false);
  size_t matched = 0;
  for (const PatternPack& pack : *packs)
    for (const Pattern& p : pack.patterns) {
      RE2 exact(p.regex, o), loose(p.set_regex, o);
      INFO(pack.path << ": " << p.id << "\n  " << p.set_regex);
      REQUIRE(loose.ok());
      for (const std::string& t : texts) {
        if (!RE2::PartialMatch(t, exact)) continue;
        ++matched;
        INFO(t);
        CHECK(RE2::PartialMatch(t, loose));
      }
    }
  CHECK(matched > 1000);
}

// The miner's findings do not depend on the set: the same matches with the
// patterns' own regexes in it.
TEST_CASE("SetRegex: the miner finds what the exact patterns find",
          "[patterns][mine]") {
  auto packs = LoadPackDir(PacksDir());
  REQUIRE(packs.ok());
  std::vector<PatternPack> exact_packs = *packs;
  for (PatternPack& pack : exact_packs)
    for (Pattern& p : pack.patterns) p.set_regex.clear();
  auto fast = Miner::Create(*packs);
  auto exact = Miner::Create(exact_packs);
  REQUIRE(fast.ok());
  REQUIRE(exact.ok());
  size_t found = 0;
  for (const PatternPack& pack : *packs) {
    auto ex =
        LoadExamples(pack.path.substr(0, pack.path.size() - 4) + ".examples");
    REQUIRE(ex.ok());
    for (const Example& e : *ex)
      for (const std::string& t : {e.sentence, "«" + e.sentence + "»."}) {
        std::vector<PatternMatch> a = fast->Match(t), b = exact->Match(t);
        INFO(t);
        REQUIRE(a.size() == b.size());
        for (size_t i = 0; i < a.size(); ++i) {
          CHECK(a[i].pack == b[i].pack);
          CHECK(a[i].pattern == b[i].pattern);
          CHECK(a[i].start == b[i].start);
          CHECK(a[i].end == b[i].end);
          CHECK(a[i].captures == b[i].captures);
        }
        found += a.size();
      }
  }
  CHECK(found > 500);
}

}  // namespace planmine
