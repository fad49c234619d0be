// planmine compare: a matrix of counts and shares, rows × cols.
#include <iostream>

#include "pipeline/cli/command.h"
#include "pipeline/cli/commands/commands.h"
#include "pipeline/cli/format.h"
#include "pipeline/core/doc_types.h"

namespace planmine {
namespace {

struct CompareArgs {
  CompareOptions options;
  std::string format = "table";
};

int RunCompare(const CompareArgs& a, const GlobalOptions& g) {
  auto store = OpenIndex(g.db);
  if (!store.ok()) return Fail(store.status());
  const CompareOptions& co = a.options;
  auto m = Compare((*store)->db(), co);
  if (!m.ok()) return Fail(m.status());
  if (a.format == "table") {
    PrintTable(MatrixWide(*m, co), std::cout, 24);
    std::cout << "\n"
              << co.measure << ": " << m->total
              << " in all; a cell's share is of its row's total\n";
  } else if (a.format == "csv") {
    PrintCsv(MatrixLong(*m, co), std::cout);
  } else {
    PrintJsonValue(CompareJson(*m, co), std::cout);
  }
  return kExitOk;
}

RunFn CompareSetup(CLI::App* compare) {
  auto a = std::make_shared<CompareArgs>();
  CompareOptions& co = a->options;
  const std::vector<std::string> keys = {"country", "theme", "doc_type",
                                         "cycle",   "year",  "language"};
  compare
      ->add_option("--rows", co.rows,
                   "country, theme, doc_type, cycle, year or language")
      ->check(CLI::IsMember(keys))
      ->capture_default_str();
  compare->add_option("--cols", co.cols, "as --rows")
      ->check(CLI::IsMember(keys))
      ->capture_default_str();
  compare
      ->add_option("--measure", co.measure,
                   "commitments (tagged with the theme), documents (that "
                   "mention it) or mentions")
      ->check(CLI::IsMember({"commitments", "documents", "mentions"}))
      ->capture_default_str();
  compare->add_option("--cycle", co.cycle,
                      "Only this plan cycle, e.g. 2015-2017 or IV");
  compare->add_option("--country", co.country,
                      "Only this country: ISO code or name");
  compare
      ->add_option("--doc-type", co.doc_type,
                   "Only this document type: " + DocTypeNames())
      ->check(CLI::IsMember(DocTypeOptions()));
  AddFormat(compare, &a->format)
      ->description(
          "table (counts and row shares), json or csv (tidy: one line per "
          "cell)");
  return [a](const GlobalOptions& g) { return RunCompare(*a, g); };
}

}  // namespace

Command CompareCommand() {
  return {"compare",
          "A matrix of counts and shares: rows × cols (country × theme by "
          "default)",
          CompareSetup};
}

}  // namespace planmine
