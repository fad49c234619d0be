// Document type over the whole taxonomy (core/doc_types.h), from general
// signals, each decision with its evidence.
//
// Tried in order; the first that holds decides:
//   slides          page geometry: most pages landscape, few words a page
//   legal           an act's structure: an enacting formula ("VISTO:",
//                   "CONSIDERANDO:", "DECRETA:") and article headings
//                   ("ARTÍCULO 1°", "Art. 2º:") opening blocks, or an act's
//                   own heading ("DECRETO N° 181") or a gazette's name opening
//                   the document with one of them
//   agenda          time ranges ("9:00–9:30", "10:00 a.m.") dense among the
//                   document's words, or the word "agenda" in the title with
//                   a few of them
//   a genre word    in the title, then in the running header (not a
//                   publisher's name), then in the document's first lines
//                   (the "opening"), most specific first: irm_report,
//                   self_assessment, legal, guide, workshop, report; a
//                   letter's salutation or subject line makes it `other`.
//                   A genre word decides before plan words: a progress
//                   report lists the plan's commitments too
//   action_plan     plan words ("Plan de Acción", "action plan") heading
//                   the title, the running header or a line of the opening
//                   (at most eight words before them), and commitment units:
//                   at least three commitments the miner found that are not
//                   statements
// The opening is the first lines of page 1 that are not running text.
//   other           none of these
// Genre words, formulas and time patterns are in the `genres` packs
// (signals.h); thresholds are relative to the document's own size.
#ifndef PLANMINE_CLASSIFY_DOC_TYPE_H_
#define PLANMINE_CLASSIFY_DOC_TYPE_H_

#include <string>

#include "pipeline/classify/signals.h"
#include "pipeline/core/doc_types.h"
#include "pipeline/load/indexed_document.h"

namespace planmine {

struct DocTypeDecision {
  DocType type = DocType::kOther;
  // What decided, as a reader would check it: "genre word 'Informe' in the
  // title", "12 time ranges in 240 words".
  std::string evidence;
};

// Reads doc.title, doc.text (page sizes, word counts, blocks), doc.language
// and doc.findings.commitments; everything it reads is in the index, so a
// re-mine decides the same way as a first read.
DocTypeDecision DecideDocType(const IndexedDocument& doc,
                              const Signals& signals);

}  // namespace planmine

#endif  // PLANMINE_CLASSIFY_DOC_TYPE_H_
