// Running headers: the lines of page furniture a document repeats over its
// pages, which often carry its name ("PLANO DE DADOS ABERTOS • MINISTÉRIO
// DO PLANEJAMENTO", "Portal Nacional de Datos Abiertos - Manual de usuario").
#ifndef PLANMINE_CLASSIFY_RUNNING_HEADER_H_
#define PLANMINE_CLASSIFY_RUNNING_HEADER_H_

#include <string>
#include <vector>

#include "pipeline/normalize/normalizer.h"

namespace planmine {

struct RunningHeader {
  std::string text;  // as written on the first page that has it
  int pages = 0;     // how many pages repeat it
};

// Furniture lines with letters found, their digits aside (page numbers
// vary), on at least three pages and 30 % of the document's pages; most
// repeated first, then longest.
std::vector<RunningHeader> RunningHeaders(const NormalizedDocument& doc);

}  // namespace planmine

#endif  // PLANMINE_CLASSIFY_RUNNING_HEADER_H_
