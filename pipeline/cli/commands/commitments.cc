// planmine commitments: the commitments found in plans and IRM reports.
#include <iostream>

#include "pipeline/cli/command.h"
#include "pipeline/cli/commands/commands.h"
#include "pipeline/cli/format.h"
#include "pipeline/core/doc_types.h"

namespace planmine {
namespace {

struct CommitmentsArgs {
  CommitmentFilter filter;
  std::string format = "table";
};

// The columns a reader scans; json and csv carry all of them.
Table Narrow(const Table& t) {
  Table narrow;
  narrow.columns = {"country",    "year",        "number",
                    "title",      "lead_agency", "end_date",
                    "completion", "page",        "document"};
  for (const auto& r : t.rows) {
    std::vector<std::string> row;
    for (const std::string& c : narrow.columns) {
      int i = t.Column(c == "page" ? "first_page" : c);
      row.push_back(i < 0 ? "" : r[i]);
    }
    narrow.rows.push_back(std::move(row));
  }
  return narrow;
}

int RunCommitments(const CommitmentsArgs& a, const GlobalOptions& g) {
  auto store = OpenIndex(g.db);
  if (!store.ok()) return Fail(store.status());
  auto t = ListCommitments((*store)->db(), a.filter);
  if (!t.ok()) return Fail(t.status());
  if (a.format == "table")
    PrintTable(Narrow(*t), std::cout, 60);
  else
    Emit(*t, a.format, "commitments");
  return kExitOk;
}

RunFn CommitmentsSetup(CLI::App* cmd) {
  auto a = std::make_shared<CommitmentsArgs>();
  CommitmentFilter& cf = a->filter;
  cmd->add_option("--country", cf.country,
                  "ISO code or name, e.g. CO or Colombia");
  cmd->add_option("--doc-type", cf.doc_type,
                  "Only documents of this type: " + DocTypeNames())
      ->check(CLI::IsMember(DocTypeOptions()));
  cmd->add_option("--theme", cf.theme, "Theme id (see 'planmine themes list')");
  cmd->add_flag("--statements", cf.statements,
                "Also list commitment statements (\"se compromete a …\")");
  AddFormat(cmd, &a->format);
  return [a](const GlobalOptions& g) { return RunCommitments(*a, g); };
}

}  // namespace

Command CommitmentsCommand() {
  return {"commitments", "List the numbered commitments found in the plans",
          CommitmentsSetup};
}

}  // namespace planmine
