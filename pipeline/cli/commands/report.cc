// planmine report: one self-contained HTML page of the index.
#include "pipeline/report/report.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "pipeline/cli/command.h"
#include "pipeline/cli/commands/commands.h"

namespace planmine {
namespace fs = std::filesystem;

void AddReportLinkOptions(CLI::App* sub, ReportLinks* links) {
  sub->add_option("--link-base", links->base,
                  "Link source pages under this URL (URL + the document's "
                  "path under --link-root + #page=N) instead of relative to "
                  "the page");
  sub->add_option("--link-root", links->root,
                  "The folder --link-base stands for (default: the deepest "
                  "folder holding every document of the index)");
}

// The HTML report of the index, written whole or not at all (a temporary
// file renamed over the old page: a web server never serves half a page).
Status WriteHtmlReport(Db& conn, const std::string& db_path,
                       const std::string& out_path, const ReportLinks& links,
                       size_t* bytes, std::string* links_note) {
  ReportOptions ro;
  ro.out_path = out_path;
  ro.index_name = db_path;
  ro.link_base = links.base;
  ro.link_root = links.root;
  if (!ro.link_base.empty() && ro.link_root.empty()) {
    auto root = DocumentsRoot(conn);
    if (!root.ok()) return root.status();
    ro.link_root = *root;
  }
  if (!ro.link_base.empty())
    *links_note = "source links: " + ro.link_base +
                  (ro.link_base.back() == '/' ? "" : "/") + "… is " +
                  ro.link_root + "/…";
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
  report
      ->add_option("--out", *out,
                   "Where to write the page (source links are relative to "
                   "its folder)")
      ->capture_default_str();
  auto links = std::make_shared<ReportLinks>();
  AddReportLinkOptions(report, links.get());
  return [out, links](const GlobalOptions& g) {
    auto store = OpenIndex(g.db);
    if (!store.ok()) return Fail(store.status());
    size_t bytes = 0;
    std::string note;
    if (Status s =
            WriteHtmlReport((*store)->db(), g.db, *out, *links, &bytes, &note);
        !s.ok())
      return Fail(s);
    std::cout << *out << ": " << bytes << " bytes\n";
    if (!note.empty()) std::cout << note << "\n";
    return kExitOk;
  };
}

}  // namespace

Command ReportCommand() {
  return {"report",
          "One self-contained HTML page: country and cycle × theme "
          "heatmaps, commitments per cycle, the documents and the "
          "commitments, one filter over them all, links to the source pages",
          ReportSetup};
}

}  // namespace planmine
