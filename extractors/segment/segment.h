// Commitment segmentation: strategies that each look for the plan's own
// repeated unit, tried in order by Segment (segment.cc). Each strategy is a
// function of its own file and returns the units it found (empty when its
// evidence is absent); Segment takes the first that is convincing.
#ifndef PLANMINE_EXTRACTORS_SEGMENT_SEGMENT_H_
#define PLANMINE_EXTRACTORS_SEGMENT_SEGMENT_H_

#include <string>
#include <utility>
#include <vector>

#include "extractors/mine_internal.h"

namespace planmine {

// The units in order, closed (first/last sentence and page), titled, and
// numbered as the plan numbers them. `scan` supplies the keyword headings
// and template anchors the patterns found.
std::vector<Commitment> Segment(const SegmentInput& in, Scan* scan);

// keyword_headings.cc: "Compromiso 4: …" headings, deduplicated (contents
// pages, cross references), each titled and closed at the next.
std::vector<Commitment> KeywordHeadings(std::vector<Commitment> heads,
                                        const SegmentInput& in);

// template_pages.cc: one unit per template page, opened by the anchor
// label at the sentences `anchors`, titled from the plan's own list.
std::vector<Commitment> TemplatePages(const std::vector<int>& anchors,
                                      const SegmentInput& in);

// template_pages.cc: the plan's own numbered list of commitments before
// sentence `end` ("1. Title", "2. Title"…): the longest run 1, 2, 3….
std::vector<std::pair<int, std::string>> PlanList(const SegmentInput& in,
                                                  int end);

// repeated_template.cc: the labels this document repeats the same number
// of times (its commitment template, paired with values by the layout):
// each time the template starts again, a unit starts.
std::vector<Commitment> RepeatedTemplate(const SegmentInput& in);

// numbered_headings.cc: headings numbered "1.", "2)", "III." at one
// typographic level of the document (size, weight), spread over pages.
std::vector<Commitment> NumberedHeadings(const SegmentInput& in);

// run_in_titles.cc: paragraphs that open with a run-in title (emphasized,
// or a capitalised phrase ending in a full stop) repeating through the plan.
std::vector<Commitment> RunInTitles(const SegmentInput& in);

}  // namespace planmine

#endif  // PLANMINE_EXTRACTORS_SEGMENT_SEGMENT_H_
