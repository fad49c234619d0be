// report: one self-contained HTML page about an index (no network assets),
// publishable as it is: a country × theme and a cycle × theme heatmap of the
// commitments of action plans, commitments per country and plan cycle, the
// documents and the commitments, with links to their source pages and one
// filter box over all of them (accents and case ignored; `country:MX`,
// `theme:open_data`, `cycle:2019-2021`, `type:irm_report`, `is:counted` narrow
// by a field; theme: tokens add up, other fields' values are alternatives).
// `#q=words` in the page's address pre-fills the filter.
//
// Counting (docs in README.md, "planmine report"): a heatmap counts
// plan_commitments (one edition per plan, no IRM assessment), every country
// and cycle with documents has its row, zeros included, and each share is
// shown with its n. A cell is shaded by the lower bound of the share's 95 %
// Wilson interval, so that 1 of 1 (100 %) is pale, not the darkest cell.
// Without JavaScript the page shows everything, unfiltered.
//
// Source links never hold the absolute path of the machine that made the page:
// they are relative to the page's folder, or under a base URL.
#ifndef PLANMINE_REPORT_REPORT_H_
#define PLANMINE_REPORT_REPORT_H_

#include <string>

#include "pipeline/core/status.h"
#include "pipeline/load/db.h"

namespace planmine {

struct ReportOptions {
  // The file the page is written to. A source link is the document's path
  // relative to this file's folder ("../corpus/MX/plan.pdf#page=3"), so the
  // page and the documents can be served or moved together. Empty: relative
  // to the current folder.
  std::string out_path;
  // When not empty, a source link is link_base followed by the document's
  // path relative to link_root, URL-encoded
  // ("https://example.org/ogp/" + "MX/plan.pdf" + "#page=3"). A '/' is put
  // between them when link_base does not end with one.
  std::string link_base;
  // The folder link_base stands for. Empty: DocumentsRoot(db), the deepest
  // folder that holds every document of the index. REQUIRES: every document
  // is under it (otherwise RenderReport fails naming the first that is not).
  std::string link_root;
  // Shown in the heading as "report of NAME"; only the file name is kept.
  std::string index_name;
  // "YYYY-MM-DD HH:MM UTC" shown in the heading; empty: now.
  std::string generated_at;
};

Result<std::string> RenderReport(Db& db, const ReportOptions& options);

// The deepest folder holding every document of the index (not missing), as an
// absolute, normalized path without a trailing '/'; "" when there is none.
Result<std::string> DocumentsRoot(Db& db);

// A relative or absolute file path as a URL path: each byte that is not
// unreserved (RFC 3986) or '/' percent-encoded. "a b/é.pdf" ->
// "a%20b/%C3%A9.pdf".
std::string UrlPath(const std::string& path);

// The lower bound of the 95 % Wilson score interval of k successes in n
// trials; 0 when n is 0. WilsonLower(1, 1) is about 0.21.
double WilsonLower(int64_t k, int64_t n);

}  // namespace planmine

#endif  // PLANMINE_REPORT_REPORT_H_
