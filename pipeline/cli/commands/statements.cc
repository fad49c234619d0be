// planmine statements: findings and recommendations of reports.
#include <iostream>

#include "pipeline/cli/command.h"
#include "pipeline/cli/commands/commands.h"
#include "pipeline/cli/format.h"
#include "pipeline/core/doc_types.h"

namespace planmine {
namespace {

struct StatementsArgs {
  StatementFilter filter;
  std::string format = "table";
};

int RunStatements(const StatementsArgs& a, const GlobalOptions& g) {
  auto store = OpenIndex(g.db);
  if (!store.ok()) return Fail(store.status());
  auto t = ListStatements((*store)->db(), a.filter);
  if (!t.ok()) return Fail(t.status());
  if (a.format != "table") {
    Emit(*t, a.format, "statements");
    return kExitOk;
  }
  Table narrow;
  narrow.columns = {"country", "page", "kind", "text", "document"};
  for (const auto& r : t->rows)
    narrow.rows.push_back({r[t->Column("country")], r[t->Column("page")],
                           r[t->Column("kind")], r[t->Column("text")],
                           r[t->Column("document")]});
  PrintTable(narrow, std::cout, 90);
  return kExitOk;
}

RunFn StatementsSetup(CLI::App* cmd) {
  auto a = std::make_shared<StatementsArgs>();
  StatementFilter& sf = a->filter;
  cmd->add_option("--kind", sf.kind, "finding or recommendation")
      ->check(CLI::IsMember({"finding", "recommendation"}));
  cmd->add_option("--country", sf.country,
                  "ISO code or name, e.g. CO or Colombia");
  cmd->add_option("--doc-type", sf.doc_type,
                  "Only documents of this type: " + DocTypeNames())
      ->check(CLI::IsMember(DocTypeOptions()));
  AddFormat(cmd, &a->format);
  return [a](const GlobalOptions& g) { return RunStatements(*a, g); };
}

}  // namespace

Command StatementsCommand() {
  return {"statements",
          "Findings and recommendations typed in workshop, meeting and IRM "
          "reports",
          StatementsSetup};
}

}  // namespace planmine
