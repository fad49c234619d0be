// table: a query's rows as a typed Table.
#include "pipeline/query/query.h"
#include "pipeline/query/query_internal.h"

namespace planmine {

void Table::SetType(const std::string& name, ColumnType t) {
  int c = Column(name);
  if (c < 0) return;
  if (types.size() < columns.size()) types.resize(columns.size());
  types[c] = t;
}

int Table::Column(const std::string& name) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == name) return static_cast<int>(i);
  return -1;
}

Result<Stmt> PrepareBound(Db& db, const std::string& sql,
                          const std::vector<std::string>& params) {
  auto s = db.Prepare(sql);
  if (!s.ok()) return s.status();
  for (size_t i = 0; i < params.size(); ++i) {
    if (params[i].empty())
      s->BindNull(static_cast<int>(i + 1));
    else
      s->Bind(static_cast<int>(i + 1), params[i]);
  }
  return s;
}

Result<Table> RunTable(Db& db, const std::string& sql,
                       const std::vector<std::string>& params) {
  auto s = PrepareBound(db, sql, params);
  if (!s.ok()) return s.status();
  Table t;
  const int n = s->columns();
  for (int c = 0; c < n; ++c) t.columns.push_back(s->ColumnName(c));
  // A column's type is its first non-NULL value's (SQLite types values, not
  // columns: an expression column has no declared type).
  t.types.assign(n, ColumnType::kText);
  std::vector<bool> typed(n, false);
  while (s->Step()) {
    std::vector<std::string> row;
    row.reserve(n);
    for (int c = 0; c < n; ++c) {
      row.push_back(s->Text(c));
      if (typed[c]) continue;
      switch (s->Type(c)) {
        case Stmt::ValueType::kNull:
          continue;
        case Stmt::ValueType::kInteger:
          t.types[c] = ColumnType::kInteger;
          break;
        case Stmt::ValueType::kReal:
          t.types[c] = ColumnType::kReal;
          break;
        default:
          break;
      }
      typed[c] = true;
    }
    t.rows.push_back(std::move(row));
  }
  if (!s->status().ok()) return s->status();
  return t;
}

}  // namespace planmine
