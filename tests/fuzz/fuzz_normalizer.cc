// libFuzzer: the normalizer (one line, and a page of lines through
// dehyphenation and block placement) and the search tokenizer, on any bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "pipeline/load/fts_tokenizer.h"
#include "pipeline/normalize/normalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  static const planmine::Normalizer* n = [] {
    planmine::NormalizeOptions o;  // no word lists: fast, and enough here
    auto r = planmine::Normalizer::Create(o);
    if (!r.ok()) abort();
    return new planmine::Normalizer(std::move(*r));
  }();
  (void)planmine::Normalizer::NormalizeLine(text);
  planmine::ExtractedDocument doc;
  planmine::Page page;
  page.number = 1;
  page.width = 600;
  page.height = 800;
  planmine::Block block;
  double y = 10;
  size_t i = 0;
  while (i <= text.size()) {
    size_t j = text.find('\n', i);
    if (j == std::string::npos) j = text.size();
    planmine::Line line;
    line.text = text.substr(i, j - i);
    line.box = {10, y, 500, y + 10};
    block.lines.push_back(line);
    y += 12;
    i = j + 1;
  }
  page.blocks.push_back(block);
  doc.pages.push_back(page);
  doc.page_count = 1;
  (void)n->Normalize(doc);
  (void)planmine::DebugTokens(text, false);
  (void)planmine::DebugTokens(text, true);
  (void)planmine::CountWords(text);
  return 0;
}
