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
// `table_rows` are the units of a summary table whose header names the
// unit (a candidate the plan's list may prefer, and a list itself).
std::vector<Commitment> Segment(const SegmentInput& in, Scan* scan,
                                const std::vector<Commitment>& table_rows = {});

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

// numbered_headings.cc: every level that qualifies, the most headings
// first (NumberedHeadings is the first).
std::vector<std::vector<Commitment>> NumberedLevels(const SegmentInput& in);

// plan_contents.cc: an item of the plan's own list of its commitments.
struct ContentsItem {
  std::string number, title;
  int sentence = -1;  // where the item is written; -1 for a table's row
};

// plan_contents.cc: the plan's numbered lists ("1. Title", "2) Title",
// "3 Title .... 12", a table's number cell then its title): three items or
// more, one after another, numbered 1, 2, 3… (restarts at 1 allowed).
std::vector<std::vector<ContentsItem>> PlanLists(const SegmentInput& in);

// plan_contents.cc: true when two titles share at least half the content
// words of the shorter.
bool TitlesAgree(const std::string& a, const std::string& b);
// A title's content words, sorted, each once: what TitlesAgree compares,
// for callers that compare one title with many.
using TitleWords = std::vector<std::string>;
TitleWords WordsOfTitle(const std::string& title);
bool TitlesAgree(const TitleWords& a, const TitleWords& b);

// plan_contents.cc: how many of `units` one of `lists` names (each item
// once; an item on a unit's own first sentence does not count).
int NamedByList(const std::vector<Commitment>& units,
                const std::vector<std::vector<ContentsItem>>& lists);

// plan_contents.cc: the arbiter. `candidates` are segmentations in order of
// preference and `chosen` the strategies' choice; when the plan's lists name
// fewer than half of its units, the candidate they name most (three or more,
// at least half of its units, titles not repeating) is taken instead — named
// by a list written in the text (not a summary table's own rows) unless the
// lists name none of the chosen units. Returns the index.
size_t ChooseByContents(const std::vector<std::vector<Commitment>>& candidates,
                        size_t chosen,
                        const std::vector<std::vector<ContentsItem>>& lists);

// plan_contents.cc: how units stand against the plan's own list of its
// commitments. The list is the one whose items name the most units in order
// (TitlesAgree, an item never on a unit's own first sentence or number cell):
// at least three, half of the units and a third of the list's items.
struct ListMatch {
  int list = -1;          // index into the lists; -1 when none names them
  int expected = 0;       // how many commitments that list names
  int named = 0;          // units named by one of its items
  std::vector<int> item;  // per unit: the item naming it, -1 when none
};
ListMatch MatchToList(const std::vector<Commitment>& units,
                      const std::vector<std::vector<ContentsItem>>& lists);

// plan_contents.cc: gives the units numbered only by their place
// (Commitment::number_in_order) the numbers of the list's items that name
// them; an unnamed unit between two named ones takes the one item left
// between theirs. Returns how many numbers changed.
int NumberFromList(const ListMatch& match,
                   const std::vector<std::vector<ContentsItem>>& lists,
                   std::vector<Commitment>* units);

// plan_contents.cc: "found 12 of the 15 commitments the plan's own list
// names" when `found` units are fewer than the items of `list` (the matched
// one) that read like commitments; else empty. Unmatched items with titles
// a third as long as the named ones' are not counted; and nothing is said
// when the unmatched items fall in more runs than a third of the named
// ones: a list finer than the units (their actions), not a count.
std::string ListCountWarning(int found, const ListMatch& match,
                             const std::vector<ContentsItem>& list);

// chapter_level.cc: true when `level` is the level above the units: one
// of its headings names the unit (SentenceSignals::names_unit: "3.
// Compromisos del Plan de Acción") and holds two thirds or more (three or
// more) of another of `candidates` (level itself may be among them).
bool IsChapterLevel(const std::vector<Commitment>& level,
                    const std::vector<std::vector<Commitment>>& candidates,
                    const SegmentInput& in);

// run_in_titles.cc: paragraphs that open with a run-in title (emphasized,
// or a capitalised phrase ending in a full stop) repeating through the plan.
std::vector<Commitment> RunInTitles(const SegmentInput& in);

}  // namespace planmine

#endif  // PLANMINE_EXTRACTORS_SEGMENT_SEGMENT_H_
