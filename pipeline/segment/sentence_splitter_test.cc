#include "pipeline/segment/sentence_splitter.h"

#include "tests/catch.h"

namespace planmine {

namespace {

std::vector<std::string> Split(const std::string& text,
                               const std::string& lang) {
  auto s = SentenceSplitter::Create(SegmentOptions{});
  REQUIRE(s.ok());
  std::vector<std::string> out;
  for (auto [a, b] : s->SplitText(text, lang))
    out.push_back(text.substr(a, b - a));
  return out;
}

}  // namespace

TEST_CASE("SentenceSplitter: no break after common abbreviations",
          "[segment]") {
  using Row = std::tuple<std::string, std::string, size_t>;
  auto [lang, text, count] = GENERATE(table<std::string, std::string, size_t>({
      Row{"es", "El Sr. Pérez habló. La Dra. Gómez respondió.", 2},
      Row{"es", "Según el art. 5 de la ley, se publica. Otra frase.", 2},
      Row{"es", "Ver el núm. 3 y la Resolución Nº 4 de 2020. Fin.", 2},
      Row{"es", "Hay varios, p. ej. Colombia y México. Fin.", 2},
      Row{"en",
          "Several countries, e.g. Colombia, joined. Others, i.e. Brazil, did "
          "not.",
          2},
      Row{"en", "Mr. Smith met Mrs. Jones. They agreed.", 2},
      Row{"pt", "O Sr. Silva falou. A reunião terminou.", 2},
      Row{"es", "Primera frase. Segunda frase. Tercera.", 3},
  }));
  std::vector<std::string> s = Split(text, lang);
  CAPTURE(text, s);
  CHECK(s.size() == count);
}

TEST_CASE("SentenceSplitter: offsets point into the page text", "[segment]") {
  NormalizedDocument doc;
  NormalizedPage p;
  p.number = 4;
  p.text = "Título\n\nUna frase. Otra frase.";
  p.blocks.push_back(NormalizedBlock::Span(0, 7, true, "es"));
  p.blocks.push_back(NormalizedBlock::Span(9, p.text.size(), false, "es"));
  doc.pages.push_back(p);
  auto s = SentenceSplitter::Create(SegmentOptions{});
  REQUIRE(s.ok());
  std::vector<Sentence> out = s->Split(doc);
  REQUIRE(out.size() == 3);
  CHECK(out[0].text == "Título");
  CHECK(out[2].text == "Otra frase.");
  CHECK(out[2].page == 4);
  CHECK(out[2].block == 1);
  CHECK(p.text.substr(out[2].start, out[2].end - out[2].start) ==
        "Otra frase.");
}

TEST_CASE("SentenceSplitter: over-long runs are cut at a space", "[segment]") {
  std::string text;
  for (int i = 0; i < 400; ++i) text += "palabra ";
  auto parts = Split(text, "es");
  REQUIRE(parts.size() >= 2);
  for (const auto& p : parts) CHECK(p.size() <= 1500);
}

}  // namespace planmine
