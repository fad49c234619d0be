// The scan: every pattern match of every sentence, read once into the
// findings it makes directly (theme hits, entities, typed statements) and
// the signals the later stages read (field labels, completion levels, OGP
// values, template anchors, keyword headings).
#include <re2/re2.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "extractors/mine_internal.h"
#include "extractors/miner.h"
#include "pipeline/core/utf8.h"
#include "pipeline/normalize/normalizer.h"

namespace planmine {

Scan Miner::ScanMatches(const std::vector<Sentence>& sentences,
                        const std::vector<std::vector<PatternMatch>>& found,
                        Findings* f) const {
  const int n = static_cast<int>(sentences.size());
  Scan scan;
  scan.at.resize(sentences.size());
  for (int si = 0; si < n; ++si) {
    const Sentence& s = sentences[si];
    std::set<std::string> themes_here;
    size_t entities_before = f->entities.size();
    bool anchor_here = false;
    for (const PatternMatch& m : found[si]) {
      const PatternPack& pack = (*packs_)[m.pack];
      const Pattern& p = pack.patterns[m.pattern];
      std::string matched = s.text.substr(m.start, m.end - m.start);
      if (pack.name == "themes") {
        if (!themes_here.insert(p.group).second)
          continue;  // one hit per theme per sentence
        f->theme_hits.push_back({p.group, p.id, si, s.page, s.start + m.start,
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
          // Read as every date is, with the `dates` packs' month words.
          std::vector<std::string> d = DatesIn(matched, s.language);
          if (d.empty()) continue;
          e.value = std::move(d.front());
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
        f->entities.push_back(std::move(e));
      } else if (pack.name == "statements") {
        if (!f->statements.empty() && f->statements.back().sentence == si)
          continue;  // one type per sentence: the pack's first
        // Questions are asked, not found or recommended.
        if (s.text.rfind("¿", 0) == 0 || s.text.rfind("• ¿", 0) == 0 ||
            (!s.text.empty() && s.text.back() == '?'))
          continue;
        f->statements.push_back({p.group, p.id, si, s.page, s.text});
      } else if (pack.name == "commitments") {
        if (p.group == "field") {
          scan.at[si].labels.push_back({si, m.start, m.end, p.key});
          continue;
        }
        if (p.group == "level") {
          scan.at[si].levels.push_back({p.key, matched});
          continue;
        }
        if (p.group == "ogp") {
          if (p.key == "context")
            scan.at[si].ogp_context = true;
          else
            scan.at[si].ogp.insert(p.key);
          continue;
        }
        if (p.group == "unit") {
          ++scan.unit_words;
          scan.at[si].names_unit = true;
          continue;
        }
        if (p.group == "ficha") {
          anchor_here = true;
          continue;
        }
        Commitment c;
        // Groups other than heading and statement are not records.
        if (!ParseCommitmentKind(p.group, &c.kind)) continue;
        c.pattern_id = p.id;
        c.first_page = c.last_page = s.page;
        c.first_sentence = c.last_sentence = si;
        if (c.kind == CommitmentKind::kHeading) {
          if (m.start != 0 || LooksLikeTocLine(s.text)) continue;
          auto it = m.captures.find("number");
          if (it == m.captures.end() || it->second.empty()) continue;
          c.number = it->second;
          auto t = m.captures.find("title");
          c.title = CleanTitle(t == m.captures.end() ? "" : t->second);
          // "Compromiso 11.2) - y pensando…": a cross reference.
          if (!c.title.empty() && StartsLower(c.title)) continue;
          if (!scan.keyword_headings.empty() &&
              scan.keyword_headings.back().first_sentence == si)
            continue;
          scan.keyword_headings.push_back(std::move(c));
        } else if (c.kind == CommitmentKind::kStatement) {
          c.title = CleanTitle(s.text);
          c.text = s.text;
          if (!scan.statements.empty() &&
              scan.statements.back().first_sentence == si)
            continue;
          scan.statements.push_back(std::move(c));
        }
      }
    }
    if (anchor_here) {
      scan.at[si].template_anchor = true;
      scan.template_anchors.push_back(si);
    }
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
      f->entities.push_back(std::move(e));
    }
    scan.at[si].themes = std::move(themes_here);
    // Within a sentence, an entity inside a longer one of the same type is
    // the same mention read twice ("marzo de 2021" in "15 de marzo de 2021").
    size_t first = entities_before;
    std::vector<Entity> kept;
    for (size_t a = first; a < f->entities.size(); ++a) {
      bool inside = false;
      for (size_t b = first; b < f->entities.size() && !inside; ++b) {
        if (a == b || f->entities[a].type != f->entities[b].type) continue;
        const Entity& x = f->entities[a];
        const Entity& y = f->entities[b];
        bool contained = y.start <= x.start && x.end <= y.end;
        bool longer = (y.end - y.start) > (x.end - x.start) ||
                      ((y.end - y.start) == (x.end - x.start) && b < a);
        inside = contained && longer;
      }
      if (!inside) kept.push_back(f->entities[a]);
    }
    f->entities.resize(first);
    for (Entity& e : kept) f->entities.push_back(std::move(e));
  }

  return scan;
}

}  // namespace planmine
