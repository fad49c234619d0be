#include "pipeline/extract/ocr_regions.h"

#include <poppler/GfxState.h>
#include <poppler/OutputDev.h>
#include <poppler/PDFDoc.h>

#include <algorithm>
#include <cmath>

namespace planmine {

double PageImage::Ppi() const {
  double w = box.width() / 72.0, h = box.height() / 72.0;
  double x = w > 0 ? width_px / w : 0, y = h > 0 ? height_px / h : 0;
  return std::max(x, y);
}

namespace {

// Records where images are drawn and counts the other shapes drawn; draws
// nothing. Shadings and tiling patterns are declared handled so that Poppler
// does not break them into thousands of small fills.
class GraphicsCollector : public OutputDev {
 public:
  bool upsideDown() override { return true; }
  bool useDrawChar() override { return false; }
  bool interpretType3Chars() override { return false; }
  bool needNonText() override { return true; }
  bool useTilingPatternFill() override { return true; }
  bool useShadedFills(int) override { return true; }

  void startPage(int, GfxState* state, XRef*) override {
    if (state) {
      page_w_ = state->getPageWidth();
      page_h_ = state->getPageHeight();
    }
  }

  bool tilingPatternFill(GfxState*, Gfx*, Catalog*, GfxTilingPattern*,
                         const double*, int, int, int, int, double,
                         double) override {
    return true;
  }
  bool functionShadedFill(GfxState*, GfxFunctionShading*) override {
    return true;
  }
  bool axialShadedFill(GfxState*, GfxAxialShading*, double, double) override {
    return true;
  }
  bool radialShadedFill(GfxState*, GfxRadialShading*, double, double) override {
    return true;
  }
  bool gouraudTriangleShadedFill(GfxState*,
                                 GfxGouraudTriangleShading*) override {
    return true;
  }
  bool patchMeshShadedFill(GfxState*, GfxPatchMeshShading*) override {
    return true;
  }

  void fill(GfxState* state) override { Shape(state); }
  void eoFill(GfxState* state) override { Shape(state); }
  void stroke(GfxState* state) override { Shape(state); }

  void drawImageMask(GfxState* state, Object* ref, Stream* str, int width,
                     int height, bool invert, bool interpolate,
                     bool inline_img) override {
    Image(state, width, height);
    OutputDev::drawImageMask(state, ref, str, width, height, invert,
                             interpolate, inline_img);
  }
  void drawImage(GfxState* state, Object* ref, Stream* str, int width,
                 int height, GfxImageColorMap* color_map, bool interpolate,
                 const int* mask_colors, bool inline_img) override {
    Image(state, width, height);
    OutputDev::drawImage(state, ref, str, width, height, color_map, interpolate,
                         mask_colors, inline_img);
  }
  void drawMaskedImage(GfxState* state, Object*, Stream*, int width, int height,
                       GfxImageColorMap*, bool, Stream*, int, int, bool,
                       bool) override {
    Image(state, width, height);
  }
  void drawSoftMaskedImage(GfxState* state, Object*, Stream*, int width,
                           int height, GfxImageColorMap*, bool, Stream*, int,
                           int, GfxImageColorMap*, bool) override {
    Image(state, width, height);
  }

  PageGraphics Take() {
    // Shapes inside an image are part of the picture.
    for (const Box& s : shapes_) {
      bool inside = false;
      for (const PageImage& i : out_.images)
        inside = inside || (s.x0 >= i.box.x0 - 1 && s.x1 <= i.box.x1 + 1 &&
                            s.y0 >= i.box.y0 - 1 && s.y1 <= i.box.y1 + 1);
      out_.shapes += !inside;
    }
    shapes_.clear();
    return std::move(out_);
  }

 private:
  static constexpr size_t kMaxItems = 4000;

  // Extends *box (empty while *first) by the user-space point (x, y) in
  // page coordinates; false when the point is not finite.
  static bool Grow(GfxState* state, double x, double y, Box* box, bool* first) {
    double dx, dy;
    state->transform(x, y, &dx, &dy);
    if (!std::isfinite(dx) || !std::isfinite(dy)) return false;
    const Box p{dx, dy, dx, dy};
    if (*first)
      *box = p;
    else
      box->Extend(p);
    *first = false;
    return true;
  }

  void Image(GfxState* state, int width, int height) {
    if (out_.images.size() >= kMaxItems || width <= 0 || height <= 0) return;
    Box b;
    bool first = true;
    for (auto [x, y] :
         {std::pair{0.0, 0.0}, {1.0, 0.0}, {0.0, 1.0}, {1.0, 1.0}})
      if (!Grow(state, x, y, &b, &first)) return;
    out_.images.push_back({b, width, height});
  }

  // A path filled or stroked that is not the page's background (half the
  // page or more): vector art or text set as outlines, which only a render
  // of the whole page shows.
  void Shape(GfxState* state) {
    const GfxPath* path = state->getPath();
    if (!path || shapes_.size() >= kMaxItems) return;
    Box bb;
    bool first = true;
    for (int i = 0; i < path->getNumSubpaths(); ++i) {
      const GfxSubpath* sp = path->getSubpath(i);
      for (int k = 0; k < sp->getNumPoints(); ++k)
        if (!Grow(state, sp->getX(k), sp->getY(k), &bb, &first)) return;
    }
    if (first || bb.width() * bb.height() >= 0.5 * page_w_ * page_h_) return;
    shapes_.push_back(bb);
  }

