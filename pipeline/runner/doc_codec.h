// IndexedDocument to bytes and back (CBOR, through nlohmann-json): how a
// worker process hands the parent what it made of a file.
#ifndef PLANMINE_RUNNER_DOC_CODEC_H_
#define PLANMINE_RUNNER_DOC_CODEC_H_

#include <string>
#include <string_view>

#include "pipeline/core/status.h"
#include "pipeline/load/indexed_document.h"

namespace planmine {

// A processed document, or the error that stopped it.
std::string EncodeResult(const Result<IndexedDocument>& result);
// The inverse of EncodeResult; an error of its own for bytes it cannot read.
Result<IndexedDocument> DecodeResult(std::string_view bytes);

}  // namespace planmine

#endif  // PLANMINE_RUNNER_DOC_CODEC_H_
