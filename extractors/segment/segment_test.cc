// The segmentation strategies on small synthetic documents: blocks with
// their type, and one sentence per ". "-separated piece of a block.
#include "extractors/segment/segment.h"

#include "extractors/miner.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
namespace {

struct Typed {
  double size = 10;
  bool bold = false, underline = false;
  int lead_emphasis_words = 0;
};

class DocBuilder {
 public:
  // Adds a block to page `page` (1-based) and its sentences.
  DocBuilder& Block(int page, const std::string& text, Typed t = {}) {
    while (static_cast<int>(doc_.pages.size()) < page) {
      NormalizedPage p;
      p.number = static_cast<int>(doc_.pages.size()) + 1;
      doc_.pages.push_back(p);
    }
    NormalizedPage& p = doc_.pages[page - 1];
    if (!p.text.empty()) p.text += "\n\n";
    NormalizedBlock b = NormalizedBlock::Span(
        p.text.size(), p.text.size() + text.size(), false, "en");
    b.font_size = t.size;
    b.bold = t.bold;
    b.underline = t.underline;
    b.lead_emphasis_words = t.lead_emphasis_words;
    size_t at = 0;
    while (at < text.size()) {
      size_t end = text.find(". ", at);
      end = end == std::string::npos ? text.size() : end + 1;
      Sentence s;
      s.page = page;
      s.block = static_cast<int>(p.blocks.size());
      s.start = b.start + at;
      s.end = b.start + end;
      s.language = "en";
      s.text = text.substr(at, end - at);
      sentences_.push_back(s);
      at = end + (end < text.size() ? 1 : 0);
    }
    p.text += text;
    p.blocks.push_back(b);
    return *this;
  }
  // A label/value row of a template table, as the layout pairs them: the
  // field, and its two cells as blocks inside the field's box.
  DocBuilder& Field(int page, const std::string& key, const std::string& value,
                    double y) {
    Block(page, key);
    Block(page, value);
    NormalizedPage& p = doc_.pages[page - 1];
    p.blocks[p.blocks.size() - 2].box = {50, y, 200, y + 20};
    p.blocks[p.blocks.size() - 1].box = {210, y, 500, y + 20};
    p.fields.push_back({key, value, {50, y, 500, y + 20}});
    return *this;
  }
  // Sets the box of the last block added.
  DocBuilder& At(double y0, double y1) {
    doc_.pages.back().blocks.back().box = {50, y0, 500, y1};
    return *this;
  }
  const NormalizedDocument& doc() const { return doc_; }
  const std::vector<Sentence>& sentences() const { return sentences_; }

 private:
  NormalizedDocument doc_;
  std::vector<Sentence> sentences_;
};

const std::string kBody =
    "The agencies will publish the data in open formats and report on their "
    "progress every year with civil society and the public.";

std::vector<Commitment> Numbered(const DocBuilder& d) {
  std::vector<SentenceSignals> at(d.sentences().size());
  SegmentInput in{d.sentences(), &d.doc(), at};
  return NumberedHeadings(in);
}

std::vector<Commitment> RunIn(const DocBuilder& d) {
  std::vector<SentenceSignals> at(d.sentences().size());
  SegmentInput in{d.sentences(), &d.doc(), at};
  return RunInTitles(in);
}

}  // namespace

TEST_CASE("Segment: bold numbered headings over pages, numbers restarting",
          "[mine][segment]") {
  Typed bold{10, true};
  Typed theme{16};
  DocBuilder d;
  d.Block(1, "Open Government to Increase Public Integrity", theme)
      .Block(1, "1. Improve Public Participation in Government", bold)
      .Block(1, kBody)
      .Block(1, "2. Modernize Management of Government Records", bold)
      .Block(1, kBody)
      .Block(2, kBody)
      .Block(2, "Open Government to Improve Public Services", theme)
      .Block(2, "1. Open Data to the Public", bold)
      .Block(2, kBody)
      // A page whose only text is a heading is judged against the
      // document's body size, not its own.
      .Block(3, "2. Improve Public Services", bold)
      .Block(4, kBody);
  std::vector<Commitment> u = Numbered(d);
  REQUIRE(u.size() == 4);
  CHECK(u[0].number == "1");
  CHECK(u[0].title == "Improve Public Participation in Government");
  CHECK(u[0].first_page == 1);
  CHECK(u[2].number == "1");
  CHECK(u[2].first_page == 2);
  CHECK(u[3].title == "Improve Public Services");
  CHECK(u[3].first_page == 3);
  CHECK(u[3].last_page == 4);
  CHECK(u[0].last_sentence < u[1].first_sentence);
}

