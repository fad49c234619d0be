// search: the query language, the term bridge and ranked sentence hits.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

#include "extractors/pattern_pack.h"
#include "pipeline/core/utf8.h"
#include "pipeline/load/fts_rank.h"
#include "pipeline/load/fts_tokenizer.h"
#include "pipeline/normalize/normalizer.h"
#include "pipeline/query/dictionary.h"
#include "pipeline/query/filters.h"
#include "pipeline/query/hit_filter.h"
#include "pipeline/query/query.h"
#include "pipeline/query/query_internal.h"
#include "pipeline/query/rank_bound.h"
#include "pipeline/query/theme_sets.h"

namespace planmine {

Result<TermBridge> LoadTermBridge(const std::string& packs_dir, bool fold) {
  TermBridge out;
  auto split = [](std::string_view s, char sep) {
    std::vector<std::string> v;
    while (!s.empty()) {
      size_t end = s.find(sep);
      std::string_view t = TrimAscii(s.substr(0, end));
      if (!t.empty()) v.emplace_back(t);
      if (end == std::string_view::npos) break;
      s.remove_prefix(end + 1);
    }
    return v;
  };
  const std::string path = packs_dir + "/terms.tsv";
  std::ifstream in(path);
  if (!in) return NotFound(path + ": cannot open the term bridge");
  auto themes = LoadTaxonomy(packs_dir + "/themes.taxonomy.tsv");
  if (!themes.ok()) return themes.status();
  std::set<std::string> theme_ids;
  for (const Theme& t : *themes) theme_ids.insert(t.id);
  std::string line;
  int lineno = 0;
  bool header = true;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (TrimAscii(line).empty() || line[0] == '#') continue;
    std::vector<std::string> cols = split(line, '\t');
    if (header) {
      header = false;
      continue;
    }
    if (cols.size() < 2)
      return InvalidArgument(
          path + ":" + std::to_string(lineno) +
          ": expected es, pt and en terms separated by tabs");
    // Columns es, pt, en: each term carries the mark of its language, so
    // that it is searched with that language's stems only. The fourth
    // column, optional, is the theme the group names.
    static const char* kColumns[] = {"es", "pt", "en"};
    TermGroup group;
    for (size_t k = 0; k < cols.size() && k < 3; ++k)
      for (const std::string& v : split(cols[k], '|'))
        group.terms.push_back(LanguageMarked(kColumns[k], v));
    if (cols.size() > 3) {
      if (theme_ids.count(cols[3]) == 0)
        return InvalidArgument(path + ":" + std::to_string(lineno) +
                               ": unknown theme '" + cols[3] + "'");
      group.theme = cols[3];
    }
    out.push_back(std::move(group));
  }
  for (const Theme& t : *themes)
    out.push_back(
        {{LanguageMarked("en", t.label_en), LanguageMarked("es", t.label_es),
          LanguageMarked("pt", t.label_pt)},
         t.id});
  if (!fold) return out;
  std::vector<std::string> unmarked;
  for (const TermGroup& g : out)
    for (const std::string& t : g.terms) unmarked.emplace_back(Unmarked(t));
  std::vector<std::vector<std::string>> folded = FoldedWordsOfEach(unmarked);
  size_t next = 0;
  for (TermGroup& g : out)
    for (size_t i = 0; i < g.terms.size(); ++i)
      g.folded.push_back(std::move(folded[next++]));
  return out;
}

