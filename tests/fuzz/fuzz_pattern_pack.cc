// libFuzzer: the pattern-pack parser. Any text gives a pack or an error that
// names the file and a line; never a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "extractors/pattern_pack.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto pack = planmine::ParsePatternPack(text, "fuzz.pat");
  if (!pack.ok() && pack.status().message().rfind("fuzz.pat", 0) != 0)
    abort();  // every error starts with the file's name
  return 0;
}
