#include "pipeline/core/utf8.h"

namespace planmine {

std::string SanitizeUtf8(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  size_t i = 0;
  while (i < in.size()) {
    unsigned char c = in[i];
    int len = c < 0x80         ? 1
              : (c >> 5) == 6  ? 2
              : (c >> 4) == 14 ? 3
              : (c >> 3) == 30 ? 4
                               : 0;
    bool good = len > 0 && i + len <= in.size();
    for (int k = 1; good && k < len; ++k)
      good = (static_cast<unsigned char>(in[i + k]) & 0xC0) == 0x80;
    if (good && len > 1) {
      // Reject overlong forms and surrogates.
      unsigned cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
      for (int k = 1; k < len; ++k) cp = (cp << 6) | (in[i + k] & 0x3F);
      if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
          (len == 4 && cp < 0x10000) || (cp >= 0xD800 && cp <= 0xDFFF) ||
          cp > 0x10FFFF)
        good = false;
    }
    if (good) {
      out.append(in.substr(i, len));
      i += len;
    } else {
      out.append("\xEF\xBF\xBD");
      ++i;
    }
  }
  return out;
}

bool IsValidUtf8(std::string_view in) { return SanitizeUtf8(in) == in; }

std::string Utf8OrLatin1(std::string_view in) {
  if (IsValidUtf8(in)) return std::string(in);
  std::string out;
  out.reserve(in.size() + in.size() / 8);
  for (unsigned char c : in) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

std::string_view TrimAscii(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

bool IsAscii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string Utf8Truncate(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n));
}

int SpaceSeparatedWords(std::string_view s) {
  int n = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = c == ' ';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

size_t BulletLength(std::string_view s) {
  if (s.empty()) return 0;
  const unsigned char c0 = static_cast<unsigned char>(s[0]);
  size_t len = c0 < 0x80 ? 1 : c0 >= 0xF0 ? 4 : c0 >= 0xE0 ? 3 : 2;
  if (len >= s.size() || s[len] != ' ' || !IsValidUtf8(s.substr(0, len)))
    return 0;
  char32_t cp = len == 1 ? c0 : c0 & (0x7F >> len);
  for (size_t i = 1; i < len; ++i)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  const bool marker = cp == '-' || cp == '*' || cp == 0xB7 ||  // - * ·
                      cp == 0x2013 || cp == 0x2014 ||          // – —
                      (cp >= 0x2022 && cp <= 0x2023) ||        // • ‣
                      cp == 0x2043 || cp == 0x2219 ||          // ⁃ ∙
                      (cp >= 0x2190 && cp <= 0x21FF) ||        // arrows
                      (cp >= 0x25A0 && cp <= 0x25FF) ||  // geometric shapes
                      (cp >= 0x2600 && cp <= 0x27BF) ||  // symbols, dingbats
                      (cp >= 0x2B00 && cp <= 0x2BFF) ||  // more arrows, shapes
                      (cp >= 0xE000 && cp <= 0xF8FF);    // private use
  return marker ? len + 1 : 0;
}

}  // namespace planmine
