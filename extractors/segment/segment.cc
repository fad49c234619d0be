#include "extractors/segment/segment.h"

#include <algorithm>

namespace planmine {

std::vector<Commitment> Segment(const SegmentInput& in, Scan* scan) {
  std::vector<Commitment> units =
      KeywordHeadings(std::move(scan->keyword_headings), in);
  // Template pages win when the keyword headings are fewer than half of
  // them (the headings are then template labels or cross references).
  const std::vector<int>& anchors = scan->template_anchors;
  if (anchors.size() >= 2 && units.size() < anchors.size() / 2)
    units = TemplatePages(anchors, in);
  return units;
}

}  // namespace planmine
