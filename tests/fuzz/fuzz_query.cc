// libFuzzer: the filter values and the search-query parser (plain words,
// phrases, FTS5 syntax, theme:, the term bridge) never crashes and, when it
// accepts a query, gives FTS5 something it can run against an empty index
// without an internal error.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>

#include "pipeline/core/countries.h"
#include "pipeline/load/store.h"
#include "pipeline/query/filters.h"
#include "pipeline/query/query.h"

namespace {

const planmine::TermBridge& Bridge() {
  static const planmine::TermBridge* b = [] {
    auto r = planmine::LoadTermBridge(PLANMINE_PACKS_DIR);
    return new planmine::TermBridge(r.ok() ? *r : planmine::TermBridge());
  }();
  return *b;
}

planmine::Db& Index() {
  static planmine::Store* s = [] {
    auto r = planmine::Store::Open(":memory:");
    if (!r.ok()) abort();
    return r->release();
  }();
  return s->db();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string q(reinterpret_cast<const char*>(data), size);
  // The filter values a user types (country, cycle, theme, language) are
  // read or refused, never crash.
  planmine::Filters f{q, q, q, q};
  (void)planmine::ResolveFilters(Index(), &f);
  (void)planmine::ResolveCycle(Index(), q, "");
  (void)planmine::PlanOrdinal(q, true);
  (void)planmine::CountryCode(q);
  auto parsed = planmine::ParseQuery(q, &Bridge());
  if (!parsed.ok()) return 0;
  planmine::SearchOptions o;
  o.bridge = &Bridge();
  auto t = planmine::Search(Index(), q, o);
  // Accepted or refused with a message in the user's terms; an SQL error
  // that leaks through is a bug. (A message may quote the query: "sqlite"
  // typed by the user is not a leak.)
  std::string lower = q;
  for (char& c : lower)
    c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  if (!t.ok() && t.status().message().find("sqlite") != std::string::npos &&
      lower.find("sqlite") == std::string::npos &&
      t.status().message().find("invalid search query") == std::string::npos)
    abort();
  return 0;
}
