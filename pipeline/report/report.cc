#include "pipeline/report/report.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>

#include "pipeline/query/query.h"

namespace planmine {
namespace {

std::string Esc(const std::string& s) {
  std::string o;
  o.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        o += "&amp;";
        break;
      case '<':
        o += "&lt;";
        break;
      case '>':
        o += "&gt;";
        break;
      case '"':
        o += "&quot;";
        break;
      case '\'':
        o += "&#39;";
        break;
      default:
        o += c;
    }
  }
  return o;
}

// A file path as a file:// URL to the page (PDF viewers honour #page=N).
std::string SourceUrl(const std::string& path, const std::string& page) {
  std::error_code ec;
  std::string abs = std::filesystem::absolute(path, ec).lexically_normal();
  std::string url = "file://";
  for (unsigned char c : abs) {
    if (isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~')
      url += static_cast<char>(c);
    else {
      char b[4];
      snprintf(b, sizeof b, "%%%02X", c);
      url += b;
    }
  }
  return url + "#page=" + page;
}

// White to deep blue by share 0..1.
std::string Heat(double share) {
  share = std::clamp(share, 0.0, 1.0);
  int r = static_cast<int>(255 - share * (255 - 31));
  int g = static_cast<int>(255 - share * (255 - 78));
  int b = static_cast<int>(255 - share * (255 - 140));
  char buf[32];
  snprintf(buf, sizeof buf, "#%02x%02x%02x", r, g, b);
  return buf;
}

const char* kStyle = R"CSS(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1280px;color:#1b1f24;padding:0 16px}
h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
.meta{color:#57606a;margin:0 0 12px} .note{color:#57606a;font-size:12px}
.kpis{display:flex;gap:12px;flex-wrap:wrap} .kpi{border:1px solid #d0d7de;border-radius:6px;padding:8px 14px;min-width:110px}
.kpi b{display:block;font-size:20px}
table{border-collapse:collapse} th,td{border:1px solid #d0d7de;padding:4px 6px;vertical-align:top}
th{background:#f6f8fa;text-align:left;font-weight:600}
.heat td.c{text-align:center;min-width:34px;font-variant-numeric:tabular-nums}
.heat th.v{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-weight:500;padding:6px 2px}
.bar{background:#1f4e8c;height:12px;display:inline-block;vertical-align:middle;margin-right:6px}
#commitments td{font-size:13px} #commitments td.t{max-width:420px}
#commitments td.src{white-space:nowrap;max-width:190px;overflow:hidden;text-overflow:ellipsis}
input#q{font-size:15px;padding:6px 10px;width:420px;border:1px solid #8c959f;border-radius:6px}
.tag{display:inline-block;background:#ddf4ff;border-radius:10px;padding:0 7px;margin:1px;font-size:12px}
.lvl-complete{color:#1a7f37;font-weight:600}.lvl-substantial{color:#4d7c0f}.lvl-limited{color:#9a6700}.lvl-not_started{color:#cf222e}
)CSS";

// The filter: every word of the box must occur in the row (accents, case
// ignored). Rows that fail get the hidden attribute; a count says how many
// remain.
const char* kScript = R"JS(
(function(){
  const fold = s => s.normalize('NFD').replace(/[\u0300-\u036f]/g,'').toLowerCase();
  const box = document.getElementById('q');
  const rows = Array.from(document.querySelectorAll('#commitments tbody tr'));
  rows.forEach(r => r.dataset.text = fold(r.textContent));
  const count = document.getElementById('shown');
  function apply(){
    const words = fold(box.value).split(/\s+/).filter(Boolean);
    let n = 0;
    rows.forEach(r => {
      const ok = words.every(w => r.dataset.text.includes(w));
      r.hidden = !ok; if (ok) n++;
    });
    count.textContent = n + ' of ' + rows.length + ' commitments';
  }
  box.addEventListener('input', apply);
  const m = location.hash.match(/[#&]q=([^&]*)/);
  if (m) box.value = decodeURIComponent(m[1].replace(/\+/g,' '));
  apply();
})();
)JS";

}  // namespace

Result<std::string> RenderReport(Db& db, const std::string& index_path) {
  auto docs = db.Prepare(
      "SELECT count(*), count(DISTINCT country), sum(status = 'ok'), "
      "(SELECT count(*) FROM plan_commitments), "
      "(SELECT count(*) FROM sentences) FROM documents");
  if (!docs.ok()) return docs.status();
  std::string n_docs, n_countries, n_ok, n_commitments, n_sentences;
  if (docs->Step()) {
    n_docs = docs->Text(0);
    n_countries = docs->Text(1);
    n_ok = docs->Text(2);
    n_commitments = docs->Text(3);
    n_sentences = docs->Text(4);
  }
  docs->Reset();
  std::map<std::string, std::string> theme_label;
  {
    auto t = db.Prepare("SELECT id, label_en FROM themes");
    if (!t.ok()) return t.status();
    while (t->Step()) theme_label[t->Text(0)] = t->Text(1);
  }
  CompareOptions co;  // country × theme, commitments
  auto m = Compare(db, co);
  if (!m.ok()) return m.status();

  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
       "<meta name=\"viewport\" content=\"width=device-width, "
       "initial-scale=1\"><title>planmine report</title><style>";
  h += kStyle;
  h += "</style></head><body>\n";
  char when[64];
  std::time_t now = std::time(nullptr);
  std::strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
  h += "<h1>Open-government commitments</h1><p class=\"meta\">planmine "
       "report of <code>" +
       Esc(index_path) + "</code>, " + when + "</p>\n";
  h += "<div class=\"kpis\">";
  for (const auto& [v, l] : std::vector<std::pair<std::string, std::string>>{
           {n_docs, "documents"},
           {n_ok, "with text"},
           {n_countries, "countries"},
           {n_commitments, "commitments"},
           {n_sentences, "sentences"}})
    h += "<div class=\"kpi\"><b>" + Esc(v) + "</b>" + l + "</div>";
  h += "</div>\n";

  // Heatmap.
  h += "<h2 id=\"heatmap\">Commitments by country and theme</h2>\n";
  h += "<p class=\"note\">Each cell: commitments of the country tagged with "
       "the theme; the darker, the larger their share of the country's "
       "commitments (the darkest is the largest share in the table).</p>\n";
  double top_share = 0;
  for (const auto& [rc, n] : m->cells) {
    int64_t tot =
        m->row_totals.count(rc.first) ? m->row_totals.at(rc.first) : 0;
    if (tot) top_share = std::max(top_share, static_cast<double>(n) / tot);
  }
  h += "<table class=\"heat\"><thead><tr><th>country</th>";
  for (const std::string& c : m->col_keys)
    h += "<th class=\"v\" title=\"" + Esc(c) + "\">" +
         Esc(theme_label.count(c) ? theme_label[c] : c) + "</th>";
  h += "<th>commitments</th></tr></thead><tbody>\n";
  for (const std::string& r : m->row_keys) {
    int64_t tot = m->row_totals.count(r) ? m->row_totals.at(r) : 0;
    h += "<tr><th>" + Esc(r) + "</th>";
    for (const std::string& c : m->col_keys) {
      auto it = m->cells.find({r, c});
      int64_t n = it == m->cells.end() ? 0 : it->second;
      double share = tot ? static_cast<double>(n) / tot : 0;
      double shade = top_share > 0 ? share / top_share : 0;
      char pct[16];
      snprintf(pct, sizeof pct, "%.0f%%", 100 * share);
      h += "<td class=\"c\" style=\"background:" + Heat(shade) +
           (shade > 0.55 ? ";color:#fff" : "") + "\" title=\"" + Esc(r) +
           " · " + Esc(c) + ": " + std::to_string(n) + " (" + pct + ")\">" +
           (n ? std::to_string(n) : "") + "</td>";
    }
    h += "<td>" + std::to_string(tot) + "</td></tr>\n";
  }
  h += "</tbody></table>\n";

  // Commitments per country and cycle.
  h += "<h2 id=\"cycles\">Commitments per country and plan cycle</h2>\n";
  auto cyc = db.Prepare(
      "SELECT coalesce(d.country, '?'), coalesce(d.plan_cycle, '?'), "
      "d.doc_type, count(*) FROM plan_commitments c JOIN documents d ON d.id "
      "= c.doc_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
  if (!cyc.ok()) return cyc.status();
  std::vector<std::vector<std::string>> cyc_rows;
  int64_t max_n = 1;
  while (cyc->Step()) {
    cyc_rows.push_back(
        {cyc->Text(0), cyc->Text(1), cyc->Text(2), cyc->Text(3)});
    max_n = std::max<int64_t>(max_n, cyc->Int(3));
  }
  h += "<table><thead><tr><th>country</th><th>cycle</th><th>document "
       "type</th><th>commitments</th></tr></thead><tbody>\n";
  for (const auto& r : cyc_rows) {
    int64_t n = std::stoll(r[3]);
    h += "<tr><td>" + Esc(r[0]) + "</td><td>" + Esc(r[1]) + "</td><td>" +
         Esc(r[2]) + "</td><td><span class=\"bar\" style=\"width:" +
         std::to_string(200 * n / max_n) + "px\"></span>" + r[3] +
         "</td></tr>\n";
  }
  h += "</tbody></table>\n";

  // The commitments table.
  h += "<h2 id=\"list\">Commitments</h2>\n";
  h += "<p><input id=\"q\" type=\"search\" placeholder=\"Filter: words of "
       "the title, agency, country, theme… (accents optional)\" "
       "autocomplete=\"off\"> <span id=\"shown\" class=\"note\"></span></p>\n";
  auto rows = db.Prepare(
      "SELECT coalesce(d.country, ''), coalesce(d.plan_cycle, ''), "
      "d.doc_type, c.number, c.title, coalesce(c.lead_agency, ''), "
      "coalesce(c.end_date, ''), coalesce(c.completion, ''), "
      "(SELECT group_concat(theme_id, ' ') FROM commitment_themes t WHERE "
      "t.commitment_id = c.id), d.path, c.first_page, d.title FROM "
      "commitments c JOIN documents d ON d.id = c.doc_id WHERE c.kind <> "
      "'statement' ORDER BY d.country, d.plan_cycle, d.path, c.seq");
  if (!rows.ok()) return rows.status();
  h += "<table id=\"commitments\"><thead><tr><th>country</th><th>cycle</th>"
       "<th>type</th><th>no.</th><th>title</th><th>lead agency</th>"
       "<th>end</th><th>completion</th><th>themes</th><th>source</th></tr>"
       "</thead><tbody>\n";
  while (rows->Step()) {
    std::string themes;
    std::string ids = rows->Text(8);
    size_t p = 0;
    while (p < ids.size()) {
      size_t q = ids.find(' ', p);
      if (q == std::string::npos) q = ids.size();
      std::string id = ids.substr(p, q - p);
      if (!id.empty())
        themes += "<span class=\"tag\" title=\"" + Esc(id) + "\">" +
                  Esc(theme_label.count(id) ? theme_label[id] : id) + "</span>";
      p = q + 1;
    }
    std::string lvl = rows->Text(7);
    std::string page = rows->Text(10);
    h += "<tr><td>" + Esc(rows->Text(0)) + "</td><td>" + Esc(rows->Text(1)) +
         "</td><td>" + Esc(rows->Text(2)) + "</td><td>" + Esc(rows->Text(3)) +
         "</td><td class=\"t\">" + Esc(rows->Text(4)) + "</td><td>" +
         Esc(rows->Text(5)) + "</td><td>" + Esc(rows->Text(6)) +
         "</td><td class=\"lvl-" + Esc(lvl) + "\">" + Esc(lvl) + "</td><td>" +
         themes + "</td><td class=\"src\"><a href=\"" +
         Esc(SourceUrl(rows->Text(9), page)) + "\" title=\"" +
         Esc(rows->Text(11)) + "\">" + "p." + Esc(page) + " " +
         Esc(std::filesystem::path(rows->Text(9)).stem().string()) +
         "</a></td></tr>\n";
  }
  h += "</tbody></table>\n";
  h += "<p class=\"note\">Made by planmine from the index; the figures are "
       "what the pattern packs found (see docs/evaluation.md for how well "
       "they do).</p>\n<script>";
  h += kScript;
  h += "</script>\n</body></html>\n";
  return h;
}

}  // namespace planmine
