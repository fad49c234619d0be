// End to end: hostile and careless input refused with a clear message and
// exit 2 (issue 15) — manifests, numeric options and queries — and the
// legitimate wishes behind them spelled out (--timeout none).
#include <filesystem>

#include "pipeline/query/query.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
using namespace testing;
namespace fs = std::filesystem;

namespace {

std::string Cli(const std::string& db, const std::string& args) {
  return "timeout 120 " + PlanmineBin() + " --db " + db + " --ocr off " + args;
}

std::string Rows(const std::string& db, const std::string& sql) {
  CommandResult q = Run(Sqlite3() + " " + db + " \"" + sql + "\"");
  REQUIRE(q.exit_code == 0);
  return q.out;
}

// A plain-text document planmine indexes in milliseconds.
void WriteDoc(const std::string& path, const std::string& sentence) {
  fs::create_directories(fs::path(path).parent_path());
  WriteFile(path, "# Plan\n\n" + sentence + "\n");
}

}  // namespace

TEST_CASE("E2E strict: a manifest row names one file, by resolved path",
          "[e2e][strict]") {
  TempDir dir;
  const std::string y2020 = dir.File("in/2020/plan.txt");
  const std::string y2021 = dir.File("in/2021/plan.txt");
  WriteDoc(y2020, "El gobierno publicará los datos abiertos del presupuesto.");
  WriteDoc(y2021, "El gobierno publicará los contratos de obra pública.");
  const std::string db = dir.File("i.sqlite");
  WriteFile(dir.File("in/m.csv"), "path,country\n2020/plan.txt,UY\n");
  CommandResult r = Run(Cli(
      db, "ingest " + dir.File("in") + " --manifest " + dir.File("in/m.csv")));
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  CHECK(Rows(db,
             "SELECT path FROM documents WHERE country_source LIKE "
             "'correction%' ORDER BY path") == y2020 + "\n");
  // A bare name that two files of the run have: refused, nothing written.
  const std::string db2 = dir.File("j.sqlite");
  WriteFile(dir.File("m2.csv"), "path,country\nplan.txt,UY\n");
  CommandResult amb = Run(Cli(
      db2, "ingest " + dir.File("in") + " --manifest " + dir.File("m2.csv")));
  CHECK(amb.exit_code == 2);
  CHECK(amb.out == "planmine: " + dir.File("m2.csv") +
                       ":2: 'plan.txt' is ambiguous: 2 files of this run have "
                       "that name (" +
                       y2020 + ", " + y2021 +
                       "); write the file's path relative to the manifest's "
                       "folder\n");
  // One of them: matched by name, and the run says so.
  CommandResult one = Run(Cli(db2, "ingest " + dir.File("in/2021") +
                                       " --manifest " + dir.File("m2.csv")));
  CHECK(one.exit_code == 0);
  CHECK(one.out.find("planmine: note: " + dir.File("m2.csv") +
                     ":2: 'plan.txt' matched by file name alone: " + y2021 +
                     " (the only file of the run with that name)\n") !=
        std::string::npos);
}

TEST_CASE("E2E strict: bad manifests stop the run with file and line",
          "[e2e][strict]") {
  TempDir dir;
  WriteDoc(dir.File("in/a.txt"), "El gobierno publicará los datos abiertos.");
  const std::string db = dir.File("i.sqlite");
  const std::string m = dir.File("m.csv");
  using Row = std::tuple<std::string, std::string>;
  auto [text, message] = GENERATE(table<std::string, std::string>({
      Row{"path,title\nin/a.txt,\"no end\nin/b.txt,x\n",
          ":2: a quote opened here is never closed (a quote inside a quoted "
          "field is written \"\")"},
      Row{"path,language\nin/a.txt,klingon\n",
          ":2: language must be one of es, pt, en, other, got 'klingon'"},
      Row{"path,doc_type\nin/a.txt,minutes\n",
          ":2: doc_type must be one of action_plan, irm_report, "
          "self_assessment, workshop, slides, agenda, guide, legal, report, "
          "other, got 'minutes'"},
      Row{"path,country\nin/a.txt,CO\nin/./a.txt,AR\n",
          ":3: 'in/./a.txt' has another row, on line 2, that says otherwise: "
          "country 'AR' here, 'CO' on line 2"},
      Row{"path,title\nin/a.txt,Informe\xff\n",
          ":2: not UTF-8 text (save the manifest as UTF-8, e.g. a "
          "spreadsheet's \"CSV UTF-8\")"},
  }));
  WriteFile(m, text);
  CommandResult r =
      Run(Cli(db, "ingest " + dir.File("in") + " --manifest " + m));
  CHECK(r.exit_code == 2);
  CHECK(r.out == "planmine: " + m + message + "\n");
  CHECK_FALSE(fs::exists(db));
}

