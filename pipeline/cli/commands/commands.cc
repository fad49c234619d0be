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

Command PlanShardsCommand() {
  return {"plan-shards",
          "Plan a refresh as N work lists to run anywhere (a Slurm array): "
          "RUN/plan.json",
          nullptr, true};
}

Command ShardCommand() {
  return {"shard",
          "Read work list I of a plan into its spool (resumes where it "
          "stopped)",
          nullptr, true};
}

Command MergeCommand() {
  return {"merge",
          "Fold a plan's complete shards into the index, then mark, re-mine "
          "and resolve once",
          nullptr, true};
}

Command ServeCommand() {
  return {"serve",
          "Serve the index read only: search, document and commitment pages "
          "in a browser, and a JSON API with the CLI's shapes",
          nullptr, true};
}

std::vector<Command> AllCommands() {
  return {IngestCommand(),     ExtractCommand(),     SearchCommand(),
          DocumentsCommand(),  CommitmentsCommand(), ThemesCommand(),
          StatementsCommand(), EntitiesCommand(),    CompareCommand(),
          TimelineCommand(),   ExportCommand(),      ReportCommand(),
          SummaryCommand(),    StatusCommand(),      FailuresCommand(),
          EvaluateCommand(),   SetCommand(),         ServeCommand(),
          PlanShardsCommand(), ShardCommand(),       MergeCommand()};
}

}  // namespace planmine
