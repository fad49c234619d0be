// The commands of planmine, one file each; commands.cc lists them.
#ifndef PLANMINE_CLI_COMMANDS_COMMANDS_H_
#define PLANMINE_CLI_COMMANDS_COMMANDS_H_

#include <string>

#include "pipeline/cli/command.h"

namespace planmine {

class Db;
class Pipeline;
struct IngestReport;

// The last line of an ingest (or a merge): what happened to every file.
// After an ingest or a merge: each theme's sentences kept for document
// search, for the documents the run changed (query/theme_sets.h). A failure
// is a warning: document search then reads the index as before.
void KeepThemeSentences(Db& db, const std::string& packs_dir);

void PrintIngestRunLine(const IngestReport& r, bool prune,
                        const std::string& db);

// The extraction stages: their name and help (commands.cc, in both
// binaries) and their options and run (ingest.cc, extract.cc: planmine-stages
// only, which adds them with WithStages).
Command IngestCommand();
Command ExtractCommand();
Command SetCommand();  // re-classifies with the packs: a stages command
RunFn IngestSetup(CLI::App* sub);
RunFn ExtractSetup(CLI::App* sub);
RunFn SetSetup(CLI::App* sub);
// Scale-out (shard.cc, docs/scale-out.md): stages commands.
Command PlanShardsCommand();
Command ShardCommand();
Command MergeCommand();
RunFn PlanShardsSetup(CLI::App* sub);
RunFn ShardSetup(CLI::App* sub);
RunFn MergeSetup(CLI::App* sub);
// serve (serve.cc): a long-running server, run by planmine-stages so that
// the query binary does not load the HTTP library.
Command ServeCommand();
RunFn ServeSetup(CLI::App* sub);

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

// The stages configured from the global options (ingest, extract, set).
// With `defer_patterns`, the packs' patterns are compiled by
// Pipeline::CompilePatterns, which the caller runs before mining.
Result<Pipeline> MakePipeline(const GlobalOptions& g, int max_pages,
                              bool defer_patterns = false);

// Where the report's source links point (--link-base, --link-root; empty:
// relative to the page).
struct ReportLinks {
  std::string base, root;
};
void AddReportLinkOptions(CLI::App* sub, ReportLinks* links);

// The HTML report of the index, written whole or not at all (report.cc).
// With a link base, *links_note says which folder it stands for.
Status WriteHtmlReport(Db& conn, const std::string& db_path,
                       const std::string& out_path, const ReportLinks& links,
                       size_t* bytes, std::string* links_note);

}  // namespace planmine

#endif  // PLANMINE_CLI_COMMANDS_COMMANDS_H_
