// layout: rebuilds reading order from positioned words.
//
// Three steps, the first and last per page, the middle per document:
//   BuildLines      words -> lines (same baseline, split at column gutters)
//   FindFurniture   lines that repeat in the top/bottom margin across pages
//                   (digits may vary), page numbers, rotated margin labels
//   OrderBlocks     remaining lines -> blocks in reading order, by a
//                   recursive XY-cut that treats full-width lines crossing a
//                   column gutter as bands between column sections.
// Pure geometry: no Poppler types, so it is tested with hand-made words.
#ifndef PLANMINE_EXTRACT_LAYOUT_H_
#define PLANMINE_EXTRACT_LAYOUT_H_

#include <string>
#include <vector>

#include "pipeline/extract/extracted.h"

namespace planmine {

// A column edge: an x-strip [x0, x1] that rows y0..y1 leave empty, found
// from many rows starting (or ending) at the same x with a gap wider than
// the page's own word space before it. Rows are split there.
struct ColumnEdge {
  Box strip;
  int support = 0;  // rows aligned on it
};

// Evidence beside the words: column edges (BuildLines) and the page's
// ruling lines and filled rectangles (from the PDF's drawing, when known).
struct LayoutHints {
  std::vector<ColumnEdge> edges;
  std::vector<Box> hrules, vrules;  // thin horizontal / vertical strokes
  std::vector<Box> fills;           // coloured rectangles (cells, boxes)
  std::vector<Box> marks;           // small drawn shapes (list bullets)
};

// Joins the collinear pieces of each ruling line (grids are often drawn
// cell by cell).
void JoinRules(LayoutHints* hints);

// Words standing on a horizontal rule that runs under them and no further
// (an underline drawn as a line: Poppler marks only some) get `underline`.
void MarkUnderlines(const std::vector<Box>& hrules, std::vector<Word>* words);

struct PageLines {
  double width = 0, height = 0;
  std::vector<Line> lines;           // horizontal lines, in no particular order
  std::vector<std::string> rotated;  // text of rotated words, joined per run
  LayoutHints hints;
  double word_space = 0.3;  // the typical word space, in ems
};

// Words -> lines. Rows are split at column edges (however narrow the
// gutter, when alignment across rows supports it), at vertical rules drawn
// between words (cell borders) and at gaps over 1 em.
PageLines BuildLines(const std::vector<Word>& words, double page_width,
                     double page_height, const std::vector<Box>& vrules = {});

// Marks furniture across a document's pages. furniture[p][i] is true when
// pages[p].lines[i] is a running header, footer or page number.
std::vector<std::vector<bool>> FindFurniture(
    const std::vector<PageLines>& pages);

// True for "3", "- 3 -", "3/40", "Página 3 de 40", "Page 3 of 40", "Pág. 3".
bool LooksLikePageNumber(const std::string& text);

// "• ", "– ", private-use bullets, "1. ", "2) ", "a) ": a list item starts.
bool StartsListItem(const std::string& text);

// Key-value rows among ordered blocks: the two cells of each row of a
// two-column table (a label/value sheet), and elsewhere a short label block
// followed by a block that starts on the same row to its right. Returns
// (key, value) block indexes in reading order.
std::vector<std::pair<size_t, size_t>> FindFields(
    const std::vector<Block>& blocks);

// Reading order is geometric; where the PDF's drawing order (stream
// positions) makes at least two more sentences run on from one block to the
// next, that order wins — unless the page has a table, an inset or
// footnotes, whose places geometry has decided. Exposed for tests.
void ChooseOrder(std::vector<Block>* blocks);

// Orders lines and groups them into blocks; a list item starts a block.
// `hints` (column edges from BuildLines, ruling lines) help tell tables
// from columns and find boxes beside the text; `marks`, when given,
// receives the regions decided, for debugging.
std::vector<Block> OrderBlocks(std::vector<Line> lines,
                               const LayoutHints& hints = {},
                               std::vector<LayoutMark>* marks = nullptr);

}  // namespace planmine

#endif  // PLANMINE_EXTRACT_LAYOUT_H_
