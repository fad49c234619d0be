#include "pipeline/language/language_detector.h"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <map>

namespace planmine {
namespace {

const char* OurCode(CLD2::Language l) {
  switch (l) {
    case CLD2::SPANISH:
      return "es";
    case CLD2::PORTUGUESE:
      return "pt";
    case CLD2::ENGLISH:
      return "en";
    default:
      return nullptr;
  }
}

}  // namespace

Result<LanguageDetector> LanguageDetector::Create() {
  return LanguageDetector();
}

LanguageGuess LanguageDetector::Detect(std::string_view text) const {
  LanguageGuess g;
  if (text.empty()) return g;
  // CLD2 reads a bounded prefix well; cap work on huge documents.
  int len = static_cast<int>(std::min<size_t>(text.size(), 256 * 1024));
  CLD2::Language lang3[3];
  int percent3[3];
  double score3[3];
  int text_bytes = 0;
  bool reliable = false;
  CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING,
                          CLD2::UNKNOWN_LANGUAGE};
  CLD2::ExtDetectLanguageSummary(text.data(), len, /*is_plain_text=*/true,
                                 &hints, 0, lang3, percent3, score3, nullptr,
                                 &text_bytes, &reliable);
  if (text_bytes < 8) return g;  // nothing that looks like words
  for (int i = 0; i < 3; ++i) {
    const char* code = OurCode(lang3[i]);
    if (code && percent3[i] >= 20) {
      g.code = code;
      g.confidence = percent3[i] / 100.0 * (reliable && i == 0 ? 1.0 : 0.7);
      g.reliable = reliable && i == 0;
      return g;
    }
  }
  if (lang3[0] != CLD2::UNKNOWN_LANGUAGE && percent3[0] > 0) {
    g.code = "other";
    g.confidence = percent3[0] / 100.0;
    g.reliable = reliable;
  }
  return g;
}

LanguageGuess LanguageDetector::DocumentLanguage(
    const NormalizedDocument& doc) const {
  std::string all;
  for (const NormalizedPage& p : doc.pages) {
    if (all.size() > 256 * 1024) break;
    all += p.text;
    all += '\n';
  }
  return Detect(all);
}

LanguageGuess LanguageDetector::DetectDocument(NormalizedDocument* doc) const {
  LanguageGuess g = DocumentLanguage(*doc);
  // A block is judged on its own words when it has enough of them (a
  // paragraph); a short one (a heading, a label, a table cell: CLD2 reads
  // "COMPROMISO NRO. 6: MÁS TRANSPARENCIA EN EL SECTOR EDUCATIVO." as
  // English) takes the language most of its page's paragraphs are in, else
  // the document's.
  constexpr size_t kParagraph = 200;
  for (NormalizedPage& p : doc->pages) {
    std::map<std::string, int> votes;
    std::vector<LanguageGuess> own(p.blocks.size());
    for (size_t i = 0; i < p.blocks.size(); ++i) {
      const NormalizedBlock& b = p.blocks[i];
      std::string_view t(p.text.data() + b.start, b.end - b.start);
      if (t.size() < kParagraph) continue;
      own[i] = Detect(t);
      if (own[i].reliable && own[i].code != "other") ++votes[own[i].code];
    }
    LanguageGuess page = g;
    int best = 0;
    for (const auto& [code, n] : votes)
      if (n > best) best = n, page.code = code;
    for (size_t i = 0; i < p.blocks.size(); ++i) {
      NormalizedBlock& b = p.blocks[i];
      if (own[i].reliable && own[i].code != "other") {
        b.language = own[i].code;
        b.language_confidence = own[i].confidence;
      } else {
        b.language = page.code;
        b.language_confidence = g.confidence / 2;
      }
    }
  }
  return g;
}

}  // namespace planmine
