// command: what every planmine command is — a name, a line of help, the
// options it declares and how it runs — and what the commands share: the
// global options, exit codes, errors and output formats.
//
// A command lives in its own file under commands/ and is listed in
// commands/commands.cc. Commands that need the extraction stages (Poppler,
// Tesseract, CLD2…) are marked `stages`: the `planmine` binary, which only
// queries the index and starts in milliseconds, hands them to the
// `planmine-stages` binary beside it (the same commands, every stage
// linked).
#ifndef PLANMINE_CLI_COMMAND_H_
#define PLANMINE_CLI_COMMAND_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/load/store.h"
#include "pipeline/query/query.h"

namespace planmine {

// 0: everything succeeded; 1: part (some documents failed, an evaluation
// below its targets); 2: nothing, or the command could not run (bad
// arguments, an unknown filter value, no index). An ingest stopped by a
// signal exits 128 + its number (130 SIGINT, 143 SIGTERM), its run record
// closed as aborted.
inline constexpr int kExitOk = 0, kExitPartial = 1, kExitFailed = 2;

// Accepted before or after the command's name.
struct GlobalOptions {
  std::string db = "outputs/planmine.sqlite";
  std::string packs;         // pattern packs folder (DefaultPacksDir())
  std::string ocr = "auto";  // auto | off | images
};

using RunFn = std::function<int(const GlobalOptions&)>;

struct Command {
  std::string name;
  std::string help;
  // Declares the command's arguments on its subcommand and returns how to
  // run it with them. Null for a stages command in the query binary: it
  // hands the command to planmine-stages.
  std::function<RunFn(CLI::App*)> setup;
  bool stages = false;  // needs the extraction stages: runs in planmine-stages
};

// The commands of `planmine`, in the order `--help` lists them.
std::vector<Command> AllCommands();

// AllCommands() with the stages commands' setups (planmine-stages only).
std::vector<Command> WithStages(std::vector<Command> commands);

// Parses argv against `commands` and runs the chosen one; a command without
// a setup is handed to planmine-stages with the same arguments.
int RunCli(int argc, char** argv, const std::vector<Command>& commands);

// Helpers the commands share.
std::string DefaultPacksDir();
// Prints "planmine: reason" (control characters escaped), returns 2.
int Fail(const Status& s);
// Prints `t` as an aligned table, CSV or typed JSON (format.h).
void Emit(const Table& t, const std::string& format, const std::string& command,
          size_t max_cell = 70);
void EmitTables(const std::vector<std::pair<std::string, Table>>& tables,
                const std::string& format, const std::string& command);
// --format with the given choices (the first is the default).
CLI::Option* AddFormat(CLI::App* app, std::string* format,
                       std::vector<std::string> choices = {"table", "json",
                                                           "csv"});
// The index for reading, read-only (Store::OpenForQuery); an error naming
// the real cause when it cannot be read (none, not a regular file, not
// SQLite, damaged, not a planmine index, a newer schema).
Result<std::unique_ptr<Store>> OpenIndex(const std::string& db_path);
// The names --type and --doc-type accept.
std::vector<std::string> DocTypeOptions();

}  // namespace planmine

#endif  // PLANMINE_CLI_COMMAND_H_
