// Label and value cells paired by geometry (row_fields.h), and the dates
// read from their values, on small synthetic pages whose blocks are given
// in an order that is not the reading order.
#include "extractors/row_fields.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "extractors/mine_internal.h"
#include "extractors/miner.h"
#include "extractors/pattern_pack.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
namespace {

// A page of blocks with boxes; one sentence per block.
class PageBuilder {
 public:
  PageBuilder& Block(int page, const std::string& text, Box box,
                     double size = 10) {
    while (static_cast<int>(doc_.pages.size()) < page) {
      NormalizedPage p;
      p.number = static_cast<int>(doc_.pages.size()) + 1;
      doc_.pages.push_back(p);
    }
    NormalizedPage& p = doc_.pages[page - 1];
    if (!p.text.empty()) p.text += "\n\n";
    NormalizedBlock b = NormalizedBlock::Span(
        p.text.size(), p.text.size() + text.size(), false, "en");
    b.box = box;
    b.font_size = size;
    Sentence s;
    s.page = page;
    s.block = static_cast<int>(p.blocks.size());
    s.start = b.start;
    s.end = b.end;
    s.language = language_;
    s.text = text;
    sentences_.push_back(s);
    p.text += text;
    p.blocks.push_back(b);
    return *this;
  }
  PageBuilder& Language(const std::string& l) {
    language_ = l;
    return *this;
  }
  const NormalizedDocument& doc() const { return doc_; }
  const std::vector<Sentence>& sentences() const { return sentences_; }

 private:
  NormalizedDocument doc_;
  std::vector<Sentence> sentences_;
  std::string language_ = "en";
};

const Miner& TheMiner() {
  static const Miner* m = [] {
    auto packs = LoadPackDir(testing::PacksDir());
    REQUIRE(packs.ok());
    auto miner = Miner::Create(std::move(*packs));
    REQUIRE(miner.ok());
    return new Miner(std::move(*miner));
  }();
  return *m;
}

}  // namespace

TEST_CASE("RowFields: a value runs down its column to the next label",
          "[mine]") {
  PageBuilder d;
  // The value column's blocks come first, the labels last, as a layout
  // that reads columns would give them.
  d.Block(1, "Ministry of Justice and", {200, 100, 400, 112})
      .Block(1, "Ministry of Finance", {200, 114, 400, 126})
      .Block(1, "Apr 2022 – Aug 2024", {200, 140, 300, 152})
      .Block(1, "Lead implementing agency", {50, 100, 180, 112})
      .Block(1, "Start and end date", {50, 140, 160, 152})
      // A paragraph across the page ends the last row.
      .Block(1,
             "The ministries will publish the register and report on it "
             "every year with civil society.",
             {50, 170, 500, 196});
  std::vector<RowField> rows = PairRows(d.doc().pages[0]);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].label == "Lead implementing agency");
  CHECK(rows[0].value == "Ministry of Justice and Ministry of Finance");
  CHECK(rows[1].label == "Start and end date");
  CHECK(rows[1].value == "Apr 2022 – Aug 2024");
}

TEST_CASE("RowFields: rows are measured in the page's own type size",
          "[mine]") {
  // The same table at twice the scale: the same rows.
  PageBuilder d;
  d.Block(1, "Lead agency", {100, 200, 300, 224}, 20)
      .Block(1, "Ministry of Finance", {400, 202, 800, 226}, 20)
      .Block(1, "Timeline", {100, 260, 300, 284}, 20)
      .Block(1, "2022 – 2024", {400, 260, 600, 284}, 20)
      // Three body lines below the table, in the value column: not part
      // of the last row.
      .Block(1, "A note set in the right column.", {400, 400, 800, 424}, 20);
  std::vector<RowField> rows = PairRows(d.doc().pages[0]);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].value == "Ministry of Finance");
  CHECK(rows[1].value == "2022 – 2024");
}

TEST_CASE("RowFields: a value that starts lines below the label is not its row",
          "[mine]") {
  PageBuilder d;
  d.Block(1, "Objective", {50, 100, 120, 112})
      .Block(1, "Text in the right column, well below the heading.",
             {200, 150, 500, 162});
  CHECK(PairRows(d.doc().pages[0]).empty());
  // Nor is a paragraph longer than a label.
  PageBuilder p;
  p.Block(1,
          "The plan was written with civil society in twelve workshops "
          "held over the year in every region of the country",
          {50, 100, 290, 160})
      .Block(1, "A second column of text.", {300, 100, 500, 160});
  CHECK(PairRows(p.doc().pages[0]).empty());
}

TEST_CASE("ReadDates: the forms plans write dates in", "[mine]") {
  const std::string m = std::string(1, kMonthMark);
  auto [text, want] = GENERATE_REF(table<std::string, std::string>({
      {"2025", "2025"},
      {"03/2025", "2025-03"},
      {"01/03/2025", "2025-03-01"},
      {"12/31/2025", "2025-12-31"},
      {"2025-03-15", "2025-03-15"},
      {"06/17", "2017-06"},
      {"1 de " + m + "03 de 2025", "2025-03-01"},
      {m + "03 de 2025", "2025-03"},
      {m + "04 2022", "2022-04"},
      {m + "03/2025", "2025-03"},
      {m + "03 1, 2025", "2025-03-01"},
      {"31/" + m + "12/2026", "2026-12-31"},
      {"03/2022 – 07/2024", "2022-03 2024-07"},
      {m + "04 2022 – " + m + "08 2024", "2022-04 2024-08"},
      {"2022-2024", "2022 2024"},
      {"no date here", ""},
  }));
  std::string got;
  for (const std::string& d : ReadDates(text))
    got += (got.empty() ? "" : " ") + d;
  CHECK(got == want);
}

