// Small UTF-8 helpers shared by the stages (no ICU needed for these).
#ifndef PLANMINE_CORE_UTF8_H_
#define PLANMINE_CORE_UTF8_H_

#include <string>
#include <string_view>

namespace planmine {

// Replaces invalid UTF-8 sequences with U+FFFD so that every later stage may
// assume valid UTF-8.
std::string SanitizeUtf8(std::string_view in);

// Trims ASCII white space at both ends.
std::string_view TrimAscii(std::string_view s);

// Lower-cases ASCII letters only.
std::string AsciiLower(std::string_view s);

// Cuts `s` to at most `max_bytes` without splitting a UTF-8 sequence.
std::string Utf8Truncate(std::string_view s, size_t max_bytes);

}  // namespace planmine

#endif  // PLANMINE_CORE_UTF8_H_
