// planmine documents: what is in the index, one line per document, with the
// plan edition whose commitments stand for it.
#include <iostream>

#include "pipeline/cli/command.h"
#include "pipeline/cli/commands/commands.h"
#include "pipeline/cli/format.h"
#include "pipeline/core/countries.h"
#include "pipeline/core/doc_types.h"

namespace planmine {
namespace {

struct DocumentsArgs {
  DocumentFilter filter;
  std::string format = "table";
};

int RunDocuments(const DocumentsArgs& a, const GlobalOptions& g) {
  auto store = OpenIndex(g.db);
  if (!store.ok()) return Fail(store.status());
  auto t = ListDocuments((*store)->db(), a.filter);
  if (!t.ok()) return Fail(t.status());
  if (a.format != "table") {
    Emit(*t, a.format, "documents");
    return kExitOk;
  }
  Table narrow;
  narrow.columns = {"doc_key", "country",     "type",       "cycle",
                    "pages",   "commitments", "edition_of", "title"};
  for (const auto& r : t->rows) {
    const std::string& country = r[t->Column("country")];
    narrow.rows.push_back(
        {r[t->Column("doc_key")],
         country.empty() ? "?" : country + " " + CountryName(country),
         r[t->Column("doc_type")], r[t->Column("plan_cycle")],
         r[t->Column("pages")], r[t->Column("commitments")],
         r[t->Column("edition_of")], r[t->Column("title")]});
  }
  PrintTable(narrow, std::cout, 60);
  std::cout << "\n" << t->rows.size() << " documents\n";
  return kExitOk;
}

RunFn DocumentsSetup(CLI::App* cmd) {
  auto a = std::make_shared<DocumentsArgs>();
  DocumentFilter& f = a->filter;
  cmd->add_option("--country", f.country,
                  "ISO code or name, e.g. CO or Colombia");
  cmd->add_option("--type", f.doc_type, "Document type: " + DocTypeNames())
      ->check(CLI::IsMember(DocTypeOptions()));
  cmd->add_option("--cycle", f.cycle, "Plan cycle, e.g. 2015-2017 or IV");
  cmd->add_option("--lang", f.language, "es, pt or en");
  AddFormat(cmd, &a->format);
  return [a](const GlobalOptions& g) { return RunDocuments(*a, g); };
}

}  // namespace

Command DocumentsCommand() {
  return {"documents",
          "The documents of the index: type, country, cycle, pages, "
          "commitments, and which plan edition stands for each",
          DocumentsSetup};
}

}  // namespace planmine
