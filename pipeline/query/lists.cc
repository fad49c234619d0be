// lists: commitments, statements, entities, exports, theme counts, status.
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

namespace {

// A doc_key is the first 16 hex digits of a document's SHA-256.
Status CheckDocKey(const std::string& key) {
  if (key.empty()) return Status::Ok();
  bool hex = key.size() == 16;
  for (char ch : key)
    hex = hex && ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'));
  if (!hex)
    return InvalidArgument("a doc_key is 16 hex digits, got '" +
                           SanitizeUtf8(key.substr(0, 40)) + "'");
  return Status::Ok();
}

}  // namespace

Result<Table> ListCommitments(Db& db, const CommitmentFilter& filter) {
  CommitmentFilter f = filter;
  Filters resolved{f.country, "", f.theme, ""};
  PLANMINE_RETURN_IF_ERROR(ResolveFilters(db, &resolved));
  f.country = resolved.country;
  f.theme = resolved.theme;
  // One commitment: its document's key and its number in the document.
  std::string seq;
  if (!f.commitment_key.empty()) {
    const size_t c = f.commitment_key.find("-c");
    if (c == std::string::npos) return Table{};
    seq = f.commitment_key.substr(c + 2);
    if (f.doc_key.empty()) f.doc_key = f.commitment_key.substr(0, c);
  }
  PLANMINE_RETURN_IF_ERROR(CheckDocKey(f.doc_key));
  // A document's key is its sha256's prefix: a range of documents_sha256.
  const std::string one_document =
      f.doc_key.empty() ? "?5 IS NULL"
                        : "d.sha256 >= ?5 AND d.sha256 < ?5 || 'g'";
  const std::string sql =
      "SELECT substr(d.sha256, 1, 16) || '-c' || c.seq AS commitment_key,"
      " substr(d.sha256, 1, 16) AS doc_key,"
      " d.country AS country, d.subnational AS subnational, d.year AS "
      "year, d.plan_cycle AS plan_cycle, d.doc_type AS doc_type, d.title AS "
      "document, c.number AS number, c.title AS title, c.lead_agency AS "
      "lead_agency, c.start_date AS start_date, c.end_date AS end_date,"
      " c.ogp_values AS ogp_values, c.completion AS completion,"
      " c.first_page AS first_page, c.last_page AS last_page,"
      " (SELECT group_concat(theme_id, ';') FROM (SELECT theme_id FROM "
      "commitment_themes t"
      "   WHERE t.commitment_id = c.id ORDER BY theme_id)) AS themes,"
      " (SELECT count(*) FROM json_each(c.milestones)) AS milestones,"
      " d.path AS file, c.kind AS kind,"
      // An IRM report's unit is an assessment of a plan commitment: the key
      // of the one it assesses (the irm_assessments view, asked only for an
      // IRM report's rows: the view is evaluated once per row it is asked).
      " CASE WHEN d.doc_type = 'irm_report' THEN (SELECT substr(pd.sha256, "
      "1, 16) || '-c' || p.seq FROM irm_assessments a JOIN commitments p ON "
      "p.id = a.plan_commitment_id JOIN documents pd ON pd.id = p.doc_id "
      "WHERE a.irm_path = d.path AND a.irm_number = c.number LIMIT 1) END "
      "AS assesses"
      " FROM commitments c JOIN documents d ON d.id = c.doc_id"
      " WHERE (?1 IS NULL OR d.country = upper(?1))"
      " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM commitment_themes t WHERE "
      "t.commitment_id = c.id AND t.theme_id = ?2))"
      " AND (c.kind <> 'statement' OR ?3 IS NOT NULL)"
      " AND (?4 IS NULL OR d.doc_type = ?4)"
      " AND " +
      one_document +
      " AND (?6 IS NULL OR c.seq = CAST(?6 AS INTEGER))"
      " ORDER BY d.country, d.year, d.path, c.seq";
  auto t = RunTable(db, sql,
                    {f.country, f.theme, f.statements ? "1" : "", f.doc_type,
                     f.doc_key, seq});
  if (!t.ok()) return t;
  t->SetType("themes", ColumnType::kList);
  t->SetType("ogp_values", ColumnType::kList);
  for (const char* n : {"year", "first_page", "last_page", "milestones"})
    t->SetType(n, ColumnType::kInteger);
  return t;
}

Result<Table> ListDocuments(Db& db, const DocumentFilter& filter) {
  PLANMINE_RETURN_IF_ERROR(CheckDocKey(filter.doc_key));
  Filters f{filter.country, filter.cycle, "", filter.language};
  PLANMINE_RETURN_IF_ERROR(ResolveFilters(db, &f));
  const std::string sql =
      "SELECT substr(d.sha256, 1, 16) AS doc_key, d.country AS country,"
      " d.doc_type AS doc_type, d.plan_cycle AS plan_cycle, d.year AS year,"
      " d.language AS language, d.page_count AS pages,"
      " (SELECT count(*) FROM commitments c WHERE c.doc_id = d.id AND c.kind "
      "<> 'statement') AS commitments,"
      " (SELECT substr(cd.sha256, 1, 16) FROM plan_editions e JOIN documents "
      "cd ON cd.id = e.canonical_id WHERE e.doc_id = d.id AND e.canonical_id "
      "<> d.id) AS edition_of,"
      " d.title AS title, d.path AS file, d.status AS status"
      " FROM documents d"
      " WHERE (?1 IS NULL OR d.country = ?1)"
      " AND (?2 IS NULL OR d.doc_type = ?2)"
      " AND (?3 IS NULL OR d.plan_cycle = ?3)"
      " AND (?4 IS NULL OR d.language = ?4)"
      " AND " +
      std::string(filter.doc_key.empty()
                      ? "?5 IS NULL"
                      : "d.sha256 >= ?5 AND d.sha256 < ?5 || 'g'") +
      " ORDER BY d.country, d.plan_cycle, d.doc_type, d.path";
  return RunTable(
      db, sql,
      {f.country, filter.doc_type, f.cycle, f.language, filter.doc_key});
}

