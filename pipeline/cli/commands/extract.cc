// planmine extract FILE: every stage on one file, printed; no database.
#include <iostream>
#include <nlohmann/json.hpp>

#include "pipeline/cli/command.h"
#include "pipeline/cli/commands/commands.h"
#include "pipeline/cli/format.h"
#include "pipeline/cli/options.h"
#include "pipeline/extract/debug_layout.h"
#include "pipeline/extract/extractor.h"
#include "pipeline/load/document_json.h"
#include "pipeline/runner/pipeline.h"

namespace planmine {
namespace {

struct ExtractArgs {
  std::string file, format = "text", debug_layout;
  int max_pages = 5000;
};

// The layout pictures of --debug-layout: extraction only, marks kept.
int WriteDebugLayout(const std::string& file, int max_pages,
                     const std::string& dir) {
  ExtractOptions eo;
  eo.max_pages = max_pages;
  eo.layout_marks = true;
  auto ex = Extractor::Create(eo);
  if (!ex.ok()) return Fail(ex.status());
  auto doc = ex->Extract(file, SourceKind::kPdf);
  if (!doc.ok()) return Fail(doc.status());
  Status st = WriteLayoutDebug(file, *doc, dir);
  if (!st.ok()) return Fail(st);
  std::cerr << "planmine: layout pictures in " << dir << "/page-N.png\n";
  return kExitOk;
}

int RunExtract(const ExtractArgs& a, const GlobalOptions& g) {
  const std::string& file = a.file;
  if (!a.debug_layout.empty()) {
    int rc = WriteDebugLayout(file, a.max_pages, a.debug_layout);
    if (rc != kExitOk) return rc;
  }
  auto pipeline = MakePipeline(g, a.max_pages);
  if (!pipeline.ok()) return Fail(pipeline.status());
  Discovery d = Discover({file});
  if (!d.errors.empty()) return Fail(d.errors[0].status);
  if (d.files.empty()) return Fail(NotFound(file + ": not a file"));
  auto doc = pipeline->Process(d.files[0], nullptr);
  if (!doc.ok()) return Fail(doc.status());
  if (a.format == "json") {
    nlohmann::ordered_json j = JsonEnvelope("extract");
    nlohmann::ordered_json document = DocumentJson(*doc);
    for (auto it = document.begin(); it != document.end(); ++it)
      j[it.key()] = std::move(it.value());
    PrintJsonValue(j, std::cout);
  } else {
    for (size_t i = 0; i < doc->text.pages.size(); ++i) {
      if (i) std::cout << '\f';
      std::cout << doc->text.pages[i].text << "\n";
    }
  }
  if (doc->status != "ok") {
    std::cerr << "planmine: " << doc->error << "\n";
    return kExitFailed;
  }
  return kExitOk;
}

}  // namespace

RunFn ExtractSetup(CLI::App* extract) {
  auto a = std::make_shared<ExtractArgs>();
  extract->add_option("FILE", a->file, "A PDF, .txt or .md file")->required();
  extract
      ->add_option("--format", a->format,
                   "text (pages separated by form feeds) or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  extract
      ->add_option("--max-pages", a->max_pages, "Read at most this many pages")
      ->transform(IntRange("--max-pages", 1, kMaxPages))
      ->capture_default_str();
  extract->add_option(
      "--debug-layout", a->debug_layout,
      "Also write DIR/page-N.png (regions drawn over the page: columns blue, "
      "bands orange, table cells green, insets magenta, footnotes grey, "
      "column edges red) and DIR/page-N.txt (blocks in reading order)");
  return [a](const GlobalOptions& g) { return RunExtract(*a, g); };
}

}  // namespace planmine
