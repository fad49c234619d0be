// filters: what a user typed for a filter, read as the value the index
// stores, or refused with the values it could have been.
//
//   country   a code or a name in es/pt/en ("CO", "colombia", "Brasil",
//             "Reino Unido") -> "CO"; must have documents in the index
//   cycle     "2015-2017", "2015 - 2017", "2015–17", "2015/2017" ->
//             "2015-2017"; an ordinal ("IV", "4", "4th", "fourth", "cuarto",
//             "quarto") -> the cycle of the plans whose title carries it
//             (one country's, when `country` is given)
//   theme     a theme id of the taxonomy (or its label in en/es/pt)
//   language  es, pt or en, present in the index
// An unknown value is an InvalidArgument naming the valid values (and the
// nearest one, "did you mean …?"); the CLI exits 2 with it. Empty values
// stay empty (no filter).
#ifndef PLANMINE_QUERY_FILTERS_H_
#define PLANMINE_QUERY_FILTERS_H_

#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/load/db.h"

namespace planmine {

struct Filters {
  std::string country, cycle, theme, language;
};

// Rewrites each non-empty field to the stored value, or fails.
Status ResolveFilters(Db& db, Filters* f);

// One at a time (ResolveFilters calls these).
Result<std::string> ResolveCountry(Db& db, const std::string& typed);
Result<std::string> ResolveCycle(Db& db, const std::string& typed,
                                 const std::string& country);
Result<std::string> ResolveTheme(Db& db, const std::string& typed);
Result<std::string> ResolveLanguage(Db& db, const std::string& typed);

// The plan ordinal a title or typed value names: "IV", "4th", "fourth",
// "cuarto", "quarto", "4" -> 4; 0 when none. With `in_title`, only an
// ordinal followed by "plan"/"national action plan"… counts.
int PlanOrdinal(const std::string& text, bool in_title);

// The candidate nearest to `typed` (case and accents folded) when it is
// close enough to be a typo, else "".
std::string Nearest(const std::string& typed,
                    const std::vector<std::string>& candidates);

}  // namespace planmine

#endif  // PLANMINE_QUERY_FILTERS_H_
