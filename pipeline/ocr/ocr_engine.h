// ocr: text from page images, for pages whose text layer is empty or garbled.
//
// OcrEngine is an interface because a second implementation really exists:
// Tesseract (the only place planmine meets it) and "none" (a build or machine
// without Tesseract, or --ocr off). Words come back in the image's pixels;
// the caller converts them to points.
//
//   auto ocr = OcrEngine::Tesseract();          // null when not available
//   Result<OcrResult> r = ocr->Recognize(image, "spa");
#ifndef PLANMINE_OCR_OCR_ENGINE_H_
#define PLANMINE_OCR_OCR_ENGINE_H_

#include <memory>
#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/extract/extracted.h"

namespace planmine {

// An 8-bit grey image, rows top to bottom.
struct GrayImage {
  int width = 0, height = 0, bytes_per_line = 0;
  int dpi = 300;
  std::vector<unsigned char> pixels;
};

struct OcrResult {
  std::vector<Word> words;         // boxes in pixels of the image
  std::vector<float> confidences;  // 0..100, one per word
  double mean_confidence = 0;      // 0..100, over words
};

class OcrEngine {
 public:
  virtual ~OcrEngine() = default;
  // `languages` in Tesseract's form: "spa", "por", "eng", "spa+eng".
  virtual Result<OcrResult> Recognize(const GrayImage& image,
                                      const std::string& languages) = 0;
  virtual std::string Name() const = 0;

  // Tesseract. Its language data (spa, por, eng) is loaded lazily on the
  // first page; if it is missing, Recognize() says so. Null only if a build
  // lacks the library (then *why says so).
  static std::unique_ptr<OcrEngine> Tesseract(std::string* why);
};

// Tesseract's language code for planmine's ("es" -> "spa"); the three
// together when the language is unknown.
std::string TesseractLanguages(const std::string& language);

}  // namespace planmine

#endif  // PLANMINE_OCR_OCR_ENGINE_H_
