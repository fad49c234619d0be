// IndexedDocument: everything the stages produced for one file, as the load
// stage writes it. The runner fills it; Store writes it in one transaction.
#ifndef PLANMINE_LOAD_INDEXED_DOCUMENT_H_
#define PLANMINE_LOAD_INDEXED_DOCUMENT_H_

#include <map>
#include <string>
#include <vector>

#include "extractors/miner.h"
#include "pipeline/discover/discover.h"
#include "pipeline/extract/extracted.h"
#include "pipeline/language/language_detector.h"
#include "pipeline/normalize/normalizer.h"
#include "pipeline/segment/sentence_splitter.h"

namespace planmine {

// A document-level fact with the evidence that decided it.
struct Attribute {
  std::string value;
  std::string source;  // "correction (m.csv:4)" | "filename" | "mentions" |
                       // "metadata" | "title" | "text" | ""; for the title,
                       // where on the document it was read (classify/title.h);
                       // for doc_type, the evidence that decided it
                       // (classify/doc_type.h)
};

struct IndexedDocument {
  SourceFile file;
  std::string sha256;
  std::string status =
      "ok";           // ok | no_text (no text layer anywhere: needs OCR)
  std::string error;  // why, when status != ok
  DocumentInfo info;
  int page_count = 0;
  std::vector<std::string> warnings;
  Attribute title, country, year, doc_type;
  Attribute plan_cycle;      // "2015-2017", "IV"
  std::string plan_ordinal;  // "IV": the plan's number, when the text names it
  Attribute subnational;     // "Bogotá", "Mendoza": a city's or state's plan
  LanguageGuess language;
  NormalizedDocument text;
  std::vector<Sentence> sentences;
  Findings findings;
  MatchCache matches;    // every pattern's sentence matches, for re-mining
  std::string versions;  // extractor, normalizer, segmenter, packs
  // The corrections applied over the classifier (CorrectionsFingerprint,
  // core/corrections.h); empty when none.
  std::string corrections;
  // Wall seconds each stage took on this document (extract, ocr,
  // normalize, language, segment, mine, classify): summed per run into
  // ingest_runs.stage_seconds.
  std::map<std::string, double> stage_seconds;
};

}  // namespace planmine

#endif  // PLANMINE_LOAD_INDEXED_DOCUMENT_H_
