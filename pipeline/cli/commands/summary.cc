// planmine summary, status, failures: what the index holds.
#include <iostream>

#include "pipeline/cli/command.h"
#include "pipeline/cli/commands/commands.h"
#include "pipeline/cli/format.h"

namespace planmine {
namespace {

RunFn SummarySetup(CLI::App* cmd) {
  auto format = std::make_shared<std::string>();
  AddFormat(cmd, format.get(), {"table", "json"});
  return [format](const GlobalOptions& g) {
    auto store = OpenIndex(g.db);
    if (!store.ok()) return Fail(store.status());
    auto s = Summary((*store)->db());
    if (!s.ok()) return Fail(s.status());
    std::vector<std::pair<std::string, Table>> shown;
    for (auto& [title, table] : *s)
      if (*format == "json" || title != "Failures" || !table.rows.empty())
        shown.emplace_back(title, std::move(table));
    EmitTables(shown, *format, "summary");
    return kExitOk;
  };
}

RunFn StatusSetup(CLI::App* cmd) {
  auto format = std::make_shared<std::string>();
  AddFormat(cmd, format.get(), {"table", "json"});
  return [format](const GlobalOptions& g) {
    auto store = OpenIndex(g.db);
    if (!store.ok()) return Fail(store.status());
    auto st = IndexStatus((*store)->db());
    if (!st.ok()) return Fail(st.status());
    EmitTables(*st, *format, "status");
    return kExitOk;
  };
}

RunFn FailuresSetup(CLI::App* cmd) {
  auto format = std::make_shared<std::string>();
  AddFormat(cmd, format.get());
  return [format](const GlobalOptions& g) {
    auto store = OpenIndex(g.db);
    if (!store.ok()) return Fail(store.status());
    auto t = Failures((*store)->db());
    if (!t.ok()) return Fail(t.status());
    if (*format == "table" && t->rows.empty())
      std::cout << "no failures\n";
    else
      Emit(*t, *format, "failures");
    return kExitOk;
  };
}

}  // namespace

Command SummaryCommand() {
  return {"summary",
          "What the index holds: documents by country, language and type, "
          "commitments, top themes",
          SummarySetup};
}

Command StatusCommand() {
  return {"status",
          "What the index holds by status, the last ingest runs and the "
          "corrections stored",
          StatusSetup};
}

Command FailuresCommand() {
  return {"failures",
          "Documents that failed or have no text, with the reason and when",
          FailuresSetup};
}

}  // namespace planmine
