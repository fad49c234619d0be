#include "pipeline/extract/ocr_regions.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <cstdio>
#include <memory>
#include <set>
#include <sstream>

#include "pipeline/extract/extractor.h"
#include "pipeline/ocr/ocr_engine.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
namespace {

Page TextPage(double font_size, std::vector<Box> line_boxes) {
  Page p;
  p.number = 1;
  p.width = 612;
  p.height = 792;
  p.source = TextSource::kTextLayer;
  Block b;
  for (const Box& box : line_boxes) {
    Line l;
    l.text = "words";
    l.box = box;
    l.font_size = font_size;
    b.lines.push_back(l);
  }
  p.blocks.push_back(b);
  return p;
}

Page EmptyPage(const std::string& quality = "empty") {
  Page p;
  p.number = 1;
  p.width = 612;
  p.height = 792;
  p.quality = quality;
  return p;
}

// An image of w x h points drawn at (x, y) at `ppi`.
PageImage Img(double x, double y, double w, double h, double ppi) {
  return {{x, y, x + w, y + h},
          static_cast<int>(w / 72 * ppi),
          static_cast<int>(h / 72 * ppi)};
}

}  // namespace

TEST_CASE(
    "OCR regions: a page without text reads its images at their own resolution",
    "[ocr]") {
  OcrRegionLimits limits;
  PageGraphics g;
  SECTION("no image: the whole page, at the configured resolution") {
    auto r = PlanOcrRegions(EmptyPage(), g, true, limits);
    REQUIRE(r.size() == 1);
    CHECK(r[0].whole_page);
    CHECK(r[0].dpi == 300);
  }
  SECTION("a 96 ppi poster image: that image only, at the floor of 150 dpi") {
    g.images.push_back(Img(100, 200, 300, 400, 96));
    auto r = PlanOcrRegions(EmptyPage(), g, true, limits);
    REQUIRE(r.size() == 1);
    CHECK_FALSE(r[0].whole_page);
    CHECK(r[0].box.x0 == Approx(100));
    CHECK(r[0].box.y1 == Approx(600));
    CHECK(r[0].dpi == kMinDpi);
  }
  SECTION("images that make up most of the page: the whole page") {
    g.images.push_back(Img(0, 0, 612, 500, 200));
    auto r = PlanOcrRegions(EmptyPage(), g, true, limits);
    REQUIRE(r.size() == 1);
    CHECK(r[0].whole_page);
  }
  SECTION("shapes drawn beside the image: text as outlines, or vector art") {
    g.images.push_back(Img(100, 200, 300, 400, 96));
    g.shapes = 1;
    auto r = PlanOcrRegions(EmptyPage(), g, true, limits);
    REQUIRE(r.size() == 1);
    CHECK(r[0].whole_page);
  }
  SECTION("a garbled text layer: the glyphs are on the page, not in images") {
    g.images.push_back(Img(100, 200, 300, 400, 96));
    auto r = PlanOcrRegions(EmptyPage("garbled"), g, true, limits);
    REQUIRE(r.size() == 1);
    CHECK(r[0].whole_page);
  }
  SECTION("overlapping images are one region, at the finer resolution") {
    g.images.push_back(Img(100, 100, 200, 200, 100));
    g.images.push_back(Img(250, 150, 100, 100, 250));
    auto r = PlanOcrRegions(EmptyPage(), g, true, limits);
    REQUIRE(r.size() == 1);
    CHECK(r[0].box.x1 == Approx(350));
    CHECK(r[0].dpi == 249);
  }
}

