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
// 2 to 4 read layout and typography alone, so they are tried only in a document
// that speaks of its units ("commitments", "compromisos") in a few sentences: a
// guide's numbered chapters are not commitments. Summary tables are read
// after segmentation (Miner::ApplySummaryTables), as the last fallback.
std::vector<Commitment> Segment(const SegmentInput& in, Scan* scan) {
  std::vector<Commitment> units =
      KeywordHeadings(std::move(scan->keyword_headings), in);
  const std::vector<int>& anchors = scan->template_anchors;
  if (anchors.size() >= 2 && units.size() < anchors.size() / 2)
    return TemplatePages(anchors, in);
  if (units.size() >= 3) return units;
  const int kUnitWords = 3;
  if (scan->unit_words < kUnitWords) return units;
  std::vector<Commitment> sheets = RepeatedTemplate(in);
  if (sheets.size() >= 3) return sheets;
  std::vector<Commitment> numbered = NumberedHeadings(in);
  if (numbered.size() >= 3) return numbered;
  std::vector<Commitment> run_in = RunInTitles(in);
  if (run_in.size() >= 3) return run_in;
  return units;
}

}  // namespace planmine
