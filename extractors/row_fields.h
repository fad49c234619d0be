// Label and value cells paired by geometry rather than by reading order.
// A template's label column and answer column meet on shared rows: the
// value starts on the label's first line, to its right, and runs down its
// column until something starts left of that column again. Example:
//
//   Lead implementing agency   Ministry of Justice and
//                              Ministry of Finance
//   Start and end date         Apr 2022 – Aug 2024
//
// gives ("Lead implementing agency", "Ministry of Justice and Ministry of
// Finance") and ("Start and end date", "Apr 2022 – Aug 2024"), whatever order
// the layout stage read the cells in. Distances are measured in the page's
// own body type size (the median block font size), never in points.
#ifndef PLANMINE_EXTRACTORS_ROW_FIELDS_H_
#define PLANMINE_EXTRACTORS_ROW_FIELDS_H_

#include <string>
#include <vector>

#include "pipeline/normalize/normalizer.h"

namespace planmine {

// A label cell longer than this is prose, not a label.
inline constexpr size_t kMaxLabelWords = 16;

struct RowField {
  int label_block = 0;            // index into the page's blocks
  std::vector<int> value_blocks;  // top to bottom
  std::string label, value;       // block texts, value blocks joined by ' '
  // The label and the label-column block right under it, for a label that
  // wrapped into its neighbour's cell; equal to `label` when none.
  std::string label_continued;
};

// Every (label, value) row of `page`, in the page's block order of the
// labels. A block is a label when it has at most kMaxLabelWords words and a
// block to its right starts within one body line of its top (or, for a
// label that wrapped, ends on its last line); which field a
// label names is the caller's business (the packs, or the template's
// repetition).
std::vector<RowField> PairRows(const NormalizedPage& page);

}  // namespace planmine

#endif  // PLANMINE_EXTRACTORS_ROW_FIELDS_H_
