// Corrections: what a researcher states about a document, over what the
// classifier infers. A correction is one key set to one value, with where it
// came from; the index keeps them (the corrections table, docs/schema.md)
// and every run applies them, so that a correction outlives re-mines and
// re-extracts.
//
//   auto key = ParseCorrectionKey("doc_type");        //
//   CorrectionKey::kDocType NormalizeCorrectionValue(*key, "irm_report"); //
//   "irm_report" NormalizeCorrectionValue(CorrectionKey::kCountry, "co");  //
//   "CO" CorrectionEvidence({kCountry, "CO", "manifest:in/m.csv:4"})
//                                                   // "correction (m.csv:4)"
#ifndef PLANMINE_CORE_CORRECTIONS_H_
#define PLANMINE_CORE_CORRECTIONS_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/status.h"

namespace planmine {

// The document attributes a correction can set; their names are the
// manifest's columns and the keys of `planmine set`.
enum class CorrectionKey {
  kTitle,        // free text
  kCountry,      // ISO 3166-1 alpha-2, upper case
  kYear,         // four digits
  kDocType,      // a name of core/doc_types.h
  kLanguage,     // es, pt, en or other (the document's; blocks keep theirs)
  kPlanCycle,    // free text: "2015-2017", "IV"
  kSubnational,  // free text: the city's or province's name
};

inline constexpr std::array<CorrectionKey, 7> kAllCorrectionKeys = {
    CorrectionKey::kTitle,      CorrectionKey::kCountry,
    CorrectionKey::kYear,       CorrectionKey::kDocType,
    CorrectionKey::kLanguage,   CorrectionKey::kPlanCycle,
    CorrectionKey::kSubnational};

// "title", "country", "year", "doc_type", "language", "plan_cycle",
// "subnational".
std::string_view CorrectionKeyName(CorrectionKey key);
std::optional<CorrectionKey> ParseCorrectionKey(std::string_view name);
// "title, country, …, subnational": for help texts and error messages.
std::string CorrectionKeyNames();

// The value as stored, or why it is not one: "country must be a two-letter
// code, got 'COL'" (and one core/countries.h knows), "year must be four
// digits, got '21'" (1900 to 2100), "doc_type must be one of action_plan,
// …, other, got 'plan'" (any case), "language must be one of es, pt, en,
// other, got 'klingon'", "title must not be empty". Free text (title,
// plan_cycle, subnational) is one line of UTF-8 of at most 1000 bytes: line
// breaks and tabs become spaces, other control characters are refused. The
// manifest and `planmine set` both check values here.
Result<std::string> NormalizeCorrectionValue(CorrectionKey key,
                                             std::string_view value);

struct Correction {
  CorrectionKey key = CorrectionKey::kTitle;
  std::string value;   // normalized (NormalizeCorrectionValue)
  std::string source;  // "manifest:PATH:LINE" or "set"
  std::string set_at;  // ISO 8601 UTC; empty until stored
};
using Corrections = std::vector<Correction>;

// What a corrected attribute's evidence says: "correction (m.csv:4)" for a
// manifest row (the manifest's file name and line), "correction (set)".
std::string CorrectionEvidence(const Correction& c);

// "country=CO\nyear=2021": the keys and values, in key order. A document
// row records the fingerprint of the corrections applied to it; a run that
// finds other corrections stored applies them again.
std::string CorrectionsFingerprint(const Corrections& corrections);

}  // namespace planmine

#endif  // PLANMINE_CORE_CORRECTIONS_H_
