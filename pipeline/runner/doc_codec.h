// IndexedDocument to bytes and back: how a worker process hands the parent
// what it made of a file.
//
// A compact binary form, written and read field by field (the field lists
// in doc_codec.cc name every member of every struct): integers as varints,
// doubles as their 8 bytes, strings and lists with their length first. The
// parent decodes straight into the document, with no tree in between, so
// that receiving a document costs its message and the document itself.
// Both ends are the same binary (a forked worker), so the form has no
// version. Every length is checked against the bytes left before anything
// is allocated: a truncated or lying message is an error, not an
// allocation of what it claims.
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
// The same, from the bytes of `message` after its first `skip`, which are
// freed as soon as they are decoded (before the caller stores the
// document).
Result<IndexedDocument> DecodeResult(std::string&& message, size_t skip);

}  // namespace planmine

#endif  // PLANMINE_RUNNER_DOC_CODEC_H_
