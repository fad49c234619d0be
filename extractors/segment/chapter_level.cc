// Filter: a level of chapters is not the plan's unit. Plans number their
// chapters ("3. Compromisos del Plan de Acción", "IV. Summary of
// Commitments") in the same type as they might number commitments, and such
// a level repeats over pages with numbers that run on. What gives it away is
// nesting: one of its headings names the unit (the commitments pack's
// `unit.word`), and another candidate's units lie, most of them, inside that
// heading's section. The commitments are inside the chapter, not the
// chapters themselves.
#include <vector>

#include "extractors/mine_internal.h"
#include "extractors/segment/segment.h"

namespace planmine {
namespace {

// How many of `units` start strictly inside [first, end).
int Inside(const std::vector<Commitment>& units, int first, int end) {
  int n = 0;
  for (const Commitment& u : units)
    n += u.first_sentence > first && u.first_sentence < end;
  return n;
}

// True when a sentence of the heading block opening at `first` names the
// unit (the layout may split "IV." from "Compromissos do Plano de Ação").
bool HeadingNamesUnit(const SegmentInput& in, int first) {
  const int n = static_cast<int>(in.sentences.size());
  if (first < 0 || first >= n || in.at.size() != in.sentences.size())
    return false;
  const Sentence& head = in.sentences[first];
  for (int k = first; k < n && in.sentences[k].page == head.page &&
                      in.sentences[k].block == head.block;
       ++k)
    if (in.at[k].names_unit) return true;
  return false;
}

}  // namespace

bool IsChapterLevel(const std::vector<Commitment>& level,
                    const std::vector<std::vector<Commitment>>& candidates,
                    const SegmentInput& in) {
  const int n = static_cast<int>(in.sentences.size());
  for (size_t i = 0; i < level.size(); ++i) {
    const int first = level[i].first_sentence;
    if (!HeadingNamesUnit(in, first)) continue;
    const int end = i + 1 < level.size() ? level[i + 1].first_sentence : n;
    for (const std::vector<Commitment>& other : candidates) {
      if (&other == &level || other.size() < 3) continue;
      // Two thirds of the other's units, three or more, in this section.
      const int inside = Inside(other, first, end);
      if (inside >= 3 && inside * 3 >= static_cast<int>(other.size()) * 2)
        return true;
    }
  }
  return false;
}

}  // namespace planmine
