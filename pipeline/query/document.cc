// GetDocument: one document with the evidence of its metadata, its pages,
// themes and entities (serve's document page and /api/documents/{doc_key}).
#include "pipeline/query/query.h"
#include "pipeline/query/query_internal.h"

namespace planmine {

namespace {

// Each metadata field with the evidence that decided it; language's
// evidence is the detector's confidence.
Result<Table> Evidence(Db& db, int64_t id) {
  std::string sql;
  for (const char* f :
       {"title", "country", "year", "doc_type", "plan_cycle", "subnational"}) {
    if (!sql.empty()) sql += " UNION ALL ";
    sql += std::string("SELECT '") + f + "' AS field, CAST(" + f +
           " AS TEXT) AS value, " + f + "_source AS source FROM documents " +
           "WHERE id = ?1";
  }
  sql +=
      " UNION ALL SELECT 'language', language, 'detected, confidence ' || "
      "printf('%.2f', language_confidence) FROM documents WHERE id = ?1 AND "
      "language IS NOT NULL"
      " UNION ALL SELECT 'plan_ordinal', plan_ordinal, 'as the text names "
      "the plan' FROM documents WHERE id = ?1 AND plan_ordinal IS NOT NULL"
      " UNION ALL SELECT 'correction', key || '=' || value, source || ', ' || "
      "set_at FROM corrections WHERE path = (SELECT path FROM documents "
      "WHERE id = ?1)";
  return RunTable(db, sql, {std::to_string(id)});
}

}  // namespace

Result<DocumentDetail> GetDocument(Db& db, const std::string& doc_key) {
  DocumentFilter f;
  f.doc_key = doc_key;
  auto doc = ListDocuments(db, f);
  if (!doc.ok()) return doc.status();
  if (doc->rows.empty()) return NotFound("no document " + doc_key);
  auto ids = RunTable(db,
                      "SELECT id FROM documents WHERE sha256 >= ?1 AND "
                      "sha256 < ?1 || 'g' ORDER BY id LIMIT 1",
                      {doc_key});
  if (!ids.ok()) return ids.status();
  if (ids->rows.empty()) return NotFound("no document " + doc_key);
  const int64_t id = std::stoll(ids->rows[0][0]);
  const std::string idp = std::to_string(id);
  DocumentDetail d;
  d.document = std::move(*doc);
  auto ev = Evidence(db, id);
  if (!ev.ok()) return ev.status();
  d.evidence = std::move(*ev);
  auto pages = RunTable(
      db,
      "SELECT p.number AS number, p.source AS source, p.quality AS quality,"
      " p.word_count AS words, p.ocr_confidence AS ocr_confidence,"
      " (SELECT count(*) FROM sentences s WHERE s.doc_id = p.doc_id AND "
      "s.page = p.number) AS sentences FROM pages p WHERE p.doc_id = ?1"
      " ORDER BY p.number",
      {idp});
  if (!pages.ok()) return pages.status();
  d.pages = std::move(*pages);
  auto themes = RunTable(
      db,
      "SELECT dt.theme_id AS theme, t.label_en AS label, dt.mentions AS "
      "mentions,"
      " (SELECT min(h.page) FROM theme_hits h WHERE h.doc_id = dt.doc_id AND "
      "h.theme_id = dt.theme_id) AS first_page,"
      " (SELECT h.match FROM theme_hits h WHERE h.doc_id = dt.doc_id AND "
      "h.theme_id = dt.theme_id ORDER BY h.page, h.start LIMIT 1) AS example"
      " FROM document_themes dt LEFT JOIN themes t ON t.id = dt.theme_id"
      " WHERE dt.doc_id = ?1 ORDER BY dt.mentions DESC, dt.theme_id",
      {idp});
  if (!themes.ok()) return themes.status();
  d.themes = std::move(*themes);
  auto entities = RunTable(
      db,
      "SELECT type, value, max(detail) AS detail, count(*) AS mentions,"
      " min(page) AS first_page FROM entities WHERE doc_id = ?1"
      " GROUP BY type, value ORDER BY count(*) DESC, type, value LIMIT 200",
      {idp});
  if (!entities.ok()) return entities.status();
  d.entities = std::move(*entities);
  for (Table* t : {&d.pages, &d.themes, &d.entities})
    for (const char* n :
         {"number", "words", "sentences", "mentions", "first_page"})
      t->SetType(n, ColumnType::kInteger);
  d.pages.SetType("ocr_confidence", ColumnType::kReal);
  return d;
}

Result<IndexedFile> DocumentFile(Db& db, const std::string& doc_key) {
  auto t = RunTable(db,
                    "SELECT path, kind, size, mtime FROM documents WHERE "
                    "sha256 >= ?1 AND sha256 < ?1 || 'g' ORDER BY id LIMIT 1",
                    {doc_key});
  if (!t.ok()) return t.status();
  if (t->rows.empty()) return NotFound("no document " + doc_key);
  const auto& r = t->rows[0];
  return IndexedFile{r[0], r[1], std::stoll(r[2]), std::stoll(r[3])};
}

Result<CommitmentDetail> GetCommitment(Db& db,
                                       const std::string& commitment_key) {
  CommitmentFilter f;
  f.statements = true;
  f.commitment_key = commitment_key;
  auto row = ListCommitments(db, f);
  if (!row.ok()) return row.status();
  if (row->rows.empty()) return NotFound("no commitment " + commitment_key);
  CommitmentDetail c;
  c.commitment = std::move(*row);
  const size_t dash = commitment_key.find("-c");
  auto ids = RunTable(
      db,
      "SELECT c.id FROM documents d JOIN commitments c ON c.doc_id = d.id AND "
      "c.seq = CAST(?2 AS INTEGER) WHERE d.sha256 >= ?1 AND d.sha256 < ?1 || "
      "'g' ORDER BY d.id LIMIT 1",
      {commitment_key.substr(0, dash), commitment_key.substr(dash + 2)});
  if (!ids.ok()) return ids.status();
  if (ids->rows.empty()) return NotFound("no commitment " + commitment_key);
  const std::vector<std::string> id = {ids->rows[0][0]};
  auto sections = RunTable(
      db,
      "SELECT 'other_actors' AS name, other_actors AS text FROM commitments "
      "WHERE id = ?1 AND other_actors IS NOT NULL"
      " UNION ALL SELECT s.key, s.value FROM commitments c, "
      "json_each(c.sections) s WHERE c.id = ?1 AND json_valid(c.sections)"
      " UNION ALL SELECT 'completion', completion_text FROM commitments WHERE "
      "id = ?1 AND completion_text IS NOT NULL"
      " UNION ALL SELECT 'text', text FROM commitments WHERE id = ?1",
      id);
  if (!sections.ok()) return sections.status();
  c.sections = std::move(*sections);
  auto milestones = RunTable(
      db,
      "SELECT json_extract(m.value, '$.text') AS text, "
      "json_extract(m.value, '$.due') AS due FROM commitments c, "
      "json_each(c.milestones) m WHERE c.id = ?1 AND json_valid(c.milestones) "
      "ORDER BY m.key",
      id);
  if (!milestones.ok()) return milestones.status();
  c.milestones = std::move(*milestones);
  auto themes = RunTable(
      db,
      "SELECT ct.theme_id AS theme, t.label_en AS label, ct.score AS score, "
      "ct.evidence AS evidence FROM commitment_themes ct LEFT JOIN themes t "
      "ON t.id = ct.theme_id WHERE ct.commitment_id = ?1 ORDER BY ct.score "
      "DESC, ct.theme_id",
      id);
  if (!themes.ok()) return themes.status();
  c.themes = std::move(*themes);
  c.themes.SetType("score", ColumnType::kInteger);
  // The irm_assessments view, read from this commitment's side: IRM units
  // of its country and cycle whose number's head is its number, when its
  // document is its plan's standing edition.
  auto assessed = RunTable(
      db,
      "SELECT substr(d.sha256, 1, 16) || '-c' || i.seq AS commitment_key, "
      "d.title AS document, i.number AS number, i.completion AS completion "
      "FROM commitments p JOIN documents pd ON pd.id = p.doc_id JOIN "
      "documents d ON d.country = pd.country AND d.plan_cycle = "
      "pd.plan_cycle AND d.doc_type = 'irm_report' JOIN commitments i ON "
      "i.doc_id = d.id AND i.kind <> 'statement' AND p.number = CASE WHEN "
      "instr(i.number, '.') > 0 THEN substr(i.number, 1, instr(i.number, "
      "'.') - 1) ELSE i.number END WHERE p.id = ?1 AND p.kind <> 'statement' "
      "AND pd.doc_type = 'action_plan' AND pd.id IN (SELECT canonical_id "
      "FROM plan_editions) ORDER BY d.path, i.seq",
      id);
  if (!assessed.ok()) return assessed.status();
  c.assessed_by = std::move(*assessed);
  return c;
}

}  // namespace planmine
