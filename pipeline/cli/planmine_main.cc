// planmine: the command line. Questions to the index run here; ingest and
// extract, which need every stage (Poppler, Tesseract, CLD2…), are handed
// to planmine-stages beside this binary, so that a query starts without
// loading libraries it never uses (docs/benchmarks.md: start-up time).
#include <csignal>
#include <cstdlib>

#include "pipeline/cli/command.h"

int main(int argc, char** argv) {
  using namespace planmine;
  // Over a file-size limit a write fails (EFBIG) instead of killing us, so
  // that a full disk or quota is reported like any other write error.
  signal(SIGXFSZ, SIG_IGN);
  // For planmine-stages: Tesseract's OpenMP threads spin against each other
  // on small machines (planmine_stages_main.cc); set before it starts, so it
  // need not start twice. A user's own OMP_THREAD_LIMIT is left alone.
  setenv("OMP_THREAD_LIMIT", "1", 0);
  return RunCli(argc, argv, AllCommands());
}
