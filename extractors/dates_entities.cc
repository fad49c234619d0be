// Dates in free text and organizations named with their acronym.
#include <re2/re2.h>

#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "extractors/mine_internal.h"
#include "pipeline/core/utf8.h"

namespace planmine {

namespace {

// The date forms, most specific first; month words are already "\x01MM".
// Between a day, a month and a year a short joining word may stand ("1 de
// marzo de 2025", "março de 2025"): one to three letters, whatever the
// language.
struct DateForms {
  RE2 iso{"\\b((?:19|20)\\d{2})-(\\d{1,2})(?:-(\\d{1,2}))?\\b"};
  RE2 day_month_year_num{
      "\\b(\\d{1,2})[/.-](\\d{1,2})[/.-]((?:19|20)\\d{2})\\b"};
  RE2 day_month_year{
      "\\b(\\d{1,2})(?:º|°|st|nd|rd|th)?[\\s/"
      ".-]*(?:\\pL{1,3}\\s+)?\\x01(\\d\\d)"
      "[\\s,/.-]*(?:\\pL{1,3}\\s+)?((?:19|20)\\d{2})\\b"};
  RE2 month_day_year{
      "\\x01(\\d\\d)\\s*(\\d{1,2})(?:st|nd|rd|th)?\\s*,?\\s+((?:19|20)\\d{2})"
      "\\b"};
  RE2 month_year{
      "\\x01(\\d\\d)[\\s,/.-]*(?:\\pL{1,3}\\s+)?((?:19|20)\\d{2})\\b"};
  RE2 month_year_num{"\\b(\\d{1,2})[/.-]((?:19|20)\\d{2})\\b"};
  RE2 month_year_short{"\\b(\\d{2})/(\\d{2})\\b"};
  RE2 year{"\\b((?:19|20)\\d{2})\\b"};
};

const DateForms& Forms() {
  static const DateForms* f = new DateForms;
  return *f;
}

std::string Iso(int y, int m, int d) {
  if (y < 1900 || y > 2099) return "";
  char buf[16];
  if (m == 0) {
    snprintf(buf, sizeof buf, "%04d", y);
    return buf;
  }
  if (m < 1 || m > 12) return "";
  if (d == 0) {
    snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    return buf;
  }
  if (d < 1 || d > 31) return "";
  snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

int Num(const re2::StringPiece& s) {
  return s.empty() ? 0 : std::stoi(std::string(s));
}

}  // namespace

std::vector<std::string> ReadDates(std::string_view marked) {
  const DateForms& f = Forms();
  // Each form with how it reads its groups into (year, month, day).
  struct Form {
    const RE2* re;
    std::string (*read)(const re2::StringPiece* g);
  };
  static const Form kForms[] = {
      {&f.iso,
       [](const re2::StringPiece* g) {
         return Iso(Num(g[1]), Num(g[2]), Num(g[3]));
       }},
      // 01/03/2025 is day first unless the day cannot be a month's.
      {&f.day_month_year_num,
       [](const re2::StringPiece* g) {
         int a = Num(g[1]), b = Num(g[2]);
         return b > 12 && a <= 12 ? Iso(Num(g[3]), a, b) : Iso(Num(g[3]), b, a);
       }},
      {&f.day_month_year,
       [](const re2::StringPiece* g) {
         return Iso(Num(g[3]), Num(g[2]), Num(g[1]));
       }},
      {&f.month_day_year,
       [](const re2::StringPiece* g) {
         return Iso(Num(g[3]), Num(g[1]), Num(g[2]));
       }},
      {&f.month_year,
       [](const re2::StringPiece* g) { return Iso(Num(g[2]), Num(g[1]), 0); }},
      {&f.month_year_num,
       [](const re2::StringPiece* g) { return Iso(Num(g[2]), Num(g[1]), 0); }},
      {&f.month_year_short,
       [](const re2::StringPiece* g) {
         return Iso(2000 + Num(g[2]), Num(g[1]), 0);
       }},
      {&f.year, [](const re2::StringPiece* g) { return Iso(Num(g[1]), 0, 0); }},
  };
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < marked.size()) {
    // The earliest date from `pos`; at one position, the most specific
    // form that reads.
    size_t best_at = std::string_view::npos, best_end = 0;
    std::string best;
    for (const Form& form : kForms) {
      re2::StringPiece g[4];
      size_t from = pos;
      while (from < marked.size()) {
        if (!form.re->Match(marked, from, marked.size(), RE2::UNANCHORED, g, 4))
          break;
        size_t at = static_cast<size_t>(g[0].data() - marked.data());
        std::string iso = form.read(g);
        if (iso.empty()) {
          from = at + 1;
          continue;
        }
        if (at < best_at) {
          best_at = at;
          best_end = at + g[0].size();
          best = std::move(iso);
        }
        break;
      }
    }
    if (best.empty()) break;
    out.push_back(std::move(best));
    pos = best_end;
  }
  return out;
}

std::vector<std::string> Miner::DatesIn(std::string_view text,
                                        std::string_view language,
                                        size_t max_bytes) const {
  // Each month word becomes kMonthMark and its number, earliest first
  // (one at a time: a pattern reports its first match only).
  std::string marked(Utf8Truncate(text, max_bytes));
  // The value's own language first; every pack's months when it has none
  // of them (an English date in a Spanish plan).
  std::string_view lang = language;
  for (int guard = 0; guard < 16; ++guard) {
    std::vector<PatternMatch> ms = MatchEach(marked, lang, "dates", "month");
    if (ms.empty() && guard == 0 && !lang.empty()) {
      lang = {};
      ms = MatchEach(marked, lang, "dates", "month");
    }
    if (ms.empty()) break;
    const PatternMatch* best = &ms.front();
    for (const PatternMatch& m : ms)
      if (m.start < best->start ||
          (m.start == best->start && m.end > best->end))
        best = &m;
    const Pattern& p = (*packs_)[best->pack].patterns[best->pattern];
    marked.replace(best->start, best->end - best->start,
                   std::string(1, kMonthMark) + p.key);
  }
  return ReadDates(marked);
}

namespace {

// The name an acronym abbreviates: the shortest run of words just before it
// whose initials are the acronym's capitals in order, joining words ("de",
// "la", "of", "and"…) skipped. "Instituto Federal de Acceso a la
// Información" for IFAI; "Ministerio de Tecnologías de la Información y las
// Comunicaciones" for MinTIC. Empty if none.
std::string LongForm(const std::string& acronym, std::string_view before) {
  static const std::set<std::string> kJoin = {
      "de", "del", "la", "las", "los", "el", "y",   "e",   "para", "en", "a",
      "al", "do",  "da", "dos", "das", "of", "the", "and", "for",  "on", "in"};
  std::string letters;
  bool all_upper = true;
  for (char ch : acronym)
    if (islower(static_cast<unsigned char>(ch))) all_upper = false;
  for (char ch : acronym) {
    unsigned char u = static_cast<unsigned char>(ch);
    if (isalpha(u) && (all_upper || isupper(u)))
      letters += static_cast<char>(tolower(u));
  }
  if (letters.size() < 2) return "";
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < before.size()) {
    while (i < before.size() && (before[i] == ' ' || before[i] == '-')) ++i;
    size_t j = i;
    while (j < before.size() && before[j] != ' ') ++j;
    if (j > i) words.push_back(before.substr(i, j - i));
    i = j;
  }
  // Backwards over words and letters; a joining word may be skipped or, when
  // its initial fits ("a" in "Acceso a la Información"), used.
  std::vector<char> initial(words.size());
  std::vector<bool> joining(words.size());
  for (size_t k = 0; k < words.size(); ++k) {
    std::string f = FoldUtf8(Utf8Truncate(words[k], 4));
    initial[k] = f.empty() ? 0 : f[0];
    joining[k] = kJoin.count(FoldUtf8(words[k])) > 0;
  }
  std::function<int(int, int)> fit = [&](int l, int w) -> int {
    if (l < 0) return w + 1;  // the name starts after word w
    if (w < 0) return -1;
    if (initial[w] == letters[l]) {
      int r = fit(l - 1, w - 1);
      if (r >= 0) return r;
    }
    return joining[w] ? fit(l, w - 1) : -1;
  };
  int start = fit(static_cast<int>(letters.size()) - 1,
                  static_cast<int>(words.size()) - 1);
  if (start < 0) return "";
  int w = start - 1;
  std::string out;
  for (size_t k = static_cast<size_t>(w + 1); k < words.size(); ++k) {
    if (!out.empty()) out += ' ';
    out += std::string(words[k]);
  }
  // The name starts with a capital and holds more than one word.
  if (out.empty() || StartsLower(out) || out.find(' ') == std::string::npos)
    return "";
  return out;
}

}  // namespace

