#include "extractors/miner.h"

#include "extractors/mine_internal.h"
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

// Appends a positioned block to a page, as the layout stage makes them.
void AddBlock(NormalizedPage* page, const std::string& text, const Box& box) {
  NormalizedBlock b;
  b.start = page->text.size();
  page->text += text;
  b.end = page->text.size();
  page->text += "\n\n";
  b.box = box;
  page->blocks.push_back(b);
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
    if (c.kind == CommitmentKind::kHeading) heads.push_back(&c);
  REQUIRE(heads.size() == 2);
  CHECK(heads[0]->number == "1");
  CHECK(heads[0]->title == "Datos abiertos de contratación");
  CHECK(heads[0]->first_page == 5);
  CHECK(heads[0]->last_page == 6);
  // "datos abiertos" in the title decides; one sentence on contracting in
  // the body is not enough beside a theme the title names.
  CHECK(heads[0]->themes == std::vector<std::string>{"open_data"});
  REQUIRE(heads[0]->theme_evidence.size() == 1);
  CHECK(heads[0]->theme_evidence[0].sentence == -1);
  CHECK(heads[0]->theme_evidence[0].text == "Datos abiertos");
  CHECK(heads[1]->number == "2");
  CHECK(heads[1]->first_page == 9);
  CHECK(heads[1]->themes == std::vector<std::string>{"beneficial_ownership"});
  int statements = 0;
  for (const Commitment& c : f.commitments)
    statements += c.kind == CommitmentKind::kStatement;
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

TEST_CASE("Miner: the first date of free text in the forms plans use",
          "[mine]") {
  // One date reader, the month words from the `dates` packs only.
  const Miner miner = ShippedMiner();
  auto first = [&](std::string_view text, std::string_view language) {
    std::vector<std::string> d = miner.DatesIn(text, language);
    return d.empty() ? std::string() : d.front();
  };
  CHECK(first("2015", "es") == "2015");
  CHECK(first("Fecha de cierre: 06/17", "es") == "2017-06");
  CHECK(first(" 12/2015 y después", "es") == "2015-12");
  CHECK(first("15 de marzo de 2021", "es") == "2021-03-15");
  CHECK(first("diciembre de 2016", "es") == "2016-12");
  CHECK(first("by January 2014, then April 2014", "en") == "2014-01");
  CHECK(first("January of 2014", "en") == "2014-01");
  CHECK(first("5 de junho de 2013", "pt") == "2013-06-05");
  CHECK(first("30 de junho de 2023", "pt") == "2023-06-30");
  // A month of another language than the text's still reads.
  CHECK(first("30 de junho de 2023", "es") == "2023-06-30");
  CHECK(first("1 brumaire 2020", "es") == "2020");  // not a month word
  CHECK(first("no date here", "en").empty());
  CHECK(first("13/45", "es").empty());  // not a month
}

TEST_CASE("Miner: milestones are dated by the reader they are given",
          "[mine]") {
  const Miner miner = ShippedMiner();
  DateReader es = [&](std::string_view t) { return miner.DatesIn(t, "es"); };
  bool structured = false;
  std::vector<Milestone> m = SplitMilestones(
      "12/15: Diagnóstico 06/16 y 06/17: Informe", es, &structured);
  CHECK(structured);
  REQUIRE(m.size() == 2);
  CHECK(m[0].due == "2015-12");
  CHECK(m[1].due == "2017-06");  // the latest of the prefix
  m = SplitMilestones("• Guía publicada en marzo de 2022 • Portal en línea", es,
                      &structured);
  CHECK_FALSE(structured);
  REQUIRE(m.size() == 2);
  CHECK(m[0].due == "2022-03");
  CHECK(m[1].due.empty());
}

TEST_CASE("Miner: acronym pairs need the acronym's letters in the name",
          "[mine]") {
  auto p = FindAcronymPairs(
      "El Instituto Federal de Acceso a la Información (IFAI) y la "
      "Colombia Compra Eficiente - CCE, con apoyo del BID (el banco).");
  REQUIRE(p.size() == 2);
  CHECK(p[0].name == "Instituto Federal de Acceso a la Información");
  CHECK(p[0].acronym == "IFAI");
  CHECK(p[1].name == "Colombia Compra Eficiente");
  CHECK(p[1].acronym == "CCE");
  // Letters that do not fit: no pair.
  CHECK(FindAcronymPairs("la reunión con expertos (OCDE)").empty());
}

TEST_CASE(
    "Miner: labelled fields, dated milestones and IRM completion are read",
    "[mine]") {
  Miner m = ShippedMiner();
  Findings f = m.Mine(Sentences({
      {4, "COMPROMISO NRO. 1: MÁS TRANSPARENCIA EN LA CONTRATACIÓN PÚBLICA."},
      {4, "ENTIDAD RESPONSABLE: Colombia Compra Eficiente - CCE."},
      {4, "PERSONA RESPONSABLE: Ana Pérez, (ana@cce.gov.co)."},
      {4, "OTROS ACTORES INVOLUCRADOS: Banco Mundial."},
      {4,
       "DESCRIPCIÓN: Se fortalecerá el SECOP II para la contratación "
       "pública en línea."},
      {4,
       "Se relaciona con los principios de transparencia y tecnologías "
       "innovadoras."},
      {5, "METAS: 12/15: Habilitadas 620 entidades en el SECOP II."},
      {5, "06/16 y 06/17: Programa de formación del comprador público."},
      {6, "Compromiso 2. Mesas de trabajo en la Justicia"},
      {6,
       "Institución(es) responsable(s): Departamento Nacional de "
       "Planeación"},
      {6, "Fecha de inicio: 2015 Fecha de cierre: 2017"},
      {7, "Fin de término: Sustancial"},
      {7, "Se realizaron las mesas previstas."},
  }));
  REQUIRE(f.commitments.size() == 2);
  const Commitment& a = f.commitments[0];
  CHECK(a.lead_agency == "Colombia Compra Eficiente - CCE");
  CHECK(a.lead_agency_source == "field");
  CHECK(a.other_actors == "Banco Mundial");
  CHECK(a.sections.at("description").rfind("Se fortalecerá el SECOP II", 0) ==
        0);
  REQUIRE(a.milestones.size() == 2);
  CHECK(a.milestones[0].due == "2015-12");
  CHECK(a.milestones[1].due == "2017-06");  // the later of two dates
  CHECK(a.start_date.empty());              // not stated
  CHECK(a.end_date == "2017-06");           // the last dated milestone
  CHECK(a.ogp_values == std::vector<std::string>{"access_to_information",
                                                 "technology_innovation"});
  CHECK(a.themes == std::vector<std::string>{"open_contracting"});
  const Commitment& b = f.commitments[1];
  CHECK(b.number == "2");
  CHECK(b.lead_agency == "Departamento Nacional de Planeación");
  CHECK(b.start_date == "2015");
  CHECK(b.end_date == "2017");
  CHECK(b.completion == "substantial");
  CHECK(b.completion_text == "Sustancial");
  bool org = false;
  for (const Entity& e : f.entities)
    org |= e.type == "organization" && e.detail == "CCE" &&
           e.value == "Colombia Compra Eficiente";
  CHECK(org);
}

TEST_CASE(
    "Miner: template pages whose titles are pictures take them from the "
    "plan's list, matched by content",
    "[mine]") {
  Miner m = ShippedMiner();
  std::vector<Sentence> s = Sentences({
      {3, "Compromisos"},
      {3, "1."},
      {3, "Datos abiertos contra la corrupción."},
      {3, "2."},
      {3, "Transparencia en el Consejo de Estado."},
      {3, "3."},
      {3, "Transformación digital de la Corte Constitucional."},
      {5, "Implementar el programa de datos abiertos contra la corrupción."},
      {5, "¿Quién ejecuta?"},
      {5, "Secretaría de Transparencia."},
      {6, "Consolidar la transparencia en la Corte Constitucional."},
      {6, "¿Quién ejecuta?"},
      {6, "Corte Constitucional de Colombia."},
      {7, "Herramientas para el Consejo de Estado."},
      {7, "¿Quién ejecuta?"},
      {7, "Consejo de Estado."},
  });
  // Items of the list are blocks of their own.
  for (size_t i = 0; i < s.size(); ++i)
    s[i].block = static_cast<int>((i + 1) / 2);
  Findings f = m.Mine(s);
  std::vector<const Commitment*> c;
  for (const Commitment& x : f.commitments)
    if (x.kind == CommitmentKind::kFicha) c.push_back(&x);
  REQUIRE(c.size() == 3);
  CHECK(c[0]->number == "1");
  CHECK(c[0]->title == "Datos abiertos contra la corrupción");
  CHECK(c[0]->first_page == 5);
  CHECK(c[0]->lead_agency == "Secretaría de Transparencia");
  // The second page is the Court's although the list names it third.
  CHECK(c[1]->title == "Transformación digital de la Corte Constitucional");
  CHECK(c[1]->lead_agency == "Corte Constitucional de Colombia");
  CHECK(c[2]->title == "Transparencia en el Consejo de Estado");
}

TEST_CASE("Miner: summary-table rows give lead agencies by row number",
          "[mine]") {
  Miner m = ShippedMiner();
  std::vector<Sentence> s = Sentences({
      {1, "Commitment 1"},
      {1, "The government will publish an inventory of datasets."},
      {2, "Commitment 2"},
      {2, "The government will create a register of beneficial owners."},
  });
  NormalizedDocument doc;
  NormalizedPage page;
  page.number = 9;
  auto block = [&](const std::string& text, double x0, double y0, double x1,
                   double y1) {
    AddBlock(&page, text, {x0, y0, x1, y1});
  };
  block("No. Commitment", 77, 96, 173, 107);
  block("Lead department(s)", 411, 96, 513, 107);
  block("The government will publish an inventory", 106, 136, 390, 200);
  block("1", 77, 160, 83, 170);
  block("Cabinet Office", 411, 136, 480, 147);
  block("The government will create a register", 106, 220, 390, 300);
  block("Department for Business, Innovation and Skills", 411, 220, 510, 245);
  // Row 2's number went into its cell's text: the numbering runs on.
  doc.pages.push_back(page);
  Findings f = m.Mine(s, &doc);
  REQUIRE(f.commitments.size() >= 2);
  const Commitment* one = nullptr;
  const Commitment* two = nullptr;
  for (const Commitment& c : f.commitments) {
    if (c.kind != CommitmentKind::kHeading) continue;
    if (c.number == "1") one = &c;
    if (c.number == "2") two = &c;
  }
  REQUIRE(one != nullptr);
  REQUIRE(two != nullptr);
  CHECK(one->lead_agency == "Cabinet Office");
  CHECK(one->lead_agency_source == "table");
  CHECK(two->lead_agency == "Department for Business, Innovation and Skills");
}

TEST_CASE(
    "Miner: a plan listed only in a summary table gets one commitment "
    "per row",
    "[mine]") {
  Miner m = ShippedMiner();
  std::vector<Sentence> s = Sentences({
      {9, "The government will publish an inventory of datasets."},
      {9, "The government will create a register of beneficial owners."},
  });
  NormalizedDocument doc;
  NormalizedPage page;
  page.number = 9;
  auto block = [&](const std::string& text, double x0, double y0, double x1,
                   double y1) {
    AddBlock(&page, text, {x0, y0, x1, y1});
  };
  block("No.", 77, 96, 95, 107);
  block("Commitment", 106, 96, 173, 107);
  block("Lead department(s)", 411, 96, 513, 107);
  block("1", 77, 160, 83, 170);
  block(
      "The government will publish an inventory of datasets. It will be "
      "updated yearly.",
      106, 136, 390, 200);
  block("Cabinet Office", 411, 136, 480, 147);
  block("2", 77, 250, 83, 260);
  block("The government will create a register of beneficial owners.", 106, 220,
        390, 300);
  block("HM Treasury", 411, 220, 470, 231);
  doc.pages.push_back(page);
  Findings f = m.Mine(s, &doc);
  std::vector<const Commitment*> rows;
  for (const Commitment& c : f.commitments)
    if (c.kind == CommitmentKind::kTable) rows.push_back(&c);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]->number == "1");
  CHECK(rows[0]->title ==
        "The government will publish an inventory of datasets");
  CHECK(rows[0]->lead_agency == "Cabinet Office");
  CHECK(rows[0]->first_page == 9);
  CHECK(rows[0]->themes == std::vector<std::string>{"open_data"});
  CHECK(rows[1]->number == "2");
  CHECK(rows[1]->lead_agency == "HM Treasury");
  CHECK(rows[1]->themes == std::vector<std::string>{"beneficial_ownership"});
}

