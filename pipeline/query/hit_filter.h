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
//   language          a document filter too: documents.sentence_languages
//                     says which documents have sentences in it only (all
//                     kept), in it and others, or not at all (dropped).
//                     For the mixed ones only, looked up last, for the
//                     matches the others kept, in one statement over all of
//                     them (KeepAll): one statement per match cost about
//                     1 µs each, a sixth of a filtered search.
//
// Example:
//   auto f = HitFilter::Create(db, options, theme);
//   if (f.ok() && f->usable()) kept = f->KeepAll(ids of the matches);
#ifndef PLANMINE_QUERY_HIT_FILTER_H_
#define PLANMINE_QUERY_HIT_FILTER_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/load/db.h"
#include "pipeline/query/query.h"

namespace planmine {

class HitFilter : public IdTest {
 public:
  // REQUIRES: `o` resolved (ResolveSearchFilters); `theme` is the theme
  // filter (o.theme or the query's theme:ID). usable() is false when two
  // kept documents' ranges overlap (an index whose ids were not given so):
  // then the caller joins instead.
  static Result<HitFilter> Create(Db& db, const SearchOptions& o,
                                  const std::string& theme);

  bool usable() const { return usable_; }
  // Whether a document filter (country, type, cycle, years, language) is
  // set: then only the sentences in Spans() can pass.
  bool by_document() const { return by_document_; }
  // At most `max` id spans [first, last], ascending and disjoint, that hold
  // every sentence the document filters keep: the kept documents' ranges,
  // joined across the smallest gaps between them when there are more than
  // `max`. A search steps the full-text index over these spans only
  // (rowid BETWEEN: FTS5 seeks there) and ranks no match outside them.
  std::vector<std::pair<int64_t, int64_t>> Spans(size_t max) const;
  // Whether stepping the index over `spans` is worth its statements: they
  // cover at most three quarters of the ids the index holds (its first to
  // its last sentence). Each statement costs a parse and a seek per term
  // (0.17 ms for an OR of three words on a million sentences); spans that
  // hold nearly all the index save little reading and ranking.
  bool WorthSpanning(
      const std::vector<std::pair<int64_t, int64_t>>& spans) const;
  // The sentences of `ids` that pass every filter, ascending: the tests in
  // memory on each id, then each test SQL makes (the language; the theme on
  // an index without the covering index) once, over the ids the others
  // kept.
  Result<std::vector<int64_t>> KeepAll(std::vector<int64_t> ids);
  // Whether the sentence `id` passes every filter (KeepAll of one id).
  Result<bool> Keep(int64_t id);
  // Whether `id` passes the tests made in memory (the document ranges, the
  // theme's ids when read at once): what a statement stepping the index
  // tests before it ranks a row (planmine_keep, db.h). KeepAll still makes
  // the tests SQL makes.
  bool Passes(int64_t id) const override { return KeepInMemory(id); }

 private:
  HitFilter() = default;
  bool usable_ = true;
  bool by_document_ = false;
  // Kept documents' sentence ids, [first, last], sorted, disjoint.
  std::vector<std::pair<int64_t, int64_t>> ranges_;
  // Of those, the documents whose sentences are in the filter's language
  // and others (documents.sentence_languages): their sentences' language is
  // looked up; every sentence of the others is in it.
  std::vector<std::pair<int64_t, int64_t>> mixed_;
  // The first and the last sentence id of the index (document filters).
  int64_t first_id_ = 0, last_id_ = -1;
  std::string theme_, language_;
  // The sentences tagged with the theme, sorted, when read at once.
  bool theme_ids_loaded_ = false;
  std::vector<int64_t> theme_ids_;
  // Whether `id` passes the tests made in memory.
  bool KeepInMemory(int64_t id) const;
  Db* db_ = nullptr;
  // The theme tested in SQL (no covering index), and the language.
  bool theme_in_sql_ = false;
};

}  // namespace planmine

#endif  // PLANMINE_QUERY_HIT_FILTER_H_
