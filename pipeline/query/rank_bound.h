// rank_bound: what a sentence a search has not read yet can score, so that a
// search that has read the tiers of the full-text index (schema.h) can stop.
//
// planmine_rank (fts_rank.h) scores a sentence as
//     (sum of the weights of the query's phrases it has)
//   × RankLengthFactor(its words, the index's average)
//   × RankClassFactor(body 1, heading 2, title 3)
// Outside the tiers every sentence is body text in es, pt or en, and its
// words carry that language's stems only (fts_tokenizer.h): it can have the
// phrases of one language and the language-free ones (exact forms "=…",
// plain words), never a Spanish stem and a Portuguese one together. So its
// score is at most MaxOneLanguageWeight × the length factor of the shortest
// sentence left out.
#ifndef PLANMINE_QUERY_RANK_BOUND_H_
#define PLANMINE_QUERY_RANK_BOUND_H_

#include <string>
#include <string_view>
#include <vector>

namespace planmine {

// The largest sum of phrase weights a sentence in one of es, pt and en can
// collect from the MATCH expression `fts` with planmine_rank's weights
// `weights` ("1 1 4": the phrases in order; missing or not positive: 1).
// -1 when `fts` is not made of quoted phrases, parentheses, AND, OR, NOT
// and prefix stars only (barewords, NEAR, column filters): then which
// phrases FTS5 counts is not known here, and no bound is given.
double MaxOneLanguageWeight(std::string_view fts, std::string_view weights);

// The quoted phrases of a MATCH expression, in order, their doubled quotes
// undone (an unterminated one runs to the end). *plain, when given, says
// whether the expression has nothing else but parentheses, AND, OR, NOT and
// prefix stars, and every quote is closed.
std::vector<std::string> QuotedPhrases(std::string_view fts,
                                       bool* plain = nullptr);

// The average length in words of an FTS5 table's rows, from its "averages"
// record (row 1 of its %_data table: varints of the row count, then of each
// column's token count); 0 when `record` is not one.
double AverageWordsFromRecord(std::string_view record);

}  // namespace planmine

#endif  // PLANMINE_QUERY_RANK_BOUND_H_
