// hit_filter: the filters of a search (country, type, cycle, years, theme,
// language) tested on the sentence ids the full-text index returns, instead
// of joining every match with its sentence and its document, which cost
// about 1 µs a match (a filtered search of a common word read 60,000 rows of
// `sentences` on a million-sentence index).
//
//   document filters  the documents they keep, as the id ranges of their
//                     sentences, made once per query with two index seeks
//                     per kept document. A document's sentences have
//                     consecutive ids: Store gives them the next ids, one
//                     document at a time (fts_rank.h), so a match is kept
//                     when its id lies in a kept document's range.
//   theme             the ids of the sentences tagged with it, read from
//                     the index theme_hits_theme_doc_sentence (a few ms for
//                     50,000), then a binary search per match; on an index
//                     without it (written before it existed and not since),
//                     looked up for each match the document filters kept;
//   language          looked up last, for the matches the others kept.
//
// Example:
//   auto f = HitFilter::Create(db, options, theme);
//   if (f.ok() && f->usable()) ... f->Keep(id) for each match ...
#ifndef PLANMINE_QUERY_HIT_FILTER_H_
#define PLANMINE_QUERY_HIT_FILTER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/load/db.h"
#include "pipeline/query/query.h"

namespace planmine {

class HitFilter {
 public:
  // REQUIRES: `o` resolved (ResolveSearchFilters); `theme` is the theme
  // filter (o.theme or the query's theme:ID). usable() is false when two
  // kept documents' ranges overlap (an index whose ids were not given so):
  // then the caller joins instead.
  static Result<HitFilter> Create(Db& db, const SearchOptions& o,
                                  const std::string& theme);

  bool usable() const { return usable_; }
  // Whether the sentence `id` passes every filter.
  Result<bool> Keep(int64_t id);

 private:
  HitFilter() = default;
  bool usable_ = true;
  bool by_document_ = false;
  // Kept documents' sentence ids, [first, last], sorted, disjoint.
  std::vector<std::pair<int64_t, int64_t>> ranges_;
  std::string theme_, language_;
  // The sentences tagged with the theme, sorted, when read at once.
  bool theme_ids_loaded_ = false;
  std::vector<int64_t> theme_ids_;
  std::unique_ptr<Stmt> theme_stmt_, language_stmt_;
};

}  // namespace planmine

#endif  // PLANMINE_QUERY_HIT_FILTER_H_
