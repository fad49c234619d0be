// evaluate_documents: how well the index's document types and titles agree
// with what a person labelled.
//
// Document types come from manifests (docs/manifest.md): each row's file
// name and its doc_type_full, else doc_type; a row without a type is not
// labelled. A document's type is right when it equals the label.
//
// Titles come from a TSV file (tests/eval/titles.tsv) with the columns
//   corpus document title also_accept
// where also_accept holds '|'-separated alternatives a person would accept
// too. A title is accepted when, after TitleWords (NFKD, accents off, lower
// case, anything but letters and digits a space), it equals the title or an
// alternative, or their token F1 is at least 0.8.
//
// Documents are matched by file name. A labelled document that is not in the
// index counts as wrong and is listed.
#ifndef PLANMINE_QUERY_EVALUATE_DOCUMENTS_H_
#define PLANMINE_QUERY_EVALUATE_DOCUMENTS_H_

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/load/db.h"

namespace planmine {

struct DocumentScore {
  std::string set;  // the manifest's folder, or the titles' corpus column
  int labelled = 0, right = 0;
  double share() const {
    return labelled == 0 ? 0 : static_cast<double>(right) / labelled;
  }
};

struct DocumentEvalReport {
  // Document types, over all manifests and per manifest.
  DocumentScore doc_type;
  std::vector<DocumentScore> doc_type_sets;
  // (labelled, predicted) -> how many documents, misses only.
  std::map<std::pair<std::string, std::string>, int> confusion;
  // "file: want report, got other (no genre word, …)"
  std::vector<std::string> doc_type_misses;
  // Titles, over the file and per corpus.
  DocumentScore titles;
  std::vector<DocumentScore> title_sets;
  // "file: got 'INDICE' (heading), want 'GUÍA PARA …'"
  std::vector<std::string> title_misses;
  std::vector<std::string> missing_documents;  // labelled, not in the index
};

// The words a title is compared by.
std::vector<std::string> TitleWords(std::string_view title);
// Whether `got` would be accepted for any of `accepted` (see above).
bool TitleAccepted(std::string_view got,
                   const std::vector<std::string>& accepted);

// Scores the index against `manifests` (doc_type) and `titles_path`; either
// may be empty.
Result<DocumentEvalReport> EvaluateDocuments(
    Db& db, const std::vector<std::string>& manifests,
    const std::string& titles_path);

}  // namespace planmine

#endif  // PLANMINE_QUERY_EVALUATE_DOCUMENTS_H_
