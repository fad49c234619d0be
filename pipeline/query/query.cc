#include "pipeline/query/query.h"

#include <re2/re2.h>

#include <fstream>
#include <set>
#include <sstream>

#include "extractors/pattern_pack.h"
#include "pipeline/core/utf8.h"
#include "pipeline/load/fts_tokenizer.h"
#include "pipeline/normalize/normalizer.h"

namespace planmine {
namespace {

Result<Table> RunTable(Db& db, const std::string& sql,
                       const std::vector<std::string>& params) {
  auto s = db.Prepare(sql);
  if (!s.ok()) return s.status();
  for (size_t i = 0; i < params.size(); ++i) {
    if (params[i].empty())
      s->BindNull(static_cast<int>(i + 1));
    else
      s->Bind(static_cast<int>(i + 1), params[i]);
  }
  Table t;
  for (int c = 0; c < s->columns(); ++c) t.columns.push_back(s->ColumnName(c));
  while (s->Step()) {
    std::vector<std::string> row;
    for (int c = 0; c < s->columns(); ++c) row.push_back(s->Text(c));
    t.rows.push_back(std::move(row));
  }
  if (!s->status().ok()) return s->status();
  return t;
}

}  // namespace

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

Result<Table> Search(Db& db, const std::string& query, const SearchOptions& o) {
  auto parsed = ParseQuery(query, o.bridge);
  if (!parsed.ok()) return parsed.status();
  std::string theme = !parsed->theme.empty() ? parsed->theme : o.theme;
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

Result<Table> ListCommitments(Db& db, const CommitmentFilter& f) {
  const std::string sql =
      "SELECT d.country AS country, d.subnational AS subnational, d.year AS "
      "year, d.plan_cycle AS plan_cycle, d.doc_type AS doc_type, d.title AS "
      "document, c.number AS number, c.title AS title, c.lead_agency AS "
      "lead_agency, c.start_date AS start_date, c.end_date AS end_date,"
      " c.ogp_values AS ogp_values, c.completion AS completion,"
      " c.first_page AS first_page, c.last_page AS last_page,"
      " (SELECT group_concat(theme_id, ';') FROM (SELECT theme_id FROM "
      "commitment_themes t"
      "   WHERE t.commitment_id = c.id ORDER BY theme_id)) AS themes,"
      " (SELECT count(*) FROM json_each(c.milestones)) AS milestones,"
      " d.path AS file, c.kind AS kind"
      " FROM commitments c JOIN documents d ON d.id = c.doc_id"
      " WHERE (?1 IS NULL OR d.country = upper(?1))"
      " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM commitment_themes t WHERE "
      "t.commitment_id = c.id AND t.theme_id = ?2))"
      " AND (c.kind <> 'statement' OR ?3 IS NOT NULL)"
      " AND (?4 IS NULL OR d.doc_type = ?4)"
      " ORDER BY d.country, d.year, d.path, c.seq";
  return RunTable(db, sql,
                  {f.country, f.theme, f.statements ? "1" : "", f.doc_type});
}

Result<Table> ListStatements(Db& db, const StatementFilter& f) {
  const std::string sql =
      "SELECT d.country AS country, d.doc_type AS doc_type, d.title AS "
      "document, s.page AS page, s.kind AS kind, s.text AS text, d.path AS "
      "file FROM statements s JOIN documents d ON d.id = s.doc_id"
      " WHERE (?1 IS NULL OR s.kind = ?1)"
      " AND (?2 IS NULL OR d.country = upper(?2))"
      " AND (?3 IS NULL OR d.doc_type = ?3)"
      " ORDER BY d.country, d.path, s.page, s.id";
  return RunTable(db, sql, {f.kind, f.country, f.doc_type});
}

Result<Table> ListEntities(Db& db, const EntityFilter& f) {
  const std::string sql =
      "SELECT e.type AS type, e.value AS value, e.detail AS acronym,"
      " count(*) AS mentions, count(DISTINCT e.doc_id) AS documents,"
      " min(e.text) AS as_written,"
      " (SELECT d2.path || ' p.' || e2.page FROM entities e2 JOIN documents "
      "d2 ON d2.id = e2.doc_id WHERE e2.type = e.type AND e2.value = e.value "
      "ORDER BY e2.id LIMIT 1) AS first_seen"
      " FROM entities e JOIN documents d ON d.id = e.doc_id"
      " WHERE (?1 IS NULL OR e.type = ?1)"
      " AND (?2 IS NULL OR d.country = upper(?2))"
      " GROUP BY e.type, e.value, e.detail"
      " ORDER BY mentions DESC, e.value LIMIT CAST(?3 AS INTEGER)";
  return RunTable(db, sql, {f.type, f.country, std::to_string(f.limit)});
}

namespace {

// The SQL expression of a grouping key over documents d (and, for theme, the
// theme column of the fact rows, aliased t).
Result<std::string> KeyExpr(const std::string& key) {
  if (key == "country") return std::string("coalesce(d.country, '?')");
  if (key == "theme") return std::string("f.theme");
  if (key == "doc_type") return std::string("coalesce(d.doc_type, '?')");
  if (key == "cycle") return std::string("coalesce(d.plan_cycle, '?')");
  if (key == "year") return std::string("coalesce(CAST(d.year AS TEXT), '?')");
  if (key == "language") return std::string("coalesce(d.language, '?')");
  return InvalidArgument("unknown grouping '" + key +
                         "': use country, theme, doc_type, cycle, year or "
                         "language");
}

}  // namespace

Result<Matrix> Compare(Db& db, const CompareOptions& o) {
  auto rk = KeyExpr(o.rows);
  if (!rk.ok()) return rk.status();
  auto ck = KeyExpr(o.cols);
  if (!ck.ok()) return ck.status();
  if (o.rows == o.cols) return InvalidArgument("rows and cols are the same");
  bool theme = o.rows == "theme" || o.cols == "theme";
  // Fact rows: (doc_id, unit, theme).
  std::string facts;
  if (o.measure == "commitments") {
    // A country's commitments are its plans' (plan_commitments: one edition
    // per plan, no IRM assessments); with --doc-type naming another type,
    // that type's units (an IRM report's assessed commitments).
    std::string source = o.doc_type.empty() || o.doc_type == "action_plan"
                             ? "plan_commitments"
                             : "commitments";
    facts = theme
                ? "SELECT c.doc_id, c.id AS unit, ct.theme_id AS theme FROM " +
                      source +
                      " c JOIN commitment_themes ct ON "
                      "ct.commitment_id = c.id WHERE c.kind <> 'statement'"
                : "SELECT c.doc_id, c.id AS unit, NULL AS theme FROM " +
                      source + " c WHERE c.kind <> 'statement'";
  } else if (o.measure == "documents") {
    facts = theme ? "SELECT doc_id, doc_id AS unit, theme_id AS theme FROM "
                    "document_themes"
                  : "SELECT id AS doc_id, id AS unit, NULL AS theme FROM "
                    "documents WHERE status = 'ok'";
  } else if (o.measure == "mentions") {
    // Counted per document and theme when loaded (document_themes), summed.
    facts =
        "SELECT doc_id, mentions AS unit, theme_id AS theme FROM "
        "document_themes";
  } else {
    return InvalidArgument("unknown measure '" + o.measure +
                           "': use commitments, documents or mentions");
  }
  const std::string where =
      " WHERE (?1 IS NULL OR d.plan_cycle = ?1) AND (?2 IS NULL OR "
      "d.country = upper(?2)) AND (?3 IS NULL OR d.doc_type = ?3)";
  const std::string from =
      " FROM (" + facts + ") f JOIN documents d ON d.id = f.doc_id" + where;
  // One pass over the fact rows; cells, row totals and the total are
  // counted here. Commitments and documents are distinct units (a commitment
  // with three themes is one of its country's commitments: the share's
  // denominator, "40% of Colombia's commitments touch open data"); mentions
  // come counted per document and theme and are summed.
  const bool sum = o.measure == "mentions";
  auto s = db.Prepare("SELECT " + *rk + ", " + *ck + ", f.unit" + from);
  if (!s.ok()) return s.status();
  int i = 0;
  for (const std::string* v : {&o.cycle, &o.country, &o.doc_type}) {
    if (v->empty())
      s->BindNull(++i);
    else
      s->Bind(++i, *v);
  }
  std::map<std::pair<std::string, std::string>, std::set<int64_t>> cell_units;
  std::map<std::string, std::set<int64_t>> row_units;
  std::set<int64_t> all_units;
  Matrix m;
  std::set<std::string> rows, cols;
  while (s->Step()) {
    std::string r = s->Text(0), c = s->Text(1);
    int64_t unit = s->Int(2);
    rows.insert(r);
    cols.insert(c);
    if (sum) {
      m.cells[{r, c}] += unit;
      m.row_totals[r] += unit;
      m.total += unit;
    } else {
      cell_units[{r, c}].insert(unit);
      row_units[r].insert(unit);
      all_units.insert(unit);
    }
  }
  PLANMINE_RETURN_IF_ERROR(s->status());
  if (!sum) {
    for (const auto& [k, u] : cell_units) m.cells[k] = u.size();
    for (const auto& [r, u] : row_units) m.row_totals[r] = u.size();
    m.total = all_units.size();
  }
  m.row_keys.assign(rows.begin(), rows.end());
  m.col_keys.assign(cols.begin(), cols.end());
  return m;
}

Table MatrixLong(const Matrix& m, const CompareOptions& o) {
  Table t;
  t.columns = {o.rows, o.cols, o.measure, "share_of_row", "row_total"};
  for (const std::string& r : m.row_keys)
    for (const std::string& c : m.col_keys) {
      auto it = m.cells.find({r, c});
      int64_t n = it == m.cells.end() ? 0 : it->second;
      int64_t tot = m.row_totals.count(r) ? m.row_totals.at(r) : 0;
      char share[32];
      snprintf(share, sizeof share, "%.3f", tot ? double(n) / tot : 0.0);
      t.rows.push_back({r, c, std::to_string(n), share, std::to_string(tot)});
    }
  return t;
}

Table MatrixWide(const Matrix& m, const CompareOptions& o) {
  Table t;
  t.columns.push_back(o.rows + " \\ " + o.cols);
  for (const std::string& c : m.col_keys) t.columns.push_back(c);
  t.columns.push_back("total");
  for (const std::string& r : m.row_keys) {
    std::vector<std::string> row = {r};
    int64_t tot = m.row_totals.count(r) ? m.row_totals.at(r) : 0;
    for (const std::string& c : m.col_keys) {
      auto it = m.cells.find({r, c});
      int64_t n = it == m.cells.end() ? 0 : it->second;
      char cell[48];
      if (n == 0)
        snprintf(cell, sizeof cell, "·");
      else
        snprintf(cell, sizeof cell, "%lld (%.0f%%)", static_cast<long long>(n),
                 tot ? 100.0 * n / tot : 0.0);
      row.push_back(cell);
    }
    row.push_back(std::to_string(tot));
    t.rows.push_back(std::move(row));
  }
  return t;
}

Result<Table> Timeline(Db& db, const std::string& country,
                       const std::string& theme) {
  if (theme.empty()) return InvalidArgument("timeline needs --theme");
  const std::string sql =
      "SELECT coalesce(d.plan_cycle, '?') AS cycle,"
      " count(DISTINCT d.id) AS documents,"
      " (SELECT count(DISTINCT ct.commitment_id) FROM commitment_themes ct "
      "JOIN plan_commitments c ON c.id = ct.commitment_id JOIN documents d2 ON "
      "d2.id = c.doc_id WHERE ct.theme_id = ?2 AND coalesce(d2.plan_cycle, "
      "'?') = coalesce(d.plan_cycle, '?') AND (?1 IS NULL OR d2.country = "
      "upper(?1)) AND c.kind <> 'statement') AS commitments,"
      " (SELECT coalesce(sum(h.mentions), 0) FROM document_themes h JOIN "
      "documents d3 ON d3.id = h.doc_id WHERE h.theme_id = ?2 AND "
      "coalesce(d3.plan_cycle, '?') = "
      "coalesce(d.plan_cycle, '?') AND (?1 IS NULL OR d3.country = "
      "upper(?1))) AS mentions,"
      " group_concat(DISTINCT d.doc_type) AS doc_types"
      " FROM documents d WHERE (?1 IS NULL OR d.country = upper(?1))"
      " AND d.status = 'ok'"
      " GROUP BY 1 ORDER BY substr(cycle, 1, 4), cycle";
  return RunTable(db, sql, {country, theme});
}

std::vector<std::string> ExportTables() {
  return {"documents",  "commitments", "commitment_themes", "themes",
          "theme_hits", "sentences",   "entities",          "statements"};
}

Result<Table> ExportTable(Db& db, const std::string& name) {
  const std::string doc_key = "substr(d.sha256, 1, 16)";
  std::string sql;
  if (name == "documents") {
    sql = "SELECT " + doc_key +
          " AS doc_key, d.path, d.sha256, d.status, d.error, d.title, "
          "d.country, d.subnational, d.year, d.plan_cycle, d.doc_type, "
          "d.language, d.page_count, d.ingested_at FROM documents d ORDER BY "
          "d.path";
  } else if (name == "commitments") {
    sql = "SELECT " + doc_key + " || '-c' || c.seq AS commitment_key, " +
          doc_key +
          " AS doc_key, d.country, d.plan_cycle, d.doc_type, c.kind, "
          "c.number, c.title, c.lead_agency, c.other_actors, c.start_date, "
          "c.end_date, c.ogp_values, c.completion, c.first_page, c.last_page, "
          "c.milestones, c.text FROM commitments c JOIN documents d ON d.id = "
          "c.doc_id WHERE c.kind <> 'statement' ORDER BY d.path, c.seq";
  } else if (name == "commitment_themes") {
    sql = "SELECT " + doc_key +
          " || '-c' || c.seq AS commitment_key, d.country, d.plan_cycle, "
          "c.number, ct.theme_id, t.label_en, ct.evidence, ct.score FROM "
          "commitment_themes ct JOIN commitments c ON c.id = ct.commitment_id "
          "JOIN documents d ON d.id = c.doc_id LEFT JOIN themes t ON t.id = "
          "ct.theme_id WHERE c.kind <> 'statement' ORDER BY d.path, c.seq, "
          "ct.theme_id";
  } else if (name == "themes") {
    sql = "SELECT id, label_en, label_es, label_pt FROM themes ORDER BY id";
  } else if (name == "theme_hits") {
    sql = "SELECT " + doc_key + " || '-s' || s.seq AS sentence_key, " +
          doc_key +
          " AS doc_key, h.theme_id, h.page, h.start, h.end, h.match, "
          "h.pattern_id FROM theme_hits h JOIN sentences s ON s.id = "
          "h.sentence_id JOIN documents d ON d.id = h.doc_id ORDER BY d.path, "
          "s.seq, h.theme_id";
  } else if (name == "sentences") {
    sql = "SELECT " + doc_key + " || '-s' || s.seq AS sentence_key, " +
          doc_key +
          " AS doc_key, s.page, s.start, s.end, s.language, s.text FROM "
          "sentences s JOIN documents d ON d.id = s.doc_id ORDER BY d.path, "
          "s.seq";
  } else if (name == "entities") {
    sql = "SELECT " + doc_key + " || '-s' || s.seq AS sentence_key, " +
          doc_key +
          " AS doc_key, e.type, e.value, e.detail, e.text, e.page, e.start, "
          "e.end FROM entities e JOIN sentences s ON s.id = e.sentence_id "
          "JOIN documents d ON d.id = e.doc_id ORDER BY d.path, s.seq, e.start";
  } else if (name == "statements") {
    sql = "SELECT " + doc_key + " || '-s' || s.seq AS sentence_key, " +
          doc_key +
          " AS doc_key, st.kind, st.page, st.text FROM statements st JOIN "
          "sentences s ON s.id = st.sentence_id JOIN documents d ON d.id = "
          "st.doc_id ORDER BY d.path, s.seq";
  } else {
    std::string names;
    for (const std::string& n : ExportTables())
      names += (names.empty() ? "" : ", ") + n;
    return InvalidArgument("unknown table '" + name + "': use " + names);
  }
  return RunTable(db, sql, {});
}

Result<Table> ThemeCounts(Db& db, const std::string& by) {
  std::string group;
  if (by == "country")
    group = "coalesce(d.country, '?')";
  else if (by == "document")
    group = "d.path";
  else if (by == "year")
    group = "coalesce(CAST(d.year AS TEXT), '?')";
  else if (by.empty())
    group = "'all'";
  else
    return InvalidArgument("--by must be country, document or year, got '" +
                           by + "'");
  std::string label = by.empty() ? "scope" : by;
  const std::string sql =
      "SELECT " + group + " AS " + label +
      ", h.theme_id AS theme, th.label_en AS label, sum(h.mentions) AS "
      "mentions, count(DISTINCT d.id) AS documents"
      " FROM document_themes h JOIN documents d ON d.id = h.doc_id LEFT JOIN "
      "themes "
      "th ON th.id = h.theme_id"
      " GROUP BY 1, 2 ORDER BY 1, mentions DESC, theme";
  return RunTable(db, sql, {});
}

Result<std::vector<std::pair<std::string, Table>>> IndexStatus(Db& db) {
  std::vector<std::pair<std::string, Table>> out;
  auto by_status = RunTable(db,
                            "SELECT status, count(*) AS documents, "
                            "coalesce(sum(page_count), 0) AS pages,"
                            " max(ingested_at) AS last_ingested FROM documents "
                            "GROUP BY 1 ORDER BY 2 DESC",
                            {});
  if (!by_status.ok()) return by_status.status();
  out.push_back({"Documents", std::move(*by_status)});
  auto runs = RunTable(db,
                       "SELECT id AS run, started_at, finished_at, status, "
                       "files_seen, ingested, unchanged, failed,"
                       " round(seconds, 2) AS seconds FROM ingest_runs ORDER "
                       "BY id DESC LIMIT 10",
                       {});
  if (!runs.ok()) return runs.status();
  out.push_back({"Last runs", std::move(*runs)});
  // Where the newest finished run spent its time (summed over documents;
  // with several workers, more than the run's wall time).
  auto stages = RunTable(
      db,
      "SELECT s.key AS stage, round(s.value, 3) AS seconds, round(100.0 * "
      "s.value / (SELECT sum(value) FROM json_each(r.stage_seconds)), 1) AS "
      "share FROM ingest_runs r, json_each(r.stage_seconds) s WHERE r.id = "
      "(SELECT max(id) FROM ingest_runs WHERE stage_seconds IS NOT NULL AND "
      "json_valid(stage_seconds)) ORDER BY s.value DESC",
      {});
  if (!stages.ok()) return stages.status();
  out.push_back({"Time per stage, last run", std::move(*stages)});
  return out;
}

Result<Table> Failures(Db& db) {
  return RunTable(
      db,
      "SELECT d.path AS path, d.status AS status,"
      " coalesce(d.error, CASE WHEN d.warnings LIKE '%no commitment found%'"
      " THEN 'warning: action plan with no commitment found' END) AS reason,"
      " (SELECT e.stage FROM ingest_errors e WHERE e.path = d.path ORDER BY "
      "e.id DESC LIMIT 1) AS stage,"
      " (SELECT e.at FROM ingest_errors e WHERE e.path = d.path ORDER BY e.id "
      "DESC LIMIT 1) AS at"
      " FROM documents d WHERE d.status != 'ok' OR d.error IS NOT NULL OR"
      " d.warnings LIKE '%no commitment found%' ORDER BY d.path",
      {});
}

Result<std::vector<std::pair<std::string, Table>>> Summary(Db& db) {
  std::vector<std::pair<std::string, Table>> out;
  struct Q {
    const char* title;
    const char* sql;
  } qs[] = {
      {"Documents by status",
       "SELECT status, count(*) AS documents, sum(page_count) AS pages FROM "
       "documents GROUP BY 1 ORDER BY 2 DESC"},
      {"Documents by country",
       "SELECT coalesce(country, '?') AS country, count(*) AS documents, "
       "sum(page_count) AS pages FROM documents GROUP BY 1 ORDER BY 2 DESC, 1"},
      {"Documents by language",
       "SELECT coalesce(language, '?') AS language, count(*) AS documents FROM "
       "documents GROUP BY 1 ORDER BY 2 DESC, 1"},
      {"Documents by type",
       "SELECT coalesce(doc_type, '?') AS doc_type, count(*) AS documents FROM "
       "documents GROUP BY 1 ORDER BY 2 DESC, 1"},
      // in_plans: the commitments of each plan's standing edition
      // (plan_commitments); units: every unit found, IRM assessments and
      // second editions included.
      {"Commitments found",
       "SELECT coalesce(d.country, '?') AS country, (SELECT count(*) FROM "
       "plan_commitments pc JOIN documents pd ON pd.id = pc.doc_id WHERE "
       "coalesce(pd.country, '?') = coalesce(d.country, '?')) AS in_plans, "
       "sum(c.kind <> 'statement') AS units, sum(c.kind = 'statement') AS "
       "statements FROM commitments c JOIN documents d ON d.id = c.doc_id "
       "GROUP BY 1 ORDER BY 2 DESC, 3 DESC, 1"},
      {"Top themes",
       "SELECT h.theme_id AS theme, t.label_en AS label, sum(h.mentions) AS "
       "mentions, count(*) AS documents FROM document_themes h LEFT JOIN "
       "themes t ON t.id = h.theme_id GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT 10"},
      {"Failures",
       "SELECT path, error FROM documents WHERE status != 'ok' ORDER BY path"},
  };
  for (const Q& q : qs) {
    auto t = RunTable(db, q.sql, {});
    if (!t.ok()) return t.status();
    out.push_back({q.title, std::move(*t)});
  }
  return out;
}

}  // namespace planmine
