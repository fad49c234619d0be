// report: one self-contained HTML page about an index (no network assets):
// a country × theme heatmap of commitments, commitments per country and plan
// cycle, and the commitments table with links to their source pages and a
// search-as-you-type filter (accents and case ignored). `#q=words` in the
// page's address pre-fills the filter.
#ifndef PLANMINE_REPORT_REPORT_H_
#define PLANMINE_REPORT_REPORT_H_

#include <string>

#include "pipeline/core/status.h"
#include "pipeline/load/db.h"

namespace planmine {

Result<std::string> RenderReport(Db& db, const std::string& index_path);

}  // namespace planmine

#endif  // PLANMINE_REPORT_REPORT_H_
