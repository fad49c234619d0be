// The "planmine" FTS5 tokenizer: ICU word breaking, case folding, accent
// folding and Snowball stemming (libstemmer) for Spanish, Portuguese and
// English, so that a query finds its words whatever their accents and
// inflections.
//
// Each word of a document is indexed as colocated tokens (one position):
//   - for es, pt and en: the stem of the accent-folded word, and the
//     accent-folded stem of the word ("información" -> "inform",
//     "informacion" -> "informacion"); duplicates once;
//   - "=" + the case-folded word as written ("=información"): the exact form.
// The stemmers of all three languages run on every word because a sentence's
// language is not known to FTS5; a query word likewise becomes the
// alternatives of its stems, so "compromisos" finds "compromiso" and
// "commitments" finds "commitment" whatever the language of the query.
//
// Query forms (what the query parser hands the tokenizer):
//   - a word preceded by "=" ("=año") is the exact form only: quoted phrases
//     and accented query words use it to match, or rank, the form as typed;
//   - a prefix query ("partic*") is the accent-folded, case-folded prefix.
//
// The code here calls no sqlite3_* function, so that it serves both the
// library (RegisterTokenizer, fts_register.cc) and the loadable extension
// (fts_extension.cc) through the fts5_api pointer either one obtains.
#ifndef PLANMINE_LOAD_FTS_TOKENIZER_H_
#define PLANMINE_LOAD_FTS_TOKENIZER_H_

#include <sqlite3.h>

#include <string>
#include <string_view>
#include <vector>

namespace planmine {

inline constexpr const char* kTokenizerName = "planmine";

// Registers the tokenizer with FTS5. Returns an SQLite result code.
int RegisterPlanmineTokenizer(fts5_api* api);

// The tokens the tokenizer would emit for `text`, colocated ones joined with
// "|" ("inform|informacion|=información"); for tests and `planmine tokens`.
std::vector<std::string> DebugTokens(std::string_view text, bool query);

}  // namespace planmine

#endif  // PLANMINE_LOAD_FTS_TOKENIZER_H_
