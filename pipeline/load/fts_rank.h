// planmine_rank(): the ranking function of sentences_fts, and the sentence
// ids it reads.
//
// FTS5's bm25() reads each matching row's length from the %_docsize table, a
// lookup per match that dominates a search with tens of thousands of matches
// (1.2 µs of its 1.8 µs per row, measured on a million sentences). planmine
// instead carries what ranking needs in the sentence id itself:
//
//   id = seq << 10 | weight << 8 | min(words, 255)
//
// where `words` is the sentence's length in token positions (CountWords) and
// `weight` its class: 0 body text, 1 a heading, 2 the document's title.
//
// planmine_rank(sentences_fts) is BM25 (k1 = 1.2, b = 0.75, the inverse
// document frequencies as FTS5's bm25() computes them) over the set of the
// query's phrases a sentence has: each phrase counts once, however often the
// sentence repeats it (binary term frequency; a sentence is the unit, and a
// word said twice in one sentence is a list more often than a topic). So a
// sentence's score is its length's factor (RankLengthFactor) times the
// weights of the phrases it has, times 2 for a heading and 3 for a title
// sentence (RankClassFactor): a bound that depends only on the id, which is
// what lets a search stop early (the tiers of sentences_fts, schema.h).
// Negative, so that ORDER BY planmine_rank(sentences_fts) puts the best
// first, as bm25() does. A row whose id carries no length (words = 0) counts
// as of average length.
//
// planmine_rank(table, 'W1 W2 …', AVG) takes the average length in words
// from AVG instead of `table`'s own statistics: a tier table (a part of the
// sentences) ranks as the whole index would (FtsAverageWords).
//
// planmine_rank(sentences_fts, 'W1 W2 …') gives the query's phrases, in
// order, weights that stand in for their inverse document frequencies. The
// query parser ranks so: the alternatives it makes of one word (its stems in
// three languages) should not compete by rarity, the exact form of a word
// typed with accents counts more, and the frequencies cost a second pass
// over every phrase's matches, as much as the search itself.
//
// Like the tokenizer, this calls no sqlite3_* function itself (the caller
// passes the three it needs), so that it serves both the library and the
// loadable extension.
#ifndef PLANMINE_LOAD_FTS_RANK_H_
#define PLANMINE_LOAD_FTS_RANK_H_

#include <sqlite3.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace planmine {

inline constexpr const char* kRankFunctionName = "planmine_rank";
// planmine_phrases(sentences_fts): which of the query's first
// kMaxMaskPhrases phrases a row has, bit i for phrase i (an integer); what
// the kept sentences of a theme's vocabulary record (query/theme_sets.h).
inline constexpr const char* kPhrasesFunctionName = "planmine_phrases";
inline constexpr int kMaxMaskPhrases = 63;

enum SentenceWeight { kBodyText = 0, kHeading = 1, kTitle = 2 };

inline constexpr int64_t SentenceId(int64_t seq, SentenceWeight weight,
                                    int words) {
  return seq << 10 | static_cast<int64_t>(weight) << 8 |
         (words < 0     ? 0
          : words > 255 ? 255
                        : words);
}
inline constexpr int SentenceWords(int64_t id) {
  return static_cast<int>(id & 0xff);
}
inline constexpr SentenceWeight SentenceWeightOf(int64_t id) {
  return static_cast<SentenceWeight>((id >> 8) & 3);
}
inline constexpr int64_t SentenceSeq(int64_t id) { return id >> 10; }

// The tiers of the full-text index (schema.h, TierCondition): tier 1 holds
// titles, headings of at most kTier1HeadingWords words and sentences in a
// language other than es, pt and en; tier 2 the other headings; tier 3 the
// body sentences of at most kTier3MaxWords words.
inline constexpr int kTier1HeadingWords = 4;
inline constexpr int kTier3MaxWords = 8;
inline constexpr int kTiers = 3;
inline constexpr const char* kTierTables[kTiers] = {
    "sentences_tier1", "sentences_tier2", "sentences_tier3"};

inline constexpr double kRankK1 = 1.2;
inline constexpr double kRankB = 0.75;

// What a phrase the sentence has adds to its score, per unit of the phrase's
// weight, for a sentence of `words` words (0: unknown, as if of average
// length) in an index whose sentences average `avg_words`.
inline double RankLengthFactor(int words, double avg_words) {
  const double length = words > 0 ? words : avg_words;
  return (kRankK1 + 1) /
         (1 + kRankK1 * (1 - kRankB + kRankB * length / avg_words));
}
inline double RankClassFactor(SentenceWeight w) {
  return w == kTitle ? 3.0 : w == kHeading ? 2.0 : 1.0;
}
// planmine_rank's score of the row `id` whose phrases weigh `weight` in all
// (each phrase it has once, added in the query's order): negative, lower is
// better. Whoever scores a row without FTS5 (query/theme_sets.h) scores it
// here, so that the two agree to the last bit.
inline double RankScore(int64_t id, double weight, double avg_words) {
  return -(weight * RankLengthFactor(SentenceWords(id), avg_words) *
           RankClassFactor(SentenceWeightOf(id)));
}

// The weights planmine_rank reads from its second argument ('W1 W2 …'),
// one for each of `phrases` phrases: a missing, unreadable or non-positive
// weight is 1.
std::vector<double> RankWeights(const char* weights, size_t phrases);

// The weight class of a sentence: a title sentence is one that makes at
// least half of the document's title (cover pages, title blocks); else a
// heading if its block is one.
inline SentenceWeight SentenceWeightFor(std::string_view text, bool heading,
                                        std::string_view doc_title) {
  if (text.size() >= 8 && text.size() * 2 >= doc_title.size() &&
      doc_title.find(text) != std::string_view::npos)
    return kTitle;
  return heading ? kHeading : kBodyText;
}

// The sqlite3_* routines the functions need (sqlite3_result_double,
// sqlite3_result_int64, sqlite3_result_error_code, sqlite3_value_text): the
// library's, or those of the extension's API table.
struct RankResults {
  void (*set_double)(sqlite3_context*, double);
  void (*set_int64)(sqlite3_context*, sqlite3_int64);
  void (*error_code)(sqlite3_context*, int);
  const unsigned char* (*value_text)(sqlite3_value*);
};

// Registers planmine_rank and planmine_phrases with FTS5. `results` must
// outlive the connection. Returns an SQLite result code.
int RegisterPlanmineRank(fts5_api* api, const RankResults* results);

}  // namespace planmine

#endif  // PLANMINE_LOAD_FTS_RANK_H_
