// libFuzzer: PDF extraction (Poppler and planmine's layout analysis) on any
// bytes: a document or an error, never a crash or a hang.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "pipeline/extract/extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const planmine::Extractor* e = [] {
    planmine::ExtractOptions o;
    o.max_pages = 20;
    auto r = planmine::Extractor::Create(o);
    if (!r.ok()) abort();
    return new planmine::Extractor(std::move(*r));
  }();
  static const std::string path =
      "/tmp/planmine-fuzz-" + std::to_string(getpid()) + ".pdf";
  FILE* f = fopen(path.c_str(), "wb");
  if (f == nullptr) return 0;
  fwrite(data, 1, size, f);
  fclose(f);
  (void)e->Extract(path, planmine::SourceKind::kPdf);
  return 0;
}