namespace {

// Whether a term whose text is `term` can have a first folded word among
// the keys of `words`, without folding it. Folding (FoldUtf8) keeps word
// boundaries and lower-cases each ASCII letter in place; other characters
// become zero or more characters. So the ASCII letters of the term's first
// word, lower-cased, are the whole folded word when that word is ASCII,
// and a subsequence of it otherwise.
bool MayFoldToAWord(
    std::string_view term,
    const std::unordered_map<std::string, std::vector<size_t>>& words) {
  auto in_word = [](char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return u >= 0x80 || isalnum(u);
  };
  size_t b = 0;
  while (b < term.size() && !in_word(term[b])) ++b;
  size_t e = b;
  std::string ascii;
  bool all_ascii = true;
  for (; e < term.size() && in_word(term[e]); ++e) {
    unsigned char u = static_cast<unsigned char>(term[e]);
    if (u >= 0x80)
      all_ascii = false;
    else
      ascii += static_cast<char>(tolower(u));
  }
  if (all_ascii) return words.count(ascii) > 0;
  for (const auto& [w, unused] : words) {
    size_t i = 0;
    for (char c : w)
      if (i < ascii.size() && c == ascii[i]) ++i;
    if (i == ascii.size()) return true;
  }
  return false;
}

// The weights of the phrases of a MATCH expression made of quoted strings
// and operators only (ParseQuery's plain path): kExactFormWeight for the
// exact form of a single word ("=año"), else 1.
std::string PhraseWeights(const std::string& fts) {
  std::string out;
  for (const std::string& phrase : QuotedPhrases(fts)) {
    bool exact_word = !phrase.empty() && phrase[0] == '=' &&
                      phrase.find(' ') == std::string::npos;
    out += (out.empty() ? "" : " ") +
           std::to_string(exact_word ? kExactFormWeight : 1);
  }
  return out;
}

// The forms of a plain word without a plural ending "-es" or "-s" (words of
// five letters or more, ASCII endings only): "talleres" -> "taller",
// "tallere".
std::vector<std::string> Singulars(const std::string& word) {
  std::vector<std::string> out;
  if (word.size() < 5) return out;
  auto ends = [&](const char* e) {
    size_t n = std::strlen(e);
    return word.size() > n &&
           std::equal(word.end() - n, word.end(), e,
                      [](char a, char b) { return std::tolower(a) == b; });
  };
  if (ends("es")) out.push_back(word.substr(0, word.size() - 2));
  if (ends("s")) out.push_back(word.substr(0, word.size() - 1));
  return out;
}

// "a phrase as written" -> "=a =phrase =as =written": exact forms.
std::string ExactPhrase(const std::string& inner) {
  std::string out;
  bool in_word = false;
  for (char c : inner) {
    unsigned char u = static_cast<unsigned char>(c);
    bool word = u >= 0x80 || isalnum(u);
    if (word && !in_word) out += '=';
    in_word = word;
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  return "\"" + out + "\"";
}

// FTS5 syntax with each bare prefix ("partic*", outside quotes) spelled out
// as an OR of its raw prefix tokens (QueryPrefixAlternatives), which FTS5
// merges about twice as fast as the colocated alternatives of "partic*".
// NEAR takes phrases only, so a query with NEAR is left as it is. Sets
// *spelled when a prefix was rewritten.
std::string SpellPrefixes(const std::string& fts, bool* spelled) {
  *spelled = false;
  static const RE2 kNear("\\bNEAR\\b");
  if (RE2::PartialMatch(fts, kNear)) return fts;
  auto word_char = [](char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return u >= 0x80 || isalnum(u) || c == '_';
  };
  std::string out;
  size_t i = 0;
  while (i < fts.size()) {
    if (fts[i] == '"') {  // a quoted phrase, kept
      size_t j = i + 1;
      while (j < fts.size() &&
             (fts[j] != '"' || (j + 1 < fts.size() && fts[j + 1] == '"')))
        j += fts[j] == '"' ? 2 : 1;
      out += fts.substr(i, j + 1 - i);
      i = j + 1;
      continue;
    }
    if (!word_char(fts[i])) {
      out += fts[i++];
      continue;
    }
    size_t j = i;
    while (j < fts.size() && word_char(fts[j])) ++j;
    const std::string word = fts.substr(i, j - i);
    std::vector<std::string> alts;
    if (j < fts.size() && fts[j] == '*' && (i == 0 || fts[i - 1] != ':'))
      alts = QueryPrefixAlternatives(word);
    if (alts.empty()) {
      out += word;
      i = j;
      continue;
    }
    std::string expr;
    for (const std::string& a : alts)
      expr += (expr.empty() ? "(" : " OR ") + Quote(kRawMark + a) + "*";
    out += expr + ")";
    *spelled = true;
    i = j + 1;
  }
  return out;
}

}  // namespace

std::string Quote(const std::string& s) {
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

Result<ParsedQuery> ParseQuery(const std::string& user_query,
                               const TermBridge* bridge,
                               Dictionaries* dictionary) {
  ParsedQuery pq;
  if (user_query.size() > kMaxQueryBytes)
    return InvalidArgument(
        "search query too long: " + std::to_string(user_query.size()) +
        " bytes, at most " + std::to_string(kMaxQueryBytes) +
        " (search for its key words)");
  {
    size_t words = 0;
    bool in_word = false;
    for (char c : user_query) {
      const bool space = isspace(static_cast<unsigned char>(c)) ||
                         static_cast<unsigned char>(c) < 0x20;
      words += !space && !in_word;
      in_word = !space;
    }
    if (words > kMaxQueryWords)
      return InvalidArgument("search query too long: " + std::to_string(words) +
                             " words, at most " +
                             std::to_string(kMaxQueryWords) +
                             " (search for its key words)");
  }
  // Control characters are not text (and \x01-\x03 are the tokenizer's
  // marks): spaces.
  std::string q;
  for (char c : SanitizeUtf8(user_query))
    q += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
  q = std::string(TrimAscii(q));
  // theme:ID is a filter.
  static const RE2 kTheme("(?:^|\\s)theme:([a-z_]+)(?:\\s|$)");
  std::string theme;
  while (RE2::PartialMatch(q, kTheme, &theme)) {
    pq.theme = theme;
    RE2::Replace(&q, kTheme, " ");
    q = std::string(TrimAscii(q));
  }
  if (q.empty()) return pq;
  static const RE2 kSyntax(
      "\\bAND\\b|\\bOR\\b|\\bNOT\\b|\\bNEAR\\b|\\*|\\(|\\)");
  if (RE2::PartialMatch(q, kSyntax)) {
    // FTS5 syntax, kept; quoted phrases become exact forms.
    std::string out;
    size_t i = 0;
    while (i < q.size()) {
      if (q[i] != '"') {
        out += q[i++];
        continue;
      }
      size_t j = q.find('"', i + 1);
      if (j == std::string::npos)
        return InvalidArgument("invalid search query '" + user_query +
                               "': a quote is not closed");
      out += ExactPhrase(q.substr(i + 1, j - i - 1));
      i = j + 1;
    }
    bool spelled = false;
    pq.fts = SpellPrefixes(out, &spelled);
    // Every phrase weighs 1: the inverse document frequencies would cost a
    // second expansion of each prefix (planmine_rank, fts_rank.h).
    if (spelled) pq.weights = "1";
    return pq;
  }
  // Plain words and quoted phrases, all required.
  struct Part {
    std::string text;
    bool phrase;
  };
  std::vector<Part> parts;
  size_t i = 0;
  while (i < q.size()) {
    if (isspace(static_cast<unsigned char>(q[i]))) {
      ++i;
      continue;
    }
    if (q[i] == '"') {
      size_t j = q.find('"', i + 1);
      if (j == std::string::npos)
        return InvalidArgument("invalid search query '" + user_query +
                               "': a quote is not closed");
      std::string inner = q.substr(i + 1, j - i - 1);
      if (!TrimAscii(inner).empty()) parts.push_back({inner, true});
      i = j + 1;
      continue;
    }
    size_t j = i;
    while (j < q.size() && !isspace(static_cast<unsigned char>(q[j])) &&
           q[j] != '"')
      ++j;
    parts.push_back({q.substr(i, j - i), false});
    i = j;
  }
  auto word_expr = [](const Part& p) {
    if (p.phrase) return ExactPhrase(p.text);
    // The word's stems, spelled out as raw tokens in an OR (FTS5 evaluates
    // that several times faster than the colocated alternatives the
    // tokenizer would make of the bare word). A word typed with accents adds
    // its exact form: any form matches, the exact one ranks first.
    std::vector<std::string> alts = QueryAlternatives(p.text);
    if (alts.empty()) return Quote(p.text);  // several words to ICU: a phrase
    // A plural's stem is not always its singular's ("talleres" -> "taller",
    // "taller" -> "tall" in Snowball Spanish): the singular's stems too.
    for (const std::string& singular : Singulars(p.text))
      for (const std::string& a : QueryAlternatives(singular))
        if (std::find(alts.begin(), alts.end(), a) == alts.end())
          alts.push_back(a);
    if (!IsAscii(p.text)) alts.push_back("=" + p.text);
    std::string expr;
    for (const std::string& a : alts)
      expr += (expr.empty() ? "(" : " OR ") +
              (a[0] == '=' ? Quote(a) : Quote(kRawMark + a));
    return expr + ")";
  };
  // Parts [from, to), all required. With a dictionary, the longest run of
  // two or three plain words that is a dictionary entry gets its
  // translations as alternatives, each marked with its language (as bridge
  // terms are). A word alone is looked up only when it is the whole query
  // (four letters or more): translated word by word, a phrase finds what
  // its words mean apart ("open source" -> "abrir" ... "fuente"), which
  // costs the exact and inflected queries their precision
  // (docs/evaluation.md).
  const bool one_word = parts.size() == 1 && !parts[0].phrase;
  auto rest_expr = [&](size_t from, size_t to) {
    std::string out;
    size_t k = from;
    while (k < to) {
      std::string e;
      size_t used = 1;
      for (size_t n = std::min<size_t>(3, to - k);
           dictionary != nullptr && e.empty() && n >= 1; --n) {
        std::string text;
        bool plain = true;
        for (size_t m = k; m < k + n; ++m) {
          plain = plain && !parts[m].phrase;
          text += (m > k ? " " : "") + parts[m].text;
        }
        if (!plain || (n == 1 && (!one_word || FoldUtf8(text).size() < 4)))
          continue;
        std::vector<Translation> tr = dictionary->Translate(text);
        if (tr.empty()) continue;
        e = "((";
        for (size_t m = k; m < k + n; ++m)
          e += (m > k ? " AND " : "") + word_expr(parts[m]);
        e += ")";
        for (const Translation& t : tr) {
          e += " OR " + Quote(LanguageMarked(t.language, t.text));
          pq.bridged.push_back(t.text);
        }
        e += ")";
        used = n;
      }
      if (e.empty()) e = word_expr(parts[k]);
      out += (out.empty() ? "" : " AND ") + e;
      k += used;
    }
    return out;
  };
  // The longest run of plain words that is a bridge term gets its
  // equivalents as alternatives.
  // The match spans parts [best_from, best_from + best_len); best_words is
  // its length in words, which decides the longest.
  size_t best_from = 0, best_len = 0, best_words = 0;
  const TermGroup* group = nullptr;
  if (bridge != nullptr) {
    std::vector<std::string> words;
    std::vector<size_t> owner;  // part index of each word
    for (size_t k = 0; k < parts.size(); ++k) {
      if (parts[k].phrase) continue;
      for (std::string& w : FoldedWords(parts[k].text)) {
        words.push_back(std::move(w));
        owner.push_back(k);
      }
    }
    // Where each word of the query is: a term is compared only where its
    // first word is (linear in the query's words and the bridge's terms).
    std::unordered_map<std::string, std::vector<size_t>> at;
    for (size_t s = 0; s < words.size(); ++s) at[words[s]].push_back(s);
    for (const TermGroup& g : *bridge) {
      for (size_t ti = 0; ti < g.terms.size(); ++ti) {
        std::vector<std::string> folded_here;
        if (ti >= g.folded.size()) {
          const std::string_view text = Unmarked(g.terms[ti]);
          if (!MayFoldToAWord(text, at)) continue;
          folded_here = FoldedWords(text);
        }
        const std::vector<std::string>& tw =
            ti < g.folded.size() ? g.folded[ti] : folded_here;
        if (tw.empty() || tw.size() <= best_words) continue;
        auto where = at.find(tw[0]);
        if (where == at.end()) continue;
        for (size_t s : where->second) {
          if (s + tw.size() > words.size()) break;
          if (!std::equal(tw.begin(), tw.end(), words.begin() + s)) continue;
          // Whole parts only.
          size_t p0 = owner[s], p1 = owner[s + tw.size() - 1];
          best_from = p0;
          best_len = p1 - p0 + 1;
          best_words = tw.size();
          group = &g;
          break;
        }
      }
    }
    if (group != nullptr) {
      std::string matched;
      for (size_t k = best_from; k < best_from + best_len; ++k)
        matched += (matched.empty() ? "" : " ") + parts[k].text;
      std::vector<std::string> alts;
      std::vector<std::string> matched_words = FoldedWords(matched);
      for (const std::string& t : group->terms)
        if (FoldedWords(Unmarked(t)) != matched_words) alts.push_back(t);
      if (best_from == 0 && best_len == parts.size() && !group->theme.empty()) {
        pq.named_theme = group->theme;
        // The theme's vocabulary less the query's own group.
        for (const std::string& t : ThemeTerms(*bridge, group->theme))
          if (std::find(group->terms.begin(), group->terms.end(), t) ==
              group->terms.end())
            pq.theme_fts += (pq.theme_fts.empty() ? "" : " OR ") + Quote(t);
      }
      std::string expr = "(";
      for (size_t k = best_from; k < best_from + best_len; ++k)
        expr += (k > best_from ? " AND " : "") + word_expr(parts[k]);
      expr += ")";
      for (const std::string& a : alts) {
        expr += " OR " + Quote(a);
        pq.bridged.push_back(std::string(Unmarked(a)));
      }
      std::string out = rest_expr(0, best_from);
      out += (out.empty() ? "" : " AND ") + std::string("(") + expr + ")";
      std::string after = rest_expr(best_from + best_len, parts.size());
      if (!after.empty()) out += " AND " + after;
      pq.fts = out;
      pq.weights = PhraseWeights(pq.fts);
      return pq;
    }
  }
  pq.fts = rest_expr(0, parts.size());
  pq.weights = PhraseWeights(pq.fts);
  return pq;
}

std::string ToFtsQuery(const std::string& user_query) {
  auto p = ParseQuery(user_query, nullptr);
  return p.ok() ? p->fts : std::string(TrimAscii(user_query));
}

// The filters as the index stores them (filters.h); the theme of a
// theme:ID in the query is resolved by Search itself.
Status ResolveSearchFilters(Db& db, SearchOptions* o) {
  Filters f{o->country, o->cycle, o->theme, o->language};
  PLANMINE_RETURN_IF_ERROR(ResolveFilters(db, &f));
  o->country = f.country;
  o->cycle = f.cycle;
  o->theme = f.theme;
  o->language = f.language;
  if (o->year_from > 0 && o->year_to > 0 && o->year_from > o->year_to)
    return InvalidArgument("--from-year " + std::to_string(o->year_from) +
                           " is after --to-year " + std::to_string(o->year_to));
  return Status();
}

namespace {

// The filters of SearchOptions over sentences s and documents d, bound as
// ?4..?10 (and ?8, the theme).
constexpr const char* kFilters =
    " AND (?4 IS NULL OR d.country = upper(?4))"
    " AND (?5 IS NULL OR s.language = lower(?5))"
    " AND (?6 IS NULL OR d.doc_type = ?6)"
    " AND (?7 IS NULL OR d.plan_cycle = ?7)"
    " AND (?8 IS NULL OR EXISTS (SELECT 1 FROM theme_hits h WHERE "
    "h.sentence_id = s.id AND h.theme_id = ?8))"
    " AND (?9 IS NULL OR d.year >= CAST(?9 AS INTEGER))"
    " AND (?10 IS NULL OR d.year <= CAST(?10 AS INTEGER))";

bool Filtered(const SearchOptions& o, const std::string& theme) {
  return !o.country.empty() || !o.language.empty() || !o.doc_type.empty() ||
         !o.cycle.empty() || !theme.empty() || o.year_from > 0 || o.year_to > 0;
}

// The parameters ?1..?16 every search statement binds: ?12..?15 are left
// for document search (FindAll), ?16 is the index's average sentence length
// (planmine_rank's third argument; empty: the table's own).
std::vector<std::string> Params(const SearchOptions& o, const ParsedQuery& pq,
                                const std::string& theme,
                                const std::string& avg_words = "") {
  return {o.mark_open,
          o.mark_close,
          pq.fts,
          o.country,
          o.language,
          o.doc_type,
          o.cycle,
          theme,
          o.year_from > 0 ? std::to_string(o.year_from) : "",
          o.year_to > 0 ? std::to_string(o.year_to) : "",
          pq.weights,
          "",
          "",
          "",
          "",
          avg_words};
}

// FTS5 syntax errors surface as SQLite errors; say it in the user's terms.
Status UserError(const Status& s, const std::string& query) {
  const std::string& m = s.message();
  // The index itself failing (damaged, not a database, the disk): said as
  // it is, never as the query's fault (db.h gives these DataLoss/IoError
  // with the file's name).
  if (s.code() == StatusCode::kDataLoss ||
      m.find("database disk image is malformed") != std::string::npos ||
      m.find("file is not a database") != std::string::npos)
    return s;
  if (m.find("fts5") != std::string::npos ||
      m.find("syntax") != std::string::npos ||
      m.find("malformed") != std::string::npos ||
      m.find("no such column") != std::string::npos ||
      m.find("special query") != std::string::npos ||
      m.find("unterminated") != std::string::npos ||
      m.find("expected integer") != std::string::npos) {
    return InvalidArgument(
        "invalid search query '" + query +
        "': check quotes and operators (AND, OR, NOT, NEAR, prefix*)");
  }
  return s;
}

// The score a statement of HitsSql gives each sentence: planmine_rank's,
// none (0.0), or which of the query's phrases the sentence has
// (planmine_phrases, fts_rank.h; only where the query has words).
enum class HitScore { kRank, kNone, kPhrases };

// The sentences a parsed query finds, as "SELECT id, score" (score: BM25,
// lower is better), with the filters. `theme` is the theme filter.
// Unranked, the score is 0 (for counting). `match` is the parameter that
// holds the MATCH expression.
std::string HitsSql(const ParsedQuery& pq, const SearchOptions& o,
                    const std::string& theme, HitScore score = HitScore::kRank,
                    const std::string& match = "?3",
                    const std::string& table = "sentences_fts") {
  const std::string rank =
      score == HitScore::kRank ? "planmine_rank(" + table + ", ?11, ?16)"
      : score == HitScore::kPhrases
          ? std::string(kPhrasesFunctionName) + "(" + table + ")"
          : "0.0";
  if (pq.fts.empty())
    return std::string(
               "SELECT s.id AS id, 0.0 AS score FROM theme_hits h JOIN "
               "sentences s ON s.id = h.sentence_id JOIN documents d ON d.id "
               "= s.doc_id WHERE h.theme_id = ?8 AND ?3 IS NULL") +
           kFilters + " GROUP BY s.id";
  if (Filtered(o, theme))
    return "SELECT sentences_fts.rowid AS id, " + rank +
           " AS score FROM sentences_fts JOIN sentences s ON s.id = "
           "sentences_fts.rowid JOIN documents d ON d.id = s.doc_id WHERE "
           "sentences_fts MATCH " +
           match + kFilters;
  return "SELECT rowid AS id, " + rank + " AS score FROM " + table + " WHERE " +
         table + " MATCH " + match +
         " AND ?4 IS NULL AND ?5 IS NULL AND ?6 IS NULL AND ?7 IS NULL AND ?8 "
         "IS NULL AND ?9 IS NULL AND ?10 IS NULL";
}

// How many sentences a parsed query finds.
Result<int64_t> CountHits(Db& db, const ParsedQuery& pq, const SearchOptions& o,
                          const std::string& theme, const std::string& query) {
  // Counting needs no rank: the rank function is left out when unfiltered.
  // (Parameters a statement does not use are bound in vain, harmlessly.)
  std::string sql =
      pq.fts.empty() || Filtered(o, theme)
          ? "SELECT count(*) FROM (" + HitsSql(pq, o, theme, HitScore::kNone) +
                ")"
          : "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH ?3";
  auto t = RunTable(db, sql, Params(o, pq, theme));
  if (!t.ok()) return UserError(t.status(), query);
  if (t->rows.empty()) return int64_t{0};
  return static_cast<int64_t>(std::stoll(t->rows[0][0]));
}

// The query parsed, and the theme filter: a theme:ID in the query (resolved
// as filters.h does), else o.theme (resolved by ResolveSearchFilters).
Result<ParsedQuery> ParseForSearch(Db& db, const std::string& query,
                                   const SearchOptions& o, std::string* theme) {
  auto parsed = ParseQuery(query, o.bridge, o.dictionary);
  if (!parsed.ok()) return parsed.status();
  *theme = o.theme;
  if (!parsed->theme.empty()) {
    auto t = ResolveTheme(db, parsed->theme);
    if (!t.ok()) return t.status();
    *theme = *t;
  }
  if (parsed->fts.empty() && theme->empty())
    return InvalidArgument("empty search query");
  return parsed;
}

// The commitment a sentence s lies in (the narrowest heading, else the
// narrowest statement), as a LEFT JOIN on c.
constexpr const char* kCommitmentJoin =
    " LEFT JOIN commitments c ON c.id = (SELECT c2.id FROM commitments c2 "
    "WHERE c2.doc_id = s.doc_id AND c2.first_sentence_id <= s.id AND "
    "c2.last_sentence_id >= s.id ORDER BY c2.kind = 'heading' DESC, "
    "c2.last_sentence_id - c2.first_sentence_id, c2.seq LIMIT 1)";
constexpr const char* kKeyColumns =
    ", substr(d.sha256, 1, 16) AS doc_key, substr(d.sha256, 1, 16) || '-s' "
    "|| s.seq AS sentence_key, CASE WHEN c.id IS NOT NULL THEN "
    "substr(d.sha256, 1, 16) || '-c' || c.seq END AS commitment_key, "
    "c.number AS commitment_number, c.title AS commitment_title";

void SetSentenceTypes(Table* t) {
  t->SetType("year", ColumnType::kInteger);
  t->SetType("page", ColumnType::kInteger);
  t->SetType("score", ColumnType::kReal);
  for (const char* c : {"title", "file", "country", "doc_type", "language",
                        "snippet", "doc_key", "sentence_key", "commitment_key",
                        "commitment_number", "commitment_title"})
    t->SetType(c, ColumnType::kText);
}

}  // namespace

namespace {

// The best hits of a hits statement (HitsSql: "SELECT id, score"), best
// first (by score, then id, as ORDER BY score, id would give them), and how
// many there are in all. One pass over the matches: an ORDER BY … LIMIT for
// the page and a count(*) for the total read them twice, and each pass
// expands a prefix again.
struct TopHits {
  std::vector<std::pair<double, int64_t>> best;  // (score, id)
  int64_t total = 0;
  bool total_exact = true;
};

// Keeps the k best of `hit` and the hits before it in `heap`, a max-heap
// (the worst of them on top).
void PushTop(std::pair<double, int64_t> hit, size_t k,
             std::vector<std::pair<double, int64_t>>* heap) {
  if (heap->size() < k) {
    heap->push_back(hit);
    std::push_heap(heap->begin(), heap->end());
  } else if (k > 0 && hit < heap->front()) {
    std::pop_heap(heap->begin(), heap->end());
    heap->back() = hit;
    std::push_heap(heap->begin(), heap->end());
  }
}

// At most this many statements step the index over a document filter's
// spans (HitFilter::Spans): each costs a parse of the query and a seek per
// term (0.17 ms for an OR of three words on a million sentences).
constexpr size_t kMaxSpans = 32;

// Calls row(s); a row callback that returns bool stops the pass with false.
template <typename Row>
bool Visit(Row& row, Stmt& s) {
  if constexpr (std::is_same_v<decltype(row(s)), bool>) {
    return row(s);
  } else {
    row(s);
    return true;
  }
}

// Steps the hits statement `sql` (HitsSql, on sentences_fts) and calls
// `row(stmt)` for each row (until it returns false, when it returns bool). With
// a document filter, and weights given (no frequency pass per statement:
// fts_rank.h), once per span of the kept documents (rowid BETWEEN), so the
// matches of other documents are neither read nor ranked, when the spans hold
// at most three quarters of the index (HitFilter::WorthSpanning); otherwise
// once. The tiers (a sixth of the index) are always stepped once: up to 32
// statements for each tier, each parsing the query and seeking every term,
// cost more than reading a tier's few matches. With a filter, the statement
// tests its in-memory part on each match before ranking it (planmine_keep,
// db.h): a match the filter drops costs a step and a test, not a rank.
template <typename Row>
Status StepHits(Db& db, const std::string& sql,
                const std::vector<std::string>& params, HitFilter* filter,
                Row row) {
  const bool spanned = filter != nullptr && filter->by_document() &&
                       params.size() > 10 && !params[10].empty() &&
                       sql.find("sentences_fts MATCH") != std::string::npos;
  const auto spans = spanned ? filter->Spans(kMaxSpans)
                             : std::vector<std::pair<int64_t, int64_t>>();
  // The filter's tests in memory made in the statement, before a row is
  // ranked: a filtered search ranks only the matches it can keep.
  const bool tested =
      filter != nullptr && sql.find(" MATCH ") != std::string::npos;
  const std::string keep = tested ? " AND planmine_keep(?22, rowid)" : "";
  if (!spanned || !filter->WorthSpanning(spans)) {
    auto s = PrepareBound(db, sql + keep, params);
    if (!s.ok()) return s.status();
    if (tested) s->BindIdTest(22, filter);
    while (s->Step())
      if (!Visit(row, *s)) return Status::Ok();
    return s->status();
  }
  std::vector<std::string> p = params;
  p.resize(std::max<size_t>(p.size(), 19));
  auto s = PrepareBound(db, sql + " AND rowid BETWEEN ?20 AND ?21" + keep, p);
  if (!s.ok()) return s.status();
  for (const auto& [first, last] : spans) {
    s->Reset();  // clears the bindings too
    for (size_t i = 0; i < p.size(); ++i)
      if (!p[i].empty()) s->Bind(static_cast<int>(i + 1), p[i]);
    s->Bind(20, first).Bind(21, last);
    if (tested) s->BindIdTest(22, filter);
    while (s->Step())
      if (!Visit(row, *s)) return Status::Ok();
    if (!s->status().ok()) return s->status();
  }
  return Status::Ok();
}

// `filter`, when given, is tested on the hits (the statement is then the
// unfiltered one), all of them at once after the pass (HitFilter::KeepAll).
Result<TopHits> FindTopHits(Db& db, const std::string& sql,
                            const std::vector<std::string>& params, size_t k,
                            HitFilter* filter = nullptr) {
  TopHits out;
  std::vector<std::pair<double, int64_t>> all;  // when filtered
  std::vector<int64_t> ids;
  Status st = StepHits(db, sql, params, filter, [&](Stmt& s) {
    std::pair<double, int64_t> hit{s.Real(1), s.Int(0)};
    if (filter != nullptr) {
      all.push_back(hit);
      ids.push_back(hit.second);
      return;
    }
    ++out.total;
    PushTop(hit, k, &out.best);
  });
  if (!st.ok()) return st;
  if (filter != nullptr) {
    auto kept = filter->KeepAll(std::move(ids));
    if (!kept.ok()) return kept.status();
    for (const auto& hit : all) {
      if (!std::binary_search(kept->begin(), kept->end(), hit.second)) continue;
      ++out.total;
      PushTop(hit, k, &out.best);
    }
  }
  std::sort_heap(out.best.begin(), out.best.end());
  return out;
}

// The rows `hits` as a table the display statement joins ("top": id, score,
// ord). The numbers are ours, so they are written into the SQL.
std::string TopValues(const std::vector<std::pair<double, int64_t>>& hits,
                      size_t from) {
  if (from >= hits.size())
    return "SELECT 0 AS id, 0.0 AS score, 0 AS ord "
           "WHERE 0";
  std::string out = "VALUES ";
  char buf[64];
  for (size_t i = from; i < hits.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%s(%lld, %.17g, %zu)", i > from ? ", " : "",
                  static_cast<long long>(hits[i].second), hits[i].first, i);
    out += buf;
  }
  return out;
}

// The snippets of the shown hits: the shown sentences are indexed alone in a
// temporary full-text table of the connection, where the query is matched
// against their words only: in sentences_fts each shown row would evaluate
// the whole query again, reading every term's full doclist (a bridged query
// has dozens of terms) and expanding a prefix over the whole vocabulary;
// here 20 sentences. (search "participacion ciudadana" on both real
// corpora: 129 M -> 55 M instructions for the whole process, the same
// output.) FTS5's snippet() reads only the row's positions, so the snippets
// are those sentences_fts would give.
Status IndexShownIds(Db& db, const std::string& json_ids) {
  PLANMINE_RETURN_IF_ERROR(
      db.Exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.shown_fts USING "
              "fts5(text, tokenize='planmine'); DELETE FROM temp.shown_fts;"));
  auto s = db.Prepare(
      "INSERT INTO temp.shown_fts(rowid, text) SELECT id, text FROM "
      "main.sentences_fts_content WHERE id IN (SELECT value FROM "
      "json_each(?1))");
  if (!s.ok()) return s.status();
  s->Bind(1, json_ids);
  return s->Run();
}

Status IndexShown(Db& db, const std::vector<std::pair<double, int64_t>>& hits,
                  size_t from) {
  std::string json = "[";
  for (size_t i = from; i < hits.size(); ++i)
    json += (json.size() > 1 ? "," : "") + std::to_string(hits[i].second);
  return IndexShownIds(db, json + "]");
}

// The statement of a theme:ID search without words: the tagged sentences,
// the matched words marked.
std::string ThemeOnlySql(const std::string& limit) {
  return "SELECT d.title AS title, d.path AS file, d.country AS country, "
         "d.year AS year, d.doc_type AS doc_type, s.language AS language, "
         "s.page AS page, replace(s.text, h.match, ?1 || h.match || ?2) AS "
         "snippet, NULL AS score" +
         std::string(kKeyColumns) +
         " FROM theme_hits h JOIN sentences s ON s.id = h.sentence_id JOIN "
         "documents d ON d.id = s.doc_id" +
         kCommitmentJoin + " WHERE h.theme_id = ?8 AND ?3 IS NULL" + kFilters +
         " ORDER BY d.country, d.path, s.seq" + limit;
}

// The statement that shows the hits of `top` (TopValues), in order, with
// their snippets from temp.shown_fts (IndexShown). The snippets are made in
// one MATCH over the shown sentences, materialized before the join: matched
// row by row, FTS5 parsed (and stemmed) the whole expression again for each
// shown row, which was a third of a one-query process.
std::string ShownSql(const std::string& top) {
  // The snippet comes from the text behind its language mark: the mark is
  // cut off.
  return "WITH top(id, score, ord) AS (" + top +
         "), shown(id, snippet) AS MATERIALIZED (SELECT rowid, "
         "snippet(shown_fts, 0, ?1, ?2, '…', 24) FROM temp.shown_fts WHERE "
         "shown_fts MATCH ?3) SELECT d.title AS title, d.path AS file, "
         "d.country AS country, d.year AS year, d.doc_type AS doc_type, "
         "s.language AS language, s.page AS page, replace(shown.snippet, "
         "char(2) || coalesce(s.language, '') || char(3), '') AS snippet, "
         "round(-top.score, 3) AS score" +
         std::string(kKeyColumns) +
         " FROM top JOIN shown ON shown.id = top.id JOIN sentences s ON s.id "
         "= top.id JOIN documents d ON d.id = s.doc_id" +
         kCommitmentJoin + " ORDER BY top.ord";
}

// The index's average sentence length as planmine_rank's third argument
// ("%.17g", so that every table ranks with the same number), read from
// FTS5's record of sentences_fts; empty when it cannot be read.
std::string IndexAverageWords(Db& db) {
  auto s = db.Prepare("SELECT block FROM sentences_fts_data WHERE id = 1");
  if (!s.ok() || !s->Step()) return "";
  const double avg = AverageWordsFromRecord(s->Text(0));
  if (avg <= 0) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", avg);
  return buf;
}

// How many hits the query has, up to `cap`: the index's matches stepped
// without ranking, the filter (when given) tested on each batch of them.
// Returns cap + 1 when there are more than `cap`.
Result<int64_t> CountUpTo(Db& db, const std::string& sql,
                          const std::vector<std::string>& params,
                          HitFilter* filter, int64_t cap) {
  constexpr size_t kBatch = 4096;
  int64_t n = 0;
  std::vector<int64_t> batch;
  auto flush = [&]() -> Status {
    if (filter == nullptr) {
      n += static_cast<int64_t>(batch.size());
    } else if (!batch.empty()) {
      auto kept = filter->KeepAll(std::move(batch));
      if (!kept.ok()) return kept.status();
      n += static_cast<int64_t>(kept->size());
    }
    batch.clear();
    return Status::Ok();
  };
  Status failed;
  Status st = StepHits(db, sql, params, filter, [&](Stmt& s) {
    batch.push_back(s.Int(0));
    if (batch.size() >= kBatch) failed = flush();
    return failed.ok() && n <= cap;
  });
  if (!st.ok()) return st;
  if (!failed.ok()) return failed;
  PLANMINE_RETURN_IF_ERROR(flush());
  return std::min(n, cap + 1);
}

// The tiers of the full-text index ranked before the whole of it: the k
// best of tier 1, then of tiers 1 and 2, then of all three, are the k best
// of the index when the worst of them scores more than any sentence outside
// can (rank_bound.h). Sets *done then; else the caller ranks the whole
// index.
// `sql_of(table)` is the ranked hits statement on a table.
template <typename SqlOf>
Result<TopHits> RankTiers(Db& db, SqlOf sql_of,
                          const std::vector<std::string>& params, size_t k,
                          HitFilter* filter, double weight, double avg,
                          SearchOptions::Trace* trace, bool* done) {
  *done = false;
  TopHits out;
  // The best sentence outside tier 1 is a heading of kTier1HeadingWords + 1
  // words or a body sentence of one word (or, length unknown, the
  // average); outside tier 2, such a body sentence; outside tier 3, a body
  // sentence of kTier3MaxWords + 1 words.
  const double body =
      std::max(RankLengthFactor(1, avg), RankLengthFactor(0, avg));
  const double outside[kTiers] = {
      std::max(RankClassFactor(kHeading) *
                   RankLengthFactor(kTier1HeadingWords + 1, avg),
               body),
      body, RankLengthFactor(kTier3MaxWords + 1, avg)};
  for (int tier = 0; tier < kTiers; ++tier) {
    auto top = FindTopHits(db, sql_of(kTierTables[tier]), params, k, filter);
    if (!top.ok()) return top.status();
    std::vector<std::pair<double, int64_t>> best = std::move(out.best);
    best.insert(best.end(), top->best.begin(), top->best.end());
    std::sort(best.begin(), best.end());
    if (best.size() > k) best.resize(k);
    out.best = std::move(best);
    out.total += top->total;
    if (trace != nullptr) trace->tiers_read = tier + 1;
    // Strictly more, with a margin for rounding: a sentence outside that
    // ties the worst shown could come before it by id.
    const double bound = weight * outside[tier] * (1 + 1e-9);
    if (out.best.size() == k && k > 0 && -out.best.back().first > bound) {
      *done = true;
      return out;
    }
  }
  return out;
}

// The best `k` hits of a parsed query with words, and their number (exact,
// or more than kExactTotalUpTo: then `total` is kExactTotalUpTo + 1 and
// `total_exact` false). The filters are tested in memory (hit_filter.h) on
// the full-text index's matches when they can be, else joined. The tiers
// are ranked first when the query's phrases allow a bound (rank_bound.h);
// the whole index is ranked, and every match counted, when they do not
// suffice.
Result<TopHits> RankHits(Db& db, const ParsedQuery& pq, const SearchOptions& o,
                         const std::string& theme, size_t k) {
  std::unique_ptr<HitFilter> filter;
  if (Filtered(o, theme)) {
    auto f = HitFilter::Create(db, o, theme);
    if (!f.ok()) return f.status();
    if (!f->usable())  // joined in SQL; no tiers
      return FindTopHits(db, HitsSql(pq, o, theme), Params(o, pq, theme), k);
    filter = std::make_unique<HitFilter>(std::move(*f));
  }
  SearchOptions bare;
  const SearchOptions& so = filter ? bare : o;
  const std::string no_theme;
  const std::string& st = filter ? no_theme : theme;
  const std::string avg = o.tiers ? IndexAverageWords(db) : "";
  const std::vector<std::string> params = Params(so, pq, st, avg);
  const double weight =
      pq.weights.empty() ? -1 : MaxOneLanguageWeight(pq.fts, pq.weights);
  if (!avg.empty() && weight > 0) {
    bool done = false;
    auto top = RankTiers(
        db,
        [&](const char* table) {
          return HitsSql(pq, so, st, HitScore::kRank, "?3", table);
        },
        params, k, filter.get(), weight, std::strtod(avg.c_str(), nullptr),
        o.trace, &done);
    if (!top.ok()) return top.status();
    if (done) {
      if (o.trace != nullptr) o.trace->stopped_early = true;
      const int64_t cap = o.exact_total
                              ? std::numeric_limits<int64_t>::max() - 1
                              : kExactTotalUpTo;
      if (top->total > cap) {  // the tiers alone hold more
        top->total = cap + 1;
        top->total_exact = false;
        return top;
      }
      auto n = CountUpTo(db, HitsSql(pq, so, st, HitScore::kNone), params,
                         filter.get(), cap);
      if (!n.ok()) return n.status();
      top->total = *n;
      top->total_exact = *n <= cap;
      return top;
    }
  }
  return FindTopHits(db, HitsSql(pq, so, st), params, k, filter.get());
}

}  // namespace

