#include "extractors/miner.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <functional>
#include <set>
#include <tuple>

#include "pipeline/core/sha256.h"
#include "pipeline/core/utf8.h"
#include "pipeline/normalize/normalizer.h"

namespace planmine {

struct Miner::Compiled {
  std::unique_ptr<RE2::Set> set;
  std::vector<std::unique_ptr<RE2>> res;
  std::vector<std::string> keys;  // PatternKey of each pattern
};

namespace {

RE2::Options PackOptions() {
  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  return o;
}

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

}  // namespace

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

Result<Miner> Miner::Create(std::vector<PatternPack> packs) {
  auto compiled = std::make_shared<std::vector<Compiled>>();
  for (const PatternPack& pack : packs) {
    Compiled c;
    c.set = std::make_unique<RE2::Set>(PackOptions(), RE2::UNANCHORED);
    for (const Pattern& p : pack.patterns) {
      std::string err;
      if (c.set->Add(p.regex, &err) < 0)
        return InvalidArgument(pack.path + ":" + std::to_string(p.line) +
                               ": pattern '" + p.id + "': " + err);
      auto re = std::make_unique<RE2>(p.regex, PackOptions());
      if (!re->ok())
        return InvalidArgument(pack.path + ":" + std::to_string(p.line) +
                               ": pattern '" + p.id + "': " + re->error());
      c.res.push_back(std::move(re));
      c.keys.push_back(Sha256Hex(std::string(kMatchVersion) + '\n' +
                                 pack.language + '\n' + p.regex)
                           .substr(0, 16));
    }
    if (!c.set->Compile())
      return InvalidArgument(pack.path + ": pattern set too large to compile");
    compiled->push_back(std::move(c));
  }
  Miner m;
  m.packs_ = std::make_shared<const std::vector<PatternPack>>(std::move(packs));
  m.compiled_ = std::move(compiled);
  return m;
}

std::string Miner::VersionString() const {
  std::string s = kVersion;
  for (const PatternPack& p : *packs_) {
    s += ' ';
    // The content hash too: an edited pack whose @version was not bumped
    // still re-mines.
    s += p.name + "." + p.language + "@" + std::to_string(p.version) + "#" +
         p.sha256.substr(0, 8);
  }
  return s;
}

const std::string& Miner::PatternKey(size_t pack, size_t pattern) const {
  return (*compiled_)[pack].keys[pattern];
}

bool Miner::Applies(size_t pack, std::string_view language) const {
  const bool known = language == "es" || language == "pt" || language == "en";
  const std::string& pack_language = (*packs_)[pack].language;
  return !known || pack_language == "any" || pack_language == language;
}

bool Miner::Locate(size_t pack, size_t pattern, std::string_view text,
                   PatternMatch* m) const {
  const RE2& re = *(*compiled_)[pack].res[pattern];
  int n = re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> groups(n + 1);
  if (!re.Match(text, 0, text.size(), RE2::UNANCHORED, groups.data(), n + 1))
    return false;
  m->pack = pack;
  m->pattern = pattern;
  m->start = static_cast<size_t>(groups[0].data() - text.data());
  m->end = m->start + groups[0].size();
  // Expanded word boundaries may have taken a neighbouring space or
  // punctuation mark into the span; give it back.
  auto edge = [](char ch) {
    unsigned char u = static_cast<unsigned char>(ch);
    return u < 0x80 && !isalnum(u) && ch != '@' && ch != '/' && ch != '_';
  };
  while (m->start < m->end && edge(text[m->start])) ++m->start;
  while (m->end > m->start && edge(text[m->end - 1]) && text[m->end - 1] != ')')
    --m->end;
  m->captures.clear();
  for (const auto& [name, idx] : re.NamedCapturingGroups()) {
    if (groups[idx].data() != nullptr)
      m->captures[name] = std::string(groups[idx]);
  }
  return true;
}

std::vector<PatternMatch> Miner::Match(std::string_view text,
                                       std::string_view language,
                                       std::string_view pack_name) const {
  std::vector<PatternMatch> out;
  for (size_t k = 0; k < compiled_->size(); ++k) {
    if (!Applies(k, language)) continue;
    if (!pack_name.empty() && (*packs_)[k].name != pack_name) continue;
    const Compiled& c = (*compiled_)[k];
    std::vector<int> hits;
    RE2::Set::ErrorInfo info;
    if (!c.set->Match(text, &hits, &info)) {
      if (info.kind != RE2::Set::kOutOfMemory) continue;
      // The set's DFA ran out of memory on this text: ask each pattern.
      hits.clear();
      for (size_t i = 0; i < c.res.size(); ++i)
        if (RE2::PartialMatch(text, *c.res[i]))
          hits.push_back(static_cast<int>(i));
      if (hits.empty()) continue;
    }
    std::sort(hits.begin(), hits.end());
    for (int h : hits) {
      PatternMatch m;
      if (Locate(k, static_cast<size_t>(h), text, &m))
        out.push_back(std::move(m));
    }
  }
  return out;
}

std::vector<PatternMatch> Miner::MatchEach(std::string_view text,
                                           std::string_view language,
                                           std::string_view pack_name,
                                           std::string_view group) const {
  std::vector<PatternMatch> out;
  for (size_t k = 0; k < compiled_->size(); ++k) {
    if (!Applies(k, language) || (*packs_)[k].name != pack_name) continue;
    for (size_t i = 0; i < (*compiled_)[k].res.size(); ++i) {
      if (!group.empty() && (*packs_)[k].patterns[i].group != group) continue;
      PatternMatch m;
      if (Locate(k, i, text, &m)) out.push_back(std::move(m));
    }
  }
  return out;
}

namespace {

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

namespace {

// A label found inside a commitment.
struct Label {
  int sentence = 0;
  size_t start = 0, end = 0;  // in the sentence
  std::string field;
};

// Splits a milestones value into its items. Items written with a due-date
// prefix ("12/15: …", "06/16 y 06/17: …") are dated by it (the latest when
// several); otherwise items are split at bullets and dated by the first date
// in their words. `structured` says which.
std::vector<Milestone> SplitMilestones(std::string_view value,
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
    re2::StringPiece dates = m[1];
    std::string latest;
    re2::StringPiece mo, yy;
    while (RE2::FindAndConsume(&dates, kShort, &mo, &yy)) {
      std::string iso = IsoDate("", std::string(mo), "20" + std::string(yy));
      if (iso > latest) latest = iso;
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
    if (t.size() > 3) out.push_back({t, FindDate(t)});
    p = q + (q < v.size() ? strlen("•") : 0);
  }
  return out;
}

bool IsBulletOrContact(const std::string& s) {
  return s.rfind("•", 0) == 0 || s.find('@') != std::string::npos;
}

}  // namespace

Findings Miner::Mine(const std::vector<Sentence>& sentences,
                     const NormalizedDocument* pages, const MatchCache* reuse,
                     MatchCache* out) const {
  Findings f;
  const int n = static_cast<int>(sentences.size());
  // Every pattern's matches in every sentence, in pack then pattern order:
  // taken from `reuse` for the patterns it has, found for the others.
  std::vector<std::vector<PatternMatch>> found(sentences.size());
  if (reuse == nullptr) {
    for (int si = 0; si < n; ++si)
      found[si] = Match(sentences[si].text, sentences[si].language);
  } else {
    const std::set<std::string> have(reuse->patterns.begin(),
                                     reuse->patterns.end());
    for (size_t k = 0; k < compiled_->size(); ++k) {
      const Compiled& c = (*compiled_)[k];
      for (size_t i = 0; i < c.res.size(); ++i) {
        if (have.count(c.keys[i])) {
          auto it = reuse->matches.find(c.keys[i]);
          if (it == reuse->matches.end()) continue;
          for (const SentenceMatch& sm : it->second) {
            if (sm.sentence < 0 || sm.sentence >= n) continue;
            found[sm.sentence].push_back({k, i, sm.start, sm.end, sm.captures});
          }
          continue;
        }
        for (int si = 0; si < n; ++si) {  // new or edited: run it
          if (!Applies(k, sentences[si].language)) continue;
          PatternMatch m;
          if (Locate(k, i, sentences[si].text, &m))
            found[si].push_back(std::move(m));
        }
      }
    }
    // The order Match gives (the loop below depends on it).
    for (auto& v : found)
      std::sort(
          v.begin(), v.end(), [](const PatternMatch& a, const PatternMatch& b) {
            return std::tie(a.pack, a.pattern) < std::tie(b.pack, b.pattern);
          });
  }
  if (out != nullptr) {
    out->patterns.clear();
    out->matches.clear();
    std::set<std::pair<size_t, size_t>> first;  // one pattern per key
    for (size_t k = 0; k < compiled_->size(); ++k)
      for (size_t i = 0; i < (*compiled_)[k].keys.size(); ++i) {
        const std::string& key = (*compiled_)[k].keys[i];
        if (out->matches.count(key)) continue;
        out->patterns.push_back(key);
        out->matches[key];
        first.insert({k, i});
      }
    for (int si = 0; si < n; ++si)
      for (const PatternMatch& m : found[si])
        if (first.count({m.pack, m.pattern}))
          out->matches[PatternKey(m.pack, m.pattern)].push_back(
              {si, m.start, m.end, m.captures});
    for (auto it = out->matches.begin(); it != out->matches.end();)
      it = it->second.empty() ? out->matches.erase(it) : std::next(it);
  }
  std::vector<std::set<std::string>> sentence_themes(sentences.size());
  std::vector<std::vector<Label>> labels(sentences.size());
  std::vector<std::vector<std::pair<std::string, std::string>>> levels(
      sentences.size());  // (level id, matched text)
  std::vector<std::set<std::string>> ogp(sentences.size());
  std::vector<bool> ogp_context(sentences.size(), false);
  std::vector<int> fichas;
  std::vector<Commitment> heads;
  std::vector<Commitment> statements;
  for (int si = 0; si < n; ++si) {
    const Sentence& s = sentences[si];
    std::set<std::string> themes_here;
    size_t entities_before = f.entities.size();
    bool ficha_here = false;
    for (const PatternMatch& m : found[si]) {
      const PatternPack& pack = (*packs_)[m.pack];
      const Pattern& p = pack.patterns[m.pattern];
      std::string matched = s.text.substr(m.start, m.end - m.start);
      if (pack.name == "themes") {
        if (!themes_here.insert(p.group).second)
          continue;  // one hit per theme per sentence
        f.theme_hits.push_back({p.group, p.id, si, s.page, s.start + m.start,
                                s.start + m.end, matched});
      } else if (pack.name == "entities") {
        Entity e;
        e.type = p.group;
        e.text = matched;
        e.pattern_id = p.id;
        e.sentence = si;
        e.page = s.page;
        e.start = s.start + m.start;
        e.end = s.start + m.end;
        auto cap = [&](const char* k) {
          auto it = m.captures.find(k);
          return it == m.captures.end() ? std::string() : it->second;
        };
        if (e.type == "country") {
          e.value = p.key;
          for (char& c : e.value)
            c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
        } else if (e.type == "subnational") {
          e.value = Squeeze(cap("name"));
          if (e.value.empty()) continue;
        } else if (e.type == "date") {
          e.value = IsoDate(cap("day"), cap("month"), cap("year"));
          if (e.value.empty()) continue;
        } else if (e.type == "cycle") {
          std::string y1 = cap("from"), y2 = cap("to");
          if (y2.size() == 2 && y1.size() == 4) y2 = y1.substr(0, 2) + y2;
          e.value = y2.empty() ? (cap("ordinal").empty() ? y1 : cap("ordinal"))
                               : y1 + "-" + y2;
          if (e.value.empty()) e.value = matched;
        } else {
          e.value = LowerUtf8(matched);
          while (!e.value.empty() &&
                 (e.value.back() == '.' || e.value.back() == ',' ||
                  e.value.back() == ')'))
            e.value.pop_back();
        }
        f.entities.push_back(std::move(e));
      } else if (pack.name == "statements") {
        if (!f.statements.empty() && f.statements.back().sentence == si)
          continue;  // one type per sentence: the pack's first
        // Questions are asked, not found or recommended.
        if (s.text.rfind("¿", 0) == 0 || s.text.rfind("• ¿", 0) == 0 ||
            (!s.text.empty() && s.text.back() == '?'))
          continue;
        f.statements.push_back({p.group, p.id, si, s.page, s.text});
      } else if (pack.name == "commitments") {
        if (p.group == "field") {
          labels[si].push_back({si, m.start, m.end, p.key});
          continue;
        }
        if (p.group == "level") {
          levels[si].push_back({p.key, matched});
          continue;
        }
        if (p.group == "ogp") {
          if (p.key == "context")
            ogp_context[si] = true;
          else
            ogp[si].insert(p.key);
          continue;
        }
        if (p.group == "ficha") {
          ficha_here = true;
          continue;
        }
        Commitment c;
        c.kind = p.group;
        c.pattern_id = p.id;
        c.first_page = c.last_page = s.page;
        c.first_sentence = c.last_sentence = si;
        if (c.kind == "heading") {
          if (m.start != 0 || LooksLikeTocLine(s.text)) continue;
          auto it = m.captures.find("number");
          if (it == m.captures.end() || it->second.empty()) continue;
          c.number = it->second;
          auto t = m.captures.find("title");
          c.title = CleanTitle(t == m.captures.end() ? "" : t->second);
          // "Compromiso 11.2) - y pensando…": a cross reference.
          if (!c.title.empty() && StartsLower(c.title)) continue;
          if (!heads.empty() && heads.back().first_sentence == si) continue;
          heads.push_back(std::move(c));
        } else if (c.kind == "statement") {
          c.title = CleanTitle(s.text);
          c.text = s.text;
          if (!statements.empty() && statements.back().first_sentence == si)
            continue;
          statements.push_back(std::move(c));
        }
      }
    }
    if (ficha_here) fichas.push_back(si);
    for (const AcronymPair& a : FindAcronymPairs(s.text)) {
      Entity e;
      e.type = "organization";
      e.value = a.name;
      e.detail = a.acronym;
      e.text = s.text.substr(a.start, a.end - a.start);
      while (!e.text.empty() && (e.text.back() == ' ' || e.text.back() == ',' ||
                                 e.text.back() == '.' || e.text.back() == ';'))
        e.text.pop_back();
      e.pattern_id = "acronym";
      e.sentence = si;
      e.page = s.page;
      e.start = s.start + a.start;
      e.end = s.start + a.start + e.text.size();
      f.entities.push_back(std::move(e));
    }
    sentence_themes[si] = std::move(themes_here);
    // Within a sentence, an entity inside a longer one of the same type is
    // the same mention read twice ("marzo de 2021" in "15 de marzo de 2021").
    size_t first = entities_before;
    std::vector<Entity> kept;
    for (size_t a = first; a < f.entities.size(); ++a) {
      bool inside = false;
      for (size_t b = first; b < f.entities.size() && !inside; ++b) {
        if (a == b || f.entities[a].type != f.entities[b].type) continue;
        const Entity& x = f.entities[a];
        const Entity& y = f.entities[b];
        bool contained = y.start <= x.start && x.end <= y.end;
        bool longer = (y.end - y.start) > (x.end - x.start) ||
                      ((y.end - y.start) == (x.end - x.start) && b < a);
        inside = contained && longer;
      }
      if (!inside) kept.push_back(f.entities[a]);
    }
    f.entities.resize(first);
    for (Entity& e : kept) f.entities.push_back(std::move(e));
  }

  // A heading right after another whose number goes backwards is a template
  // label ("Compromiso 6.2 …" then "Compromiso 1. Título del Compromiso").
  {
    std::vector<Commitment> kept;
    for (Commitment& c : heads) {
      if (!kept.empty() && c.first_sentence - kept.back().first_sentence <= 3 &&
          CompareNumbers(c.number, kept.back().number) < 0)
        continue;
      kept.push_back(std::move(c));
    }
    heads = std::move(kept);
  }

  // Headings: a commitment runs to the next heading (at most 60 sentences or
  // 8 pages); an untitled heading takes the next sentence as its title. When a
  // number repeats (contents pages, cross references), the occurrence with the
  // longest body wins.
  auto close = [&](Commitment& c, int next_start) {
    int end = std::min(next_start - 1, n - 1);
    end = std::min(end, c.first_sentence + 80);
    while (end > c.first_sentence && sentences[end].page > c.first_page + 8)
      --end;
    c.last_sentence = std::max(end, c.first_sentence);
    c.last_page = sentences[c.last_sentence].page;
  };
  for (size_t h = 0; h < heads.size(); ++h) {
    Commitment& c = heads[h];
    close(c, h + 1 < heads.size() ? heads[h + 1].first_sentence : n);
    if (c.title.empty() && c.first_sentence + 1 <= c.last_sentence) {
      std::string t = sentences[c.first_sentence + 1].text;
      // "The UK government will:" then a list: the title takes the first item.
      if (!t.empty() && t.back() == ':' && t.size() < 60 &&
          c.first_sentence + 2 <= c.last_sentence)
        t += " " + sentences[c.first_sentence + 2].text;
      c.title = CleanTitle(t);
    }
    // A title that ran into the next heading ("Mapa Inversiones Compromiso
    // 1. Título del Compromiso") stops before it.
    static const RE2 kNextHeading(
        "(?i)\\s(?:compromiso|compromisso|commitment)s?\\s+(?:n[º°o.]*\\s*)?"
        "\\d");
    re2::StringPiece nh;
    if (kNextHeading.Match(c.title, 0, c.title.size(), RE2::UNANCHORED, &nh,
                           1)) {
      size_t at = static_cast<size_t>(nh.data() - c.title.data());
      if (at > 0) c.title = CleanTitle(c.title.substr(0, at));
    }
  }
  {
    // Labels in the body (lead agency, dates…) say it is the definition;
    // then the longest body.
    auto label_count = [&](const Commitment& c) {
      int k = 0;
      for (int j = c.first_sentence; j <= c.last_sentence; ++j)
        k += static_cast<int>(labels[j].size());
      return k;
    };
    std::map<std::string, size_t> best;
    for (size_t i = 0; i < heads.size(); ++i) {
      auto it = best.find(heads[i].number);
      if (it == best.end()) {
        best[heads[i].number] = i;
      } else {
        const Commitment& o = heads[it->second];
        int a = label_count(heads[i]), b = label_count(o);
        if (a > b ||
            (a == b && heads[i].last_sentence - heads[i].first_sentence >
                           o.last_sentence - o.first_sentence))
          it->second = i;
      }
    }
    std::vector<Commitment> kept;
    for (size_t i = 0; i < heads.size(); ++i)
      if (best[heads[i].number] == i) kept.push_back(std::move(heads[i]));
    heads = std::move(kept);
  }

  // Template pages ("fichas") whose titles are pictures: each starts at the
  // paragraph before its anchor label on the anchor's page, and is titled
  // from the plan's numbered list of commitments, matched by the words they
  // share (lead agency, place, subject), not by position.
  if (fichas.size() >= 2 && heads.size() < fichas.size() / 2) {
    heads.clear();
    std::vector<int> starts;
    int floor = 0;
    for (int a : fichas) {
      int k = a - 1;
      while (k >= floor && sentences[k].page == sentences[a].page &&
             labels[k].empty() && !IsBulletOrContact(sentences[k].text))
        --k;
      starts.push_back(k + 1);
      floor = a + 1;
    }
    // The numbered list: "N. Title" sentences before the first ficha, the
    // longest run 1, 2, 3…; a title continues into a following sentence
    // that starts in lower case.
    static const RE2 kItem("^\\s*(\\d{1,2})[.)]\\s*(.*)$");
    std::vector<std::pair<int, std::string>> best_run, run;
    for (int k = 0; k < starts.front(); ++k) {
      int num;
      std::string title;
      if (!RE2::FullMatch(sentences[k].text, kItem, &num, &title)) continue;
      // The item's title runs on through its block ("8." "Democratización
      // del desarrollo local." "Gobierno Abierto de la Alcaldía de Bogotá.").
      for (int j = k + 1;
           j < starts.front() && sentences[j].page == sentences[k].page &&
           sentences[j].block == sentences[k].block &&
           !RE2::FullMatch(sentences[j].text, kItem) && title.size() < 300;
           ++j)
        title += (title.empty() ? "" : " ") + sentences[j].text;
      // Or into the next block when it starts in lower case.
      if (k + 1 < starts.front() &&
          sentences[k + 1].block != sentences[k].block &&
          StartsLower(sentences[k + 1].text) &&
          sentences[k + 1].text.size() < 120)
        title += " " + sentences[k + 1].text;
      title = CleanTitle(title);
      if (title.empty()) continue;
      if (num == 1) run.clear();
      if (num == static_cast<int>(run.size()) + 1) {
        run.push_back({num, title});
        if (run.size() > best_run.size()) best_run = run;
      }
    }
    std::vector<std::string> titles(fichas.size());
    if (best_run.size() * 2 >= fichas.size()) {
      // Inverse document frequency of words over the list's titles.
      std::map<std::string, int> df;
      std::vector<std::set<std::string>> item_words;
      for (const auto& [num, t] : best_run) {
        std::vector<std::string> w = ContentWords(t);
        item_words.emplace_back(w.begin(), w.end());
        for (const std::string& x : item_words.back()) ++df[x];
      }
      struct Pair {
        double score;
        size_t ficha, item;
      };
      std::vector<Pair> pairs;
      for (size_t fi = 0; fi < fichas.size(); ++fi) {
        int end = fi + 1 < fichas.size() ? starts[fi + 1] : n;
        end = std::min(end, starts[fi] + 25);
        std::set<std::string> words;
        for (int k = starts[fi]; k < end; ++k)
          for (std::string& w : ContentWords(sentences[k].text))
            words.insert(std::move(w));
        for (size_t it = 0; it < best_run.size(); ++it) {
          double score = 0;
          for (const std::string& w : item_words[it])
            if (words.count(w)) score += 1.0 / df[w];
          // Ties go to the list position.
          score -= 0.001 *
                   std::abs(static_cast<double>(fi) - static_cast<double>(it));
          pairs.push_back({score, fi, it});
        }
      }
      std::sort(pairs.begin(), pairs.end(),
                [](const Pair& a, const Pair& b) { return a.score > b.score; });
      std::vector<bool> used_f(fichas.size()), used_i(best_run.size());
      for (const Pair& p : pairs) {
        if (used_f[p.ficha] || used_i[p.item] || p.score <= 0) continue;
        used_f[p.ficha] = used_i[p.item] = true;
        titles[p.ficha] = best_run[p.item].second;
      }
    }
    for (size_t fi = 0; fi < fichas.size(); ++fi) {
      Commitment c;
      c.kind = "ficha";
      c.pattern_id = "ficha";
      c.number = std::to_string(fi + 1);
      c.first_sentence = starts[fi];
      c.first_page = sentences[starts[fi]].page;
      close(c, fi + 1 < fichas.size() ? starts[fi + 1] : n);
      c.title = !titles[fi].empty() ? titles[fi]
                                    : CleanTitle(sentences[starts[fi]].text);
      heads.push_back(std::move(c));
    }
  }

  // Fields: each label's value runs to the next label (or the commitment's
  // end); the first occurrence of a field wins.
  const size_t kMaxValue = 4000;
  for (Commitment& c : heads) {
    {
      std::string text;
      for (int k = c.first_sentence; k <= c.last_sentence && text.size() < 8000;
           ++k) {
        if (!text.empty()) text += ' ';
        text += sentences[k].text;
      }
      c.text = Utf8Truncate(text, 8000);
    }
    std::vector<Label> ls;
    for (int k = c.first_sentence; k <= c.last_sentence; ++k)
      for (const Label& l : labels[k]) ls.push_back(l);
    std::sort(ls.begin(), ls.end(), [](const Label& a, const Label& b) {
      return a.sentence != b.sentence ? a.sentence < b.sentence
                                      : a.start < b.start;
    });
    // The same label read by two packs (es and pt "Metas:"), or a label
    // inside a longer one: keep the first.
    {
      std::vector<Label> kept;
      for (const Label& l : ls)
        if (kept.empty() || kept.back().sentence != l.sentence ||
            l.start >= kept.back().end)
          kept.push_back(l);
      ls = std::move(kept);
    }
    std::map<std::string, std::string> values;
    for (size_t i = 0; i < ls.size(); ++i) {
      const Label& l = ls[i];
      if (values.count(l.field)) continue;
      int end_s = i + 1 < ls.size() ? ls[i + 1].sentence : c.last_sentence;
      size_t end_b =
          i + 1 < ls.size() ? ls[i + 1].start : sentences[end_s].text.size();
      std::string v;
      for (int k = l.sentence; k <= end_s && v.size() < kMaxValue; ++k) {
        const std::string& t = sentences[k].text;
        size_t a = k == l.sentence ? l.end : 0;
        size_t b = k == end_s ? end_b : t.size();
        if (b > a) v += " " + t.substr(a, b - a);
      }
      // A label whose match also took the value ("completo al medio
      // término") keeps its own words.
      if (l.field == "completion_midterm")
        v = sentences[l.sentence].text.substr(l.start, l.end - l.start) + v;
      std::string clean = CleanValue(v, kMaxValue);
      if (!clean.empty()) values[l.field] = std::move(clean);
    }
    // Key-value rows the layout read from template tables ("Fecha de inicio
    // | 1 de julio de 2021") fill the fields the running text did not label,
    // when the row lies inside the commitment.
    if (pages != nullptr) {
      for (const NormalizedPage& page : pages->pages) {
        if (page.number < c.first_page || page.number > c.last_page) continue;
        for (const Field& kv : page.fields) {
          if (c.text.find(kv.value) == std::string::npos) continue;
          for (const PatternMatch& m :
               MatchEach(kv.key + ":", {}, "commitments", "field")) {
            if (m.start != 0) continue;
            const Pattern& p = (*packs_)[m.pack].patterns[m.pattern];
            if (!values.count(p.key))
              values[p.key] = CleanValue(kv.value, kMaxValue);
            break;
          }
        }
      }
    }
    auto get = [&](const char* k) {
      auto it = values.find(k);
      return it == values.end() ? std::string() : it->second;
    };
    c.lead_agency = Utf8Truncate(get("lead_agency"), 400);
    if (!c.lead_agency.empty()) c.lead_agency_source = "field";
    c.other_actors = Utf8Truncate(get("other_actors"), 600);
    for (const char* k :
         {"description", "objective", "problem", "results", "activities"}) {
      std::string v = get(k);
      if (!v.empty()) c.sections[k] = v;
    }
    c.start_date = FindDate(get("start_date"));
    c.end_date = FindDate(get("end_date"));
    bool structured = false;
    if (values.count("milestones"))
      c.milestones = SplitMilestones(get("milestones"), &structured);
    if (structured && c.end_date.empty()) {
      for (const Milestone& m : c.milestones)
        if (m.due > c.end_date) c.end_date = m.due;
    }
    // Completion: the end-of-term level; else complete when it was complete
    // at mid-term.
    // The level written first after the label; the text kept is the
    // value up to the level's words ("Sustancial", "No Iniciado").
    auto level_in = [&](const std::string& v, std::string* as_written) {
      std::string head = Utf8Truncate(v, 60);
      std::string best;
      size_t best_at = std::string::npos, best_end = 0;
      for (const PatternMatch& m :
           MatchEach(head, {}, "commitments", "level")) {
        const Pattern& p = (*packs_)[m.pack].patterns[m.pattern];
        if (m.start < best_at) {
          best_at = m.start;
          best_end = m.end;
          best = p.key;
        }
      }
      if (!best.empty()) *as_written = CleanValue(head.substr(0, best_end), 60);
      return best;
    };
    std::string as_written;
    std::string lvl = level_in(get("completion"), &as_written);
    if (!lvl.empty()) {
      c.completion = lvl;
      c.completion_text = as_written;
    } else if (level_in(get("completion_midterm"), &as_written) == "complete") {
      c.completion = "complete";
      c.completion_text = as_written;
    }
    std::set<std::string> values_named;
    for (int k = c.first_sentence; k <= c.last_sentence; ++k)
      if (ogp_context[k]) values_named.insert(ogp[k].begin(), ogp[k].end());
    if (std::string v = get("ogp_values"); !v.empty()) {
      for (const PatternMatch& m : MatchEach(v, {}, "commitments", "ogp")) {
        const Pattern& p = (*packs_)[m.pack].patterns[m.pattern];
        if (p.key != "context") values_named.insert(p.key);
      }
    }
    c.ogp_values.assign(values_named.begin(), values_named.end());
  }

  // Summary tables ("No. | Commitment | Lead department(s) | …"): each row's
  // lead cell, by row number, fills commitments that have none.
  if (pages != nullptr) {
    std::map<int, TableRow> rows = ReadSummaryTables(*pages);
    for (Commitment& c : heads) {
      auto it = rows.find(atoi(c.number.c_str()));
      if (it == rows.end() || c.lead_agency.empty() == false ||
          c.number.find('.') != std::string::npos)
        continue;
      c.lead_agency = it->second.lead_agency;
      c.lead_agency_source = "table";
    }
    // A plan whose only list of commitments is its summary table: one
    // commitment per row, titled by the first sentence of its cell.
    if (heads.empty()) {
      for (const auto& [number, row] : rows) {
        if (row.commitment.empty()) continue;
        int at = -1;
        std::string probe = Utf8Truncate(row.commitment, 40);
        for (int k = 0; k < n && at < 0; ++k)
          if (sentences[k].page == row.page &&
              sentences[k].text.find(probe) != std::string::npos)
            at = k;
        for (int k = 0; k < n && at < 0; ++k)
          if (sentences[k].page == row.page) at = k;
        if (at < 0) continue;
        Commitment c;
        c.kind = "table";
        c.pattern_id = "column.lead_agency";
        c.number = std::to_string(number);
        size_t stop = row.commitment.find(". ");
        c.title = CleanTitle(stop == std::string::npos
                                 ? row.commitment
                                 : row.commitment.substr(0, stop));
        c.text = row.commitment;
        c.first_page = c.last_page = row.page;
        c.first_sentence = c.last_sentence = at;
        c.lead_agency = row.lead_agency;
        c.lead_agency_source = "table";
        heads.push_back(std::move(c));
      }
    }
  }

  // Themes of a commitment, read where the plan says what it is about: the
  // title, and the sentences under its description, objective, problem and
  // results labels (without such labels, the five sentences after the
  // title). Lead-agency, people and contact lines are not read: agency names
  // ("Dirección de Participación Ciudadana") are not the subject. A theme in
  // the title is kept; one in two or more of those sentences too; when the
  // title names none, the most frequent ones are.
  static const std::set<std::string> kAbout = {"description", "objective",
                                               "problem", "results"};
  // The first hit of each theme in each sentence, for the evidence.
  std::map<std::pair<int, std::string>, const ThemeHit*> hit_at;
  for (const ThemeHit& h : f.theme_hits)
    hit_at.emplace(std::pair(h.sentence, h.theme), &h);
  for (Commitment& c : heads) {
    std::map<std::string, ThemeEvidence> ev;
    // The title in the language of the sentence it opens (all languages
    // when that is unknown), as sentences are.
    std::string_view title_language;
    if (c.first_sentence >= 0 && c.first_sentence < n)
      title_language = sentences[c.first_sentence].language;
    for (const PatternMatch& m : MatchEach(c.title, title_language, "themes")) {
      const Pattern& p = (*packs_)[m.pack].patterns[m.pattern];
      ThemeEvidence& e = ev[p.group];
      if (e.score >= 3) continue;
      e.theme = p.group;
      e.text = c.title.substr(m.start, m.end - m.start);
      e.sentence = -1;
      e.score += 3;
    }
    bool labelled = false;
    for (int k = c.first_sentence; k <= c.last_sentence; ++k)
      for (const Label& l : labels[k]) labelled |= kAbout.count(l.field) > 0;
    std::string field;  // the label the sentence is under
    int body = 0;
    for (int k = c.first_sentence; k <= c.last_sentence; ++k) {
      if (!labels[k].empty()) field = labels[k].back().field;
      bool title_sentence = k == c.first_sentence && c.kind == "heading";
      bool read = labelled ? kAbout.count(field) > 0
                           : field.empty() && !title_sentence && body++ < 5;
      // "Transparencia y participación son los principios de AGA
      // relacionados": OGP values, not policy areas.
      if (!read || ogp_context[k]) continue;
      for (const std::string& t : sentence_themes[k]) {
        ThemeEvidence& e = ev[t];
        if (e.theme.empty()) {
          e.theme = t;
          e.sentence = k;
          auto h = hit_at.find({k, t});
          if (h != hit_at.end()) e.text = h->second->text;
        }
        e.score += 1;
      }
    }
    bool title_has = false;
    int top = 0;
    for (const auto& [t, e] : ev) {
      title_has |= e.score >= 3 && e.sentence == -1;
      top = std::max(top, e.score);
    }
    for (const auto& [t, e] : ev) {
      bool in_title = e.score >= 3 && e.sentence == -1;
      if (in_title || e.score >= (title_has ? 3 : 2) ||
          (!title_has && e.score == top)) {
        c.themes.push_back(t);
        c.theme_evidence.push_back(e);
      }
    }
  }
  for (Commitment& c : statements) {
    for (const std::string& t : sentence_themes[c.first_sentence])
      c.themes.push_back(t);
  }

  f.commitments = std::move(heads);
  for (Commitment& c : statements) f.commitments.push_back(std::move(c));
  std::stable_sort(f.commitments.begin(), f.commitments.end(),
                   [](const Commitment& a, const Commitment& b) {
                     return a.first_sentence < b.first_sentence;
                   });
  return f;
}
std::map<int, Miner::TableRow> Miner::ReadSummaryTables(
    const NormalizedDocument& doc) const {
  static const RE2 kNumber("\\d{1,3}");
  std::map<int, TableRow> rows;
  int last_row = 0;  // the last row number read, across pages
  struct Cell {
    Box box;
    std::string text;
  };
  for (const NormalizedPage& page : doc.pages) {
    const NormalizedBlock* head = nullptr;
    for (const NormalizedBlock& b : page.blocks) {
      std::string_view t(page.text.data() + b.start, b.end - b.start);
      if (t.size() > 80) continue;
      for (const PatternMatch& m : MatchEach(t, {}, "commitments", "column")) {
        if ((*packs_)[m.pack].patterns[m.pattern].key == "lead_agency")
          head = &b;
      }
      if (head != nullptr) break;
    }
    if (head == nullptr) continue;
    const double lead_x = head->box.x0;
    std::vector<Cell> nums, leads, cells;
    for (const NormalizedBlock& b : page.blocks) {
      if (&b == head || b.box.y0 < head->box.y1 - 1) continue;
      std::string t = Squeeze(
          std::string_view(page.text.data() + b.start, b.end - b.start));
      if (RE2::FullMatch(t, kNumber) && b.box.x1 < lead_x - 50)
        nums.push_back({b.box, t});
      else if (std::abs(b.box.x0 - lead_x) <= 6)
        leads.push_back({b.box, t});
      else if (b.box.x1 <= lead_x + 2)  // left of the lead column
        cells.push_back({b.box, t});
    }
    // Rows in reading order: each number takes the last unused lead cell
    // that starts above its centre (numbers are centred in their rows, cells
    // start at the top). A lead cell no number claims belongs to the row
    // after the one above it: numbers merged into a cell's text are lost,
    // but the numbering of a summary table runs on.
    auto by_y = [](const Cell& a, const Cell& b) {
      return a.box.y0 < b.box.y0;
    };
    std::sort(nums.begin(), nums.end(), by_y);
    std::sort(leads.begin(), leads.end(), by_y);
    std::vector<int> owner(leads.size(), 0);  // row number, 0 = none
    double floor_y = -1;
    for (const Cell& num : nums) {
      double cy = (num.box.y0 + num.box.y1) / 2;
      int pick = -1;
      for (size_t i = 0; i < leads.size(); ++i)
        if (owner[i] == 0 && leads[i].box.y0 <= cy + 2 &&
            leads[i].box.y0 > floor_y)
          pick = static_cast<int>(i);
      if (pick < 0) continue;
      owner[pick] = atoi(num.text.c_str());
      floor_y = leads[pick].box.y0;
    }
    for (size_t i = 0; i < leads.size(); ++i) {
      if (owner[i] == 0) {
        int above = last_row;
        for (size_t j = 0; j < i; ++j)
          if (owner[j] != 0) above = owner[j];
        if (above > 0 && !rows.count(above + 1)) owner[i] = above + 1;
      }
      if (owner[i] == 0 || rows.count(owner[i])) continue;
      TableRow row;
      row.lead_agency = CleanValue(leads[i].text, 400);
      row.page = page.number;
      // The commitment cell starts on the lead cell's line.
      for (const Cell& c : cells)
        if (std::abs(c.box.y0 - leads[i].box.y0) <= 4) {
          row.commitment = c.text;
          break;
        }
      rows[owner[i]] = std::move(row);
      last_row = std::max(last_row, owner[i]);
    }
  }
  return rows;
}

}  // namespace planmine