TEST_CASE(
    "OCR regions: a page with a text layer reads only the images its text does "
    "not cover",
    "[ocr]") {
  OcrRegionLimits limits;
  PageGraphics g;
  // Body text in 10 pt lines from y = 72 to 300.
  std::vector<Box> lines;
  for (double y = 72; y < 300; y += 12) lines.push_back({72, y, 540, y + 10});
  const Page page = TextPage(10, lines);
  SECTION("a picture below the text is read") {
    g.images.push_back(Img(72, 400, 400, 200, 150));
    auto r = PlanOcrRegions(page, g, false, limits);
    REQUIRE(r.size() == 1);
    CHECK_FALSE(r[0].whole_page);
    CHECK(r[0].dpi == 150);
  }
  SECTION("a background behind the text is not") {
    g.images.push_back(Img(0, 0, 612, 792, 150));
    CHECK(PlanOcrRegions(page, g, false, limits).empty());
  }
  SECTION("an image shorter than two lines of the body type is not") {
    g.images.push_back(Img(72, 400, 400, 15, 150));
    CHECK(PlanOcrRegions(page, g, false, limits).empty());
  }
  SECTION("no more than max_regions images") {
    for (int i = 0; i < 40; ++i)
      g.images.push_back(
          Img(72 + (i % 8) * 60, 400 + (i / 8) * 70, 50, 60, 150));
    limits.max_regions = 5;
    CHECK(PlanOcrRegions(page, g, false, limits).size() == 5);
  }
  SECTION("an image partly off the page is cut to it") {
    g.images.push_back(Img(500, 700, 300, 300, 150));
    auto r = PlanOcrRegions(page, g, false, limits);
    REQUIRE(r.size() == 1);
    CHECK(r[0].box.x1 == Approx(612));
    CHECK(r[0].box.y1 == Approx(792));
  }
}

TEST_CASE("OCR regions: small glyphs are read again at a finer resolution",
          "[ocr]") {
  const Box box{0, 0, 300, 200};
  CHECK(DpiForGlyphs(30, 150, box, 4200) == 150);  // big enough
  CHECK(DpiForGlyphs(0, 150, box, 4200) == 150);   // nothing read
  CHECK(DpiForGlyphs(14, 150, box, 4200) == 300);  // 150 * 28 / 14
  CHECK(DpiForGlyphs(7, 150, box, 4200) == 300);   // at most twice
  // The pixel limit: 300 pt (4.17 in) at most 1000 px.
  CHECK(DpiForGlyphs(14, 150, box, 1000) == 240);
  // A page whose words are 17 px at 300 dpi and whose cap allows 315: not
  // worth a second reading.
  CHECK(DpiForGlyphs(17, 300, {0, 0, 960, 540}, 4200) == 300);
}

namespace {

// A one-page PDF (US Letter) with `lines` of Helvetica text from the top and
// `img` (8-bit grey) drawn at `place` (points, origin top-left).
std::string PdfWithImage(const std::vector<std::string>& lines,
                         const GrayImage& img, const Box& place) {
  std::ostringstream content;
  content << "BT /F1 11 Tf 72 740 Td 14 TL\n";
  for (const std::string& l : lines) content << "(" << l << ") '\n";
  content << "ET\nq " << place.width() << " 0 0 " << place.height() << " "
          << place.x0 << " " << 792 - place.y1 << " cm /Im1 Do Q\n";
  std::string pixels;
  for (int y = 0; y < img.height; ++y)
    pixels.append(reinterpret_cast<const char*>(
                      &img.pixels[static_cast<size_t>(y) * img.bytes_per_line]),
                  img.width);
  std::vector<std::string> objs = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << "
      "/Font << /F1 4 0 R >> /XObject << /Im1 5 0 R >> >> /Contents 6 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Type /XObject /Subtype /Image /Width " + std::to_string(img.width) +
          " /Height " + std::to_string(img.height) +
          " /ColorSpace /DeviceGray /BitsPerComponent 8 /Length " +
          std::to_string(pixels.size()) + " >>\nstream\n" + pixels +
          "\nendstream",
      "<< /Length " + std::to_string(content.str().size()) + " >>\nstream\n" +
          content.str() + "\nendstream"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objs.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf +=
      "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", off);
    pdf += buf;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objs.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// The words of a page's blocks of region `kind`.
std::set<std::string> WordsOf(const Page& page, RegionKind kind) {
  std::set<std::string> out;
  for (const Block& b : page.blocks) {
    if (b.region != kind) continue;
    for (const Line& l : b.lines) {
      std::istringstream in(l.text);
      for (std::string w; in >> w;) out.insert(w);
    }
  }
  return out;
}

}  // namespace

