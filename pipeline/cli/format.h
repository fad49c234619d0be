// Printing query tables as an aligned text table, JSON (array of objects) or
// CSV (RFC 4180: comma, CRLF, quotes doubled; UTF-8).
#ifndef PLANMINE_CLI_FORMAT_H_
#define PLANMINE_CLI_FORMAT_H_

#include <ostream>
#include <string>

#include "pipeline/query/query.h"

namespace planmine {

void PrintTable(const Table& t, std::ostream& out, size_t max_cell = 70);
void PrintJson(const Table& t, std::ostream& out);
void PrintCsv(const Table& t, std::ostream& out);
std::string CsvField(const std::string& v);

// Display width of UTF-8 text in code points.
size_t DisplayWidth(const std::string& s);

}  // namespace planmine

#endif  // PLANMINE_CLI_FORMAT_H_
