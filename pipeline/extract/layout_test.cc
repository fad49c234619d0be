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

// Words with a typeset look: 5 points per character and 2.5-point spaces at
// 10-point type (a word space of a quarter em); `bold` marks every word.
std::vector<Word> Typeset(const std::string& text, double x, double y,
                          double size = 10, bool bold = false) {
  std::vector<Word> out;
  const double scale = size / 10;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find(' ', i);
    if (j == std::string::npos) j = text.size();
    std::string w = text.substr(i, j - i);
    Word word{w, {x, y, x + 5.0 * scale * w.size(), y + size}, size, 0};
    word.bold = bold;
    out.push_back(word);
    x += 5.0 * scale * w.size() + 2.5 * scale;
    i = j + 1;
  }
  return out;
}

// `text` justified between x0 and x1: 5 points per character at 10-point
// type, the rest of the width shared out between the spaces.
std::vector<Word> Justified(const std::string& text, double x0, double x1,
                            double y, double size = 10, bool bold = false) {
  std::vector<Word> out = Typeset(text, x0, y, size, bold);
  if (out.size() < 2) return out;
  double extra = (x1 - out.back().box.x1) / (out.size() - 1);
  for (size_t k = 0; k < out.size(); ++k) {
    out[k].box.x0 += extra * k;
    out[k].box.x1 += extra * k;
  }
  return out;
}

// A paragraph of `n` lines "<tag>k lorem ipsum dolor sit" (k = 0..n-1).
void Column(std::vector<Word>* to, const std::string& tag, int n, double x,
            double y, double pitch = 12) {
  for (int k = 0; k < n; ++k) {
    std::vector<Word> row = Typeset(
        tag + std::to_string(k) + " lorem ipsum dolor sit", x, y + pitch * k);
    to->insert(to->end(), row.begin(), row.end());
  }
}

void Append(std::vector<Word>* to, const std::vector<Word>& from) {
  to->insert(to->end(), from.begin(), from.end());
}

// A paragraph that wraps round a box: two full lines (x 50-300), three lines
// beside the box narrowed to [x0, x1], then a full line and its sentence's
// end.
std::vector<Word> ParagraphRoundBox(double x0, double x1) {
  std::vector<Word> words;
  Append(&words,
         Justified("The plan opened with a long paragraph", 50, 300, 100));
  Append(&words, Justified("across the page before the box and", 50, 300, 112));
  Append(&words, Justified("the text goes on beside", x0, x1, 130));
  Append(&words, Justified("the box until it ends", x0, x1, 142));
  Append(&words, Justified("and then comes back to", x0, x1, 154));
  Append(&words, Justified("the margin to close its", 50, 300, 172));
  Append(&words, Typeset("sentence at last.", 50, 184));
  return words;
}