TEST_CASE("Segment: a numbered list on one page is not a set of headings",
          "[mine][segment]") {
  Typed bold{10, true};
  DocBuilder d;
  // The plan's own list of its commitments: no body between the items.
  d.Block(1, "1. Improve Public Participation", bold)
      .Block(1, "2. Modernize Records Management", bold)
      .Block(1, "3. Open Data to the Public", bold)
      .Block(1, "4. Improve Public Services", bold)
      .Block(2, kBody)
      .Block(3, kBody);
  CHECK(Numbered(d).empty());
}

TEST_CASE("Segment: numbered paragraphs in body type are not headings",
          "[mine][segment]") {
  DocBuilder d;
  // Milestones numbered in plain type, each with text after it.
  for (int page = 1; page <= 3; ++page)
    for (int k = 1; k <= 3; ++k)
      d.Block(page, std::to_string(k) + ". Publish the Register of owners")
          .Block(page, kBody);
  CHECK(Numbered(d).empty());
  // The same in capitals or larger type stand out.
  DocBuilder caps;
  for (int page = 1; page <= 3; ++page)
    caps.Block(page, std::to_string(page) + ". PUBLISH THE REGISTER")
        .Block(page, kBody);
  CHECK(Numbered(caps).size() == 3);
}

TEST_CASE("Segment: numbers that jump about are not one level",
          "[mine][segment]") {
  Typed bold{10, true};
  DocBuilder d;
  int numbers[] = {7, 2, 9, 4};
  for (int k = 0; k < 4; ++k)
    d.Block(k + 1, std::to_string(numbers[k]) + ". Some Bold Statement Here",
            bold)
        .Block(k + 1, kBody);
  CHECK(Numbered(d).empty());
}

TEST_CASE("Segment: run-in titles, emphasized or in title case, repeating",
          "[mine][segment]") {
  DocBuilder d;
  Typed lead{10, false, true, 7};  // "• " and six underlined words
  d.Block(1, "• Expand the Production of Equitable Data. " + kBody, lead)
      .Block(1, kBody)
      .Block(2, "• Broaden Access to Research Findings. " + kBody,
             Typed{10, false, true, 6})
      .Block(3, "• Strengthen the Open Government Website. " + kBody,
             Typed{10, false, true, 6});
  std::vector<Commitment> u = RunIn(d);
  REQUIRE(u.size() == 3);
  CHECK(u[0].title == "Expand the Production of Equitable Data");
  CHECK(u[0].number == "1");
  CHECK(u[2].first_page == 3);

  // No type information: the form alone (title case, a full stop, a body).
  DocBuilder plain;
  plain.Block(1, "• Expand the Production of Equitable Data. " + kBody)
      .Block(2, "• Broaden Access to Research Findings. " + kBody)
      .Block(2, "• Ensure Transparency in Federal Procurement. " + kBody)
      // A list entry with no body is not a unit.
      .Block(3, "• Improve Access to Government Data")
      // Nor is a sentence in sentence case.
      .Block(3, "• The agencies will report every year. " + kBody);
  u = RunIn(plain);
  REQUIRE(u.size() == 3);
  CHECK(u[1].title == "Broaden Access to Research Findings");

  // A glossary's bold terms repeat too, but a term is a word or two.
  DocBuilder glossary;
  for (int page = 1; page <= 3; ++page)
    glossary
        .Block(page, "Beneficial owner: " + kBody, Typed{10, true, false, 2})
        .Block(page, "Open data: " + kBody, Typed{10, true, false, 2});
  CHECK(RunIn(glossary).empty());

  // A title set alone in its paragraph, ending as a sentence, takes the
  // next paragraph as its body; a heading (no full stop) does not.
  DocBuilder alone;
  for (int page = 1; page <= 3; ++page)
    alone
        .Block(page, "• Implement the Strategy on Countering Corruption.",
               Typed{10, false, true, 7})
        .Block(page, kBody)
        .Block(page, "Section Heading In Bold Type", Typed{10, true, false, 5})
        .Block(page, kBody);
  u = RunIn(alone);
  REQUIRE(u.size() == 3);
  CHECK(u[0].title == "Implement the Strategy on Countering Corruption");
}

