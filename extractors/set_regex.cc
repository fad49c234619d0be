#include "extractors/set_regex.h"

#include <vector>

#include "extractors/pattern_pack.h"

namespace planmine {
namespace {

enum class Tok { kAtom, kBoundary, kOpen, kClose, kAlt, kQuant, kFlags };

struct Token {
  Tok kind;
  size_t begin, end;  // bytes of the source
  int group = -1;     // kOpen/kClose: the matching token; else the enclosing
                      // group's kOpen (-1 at the top level)
};

// Length of the escape at `s[i]` (a backslash).
size_t EscapeLength(const std::string& s, size_t i) {
  if (i + 1 >= s.size()) return 1;
  const char c = s[i + 1];
  if ((c == 'p' || c == 'P' || c == 'x') && i + 2 < s.size() &&
      s[i + 2] == '{') {
    size_t close = s.find('}', i + 3);
    return close == std::string::npos ? s.size() - i : close + 1 - i;
  }
  if ((c == 'p' || c == 'P') && i + 2 < s.size()) return 3;
  if (c == 'Q') {
    size_t e = s.find("\\E", i + 2);
    return e == std::string::npos ? s.size() - i : e + 2 - i;
  }
  return 2;
}

// Length of the class at `s[i]` (a '['), up to its ']'.
size_t ClassLength(const std::string& s, size_t i) {
  size_t j = i + 1;
  if (j < s.size() && s[j] == '^') ++j;
  if (j < s.size() && s[j] == ']') ++j;  // a leading ']' is a literal
  while (j < s.size() && s[j] != ']') {
    if (s[j] == '\\') {
      j += EscapeLength(s, j);
    } else if (s.compare(j, 2, "[:") == 0) {
      size_t e = s.find(":]", j + 2);
      j = e == std::string::npos ? s.size() : e + 2;
    } else {
      ++j;
    }
  }
  return j < s.size() ? j + 1 - i : s.size() - i;
}

// Length of a counted repetition "{n}", "{n,}", "{n,m}" at `s[i]`, else 0
// (RE2 reads any other '{' as a literal).
size_t RepeatLength(const std::string& s, size_t i) {
  size_t j = i + 1, digits = 0;
  while (j < s.size() && isdigit(static_cast<unsigned char>(s[j])))
    ++j, ++digits;
  if (digits == 0) return 0;
  if (j < s.size() && s[j] == ',') {
    ++j;
    while (j < s.size() && isdigit(static_cast<unsigned char>(s[j]))) ++j;
  }
  return j < s.size() && s[j] == '}' ? j + 1 - i : 0;
}

std::vector<Token> Tokenize(const std::string& s) {
  std::vector<Token> out;
  std::vector<int> open;  // stack of kOpen token indexes
  for (size_t i = 0; i < s.size();) {
    Token t{Tok::kAtom, i, i + 1};
    const char c = s[i];
    if (c == '\\') {
      t.end = i + EscapeLength(s, i);
      if (s.compare(i, 2, "\\b") == 0) t.kind = Tok::kBoundary;
    } else if (c == '[') {
      t.end = i + ClassLength(s, i);
    } else if (c == '(') {
      t.kind = Tok::kOpen;
      if (i + 1 < s.size() && s[i + 1] == '?') {
        // "(?:", "(?P<name>", "(?i:" open a group; "(?i)" only sets flags.
        size_t j = i + 2;
        if (j < s.size() && (s[j] == 'P' || s[j] == '<')) {
          size_t gt = s.find('>', j);
          t.end = gt == std::string::npos ? s.size() : gt + 1;
        } else {
          while (j < s.size() && s[j] != ':' && s[j] != ')') ++j;
          t.end = j < s.size() ? j + 1 : s.size();
          if (j < s.size() && s[j] == ')') t.kind = Tok::kFlags;
        }
      }
    } else if (c == ')') {
      t.kind = Tok::kClose;
    } else if (c == '|') {
      t.kind = Tok::kAlt;
    } else if (c == '*' || c == '+' || c == '?') {
      t.kind = Tok::kQuant;
    } else if (c == '{' && RepeatLength(s, i) > 0) {
      t.kind = Tok::kQuant;
      t.end = i + RepeatLength(s, i);
    }
    if (t.kind == Tok::kQuant && t.end < s.size() && s[t.end] == '?')
      ++t.end;  // lazy
    const int here = static_cast<int>(out.size());
    if (t.kind == Tok::kClose) {
      if (open.empty()) return {};  // a ')' that closes nothing
      t.group = open.back();
      out[open.back()].group = here;
      open.pop_back();
    } else if (t.kind != Tok::kOpen) {
      t.group = open.empty() ? -1 : open.back();
    }
    out.push_back(t);
    if (t.kind == Tok::kOpen) open.push_back(here);
    i = t.end;
  }
  // Unbalanced parentheses: RE2 refuses the pattern; say nothing is at an
  // edge so that every boundary keeps its neighbour.
  if (!open.empty()) out.clear();
  return out;
}

// The group opened at token `open` may be left (its text is a part of the
// match that can stand alone): repeated at most with ?, * or +, whose one
// repetition holds what the others do.
bool Leavable(const std::string& s, const std::vector<Token>& t, int open) {
  const int close = t[open].group;
  if (close < 0) return false;
  if (close + 1 >= static_cast<int>(t.size()) ||
      t[close + 1].kind != Tok::kQuant)
    return true;
  return s[t[close + 1].begin] != '{';
}

// Nothing before token `i` must be matched: going back from it meets only
// group openers, flags and the starts of alternatives up to the top level.
bool AtStart(const std::string& s, const std::vector<Token>& t, int i) {
  for (int j = i - 1;;) {
    if (j < 0) return true;
    switch (t[j].kind) {
      case Tok::kFlags:
        --j;
        break;
      case Tok::kOpen:
        if (!Leavable(s, t, j)) return false;
        --j;
        break;
      case Tok::kAlt:
        if (t[j].group < 0) return true;
        if (!Leavable(s, t, t[j].group)) return false;
        j = t[j].group - 1;
        break;
      default:
        return false;
    }
  }
}

// Nothing after token `i` must be matched.
bool AtEnd(const std::string& s, const std::vector<Token>& t, int i) {
  const int n = static_cast<int>(t.size());
  for (int j = i + 1;;) {
    if (j >= n) return true;
    switch (t[j].kind) {
      case Tok::kFlags:
        ++j;
        break;
      case Tok::kClose:
        if (!Leavable(s, t, t[j].group)) return false;
        ++j;
        if (j < n && t[j].kind == Tok::kQuant) ++j;
        break;
      case Tok::kAlt:
        if (t[j].group < 0) return true;
        if (!Leavable(s, t, t[j].group)) return false;
        j = t[t[j].group].group;  // the group's close
        break;
      default:
        return false;
    }
  }
}

}  // namespace

std::string SetRegex(const std::string& source) {
  // ExpandWordBoundaries rewrites a \b even inside \Q…\E, where it is
  // literal text: such a pattern goes to the set as it is compiled.
  if (source.find("\\Q") != std::string::npos)
    return ExpandWordBoundaries(source);
  const std::vector<Token> t = Tokenize(source);
  // Unbalanced (RE2 refuses it) or empty: the pattern itself.
  if (t.empty()) return ExpandWordBoundaries(source);
  const std::string optional = std::string("(?:") + kBoundaryNeighbours + ")?";
  std::string out;
  out.reserve(source.size());
  for (int i = 0; i < static_cast<int>(t.size()); ++i) {
    if (t[i].kind != Tok::kBoundary) {
      out.append(source, t[i].begin, t[i].end - t[i].begin);
      continue;
    }
    const bool edge = AtStart(source, t, i) || AtEnd(source, t, i);
    // A boundary with a quantifier of its own ("\\b?") stays a group, so
    // that the quantifier does not pass to what precedes it.
    int after = i + 1;  // flags between the boundary and a quantifier
    while (after < static_cast<int>(t.size()) && t[after].kind == Tok::kFlags)
      ++after;
    const bool quantified =
        after < static_cast<int>(t.size()) && t[after].kind == Tok::kQuant;
    if (quantified)
      out += "(?:" + std::string(edge ? "" : optional) + ")";
    else if (!edge)
      out += optional;
  }
  return out;
}

}  // namespace planmine
