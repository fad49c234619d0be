#include "pipeline/normalize/normalizer.h"

#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "tests/catch.h"

namespace planmine {
namespace {

ExtractedDocument OneBlock(const std::vector<std::string>& lines) {
  ExtractedDocument d;
  Page p;
  p.number = 1;
  Block b;
  for (const auto& l : lines) b.lines.push_back(Line{l, {}, 10});
  p.blocks.push_back(b);
  d.pages.push_back(p);
  return d;
}

}  // namespace

TEST_CASE("Normalizer: one line at a time", "[normalize]") {
  using Row = std::tuple<std::string, std::string>;
  auto [in, out] = GENERATE(table<std::string, std::string>({
      Row{"ﬁnanciación ﬂujo", "financiación flujo"},
      Row{"\xEF\x82\xB7 Publicar datos",
          "• Publicar datos"},  // U+F0B7 bullet at line start
      Row{"datos\xEF\x82\x95 abiertos", "datos abiertos"},  // U+F095 mid-line
      Row{"  a\t\tb\xC2\xA0"
          "c  ",
          "a b c"},  // tabs, NBSP
      Row{"co\xC2\xAD"
          "operaci\xC3\xB3n",
          "cooperación"},               // soft hyphen
      Row{"accio\xCC\x81n", "acción"},  // NFC
      Row{"a\x01\x02"
          "b",
          "ab"},  // control characters
  }));
  CHECK(Normalizer::NormalizeLine(in) == out);
}

TEST_CASE("Normalizer: line-end hyphens joined only when the word is attested",
          "[normalize]") {
  auto n = Normalizer::Create(
      NormalizeOptions{});  // no word lists: the document is the evidence
  REQUIRE(n.ok());
  ExtractedDocument d =
      OneBlock({"la transpa-", "rencia y la alianza público-",
                "privada; otra vez transparencia", "y un ter-", "mino raro"});
  NormalizedDocument out = n->Normalize(d);
  REQUIRE(out.pages.size() == 1);
  CHECK(out.pages[0].text ==
        "la transparencia y la alianza público-privada; otra vez transparencia "
        "y un ter-mino raro");
  CHECK(out.hyphens_joined == 1);
  CHECK(out.hyphens_kept == 2);
}

TEST_CASE("Normalizer: a word list attests words the document lacks",
          "[normalize]") {
  std::vector<std::string> lists = DefaultWordLists();
  if (lists.empty()) {
    WARN("no system word lists installed (wspanish, wbrazilian): skipping");
    return;
  }
  auto n = Normalizer::Create(NormalizeOptions{lists});
  REQUIRE(n.ok());
  CHECK(n->dictionary_size() > 10000);
  NormalizedDocument out =
      n->Normalize(OneBlock({"la ciudad de-", "be disponi-", "bilizar"}));
  CHECK(out.pages[0].text == "la ciudad debe disponibilizar");
  // An inflected form the list lacks, split at a syllable, is joined; a
  // compound of two listed words keeps its hyphen.
  out = n->Normalize(
      OneBlock({"los tiem-", "pos de la alianza público-", "privada"}));
  CHECK(out.pages[0].text == "los tiempos de la alianza público-privada");
}

TEST_CASE("Normalizer: the document's own spelling decides a line-end hyphen",
          "[normalize]") {
  auto n = Normalizer::Create(NormalizeOptions{});
  REQUIRE(n.ok());
  // The text writes "re-use" inside lines and "reuse" once: the break
  // "re-/use" keeps its hyphen although the joined word is attested.
  NormalizedDocument out = n->Normalize(OneBlock(
      {"the re-use of data and its re-use", "by all: reuse and re-", "use"}));
  CHECK(out.pages[0].text ==
        "the re-use of data and its re-use by all: reuse and re-use");
  CHECK(out.hyphens_kept == 1);
  // Written whole more often than with a hyphen: the break is joined.
  out = n->Normalize(OneBlock(
      {"the reuse of data and its reuse", "by all: re-use and re-", "use"}));
  CHECK(out.pages[0].text ==
        "the reuse of data and its reuse by all: re-use and reuse");
  CHECK(out.hyphens_joined == 1);
}

TEST_CASE("Normalizer: a word split across two blocks of prose is joined",
          "[normalize]") {
  auto n = Normalizer::Create(NormalizeOptions{});
  REQUIRE(n.ok());
  ExtractedDocument d = OneBlock({"la transparencia y la transpa-"});
  Block next;
  next.lines.push_back(Line{"rencia de los datos", {}, 10});
  d.pages[0].blocks.push_back(next);
  NormalizedDocument out = n->Normalize(d);
  CHECK(out.pages[0].text ==
        "la transparencia y la\n\ntransparencia de los datos");
  // Not into a table cell.
  d.pages[0].blocks[1].region = RegionKind::kTable;
  out = n->Normalize(d);
  CHECK(out.pages[0].text.find("transpa-") != std::string::npos);
}

TEST_CASE("Normalizer: blocks get byte ranges into the page text",
          "[normalize]") {
  auto n = Normalizer::Create(NormalizeOptions{});
  REQUIRE(n.ok());
  ExtractedDocument d = OneBlock({"Título"});
  Block second;
  second.lines.push_back(Line{"Cuerpo del texto", {}, 10});
  d.pages[0].blocks.push_back(second);
  NormalizedDocument out = n->Normalize(d);
  const NormalizedPage& p = out.pages[0];
  REQUIRE(p.blocks.size() == 2);
  CHECK(p.text.substr(p.blocks[1].start, p.blocks[1].end - p.blocks[1].start) ==
        "Cuerpo del texto");
  CHECK(p.text == "Título\n\nCuerpo del texto");
}

TEST_CASE("LowerUtf8: full Unicode lower-casing", "[normalize]") {
  CHECK(LowerUtf8("ÁRBOL Ñandú ÇA") == "árbol ñandú ça");
}

}  // namespace planmine

