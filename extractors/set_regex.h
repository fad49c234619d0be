#ifndef PLANMINE_EXTRACTORS_SET_REGEX_H_
#define PLANMINE_EXTRACTORS_SET_REGEX_H_

#include <string>

namespace planmine {

// The neighbours an expanded word boundary may consume besides RE2's own
// ASCII `\b` (see ExpandWordBoundaries in pattern_pack.h).
inline constexpr const char kBoundaryNeighbours[] =
    "[\\s.,;:!?¡¿()\\[\\]{}\"'«»“”‘’/\\-–—•|]";

// What a pack's RE2::Set runs in place of a pattern: a regex that matches
// somewhere in every text where the pattern (`source` with its word
// boundaries expanded) matches, and maybe in a few more. The miner then
// locates each of the set's hits with the pattern itself, which drops the
// extra ones, so the findings are the same.
//
// Why: an expanded boundary, `(?:\b|^|$|[\s.,…«»“”–—•])`, is an empty-width
// test or one of a class of multi-byte neighbours; with a few dozen of them
// in one set, RE2 spends 10-40 times longer building the set's DFA states
// (on the real corpus: 0.58 s against 0.05 s of CPU, once per process).
// A boundary with nothing the match must hold before it in its
// alternative (at the start of the match) or after it (at the end) is left
// out: the text the pattern matched still holds the rest. Any other
// boundary keeps its consumed neighbour, made optional.
std::string SetRegex(const std::string& source);

}  // namespace planmine

#endif  // PLANMINE_EXTRACTORS_SET_REGEX_H_
