#include "pipeline/query/query.h"

#include <re2/re2.h>

#include <sstream>

#include "pipeline/core/utf8.h"

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

std::string ToFtsQuery(const std::string& user_query) {
  std::string q(TrimAscii(user_query));
  static const RE2 kSyntax(
      "\"|\\bAND\\b|\\bOR\\b|\\bNOT\\b|\\bNEAR\\b|\\*\\s*$|\\*\\s|\\(");
  if (RE2::PartialMatch(q, kSyntax)) return q;
  // Plain words: quote each so punctuation and column-like words are literal.
  std::string out;
  std::istringstream in(q);
  std::string w;
  while (in >> w) {
    std::string quoted = "\"";
    for (char c : w) {
      if (c == '"')
        quoted += "\"\"";
      else
        quoted += c;
    }
    quoted += '"';
    if (!out.empty()) out += ' ';
    out += quoted;
  }
  return out;
}

Result<Table> Search(Db& db, const std::string& query, const SearchOptions& o) {
  std::string fts = ToFtsQuery(query);
  if (fts.empty()) return InvalidArgument("empty search query");
  const std::string sql =
      "SELECT d.title AS title, d.path AS file, d.country AS country, d.year "
      "AS year, d.doc_type AS doc_type,"
      " s.language AS language, s.page AS page,"
      " snippet(sentences_fts, 0, ?1, ?2, '…', 24) AS snippet, "
      "round(bm25(sentences_fts), 3) AS score"
      " FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid JOIN "
      "documents d ON d.id = s.doc_id"
      " WHERE sentences_fts MATCH ?3 AND (?4 IS NULL OR d.country = upper(?4))"
      " AND (?5 IS NULL OR s.language = lower(?5)) AND (?6 IS NULL OR "
      "d.doc_type = ?6)"
      " ORDER BY bm25(sentences_fts), s.id LIMIT " +
      std::to_string(std::max(1, std::min(o.limit, 10000)));
  auto t = RunTable(
      db, sql,
      {o.mark_open, o.mark_close, fts, o.country, o.language, o.doc_type});
  if (!t.ok()) {
    // FTS5 syntax errors surface as SQLite errors; say it in the user's terms.
    std::string m = t.status().message();
    if (m.find("fts5") != std::string::npos ||
        m.find("syntax") != std::string::npos ||
        m.find("malformed") != std::string::npos ||
        m.find("no such column") != std::string::npos ||
        m.find("unterminated") != std::string::npos) {
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
      ", h.theme_id AS theme, th.label_en AS label, count(*) AS mentions,"
      " count(DISTINCT d.id) AS documents"
      " FROM theme_hits h JOIN documents d ON d.id = h.doc_id LEFT JOIN themes "
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
  return out;
}

Result<Table> Failures(Db& db) {
  return RunTable(
      db,
      "SELECT d.path AS path, d.status AS status, d.error AS reason,"
      " (SELECT e.stage FROM ingest_errors e WHERE e.path = d.path ORDER BY "
      "e.id DESC LIMIT 1) AS stage,"
      " (SELECT e.at FROM ingest_errors e WHERE e.path = d.path ORDER BY e.id "
      "DESC LIMIT 1) AS at"
      " FROM documents d WHERE d.status != 'ok' OR d.error IS NOT NULL ORDER "
      "BY d.path",
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
      {"Commitments found",
       "SELECT coalesce(d.country, '?') AS country, sum(c.kind <> 'statement') "
       "AS "
       "numbered, sum(c.kind = 'statement') AS statements FROM commitments c "
       "JOIN documents d ON d.id = c.doc_id GROUP BY 1 ORDER BY 2 DESC, 1"},
      {"Top themes",
       "SELECT h.theme_id AS theme, t.label_en AS label, count(*) AS mentions, "
       "count(DISTINCT h.doc_id) AS documents FROM theme_hits h LEFT JOIN "
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