TEST_CASE("Miner: findings and recommendations are typed, questions are not",
          "[mine]") {
  Miner m = ShippedMiner();
  Findings f = m.Mine(Sentences({
      {2, "¿Cuáles son los principales problemas que se deben resolver?"},
      {2,
       "El problema más recurrente mencionado por los expertos es la "
       "calidad de los datos."},
      {3, "La participación ciudadana debería ser un imperativo."},
      {3, "El taller se realizó en Bogotá."},
  }));
  REQUIRE(f.statements.size() == 2);
  CHECK(f.statements[0].kind == "finding");
  CHECK(f.statements[0].page == 2);
  CHECK(f.statements[1].kind == "recommendation");
  CHECK(f.statements[1].sentence == 2);
}

}  // namespace planmine

namespace planmine {
namespace {

std::vector<std::string> Flatten(const Findings& f) {
  std::vector<std::string> out;
  for (const Commitment& c : f.commitments) {
    std::string themes;
    for (const std::string& t : c.themes) themes += t + ",";
    out.push_back(std::string("C ") + CommitmentKindName(c.kind) + "|" +
                  c.number + "|" + c.title + "|" + themes + "|" +
                  c.lead_agency + "|" + c.start_date + "|" + c.end_date + "|" +
                  std::to_string(c.first_sentence) + "-" +
                  std::to_string(c.last_sentence));
  }
  for (const ThemeHit& h : f.theme_hits)
    out.push_back("T " + h.theme + "|" + h.pattern_id + "|" +
                  std::to_string(h.sentence) + "|" + std::to_string(h.start) +
                  "-" + std::to_string(h.end));
  for (const Entity& e : f.entities)
    out.push_back("E " + e.type + "|" + e.value + "|" + e.text + "|" +
                  std::to_string(e.sentence) + "|" + std::to_string(e.start));
  for (const Statement& s : f.statements)
    out.push_back("S " + s.kind + "|" + std::to_string(s.sentence));
  return out;
}

std::vector<Sentence> SpanishPlan() {
  std::vector<Sentence> s = Sentences({
      {3, "Compromiso 1: Registro de beneficiarios finales"},
      {3, "Fecha de inicio: 1 de julio de 2021"},
      {3, "El Ministerio de Salud publicará datos abiertos de hospitales."},
      {4, "Compromiso 2: Participación ciudadana en el presupuesto"},
      {4, "Se fortalecerá la participación ciudadana en Colombia."},
      {5, "Contacto: datos@gobierno.gov.co, 15 de marzo de 2020."},
  });
  for (Sentence& x : s) x.language = "es";
  return s;
}

}  // namespace

TEST_CASE(
    "Miner: re-mining with the stored matches of unchanged patterns equals "
    "mining afresh, after patterns are edited, added and removed",
    "[mine][remine]") {
  auto packs = LoadPackDir(testing::PacksDir());
  REQUIRE(packs.ok());
  // The packs as they were: the health pattern did not know hospitals, the
  // open-data pattern did not exist, and an old pattern has gone since.
  std::vector<PatternPack> before = *packs;
  bool edited = false, removed = false;
  for (PatternPack& p : before) {
    if (p.name != "themes" || p.language != "es") continue;
    for (auto it = p.patterns.begin(); it != p.patterns.end();) {
      if (it->id == "health.salud") {
        it->regex = "\\bsalud\\b";
        edited = true;
      }
      if (it->id == "open_data.datos") {
        it = p.patterns.erase(it);
        removed = true;
        continue;
      }
      ++it;
    }
    Pattern gone;
    gone.id = "gone.pattern";
    gone.group = "health";
    gone.regex = "\\bhospitales\\b";
    p.patterns.push_back(gone);
  }
  REQUIRE(edited);
  REQUIRE(removed);
  auto old_miner = Miner::Create(std::move(before));
  REQUIRE(old_miner.ok());
  Miner now = ShippedMiner();
  const std::vector<Sentence> s = SpanishPlan();

  MatchCache stored;
  Findings old_findings = old_miner->Mine(s, nullptr, nullptr, &stored);
  REQUIRE_FALSE(stored.patterns.empty());
  REQUIRE_FALSE(stored.matches.empty());

  MatchCache fresh_cache, remined_cache;
  Findings fresh = now.Mine(s, nullptr, nullptr, &fresh_cache);
  Findings remined = now.Mine(s, nullptr, &stored, &remined_cache);
  CHECK(Flatten(remined) == Flatten(fresh));
  CHECK(Flatten(remined) != Flatten(old_findings));  // the edit shows
  CHECK(remined_cache.patterns == fresh_cache.patterns);
  REQUIRE(remined_cache.matches.size() == fresh_cache.matches.size());
  for (const auto& [key, list] : fresh_cache.matches) {
    INFO(key);
    REQUIRE(remined_cache.matches.count(key));
    const auto& other = remined_cache.matches.at(key);
    REQUIRE(other.size() == list.size());
    for (size_t i = 0; i < list.size(); ++i) {
      CHECK(other[i].sentence == list[i].sentence);
      CHECK(other[i].start == list[i].start);
      CHECK(other[i].end == list[i].end);
      CHECK(other[i].captures == list[i].captures);
    }
  }
}

TEST_CASE(
    "Miner: a stored match is taken as stored, without running its pattern "
    "again",
    "[mine][remine]") {
  Miner m = ShippedMiner();
  const std::vector<Sentence> s = SpanishPlan();
  MatchCache cache;
  m.Mine(s, nullptr, nullptr, &cache);
  // Plant a health match in a sentence that does not mention health: a
  // re-mine that reused the cache reports it; one that ran the pattern
  // would not.
  size_t pack = 0, pattern = 0;
  bool found = false;
  for (size_t k = 0; k < m.packs().size() && !found; ++k)
    for (size_t i = 0; i < m.packs()[k].patterns.size(); ++i)
      if (m.packs()[k].name == "themes" && m.packs()[k].language == "es" &&
          m.packs()[k].patterns[i].id == "health.salud") {
        pack = k, pattern = i, found = true;
        break;
      }
  REQUIRE(found);
  cache.matches[m.PatternKey(pack, pattern)].push_back({4, 3, 15, {}});
  Findings f = m.Mine(s, nullptr, &cache);
  bool planted = false;
  for (const ThemeHit& h : f.theme_hits)
    planted |= h.theme == "health" && h.sentence == 4;
  CHECK(planted);
  // A key the cache does not list is run: with no keys at all, every
  // pattern is, and the plant is gone.
  cache.patterns.clear();
  Findings again = m.Mine(s, nullptr, &cache);
  for (const ThemeHit& h : again.theme_hits)
    CHECK_FALSE((h.theme == "health" && h.sentence == 4));
}

}  // namespace planmine

