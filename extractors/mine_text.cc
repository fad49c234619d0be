// Small text helpers the miner's parts share (mine_internal.h).
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "extractors/mine_internal.h"
#include "pipeline/core/utf8.h"

namespace planmine {

// Table-of-contents lines: dotted leaders, or a title ending in a page number
// after a run of spaces/dots.
bool LooksLikeTocLine(std::string_view s) {
  static const RE2 kLeaders("(?:\\.\\s?){4,}|…{2,}|_{4,}");
  static const RE2 kTrailingPage("\\s\\d{1,3}\\s*$");
  return RE2::PartialMatch(s, kLeaders) ||
         (s.size() < 200 && RE2::PartialMatch(s, kTrailingPage) &&
          RE2::PartialMatch(s, "\\.{2,}|\\s{3,}"));
}

std::string CleanTitle(std::string t) {
  t = std::string(TrimAscii(t));
  while (!t.empty() && (t.back() == '.' || t.back() == ':' || t.back() == ' '))
    t.pop_back();
  return Utf8Truncate(t, 300);
}

// Whitespace runs become one space; ends trimmed.
std::string Squeeze(std::string_view s) {
  std::string out;
  bool space = false;
  for (char ch : s) {
    if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += ch;
  }
  return out;
}

// A field's value as written, without the punctuation that joined it to its
// label or to the next one.
std::string CleanValue(std::string_view v, size_t max_bytes) {
  std::string s = Squeeze(v);
  size_t b = 0;
  while (b < s.size() && (s[b] == ':' || s[b] == '-' || s[b] == ' ' ||
                          s[b] == '.' || s[b] == '?'))
    ++b;
  s = s.substr(b);
  while (!s.empty() && (s.back() == '.' || s.back() == ';' || s.back() == ',' ||
                        s.back() == ':' || s.back() == ' '))
    s.pop_back();
  return Utf8Truncate(s, max_bytes);
}

// "1.10" > "1.2"; "3" < "3.1".
int CompareNumbers(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    long x = -1, y = -1;
    if (i < a.size()) {
      x = strtol(a.c_str() + i, nullptr, 10);
      i = a.find('.', i);
      i = i == std::string::npos ? a.size() : i + 1;
    }
    if (j < b.size()) {
      y = strtol(b.c_str() + j, nullptr, 10);
      j = b.find('.', j);
      j = j == std::string::npos ? b.size() : j + 1;
    }
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

// True when the first letter is lower-case (ASCII or a Latin-1 letter).
bool StartsLower(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char u = static_cast<unsigned char>(s[i]);
    if (u < 0x80) {
      if (isalpha(u)) return islower(u);
      if (isdigit(u)) return false;
      continue;
    }
    if (u == 0xC3 && i + 1 < s.size()) {
      unsigned char v = static_cast<unsigned char>(s[i + 1]);
      return v >= 0x9F;  // U+00DF..U+00FF are lower-case
    }
    return false;
  }
  return false;
}

// Content words (4 bytes or more), folded as FoldedWords does.
std::vector<std::string> ContentWords(std::string_view text) {
  std::vector<std::string> out;
  for (std::string& w : FoldedWords(text))
    if (w.size() >= 4) out.push_back(std::move(w));
  return out;
}

// Splits a milestones value into its items. Items written with a due-date
// prefix ("12/15: …", "06/16 y 06/17: …") are dated by it (the latest when
// several); otherwise items are split at bullets and dated by the first date
// `dates` reads in their words. `structured` says which.
std::vector<Milestone> SplitMilestones(std::string_view value,
                                       const DateReader& dates,
                                       bool* structured) {
  static const RE2 kPrefix(
      "(?:^|\\s)((?:\\d{2}[/:]\\d{2})(?:\\s*(?:y|e|and|,|-)\\s*\\d{2}[/"
      ":]\\d{2})*"
      ")\\s*:\\s");
  static const RE2 kShort("(\\d{2})[/:](\\d{2})");
  std::vector<Milestone> out;
  std::vector<std::pair<size_t, size_t>> marks;  // prefix start, text start
  std::vector<std::string> dues;
  re2::StringPiece m[2];
  size_t from = 0;
  while (from < value.size() &&
         kPrefix.Match(value, from, value.size(), RE2::UNANCHORED, m, 2)) {
    size_t at = static_cast<size_t>(m[0].data() - value.data());
    re2::StringPiece prefix = m[1];
    std::string latest;
    re2::StringPiece mo, yy;
    while (RE2::FindAndConsume(&prefix, kShort, &mo, &yy)) {
      std::vector<std::string> iso =
          ReadDates(std::string(mo) + "/" + std::string(yy));
      if (iso.size() == 1 && iso[0] > latest) latest = iso[0];
    }
    from = at + m[0].size();
    if (latest.empty()) continue;
    marks.push_back({at, from});
    dues.push_back(latest);
  }
  *structured = !marks.empty();
  if (*structured) {
    for (size_t k = 0; k < marks.size(); ++k) {
      size_t end = k + 1 < marks.size() ? marks[k + 1].first : value.size();
      std::string t =
          CleanValue(value.substr(marks[k].second, end - marks[k].second), 600);
      if (!t.empty()) out.push_back({t, dues[k]});
    }
    return out;
  }
  std::string v(value);
  size_t p = 0;
  while (p < v.size()) {
    size_t q = v.find("•", p);
    if (q == std::string::npos) q = v.size();
    std::string t = CleanValue(std::string_view(v).substr(p, q - p), 600);
    if (t.size() > 3) {
      std::vector<std::string> due = dates(t);
      out.push_back({t, due.empty() ? std::string() : due.front()});
    }
    p = q + (q < v.size() ? strlen("•") : 0);
  }
  return out;
}

bool IsBulletOrContact(const std::string& s) {
  return s.rfind("•", 0) == 0 || s.find('@') != std::string::npos;
}

std::map<std::pair<int, int>, int> FirstSentences(
    const std::vector<Sentence>& sentences) {
  std::map<std::pair<int, int>, int> first;
  for (size_t i = 0; i < sentences.size(); ++i)
    first.emplace(std::pair(sentences[i].page, sentences[i].block),
                  static_cast<int>(i));
  return first;
}

void CloseUnit(Commitment* c, int next_start,
               const std::vector<Sentence>& sentences) {
  const int n = static_cast<int>(sentences.size());
  int end = std::min(next_start - 1, n - 1);
  end = std::min(end, c->first_sentence + 80);
  while (end > c->first_sentence && sentences[end].page > c->first_page + 8)
    --end;
  c->last_sentence = std::max(end, c->first_sentence);
  c->last_page = sentences[c->last_sentence].page;
}

void CloseUnits(std::vector<Commitment>* units,
                const std::vector<Sentence>& sentences) {
  for (size_t u = 0; u < units->size(); ++u) {
    int next = u + 1 < units->size() ? (*units)[u + 1].first_sentence
                                     : static_cast<int>(sentences.size());
    CloseUnit(&(*units)[u], next, sentences);
  }
}

}  // namespace planmine
