// The manifest read strictly (RFC 4180, a byte order mark, UTF-8, values
// and repeated rows) and its rows matched to a run's files by resolved path.
#include "pipeline/discover/manifest.h"

#include <filesystem>

#include "pipeline/core/countries.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
using namespace testing;
namespace fs = std::filesystem;

TEST_CASE("Manifest strict: bad input refused with file and line",
          "[manifest]") {
  using Row = std::tuple<std::string, std::string>;
  auto [text, message] = GENERATE(table<std::string, std::string>({
      // A quote never closed would swallow the rest of the file.
      Row{"path,title\na.pdf,ok\nb.pdf,\"never closed\nc.pdf,x\n",
          "m.csv:3: a quote opened here is never closed (a quote inside a "
          "quoted field is written \"\")"},
      // Lines are counted inside a quoted field that holds line breaks.
      Row{"path,title\na.pdf,\"two\nlines\"\nb.pdf,\"open\n",
          "m.csv:4: a quote opened here is never closed (a quote inside a "
          "quoted field is written \"\")"},
      Row{"file\ttitle\na.pdf\t\"open\n",
          "m.csv:2: a quote opened here is never closed (a quote inside a "
          "quoted field is written \"\")"},
      Row{"path,title\na.pdf,\"x\"y\n",
          "m.csv:2: text after the closing quote of a field (a quote inside a "
          "quoted field is written \"\")"},
      Row{"path,title\na.pdf,ok\nb.pdf,caf\xe9\n",
          "m.csv:3: not UTF-8 text (save the manifest as UTF-8, e.g. a "
          "spreadsheet's \"CSV UTF-8\")"},
      Row{"path,language\na.pdf,klingon\n",
          "m.csv:2: language must be one of es, pt, en, other, got 'klingon'"},
      Row{"path,doc_type\na.pdf,action plan\n",
          "m.csv:2: doc_type must be one of action_plan, irm_report, "
          "self_assessment, workshop, slides, agenda, guide, legal, report, "
          "other, got 'action plan'"},
      Row{"file\tdoc_type_full\na.pdf\tplan\n",
          "m.csv:2: doc_type must be one of action_plan, irm_report, "
          "self_assessment, workshop, slides, agenda, guide, legal, report, "
          "other, got 'plan'"},
      Row{"path,year\na.pdf,0000\n",
          "m.csv:2: year must be between 1900 and 2100, got '0000'"},
      Row{"path,title\na.pdf,a\x01"
          "b\n",
          "m.csv:2: title must be text, without control characters"},
      Row{"path,title\na.pdf,Plan, con coma\n",
          "m.csv:2: 3 fields, but the header names 2 (a value holding the "
          "delimiter must be quoted)"},
      Row{"path,country,Country\na.pdf,CO,AR\n",
          "m.csv:1: column 'country' appears twice"},
      Row{"path,file\na.pdf,a.pdf\n",
          "m.csv:1: both a 'path' and a 'file' column (give one)"},
      // Two rows for one file that disagree: both lines named.
      Row{"path,country,year\na.pdf,CO,2020\nb.pdf,BR,\n./a.pdf,AR,2020\n",
          "m.csv:4: './a.pdf' has another row, on line 2, that says "
          "otherwise: country 'AR' here, 'CO' on line 2"},
      Row{"path,title\nx/../a.pdf,Uno\na.pdf,\n",
          "m.csv:3: 'a.pdf' has another row, on line 2, that says otherwise: "
          "title empty here, 'Uno' on line 2"},
      Row{"\xEF\xBB\xBF", "m.csv:1: empty manifest"},
  }));
  auto m = Manifest::Parse(text, "/d", "m.csv");
  REQUIRE_FALSE(m.ok());
  CHECK(m.status().message() == message);
}

TEST_CASE("Manifest strict: an unknown country is refused, a known one kept",
          "[manifest]") {
  REQUIRE(FindCountry("ZZ") == nullptr);
  auto m = Manifest::Parse("path,country\na.pdf,zz\n", "/d", "m.csv");
  REQUIRE_FALSE(m.ok());
  CHECK(m.status().message() ==
        "m.csv:2: country must be an ISO 3166-1 alpha-2 code planmine knows (" +
            std::to_string(AllCountries().size()) +
            " countries: AR, BR, CO, GB, MX, …), got 'ZZ'");
  auto ok = Manifest::Parse("path,country\na.pdf,uy\n", "/d", "m.csv");
  REQUIRE(ok.ok());
  CHECK(ok->entries()[0].country == "UY");
}

TEST_CASE("Manifest strict: a byte order mark, CRLF and RFC 4180 quoting",
          "[manifest]") {
  // A spreadsheet's "CSV UTF-8": BOM, CRLF, a quoted cell with a line
  // break and doubled quotes.
  auto m = Manifest::Parse(
      "\xEF\xBB\xBFpath,country,title,doc_type\r\n"
      "a.pdf,co,\"Plan de\r\nacción \"\"IV\"\"\",Action_Plan\r\n"
      "b.pdf,br,,\r\n",
      "/d", "m.csv");
  REQUIRE(m.ok());
  REQUIRE(m->size() == 2);
  const ManifestEntry& a = m->entries()[0];
  CHECK(a.path == "a.pdf");
  CHECK(a.country == "CO");
  CHECK(a.title == "Plan de acción \"IV\"");
  CHECK(a.doc_type == "action_plan");
  CHECK(a.line == 2);
  CHECK(m->entries()[1].line == 4);  // the quoted line break counts
  // TSV with a BOM too.
  auto t = Manifest::Parse(
      "\xEF\xBB\xBF"
      "file\tlanguage\nx.pdf\tPT\n",
      "/d", "M.tsv");
  REQUIRE(t.ok());
  CHECK(t->entries()[0].language == "pt");
}