namespace planmine {

TEST_CASE(
    "Miner: a summary table's theme row across the table is not a "
    "commitment",
    "[mine]") {
  Miner m = ShippedMiner();
  NormalizedDocument doc;
  NormalizedPage page;
  page.number = 6;
  std::vector<Sentence> sentences;
  auto cell = [&](const std::string& text, int row, int col, double y) {
    AddBlock(&page, text, {60.0 + 150 * col, y, 200.0 + 150 * col, y + 12});
    NormalizedBlock& b = page.blocks.back();
    b.region = "table";
    b.row = row;
    b.col = col;
    Sentence s;
    s.page = 6;
    s.block = static_cast<int>(page.blocks.size()) - 1;
    s.start = b.start;
    s.end = b.end;
    s.text = text;
    sentences.push_back(s);
  };
  cell("No.", 0, 0, 100);
  cell("Commitment", 0, 1, 100);
  cell("Lead agency", 0, 2, 100);
  cell("Theme 1: Access to Information and Open Data", 1, 1, 120);
  const char* titles[] = {"Publish an inventory of datasets",
                          "Create a register of beneficial owners",
                          "Open up public procurement data"};
  const char* leads[] = {"Cabinet Office", "HM Treasury", "Crown Services"};
  for (int k = 0; k < 3; ++k) {
    cell(std::to_string(k + 1), k + 2, 0, 140 + 20 * k);
    cell(titles[k], k + 2, 1, 140 + 20 * k);
    cell(leads[k], k + 2, 2, 140 + 20 * k);
  }
  doc.pages.push_back(page);
  Findings f = m.Mine(sentences, &doc);
  std::vector<const Commitment*> rows;
  for (const Commitment& c : f.commitments)
    if (c.kind == CommitmentKind::kTable) rows.push_back(&c);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0]->number == "1");
  CHECK(rows[0]->title == "Publish an inventory of datasets");
  CHECK(rows[2]->lead_agency == "Crown Services");
}

}  // namespace planmine
