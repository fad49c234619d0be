// libFuzzer: the manifest reader (RFC 4180 CSV/TSV, byte order mark, UTF-8,
// values, repeated rows) never crashes, hangs or leaks; what it accepts
// holds only values `planmine set` accepts, every row names a line of the
// input, and matching its rows to a run's files never crashes either.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "pipeline/core/utf8.h"
#include "pipeline/discover/manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto m = planmine::Manifest::Parse(text, "/corpus", "m.csv");
  if (!m.ok()) {
    // Every refusal names the manifest and a line.
    if (m.status().message().rfind("m.csv:", 0) != 0) abort();
    return 0;
  }
  int lines = 1;
  for (char c : text) lines += c == '\n' || c == '\r';
  for (const planmine::ManifestEntry& e : m->entries()) {
    if (e.path.empty() || e.line < 2 || e.line > lines) abort();
    for (const planmine::Correction& c : m->CorrectionsOf(e)) {
      auto again = planmine::NormalizeCorrectionValue(c.key, c.value);
      if (!again.ok() || *again != c.value) abort();
      if (!planmine::IsValidUtf8(c.value)) abort();
    }
  }
  auto match = m->Match({"/corpus/a.pdf", "/corpus/2020/plan.pdf",
                         "/corpus/2021/plan.pdf", "/elsewhere/b.txt"});
  if (match.ok())
    for (const char* f : {"/corpus/a.pdf", "/corpus/2020/plan.pdf"})
      (void)match->Find(f);
  return 0;
}
