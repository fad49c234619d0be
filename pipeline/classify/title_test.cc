#include "pipeline/classify/title.h"

#include "pipeline/classify/test_documents.h"
#include "tests/catch.h"

namespace planmine {
using testing::DocBuilder;
using testing::ShippedSignals;

namespace {

Attribute TitleOf(const DocBuilder& d) {
  return DecideTitle(d.Build(), ShippedSignals());
}

}  // namespace

TEST_CASE("Title: the largest type of the cover, stacked lines joined",
          "[classify]") {
  DocBuilder d("es");
  d.Page()
      .Block("Alianza para el Gobierno Abierto", 28, true, 150)
      .Block("II PLAN DE ACCIÓN 2015-2017 COLOMBIA", 26.5, true, 230)
      .Block("GOBIERNO ABIERTO PARA LA INCLUSIÓN SOCIAL", 20, true, 330)
      .Block("30 de junio de 2015", 12, true, 700)
      .Page()
      .Body(11, 100);
  // The partnership's name alone is a letterhead; the plan's title is
  // joined with nothing in another size.
  Attribute t = TitleOf(d);
  CHECK(t.value == "II PLAN DE ACCIÓN 2015-2017 COLOMBIA");
  CHECK(t.source == "cover");

  DocBuilder e("en");
  e.Page()
      .Block("The new UK National Action Plan:", 42, true, 370)
      .Block("open data engagement", 42, false, 430)
      .Block("www.opengovernment.org.uk", 42, false, 500)
      .Page()
      .Body(12, 100);
  CHECK(TitleOf(e).value ==
        "The new UK National Action Plan: open data engagement");
}

TEST_CASE("Title: contents, section headings, dates and labels are skipped",
          "[classify]") {
  auto [heading, language] = GENERATE(table<const char*, const char*>(
      {{"ÍNDICE", "es"},
       {"Sumário", "pt"},
       {"Table of Contents", "en"},
       {"INTRODUCCIÓN", "es"},
       {"Foreword by the Minister for the Cabinet Office", "en"},
       {"Key Resources:", "en"},
       {"Noviembre de 2020", "es"},
       {"www.datos.gob.ar", "es"}}));
  INFO(heading);
  DocBuilder d(language);
  d.Page()
      .Block(heading, 30, true, 80)
      .Block("Open Data for Municipalities", 22, true, 200)
      .Body(11, 300);
  CHECK(TitleOf(d).value == "Open Data for Municipalities");
}

TEST_CASE(
    "Title: the topmost of about the largest size, OCR sizes off the "
    "page are ignored",
    "[classify]") {
  DocBuilder d("en", "scan.pdf");
  d.Page(600, 1500)
      .Block("International Memberships and", 27.6, false, 32)
      .Block("Awards", 27.9, false, 66, 240)
      .Block("OG5 LOCAL", 30.8, false, 580, 440)
      .Block("— para el", 592, false, 95, 0)
      .Body(10.5, 700);
  CHECK(TitleOf(d).value == "International Memberships and Awards");
}

TEST_CASE("Title: a letter's subject line, a letterhead is not the title",
          "[classify]") {
  DocBuilder d("en");
  d.Page()
      .Block("Executive Office of the President", 16, true, 60)
      .Block("October 30, 2017", 11, false, 140)
      .Block("Re: United States National Action Plan — Delayed", 11, false, 200)
      .Body(11, 260);
  Attribute t = TitleOf(d);
  CHECK(t.value == "United States National Action Plan — Delayed");
  CHECK(t.source == "subject");

  DocBuilder e("es");
  e.Page()
      .Block("Estimados miembros de los MSF y OGP,", 12, false, 90)
      .Body(12, 120);
  t = TitleOf(e);
  CHECK(t.value == "Estimados miembros de los MSF y OGP");
  CHECK(t.source == "salutation");
}

TEST_CASE("Title: an act's heading when nothing stands out by size",
          "[classify]") {
  DocBuilder d("es");
  d.Page()
      .Block("MUNICIPALIDAD DE LA CIUDAD DE MENDOZA", 11, false, 90)
      .Block("MENDOZA, 29 de febrero de 2024.", 11, false, 150)
      .Block("DECRETO N° 181", 12, false, 190)
      .Block("VISTO: El expediente electrónico N° 33265-2023 y", 12, false, 220)
      .Body(11, 300);
  Attribute t = TitleOf(d);
  CHECK(t.value == "DECRETO N° 181");
  CHECK(t.source == "act");
}

TEST_CASE("Title: the running header when the cover is a picture",
          "[classify]") {
  DocBuilder d("pt");
  d.Page(765, 553)
      .Block("2016 | 2017", 51, false, 340)
      .Block("MINISTÉRIO DO PLANEJAMENTO, DESENVOLVIMENTO E GESTÃO", 16, false,
             450)
      .Furniture("PLANO DE DADOS ABERTOS • MINISTÉRIO DO PLANEJAMENTO")
      .Furniture("1");
  for (int i = 2; i <= 5; ++i)
    d.Page(765, 553)
        .Body(9.5, 100)
        .Furniture("PLANO DE DADOS ABERTOS • MINISTÉRIO DO PLANEJAMENTO")
        .Furniture(std::to_string(i));
  Attribute t = TitleOf(d);
  CHECK(t.value == "PLANO DE DADOS ABERTOS • MINISTÉRIO DO PLANEJAMENTO");
  CHECK(t.source == "running_header");
}

TEST_CASE(
    "Title: bold lines at body size, the one opening with a genre "
    "word stands alone",
    "[classify]") {
  DocBuilder d("es");
  d.Page()
      .Block("IV PLAN NACIONAL DE ESTADO ABIERTO TALLERES DE COCREACIÓN", 11,
             true, 92)
      .Block("TALLER DE SALUD", 11, true, 133)
      .Block("INFORMACIÓN GENERAL SOBRE LOS TALLERES", 11, true, 160)
      .Body(11, 200);
  Attribute t = TitleOf(d);
  CHECK(t.value == "TALLER DE SALUD");
  CHECK(t.source == "cover");
}

TEST_CASE("Title: the metadata title only when it is real", "[classify]") {
  auto [meta, want] = GENERATE(table<const char*, const char*>(
      {{"Diário Oficial Eletrônico 136", "Diário Oficial Eletrônico 136"},
       {"PowerPoint Presentation", "report"},
       {"Microsoft Word - 20131030 NAP final markup", "report"},
       {"Imagen escaneada", "report"},
       {"report", "report"},
       {"Pedido", "report"},
       {"Secretaría de Transparencia", "report"}}));
  INFO(meta);
  DocBuilder d("es", "/data/report.pdf");
  d.Page().Body(11, 100).MetadataTitle(meta);
  CHECK(TitleOf(d).value == want);
}

TEST_CASE("Title: plain text takes its first heading", "[classify]") {
  DocBuilder d("es", "blog.md");
  // Plain text has no type sizes and no boxes.
  d.Page()
      .Block("¿Qué es el gobierno abierto?", 0, false, 0, 0)
      .Heading()
      .Block("El gobierno abierto es una forma de gobernar.", 0, false, 0, 0);
  Attribute t = TitleOf(d);
  CHECK(t.value == "¿Qué es el gobierno abierto?");
  CHECK(t.source == "heading");
}

}  // namespace planmine