TEST_CASE("E2E strict: a spreadsheet's CSV UTF-8 (BOM, CRLF) is a manifest",
          "[e2e][strict]") {
  TempDir dir;
  WriteDoc(dir.File("in/a.txt"), "El gobierno publicará los datos abiertos.");
  const std::string db = dir.File("i.sqlite");
  WriteFile(
      dir.File("m.csv"),
      "\xEF\xBB\xBFpath,country,title\r\nin/a.txt,co,\"Plan \"\"IV\"\"\"\r\n");
  CommandResult r = Run(
      Cli(db, "ingest " + dir.File("in") + " --manifest " + dir.File("m.csv")));
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  CHECK(Rows(db, "SELECT country, title FROM documents") == "CO|Plan \"IV\"\n");
}

TEST_CASE("E2E strict: planmine set refuses values the manifest refuses",
          "[e2e][strict]") {
  TempDir dir;
  const std::string db = dir.File("i.sqlite");
  using Row = std::tuple<std::string, std::string>;
  auto [pair, message] = GENERATE(table<std::string, std::string>({
      Row{"language=klingon",
          "set: language must be one of es, pt, en, other, got 'klingon'"},
      Row{"year=0000", "set: year must be between 1900 and 2100, got '0000'"},
      Row{"doc_type=minutes",
          "set: doc_type must be one of action_plan, irm_report, "
          "self_assessment, workshop, slides, agenda, guide, legal, report, "
          "other, got 'minutes'"},
  }));
  CommandResult r = Run(Cli(db, "set x.pdf " + pair));
  CHECK(r.exit_code == 2);
  CHECK(r.out == "planmine: " + message + "\n");
}

TEST_CASE("E2E strict: numeric options out of range say the range",
          "[e2e][strict]") {
  TempDir dir;
  const std::string db = dir.File("i.sqlite");
  using Row = std::tuple<std::string, std::string>;
  auto [args, message] = GENERATE(table<std::string, std::string>({
      Row{"ingest --timeout 0 x",
          "--timeout must be between 1 and 604800 (seconds) or 'none', got 0"},
      Row{"ingest --memory-mb 0 x",
          "--memory-mb must be between 32 and 1048576 (MB) or 'none', got 0"},
      Row{"ingest --memory-mb -5 x",
          "--memory-mb must be between 32 and 1048576 (MB) or 'none', got -5"},
      Row{"ingest --max-pages 0 x",
          "--max-pages must be between 1 and 1000000, got 0"},
      Row{"ingest --timeout 1e3 x",
          "--timeout must be between 1 and 604800 (seconds) or 'none', got "
          "'1e3'"},
      Row{"search --limit -5 datos",
          "--limit must be between 1 and 10000, got -5"},
      Row{"search --limit 0 datos",
          "--limit must be between 1 and 10000, got 0"},
      Row{"search --page 99999999999999999999 datos",
          "--page must be between 1 and 1000000, got 99999999999999999999"},
      Row{"search --page 0 datos",
          "--page must be between 1 and 1000000, got 0"},
      Row{"search --from-year 20 datos",
          "--from-year must be between 1900 and 2100, got 20"},
      Row{"entities --limit 0", "--limit must be between 1 and 100000, got 0"},
      Row{"extract --max-pages -1 x.pdf",
          "--max-pages must be between 1 and 1000000, got -1"},
  }));
  CommandResult r = Run(Cli(db, args));
  INFO(args);
  CHECK(r.exit_code == 2);
  CHECK(r.out == "planmine: " + message + "\n");
}

