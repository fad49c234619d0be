// The HTML pages: the same questions as the API (query.h), written as
// server-rendered pages without network assets or JavaScript. Every value
// goes through Html(); every link parameter through Url().
#include <algorithm>
#include <map>
#include <sstream>

#include "pipeline/core/countries.h"
#include "pipeline/core/doc_types.h"
#include "pipeline/core/utf8.h"
#include "pipeline/serve/handlers.h"

namespace planmine::serve_internal {
namespace {

std::string Html(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

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

// A snippet whose matches Search marked with \x01…\x02: escaped, marked.
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
)";

std::string Layout(const std::string& title, const std::string& body) {
  return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width\">"
         "<title>" +
         Html(title) + " — planmine</title><style>" + kStyle +
         "</style></head><body><header><a href=\"/\"><b>planmine</b></a>"
         "<a href=\"/\">Search</a><a href=\"/documents\">Documents</a>"
         "<a href=\"/timeline\">Timeline</a><a href=\"/status\">Status</a>"
         "</header>\n" +
         body + "\n</body></html>\n";
}

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

#define PAGE_TRY(var, expr) \
  auto var = (expr);        \
  if (!var.ok()) return HtmlError(ctx, var.status())

std::string Cell(const Table& t, const std::vector<std::string>& r,
                 const char* name) {
  int c = t.Column(name);
  return c < 0 ? std::string() : r[c];
}

// The search page's state, to write links that change one thing.
struct SearchState {
  std::vector<std::pair<std::string, std::string>> values;  // name, value
  std::string Link(const std::string& name, const std::string& value) const {
    std::string q;
    bool set = false;
    for (const auto& [n, v] : values) {
      if (n == "page") continue;
      std::string val = v;
      if (n == name) {
        val = value;
        set = true;
      }
      if (!val.empty()) q += (q.empty() ? "?" : "&") + n + "=" + Url(val);
    }
    if (!set && !value.empty())
      q += (q.empty() ? "?" : "&") + name + "=" + Url(value);
    return "/search" + q;
  }
};

const std::vector<std::string> kSearchParams = {
    "q",     "by",    "country",   "lang",    "type",
    "cycle", "theme", "from_year", "to_year", "page"};

// Facet counts of the documents a query finds (every one of them).
std::string Facets(const Table& docs, const SearchState& st, const Params& p) {
  struct Facet {
    const char* title;
    const char* column;
    const char* param;
  };
  const Facet kFacets[] = {{"Country", "country", "country"},
                           {"Language", "language", "lang"},
                           {"Type", "doc_type", "type"},
                           {"Cycle", "plan_cycle", "cycle"},
                           {"Year", "year", "from_year"}};
  std::string out;
  for (const Facet& f : kFacets) {
    std::map<std::string, int> counts;
    for (const auto& r : docs.rows) {
      std::string v = Cell(docs, r, f.column);
      if (!v.empty()) ++counts[v];
    }
    std::string active = p.Get(f.param);
    if (counts.empty() && active.empty()) continue;
    out += "<h3>" + std::string(f.title) +
           "</h3><ul class=\"facet\" id=\"facet-" + f.param + "\">";
    if (!active.empty()) {
      std::string link = st.Link(f.param, "");
      if (std::string(f.param) == "from_year") {
        SearchState s2 = st;
        for (auto& [n, v] : s2.values)
          if (n == "to_year") v.clear();
        link = s2.Link(f.param, "");
      }
      out += "<li class=\"active\">" + Html(active) + " <a href=\"" +
             Html(link) + "\" title=\"remove\">×</a></li>";
    }
    for (const auto& [value, n] : counts) {
      if (value == active) continue;
      std::string link = st.Link(f.param, value);
      if (std::string(f.param) == "from_year") {
        SearchState s2 = st;
        s2.values.push_back({"to_year", value});
        for (auto& [name, v] : s2.values)
          if (name == "to_year") v = value;
        link = s2.Link("from_year", value);
      }
      std::string label = value;
      if (std::string(f.param) == "country") {
        std::string name = CountryName(value);
        if (!name.empty()) label += " " + name;
      }
      out += "<li><a href=\"" + Html(link) + "\">" + Html(label) + "</a> (" +
             std::to_string(n) + ")</li>";
    }
    out += "</ul>";
  }
  return out;
}

HttpResponse SearchPage(ServeContext& ctx, const HttpRequest& request) {
  PAGE_TRY(p,
           Params::Read(request, kSearchParams, ctx.options->max_param_bytes));
  SearchState st;
  for (const std::string& n : kSearchParams)
    if (p->Has(n)) st.values.push_back({n, p->Get(n)});
  const std::string q = p->Get("q");
  PAGE_TRY(by_name, p->OneOf("by", {"document", "sentence"}));
  PAGE_TRY(doc_type, p->DocType("type"));
  PAGE_TRY(from, p->Int("from_year", 0, 0, 9999));
  PAGE_TRY(to, p->Int("to_year", 0, 0, 9999));
  PAGE_TRY(page, p->Int("page", 1, 1, 10000));
  std::string body = "<main><aside>";
  std::string results;
  std::string title = q.empty() ? "Search" : q;
  std::string form =
      "<form action=\"/search\" method=\"get\" id=\"search\"><input "
      "type=\"text\" name=\"q\" value=\"" +
      Html(q) +
      "\" placeholder=\"words, &quot;a phrase&quot;, prefix*, OR, "
      "theme:ID\" autofocus> ";
  for (const auto& [n, v] : st.values)
    if (n != "q" && n != "page" && !v.empty())
      form += "<input type=\"hidden\" name=\"" + Html(n) + "\" value=\"" +
              Html(v) + "\">";
  form += "<button>Search</button></form>";
  if (!q.empty()) {
    SearchOptions so;
    so.country = p->Get("country");
    so.language = p->Get("lang");
    so.doc_type = *doc_type;
    so.cycle = p->Get("cycle");
    so.theme = p->Get("theme");
    so.year_from = *from;
    so.year_to = *to;
    so.bridge = ctx.bridge;
    so.dictionary = ctx.dictionary;
    so.mark_open = "\x01";
    so.mark_close = "\x02";
    so.limit = 0;  // every document, for the facets
    PAGE_TRY(docs, SearchDocuments(*ctx.db, q, so, SearchBy::kDocument));
    body += Facets(*docs, st, *p);
    const int per_page = 20;
    so.offset = (*page - 1) * per_page;
    so.limit = per_page;
    Table shown;
    const bool by_sentence = *by_name == "sentence";
    if (by_sentence) {
      PAGE_TRY(hits, SearchDocuments(*ctx.db, q, so, SearchBy::kSentence));
      shown = std::move(*hits);
    } else {
      shown = *docs;
      Page(&shown, so.offset, per_page);
    }
    const int64_t total = shown.total;
    results += "<p class=\"meta\" id=\"count\">" + std::to_string(total) +
               (by_sentence ? " sentences" : " documents") + " · <a href=\"" +
               Html(st.Link("by", by_sentence ? "document" : "sentence")) +
               "\">" + (by_sentence ? "group by document" : "show sentences") +
               "</a> · <a href=\"/api/search" +
               Html(st.Link("by", *by_name).substr(7)) + "\">JSON</a></p>";
    results +=
        "<ol start=\"" + std::to_string(so.offset + 1) + "\" id=\"results\">";
    for (const auto& r : shown.rows) {
      const std::string key = Cell(shown, r, "doc_key");
      std::string t = Cell(shown, r, "title");
      if (t.empty()) t = Cell(shown, r, "file");
      std::string meta = Cell(shown, r, "country");
      for (const char* c : {"year", "doc_type", "plan_cycle", "language"}) {
        std::string v = Cell(shown, r, c);
        if (!v.empty()) meta += (meta.empty() ? "" : " · ") + v;
      }
      results += "<li class=\"hit\"><a href=\"/documents/" + Url(key) + "\">" +
                 Html(t) + "</a><div class=\"meta\">" + Html(meta);
      if (by_sentence) {
        results += " · page " + Html(Cell(shown, r, "page"));
        std::string ck = Cell(shown, r, "commitment_key");
        if (!ck.empty())
          results += " · <a href=\"/commitments/" + Url(ck) + "\">commitment " +
                     Html(Cell(shown, r, "commitment_number")) + "</a>";
      } else {
        std::string pages = Cell(shown, r, "pages");
        std::replace(pages.begin(), pages.end(), ';', ' ');
        results += " · " + Html(Cell(shown, r, "hits")) + " hits (" +
                   Html(Cell(shown, r, "found_by")) + "), pages " +
                   Html(Utf8Truncate(pages, 80));
      }
      results +=
          "</div><div>" + Snippet(Cell(shown, r, "snippet")) + "</div></li>";
    }
    results += "</ol>";
    if (shown.rows.empty()) {
      PAGE_TRY(hint, ExplainNoHits(*ctx.db, q, so));
      results += "<p id=\"no-hits\">No matches. " +
                 Html(hint->words.empty() ? "" : hint->message()) + "</p>";
    }
    if (so.offset + per_page < total)
      results += "<p><a id=\"next\" href=\"" +
                 Html(st.Link("page", std::to_string(*page + 1))) +
                 "\">next page</a></p>";
  }
  PAGE_TRY(themes, ThemeCounts(*ctx.db, ""));
  std::string active_theme = p->Get("theme");
  body += "<h3>Theme</h3><ul class=\"facet\" id=\"facet-theme\">";
  if (!active_theme.empty())
    body += "<li class=\"active\">" + Html(active_theme) + " <a href=\"" +
            Html(st.Link("theme", "")) + "\" title=\"remove\">×</a></li>";
  int n = 0;
  for (const auto& r : themes->rows) {
    std::string id = Cell(*themes, r, "theme");
    if (id == active_theme || ++n > 15) continue;
    body += "<li><a href=\"" + Html(st.Link("theme", id)) + "\">" +
            Html(Cell(*themes, r, "label")) + "</a></li>";
  }
  body += "</ul></aside><section><h1>Search</h1>" + form + results +
          "</section></main>";
  return HtmlPage(200, title, body);
}

// The rows of `t` whose column `col` is `value`.
Table Where(Table t, const char* col, const std::string& value) {
  const int c = t.Column(col);
  std::vector<std::vector<std::string>> keep;
  for (auto& r : t.rows)
    if (c >= 0 && r[c] == value) keep.push_back(std::move(r));
  t.rows = std::move(keep);
  t.total = -1;
  return t;
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

HttpResponse DocumentPage(ServeContext& ctx, const HttpRequest& request,
                          const std::string& key) {
  PAGE_TRY(p, Params::Read(request, {}, ctx.options->max_param_bytes));
  if (!IsDocKey(key))
    return HtmlError(ctx, InvalidArgument("a doc_key is 16 hex digits"));
  PAGE_TRY(docs, ListDocuments(*ctx.db, DocumentFilter{}));
  Table doc = Where(std::move(*docs), "doc_key", key);
  if (doc.rows.empty()) return HtmlError(ctx, NotFound("no document " + key));
  const auto& d = doc.rows[0];
  std::string title = Cell(doc, d, "title");
  if (title.empty()) title = Cell(doc, d, "file");
  std::string body = "<main><section><h1 id=\"title\">" + Html(title) +
                     "</h1><p class=\"meta\"><a href=\"/api/documents/" +
                     Url(key) + "\">JSON</a></p><h2>Metadata</h2>" +
                     FieldsTable(doc, d, {});
  CommitmentFilter cf;
  cf.statements = true;
  PAGE_TRY(all, ListCommitments(*ctx.db, cf));
  Table cs = Where(std::move(*all), "doc_key", key);
  body += "<h2>Commitments (" + std::to_string(cs.rows.size()) +
          ")</h2><table id=\"commitments\"><tr><th>number</th><th>title</th>"
          "<th>pages</th><th>themes</th><th>milestones</th></tr>";
  for (const auto& r : cs.rows) {
    std::string themes = Cell(cs, r, "themes");
    std::replace(themes.begin(), themes.end(), ';', ' ');
    std::string t = Cell(cs, r, "title");
    if (t.empty()) t = "(" + Cell(cs, r, "kind") + ")";
    body += "<tr><td>" + Html(Cell(cs, r, "number")) +
            "</td><td><a href=\"/commitments/" +
            Url(Cell(cs, r, "commitment_key")) + "\">" +
            Html(Utf8Truncate(t, 200)) + "</a></td><td>" +
            Html(Cell(cs, r, "first_page")) + "–" +
            Html(Cell(cs, r, "last_page")) + "</td><td>" + Html(themes) +
            "</td><td>" + Html(Cell(cs, r, "milestones")) + "</td></tr>";
  }
  body += "</table></section></main>";
  return HtmlPage(200, title, body);
}

HttpResponse CommitmentPage(ServeContext& ctx, const HttpRequest& request,
                            const std::string& key) {
  PAGE_TRY(p, Params::Read(request, {}, ctx.options->max_param_bytes));
  if (!IsCommitmentKey(key))
    return HtmlError(
        ctx, InvalidArgument("a commitment_key is a doc_key, '-c' and a "
                             "number"));
  CommitmentFilter cf;
  cf.statements = true;
  PAGE_TRY(all, ListCommitments(*ctx.db, cf));
  Table assessed = Where(*all, "assesses", key);
  Table c = Where(std::move(*all), "commitment_key", key);
  if (c.rows.empty()) return HtmlError(ctx, NotFound("no commitment " + key));
  const auto& r = c.rows[0];
  std::string title = Cell(c, r, "title");
  if (title.empty()) title = "Commitment " + Cell(c, r, "number");
  std::string body =
      "<main><section><h1 id=\"title\">" + Html(Cell(c, r, "number")) + " " +
      Html(title) + "</h1><p class=\"meta\">in <a href=\"/documents/" +
      Url(Cell(c, r, "doc_key")) + "\">" + Html(Cell(c, r, "document")) +
      "</a></p>" + FieldsTable(c, r, {});
  std::string assesses = Cell(c, r, "assesses");
  if (!assesses.empty())
    body += "<p id=\"assesses\">Assesses <a href=\"/commitments/" +
            Url(assesses) + "\">" + Html(assesses) + "</a></p>";
  body += "<h2>IRM assessment</h2>";
  if (assessed.rows.empty()) body += "<p id=\"assessment\">none linked</p>";
  for (const auto& a : assessed.rows)
    body += "<p id=\"assessment\"><a href=\"/commitments/" +
            Url(Cell(assessed, a, "commitment_key")) + "\">" +
            Html(Cell(assessed, a, "document")) + "</a>: completion " +
            Html(Cell(assessed, a, "completion")) + "</p>";
  body += "</section></main>";
  return HtmlPage(200, title, body);
}

HttpResponse DocumentsPage(ServeContext& ctx, const HttpRequest& request) {
  PAGE_TRY(p, Params::Read(request, {"country", "type", "cycle", "lang"},
                           ctx.options->max_param_bytes));
  PAGE_TRY(doc_type, p->DocType("type"));
  DocumentFilter f{p->Get("country"), *doc_type, p->Get("cycle"),
                   p->Get("lang")};
  PAGE_TRY(docs, ListDocuments(*ctx.db, f));
  std::string body =
      "<main><section><h1>Documents (" + std::to_string(docs->rows.size()) +
      ")</h1><table id=\"documents\"><tr><th>country</th><th>type</th>"
      "<th>cycle</th><th>pages</th><th>commitments</th><th>title</th></tr>";
  for (const auto& r : docs->rows) {
    std::string t = Cell(*docs, r, "title");
    if (t.empty()) t = Cell(*docs, r, "file");
    body += "<tr><td>" + Html(Cell(*docs, r, "country")) + "</td><td>" +
            Html(Cell(*docs, r, "doc_type")) + "</td><td>" +
            Html(Cell(*docs, r, "plan_cycle")) + "</td><td>" +
            Html(Cell(*docs, r, "pages")) + "</td><td>" +
            Html(Cell(*docs, r, "commitments")) +
            "</td><td><a href=\"/documents/" + Url(Cell(*docs, r, "doc_key")) +
            "\">" + Html(t) + "</a></td></tr>";
  }
  body += "</table></section></main>";
  return HtmlPage(200, "Documents", body);
}

HttpResponse StatusPage(ServeContext& ctx, const HttpRequest& request) {
  PAGE_TRY(p, Params::Read(request, {}, ctx.options->max_param_bytes));
  PAGE_TRY(st, IndexStatus(*ctx.db));
  PAGE_TRY(failures, Failures(*ctx.db));
  std::vector<std::pair<std::string, Table>> tables = std::move(*st);
  tables.emplace_back("Failures", std::move(*failures));
  std::string body = "<main><section><h1>Status</h1>";
  for (const auto& [name, t] : tables) {
    body += "<h2>" + Html(name) + "</h2><table><tr>";
    for (const std::string& c : t.columns) body += "<th>" + Html(c) + "</th>";
    body += "</tr>";
    for (const auto& r : t.rows) {
      body += "<tr>";
      for (const std::string& v : r) body += "<td>" + Html(v) + "</td>";
      body += "</tr>";
    }
    body += "</table>";
  }
  body += "</section></main>";
  return HtmlPage(200, "Status", body);
}

// A theme across plan cycles (Timeline); a cycle's documents link to the
// documents page of that cycle, its mentions to the search for the theme.
HttpResponse TimelinePage(ServeContext& ctx, const HttpRequest& request) {
  PAGE_TRY(p, Params::Read(request, {"theme", "country"},
                           ctx.options->max_param_bytes));
  const std::string theme = p->Get("theme"), country = p->Get("country");
  std::string body =
      "<main><section><h1>Timeline</h1><form "
      "action=\"/timeline\" method=\"get\">theme <input "
      "type=\"text\" name=\"theme\" value=\"" +
      Html(theme) +
      "\"> country <input type=\"text\" name=\"country\" "
      "value=\"" +
      Html(country) + "\"> <button>Show</button></form>";
  if (!theme.empty()) {
    PAGE_TRY(t, Timeline(*ctx.db, country, theme));
    body +=
        "<table id=\"timeline\"><tr><th>cycle</th><th>documents</th>"
        "<th>commitments</th><th>mentions</th><th>types</th></tr>";
    const std::string in_country =
        country.empty() ? "" : "&country=" + Url(country);
    for (const auto& r : t->rows) {
      const std::string cycle = Cell(*t, r, "cycle");
      std::string docs = Html(Cell(*t, r, "documents"));
      std::string mentions = Html(Cell(*t, r, "mentions"));
      if (cycle != "?") {
        docs = "<a href=\"" +
               Html("/documents?cycle=" + Url(cycle) + in_country) + "\">" +
               docs + "</a>";
        mentions = "<a href=\"" +
                   Html("/search?by=sentence&q=" + Url("theme:" + theme) +
                        "&cycle=" + Url(cycle) + in_country) +
                   "\">" + mentions + "</a>";
      }
      std::string types = Cell(*t, r, "doc_types");
      std::replace(types.begin(), types.end(), ';', ' ');
      body += "<tr><td>" + Html(cycle) + "</td><td>" + docs + "</td><td>" +
              Html(Cell(*t, r, "commitments")) + "</td><td>" + mentions +
              "</td><td>" + Html(types) + "</td></tr>";
    }
    body += "</table>";
  }
  body += "</section></main>";
  return HtmlPage(200, "Timeline", body);
}

#undef PAGE_TRY

}  // namespace

HttpResponse HandlePage(ServeContext& ctx, const HttpRequest& request) {
  const std::string& path = request.path;
  if (path == "/" || path == "/search") return SearchPage(ctx, request);
  if (path == "/documents") return DocumentsPage(ctx, request);
  if (path == "/status") return StatusPage(ctx, request);
  if (path == "/timeline") return TimelinePage(ctx, request);
  if (path.rfind("/documents/", 0) == 0)
    return DocumentPage(ctx, request, path.substr(11));
  if (path.rfind("/commitments/", 0) == 0)
    return CommitmentPage(ctx, request, path.substr(13));
  return HtmlError(
      ctx, NotFound("no page " + Utf8Truncate(SanitizeUtf8(path), 100) +
                    ": try / (search), /documents, /timeline, /status"));
}

}  // namespace planmine::serve_internal
