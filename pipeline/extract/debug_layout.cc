#include "pipeline/extract/debug_layout.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

namespace planmine {
namespace {

struct Rgb {
  unsigned char r, g, b;
};

Rgb ColourOf(const std::string& kind) {
  if (kind == "column") return {0, 90, 220};
  if (kind == "band") return {230, 120, 0};
  if (kind == "table") return {0, 160, 60};
  if (kind == "inset") return {200, 0, 200};
  if (kind == "footnote") return {120, 120, 120};
  if (kind == "image") return {0, 160, 160};
  if (kind == "edge") return {255, 0, 0};
  if (kind == "rule") return {0, 200, 200};
  if (kind == "fill") return {240, 200, 0};
  if (kind == "mark") return {160, 0, 0};
  return {20, 20, 20};  // text
}

// Draws the outline of `b` (points) into an ARGB32 image at `scale`
// pixels per point; a column edge is filled, half transparent.
void Draw(poppler::image* img, const Box& b, double scale, Rgb c, bool fill) {
  int w = img->width(), h = img->height();
  auto clampx = [&](double v) {
    return std::max(0, std::min(w - 1, static_cast<int>(v * scale)));
  };
  auto clampy = [&](double v) {
    return std::max(0, std::min(h - 1, static_cast<int>(v * scale)));
  };
  int x0 = clampx(b.x0), x1 = clampx(b.x1), y0 = clampy(b.y0),
      y1 = clampy(b.y1);
  char* data = img->data();
  auto put = [&](int x, int y) {
    unsigned char* px = reinterpret_cast<unsigned char*>(
        data + static_cast<size_t>(y) * img->bytes_per_row() + x * 4);
    if (fill) {
      px[0] = (px[0] + c.b) / 2;
      px[1] = (px[1] + c.g) / 2;
      px[2] = (px[2] + c.r) / 2;
    } else {
      px[0] = c.b;
      px[1] = c.g;
      px[2] = c.r;
    }
    px[3] = 255;
  };
  if (fill) {
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) put(x, y);
    return;
  }
  for (int t = 0; t < 2; ++t) {
    for (int x = x0; x <= x1; ++x) {
      put(x, std::min(h - 1, y0 + t));
      put(x, std::max(0, y1 - t));
    }
    for (int y = y0; y <= y1; ++y) {
      put(std::min(w - 1, x0 + t), y);
      put(std::max(0, x1 - t), y);
    }
  }
}

}  // namespace

Status WriteLayoutDebug(const std::string& pdf, const ExtractedDocument& doc,
                        const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return IoError(dir + ": cannot create: " + ec.message());
  std::unique_ptr<poppler::document> d(poppler::document::load_from_file(pdf));
  if (!d || d->is_locked()) return DataLoss(pdf + ": cannot open to render");
  const double dpi = 100, scale = dpi / 72.0;
  for (const Page& page : doc.pages) {
    std::string stem = dir + "/page-" + std::to_string(page.number);
    std::ofstream txt(stem + ".txt");
    int n = 0;
    for (const Block& b : page.blocks) {
      std::string text;
      for (const Line& l : b.lines) text += (text.empty() ? "" : " ") + l.text;
      if (text.size() > 70) text = text.substr(0, 70) + "…";
      char head[160];
      snprintf(head, sizeof head,
               "%3d %-8s r%d c%d %s%s [%.0f %.0f %.0f %.0f] ", ++n,
               RegionKindName(b.region), b.row, b.col, b.bold ? "B" : "-",
               b.italic ? "I" : "-", b.box.x0, b.box.y0, b.box.x1, b.box.y1);
      txt << head << text << "\n";
    }
    for (const LayoutMark& m : page.layout)
      if (m.kind == "edge" || m.kind == "fill" || m.kind == "mark")
        txt << m.kind << " [" << m.box.x0 << " " << m.box.y0 << " " << m.box.x1
            << " " << m.box.y1 << "]\n";
    std::unique_ptr<poppler::page> p(d->create_page(page.number - 1));
    if (!p) continue;
    poppler::page_renderer r;
    r.set_image_format(poppler::image::format_argb32);
    poppler::image img = r.render_page(p.get(), dpi, dpi);
    if (!img.is_valid()) continue;
    for (const LayoutMark& m : page.layout)
      Draw(&img, m.box, scale, ColourOf(m.kind), m.kind == "edge");
    if (!img.save(stem + ".png", "png"))
      return IoError(stem + ".png: cannot write");
  }
  return Status();
}

}  // namespace planmine