TEST_CASE("Segment: the labels a plan repeats once per sheet mark its units",
          "[mine][segment]") {
  auto sheets = [](int n, bool with_titles) {
    DocBuilder d;
    d.Block(1, kBody).At(40, 80);
    for (int k = 0; k < n; ++k) {
      int page = k + 2;
      if (with_titles)
        d.Block(page,
                std::to_string(k + 1) + ". Sheet Title Number " +
                    std::to_string(k + 1),
                Typed{16, true})
            .At(60, 80);
      d.Field(page, "Lead implementing agency", "Ministry " + std::to_string(k),
              100)
          .Field(page, "Start and end date", "2021-2023", 130)
          .Field(page, "What is the public problem?", kBody, 160)
          .Field(page, "Milestones", kBody, 190);
    }
    return d;
  };
  DocBuilder four = sheets(4, true);
  std::vector<SentenceSignals> at(four.sentences().size());
  SegmentInput in{four.sentences(), &four.doc(), at};
  std::vector<Commitment> u = RepeatedTemplate(in);
  REQUIRE(u.size() == 4);
  CHECK(u[0].title == "Sheet Title Number 1");
  CHECK(u[0].number == "1");
  CHECK(u[3].first_page == 5);
  CHECK(u[0].last_page == 2);
  // Without a title above the labels the unit starts at its first label.
  DocBuilder untitled = sheets(3, false);
  std::vector<SentenceSignals> at2(untitled.sentences().size());
  SegmentInput in2{untitled.sentences(), &untitled.doc(), at2};
  u = RepeatedTemplate(in2);
  REQUIRE(u.size() == 3);
  CHECK(u[1].first_page == 3);
  // Labels seen twice are not a template.
  DocBuilder two = sheets(2, true);
  std::vector<SentenceSignals> at3(two.sentences().size());
  SegmentInput in3{two.sentences(), &two.doc(), at3};
  CHECK(RepeatedTemplate(in3).empty());
}

TEST_CASE(
    "Segment: typographic strategies only in documents that speak of "
    "commitments",
    "[mine][segment]") {
  auto packs = LoadPackDir(testing::PacksDir());
  REQUIRE(packs.ok());
  auto miner = Miner::Create(std::move(*packs));
  REQUIRE(miner.ok());
  auto build = [](bool speaks) {
    Typed bold{10, true};
    DocBuilder d;
    d.Block(1, speaks ? "This plan has four commitments. The commitments "
                        "were chosen in public. Each commitment has a lead."
                      : "This guide has four chapters. The chapters were "
                        "written in public. Each chapter has a lead.");
    for (int k = 1; k <= 4; ++k)
      d.Block(k + 1, std::to_string(k) + ". Improve Public Services Now", bold)
          .Block(k + 1, kBody);
    return d;
  };
  DocBuilder plan = build(true), guide = build(false);
  int units = 0;
  for (const Commitment& c :
       miner->Mine(plan.sentences(), &plan.doc()).commitments)
    units += c.kind != CommitmentKind::kStatement;
  CHECK(units == 4);
  units = 0;
  for (const Commitment& c :
       miner->Mine(guide.sentences(), &guide.doc()).commitments)
    units += c.kind != CommitmentKind::kStatement;
  CHECK(units == 0);
}

namespace {

// Adds a block on page 1 that the layout read as the table cell (row, col).
void TableCell(DocBuilder* d, const std::string& text, int row, int col) {
  d->Block(1, text);
  NormalizedBlock& b =
      const_cast<NormalizedDocument&>(d->doc()).pages[0].blocks.back();
  b.region = "table";
  b.row = row;
  b.col = col;
}

}  // namespace

TEST_CASE("Segment: a summary table whose header names the unit",
          "[mine][segment]") {
  auto packs = LoadPackDir(testing::PacksDir());
  REQUIRE(packs.ok());
  auto miner = Miner::Create(std::move(*packs));
  REQUIRE(miner.ok());
  DocBuilder d;
  d.Block(1, "Resumo dos compromissos do plano de ação.");
  auto cell = [&](const std::string& text, int row, int col) {
    TableCell(&d, text, row, col);
  };
  cell("Nº Compromisso", 0, 0);
  cell("Descrição", 0, 1);
  cell("Órgão responsável", 0, 2);
  const char* titles[] = {"Transparência nas compras emergenciais",
                          "Dados abertos das contratações públicas",
                          "Registro público de lobistas e audiências"};
  for (int r = 1; r <= 3; ++r) {
    cell(std::to_string(r) + " " + titles[r - 1], r, 0);
    cell(kBody, r, 1);
    cell("Secretaria de Gestão", r, 2);
  }
  std::vector<Commitment> u;
  for (const Commitment& c : miner->Mine(d.sentences(), &d.doc()).commitments)
    if (c.kind != CommitmentKind::kStatement) u.push_back(c);
  REQUIRE(u.size() == 3);
  CHECK(u[0].number == "1");
  CHECK(u[0].title == "Transparência nas compras emergenciais");
  CHECK(u[2].lead_agency == "Secretaria de Gestão");
  CHECK(u[2].kind == CommitmentKind::kTable);
}

