// query: the questions researchers ask of an index, as tables.
//
// Every function returns a Table (column names + rows of text) so that the
// CLI prints any of them as an aligned table, JSON or CSV. User text is always
// bound as a parameter. A search query is FTS5 syntax when it uses quotes,
// AND/OR/NOT, NEAR or a trailing *; otherwise each word is quoted and all
// must match. A malformed query is an InvalidArgument with a readable reason.
#ifndef PLANMINE_QUERY_QUERY_H_
#define PLANMINE_QUERY_QUERY_H_

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/load/db.h"

namespace planmine {

// How a column is written in typed output (JSON): text as a string, integer
// and real as numbers, list as an array of strings (the cell holds the items
// separated by ';'). An empty cell is null whatever the type.
enum class ColumnType { kText, kInteger, kReal, kList };

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  // One per column; a column without an entry is text.
  std::vector<ColumnType> types;
  // How many rows the question has in all, before --limit and paging; -1
  // when not counted (then the rows are all of them).
  int64_t total = -1;
  // False when `total` is a lower bound: a sentence search counts its hits
  // up to kExactTotalUpTo and says "more than" beyond (SearchOptions).
  bool total_exact = true;

  ColumnType type(size_t col) const {
    return col < types.size() ? types[col] : ColumnType::kText;
  }
  // Sets the type of the column named `name` (no-op when there is none).
  void SetType(const std::string& name, ColumnType t);
  // The index of the column named `name`, or -1.
  int Column(const std::string& name) const;
};

// The term bridge: groups of equivalent terms across es, pt and en (all
// variants of one notion in one group), from packs/terms.tsv and the labels
// of packs/themes.taxonomy.tsv. A group may name a theme of the taxonomy: a
// query that is one of its terms names the theme (document search then also
// finds the documents that discuss the theme, SearchDocuments).
class Dictionaries;  // dictionary.h

struct TermGroup {
  std::vector<std::string> terms;  // language-marked (LanguageMarked)
  std::string theme;               // a taxonomy id, or empty
  // FoldedWords(Unmarked(term)) of each term, in order: LoadTermBridge
  // fills it once, so that the queries of a long-lived process (serve) do
  // not fold every term again. Empty: ParseQuery folds only the terms whose
  // first word can fold to a word of the query (one query in a process).
  std::vector<std::vector<std::string>> folded = {};
};
using TermBridge = std::vector<TermGroup>;
// REQUIRES: packs_dir holds terms.tsv and themes.taxonomy.tsv.
// `fold`: fill TermGroup::folded (about 4 M instructions: worth it for a
// process that answers many queries, not for one).
Result<TermBridge> LoadTermBridge(const std::string& packs_dir,
                                  bool fold = true);

// A document "discusses" a theme when this many of its sentences are tagged
// with it (a passing mention is one or two).
inline constexpr int kThemeMinSentences = 3;
// The rule, for a document with `tagged_sentences` distinct sentences tagged
// with a theme and, when `committed`, a commitment tagged with it (document
// search; SearchOptions::theme_min_sentences).
inline bool DiscussesTheme(size_t tagged_sentences, bool committed,
                           int min_sentences) {
  return committed ||
         tagged_sentences >= static_cast<size_t>(std::max(0, min_sentences));
}
inline constexpr double kThemeSentenceScore = 0.1;

struct SearchOptions {
  std::string country, language, doc_type;
  std::string cycle;  // documents.plan_cycle
  std::string theme;  // sentences tagged with this theme id
  int year_from = 0, year_to = 0;
  int limit = 20;
  int offset = 0;                      // paging: rows skipped
  const TermBridge* bridge = nullptr;  // null: no cross-language expansion
  // The fallback for words the bridge does not know (dictionary.h): their
  // dictionary translations are added like bridge terms. Null: none.
  Dictionaries* dictionary = nullptr;
  std::string mark_open = "[", mark_close = "]";
  // Document search: a query that names a theme (TermGroup::theme) also
  // finds the documents that discuss the theme: those with the theme's other
  // bridge terms, with a commitment tagged with it (commitment_themes) or
  // with at least this many sentences tagged with it (theme_hits). 0 turns
  // that off.
  int theme_min_sentences = kThemeMinSentences;
  // Sentence search: count every hit, however many. By default the count
  // is exact up to kExactTotalUpTo and a lower bound beyond (Table::
  // total_exact), as Lucene and Elasticsearch count: a search that stopped
  // early (the tiers, rank_bound.h) counts the rest without ranking it, up
  // to that many.
  bool exact_total = false;
  // Rank the tiers of the index first (schema.h); false ranks every match
  // (the same results: for tests and benchmarks).
  bool tiers = true;
  // When set, a sentence search says how it ranked: the tiers read and
  // whether it stopped there (for tests and benchmarks).
  struct Trace {
    int tiers_read = 0;
    bool stopped_early = false;
  };
  Trace* trace = nullptr;
  // Document and country search: when set, receives every row found, before
  // paging and without pages or snippets (what facets count, at the cost of
  // the rows shown only).
  Table* all_rows = nullptr;
};