namespace planmine {
namespace {

TEST_CASE("WordSet: finds what was inserted, once, across growth",
          "[normalize]") {
  WordSet s;
  CHECK(s.empty());
  CHECK_FALSE(s.Contains("a"));
  for (int i = 0; i < 5000; ++i) s.Insert("w" + std::to_string(i));
  s.Insert("w17");
  s.Insert("");
  CHECK(s.size() == 5001);
  CHECK(s.Contains("w0"));
  CHECK(s.Contains("w4999"));
  CHECK(s.Contains(""));
  CHECK_FALSE(s.Contains("w5000"));
  CHECK_FALSE(s.Contains("w"));
}

TEST_CASE("Normalizer: word lists are lower-cased, UTF-8 or Latin-1",
          "[normalize]") {
  std::string path =
      std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") +
      "/planmine-wordset-test.txt";
  {
    std::ofstream out(path, std::ios::binary);
    // Upper and lower case of the same words, one in Latin-1, blank lines,
    // CRLF: three words.
    out << "\xC3\x81ngel\n\xC3\xA1ngel\r\n\nBOGOT\xC3\x81\nbogot\xC3\xA1\n"
           "coraz\xF3n\ncoraz\xC3\xB3n\n  \n";
  }
  auto n = Normalizer::Create(NormalizeOptions{{path}});
  REQUIRE(n.ok());
  CHECK(n->dictionary_size() == 3);
  std::remove(path.c_str());
}

TEST_CASE("Normalizer: word lists read ahead give the same dictionary",
          "[normalize]") {
  std::vector<std::string> lists = DefaultWordLists();
  if (lists.empty()) {
    WARN("no system word lists installed (wspanish, wbrazilian): skipping");
    return;
  }
  auto plain = Normalizer::Create(NormalizeOptions{lists});
  REQUIRE(plain.ok());
  NormalizeOptions o{lists};
  o.prefetch_word_lists = true;
  auto ahead = Normalizer::Create(o);
  REQUIRE(ahead.ok());
  CHECK(ahead->dictionary_size() == plain->dictionary_size());
  NormalizedDocument out =
      ahead->Normalize(OneBlock({"la ciudad de-", "be disponi-", "bilizar"}));
  CHECK(out.pages[0].text == "la ciudad debe disponibilizar");
  // Dropped before any use: the reading stops, nothing waits for the lists.
  for (int i = 0; i < 3; ++i) {
    auto unused = Normalizer::Create(o);
    REQUIRE(unused.ok());
  }
}

}  // namespace
}  // namespace planmine