Result<Table> Search(Db& db, const std::string& query,
                     const SearchOptions& options) {
  SearchOptions o = options;
  PLANMINE_RETURN_IF_ERROR(ResolveSearchFilters(db, &o));
  std::string theme;
  auto parsed = ParseForSearch(db, query, o, &theme);
  if (!parsed.ok()) return parsed.status();
  const size_t limit =
      static_cast<size_t>(std::max(1, std::min(o.limit, 10000)));
  const size_t offset = static_cast<size_t>(std::max(0, o.offset));
  const std::vector<std::string> params = Params(o, *parsed, theme);
  if (parsed->fts.empty()) {
    auto t = RunTable(db,
                      ThemeOnlySql(" LIMIT " + std::to_string(limit) +
                                   " OFFSET " + std::to_string(offset)),
                      params);
    if (!t.ok()) return UserError(t.status(), query);
    SetSentenceTypes(&*t);
    if (offset == 0 && t->rows.size() < limit) {
      t->total = static_cast<int64_t>(t->rows.size());
      return t;
    }
    auto total = CountHits(db, *parsed, o, theme, query);
    if (!total.ok()) return total.status();
    t->total = *total;
    return t;
  }
  // Ranked by planmine_rank (BM25 from positions and the sentence id,
  // headings and titles weighted: fts_rank.h) in one pass that also counts;
  // joined with documents only when a filter needs them, and snippets made
  // for the page shown only.
  auto hits = RankHits(db, *parsed, o, theme, offset + limit);
  if (!hits.ok()) return UserError(hits.status(), query);
  // Snippets from the shown sentences alone, prefix or not (IndexShown).
  Status shown = IndexShown(db, hits->best, offset);
  if (!shown.ok()) return UserError(shown, query);
  auto t = RunTable(db, ShownSql(TopValues(hits->best, offset)), params);
  if (!t.ok()) return UserError(t.status(), query);
  SetSentenceTypes(&*t);
  t->total = hits->total;
  t->total_exact = hits->total_exact;
  return t;
}