// What a user typed, as FTS5 understands it.
//   plain words      all must match, in any inflection, accents optional;
//                    a word typed with accents ranks that exact form first
//   "a phrase"       the words as written, in order (exact forms)
//   prefix*          words starting so (accents optional)
//   AND OR NOT NEAR ( )   FTS5 operators, kept
//   theme:ID         sentences tagged with the theme (a filter, not a word)
// With a bridge, a term of the bridge also finds its equivalents. With a
// dictionary, outside the bridge term, a run of two or three plain words
// that is a dictionary entry, or a query of one plain word (four letters or
// more), also finds its dictionary translations, each marked with its
// language.
struct ParsedQuery {
  std::string fts;    // MATCH expression; empty when only theme: was given
  std::string theme;  // from theme:ID
  std::vector<std::string> bridged;  // the equivalents added, for display
  // (bridge terms, then dictionary translations)
  // planmine_rank's weight of each phrase of `fts`, in order, space
  // separated ("1 1 1 4"): the exact form of a word typed with accents
  // counts 4 times (kExactFormWeight), so "año" ranks before "ano". Empty
  // for FTS5 syntax passed through (every phrase 1).
  std::string weights;
  // The theme the whole query names through the bridge ("saúde" -> health),
  // or empty; then theme_fts is the MATCH expression of the theme's other
  // bridge terms (every group with that theme), for document search.
  std::string named_theme;
  std::string theme_fts;
};
inline constexpr int kExactFormWeight = 4;
// A sentence search's count is exact up to this many hits (SearchOptions::
// exact_total).
inline constexpr int64_t kExactTotalUpTo = 10000;
// A query is a few words, a phrase or a pasted sentence, not a page: longer
// is refused ("search query too long: 700 words, at most 500 …"), so that
// what a search costs stays bounded. Words are what whitespace separates.
inline constexpr size_t kMaxQueryBytes = 8192;
inline constexpr size_t kMaxQueryWords = 500;
Result<ParsedQuery> ParseQuery(const std::string& user_query,
                               const TermBridge* bridge,
                               Dictionaries* dictionary = nullptr);

// ParseQuery without a bridge, the MATCH expression only.
std::string ToFtsQuery(const std::string& user_query);

// Sentence hits, best first: title, file, country, year, doc_type,
// language, page, snippet, score, then the stable keys doc_key (first 16 hex
// of the document's SHA-256), sentence_key (doc_key-sSEQ) and, when the
// sentence lies in a commitment, commitment_key (doc_key-cSEQ),
// commitment_number and commitment_title (ExportTable's formulas). `total`
// is the number of hits before limit and offset.
Result<Table> Search(Db& db, const std::string& query,
                     const SearchOptions& options);

// What one row of a search stands for.
enum class SearchBy {
  kSentence,  // one row per sentence hit (Search)
  kDocument,  // one row per document with a hit
  kCountry,   // one row per country with a hit
};
// "sentence" | "document" | "country"; anything else is InvalidArgument.
Result<SearchBy> ParseSearchBy(const std::string& name);

// The documents (or countries) a query finds, most relevant first.
//   kDocument: doc_key, file, title, country, year, doc_type, plan_cycle,
//              language, found_by, hits (sentences), pages (list), page (of
//              the best hit), snippet (the best hit), score (sum of the
//              hits' BM25; a sentence found through the theme only counts
//              kThemeSentenceScore). found_by says how the document was
//              found: "words" (the query's own words), "bridge" (only their
//              equivalents in the term bridge) or "theme" (only as a
//              document that discusses the theme the query names); rows are
//              ordered by found_by in that order, then by score.
//   kCountry:  country, documents, hits, top_file (the country's best
//              document), score
// Every sentence hit counts, not only the first `limit`; limit <= 0 returns
// all rows. `total` is the number of rows before limit and offset. kSentence
// is Search.
Result<Table> SearchDocuments(Db& db, const std::string& query,
                              const SearchOptions& options, SearchBy by);

// Why an all-words query found nothing: each word's hits alone (same
// filters, same bridge) and the OR form to try. `words` is empty when the
// query is not plain words (FTS5 syntax, quotes, one word) or has hits.
struct NoHitHint {
  struct Word {
    std::string word;
    int64_t hits = 0;  // sentences
  };
  std::vector<Word> words;
  std::string or_query;  // the words that match alone, joined by OR; may be
                         // empty when none does
  // "no sentence has all of: a b c. Alone: a 12, b 0, c 3. Try: a OR c"
  std::string message() const;
};
Result<NoHitHint> ExplainNoHits(Db& db, const std::string& query,
                                const SearchOptions& options);

struct CommitmentFilter {
  std::string country, theme;
  std::string doc_type;  // action_plan, irm_report…
  bool statements =
      false;  // include commitment statements, not only numbered headings
  std::string doc_key;         // one document's (its stable key)
  std::string commitment_key;  // one commitment
};
Result<Table> ListCommitments(Db& db, const CommitmentFilter& filter);

