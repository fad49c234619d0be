// The comparison page (country × theme, or any two keys), each cell linking
// to the units it counts, and the list of commitments.
#include <algorithm>

#include "pipeline/core/countries.h"
#include "pipeline/core/utf8.h"
#include "pipeline/serve/html.h"

namespace planmine::serve_internal {
namespace {

const std::vector<std::string> kKeys = {"country", "theme", "doc_type",
                                        "cycle",   "year",  "language"};
const std::vector<std::string> kMeasures = {"commitments", "documents",
                                            "mentions"};

// The query string of `o` (without the leading '?').
std::string CompareQuery(const CompareOptions& o) {
  std::string q = "rows=" + Url(o.rows) + "&cols=" + Url(o.cols) +
                  "&measure=" + Url(o.measure);
  if (!o.cycle.empty()) q += "&cycle=" + Url(o.cycle);
  if (!o.country.empty()) q += "&country=" + Url(o.country);
  if (!o.doc_type.empty()) q += "&type=" + Url(o.doc_type);
  return q;
}

std::string Select(const std::string& name,
                   const std::vector<std::string>& choices,
                   const std::string& chosen) {
  std::string out = "<select name=\"" + Html(name) + "\">";
  for (const std::string& c : choices)
    out += "<option" + std::string(c == chosen ? " selected" : "") + ">" +
           Html(c) + "</option>";
  return out + "</select>";
}

std::string CompareForm(const CompareOptions& o) {
  return "<form action=\"/compare\" method=\"get\" id=\"compare-form\">"
         "rows " +
         Select("rows", kKeys, o.rows) + " columns " +
         Select("cols", kKeys, o.cols) + " count " +
         Select("measure", kMeasures, o.measure) +
         " cycle <input type=\"text\" name=\"cycle\" size=\"10\" value=\"" +
         Html(o.cycle) +
         "\"> country <input type=\"text\" name=\"country\" size=\"4\" "
         "value=\"" +
         Html(o.country) + "\"> <button>Compare</button></form>";
}

// A key's label: a country's name after its code.
std::string KeyLabel(const std::string& key, const std::string& value) {
  if (key == "country" && !CountryName(value).empty())
    return value + " " + CountryName(value);
  return value;
}

}  // namespace

HttpResponse ComparePage(ServeContext& ctx, const HttpRequest& request) {
  PAGE_TRY(p,
           Params::Read(request,
                        {"rows", "cols", "measure", "cycle", "country", "type"},
                        ctx.options->max_param_bytes));
  PAGE_TRY(o, ReadCompare(*p));
  PAGE_TRY(m, Compare(*ctx.db, *o));
  const std::string q = CompareQuery(*o);
  std::string body = "<main><section><h1>Compare</h1>" + CompareForm(*o) +
                     "<p class=\"meta\">" + Html(o->measure) + " by " +
                     Html(o->rows) + " × " + Html(o->cols) +
                     "; a cell's share is of its row's " + Html(o->measure) +
                     " · <a href=\"/api/compare?" + Html(q) +
                     "\">JSON</a> · <a href=\"/api/compare?" + Html(q) +
                     "&amp;format=csv\">CSV</a></p>"
                     "<div style=\"overflow-x:auto\"><table id=\"matrix\">"
                     "<tr><th>" +
                     Html(o->rows) + " \\ " + Html(o->cols) + "</th>";
  for (const std::string& c : m->col_keys)
    body += "<th>" + Html(KeyLabel(o->cols, c)) + "</th>";
  body += "<th>all</th></tr>";
  for (const std::string& r : m->row_keys) {
    body += "<tr><th>" + Html(KeyLabel(o->rows, r)) + "</th>";
    const int64_t tot = m->row_totals.count(r) ? m->row_totals.at(r) : 0;
    for (const std::string& c : m->col_keys) {
      auto it = m->cells.find({r, c});
      const int64_t n = it == m->cells.end() ? 0 : it->second;
      if (n == 0) {
        body += "<td class=\"meta\">·</td>";
        continue;
      }
      // Shaded by the share of the row, but pale while the row is small:
      // 1 of 1 is no stronger evidence than 1 of 5.
      const double share = tot ? double(n) / tot : 0;
      const double weight = std::min(1.0, double(tot) / 10.0);
      char style[64];
      snprintf(style, sizeof style, "background:rgba(31,58,95,%.2f)",
               0.05 + 0.45 * share * weight);
      body += "<td style=\"" + std::string(style) +
              "\"><a class=\"cell\" href=\"/compare/cell?" +
              Html(q + "&row=" + Url(r) + "&col=" + Url(c)) + "\">" +
              std::to_string(n) + "</a></td>";
    }
    body += "<td>" + std::to_string(tot) + "</td></tr>";
  }
  body += "</table></div></section></main>";
  return HtmlPage(200, "Compare", body);
}

HttpResponse CompareCellPage(ServeContext& ctx, const HttpRequest& request) {
  PAGE_TRY(p, Params::Read(request,
                           {"rows", "cols", "measure", "cycle", "country",
                            "type", "row", "col"},
                           ctx.options->max_param_bytes));
  PAGE_TRY(o, ReadCompare(*p));
  const std::string row = p->Get("row"), col = p->Get("col");
  if (row.empty() || col.empty())
    return HtmlError(ctx, InvalidArgument("a cell needs 'row' and 'col'"));
  PAGE_TRY(t, CompareCell(*ctx.db, *o, row, col));
  std::string body = "<main><section><h1>" + Html(KeyLabel(o->rows, row)) +
                     " × " + Html(KeyLabel(o->cols, col)) +
                     "</h1><p class=\"meta\" id=\"count\">" +
                     std::to_string(t->rows.size()) + " " +
                     (o->measure == "mentions" ? "documents with mentions"
                                               : Html(o->measure)) +
                     " · <a href=\"/compare?" + Html(CompareQuery(*o)) +
                     "\">back to the comparison</a></p>";
  body += "<table id=\"units\"><tr>";
  for (const std::string& c : t->columns)
    if (c != "doc_key" && c != "commitment_key")
      body += "<th>" + Html(c) + "</th>";
  body += "</tr>";
  for (const auto& r : t->rows) {
    body += "<tr>";
    const std::string ck = Cell(*t, r, "commitment_key");
    const std::string dk = Cell(*t, r, "doc_key");
    for (size_t c = 0; c < t->columns.size(); ++c) {
      const std::string& name = t->columns[c];
      if (name == "doc_key" || name == "commitment_key") continue;
      std::string v = Html(Utf8Truncate(r[c], 200));
      if (name == "title")
        v = "<a href=\"" +
            (ck.empty() ? "/documents/" + Url(dk) : "/commitments/" + Url(ck)) +
            "\">" + (v.empty() ? "(untitled)" : v) + "</a>";
      body += "<td>" + v + "</td>";
    }
    body += "</tr>";
  }
  body += "</table></section></main>";
  return HtmlPage(200, "Compare", body);
}

HttpResponse CommitmentsPage(ServeContext& ctx, const HttpRequest& request) {
  PAGE_TRY(p, Params::Read(request, {"country", "theme", "type", "page"},
                           ctx.options->max_param_bytes));
  PAGE_TRY(doc_type, p->DocType("type"));
  PAGE_TRY(page, p->Int("page", 1, 1, 100000));
  CommitmentFilter f;
  f.country = p->Get("country");
  f.theme = p->Get("theme");
  f.doc_type = *doc_type;
  PAGE_TRY(t, ListCommitments(*ctx.db, f));
  const int per_page = 100;
  const size_t all = t->rows.size();
  Page(&*t, (*page - 1) * per_page, per_page);
  std::string filters;
  for (const char* n : {"country", "theme", "type"})
    if (!p->Get(n).empty())
      filters += std::string(filters.empty() ? " · " : ", ") + n + " " +
                 Html(p->Get(n));
  std::string body =
      "<main><section><h1>Commitments</h1><p class=\"meta\" "
      "id=\"count\">" +
      std::to_string(all) + " commitments" + filters +
      "</p><table id=\"commitments\"><tr><th>country</th>"
      "<th>cycle</th><th>type</th><th>number</th><th>title</th>"
      "<th>themes</th></tr>";
  for (const auto& r : t->rows) {
    std::string themes = Cell(*t, r, "themes");
    std::replace(themes.begin(), themes.end(), ';', ' ');
    std::string title = Cell(*t, r, "title");
    if (title.empty()) title = "(" + Cell(*t, r, "kind") + ")";
    body += "<tr><td>" + Html(Cell(*t, r, "country")) + "</td><td>" +
            Html(Cell(*t, r, "plan_cycle")) + "</td><td>" +
            Html(Cell(*t, r, "doc_type")) + "</td><td>" +
            Html(Cell(*t, r, "number")) + "</td><td><a href=\"/commitments/" +
            Url(Cell(*t, r, "commitment_key")) + "\">" +
            Html(Utf8Truncate(title, 200)) + "</a></td><td>" + Html(themes) +
            "</td></tr>";
  }
  body += "</table>";
  if (static_cast<size_t>(*page) * per_page < all) {
    std::string next = "/commitments?page=" + std::to_string(*page + 1);
    for (const char* n : {"country", "theme", "type"})
      if (!p->Get(n).empty())
        next += std::string("&") + n + "=" + Url(p->Get(n));
    body += "<p><a id=\"next\" href=\"" + Html(next) + "\">next page</a></p>";
  }
  body += "</section></main>";
  return HtmlPage(200, "Commitments", body);
}

}  // namespace planmine::serve_internal
