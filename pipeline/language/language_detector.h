// language: es / pt / en / other for a document and for each of its blocks
// (CLD2).
//
// CLD2 is met only here. Its answer is narrowed to planmine's languages: the
// first of its top three that is es, pt or en with at least 20% of the text
// wins; otherwise "other". Text too short or too unreliable to judge gives
// "und" for a document, and a block that cannot be judged on its own (under
// 60 bytes, or CLD2 unsure) takes the document's language at half confidence.
#ifndef PLANMINE_LANGUAGE_LANGUAGE_DETECTOR_H_
#define PLANMINE_LANGUAGE_LANGUAGE_DETECTOR_H_

#include <string>
#include <string_view>

#include "pipeline/core/status.h"
#include "pipeline/normalize/normalizer.h"

namespace planmine {

struct LanguageGuess {
  std::string code = "und";  // es | pt | en | other | und
  double confidence = 0;     // 0..1
  bool reliable = false;
};

class LanguageDetector {
 public:
  static constexpr const char* kVersion = "cld2-2";

  static Result<LanguageDetector> Create();

  LanguageGuess Detect(std::string_view text) const;

  // Detects the whole document, then fills every block's language.
  LanguageGuess DetectDocument(NormalizedDocument* doc) const;
  // The whole document's language as DetectDocument returns it, the blocks
  // left alone (a document whose language correction was removed gets its
  // detected one back from its stored text).
  LanguageGuess DocumentLanguage(const NormalizedDocument& doc) const;
};

}  // namespace planmine

#endif  // PLANMINE_LANGUAGE_LANGUAGE_DETECTOR_H_
