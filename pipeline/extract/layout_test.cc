#include "pipeline/extract/layout.h"

#include <limits>

#include "tests/catch.h"

namespace planmine {
namespace {

// Words of `text` laid out left to right from (x, y), 6 points per character.
std::vector<Word> Row(const std::string& text, double x, double y,
                      double size = 10) {
  std::vector<Word> out;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find(' ', i);
    if (j == std::string::npos) j = text.size();
    std::string w = text.substr(i, j - i);
    out.push_back({w, {x, y, x + 6.0 * w.size(), y + size}, size, 0});
    x += 6.0 * (w.size() + 1);
    i = j + 1;
  }
  return out;
}

void Append(std::vector<Word>* to, const std::vector<Word>& from) {
  to->insert(to->end(), from.begin(), from.end());
}

std::string Text(const std::vector<Block>& blocks) {
  std::string s;
  for (const Block& b : blocks)
    for (const Line& l : b.lines) s += l.text + "\n";
  return s;
}

}  // namespace

TEST_CASE(
    "Layout: two columns are read column by column, even with aligned "
    "baselines",
    "[layout]") {
  std::vector<Word> words;
  Append(&words, Row("Title across the whole page width here", 50, 40, 14));
  for (int i = 0; i < 4; ++i) {
    Append(&words,
           Row("left" + std::to_string(i) + " aa bb cc", 50, 80 + 14.0 * i));
    Append(&words,
           Row("right" + std::to_string(i) + " dd ee ff", 300, 80 + 14.0 * i));
  }
  PageLines pl = BuildLines(words, 595, 842);
  CHECK(pl.lines.size() == 9);
  std::string t = Text(OrderBlocks(pl.lines));
  CHECK(t ==
        "Title across the whole page width here\n"
        "left0 aa bb cc\nleft1 aa bb cc\nleft2 aa bb cc\nleft3 aa bb cc\n"
        "right0 dd ee ff\nright1 dd ee ff\nright2 dd ee ff\nright3 dd ee ff\n");
}

TEST_CASE(
    "Layout: text placed far off any page or at infinite coordinates is "
    "kept, in one column",
    "[layout]") {
  // Found by fuzz_extract: a damaged file put a line at x = 1e12, and the
  // gutter search sized a histogram by the region's width.
  for (double far : {1e12, std::numeric_limits<double>::infinity(),
                     std::numeric_limits<double>::quiet_NaN()}) {
    std::vector<Word> words;
    for (int i = 0; i < 6; ++i)
      Append(&words,
             Row("line" + std::to_string(i) + " aa bb", 50, 80 + 14.0 * i));
    words.push_back({"far", {far, 200, far + 18, 210}, 10, 0});
    PageLines pl = BuildLines(words, 595, 842);
    std::string t = Text(OrderBlocks(pl.lines));
    CHECK(t.find("line0 aa bb\nline1 aa bb\n") != std::string::npos);
  }
}

TEST_CASE("Layout: a full-width band between column sections splits them",
          "[layout]") {
  std::vector<Word> words;
  for (int i = 0; i < 3; ++i) {
    Append(&words,
           Row("a" + std::to_string(i) + " xx yy zz", 50, 80 + 14.0 * i));
    Append(&words,
           Row("b" + std::to_string(i) + " xx yy zz", 300, 80 + 14.0 * i));
  }
  Append(&words, Row("a pull quote that runs across both columns of the page",
                     50, 140));
  for (int i = 0; i < 3; ++i) {
    Append(&words,
           Row("c" + std::to_string(i) + " xx yy zz", 50, 170 + 14.0 * i));
    Append(&words,
           Row("d" + std::to_string(i) + " xx yy zz", 300, 170 + 14.0 * i));
  }
  std::string t = Text(OrderBlocks(BuildLines(words, 595, 842).lines));
  CHECK(t.find("a2") < t.find("b0"));
  CHECK(t.find("b2") < t.find("pull quote"));
  CHECK(t.find("pull quote") < t.find("c0"));
  CHECK(t.find("c2") < t.find("d0"));
}

TEST_CASE("Layout: paragraphs become blocks, a larger font is a heading",
          "[layout]") {
  std::vector<Word> words;
  Append(&words, Row("Compromiso 1: Datos abiertos", 50, 50, 14));
  Append(&words, Row("first paragraph line one", 50, 80));
  Append(&words, Row("first paragraph line two", 50, 93));
  Append(&words, Row("second paragraph", 50, 125));
  std::vector<Block> blocks = OrderBlocks(BuildLines(words, 595, 842).lines);
  REQUIRE(blocks.size() == 3);
  CHECK(blocks[0].heading);
  CHECK(blocks[1].lines.size() == 2);
  CHECK_FALSE(blocks[1].heading);
}

TEST_CASE("Layout: page numbers in their usual forms", "[layout]") {
  for (const char* yes : {"3", "- 3 -", "3/40", "Página 3 de 40",
                          "Page 3 of 40", "Pág. 3", "pagina 12", "iv", "[7]"}) {
    INFO(yes);
    CHECK(LooksLikePageNumber(yes));
  }
  for (const char* no :
       {"Compromiso 3", "2015-2017", "3 de marzo", "Introducción", "12345"}) {
    INFO(no);
    CHECK_FALSE(LooksLikePageNumber(no));
  }
}

