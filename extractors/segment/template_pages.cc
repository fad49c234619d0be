// Strategy: template pages ("fichas"), one per commitment, each opened by
// the same label (the `ficha` patterns). Their titles are often pictures, so
// each page is titled from the plan's own numbered list of commitments,
// matched by the words they share (lead agency, place, subject), not by
// position.
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "extractors/mine_internal.h"
#include "extractors/segment/segment.h"
#include "pipeline/core/utf8.h"
#include "pipeline/normalize/normalizer.h"

namespace planmine {

std::vector<std::pair<int, std::string>> PlanList(const SegmentInput& in,
                                                  int end) {
  const std::vector<Sentence>& sentences = in.sentences;
  // The numbered list: "N. Title" sentences before the first ficha, the
  // longest run 1, 2, 3…; a title continues into a following sentence
  // that starts in lower case.
  static const RE2 kItem("^\\s*(\\d{1,2})[.)]\\s*(.*)$");
  std::vector<std::pair<int, std::string>> best_run, run;
  for (int k = 0; k < end; ++k) {
    int num;
    std::string title;
    if (!RE2::FullMatch(sentences[k].text, kItem, &num, &title)) continue;
    // The item's title runs on through its block ("8." "Democratización
    // del desarrollo local." "Gobierno Abierto de la Alcaldía de Bogotá.").
    for (int j = k + 1;
         j < end && sentences[j].page == sentences[k].page &&
         sentences[j].block == sentences[k].block &&
         !RE2::FullMatch(sentences[j].text, kItem) && title.size() < 300;
         ++j)
      title += (title.empty() ? "" : " ") + sentences[j].text;
    // Or into the next block when it starts in lower case.
    if (k + 1 < end && sentences[k + 1].block != sentences[k].block &&
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
  return best_run;
}

std::vector<Commitment> TemplatePages(const std::vector<int>& fichas,
                                      const SegmentInput& in) {
  const std::vector<Sentence>& sentences = in.sentences;
  const int n = static_cast<int>(sentences.size());
  std::vector<Commitment> units;
  if (fichas.size() < 2) return units;
  std::vector<int> starts;
  int floor = 0;
  for (int a : fichas) {
    int k = a - 1;
    while (k >= floor && sentences[k].page == sentences[a].page &&
           in.at[k].labels.empty() && !IsBulletOrContact(sentences[k].text))
      --k;
    starts.push_back(k + 1);
    floor = a + 1;
  }
  std::vector<std::pair<int, std::string>> best_run =
      PlanList(in, starts.front());
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
        score -=
            0.001 * std::abs(static_cast<double>(fi) - static_cast<double>(it));
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
    c.kind = CommitmentKind::kFicha;
    c.pattern_id = "ficha";
    c.number = std::to_string(fi + 1);
    c.first_sentence = starts[fi];
    c.first_page = sentences[starts[fi]].page;
    CloseUnit(&c, fi + 1 < fichas.size() ? starts[fi + 1] : n, sentences);
    c.title = !titles[fi].empty() ? titles[fi]
                                  : CleanTitle(sentences[starts[fi]].text);
    units.push_back(std::move(c));
  }
  return units;
}

}  // namespace planmine