namespace planmine {

TEST_CASE(
    "Normalizer: a bold title hyphenated across lines opens with one word "
    "fewer once joined",
    "[normalize]") {
  auto n = Normalizer::Create(NormalizeOptions{});
  REQUIRE(n.ok());
  // The layout counted "indí-" and "genas" as two of the ten emphasized
  // words ("•" and the title); the text joins them, kept hyphen or not.
  for (const char* head : {"indí-", "público-"}) {
    ExtractedDocument d =
        OneBlock({std::string("• Consulta previa con pueblos ") + head,
                  "genas a nivel nacional. Ministerio del Interior",
                  "liderará la implementación."});
    d.pages[0].blocks[0].lead_emphasis_words = 10;
    NormalizedDocument out = n->Normalize(d);
    REQUIRE(out.pages[0].blocks.size() == 1);
    CHECK(out.pages[0].blocks[0].lead_emphasis_words == 9);
  }
  // A hyphen after the title's last word changes nothing it counted.
  ExtractedDocument d = OneBlock({"• Consulta previa. El minis-", "terio"});
  d.pages[0].blocks[0].lead_emphasis_words = 3;
  CHECK(n->Normalize(d).pages[0].blocks[0].lead_emphasis_words == 3);
}

}  // namespace planmine

namespace planmine {

TEST_CASE("Normalizer: a range of years broken at its hyphen is written whole",
          "[normalize]") {
  auto n = Normalizer::Create(NormalizeOptions{});
  REQUIRE(n.ok());
  ExtractedDocument d = OneBlock({"Plano de Ação de Governo Aberto 2023-",
                                  "2025 e o plano -", "2027 seguinte"});
  CHECK(n->Normalize(d).pages[0].text ==
        "Plano de Ação de Governo Aberto 2023-2025 e o plano - 2027 seguinte");
}

}  // namespace planmine

#include <filesystem>

#include "pipeline/normalize/word_set.h"
#include "tests/test_util.h"

