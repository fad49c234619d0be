#include "pipeline/report/report.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <vector>

#include "pipeline/core/countries.h"
#include "pipeline/core/html_escape.h"
#include "pipeline/query/query.h"

namespace planmine {
namespace {

namespace fs = std::filesystem;

// A heatmap row of fewer commitments than this is not shaded: its shares are
// printed, with their n, but too uncertain to compare by colour (1 of 1 is
// 100 %). Kept equal to MIN_SHADE_N in kScript.
constexpr int64_t kMinShadeN = 10;

std::string Esc(const std::string& s) { return HtmlEscape(s); }

// Percent-encodes every byte not in [A-Za-z0-9] or `keep`.
std::string Percent(const std::string& s, const char* keep) {
  std::string o;
  for (unsigned char c : s) {
    if (isalnum(c) || (c && strchr(keep, c))) {
      o += static_cast<char>(c);
    } else {
      char b[4];
      snprintf(b, sizeof b, "%%%02X", c);
      o += b;
    }
  }
  return o;
}

// The page's address fragment that sets the filter to `tokens`: each token
// encoded as kScript's enc() does, joined by '+'.
std::string FilterHref(const std::vector<std::string>& tokens) {
  std::string h = "#q=";
  for (size_t i = 0; i < tokens.size(); ++i)
    h += (i ? "+" : "") + Percent(tokens[i], "-_.~:");
  return h;
}

// White to deep blue, 0..1. Kept equal to shade() in kScript.
std::string Shade(double x) {
  x = std::clamp(x, 0.0, 1.0);
  int r = static_cast<int>(255 - x * (255 - 31));
  int g = static_cast<int>(255 - x * (255 - 78));
  int b = static_cast<int>(255 - x * (255 - 140));
  char buf[32];
  snprintf(buf, sizeof buf, "#%02x%02x%02x", r, g, b);
  return buf;
}

// k of n as a whole percentage, half up (kScript's pct() does the same).
int64_t Pct(int64_t k, int64_t n) { return n ? (200 * k + n) / (2 * n) : 0; }

std::string CountryLabel(const std::string& code) {
  if (code == "?") return "unknown";
  return CountryName(code);
}

// Where a document's source link points: relative to the page's folder, or
// under a base URL (ReportOptions).
class Linker {
 public:
  static Result<Linker> Create(Db& db, const ReportOptions& o) {
    Linker l;
    std::error_code ec;
    if (o.link_base.empty()) {
      fs::path out =
          o.out_path.empty() ? fs::path("report.html") : fs::path(o.out_path);
      l.from_ = fs::absolute(out, ec).lexically_normal().parent_path();
      return l;
    }
    l.base_ = o.link_base;
    if (l.base_.back() != '/') l.base_ += '/';
    std::string root = o.link_root;
    if (root.empty()) {
      auto r = DocumentsRoot(db);
      if (!r.ok()) return r.status();
      root = *r;
    }
    l.from_ = fs::absolute(root, ec).lexically_normal();
    return l;
  }

  // The URL of page `page` of the document at `path`.
  Result<std::string> Href(const std::string& path, int64_t page) const {
    std::error_code ec;
    fs::path abs = fs::absolute(path, ec).lexically_normal();
    fs::path rel = abs.lexically_relative(from_);
    std::string r = rel.generic_string();
    if (!base_.empty() && (rel.empty() || r == ".." || r.rfind("../", 0) == 0))
      return InvalidArgument(path + ": not under the link root " +
                             from_.string() + " (set --link-root)");
    std::string url = base_ + Percent(r, "-_.~/");
    if (page > 0) url += "#page=" + std::to_string(page);
    return url;
  }