TEST_CASE("E2E strict: --jobs between 1 and a bound the machine sets",
          "[e2e][strict]") {
  TempDir dir;
  const std::string db = dir.File("i.sqlite");
  for (const char* jobs : {"1000", "-1", "0", "many"}) {
    CommandResult r = Run(Cli(db, std::string("ingest --jobs ") + jobs + " x"));
    INFO(r.out);
    CHECK(r.exit_code == 2);
    CHECK(r.out.rfind("planmine: --jobs must be between 1 and ", 0) == 0);
    CHECK(r.out.find(" per core") != std::string::npos);
    CHECK(r.out.find("or 'in-process', got ") != std::string::npos);
  }
  // The open-file limit lowers the bound instead of the run failing.
  CommandResult low = Run("ulimit -n 72 && " + Cli(db, "ingest --jobs 100 x"));
  CHECK(low.exit_code == 2);
  CHECK(low.out.find("the open-file limit allows 2") != std::string::npos);
}

TEST_CASE(
    "E2E strict: no limit is a word, in-process is a word, and a page past "
    "the end says so",
    "[e2e][strict]") {
  TempDir dir;
  WriteDoc(dir.File("in/a.txt"),
           "El gobierno publicará los datos abiertos del presupuesto.");
  const std::string db = dir.File("i.sqlite");
  CommandResult r = Run(Cli(db,
                            "ingest --timeout none --memory-mb none "
                            "--jobs in-process " +
                                dir.File("in")));
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  CommandResult p1 = Run(Cli(db, "search datos"));
  CHECK(p1.out.find("1. ") != std::string::npos);
  CommandResult past =
      Run(Cli(db, "search --page 1000000 --limit 10000 datos"));
  CHECK(past.exit_code == 0);
  CHECK(past.out ==
        "page 1000000 is past the last page, 1 (1 sentences, 10000 a page)\n");
  CommandResult docs = Run(Cli(db, "search --by document --page 2 datos"));
  CHECK(docs.out ==
        "page 2 is past the last page, 1 (1 documents, 1 a page)\n");
}

TEST_CASE("E2E strict: a query has at most 500 words and 8192 bytes",
          "[e2e][strict][query]") {
  std::string words;
  for (int i = 0; i < 500; ++i) words += i % 2 ? "datos " : "abiertos ";
  TermBridge none;
  CHECK(ParseQuery(words, &none).ok());
  auto over = ParseQuery(words + "presupuesto", &none);
  REQUIRE_FALSE(over.ok());
  CHECK(over.status().message() ==
        "search query too long: 501 words, at most 500 (search for its key "
        "words)");
  auto bytes = ParseQuery(std::string(8193, 'a'), nullptr);
  REQUIRE_FALSE(bytes.ok());
  CHECK(bytes.status().message() ==
        "search query too long: 8193 bytes, at most 8192 (search for its key "
        "words)");
  // Every search mode says it, with exit 2.
  TempDir dir;
  WriteDoc(dir.File("in/a.txt"), "El gobierno publicará los datos abiertos.");
  const std::string db = dir.File("i.sqlite");
  REQUIRE(Run(Cli(db, "ingest -q " + dir.File("in"))).exit_code == 0);
  for (const char* mode : {"", "--by document ", "--by country ",
                           "--no-bridge ", "--format json "}) {
    CommandResult r = Run(
        Cli(db, std::string("search ") + mode + "'" + words + "presupuesto'"));
    INFO(mode);
    CHECK(r.exit_code == 2);
    CHECK(r.out ==
          "planmine: search query too long: 501 words, at most 500 (search "
          "for its key words)\n");
  }
}

}  // namespace planmine
