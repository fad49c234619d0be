// The HTML pages' shared parts (html.h).
#include "pipeline/serve/html.h"

#include <algorithm>

#include "pipeline/core/html_escape.h"

namespace planmine::serve_internal {

std::string Html(const std::string& s) { return HtmlEscape(s); }

std::string Url(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
        c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string Snippet(const std::string& s) {
  std::string out = Html(s);
  std::string marked;
  for (char c : out) {
    if (c == '\x01')
      marked += "<mark>";
    else if (c == '\x02')
      marked += "</mark>";
    else
      marked += c;
  }
  return marked;
}

namespace {

const char* kStyle = R"(
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d2430}
header{background:#1f3a5f;color:#fff;padding:.6em 1.2em}
header a{color:#fff;margin-right:1.2em;text-decoration:none}
main{display:flex;gap:2em;padding:1em 1.2em}
aside{min-width:14em;max-width:16em}
aside h3{margin:.8em 0 .2em;font-size:.95em}
aside ul{list-style:none;padding:0;margin:0}
section{flex:1;min-width:0}
.hit{margin:0 0 1.1em}.meta{color:#5a6578;font-size:.9em}
mark{background:#ffe58a}
table{border-collapse:collapse}td,th{border:1px solid #d5dbe5;padding:.25em .5em;text-align:left;vertical-align:top}
.active{font-weight:bold}.error{color:#a11}
input[type=text]{width:28em;font-size:1em;padding:.3em}
input[size]{width:auto}
)";

std::string Layout(const std::string& title, const std::string& body) {
  return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width\">"
         "<title>" +
         Html(title) + " — planmine</title><style>" + kStyle +
         "</style></head><body><header><a href=\"/\"><b>planmine</b></a>"
         "<a href=\"/\">Search</a><a href=\"/documents\">Documents</a>"
         "<a href=\"/commitments\">Commitments</a>"
         "<a href=\"/compare\">Compare</a><a href=\"/timeline\">Timeline</a><a "
         "href=\"/status\">Status</a>"
         "</header>\n" +
         body + "\n</body></html>\n";
}

}  // namespace

HttpResponse HtmlPage(int status, const std::string& title,
                      const std::string& body) {
  return {status, "text/html; charset=utf-8", Layout(title, body)};
}

HttpResponse HtmlError(const ServeContext& ctx, const Status& s) {
  int code = HttpStatusOf(ctx, s);
  return HtmlPage(code, "Error",
                  "<main><section><h1>" + std::to_string(code) +
                      "</h1><p class=\"error\" id=\"error\">" +
                      Html(MessageOf(ctx, s)) + "</p></section></main>");
}

std::string Cell(const Table& t, const std::vector<std::string>& r,
                 const char* name) {
  int c = t.Column(name);
  return c < 0 ? std::string() : r[c];
}

std::string FieldsTable(const Table& t, const std::vector<std::string>& r,
                        const std::vector<std::string>& skip) {
  std::string out = "<table class=\"fields\">";
  for (size_t c = 0; c < t.columns.size(); ++c) {
    if (std::find(skip.begin(), skip.end(), t.columns[c]) != skip.end())
      continue;
    std::string v = r[c];
    if (t.type(c) == ColumnType::kList)
      std::replace(v.begin(), v.end(), ';', ' ');
    out +=
        "<tr><th>" + Html(t.columns[c]) + "</th><td>" + Html(v) + "</td></tr>";
  }
  return out + "</table>";
}

std::string RowsTable(const Table& t, const std::string& id) {
  std::string out = "<table id=\"" + Html(id) + "\"><tr>";
  for (const std::string& c : t.columns) out += "<th>" + Html(c) + "</th>";
  out += "</tr>";
  for (const auto& r : t.rows) {
    out += "<tr>";
    for (size_t c = 0; c < r.size(); ++c) {
      std::string v = r[c];
      if (t.type(c) == ColumnType::kList)
        std::replace(v.begin(), v.end(), ';', ' ');
      out += "<td>" + Html(v) + "</td>";
    }
    out += "</tr>";
  }
  return out + "</table>";
}

}  // namespace planmine::serve_internal