 private:
  fs::path from_;     // the folder links are relative to
  std::string base_;  // "" or the base URL, ending in '/'
};

struct Doc {
  int64_t id = 0;
  std::string path, title, country, type, cycle, year, language, pages, status,
      themes;
  int64_t commitments = 0;
  bool counted = false;  // the standing edition of an action plan
  std::string href;      // to page 1
};

struct Commitment {
  std::string country, cycle, type, number, title, agency, end, completion,
      themes, doc_title, path;
  int64_t page = 0;
  bool counted = false;  // in plan_commitments
  std::string href;
};

// A document row's or commitment row's data-* attributes, read by kScript's
// field filters and counts.
std::string DataAttrs(const std::string& country, const std::string& cycle,
                      const std::string& type, const std::string& themes,
                      bool counted) {
  return " data-country=\"" + Esc(country) + "\" data-name=\"" +
         Esc(CountryLabel(country)) + "\" data-cycle=\"" + Esc(cycle) +
         "\" data-type=\"" + Esc(type) + "\" data-themes=\"" + Esc(themes) +
         "\" data-counted=\"" + (counted ? "1" : "0") + "\"";
}

Result<std::vector<Doc>> LoadDocs(Db& db, const Linker& links) {
  auto s = db.Prepare(
      "SELECT d.id, d.path, coalesce(d.title, ''), coalesce(d.country, '?'), "
      "coalesce(d.doc_type, ''), coalesce(d.plan_cycle, '?'), "
      "coalesce(CAST(d.year AS TEXT), ''), coalesce(d.language, ''), "
      "coalesce(CAST(d.page_count AS TEXT), ''), d.status, d.kind = 'pdf', "
      "coalesce((SELECT group_concat(theme_id, ' ') FROM (SELECT theme_id "
      "FROM document_themes h WHERE h.doc_id = d.id ORDER BY theme_id)), ''), "
      "(SELECT count(*) FROM commitments c WHERE c.doc_id = d.id AND c.kind "
      "<> 'statement'), d.id IN (SELECT canonical_id FROM plan_editions) "
      "FROM documents d WHERE d.missing_since IS NULL "
      "ORDER BY d.country, d.plan_cycle, d.doc_type, d.path");
  if (!s.ok()) return s.status();
  std::vector<Doc> docs;
  while (s->Step()) {
    Doc d;
    d.id = s->Int(0);
    d.path = s->Text(1);
    d.title = s->Text(2);
    d.country = s->Text(3);
    d.type = s->Text(4);
    d.cycle = s->Text(5);
    d.year = s->Text(6);
    d.language = s->Text(7);
    d.pages = s->Text(8);
    d.status = s->Text(9);
    const bool pdf = s->Int(10) != 0;
    d.themes = s->Text(11);
    d.commitments = s->Int(12);
    d.counted = s->Int(13) != 0;
    auto href = links.Href(d.path, pdf ? 1 : 0);
    if (!href.ok()) return href.status();
    d.href = *href;
    docs.push_back(std::move(d));
  }
  PLANMINE_RETURN_IF_ERROR(s->status());
  return docs;
}

Result<std::vector<Commitment>> LoadCommitments(Db& db, const Linker& links) {
  auto s = db.Prepare(
      "SELECT coalesce(d.country, '?'), coalesce(d.plan_cycle, '?'), "
      "coalesce(d.doc_type, ''), coalesce(c.number, ''), c.title, "
      "coalesce(c.lead_agency, ''), coalesce(c.end_date, ''), "
      "coalesce(c.completion, ''), coalesce((SELECT group_concat(theme_id, ' "
      "') FROM (SELECT theme_id FROM commitment_themes t WHERE "
      "t.commitment_id = c.id ORDER BY theme_id)), ''), "
      "coalesce(d.title, ''), d.path, CASE WHEN d.kind = 'pdf' THEN "
      "c.first_page ELSE 0 END, c.id IN (SELECT id FROM plan_commitments) "
      "FROM commitments c JOIN documents d ON d.id = c.doc_id "
      "WHERE c.kind <> 'statement' AND d.missing_since IS NULL "
      "ORDER BY d.country, d.plan_cycle, d.path, c.seq");
  if (!s.ok()) return s.status();
  std::vector<Commitment> out;
  while (s->Step()) {
    Commitment c;
    c.country = s->Text(0);
    c.cycle = s->Text(1);
    c.type = s->Text(2);
    c.number = s->Text(3);
    c.title = s->Text(4);
    c.agency = s->Text(5);
    c.end = s->Text(6);
    c.completion = s->Text(7);
    c.themes = s->Text(8);
    c.doc_title = s->Text(9);
    c.path = s->Text(10);
    c.page = s->Int(11);
    c.counted = s->Int(12) != 0;
    auto href = links.Href(c.path, c.page);
    if (!href.ok()) return href.status();
    c.href = *href;
    out.push_back(std::move(c));
  }
  PLANMINE_RETURN_IF_ERROR(s->status());
  return out;
}

// Theme ids in id order, with their English labels.
Result<std::vector<std::pair<std::string, std::string>>> LoadThemes(Db& db) {
  auto t = db.Prepare("SELECT id, label_en FROM themes ORDER BY id");
  if (!t.ok()) return t.status();
  std::vector<std::pair<std::string, std::string>> themes;
  while (t->Step()) themes.emplace_back(t->Text(0), t->Text(1));
  PLANMINE_RETURN_IF_ERROR(t->status());
  return themes;
}

// A heatmap: rows (countries or cycles) × themes of plan commitments.
struct HeatSpec {
  std::string key;    // "country" | "cycle": the rows and the filter field
  std::string title;  // the section heading
  std::string id;     // the section's anchor
  std::vector<std::string> rows;
  std::map<std::pair<std::string, std::string>, int64_t> cells;
  std::map<std::string, int64_t> totals;  // every counted commitment
};

std::string RowLabel(const std::string& key, const std::string& value) {
  if (key == "country") return CountryLabel(value);
  return value == "?" ? "no cycle" : value;
}

std::string RenderHeat(
    const HeatSpec& h,
    const std::vector<std::pair<std::string, std::string>>& themes) {
  double top = 0;  // the largest share among shaded rows
  for (const auto& [rc, k] : h.cells) {
    auto t = h.totals.find(rc.first);
    if (t != h.totals.end() && t->second >= kMinShadeN)
      top = std::max(top, static_cast<double>(k) / t->second);
  }
  std::string o = "<h2 id=\"" + h.id + "\">" + Esc(h.title) + "</h2>\n";
  o += "<table class=\"heat\" data-key=\"" + h.key + "\"><thead><tr><th>" +
       h.key + "</th><th class=\"n\" title=\"commitments of the " + h.key +
       "'s action plans\">n</th>";
  for (const auto& [id, label] : themes)
    o += "<th class=\"v\" data-theme=\"" + Esc(id) + "\" title=\"" + Esc(id) +
         "\">" + Esc(label) + "</th>";
  o += "</tr></thead><tbody>\n";
  for (const std::string& r : h.rows) {
    auto t = h.totals.find(r);
    const int64_t n = t == h.totals.end() ? 0 : t->second;
    const std::string label = RowLabel(h.key, r);
    o += "<tr data-key=\"" + Esc(r) + "\" data-label=\"" + Esc(label) + "\"" +
         (n < kMinShadeN ? " class=\"few\"" : "") + "><th>" + Esc(label) +
         (h.key == "country" && r != "?"
              ? " <span class=\"code\">" + Esc(r) + "</span>"
              : "") +
         "</th><td class=\"n\">" + std::to_string(n) + "</td>";
    for (const auto& [id, tlabel] : themes) {
      auto c = h.cells.find({r, id});
      const int64_t k = c == h.cells.end() ? 0 : c->second;
      const std::string title = label + " · " + tlabel + ": " +
                                std::to_string(k) + " of " + std::to_string(n) +
                                " commitments";
      o += "<td class=\"c\" data-theme=\"" + Esc(id) + "\"";
      if (k == 0) {
        o += " title=\"" + Esc(title) + "\"></td>";
        continue;
      }
      const std::string pct = std::to_string(Pct(k, n)) + "%";
      if (n >= kMinShadeN && top > 0) {
        const double x = static_cast<double>(k) / n / top;
        o += " style=\"background:" + Shade(x) +
             (x > 0.55 ? ";color:#fff" : "") + "\"";
      }
      o += " title=\"" + Esc(title + " (" + pct + ")") + "\"><a href=\"" +
           Esc(FilterHref({h.key + ":" + r, "theme:" + id, "is:counted"})) +
           "\">" + std::to_string(k) + "<small>" + pct + "</small></a></td>";
    }
    o += "</tr>\n";
  }
  o += "</tbody></table>\n";
  return o;
}

// Commitments per country and cycle: every (country, cycle) of an action
// plan, zeros included, and any other pair with commitments counted.
std::string RenderCycles(const std::vector<Doc>& docs, const Matrix& cc) {
  std::set<std::pair<std::string, std::string>> pairs;
  for (const Doc& d : docs)
    if (d.type == "action_plan") pairs.insert({d.country, d.cycle});
  for (const auto& [rc, n] : cc.cells) pairs.insert(rc);
  int64_t top = 1;
  for (const auto& [rc, n] : cc.cells) top = std::max(top, n);
  std::string o =
      "<h2 id=\"cycles\">Commitments per country and plan cycle</h2>\n"
      "<table id=\"cycle-counts\"><thead><tr><th>country</th><th>cycle</th>"
      "<th>commitments</th></tr></thead><tbody>\n";
  for (const auto& [country, cycle] : pairs) {
    auto it = cc.cells.find({country, cycle});
    const int64_t n = it == cc.cells.end() ? 0 : it->second;
    o += "<tr data-country=\"" + Esc(country) + "\" data-name=\"" +
         Esc(CountryLabel(country)) + "\" data-cycle=\"" + Esc(cycle) +
         "\"><td>" + Esc(CountryLabel(country)) + "</td><td>" +
         Esc(RowLabel("cycle", cycle)) +
         "</td><td class=\"n\"><span class=\"bar\" style=\"width:" +
         std::to_string(200 * n / top) + "px\"></span><span class=\"k\">" +
         std::to_string(n) + "</span></td></tr>\n";
  }
  o += "</tbody></table>\n";
  return o;
}

std::string StatusNote(const std::string& status) {
  if (status == "ok") return "";
  return " <span class=\"st\">" +
         Esc(status == "no_text" ? std::string("no text") : status) + "</span>";
}

std::string RenderDocuments(const std::vector<Doc>& docs) {
  std::string o =
      "<h2 id=\"documents\">Documents</h2>\n<p class=\"note\"><span "
      "id=\"documents-shown\">" +
      std::to_string(docs.size()) +
      " documents</span>. Commitments: those found in the document; an "
      "action plan's other editions (a summary, a translation, a copy) are "
      "marked and not counted in the heatmaps. <code>theme:</code> in the "
      "filter keeps the documents that mention the theme.</p>\n"
      "<table id=\"documents-table\" class=\"filtered\" "
      "data-noun=\"documents\"><thead><tr><th>title</th><th>country</th>"
      "<th>type</th><th>cycle</th><th>year</th><th>language</th>"
      "<th>pages</th><th>commitments</th></tr></thead><tbody>\n";
  for (const Doc& d : docs) {
    std::string title =
        d.title.empty() ? fs::path(d.path).filename().string() : d.title;
    std::string n = std::to_string(d.commitments);
    if (d.type == "action_plan" && d.status == "ok" && !d.counted)
      n += " <span class=\"st\">other edition, not counted</span>";
    o += "<tr" + DataAttrs(d.country, d.cycle, d.type, d.themes, d.counted) +
         "><td class=\"t\"><a href=\"" + Esc(d.href) + "\">" + Esc(title) +
         "</a>" + StatusNote(d.status) + "</td><td>" +
         Esc(CountryLabel(d.country)) + "</td><td>" + Esc(d.type) +
         "</td><td>" + Esc(d.cycle == "?" ? "" : d.cycle) + "</td><td>" +
         Esc(d.year) + "</td><td>" + Esc(d.language) + "</td><td>" +
         Esc(d.pages) + "</td><td>" + n + "</td></tr>\n";
  }
  o += "</tbody></table>\n";
  return o;
}

std::string RenderCommitments(
    const std::vector<Commitment>& rows,
    const std::map<std::string, std::string>& theme_label) {
  std::string o =
      "<h2 id=\"list\">Commitments</h2>\n<p class=\"note\"><span "
      "id=\"commitments-shown\">" +
      std::to_string(rows.size()) +
      " commitments</span>. The commitments of action plans and the "
      "commitments IRM reports assess; the heatmaps count only those of each "
      "plan's standing edition (<code>is:counted</code>).</p>\n"
      "<table id=\"commitments\" class=\"filtered\" "
      "data-noun=\"commitments\"><thead><tr><th>country</th><th>cycle</th>"
      "<th>type</th><th>no.</th><th>title</th><th>lead agency</th>"
      "<th>end</th><th>completion</th><th>themes</th><th>source</th></tr>"
      "</thead><tbody>\n";
  for (const Commitment& c : rows) {
    std::string tags;
    size_t p = 0;
    while (p < c.themes.size()) {
      size_t q = c.themes.find(' ', p);
      if (q == std::string::npos) q = c.themes.size();
      const std::string id = c.themes.substr(p, q - p);
      auto l = theme_label.find(id);
      if (!id.empty())
        tags += "<span class=\"tag\" title=\"" + Esc(id) + "\">" +
                Esc(l == theme_label.end() ? id : l->second) + "</span>";
      p = q + 1;
    }
    std::string type = Esc(c.type);
    if (!c.counted && c.type == "action_plan")
      type += " <span class=\"st\">other edition</span>";
    o += "<tr" + DataAttrs(c.country, c.cycle, c.type, c.themes, c.counted) +
         (c.counted ? "" : " class=\"nc\"") + "><td>" +
         Esc(CountryLabel(c.country)) + "</td><td>" +
         Esc(c.cycle == "?" ? "" : c.cycle) + "</td><td>" + type + "</td><td>" +
         Esc(c.number) + "</td><td class=\"t\">" + Esc(c.title) + "</td><td>" +
         Esc(c.agency) + "</td><td>" + Esc(c.end) + "</td><td class=\"lvl-" +
         Esc(c.completion) + "\">" + Esc(c.completion) + "</td><td>" + tags +
         "</td><td class=\"src\"><a href=\"" + Esc(c.href) + "\" title=\"" +
         Esc(c.doc_title) + "\">" +
         (c.page > 0 ? "p." + std::to_string(c.page) + " " : "") +
         Esc(fs::path(c.path).stem().string()) + "</a></td></tr>\n";
  }
  o += "</tbody></table>\n";
  return o;
}

const char* kStyle = R"CSS(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto 24px;max-width:1280px;color:#1b1f24;padding:0 16px}
h1{font-size:22px;margin:24px 0 4px} h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
.meta{color:#57606a;margin:0 0 12px} .note{color:#57606a;font-size:12px;max-width:900px}
.kpis{display:flex;gap:12px;flex-wrap:wrap} .kpi{border:1px solid #d0d7de;border-radius:6px;padding:8px 14px;min-width:110px}
.kpi b{display:block;font-size:20px}
.filterbar{position:sticky;top:0;background:#fff;padding:10px 0;border-bottom:1px solid #d0d7de;z-index:2;margin-top:16px}
nav a{margin-right:12px;font-size:13px}
table{border-collapse:collapse} th,td{border:1px solid #d0d7de;padding:4px 6px;vertical-align:top}
th{background:#f6f8fa;text-align:left;font-weight:600}
.code{color:#57606a;font-weight:400;font-size:11px}
.heat td.c{text-align:center;min-width:38px;font-variant-numeric:tabular-nums;padding:2px}
.heat td.c a{color:inherit;text-decoration:none;display:block}
.heat td.c small{display:block;font-size:10px;opacity:.8}
.heat td.n{text-align:right;font-variant-numeric:tabular-nums;font-weight:600}
.heat tr.few td.c{color:#57606a;background-image:repeating-linear-gradient(45deg,transparent 0 6px,#f0f0f0 6px 7px)}
.heat th.v{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-weight:500;padding:6px 2px}
#cycle-counts td.n{white-space:nowrap;font-variant-numeric:tabular-nums}
.bar{background:#1f4e8c;height:12px;display:inline-block;vertical-align:middle;margin-right:6px}
#commitments td,#documents-table td{font-size:13px} td.t{max-width:420px}
#commitments td.src{white-space:nowrap;max-width:190px;overflow:hidden;text-overflow:ellipsis}
#commitments tr.nc td{color:#57606a}
.st{display:inline-block;background:#fff8c5;border-radius:10px;padding:0 6px;font-size:11px;color:#57606a}
input#q{font-size:15px;padding:6px 10px;width:min(620px,80vw);border:1px solid #8c959f;border-radius:6px}
.tag{display:inline-block;background:#ddf4ff;border-radius:10px;padding:0 7px;margin:1px;font-size:12px}
.lvl-complete{color:#1a7f37;font-weight:600}.lvl-substantial{color:#4d7c0f}.lvl-limited{color:#9a6700}.lvl-not_started{color:#cf222e}
)CSS";

// The filter, over the documents and the commitments at once. A word of the
// box (or a "quoted phrase") must occur in the row (accents and case
// ignored); `country:`, `theme:`, `cycle:`, `type:` and `is:counted` test the
// row's data-* attributes (several values of one field: any of them; of
// theme: all of them, a commitment has several). `country:` takes a code or
// a name in en/es/pt (CountryNamesJson), quoted or not when it has several
// words (country:"United Kingdom", country:Reino Unido). Rows that fail get
// the hidden attribute.
// Then the heatmaps and the per-cycle counts are counted again from the
// commitments shown that the heatmaps count (data-counted), with the rules
// RenderHeat follows, and each cell links to the filter of its rows.
const char* kScript = R"JS(
(function(){
  const MIN_SHADE_N = 10;
  const fold = s => s.normalize('NFD').replace(/[\u0300-\u036f]/g,'').toLowerCase();
  const enc = t => t.replace(/[^A-Za-z0-9\-_.~:]/gu, c => encodeURIComponent(c).toUpperCase());
  const pct = (k, n) => n ? Math.floor((200 * k + n) / (2 * n)) : 0;
  const hex = v => v.toString(16).padStart(2, '0');
  const shade = x => { x = Math.min(1, Math.max(0, x));
    return '#' + hex(Math.trunc(255 - x * 224)) + hex(Math.trunc(255 - x * 177)) + hex(Math.trunc(255 - x * 115)); };
  const box = document.getElementById('q');
  const lists = Array.from(document.querySelectorAll('table.filtered')).map(t => ({
    rows: Array.from(t.tBodies[0].rows), noun: t.dataset.noun,
    count: document.getElementById(t.id.replace(/-table$/, '') + '-shown')}));
  lists.forEach(l => l.rows.forEach(r => r.dataset.text = fold(r.textContent)));
  const commitments = Array.from(document.querySelectorAll('#commitments tbody tr'));
  // Country names in en/es/pt and other spellings, by code, for the
  // countries of the page: country: takes any of them, folded as the
  // command line folds them (accents, case and dots ignored, a leading
  // article dropped).
  const names = JSON.parse(document.getElementById('country-names').textContent);
  const ckey = s => { const k = fold(s).replace(/\./g, '').replace(/[\s\-_]+/g, ' ').trim();
    return k === 'el salvador' ? k : k.replace(/^(the|el|la|o|os) /, ''); };
  const byName = {};
  Object.keys(names).forEach(c => [c].concat(names[c]).forEach(n => byName[ckey(n)] = c));
  const countryOf = v => byName[ckey(v)] || '';
  // A token: field:"several words", "several words", or a run of non-spaces.
  // An unquoted country: takes the next words while they name a country
  // (country:Reino Unido).
  function parse(q){
    const f = {words: [], fields: {}, tokens: []};
    const ts = q.match(/[A-Za-z]+:"[^"]*"?|"[^"]*"?|\S+/g) || [];
    for (let i = 0; i < ts.length; i++) {
      let t = ts[i];
      const m = t.match(/^(country|theme|cycle|type|is):(.+)$/i);
      if (m) {
        const k = m[1].toLowerCase();
        let v = m[2].replace(/^"|"$/g, '');
        if (k === 'country' && m[2][0] !== '"')
          for (let j = Math.min(ts.length - 1, i + 4); j > i; j--) {
            const longer = [v].concat(ts.slice(i + 1, j + 1)).join(' ');
            if (countryOf(longer)) { v = longer; t = m[1] + ':' + longer; i = j; break; }
          }
        if (v.trim()) (f.fields[k] = f.fields[k] || []).push(k === 'country' ? v : fold(v));
      } else {
        const w = t.replace(/^"|"$/g, '');
        if (w.trim()) f.words.push(fold(w));
      }
      f.tokens.push(t);
    }
    return f;
  }
  // Whether a row's value of field k (and its label) is v: a country by
  // its code, whatever name or code v gives it.
  function same(k, value, label, v){
    if (k === 'country') { const c = countryOf(v);
      return c ? value === c : fold(value) === fold(v) || fold(label) === fold(v); }
    return fold(value) === v || fold(label) === v;
  }
  function field(r, k, v){
    const d = r.dataset;
    if (k === 'is') return v === 'counted' && d.counted === '1';
    if (k === 'theme') return (d.themes || '').split(' ').includes(v);
    if (k === 'country') return same(k, d.country || '', d.name || '', v);
    return fold(d[k] || '') === v;
  }
  function keep(r, f){
    for (const k in f.fields) {
      const vs = f.fields[k];
      if (!(k === 'theme' ? vs.every(v => field(r, k, v)) : vs.some(v => field(r, k, v)))) return false;
    }
    return f.words.every(w => r.dataset.text.includes(w));
  }
  // The filter of a heatmap cell's rows: the box's tokens but those of the
  // row's field, then the cell's (themes add up: theme:a theme:b is both).
  function cellHref(f, key, rowKey, theme){
    const own = f.tokens.filter(t => !new RegExp('^(' + key + '|is):', 'i').test(t) &&
                                     fold(t) !== 'theme:' + fold(theme));
    return '#q=' + own.concat([key + ':' + rowKey, 'theme:' + theme, 'is:counted']).map(enc).join('+');
  }
  function heat(t, f){
    const key = t.dataset.key, cells = {}, tot = {};
    commitments.forEach(r => {
      if (r.hidden || r.dataset.counted !== '1') return;
      const k = r.dataset[key];
      tot[k] = (tot[k] || 0) + 1;
      (r.dataset.themes || '').split(' ').filter(Boolean).forEach(th => {
        cells[k + '\t' + th] = (cells[k + '\t' + th] || 0) + 1; });
    });
    const labels = {};
    t.tHead.querySelectorAll('th[data-theme]').forEach(th => labels[th.dataset.theme] = th.textContent);
    const trs = Array.from(t.tBodies[0].rows);
    let top = 0;
    trs.forEach(tr => { const n = tot[tr.dataset.key] || 0; if (n < MIN_SHADE_N) return;
      tr.querySelectorAll('td.c').forEach(td => top = Math.max(top, (cells[tr.dataset.key + '\t' + td.dataset.theme] || 0) / n)); });
    trs.forEach(tr => {
      const rk = tr.dataset.key, n = tot[rk] || 0;
      const only = f.fields[key];
      tr.hidden = !!only && !only.some(v => same(key, rk, tr.dataset.label || '', v));
      tr.classList.toggle('few', n < MIN_SHADE_N);
      tr.querySelector('td.n').textContent = n;
      tr.querySelectorAll('td.c').forEach(td => {
        const th = td.dataset.theme, k = cells[rk + '\t' + th] || 0;
        const title = tr.dataset.label + ' · ' + labels[th] + ': ' + k + ' of ' + n + ' commitments';
        td.removeAttribute('style');
        td.textContent = '';
        if (!k) { td.title = title; return; }
        const p = pct(k, n) + '%';
        td.title = title + ' (' + p + ')';
        if (n >= MIN_SHADE_N && top > 0) {
          const x = k / n / top;
          td.style.background = shade(x);
          if (x > 0.55) td.style.color = '#fff';
        }
        const a = document.createElement('a');
        a.href = cellHref(f, key, rk, th);
        a.textContent = k;
        const s = document.createElement('small');
        s.textContent = p;
        a.appendChild(s);
        td.appendChild(a);
      });
    });
  }
  function cycles(f){
    const t = document.getElementById('cycle-counts');
    if (!t) return;
    const tot = {};
    commitments.forEach(r => { if (!r.hidden && r.dataset.counted === '1') {
      const k = r.dataset.country + '\t' + r.dataset.cycle; tot[k] = (tot[k] || 0) + 1; } });
    const trs = Array.from(t.tBodies[0].rows);
    const top = Math.max(1, ...Object.values(tot));
    trs.forEach(tr => {
      const n = tot[tr.dataset.country + '\t' + tr.dataset.cycle] || 0;
      tr.hidden = ['country', 'cycle'].some(k => f.fields[k] && !f.fields[k].some(v => field(tr, k, v)));
      tr.querySelector('.k').textContent = n;
      tr.querySelector('.bar').style.width = Math.trunc(200 * n / top) + 'px';
    });
  }
  function apply(){
    const f = parse(box.value);
    lists.forEach(l => {
      let n = 0;
      l.rows.forEach(r => { const ok = keep(r, f); r.hidden = !ok; if (ok) n++; });
      if (l.count) l.count.textContent = n + ' of ' + l.rows.length + ' ' + l.noun;
    });
    document.querySelectorAll('table.heat').forEach(t => heat(t, f));
    cycles(f);
  }
  function fromHash(){
    const m = location.hash.match(/[#&]q=([^&]*)/);
    if (!m) return false;
    box.value = decodeURIComponent(m[1].replace(/\+/g, ' '));
    return true;
  }
  box.addEventListener('input', () => {
    apply();
    const q = box.value.trim().split(/\s+/).filter(Boolean).map(enc).join('+');
    history.replaceState(null, '', q ? '#q=' + q : location.pathname + location.search);
  });
  document.getElementById('clear').addEventListener('click', () => {
    box.value = ''; apply(); history.replaceState(null, '', location.pathname + location.search); });
  document.addEventListener('click', e => {
    const a = e.target.closest('table.heat a');
    if (!a) return;
    e.preventDefault();
    history.replaceState(null, '', a.getAttribute('href'));
    fromHash(); apply();
    document.getElementById('list').scrollIntoView();
  });
  window.addEventListener('hashchange', () => { if (fromHash()) apply(); });
  document.getElementById('clear').hidden = false;
  fromHash();
  apply();
})();
)JS";

std::string Now() {
  char when[64];
  std::time_t now = std::time(nullptr);
  std::strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
  return when;
}

// Heading, figures, the filter box and the table of contents.
Result<std::string> RenderTop(Db& db, const ReportOptions& o) {
  auto k = db.Prepare(
      "SELECT count(*), count(DISTINCT country), coalesce(sum(status = "
      "'ok'), 0), (SELECT count(*) FROM plan_commitments), "
      "(SELECT count(*) FROM sentences) FROM documents WHERE missing_since "
      "IS NULL");
  if (!k.ok()) return k.status();
  std::vector<std::pair<std::string, std::string>> kpis;
  if (k->Step())
    kpis = {{k->Text(0), "documents"},
            {k->Text(2), "with text"},
            {k->Text(1), "countries"},
            {k->Text(3), "plan commitments"},
            {k->Text(4), "sentences"}};
  PLANMINE_RETURN_IF_ERROR(k->status());
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\"><title>planmine report</title><style>";
  h += kStyle;
  h += "</style></head><body>\n";
  const std::string name = fs::path(o.index_name).filename().string();
  h += "<h1>Open-government commitments</h1><p class=\"meta\">planmine "
       "report" +
       (name.empty() ? "" : " of <code>" + Esc(name) + "</code>") + ", " +
       Esc(o.generated_at.empty() ? Now() : o.generated_at) + "</p>\n";
  h += "<div class=\"kpis\">";
  for (const auto& [v, l] : kpis)
    h += "<div class=\"kpi\"><b>" + Esc(v) + "</b>" + l + "</div>";
  h += "</div>\n";
  h += "<div class=\"filterbar\"><input id=\"q\" type=\"search\" "
       "placeholder=\"Filter: words, country:MX, theme:open_data, "
       "cycle:2019-2021, is:counted\" autocomplete=\"off\" "
       "aria-label=\"Filter\"> <button id=\"clear\" type=\"button\" "
       "hidden>clear</button> <nav><a href=\"#heatmap\">countries × "
       "themes</a><a href=\"#cycle-heatmap\">cycles × themes</a><a "
       "href=\"#cycles\">per cycle</a><a href=\"#documents\">documents</a><a "
       "href=\"#list\">commitments</a></nav></div>\n";
  return h;
}

// {"GB": ["United Kingdom", "Reino Unido", "Reino Unido", "UK", ...], ...}:
// the names and other spellings (pipeline/core/countries.h) of `codes`, for
// kScript's country: filter. '<' is written \u003c, so the text cannot end
// its <script> element.
std::string CountryNamesJson(const std::set<std::string>& codes) {
  auto quote = [](std::string_view s) {
    std::string o = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\')
        o += std::string("\\") + c;
      else if (c == '<')
        o += "\\u003c";
      else if (static_cast<unsigned char>(c) >= 0x20)
        o += c;
    }
    return o + "\"";
  };
  std::string j = "{";
  for (const std::string& code : codes) {
    const Country* c = FindCountry(code);
    if (c == nullptr) continue;
    std::vector<std::string_view> names = {c->en, c->es, c->pt};
    for (std::string_view al = c->aliases; !al.empty();) {
      const size_t bar = al.find('|');
      names.push_back(al.substr(0, bar));
      al = bar == std::string_view::npos ? "" : al.substr(bar + 1);
    }
    j += (j.size() > 1 ? ", " : "") + quote(c->code) + ": [";
    for (size_t i = 0; i < names.size(); ++i)
      j += (i ? ", " : "") + quote(names[i]);
    j += "]";
  }
  return j + "}";
}

std::string HeatNote() {
  return "<p class=\"note\">Commitments of action plans, each plan counted "
         "once (its standing edition; no IRM assessment). A cell: the "
         "commitments tagged with the theme and their share of the row's "
         "<b>n</b> (a commitment may have several themes). Every country and "
         "cycle with documents has its row, zeros included. The darker, the "
         "larger the share, the darkest being the largest in the table; rows "
         "of fewer than " +
         std::to_string(kMinShadeN) +
         " commitments are not shaded (hatched): their shares are too "
         "uncertain to compare. The heatmaps follow the filter; a cell "
         "filters the commitments it counts.</p>\n";
}

}  // namespace

std::string UrlPath(const std::string& path) { return Percent(path, "-_.~/"); }

Result<std::string> DocumentsRoot(Db& db) {
  auto s = db.Prepare(
      "SELECT path FROM documents WHERE missing_since IS NULL ORDER BY path");
  if (!s.ok()) return s.status();
  std::error_code ec;
  bool first = true;
  fs::path root;
  while (s->Step()) {
    fs::path dir =
        fs::absolute(s->Text(0), ec).lexically_normal().parent_path();
    if (first) {
      root = dir;
      first = false;
      continue;
    }
    fs::path common;
    auto a = root.begin(), b = dir.begin();
    for (; a != root.end() && b != dir.end() && *a == *b; ++a, ++b)
      common /= *a;
    root = common;
  }
  PLANMINE_RETURN_IF_ERROR(s->status());
  std::string r = root.string();
  while (r.size() > 1 && r.back() == '/') r.pop_back();
  return r;
}

Result<std::string> RenderReport(Db& db, const ReportOptions& options) {
  auto links = Linker::Create(db, options);
  if (!links.ok()) return links.status();
  auto docs = LoadDocs(db, *links);
  if (!docs.ok()) return docs.status();
  auto commitments = LoadCommitments(db, *links);
  if (!commitments.ok()) return commitments.status();
  // Lists by country name, the unknown last, in the SQL order within.
  auto by_name = [](const auto& a, const auto& b) {
    if ((a.country == "?") != (b.country == "?")) return b.country == "?";
    return FoldName(CountryLabel(a.country)) <
           FoldName(CountryLabel(b.country));
  };
  std::stable_sort(docs->begin(), docs->end(), by_name);
  std::stable_sort(commitments->begin(), commitments->end(), by_name);
  auto themes = LoadThemes(db);
  if (!themes.ok()) return themes.status();
  std::map<std::string, std::string> theme_label(themes->begin(),
                                                 themes->end());

  // The counts, from Compare over plan_commitments.
  CompareOptions by_theme, country_cycle, cycle_theme;
  country_cycle.cols = "cycle";
  cycle_theme.rows = "cycle";
  auto ct = Compare(db, by_theme);
  if (!ct.ok()) return ct.status();
  auto cc = Compare(db, country_cycle);
  if (!cc.ok()) return cc.status();
  auto yt = Compare(db, cycle_theme);
  if (!yt.ok()) return yt.status();
  for (const std::string& id : ct->col_keys)  // a theme not in the table
    if (!theme_label.count(id)) {
      theme_label[id] = id;
      themes->emplace_back(id, id);
    }

  // n: every counted commitment of the row, with a theme or without
  // (Compare's row totals).
  HeatSpec countries{"country", "Commitments by country and theme",
                     "heatmap", {},
                     ct->cells, ct->row_totals};
  HeatSpec cycles{"cycle",         "Commitments by plan cycle and theme",
                  "cycle-heatmap", {},
                  yt->cells,       yt->row_totals};
  // Every country and cycle with documents (Compare's rows, and those of
  // documents without text), zeros included.
  std::set<std::string> country_keys(ct->row_keys.begin(), ct->row_keys.end());
  std::set<std::string> cycle_keys(yt->row_keys.begin(), yt->row_keys.end());
  for (const Doc& d : *docs) {
    country_keys.insert(d.country);
    cycle_keys.insert(d.cycle);
  }
  for (const auto& [r, n] : ct->row_totals) country_keys.insert(r);
  for (const auto& [r, n] : yt->row_totals) cycle_keys.insert(r);
  countries.rows.assign(country_keys.begin(), country_keys.end());
  // Countries by name, the unknown last.
  std::stable_sort(countries.rows.begin(), countries.rows.end(),
                   [](const std::string& a, const std::string& b) {
                     if ((a == "?") != (b == "?")) return b == "?";
                     return FoldName(CountryLabel(a)) <
                            FoldName(CountryLabel(b));
                   });
  cycles.rows.assign(cycle_keys.begin(), cycle_keys.end());
  // Cycles in time order: by their first year, then as written.
  std::stable_sort(cycles.rows.begin(), cycles.rows.end(),
                   [](const std::string& a, const std::string& b) {
                     return a.substr(0, 4) < b.substr(0, 4);
                   });

  auto top = RenderTop(db, options);
  if (!top.ok()) return top.status();
  std::string h = *top;
  h += RenderHeat(countries, *themes);
  h += HeatNote();
  h += RenderHeat(cycles, *themes);
  h += RenderCycles(*docs, *cc);
  h += RenderDocuments(*docs);
  h += RenderCommitments(*commitments, theme_label);
  h += "<p class=\"note\">Made by planmine from the index; the figures are "
       "what the pattern packs found (see docs/evaluation.md for how well "
       "they do). Source links are relative to this page, or under the base "
       "URL it was made with.</p>\n";
  h += "<script type=\"application/json\" id=\"country-names\">" +
       CountryNamesJson(country_keys) + "</script>\n<script>";
  h += kScript;
  h += "</script>\n</body></html>\n";
  return h;
}

}  // namespace planmine