TEST_CASE("Miner: dates are read with the month words of the packs", "[mine]") {
  const Miner& miner = TheMiner();
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const std::string& d : v) s += (s.empty() ? "" : " ") + d;
    return s;
  };
  CHECK(join(miner.DatesIn("1 de marzo de 2025 – 31 de diciembre de 2026",
                           "es")) == "2025-03-01 2026-12-31");
  CHECK(join(miner.DatesIn("Abril de 2025", "pt")) == "2025-04");
  CHECK(join(miner.DatesIn("jan/2025 – out/2026", "pt")) == "2025-01 2026-10");
  CHECK(join(miner.DatesIn("March 1, 2025", "en")) == "2025-03-01");
  CHECK(join(miner.DatesIn("Apr 2022 – Aug 2024", "en")) == "2022-04 2024-08");
  // An English date in a Spanish plan: every pack's months.
  CHECK(join(miner.DatesIn("Sept. 2023", "es")) == "2023-09");
}

TEST_CASE("Miner: template rows paired by geometry fill a commitment's fields",
          "[mine]") {
  PageBuilder d;
  d.Block(1,
          "The plan has three commitments. The commitments were chosen in "
          "public.",
          {50, 40, 500, 80});
  for (int k = 0; k < 3; ++k) {
    int page = k + 2;
    // Labels first, then the answers: the order a reader of columns gives,
    // with no key-value field from the layout.
    d.Block(page, "Commitment " + std::to_string(k + 1) + ": Open budget data",
            {50, 50, 500, 66}, 14)
        .Block(page, "Lead implementing agency", {50, 100, 180, 112})
        .Block(page, "Start and end date", {50, 140, 180, 152})
        .Block(page, "Other actors involved", {50, 170, 180, 182})
        .Block(page, "Ministry of Finance and", {200, 100, 450, 112})
        .Block(page, "National Statistics Office", {200, 114, 450, 126})
        .Block(page, "Apr 2022 – Aug 2024", {200, 140, 450, 152})
        .Block(page, "Budget Watch", {200, 170, 450, 182});
  }
  std::vector<Commitment> u;
  for (const Commitment& c :
       TheMiner().Mine(d.sentences(), &d.doc()).commitments)
    if (c.kind != CommitmentKind::kStatement) u.push_back(c);
  REQUIRE(u.size() == 3);
  for (const Commitment& c : u) {
    CHECK(c.lead_agency ==
          "Ministry of Finance and National Statistics Office");
    CHECK(c.start_date == "2022-04");
    CHECK(c.end_date == "2024-08");
  }
}

TEST_CASE("CutRunOnName: an agency's name that ran on into the body",
          "[mine]") {
  auto [value, want] = GENERATE(table<std::string, std::string>({
      {"Instituto Nacional de Estadística La falta de datos comparables "
       "dificulta el control social.",
       "Instituto Nacional de Estadística"},
      {"Ministerio del Interior y Ministerio de Ambiente y Desarrollo "
       "Sostenible Según el último diagnóstico, menos del 36 % cumple.",
       "Ministerio del Interior y Ministerio de Ambiente y Desarrollo "
       "Sostenible"},
      {"Departamento Nacional de Planeación (con el apoyo de Instituto "
       "Nacional de Estadística) Los informes de auditoría de 2013 "
       "identificaron debilidades.",
       "Departamento Nacional de Planeación (con el apoyo de Instituto "
       "Nacional de Estadística)"},
      {"Comisión para la Transparencia La falta de datos dificulta el "
       "control.",
       "Comisión para la Transparencia"},
      // No sentence under it: the name as it is.
      {"Comisión para la Transparencia", "Comisión para la Transparencia"},
      {"Department of the Interior and Department of Health and Human "
       "Services",
       "Department of the Interior and Department of Health and Human "
       "Services"},
      // A joining word of four letters is the name's own.
      {"Alcaldía Mayor e Instituto Distrital para la Participación y la "
       "Acción Comunal. Secretaría General",
       "Alcaldía Mayor e Instituto Distrital para la Participación y la "
       "Acción Comunal. Secretaría General"},
      // Prose is not a name.
      {"identify and track the progress of this work. The Administration "
       "will release additional Federal data.",
       "identify and track the progress of this work. The Administration "
       "will release additional Federal data."},
      // Lower-case words after a joining word are the name's own.
      {"Ministerio de Educación con el acompañamiento de las secretarías.",
       "Ministerio de Educación con el acompañamiento de las secretarías."},
  }));
  CHECK(CutRunOnName(value) == want);
}

TEST_CASE("LearnRunInLabels: a label after a value is learned alone",
          "[mine]") {
  std::vector<Sentence> s(4);
  s[0].text = "Receita Federal do Brasil Prazo: 01/04/2023 – 30/11/2024";
  s[1].text = "Secretaria-Geral da Presidência da República Prazo: 2023";
  s[2].text = "Tribunal de Contas da União Prazo: 06/2023 – 12/2024";
  s[3].text = "Receita Federal do Brasil Prazo: 2024";
  std::vector<std::string> labels = LearnRunInLabels(s);
  CHECK(std::find(labels.begin(), labels.end(), "Prazo:") != labels.end());
  CHECK(std::find(labels.begin(), labels.end(), "Brasil Prazo:") ==
        labels.end());
}

}  // namespace planmine
