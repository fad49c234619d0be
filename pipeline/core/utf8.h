// Small UTF-8 helpers shared by the stages (no ICU needed for these).
#ifndef PLANMINE_CORE_UTF8_H_
#define PLANMINE_CORE_UTF8_H_

#include <string>
#include <string_view>

namespace planmine {

// Replaces invalid UTF-8 sequences with U+FFFD so that every later stage may
// assume valid UTF-8.
std::string SanitizeUtf8(std::string_view in);

// True when `in` is well-formed UTF-8.
bool IsValidUtf8(std::string_view in);

// `in` as UTF-8: unchanged when it already is, else decoded as Latin-1 (how
// older Spanish and Portuguese systems wrote text files and word lists).
std::string Utf8OrLatin1(std::string_view in);

// Trims ASCII white space at both ends.
std::string_view TrimAscii(std::string_view s);

// Lower-cases ASCII letters only.
std::string AsciiLower(std::string_view s);

// True when every byte of `s` is ASCII: such text needs no ICU to be
// lower-cased, case-folded or stripped of marks.
bool IsAscii(std::string_view s);

// Cuts `s` to at most `max_bytes` without splitting a UTF-8 sequence.
std::string Utf8Truncate(std::string_view s, size_t max_bytes);

// Runs of bytes between ASCII spaces: how the layout counts a line's words
// (and the normalizer, to keep to the layout's count).
int SpaceSeparatedWords(std::string_view s);

// The bytes of the list marker and the space after it that open `s`, 0
// when it opens with none. A marker is one character that is not a letter
// or digit: a bullet or middle dot, a dash or asterisk, a geometric shape,
// an arrow or dingbat ("■", "○", "➢", "✓"), or a private-use glyph (the
// bullets of Symbol and Wingdings fonts).
size_t BulletLength(std::string_view s);

}  // namespace planmine

#endif  // PLANMINE_CORE_UTF8_H_
