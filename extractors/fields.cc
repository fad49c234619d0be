// Fields of a commitment: each label's value runs to the next label (or
// the commitment's end), and key-value rows the layout read from template
// tables fill the fields the running text did not label.
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

void Miner::FillFields(const SegmentInput& in, Commitment* c) const {
  const std::vector<Sentence>& sentences = in.sentences;
  const size_t kMaxValue = 4000;
  {
    std::string text;
    for (int k = c->first_sentence; k <= c->last_sentence && text.size() < 8000;
         ++k) {
      if (!text.empty()) text += ' ';
      text += sentences[k].text;
    }
    c->text = Utf8Truncate(text, 8000);
  }
  std::vector<Label> ls;
  for (int k = c->first_sentence; k <= c->last_sentence; ++k)
    for (const Label& l : in.at[k].labels) ls.push_back(l);
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
    int end_s = i + 1 < ls.size() ? ls[i + 1].sentence : c->last_sentence;
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
  if (in.doc != nullptr) {
    for (const NormalizedPage& page : in.doc->pages) {
      if (page.number < c->first_page || page.number > c->last_page) continue;
      for (const Field& kv : page.fields) {
        if (c->text.find(kv.value) == std::string::npos) continue;
        // A label cell is a label as a whole; a template's longer wording
        // ("Órgão responsável pela implementação") is read by its leading
        // words ("Órgão responsável:") when the whole does not match.
        std::string label = Squeeze(kv.key);
        bool found = false;
        while (!found && !label.empty()) {
          for (const PatternMatch& m :
               MatchEach(label + ":", {}, "commitments", "field")) {
            if (m.start != 0) continue;
            const Pattern& p = (*packs_)[m.pack].patterns[m.pattern];
            if (!values.count(p.key))
              values[p.key] = CleanValue(kv.value, kMaxValue);
            found = true;
            break;
          }
          size_t cut = label.rfind(' ');
          if (cut == std::string::npos || label.find(' ') == cut) break;
          label.resize(cut);  // at least two words
        }
      }
    }
  }
  auto get = [&](const char* k) {
    auto it = values.find(k);
    return it == values.end() ? std::string() : it->second;
  };
  // A labelled field wins over what the strategy read (a table's cell).
  if (std::string lead = get("lead_agency"); !lead.empty()) {
    c->lead_agency = Utf8Truncate(lead, 400);
    c->lead_agency_source = "field";
  }
  c->other_actors = Utf8Truncate(get("other_actors"), 600);
  for (const char* k :
       {"description", "objective", "problem", "results", "activities"}) {
    std::string v = get(k);
    if (!v.empty()) c->sections[k] = v;
  }
  c->start_date = FindDate(get("start_date"));
  c->end_date = FindDate(get("end_date"));
  bool structured = false;
  if (values.count("milestones"))
    c->milestones = SplitMilestones(get("milestones"), &structured);
  if (structured && c->end_date.empty()) {
    for (const Milestone& m : c->milestones)
      if (m.due > c->end_date) c->end_date = m.due;
  }
  // Completion: the end-of-term level; else complete when it was complete
  // at mid-term.
  // The level written first after the label; the text kept is the
  // value up to the level's words ("Sustancial", "No Iniciado").
  auto level_in = [&](const std::string& v, std::string* as_written) {
    std::string head = Utf8Truncate(v, 60);
    std::string best;
    size_t best_at = std::string::npos, best_end = 0;
    for (const PatternMatch& m : MatchEach(head, {}, "commitments", "level")) {
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
    c->completion = lvl;
    c->completion_text = as_written;
  } else if (level_in(get("completion_midterm"), &as_written) == "complete") {
    c->completion = "complete";
    c->completion_text = as_written;
  }
  std::set<std::string> values_named;
  for (int k = c->first_sentence; k <= c->last_sentence; ++k)
    if (in.at[k].ogp_context)
      values_named.insert(in.at[k].ogp.begin(), in.at[k].ogp.end());
  if (std::string v = get("ogp_values"); !v.empty()) {
    for (const PatternMatch& m : MatchEach(v, {}, "commitments", "ogp")) {
      const Pattern& p = (*packs_)[m.pack].patterns[m.pattern];
      if (p.key != "context") values_named.insert(p.key);
    }
  }
  c->ogp_values.assign(values_named.begin(), values_named.end());
}

}  // namespace planmine