TEST_CASE("Segment: a summary table's header under a caption row",
          "[mine][segment]") {
  auto packs = LoadPackDir(testing::PacksDir());
  REQUIRE(packs.ok());
  auto miner = Miner::Create(std::move(*packs));
  REQUIRE(miner.ok());
  DocBuilder d;
  d.Block(1, "Resumo dos compromissos do plano de ação.");
  auto cell = [&](const std::string& text, int row, int col) {
    TableCell(&d, text, row, col);
  };
  // The layout put the table's caption (which names the unit) in row 0,
  // one cell over the number column; a theme row spans the table.
  cell("Tabela 1. Compromissos do plano de ação", 0, 0);
  cell("Nº", 1, 0);
  cell("Compromisso", 1, 1);
  cell("Órgão responsável", 1, 2);
  cell("Eixo 1: Acesso à informação e dados abertos", 2, 0);
  const char* titles[] = {"Transparência nas compras emergenciais",
                          "Dados abertos das contratações públicas",
                          "Registro público de lobistas e audiências"};
  for (int r = 0; r < 3; ++r) {
    cell(std::to_string(r + 1), r + 3, 0);
    cell(titles[r], r + 3, 1);
    cell("Secretaria de Gestão", r + 3, 2);
  }
  std::vector<Commitment> u;
  for (const Commitment& c : miner->Mine(d.sentences(), &d.doc()).commitments)
    if (c.kind != CommitmentKind::kStatement) u.push_back(c);
  REQUIRE(u.size() == 3);
  CHECK(u[0].number == "1");
  CHECK(u[0].title == "Transparência nas compras emergenciais");
  CHECK(u[2].number == "3");
  CHECK(u[2].lead_agency == "Secretaria de Gestão");
}

TEST_CASE("Segment: a template's long label is read by its leading words",
          "[mine][segment]") {
  auto packs = LoadPackDir(testing::PacksDir());
  REQUIRE(packs.ok());
  auto miner = Miner::Create(std::move(*packs));
  REQUIRE(miner.ok());
  DocBuilder d;
  // (The builder's sentences are all tagged English.)
  d.Block(1,
          "The plan has three commitments. The commitments were chosen "
          "in public. Each commitment has a lead agency.")
      .At(40, 80);
  for (int k = 0; k < 3; ++k) {
    int page = k + 2;
    d.Block(page, "Compromisso de Dados Abertos Número " + std::to_string(k),
            Typed{16, true})
        .At(60, 80)
        .Field(page, "Órgão responsável pela implementação",
               "Controladoria-Geral da União", 100)
        .Field(page, "Data de início", "Março de 2025", 130)
        .Field(page, "Qual é o problema público?", kBody, 160);
  }
  std::vector<Commitment> u;
  for (const Commitment& c : miner->Mine(d.sentences(), &d.doc()).commitments)
    if (c.kind != CommitmentKind::kStatement) u.push_back(c);
  REQUIRE(u.size() == 3);
  CHECK(u[1].lead_agency == "Controladoria-Geral da União");
  CHECK(u[1].start_date == "2025-03");
}

TEST_CASE("Segment: a keyword heading's title stops where the next opens",
          "[mine][segment]") {
  // The heading words come from the packs through `opens_heading`.
  DocBuilder d;
  d.Block(1, "Compromiso 1")
      .Block(1, "Mapa Inversiones Compromiso 2 Título del Compromiso")
      .Block(1, kBody)
      .Block(2, "Compromiso 2")
      .Block(2, "Datos abiertos y el compromiso 3 del plan anterior")
      .Block(2, kBody);
  std::vector<Commitment> heads(2);
  heads[0].number = "1";
  heads[0].first_sentence = 0;
  heads[1].number = "2";
  heads[1].first_sentence = 3;
  std::vector<SentenceSignals> at(d.sentences().size());
  SegmentInput in{d.sentences(), &d.doc(), at};
  in.opens_heading = [](std::string_view t) {
    return t.rfind("Compromiso 2 T", 0) == 0;
  };
  std::vector<Commitment> u = KeywordHeadings(heads, in);
  REQUIRE(u.size() == 2);
  CHECK(u[0].title == "Mapa Inversiones");
  CHECK(u[1].title == "Datos abiertos y el compromiso 3 del plan anterior");
  in.opens_heading = {};
  CHECK(KeywordHeadings(heads, in)[0].title ==
        "Mapa Inversiones Compromiso 2 Título del Compromiso");
}

