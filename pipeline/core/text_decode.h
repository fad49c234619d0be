// text_decode: the bytes of a plain-text file -> UTF-8, or why they are not
// text.
//
// Users hand planmine .txt and .md files written by every kind of system.
// DecodeText takes them as they come and says what it did:
//   - UTF-8, with or without a byte order mark (the mark is dropped);
//   - UTF-16 and UTF-32 with a byte order mark, and UTF-16 without one when
//     every other byte is NUL (the shape of mostly-Latin text in UTF-16);
//   - UTF-8 with a few invalid bytes (a stray byte, a cut sequence): those
//     bytes, and only those, become U+FFFD;
//   - no valid UTF-8 beyond ASCII but bytes of 0x80 and up: Windows-1252
//     (Latin-1's superset that older Spanish and Portuguese systems wrote),
//     converted;
//   - binary data (NUL bytes, or a share of control characters no text has)
//     is refused: "PATH: binary data, not text (contains NUL bytes)".
//
//   auto text = DecodeText(bytes, "in/notas.txt");
//   if (text.ok() && !text->note.empty()) warnings.push_back(text->note);
#ifndef PLANMINE_CORE_TEXT_DECODE_H_
#define PLANMINE_CORE_TEXT_DECODE_H_

#include <string>
#include <string_view>

#include "pipeline/core/status.h"

namespace planmine {

struct DecodedText {
  std::string utf8;      // well-formed UTF-8, no byte order mark
  std::string encoding;  // "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE",
                         // "UTF-32BE", "Windows-1252"
  // Empty for clean UTF-8; else what was done, for the document's warnings:
  // "text encoding: UTF-16LE (byte order mark), converted to UTF-8",
  // "text encoding: not UTF-8, read as Windows-1252 (Latin-1) and
  // converted", "text encoding: UTF-8 with 2 invalid bytes, replaced by
  // U+FFFD".
  std::string note;
};

// Decodes `bytes`, the content of the file at `path` (named in errors).
// Errors are Unsupported: "PATH: binary data, not text (...)".
Result<DecodedText> DecodeText(std::string_view bytes, const std::string& path);

}  // namespace planmine

#endif  // PLANMINE_CORE_TEXT_DECODE_H_
