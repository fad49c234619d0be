#include "extractors/segment/segment.h"

#include <algorithm>

namespace planmine {

// The strategies in order of the strength of their evidence:
//  1. headings that name the unit ("Compromiso 4: …"), when there are three
//     or more; template pages win over them when the headings are fewer
//     than half the template anchors (they are then labels inside the
//     template or cross references);
//  2. the document's repeated template (labels it repeats once per unit);
//  3. numbered headings at one typographic level;
//  4. run-in titles that repeat;
//  5. whatever keyword headings there were (one or two).
// A level one of whose headings names the unit and holds most of another
// candidate's units is a level of chapters and is dropped (chapter_level.cc).
// Among 2 to 4 (every numbered level a candidate) and a summary table naming
// the unit, the plan's own list of its commitments (plan_contents.cc) may
// overrule the order: a level or table whose units the list names wins over
// one it does not (bold chapters over commitments listed in a table).
// 2 to 4 read layout and typography alone, so they are tried only in a document
// that speaks of its units ("commitments", "compromisos") in a few sentences: a
// guide's numbered chapters are not commitments. Summary tables are read
// after segmentation (Miner::ApplySummaryTables), as the last fallback.
std::vector<Commitment> Segment(const SegmentInput& in, Scan* scan,
                                const std::vector<Commitment>& table_rows) {
  std::vector<Commitment> units =
      KeywordHeadings(std::move(scan->keyword_headings), in);
  const std::vector<int>& anchors = scan->template_anchors;
  if (anchors.size() >= 2 && units.size() < anchors.size() / 2)
    return TemplatePages(anchors, in);
  if (units.size() >= 3) return units;
  const int kUnitWords = 3;
  if (scan->unit_words < kUnitWords) return units;
  // The layout strategies' candidates in order, every numbered level
  // among them; the first with three units is the strategies' choice.
  std::vector<std::vector<Commitment>> candidates;
  candidates.push_back(RepeatedTemplate(in));
  for (std::vector<Commitment>& level : NumberedLevels(in))
    candidates.push_back(std::move(level));
  candidates.push_back(RunInTitles(in));
  candidates.push_back(table_rows);
  // A level of chapters, one of which holds another candidate's units (the
  // "Commitments" chapter), is the level above the plan's unit.
  std::vector<bool> chapters(candidates.size());
  for (size_t i = 0; i + 1 < candidates.size(); ++i)
    chapters[i] = IsChapterLevel(candidates[i], candidates, in);
  for (size_t i = 0; i < candidates.size(); ++i)
    if (chapters[i]) candidates[i].clear();
  size_t chosen = candidates.size();
  for (size_t i = 0; i + 1 < candidates.size() && chosen == candidates.size();
       ++i)
    if (candidates[i].size() >= 3) chosen = i;
  if (chosen == candidates.size()) return units;
  // The plan's own list picks among them; a summary table naming the unit
  // is such a list.
  std::vector<std::vector<ContentsItem>> lists = PlanLists(in);
  if (table_rows.size() >= 3) {
    std::vector<ContentsItem> rows;
    for (const Commitment& r : table_rows) rows.push_back({r.number, r.title});
    lists.push_back(std::move(rows));
  }
  chosen = ChooseByContents(candidates, chosen, lists);
  return std::move(candidates[chosen]);
}

}  // namespace planmine
