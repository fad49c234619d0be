// planmine search QUERY: ranked sentences with the page to cite.
#include <unistd.h>

#include <iostream>

#include "pipeline/cli/command.h"
#include "pipeline/cli/commands/commands.h"
#include "pipeline/cli/format.h"
#include "pipeline/core/doc_types.h"

namespace planmine {
namespace {

struct SearchArgs {
  std::string query, format = "table";
  SearchOptions so;
  int page = 1;
  bool no_bridge = false;
};

// One hit per paragraph: the snippet is long, so records, not columns.
void PrintHits(const Table& t) {
  auto col = [&](const char* name) { return t.Column(name); };
  const int title = col("title"), file = col("file"), country = col("country"),
            year = col("year"), type = col("doc_type"),
            language = col("language"), page = col("page"),
            snippet = col("snippet");
  auto at = [](const std::vector<std::string>& r, int c) {
    return c < 0 ? std::string() : r[c];
  };
  int i = 0;
  for (const auto& r : t.rows) {
    std::cout << ++i << ". " << at(r, title) << " ("
              << (at(r, country).empty() ? "?" : at(r, country))
              << (at(r, year).empty() ? "" : ", " + at(r, year)) << ", "
              << at(r, type) << ", " << at(r, language) << ")\n   "
              << at(r, file) << ", page " << at(r, page) << "\n   "
              << at(r, snippet) << "\n";
  }
  if (t.rows.empty()) std::cout << "no matches\n";
}

int RunSearch(SearchArgs& a, const GlobalOptions& g) {
  auto store = OpenIndex(g.db);
  if (!store.ok()) return Fail(store.status());
  Db& conn = (*store)->db();
  SearchOptions& so = a.so;
  if (a.format == "table" && isatty(STDOUT_FILENO)) {
    so.mark_open = "\033[1;33m";
    so.mark_close = "\033[0m";
  }
  so.offset = (a.page - 1) * so.limit;
  TermBridge bridge;
  if (!a.no_bridge) {
    auto b = LoadTermBridge(g.packs);
    if (!b.ok()) return Fail(b.status());
    bridge = std::move(*b);
    so.bridge = &bridge;
  }
  auto t = Search(conn, a.query, so);
  if (!t.ok()) return Fail(t.status());
  if (a.format != "table") {
    Emit(*t, a.format, "search");
    return kExitOk;
  }
  auto parsed = ParseQuery(a.query, so.bridge);
  if (parsed.ok() && !parsed->bridged.empty()) {
    std::string also;
    for (const std::string& b : parsed->bridged)
      also += (also.empty() ? "" : ", ") + b;
    std::cout << "(also searching: " << also << ")\n";
  }
  PrintHits(*t);
  return kExitOk;
}

RunFn SearchSetup(CLI::App* search) {
  auto a = std::make_shared<SearchArgs>();
  SearchOptions& so = a->so;
  search
      ->add_option("QUERY", a->query,
                   "Words (any accents, case and inflection), \"an exact "
                   "phrase\", prefix*, AND/OR/NOT/NEAR, theme:ID")
      ->required();
  search->add_option("--country", so.country,
                     "ISO code or name, e.g. CO or Colombia");
  search->add_option("--lang", so.language, "es, pt or en");
  search->add_option("--type", so.doc_type, "Document type: " + DocTypeNames())
      ->check(CLI::IsMember(DocTypeOptions()));
  search->add_option("--cycle", so.cycle, "Plan cycle, e.g. 2015-2017 or IV");
  search->add_option("--theme", so.theme,
                     "Only sentences tagged with this theme id");
  search->add_option("--from-year", so.year_from, "Documents of this year on");
  search->add_option("--to-year", so.year_to, "Documents up to this year");
  search->add_option("--limit", so.limit, "Hits per page")
      ->capture_default_str();
  search->add_option("--page", a->page, "Which page of hits (1, 2, …)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  search->add_flag("--no-bridge", a->no_bridge,
                   "Do not add the other languages' terms "
                   "(packs/terms.tsv, theme labels)");
  AddFormat(search, &a->format);
  return [a](const GlobalOptions& g) { return RunSearch(*a, g); };
}

}  // namespace

Command SearchCommand() {
  return {"search",
          "Full-text search over sentences, ranked (bm25), with the page to "
          "cite",
          SearchSetup};
}

}  // namespace planmine
