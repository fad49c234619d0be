#include "pipeline/extract/extractor.h"
#include "pipeline/ocr/ocr_engine.h"
#include "tests/catch.h"
#include "tests/test_util.h"
#include "tests/text_metrics.h"

namespace planmine {

TEST_CASE("OCR: only empty or garbled pages are sent to OCR", "[ocr]") {
  ExtractedDocument d;
  for (const char* q : {"ok", "empty", "garbled", "ok"}) {
    Page p;
    p.number = static_cast<int>(d.pages.size()) + 1;
    p.quality = q;
    p.source =
        std::string(q) == "empty" ? TextSource::kNone : TextSource::kTextLayer;
    d.pages.push_back(p);
  }
  CHECK(Extractor::PagesNeedingOcr(d) == std::vector<int>{2, 3});
  CHECK(TesseractLanguages("es") == "spa");
  CHECK(TesseractLanguages("und") == "spa+por+eng");
}

TEST_CASE("OCR: a rendered page reads back as its text", "[ocr]") {
  std::string why;
  std::unique_ptr<OcrEngine> ocr = OcrEngine::Tesseract(&why);
  if (!ocr) {
    WARN("Tesseract unavailable, skipping: " << why);
    return;
  }
  auto ex = Extractor::Create(ExtractOptions{});
  REQUIRE(ex.ok());
  std::string path =
      testing::SampleDir() + "/docs/mx-workshop-findings-2012.pdf";
  auto doc = ex->Extract(path, SourceKind::kPdf);
  REQUIRE(doc.ok());
  // Force page 1 through OCR although it has a text layer, and compare.
  std::string layer;
  for (const Block& b : doc->pages[0].blocks)
    for (const Line& l : b.lines) layer += l.text + "\n";
  REQUIRE(ex->OcrPages(path, {1}, *ocr, "eng", &*doc).ok());
  const Page& p = doc->pages[0];
  CHECK(p.source == TextSource::kOcr);
  CHECK(p.ocr_confidence > 80);
  std::string read;
  for (const Block& b : p.blocks)
    for (const Line& l : b.lines) read += l.text + "\n";
  double ned = testing::WordNed(read, layer);
  INFO(read);
  CHECK(ned < 0.1);
}

}  // namespace planmine
