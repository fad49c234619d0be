#include "pipeline/core/corrections.h"

#include <algorithm>

#include "pipeline/core/countries.h"
#include "pipeline/core/doc_types.h"
#include "pipeline/core/utf8.h"

namespace planmine {
namespace {

// Years a document of planmine's can have: four digits are not enough
// ("0000", "9999").
constexpr const char* kMinYear = "1900";
constexpr const char* kMaxYear = "2100";
// A title is a line, not a page.
constexpr size_t kMaxFreeTextBytes = 1000;

}  // namespace

std::string_view CorrectionKeyName(CorrectionKey key) {
  switch (key) {
    case CorrectionKey::kTitle:
      return "title";
    case CorrectionKey::kCountry:
      return "country";
    case CorrectionKey::kYear:
      return "year";
    case CorrectionKey::kDocType:
      return "doc_type";
    case CorrectionKey::kLanguage:
      return "language";
    case CorrectionKey::kPlanCycle:
      return "plan_cycle";
    case CorrectionKey::kSubnational:
      return "subnational";
  }
  return "title";
}

std::optional<CorrectionKey> ParseCorrectionKey(std::string_view name) {
  for (CorrectionKey k : kAllCorrectionKeys)
    if (CorrectionKeyName(k) == name) return k;
  return std::nullopt;
}

std::string CorrectionKeyNames() {
  std::string out;
  for (CorrectionKey k : kAllCorrectionKeys) {
    if (!out.empty()) out += ", ";
    out += CorrectionKeyName(k);
  }
  return out;
}

Result<std::string> NormalizeCorrectionValue(CorrectionKey key,
                                             std::string_view raw) {
  std::string v(TrimAscii(raw));
  const std::string name(CorrectionKeyName(key));
  switch (key) {
    case CorrectionKey::kCountry: {
      for (char& c : v)
        c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
      if (v.size() != 2 || !isalpha(static_cast<unsigned char>(v[0])) ||
          !isalpha(static_cast<unsigned char>(v[1])))
        return InvalidArgument("country must be a two-letter code, got '" + v +
                               "'");
      if (FindCountry(v) == nullptr)
        return InvalidArgument(
            "country must be an ISO 3166-1 alpha-2 code planmine knows (" +
            std::to_string(AllCountries().size()) +
            " countries: AR, BR, CO, GB, MX, …), got '" + v + "'");
      return v;
    }
    case CorrectionKey::kYear:
      if (v.size() != 4 ||
          v.find_first_not_of("0123456789") != std::string::npos)
        return InvalidArgument("year must be four digits, got '" + v + "'");
      if (v < kMinYear || v > kMaxYear)
        return InvalidArgument("year must be between " + std::string(kMinYear) +
                               " and " + kMaxYear + ", got '" + v + "'");
      return v;
    case CorrectionKey::kDocType:
      v = AsciiLower(v);
      if (!ParseDocType(v))
        return InvalidArgument("doc_type must be one of " + DocTypeNames() +
                               ", got '" + v + "'");
      return v;
    case CorrectionKey::kLanguage:
      v = AsciiLower(v);
      if (v != "es" && v != "pt" && v != "en" && v != "other")
        return InvalidArgument(
            "language must be one of es, pt, en, other, got '" + v + "'");
      return v;
    case CorrectionKey::kTitle:
    case CorrectionKey::kPlanCycle:
    case CorrectionKey::kSubnational:
      if (v.empty()) return InvalidArgument(name + " must not be empty");
      if (!IsValidUtf8(v)) return InvalidArgument(name + " must be UTF-8 text");
      {
        // Line breaks (a quoted manifest cell may hold them) and tabs are
        // spaces; other control characters are not text.
        std::string one_line;
        for (char c : v) {
          if (c == '\n' || c == '\r' || c == '\t') {
            if (!one_line.empty() && one_line.back() != ' ') one_line += ' ';
          } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            return InvalidArgument(name +
                                   " must be text, without control "
                                   "characters");
          } else {
            one_line += c;
          }
        }
        v = one_line;
      }
      if (v.size() > kMaxFreeTextBytes)
        return InvalidArgument(name + " must be at most " +
                               std::to_string(kMaxFreeTextBytes) +
                               " bytes, got " + std::to_string(v.size()));
      return v;
  }
  return v;
}

std::string CorrectionEvidence(const Correction& c) {
  constexpr std::string_view kManifest = "manifest:";
  std::string_view where = c.source;
  if (where.substr(0, kManifest.size()) == kManifest) {
    where.remove_prefix(kManifest.size());
    // The manifest's file name and line, not its folders.
    size_t slash = where.rfind('/');
    if (slash != std::string_view::npos) where.remove_prefix(slash + 1);
  }
  return "correction (" + std::string(where) + ")";
}

std::string CorrectionsFingerprint(const Corrections& corrections) {
  std::vector<std::pair<CorrectionKey, const std::string*>> kv;
  for (const Correction& c : corrections) kv.push_back({c.key, &c.value});
  std::sort(kv.begin(), kv.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out;
  for (const auto& [k, v] : kv) {
    if (!out.empty()) out += '\n';
    (out += CorrectionKeyName(k)) += "=" + *v;
  }
  return out;
}

}  // namespace planmine
