// The sentences of each theme, kept per document for document search.
//
// A document search for a query that names a theme (SearchDocuments) finds,
// besides the query's words, the sentences of the theme's vocabulary (the
// terms of the theme's other groups in the term bridge) and the sentences
// tagged with the theme in the documents that discuss it. Neither depends on
// the query, and searching them was most of such a search: on a million
// sentences "datos abiertos" spent 26 ms on the vocabulary (a phrase with
// "de" in it steps through most of that word's matches) and 10 ms on the
// 50,000 tagged sentences, of about 70.
//
// So they are kept, in theme_sentences (schema.h): per theme and document,
// the tagged sentences, and the sentences any term of the theme's vocabulary
// finds, each with which of the terms it has (planmine_phrases). A search
// then scores a vocabulary sentence as planmine_rank would for the terms it
// searches (the vocabulary less the query's own group: each term it has
// weighs 1, times the length and class factors of the sentence's id at the
// index's current average length), which is exactly the score the search of
// the index gives.
//
// Kept current by RefreshThemeSentences after every ingest and merge: the
// triggers of schema.h name in theme_sentences_stale every document whose
// sentences or theme hits change, and a theme whose vocabulary changed
// (terms.tsv edited) is made again for every document. A search reads the
// kept sentences only when no document is stale and the vocabulary kept is
// the one it would search; otherwise it searches the index as before.
#ifndef PLANMINE_QUERY_THEME_SETS_H_
#define PLANMINE_QUERY_THEME_SETS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/load/db.h"
#include "pipeline/query/query.h"

namespace planmine {

// The terms of `theme` in `bridge` (language-marked), in the bridge's
// order, each once.
std::vector<std::string> ThemeTerms(const TermBridge& bridge,
                                    const std::string& theme);

struct ThemeRefresh {
  int themes = 0;     // themes made (again) for some document
  int documents = 0;  // documents they were made for
  int64_t sentences = 0;
};

// Brings theme_sentences up to date with the themes of `bridge`, in one
// transaction: the stale documents, and every document for a theme whose
// vocabulary is not the one kept; a theme no longer in the bridge (or with
// more than kMaxMaskPhrases terms) is dropped.
Result<ThemeRefresh> RefreshThemeSentences(Db& db, const TermBridge& bridge);

// RefreshThemeSentences with the bridge of `packs_dir`.
Result<ThemeRefresh> RefreshThemeSentences(Db& db,
                                           const std::string& packs_dir);

// A theme's kept sentences, as a document search reads them: the sentences
// `vocabulary_fts` finds, with planmine_rank's score of them (negative,
// lower is better), and the tagged sentences of the documents that discuss
// the theme (`min_sentences` of them or more, or in `committed`), score 0;
// one entry per sentence (a sentence in both has the vocabulary's score),
// ascending within a document, document after document.
struct KeptTheme {
  std::vector<std::pair<int64_t, double>> sentences;
  // The sentences that have any of the terms asked for as `also` (in any
  // document), ascending: bit j for also[j].
  std::vector<std::pair<int64_t, uint64_t>> also;
  // The average length in words planmine_rank ranks with (the table's own).
  double avg_words = 0;
};

// The kept sentences of `theme` for a search whose vocabulary expression is
// `vocabulary_fts` (ParsedQuery::theme_fts: a part of the theme's terms,
// each a quoted phrase; empty: none), or nullopt when they are not kept or
// not current (a document stale, another vocabulary kept, an index older
// than theme_sentences, a term of `also` not one of the theme's): then the
// caller searches the index.
Result<std::optional<KeptTheme>> ReadKeptTheme(
    Db& db, const TermBridge& bridge, const std::string& theme,
    const std::string& vocabulary_fts, int min_sentences,
    const std::unordered_set<int64_t>& committed,
    const std::vector<std::string>& also = {});

}  // namespace planmine

#endif  // PLANMINE_QUERY_THEME_SETS_H_
