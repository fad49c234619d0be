// segment: blocks -> sentences, with ICU's sentence rules per language.
//
// Sentences never cross a block. After ICU's breaks, a break is undone when
// the text before it ends in a known abbreviation (Sr. Dra. art. núm. Nº
// p. ej. e.g. i.e. …, per language, see kAbbreviations in the .cc) or in a
// single capital initial ("J. Pérez"). Sentences longer than max_bytes (table
// dumps) are cut at the last space before the limit. Offsets are bytes into
// the page text.
#ifndef PLANMINE_SEGMENT_SENTENCE_SPLITTER_H_
#define PLANMINE_SEGMENT_SENTENCE_SPLITTER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/normalize/normalizer.h"

namespace planmine {

struct Sentence {
  int page = 0;
  int block = 0;              // index into the page's blocks
  size_t start = 0, end = 0;  // byte range in the page text
  std::string language;
  std::string text;
};

struct SegmentOptions {
  size_t max_bytes = 1500;
};

class SentenceSplitter {
 public:
  static constexpr const char* kVersion = "segment-1";

  static Result<SentenceSplitter> Create(const SegmentOptions& options);

  // Byte ranges of the sentences of `text` (trimmed, non-empty).
  std::vector<std::pair<size_t, size_t>> SplitText(
      std::string_view text, const std::string& language) const;

  std::vector<Sentence> Split(const NormalizedDocument& doc) const;

 private:
  struct Prototypes;  // one ICU sentence iterator per language, cloned per use
  std::vector<std::pair<size_t, size_t>> SplitWith(void* iterator,
                                                   std::string_view text) const;

  SegmentOptions options_;
  std::shared_ptr<const Prototypes> prototypes_;
};

}  // namespace planmine

#endif  // PLANMINE_SEGMENT_SENTENCE_SPLITTER_H_
