// The "planmine" FTS5 tokenizer: ICU word breaking, case folding, accent
// folding and Snowball stemming (libstemmer) for Spanish, Portuguese and
// English, so that a query finds its words whatever their accents and
// inflections.
//
// Each word of a document is indexed as colocated tokens (one position):
//   - the stems of the sentence's language, tagged with it: the stem of the
//     accent-folded word and the accent-folded stem of the word, duplicates
//     once ("información" in a Spanish sentence -> "es:inform");
//   - "=" + the case-folded word as written ("=información"): the exact form.
// The sentence's language comes as a mark before its text ("\x02es\x03…",
// LanguageMarked; the view sentences_fts_content adds it). Without a mark, or
// with a language other than es, pt and en, the word gets the stems of all
// three. Tagging keeps the stemmers apart: Portuguese "informação"
// ("pt:inform") no longer shares a token with Spanish "informe", which makes a
// search both more precise and faster.
//
// Query forms (what the query parser hands the tokenizer):
//   - a plain word becomes the colocated alternatives of its stems in the
//     three languages ("compromisos" -> "es:compromis|pt:compromiss|…"); the
//     query parser spells them out as an OR of raw tokens instead
//     (QueryAlternatives), which FTS5 evaluates several times faster;
//   - a text that starts with kRawMark is one token, verbatim;
//   - a word preceded by "=" ("=año") is the exact form only: quoted phrases
//     and accented query words use it to match, or rank, the form as typed;
//   - a prefix query ("partic*") is the accent-folded, case-folded prefix of
//     the stems of each language and of the exact form.
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
inline constexpr char kLanguageMark = '\x02';  // "\x02es\x03" + text
inline constexpr char kLanguageEnd = '\x03';
inline constexpr char kRawMark = '\x01';  // a query token, verbatim

// Registers the tokenizer with FTS5. Returns an SQLite result code.
int RegisterPlanmineTokenizer(fts5_api* api);

// `text` with the mark of its language in front (what FTS5 indexes).
std::string LanguageMarked(std::string_view language, std::string_view text);

// `text` without the mark of its language, if it has one.
std::string_view Unmarked(std::string_view text);

// The number of token positions of a document text: its words.
int CountWords(std::string_view text);

// The alternatives a query word stands for (its tagged stems), or nothing
// when `word` is not a single word to the tokenizer.
std::vector<std::string> QueryAlternatives(std::string_view word);

// The tokens a prefix query on `word` ("partic*") looks up as prefixes: the
// case- and accent-folded word tagged with each language, and its exact form
// ("es:partic", "pt:partic", "en:partic", "=partic"); nothing when `word` is
// not a single word to the tokenizer. The query parser spells a prefix out
// as an OR of these raw tokens, which FTS5 merges about twice as fast as the
// colocated alternatives the tokenizer would make.
std::vector<std::string> QueryPrefixAlternatives(std::string_view word);

// The tokens the tokenizer would emit for `text`, colocated ones joined with
// "|" ("inform|informacion|=información"); for tests and `planmine tokens`.
std::vector<std::string> DebugTokens(std::string_view text, bool query);

}  // namespace planmine

#endif  // PLANMINE_LOAD_FTS_TOKENIZER_H_
