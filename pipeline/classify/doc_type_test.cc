#include "pipeline/classify/doc_type.h"

#include "pipeline/classify/test_documents.h"
#include "tests/catch.h"

namespace planmine {
using testing::DocBuilder;
using testing::ShippedSignals;

namespace {

DocTypeDecision TypeOf(const DocBuilder& d) {
  return DecideDocType(d.Build(), ShippedSignals());
}

bool Contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("DocType: slides from page geometry and words per page",
          "[classify]") {
  DocBuilder d("pt");
  d.Title("Participação Social e a Governança Digital");
  for (int i = 0; i < 6; ++i)
    d.Page(960, 540).Block("Governança digital e participação", 28, true, 40);
  DocTypeDecision t = TypeOf(d);
  CHECK(t.type == DocType::kSlides);
  CHECK(t.evidence == "page geometry: 6 of 6 pages landscape, 4 words a page");

  // The same pages full of text are a landscape report, not slides.
  DocBuilder e("pt");
  for (int i = 0; i < 6; ++i) e.Page(960, 540).Body(11, 40, 20);
  CHECK(TypeOf(e).type == DocType::kOther);
}

TEST_CASE("DocType: legal texts from their structure", "[classify]") {
  DocBuilder d("es");
  d.Title("DECRETO N° 181")
      .Page()
      .Block("DECRETO N° 181", 12, true, 100)
      .Block("VISTO: El expediente N° 33265-2023, y", 11, false, 140)
      .Block("CONSIDERANDO:", 11, false, 180)
      .Block("Que es necesario establecer un marco de gobernanza.", 11, false,
             200)
      .Page()
      .Block("ARTÍCULO 1° - Créase el Comité de Gobernanza de Datos.", 11,
             false, 100)
      .Block("ARTÍCULO 2° - Comuníquese y publíquese.", 11, false, 140);
  DocTypeDecision t = DecideDocType(d.Build(), ShippedSignals());
  CHECK(t.type == DocType::kLegal);
  CHECK(t.evidence ==
        "legal structure: the act's heading 'DECRETO N° 181', 2 enacting "
        "formulas 'VISTO', 2 article headings 'ARTÍCULO 1°' opening blocks");

  // Comments on a draft resolution quote articles inside sentences: no
  // structure of their own.
  DocBuilder e("es");
  e.Title("Comentarios al proyecto de resolución")
      .Page()
      .Block("Ref.: Comentarios al proyecto de resolución", 11, false, 100)
      .Block("Según el artículo 5 de la ley, la entidad debe publicar.", 11,
             false, 140)
      .Block("El artículo 7 del proyecto no prevé plazos.", 11, false, 180);
  t = TypeOf(e);
  CHECK(t.type == DocType::kOther);
  CHECK(t.evidence == "a letter: 'Ref' in the opening");
}

TEST_CASE("DocType: an agenda is dense in time ranges", "[classify]") {
  DocBuilder d("en");
  d.Title("Open Government Engagement Session")
      .Page()
      .Block("Open Government Engagement Session", 18, true, 60)
      .Block("10:00 AM - 10:15 AM Welcome and introductions", 11, false, 120)
      .Block("10:15 AM - 10:45 AM The draft commitments", 11, false, 140)
      .Block("10:45 AM - 11:30 AM Breakout groups", 11, false, 160)
      .Block("11:30 AM - 12:00 PM Report back and next steps", 11, false, 180);
  DocTypeDecision t = TypeOf(d);
  CHECK(t.type == DocType::kAgenda);
  CHECK(Contains(t.evidence, "4 time ranges in "));

  // A meeting summary opening with its schedule is not an agenda.
  DocBuilder e("en");
  e.Title("Meeting Overview")
      .Page()
      .Block("10:00 AM - 10:15 AM Welcome", 11, false, 120)
      .Block("10:15 AM - 11:00 AM Breakout groups", 11, false, 140);
  for (int i = 0; i < 4; ++i) e.Page().Body(11, 100, 8);
  t = TypeOf(e);
  CHECK(t.type == DocType::kWorkshop);
  CHECK(t.evidence == "genre word 'Meeting Overview' in the title");
}

TEST_CASE(
    "DocType: a genre word decides before plan words, most specific "
    "first",
    "[classify]") {
  auto [title, language, type] =
      GENERATE(table<const char*, const char*, DocType>(
          {{"Informe de avance del Plan de Acción 2019", "es",
            DocType::kReport},
           {"Mecanismo de Revisión Independiente (MRI): Informe de fin de "
            "término",
            "es", DocType::kIrmReport},
           {"Midterm Self-Assessment Report", "en", DocType::kSelfAssessment},
           {"Relatório de autoavaliação do Plano de Ação", "pt",
            DocType::kSelfAssessment},
           {"Guía para la apertura de datos", "es", DocType::kGuide},
           {"Norms of Engagement for Public Engagement Sessions", "en",
            DocType::kGuide},
           {"Oficina de cocriação do 4º Plano de Ação", "pt",
            DocType::kWorkshop},
           {"Nota técnica sobre el índice", "es", DocType::kReport}}));
  INFO(title);
  DocBuilder d(language);
  d.Title(title).Page().Body(11, 100).Units(12);
  CHECK(TypeOf(d).type == type);
}

TEST_CASE(
    "DocType: an action plan names itself a plan and has commitment "
    "units",
    "[classify]") {
  DocBuilder d("es");
  d.Title("IV Plan de Acción Nacional de Estado Abierto 2020-2022")
      .Page()
      .Body(11, 100);
  DocTypeDecision t = TypeOf(d);
  CHECK(t.type == DocType::kOther);
  CHECK(t.evidence == "no genre word, no plan with commitment units");

  d.Units(2, CommitmentKind::kStatement).Units(2);
  CHECK(TypeOf(d).type == DocType::kOther);  // two units are not a plan
  d.Units(1);
  t = TypeOf(d);
  CHECK(t.type == DocType::kActionPlan);
  CHECK(t.evidence ==
        "plan words 'Plan de Acción' in the title and 3 commitment units");

  // Plans named by a call, a methodology or in running text are not the
  // document itself, whatever units the miner finds in it.
  DocBuilder c("es");
  c.Title(
       "Términos y condiciones de la Convocatoria de compromisos "
       "territoriales para el Cuarto Plan de Acción Nacional")
      .Page()
      .Block("1. Descripción general", 12, true, 100)
      .Block(
          "Los planes de acción de Colombia se han caracterizado por "
          "apostarle al avance de metas y objetivos de gobierno abierto "
          "con la participación de la ciudadanía y de las entidades.",
          11, false, 130)
      .Units(7);
  CHECK(TypeOf(c).type == DocType::kOther);

  // A cover drawn as a picture: the plan words in the first lines.
  DocBuilder e("en");
  e.Title("Contents")
      .Page()
      .Block("Third Open Government National Action Plan", 11, true, 80)
      .Body(11, 120)
      .Units(20);
  t = TypeOf(e);
  CHECK(t.type == DocType::kActionPlan);
  CHECK(Contains(t.evidence, "in the opening"));
}

TEST_CASE(
    "DocType: genre words in the running header, not in a publisher's "
    "name",
    "[classify]") {
  DocBuilder d("es");
  d.Title("Portal Nacional de Datos Abiertos");
  for (int i = 0; i < 4; ++i)
    d.Page().Body(11, 100).Furniture("- Manual de usuario.");
  DocTypeDecision t = TypeOf(d);
  CHECK(t.type == DocType::kGuide);
  CHECK(t.evidence == "genre word 'Manual' in the running header");

  DocBuilder e("pt");
  e.Title("Índice de Dados Abertos para Cidades");
  for (int i = 0; i < 4; ++i)
    e.Page().Body(11, 100).Furniture(
        "DIRETORIA DE ANÁLISE DE POLÍTICAS PÚBLICAS");
  CHECK(TypeOf(e).type == DocType::kOther);
}

TEST_CASE("DocType: a letter is other, whatever it is about", "[classify]") {
  DocBuilder d("en");
  d.Title("United States National Action Plan — Delayed")
      .Page()
      .Block("Executive Office of the President", 14, true, 60)
      .Block("Dear Mr. Pradhan,", 11, false, 200)
      .Body(11, 230)
      .Units(3);
  // The plan words in the title name what the letter is about: the
  // salutation in the opening, like any genre word, decides before them.
  DocTypeDecision t = TypeOf(d);
  CHECK(t.type == DocType::kOther);
  CHECK(t.evidence == "a letter: 'Dear' in the opening");
}

}  // namespace planmine