Result<Table> ListStatements(Db& db, const StatementFilter& filter) {
  StatementFilter f = filter;
  auto country = ResolveCountry(db, f.country);
  if (!country.ok()) return country.status();
  f.country = *country;
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

Result<Table> ListEntities(Db& db, const EntityFilter& filter) {
  EntityFilter f = filter;
  auto country = ResolveCountry(db, f.country);
  if (!country.ok()) return country.status();
  f.country = *country;
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

std::vector<std::string> ExportTables() {
  return {"documents",  "commitments", "commitment_themes", "themes",
          "theme_hits", "sentences",   "entities",          "statements"};
}

namespace {

// An export of rows kept per sentence: `table` (aliased `alias`; the
// sentences themselves when empty) with its sentence's and document's keys,
// in document and sentence order, then `order_more`.
std::string PerSentence(const std::string& doc_key, const std::string& alias,
                        const std::string& table, const std::string& columns,
                        const std::string& order_more) {
  std::string from = "sentences s";
  if (!table.empty())
    from = table + " " + alias + " JOIN sentences s ON s.id = " + alias +
           ".sentence_id";
  return "SELECT " + doc_key + " || '-s' || s.seq AS sentence_key, " + doc_key +
         " AS doc_key, " + columns + " FROM " + from +
         " JOIN documents d ON d.id = " + alias +
         ".doc_id ORDER BY d.path, s.seq" + order_more;
}

}  // namespace

Result<Table> ExportTable(Db& db, const std::string& name) {
  const std::string doc_key = "substr(d.sha256, 1, 16)";
  std::string sql;
  if (name == "documents") {
    sql = "SELECT " + doc_key +
          " AS doc_key, d.path, d.sha256, d.status, d.error, d.title, "
          "d.country, d.subnational, d.year, d.plan_cycle, d.doc_type, "
          "d.language, d.page_count, d.ingested_at, (SELECT substr(cd.sha256, "
          "1, 16) FROM plan_editions e JOIN documents cd ON cd.id = "
          "e.canonical_id WHERE e.doc_id = d.id AND e.canonical_id <> d.id) AS "
          "edition_of FROM documents d ORDER BY d.path";
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
    sql = PerSentence(doc_key, "h", "theme_hits",
                      "h.theme_id, h.page, h.start, h.end, h.match, "
                      "h.pattern_id",
                      ", h.theme_id");
  } else if (name == "sentences") {
    sql = PerSentence(doc_key, "s", "",
                      "s.page, s.start, s.end, s.language, s.text", "");
  } else if (name == "entities") {
    sql = PerSentence(doc_key, "e", "entities",
                      "e.type, e.value, e.detail, e.text, e.page, e.start, "
                      "e.end",
                      ", e.start");
  } else if (name == "statements") {
    sql = PerSentence(doc_key, "st", "statements", "st.kind, st.page, st.text",
                      "");
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
                       "files_seen, ingested, unchanged, corrected, failed,"
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
  // What researchers stated over the classifier (a manifest's rows,
  // planmine set): applied on every run.
  auto corrections = RunTable(
      db,
      "SELECT path AS document, key, value, source, set_at AS \"when\" FROM "
      "corrections ORDER BY path, key",
      {});
  if (!corrections.ok()) return corrections.status();
  out.push_back({"Corrections", std::move(*corrections)});
  return out;
}

Result<Table> Failures(Db& db) {
  // Failed and text-less documents with their error; action plans with a
  // mining warning (no commitment found, or fewer than the plan's own list
  // names: pipeline.h IsMiningWarning) with that warning.
  return RunTable(
      db,
      "SELECT d.path AS path, d.status AS status,"
      " coalesce(d.error, (SELECT 'warning: ' || w.value FROM"
      " json_each(CASE WHEN json_valid(d.warnings) THEN d.warnings ELSE '[]'"
      " END) w WHERE w.value LIKE '%no commitment found%' OR w.value LIKE"
      " '%commitments the plan''s own list names' LIMIT 1)) AS reason,"
      " (SELECT e.stage FROM ingest_errors e WHERE e.path = d.path ORDER BY "
      "e.id DESC LIMIT 1) AS stage,"
      " (SELECT e.at FROM ingest_errors e WHERE e.path = d.path ORDER BY e.id "
      "DESC LIMIT 1) AS at"
      " FROM documents d WHERE d.status != 'ok' OR d.error IS NOT NULL OR"
      " d.warnings LIKE '%no commitment found%' OR d.warnings LIKE"
      " '%commitments the plan''s own list names%' ORDER BY d.path",
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