Result<SearchBy> ParseSearchBy(const std::string& name) {
  if (name == "sentence") return SearchBy::kSentence;
  if (name == "document") return SearchBy::kDocument;
  if (name == "country") return SearchBy::kCountry;
  return InvalidArgument("--by must be sentence, document or country, got '" +
                         name + "'");
}

namespace {

// Joins `ids` as a JSON array, for json_each.
std::string JsonIds(const std::vector<std::string>& ids) {
  std::string out = "[";
  for (const std::string& id : ids) out += (out.size() > 1 ? "," : "") + id;
  return out + "]";
}

Table CountryRows(const Table& docs) {
  struct Country {
    int64_t documents = 0, hits = 0;
    double score = 0;
    std::string top_file;
  };
  std::map<std::string, Country> by;
  const int c_country = docs.Column("country"), c_hits = docs.Column("hits"),
            c_score = docs.Column("score"), c_file = docs.Column("file");
  for (const auto& r : docs.rows) {  // best document first
    Country& c = by[r[c_country]];
    if (c.documents++ == 0) c.top_file = r[c_file];
    c.hits += std::stoll(r[c_hits]);
    c.score += std::atof(r[c_score].c_str());
  }
  std::vector<std::pair<std::string, Country>> order(by.begin(), by.end());
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) {
                     if (a.second.documents != b.second.documents)
                       return a.second.documents > b.second.documents;
                     return a.second.score > b.second.score;
                   });
  Table t;
  t.columns = {"country", "documents", "hits", "top_file", "score"};
  for (const auto& [country, c] : order) {
    char score[32];
    std::snprintf(score, sizeof score, "%.3f", c.score);
    t.rows.push_back({country, std::to_string(c.documents),
                      std::to_string(c.hits), c.top_file, score});
  }
  t.SetType("country", ColumnType::kText);
  t.SetType("documents", ColumnType::kInteger);
  t.SetType("hits", ColumnType::kInteger);
  t.SetType("top_file", ColumnType::kText);
  t.SetType("score", ColumnType::kReal);
  return t;
}

}  // namespace

