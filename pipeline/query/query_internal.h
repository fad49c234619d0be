// Shared by the query files; not part of the query API.
#ifndef PLANMINE_QUERY_QUERY_INTERNAL_H_
#define PLANMINE_QUERY_QUERY_INTERNAL_H_

#include <string>
#include <vector>

#include "pipeline/query/query.h"

namespace planmine {

// Runs `sql` with `params` bound in order (an empty string binds NULL) and
// returns every row; each column's type is the SQLite type of its values
// (integer, real, text; NULL cells are null whatever the type).
Result<Table> RunTable(Db& db, const std::string& sql,
                       const std::vector<std::string>& params);

// `sql` prepared with `params` bound in order (an empty string binds NULL).
Result<Stmt> PrepareBound(Db& db, const std::string& sql,
                          const std::vector<std::string>& params);

// `s` as an FTS5 phrase: in double quotes, its own doubled.
std::string Quote(const std::string& s);

}  // namespace planmine

#endif  // PLANMINE_QUERY_QUERY_INTERNAL_H_
