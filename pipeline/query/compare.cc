// compare: counts of units across two keys, and a theme over cycles.
#include <re2/re2.h>

#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "extractors/pattern_pack.h"
#include "pipeline/core/utf8.h"
#include "pipeline/load/fts_tokenizer.h"
#include "pipeline/normalize/normalizer.h"
#include "pipeline/query/filters.h"
#include "pipeline/query/query.h"
#include "pipeline/query/query_internal.h"

namespace planmine {

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

// Binds ?1 cycle, ?2 country, ?3 doc_type (NULL when not filtered).
void BindFilters(const CompareOptions& o, Stmt* s) {
  int i = 0;
  for (const std::string* v : {&o.cycle, &o.country, &o.doc_type}) {
    if (v->empty())
      s->BindNull(++i);
    else
      s->Bind(++i, *v);
  }
}

// The SQL of one comparison: its keys, its fact rows (doc_id, unit, theme),
// every unit (themed or not) and the filters (BindFilters).
struct CompareSql {
  std::string rk, ck;  // the row and column key expressions
  std::string facts, units, where;
  bool theme = false;  // a side is theme
  bool sum = false;    // mentions are summed, other units counted distinct
};

// Resolves `o`'s filters in place and builds its SQL.
Result<CompareSql> BuildCompare(Db& db, CompareOptions* o) {
  Filters resolved{o->country, o->cycle, "", ""};
  PLANMINE_RETURN_IF_ERROR(ResolveFilters(db, &resolved));
  o->country = resolved.country;
  o->cycle = resolved.cycle;
  CompareSql q;
  auto rk = KeyExpr(o->rows);
  if (!rk.ok()) return rk.status();
  auto ck = KeyExpr(o->cols);
  if (!ck.ok()) return ck.status();
  if (o->rows == o->cols) return InvalidArgument("rows and cols are the same");
  q.rk = *rk;
  q.ck = *ck;
  q.theme = o->rows == "theme" || o->cols == "theme";
  if (o->measure == "commitments") {
    // A country's commitments are its plans' (plan_commitments: one edition
    // per plan, no IRM assessments); with --doc-type naming another type,
    // that type's units (an IRM report's assessed commitments).
    std::string source = o->doc_type.empty() || o->doc_type == "action_plan"
                             ? "plan_commitments"
                             : "commitments";
    q.facts = q.theme ? "SELECT c.doc_id, c.id AS unit, ct.theme_id AS theme "
                        "FROM " +
                            source +
                            " c JOIN commitment_themes ct ON "
                            "ct.commitment_id = c.id WHERE c.kind <> "
                            "'statement'"
                      : "SELECT c.doc_id, c.id AS unit, NULL AS theme FROM " +
                            source + " c WHERE c.kind <> 'statement'";
    q.units = "SELECT c.doc_id, c.id AS unit FROM " + source +
              " c WHERE c.kind <> 'statement'";
  } else if (o->measure == "documents") {
    q.facts = q.theme ? "SELECT doc_id, doc_id AS unit, theme_id AS theme FROM "
                        "document_themes"
                      : "SELECT id AS doc_id, id AS unit, NULL AS theme FROM "
                        "documents WHERE status = 'ok'";
    q.units =
        "SELECT id AS doc_id, id AS unit FROM documents WHERE status = 'ok'";
  } else if (o->measure == "mentions") {
    // Counted per document and theme when loaded (document_themes), summed.
    q.facts =
        "SELECT doc_id, mentions AS unit, theme_id AS theme FROM "
        "document_themes";
    q.sum = true;
  } else {
    return InvalidArgument("unknown measure '" + o->measure +
                           "': use commitments, documents or mentions");
  }
  q.where =
      " WHERE (?1 IS NULL OR d.plan_cycle = ?1) AND (?2 IS NULL OR "
      "d.country = upper(?2)) AND (?3 IS NULL OR d.doc_type = ?3)";
  return q;
}

}  // namespace

Result<Matrix> Compare(Db& db, const CompareOptions& options) {
  CompareOptions o = options;
  auto q = BuildCompare(db, &o);
  if (!q.ok()) return q.status();
  const std::string &rk = q->rk, &ck = q->ck, &where = q->where;
  const std::string from =
      " FROM (" + q->facts + ") f JOIN documents d ON d.id = f.doc_id" + where;
  // One pass over the fact rows; cells, row totals and the total are
  // counted here. Commitments and documents are distinct units (a commitment
  // with three themes is one of its country's commitments: the share's
  // denominator, "40% of Colombia's commitments touch open data"); mentions
  // come counted per document and theme and are summed.
  const bool sum = q->sum;
  auto s = db.Prepare("SELECT " + rk + ", " + ck + ", f.unit" + from);
  if (!s.ok()) return s.status();
  BindFilters(o, &*s);
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
  if (!sum && o.cols == "theme") {
    // A row's share is of all its units, with a theme or without: "18 % of
    // Colombia's commitments touch open data" counts the untagged ones in
    // the denominator.
    row_units.clear();
    all_units.clear();
    auto all = db.Prepare("SELECT " + rk + ", f.unit FROM (" + q->units +
                          ") f JOIN documents d ON d.id = f.doc_id" + where);
    if (!all.ok()) return all.status();
    BindFilters(o, &*all);
    while (all->Step()) {
      row_units[all->Text(0)].insert(all->Int(1));
      all_units.insert(all->Int(1));
    }
    PLANMINE_RETURN_IF_ERROR(all->status());
  }
  if (!sum) {
    for (const auto& [k, u] : cell_units) m.cells[k] = u.size();
    for (const auto& [r, u] : row_units) m.row_totals[r] = u.size();
    m.total = all_units.size();
  }
  // Every value with documents has its row (and column), zeros included: a
  // country with documents but no commitment is a 0, not a missing row.
  for (auto [key, expr, out] :
       {std::tuple{&o.rows, &rk, &rows}, std::tuple{&o.cols, &ck, &cols}}) {
    if (*key == "theme") continue;
    auto all = db.Prepare("SELECT DISTINCT " + *expr + " FROM documents d" +
                          where + " AND d.status = 'ok'");
    if (!all.ok()) return all.status();
    BindFilters(o, &*all);
    while (all->Step()) out->insert(all->Text(0));
    PLANMINE_RETURN_IF_ERROR(all->status());
  }
  m.row_keys.assign(rows.begin(), rows.end());
  m.col_keys.assign(cols.begin(), cols.end());
  return m;
}