namespace {

// Replaces the sentence id in each row's snippet column with the snippet:
// the query's marks for a word hit (the theme's vocabulary too when
// `themed`), the theme's matched words for a theme hit, else the text.
Status FillSnippets(Db& db, const std::string& query, const ParsedQuery& pq,
                    const SearchOptions& o, const std::string& theme,
                    std::vector<std::string> params, bool themed, Table* t) {
  const int c_snippet = t->Column("snippet");
  std::vector<std::string> ids;
  for (const auto& r : t->rows) ids.push_back(r[c_snippet]);
  if (ids.empty()) return Status::Ok();
  std::map<std::string, std::string> snippets;
  if (!pq.fts.empty()) {
    if (themed && !pq.theme_fts.empty())
      params[2] = "(" + pq.fts + ") OR " + pq.theme_fts;
    // One MATCH over the shown sentences alone (IndexShown, ShownSql): in
    // sentences_fts with `rowid IN`, FTS5 parsed the expression and read
    // every term's doclist once per shown row.
    PLANMINE_RETURN_IF_ERROR(IndexShownIds(db, JsonIds(ids)));
    auto sn = RunTable(
        db,
        "WITH shown(id, snippet) AS MATERIALIZED (SELECT rowid, "
        "snippet(shown_fts, 0, ?1, ?2, '…', 24) FROM temp.shown_fts WHERE "
        "shown_fts MATCH ?3) SELECT shown.id, replace(shown.snippet, char(2) "
        "|| coalesce(s.language, '') || char(3), '') FROM shown JOIN "
        "sentences s ON s.id = shown.id",
        {params[0], params[1], params[2]});
    if (!sn.ok()) return UserError(sn.status(), query);
    for (const auto& r : sn->rows) snippets[r[0]] = r[1];
  }
  auto sn = RunTable(
      db,
      "SELECT s.id, replace(s.text, h.match, ?1 || h.match || ?2) FROM "
      "sentences s LEFT JOIN theme_hits h ON h.sentence_id = s.id AND "
      "h.theme_id = ?3 WHERE s.id IN (SELECT value FROM json_each(?4))",
      {o.mark_open, o.mark_close, themed ? pq.named_theme : theme,
       JsonIds(ids)});
  if (!sn.ok()) return sn.status();
  for (const auto& r : sn->rows) snippets.emplace(r[0], r[1]);
  for (auto& r : t->rows) r[c_snippet] = snippets[r[c_snippet]];
  return Status::Ok();
}

}  // namespace

