// planmine export: tidy tables for R, pandas and spreadsheets.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "pipeline/cli/command.h"
#include "pipeline/cli/commands/commands.h"
#include "pipeline/cli/format.h"

namespace planmine {
namespace {
namespace fs = std::filesystem;

struct ExportArgs {
  std::vector<std::string> tables;
  std::string format = "csv", out = "outputs/export";
};

// One table to DIR/name.format: CSV, or JSON lines typed as the JSON output.
Status WriteOne(Db& conn, const std::string& name, const ExportArgs& a,
                size_t* rows) {
  auto t = ExportTable(conn, name);
  if (!t.ok()) return t.status();
  std::string path = a.out + "/" + name + "." + a.format;
  std::ofstream out(path, std::ios::binary);
  if (!out) return IoError(path + ": cannot write");
  if (a.format == "csv") {
    PrintCsv(*t, out);
  } else {
    for (const auto& row : TypedRows(*t))
      out << row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
          << "\n";
  }
  out.close();
  if (!out) return IoError(path + ": write failed");
  *rows = t->rows.size();
  std::cout << path << ": " << *rows << " rows\n";
  return Status();
}

RunFn ExportSetup(CLI::App* exporter) {
  auto a = std::make_shared<ExportArgs>();
  exporter
      ->add_option("--table", a->tables,
                   "documents, commitments, commitment_themes, themes, "
                   "theme_hits, sentences, entities, statements (default: "
                   "all)")
      ->check(CLI::IsMember(ExportTables()));
  exporter->add_option("--format", a->format, "csv (RFC 4180) or jsonl")
      ->check(CLI::IsMember({"csv", "jsonl"}))
      ->capture_default_str();
  exporter->add_option("--out", a->out, "Folder to write <table>.<format>")
      ->capture_default_str();
  return [a](const GlobalOptions& g) {
    auto store = OpenIndex(g.db);
    if (!store.ok()) return Fail(store.status());
    std::vector<std::string> tables =
        a->tables.empty() ? ExportTables() : a->tables;
    std::error_code ec;
    fs::create_directories(a->out, ec);
    if (ec) return Fail(IoError(a->out + ": " + ec.message()));
    for (const std::string& name : tables) {
      size_t rows = 0;
      if (Status s = WriteOne((*store)->db(), name, *a, &rows); !s.ok())
        return Fail(s);
    }
    return kExitOk;
  };
}

}  // namespace

Command ExportCommand() {
  return {"export",
          "Tidy tables for R, pandas and spreadsheets, with stable keys",
          ExportSetup};
}

}  // namespace planmine