std::vector<AcronymPair> FindAcronymPairs(std::string_view text) {
  static const RE2 kParen("\\(([A-ZÁÉÍÓÚÑ][A-Za-zÁÉÍÓÚÑ&]{1,11})\\)");
  static const RE2 kDash("\\s[-–]\\s?([A-Z][A-Za-z]{1,11})(?:[\\s,.;)]|$)");
  std::vector<AcronymPair> out;
  auto upper_count = [](const std::string& a) {
    int n = 0;
    for (char ch : a) n += isupper(static_cast<unsigned char>(ch)) ? 1 : 0;
    return n;
  };
  for (const RE2* re : {&kParen, &kDash}) {
    re2::StringPiece m[2];
    size_t from = 0;
    while (from < text.size() &&
           re->Match(text, from, text.size(), RE2::UNANCHORED, m, 2)) {
      size_t at = static_cast<size_t>(m[0].data() - text.data());
      from = at + m[0].size();
      std::string acr(m[1]);
      if (upper_count(acr) < 2 || acr.size() < 2) continue;
      // The text before the acronym, back to a clause boundary.
      size_t lo = at;
      while (lo > 0 && at - lo < 200 && text[lo - 1] != '(' &&
             text[lo - 1] != ';' && text[lo - 1] != ':' &&
             text[lo - 1] != ',' && text[lo - 1] != '.')
        --lo;
      std::string_view before = text.substr(lo, at - lo);
      std::string name = LongForm(acr, before);
      if (name.empty()) continue;
      size_t name_at = lo + before.rfind(name.substr(0, name.find(' ')));
      out.push_back({name, acr, name_at, from});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const AcronymPair& a, const AcronymPair& b) {
              return a.start < b.start;
            });
  return out;
}

}  // namespace planmine
