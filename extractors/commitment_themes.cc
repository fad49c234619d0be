// Themes of a commitment, read where the plan says what it is about.
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "extractors/mine_internal.h"
#include "pipeline/core/utf8.h"
#include "pipeline/normalize/normalizer.h"

namespace planmine {

void Miner::AssignThemes(const SegmentInput& in,
                         const std::vector<ThemeHit>& theme_hits,
                         std::vector<Commitment>* units) const {
  const std::vector<Sentence>& sentences = in.sentences;
  const int n = static_cast<int>(sentences.size());
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
  for (const ThemeHit& h : theme_hits)
    hit_at.emplace(std::pair(h.sentence, h.theme), &h);
  for (Commitment& c : *units) {
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
      for (const Label& l : in.at[k].labels)
        labelled |= kAbout.count(l.field) > 0;
    std::string field;  // the label the sentence is under
    int body = 0;
    for (int k = c.first_sentence; k <= c.last_sentence; ++k) {
      if (!in.at[k].labels.empty()) field = in.at[k].labels.back().field;
      bool title_sentence =
          k == c.first_sentence && c.kind == CommitmentKind::kHeading;
      bool read = labelled ? kAbout.count(field) > 0
                           : field.empty() && !title_sentence && body++ < 5;
      // "Transparencia y participación son los principios de AGA
      // relacionados": OGP values, not policy areas.
      if (!read || in.at[k].ogp_context) continue;
      for (const std::string& t : in.at[k].themes) {
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
}

}  // namespace planmine
