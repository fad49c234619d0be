#include "pipeline/report/report.h"

#include <string>

#include "pipeline/load/store.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
namespace {

// An index of five documents under DIR/corpus, none of them read:
//   MX plan 2019-2021 (10 commitments, 4 on open data), its summary edition
//   (2, not counted), an MX IRM report (1 assessed, not counted), a CL plan
//   (1 commitment, on open data: 1 of 1) and a BR IRM report (none).
void Fill(Db& db, const std::string& corpus) {
  std::string sql =
      "INSERT INTO themes(id, label_en, label_es, label_pt) VALUES "
      "('open_data', 'Open data', 'Datos abiertos', 'Dados abertos'), "
      "('fiscal', 'Fiscal openness', 'Apertura fiscal', 'Abertura fiscal');"
      "INSERT INTO documents(id, path, sha256, size, mtime, kind, status, "
      "title, country, doc_type, plan_cycle, year, language, page_count, "
      "ingested_at) VALUES "
      "(1, '" +
      corpus +
      "/MX/plan 2019.pdf', 'a', 1, 1, 'pdf', 'ok', "
      "'Cuarto Plan de Acción', 'MX', 'action_plan', '2019-2021', 2019, "
      "'es', 40, 'now'),"
      "(2, '" +
      corpus +
      "/MX/resumen.pdf', 'b', 1, 1, 'pdf', 'ok', "
      "'Resumen del plan', 'MX', 'action_plan', '2019-2021', 2019, 'es', "
      "8, 'now'),"
      "(3, '" +
      corpus +
      "/MX/irm.pdf', 'c', 1, 1, 'pdf', 'ok', "
      "'IRM Mexico', 'MX', 'irm_report', '2019-2021', 2022, 'en', 60, "
      "'now'),"
      "(4, '" +
      corpus +
      "/CL/plan.pdf', 'd', 1, 1, 'pdf', 'ok', "
      "'Plan de Chile', 'CL', 'action_plan', '2020-2022', 2020, 'es', 20, "
      "'now'),"
      "(5, '" +
      corpus +
      "/BR/irm.pdf', 'e', 1, 1, 'pdf', 'no_text', "
      "NULL, 'BR', 'irm_report', NULL, 2021, NULL, 3, 'now');"
      "INSERT INTO document_themes(doc_id, theme_id, mentions) VALUES "
      "(5, 'fiscal', 2);";
  int id = 0;
  auto add = [&](int doc, int page, const std::string& theme) {
    ++id;
    sql +=
        "INSERT INTO commitments(id, doc_id, seq, kind, number, title, "
        "first_page, last_page, text, pattern_id) VALUES (" +
        std::to_string(id) + ", " + std::to_string(doc) + ", " +
        std::to_string(id) + ", 'heading', '" + std::to_string(id) +
        "', 'Compromiso " + std::to_string(id) + "', " + std::to_string(page) +
        ", " + std::to_string(page) + ", '', 'p');";
    if (!theme.empty())
      sql += "INSERT INTO commitment_themes(commitment_id, theme_id) VALUES (" +
             std::to_string(id) + ", '" + theme + "');";
  };
  for (int i = 0; i < 10; ++i) add(1, 3 + i, i < 4 ? "open_data" : "");
  add(2, 1, "open_data");
  add(2, 2, "");
  add(3, 5, "open_data");
  add(4, 7, "open_data");
  REQUIRE(db.Exec(sql).ok());
}

struct Fixture {
  testing::TempDir dir;
  std::unique_ptr<Store> store;
  Fixture() {
    auto s = Store::Open(dir.File("i.sqlite"));
    REQUIRE(s.ok());
    store = std::move(*s);
    Fill(store->db(), dir.File("corpus"));
  }
  std::string Render(ReportOptions o) {
    o.generated_at = "2026-12-01 21:00 UTC";
    auto html = RenderReport(store->db(), o);
    REQUIRE(html.ok());
    return *html;
  }
};

bool Has(const std::string& html, const std::string& s) {
  return html.find(s) != std::string::npos;
}

// The <tr …> element whose attributes contain `attrs`, up to its </tr>.
std::string Row(const std::string& html, const std::string& table_id,
                const std::string& attrs) {
  size_t t = html.find("id=\"" + table_id + "\"");
  REQUIRE(t != std::string::npos);
  size_t r = html.find(attrs, t);
  REQUIRE(r != std::string::npos);
  size_t b = html.rfind("<tr", r);
  return html.substr(b, html.find("</tr>", r) - b);
}

}  // namespace

