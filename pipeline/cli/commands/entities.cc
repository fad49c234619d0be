// planmine entities: organizations, places, dates… by how often named.
#include "pipeline/cli/command.h"
#include "pipeline/cli/commands/commands.h"
#include "pipeline/cli/options.h"

namespace planmine {
namespace {

struct EntitiesArgs {
  EntityFilter filter;
  std::string format = "table";
};

int RunEntities(const EntitiesArgs& a, const GlobalOptions& g) {
  auto store = OpenIndex(g.db);
  if (!store.ok()) return Fail(store.status());
  auto t = ListEntities((*store)->db(), a.filter);
  if (!t.ok()) return Fail(t.status());
  Emit(*t, a.format, "entities");
  return kExitOk;
}

RunFn EntitiesSetup(CLI::App* cmd) {
  auto a = std::make_shared<EntitiesArgs>();
  EntityFilter& ef = a->filter;
  cmd->add_option("--type", ef.type,
                  "organization, country, subnational, cycle, date, email, "
                  "url or handle")
      ->check(CLI::IsMember({"organization", "country", "subnational", "cycle",
                             "date", "email", "url", "handle"}));
  cmd->add_option("--country", ef.country,
                  "ISO code or name, e.g. CO or Colombia");
  cmd->add_option("--limit", ef.limit, "At most this many rows")
      ->transform(IntRange("--limit", 1, kMaxRows))
      ->capture_default_str();
  AddFormat(cmd, &a->format);
  return [a](const GlobalOptions& g) { return RunEntities(*a, g); };
}

}  // namespace

Command EntitiesCommand() {
  return {"entities",
          "Organizations (with acronyms), places, dates, e-mails, URLs and "
          "handles, by how often they are named",
          EntitiesSetup};
}

}  // namespace planmine
