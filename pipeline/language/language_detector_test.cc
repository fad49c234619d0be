#include "pipeline/language/language_detector.h"

#include "tests/catch.h"

namespace planmine {

TEST_CASE("LanguageDetector: es, pt, en and other", "[language]") {
  auto d = LanguageDetector::Create();
  REQUIRE(d.ok());
  using Row = std::tuple<std::string, std::string>;
  auto [text, code] = GENERATE(table<std::string, std::string>({
      Row{"El gobierno se compromete a publicar los contratos del Estado en "
          "formato de datos abiertos para mejorar la "
          "transparencia y la participación ciudadana.",
          "es"},
      Row{"O governo irá publicar os contratos do Estado em formato de dados "
          "abertos para melhorar a transparência e a "
          "participação social.",
          "pt"},
      Row{"The government will publish all public contracts as open data to "
          "improve transparency and citizen "
          "participation.",
          "en"},
      Row{"Le gouvernement publiera tous les contrats publics en données "
          "ouvertes pour améliorer la transparence et "
          "la participation des citoyens.",
          "other"},
  }));
  LanguageGuess g = d->Detect(text);
  CHECK(g.code == code);
  CHECK(g.confidence > 0.5);
}

TEST_CASE(
    "LanguageDetector: no text is undetermined, short blocks inherit the "
    "document",
    "[language]") {
  auto d = LanguageDetector::Create();
  REQUIRE(d.ok());
  CHECK(d->Detect("").code == "und");
  NormalizedDocument doc;
  NormalizedPage p;
  p.text =
      "Compromiso 1\n\nEl Ministerio de Hacienda implementará un registro "
      "público de beneficiarios finales de las "
      "sociedades que contratan con el Estado, de acuerdo con los estándares "
      "internacionales.";
  p.blocks.push_back(NormalizedBlock::Span(0, 12, true, ""));
  p.blocks.push_back(NormalizedBlock::Span(14, p.text.size(), false, ""));
  doc.pages.push_back(p);
  LanguageGuess g = d->DetectDocument(&doc);
  CHECK(g.code == "es");
  CHECK(doc.pages[0].blocks[0].language == "es");
  CHECK(doc.pages[0].blocks[0].language_confidence < g.confidence);
  CHECK(doc.pages[0].blocks[1].language == "es");
}

TEST_CASE("LanguageDetector: a capitalised heading takes its page's language",
          "[language]") {
  auto d = LanguageDetector::Create();
  REQUIRE(d.ok());
  // CLD2 alone reads this heading as English.
  const std::string heading =
      "COMPROMISO NRO. 6: MÁS TRANSPARENCIA EN EL SECTOR EDUCATIVO.";
  REQUIRE(d->Detect(heading).code == "en");
  NormalizedDocument doc;
  NormalizedPage p;
  std::string body =
      "El Ministerio de Educación desarrollará el registro nacional para el "
      "sector educativo, con información pública sobre matrículas, docentes "
      "y recursos, y prestará asistencia técnica a las secretarías "
      "territoriales para que publiquen sus datos abiertos.";
  p.text = heading + "\n\n" + body;
  p.blocks.push_back(NormalizedBlock::Span(0, heading.size(), false, ""));
  p.blocks.push_back(
      NormalizedBlock::Span(heading.size() + 2, p.text.size(), false, ""));
  doc.pages.push_back(p);
  d->DetectDocument(&doc);
  CHECK(doc.pages[0].blocks[0].language == "es");
  CHECK(doc.pages[0].blocks[1].language == "es");
}

}  // namespace planmine
