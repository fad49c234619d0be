#include "extractors/pattern_pack.h"

#include <re2/re2.h>

#include <filesystem>
#include <set>

#include "extractors/miner.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
using testing::PacksDir;

TEST_CASE("PatternPack: parses directives and patterns", "[patterns]") {
  auto p = ParsePatternPack(
      "# c\n@pack themes\n@version 2\n@lang es\nopen_data.datos  "
      "\\bdatos\\s+abiertos\\b\n",
      "x/themes.es.pat");
  REQUIRE(p.ok());
  CHECK(p->name == "themes");
  CHECK(p->version == 2);
  CHECK(p->language == "es");
  REQUIRE(p->patterns.size() == 1);
  CHECK(p->patterns[0].group == "open_data");
  CHECK(p->patterns[0].key == "datos");
  CHECK(p->patterns[0].line == 5);
}

TEST_CASE("PatternPack: patterns come compiled as the miner matches them",
          "[patterns]") {
  auto p = ParsePatternPack(
      "@pack themes\n@version 1\n@lang es\nopen_data.datos  "
      "\\bdatos\\s+abiertos\\b\n",
      "x/themes.es.pat");
  REQUIRE(p.ok());
  REQUIRE(p->patterns.size() == 1);
  const Pattern& pat = p->patterns[0];
  REQUIRE(pat.compiled != nullptr);
  CHECK(pat.compiled->ok());
  CHECK(pat.compiled->pattern() == pat.regex);
  CHECK_FALSE(pat.compiled->options().case_sensitive());
  CHECK(pat.compiled->options().max_mem() == 64 << 20);
  // The miner given this pack and the same pack without the compiled
  // pattern finds the same span.
  PatternPack bare = *p;
  bare.patterns[0].compiled = nullptr;
  auto shared = Miner::Create({*p});
  auto own = Miner::Create({bare});
  REQUIRE(shared.ok());
  REQUIRE(own.ok());
  const std::string text = "Publicar DATOS abiertos, y más.";
  auto a = shared->Match(text, "es");
  auto b = own->Match(text, "es");
  REQUIRE(a.size() == 1);
  REQUIRE(b.size() == 1);
  CHECK(text.substr(a[0].start, a[0].end - a[0].start) == "DATOS abiertos");
  CHECK(a[0].start == b[0].start);
  CHECK(a[0].end == b[0].end);
}

TEST_CASE("PatternPack: a bad file names its file and line", "[patterns]") {
  using Row = std::tuple<std::string, std::string>;
  auto [text, message] = GENERATE(table<std::string, std::string>({
      Row{"@pack t\n@version 1\n@lang es\nopen_data.x  \\bdatos(\n",
          "t.es.pat:4: pattern 'open_data.x': missing ): \\bdatos("},
      Row{"@pack t\n@version 1\n@lang es\nOpen.Data  x\n",
          "t.es.pat:4: bad id 'Open.Data' (lower-case group.key expected)"},
      Row{"@pack t\n@version 1\n@lang es\na.b  x\na.b  y\n",
          "t.es.pat:5: duplicate id 'a.b'"},
      Row{"@pack t\n@version one\n",
          "t.es.pat:2: @version must be a whole number, got 'one'"},
      Row{"@pack t\n@lang fr\n",
          "t.es.pat:2: @lang must be es, pt, en or any, got 'fr'"},
      Row{"@pack t\n@version 1\n@lang es\n@colour red\n",
          "t.es.pat:4: unknown directive @colour"},
      Row{"@version 1\n@lang es\na.b  x\n", "t.es.pat:1: missing @pack"},
      Row{"@pack t\n@version 1\n@lang es\nlonely\n",
          "t.es.pat:4: expected an id and a pattern"},
  }));
  auto p = ParsePatternPack(text, "dir/t.es.pat");
  REQUIRE_FALSE(p.ok());
  CHECK(p.status().message() == message);
}

// Packs are parsed two at a time; the error reported is still the first
// file's, whichever thread finished first.
TEST_CASE("PatternPack: of several bad packs, the first file's error is told",
          "[patterns]") {
  testing::TempDir dir;
  for (int i = 0; i < 8; ++i) {
    const std::string name = "p" + std::to_string(i) + ".es.pat";
    std::string text =
        "@pack p" + std::to_string(i) + "\n@version 1\n@lang es\n";
    for (int k = 0; k < 40; ++k)
      text += "g.k" + std::to_string(k) + "  \\bpalabra" + std::to_string(k) +
              "\\s+(?:de\\s+)?[\\pL]{0,6}\\b\n";
    if (i >= 5) text += "g.bad  \\bdatos(\n";
    testing::WriteFile(dir.File(name), text);
  }
  for (int round = 0; round < 5; ++round) {
    auto packs = LoadPackDir(dir.path());
    REQUIRE_FALSE(packs.ok());
    CHECK(packs.status().message().find("p5.es.pat:44: pattern 'g.bad'") !=
          std::string::npos);
  }
  // Without the bad ones: every pack, in file order.
  for (int i = 5; i < 8; ++i)
    std::filesystem::remove(dir.File("p" + std::to_string(i) + ".es.pat"));
  auto packs = LoadPackDir(dir.path());
  REQUIRE(packs.ok());
  REQUIRE(packs->size() == 5);
  for (int i = 0; i < 5; ++i)
    CHECK((*packs)[i].name == "p" + std::to_string(i));
}