namespace {

// A sentence a document search found: its best score and how it was found
// (1 the query's own words, 2 their bridge equivalents, 3 the theme), the
// smallest of each over the passes that found it.
struct Found {
  int64_t id;
  double score;
  int via;
};
// The sentences found, by ascending id, each once: each pass comes out of
// the index by ascending id and is merged in one walk (a hash map of every
// match was a sixth of a document search, and its ids were sorted after).
using FoundList = std::vector<Found>;

// Sorts `v` by id and folds the entries of one id into one (the smallest
// score and via).
void SortAndFold(FoundList* v) {
  auto by_id = [](const Found& a, const Found& b) { return a.id < b.id; };
  if (!std::is_sorted(v->begin(), v->end(), by_id))
    std::sort(v->begin(), v->end(), by_id);
  size_t n = 0;
  for (size_t i = 0; i < v->size(); ++i) {
    const Found& f = (*v)[i];
    if (n > 0 && (*v)[n - 1].id == f.id) {
      (*v)[n - 1].score = std::min((*v)[n - 1].score, f.score);
      (*v)[n - 1].via = std::min((*v)[n - 1].via, f.via);
    } else {
      (*v)[n++] = f;
    }
  }
  v->resize(n);
}

// Adds `pass` (found by one way) to `found`; `filter`, when given, is
// tested on it first.
Status MergeFound(FoundList pass, HitFilter* filter, FoundList* found) {
  if (filter != nullptr) {
    std::vector<int64_t> ids;
    ids.reserve(pass.size());
    for (const Found& f : pass) ids.push_back(f.id);
    auto kept = filter->KeepAll(std::move(ids));
    if (!kept.ok()) return kept.status();
    pass.erase(std::remove_if(pass.begin(), pass.end(),
                              [&](const Found& f) {
                                return !std::binary_search(kept->begin(),
                                                           kept->end(), f.id);
                              }),
               pass.end());
  }
  SortAndFold(&pass);
  FoundList merged;
  merged.reserve(found->size() + pass.size());
  std::merge(found->begin(), found->end(), pass.begin(), pass.end(),
             std::back_inserter(merged),
             [](const Found& a, const Found& b) { return a.id < b.id; });
  SortAndFold(&merged);
  *found = std::move(merged);
  return Status::Ok();
}

// Adds the rows (id, score) of `sql` to `found`, found by `via`; `filter`,
// when given, is tested on them.
Status AddFound(Db& db, const std::string& sql,
                const std::vector<std::string>& params, int via,
                HitFilter* filter, FoundList* found) {
  FoundList pass;
  PLANMINE_RETURN_IF_ERROR(StepHits(db, sql, params, filter, [&](Stmt& s) {
    pass.push_back(Found{s.Int(0), s.Real(1), via});
  }));
  return MergeFound(std::move(pass), filter, found);
}

// The documents with a commitment tagged with `theme`, through the index
// commitments_id_doc (the planner, without statistics, reads each
// commitment's row instead: 4,624 rows of kilobytes for
// citizen_participation on a million sentences, 19 ms against 2); an index
// written before it was added is read the plain way.
Result<std::unordered_set<int64_t>> CommittedDocuments(
    Db& db, const std::string& theme) {
  std::unordered_set<int64_t> committed;
  auto sql = [](const char* indexed) {
    return std::string(
               "SELECT DISTINCT c.doc_id FROM commitment_themes ct "
               "JOIN commitments c ") +
           indexed + " ON c.id = ct.commitment_id WHERE ct.theme_id = ?1";
  };
  auto s = PrepareBound(db, sql("INDEXED BY commitments_id_doc"), {theme});
  if (!s.ok() &&
      s.status().message().find("no such index") != std::string::npos)
    s = PrepareBound(db, sql(""), {theme});
  if (!s.ok()) return s.status();
  while (s->Step()) committed.insert(s->Int(0));
  PLANMINE_RETURN_IF_ERROR(s->status());
  return committed;
}

// Adds to `found` (by the theme, score 0) the sentences tagged with `theme`
// in the documents that discuss it: `min_sentences` tagged sentences or
// more, or a commitment tagged with it. One pass over the theme's hits in
// the order of the index theme_hits_theme_doc_sentence, counting each
// document's distinct sentences as they come: a GROUP BY … count(DISTINCT)
// and an IN over its result took 43 ms for the 51,000 hits of open_data on
// a million sentences, and joined with each hit's sentence and document
// (as it was without filters), 110 ms.
Status AddThemeSentences(Db& db, const std::string& theme, int min_sentences,
                         const std::unordered_set<int64_t>& committed,
                         HitFilter* filter, FoundList* found) {
  auto s = PrepareBound(db,
                        "SELECT doc_id, sentence_id FROM theme_hits WHERE "
                        "theme_id = ?1 ORDER BY doc_id, sentence_id",
                        {theme});
  if (!s.ok()) return s.status();
  FoundList pass;
  size_t doc_from = 0;  // where the current document's sentences start
  int64_t doc = 0;
  auto close = [&]() {
    if (!DiscussesTheme(pass.size() - doc_from, committed.count(doc) > 0,
                        min_sentences))
      pass.resize(doc_from);
    doc_from = pass.size();
  };
  while (s->Step()) {
    const int64_t d = s->Int(0), id = s->Int(1);
    if (pass.size() > doc_from && d != doc) close();
    doc = d;
    if (pass.size() == doc_from || pass.back().id != id)
      pass.push_back(Found{id, 0.0, 3});
  }
  PLANMINE_RETURN_IF_ERROR(s->status());
  close();
  return MergeFound(std::move(pass), filter, found);
}

// The sentences tagged with the theme the query names, in the documents
// that discuss it (DiscussesTheme, in SQL), as "SELECT id, 0.0", with the
// filters in SQL (when the in-memory test cannot apply them; else
// AddThemeSentences).
std::string ThemeSentencesSql() {
  const std::string discussing =
      "(SELECT h2.doc_id FROM theme_hits h2 WHERE h2.theme_id = ?12 GROUP "
      "BY h2.doc_id HAVING count(DISTINCT h2.sentence_id) >= CAST(?13 AS "
      "INTEGER) UNION SELECT c.doc_id FROM commitment_themes ct JOIN "
      "commitments c ON c.id = ct.commitment_id WHERE ct.theme_id = ?12)";
  return "SELECT s.id, 0.0 FROM theme_hits h JOIN sentences s ON s.id = "
         "h.sentence_id JOIN documents d ON d.id = s.doc_id WHERE h.theme_id "
         "= ?12 AND s.doc_id IN " +
         discussing + kFilters;
}

// How FindAll's passes read the index: with the statements' options and
// theme filter (the bare ones when `filter` tests the filters in memory)
// and their parameters.
struct Passes {
  Db& db;
  const ParsedQuery& pq;
  const SearchOptions& so;
  const std::string& st;
  const std::vector<std::string>& p;
  HitFilter* filter;
};

// The query's words over the index: all of them, ranked (found by the
// bridge, via 2, when it added equivalents), and then its own words alone
// (?15; via 1).
Status AddQueryPasses(const Passes& x, bool bridged, FoundList* found) {
  if (!x.pq.fts.empty())
    PLANMINE_RETURN_IF_ERROR(AddFound(x.db, HitsSql(x.pq, x.so, x.st), x.p,
                                      bridged ? 2 : 1, x.filter, found));
  if (!bridged) return Status::Ok();
  return AddFound(x.db, HitsSql(x.pq, x.so, x.st, HitScore::kRank, "?15"), x.p,
                  1, x.filter, found);
}

// A query that is a whole bridge term searches "((OWN) OR "A1" OR …)"
// (ParseQuery): its own words, then the other terms of its group. True when
// pq.fts is exactly that for `own`, an AND of ORs of phrases (the words
// alone, ParseQuery without the bridge), with *own_phrases the number of
// the own words' phrases, which come first, and *alternatives the other
// terms as the bridge spells them; false for any other shape, or for more
// phrases than a mask holds.
bool SplitBridged(const ParsedQuery& pq, const std::string& own,
                  size_t* own_phrases, std::vector<std::string>* alternatives) {
  const std::vector<std::string> mine = QuotedPhrases(own);
  const std::vector<std::string> all = QuotedPhrases(pq.fts);
  if (mine.empty() || all.size() <= mine.size() ||
      all.size() > static_cast<size_t>(kMaxMaskPhrases))
    return false;
  // Outside its phrases, `own` is only parentheses, AND and OR.
  static const RE2 kPhrase("\"(?:[^\"]|\"\")*\"");
  std::string operators = own;
  RE2::GlobalReplace(&operators, kPhrase, " ");
  static const RE2 kAndOr("[() ]|\\bAND\\b|\\bOR\\b");
  RE2::GlobalReplace(&operators, kAndOr, "");
  if (!operators.empty()) return false;
  alternatives->assign(all.begin() + mine.size(), all.end());
  std::string expected = "((" + own + ")";
  for (const std::string& a : *alternatives) expected += " OR " + Quote(a);
  *own_phrases = mine.size();
  return expected + ")" == pq.fts;
}

// Adds the sentences of a query split by SplitBridged to `found` without
// searching its group's other terms: its own words searched (?15, which of
// their phrases each sentence has), the others' sentences read from the
// kept rows (kept.also, bit j for the query's phrase own_phrases + j).
// A sentence has the phrases FTS5 reports for it when the whole query is
// searched: the own words' where they match (an AND node stands on the
// rows it matches, and its phrases with it) and each other term it has.
// Scored as planmine_rank scores them, found by its own words (via 1) or by
// the bridge (via 2): as AddQueryPasses finds them.
Status AddSplitQuery(const Passes& x, size_t own_phrases, size_t phrases,
                     const KeptTheme& kept, FoundList* found) {
  std::vector<std::pair<int64_t, uint64_t>> own;
  PLANMINE_RETURN_IF_ERROR(
      StepHits(x.db, HitsSql(x.pq, x.so, x.st, HitScore::kPhrases, "?15"), x.p,
               x.filter, [&](Stmt& s) {
                 own.emplace_back(s.Int(0), static_cast<uint64_t>(s.Int(1)));
               }));
  if (!std::is_sorted(own.begin(), own.end()))
    std::sort(own.begin(), own.end());
  const std::vector<double> weights =
      RankWeights(x.pq.weights.c_str(), phrases);
  auto add = [&](int64_t id, uint64_t mask, int via, FoundList* pass) {
    double weight = 0;  // in the phrases' order, as planmine_rank adds
    for (size_t i = 0; i < weights.size(); ++i)
      if ((mask >> i) & 1) weight += weights[i];
    pass->push_back(Found{id, RankScore(id, weight, kept.avg_words), via});
  };
  FoundList pass;
  pass.reserve(own.size() + kept.also.size());
  size_t a = 0;
  for (const auto& [id, mask] : own) {
    for (; a < kept.also.size() && kept.also[a].first < id; ++a)
      add(kept.also[a].first, kept.also[a].second << own_phrases, 2, &pass);
    uint64_t m = mask;
    if (a < kept.also.size() && kept.also[a].first == id)
      m |= kept.also[a++].second << own_phrases;
    add(id, m, 1, &pass);
  }
  for (; a < kept.also.size(); ++a)
    add(kept.also[a].first, kept.also[a].second << own_phrases, 2, &pass);
  return MergeFound(std::move(pass), x.filter, found);
}

// Adds what the theme's kept sentences answer (theme_sets.h), when they are
// current: the vocabulary's sentences as its search would find them (via 3,
// ranked), the tagged ones of the documents that discuss the theme (its
// sentences or `committed`; via 3, score 0), and the query's own sentences,
// from the kept rows too when SplitBridged splits the query. *used is
// false, and nothing added, when the rows are not kept or not current.
Status AddKept(const Passes& x, const SearchOptions& o, const std::string& own,
               bool bridged, const std::unordered_set<int64_t>& committed,
               FoundList* found, bool* used) {
  *used = false;
  if (o.bridge == nullptr) return Status::Ok();
  size_t own_phrases = 0;
  std::vector<std::string> alternatives;
  // Ranked at the table's own average length (?16 empty), as kept rows are.
  const bool split = bridged && x.p.size() > 15 && x.p[15].empty() &&
                     SplitBridged(x.pq, own, &own_phrases, &alternatives);
  if (!split) alternatives.clear();
  auto kept = ReadKeptTheme(x.db, *o.bridge, x.pq.named_theme, x.pq.theme_fts,
                            o.theme_min_sentences, committed, alternatives);
  if (!kept.ok()) return kept.status();
  if (!kept->has_value()) return Status::Ok();
  *used = true;
  PLANMINE_RETURN_IF_ERROR(
      split ? AddSplitQuery(x, own_phrases, own_phrases + alternatives.size(),
                            **kept, found)
            : AddQueryPasses(x, bridged, found));
  FoundList pass;
  pass.reserve((*kept)->sentences.size());
  for (const auto& [id, score] : (*kept)->sentences)
    pass.push_back(Found{id, score, 3});
  return MergeFound(std::move(pass), x.filter, found);
}

// The theme's vocabulary and tagged sentences searched in the index (the
// kept ones not current): in memory (`in_memory`: `x.filter` or no filter
// at all), or with the filters in SQL and the full parameters `params`.
Status AddThemeSearched(const Passes& x, const SearchOptions& o, bool in_memory,
                        const std::unordered_set<int64_t>& committed,
                        const std::vector<std::string>& params,
                        FoundList* found) {
  if (!x.pq.theme_fts.empty()) {
    // Ranked by the vocabulary's own phrase weights: the query's (?11) are
    // its own phrases', in its order.
    std::vector<std::string> vp = x.p;
    vp[10] = PhraseWeights(x.pq.theme_fts);
    PLANMINE_RETURN_IF_ERROR(
        AddFound(x.db, HitsSql(x.pq, x.so, x.st, HitScore::kRank, "?14"), vp, 3,
                 x.filter, found));
  }
  if (in_memory)
    return AddThemeSentences(x.db, x.pq.named_theme, o.theme_min_sentences,
                             committed, x.filter, found);
  return AddFound(x.db, ThemeSentencesSql(), params, 3, nullptr, found);
}

// Every sentence a document search finds, with how: the query's words
// (ranked), its own words alone when the bridge added equivalents, the
// theme's vocabulary and tagged sentences when it names a theme; each pass
// read once, the filters tested in memory when they can be.
Status FindAll(Db& db, const std::string& query, const ParsedQuery& pq,
               const SearchOptions& o, const std::string& theme,
               std::vector<std::string>* params, bool* themed,
               FoundList* found) {
  *params = Params(o, pq, theme);
  params->resize(16);
  *themed =
      !pq.fts.empty() && !pq.named_theme.empty() && o.theme_min_sentences > 0;
  std::unique_ptr<HitFilter> filter;
  if (Filtered(o, theme)) {
    auto f = HitFilter::Create(db, o, theme);
    if (!f.ok()) return f.status();
    if (f->usable()) filter = std::make_unique<HitFilter>(std::move(*f));
  }
  SearchOptions bare;
  std::vector<std::string> bare_params = Params(bare, pq, "");
  bare_params.resize(16);
  std::vector<std::string>& p = filter ? bare_params : *params;
  std::string own;  // the MATCH expression of the words alone
  if (!pq.fts.empty() && (o.bridge != nullptr || o.dictionary != nullptr)) {
    auto w = ParseQuery(query, nullptr);
    if (w.ok()) own = w->fts;
  }
  const bool bridged = !own.empty() && own != pq.fts;
  if (bridged) p[14] = (*params)[14] = own;
  if (*themed) {
    p[11] = (*params)[11] = pq.named_theme;
    p[12] = (*params)[12] = std::to_string(o.theme_min_sentences);
    if (!pq.theme_fts.empty()) p[13] = (*params)[13] = pq.theme_fts;
  }
  const std::string no_theme;
  const Passes x{db, pq,          filter ? bare : o, filter ? no_theme : theme,
                 p,  filter.get()};
  // The filters tested in memory (or none): the theme's kept sentences when
  // they are current, else its vocabulary and tagged sentences searched.
  const bool in_memory = filter != nullptr || !Filtered(o, theme);
  std::unordered_set<int64_t> committed;
  if (*themed && in_memory) {
    // The committed documents, the kept rows and the words' matches read in
    // one snapshot: an ingest committing between them could pair rows of
    // one state of the index with matches of another.
    bool used = false;
    PLANMINE_RETURN_IF_ERROR(db.Exec("SAVEPOINT planmine_document_search;"));
    Status s = [&]() -> Status {
      auto c = CommittedDocuments(db, pq.named_theme);
      if (!c.ok()) return c.status();
      committed = std::move(*c);
      return AddKept(x, o, own, bridged, committed, found, &used);
    }();
    const Status released = db.Exec("RELEASE planmine_document_search;");
    PLANMINE_RETURN_IF_ERROR(s);
    PLANMINE_RETURN_IF_ERROR(released);
    if (used) return Status::Ok();
  }
  PLANMINE_RETURN_IF_ERROR(AddQueryPasses(x, bridged, found));
  if (!*themed) return Status::Ok();
  return AddThemeSearched(x, o, in_memory, committed, *params, found);
}

// One document a search found, summed over its sentences.
struct DocHits {
  int64_t doc_id = 0;
  int64_t first = 0, last = 0;  // its sentences' ids (hit_filter.h)
  int64_t hits = 0, own_hits = 0, bridge_hits = 0;
  double best = 0, score = 0;
  int64_t best_id = 0;
  std::vector<int64_t> ids;  // the sentences, ascending
  int64_t path_rank = -1;    // the last key of the order (SortDocuments)
};

// How many documents the index holds (count(*) reads the cell counts of the
// smallest index's pages, not its entries).
Result<int64_t> DocumentCount(Db& db) {
  auto n = db.Prepare("SELECT count(*) FROM documents");
  if (!n.ok()) return n.status();
  if (!n->Step()) return n->status();
  return n->Int(0);
}

// The documents that hold ascending sentence ids, from the index
// documents_sentence_span (a documents row is about a kilobyte; its span
// comes last): a seek per document while few have been asked for, then, once
// the seeks number a sixty-fourth of the documents, the spans that follow in
// one pass over the index, which costs about as much as those seeks did.
class SpanWalker {
 public:
  explicit SpanWalker(Db& db) : db_(db) {}

