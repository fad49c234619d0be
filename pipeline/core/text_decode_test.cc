#include "pipeline/core/text_decode.h"

#include <string>
#include <tuple>

#include "tests/catch.h"

namespace planmine {
using namespace std::string_literals;

TEST_CASE("DecodeText: each encoding read, and said when converted",
          "[core][text]") {
  using Row = std::tuple<std::string, std::string, std::string, std::string>;
  // bytes, text, encoding, note
  auto [bytes, text, encoding, note] =
      GENERATE(table<std::string, std::string, std::string, std::string>(
          {Row{"acción pública\n", "acción pública\n", "UTF-8", ""},
           Row{"\xEF\xBB\xBF"
               "acción",
               "acción", "UTF-8", ""},
           Row{"\xFF\xFE"
               "a\0\xF3\0n\0"s,
               "aón", "UTF-16LE",
               "text encoding: UTF-16LE (byte order mark), converted to UTF-8"},
           Row{"\xFE\xFF\0a\0\xF3\0n"s, "aón", "UTF-16BE",
               "text encoding: UTF-16BE (byte order mark), converted to UTF-8"},
           // A surrogate pair, and a lone surrogate.
           Row{"\xFF\xFE\x3D\xD8\x00\xDEx\0\x00\xD8"s,
               "\xF0\x9F\x98\x80x\xEF\xBF\xBD", "UTF-16LE",
               "text encoding: UTF-16LE (byte order mark), converted to UTF-8"},
           Row{"\xFF\xFE\0\0a\0\0\0\xF3\0\0\0"s, "aó", "UTF-32LE",
               "text encoding: UTF-32LE (byte order mark), converted to UTF-8"},
           Row{"h\0o\0l\0a\0\n\0"s, "hola\n", "UTF-16LE",
               "text encoding: UTF-16LE (no byte order mark, detected), "
               "converted to UTF-8"},
           // One stray byte in UTF-8: only it is replaced, no mojibake.
           Row{"acción \xE9 información", "acción \xEF\xBF\xBD información",
               "UTF-8",
               "text encoding: UTF-8 with 1 invalid byte, replaced by U+FFFD"},
           // A sequence cut short, and an overlong form.
           Row{"año más acción información \xE2\x82 y \xC0\xAF",
               "año más acción información \xEF\xBF\xBD\xEF\xBF\xBD y "
               "\xEF\xBF\xBD\xEF\xBF\xBD",
               "UTF-8",
               "text encoding: UTF-8 with 4 invalid bytes, replaced by U+FFFD"},
           // Latin-1 / Windows-1252 throughout.
           Row{"acci\xF3n p\xFA"
               "blica \x80 5 \x93"
               "cita\x94",
               "acción pública € 5 “cita”", "Windows-1252",
               "text encoding: not UTF-8, read as Windows-1252 (Latin-1) and "
               "converted"},
           // A DOS end-of-file mark and an ANSI escape are text.
           Row{"line\r\n\x1B[1mbold\x1B[0m\f\x1A",
               "line\r\n\x1B[1mbold\x1B[0m\f\x1A", "UTF-8", ""}}));
  auto got = DecodeText(bytes, "f.txt");
  INFO(bytes);
  REQUIRE(got.ok());
  CHECK(got->utf8 == text);
  CHECK(got->encoding == encoding);
  CHECK(got->note == note);
}

TEST_CASE("DecodeText: binary data is refused with the reason",
          "[core][text]") {
  using Row = std::tuple<std::string, std::string>;
  auto [bytes, message] = GENERATE(table<std::string, std::string>(
      {Row{"\x89PNG\r\n\x1A\n\0\0\0\rIHDR"s,
           "f.txt: binary data, not text (contains NUL bytes)"},
       Row{"text\0more text"s,
           "f.txt: binary data, not text (contains NUL bytes)"},
       Row{"\x01\x02\x03\x04\x05\x06\x07\x08\x0E\x0F"
           "abcdefghij",
           "f.txt: binary data, not text (10 control characters in 20)"},
       // No NUL, no UTF-8: random bytes as a code page are still binary.
       Row{"\x81\x8D\x8F\x90\x9D\xC3\x28\x02\x03\x04\x05 abc",
           "f.txt: binary data, not text (4 control characters in 15)"},
       Row{"\xFF\xFE\x01\x00\x02\x00\x03\x00"s,
           "f.txt: binary data, not text (3 control characters in 3)"}}));
  auto got = DecodeText(bytes, "f.txt");
  REQUIRE_FALSE(got.ok());
  CHECK(got.status().code() == StatusCode::kUnsupported);
  CHECK(got.status().message() == message);
}

TEST_CASE("DecodeText: Windows-1252 with undefined bytes throughout is binary",
          "[core][text]") {
  std::string bytes;
  for (int i = 0; i < 50; ++i) bytes += "ab\x81\x8D\x8F\x90\x9D";
  auto got = DecodeText(bytes, "f.txt");
  REQUIRE_FALSE(got.ok());
  CHECK(got.status().message() ==
        "f.txt: binary data, not text (250 control characters in 350)");
}

}  // namespace planmine
