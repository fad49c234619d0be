// debug_layout: pictures of the layout stage's decisions, so that a wrong
// reading order on a real page is diagnosed from one image.
#ifndef PLANMINE_EXTRACT_DEBUG_LAYOUT_H_
#define PLANMINE_EXTRACT_DEBUG_LAYOUT_H_

#include <string>

#include "pipeline/core/status.h"
#include "pipeline/extract/extracted.h"

namespace planmine {

// For each page of `doc` (extracted from `pdf` with layout marks kept),
// writes DIR/page-N.png (the page rendered at 100 dpi with each region's
// box drawn in its kind's colour and column edges shaded) and
// DIR/page-N.txt (the blocks in reading order: number, region kind, row and
// column of table cells, bold/italic, box and text).
Status WriteLayoutDebug(const std::string& pdf, const ExtractedDocument& doc,
                        const std::string& dir);

}  // namespace planmine

#endif  // PLANMINE_EXTRACT_DEBUG_LAYOUT_H_
