// The HTML pages: the same questions as the API (query.h), written as
// server-rendered pages without network assets or JavaScript (html.h): the
// search, the documents, the timeline and the status, and the routes to
// every page (the others are in pages_detail.cc and pages_compare.cc).
#include <algorithm>
#include <map>
#include <sstream>

#include "pipeline/core/countries.h"
#include "pipeline/core/doc_types.h"
#include "pipeline/core/utf8.h"
#include "pipeline/serve/html.h"

namespace planmine::serve_internal {
namespace {

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

}  // namespace

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
    const int per_page = 20;
    so.offset = (*page - 1) * per_page;
    so.limit = per_page;
    // One document search gives the facets (every document found) and, when
    // grouped by document, the page's rows.
    Table docs;
    so.all_rows = &docs;
    const bool by_sentence = *by_name == "sentence";
    PAGE_TRY(by_doc, SearchDocuments(*ctx.db, q, so, SearchBy::kDocument));
    so.all_rows = nullptr;
    body += Facets(docs, st, *p);
    Table shown = std::move(*by_doc);
    if (by_sentence) {
      PAGE_TRY(hits, SearchDocuments(*ctx.db, q, so, SearchBy::kSentence));
      shown = std::move(*hits);
    }
    const int64_t total = shown.total;
    results += "<p class=\"meta\" id=\"count\">" +
               (shown.total_exact ? std::to_string(total)
                                  : "more than " + std::to_string(total - 1)) +
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
    // A count that stopped ("more than"): there is always a next page.
    if (so.offset + per_page < total || !shown.total_exact)
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

namespace {

HttpResponse DocumentsPage(ServeContext& ctx, const HttpRequest& request) {
  PAGE_TRY(p, Params::Read(request, {"country", "type", "cycle", "lang"},
                           ctx.options->max_param_bytes));
  PAGE_TRY(doc_type, p->DocType("type"));
  DocumentFilter f;
  f.country = p->Get("country");
  f.doc_type = *doc_type;
  f.cycle = p->Get("cycle");
  f.language = p->Get("lang");
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

}  // namespace

HttpResponse HandlePage(ServeContext& ctx, const HttpRequest& request) {
  const std::string& path = request.path;
  if (path == "/" || path == "/search") return SearchPage(ctx, request);
  if (path == "/documents") return DocumentsPage(ctx, request);
  if (path == "/status") return StatusPage(ctx, request);
  if (path == "/timeline") return TimelinePage(ctx, request);
  if (path == "/compare") return ComparePage(ctx, request);
  if (path == "/compare/cell") return CompareCellPage(ctx, request);
  if (path == "/commitments") return CommitmentsPage(ctx, request);
  if (path.rfind("/documents/", 0) == 0) {
    std::string key = path.substr(11);
    if (key.size() > 4 && key.compare(key.size() - 4, 4, "/pdf") == 0)
      return DocumentPdf(ctx, request, key.substr(0, key.size() - 4));
    return DocumentPage(ctx, request, key);
  }
  if (path.rfind("/commitments/", 0) == 0)
    return CommitmentPage(ctx, request, path.substr(13));
  return HtmlError(
      ctx, NotFound("no page " + Utf8Truncate(SanitizeUtf8(path), 100) +
                    ": try / (search), /documents, /commitments, /compare, "
                    "/timeline, /status"));
}

}  // namespace planmine::serve_internal