TEST_CASE(
    "Layout: running headers repeat with varying numbers and are furniture",
    "[layout]") {
  std::vector<PageLines> pages;
  for (int p = 1; p <= 4; ++p) {
    std::vector<Word> w;
    Append(&w, Row("Plan de Accion 2021 seccion " + std::to_string(p), 50, 20));
    Append(&w, Row("Body text that differs on page " + std::to_string(p * 7),
                   50, 400));
    Append(&w, Row(std::to_string(p), 290, 820));
    pages.push_back(BuildLines(w, 595, 842));
  }
  auto marks = FindFurniture(pages);
  for (size_t p = 0; p < pages.size(); ++p) {
    for (size_t i = 0; i < pages[p].lines.size(); ++i) {
      bool body = pages[p].lines[i].text.rfind("Body", 0) == 0;
      CHECK(marks[p][i] == !body);
    }
  }
}

TEST_CASE("Layout: rotated words stay out of the body", "[layout]") {
  std::vector<Word> w = Row("body words", 50, 100);
  w.push_back({"Margin", {20, 300, 30, 360}, 8, 1});
  PageLines pl = BuildLines(w, 595, 842);
  CHECK(pl.lines.size() == 1);
  REQUIRE(pl.rotated.size() == 1);
  CHECK(pl.rotated[0] == "Margin");
}

TEST_CASE("Layout: a template table comes out as key-value fields",
          "[layout]") {
  std::vector<Word> words;
  Append(&words, Row("Fecha de inicio", 50, 100));
  Append(&words, Row("1 de julio de 2021", 250, 100));
  Append(&words, Row("Institucion responsable", 50, 130));
  Append(&words, Row("Agencia Nacional de Contratacion Publica y", 250, 130));
  Append(&words, Row("camaras de comercio", 250, 143));
  std::vector<Block> blocks = OrderBlocks(BuildLines(words, 595, 842).lines);
  auto fields = FindFields(blocks);
  REQUIRE(fields.size() == 2);
  CHECK(blocks[fields[0].first].lines[0].text == "Fecha de inicio");
  CHECK(blocks[fields[0].second].lines[0].text == "1 de julio de 2021");
  CHECK(blocks[fields[1].second].lines.size() == 2);
}

TEST_CASE("Layout: two columns of prose are not key-value fields", "[layout]") {
  std::vector<Word> words;
  for (int i = 0; i < 4; ++i) {
    Append(&words, Row("and so the left column goes on " + std::to_string(i),
                       50, 80 + 14.0 * i));
    Append(&words, Row("while the right column says " + std::to_string(i), 300,
                       80 + 14.0 * i));
  }
  CHECK(FindFields(OrderBlocks(BuildLines(words, 595, 842).lines)).empty());
}

TEST_CASE("Layout: list items start their own blocks", "[layout]") {
  CHECK(StartsListItem("\xE2\x80\xA2 Publicar datos"));
  CHECK(StartsListItem("\xEF\x82\xB7 Publicar datos"));
  CHECK(StartsListItem("1. Publicar datos"));
  CHECK(StartsListItem("b) Publicar datos"));
  CHECK_FALSE(StartsListItem("2021. El plan"));
  CHECK_FALSE(StartsListItem("Publicar datos"));
  std::vector<Word> words;
  Append(&words, Row("\xE2\x80\xA2 first item of the list", 50, 100));
  Append(&words, Row("\xE2\x80\xA2 second item of the list", 50, 113));
  std::vector<Block> blocks = OrderBlocks(BuildLines(words, 595, 842).lines);
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[1].list_item);
}

TEST_CASE("Layout: the drawing order wins where it continues sentences",
          "[layout]") {
  auto block = [](const std::string& text, int stream) {
    Block b;
    b.lines.push_back(Line{text, {}, 10, stream});
    return b;
  };
  // Geometric order C B A reads "ended with a law. / a plan and / It began
  // with"; the PDF drew A B C, which runs on twice.
  std::vector<Block> blocks = {block("ended with a law.", 300),
                               block("a plan and", 200),
                               block("It began with", 100)};
  ChooseOrder(&blocks);
  CHECK(blocks[0].lines[0].text == "It began with");
  CHECK(blocks[1].lines[0].text == "a plan and");
  CHECK(blocks[2].lines[0].text == "ended with a law.");
  // One run-on sentence is not enough evidence to leave geometry.
  std::vector<Block> weak = {block("Sentence ends here.", 0),
                             block("continues here.", 200),
                             block("Starts a new thought and", 100)};
  ChooseOrder(&weak);
  CHECK(weak[1].lines[0].text == "continues here.");
  // When geometry already reads well, it stays.
  std::vector<Block> fine = {block("One sentence.", 50),
                             block("Another one.", 10)};
  ChooseOrder(&fine);
  CHECK(fine[0].lines[0].text == "One sentence.");
}

}  // namespace planmine
