// document_json: one processed document as the JSON `planmine extract
// --format json` prints — a stable interface, extended but never broken
// (docs/json.md).
#ifndef PLANMINE_LOAD_DOCUMENT_JSON_H_
#define PLANMINE_LOAD_DOCUMENT_JSON_H_

#include <nlohmann/json.hpp>

#include "pipeline/load/indexed_document.h"

namespace planmine {

nlohmann::ordered_json DocumentJson(const IndexedDocument& d);

}  // namespace planmine

#endif  // PLANMINE_LOAD_DOCUMENT_JSON_H_