namespace planmine {
namespace {

std::vector<std::string> CacheFiles(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    out.push_back(e.path().string());
  return out;
}

size_t DictionarySize(const std::string& list, const std::string& cache) {
  NormalizeOptions o;
  o.word_lists = {list};
  o.word_list_cache = cache;
  auto n = Normalizer::Create(o);
  REQUIRE(n.ok());
  return n->dictionary_size();
}

}  // namespace

TEST_CASE("WordSet: bytes back into the same set, and nothing else",
          "[normalize]") {
  WordSet s;
  for (int i = 0; i < 3000; ++i) s.Insert("palabra" + std::to_string(i));
  s.Insert("participación");
  const std::string bytes = s.Serialize();
  WordSet t;
  REQUIRE(t.Parse(bytes));
  CHECK(t.size() == s.size());
  CHECK(t.Contains("participación"));
  CHECK(t.Contains("palabra2999"));
  CHECK_FALSE(t.Contains("palabra3000"));
  t.Insert("nueva");  // still a set one can add to
  CHECK(t.Contains("nueva"));
  CHECK(t.size() == s.size() + 1);
  // Cut short, a byte changed in a slot, another magic: refused, empty.
  CHECK_FALSE(t.Parse(bytes.substr(0, bytes.size() - 1)));
  CHECK(t.empty());
  std::string bad = bytes;
  for (size_t i = bytes.size() - 8 * 1024; i < bytes.size(); ++i)
    bad[i] = '\xFF';
  CHECK_FALSE(t.Parse(bad));
  bad = bytes;
  bad[0] = 'X';
  CHECK_FALSE(t.Parse(bad));
  CHECK_FALSE(t.Parse(""));
  WordSet empty;
  CHECK(t.Parse(empty.Serialize()));
  CHECK(t.empty());
}

TEST_CASE("WordSet: a cache file read in place, mapped, as Parse reads it",
          "[normalize]") {
  testing::TempDir dir;
  WordSet s;
  for (int i = 0; i < 3000; ++i) s.Insert("palabra" + std::to_string(i));
  s.Insert("participación");
  const std::string bytes = s.Serialize();
  const std::string file = dir.File("set.bin");
  testing::WriteFile(file, bytes);
  WordSet t;
  REQUIRE(t.Map(file, bytes.size()));
  CHECK(t.size() == s.size());
  CHECK(t.Contains("participación"));
  CHECK(t.Contains("palabra0"));
  CHECK_FALSE(t.Contains("palabra3000"));
  CHECK(t.Serialize() == bytes);
  // A copy shares the mapping; adding to one leaves the other as it was.
  WordSet u = t;
  u.Insert("nueva");
  CHECK(u.Contains("nueva"));
  CHECK(u.Contains("palabra2999"));
  CHECK(u.size() == s.size() + 1);
  CHECK_FALSE(t.Contains("nueva"));
  t = WordSet();
  CHECK(u.Contains("palabra1"));
  // Over the limit, missing, damaged, another magic: refused, empty.
  CHECK_FALSE(t.Map(file, bytes.size() - 1));
  CHECK(t.empty());
  CHECK_FALSE(t.Map(dir.File("none.bin"), 1 << 20));
  std::string bad = bytes;
  for (size_t i = bytes.size() - 8 * 1024; i < bytes.size(); ++i)
    bad[i] = '\xFF';
  testing::WriteFile(file, bad);
  CHECK_FALSE(t.Map(file, 1 << 20));
  CHECK(t.empty());
  testing::WriteFile(file, bytes.substr(0, bytes.size() - 1));
  CHECK_FALSE(t.Map(file, 1 << 20));
  testing::WriteFile(file, "");
  CHECK_FALSE(t.Map(file, 1 << 20));
  CHECK_FALSE(t.Map(dir.path(), 1 << 20));  // a folder
  // A FIFO at the path is refused, not waited on.
  const std::string fifo = dir.File("fifo.bin");
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_FALSE(t.Map(fifo, 1 << 20));
}

TEST_CASE("Normalizer: the word lists are read from the cache once written",
          "[normalize]") {
  testing::TempDir dir;
  const std::string list = dir.File("words");
  const std::string cache = dir.File("cache");
  testing::WriteFile(list, "uno\nDos\ntrês\n");
  CHECK(DictionarySize(list, cache) == 3);
  auto files = CacheFiles(cache);
  REQUIRE(files.size() == 1);
  // The next run reads the cache, not the list: a cache of another set is
  // what it finds.
  WordSet other;
  other.Insert("zzz");
  testing::WriteFile(files[0], other.Serialize());
  CHECK(DictionarySize(list, cache) == 1);
  // A damaged cache is read past and written again.
  testing::WriteFile(files[0], "not a word set");
  CHECK(DictionarySize(list, cache) == 3);
  CHECK(DictionarySize(list, cache) == 3);
  CHECK(CacheFiles(cache).size() == 1);
  // A changed list is read again, under another name.
  testing::WriteFile(list, "uno\nDos\ntrês\ncuatro\n");
  CHECK(DictionarySize(list, cache) == 4);
  CHECK(CacheFiles(cache).size() == 2);
  // No folder: no cache, the list as before.
  CHECK(DictionarySize(list, "") == 4);
}

}  // namespace planmine
