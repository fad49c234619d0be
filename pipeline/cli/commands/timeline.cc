// planmine timeline --theme ID: a theme across plan cycles.
#include "pipeline/cli/command.h"
#include "pipeline/cli/commands/commands.h"

namespace planmine {
namespace {

struct TimelineArgs {
  std::string country, theme, format = "table";
};

RunFn TimelineSetup(CLI::App* timeline) {
  auto a = std::make_shared<TimelineArgs>();
  timeline->add_option("--country", a->country,
                       "ISO code or name, e.g. CO or Colombia");
  timeline->add_option("--theme", a->theme, "Theme id")->required();
  AddFormat(timeline, &a->format);
  return [a](const GlobalOptions& g) {
    auto store = OpenIndex(g.db);
    if (!store.ok()) return Fail(store.status());
    auto t = Timeline((*store)->db(), a->country, a->theme);
    if (!t.ok()) return Fail(t.status());
    Emit(*t, a->format, "timeline");
    return kExitOk;
  };
}

}  // namespace

Command TimelineCommand() {
  return {"timeline",
          "A theme across plan cycles: documents, commitments, mentions",
          TimelineSetup};
}

}  // namespace planmine
