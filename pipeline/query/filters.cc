#include "pipeline/query/filters.h"

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>

#include "pipeline/core/countries.h"
#include "pipeline/core/utf8.h"

namespace planmine {
namespace {

Result<std::vector<std::string>> Column(Db& db, const std::string& sql) {
  auto s = db.Prepare(sql);
  if (!s.ok()) return s.status();
  std::vector<std::string> out;
  while (s->Step())
    if (!s->IsNull(0)) out.push_back(s->Text(0));
  PLANMINE_RETURN_IF_ERROR(s->status());
  return out;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& x : v) out += (out.empty() ? "" : ", ") + x;
  return out.empty() ? "(none)" : out;
}

// "unknown country 'XX': the index has …; did you mean …?"
Status Unknown(const std::string& what, const std::string& typed,
               const std::vector<std::string>& valid,
               const std::string& nearest) {
  return InvalidArgument(
      "unknown " + what + " '" + typed + "'" +
      (nearest.empty() ? "." : ": did you mean '" + nearest + "'?") +
      " The index has: " + Join(valid));
}

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1,
                         prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// The ordinal of one folded word ("iv", "4th", "cuarto", "4o"), or 0.
int WordOrdinal(const std::string& w) {
  static const std::map<std::string, int> kWords = {
      {"i", 1},        {"ii", 2},       {"iii", 3},     {"iv", 4},
      {"v", 5},        {"vi", 6},       {"vii", 7},     {"viii", 8},
      {"ix", 9},       {"x", 10},       {"first", 1},   {"second", 2},
      {"third", 3},    {"fourth", 4},   {"fifth", 5},   {"sixth", 6},
      {"seventh", 7},  {"eighth", 8},   {"ninth", 9},   {"tenth", 10},
      {"primer", 1},   {"primero", 1},  {"segundo", 2}, {"tercer", 3},
      {"tercero", 3},  {"cuarto", 4},   {"quinto", 5},  {"sexto", 6},
      {"septimo", 7},  {"octavo", 8},   {"noveno", 9},  {"decimo", 10},
      {"primeiro", 1}, {"terceiro", 3}, {"quarto", 4},  {"setimo", 7},
      {"oitavo", 8},   {"nono", 9}};
  auto it = kWords.find(w);
  if (it != kWords.end()) return it->second;
  // 4, 4th, 4to, 4o, 4º, 4°, 1st, 2nd, 3rd, 1er, 2do
  static const RE2 kNumber(
      R"((\d{1,2})(?:st|nd|rd|th|er|do|to|ro|vo|no|mo|o|a|º|ª|°)?)");
  int n = 0;
  if (RE2::FullMatch(w, kNumber, &n) && n >= 1 && n <= 20) return n;
  return 0;
}

}  // namespace

