// planmine report: one self-contained HTML page of the index.
#include "pipeline/report/report.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "pipeline/cli/command.h"
#include "pipeline/cli/commands/commands.h"

namespace planmine {
namespace fs = std::filesystem;

// The HTML report of the index, written whole or not at all (a temporary
// file renamed over the old page: a web server never serves half a page).
Status WriteHtmlReport(Db& conn, const std::string& db_path,
                       const std::string& out_path, size_t* bytes) {
  ReportOptions ro;
  ro.out_path = out_path;
  ro.index_name = db_path;
  auto html = RenderReport(conn, ro);
  if (!html.ok()) return html.status();
  std::error_code ec;
  if (fs::path(out_path).has_parent_path())
    fs::create_directories(fs::path(out_path).parent_path(), ec);
  const std::string tmp = out_path + ".tmp";
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  out << *html;
  out.close();
  if (!out) {
    fs::remove(tmp, ec);
    return IoError(out_path + ": cannot write the report");
  }
  fs::rename(tmp, out_path, ec);
  if (ec)
    return IoError(out_path + ": cannot write the report: " + ec.message());
  *bytes = html->size();
  return Status();
}

namespace {

RunFn ReportSetup(CLI::App* report) {
  auto out = std::make_shared<std::string>("outputs/report.html");
  report->add_option("--out", *out, "Where to write the page")
      ->capture_default_str();
  return [out](const GlobalOptions& g) {
    auto store = OpenIndex(g.db);
    if (!store.ok()) return Fail(store.status());
    size_t bytes = 0;
    if (Status s = WriteHtmlReport((*store)->db(), g.db, *out, &bytes); !s.ok())
      return Fail(s);
    std::cout << *out << ": " << bytes << " bytes\n";
    return kExitOk;
  };
}

}  // namespace

Command ReportCommand() {
  return {"report",
          "One self-contained HTML page: heatmap, commitments per cycle, the "
          "commitments table with a filter and links to the source pages",
          ReportSetup};
}

}  // namespace planmine