namespace {

std::vector<Commitment> Units(const std::vector<std::string>& titles,
                              int first_sentence) {
  std::vector<Commitment> out;
  for (size_t i = 0; i < titles.size(); ++i) {
    Commitment c;
    c.number = std::to_string(i + 1);
    c.title = titles[i];
    c.first_sentence = first_sentence + static_cast<int>(i) * 3;
    out.push_back(c);
  }
  return out;
}

const std::vector<std::string> kChapters = {
    "Introducción y contexto", "Metodología de cocreación",
    "Compromisos del plan", "Seguimiento y evaluación"};
const std::vector<std::string> kCommitments = {
    "Transparencia de las compras de emergencia",
    "Registro público de cabilderos con datos abiertos",
    "Protección de denunciantes de corrupción",
    "Presupuesto participativo en los municipios",
    "Información sobre el funcionamiento de los tribunales"};

}  // namespace

TEST_CASE("PlanContents: a numbered list one item after another is found",
          "[mine][segment]") {
  Typed bold{10, true};
  DocBuilder d;
  d.Block(1, "Contenido")
      .Block(1, "1. Transparencia de las compras de emergencia ..... 4")
      .Block(1, "2. Registro público de cabilderos con datos abiertos ..... 5")
      .Block(1, "3. Protección de denunciantes de corrupción ..... 6")
      .Block(1, kBody)
      .Block(1, kBody)
      .Block(1, kBody)
      .Block(1, kBody)
      .Block(1, kBody)
      .Block(2, "1. Headings far apart are not a list", bold)
      .Block(2, kBody)
      .Block(2, kBody)
      .Block(2, kBody)
      .Block(2, kBody)
      .Block(2, kBody)
      .Block(3, "2. The second heading after a long body", bold)
      .Block(3, kBody);
  std::vector<SentenceSignals> at(d.sentences().size());
  SegmentInput in{d.sentences(), &d.doc(), at};
  std::vector<std::vector<ContentsItem>> lists = PlanLists(in);
  REQUIRE(lists.size() == 1);
  REQUIRE(lists[0].size() == 3);
  CHECK(lists[0][0].number == "1");
  // The page reference is not part of the title.
  CHECK(lists[0][1].title ==
        "Registro público de cabilderos con datos abiertos");
  CHECK(d.sentences()[lists[0][2].sentence].page == 1);
}

TEST_CASE("PlanContents: a table's number cells give the items' numbers",
          "[mine][segment]") {
  DocBuilder d;
  d.Block(1, "1")
      .Block(1, "Transparencia de las compras de emergencia")
      .Block(1, "Ministerio de Hacienda")
      .Block(1, "2")
      .Block(1, "Protección de denunciantes de corrupción")
      .Block(1, "3")
      .Block(1, "Presupuesto participativo en los municipios");
  std::vector<SentenceSignals> at(d.sentences().size());
  SegmentInput in{d.sentences(), &d.doc(), at};
  std::vector<std::vector<ContentsItem>> lists = PlanLists(in);
  REQUIRE(lists.size() == 1);
  REQUIRE(lists[0].size() == 3);
  CHECK(lists[0][2].title == "Presupuesto participativo en los municipios");
}

