// ocr_regions: what of a page OCR reads, and at what resolution.
//
// A page image is rendered and recognized only where there can be text that
// the text layer does not give:
//   a page with no usable text layer  its images, each at the resolution it
//                                     was scanned at, when nothing else is
//                                     drawn on it (a scan, a poster); else,
//                                     or when the images make up half the
//                                     page, the whole page;
//   a page with a text layer          its images that the text layer does
//                                     not cover (a screenshot, a poster, a
//                                     figure with words), read after the
//                                     body as blocks of region "image".
// The images and shapes come from one pass of Poppler over the page
// (CollectPageGraphics); the plan itself (PlanOcrRegions) is a pure
// function of them, the page's text lines and the options.
//
// Resolution: an image carries its own, its pixels over its size on the page
// (a 96 ppi poster rendered at 300 dpi gives Tesseract nine times the pixels
// and no more detail). The render is clamped to [kMinDpi, options' dpi]; when
// the words read are small for Tesseract (median height under
// kSmallGlyphPx), the region is read once more at the resolution that brings
// them to kGoodGlyphPx, and the better-confidence reading is kept.
#ifndef PLANMINE_EXTRACT_OCR_REGIONS_H_
#define PLANMINE_EXTRACT_OCR_REGIONS_H_

#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/extract/extracted.h"

class PDFDoc;

namespace planmine {

// An image drawn on a page: its box (page points, origin top-left, as the
// words') and its size in pixels.
struct PageImage {
  Box box;
  int width_px = 0, height_px = 0;
  // Pixels per inch on the page: the larger of the two directions.
  double Ppi() const;
};

struct PageGraphics {
  std::vector<PageImage> images;
  // Paths filled or stroked outside every image, page backgrounds aside:
  // on a page without a text layer, text drawn as outlines or vector art.
  int shapes = 0;
};

// One region to render and recognize.
struct OcrRegion {
  Box box;      // page points
  int dpi = 0;  // first reading
  bool whole_page = false;
};

struct OcrRegionLimits {
  int max_dpi = 300;      // ExtractOptions::ocr_dpi
  int max_pixels = 4200;  // longest side of one render
  int max_regions = 24;   // per page (a page of hostile art is not
                          // read image by image)
};

inline constexpr int kMinDpi = 150;
inline constexpr double kSmallGlyphPx = 18;
inline constexpr double kGoodGlyphPx = 28;

// The images and other shapes of `page` (1-based) of `doc`. Bounded:
// at most a few thousand of each are kept.
PageGraphics CollectPageGraphics(PDFDoc* doc, int page);

// The regions of `page` to read. `needs_page_ocr`: the page has no usable
// text layer (Extractor::PagesNeedingOcr). For a page with a text layer,
// an image is read when it is at least two lines of the page's body type
// tall and four wide, and the text layer sets at most one line over it and
// covers under a fifth of it (else it is a background).
std::vector<OcrRegion> PlanOcrRegions(const Page& page,
                                      const PageGraphics& graphics,
                                      bool needs_page_ocr,
                                      const OcrRegionLimits& limits);

// The resolution that brings words whose median height is `median_px` at
// `dpi` to kGoodGlyphPx, within [dpi, 2 * dpi] and the pixel limit for a
// region of `box`; `dpi` itself when the words are not small or when the
// limit allows less than a quarter more.
int DpiForGlyphs(double median_px, int dpi, const Box& box, int max_pixels);

}  // namespace planmine

#endif  // PLANMINE_EXTRACT_OCR_REGIONS_H_
