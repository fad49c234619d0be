// Dates in free text and organizations named with their acronym.
#include <re2/re2.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "extractors/mine_internal.h"
#include "pipeline/core/utf8.h"

namespace planmine {

std::string IsoDate(const std::string& day, const std::string& month,
                    const std::string& year) {
  static const std::map<std::string, int> kMonths = {
      {"enero", 1},      {"febrero", 2},   {"marzo", 3},     {"abril", 4},
      {"mayo", 5},       {"junio", 6},     {"julio", 7},     {"agosto", 8},
      {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},  {"noviembre", 11},
      {"diciembre", 12}, {"janeiro", 1},   {"fevereiro", 2}, {"março", 3},
      {"marco", 3},      {"maio", 5},      {"junho", 6},     {"julho", 7},
      {"setembro", 9},   {"outubro", 10},  {"novembro", 11}, {"dezembro", 12},
      {"january", 1},    {"february", 2},  {"march", 3},     {"april", 4},
      {"may", 5},        {"june", 6},      {"july", 7},      {"august", 8},
      {"september", 9},  {"october", 10},  {"november", 11}, {"december", 12},
  };
  if (year.size() != 4) return "";
  std::string out = year;
  if (month.empty()) return out;
  int m = 0;
  if (month.find_first_not_of("0123456789") == std::string::npos) {
    m = std::stoi(month);
  } else {
    auto it = kMonths.find(LowerUtf8(month));
    if (it == kMonths.end()) return "";
    m = it->second;
  }
  if (m < 1 || m > 12) return "";
  char buf[16];
  snprintf(buf, sizeof buf, "-%02d", m);
  out += buf;
  if (!day.empty()) {
    int d = std::stoi(day);
    if (d < 1 || d > 31) return "";
    snprintf(buf, sizeof buf, "-%02d", d);
    out += buf;
  }
  return out;
}

namespace {

struct DateRe {
  RE2 day_month_year{
      "(?i)\\b(\\d{1,2})\\s+(?:de\\s+)?([[:alpha:]çÇ]+)\\s+(?:de(?:l)?\\s+)?("
      "\\d{4})\\b"};
  RE2 month_year{
      "(?i)\\b([[:alpha:]çÇ]{3,})\\s+(?:de(?:l)?\\s+|of\\s+)?(\\d{4})\\b"};
  RE2 slash_year{"\\b(\\d{1,2})/(\\d{4})\\b"};
  RE2 slash_short{"\\b(\\d{2})/(\\d{2})\\b"};
  RE2 year{"\\b((?:19|20)\\d{2})\\b"};
};

const DateRe& Dates() {
  static const DateRe* d = new DateRe;
  return *d;
}

// Position of the first match of `re` in `text`, with up to 3 groups.
bool FindAt(const RE2& re, std::string_view text, size_t* pos,
            std::string g[3]) {
  re2::StringPiece m[4];
  int n = std::min(3, re.NumberOfCapturingGroups());
  if (!re.Match(text, 0, text.size(), RE2::UNANCHORED, m, n + 1)) return false;
  *pos = static_cast<size_t>(m[0].data() - text.data());
  for (int k = 0; k < 3; ++k) g[k] = k < n ? std::string(m[k + 1]) : "";
  return true;
}

}  // namespace

std::string FindDate(std::string_view text) {
  const DateRe& d = Dates();
  struct Cand {
    size_t pos;
    int rank;  // more specific first on ties
    std::string iso;
  };
  std::vector<Cand> c;
  size_t pos;
  std::string g[3];
  // Every form is searched from each of its matches until one parses.
  auto scan = [&](const RE2& re, int rank, auto make) {
    size_t from = 0;
    while (from < text.size()) {
      if (!FindAt(re, text.substr(from), &pos, g)) return;
      std::string iso = make();
      if (!iso.empty()) {
        c.push_back({from + pos, rank, iso});
        return;
      }
      from += pos + 1;
    }
  };
  scan(d.day_month_year, 0, [&] { return IsoDate(g[0], g[1], g[2]); });
  scan(d.month_year, 1, [&] { return IsoDate("", g[0], g[1]); });
  scan(d.slash_year, 2, [&] { return IsoDate("", g[0], g[1]); });
  scan(d.slash_short, 3, [&] { return IsoDate("", g[0], "20" + g[1]); });
  scan(d.year, 4, [&] { return g[0]; });
  if (c.empty()) return "";
  std::sort(c.begin(), c.end(), [](const Cand& a, const Cand& b) {
    return a.pos != b.pos ? a.pos < b.pos : a.rank < b.rank;
  });
  // A year inside a longer date found at an earlier position is that date.
  return c.front().iso;
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