TEST_CASE("PlanContents: the list picks the level whose units it names",
          "[mine][segment]") {
  std::vector<ContentsItem> list;
  for (size_t i = 0; i < kCommitments.size(); ++i)
    list.push_back({std::to_string(i + 1), kCommitments[i], 2});
  std::vector<std::vector<Commitment>> candidates = {Units(kChapters, 10),
                                                     Units(kCommitments, 40)};
  // Chapters numbered in bold, commitments listed: the list names none of
  // the chapters and all of the commitments.
  CHECK(NamedByList(candidates[0], {list}) == 0);
  CHECK(NamedByList(candidates[1], {list}) == 5);
  CHECK(ChooseByContents(candidates, 0, {list}) == 1);
  // No list: the strategies' choice stands.
  CHECK(ChooseByContents(candidates, 0, {}) == 0);
  // A choice the list agrees with stands, even if another is longer.
  std::vector<std::vector<Commitment>> agree = {Units(kCommitments, 40),
                                                Units(kCommitments, 80)};
  agree[1].push_back(agree[1].back());
  CHECK(ChooseByContents(agree, 0, {list}) == 0);
  // An item written on a unit's own first sentence is not evidence for it.
  std::vector<ContentsItem> own;
  for (const Commitment& c : candidates[1])
    own.push_back({c.number, c.title, c.first_sentence});
  CHECK(NamedByList(candidates[1], {own}) == 0);
}

TEST_CASE("PlanContents: titles agree on half the shorter one's words",
          "[mine][segment]") {
  CHECK(TitlesAgree("Transparencia de las compras de emergencia",
                    "Mayor transparencia en las compras públicas de "
                    "emergencia sanitaria"));
  CHECK_FALSE(TitlesAgree("Metodología de cocreación",
                          "Transparencia de las compras de emergencia"));
  CHECK_FALSE(TitlesAgree("", "Transparencia"));
}

namespace {

std::vector<ContentsItem> Listed(const std::vector<std::string>& titles,
                                 int first_sentence) {
  std::vector<ContentsItem> list;
  for (size_t i = 0; i < titles.size(); ++i)
    list.push_back({std::to_string(i + 1), titles[i],
                    first_sentence + static_cast<int>(i)});
  return list;
}

std::vector<Commitment> InOrder(const std::vector<std::string>& titles) {
  std::vector<Commitment> units = Units(titles, 40);
  for (Commitment& u : units) u.number_in_order = true;
  return units;
}

}  // namespace

TEST_CASE("PlanContents: the list numbers the units it names, in order",
          "[mine][segment]") {
  const std::vector<std::vector<ContentsItem>> lists = {
      Listed(kCommitments, 2)};
  // The second commitment was not found: the others keep the list's numbers
  // rather than their places.
  std::vector<Commitment> units = InOrder(
      {kCommitments[0], kCommitments[2], kCommitments[3], kCommitments[4]});
  ListMatch m = MatchToList(units, lists);
  REQUIRE(m.list == 0);
  CHECK(m.expected == 5);
  CHECK(m.named == 4);
  CHECK(NumberFromList(m, lists, &units) == 3);
  CHECK(units[0].number == "1");
  CHECK(units[1].number == "3");
  CHECK(units[3].number == "5");
  CHECK(ListCountWarning(4, m, lists[0]) ==
        "found 4 of the 5 commitments the plan's own list names");
  CHECK(ListCountWarning(5, m, lists[0]).empty());
  // A list one level finer than the units (an item after each unit's own
  // that no unit matches: its actions) gives no count to fall short of.
  std::vector<std::string> twelve;
  for (int i = 0; i < 12; ++i)
    twelve.push_back("Acción número " + std::to_string(i + 1) +
                     " del plan de gobierno abierto");
  ListMatch finer;
  finer.list = 0;
  finer.expected = 12;
  finer.item = {0, 2, 4, 6, 8, 10};
  finer.named = 6;
  CHECK(ListCountWarning(6, finer, Listed(twelve, 2)).empty());
  // Two units missed in one stretch of a unit-level list are said.
  twelve.resize(8);
  finer.item = {0, 1, 2, 5, 6, 7};
  finer.expected = 8;
  CHECK(ListCountWarning(6, finer, Listed(twelve, 2)) ==
        "found 6 of the 8 commitments the plan's own list names");
  // Rows of another kind numbered on after the commitments (a table of
  // partner organizations: titles a third as long) are not counted.
  std::vector<std::string> partners = twelve;
  partners.resize(6);
  for (const char* org : {"Oxfam", "Tearfund", "Sightsavers"})
    partners.push_back(org);
  finer.item = {0, 1, 2, 3, 4, 5};
  finer.expected = 9;
  CHECK(ListCountWarning(6, finer, Listed(partners, 2)).empty());
  // A unit whose title is written otherwise, alone between two named ones,
  // takes the one item left between theirs.
  std::vector<Commitment> other = InOrder(kCommitments);
  other[2].title = "Canal seguro para alertadores";
  m = MatchToList(other, lists);
  NumberFromList(m, lists, &other);
  CHECK(other[2].number == "3");
  CHECK(ListCountWarning(5, m, lists[0]).empty());
}

