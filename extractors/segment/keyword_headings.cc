// Strategy: headings that name the unit ("Compromiso 4: …", "Commitment
// 12", "COMPROMISO NRO. 6:"), found by the `heading` patterns of the
// commitments packs during the scan.
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

namespace {

// Where, after its first word, a heading the packs know opens in `title`;
// npos when none does.
size_t NextHeadingAt(const std::string& title, const SegmentInput& in) {
  if (!in.opens_heading) return std::string::npos;
  for (size_t at = title.find(' '); at != std::string::npos;
       at = title.find(' ', at + 1)) {
    if (at + 1 < title.size() && title[at + 1] != ' ' &&
        in.opens_heading(std::string_view(title).substr(at + 1)))
      return at;
  }
  return std::string::npos;
}

}  // namespace

std::vector<Commitment> KeywordHeadings(std::vector<Commitment> heads,
                                        const SegmentInput& in) {
  const std::vector<Sentence>& sentences = in.sentences;
  const int n = static_cast<int>(sentences.size());
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
  for (size_t h = 0; h < heads.size(); ++h) {
    Commitment& c = heads[h];
    CloseUnit(&c, h + 1 < heads.size() ? heads[h + 1].first_sentence : n,
              sentences);
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
    size_t at = NextHeadingAt(c.title, in);
    if (at != std::string::npos) c.title = CleanTitle(c.title.substr(0, at));
  }
  {
    // Labels in the body (lead agency, dates…) say it is the definition;
    // then the longest body.
    auto label_count = [&](const Commitment& c) {
      int k = 0;
      for (int j = c.first_sentence; j <= c.last_sentence; ++j)
        k += static_cast<int>(in.at[j].labels.size());
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

  return heads;
}

}  // namespace planmine
