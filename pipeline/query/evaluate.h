// evaluate: how well the index's commitments agree with a labelled set.
//
// The labels are a TSV file (tests/eval/commitments.tsv) with the columns
//   document kind number title first_page lead_agency start_date end_date
//   completion themes
// where document is a file name, themes are ';'-separated theme ids, and an
// empty cell means the document does not state it. A predicted commitment
// (any kind but "statement") of the same file matches a labelled one when
// their titles agree after normalization (lower case, no accents, no
// punctuation): equal, token F1 >= 0.8, or one a prefix of the other of at
// least six words. Each labelled commitment matches at most one prediction.
//
// Reported: precision, recall and F1 of commitments; for each field, the
// accuracy over matched commitments whose label is not empty (text fields
// agree at token F1 >= 0.8, dates and numbers exactly) and how many
// predictions filled a field the label leaves empty; macro-F1 of themes over
// matched commitments (mean over theme ids of the F1 of (commitment, theme)
// pairs).
#ifndef PLANMINE_QUERY_EVALUATE_H_
#define PLANMINE_QUERY_EVALUATE_H_

#include <map>
#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/load/db.h"

namespace planmine {

struct FieldScore {
  int correct = 0, labelled = 0, spurious = 0;
  double accuracy() const {
    return labelled == 0 ? 0 : static_cast<double>(correct) / labelled;
  }
};

struct EvalReport {
  int labelled = 0, predicted = 0, matched = 0;
  double precision = 0, recall = 0, f1 = 0;
  std::map<std::string, FieldScore> fields;  // number, first_page, …
  double theme_macro_f1 = 0;
  std::map<std::string, double> theme_f1;  // per theme id
  struct PerDocument {
    int labelled = 0, predicted = 0, matched = 0;
  };
  std::map<std::string, PerDocument> documents;
  std::vector<std::string> missing_documents;  // labelled, not in the index
  std::vector<std::string> misses;  // "file: what went wrong", one per line
};

// Token F1 between two texts after normalization.
double TokenF1(const std::string& a, const std::string& b);

Result<EvalReport> Evaluate(Db& db, const std::string& labels_path);

}  // namespace planmine

#endif  // PLANMINE_QUERY_EVALUATE_H_
