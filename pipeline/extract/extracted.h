// The extract stage's output: a document as pages of text blocks in reading
// order, each block keeping the page's coordinates (points, origin top-left).
#ifndef PLANMINE_EXTRACT_EXTRACTED_H_
#define PLANMINE_EXTRACT_EXTRACTED_H_

#include <cstdint>
#include <string>
#include <vector>

namespace planmine {

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
  void Extend(const Box& o);
};

// One word as the PDF's text layer gives it.
struct Word {
  std::string text;  // UTF-8
  Box box;
  double font_size = 0;
  int rotation = 0;  // 0: horizontal; 1..3: 90°, 180°, 270°
  // Poppler's judgement that a space follows; false inside words it split
  // into several boxes (letter-spaced or justified text: "infor" "mación").
  bool space_after = true;
  // Position in the page's content stream (the order the PDF draws text);
  // -1 when unknown. Layout orders by geometry and uses this as a second
  // opinion.
  int stream_pos = -1;
  // Typography from the font (flags or name) and Poppler's underline test.
  bool bold = false, italic = false, underline = false;
  // The typeface's family, weight and style aside (FamilyKey), hashed; 0
  // when unknown (OCR, a font without a name).
  uint32_t family = 0;
};

// A run of words on one baseline, not crossing a column gutter.
struct Line {
  std::string text;  // words joined by single spaces
  Box box;
  double font_size = 0;
  int stream_pos = -1;  // smallest stream position of its words
  // Most of its characters are bold / italic / underlined.
  bool bold = false, italic = false, underline = false;
  // Bytes of `text` from its start set in bold or underlined words (a
  // run-in title: "Opening up Data. The government will…").
  size_t lead_emphasis = 0;
  size_t lead_bold = 0, lead_underline = 0;  // the two runs it is made of
  // Every word's Word::family when they share one, else 0.
  uint32_t family = 0;
};

// What the layout stage decided a block's region is (docs/layout.md).
enum class RegionKind {
  kText,      // one column, or the page's only flow
  kColumn,    // one of several columns side by side
  kBand,      // a full-width line between column sections
  kTable,     // a table cell (row and col set)
  kInset,     // a box, sidebar or pull quote read after its surroundings
  kFootnote,  // small type below the body, read at the end of the page
  kImage,     // words OCR read in an image of a page with a text layer,
              // read after the page's body (Extractor::OcrImages)
};
const char* RegionKindName(RegionKind k);

// Consecutive lines of one paragraph, heading or list item.
struct Block {
  std::vector<Line> lines;
  Box box;
  double font_size = 0;
  bool heading = false;    // the font is clearly larger than the page body
  bool list_item = false;  // starts with a bullet or "1." / "a)"
  bool bold = false, italic = false, underline = false;  // every line is
  // Words at the block's start set in bold or underlined type (its run-in
  // title), counted as the words of its lines joined by spaces.
  int lead_emphasis_words = 0;
  RegionKind region = RegionKind::kText;
  int row = -1, col = -1;  // table cells: 0-based row and column
};

// A layout decision, kept for debugging (`extract --debug-layout`): a
// region's box and kind, or a column edge ("edge": the free strip).
struct LayoutMark {
  std::string kind;
  Box box;
};

// A label and its value side by side: a row of a commitment template table
// ("Fecha de inicio | 1 de julio de 2021").
struct Field {
  std::string key, value;
  Box box;
};

enum class TextSource { kTextLayer, kPlainText, kOcr, kNone };
const char* TextSourceName(TextSource s);
// The inverse of TextSourceName; kNone for a name it does not know.
TextSource TextSourceFromName(const std::string& name);

struct Page {
  int number = 0;  // 1-based
  double width = 0, height = 0;
  std::vector<Block> blocks;  // body, in reading order
  // Running headers/footers, page numbers, rotated labels.
  std::vector<std::string> furniture;
  std::vector<Field> fields;       // key-value rows of tables, in reading order
  std::vector<LayoutMark> layout;  // column edges and regions, for debugging
  TextSource source = TextSource::kNone;
  int word_count = 0;  // words in the text layer, furniture included
  // Text-layer quality: "ok"; "empty" (no text layer: an image or a blank
  // page); "garbled" (most characters unmapped: U+FFFD, controls, or a font
  // whose glyphs all sit in the private-use area). The last two go to OCR.
  std::string quality = "ok";
  double ocr_confidence = -1;  // Tesseract's mean word confidence, when OCR'd
};

struct DocumentInfo {
  std::string title, author, subject, creator, producer;
  std::string created, modified;  // ISO 8601 (UTC) or empty
};

struct ExtractedDocument {
  DocumentInfo info;
  int page_count =
      0;  // pages in the file (may exceed pages.size() when capped)
  std::vector<Page> pages;
  std::vector<std::string>
      warnings;  // e.g. "page cap reached: 5000 of 7312 pages read"
};

}  // namespace planmine

#endif  // PLANMINE_EXTRACT_EXTRACTED_H_
