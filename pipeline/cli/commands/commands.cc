#include "pipeline/cli/commands/commands.h"

#include "pipeline/core/corrections.h"

namespace planmine {

Command IngestCommand() {
  return {"ingest",
          "Ingest PDFs and text files (folders are walked recursively); "
          "also spelled 'refresh'",
          nullptr, true};
}

Command ExtractCommand() {
  return {"extract",
          "Run the stages on one file and print the result (no database)",
          nullptr, true};
}

Command SetCommand() {
  return {"set",
          "Correct a document's attributes in the index (" +
              CorrectionKeyNames() +
              "): the correction wins over the classifier on every later run",
          nullptr, true};
}

std::vector<Command> AllCommands() {
  return {IngestCommand(),     ExtractCommand(),     SearchCommand(),
          DocumentsCommand(),  CommitmentsCommand(), ThemesCommand(),
          StatementsCommand(), EntitiesCommand(),    CompareCommand(),
          TimelineCommand(),   ExportCommand(),      ReportCommand(),
          SummaryCommand(),    StatusCommand(),      FailuresCommand(),
          EvaluateCommand(),   SetCommand(),         ServeCommand()};
}

}  // namespace planmine
