#include "pipeline/query/rank_bound.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "pipeline/load/fts_rank.h"
#include "pipeline/load/fts_tokenizer.h"

namespace planmine {
namespace {

// The language a phrase's tokens are tagged with: "es", "pt", "en", or ""
// when sentences of any language can have it.
std::string PhraseLanguage(const std::string& phrase) {
  auto tagged = [](std::string_view lang) {
    return lang == "es" || lang == "pt" || lang == "en";
  };
  if (!phrase.empty() && phrase[0] == kRawMark) {  // one token, verbatim
    std::string_view token(phrase);
    token.remove_prefix(1);
    if (token.size() > 3 && token[2] == ':' && tagged(token.substr(0, 2)))
      return std::string(token.substr(0, 2));
    return "";
  }
  if (!phrase.empty() && phrase[0] == kLanguageMark) {
    size_t end = phrase.find(kLanguageEnd);
    if (end != std::string::npos && tagged(phrase.substr(1, end - 1)))
      return phrase.substr(1, end - 1);
  }
  return "";
}

}  // namespace

std::vector<std::string> QuotedPhrases(std::string_view fts, bool* plain) {
  std::vector<std::string> out;
  bool only = true;
  size_t i = 0;
  while (i < fts.size()) {
    const char c = fts[i];
    if (c == '"') {
      std::string phrase;
      size_t j = i + 1;
      for (; j < fts.size(); ++j) {
        if (fts[j] != '"') {
          phrase += fts[j];
        } else if (j + 1 < fts.size() && fts[j + 1] == '"') {
          phrase += '"';
          ++j;
        } else {
          break;
        }
      }
      if (j >= fts.size()) only = false;  // unterminated
      out.push_back(std::move(phrase));
      i = j + 1;
      continue;
    }
    if (c == '(' || c == ')' || c == '*' ||
        isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    // An operator, or something else (a bareword, NEAR, a column filter).
    size_t j = i;
    while (j < fts.size() && isalpha(static_cast<unsigned char>(fts[j]))) ++j;
    const std::string_view word = fts.substr(i, j - i);
    if (word != "AND" && word != "OR" && word != "NOT") only = false;
    i = std::max(j, i + 1);
  }
  if (plain != nullptr) *plain = only;
  return out;
}

double MaxOneLanguageWeight(std::string_view fts, std::string_view weights) {
  bool plain = false;
  const std::vector<std::string> phrases = QuotedPhrases(fts, &plain);
  if (!plain || phrases.empty()) return -1;
  std::vector<std::string> languages;
  for (const std::string& phrase : phrases)
    languages.push_back(PhraseLanguage(phrase));
  const std::vector<double> w =
      RankWeights(std::string(weights).c_str(), languages.size());
  double best = 0;
  for (const char* lang : {"es", "pt", "en"}) {
    double sum = 0;
    for (size_t k = 0; k < languages.size(); ++k)
      if (languages[k].empty() || languages[k] == lang) sum += w[k];
    best = std::max(best, sum);
  }
  return best;
}

double AverageWordsFromRecord(std::string_view record) {
  // SQLite varints: big-endian 7-bit groups, the high bit set on all but the
  // last; a ninth byte carries 8 bits.
  size_t at = 0;
  auto varint = [&](uint64_t* v) {
    *v = 0;
    for (int n = 0; n < 9; ++n) {
      if (at >= record.size()) return false;
      const unsigned char b = static_cast<unsigned char>(record[at++]);
      if (n == 8) {
        *v = (*v << 8) | b;
        return true;
      }
      *v = (*v << 7) | (b & 0x7f);
      if ((b & 0x80) == 0) return true;
    }
    return false;
  };
  uint64_t rows = 0, tokens = 0;
  if (!varint(&rows) || !varint(&tokens) || rows == 0 || tokens == 0) return 0;
  return static_cast<double>(tokens) / static_cast<double>(rows);
}

}  // namespace planmine