TEST_CASE("Report: links are relative to the page, never absolute paths",
          "[report]") {
  Fixture f;
  ReportOptions o;
  o.out_path = f.dir.File("site/report.html");
  o.index_name = f.dir.File("i.sqlite");
  const std::string html = f.Render(o);
  CHECK_FALSE(Has(html, "file://"));
  CHECK_FALSE(Has(html, f.dir.path()));  // nor the index's folder
  CHECK(Has(html, "report of <code>i.sqlite</code>, 2026-12-01 21:00 UTC"));
  // From DIR/site to DIR/corpus, the space encoded.
  CHECK(Has(html, "href=\"../corpus/MX/plan%202019.pdf#page=3\""));
  CHECK(Has(html, "href=\"../corpus/CL/plan.pdf#page=7\""));
  // A document's title links to its first page.
  CHECK(Has(html,
            "<a href=\"../corpus/MX/plan%202019.pdf#page=1\">Cuarto "
            "Plan de Acción</a>"));
  // Next to the documents: links without a folder.
  o.out_path = f.dir.File("corpus/MX/r.html");
  CHECK(Has(f.Render(o), "href=\"plan%202019.pdf#page=3\""));
}

TEST_CASE("Report: --link-base puts links under a URL", "[report]") {
  Fixture f;
  ReportOptions o;
  o.out_path = f.dir.File("site/report.html");
  o.link_base = "https://example.org/ogp";
  const std::string html = f.Render(o);
  // The root is the deepest folder holding every document: DIR/corpus.
  auto root = DocumentsRoot(f.store->db());
  REQUIRE(root.ok());
  CHECK(*root == f.dir.File("corpus"));
  CHECK(
      Has(html, "href=\"https://example.org/ogp/MX/plan%202019.pdf#page=3\""));
  CHECK_FALSE(Has(html, f.dir.path()));
  CHECK_FALSE(Has(html, "../"));
  o.link_root = f.dir.File("corpus/MX");
  o.link_base = "https://example.org/mx/";
  auto outside = RenderReport(f.store->db(), o);
  REQUIRE_FALSE(outside.ok());
  CHECK(outside.status().message() ==
        f.dir.File("corpus") + "/BR/irm.pdf: not under the link root " +
            f.dir.File("corpus/MX") + " (set --link-root)");
  o.link_root = f.dir.File("corpus") + "/";
  CHECK(Has(f.Render(o), "href=\"https://example.org/mx/CL/plan.pdf#page=7\""));
}

TEST_CASE(
    "Report: heatmap counts plan commitments, every country, honest shade",
    "[report]") {
  Fixture f;
  const std::string html = f.Render(ReportOptions{});
  // Country names, the code beside them.
  std::string mx = Row(html, "heatmap", "data-key=\"MX\"");
  CHECK(Has(mx, "<th>Mexico <span class=\"code\">MX</span></th>"));
  // n: the plan's 10, not its summary's 2 nor the IRM's assessment.
  CHECK(Has(mx, "<td class=\"n\">10</td>"));
  CHECK(Has(mx,
            "title=\"Mexico · Open data: 4 of 10 commitments (40%)\"><a "
            "href=\"#q=country:MX+theme:open_data+is:counted\">4<small>"
            "40%</small></a>"));
  CHECK(Has(mx, "style=\"background:#"));  // n = 10: shaded
  // Chile: 1 of 1 is 100 %, shown with its n, and not shaded.
  std::string cl = Row(html, "heatmap", "data-key=\"CL\"");
  CHECK(Has(cl, "class=\"few\""));
  CHECK(Has(cl, "<td class=\"n\">1</td>"));
  CHECK(Has(cl, "1 of 1 commitments (100%)"));
  CHECK_FALSE(Has(cl, "style="));
  // Brazil has documents and no plan: its row, zeros.
  std::string br = Row(html, "heatmap", "data-key=\"BR\"");
  CHECK(Has(br, "<th>Brazil <span class=\"code\">BR</span></th>"));
  CHECK(Has(br, "<td class=\"n\">0</td>"));
  CHECK_FALSE(Has(br, "<a "));
  // Every theme a column, fiscal too (no commitment has it).
  CHECK(Has(html, "<th class=\"v\" data-theme=\"fiscal\""));
  // Cycle × theme, the cycle in the cell's filter.
  std::string cy = Row(html, "cycle-heatmap", "data-key=\"2019-2021\"");
  CHECK(Has(cy, "<td class=\"n\">10</td>"));
  CHECK(Has(cy, "href=\"#q=cycle:2019-2021+theme:open_data+is:counted\""));
  CHECK(Has(html, "<tr data-key=\"?\" data-label=\"no cycle\""));
  // Per country and cycle: the plans, zeros included, counted once.
  CHECK(Has(Row(html, "cycle-counts", "data-country=\"MX\""),
            "<span class=\"k\">10</span>"));
}

