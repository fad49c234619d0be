#include "extractors/miner.h"

#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
namespace {

Miner ShippedMiner() {
  auto packs = LoadPackDir(testing::PacksDir());
  REQUIRE(packs.ok());
  auto m = Miner::Create(std::move(*packs));
  REQUIRE(m.ok());
  return std::move(*m);
}

std::vector<Sentence> Sentences(
    const std::vector<std::pair<int, std::string>>& page_text) {
  std::vector<Sentence> out;
  for (const auto& [page, text] : page_text) {
    Sentence s;
    s.page = page;
    s.text = text;
    s.start = 100;
    s.end = 100 + text.size();
    out.push_back(s);
  }
  return out;
}

}  // namespace

TEST_CASE(
    "Miner: numbered headings become commitments spanning to the next one",
    "[mine]") {
  Miner m = ShippedMiner();
  Findings f = m.Mine(Sentences({
      {2, "Compromiso 1: Datos abiertos ......... 5"},  // table of contents
      {2, "Compromiso 2: Beneficiarios finales ....... 9"},
      {5, "Compromiso 1: Datos abiertos de contratación"},
      {5,
       "La Agencia se compromete a publicar los contratos en datos abiertos."},
      {6, "Más texto sobre contratación pública."},
      {9, "Compromiso 2: Registro de beneficiarios finales"},
      {9, "Un registro de beneficiarios finales."},
  }));
  std::vector<const Commitment*> heads;
  for (const Commitment& c : f.commitments)
    if (c.kind == "heading") heads.push_back(&c);
  REQUIRE(heads.size() == 2);
  CHECK(heads[0]->number == "1");
  CHECK(heads[0]->title == "Datos abiertos de contratación");
  CHECK(heads[0]->first_page == 5);
  CHECK(heads[0]->last_page == 6);
  CHECK(heads[0]->themes ==
        std::vector<std::string>{"open_contracting", "open_data"});
  CHECK(heads[1]->number == "2");
  CHECK(heads[1]->first_page == 9);
  CHECK(heads[1]->themes == std::vector<std::string>{"beneficial_ownership"});
  int statements = 0;
  for (const Commitment& c : f.commitments) statements += c.kind == "statement";
  CHECK(statements == 1);
}

TEST_CASE("Miner: an untitled heading takes the next sentence as title",
          "[mine]") {
  Miner m = ShippedMiner();
  Findings f = m.Mine(Sentences({{3, "Commitment 4"},
                                 {3, "Open contracting"},
                                 {3, "The Cabinet Office will publish."}}));
  REQUIRE(!f.commitments.empty());
  CHECK(f.commitments[0].number == "4");
  CHECK(f.commitments[0].title == "Open contracting");
}

TEST_CASE("Miner: theme hits carry offsets into the page text", "[mine]") {
  Miner m = ShippedMiner();
  Findings f = m.Mine(Sentences(
      {{1, "Fortalecer la participación ciudadana en los municipios."}}));
  bool found = false;
  for (const ThemeHit& h : f.theme_hits) {
    if (h.theme != "citizen_participation") continue;
    found = true;
    CHECK(h.text == "participación ciudadana");
    CHECK(h.start == 100 + std::string("Fortalecer la ").size());
    CHECK(h.page == 1);
  }
  CHECK(found);
}

TEST_CASE("Miner: entities are normalized", "[mine]") {
  Miner m = ShippedMiner();
  Findings f = m.Mine(Sentences(
      {{1,
        "El 15 de marzo de 2021 Colombia presentó el Plan de Acción 2019-22; "
        "escriba a Info@Gov.CO o visite https://datos.gov.co/x."}}));
  std::map<std::string, std::vector<std::string>> by_type;
  for (const Entity& e : f.entities) by_type[e.type].push_back(e.value);
  CHECK(by_type["country"] == std::vector<std::string>{"CO"});
  CHECK(by_type["cycle"] == std::vector<std::string>{"2019-2022"});
  CHECK(by_type["date"] == std::vector<std::string>{"2021-03-15"});
  CHECK(by_type["email"] == std::vector<std::string>{"info@gov.co"});
  CHECK(by_type["url"] == std::vector<std::string>{"https://datos.gov.co/x"});
}

TEST_CASE("IsoDate: month names in three languages", "[mine]") {
  CHECK(IsoDate("5", "junho", "2013") == "2013-06-05");
  CHECK(IsoDate("", "March", "2012") == "2012-03");
  CHECK(IsoDate("1", "07", "2020") == "2020-07-01");
  CHECK(IsoDate("1", "brumaire", "2020").empty());
}

}  // namespace planmine
