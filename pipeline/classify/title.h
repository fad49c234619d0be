// Title: the name a reader would give a document, read from its cover.
//
// Tried in order; the first that gives a title decides, and the title's
// source says which:
//   subject         a letter's subject line on page 1 ("Asunto:", "Re:")
//   cover           the largest type of page 1, well above the document's
//                   body size (of blocks in about that size, the topmost);
//                   up to three stacked blocks of that size are joined ("The
//                   new UK National Action Plan:" over "open data
//                   engagement")
//   act             an act's own heading near the top of page 1 ("DECRETO
//                   N° 181") when nothing on the page stands out by size
//   running_header  the header repeated over the pages, when nothing on
//                   page 1 stands out (a cover drawn as a picture, a
//                   contents page)
//   cover           bold lines at body size opening page 1; the one that
//                   opens with a genre word ("TALLER DE SALUD" under the
//                   series' name) stands alone
//   metadata        the PDF's title when it is real: not a program's
//                   placeholder ("PowerPoint Presentation", "Microsoft Word -
//                   …"), not the file's name, not a letterhead, two words at
//                   least
//   salutation      a letter's salutation ("Estimados miembros…")
//   heading         the largest type of pages 2 and 3 (not a contents page);
//                   for plain text, its first heading
//   filename        the file's name
// What is printed on the pages comes before what the file's properties say.
// A block is never a title when it is a contents heading ("ÍNDICE",
// "Sumário", "Contents"), a section heading or generic word alone
// ("Introducción", "Foreword by …", "Anexos"), a letterhead, a date or
// edition line, a URL, a contents line with leaders, a label ("Key
// Resources:"), a paragraph, or fewer than two words (a stacked line may be
// one word). Those words are in the `titles` packs (signals.h). The
// thresholds are relative to the document's own body size.
#ifndef PLANMINE_CLASSIFY_TITLE_H_
#define PLANMINE_CLASSIFY_TITLE_H_

#include "pipeline/classify/signals.h"
#include "pipeline/load/indexed_document.h"

namespace planmine {

// Bump when DecideTitle changes. The title is decided from the layout's
// typography, which the index does not keep, so a new version re-reads the
// files (it is part of the text versions, see Pipeline).
inline constexpr const char* kTitleVersion = "title-3";

// The document's title and its source. Reads doc.text (blocks with their
// type size and boxes, furniture), doc.info.title, doc.file.path and
// doc.language; the manifest's title, when there is one, is not its
// business (the caller keeps it).
Attribute DecideTitle(const IndexedDocument& doc, const Signals& signals);

}  // namespace planmine

#endif  // PLANMINE_CLASSIFY_TITLE_H_