struct DocumentFilter {
  std::string country, doc_type, cycle, language;
  std::string doc_key;  // one document
};
// The documents of the index, one row each: doc_key, country, type, cycle,
// year, language, pages, commitments found, the plan edition standing for
// it (edition_of: the doc_key of the edition whose commitments are counted;
// empty when it is that edition or not a plan), title, file, status.
Result<Table> ListDocuments(Db& db, const DocumentFilter& filter);

struct StatementFilter {
  std::string kind;  // finding | recommendation | "" (both)
  std::string country, doc_type;
};
// Findings and recommendations of reports, with document and page.
Result<Table> ListStatements(Db& db, const StatementFilter& filter);

struct EntityFilter {
  std::string type;  // organization, country, subnational, date, email, url,
                     // handle, cycle; "" for all
  std::string country;
  int limit = 50;
};
// Entities grouped by value (and acronym): mentions, documents, first page.
Result<Table> ListEntities(Db& db, const EntityFilter& filter);

// One document as its page shows it: its `documents` row, where each of its
// metadata came from, its pages, the themes and entities found in it.
struct DocumentDetail {
  Table document;  // ListDocuments' row
  // field, value, source: title, country, year, doc_type, plan_cycle,
  // subnational, language — as stored and what decided it (manifest, the
  // words of the title, the file name…), then the corrections applied.
  Table evidence;
  // number, source (text_layer, ocr, plain_text, none), quality, words,
  // ocr_confidence, sentences.
  Table pages;
  // theme, label, mentions, first_page, example: the first words that
  // matched.
  Table themes;
  // type, value, detail, mentions, first_page; the 200 most mentioned.
  Table entities;
};
// NotFound when no document has the key.
Result<DocumentDetail> GetDocument(Db& db, const std::string& doc_key);

// Where a document's bytes were read from, as the index recorded them.
struct IndexedFile {
  std::string path, kind;  // kind: pdf | text
  int64_t size = 0, mtime = 0;
};
// NotFound when no document has the key.
Result<IndexedFile> DocumentFile(Db& db, const std::string& doc_key);

// One commitment as its page shows it.
struct CommitmentDetail {
  Table commitment;  // ListCommitments' row (statements included)
  // name, text: other_actors, the sections the template names
  // (description, objective…), the IRM's completion text, the commitment's
  // text as read.
  Table sections;
  Table milestones;  // text, due
  Table themes;      // theme, label, score, evidence (the words that matched)
  // The IRM report units that assess it: commitment_key, document, number,
  // completion.
  Table assessed_by;
};
// NotFound when no commitment has the key.
Result<CommitmentDetail> GetCommitment(Db& db,
                                       const std::string& commitment_key);

// A cross-tabulation: rows × cols of a measure.
//   rows, cols: country, theme, doc_type, cycle, year, language
//   measure:    commitments (distinct commitments, tagged with the theme when
//               a side is theme), documents (distinct documents; with theme:
//               those that mention it), mentions (theme hits)
struct CompareOptions {
  std::string rows = "country", cols = "theme", measure = "commitments";
  std::string cycle, country, doc_type;  // filters
};
struct Matrix {
  std::vector<std::string> row_keys, col_keys;
  std::map<std::pair<std::string, std::string>, int64_t> cells;
  std::map<std::string, int64_t> row_totals;  // distinct units in the row
  int64_t total = 0;
};
Result<Matrix> Compare(Db& db, const CompareOptions& options);
// What one cell of Compare counts, one row per unit: for commitments the
// commitments (commitment_key, doc_key, country, plan_cycle, number, title),
// for documents the documents (doc_key, country, doc_type, plan_cycle, year,
// title), for mentions each document's mentions (doc_key, title, theme,
// mentions). `row` and `col` are the cell's keys as Compare names them.
Result<Table> CompareCell(Db& db, const CompareOptions& options,
                          const std::string& row, const std::string& col);
// The matrix as a tidy table (row, col, count, share of the row's units).
Table MatrixLong(const Matrix& m, const CompareOptions& o);
// The matrix as printed: one line per row, "count (share%)" cells.
Table MatrixWide(const Matrix& m, const CompareOptions& o);

// A theme's course across plan cycles: documents, commitments tagged and
// mentions per cycle (in cycle order), for one country or all.
Result<Table> Timeline(Db& db, const std::string& country,
                       const std::string& theme);

// The tidy tables `planmine export` writes, with stable keys (a document's is
// the first 16 hex digits of its SHA-256; a commitment's and a sentence's add
// their sequence number), so exports of two runs join.
std::vector<std::string> ExportTables();
Result<Table> ExportTable(Db& db, const std::string& name);

// by: "country" | "document" | "year" | "" (overall)
Result<Table> ThemeCounts(Db& db, const std::string& by);

// Several small tables: documents by country/language/type, commitments, top
// themes.
Result<std::vector<std::pair<std::string, Table>>> Summary(Db& db);

// Documents by status, the last ten ingest runs, the time per stage of the
// newest and the corrections stored (document, key, value, source, when).
Result<std::vector<std::pair<std::string, Table>>> IndexStatus(Db& db);

// Documents whose status is not ok (or whose last ingest failed), with the
// reason and the stage and time of the latest error.
Result<Table> Failures(Db& db);

}  // namespace planmine

#endif  // PLANMINE_QUERY_QUERY_H_