// The generic examples test: every pack's examples file must hold, and every
// theme of the taxonomy must have patterns and examples in es, pt and en.
TEST_CASE("PatternPack: every example of every shipped pack holds",
          "[patterns]") {
  auto packs = LoadPackDir(PacksDir());
  REQUIRE(packs.ok());
  auto taxonomy = LoadTaxonomy(PacksDir() + "/themes.taxonomy.tsv");
  REQUIRE(taxonomy.ok());
  CHECK(taxonomy->size() == 25);
  std::set<std::string> theme_ids;
  for (const Theme& t : *taxonomy) theme_ids.insert(t.id);
  for (const PatternPack& pack : *packs) {
    std::string ex_path =
        pack.path.substr(0, pack.path.size() - 4) + ".examples";
    INFO(pack.path);
    REQUIRE(std::filesystem::exists(ex_path));
    auto examples = LoadExamples(ex_path);
    REQUIRE(examples.ok());
    CHECK(examples->size() >= 5);
    auto miner = Miner::Create({pack});
    REQUIRE(miner.ok());
    std::set<std::string> themes_with_positive;
    for (const Example& e : *examples) {
      bool hit = false;
      for (const PatternMatch& m : miner->Match(e.sentence)) {
        const Pattern& p = pack.patterns[m.pattern];
        bool anchored_ok = p.group != "heading" || m.start == 0;
        if ((p.group == e.target || p.id == e.target) && anchored_ok)
          hit = true;
      }
      INFO(ex_path << ":" << e.line << ": " << (e.must_match ? "+ " : "- ")
                   << e.target << "  " << e.sentence);
      CHECK(hit == e.must_match);
      if (e.must_match) themes_with_positive.insert(e.target);
    }
    if (pack.name == "themes") {
      std::set<std::string> groups;
      for (const Pattern& p : pack.patterns) {
        CHECK(theme_ids.count(p.group) == 1);
        groups.insert(p.group);
      }
      CHECK(groups == theme_ids);
      for (const std::string& id : theme_ids) {
        INFO("theme without a positive example: " << id);
        CHECK(themes_with_positive.count(id) == 1);
      }
    }
  }
}

TEST_CASE("PatternPack: a pattern names another pack's group in braces",
          "[patterns]") {
  testing::TempDir dir;
  testing::WriteFile(dir.File("dates.es.pat"),
                     "@pack dates\n@version 1\n@lang es\n"
                     "month.01  \\benero\\b\nmonth.02  \\bfebrero\\b\n");
  testing::WriteFile(dir.File("dates.en.pat"),
                     "@pack dates\n@version 1\n@lang en\n"
                     "month.01  \\bjanuary\\b\n");
  testing::WriteFile(dir.File("entities.any.pat"),
                     "@pack entities\n@version 1\n@lang any\n"
                     "date.my  (?P<month>{{dates.month}})\\s+\\d{4}\n");
  auto packs = LoadPackDir(dir.path());
  REQUIRE(packs.ok());
  const Pattern* date = nullptr;
  for (const PatternPack& p : *packs)
    if (p.name == "entities") date = &p.patterns[0];
  REQUIRE(date != nullptr);
  // Every language's month words, in file order; the \\b they all start
  // with written once.
  CHECK(date->source ==
        "(?P<month>(?:\\b(?:january\\b|enero\\b|febrero\\b)))"
        "\\s+\\d{4}");
  CHECK(RE2::PartialMatch("hasta febrero 2025", *date->compiled));
  // A reference to nothing is an error naming the file and line.
  testing::WriteFile(dir.File("entities.any.pat"),
                     "@pack entities\n@version 1\n@lang any\n"
                     "date.my  {{dates.day}}\\s+\\d{4}\n");
  auto bad = LoadPackDir(dir.path());
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() ==
        "entities.any.pat:4: {{dates.day}} names no pattern of a pack "
        "without references");
}

TEST_CASE(
    "PatternPack: a reference's shared leading boundary and trailing group "
    "are written once",
    "[patterns]") {
  const std::string guard = "(?:$|[^\\pL\\d])";
  CHECK(FactoredAlternation({"\\b(?:march|mar)" + guard, "\\bmay" + guard}) ==
        "\\b(?:(?:march|mar)|may)" + guard);
  // The same matches as the sources joined.
  const RE2 factored("(?i)" + FactoredAlternation({"\\b(?:march|mar)" + guard,
                                                   "\\bmay" + guard}));
  for (const char* text :
       {"in mar 2020", "May 2020", "marzo", "mayor", "mars."})
    CHECK(RE2::PartialMatch(text, factored) ==
          RE2::PartialMatch(
              text, RE2("(?i)\\b(?:march|mar)" + guard + "|\\bmay" + guard)));
  // Not factored: a group followed by more, a quantified group, a source
  // with its own top-level alternation, an escaped paren, a single source.
  CHECK(FactoredAlternation({"(a)b", "(c)b"}) == "(a)b|(c)b");
  CHECK(FactoredAlternation({"a(x)+", "b(x)+"}) == "a(x)+|b(x)+");
  CHECK(FactoredAlternation({"a|b(x)", "c(x)"}) == "a|b(x)|c(x)");
  CHECK(FactoredAlternation({"a\\(x)", "b\\(x)"}) == "a\\(x)|b\\(x)");
  CHECK(FactoredAlternation({"a(x)", "b(x)"}) == "(?:a|b)(x)");
  CHECK(FactoredAlternation({"\\bx"}) == "\\bx");
  CHECK(FactoredAlternation({"a(x)\\d", "b(x)\\d"}) == "a(x)\\d|b(x)\\d");
}

TEST_CASE("PatternPack: examples file format errors name the line",
          "[patterns]") {
  testing::TempDir dir;
  testing::WriteFile(dir.File("x.examples"), "+ a  fine sentence\n* b  what\n");
  auto e = LoadExamples(dir.File("x.examples"));
  REQUIRE_FALSE(e.ok());
  CHECK(e.status().message() ==
        "x.examples:2: expected '+ target<TAB>sentence' or '- "
        "target<TAB>sentence'");
}

}  // namespace planmine