Result<Table> CompareCell(Db& db, const CompareOptions& options,
                          const std::string& row, const std::string& col) {
  CompareOptions o = options;
  auto q = BuildCompare(db, &o);
  if (!q.ok()) return q.status();
  // The cell's fact rows, as Compare reads them: ?4 and ?5 its keys.
  const std::string cell =
      "SELECT f.doc_id, f.unit, f.theme FROM (" + q->facts +
      ") f JOIN documents d ON d.id = f.doc_id" + q->where + " AND " + q->rk +
      " = ?4 AND " + q->ck + " = ?5";
  const std::string key = "substr(d.sha256, 1, 16)";
  std::string sql;
  if (o.measure == "commitments") {
    sql = "SELECT " + key + " || '-c' || c.seq AS commitment_key, " + key +
          " AS doc_key, d.country AS country, d.plan_cycle AS plan_cycle, "
          "c.number AS number, c.title AS title FROM commitments c JOIN "
          "documents d ON d.id = c.doc_id WHERE c.id IN (SELECT unit FROM (" +
          cell + ")) ORDER BY d.country, d.year, d.path, c.seq";
  } else if (o.measure == "documents") {
    sql = "SELECT " + key +
          " AS doc_key, d.country AS country, d.doc_type AS doc_type, "
          "d.plan_cycle AS plan_cycle, d.year AS year, d.title AS title FROM "
          "documents d WHERE d.id IN (SELECT unit FROM (" +
          cell + ")) ORDER BY d.country, d.plan_cycle, d.path";
  } else {
    sql = "SELECT " + key +
          " AS doc_key, d.title AS title, f.theme AS theme, f.unit AS "
          "mentions FROM (" +
          cell +
          ") f JOIN documents d ON d.id = f.doc_id ORDER BY f.unit DESC, "
          "d.path, f.theme";
  }
  std::vector<std::string> params = {o.cycle, o.country, o.doc_type, row, col};
  // RunTable binds "" as NULL; a key is never empty ('?' stands for none).
  auto t = RunTable(db, sql, params);
  if (!t.ok()) return t;
  t->SetType("year", ColumnType::kInteger);
  t->SetType("mentions", ColumnType::kInteger);
  return t;
}

Table MatrixLong(const Matrix& m, const CompareOptions& o) {
  (void)o;  // the keys' names are in the output's envelope (rows_by, cols_by)
  Table t;
  t.columns = {"row", "col", "count", "share_of_row", "row_total"};
  t.types = {ColumnType::kText, ColumnType::kText, ColumnType::kInteger,
             ColumnType::kReal, ColumnType::kInteger};
  for (const std::string& r : m.row_keys)
    for (const std::string& c : m.col_keys) {
      auto it = m.cells.find({r, c});
      int64_t n = it == m.cells.end() ? 0 : it->second;
      int64_t tot = m.row_totals.count(r) ? m.row_totals.at(r) : 0;
      char share[32] = "";  // no denominator: no share (null in JSON)
      if (tot) snprintf(share, sizeof share, "%.3f", double(n) / tot);
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

Result<Table> Timeline(Db& db, const std::string& typed_country,
                       const std::string& typed_theme) {
  if (typed_theme.empty()) return InvalidArgument("timeline needs --theme");
  Filters f{typed_country, "", typed_theme, ""};
  PLANMINE_RETURN_IF_ERROR(ResolveFilters(db, &f));
  const std::string& country = f.country;
  const std::string& theme = f.theme;
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
      " replace(group_concat(DISTINCT d.doc_type), ',', ';') AS doc_types"
      " FROM documents d WHERE (?1 IS NULL OR d.country = upper(?1))"
      " AND d.status = 'ok'"
      " GROUP BY 1 ORDER BY substr(cycle, 1, 4), cycle";
  auto t = RunTable(db, sql, {country, theme});
  if (t.ok()) t->SetType("doc_types", ColumnType::kList);
  return t;
}

}  // namespace planmine
