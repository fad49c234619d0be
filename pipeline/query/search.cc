// search: the query language, the term bridge and ranked sentence hits.
#include <re2/re2.h>

#include <fstream>
#include <set>
#include <sstream>

#include "extractors/pattern_pack.h"
#include "pipeline/core/utf8.h"
#include "pipeline/load/fts_tokenizer.h"
#include "pipeline/normalize/normalizer.h"
#include "pipeline/query/filters.h"
#include "pipeline/query/query.h"
#include "pipeline/query/query_internal.h"

namespace planmine {

Result<TermBridge> LoadTermBridge(const std::string& packs_dir) {
  TermBridge out;
  auto split = [](const std::string& s, char sep) {
    std::vector<std::string> v;
    std::string x;
    std::istringstream in(s);
    while (std::getline(in, x, sep)) {
      std::string t(TrimAscii(x));
      if (!t.empty()) v.push_back(t);
    }
    return v;
  };
  const std::string path = packs_dir + "/terms.tsv";
  std::ifstream in(path);
  if (!in) return NotFound(path + ": cannot open the term bridge");
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
    // that it is searched with that language's stems only.
    static const char* kColumns[] = {"es", "pt", "en"};
    std::vector<std::string> group;
    for (size_t k = 0; k < cols.size(); ++k)
      for (const std::string& v : split(cols[k], '|'))
        group.push_back(k < 3 ? LanguageMarked(kColumns[k], v) : v);
    out.push_back(std::move(group));
  }
  auto themes = LoadTaxonomy(packs_dir + "/themes.taxonomy.tsv");
  if (!themes.ok()) return themes.status();
  for (const Theme& t : *themes)
    out.push_back({LanguageMarked("en", t.label_en),
                   LanguageMarked("es", t.label_es),
                   LanguageMarked("pt", t.label_pt)});
  return out;
}