  // The span that holds `id`, or nullptr when no document does (a sentence
  // deleted meanwhile). Ids must come in ascending order.
  Result<const DocHits*> Of(int64_t id) {
    if (have_ && id >= span_.first && id <= span_.last) return &span_;
    if (!read_all_) {
      PLANMINE_RETURN_IF_ERROR(Seek(id));
    } else {
      while (next_ < rest_.size() && rest_[next_].last < id) ++next_;
      have_ = next_ < rest_.size();
      if (have_) span_ = rest_[next_];
    }
    if (have_ && id >= span_.first && id <= span_.last) return &span_;
    // A document whose span is not recorded (rows not written by Store):
    // its span from its sentences.
    PLANMINE_RETURN_IF_ERROR(FromSentences(id));
    if (!have_) return nullptr;
    return &span_;
  }

 private:
  Status FromSentences(int64_t id) {
    auto s = PrepareBound(
        db_,
        "SELECT s.doc_id, (SELECT id FROM sentences WHERE doc_id = s.doc_id "
        "ORDER BY seq LIMIT 1), (SELECT id FROM sentences WHERE doc_id = "
        "s.doc_id ORDER BY seq DESC LIMIT 1) FROM sentences s WHERE s.id = ?1",
        {std::to_string(id)});
    if (!s.ok()) return s.status();
    have_ = s->Step();
    if (!have_) return s->status();
    span_.doc_id = s->Int(0);
    span_.first = s->Int(1);
    span_.last = s->Int(2);
    have_ = id >= span_.first && id <= span_.last;
    return Status::Ok();
  }

  Status Seek(int64_t id) {
    if (!seek_) {
      auto s = db_.Prepare(
          "SELECT id, first_sentence_id, last_sentence_id FROM documents "
          "WHERE first_sentence_id <= ?1 ORDER BY first_sentence_id DESC "
          "LIMIT 1");
      if (!s.ok()) return s.status();
      seek_.emplace(std::move(*s));
      auto n = DocumentCount(db_);
      if (!n.ok()) return n.status();
      seeks_left_ = std::max<int64_t>(16, *n / 64);
    }
    seek_->Reset();
    seek_->Bind(1, id);
    have_ = seek_->Step();
    if (!have_) return seek_->status();
    span_.doc_id = seek_->Int(0);
    span_.first = seek_->Int(1);
    span_.last = seek_->Int(2);
    if (--seeks_left_ > 0) return Status::Ok();
    auto all = db_.Prepare(
        "SELECT id, first_sentence_id, last_sentence_id FROM documents WHERE "
        "first_sentence_id > ?1 ORDER BY first_sentence_id");
    if (!all.ok()) return all.status();
    all->Bind(1, span_.first);
    while (all->Step()) {
      rest_.emplace_back();
      rest_.back().doc_id = all->Int(0);
      rest_.back().first = all->Int(1);
      rest_.back().last = all->Int(2);
    }
    read_all_ = true;
    return all->status();
  }

