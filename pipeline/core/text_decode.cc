#include "pipeline/core/text_decode.h"

#include <cstdint>

namespace planmine {
namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD

void Append(std::string* out, uint32_t u) {
  if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) u = 0xFFFD;
  if (u < 0x80) {
    *out += static_cast<char>(u);
  } else if (u < 0x800) {
    *out += static_cast<char>(0xC0 | (u >> 6));
    *out += static_cast<char>(0x80 | (u & 0x3F));
  } else if (u < 0x10000) {
    *out += static_cast<char>(0xE0 | (u >> 12));
    *out += static_cast<char>(0x80 | ((u >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (u & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (u >> 18));
    *out += static_cast<char>(0x80 | ((u >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((u >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (u & 0x3F));
  }
}

// Length of the well-formed UTF-8 sequence at s[i] (no overlong forms, no
// surrogates, nothing past U+10FFFF), or 0.
size_t SequenceLength(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n;
  unsigned char lo = 0x80, hi = 0xBF;  // bounds of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k)
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  return n;
}

// Windows-1252's 0x80..0x9F; 0 where it defines no character.
constexpr uint16_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// A control character no text file carries (tab, line feed, vertical tab,
// form feed, carriage return and escape are text; so is a DOS end-of-file
// mark at the very end).
bool IsBinaryControl(uint32_t u) {
  return (u < 0x20 && u != '\t' && u != '\n' && u != '\v' && u != '\f' &&
          u != '\r' && u != 0x1B) ||
         u == 0x7F;
}

// The refusal for text with `nuls` NUL and `controls` other control
// characters among `total` characters; OK for text.
Status JudgeControls(const std::string& path, size_t nuls, size_t controls,
                     size_t total) {
  if (nuls > 0)
    return Unsupported(path + ": binary data, not text (contains NUL bytes)");
  // A few stray control characters happen in real text (a pasted form
  // feed, an old editor's marks); binary data has them everywhere.
  if (controls > 0 &&
      (controls * 10 > total || (controls >= 4 && controls * 50 > total)))
    return Unsupported(path + ": binary data, not text (" +
                       std::to_string(controls) + " control characters in " +
                       std::to_string(total) + ")");
  return Status();
}

// UTF-16 (units of 2 bytes) or UTF-32 (4) in either byte order, no mark.
Result<DecodedText> DecodeWide(std::string_view s, int unit, bool big_endian,
                               const std::string& path, std::string name,
                               const std::string& how) {
  DecodedText out;
  out.encoding = std::move(name);
  out.utf8.reserve(s.size());
  size_t nuls = 0, controls = 0, total = 0;
  const size_t units = s.size() / static_cast<size_t>(unit);
  auto at = [&](size_t k) -> uint32_t {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + k * unit;
    uint32_t v = 0;
    for (int j = 0; j < unit; ++j)
      v |= static_cast<uint32_t>(p[big_endian ? unit - 1 - j : j]) << (8 * j);
    return v;
  };
  for (size_t k = 0; k < units; ++k) {
    uint32_t u = at(k);
    if (unit == 2 && u >= 0xD800 && u <= 0xDBFF && k + 1 < units) {
      uint32_t v = at(k + 1);
      if (v >= 0xDC00 && v <= 0xDFFF) {
        u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
        ++k;
      }
    }
    ++total;
    nuls += u == 0;
    controls += IsBinaryControl(u) && u != 0 && !(u == 0x1A && k + 1 == units);
    Append(&out.utf8, u);  // lone surrogates become U+FFFD
  }
  if (s.size() % static_cast<size_t>(unit) != 0) out.utf8 += kReplacement;
  PLANMINE_RETURN_IF_ERROR(JudgeControls(path, nuls, controls, total));
  out.note =
      "text encoding: " + out.encoding + " (" + how + "), converted to UTF-8";
  return out;
}

// Mostly-Latin text in UTF-16 without a mark: NUL in (nearly) every unit's
// high byte and nowhere else. Returns 0, or 1 for little, 2 for big endian.
int BomlessUtf16(std::string_view s) {
  if (s.size() < 4 || s.size() % 2 != 0) return 0;
  size_t zero_even = 0, zero_odd = 0;
  for (size_t i = 0; i < s.size(); ++i)
    if (s[i] == '\0') ++(i % 2 == 0 ? zero_even : zero_odd);
  const size_t units = s.size() / 2;
  if (zero_odd * 10 >= units * 9 && zero_even == 0) return 1;
  if (zero_even * 10 >= units * 9 && zero_odd == 0) return 2;
  return 0;
}

}  // namespace

Result<DecodedText> DecodeText(std::string_view s, const std::string& path) {
  auto starts = [&](std::string_view mark) {
    return s.substr(0, mark.size()) == mark;
  };
  using namespace std::string_view_literals;
  // UTF-32's marks first: UTF-32LE's begins with UTF-16LE's.
  if (starts("\xFF\xFE\0\0"sv))
    return DecodeWide(s.substr(4), 4, false, path, "UTF-32LE",
                      "byte order mark");
  if (starts("\0\0\xFE\xFF"sv))
    return DecodeWide(s.substr(4), 4, true, path, "UTF-32BE",
                      "byte order mark");
  if (starts("\xFF\xFE"sv))
    return DecodeWide(s.substr(2), 2, false, path, "UTF-16LE",
                      "byte order mark");
  if (starts("\xFE\xFF"sv))
    return DecodeWide(s.substr(2), 2, true, path, "UTF-16BE",
                      "byte order mark");
  if (int order = BomlessUtf16(s))
    return DecodeWide(s, 2, order == 2, path,
                      order == 2 ? "UTF-16BE" : "UTF-16LE",
                      "no byte order mark, detected");
  if (starts("\xEF\xBB\xBF"sv)) s.remove_prefix(3);
  // One pass counts what the bytes are: NULs and control characters (not
  // text), well-formed sequences beyond ASCII, bytes that are not UTF-8.
  size_t nuls = 0, controls = 0, multibyte = 0, invalid = 0;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      nuls += c == 0;
      controls +=
          IsBinaryControl(c) && c != 0 && !(c == 0x1A && i + 1 == s.size());
      ++i;
      continue;
    }
    size_t n = SequenceLength(s, i);
    if (n == 0) {
      ++invalid;
      ++i;
    } else {
      ++multibyte;
      i += n;
    }
  }
  PLANMINE_RETURN_IF_ERROR(JudgeControls(path, nuls, controls, s.size()));
  DecodedText out;
  if (invalid == 0) {
    out.encoding = "UTF-8";
    out.utf8 = std::string(s);
    return out;
  }
  out.utf8.reserve(s.size() + s.size() / 4);
  if (multibyte >= invalid) {
    // UTF-8 with damage here and there: keep every good sequence.
    out.encoding = "UTF-8";
    for (size_t i = 0; i < s.size();) {
      size_t n = SequenceLength(s, i);
      if (n == 0) {
        out.utf8 += kReplacement;
        ++i;
      } else {
        out.utf8.append(s.substr(i, n));
        i += n;
      }
    }
    out.note = "text encoding: UTF-8 with " + std::to_string(invalid) +
               " invalid byte" + (invalid == 1 ? "" : "s") +
               ", replaced by U+FFFD";
    return out;
  }
  // Not UTF-8 at all: a single-byte code page. C1 controls that
  // Windows-1252 leaves undefined are as binary as C0 ones.
  out.encoding = "Windows-1252";
  size_t undefined = 0;
  for (unsigned char c : s) {
    if (c < 0x80) {
      out.utf8 += static_cast<char>(c);
    } else if (c < 0xA0) {
      uint16_t u = kCp1252High[c - 0x80];
      undefined += u == 0;
      Append(&out.utf8, u == 0 ? 0xFFFD : u);
    } else {
      Append(&out.utf8, c);
    }
  }
  PLANMINE_RETURN_IF_ERROR(
      JudgeControls(path, 0, controls + undefined, s.size()));
  out.note =
      "text encoding: not UTF-8, read as Windows-1252 (Latin-1) and "
      "converted";
  return out;
}

}  // namespace planmine
