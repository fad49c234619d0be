// Small synthetic documents for the classifier's tests: pages of blocks
// with their type size, weight and place, as the layout stage gives them.
//
//   DocBuilder d("es");
//   d.Page().Block("GUÍA PARA MUNICIPIOS", 30, true, 100).Body(11, 300);
//   IndexedDocument doc = d.Build();
#ifndef PLANMINE_CLASSIFY_TEST_DOCUMENTS_H_
#define PLANMINE_CLASSIFY_TEST_DOCUMENTS_H_

#include <string>
#include <vector>

#include "extractors/pattern_pack.h"
#include "pipeline/classify/signals.h"
#include "pipeline/load/indexed_document.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine::testing {

// The shipped genre and title packs.
inline const Signals& ShippedSignals() {
  static const Signals* signals = [] {
    auto packs = LoadPackDir(PacksDir());
    REQUIRE(packs.ok());
    std::vector<PatternPack> mine;
    for (PatternPack& p : *packs)
      if (Signals::IsSignalPack(p)) mine.push_back(std::move(p));
    auto s = Signals::Create(std::move(mine));
    REQUIRE(s.ok());
    return new Signals(std::move(*s));
  }();
  return *signals;
}

class DocBuilder {
 public:
  explicit DocBuilder(std::string language, std::string path = "doc.pdf") {
    doc_.language.code = std::move(language);
    doc_.file.path = std::move(path);
  }

  // A new page, portrait A4 unless given.
  DocBuilder& Page(double width = 595, double height = 842) {
    NormalizedPage p;
    p.number = static_cast<int>(doc_.text.pages.size()) + 1;
    p.width = width;
    p.height = height;
    doc_.text.pages.push_back(std::move(p));
    return *this;
  }
  // A block of `text` at the left margin, `y` points from the top, one
  // line per 80 characters.
  DocBuilder& Block(const std::string& text, double size, bool bold, double y,
                    double x = 72) {
    NormalizedPage& p = doc_.text.pages.back();
    if (!p.text.empty()) p.text += "\n\n";
    NormalizedBlock b = NormalizedBlock::Span(
        p.text.size(), p.text.size() + text.size(), false, doc_.language.code);
    p.text += text;
    b.font_size = size;
    b.bold = bold;
    const double lines = 1 + static_cast<double>(text.size()) / 80;
    b.box = {x, y, x + std::min<double>(450, text.size() * size * 0.5),
             y + lines * size * 1.2};
    p.blocks.push_back(b);
    for (char c : text) p.word_count += c == ' ';
    ++p.word_count;
    return *this;
  }
  // Marks the last block a heading (larger type, or Markdown's "#").
  DocBuilder& Heading() {
    doc_.text.pages.back().blocks.back().heading = true;
    return *this;
  }
  // `n` paragraphs of body text in `size`, from `y` down.
  DocBuilder& Body(double size, double y, int n = 3) {
    for (int i = 0; i < n; ++i)
      Block(
          "Este documento presenta el trabajo realizado durante el año por "
          "las entidades y organizaciones que participaron en el proceso de "
          "gobierno abierto, con sus resultados y los pasos siguientes.",
          size, false, y + i * 80);
    return *this;
  }
  DocBuilder& Furniture(const std::string& line) {
    doc_.text.pages.back().furniture.push_back(line);
    return *this;
  }
  DocBuilder& MetadataTitle(const std::string& title) {
    doc_.info.title = title;
    return *this;
  }
  DocBuilder& Title(const std::string& title) {
    doc_.title = {title, "cover"};
    return *this;
  }
  // `n` commitments of the kind a segmentation strategy finds.
  DocBuilder& Units(int n, CommitmentKind kind = CommitmentKind::kHeading) {
    for (int i = 0; i < n; ++i) {
      Commitment c;
      c.kind = kind;
      c.number = std::to_string(i + 1);
      doc_.findings.commitments.push_back(c);
    }
    return *this;
  }
  IndexedDocument Build() const { return doc_; }

 private:
  IndexedDocument doc_;
};

}  // namespace planmine::testing

#endif  // PLANMINE_CLASSIFY_TEST_DOCUMENTS_H_
