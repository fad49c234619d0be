// What the HTML pages share: escaping, the page layout, reading a Table's
// cells. Every value a page writes goes through Html(), every link parameter
// through Url().
#ifndef PLANMINE_SERVE_HTML_H_
#define PLANMINE_SERVE_HTML_H_

#include <string>
#include <vector>

#include "pipeline/serve/handlers.h"

namespace planmine::serve_internal {

// Text as HTML (&, <, >, " and ' escaped).
std::string Html(const std::string& s);
// Text as one URL query value (everything but unreserved bytes %-escaped).
std::string Url(const std::string& s);
// A snippet whose matches Search marked with \x01…\x02: escaped, marked.
std::string Snippet(const std::string& s);

// A whole page: the header's links, `title`, `body` (already HTML).
HttpResponse HtmlPage(int status, const std::string& title,
                      const std::string& body);
// A refusal as a page: its status (HttpStatusOf) and reason.
HttpResponse HtmlError(const ServeContext& ctx, const Status& s);

// The cell of row `r` in column `name`, "" when `t` has no such column.
std::string Cell(const Table& t, const std::vector<std::string>& r,
                 const char* name);
// Each column of row `r` as a line of a two-column table, but `skip`.
std::string FieldsTable(const Table& t, const std::vector<std::string>& r,
                        const std::vector<std::string>& skip);
// Every row of `t` as an HTML table with an id; list cells space-separated.
std::string RowsTable(const Table& t, const std::string& id);

// Returns the page of a failed Result from the handler.
#define PAGE_TRY(var, expr) \
  auto var = (expr);        \
  if (!var.ok()) return HtmlError(ctx, var.status())

// The pages, by file.
HttpResponse SearchPage(ServeContext& ctx, const HttpRequest& request);
HttpResponse DocumentPage(ServeContext& ctx, const HttpRequest& request,
                          const std::string& key);
// The document's own file, when it is still the one indexed.
HttpResponse DocumentPdf(ServeContext& ctx, const HttpRequest& request,
                         const std::string& key);
HttpResponse CommitmentPage(ServeContext& ctx, const HttpRequest& request,
                            const std::string& key);
HttpResponse CommitmentsPage(ServeContext& ctx, const HttpRequest& request);
HttpResponse ComparePage(ServeContext& ctx, const HttpRequest& request);
HttpResponse CompareCellPage(ServeContext& ctx, const HttpRequest& request);

}  // namespace planmine::serve_internal

#endif  // PLANMINE_SERVE_HTML_H_