  double page_w_ = 612, page_h_ = 792;
  PageGraphics out_;
  std::vector<Box> shapes_;
};

double Area(const Box& b) {
  return std::max(0.0, b.width()) * std::max(0.0, b.height());
}

Box Intersect(const Box& a, const Box& b) {
  return {std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1),
          std::min(a.y1, b.y1)};
}

// The median font size of the page's text lines; 0 when it has none.
double BodySize(const Page& page) {
  std::vector<double> sizes;
  for (const Block& b : page.blocks)
    for (const Line& l : b.lines)
      if (l.font_size > 0) sizes.push_back(l.font_size);
  if (sizes.empty()) return 0;
  std::nth_element(sizes.begin(), sizes.begin() + sizes.size() / 2,
                   sizes.end());
  return sizes[sizes.size() / 2];
}

// Overlapping images as one region each (an image and the frame or mask
// drawn over it), with the larger resolution.
std::vector<PageImage> MergeOverlapping(std::vector<PageImage> images) {
  bool merged = true;
  while (merged) {
    merged = false;
    for (size_t i = 0; i < images.size() && !merged; ++i)
      for (size_t j = i + 1; j < images.size() && !merged; ++j) {
        if (Area(Intersect(images[i].box, images[j].box)) <= 0) continue;
        const double ppi = std::max(images[i].Ppi(), images[j].Ppi());
        images[i].box.Extend(images[j].box);
        // Keep the larger resolution over the union.
        images[i].width_px =
            static_cast<int>(std::ceil(ppi * images[i].box.width() / 72));
        images[i].height_px =
            static_cast<int>(std::ceil(ppi * images[i].box.height() / 72));
        images.erase(images.begin() + j);
        merged = true;
      }
  }
  return images;
}

int DpiFor(const PageImage& image, int max_dpi, int max_pixels) {
  double dpi = std::clamp(image.Ppi(), double(kMinDpi), double(max_dpi));
  const double longest_in =
      std::max(image.box.width(), image.box.height()) / 72.0;
  if (longest_in > 0 && longest_in * dpi > max_pixels)
    dpi = std::max(72.0, max_pixels / longest_in);
  return static_cast<int>(dpi);
}

}  // namespace

PageGraphics CollectPageGraphics(PDFDoc* doc, int page) {
  GraphicsCollector dev;
  doc->displayPage(&dev, page, 72, 72, 0, /*useMediaBox=*/false,
                   /*crop=*/false, /*printing=*/false);
  return dev.Take();
}

std::vector<OcrRegion> PlanOcrRegions(const Page& page,
                                      const PageGraphics& graphics,
                                      bool needs_page_ocr,
                                      const OcrRegionLimits& limits) {
  const Box sheet{0, 0, page.width, page.height};
  std::vector<OcrRegion> out;
  auto whole_page = [&] {
    int dpi = limits.max_dpi;
    const double longest_in = std::max(page.width, page.height) / 72.0;
    if (longest_in > 0 && longest_in * dpi > limits.max_pixels)
      dpi = std::max(72, static_cast<int>(limits.max_pixels / longest_in));
    return std::vector<OcrRegion>{{sheet, dpi, true}};
  };
  // Anything drawn beside the images (text as outlines, vector art) or no
  // image at all: only the whole page holds what is to be read.
  // A garbled text layer: the glyphs are there, in fonts that do not say
  // which letters they are.
  if (needs_page_ocr && (page.quality == "garbled" || graphics.images.empty() ||
                         graphics.shapes > 0))
    return whole_page();
  const double body = BodySize(page);
  const double em = body > 0 ? body : 10;
  // A page without a text layer reads any image a line of type could fit
  // in; a page with one, images at least two lines tall.
  const double min_h = needs_page_ocr ? em : 2 * em, min_w = 4 * em;
  for (PageImage image : MergeOverlapping(graphics.images)) {
    image.box = Intersect(image.box, sheet);
    if (image.box.width() < min_w || image.box.height() < min_h) continue;
    if (!needs_page_ocr) {
      // Text set over the picture (two lines of it, or a fifth of its
      // area): a background, whose words the text layer already gives.
      double covered = 0;
      int inside = 0;
      for (const Block& b : page.blocks)
        for (const Line& l : b.lines) {
          covered += Area(Intersect(l.box, image.box));
          const double cx = (l.box.x0 + l.box.x1) / 2;
          const double cy = (l.box.y0 + l.box.y1) / 2;
          inside += cx > image.box.x0 && cx < image.box.x1 &&
                    cy > image.box.y0 && cy < image.box.y1;
        }
      if (inside >= 2 || covered >= 0.2 * Area(image.box)) continue;
    }
    out.push_back(
        {image.box, DpiFor(image, limits.max_dpi, limits.max_pixels), false});
    if (static_cast<int>(out.size()) >= limits.max_regions) break;
  }
  if (!needs_page_ocr) return out;
  // Images that make up most of the page (a slide built of pictures) are
  // read together: apart, each loses the lines that run across the others.
  double area = 0;
  for (const OcrRegion& r : out) area += Area(r.box);
  if (out.empty() || area >= 0.5 * Area(sheet)) return whole_page();
  return out;
}

int DpiForGlyphs(double median_px, int dpi, const Box& box, int max_pixels) {
  if (median_px <= 0 || median_px >= kSmallGlyphPx) return dpi;
  double want = std::min(2.0 * dpi, dpi * kGoodGlyphPx / median_px);
  const double longest_in = std::max(box.width(), box.height()) / 72.0;
  if (longest_in > 0) want = std::min(want, max_pixels / longest_in);
  // A reading a quarter finer or less is not worth a second pass.
  return want >= 1.25 * dpi ? static_cast<int>(want + 1e-6) : dpi;
}

}  // namespace planmine
