#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "pipeline/cli/command.h"
#include "pipeline/cli/format.h"
#include "pipeline/cli/options.h"
#include "pipeline/core/doc_types.h"
#include "pipeline/core/utf8.h"
#include "pipeline/load/schema.h"

#ifndef PLANMINE_PACKS_DIR
#define PLANMINE_PACKS_DIR "extractors/packs"
#endif
#ifndef PLANMINE_VERSION
#define PLANMINE_VERSION "0.0.0"
#endif

namespace planmine {
namespace fs = std::filesystem;

std::string DefaultPacksDir() {
  if (const char* env = std::getenv("PLANMINE_PACKS")) return env;
  return PLANMINE_PACKS_DIR;
}

int Fail(const Status& s) {
  // Reasons name files: a name's control characters are escaped.
  std::cerr << "planmine: " << EscapeControl(s.message()) << "\n";
  return kExitFailed;
}

void Emit(const Table& t, const std::string& format, const std::string& command,
          size_t max_cell) {
  if (format == "json")
    PrintJson(t, std::cout, command);
  else if (format == "csv")
    PrintCsv(t, std::cout);
  else
    PrintTable(t, std::cout, max_cell);
}

void EmitTables(const std::vector<std::pair<std::string, Table>>& tables,
                const std::string& format, const std::string& command) {
  if (format == "json") {
    PrintJsonTables(tables, std::cout, command);
    return;
  }
  for (const auto& [title, table] : tables) {
    std::cout << "\n" << title << "\n";
    PrintTable(table, std::cout, 90);
  }
}

CLI::Option* AddFormat(CLI::App* app, std::string* format,
                       std::vector<std::string> choices) {
  *format = choices[0];
  std::string names;
  for (size_t i = 0; i < choices.size(); ++i)
    names += (i == 0                    ? ""
              : i + 1 == choices.size() ? " or "
                                        : ", ") +
             choices[i];
  return app->add_option("--format", *format, names)
      ->check(CLI::IsMember(choices))
      ->capture_default_str();
}

Result<std::unique_ptr<Store>> OpenIndex(const std::string& db_path) {
  // No file, not a file, not SQLite, damaged, not planmine's, too new: each
  // refused with its own reason (Store::OpenForQuery).
  return Store::OpenForQuery(db_path);
}

std::vector<std::string> DocTypeOptions() {
  std::vector<std::string> out;
  for (DocType t : kAllDocTypes) out.emplace_back(DocTypeName(t));
  return out;
}

namespace {

// The subcommand named in argv: the first word that is not an option or a
// global option's value.
std::string CommandName(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--db" || a == "--packs" || a == "--ocr") {
      ++i;
      continue;
    }
    if (!a.empty() && a[0] == '-') continue;
    return a;
  }
  return "";
}

// Hands a stages command to planmine-stages, installed beside this binary.
int ExecStages(char** argv) {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  fs::path stages =
      (ec ? fs::path(argv[0]) : self).parent_path() / "planmine-stages";
  argv[0] = const_cast<char*>("planmine");
  execv(stages.c_str(), argv);
  std::cerr << "planmine: cannot run " << stages.string() << ": "
            << std::strerror(errno)
            << " (ingest, extract, serve and the shard commands run in "
               "planmine-stages, built beside planmine)\n";
  return kExitFailed;
}

std::string VersionText(const std::string& packs_dir) {
  std::string v = std::string("planmine ") + PLANMINE_VERSION +
                  "\nindex schema " + std::to_string(kSchemaVersion) +
                  "\njson schema " + std::to_string(kJsonSchemaVersion) +
                  "\npacks (" + packs_dir + "):";
  // A pack's version is its "@version N" line (pattern_pack.h); only the
  // headers are read, nothing compiled.
  std::vector<std::string> lines;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(packs_dir, ec)) {
    if (e.path().extension() != ".pat") continue;
    std::ifstream in(e.path());
    std::string line, version = "?";
    for (int n = 0; n < 60 && std::getline(in, line); ++n) {
      if (line.rfind("@version", 0) == 0) {
        version = std::string(TrimAscii(line.substr(8)));
        break;
      }
    }
    lines.push_back(" " + e.path().stem().string() + "@" + version);
  }
  if (ec) return v + " (cannot read: " + ec.message() + ")";
  std::sort(lines.begin(), lines.end());
  for (const std::string& l : lines) v += l;
  return v;
}

}  // namespace

int RunCli(int argc, char** argv, const std::vector<Command>& commands) {
  {
    const std::string name = CommandName(argc, argv);
    for (const Command& c : commands)
      if (!c.setup &&
          (c.name == name || (c.name == "ingest" && name == "refresh")))
        return ExecStages(argv);
  }
  CLI::App app{
      "planmine: open-government action plans and reports in, a searchable "
      "index of commitments and themes out"};
  // Subcommands inherit fallthrough: an option a command does not know
  // (--db after the command's name) goes to the global options.
  app.fallthrough();
  GlobalOptions g;
  g.packs = DefaultPacksDir();
  app.add_option("--db", g.db, "The SQLite index")->capture_default_str();
  app.add_option("--ocr", g.ocr,
                 "OCR pages with no usable text layer: auto (when Tesseract is "
                 "installed), off, or images (auto, and also the words in "
                 "the images of pages that have a text layer: slower)")
      ->check(CLI::IsMember({"auto", "off", "images"}))
      ->capture_default_str();
  app.add_option("--packs", g.packs,
                 "Folder of pattern packs (*.pat) and themes.taxonomy.tsv")
      ->capture_default_str();
  bool version = false;
  app.add_flag("--version", version,
               "Print the version of planmine, of the index schema, of the "
               "JSON output and of each pattern pack");
  app.require_subcommand(0, 1);

  std::vector<std::pair<CLI::App*, RunFn>> runs;
  for (const Command& c : commands) {
    CLI::App* sub = app.add_subcommand(c.name, c.help);
    if (!c.setup) {
      sub->allow_extras();  // parsed by planmine-stages
      if (c.name == "ingest") sub->alias("refresh");
      runs.push_back({sub, nullptr});
      continue;
    }
    runs.push_back({sub, c.setup(sub)});
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ValidationError& e) {
    // A value out of its range (options.h): the range, in one line.
    std::cerr << "planmine: " << OptionErrorText(e.what()) << "\n";
    return kExitFailed;
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitFailed;
  }
  if (version) {
    std::cout << VersionText(g.packs) << "\n";
    return kExitOk;
  }
  for (auto& [sub, run] : runs)
    if (sub->parsed()) return run ? run(g) : ExecStages(argv);
  std::cerr << app.help();
  return kExitFailed;
}

}  // namespace planmine
