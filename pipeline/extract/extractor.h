// extract: a file on disk -> ExtractedDocument (pages of blocks in reading
// order).
//
// PDFs go through Poppler's C++ API (the only place planmine meets Poppler):
// positioned words per page, rebuilt by layout.h. Plain-text files (.txt, .md)
// become one page per form feed, one block per paragraph.
//
// Failures are per file and say why: "x.pdf: not a PDF (starts with JPEG
// image data)", "x.pdf: encrypted: a user password is required",
// "x.pdf: damaged PDF: cannot be parsed (Poppler: ...)", "x.pdf: empty file".
// The extractor is immutable after Create and may be shared across threads.
#ifndef PLANMINE_EXTRACT_EXTRACTOR_H_
#define PLANMINE_EXTRACT_EXTRACTOR_H_

#include <string>

#include "pipeline/core/status.h"
#include "pipeline/discover/discover.h"
#include "pipeline/extract/extracted.h"

namespace planmine {

class OcrEngine;

struct ExtractOptions {
  int max_pages = 5000;  // pages beyond this are not read (a warning says so)
  uint64_t max_file_bytes = 1ull << 30;  // larger files are refused
  // PDFs up to this size are read into memory once and parsed from there
  // (Poppler reading a file itself makes one system call per 256 bytes);
  // larger ones are read by Poppler from disk, so that memory stays bounded.
  uint64_t max_in_memory_bytes = 64ull << 20;
  int ocr_dpi = 300;          // resolution of page images for OCR
  int ocr_max_pixels = 4200;  // longest side; big pages get a lower dpi
  // OcrImages reads the images of text-layer pages (`--ocr images`); off,
  // it does nothing. At most this many images per document.
  bool ocr_images = false;
  int ocr_max_image_regions = 200;
  bool layout_marks = false;  // keep Page::layout (column edges, regions)
};

class Extractor {
 public:
  static constexpr const char* kVersion = "extract-18";

  static Result<Extractor> Create(const ExtractOptions& options);

  Result<ExtractedDocument> Extract(const std::string& path,
                                    SourceKind kind) const;

  // Numbers (1-based) of the pages whose text layer is empty or garbled.
  static std::vector<int> PagesNeedingOcr(const ExtractedDocument& doc);

  // Recognizes `pages` of the PDF with `engine` in `languages` (Tesseract
  // codes) and replaces their blocks: only their images when the text can
  // be nowhere else, else the whole page, each at the resolution its
  // glyphs need (ocr_regions.h). A page that already has a good text layer
  // is never passed here, so no text is duplicated. Per-page failures become
  // warnings.
  Status OcrPages(const std::string& path, const std::vector<int>& pages,
                  OcrEngine& engine, const std::string& languages,
                  ExtractedDocument* doc) const;

  // With options.ocr_images, reads the images of the pages that have a text
  // layer (a screenshot, a
  // poster, a figure with words) and appends the words found in them, and
  // in none of the text layer's lines, as blocks of region kImage after the
  // page's body. Sure words only: a photograph adds nothing. At most
  // options.ocr_max_image_regions images per document (a warning says when
  // the cap is reached); failures become warnings.
  Status OcrImages(const std::string& path, OcrEngine& engine,
                   const std::string& languages, ExtractedDocument* doc) const;

 private:
  explicit Extractor(const ExtractOptions& o) : options_(o) {}
  Result<ExtractedDocument> ExtractPdf(const std::string& path) const;
  Result<ExtractedDocument> ExtractText(const std::string& path) const;

  ExtractOptions options_;
};

// Names what the first bytes of a file look like when it is not a PDF
// ("JPEG image data", "PNG image", "ZIP archive", "HTML", "text"); empty when
// the bytes carry a PDF header. Exposed for tests.
std::string SniffNonPdf(const std::string& head);

}  // namespace planmine

#endif  // PLANMINE_EXTRACT_EXTRACTOR_H_
