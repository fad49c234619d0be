#include "pipeline/core/corrections.h"
#include "pipeline/core/countries.h"
#include "pipeline/core/doc_types.h"
#include "pipeline/core/html_escape.h"
#include "pipeline/core/sha256.h"
#include "pipeline/core/status.h"
#include "pipeline/core/utf8.h"
#include "tests/catch.h"

namespace planmine {

TEST_CASE("Status: prefix and text", "[core]") {
  Status s = DataLoss("truncated");
  CHECK_FALSE(s.ok());
  CHECK(s.WithPrefix("a.pdf").message() == "a.pdf: truncated");
  CHECK(s.ToString() == "data loss: truncated");
  CHECK(Status().ok());
}

TEST_CASE("Result: holds a value or a status", "[core]") {
  Result<int> good = 3;
  REQUIRE(good.ok());
  CHECK(*good == 3);
  Result<int> bad = NotFound("x");
  CHECK_FALSE(bad.ok());
  CHECK(bad.status().message() == "x");
}

TEST_CASE("Sha256Hex: known digests", "[core]") {
  CHECK(Sha256Hex("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("SanitizeUtf8: invalid bytes become U+FFFD", "[core]") {
  CHECK(SanitizeUtf8("año") == "año");
  CHECK(SanitizeUtf8("a\xFF"
                     "b") ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(SanitizeUtf8("\xC0\xAF") ==
        "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  CHECK(Utf8Truncate("acción", 4) == "acci");
  CHECK(Utf8Truncate("acción", 5) == "acci");  // never half of "ó"
}

TEST_CASE("HtmlEscape: markup and quotes escaped, UTF-8 kept", "[core]") {
  CHECK(HtmlEscape("<a href=\"x\">O'Neil & Co</a>") ==
        "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; Co&lt;/a&gt;");
  CHECK(HtmlEscape("participación") == "participación");
  CHECK(HtmlEscape("") == "");
}

TEST_CASE("DocType: names round-trip, anything else is no type", "[core]") {
  for (DocType t : kAllDocTypes) CHECK(ParseDocType(DocTypeName(t)) == t);
  CHECK(DocTypeName(DocType::kSelfAssessment) == "self_assessment");
  CHECK_FALSE(ParseDocType("plan").has_value());
  CHECK_FALSE(ParseDocType("Action_Plan").has_value());
  CHECK(DocTypeNames() ==
        "action_plan, irm_report, self_assessment, workshop, slides, agenda, "
        "guide, legal, report, other");
}

TEST_CASE("Countries: names in en/es/pt and aliases read as codes", "[core]") {
  CHECK(CountryCode("Colombia") == "CO");
  CHECK(CountryCode("colombia") == "CO");
  CHECK(CountryCode("CO") == "CO");
  CHECK(CountryCode("co") == "CO");
  CHECK(CountryCode("Brasil") == "BR");
  CHECK(CountryCode("Brazil") == "BR");
  CHECK(CountryCode("Reino Unido") == "GB");
  CHECK(CountryCode("the United Kingdom") == "GB");
  CHECK(CountryCode("UK") == "GB");
  CHECK(CountryCode("EE.UU.") == "US");
  CHECK(CountryCode("Estados Unidos") == "US");
  CHECK(CountryCode("méxico") == "MX");
  CHECK(CountryCode("MEXICO") == "MX");
  CHECK(CountryCode("El Salvador") == "SV");
  CHECK(CountryCode("Perú") == "PE");
  CHECK(CountryCode("Colômbia") == "CO");
  CHECK(CountryCode("XX").empty());
  CHECK(CountryCode("Atlantis").empty());
  CHECK(CountryCode("").empty());
  CHECK(CountryName("co") == "Colombia");
  CHECK(CountryName("BR", "pt") == "Brasil");
  CHECK(CountryName("GB", "es") == "Reino Unido");
  CHECK(CountryName("XX") == "XX");
  // Sorted by code: FindCountry's binary search depends on it.
  const auto& all = AllCountries();
  for (size_t i = 1; i < all.size(); ++i)
    CHECK(std::string(all[i - 1].code) < all[i].code);
}

TEST_CASE("Corrections: keys round-trip, values are checked and normalized",
          "[core][corrections]") {
  for (CorrectionKey k : kAllCorrectionKeys)
    CHECK(ParseCorrectionKey(CorrectionKeyName(k)) == k);
  CHECK_FALSE(ParseCorrectionKey("contry"));
  CHECK(CorrectionKeyNames() ==
        "title, country, year, doc_type, language, plan_cycle, subnational");
  using Row = std::tuple<std::string, std::string, std::string>;
  auto [key, value,
        want] = GENERATE(table<std::string, std::string, std::string>({
      Row{"country", " co ", "CO"},
      Row{"country", "COL",
          "error: country must be a two-letter code, got 'COL'"},
      Row{"country", "1x",
          "error: country must be a two-letter code, got '1X'"},
      Row{"year", "2021", "2021"},
      Row{"year", "21", "error: year must be four digits, got '21'"},
      Row{"doc_type", "irm_report", "irm_report"},
      Row{"doc_type", "plan",
          "error: doc_type must be one of action_plan, irm_report, "
          "self_assessment, workshop, slides, agenda, guide, legal, report, "
          "other, got 'plan'"},
      Row{"language", "PT", "pt"},
      Row{"language", "fr",
          "error: language must be one of es, pt, en, other, got 'fr'"},
      Row{"title", "  Plan  ", "Plan"},
      Row{"title", " ", "error: title must not be empty"},
      Row{"plan_cycle", "2015-2017", "2015-2017"},
      Row{"subnational", "Mendoza", "Mendoza"},
  }));
  auto k = ParseCorrectionKey(key);
  REQUIRE(k);
  auto v = NormalizeCorrectionValue(*k, value);
  INFO(key << "=" << value);
  CHECK((v.ok() ? *v : "error: " + v.status().message()) == want);
}

TEST_CASE("Corrections: evidence names the manifest's file and line",
          "[core][corrections]") {
  CHECK(CorrectionEvidence({CorrectionKey::kCountry, "CO",
                            "manifest:/data/in/manifest.csv:4", ""}) ==
        "correction (manifest.csv:4)");
  CHECK(CorrectionEvidence({CorrectionKey::kCountry, "CO", "set", ""}) ==
        "correction (set)");
  CHECK(CorrectionsFingerprint({{CorrectionKey::kYear, "2020", "set", ""},
                                {CorrectionKey::kCountry, "CO", "set", ""}}) ==
        "country=CO\nyear=2020");
  CHECK(CorrectionsFingerprint({}).empty());
}

}  // namespace planmine

namespace planmine {

TEST_CASE("Utf8: a list marker and its space open an item", "[core]") {
  CHECK(BulletLength("\xE2\x80\xA2 Publicar") == 4);  // •
  CHECK(BulletLength("\xE2\x97\x8B Publicar") == 4);  // ○
  CHECK(BulletLength("\xE2\x9E\xA2 Publicar") == 4);  // ➢
  CHECK(BulletLength("\xEF\x82\xB7 Publicar") == 4);  // Symbol font
  CHECK(BulletLength("- Publicar") == 2);
  CHECK(BulletLength("\xC2\xB7 Publicar") == 3);     // ·
  CHECK(BulletLength("\xE2\x80\xA2Publicar") == 0);  // no space
  CHECK(BulletLength("a Publicar") == 0);
  CHECK(BulletLength("1. Publicar") == 0);
  CHECK(BulletLength("\xC3\x89l dijo") == 0);  // É is a letter
  CHECK(BulletLength("\xE2\x80\xA2") == 0);
  CHECK(BulletLength("") == 0);
}

}  // namespace planmine
