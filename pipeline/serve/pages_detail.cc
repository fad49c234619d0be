// The pages of one document and of one commitment, and the document's own
// file (/documents/{doc_key}/pdf) when it is still where it was read.
#include <sys/stat.h>

#include <algorithm>

#include "pipeline/core/countries.h"
#include "pipeline/core/user_file.h"
#include "pipeline/core/utf8.h"
#include "pipeline/serve/html.h"

namespace planmine::serve_internal {
namespace {

// A PDF is served up to this size (the ingest's own limit on user files).
constexpr uint64_t kMaxServedFile = uint64_t{1} << 30;

// The document's file, opened, when serving files is on and the file is
// the one indexed: a regular file of the recorded size and mtime (a file
// changed since is not the one the page cites).
Result<UserFile> OpenSource(const ServeContext& ctx, const std::string& key) {
  if (!ctx.options->serve_files)
    return NotFound("this server does not serve files (--no-files)");
  auto src = DocumentFile(*ctx.db, key);
  if (!src.ok()) return src.status();
  if (src->kind != "pdf") return NotFound("document " + key + " is no PDF");
  auto f = OpenUserFile(src->path, kMaxServedFile);
  if (!f.ok())
    return NotFound("the file of document " + key +
                    " is not readable here: " + f.status().message());
  struct stat st;
  if (fstat(f->fd(), &st) != 0 ||
      static_cast<int64_t>(st.st_size) != src->size ||
      static_cast<int64_t>(st.st_mtime) != src->mtime)
    return NotFound("the file of document " + key +
                    " has changed since it was indexed");
  return f;
}

// "/documents/KEY/pdf#page=N": a link to a page of the document's PDF,
// or "" when the PDF is not reachable.
std::string PdfLink(const std::string& pdf, const std::string& page,
                    const std::string& text) {
  if (pdf.empty() || page.empty()) return Html(text);
  return "<a href=\"" + pdf + "#page=" + Html(page) + "\">" + Html(text) +
         "</a>";
}

std::string EvidenceTable(const Table& t) {
  std::string out =
      "<table id=\"evidence\"><tr><th>field</th><th>value</th><th>from</th>"
      "</tr>";
  for (const auto& r : t.rows) {
    std::string v = Cell(t, r, "value");
    if (v.empty() && Cell(t, r, "source").empty()) continue;  // unknown
    if (Cell(t, r, "field") == "country" && !CountryName(v).empty())
      v += " (" + CountryName(v) + ")";
    out += "<tr><th>" + Html(Cell(t, r, "field")) + "</th><td>" + Html(v) +
           "</td><td class=\"meta\">" + Html(Cell(t, r, "source")) +
           "</td></tr>";
  }
  return out + "</table>";
}

std::string CommitmentsTable(const Table& cs, const std::string& pdf) {
  if (cs.rows.empty()) return "<p id=\"commitments\">none found</p>";
  std::string out =
      "<table id=\"commitments\"><tr><th>number</th><th>title</th>"
      "<th>pages</th><th>themes</th><th>milestones</th></tr>";
  for (const auto& r : cs.rows) {
    std::string themes = Cell(cs, r, "themes");
    std::replace(themes.begin(), themes.end(), ';', ' ');
    std::string t = Cell(cs, r, "title");
    if (t.empty()) t = "(" + Cell(cs, r, "kind") + ")";
    const std::string first = Cell(cs, r, "first_page");
    out += "<tr><td>" + Html(Cell(cs, r, "number")) +
           "</td><td><a href=\"/commitments/" +
           Url(Cell(cs, r, "commitment_key")) + "\">" +
           Html(Utf8Truncate(t, 200)) + "</a></td><td>" +
           PdfLink(pdf, first, first + "–" + Cell(cs, r, "last_page")) +
           "</td><td>" + Html(themes) + "</td><td>" +
           Html(Cell(cs, r, "milestones")) + "</td></tr>";
  }
  return out + "</table>";
}

std::string ThemesTable(const Table& t, const std::string& pdf,
                        const std::string& country) {
  std::string out =
      "<table id=\"themes\"><tr><th>theme</th><th>mentions</th>"
      "<th>first page</th><th>first words that matched</th></tr>";
  for (const auto& r : t.rows) {
    const std::string id = Cell(t, r, "theme");
    std::string label = Cell(t, r, "label");
    if (label.empty()) label = id;
    out += "<tr><td><a href=\"/commitments?theme=" + Url(id) +
           (country.empty() ? "" : "&amp;country=" + Url(country)) +
           "\" title=\"" + Html(id) + "\">" + Html(label) + "</a></td><td>" +
           Html(Cell(t, r, "mentions")) + "</td><td>" +
           PdfLink(pdf, Cell(t, r, "first_page"), Cell(t, r, "first_page")) +
           "</td><td>" + Html(Cell(t, r, "example")) + "</td></tr>";
  }
  return out + "</table>";
}

std::string PagesTable(const Table& t, const std::string& pdf) {
  std::string out =
      "<table id=\"pages\"><tr><th>page</th><th>text from</th>"
      "<th>quality</th><th>words</th><th>OCR confidence</th>"
      "<th>sentences</th></tr>";
  for (const auto& r : t.rows) {
    const std::string n = Cell(t, r, "number");
    out += "<tr><td>" + PdfLink(pdf, n, n) + "</td><td>" +
           Html(Cell(t, r, "source")) + "</td><td>" +
           Html(Cell(t, r, "quality")) + "</td><td>" +
           Html(Cell(t, r, "words")) + "</td><td>" +
           Html(Cell(t, r, "ocr_confidence")) + "</td><td>" +
           Html(Cell(t, r, "sentences")) + "</td></tr>";
  }
  return out + "</table>";
}

}  // namespace

HttpResponse DocumentPdf(ServeContext& ctx, const HttpRequest& request,
                         const std::string& key) {
  PAGE_TRY(p, Params::Read(request, {}, ctx.options->max_param_bytes));
  if (!IsDocKey(key))
    return HtmlError(ctx, InvalidArgument("a doc_key is 16 hex digits"));
  PAGE_TRY(f, OpenSource(ctx, key));
  HttpResponse out(200, "application/pdf", "");
  out.file = std::make_shared<UserFile>(std::move(*f));
  return out;
}

HttpResponse DocumentPage(ServeContext& ctx, const HttpRequest& request,
                          const std::string& key) {
  PAGE_TRY(p, Params::Read(request, {}, ctx.options->max_param_bytes));
  if (!IsDocKey(key))
    return HtmlError(ctx, InvalidArgument("a doc_key is 16 hex digits"));
  PAGE_TRY(d, GetDocument(*ctx.db, key));
  const Table& doc = d->document;
  const auto& r = doc.rows[0];
  std::string title = Cell(doc, r, "title");
  if (title.empty()) title = Cell(doc, r, "file");
  const std::string pdf =
      OpenSource(ctx, key).ok() ? "/documents/" + Url(key) + "/pdf" : "";
  std::string meta;
  for (const char* c : {"country", "doc_type", "plan_cycle", "language"}) {
    std::string v = Cell(doc, r, c);
    if (!v.empty()) meta += (meta.empty() ? "" : " · ") + Html(v);
  }
  meta += " · " + Html(Cell(doc, r, "pages")) + " pages · <a href=\"/api/" +
          "documents/" + Url(key) + "\">JSON</a>";
  meta += pdf.empty() ? " · <span id=\"no-pdf\">the PDF is not reachable "
                        "from this server</span>"
                      : " · <a id=\"pdf\" href=\"" + pdf + "\">PDF</a>";
  std::string body = "<main><section><h1 id=\"title\">" + Html(title) +
                     "</h1><p class=\"meta\">" + meta +
                     "</p><h2>Metadata and where it came from</h2>" +
                     EvidenceTable(d->evidence) + "<p class=\"meta\">file " +
                     Html(Cell(doc, r, "file")) + " · status " +
                     Html(Cell(doc, r, "status")) + "</p>";
  CommitmentFilter cf;
  cf.statements = true;
  cf.doc_key = key;
  PAGE_TRY(cs, ListCommitments(*ctx.db, cf));
  body += "<h2>Commitments (" + std::to_string(cs->rows.size()) + ")</h2>" +
          CommitmentsTable(*cs, pdf);
  body += "<h2>Themes (" + std::to_string(d->themes.rows.size()) + ")</h2>" +
          ThemesTable(d->themes, pdf, Cell(doc, r, "country"));
  body += "<h2>Entities</h2>" + RowsTable(d->entities, "entities");
  body += "<h2>Pages</h2>" + PagesTable(d->pages, pdf);
  body += "</section></main>";
  return HtmlPage(200, title, body);
}

HttpResponse CommitmentPage(ServeContext& ctx, const HttpRequest& request,
                            const std::string& key) {
  PAGE_TRY(p, Params::Read(request, {}, ctx.options->max_param_bytes));
  if (!IsCommitmentKey(key))
    return HtmlError(
        ctx, InvalidArgument("a commitment_key is a doc_key, '-c' and a "
                             "number"));
  PAGE_TRY(c, GetCommitment(*ctx.db, key));
  const Table& t = c->commitment;
  const auto& r = t.rows[0];
  std::string title = Cell(t, r, "title");
  if (title.empty()) title = "Commitment " + Cell(t, r, "number");
  const std::string doc_key = Cell(t, r, "doc_key");
  const std::string pdf = OpenSource(ctx, doc_key).ok()
                              ? "/documents/" + Url(doc_key) + "/pdf"
                              : "";
  std::string body =
      "<main><section><h1 id=\"title\">" + Html(Cell(t, r, "number")) + " " +
      Html(title) + "</h1><p class=\"meta\">in <a href=\"/documents/" +
      Url(doc_key) + "\">" + Html(Cell(t, r, "document")) + "</a>, " +
      PdfLink(
          pdf, Cell(t, r, "first_page"),
          "pages " + Cell(t, r, "first_page") + "–" + Cell(t, r, "last_page")) +
      " · <a href=\"/api/commitments/" + Url(key) + "\">JSON</a></p>" +
      FieldsTable(t, r, {"title", "document"});
  const std::string assesses = Cell(t, r, "assesses");
  if (!assesses.empty())
    body += "<p id=\"assesses\">Assesses <a href=\"/commitments/" +
            Url(assesses) + "\">" + Html(assesses) + "</a></p>";
  body += "<h2>Milestones (" + std::to_string(c->milestones.rows.size()) +
          ")</h2><ol id=\"milestones\">";
  for (const auto& m : c->milestones.rows) {
    const std::string due = Cell(c->milestones, m, "due");
    body +=
        "<li>" + Html(Cell(c->milestones, m, "text")) +
        (due.empty() ? ""
                     : " <span class=\"meta\">due " + Html(due) + "</span>") +
        "</li>";
  }
  body +=
      "</ol><h2>Themes</h2><table id=\"themes\"><tr><th>theme</th>"
      "<th>score</th><th>the words that matched</th></tr>";
  for (const auto& th : c->themes.rows) {
    std::string label = Cell(c->themes, th, "label");
    if (label.empty()) label = Cell(c->themes, th, "theme");
    body += "<tr><td title=\"" + Html(Cell(c->themes, th, "theme")) + "\">" +
            Html(label) + "</td><td>" + Html(Cell(c->themes, th, "score")) +
            "</td><td>" + Html(Cell(c->themes, th, "evidence")) + "</td></tr>";
  }
  body += "</table><h2>IRM assessment</h2>";
  if (c->assessed_by.rows.empty())
    body += "<p id=\"assessment\">none linked</p>";
  for (const auto& a : c->assessed_by.rows)
    body += "<p class=\"assessment\"><a href=\"/commitments/" +
            Url(Cell(c->assessed_by, a, "commitment_key")) + "\">" +
            Html(Cell(c->assessed_by, a, "document")) + "</a>, unit " +
            Html(Cell(c->assessed_by, a, "number")) + ": completion " +
            Html(Cell(c->assessed_by, a, "completion")) + "</p>";
  for (const auto& s : c->sections.rows)
    body += "<h2>" + Html(Cell(c->sections, s, "name")) +
            "</h2><p class=\"section\">" + Html(Cell(c->sections, s, "text")) +
            "</p>";
  body += "</section></main>";
  return HtmlPage(200, title, body);
}

}  // namespace planmine::serve_internal
