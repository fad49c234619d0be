#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <cstdlib>
#include <map>
#include <memory>

#include "pipeline/core/utf8.h"
#include "pipeline/ocr/ocr_engine.h"

namespace planmine {
namespace {

class TesseractEngine : public OcrEngine {
 public:
  Result<OcrResult> Recognize(const GrayImage& image,
                              const std::string& languages) override {
    if (image.width <= 0 || image.height <= 0)
      return InvalidArgument("empty page image");
    tesseract::TessBaseAPI* api = ApiFor(languages);
    if (!api)
      return Unsupported("Tesseract cannot load language data '" + languages +
                         "'");
    api->SetImage(image.pixels.data(), image.width, image.height, 1,
                  image.bytes_per_line);
    api->SetSourceResolution(image.dpi);
    if (api->Recognize(nullptr) != 0)
      return Internal("Tesseract failed to recognize the page");
    OcrResult out;
    std::unique_ptr<tesseract::ResultIterator> it(api->GetIterator());
    double conf_sum = 0;
    if (it) {
      do {
        std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
        if (!text) continue;
        int l, t, r, b;
        if (!it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b)) continue;
        Word w;
        w.text = SanitizeUtf8(text.get());
        if (TrimAscii(w.text).empty()) continue;
        w.box = {double(l), double(t), double(r), double(b)};
        w.font_size = b - t;
        float c = it->Confidence(tesseract::RIL_WORD);
        conf_sum += c;
        out.words.push_back(std::move(w));
        out.confidences.push_back(c);
      } while (it->Next(tesseract::RIL_WORD));
    }
    api->Clear();
    out.mean_confidence = out.words.empty() ? 0 : conf_sum / out.words.size();
    return out;
  }

  std::string Name() const override {
    return std::string("tesseract ") + tesseract::TessBaseAPI::Version();
  }

 private:
  // One initialized API per language set: Init costs more than a page.
  tesseract::TessBaseAPI* ApiFor(const std::string& languages) {
    auto it = apis_.find(languages);
    if (it != apis_.end()) return it->second.get();
    auto api = std::make_unique<tesseract::TessBaseAPI>();
    api->SetVariable("debug_file", "/dev/null");
    if (api->Init(nullptr, languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0)
      return nullptr;
    api->SetPageSegMode(tesseract::PSM_AUTO);
    tesseract::TessBaseAPI* raw = api.get();
    apis_[languages] = std::move(api);
    return raw;
  }

  std::map<std::string, std::unique_ptr<tesseract::TessBaseAPI>> apis_;
};

}  // namespace

std::unique_ptr<OcrEngine> OcrEngine::Tesseract(std::string* why) {
  // Language data is loaded on first use, not here: probing it costs 0.4 s
  // per process, and most runs OCR nothing. A missing model then becomes a
  // per-page warning ("OCR failed: Tesseract cannot load language data").
  (void)why;
  return std::make_unique<TesseractEngine>();
}

std::string TesseractLanguages(const std::string& language) {
  if (language == "es") return "spa";
  if (language == "pt") return "por";
  if (language == "en") return "eng";
  return "spa+por+eng";
}

}  // namespace planmine