TEST_CASE("PlanContents: numbers the plan wrote are kept", "[mine][segment]") {
  const std::vector<std::vector<ContentsItem>> lists = {
      Listed(kCommitments, 2)};
  std::vector<Commitment> units = Units(
      {kCommitments[0], kCommitments[2], kCommitments[3], kCommitments[4]}, 40);
  units[1].number = "7";
  ListMatch m = MatchToList(units, lists);
  CHECK(NumberFromList(m, lists, &units) == 0);
  CHECK(units[1].number == "7");
  // The expected count is the list's all the same.
  CHECK(m.expected == 5);
}

TEST_CASE("PlanContents: a list that names few of the units gives nothing",
          "[mine][segment]") {
  // A list of chapters that names one unit, and a long list of which the
  // units are fewer than a third: neither is the plan's list of them.
  std::vector<std::string> long_list = kChapters;
  for (const std::string& t : kCommitments) long_list.push_back(t);
  for (int i = 0; i < 8; ++i)
    long_list.push_back("Anexo técnico número " + std::to_string(i + 1) +
                        " sobre " + kChapters[i % 4]);
  const std::vector<std::vector<ContentsItem>> lists = {
      Listed({kChapters[0], kChapters[1], kCommitments[0]}, 2),
      Listed(long_list, 10)};
  std::vector<Commitment> units = InOrder(
      {kCommitments[0], kCommitments[1], kCommitments[2], kCommitments[3]});
  ListMatch m = MatchToList(units, lists);
  CHECK(m.list == -1);
  CHECK(NumberFromList(m, lists, &units) == 0);
  CHECK(ListCountWarning(4, m, {}).empty());
  // Items out of order name only the units that keep the list's order.
  std::vector<Commitment> shuffled =
      InOrder({kCommitments[4], kCommitments[3], kCommitments[2],
               kCommitments[1], kCommitments[0]});
  CHECK(MatchToList(shuffled, {Listed(kCommitments, 2)}).list == -1);
}

TEST_CASE(
    "Segment: bold chapters yield to the commitments a summary table "
    "lists",
    "[mine][segment]") {
  Typed bold{10, true};
  DocBuilder d;
  const char* roman[] = {"I", "II", "III", "IV"};
  for (int ch = 0; ch < 4; ++ch)
    d.Block(ch + 1, std::string(roman[ch]) + ". " + kChapters[ch], bold)
        .Block(ch + 1, kBody)
        .Block(ch + 1, kBody);
  std::vector<SentenceSignals> at(d.sentences().size());
  SegmentInput in{d.sentences(), &d.doc(), at};
  Scan scan;
  scan.unit_words = 3;
  // Without the table, the chapters are the only level.
  CHECK(Segment(in, &scan).size() == 4);
  std::vector<Commitment> rows = Units(kCommitments, 9);
  std::vector<Commitment> u = Segment(in, &scan, rows);
  REQUIRE(u.size() == 5);
  CHECK(u[0].title == kCommitments[0]);
}

}  // namespace planmine

