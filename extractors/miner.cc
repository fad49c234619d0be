#include "extractors/miner.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <set>

#include "pipeline/core/utf8.h"
#include "pipeline/normalize/normalizer.h"

namespace planmine {

struct Miner::Compiled {
  std::unique_ptr<RE2::Set> set;
  std::vector<std::unique_ptr<RE2>> res;
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
  std::string s;
  for (const PatternPack& p : *packs_) {
    if (!s.empty()) s += ' ';
    s += p.name + "." + p.language + "@" + std::to_string(p.version);
  }
  return s;
}

std::vector<PatternMatch> Miner::Match(std::string_view text) const {
  std::vector<PatternMatch> out;
  for (size_t k = 0; k < compiled_->size(); ++k) {
    const Compiled& c = (*compiled_)[k];
    std::vector<int> hits;
    if (!c.set->Match(text, &hits)) continue;
    std::sort(hits.begin(), hits.end());
    for (int h : hits) {
      const RE2& re = *c.res[h];
      int n = re.NumberOfCapturingGroups();
      std::vector<re2::StringPiece> groups(n + 1);
      if (!re.Match(text, 0, text.size(), RE2::UNANCHORED, groups.data(),
                    n + 1))
        continue;
      PatternMatch m;
      m.pack = k;
      m.pattern = static_cast<size_t>(h);
      m.start = static_cast<size_t>(groups[0].data() - text.data());
      m.end = m.start + groups[0].size();
      // Expanded word boundaries may have taken a neighbouring space or
      // punctuation mark into the span; give it back.
      auto edge = [](char ch) {
        unsigned char u = static_cast<unsigned char>(ch);
        return u < 0x80 && !isalnum(u) && ch != '@' && ch != '/' && ch != '_';
      };
      while (m.start < m.end && edge(text[m.start])) ++m.start;
      while (m.end > m.start && edge(text[m.end - 1]) && text[m.end - 1] != ')')
        --m.end;
      for (const auto& [name, idx] : re.NamedCapturingGroups()) {
        if (groups[idx].data() != nullptr)
          m.captures[name] = std::string(groups[idx]);
      }
      out.push_back(std::move(m));
    }
  }
  return out;
}

Findings Miner::Mine(const std::vector<Sentence>& sentences) const {
  Findings f;
  std::vector<std::set<std::string>> sentence_themes(sentences.size());
  for (size_t si = 0; si < sentences.size(); ++si) {
    const Sentence& s = sentences[si];
    std::set<std::string> themes_here;
    size_t entities_before = f.entities.size();
    for (const PatternMatch& m : Match(s.text)) {
      const PatternPack& pack = (*packs_)[m.pack];
      const Pattern& p = pack.patterns[m.pattern];
      std::string matched = s.text.substr(m.start, m.end - m.start);
      if (pack.name == "themes") {
        if (!themes_here.insert(p.group).second)
          continue;  // one hit per theme per sentence
        f.theme_hits.push_back({p.group, p.id, static_cast<int>(si), s.page,
                                s.start + m.start, s.start + m.end, matched});
      } else if (pack.name == "entities") {
        Entity e;
        e.type = p.group;
        e.text = matched;
        e.pattern_id = p.id;
        e.sentence = static_cast<int>(si);
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
      } else if (pack.name == "commitments") {
        Commitment c;
        c.kind = p.group;
        c.pattern_id = p.id;
        c.first_page = c.last_page = s.page;
        c.first_sentence = c.last_sentence = static_cast<int>(si);
        if (c.kind == "heading") {
          if (m.start != 0 || LooksLikeTocLine(s.text)) continue;
          auto it = m.captures.find("number");
          if (it == m.captures.end() || it->second.empty()) continue;
          c.number = it->second;
          auto t = m.captures.find("title");
          c.title = CleanTitle(t == m.captures.end() ? "" : t->second);
        } else if (c.kind == "statement") {
          c.title = CleanTitle(s.text);
          c.text = s.text;
        } else {
          continue;
        }
        // One commitment record per sentence and kind.
        if (!f.commitments.empty() &&
            f.commitments.back().first_sentence == c.first_sentence &&
            f.commitments.back().kind == c.kind)
          continue;
        f.commitments.push_back(std::move(c));
      }
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
  // Headings: a commitment runs to the next heading (at most 60 sentences or
  // 8 pages); an untitled heading takes the next sentence as its title. When a
  // number repeats (contents pages, cross references), the occurrence with the
  // longest body wins.
  std::vector<size_t> heads;
  for (size_t i = 0; i < f.commitments.size(); ++i)
    if (f.commitments[i].kind == "heading") heads.push_back(i);
  for (size_t h = 0; h < heads.size(); ++h) {
    Commitment& c = f.commitments[heads[h]];
    int end = h + 1 < heads.size()
                  ? f.commitments[heads[h + 1]].first_sentence - 1
                  : static_cast<int>(sentences.size()) - 1;
    end = std::min(end, c.first_sentence + 60);
    while (end > c.first_sentence && sentences[end].page > c.first_page + 8)
      --end;
    c.last_sentence = end;
    c.last_page = sentences[end].page;
    std::string text;
    for (int k = c.first_sentence; k <= end && text.size() < 8000; ++k) {
      if (!text.empty()) text += ' ';
      text += sentences[k].text;
    }
    c.text = Utf8Truncate(text, 8000);
    if (c.title.empty() && c.first_sentence + 1 <= end)
      c.title = CleanTitle(sentences[c.first_sentence + 1].text);
  }
  for (Commitment& c : f.commitments) {
    std::set<std::string> th;
    for (int k = c.first_sentence; k <= c.last_sentence; ++k)
      th.insert(sentence_themes[k].begin(), sentence_themes[k].end());
    c.themes.assign(th.begin(), th.end());
  }
  // Deduplicate repeated heading numbers, keeping the longest body.
  std::map<std::string, size_t> best;
  for (size_t i = 0; i < f.commitments.size(); ++i) {
    const Commitment& c = f.commitments[i];
    if (c.kind != "heading") continue;
    auto it = best.find(c.number);
    if (it == best.end()) {
      best[c.number] = i;
    } else {
      const Commitment& o = f.commitments[it->second];
      if (c.last_sentence - c.first_sentence >
          o.last_sentence - o.first_sentence)
        it->second = i;
    }
  }
  std::vector<Commitment> kept;
  for (size_t i = 0; i < f.commitments.size(); ++i) {
    const Commitment& c = f.commitments[i];
    if (c.kind == "heading" && best[c.number] != i) continue;
    kept.push_back(std::move(f.commitments[i]));
  }
  f.commitments = std::move(kept);
  return f;
}

}  // namespace planmine
