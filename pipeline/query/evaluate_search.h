// evaluate_search: file-level recall and precision of document search
// against queries whose relevant documents a person judged by reading.
//
// The queries come from a TSV file (tests/search/queries.tsv, spec in
// tests/search/README.md) with the columns
//   id kind query relevant notes
// where `kind` is exact, accentless, inflected, cross_language or theme and
// `relevant` holds '|'-separated file names (basenames). Each query runs as
// SearchDocuments(…, SearchBy::kDocument) with no limit; a document found is
// its file's basename. Per kind: recall and precision pooled over the
// kind's queries (micro) and their mean over queries (macro), and pooled
// over the documents found by the query's own words only (found_by
// "words": without the bridge and the theme).
//
//   auto queries = LoadJudgedQueries("tests/search/queries.tsv");
//   auto report = EvaluateSearch(db, *queries, options);
//   report->all.recall()  // pooled over every query
#ifndef PLANMINE_QUERY_EVALUATE_SEARCH_H_
#define PLANMINE_QUERY_EVALUATE_SEARCH_H_

#include <set>
#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/load/db.h"
#include "pipeline/query/query.h"

namespace planmine {

struct JudgedQuery {
  std::string id, kind, query;
  std::set<std::string> relevant;  // file basenames
};

// REQUIRES: a header line; every row has id, kind, query and a non-empty
// relevant column. Errors name the file and line.
Result<std::vector<JudgedQuery>> LoadJudgedQueries(const std::string& path);

struct QueryScore {
  JudgedQuery query;
  std::set<std::string> found;           // basenames of the documents found
  std::set<std::string> found_by_words;  // those of them found_by "words"
  std::vector<std::string> missed;       // relevant, not found
  std::vector<std::string> extra;        // found, not relevant
  std::string error;         // the search's error (then nothing is found)
  double recall() const;     // 1 when nothing is relevant
  double precision() const;  // 1 when nothing is found
};

struct KindScore {
  std::string kind;  // "all" for every query
  int queries = 0;
  int relevant = 0, found = 0, relevant_found = 0;  // pooled
  double recall_sum = 0, precision_sum = 0;         // over queries
  // The documents found by the query's own words only (found_by "words",
  // the head of the ranking): pooled.
  int words_found = 0, words_relevant_found = 0;
  double words_recall() const;
  double words_precision() const;
  double recall() const;     // pooled (micro)
  double precision() const;  // pooled (micro)
  double mean_recall() const;
  double mean_precision() const;
};

struct SearchEvalReport {
  std::vector<QueryScore> queries;  // in the file's order
  std::vector<KindScore> kinds;     // in order of first appearance
  KindScore all;
  // Whether every kind reaches `target` in both pooled and mean recall.
  bool RecallAtLeast(double target) const;
};

// Runs every query (options.limit and offset are ignored: all documents). A
// query the search rejects finds nothing and keeps the reason in `error`;
// only a database error fails the whole evaluation.
Result<SearchEvalReport> EvaluateSearch(Db& db,
                                        const std::vector<JudgedQuery>& queries,
                                        const SearchOptions& options);

// The report as a table: kind, queries, relevant, found, recall, precision,
// mean_recall, mean_precision, words_recall, words_precision; one row per
// kind, then "all".
Table SearchEvalTable(const SearchEvalReport& report);

}  // namespace planmine

#endif  // PLANMINE_QUERY_EVALUATE_SEARCH_H_