TEST_CASE("Manifest strict: identical repeated rows are one, with a note",
          "[manifest]") {
  auto m = Manifest::Parse("path,country\na.pdf,CO\nb.pdf,BR\na.pdf,co\n", "/d",
                           "m.csv");
  REQUIRE(m.ok());
  CHECK(m->size() == 2);
  REQUIRE(m->notes().size() == 1);
  CHECK(m->notes()[0] == "m.csv:4: the same row as line 2 (ignored)");
}

TEST_CASE("Manifest strict: the shared corpus's MANIFEST.tsv loads, every row",
          "[manifest][real]") {
  const std::string path = RealCorpusDir() + "/MANIFEST.tsv";
  if (!fs::exists(path)) {
    REQUIRE(std::getenv("CI") == nullptr);
    return;
  }
  auto m = Manifest::Load(path);
  REQUIRE(m.ok());
  std::string text = ReadFile(path);
  size_t records = 0;
  for (const auto& r : ParseDelimited(text, '\t'))
    if (!r.empty() && !r[0].empty()) ++records;
  CHECK(m->size() == records - 1);
}

TEST_CASE("Manifest match: a path names one file, not every file of its name",
          "[manifest]") {
  TempDir dir;
  fs::create_directories(dir.File("in/2020"));
  fs::create_directories(dir.File("in/2021"));
  const std::string y2020 = dir.File("in/2020/plan.pdf");
  const std::string y2021 = dir.File("in/2021/plan.pdf");
  WriteFile(y2020, "x");
  WriteFile(y2021, "y");
  WriteFile(dir.File("in/m.csv"), "path,country\n2020/plan.pdf,CO\n");
  auto m = Manifest::Load(dir.File("in/m.csv"));
  REQUIRE(m.ok());
  auto match = m->Match({y2020, y2021});
  REQUIRE(match.ok());
  REQUIRE(match->Find(y2020) != nullptr);
  CHECK(match->Find(y2020)->country == "CO");
  CHECK(match->Find(y2021) == nullptr);
  CHECK(match->notes().empty());
  // On its own too, and through "..", a relative path or a symbolic link.
  CHECK(m->Find(y2020) != nullptr);
  CHECK(m->Find(y2021) == nullptr);
  CHECK(m->Find(dir.File("in/2021/../2020/plan.pdf")) != nullptr);
  fs::create_directory_symlink(dir.File("in/2020"), dir.File("link"));
  CHECK(m->Find(dir.File("link/plan.pdf")) != nullptr);
}

TEST_CASE("Manifest match: a bare file name matches only when unique",
          "[manifest]") {
  TempDir dir;
  fs::create_directories(dir.File("in/2020"));
  fs::create_directories(dir.File("in/2021"));
  fs::create_directories(dir.File("meta"));
  const std::string y2020 = dir.File("in/2020/plan.pdf");
  const std::string y2021 = dir.File("in/2021/plan.pdf");
  const std::string other = dir.File("in/2021/other.pdf");
  for (const std::string& f : {y2020, y2021, other}) WriteFile(f, "x");
  WriteFile(dir.File("meta/m.csv"),
            "path,country\nplan.pdf,CO\nother.pdf,BR\n");
  auto m = Manifest::Load(dir.File("meta/m.csv"));
  REQUIRE(m.ok());
  // Two files named plan.pdf: ambiguous, both named.
  auto both = m->Match({y2020, y2021, other});
  REQUIRE_FALSE(both.ok());
  CHECK(both.status().message() ==
        dir.File("meta/m.csv") +
            ":2: 'plan.pdf' is ambiguous: 2 files of this run have that name "
            "(" +
            y2020 + ", " + y2021 +
            "); write the file's path relative to the manifest's folder");
  // One of them in the run: matched by name, and said.
  auto one = m->Match({y2021, other});
  REQUIRE(one.ok());
  REQUIRE(one->Find(y2021) != nullptr);
  CHECK(one->Find(y2021)->country == "CO");
  CHECK(one->Find(other)->country == "BR");
  REQUIRE(one->notes().size() == 2);
  CHECK(one->notes()[1] ==
        dir.File("meta/m.csv") +
            ":2: 'plan.pdf' matched by file name alone: " + y2021 +
            " (the only file of the run with that "
            "name)");
  // A file of that name in the manifest's own folder is the one meant.
  const std::string own = dir.File("meta/plan.pdf");
  WriteFile(own, "z");
  auto here = m->Match({y2020, y2021, own});
  REQUIRE(here.ok());
  CHECK(here->Find(own) != nullptr);
  CHECK(here->Find(y2020) == nullptr);
  CHECK(here->Find(y2021) == nullptr);
}

TEST_CASE("Manifest match: a path row and a name row for one file must agree",
          "[manifest]") {
  TempDir dir;
  fs::create_directories(dir.File("in/2020"));
  const std::string f = dir.File("in/2020/plan.pdf");
  WriteFile(f, "x");
  WriteFile(dir.File("in/m.csv"),
            "path,country\n2020/plan.pdf,CO\nplan.pdf,AR\n");
  auto m = Manifest::Load(dir.File("in/m.csv"));
  REQUIRE(m.ok());
  auto match = m->Match({f});
  REQUIRE_FALSE(match.ok());
  CHECK(match.status().message() ==
        dir.File("in/m.csv") + ":3: 'plan.pdf' names " + f +
            ", which line 2 names too, and says otherwise: country 'AR' "
            "here, 'CO' on line 2");
}

}  // namespace planmine
