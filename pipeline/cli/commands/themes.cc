// planmine themes: theme mentions counted; `themes list`: the taxonomy.
#include <filesystem>
#include <iostream>
#include <map>

#include "extractors/pattern_pack.h"
#include "pipeline/cli/command.h"
#include "pipeline/cli/commands/commands.h"

namespace planmine {
namespace {

struct ThemesArgs {
  std::string by, format = "table";
};

int RunThemesList(const std::string& packs_dir, const std::string& format) {
  auto themes = LoadTaxonomy(
      (std::filesystem::path(packs_dir) / "themes.taxonomy.tsv").string());
  if (!themes.ok()) return Fail(themes.status());
  auto packs = LoadPackDir(packs_dir);
  if (!packs.ok()) return Fail(packs.status());
  std::map<std::string, std::map<std::string, int>> counts;  // id -> lang
  std::string versions;
  for (const PatternPack& p : *packs) {
    if (p.name != "themes") continue;
    versions += (versions.empty() ? "" : " ") + p.name + "." + p.language +
                "@" + std::to_string(p.version);
    for (const Pattern& x : p.patterns) ++counts[x.group][p.language];
  }
  Table t;
  t.columns = {"id",          "label_en",    "label_es",   "label_pt",
               "patterns_es", "patterns_pt", "patterns_en"};
  for (const Theme& th : *themes) {
    auto& c = counts[th.id];
    t.rows.push_back({th.id, th.label_en, th.label_es, th.label_pt,
                      std::to_string(c["es"]), std::to_string(c["pt"]),
                      std::to_string(c["en"])});
  }
  for (const char* n : {"patterns_es", "patterns_pt", "patterns_en"})
    t.SetType(n, ColumnType::kInteger);
  Emit(t, format, "themes list");
  if (format == "table")
    std::cout << "\n"
              << themes->size() << " themes from " << packs_dir
              << "/themes.taxonomy.tsv; patterns: " << versions << "\n";
  return kExitOk;
}

int RunThemes(const ThemesArgs& a, const GlobalOptions& g) {
  auto store = OpenIndex(g.db);
  if (!store.ok()) return Fail(store.status());
  auto t = ThemeCounts((*store)->db(), a.by);
  if (!t.ok()) return Fail(t.status());
  Emit(*t, a.format, "themes");
  return kExitOk;
}

RunFn ThemesSetup(CLI::App* themes) {
  auto a = std::make_shared<ThemesArgs>();
  themes
      ->add_option("--by", a->by,
                   "country, document or year (default: overall)")
      ->check(CLI::IsMember({"country", "document", "year"}));
  AddFormat(themes, &a->format);
  CLI::App* list = themes->add_subcommand(
      "list",
      "Print the theme taxonomy: ids, labels in en/es/pt and how many "
      "patterns each language has (no index needed)");
  AddFormat(list, &a->format);
  return [a, list](const GlobalOptions& g) {
    if (list->parsed()) return RunThemesList(g.packs, a->format);
    return RunThemes(*a, g);
  };
}

}  // namespace

Command ThemesCommand() {
  return {"themes", "Theme mentions counted by country, document or year",
          ThemesSetup};
}

}  // namespace planmine
