// planmine search QUERY: ranked sentences with the page to cite.
#include <unistd.h>

#include <iostream>
#include <limits>

#include "pipeline/cli/command.h"
#include "pipeline/cli/commands/commands.h"
#include "pipeline/cli/format.h"
#include "pipeline/cli/options.h"
#include "pipeline/core/doc_types.h"
#include "pipeline/query/dictionary.h"

namespace planmine {
namespace {

struct SearchArgs {
  std::string query, format = "table", by = "sentence";
  SearchOptions so;
  int page = 1;
  bool no_bridge = false, no_theme = false, no_dictionary = false;
  CLI::Option* limit = nullptr;  // given or not
};

// One document per paragraph: title, how it was found, hits and pages, the
// best snippet.
void PrintDocuments(const Table& t) {
  auto at = [&](const std::vector<std::string>& r, const char* name) {
    int c = t.Column(name);
    return c < 0 ? std::string() : r[c];
  };
  int i = 0;
  for (const auto& r : t.rows) {
    // The first dozen pages; JSON and CSV carry them all.
    std::string pages;
    int n = 0;
    for (char c : at(r, "pages")) {
      if (c == ';' && ++n == 12) {
        pages += ", …";
        break;
      }
      pages += c == ';' ? std::string(", ") : std::string(1, c);
    }
    std::cout << ++i << ". " << at(r, "title") << " ("
              << (at(r, "country").empty() ? "?" : at(r, "country"))
              << (at(r, "year").empty() ? "" : ", " + at(r, "year")) << ", "
              << at(r, "doc_type")
              << (at(r, "plan_cycle").empty() ? "" : ", " + at(r, "plan_cycle"))
              << ")\n   " << at(r, "file") << ": " << at(r, "hits") << " hits ("
              << at(r, "found_by") << "), pages " << pages << "\n   "
              << at(r, "snippet") << "\n";
  }
}

// "20 of 31 sentences" / "31 documents", the line every table output ends
// with.
std::string TotalLine(const Table& t, const char* unit) {
  const int64_t total =
      t.total >= 0 ? t.total : static_cast<int64_t>(t.rows.size());
  std::string line = std::to_string(t.rows.size());
  if (!t.total_exact)
    line += " of more than " + std::to_string(total - 1);
  else if (total != static_cast<int64_t>(t.rows.size()))
    line += " of " + std::to_string(total);
  return line + " " + unit;
}

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
  TermBridge bridge;
  if (!a.no_bridge) {
    auto b = LoadTermBridge(g.packs, /*fold=*/false);  // one query
    if (!b.ok()) return Fail(b.status());
    bridge = std::move(*b);
    so.bridge = &bridge;
  }
  // Nothing is read until a word outside the bridge needs a translation.
  // --no-bridge keeps the search in the words typed: no dictionary either.
  Dictionaries dictionary(Dictionaries::DefaultDir());
  if (!a.no_dictionary && !a.no_bridge) so.dictionary = &dictionary;
  if (a.no_theme) so.theme_min_sentences = 0;
  auto by = ParseSearchBy(a.by);
  if (!by.ok()) return Fail(by.status());
  if (*by != SearchBy::kSentence && a.limit->count() == 0) so.limit = 0;
  // Rows skipped, in 64 bits: a page past the end is empty, never page 1
  // again. Without a limit (all rows), every page after the first is empty.
  const int64_t skip = so.limit > 0
                           ? static_cast<int64_t>(a.page - 1) * so.limit
                           : (a.page > 1 ? std::numeric_limits<int>::max() : 0);
  so.offset = static_cast<int>(
      std::min<int64_t>(skip, std::numeric_limits<int>::max()));
  auto t = SearchDocuments(conn, a.query, so, *by);
  if (!t.ok()) return Fail(t.status());
  // An all-words query without a hit: which words match alone.
  NoHitHint hint;
  if (t->rows.empty() && a.page == 1) {
    auto h = ExplainNoHits(conn, a.query, so);
    if (!h.ok()) return Fail(h.status());
    hint = std::move(*h);
  }
  // A page past the last: said, with how many there are.
  const int64_t total =
      t->total >= 0 ? t->total : static_cast<int64_t>(t->rows.size());
  std::string past_end;
  if (t->rows.empty() && a.page > 1 && total > 0) {
    const char* unit = *by == SearchBy::kSentence   ? "sentences"
                       : *by == SearchBy::kDocument ? "documents"
                                                    : "countries";
    const int64_t per = so.limit > 0 ? so.limit : total;
    past_end = "page " + std::to_string(a.page) + " is past the last page, " +
               std::to_string((total + per - 1) / per) + " (" +
               std::to_string(total) + " " + unit + ", " + std::to_string(per) +
               " a page)";
  }
  if (a.format == "json") {
    nlohmann::ordered_json j = SearchJson(*t, a.by, hint);
    if (!past_end.empty()) j["message"] = past_end;
    PrintJsonValue(j, std::cout);
    return kExitOk;
  }
  if (!past_end.empty()) {
    if (a.format == "table") {
      std::cout << past_end << "\n";
      return kExitOk;
    }
    std::cerr << "planmine: " << past_end << "\n";
  }
  if (a.format != "table") {
    Emit(*t, a.format, "search");
    if (!hint.words.empty())
      std::cerr << "planmine: " << hint.message() << "\n";
    return kExitOk;
  }
  auto parsed = ParseQuery(a.query, so.bridge, so.dictionary);
  if (parsed.ok() && !parsed->bridged.empty()) {
    std::string also;
    for (const std::string& b : parsed->bridged)
      also += (also.empty() ? "" : ", ") + b;
    std::cout << "(also searching: " << also << ")\n";
  }
  if (parsed.ok() && !parsed->named_theme.empty() && !a.no_theme &&
      *by == SearchBy::kDocument)
    std::cout << "(and the documents that discuss the theme "
              << parsed->named_theme << ")\n";
  if (*by == SearchBy::kSentence) {
    PrintHits(*t);
    if (!t->rows.empty()) std::cout << TotalLine(*t, "sentences") << "\n";
  } else if (*by == SearchBy::kDocument) {
    PrintDocuments(*t);
    if (t->rows.empty()) std::cout << "no matches\n";
    std::cout << TotalLine(*t, "documents") << "\n";
  } else {
    Emit(*t, a.format, "search");
    std::cout << TotalLine(*t, "countries") << "\n";
  }
  if (!hint.words.empty()) std::cout << hint.message() << "\n";
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
  search->add_option("--from-year", so.year_from, "Documents of this year on")
      ->transform(IntRange("--from-year", kMinYear, kMaxYear));
  search->add_option("--to-year", so.year_to, "Documents up to this year")
      ->transform(IntRange("--to-year", kMinYear, kMaxYear));
  search
      ->add_option("--by", a->by,
                   "One row per sentence hit, per document (hits, pages, "
                   "best snippet) or per country")
      ->check(CLI::IsMember({"sentence", "document", "country"}))
      ->capture_default_str();
  a->limit = search
                 ->add_option(
                     "--limit", so.limit,
                     "Rows per page (--by document/country: all unless given)")
                 ->transform(IntRange("--limit", 1, kMaxSearchRows))
                 ->capture_default_str();
  search->add_option("--page", a->page, "Which page of hits (1, 2, …)")
      ->transform(IntRange("--page", 1, kMaxPage))
      ->capture_default_str();
  search->add_flag("--no-bridge", a->no_bridge,
                   "Do not add the other languages' terms "
                   "(packs/terms.tsv, theme labels; nor the dictionary's)");
  search->add_flag("--no-dictionary", a->no_dictionary,
                   "Do not add the dictionary translations of words the "
                   "bridge does not know (FreeDict, /usr/share/dictd)");
  search->add_flag("--exact-count", so.exact_total,
                   "Count every sentence hit (by default the count is exact "
                   "up to " +
                       std::to_string(kExactTotalUpTo) +
                       " and says \"more than\" beyond)");
  search->add_flag("--no-theme", a->no_theme,
                   "--by document: a query that names a theme finds only "
                   "its words and their equivalents, not every document "
                   "that discusses the theme");
  AddFormat(search, &a->format);
  return [a](const GlobalOptions& g) { return RunSearch(*a, g); };
}

}  // namespace

Command SearchCommand() {
  return {"search",
          "Full-text search over sentences, ranked (bm25), with the page to "
          "cite; --by document or country for where a notion is discussed",
          SearchSetup};
}

}  // namespace planmine
