// The commands of planmine, one file each; commands.cc lists them.
#ifndef PLANMINE_CLI_COMMANDS_COMMANDS_H_
#define PLANMINE_CLI_COMMANDS_COMMANDS_H_

#include <string>

#include "pipeline/cli/command.h"

namespace planmine {

class Db;
class Pipeline;

// The extraction stages: their name and help (commands.cc, in both
// binaries) and their options and run (ingest.cc, extract.cc: planmine-stages
// only, which adds them with WithStages).
Command IngestCommand();
Command ExtractCommand();
RunFn IngestSetup(CLI::App* sub);
RunFn ExtractSetup(CLI::App* sub);

// Questions to the index.
Command SearchCommand();
Command DocumentsCommand();
Command CommitmentsCommand();
Command ThemesCommand();
Command StatementsCommand();
Command EntitiesCommand();
Command CompareCommand();
Command TimelineCommand();
Command ExportCommand();
Command ReportCommand();
Command SummaryCommand();
Command StatusCommand();
Command FailuresCommand();
Command EvaluateCommand();

// The stages configured from the global options (ingest, extract).
Result<Pipeline> MakePipeline(const GlobalOptions& g, int max_pages);

// The HTML report of the index, written whole or not at all (report.cc).
Status WriteHtmlReport(Db& conn, const std::string& db_path,
                       const std::string& out_path, size_t* bytes);

}  // namespace planmine

#endif  // PLANMINE_CLI_COMMANDS_COMMANDS_H_