std::string Nearest(const std::string& typed,
                    const std::vector<std::string>& candidates) {
  const std::string t = FoldName(typed);
  std::string best;
  size_t best_d = std::string::npos;
  for (const std::string& c : candidates) {
    const std::string f = FoldName(c);
    size_t d = EditDistance(t, f);
    // A word of the candidate typed alone ("corruption" for
    // "anti_corruption") is near too.
    if (t.size() >= 4 && f.find(t) != std::string::npos)
      d = std::min<size_t>(d, 1);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  // Two letters ("XX") are near every code: only one edit is a typo there.
  const size_t limit = t.size() <= 4 ? 1 : std::max<size_t>(2, t.size() / 3);
  return best_d <= limit ? best : "";
}

int PlanOrdinal(const std::string& text, bool in_title) {
  std::string folded = FoldName(text);
  for (char& c : folded)
    if (c == ',' || c == ':' || c == '(' || c == ')') c = ' ';
  std::vector<std::string> words;
  size_t from = 0;
  while (from < folded.size()) {
    size_t sp = folded.find(' ', from);
    if (sp == std::string::npos) sp = folded.size();
    if (sp > from) words.push_back(folded.substr(from, sp - from));
    from = sp + 1;
  }
  if (!in_title) {
    // "IV", "4th", "fourth plan", "IV plan de acción"
    if (words.empty()) return 0;
    return WordOrdinal(words[0]);
  }
  // An ordinal followed within five words by plan / plano.
  for (size_t i = 0; i < words.size(); ++i) {
    int n = WordOrdinal(words[i]);
    if (n == 0) continue;
    for (size_t j = i + 1; j < words.size() && j <= i + 6; ++j)
      if (words[j] == "plan" || words[j] == "plano") return n;
  }
  return 0;
}

Result<std::string> ResolveCountry(Db& db, const std::string& typed) {
  if (typed.empty()) return typed;
  auto have = Column(db,
                     "SELECT DISTINCT country FROM documents WHERE country IS "
                     "NOT NULL ORDER BY 1");
  if (!have.ok()) return have.status();
  const std::string code = CountryCode(typed);
  if (!code.empty() &&
      std::find(have->begin(), have->end(), code) != have->end())
    return code;
  std::vector<std::string> valid, names;
  for (const std::string& c : *have) {
    valid.push_back(c + " (" + CountryName(c) + ")");
    names.push_back(c);
    names.push_back(CountryName(c));
    names.push_back(CountryName(c, "es"));
    names.push_back(CountryName(c, "pt"));
  }
  if (!code.empty())
    return InvalidArgument("no documents of " + CountryName(code) + " (" +
                           code +
                           ") in the index. The index has: " + Join(valid));
  std::string near = Nearest(typed, names);
  if (!near.empty()) near = CountryCode(near);
  return Unknown("country", typed, valid, near);
}

Result<std::string> ResolveCycle(Db& db, const std::string& typed,
                                 const std::string& country) {
  if (typed.empty()) return typed;
  auto have = Column(db,
                     "SELECT DISTINCT plan_cycle FROM documents WHERE "
                     "plan_cycle IS NOT NULL ORDER BY 1");
  if (!have.ok()) return have.status();
  // Years: "2015 - 2017", "2015–17", "2015/2017", "2015 a 2017".
  static const RE2 kYears(
      R"(^\s*((?:19|20)\d\d)\s*(?:-|–|—|/|a|to|até)\s*((?:19|20)?\d\d)\s*$)");
  std::string from, to;
  if (RE2::FullMatch(typed, kYears, &from, &to)) {
    if (to.size() == 2) to = from.substr(0, 2) + to;
    std::string cycle = from + "-" + to;
    if (std::find(have->begin(), have->end(), cycle) != have->end())
      return cycle;
    return Unknown("plan cycle", typed, *have, Nearest(cycle, *have));
  }
  if (std::find(have->begin(), have->end(), typed) != have->end()) return typed;
  // An ordinal: the cycles of the documents whose title names that plan.
  if (int n = PlanOrdinal(typed, false); n > 0) {
    auto s = db.Prepare(
        "SELECT country, plan_cycle, title FROM documents WHERE plan_cycle "
        "IS NOT NULL AND title IS NOT NULL AND (?1 IS NULL OR country = ?1)");
    if (!s.ok()) return s.status();
    if (country.empty())
      s->BindNull(1);
    else
      s->Bind(1, country);
    std::map<std::string, std::set<std::string>> cycles;  // cycle -> countries
    while (s->Step())
      if (PlanOrdinal(s->Text(2), true) == n)
        cycles[s->Text(1)].insert(s->IsNull(0) ? "?" : s->Text(0));
    PLANMINE_RETURN_IF_ERROR(s->status());
    if (cycles.size() == 1) return cycles.begin()->first;
    if (cycles.size() > 1) {
      std::vector<std::string> which;
      for (const auto& [c, countries] : cycles)
        which.push_back(c + " (" + Join({countries.begin(), countries.end()}) +
                        ")");
      return InvalidArgument("plan " + typed + " is " + Join(which) +
                             ": give --country or the years");
    }
    return InvalidArgument(
        "no plan titled as plan " + typed +
        (country.empty() ? "" : " of " + country) +
        " in the index. The index has the cycles: " + Join(*have));
  }
  return Unknown("plan cycle", typed, *have, Nearest(typed, *have));
}

Result<std::string> ResolveTheme(Db& db, const std::string& typed) {
  if (typed.empty()) return typed;
  auto s = db.Prepare(
      "SELECT id, label_en, label_es, label_pt FROM themes ORDER BY id");
  if (!s.ok()) return s.status();
  std::vector<std::string> ids, names;
  std::map<std::string, std::string> by_name;  // folded label -> id
  while (s->Step()) {
    ids.push_back(s->Text(0));
    for (int c = 0; c < 4; ++c) {
      names.push_back(s->Text(c));
      by_name[FoldName(s->Text(c))] = s->Text(0);
    }
  }
  PLANMINE_RETURN_IF_ERROR(s->status());
  auto it = by_name.find(FoldName(typed));
  if (it != by_name.end()) return it->second;
  std::string near = Nearest(typed, names);
  if (!near.empty()) near = by_name[FoldName(near)];
  return Unknown("theme", typed, ids, near);
}

Result<std::string> ResolveLanguage(Db& db, const std::string& typed) {
  if (typed.empty()) return typed;
  auto have = Column(db,
                     "SELECT DISTINCT language FROM documents WHERE language "
                     "IS NOT NULL ORDER BY 1");
  if (!have.ok()) return have.status();
  std::string l = AsciiLower(typed);
  static const std::map<std::string, std::string> kNames = {
      {"spanish", "es"},    {"espanol", "es"},   {"castellano", "es"},
      {"portuguese", "pt"}, {"portugues", "pt"}, {"english", "en"},
      {"ingles", "en"}};
  auto it = kNames.find(FoldName(typed));
  if (it != kNames.end()) l = it->second;
  if (std::find(have->begin(), have->end(), l) != have->end()) return l;
  return Unknown("language", typed, *have, Nearest(typed, *have));
}

Status ResolveFilters(Db& db, Filters* f) {
  auto country = ResolveCountry(db, f->country);
  if (!country.ok()) return country.status();
  f->country = *country;
  auto cycle = ResolveCycle(db, f->cycle, f->country);
  if (!cycle.ok()) return cycle.status();
  f->cycle = *cycle;
  auto theme = ResolveTheme(db, f->theme);
  if (!theme.ok()) return theme.status();
  f->theme = *theme;
  auto language = ResolveLanguage(db, f->language);
  if (!language.ok()) return language.status();
  f->language = *language;
  return Status();
}

}  // namespace planmine