namespace {

bool HasNonAscii(const std::string& s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}

std::string Quote(const std::string& s) {
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

// The weights of the phrases of a MATCH expression made of quoted strings
// and operators only (ParseQuery's plain path): kExactFormWeight for the
// exact form of a single word ("=año"), else 1.
std::string PhraseWeights(const std::string& fts) {
  std::string out;
  size_t i = 0;
  while ((i = fts.find('"', i)) != std::string::npos) {
    std::string phrase;
    size_t j = i + 1;
    for (; j < fts.size(); ++j) {
      if (fts[j] != '"') {
        phrase += fts[j];
      } else if (j + 1 < fts.size() && fts[j + 1] == '"') {
        phrase += '"';
        ++j;
      } else {
        break;
      }
    }
    bool exact_word = !phrase.empty() && phrase[0] == '=' &&
                      phrase.find(' ') == std::string::npos;
    out += (out.empty() ? "" : " ") +
           std::to_string(exact_word ? kExactFormWeight : 1);
    i = j + 1;
  }
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

}  // namespace

Result<ParsedQuery> ParseQuery(const std::string& user_query,
                               const TermBridge* bridge) {
  ParsedQuery pq;
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
    pq.fts = out;
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
    if (HasNonAscii(p.text)) alts.push_back("=" + p.text);
    std::string expr;
    for (const std::string& a : alts)
      expr += (expr.empty() ? "(" : " OR ") +
              (a[0] == '=' ? Quote(a) : Quote(kRawMark + a));
    return expr + ")";
  };
  // The longest run of plain words that is a bridge term gets its
  // equivalents as alternatives.
  // The match spans parts [best_from, best_from + best_len); best_words is
  // its length in words, which decides the longest.
  size_t best_from = 0, best_len = 0, best_words = 0;
  const std::vector<std::string>* group = nullptr;
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
    for (const auto& g : *bridge) {
      for (const std::string& term : g) {
        std::vector<std::string> tw = FoldedWords(Unmarked(term));
        if (tw.empty() || tw.size() <= best_words) continue;
        for (size_t s = 0; s + tw.size() <= words.size(); ++s) {
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
      for (const std::string& t : *group)
        if (FoldedWords(Unmarked(t)) != matched_words) alts.push_back(t);
      std::string expr = "(";
      for (size_t k = best_from; k < best_from + best_len; ++k)
        expr += (k > best_from ? " AND " : "") + word_expr(parts[k]);
      expr += ")";
      for (const std::string& a : alts) {
        expr += " OR " + Quote(a);
        pq.bridged.push_back(std::string(Unmarked(a)));
      }
      std::string out;
      for (size_t k = 0; k < parts.size(); ++k) {
        if (k == best_from) {
          out += (out.empty() ? "" : " AND ") + std::string("(") + expr + ")";
          k += best_len - 1;
          continue;
        }
        out += (out.empty() ? "" : " AND ") + word_expr(parts[k]);
      }
      pq.fts = out;
      pq.weights = PhraseWeights(pq.fts);
      return pq;
    }
  }
  for (const Part& p : parts)
    pq.fts += (pq.fts.empty() ? "" : " AND ") + word_expr(p);
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

Result<Table> Search(Db& db, const std::string& query,
                     const SearchOptions& options) {
  SearchOptions o = options;
  PLANMINE_RETURN_IF_ERROR(ResolveSearchFilters(db, &o));
  auto parsed = ParseQuery(query, o.bridge);
  if (!parsed.ok()) return parsed.status();
  std::string theme = o.theme;
  if (!parsed->theme.empty()) {
    auto t = ResolveTheme(db, parsed->theme);
    if (!t.ok()) return t.status();
    theme = *t;
  }
  if (parsed->fts.empty() && theme.empty())
    return InvalidArgument("empty search query");
  const std::string limit =
      " LIMIT " + std::to_string(std::max(1, std::min(o.limit, 10000))) +
      " OFFSET " + std::to_string(std::max(0, o.offset));
  const std::string filters =
      " AND (?4 IS NULL OR d.country = upper(?4))"
      " AND (?5 IS NULL OR s.language = lower(?5))"
      " AND (?6 IS NULL OR d.doc_type = ?6)"
      " AND (?7 IS NULL OR d.plan_cycle = ?7)"
      " AND (?8 IS NULL OR EXISTS (SELECT 1 FROM theme_hits h WHERE "
      "h.sentence_id = s.id AND h.theme_id = ?8))"
      " AND (?9 IS NULL OR d.year >= CAST(?9 AS INTEGER))"
      " AND (?10 IS NULL OR d.year <= CAST(?10 AS INTEGER))";
  std::string sql;
  if (parsed->fts.empty()) {
    // theme:ID alone: the tagged sentences, the matched words marked.
    sql =
        "SELECT d.title AS title, d.path AS file, d.country AS country, "
        "d.year AS year, d.doc_type AS doc_type, s.language AS language, "
        "s.page AS page, replace(s.text, h.match, ?1 || h.match || ?2) AS "
        "snippet, NULL AS score"
        " FROM theme_hits h JOIN sentences s ON s.id = h.sentence_id JOIN "
        "documents d ON d.id = s.doc_id"
        " WHERE h.theme_id = ?8 AND ?3 IS NULL" +
        filters + " ORDER BY d.country, d.path, s.seq" + limit;
  } else {
    // Ranked by planmine_rank (BM25 from positions and the sentence id,
    // headings and titles weighted: fts_rank.h), so that the cost is the
    // full-text index's; joined with documents only when a filter needs
    // them, and snippets made for the page shown only.
    bool filtered = !o.country.empty() || !o.language.empty() ||
                    !o.doc_type.empty() || !o.cycle.empty() || !theme.empty() ||
                    o.year_from > 0 || o.year_to > 0;
    std::string top =
        filtered
            ? "SELECT sentences_fts.rowid AS id, planmine_rank(sentences_fts, "
              "?11) "
              "AS score FROM sentences_fts JOIN sentences s ON s.id = "
              "sentences_fts.rowid JOIN documents d ON d.id = s.doc_id WHERE "
              "sentences_fts MATCH ?3" +
                  filters + " ORDER BY score, id" + limit
            : "SELECT rowid AS id, planmine_rank(sentences_fts, ?11) AS score "
              "FROM "
              "sentences_fts WHERE sentences_fts MATCH ?3 AND ?4 IS NULL AND "
              "?5 IS NULL AND ?6 IS NULL AND ?7 IS NULL AND ?8 IS NULL AND ?9 "
              "IS NULL AND ?10 IS NULL ORDER BY score, id" +
                  limit;
    // The snippet comes from sentences_fts_content, the text behind its
    // language mark: the mark is cut off.
    sql = "WITH top AS (" + top +
          ") SELECT d.title AS title, d.path AS file, d.country AS country, "
          "d.year AS year, d.doc_type AS doc_type, s.language AS language, "
          "s.page AS page, replace(snippet(sentences_fts, 0, ?1, ?2, '…', "
          "24), char(2) || coalesce(s.language, '') || char(3), '') AS "
          "snippet, round(-top.score, 3) AS score FROM " +
          // A snippet needs the match's positions: the query runs again,
          // for the shown rows only. A prefix query expands its prefix each
          // time it runs, so it runs once over the range of the shown rows
          // rather than once per row.
          (parsed->fts.find('*') == std::string::npos
               ? std::string("top JOIN sentences_fts ON sentences_fts.rowid "
                             "= top.id")
               : std::string("sentences_fts CROSS JOIN top ON top.id = "
                             "sentences_fts.rowid AND sentences_fts.rowid "
                             "BETWEEN (SELECT min(id) FROM top) AND (SELECT "
                             "max(id) FROM top)")) +
          " JOIN sentences s ON s.id = top.id JOIN documents d ON d.id = "
          "s.doc_id WHERE sentences_fts MATCH ?3 ORDER BY top.score, top.id";
  }
  auto t = RunTable(
      db, sql,
      {o.mark_open, o.mark_close, parsed->fts, o.country, o.language,
       o.doc_type, o.cycle, theme,
       o.year_from > 0 ? std::to_string(o.year_from) : "",
       o.year_to > 0 ? std::to_string(o.year_to) : "", parsed->weights});
  if (!t.ok()) {
    // FTS5 syntax errors surface as SQLite errors; say it in the user's terms.
    std::string m = t.status().message();
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
    return t.status();
  }
  return t;
}

}  // namespace planmine
