// Fields of a commitment: each label's value runs to the next label (or
// the commitment's end); label and value cells paired by geometry
// (row_fields.h), then the key-value rows the layout read, fill the fields
// the running text did not label. Dates are read with the packs' month
// words; a value that is only a date range is the commitment's period.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "extractors/mine_internal.h"
#include "pipeline/core/utf8.h"
#include "pipeline/normalize/normalizer.h"

namespace planmine {

namespace {

// Fields whose answer is one paragraph at most.
const std::set<std::string> kOneParagraph = {"lead_agency", "other_actors",
                                             "people",      "contact",
                                             "start_date",  "end_date"};

}  // namespace

std::vector<std::string> LearnRunInLabels(
    const std::vector<Sentence>& sentences) {
  // One to four words, the first capitalized, then a colon and a space.
  static const RE2 kRunIn("(?:^|\\s)(\\p{Lu}\\pL*(?:\\s+\\pL+){0,3})\\s*:\\s");
  std::map<std::string, int> seen;
  for (const Sentence& s : sentences) {
    std::set<std::string> here;
    re2::StringPiece in(s.text);
    std::string phrase;
    // A label after a value ("Receita Federal do Brasil Prazo:") is read
    // with the value's last words: each ending that starts with a capital
    // counts ("Brasil Prazo", "Prazo").
    while (RE2::FindAndConsume(&in, kRunIn, &phrase))
      for (size_t at = 0; at != std::string::npos;
           at = phrase.find(' ', at + 1)) {
        std::string tail = Squeeze(phrase.substr(at));
        if (!tail.empty() && !StartsLower(tail)) here.insert(tail);
      }
    for (const std::string& p : here) ++seen[p];
  }
  std::vector<std::string> out;
  for (const auto& [p, n] : seen) {
    if (n < 3) continue;
    // The shortest ending the document repeats is the label.
    bool shorter = false;
    for (size_t at = p.find(' '); at != std::string::npos && !shorter;
         at = p.find(' ', at + 1)) {
      auto it = seen.find(p.substr(at + 1));
      shorter = it != seen.end() && it->second >= 3;
    }
    if (!shorter) out.push_back(p + ":");
  }
  return out;
}

namespace {

bool LowerWord(std::string_view w) { return StartsLower(w); }
bool CapitalWord(std::string_view w) {
  return !w.empty() && !StartsLower(w) &&
         (std::isalpha(static_cast<unsigned char>(w[0])) ||
          static_cast<unsigned char>(w[0]) >= 0xC3);
}
size_t Letters(std::string_view w) {
  size_t n = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    unsigned char u = static_cast<unsigned char>(w[i]);
    n += std::isalpha(u) || (u >= 0xC0);  // a UTF-8 letter's lead byte
  }
  return n;
}

}  // namespace