TEST_CASE(
    "OCR regions: words in an image of a text page become an image block after "
    "the body",
    "[ocr]") {
  std::string why;
  std::unique_ptr<OcrEngine> ocr = OcrEngine::Tesseract(&why);
  if (!ocr) {
    WARN("Tesseract unavailable, skipping: " << why);
    return;
  }
  // The picture: the top of a sample page rendered at 120 dpi, as a
  // screenshot of a document would be pasted into a slide.
  const std::string sample =
      testing::SampleDir() + "/docs/mx-workshop-findings-2012.pdf";
  std::unique_ptr<poppler::document> src(
      poppler::document::load_from_file(sample));
  REQUIRE(src);
  std::unique_ptr<poppler::page> sp(src->create_page(0));
  REQUIRE(sp);
  poppler::page_renderer r;
  r.set_image_format(poppler::image::format_gray8);
  r.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  const int dpi = 120;
  poppler::image shot = r.render_page(sp.get(), dpi, dpi, 0, 0,
                                      static_cast<int>(612 / 72.0 * dpi),
                                      static_cast<int>(300 / 72.0 * dpi));
  REQUIRE(shot.is_valid());
  REQUIRE(shot.format() == poppler::image::format_gray8);
  GrayImage img;
  img.width = shot.width();
  img.height = shot.height();
  img.bytes_per_line = shot.width();
  for (int y = 0; y < img.height; ++y)
    img.pixels.insert(
        img.pixels.end(),
        shot.const_data() + static_cast<size_t>(y) * shot.bytes_per_row(),
        shot.const_data() + static_cast<size_t>(y) * shot.bytes_per_row() +
            img.width);
  // What the picture shows, from the sample's own text layer.
  ExtractOptions options;
  options.ocr_images = true;
  auto ex = Extractor::Create(options);
  REQUIRE(ex.ok());
  auto truth = ex->Extract(sample, SourceKind::kPdf);
  REQUIRE(truth.ok());
  std::set<std::string> shown;
  for (const Block& b : truth->pages[0].blocks)
    if (b.box.y1 < 290)
      for (const Line& l : b.lines) {
        std::istringstream in(l.text);
        for (std::string w; in >> w;) shown.insert(w);
      }
  REQUIRE(shown.size() > 10);

  testing::TempDir dir;
  const std::string path = dir.File("slide.pdf");
  const std::vector<std::string> body = {
      "The findings of the workshop are summarised in the picture below.",
      "Each group wrote its own proposals for the next action plan.",
      "The secretariat will publish the full report next month."};
  testing::WriteFile(path, PdfWithImage(body, img, {72, 320, 540, 583}));
  auto doc = ex->Extract(path, SourceKind::kPdf);
  REQUIRE(doc.ok());
  REQUIRE(doc->pages.size() == 1);
  REQUIRE(doc->pages[0].quality == "ok");
  const size_t body_blocks = doc->pages[0].blocks.size();
  CHECK(WordsOf(doc->pages[0], RegionKind::kImage).empty());

  REQUIRE(ex->OcrImages(path, *ocr, "eng", &*doc).ok());
  const Page& page = doc->pages[0];
  CHECK(page.source == TextSource::kTextLayer);
  std::set<std::string> read = WordsOf(page, RegionKind::kImage);
  size_t found = 0;
  for (const std::string& w : shown) found += read.count(w);
  INFO("read " << read.size() << " words, " << found << " of " << shown.size()
               << " shown");
  CHECK(found >= shown.size() * 8 / 10);
  // After the body, which is unchanged and not read twice.
  REQUIRE(page.blocks.size() > body_blocks);
  for (size_t i = 0; i < body_blocks; ++i)
    CHECK(page.blocks[i].region != RegionKind::kImage);
  CHECK(read.count("secretariat") == 0);
  CHECK(page.ocr_confidence > 70);

  // The same page with no text layer reads only the picture's region.
  testing::WriteFile(path, PdfWithImage({}, img, {72, 320, 540, 583}));
  auto scan = ex->Extract(path, SourceKind::kPdf);
  REQUIRE(scan.ok());
  REQUIRE(Extractor::PagesNeedingOcr(*scan) == std::vector<int>{1});
  REQUIRE(ex->OcrPages(path, {1}, *ocr, "eng", &*scan).ok());
  std::set<std::string> scanned;
  for (const Block& b : scan->pages[0].blocks) {
    CHECK(b.box.y0 >= 315);  // nothing outside the picture
    for (const Line& l : b.lines) {
      std::istringstream in(l.text);
      for (std::string w; in >> w;) scanned.insert(w);
    }
  }
  found = 0;
  for (const std::string& w : shown) found += scanned.count(w);
  CHECK(found >= shown.size() * 8 / 10);
}

}  // namespace planmine