// Checks FindFurniture on every line of `pages`: marked exactly when the
// line's text starts with `prefix` (or, `inverted`, when it
// does not).
void CheckFurnitureStartsWith(const std::vector<PageLines>& pages,
                              const std::string& prefix,
                              bool inverted = false) {
  std::vector<std::vector<bool>> marks = FindFurniture(pages);
  for (size_t p = 0; p < pages.size(); ++p)
    for (size_t i = 0; i < pages[p].lines.size(); ++i) {
      INFO(pages[p].lines[i].text);
      bool starts = pages[p].lines[i].text.rfind(prefix, 0) == 0;
      CHECK(marks[p][i] == (starts != inverted));
    }
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

// A template page: its title, centred and wrapped, over a label column and
// a value column. The title's short second line lies beside the gutter
// between the two, not across it.
TEST_CASE("Layout: a centred heading that wraps stays one band over columns",
          "[layout]") {
  const std::string first =
      "Mejorar la trazabilidad de los medicamentos y de las compras";
  const std::string second = "en salud";
  const double centre = 100 + 3.0 * first.size();
  std::vector<Word> words;
  Append(&words, Row(first, 100, 50, 14));
  Append(&words, Row(second, centre - 3.0 * second.size(), 66, 14));
  const char* labels[] = {"Fecha de inicio", "Institucion responsable",
                          "Otros actores", "Cargo"};
  for (int i = 0; i < 4; ++i) {
    Append(&words, Row(labels[i], 50, 100 + 30.0 * i));
    Append(&words, Row("valor de la fila " + std::to_string(i) + " y algo mas",
                       250, 100 + 30.0 * i));
  }
  std::vector<Block> blocks = OrderBlocks(BuildLines(words, 595, 842).lines);
  REQUIRE_FALSE(blocks.empty());
  REQUIRE(blocks[0].lines.size() == 2);
  CHECK(blocks[0].lines[0].text == first);
  CHECK(blocks[0].lines[1].text == second);
  // The same second line set from another centre is not the heading's.
  words.clear();
  Append(&words, Row(first, 100, 50, 14));
  Append(&words, Row(second, centre + 40, 66, 14));
  for (int i = 0; i < 4; ++i) {
    Append(&words, Row(labels[i], 50, 100 + 30.0 * i));
    Append(&words, Row("valor de la fila " + std::to_string(i) + " y algo mas",
                       250, 100 + 30.0 * i));
  }
  blocks = OrderBlocks(BuildLines(words, 595, 842).lines);
  REQUIRE_FALSE(blocks.empty());
  CHECK(blocks[0].lines.size() == 1);
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

TEST_CASE(
    "Layout: a line at the same place on every page is furniture at any size",
    "[layout]") {
  // A large-type header and a "DRAFT" stamp at the top, below the 12 %
  // margin, on four pages; the body repeats a line in the bottom fifth too,
  // but it moves.
  std::vector<PageLines> pages;
  for (int p = 1; p <= 4; ++p) {
    std::vector<Word> w;
    Append(&w, Row("DRAFT", 280, 40, 18));
    Append(&w, Row("UNITED STATES SELF ASSESSMENT", 70, 120, 16));
    Append(&w, Row("Body text that differs on page " + std::to_string(p * 7),
                   50, 400));
    Append(&w, Row("Lead agency", 50, 690 + 12 * p));
    pages.push_back(BuildLines(w, 595, 842));
  }
  auto marks = FindFurniture(pages);
  for (size_t p = 0; p < pages.size(); ++p) {
    for (size_t i = 0; i < pages[p].lines.size(); ++i) {
      INFO(pages[p].lines[i].text);
      bool body = pages[p].lines[i].box.y0 >= 400;
      CHECK(marks[p][i] == !body);
    }
  }
  // A label repeated at the same place beside a value that changes is a
  // sheet's row, not furniture.
  pages.clear();
  for (int p = 1; p <= 4; ++p) {
    std::vector<Word> w = Row("Commitment", 50, 120, 16);
    Append(&w, Row("Open data number " + std::to_string(p * 7), 300, 120));
    Append(&w, Row("Body text that differs on page " + std::to_string(p * 7),
                   50, 400));
    pages.push_back(BuildLines(w, 595, 842));
  }
  marks = FindFurniture(pages);
  for (size_t p = 0; p < pages.size(); ++p)
    for (size_t i = 0; i < pages[p].lines.size(); ++i) CHECK_FALSE(marks[p][i]);
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

TEST_CASE("Layout: a gutter of one em is found from alignment, not width",
          "[layout]") {
  // Lines of 27 characters (about 142 points) with 10-point gutters, two
  // and three columns: LaTeX's default \columnsep at 10-point type.
  for (int columns : {2, 3}) {
    std::vector<Word> words;
    const char* tags[] = {"a", "b", "c"};
    for (int c = 0; c < columns; ++c)
      Column(&words, tags[c], 6, 50 + c * 152.0, 100);
    PageLines pl = BuildLines(words, 595, 842);
    CHECK(pl.hints.edges.size() == static_cast<size_t>(columns - 1));
    CHECK(pl.lines.size() == static_cast<size_t>(6 * columns));
    std::string t = Text(OrderBlocks(pl.lines, pl.hints));
    INFO(t);
    CHECK(t.find("a5") < t.find("b0"));
    if (columns == 3) CHECK(t.find("b5") < t.find("c0"));
  }
}

TEST_CASE("Layout: word spaces that line up by chance are not an edge",
          "[layout]") {
  std::vector<Word> words;
  // Every line has a word starting at the same x after a normal space.
  for (int k = 0; k < 8; ++k)
    Append(&words, Typeset("lorem ipsum dolor sit amet consectetur", 50,
                           100 + 12.0 * k));
  PageLines pl = BuildLines(words, 595, 842);
  CHECK(pl.hints.edges.empty());
  CHECK(pl.lines.size() == 8);
}

TEST_CASE("Layout: labels beside multi-line values are read row by row",
          "[layout]") {
  std::vector<Word> words;
  Append(&words, Typeset("Start date", 50, 100, 10, true));
  Append(&words, Typeset("1 July 2021", 200, 100));
  Append(&words, Typeset("Lead agency", 50, 130, 10, true));
  Append(&words,
         Typeset("National Agency for Public Procurement and", 200, 130));
  Append(&words, Typeset("the chambers of commerce of the regions", 200, 142));
  Append(&words, Typeset("Milestones", 50, 172, 10, true));
  Append(&words, Typeset("Publish every contract in open data by", 200, 172));
  Append(&words, Typeset("the end of the second year of the plan", 200, 184));
  PageLines pl = BuildLines(words, 595, 842);
  std::vector<Block> blocks = OrderBlocks(pl.lines, pl.hints);
  std::string t = Text(blocks);
  INFO(t);
  CHECK(t.find("Start date") < t.find("1 July"));
  CHECK(t.find("1 July") < t.find("Lead agency"));
  CHECK(t.find("and\nthe chambers") != std::string::npos);
  CHECK(t.find("regions") < t.find("Milestones"));
  for (const Block& b : blocks) CHECK(b.region == RegionKind::kTable);
  CHECK(blocks[0].bold);
  CHECK(blocks[0].row == 0);
  CHECK(blocks[0].col == 0);
  CHECK(blocks[1].col == 1);
  auto fields = FindFields(blocks);
  REQUIRE(fields.size() == 3);
}

TEST_CASE("Layout: two prose columns on a ruled grid are a table", "[layout]") {
  // Both sides are prose, lines on one baseline grid: without rules these
  // are columns; a rule across both between the rows makes them a table.
  std::vector<Word> words;
  Column(&words, "a", 3, 50, 100);
  Column(&words, "b", 3, 250, 100);
  Column(&words, "c", 3, 50, 150);
  Column(&words, "d", 3, 250, 150);
  PageLines pl = BuildLines(words, 595, 842);
  std::string columns = Text(OrderBlocks(pl.lines, pl.hints));
  CHECK(columns.find("c2") < columns.find("b0"));
  pl.hints.hrules.push_back({45, 143, 400, 144});
  std::string table = Text(OrderBlocks(pl.lines, pl.hints));
  INFO(table);
  CHECK(table.find("a2") < table.find("b0"));
  CHECK(table.find("b2") < table.find("c0"));
  CHECK(table.find("c2") < table.find("d0"));
}

TEST_CASE("Layout: footnotes in small type go to the end of the page",
          "[layout]") {
  std::vector<Word> words;
  Column(&words, "a", 5, 50, 100);
  Column(&words, "b", 5, 250, 100);
  Append(&words, Typeset("1 A note about the first column.", 50, 180, 8));
  Append(&words, Typeset("2 A second note.", 50, 190, 8));
  PageLines pl = BuildLines(words, 595, 842);
  std::vector<Block> blocks = OrderBlocks(pl.lines, pl.hints);
  std::string t = Text(blocks);
  INFO(t);
  CHECK(t.find("b4") < t.find("1 A note"));
  CHECK(blocks.back().region == RegionKind::kFootnote);
  // A mark hanging before its note, more than an em away, stays with it
  // (and is not taken for a page number).
  std::vector<Word> hanging;
  Column(&hanging, "a", 5, 50, 100);
  Append(&hanging, Typeset("3", 50, 780, 8));
  Append(&hanging, Typeset("A note set with a hanging mark.", 62, 780, 8));
  PageLines ph = BuildLines(hanging, 595, 842);
  bool joined = false;
  for (const Line& l : ph.lines)
    joined |= l.text == "3 A note set with a hanging mark.";
  CHECK(joined);
  std::vector<PageLines> one = {ph};
  std::vector<std::vector<bool>> marks = FindFurniture(one);
  for (bool furniture : marks[0]) CHECK_FALSE(furniture);
  // Small type that does not start with a mark is not a footnote.
  std::vector<Word> plain;
  Column(&plain, "a", 5, 50, 100);
  Append(&plain, Typeset("Source: national statistics office", 50, 180, 8));
  PageLines pp = BuildLines(plain, 595, 842);
  for (const Block& b : OrderBlocks(pp.lines, pp.hints))
    CHECK(b.region != RegionKind::kFootnote);
}

TEST_CASE("Layout: a pull quote set between the columns is an inset",
          "[layout]") {
  std::vector<Word> words;
  // Columns shortened beside a quote that crosses the gutter.
  for (int k = 0; k < 9; ++k) {
    bool beside = k >= 3 && k < 6;
    Append(&words, Typeset(std::string("a") + std::to_string(k) +
                               (beside ? " lorem" : " lorem ipsum dolor sit"),
                           50, 100 + 12.0 * k));
    Append(&words, Typeset(std::string("b") + std::to_string(k) +
                               (beside ? " dolor" : " lorem ipsum dolor sit"),
                           (beside ? 292.0 : 202.0), 100 + 12.0 * k));
  }
  Append(&words, Typeset("quote one two three four five", 110, 137));
  Append(&words, Typeset("quote six seven eight nine", 110, 149));
  PageLines pl = BuildLines(words, 595, 842);
  std::vector<Block> blocks = OrderBlocks(pl.lines, pl.hints);
  std::string t = Text(blocks);
  INFO(t);
  CHECK(t.find("a8") < t.find("b0"));
  CHECK(t.find("b8") < t.find("quote one"));
  CHECK(blocks.back().region == RegionKind::kInset);
}

TEST_CASE("Layout: a box the text wraps around is read after its paragraph",
          "[layout]") {
  std::vector<Word> words;
  Append(&words,
         Justified("The plan opened with a long paragraph", 50, 300, 100));
  Append(&words, Justified("across the page before the box and", 50, 300, 112));
  // Beside the box: shorter lines on the left, the box on the right, within
  // the width of the full lines.
  Append(&words, Justified("the text goes on beside it", 50, 200, 124));
  Append(&words, Justified("until the box ends and", 50, 200, 136));
  Append(&words, Justified("then it returns to the", 50, 200, 148));
  Append(&words, Typeset("BOX Title", 220, 124, 9, true));
  Append(&words, Typeset("box text one", 220, 136, 9));
  Append(&words, Typeset("box text two", 220, 148, 9));
  Append(&words, Justified("full width again as it goes on to", 50, 300, 160));
  Append(&words, Typeset("close its sentence.", 50, 172));
  Append(&words, Typeset("Next paragraph starts on a new line", 50, 184));
  PageLines pl = BuildLines(words, 595, 842);
  std::vector<Block> blocks = OrderBlocks(pl.lines, pl.hints);
  std::string t = Text(blocks);
  INFO(t);
  CHECK(t.find("returns to") < t.find("full width"));
  CHECK(t.find("its sentence.") < t.find("BOX Title"));
  CHECK(t.find("box text two") < t.find("Next paragraph"));
  bool inset = false;
  for (const Block& b : blocks) inset |= b.region == RegionKind::kInset;
  CHECK(inset);
}

TEST_CASE("Layout: a shaded box on the left, lines off its edge, is an inset",
          "[layout]") {
  // The box's lines end on baselines of their own below the point where
  // its column edge is last seen; only the fill behind it shows its extent.
  std::vector<Word> words;
  Append(&words, ParagraphRoundBox(160, 300));
  Append(&words, Typeset("Next paragraph on a new line", 50, 196));
  Append(&words, Typeset("BOX Title", 55, 128, 8, true));
  Append(&words, Typeset("box one", 55, 139, 8));
  Append(&words, Typeset("box two", 55, 150, 8));
  PageLines pl = BuildLines(words, 595, 842);
  pl.hints.fills.push_back({52, 125, 140, 162});
  std::vector<Block> blocks = OrderBlocks(pl.lines, pl.hints);
  std::string t = Text(blocks);
  INFO(t);
  CHECK(t.find("comes back to") < t.find("the margin"));
  CHECK(t.find("sentence at last.") < t.find("BOX Title"));
  CHECK(t.find("box two") < t.find("Next paragraph"));
  // Two such fills abutting are cells of a shaded grid, not a box.
  pl.hints.fills.push_back({140, 125, 300, 162});
  t = Text(OrderBlocks(pl.lines, pl.hints));
  INFO(t);
  CHECK(t.find("BOX Title") < t.find("sentence at last."));
}

TEST_CASE("Layout: labels centred on values of several lines are rows",
          "[layout]") {
  // No rule, no shared baseline, no shared top: each label sits in the
  // middle of its value, whose row padding is the only gap.
  std::vector<Word> words;
  Append(&words, Typeset("Open contracting", 50, 106));
  Append(&words,
         Typeset("The ministry publishes every contract and", 200, 100));
  Append(&words,
         Typeset("its amendments within a week of signature.", 200, 112));
  Append(&words, Typeset("Budget data", 50, 150));
  Append(&words, Typeset("Monthly reports of budget execution are", 200, 144));
  Append(&words, Typeset("published as open data.", 200, 156));
  Append(&words, Typeset("Asset declarations", 50, 182));
  Append(&words, Typeset("Senior officials file declarations that", 200, 176));
  Append(&words, Typeset("anyone can search.", 200, 188));
  PageLines pl = BuildLines(words, 595, 842);
  std::string t = Text(OrderBlocks(pl.lines, pl.hints));
  INFO(t);
  CHECK(t.find("Open contracting") < t.find("The ministry"));
  CHECK(t.find("signature.") < t.find("Budget data"));
  CHECK(t.find("open data.") < t.find("Asset declarations"));
}

TEST_CASE(
    "Layout: labels centred on packed values under a ruled header are rows",
    "[layout]") {
  // A ruled header, then rows with no rule between them: each label sits in
  // the middle of its row, and the long value column runs on with no gap
  // wider than its own leading from one row to the next.
  std::vector<Word> words;
  Append(&words, Typeset("Commitment", 50, 100, 10, true));
  Append(&words, Typeset("Observations", 200, 100, 10, true));
  Append(&words, Typeset("Open contracting", 50, 136));
  Append(&words, Typeset("The ministry publishes every contract", 200, 118));
  Append(&words, Typeset("and its amendments within a week", 200, 130));
  Append(&words, Typeset("of signature for anyone to read", 200, 142));
  Append(&words, Typeset("and compare across agencies.", 200, 154));
  Append(&words, Typeset("Budget data", 50, 178));
  Append(&words, Typeset("Monthly reports of budget execution", 200, 166));
  Append(&words, Typeset("are published as open data and", 200, 178));
  Append(&words, Typeset("explained in a plain guide.", 200, 190));
  Append(&words, Typeset("Asset declarations", 50, 214));
  Append(&words, Typeset("Senior officials file declarations", 200, 202));
  Append(&words, Typeset("that anyone can search by name", 200, 214));
  Append(&words, Typeset("and by office.", 200, 226));
  PageLines pl = BuildLines(words, 595, 842);
  pl.hints.hrules = {
      {45, 96, 450, 96.4}, {45, 113, 450, 113.4}, {45, 240, 450, 240.4}};
  pl.hints.vrules = {
      {45, 96, 45.4, 240}, {190, 96, 190.4, 240}, {450, 96, 450.4, 240}};
  std::string t = Text(OrderBlocks(pl.lines, pl.hints));
  INFO(t);
  CHECK(t.find("Open contracting") < t.find("The ministry"));
  CHECK(t.find("agencies.") < t.find("Budget data"));
  CHECK(t.find("Budget data") < t.find("Monthly reports"));
  CHECK(t.find("plain guide.") < t.find("Asset declarations"));
}

TEST_CASE("Layout: a shaded header row across two sides makes a table",
          "[layout]") {
  std::vector<Word> words;
  Append(&words, Typeset("Commitment", 50, 100, 10, true));
  Append(&words, Typeset("Comments", 200, 100, 10, true));
  Append(&words, Typeset("Open contracting data", 50, 124));
  Append(&words,
         Justified("Adopting the standard made it easier to", 200, 450, 118));
  Append(&words, Typeset("compare prices.", 200, 130));
  Append(&words, Typeset("Citizen budgets", 50, 154));
  Append(&words,
         Justified("The ministry publishes a plain guide to", 200, 450, 148));
  Append(&words, Typeset("the budget each year.", 200, 160));
  PageLines pl = BuildLines(words, 595, 842);
  pl.hints.fills.push_back({45, 97, 195, 113});
  pl.hints.fills.push_back({195, 97, 455, 113});
  std::vector<Block> blocks = OrderBlocks(pl.lines, pl.hints);
  std::string t = Text(blocks);
  INFO(t);
  CHECK(t.find("Comments") < t.find("Open contracting"));
  CHECK(t.find("compare prices.") < t.find("Citizen budgets"));
  for (const Block& b : blocks) CHECK(b.region == RegionKind::kTable);
}

TEST_CASE("Layout: a justified line keeps its wide spaces", "[layout]") {
  std::vector<Word> words;
  Column(&words, "a", 3, 50, 100);  // lines end at x = 160
  // The same width, two words stretched apart.
  Append(&words, {{"stretched", {50, 136, 95, 146}, 10, 0},
                  {"wide", {140, 136, 160, 146}, 10, 0}});
  PageLines pl = BuildLines(words, 595, 842);
  CHECK(pl.lines.size() == 4);
  // A header row of single-word cells is split.
  std::vector<Word> header = Typeset("Theme", 50, 100);
  Append(&header, Typeset("Deadline", 160, 100));
  Append(&header, Typeset("Agency", 260, 100));
  CHECK(BuildLines(header, 595, 842).lines.size() == 3);
}

TEST_CASE("Layout: two pages repeat a footer line: furniture only when small",
          "[layout]") {
  auto page = [](const std::string& bottom, double size) {
    std::vector<Word> words;
    Column(&words, "a", 10, 50, 100);
    Append(&words, Typeset(bottom, 50, 800, size));
    return BuildLines(words, 595, 842);
  };
  // The same closing line in body type on both pages is content.
  std::vector<PageLines> body = {page("Signed by the ministers", 10),
                                 page("Signed by the ministers", 10)};
  auto marks = FindFurniture(body);
  CHECK_FALSE(marks[0].back());
  std::vector<PageLines> small = {page("Ministry of Finance", 7),
                                  page("Ministry of Finance", 7)};
  marks = FindFurniture(small);
  CHECK(marks[0].back());
  CHECK(marks[1].back());
}

TEST_CASE("Layout: a footnote whose mark is raised apart is not furniture",
          "[layout]") {
  std::vector<Word> words;
  Column(&words, "a", 10, 50, 100);
  // The mark set smaller and raised, its own row; the note below the body,
  // far from it, in small type, on a page of its own.
  Append(&words, Typeset("1", 50, 778, 5));
  Append(&words,
         Typeset("Interview with a member of civil society.", 56, 780, 7));
  Append(&words, Typeset("3", 290, 810, 8));
  std::vector<PageLines> one = {BuildLines(words, 595, 842)};
  auto marks = FindFurniture(one);
  const PageLines& pl = one[0];
  for (size_t i = 0; i < pl.lines.size(); ++i) {
    INFO(pl.lines[i].text);
    CHECK(marks[0][i] == (pl.lines[i].text == "3"));
  }
}

TEST_CASE("Layout: lines a hair apart in height sort consistently",
          "[layout]") {
  // A chain of lines each 0.39 of a line below the previous: pairwise
  // "same row" is not transitive; the order must still be total.
  std::vector<Line> lines;
  for (int k = 0; k < 40; ++k) {
    Line l;
    l.text = "w" + std::to_string(k);
    l.box = {static_cast<double>((k * 37) % 300), 100 + 3.9 * k,
             static_cast<double>((k * 37) % 300) + 20, 110 + 3.9 * k};
    l.font_size = 10;
    lines.push_back(l);
  }
  std::vector<Block> a = OrderBlocks(lines);
  std::reverse(lines.begin(), lines.end());
  std::vector<Block> b = OrderBlocks(lines);
  CHECK(Text(a) == Text(b));
}

TEST_CASE("Layout: turned column headers inside a table are body text",
          "[layout]") {
  std::vector<Word> words;
  Column(&words, "a", 4, 50, 200);
  // Two headers turned 90 degrees above the text, one turned label in the
  // left margin.
  Word h1{"Ninguna", {60, 120, 70, 160}, 10, 1};
  Word h2{"Alta", {80, 130, 90, 150}, 10, 1};
  Word margin{"Draft", {10, 300, 20, 330}, 10, 3};
  words.push_back(h1);
  words.push_back(h2);
  words.push_back(margin);
  PageLines pl = BuildLines(words, 595, 842);
  REQUIRE(pl.rotated.size() == 1);
  CHECK(pl.rotated[0] == "Draft");
  std::string t = Text(OrderBlocks(pl.lines, pl.hints));
  INFO(t);
  CHECK(t.find("Ninguna") < t.find("a0"));
  CHECK(t.find("Alta") != std::string::npos);
}

TEST_CASE("Layout: page numbers inside a footer line, or above the margin",
          "[layout]") {
  auto lines_of = [](const std::string& bottom, double y) {
    std::vector<Word> words;
    Column(&words, "a", 10, 50, 100);
    Append(&words, Typeset(bottom, 250, y, 9));
    return BuildLines(words, 595, 842);
  };
  std::vector<PageLines> one = {lines_of("Action Plan | page 1", 800)};
  CHECK(FindFurniture(one)[0].back());
  // "12" alone as the page's last line, higher than the usual margin.
  std::vector<PageLines> high = {lines_of("12", 700)};
  CHECK(FindFurniture(high)[0].back());
  // A bare number beside a separator is not a page number.
  std::vector<PageLines> body = {lines_of("Table | 2021", 400)};
  CHECK_FALSE(FindFurniture(body)[0].back());
}

TEST_CASE("Layout: a one-page header split to both text edges is furniture",
          "[layout]") {
  auto page = [](bool table_below) {
    std::vector<Word> words;
    Append(&words, Typeset("Plan de accion 2023-2025", 50, 40));
    // Right part ends at the text's right edge (x = 400).
    Append(&words, Typeset("Borrador", 360, 40));
    for (int k = 0; k < 8; ++k)
      Append(&words, Justified("texto del cuerpo que llena la linea entera "
                               "de punta a punta",
                               50, 400, 80 + 12 * k));
    if (table_below) Append(&words, Typeset("Meta", 360, 200));
    return std::vector<PageLines>{BuildLines(words, 595, 842)};
  };
  std::vector<PageLines> plain = page(false);
  auto marks = FindFurniture(plain);
  int header = 0;
  for (size_t i = 0; i < plain[0].lines.size(); ++i)
    if (plain[0].lines[i].box.y0 < 50) header += marks[0][i] ? 1 : -1;
  CHECK(header == 2);
  // A cell below starts where the right part starts: a table's first row.
  std::vector<PageLines> table = page(true);
  marks = FindFurniture(table);
  for (size_t i = 0; i < table[0].lines.size(); ++i) CHECK_FALSE(marks[0][i]);
}

TEST_CASE("Layout: small type over the title is a header, over the body not",
          "[layout]") {
  auto page = [](double next_size) {
    std::vector<Word> words;
    Append(&words, Typeset("Secretariat working document", 50, 50, 7));
    Append(&words, Typeset("Progress report", 50, 63, next_size));
    Column(&words, "a", 10, 50, 100);
    return std::vector<PageLines>{BuildLines(words, 595, 842)};
  };
  auto header_marked = [](const std::vector<PageLines>& p) {
    auto marks = FindFurniture(p);
    for (size_t i = 0; i < p[0].lines.size(); ++i)
      if (p[0].lines[i].box.y0 == 50) return bool(marks[0][i]);
    return false;
  };
  CHECK(header_marked(page(16)));
  CHECK_FALSE(header_marked(page(10)));
}

TEST_CASE("Layout: underlines drawn as rules mark their words, table rules not",
          "[layout]") {
  std::vector<Word> words = Typeset("Improve Access. The plan will", 50, 100);
  // A rule under the first two words only (their width: 5 pt a letter).
  std::vector<Box> under = {{50, 109, 127.5, 109.6}};
  MarkUnderlines(under, &words);
  CHECK(words[0].underline);
  CHECK(words[1].underline);
  CHECK_FALSE(words[2].underline);
  // A table rule running on far past the words under it.
  std::vector<Word> cells = Typeset("Lead agency", 50, 100);
  std::vector<Box> table = {{40, 109, 500, 109.6}};
  MarkUnderlines(table, &cells);
  CHECK_FALSE(cells[0].underline);
}

TEST_CASE("Layout: a bold run-in title after a sentence end starts a block",
          "[layout]") {
  std::vector<Word> words =
      Typeset("para avanzar el gobierno se compromete a:", 50, 100);
  std::vector<Word> title = Typeset("Transparencia fiscal.", 50, 112, 10, true);
  Append(&words, title);
  Append(&words, Typeset("Se propone publicar", 160, 112));
  Append(&words, Typeset("los datos del presupuesto cada mes.", 50, 124));
  PageLines pl = BuildLines(words, 595, 842);
  std::vector<Block> blocks = OrderBlocks(pl.lines, pl.hints);
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[1].lines[0].text.rfind("Transparencia fiscal.", 0) == 0);
  CHECK(blocks[1].lead_emphasis_words == 2);
  // A bold heading line and an underlined link opening its text are two
  // blocks; an underlined title wrapping onto the next line is one.
  std::vector<Word> link = Typeset("1. Improve Performance", 50, 100, 10, true);
  for (Word& w : link) w.underline = true;
  std::vector<Word> text =
      Typeset("Performance.gov shows the results", 50, 112);
  text[0].underline = true;
  Append(&link, text);
  PageLines two = BuildLines(link, 595, 842);
  CHECK(OrderBlocks(two.lines, two.hints).size() == 2);
  std::vector<Word> wrap = Typeset("Expand the Production of", 50, 100);
  std::vector<Word> rest = Typeset("Equitable Data. The order", 50, 112);
  for (Word& w : wrap) w.underline = true;
  rest[0].underline = rest[1].underline = true;
  Append(&wrap, rest);
  PageLines one = BuildLines(wrap, 595, 842);
  std::vector<Block> b = OrderBlocks(one.lines, one.hints);
  REQUIRE(b.size() == 1);
  CHECK(b[0].lead_emphasis_words == 6);
}

TEST_CASE("Layout: a vertical rule between two words is a cell border",
          "[layout]") {
  std::vector<Word> words = Typeset("No. Commitment Description", 50, 100);
  // Without rules: one line. A rule drawn in the gap before "Description".
  CHECK(BuildLines(words, 595, 842).lines.size() == 1);
  double x = (words[1].box.x1 + words[2].box.x0) / 2;
  std::vector<Box> rules = {{x - 0.2, 95, x + 0.2, 112}};
  PageLines pl = BuildLines(words, 595, 842, rules);
  REQUIRE(pl.lines.size() == 2);
  // A rule that does not reach the row splits nothing.
  std::vector<Box> above = {{x - 0.2, 60, x + 0.2, 90}};
  CHECK(BuildLines(words, 595, 842, above).lines.size() == 1);
}

TEST_CASE(
    "Layout: superscript note marks leave the word, a detached "
    "line-end hyphen rejoins it",
    "[layout]") {
  std::vector<Word> words = Typeset("la transparencia", 50, 100);
  // "¹" drawn as a small raised "1" touching the word, then more text.
  words.push_back({"1", {128, 99, 131, 106}, 6, 0});
  Append(&words, Typeset("y la infor", 137, 100));
  words.push_back({"-", {183, 100, 186, 110}, 10, 0});
  PageLines pl = BuildLines(words, 595, 842);
  REQUIRE(pl.lines.size() == 1);
  CHECK(pl.lines[0].text == "la transparencia y la infor-");
  // A number in body type after a word stays.
  std::vector<Word> plain = Typeset("artículo 5", 50, 100);
  CHECK(BuildLines(plain, 595, 842).lines[0].text == "artículo 5");
}

TEST_CASE("Layout: two bullet lists side by side with equal items are columns",
          "[layout]") {
  // Items of the same height on both sides start together, as a table's
  // cells would; the bullets before each item say they are lists.
  std::vector<Word> words;
  Append(&words, Typeset("Progress", 40, 100, 10, true));
  Append(&words, Typeset("Challenges", 240, 100, 10, true));
  const char* left[] = {"staff changes in the", "portal for requests",
                        "thirty commitments", "low turnout in the"};
  const char* right[] = {"milestones with dates", "no budget of its own",
                         "citizen budget each", "early warnings in"};
  for (int k = 0; k < 4; ++k) {
    Append(&words, Typeset(left[k], 60, 118 + 24 * k));
    Append(&words, Typeset(right[k], 260, 118 + 24 * k));
  }
  PageLines pl = BuildLines(words, 595, 842);
  std::string table = Text(OrderBlocks(pl.lines, pl.hints));
  INFO(table);
  CHECK(table.find("milestones") < table.find("portal"));
  // Discs drawn before every item on both sides.
  for (int k = 0; k < 4; ++k) {
    pl.hints.marks.push_back({50, 121.0 + 24 * k, 54, 125.0 + 24 * k});
    pl.hints.marks.push_back({250, 121.0 + 24 * k, 254, 125.0 + 24 * k});
  }
  std::string lists = Text(OrderBlocks(pl.lines, pl.hints));
  INFO(lists);
  CHECK(lists.find("low turnout") < lists.find("Challenges"));
  CHECK(lists.find("Challenges") < lists.find("milestones"));
}

TEST_CASE("Layout: a box drawn as a frame the text wraps round is an inset",
          "[layout]") {
  std::vector<Word> words;
  Append(&words, ParagraphRoundBox(50, 190));
  Append(&words, Typeset("BOX Title", 205, 127, 8, true));
  Append(&words, Typeset("box one", 205, 137, 8));
  Append(&words, Typeset("box two", 205, 147, 8));
  PageLines pl = BuildLines(words, 595, 842);
  pl.hints.vrules = {{200, 124, 200.4, 160}, {299.6, 124, 300, 160}};
  pl.hints.hrules = {{200, 124, 300, 124.4}, {200, 159.6, 300, 160}};
  std::string t = Text(OrderBlocks(pl.lines, pl.hints));
  INFO(t);
  // The box is read whole after the text beside it.
  CHECK(t.find("and then comes back to") < t.find("BOX Title"));
  CHECK(t.find("box two") < t.find("sentence at last."));
  // A rule across the inside makes it a grid, not a box.
  pl.hints.hrules.push_back({200, 141, 300, 141.4});
  t = Text(OrderBlocks(pl.lines, pl.hints));
  INFO(t);
  CHECK(t.find("BOX Title") < t.find("and then comes back to"));
}

}  // namespace planmine

namespace planmine {

TEST_CASE(
    "Layout: hanging bullets in the right column stay with their items, "
    "not a table",
    "[layout]") {
  // Two columns of 10-point prose; the right one holds two bulleted items
  // whose text hangs 10 points right of its bullet, every line of an item
  // starting at the same x: a strip free of words from the first bullet to
  // the last line, as a table's column gap would be.
  std::vector<Word> words;
  Column(&words, "a", 14, 50, 100);
  const double x = 310;
  double y = 100;
  for (int item = 0; item < 2; ++item) {
    Word bullet{"\xE2\x80\xA2", {x, y, x + 4, y + 10}, 10, 0};
    words.push_back(bullet);
    Append(&words, Typeset("Item title number " + std::to_string(item) + ".",
                           x + 14, y, 10, true));
    for (int k = 1; k <= 4; ++k)
      Append(&words, Typeset("body of the item runs on", x + 14, y + 12 * k));
    y += 12 * 6;
  }
  PageLines pl = BuildLines(words, 595, 842);
  std::vector<Block> blocks = OrderBlocks(pl.lines, pl.hints);
  int titles = 0;
  for (const Block& b : blocks) {
    CHECK(b.region != RegionKind::kTable);
    CHECK(b.lines[0].text != "\xE2\x80\xA2");
    if (b.lines[0].text.rfind("\xE2\x80\xA2 Item title", 0) == 0) ++titles;
  }
  CHECK(titles == 2);
}

}  // namespace planmine

namespace planmine {

TEST_CASE(
    "Layout: the underline of a justified line runs across its stretched "
    "spaces",
    "[layout]") {
  // Four words spread over 227 points with 25-point spaces, the rule from
  // the first word's start to the last one's end: the words cover less
  // than 70 % of it.
  std::vector<Word> line = Typeset("Strengthen the Protection of", 71, 250);
  double x = 71;
  for (Word& w : line) {
    double width = w.box.width();
    w.box.x0 = x;
    w.box.x1 = x + width;
    x += width + 25;
  }
  std::vector<Box> rule = {{71, 260.5, line.back().box.x1, 261.1}};
  MarkUnderlines(rule, &line);
  for (const Word& w : line) CHECK(w.underline);
  // A table row's rule under cells whose texts are unevenly apart is not
  // an underline, though it ends where they do.
  std::vector<Word> cells = Typeset("Yes", 71, 250);
  Append(&cells, Typeset("No", 140, 250));
  Append(&cells, Typeset("Partly", 250, 250));
  std::vector<Box> row = {{71, 260.5, cells.back().box.x1, 261.1}};
  MarkUnderlines(row, &cells);
  for (const Word& w : cells) CHECK_FALSE(w.underline);
}

}  // namespace planmine

namespace planmine {

TEST_CASE(
    "Layout: a numbered heading under the running header, nearer its title "
    "than the header, is content",
    "[layout]") {
  // Page-per-unit plan: a running header at the top of every page, then
  // "Compromisso N" (N not the page number) six points above its title,
  // twenty-six below the header: more than half a line from the title, but
  // much nearer to it than to the header.
  std::vector<PageLines> pages;
  for (int p = 1; p <= 5; ++p) {
    std::vector<Word> w;
    Append(&w, Row("Terceiro Plano de Acao", 70, 45, 8));
    Append(&w, Row("Compromisso " + std::to_string(2 * p), 70, 79, 10));
    Append(&w,
           Row("Aprimorar o sistema numero " + std::to_string(p), 70, 95, 11));
    Append(&w, Row("Body text that differs on page " + std::to_string(p * 7),
                   70, 400));
    pages.push_back(BuildLines(w, 595, 842));
  }
  CheckFurnitureStartsWith(pages, "Terceiro");
  // Nearer the header (10 points) than twice its gap to the title (7), but
  // numbered 3, 5, 7… on consecutive pages: a unit's number, not a page's.
  // A header whose number runs with the pages stays furniture.
  pages.clear();
  for (int p = 1; p <= 5; ++p) {
    std::vector<Word> w;
    Append(&w, Row("Quinto Plan de Accion 2019 pagina " + std::to_string(p + 4),
                   200, 42, 11));
    Append(&w, Row("Compromiso " + std::to_string(2 * p + 1), 280, 63, 13));
    const char* titles[] = {"uno", "dos", "tres", "cuatro", "cinco"};
    Append(&w, Row(std::string("Mejorar las estadisticas ") + titles[p - 1],
                   160, 83, 11));
    Append(&w, Row("Body text that differs on page " + std::to_string(p * 7),
                   70, 400, 11));
    pages.push_back(BuildLines(w, 595, 842));
  }
  CheckFurnitureStartsWith(pages, "Quinto");
}

}  // namespace planmine

namespace planmine {

TEST_CASE(
    "Layout: a list item's justified first line stays one line after its "
    "marker",
    "[layout]") {
  // "–" at x 60, the item's text at 72 to 280, the first line's three
  // words stretched across it with gaps over one em.
  std::vector<Word> words;
  words.push_back(Word{"\xE2\x80\x93", {60, 100, 66, 110}, 10, 0});
  Append(&words, Justified("Modernizacao do sistema", 72, 280, 100));
  for (int k = 1; k <= 3; ++k)
    Append(&words, Justified("eletronico de compras publicas por meio de", 72,
                             280, 100 + 12 * k));
  PageLines pl = BuildLines(words, 595, 842);
  REQUIRE(pl.lines.size() == 4);
  CHECK(pl.lines[0].text == "\xE2\x80\x93 Modernizacao do sistema");
}

}  // namespace planmine

namespace planmine {

TEST_CASE(
    "Layout: a form's label at the same place on every sheet, under the "
    "sheet's own title, is content, the running header above it not",
    "[layout]") {
  // One commitment per page: a running header, the commitment's title
  // (different on every page), then the form's first row, its label the
  // same on every page and in the top margin.
  std::vector<PageLines> pages;
  const char* titles[] = {"Open budget data", "Beneficial ownership",
                          "Public procurement", "Citizen audits",
                          "Access to justice"};
  for (int p = 0; p < 5; ++p) {
    std::vector<Word> w;
    Append(&w, Typeset("Fifth Open Government Plan", 300, 42, 9));
    Append(&w, Typeset(titles[p], 57, 63, 11));
    Append(&w, Typeset("Start and end dates", 60, 84));
    Append(&w, Typeset("March " + std::to_string(2020 + p) + " - June 2022",
                       210, 84));
    Append(&w, Typeset("Body text that differs on page " + std::to_string(p),
                       60, 400));
    pages.push_back(BuildLines(w, 595, 842));
  }
  CheckFurnitureStartsWith(pages, "Fifth");
  // A two-line footer: the constant line above one whose page number
  // follows " - " ("Edicao 136 - Pagina 4") is furniture, both lines.
  pages.clear();
  for (int p = 1; p <= 5; ++p) {
    std::vector<Word> w;
    Append(&w, Typeset("Body text that differs on page " + std::to_string(p),
                       60, 400));
    Append(&w, Typeset("Diario Oficial do Municipio", 400, 804, 9));
    Append(&w,
           Typeset("Edicao 136 - Pagina " + std::to_string(p), 470, 816, 9));
    pages.push_back(BuildLines(w, 595, 842));
  }
  CheckFurnitureStartsWith(pages, "Body", /*inverted=*/true);
}

TEST_CASE(
    "Layout: a heading above a paragraph that opens with a bold label, and "
    "a field line that ends short, end their blocks",
    "[layout]") {
  // A bold heading in slightly larger type (12 on 11), then "Lead agency:"
  // in bold opening its line: not one bold run wrapped.
  std::vector<Word> words = Typeset("I. DIGITAL SERVICES", 50, 100, 12, true);
  std::vector<Word> label = Typeset("Lead agency:", 50, 118, 11, true);
  Append(&words, label);
  Append(&words, Typeset("Digital Agency", 120, 118, 11));
  // The field's line ends short of the text's edge; the next opens with a
  // bold label: a field of its own although no sentence ended.
  Append(&words, Typeset("Period:", 50, 131, 11, true));
  Append(&words, Justified("April 2023 to December 2025 and the work of the",
                           92, 400, 131, 11));
  Append(&words, Justified("agencies goes on in the regions and in the", 50,
                           400, 144, 11));
  Append(&words, Typeset("capital.", 50, 157, 11));
  PageLines pl = BuildLines(words, 595, 842);
  std::vector<Block> blocks = OrderBlocks(pl.lines, pl.hints);
  std::string t = Text(blocks);
  INFO(t);
  REQUIRE(blocks.size() == 3);
  CHECK(blocks[0].lines.size() == 1);
  CHECK(blocks[1].lines[0].text == "Lead agency: Digital Agency");
  CHECK(blocks[2].lines.size() == 3);  // a full line goes on
}

TEST_CASE(
    "Layout: a line broken by hand and the next in another typeface end a "
    "block, the same faces or a full line go on",
    "[layout]") {
  auto blocks_of = [](uint32_t heading_face, double heading_end) {
    std::vector<Word> words;
    std::vector<Word> head = Typeset("COMMITMENT 11: Statistics", 50, 100, 10);
    // Stretched to end where asked (a full line reaches 400).
    double extra = (heading_end - head.back().box.x1) / (head.size() - 1);
    for (size_t k = 0; k < head.size(); ++k) {
      head[k].box.x0 += extra * k;
      head[k].box.x1 += extra * k;
      head[k].family = heading_face;
    }
    Append(&words, head);
    for (int k = 0; k < 3; ++k) {
      std::vector<Word> row =
          Justified("civil society reports that there is no way to follow", 50,
                    400, 112 + 12 * k);
      for (Word& w : row) w.family = 7;
      Append(&words, row);
    }
    PageLines pl = BuildLines(words, 595, 842);
    return OrderBlocks(pl.lines, pl.hints).size();
  };
  CHECK(blocks_of(9, 190) == 2);  // another face, ends short
  CHECK(blocks_of(7, 190) == 1);  // the body's face
  CHECK(blocks_of(9, 400) == 1);  // another face, but a full line
  CHECK(blocks_of(0, 190) == 1);  // face unknown
}

TEST_CASE(
    "Layout: a theme row shorter than the table that runs across a gutter "
    "does not hide the column",
    "[layout]") {
  // No. | Commitment | Description | Lead agency, no rules, a shaded
  // header; "Theme 1: Fiscal Transparency" runs from the first column into
  // the third, alone on its row.
  std::vector<Word> words;
  Append(&words, Typeset("No.", 80, 100, 10, true));
  Append(&words, Typeset("Commitment", 110, 100, 10, true));
  Append(&words, Typeset("Description", 245, 100, 10, true));
  Append(&words, Typeset("Lead agency", 500, 100, 10, true));
  // 175 points: under 0.4 of the table's width (475).
  Append(&words,
         Typeset("Theme 1: Fiscal and Budget Openness", 80, 118, 10, true));
  const char* titles[][3] = {{"Modernize the", "transparency of", "companies"},
                             {"Budget", "transparency", "portal"},
                             {"Participatory", "budgeting for", "all"}};
  for (int r = 0; r < 3; ++r) {
    double y = 136 + 44 * r;
    Append(&words, Typeset(std::to_string(r + 1), 80, y));
    for (int k = 0; k < 3; ++k) {
      Append(&words, Typeset(titles[r][k], 110, y + 12 * k));
      Append(&words, Typeset("the ministry will lead it", 245, y + 12 * k));
    }
    Append(&words, Typeset("Treasury", 500, y));
  }
  PageLines pl = BuildLines(words, 595, 842);
  pl.hints.fills.push_back({75, 97, 560, 113});
  std::vector<Block> blocks = OrderBlocks(pl.lines, pl.hints);
  std::string t = Text(blocks);
  INFO(t);
  bool title_cell = false;
  for (const Block& b : blocks) {
    std::string cell;
    for (const Line& l : b.lines) cell += l.text + " ";
    if (cell.find("Modernize the transparency of companies") !=
        std::string::npos)
      title_cell = cell.find("ministry") == std::string::npos;
  }
  CHECK(title_cell);
}

}  // namespace planmine
