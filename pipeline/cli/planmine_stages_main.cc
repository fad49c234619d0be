// planmine-stages: every planmine command, the extraction stages linked in.
// `planmine ingest` and `planmine extract` run here (planmine_main.cc).
#include <unistd.h>

#include <csignal>
#include <cstdlib>

#include "pipeline/cli/command.h"
#include "pipeline/cli/commands/commands.h"

namespace planmine {

std::vector<Command> WithStages(std::vector<Command> commands) {
  for (Command& c : commands) {
    if (c.name == "ingest") c.setup = IngestSetup;
    if (c.name == "extract") c.setup = ExtractSetup;
    if (c.name == "set") c.setup = SetSetup;
    if (c.name == "plan-shards") c.setup = PlanShardsSetup;
    if (c.name == "shard") c.setup = ShardSetup;
    if (c.name == "merge") c.setup = MergeSetup;
    if (c.name == "serve") c.setup = ServeSetup;
  }
  return commands;
}

}  // namespace planmine

int main(int argc, char** argv) {
  using namespace planmine;
  signal(SIGXFSZ, SIG_IGN);
  // Tesseract's OpenMP threads spin against each other on small machines:
  // two OCR pages took 111 s with the default and 10 s with one thread here.
  // The limit is read when the OpenMP runtime loads, before main, so set it
  // and start again; a user's own OMP_THREAD_LIMIT is left alone.
  if (std::getenv("OMP_THREAD_LIMIT") == nullptr) {
    setenv("OMP_THREAD_LIMIT", "1", 1);
    execv("/proc/self/exe", argv);  // returns only on failure: carry on
  }
  return RunCli(argc, argv, WithStages(AllCommands()));
}