TEST_CASE("Report: every document listed, with names and filter data",
          "[report]") {
  Fixture f;
  const std::string html = f.Render(ReportOptions{});
  CHECK(Has(html, "<span id=\"documents-shown\">5 documents</span>"));
  std::string plan = Row(html, "documents-table", "data-country=\"MX\"");
  for (const char* cell :
       {"Cuarto Plan de Acción</a>", "<td>Mexico</td>", "<td>action_plan</td>",
        "<td>2019-2021</td>", "<td>2019</td>", "<td>es</td>", "<td>40</td>",
        "<td>10</td>"})
    CHECK(Has(plan, cell));
  CHECK(Has(plan, "data-counted=\"1\""));
  CHECK(
      Has(html, "<td>2 <span class=\"st\">other edition, not counted</span>"));
  // Brazil's report: no text, no title (its file name), its theme mention.
  std::string br = Row(html, "documents-table", "data-country=\"BR\"");
  CHECK(Has(br, ">irm.pdf</a> <span class=\"st\">no text</span>"));
  CHECK(Has(br, "data-name=\"Brazil\""));
  CHECK(Has(br, "data-themes=\"fiscal\""));
  // The names the filter's country: takes, for the countries of the page.
  const size_t names = html.find("id=\"country-names\">");
  REQUIRE(names != std::string::npos);
  CHECK(html.substr(names, html.find("</script>", names) - names) ==
        "id=\"country-names\">{\"BR\": [\"Brazil\", \"Brasil\", \"Brasil\"], "
        "\"CL\": [\"Chile\", \"Chile\", \"Chile\"], "
        "\"MX\": [\"Mexico\", \"México\", \"México\"]}");
  // The commitments: 14 rows, 11 counted.
  CHECK(Has(html, "<span id=\"commitments-shown\">14 commitments</span>"));
  size_t counted = 0, p = 0;
  while ((p = html.find("data-counted=\"1\"><td>", p)) != std::string::npos)
    ++counted, ++p;
  CHECK(counted == 11);
  // Without JavaScript nothing is hidden.
  // Without JavaScript nothing is hidden but the button that clears the
  // filter.
  const std::string body = html.substr(0, html.find("<script>"));
  size_t hidden = 0;
  for (p = body.find(" hidden"); p != std::string::npos;
       p = body.find(" hidden", p + 1))
    ++hidden;
  CHECK(hidden == 1);
  CHECK(Has(body, "<button id=\"clear\" type=\"button\" hidden>"));
  CHECK(Has(html, "<a href=\"#documents\">documents</a>"));
}

TEST_CASE("Report: UrlPath encodes what a URL path cannot hold", "[report]") {
  CHECK(UrlPath("a b/é#1?.pdf") == "a%20b/%C3%A9%231%3F.pdf");
  CHECK(UrlPath("MX/Plan_2019-2021~v2.pdf") == "MX/Plan_2019-2021~v2.pdf");
}

}  // namespace planmine