std::string CutRunOnName(std::string_view value) {
  std::vector<std::string_view> words;
  for (size_t i = 0; i < value.size();) {
    size_t j = value.find(' ', i);
    if (j == std::string_view::npos) j = value.size();
    if (j > i) words.push_back(value.substr(i, j - i));
    i = j + 1;
  }
  const bool sentence_end =
      !value.empty() &&
      (value.back() == '.' || value.find(". ") != std::string_view::npos);
  // A name starts with a capital.
  if (!sentence_end || StartsLower(value)) return std::string(value);
  for (size_t i = 1; i < words.size(); ++i) {
    // The first word of running text: lower case and not a short joining
    // word (those are three letters or fewer in the plans' languages).
    if (!LowerWord(words[i]) || Letters(words[i]) <= 3) continue;
    size_t j = i - 1;
    while (j > 0 && LowerWord(words[j]) && Letters(words[j]) <= 3) --j;
    // Its sentence starts with a capital right after the name's last word
    // (a capitalised word, or a closing parenthesis), and runs on for a
    // few words more.
    if (j == 0 || !CapitalWord(words[j])) continue;
    std::string_view prev = words[j - 1];
    if (!CapitalWord(prev) && prev.back() != ')') continue;
    if (words.size() - j < 5) continue;
    // Running text: three lower-case words of four letters or more among
    // its first eight ("La falta de datos comparables dificulta", not
    // "Distrital para la Participación y la Acción Comunal").
    int prose = 0;
    for (size_t k = j; k < words.size() && k < j + 8; ++k)
      prose += LowerWord(words[k]) && Letters(words[k]) >= 4;
    if (prose < 3) continue;
    // The name before it holds no sentence end and is a name's length.
    std::string_view name =
        value.substr(0, static_cast<size_t>(words[j].data() - value.data()));
    if (name.find(". ") != std::string_view::npos || j > 24) break;
    return CleanValue(name, value.size());
  }
  return std::string(value);
}

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
    // A one-line answer (an agency, a person, a date) that starts in the
    // label's own block ends with that block: the next paragraph is the
    // body, or a label the packs do not know ("Plazo de ejecución:"). A
    // label alone in its block ("¿Quién ejecuta?") runs to the next label.
    if (kOneParagraph.count(l.field)) {
      const Sentence& ls0 = sentences[l.sentence];
      bool rest = false;  // words after the label (not its "?" or ":")
      for (size_t b = l.end; b < ls0.text.size() && !rest; ++b)
        rest = std::isalnum(static_cast<unsigned char>(ls0.text[b])) ||
               static_cast<unsigned char>(ls0.text[b]) >= 0xC0;
      int k = l.sentence;
      auto same_block = [&](int a, int b) {
        return sentences[a].page == sentences[b].page &&
               sentences[a].block == sentences[b].block;
      };
      while (k + 1 <= c->last_sentence && same_block(k + 1, l.sentence)) ++k;
      if (rest && k < end_s) {
        end_s = k;
        end_b = sentences[k].text.size();
      }
    }
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
    // A one-line answer stops at a run-in label the document repeats.
    if (kOneParagraph.count(l.field)) {
      for (const std::string& r : in.run_in_labels) {
        size_t at = v.find(" " + r);
        if (at != std::string::npos && at > 1) v.resize(at);
      }
    }
    std::string clean = CleanValue(v, kMaxValue);
    // An agency's name the layout ran on into the paragraph under it.
    if (l.field == "lead_agency" || l.field == "other_actors")
      clean = CutRunOnName(clean);
    if (!clean.empty()) values[l.field] = std::move(clean);
  }
  // Which field a label cell names: the packs' field labels, matched on
  // the cell as a whole; a template's longer wording ("Órgão responsável
  // pela implementação") is read by its leading words ("Órgão
  // responsável:") when the whole does not match. Empty when none.
  auto field_of = [&](const std::string& cell) {
    std::string label = Squeeze(cell);
    while (!label.empty()) {
      for (const PatternMatch& m :
           MatchEach(label + ":", {}, "commitments", "field"))
        if (m.start == 0) return (*packs_)[m.pack].patterns[m.pattern].key;
      size_t cut = label.rfind(' ');
      if (cut == std::string::npos || label.find(' ') == cut) break;
      label.resize(cut);  // at least two words
    }
    return std::string();
  };
  const std::string& language = sentences[c->first_sentence].language;
  // A value that is only a date range ("03/2022 – 07/2024", "Apr 2022 – Aug
  // 2024") under a label that is not a milestone's ("1. …") is the
  // commitment's period, whatever its label says ("Plazo", "Timeline",
  // "Start and end date"); the first one found is kept.
  std::vector<std::string> period;
  auto note_period = [&](const std::string& label, const std::string& v) {
    if (!period.empty() || v.size() > 64) return;
    size_t a = label.find_first_not_of(" ");
    if (a != std::string::npos && label[a] >= '0' && label[a] <= '9') return;
    std::vector<std::string> d = DatesIn(v, language);
    if (d.size() == 2 && d[0] <= d[1]) period = std::move(d);
  };
  for (const Label& l : ls) {
    auto it = values.find(l.field);
    if (it != values.end())
      note_period(sentences[l.sentence].text.substr(l.start, l.end - l.start),
                  it->second);
  }
  // A repeated run-in label followed by a date range, whatever it says
  // ("Plazo de ejecución: Enero 2024 – Diciembre 2026 …").
  for (int k = c->first_sentence; k <= c->last_sentence && period.empty();
       ++k) {
    const std::string& t = sentences[k].text;
    for (const std::string& r : in.run_in_labels) {
      size_t at = t.find(r);
      if (at == std::string::npos) continue;
      // (A label the packs know has its own field: "Metas:" lists
      // milestones, whose dates are not the commitment's.)
      if (!field_of(r.substr(0, r.size() - 1)).empty()) continue;
      std::string after = t.substr(at + r.size());
      std::vector<std::string> d = DatesIn(Utf8Truncate(after, 64), language);
      std::vector<std::string> head =
          DatesIn(Utf8Truncate(after, 24), language);
      if (d.size() >= 2 && d[0] <= d[1] && !head.empty() && head[0] == d[0]) {
        period = {d[0], d[1]};
        break;
      }
    }
  }
  // Label and value cells paired by geometry (row_fields.h) fill the fields
  // the running text did not label, when the label cell lies inside the
  // commitment.
  for (const PlacedRow& r : in.rows) {
    if (r.sentence < c->first_sentence) continue;
    if (r.sentence > c->last_sentence) break;
    std::string key = field_of(r.label);
    if (key.empty() && r.label_continued != r.label)
      key = field_of(r.label_continued);
    if (!key.empty() && !values.count(key)) {
      std::string clean = CleanValue(r.value, kMaxValue);
      if (!clean.empty()) values[key] = std::move(clean);
    }
    note_period(r.label, r.value);
  }
  // Key-value rows the layout read from template tables ("Fecha de inicio
  // | 1 de julio de 2021"), when the row lies inside the commitment.
  if (in.doc != nullptr) {
    for (const NormalizedPage& page : in.doc->pages) {
      if (page.number < c->first_page || page.number > c->last_page) continue;
      for (const Field& kv : page.fields) {
        if (c->text.find(kv.value) == std::string::npos) continue;
        std::string key = field_of(kv.key);
        if (!key.empty() && !values.count(key))
          values[key] = CleanValue(kv.value, kMaxValue);
        note_period(kv.key, kv.value);
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
  // A start date's value may hold the end too ("Fecha de inicio y término:
  // marzo de 2022 – julio de 2024").
  {
    std::vector<std::string> start = DatesIn(get("start_date"), language);
    std::vector<std::string> end = DatesIn(get("end_date"), language);
    if (!start.empty()) c->start_date = start.front();
    if (!end.empty())
      c->end_date = end.front();
    else if (start.size() == 2 && start[0] <= start[1])
      c->end_date = start[1];
  }
  bool structured = false;
  if (values.count("milestones"))
    c->milestones = SplitMilestones(
        get("milestones"),
        [&](std::string_view t) { return DatesIn(t, language, t.size()); },
        &structured);
  if (structured && c->end_date.empty()) {
    for (const Milestone& m : c->milestones)
      if (m.due > c->end_date) c->end_date = m.due;
  }
  if (c->start_date.empty() && c->end_date.empty() && !period.empty()) {
    c->start_date = period[0];
    c->end_date = period[1];
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