  Db& db_;
  std::optional<Stmt> seek_;
  int64_t seeks_left_ = 16;
  bool read_all_ = false;
  std::vector<DocHits> rest_;  // after the seeks: the following spans
  size_t next_ = 0;
  DocHits span_;
  bool have_ = false;
};

// `docs` with the entries of one document merged into its first: only an
// index whose documents' spans overlap (not written by Store) gives a
// document two entries.
std::vector<DocHits> MergeRepeated(std::vector<DocHits> docs) {
  std::unordered_map<int64_t, size_t> first;
  std::vector<DocHits> out;
  for (DocHits& d : docs) {
    auto [it, inserted] = first.emplace(d.doc_id, out.size());
    if (inserted) {
      out.push_back(std::move(d));
      continue;
    }
    DocHits& m = out[it->second];
    if (d.best < m.best) {
      m.best = d.best;
      m.best_id = d.best_id;
    }
    m.hits += d.hits;
    m.own_hits += d.own_hits;
    m.bridge_hits += d.bridge_hits;
    m.score += d.score;
    m.ids.insert(m.ids.end(), d.ids.begin(), d.ids.end());
    std::sort(m.ids.begin(), m.ids.end());
  }
  return out;
}

// The found sentences grouped by document (SpanWalker).
Result<std::vector<DocHits>> GroupByDocument(Db& db, const FoundList& found) {
  SpanWalker spans(db);
  std::vector<DocHits> docs;
  for (const Found& f : found) {
    if (docs.empty() || f.id > docs.back().last) {
      auto span = spans.Of(f.id);
      if (!span.ok()) return span.status();
      if (*span == nullptr) continue;  // a sentence deleted meanwhile
      docs.emplace_back();
      docs.back().doc_id = (*span)->doc_id;
      docs.back().first = (*span)->first;
      docs.back().last = (*span)->last;
    }
    DocHits& d = docs.back();
    if (d.hits == 0 || f.score < d.best) {
      d.best = f.score;
      d.best_id = f.id;
    }
    ++d.hits;
    d.own_hits += f.via == 1;
    d.bridge_hits += f.via == 2;
    d.score += f.via == 3 && f.score >= 0 ? kThemeSentenceScore : -f.score;
    d.ids.push_back(f.id);
  }
  return MergeRepeated(std::move(docs));
}

// Joins `ids` as a JSON array, for json_each.
std::string JsonInts(const std::vector<int64_t>& ids) {
  std::string out = "[";
  for (int64_t id : ids)
    out += (out.size() > 1 ? "," : "") + std::to_string(id);
  return out + "]";
}

// Sorts `docs` best first: those with hits of the query's own words, then
// those with bridge hits, then by summed score, then by path: the rank of
// each path among theirs, read from the unique index on paths (one pass over
// it when the documents found are a tenth of the index's or more, else a
// lookup each). A document no longer in the index is dropped.
Status SortDocuments(Db& db, std::vector<DocHits>* docs) {
  std::unordered_map<int64_t, DocHits*> by_id;
  for (DocHits& d : *docs) by_id[d.doc_id] = &d;
  auto documents = DocumentCount(db);
  if (!documents.ok()) return documents.status();
  std::string sql = "SELECT id FROM documents";
  std::vector<std::string> params;
  if (static_cast<int64_t>(docs->size()) * 10 < *documents) {
    std::vector<int64_t> ids;
    for (const DocHits& d : *docs) ids.push_back(d.doc_id);
    sql += " WHERE id IN (SELECT value FROM json_each(?1))";
    params.push_back(JsonInts(ids));
  }
  auto s = PrepareBound(db, sql + " ORDER BY path", params);
  if (!s.ok()) return s.status();
  for (int64_t rank = 0; s->Step(); ++rank) {
    auto d = by_id.find(s->Int(0));
    if (d != by_id.end()) d->second->path_rank = rank;
  }
  PLANMINE_RETURN_IF_ERROR(s->status());
  docs->erase(std::remove_if(docs->begin(), docs->end(),
                             [](const DocHits& d) { return d.path_rank < 0; }),
              docs->end());
  std::sort(docs->begin(), docs->end(), [](const DocHits& x, const DocHits& y) {
    if ((x.own_hits > 0) != (y.own_hits > 0)) return x.own_hits > 0;
    if ((x.bridge_hits > 0) != (y.bridge_hits > 0)) return x.bridge_hits > 0;
    if (x.score != y.score) return x.score > y.score;
    return x.path_rank < y.path_rank;
  });
  return Status::Ok();
}

// The rows of docs[from, to) (sorted: SortDocuments), with the documents'
// columns (pages and page are left to FillPages; snippet holds the best
// hit's id, for FillSnippets). A document deleted since it was found is
// dropped from `docs` too, so that row k is still docs[from + k].
Result<Table> DocumentRows(Db& db, std::vector<DocHits>* all, size_t from,
                           size_t to) {
  const std::vector<DocHits>& docs = *all;
  std::vector<int64_t> doc_ids;
  std::string scores = "[";
  for (size_t i = from; i < to; ++i) {
    doc_ids.push_back(docs[i].doc_id);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s%.17g", scores.size() > 1 ? "," : "",
                  docs[i].score);
    scores += buf;
  }
  scores += "]";
  // The documents' columns, and each score as round(…, 3) writes it.
  auto meta = RunTable(
      db,
      "SELECT d.id, substr(d.sha256, 1, 16), d.path, d.title, d.country, "
      "d.year, d.doc_type, d.plan_cycle, d.language FROM documents d WHERE "
      "d.id IN (SELECT value FROM json_each(?1))",
      {JsonInts(doc_ids)});
  if (!meta.ok()) return meta.status();
  auto rounded = RunTable(
      db, "SELECT round(value, 3) FROM json_each(?1) ORDER BY key", {scores});
  if (!rounded.ok()) return rounded.status();
  std::unordered_map<int64_t, const std::vector<std::string>*> by_id;
  for (const auto& r : meta->rows) by_id[std::stoll(r[0])] = &r;
  Table t;
  t.columns = {"doc_key",  "file",       "title",    "country",  "year",
               "doc_type", "plan_cycle", "language", "found_by", "hits",
               "pages",    "page",       "snippet",  "score"};
  std::vector<char> gone(to - from, 0);  // deleted since SortDocuments
  for (size_t i = from; i < to; ++i) {
    const DocHits& d = docs[i];
    auto found = by_id.find(d.doc_id);
    if (found == by_id.end()) {
      gone[i - from] = 1;
      continue;
    }
    const auto& m = *found->second;
    static const char* kFoundBy[] = {"words", "bridge", "theme"};
    const int how = d.own_hits > 0 ? 0 : d.bridge_hits > 0 ? 1 : 2;
    t.rows.push_back({m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8],
                      kFoundBy[how], std::to_string(d.hits), "", "",
                      std::to_string(d.best_id), rounded->rows[i - from][0]});
  }
  // Dropped, so that the rows stay docs[from, from + rows).
  for (size_t i = to; i-- > from;)
    if (gone[i - from]) all->erase(all->begin() + static_cast<long>(i));
  return t;
}

// Fills pages (sorted, ';'-joined) and page (of the best hit) of the rows
// from `row` on of `t`, whose sentences are docs[from, to). The pages are
// looked up in one statement, in id order (a statement stepped once per id
// took four times as long).
Status FillPages(Db& db, const std::vector<DocHits>& docs, size_t from,
                 size_t to, size_t row, Table* t) {
  std::vector<int64_t> ids;
  for (size_t i = from; i < to; ++i)
    ids.insert(ids.end(), docs[i].ids.begin(), docs[i].ids.end());
  std::sort(ids.begin(), ids.end());
  auto pages = PrepareBound(db,
                            "SELECT id, page FROM sentences WHERE id IN "
                            "(SELECT value FROM json_each(?1))",
                            {JsonInts(ids)});
  if (!pages.ok()) return pages.status();
  std::unordered_map<int64_t, int> page_of;
  while (pages->Step())
    page_of[pages->Int(0)] = static_cast<int>(pages->Int(1));
  PLANMINE_RETURN_IF_ERROR(pages->status());
  const int c_pages = t->Column("pages"), c_page = t->Column("page");
  for (size_t i = from; i < to; ++i, ++row) {
    std::set<int> set;
    for (int64_t id : docs[i].ids) set.insert(page_of[id]);
    std::string list;
    for (int n : set) list += (list.empty() ? "" : ";") + std::to_string(n);
    t->rows[row][c_pages] = list;
    t->rows[row][c_page] = std::to_string(page_of[docs[i].best_id]);
  }
  return Status::Ok();
}

}  // namespace

Result<Table> SearchDocuments(Db& db, const std::string& query,
                              const SearchOptions& options, SearchBy by) {
  if (by == SearchBy::kSentence) return Search(db, query, options);
  SearchOptions o = options;
  PLANMINE_RETURN_IF_ERROR(ResolveSearchFilters(db, &o));
  std::string theme;
  auto parsed = ParseForSearch(db, query, o, &theme);
  if (!parsed.ok()) return parsed.status();
  std::vector<std::string> params;
  bool themed = false;
  FoundList found;
  Status fs = FindAll(db, query, *parsed, o, theme, &params, &themed, &found);
  if (!fs.ok()) return UserError(fs, query);
  auto docs = GroupByDocument(db, found);
  if (!docs.ok()) return docs.status();
  PLANMINE_RETURN_IF_ERROR(SortDocuments(db, &*docs));
  // The rows made: every document's for a country search and for the
  // facets (all_rows), else the page's only (paging before the pages and
  // snippets, which are made for the rows shown only).
  const size_t n = docs->size();
  const bool every = by == SearchBy::kCountry || o.all_rows != nullptr;
  auto page = [&](size_t rows) {
    const size_t from =
        std::min(rows, static_cast<size_t>(std::max(0, o.offset)));
    const size_t to = o.limit > 0
                          ? std::min(rows, from + static_cast<size_t>(o.limit))
                          : rows;
    return std::make_pair(from, to);
  };
  auto [from, to] = page(n);
  auto t = every ? DocumentRows(db, &*docs, 0, n)
                 : DocumentRows(db, &*docs, from, to);
  if (!t.ok()) return t.status();
  if (!every) to = from + t->rows.size();
  if (by == SearchBy::kCountry) *t = CountryRows(*t);
  t->total = static_cast<int64_t>(every ? t->rows.size() : docs->size());
  if (o.all_rows != nullptr) {
    *o.all_rows = *t;
    o.all_rows->SetType("year", ColumnType::kInteger);
    o.all_rows->SetType("hits", ColumnType::kInteger);
  }
  if (every) {
    std::tie(from, to) = page(t->rows.size());
    t->rows = std::vector<std::vector<std::string>>(t->rows.begin() + from,
                                                    t->rows.begin() + to);
  }
  if (by == SearchBy::kDocument)
    PLANMINE_RETURN_IF_ERROR(FillPages(db, *docs, from, to, 0, &*t));
  if (by == SearchBy::kCountry) return t;
  Status s = FillSnippets(db, query, *parsed, o, theme, params, themed, &*t);
  if (!s.ok()) return s;
  t->SetType("year", ColumnType::kInteger);
  t->SetType("hits", ColumnType::kInteger);
  t->SetType("page", ColumnType::kInteger);
  t->SetType("pages", ColumnType::kList);
  t->SetType("score", ColumnType::kReal);
  for (const char* c : {"doc_key", "file", "title", "country", "doc_type",
                        "plan_cycle", "language", "found_by", "snippet"})
    t->SetType(c, ColumnType::kText);
  return t;
}

std::string NoHitHint::message() const {
  if (words.empty()) return "";
  std::string all, alone;
  for (const Word& w : words) {
    all += (all.empty() ? "" : " ") + w.word;
    alone +=
        (alone.empty() ? "" : ", ") + w.word + " " + std::to_string(w.hits);
  }
  std::string m = "no sentence has all of: " + all + ". Alone: " + alone + ".";
  if (!or_query.empty()) m += " Try: " + or_query;
  return m;
}

Result<NoHitHint> ExplainNoHits(Db& db, const std::string& query,
                                const SearchOptions& options) {
  NoHitHint hint;
  SearchOptions o = options;
  PLANMINE_RETURN_IF_ERROR(ResolveSearchFilters(db, &o));
  std::string theme;
  auto parsed = ParseForSearch(db, query, o, &theme);
  if (!parsed.ok()) return parsed.status();
  // Plain words only: FTS5 syntax and quotes say what the user meant.
  static const RE2 kSyntax(
      "\\bAND\\b|\\bOR\\b|\\bNOT\\b|\\bNEAR\\b|\\*|\\(|\\)|\"");
  if (parsed->fts.empty() || RE2::PartialMatch(query, kSyntax)) return hint;
  std::vector<std::string> words;
  {
    std::istringstream in(query);
    std::string w;
    while (in >> w)
      if (w.rfind("theme:", 0) != 0) words.push_back(w);
  }
  if (words.size() < 2) return hint;
  auto all = CountHits(db, *parsed, o, theme, query);
  if (!all.ok()) return all.status();
  if (*all > 0) return hint;
  // Each distinct word counted once.
  std::unordered_map<std::string, int64_t> counted;
  for (const std::string& w : words) {
    auto seen = counted.find(w);
    int64_t n = 0;
    if (seen != counted.end()) {
      n = seen->second;
    } else {
      auto pw = ParseQuery(w, o.bridge, o.dictionary);
      if (!pw.ok()) return pw.status();
      if (!pw->fts.empty()) {
        auto c = CountHits(db, *pw, o, theme, query);
        if (!c.ok()) return c.status();
        n = *c;
      }
      counted[w] = n;
    }
    hint.words.push_back({w, n});
    if (n > 0) hint.or_query += (hint.or_query.empty() ? "" : " OR ") + w;
  }
  return hint;
}

}  // namespace planmine
