// Printing query tables as an aligned text table, JSON (array of objects) or
// CSV (RFC 4180: comma, CRLF, quotes doubled; UTF-8).
#ifndef PLANMINE_CLI_FORMAT_H_
#define PLANMINE_CLI_FORMAT_H_

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/query/query.h"

namespace planmine {

void PrintTable(const Table& t, std::ostream& out, size_t max_cell = 70);
// The version of the JSON every command writes (docs/json.md); raised when a
// key changes meaning or is removed, never when one is added.
inline constexpr int kJsonSchemaVersion = 1;

// {"schema_version", "command", "total", "count", "rows": [typed objects]}:
// integers and reals as numbers, lists as arrays, empty cells as null.
void PrintJson(const Table& t, std::ostream& out, const std::string& command);
// {"schema_version", "command", "tables": {"snake_case_title": [rows]}}.
void PrintJsonTables(const std::vector<std::pair<std::string, Table>>& tables,
                     std::ostream& out, const std::string& command);
// The rows of `t` as typed JSON objects.
nlohmann::ordered_json TypedRows(const Table& t);
// {"schema_version": N, "command": command}, to add keys to.
nlohmann::ordered_json JsonEnvelope(const std::string& command);
void PrintJsonValue(const nlohmann::ordered_json& j, std::ostream& out);
// The search envelope (docs/json.md, search): `by` ("sentence", "document",
// "country"), total, count, rows and, when `hint` has words, no_hit.
nlohmann::ordered_json SearchJson(const Table& t, const std::string& by,
                                  const NoHitHint& hint);
// The compare envelope: rows_by, cols_by, measure, total (units), count and
// one row per cell (MatrixLong).
nlohmann::ordered_json CompareJson(const Matrix& m, const CompareOptions& o);
// {"schema_version", "command", "tables": {...}} (PrintJsonTables' value).
nlohmann::ordered_json JsonTables(
    const std::vector<std::pair<std::string, Table>>& tables,
    const std::string& command);
// {"schema_version", "command", "total", "count", "rows"} (PrintJson's).
nlohmann::ordered_json JsonTable(const Table& t, const std::string& command);
// PrintCsv to a string.
std::string CsvString(const Table& t);
void PrintCsv(const Table& t, std::ostream& out);
std::string CsvField(const std::string& v);

// Display width of UTF-8 text in code points.
size_t DisplayWidth(const std::string& s);

// `s` safe to print on a terminal: every control character is written as
// an escape, so that a file name cannot split a line, move the cursor or
// change colours. C0 and DEL become \n, \t, \r or \xHH; C1 (U+0080-U+009F)
// and the line, paragraph and bidirectional controls become \uHHHH; a byte
// that is not part of valid UTF-8 becomes \xHH when it is a C1
// control in Latin-1 (0x80-0x9F) and is kept otherwise (a Latin-1 name).
// Printable text, including non-ASCII letters, is unchanged. For human-readable
// lines only: JSON escapes by itself.
std::string EscapeControl(std::string_view s);

}  // namespace planmine

#endif  // PLANMINE_CLI_FORMAT_H_