namespace planmine {

TEST_CASE("Segment: numbered chapters yield to the units one of them holds",
          "[mine][segment]") {
  Typed bold{10, true};
  // "• " and the title's words underlined.
  Typed lead6{10, false, true, 7}, lead5{10, false, true, 6};
  DocBuilder d;
  d.Block(1, "1. Introducción y contexto del plan", bold)
      .Block(1, kBody)
      .Block(2, "2. Metodología de cocreación del plan", bold)
      .Block(2, kBody);
  const int chapter3 = static_cast<int>(d.sentences().size());
  d.Block(3, "3. Compromisos del Plan de Acción", bold).Block(3, kBody);
  // The commitments, run-in titles, all inside chapter 3.
  d.Block(3, "• Expand the Production of Equitable Data. " + kBody, lead6)
      .Block(4, "• Broaden Access to Research Findings. " + kBody, lead5)
      .Block(4, "• Strengthen the Open Government Website. " + kBody, lead5)
      .Block(5, "• Publish the Budget in Open Formats. " + kBody, lead6);
  d.Block(6, "4. Seguimiento y evaluación del plan", bold).Block(6, kBody);
  std::vector<SentenceSignals> at(d.sentences().size());
  SegmentInput in{d.sentences(), &d.doc(), at};
  Scan scan;
  scan.unit_words = 3;
  // Without a heading naming the unit, the chapters are the first level.
  std::vector<Commitment> u = Segment(in, &scan);
  REQUIRE(u.size() == 4);
  CHECK(u[2].title == "Compromisos del Plan de Acción");
  std::vector<Commitment> chapters = NumberedHeadings(in);
  std::vector<Commitment> runin = RunInTitles(in);
  REQUIRE(chapters.size() == 4);
  REQUIRE(runin.size() == 4);
  CHECK_FALSE(IsChapterLevel(chapters, {chapters, runin}, in));

  // "Compromisos" names the unit (in the heading block's second sentence,
  // after "3.") and its section holds the four run-in units: the chapters
  // are the level above them.
  REQUIRE(d.sentences()[chapter3 + 1].text == "Compromisos del Plan de Acción");
  at[chapter3 + 1].names_unit = true;
  CHECK(IsChapterLevel(chapters, {chapters, runin}, in));
  // The run-in units hold no heading naming the unit.
  CHECK_FALSE(IsChapterLevel(runin, {chapters, runin}, in));
  u = Segment(in, &scan);
  REQUIRE(u.size() == 4);
  CHECK(u[0].title == "Expand the Production of Equitable Data");
  CHECK(u[3].first_page == 5);

  // Units spread over the chapters are not held by one of them.
  DocBuilder spread;
  for (int ch = 1; ch <= 4; ++ch)
    spread
        .Block(
            ch,
            std::to_string(ch) + ". Compromisos del eje " + std::to_string(ch),
            bold)
        .Block(ch, "• Expand the Production of Equitable Data. " + kBody,
               lead6);
  std::vector<SentenceSignals> at2(spread.sentences().size());
  for (SentenceSignals& s : at2) s.names_unit = true;
  SegmentInput in2{spread.sentences(), &spread.doc(), at2};
  std::vector<Commitment> axes = NumberedHeadings(in2);
  std::vector<Commitment> units = RunInTitles(in2);
  REQUIRE(axes.size() == 4);
  REQUIRE(units.size() == 4);
  CHECK_FALSE(IsChapterLevel(axes, {axes, units}, in2));
}

}  // namespace planmine

namespace planmine {

TEST_CASE("Segment: numbered rows that repeat their wording are not a template",
          "[mine][segment]") {
  // Six units with two labels each, and milestone rows ("1. Protocolo
  // aprobado" beside a date) whose wordings recur four times each: the
  // rows are a list's items, so no template is learned from them (and two
  // labels are too few for one).
  DocBuilder d;
  d.Block(1, kBody).At(40, 80);
  const char* rows[] = {"Protocolo aprobado", "Piloto implementado",
                        "Mesa instalada"};
  for (int k = 0; k < 6; ++k) {
    int page = k + 2;
    d.Field(page, "Institución responsable", "Ministerio " + std::to_string(k),
            100)
        .Field(page, "Plazo de ejecución", "2022-2024", 130);
    for (int r = 0; r < 3; ++r)
      if ((k + r) % 3 != 0)
        d.Field(page, std::to_string(r + 1) + ". " + rows[r], "junio de 2023",
                160 + 30 * r);
  }
  std::vector<SentenceSignals> at(d.sentences().size());
  SegmentInput in{d.sentences(), &d.doc(), at};
  CHECK(RepeatedTemplate(in).empty());
}

}  // namespace planmine

namespace planmine {

TEST_CASE("Segment: a glossary in the run-in titles' own form gives no units",
          "[mine][segment]") {
  // Page 1 defines five terms as "Term. Definition" in bold, the form the
  // plan's commitments take on pages 2 to 4; the terms are a word or two.
  DocBuilder d;
  const char* terms[] = {"Open data", "Beneficial owner", "Milestone",
                         "Plain language", "Co-creation"};
  for (const char* t : terms) {
    int words = std::string(t).find(' ') == std::string::npos ? 1 : 2;
    d.Block(1, std::string(t) + ". " + kBody, Typed{10, true, false, words});
  }
  for (int page = 2; page <= 4; ++page)
    d.Block(page,
            "Publish the Register of Beneficial Owners Number " +
                std::to_string(page) + ". " + kBody,
            Typed{10, true, false, 8});
  std::vector<Commitment> u = RunIn(d);
  REQUIRE(u.size() == 3);
  CHECK(u[0].first_page == 2);
}

}  // namespace planmine
