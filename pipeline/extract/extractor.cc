#include "pipeline/extract/extractor.h"

#include <poppler/GfxState.h>
#include <poppler/PDFDoc.h>
#include <poppler/Page.h>
#include <poppler/Stream.h>
#include <poppler/TextOutputDev.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include "pipeline/core/text_decode.h"
#include "pipeline/core/user_file.h"
#include "pipeline/core/utf8.h"
#include "pipeline/extract/font_weight.h"
#include "pipeline/extract/layout.h"
#include "pipeline/extract/ocr_regions.h"
#include "pipeline/ocr/ocr_engine.h"

namespace planmine {
namespace {

// Poppler reports problems through a global callback; keep the last message
// per thread so that an error can quote it.
thread_local std::string g_poppler_last_error;
thread_local int g_poppler_error_count = 0;

void PopplerDebug(const std::string& msg, void*) {
  g_poppler_last_error = msg;
  ++g_poppler_error_count;
}

void InstallPopplerHandler() {
  static std::once_flag once;
  std::call_once(
      once, [] { poppler::set_debug_error_function(&PopplerDebug, nullptr); });
}

std::string ToUtf8(const poppler::ustring& u) {
  poppler::byte_array b = u.to_utf8();
  return SanitizeUtf8(std::string_view(b.data(), b.size()));
}

std::string IsoTime(time_t t) {
  if (t <= 0 || t == static_cast<time_t>(-1)) return "";
  struct tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Up to `n` bytes from where `f` is.
Result<std::string> ReadUpTo(UserFile& f, size_t n, const std::string& path) {
  std::string out(n, '\0');
  size_t have = 0;
  while (have < n) {
    auto got = f.Read(out.data() + have, n - have, path);
    if (!got.ok()) return got.status();
    if (*got == 0) break;
    have += *got;
  }
  out.resize(have);
  return out;
}

Result<std::string> ReadHead(const std::string& path, size_t n) {
  auto f = OpenUserFile(path, kMaxUserFileBytes);
  if (!f.ok()) return f.status();
  return ReadUpTo(*f, n, path);
}

// The whole file if it is at most `in_memory` bytes, else "". Poppler's
// FileStream refills a 256-byte buffer with one pread each (31,000 system
// calls for the 363 pages of ../shared/corpus-real-2), and poppler-cpp and
// the core document would each read the file again. (poppler-cpp takes the
// length as an int.)
Result<std::string> ReadSmallFile(const std::string& path, uint64_t max_bytes,
                                  uint64_t in_memory) {
  auto f = OpenUserFile(path, max_bytes);
  if (!f.ok()) return f.status();
  if (f->size() > std::min<uint64_t>(in_memory, INT_MAX)) return std::string();
  return ReadUpTo(*f, f->size(), path);
}

// Poppler's font size is in text-space units: Word exports that scale a
// size-1 font by the text matrix report 1. Trust the box when the two
// disagree wildly.
double SaneFontSize(double reported, double box_height) {
  return (reported >= 0.5 * box_height && reported <= 2.5 * box_height)
             ? reported
             : box_height;
}

void AppendUtf8(std::string* out, Unicode u) {
  if (u < 0x80) {
    *out += static_cast<char>(u);
  } else if (u < 0x800) {
    *out += static_cast<char>(0xC0 | (u >> 6));
    *out += static_cast<char>(0x80 | (u & 0x3F));
  } else if (u < 0x10000) {
    if (u >= 0xD800 && u <= 0xDFFF) u = 0xFFFD;
    *out += static_cast<char>(0xE0 | (u >> 12));
    *out += static_cast<char>(0x80 | ((u >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (u & 0x3F));
  } else if (u <= 0x10FFFF) {
    *out += static_cast<char>(0xF0 | (u >> 18));
    *out += static_cast<char>(0x80 | ((u >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((u >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (u & 0x3F));
  } else {
    *out += "\xEF\xBF\xBD";
  }
}

// TextOutputDev that also keeps the page's ruling lines and coloured
// rectangles (table grids, cell shading, boxes), in the words' coordinates.
class RuleCollector : public TextOutputDev {
 public:
  RuleCollector()
      : TextOutputDev(nullptr, /*physLayout=*/false, /*fixedPitch=*/0,
                      /*rawOrder=*/false, /*append=*/false) {}

  void stroke(GfxState* state) override {
    Collect(state, false);
    TextOutputDev::stroke(state);
  }
  void fill(GfxState* state) override {
    Collect(state, true);
    TextOutputDev::fill(state);
  }
  void eoFill(GfxState* state) override {
    Collect(state, true);
    TextOutputDev::eoFill(state);
  }

  void TakeInto(LayoutHints* hints) {
    hints->hrules = std::move(hrules_);
    hints->vrules = std::move(vrules_);
    hints->fills = std::move(fills_);
    hints->marks = std::move(marks_);
    hrules_.clear();
    vrules_.clear();
    fills_.clear();
    marks_.clear();
  }

 private:
  // A page of hostile vector art must not grow these without bound.
  static constexpr size_t kMaxShapes = 4000;
  static constexpr double kThin = 2.5;  // points: a rule, not a box
  static constexpr double kMark = 8;    // points: a bullet, not a box

  void Add(const Box& b) {
    if (hrules_.size() + vrules_.size() + fills_.size() >= kMaxShapes) return;
    if (!std::isfinite(b.x0) || !std::isfinite(b.y0) || !std::isfinite(b.x1) ||
        !std::isfinite(b.y1))
      return;
    if (b.height() <= kThin && b.width() > 4 * kThin)
      hrules_.push_back(b);
    else if (b.width() <= kThin && b.height() > 4 * kThin)
      vrules_.push_back(b);
  }

  // A small filled shape of any outline (a list bullet drawn as a disc,
  // a triangle or a shaded ball, whose shading arrives as many small
  // fills): overlapping pieces are merged into one mark.
  void AddMark(const Box& b) {
    if (b.width() > kMark || b.height() > kMark || b.width() < 0.5 ||
        b.height() < 0.5 || marks_.size() >= kMaxShapes ||
        !std::isfinite(b.x0) || !std::isfinite(b.y0) || !std::isfinite(b.x1) ||
        !std::isfinite(b.y1))
      return;
    for (Box& m : marks_)
      if (b.x0 <= m.x1 && m.x0 <= b.x1 && b.y0 <= m.y1 && m.y0 <= b.y1) {
        Box u = m;
        u.Extend(b);
        if (u.width() <= kMark && u.height() <= kMark) {
          m = u;
          return;
        }
      }
    marks_.push_back(b);
  }

  void Collect(GfxState* state, bool fill) {
    const GfxPath* path = state->getPath();
    if (!path) return;
    double half = fill ? 0 : std::max(0.25, state->getLineWidth() / 2);
    for (int i = 0; i < path->getNumSubpaths(); ++i) {
      const GfxSubpath* sp = path->getSubpath(i);
      int n = sp->getNumPoints();
      if (n < 2) continue;
      std::vector<std::pair<double, double>> pts(n);
      Box bb;
      for (int k = 0; k < n; ++k) {
        state->transform(sp->getX(k), sp->getY(k), &pts[k].first,
                         &pts[k].second);
        Box p{pts[k].first, pts[k].second, pts[k].first, pts[k].second};
        if (k == 0)
          bb = p;
        else
          bb.Extend(p);
      }
      if (fill) {
        AddMark(bb);
        Add(bb);  // a thin filled rectangle is a rule
        if (bb.width() > 4 * kThin && bb.height() > 4 * kThin && n <= 6) {
          GfxRGB rgb;
          state->getFillRGB(&rgb);
          bool white = colToDbl(rgb.r) > 0.97 && colToDbl(rgb.g) > 0.97 &&
                       colToDbl(rgb.b) > 0.97;
          if (!white && fills_.size() < kMaxShapes) fills_.push_back(bb);
        }
        continue;
      }
      for (int k = 1; k < n; ++k) {  // each straight stroke segment
        Box seg{std::min(pts[k - 1].first, pts[k].first) - half,
                std::min(pts[k - 1].second, pts[k].second) - half,
                std::max(pts[k - 1].first, pts[k].first) + half,
                std::max(pts[k - 1].second, pts[k].second) + half};
        Add(seg);
      }
    }
  }

  std::vector<Box> hrules_, vrules_, fills_, marks_;
};

// The words of one page (1-based) through TextOutputDev, in the same
// coordinates as poppler-cpp's text_list().
void CoreWords(PDFDoc* doc, TextOutputDev* dev, int page,
               std::vector<Word>* words) {
  doc->displayPage(dev, page, 72, 72, 0, /*useMediaBox=*/false, /*crop=*/false,
                   /*printing=*/false);
  std::unique_ptr<TextWordList> list = dev->makeWordList();
  if (!list) return;
  words->reserve(list->getLength());
  const size_t first = words->size();
  std::vector<std::string> faces;  // each word's font name, lower case
  // A page has a few fonts and thousands of words: each font's name and
  // flags are read once.
  struct Face {
    std::string name;
    bool bold = false, italic = false;
    uint32_t family = 0;
  };
  std::unordered_map<const TextFontInfo*, Face> face_of;
  for (int i = 0; i < list->getLength(); ++i) {
    const TextWord* tw = list->get(i);
    Word w;
    for (int c = 0; c < tw->getLength(); ++c)
      AppendUtf8(&w.text, *tw->getChar(c));
    double x0, y0, x1, y1;
    tw->getBBox(&x0, &y0, &x1, &y1);
    w.box = {x0, y0, x1, y1};
    w.font_size = SaneFontSize(tw->getFontSize(), y1 - y0);
    w.rotation = tw->getRotation();
    w.space_after = tw->hasSpaceAfter();
    w.stream_pos = tw->getCharPos();
    w.underline = tw->isUnderlined();
    if (tw->getLength() > 0) {
      // Flags first; many embedded fonts say it only in their name
      // ("ABCDEF+Arial-BoldItalicMT").
      const TextFontInfo* f = tw->getFontInfo(0);
      auto [it, fresh] = face_of.try_emplace(f);
      Face& face = it->second;
      if (fresh) {
        const GooString* name = f ? f->getFontName() : nullptr;
        face.name = name ? AsciiLower(name->toStr()) : "";
        face.bold = (f && f->isBold()) || FaceWeight(face.name) >= kBoldWeight;
        face.italic = (f && f->isItalic()) ||
                      face.name.find("italic") != std::string::npos ||
                      face.name.find("oblique") != std::string::npos;
        std::string key = FamilyKey(face.name);
        if (!key.empty())
          face.family = std::max<uint32_t>(
              1, static_cast<uint32_t>(std::hash<std::string>()(key)));
      }
      w.bold = face.bold;
      w.italic = face.italic;
      w.family = face.family;
      faces.resize(words->size() - first + 1);
      faces.back() = face.name;
    }
    words->push_back(std::move(w));
  }
  faces.resize(words->size() - first);
  MarkHeavierFaces(faces, words->data() + first);
}

// "ok", "empty" or "garbled" for a page's words.
std::string TextQuality(const std::vector<Word>& words) {
  size_t chars = 0, unmapped = 0, private_use = 0;
  for (const Word& w : words) {
    for (size_t i = 0; i < w.text.size();) {
      unsigned char c = w.text[i];
      int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
      ++chars;
      if (c < 0x20) ++unmapped;
      if (len == 3 && w.text.compare(i, 3, "\xEF\xBF\xBD") == 0) ++unmapped;
      // U+E000..U+F8FF is EE 80 80 .. EF A3 BF in UTF-8.
      if (len == 3 && (c == 0xEE || (c == 0xEF && static_cast<unsigned char>(
                                                      w.text[i + 1]) <= 0xA3)))
        ++private_use;
      i += len;
    }
  }
  if (chars == 0) return "empty";
  if (unmapped * 10 >= chars * 3 || private_use * 2 >= chars) return "garbled";
  return "ok";
}

}  // namespace

std::string SniffNonPdf(const std::string& head) {
  if (head.find("%PDF-") != std::string::npos) return "";
  auto starts = [&](const char* magic, size_t n) {
    return head.size() >= n && memcmp(head.data(), magic, n) == 0;
  };
  if (starts("\xFF\xD8\xFF", 3)) return "JPEG image data";
  if (starts("\x89PNG", 4)) return "PNG image";
  if (starts("GIF8", 4)) return "GIF image";
  if (starts("PK\x03\x04", 4)) return "ZIP archive (maybe an Office document)";
  if (starts("\xD0\xCF\x11\xE0", 4))
    return "OLE2 file (maybe a legacy Office document)";
  std::string lower = AsciiLower(head.substr(0, 256));
  if (lower.find("<html") != std::string::npos ||
      lower.find("<!doctype html") != std::string::npos)
    return "HTML";
  size_t printable = 0;
  for (unsigned char c : head)
    printable += (c >= 0x20 || c == '\n' || c == '\r' || c == '\t');
  if (!head.empty() && printable * 10 >= head.size() * 9) return "text";
  return "unrecognised binary data";
}

Result<Extractor> Extractor::Create(const ExtractOptions& options) {
  if (options.max_pages <= 0)
    return InvalidArgument("max_pages must be positive");
  InstallPopplerHandler();
  return Extractor(options);
}

Result<ExtractedDocument> Extractor::Extract(const std::string& path,
                                             SourceKind kind) const {
  // A FIFO, a device or a socket is refused here without blocking, and a
  // file over the limit before a byte of it is read (user_file.h).
  auto probe = OpenUserFile(path, options_.max_file_bytes);
  if (!probe.ok()) return probe.status();
  if (probe->size() == 0) return DataLoss(path + ": empty file");
  return kind == SourceKind::kText ? ExtractText(path) : ExtractPdf(path);
}

Result<ExtractedDocument> Extractor::ExtractPdf(const std::string& path) const {
  // The bytes of the whole file when it is small enough, else empty and
  // Poppler reads the file itself. Declared before the documents that point
  // into it.
  Result<std::string> bytes = ReadSmallFile(path, options_.max_file_bytes,
                                            options_.max_in_memory_bytes);
  if (!bytes.ok()) return bytes.status();
  const bool in_memory = !bytes->empty();
  Result<std::string> head =
      in_memory ? bytes->substr(0, 1024) : ReadHead(path, 1024);
  if (!head.ok()) return head.status();
  std::string what = SniffNonPdf(*head);
  if (!what.empty())
    return Unsupported(path + ": not a PDF (starts with " + what + ")");

  g_poppler_last_error.clear();
  g_poppler_error_count = 0;
  std::unique_ptr<poppler::document> doc(
      in_memory ? poppler::document::load_from_raw_data(
                      bytes->data(), static_cast<int>(bytes->size()))
                : poppler::document::load_from_file(path));
  if (!doc) {
    std::string why = g_poppler_last_error.empty()
                          ? ""
                          : " (Poppler: " + g_poppler_last_error + ")";
    return DataLoss(path + ": damaged PDF: cannot be parsed" + why);
  }
  if (doc->is_locked())
    return PermissionDenied(path + ": encrypted: a user password is required");

  ExtractedDocument out;
  out.page_count = doc->pages();
  if (out.page_count <= 0) return DataLoss(path + ": PDF has no pages");
  out.info.title = ToUtf8(doc->info_key("Title"));
  out.info.author = ToUtf8(doc->info_key("Author"));
  out.info.subject = ToUtf8(doc->info_key("Subject"));
  out.info.creator = ToUtf8(doc->info_key("Creator"));
  out.info.producer = ToUtf8(doc->info_key("Producer"));
  out.info.created = IsoTime(doc->info_date_t("CreationDate"));
  out.info.modified = IsoTime(doc->info_date_t("ModDate"));

  int n = std::min(out.page_count, options_.max_pages);
  if (n < out.page_count)
    out.warnings.push_back("page cap reached: " + std::to_string(n) + " of " +
                           std::to_string(out.page_count) + " pages read");
  // Words come from Poppler's TextOutputDev driven directly over the
  // document: poppler-cpp's page::text_list() copies the XRef for every page
  // (displayPageSlice(..., copyXRef=true)), which measured 2x slower than
  // pdftotext on ../shared/corpus-real and 4.7x on an InDesign file. The core
  // API is used only here, while `doc` (which owns Poppler's global state)
  // is alive; text_list() stays as the fallback.
  std::unique_ptr<PDFDoc> core_doc =
      in_memory
          ? std::make_unique<PDFDoc>(
                new MemStream(bytes->data(), 0, bytes->size(), Object(objNull)))
          : std::make_unique<PDFDoc>(std::make_unique<GooString>(path.c_str()));
  PDFDoc& core = *core_doc;
  const bool core_ok = core.isOk() && core.getNumPages() == out.page_count;
  RuleCollector dev;
  std::vector<PageLines> page_lines;
  page_lines.reserve(n);
  out.pages.reserve(n);
  for (int i = 0; i < n; ++i) {
    Page page;
    page.number = i + 1;
    std::vector<Word> words;
    // The page's box and words come from the core document when it opened:
    // poppler-cpp's page would walk its own copy of the page tree again.
    ::Page* core_page = core_ok ? core.getPage(i + 1) : nullptr;
    std::unique_ptr<poppler::page> p(core_ok ? nullptr : doc->create_page(i));
    if (core_page) {
      const PDFRectangle* r = core_page->getMediaBox();
      page.width = r->x2 - r->x1;
      page.height = r->y2 - r->y1;
      // The words' boxes are in the page's displayed orientation.
      if (core_page->getRotate() == 90 || core_page->getRotate() == 270)
        std::swap(page.width, page.height);
      CoreWords(&core, &dev, i + 1, &words);
    } else if (p) {
      poppler::rectf r = p->page_rect(poppler::media_box);
      page.width = r.width();
      page.height = r.height();
      // text_list() boxes are in the page's displayed orientation.
      if (p->orientation() == poppler::page::landscape ||
          p->orientation() == poppler::page::seascape)
        std::swap(page.width, page.height);
      for (poppler::text_box& tb :
           p->text_list(poppler::page::text_list_include_font)) {
        Word w;
        w.text = ToUtf8(tb.text());
        poppler::rectf b = tb.bbox();
        w.box = {b.left(), b.top(), b.right(), b.bottom()};
        w.font_size = SaneFontSize(tb.has_font_info() ? tb.get_font_size() : 0,
                                   b.height());
        w.rotation = tb.rotation();
        w.space_after = tb.has_space_after();
        words.push_back(std::move(w));
      }
    } else {
      out.warnings.push_back("page " + std::to_string(i + 1) +
                             ": cannot be read");
    }
    page.word_count = static_cast<int>(words.size());
    page.source = words.empty() ? TextSource::kNone : TextSource::kTextLayer;
    page.quality = TextQuality(words);
    LayoutHints drawn;
    if (core_ok) {
      dev.TakeInto(&drawn);
      MarkUnderlines(drawn.hrules, &words);
    }
    page_lines.push_back(
        BuildLines(words, page.width, page.height, drawn.vrules));
    if (core_ok) {
      LayoutHints& h = page_lines.back().hints;
      h.hrules = std::move(drawn.hrules);
      h.vrules = std::move(drawn.vrules);
      h.fills = std::move(drawn.fills);
      h.marks = std::move(drawn.marks);
      JoinRules(&h);
    }
    out.pages.push_back(std::move(page));
  }
  std::vector<std::vector<bool>> furniture = FindFurniture(page_lines);
  for (size_t i = 0; i < out.pages.size(); ++i) {
    std::vector<Line> body;
    for (size_t k = 0; k < page_lines[i].lines.size(); ++k) {
      if (furniture[i][k])
        out.pages[i].furniture.push_back(page_lines[i].lines[k].text);
      else
        body.push_back(std::move(page_lines[i].lines[k]));
    }
    for (std::string& r : page_lines[i].rotated)
      out.pages[i].furniture.push_back(std::move(r));
    out.pages[i].blocks =
        OrderBlocks(std::move(body), page_lines[i].hints,
                    options_.layout_marks ? &out.pages[i].layout : nullptr);
    for (auto [k, v] : FindFields(out.pages[i].blocks)) {
      auto text = [](const Block& b) {
        std::string t;
        for (const Line& l : b.lines) t += (t.empty() ? "" : " ") + l.text;
        return t;
      };
      Field f{text(out.pages[i].blocks[k]), text(out.pages[i].blocks[v]),
              out.pages[i].blocks[k].box};
      f.box.Extend(out.pages[i].blocks[v].box);
      out.pages[i].fields.push_back(std::move(f));
    }
  }
  return out;
}

Result<ExtractedDocument> Extractor::ExtractText(
    const std::string& path) const {
  auto raw = ReadUserFile(path, options_.max_file_bytes);
  if (!raw.ok()) return raw.status();
  // UTF-8, UTF-16 with a mark, Windows-1252, or binary refused; what was
  // converted is said in the document's warnings (text_decode.h).
  auto decoded = DecodeText(*raw, path);
  if (!decoded.ok()) return decoded.status();
  std::string().swap(*raw);
  const std::string& valid = decoded->utf8;
  ExtractedDocument out;
  // Pages at form feeds, lines at newlines, cut as views of the decoded
  // text (no stream: std::getline swallows a failed allocation and would
  // drop a long line without a word; a worker over its memory cap must fail).
  std::vector<std::string_view> page_texts;
  for (std::string_view rest = valid;;) {
    size_t ff = rest.find('\f');
    page_texts.push_back(rest.substr(0, ff));
    if (ff == std::string_view::npos) break;
    rest.remove_prefix(ff + 1);
  }
  for (size_t i = 0; i < page_texts.size(); ++i) {
    Page page;
    page.number = static_cast<int>(i + 1);
    page.source = TextSource::kPlainText;
    Block cur;
    auto flush = [&] {
      if (!cur.lines.empty()) page.blocks.push_back(std::move(cur));
      cur = Block{};
    };
    for (std::string_view rest = page_texts[i]; !rest.empty();) {
      size_t nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      std::string_view t = TrimAscii(line);
      if (t.empty()) {
        flush();
        continue;
      }
      // Markdown headings are blocks of their own.
      bool md_heading = t[0] == '#';
      if (md_heading) {
        flush();
        size_t k = t.find_first_not_of('#');
        t = TrimAscii(t.substr(k == std::string_view::npos ? t.size() : k));
      }
      Line l;
      l.text = std::string(t);
      page.word_count +=
          1 + static_cast<int>(std::count(t.begin(), t.end(), ' '));
      cur.lines.push_back(std::move(l));
      if (md_heading) {
        cur.heading = true;
        flush();
      }
    }
    flush();
    out.pages.push_back(std::move(page));
  }
  out.page_count = static_cast<int>(out.pages.size());
  if (!decoded->note.empty()) out.warnings.push_back(decoded->note);
  return out;
}

std::vector<int> Extractor::PagesNeedingOcr(const ExtractedDocument& doc) {
  std::vector<int> out;
  for (const Page& p : doc.pages)
    if (p.source != TextSource::kPlainText && p.quality != "ok")
      out.push_back(p.number);
  return out;
}

namespace {

// Poppler's rendering of a page, or of `box` (points) of it, as 8-bit grey.
Result<GrayImage> RenderGray(const poppler::page& page, int dpi,
                             const Box* box = nullptr) {
  poppler::page_renderer r;
  r.set_render_hint(poppler::page_renderer::antialiasing, true);
  r.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  r.set_image_format(poppler::image::format_gray8);
  poppler::image img;
  if (box == nullptr) {
    img = r.render_page(&page, dpi, dpi);
  } else {
    const double s = dpi / 72.0;
    const int x = static_cast<int>(std::floor(box->x0 * s));
    const int y = static_cast<int>(std::floor(box->y0 * s));
    const int w = static_cast<int>(std::ceil(box->x1 * s)) - x;
    const int h = static_cast<int>(std::ceil(box->y1 * s)) - y;
    if (w <= 0 || h <= 0) return InvalidArgument("empty region");
    img = r.render_page(&page, dpi, dpi, x, y, w, h);
  }
  if (!img.is_valid()) return Internal("Poppler could not render the page");
  GrayImage g;
  g.width = img.width();
  g.height = img.height();
  g.dpi = dpi;
  g.bytes_per_line = g.width;
  g.pixels.resize(static_cast<size_t>(g.width) * g.height);
  const char* data = img.const_data();
  for (int y = 0; y < g.height; ++y) {
    const unsigned char* row = reinterpret_cast<const unsigned char*>(
        data + static_cast<size_t>(y) * img.bytes_per_row());
    if (img.format() == poppler::image::format_gray8) {
      std::memcpy(&g.pixels[static_cast<size_t>(y) * g.width], row, g.width);
    } else {  // argb32 / rgb24 fallback: luminance
      int bpp = img.format() == poppler::image::format_argb32 ? 4 : 3;
      for (int x = 0; x < g.width; ++x) {
        const unsigned char* px = row + x * bpp;
        g.pixels[static_cast<size_t>(y) * g.width + x] =
            static_cast<unsigned char>(
                (px[0] * 29 + px[1] * 150 + px[2] * 77) >> 8);
      }
    }
  }
  return g;
}

double MedianHeight(const std::vector<Word>& words) {
  std::vector<double> h;
  for (const Word& w : words) h.push_back(w.box.height());
  if (h.empty()) return 0;
  std::nth_element(h.begin(), h.begin() + h.size() / 2, h.end());
  return h[h.size() / 2];
}

// One region read at `dpi`: its words in page points.
Result<OcrResult> ReadAt(const poppler::page& page, const OcrRegion& region,
                         int dpi, OcrEngine& engine,
                         const std::string& languages) {
  Result<GrayImage> img =
      RenderGray(page, dpi, region.whole_page ? nullptr : &region.box);
  if (!img.ok()) return img.status();
  Result<OcrResult> ocr = engine.Recognize(*img, languages);
  if (!ocr.ok()) return ocr.status();
  const double scale = 72.0 / dpi;
  // The render starts at the region's first whole pixel.
  const double x0 = region.whole_page ? 0 : std::floor(region.box.x0 / scale);
  const double y0 = region.whole_page ? 0 : std::floor(region.box.y0 / scale);
  for (Word& w : ocr->words) {
    w.box = {(w.box.x0 + x0) * scale, (w.box.y0 + y0) * scale,
             (w.box.x1 + x0) * scale, (w.box.y1 + y0) * scale};
    w.font_size *= scale;
  }
  return ocr;
}

// One region read at its planned resolution and, when its words come out
// small for Tesseract, once more at the resolution that suits them; the
// reading with the higher mean confidence is kept (ocr_regions.h).
Result<OcrResult> ReadRegion(const poppler::page& page, const OcrRegion& region,
                             int max_pixels, OcrEngine& engine,
                             const std::string& languages) {
  Result<OcrResult> first = ReadAt(page, region, region.dpi, engine, languages);
  if (!first.ok() || first->words.empty()) return first;
  const double median_px = MedianHeight(first->words) * region.dpi / 72.0;
  const int dpi = DpiForGlyphs(median_px, region.dpi, region.box, max_pixels);
  if (dpi <= region.dpi) return first;
  Result<OcrResult> second = ReadAt(page, region, dpi, engine, languages);
  if (second.ok() && second->mean_confidence > first->mean_confidence)
    return second;
  return first;
}

// Whether the page's resources (or those of the forms it draws, a few
// levels down) hold an image: pages without one are not walked for images.
bool HasImageXObject(Dict* resources, int depth) {
  if (resources == nullptr || depth > 3) return false;
  Object xobjects = resources->lookup("XObject");
  if (!xobjects.isDict()) return false;
  Dict* d = xobjects.getDict();
  for (int i = 0; i < d->getLength() && i < 4000; ++i) {
    Object x = d->getVal(i);
    if (!x.isStream()) continue;
    Dict* sd = x.streamGetDict();
    Object subtype = sd->lookup("Subtype");
    if (subtype.isName("Image")) return true;
    if (subtype.isName("Form")) {
      Object res = sd->lookup("Resources");
      if (res.isDict() && HasImageXObject(res.getDict(), depth + 1))
        return true;
    }
  }
  return false;
}

// Words read from an image of a page with a text layer that are kept: sure
// enough (kKeepConfidence) and not already in the text layer (their centre
// in none of its lines).
constexpr float kKeepConfidence = 60;
constexpr double kRegionConfidence = 70;  // mean of the kept words
std::vector<Word> NewImageWords(const Page& page, const OcrResult& ocr,
                                double* confidence_sum) {
  std::vector<Word> kept;
  double sum = 0;
  for (size_t i = 0; i < ocr.words.size(); ++i) {
    const float c = i < ocr.confidences.size() ? ocr.confidences[i] : 0;
    if (c < kKeepConfidence) continue;
    const Box& b = ocr.words[i].box;
    const double cx = (b.x0 + b.x1) / 2, cy = (b.y0 + b.y1) / 2;
    bool known = false;
    for (const Block& k : page.blocks)
      for (const Line& l : k.lines)
        known = known || (cx >= l.box.x0 && cx <= l.box.x1 && cy >= l.box.y0 &&
                          cy <= l.box.y1);
    if (known) continue;
    kept.push_back(ocr.words[i]);
    sum += c;
  }
  // A picture read as a word or two of noise is no text.
  if (kept.size() < 2 || sum / kept.size() < kRegionConfidence) return {};
  *confidence_sum += sum;
  return kept;
}

}  // namespace

Status Extractor::OcrPages(const std::string& path,
                           const std::vector<int>& pages, OcrEngine& engine,
                           const std::string& languages,
                           ExtractedDocument* doc) const {
  if (pages.empty()) return Status();
  std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_file(path));
  if (!pdf || pdf->is_locked())
    return DataLoss(path + ": cannot reopen for OCR");
  // The core document (while `pdf` holds Poppler's global state) shows
  // where the page's images are, so that only they are read.
  PDFDoc core(std::make_unique<GooString>(path.c_str()));
  const bool core_ok = core.isOk() && core.getNumPages() == pdf->pages();
  const OcrRegionLimits limits{options_.ocr_dpi, options_.ocr_max_pixels};
  for (int number : pages) {
    if (number < 1 || number > static_cast<int>(doc->pages.size())) continue;
    Page& page = doc->pages[number - 1];
    std::unique_ptr<poppler::page> p(pdf->create_page(number - 1));
    if (!p) continue;
    const PageGraphics graphics =
        core_ok ? CollectPageGraphics(&core, number) : PageGraphics{};
    std::vector<Word> words;
    double confidence_sum = 0;
    std::string failure;
    for (const OcrRegion& region :
         PlanOcrRegions(page, graphics, /*needs_page_ocr=*/true, limits)) {
      Result<OcrResult> ocr =
          ReadRegion(*p, region, options_.ocr_max_pixels, engine, languages);
      if (!ocr.ok()) {
        failure = ocr.status().message();
        continue;
      }
      confidence_sum += ocr->mean_confidence * ocr->words.size();
      for (Word& w : ocr->words) words.push_back(std::move(w));
    }
    if (!failure.empty() && words.empty()) {
      doc->warnings.push_back("page " + std::to_string(number) +
                              ": OCR failed: " + failure);
      continue;
    }
    page.ocr_confidence = words.empty() ? 0 : confidence_sum / words.size();
    if (words.empty()) continue;  // a blank page stays empty
    PageLines lines = BuildLines(words, page.width, page.height);
    std::vector<Line> body;
    for (Line& l : lines.lines) {
      if ((l.box.y1 <= page.height * 0.06 || l.box.y0 >= page.height * 0.94) &&
          LooksLikePageNumber(l.text))
        page.furniture.push_back(l.text);
      else
        body.push_back(std::move(l));
    }
    page.blocks = OrderBlocks(std::move(body), lines.hints,
                              options_.layout_marks ? &page.layout : nullptr);
    page.source = TextSource::kOcr;
    page.word_count = static_cast<int>(words.size());
  }
  return Status();
}

Status Extractor::OcrImages(const std::string& path, OcrEngine& engine,
                            const std::string& languages,
                            ExtractedDocument* doc) const {
  if (!options_.ocr_images) return Status();
  std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_file(path));
  if (!pdf || pdf->is_locked())
    return DataLoss(path + ": cannot reopen for OCR");
  PDFDoc core(std::make_unique<GooString>(path.c_str()));
  if (!core.isOk() || core.getNumPages() != pdf->pages()) return Status();
  const OcrRegionLimits limits{options_.ocr_dpi, options_.ocr_max_pixels};
  int budget = options_.ocr_max_image_regions;
  for (Page& page : doc->pages) {
    if (page.source != TextSource::kTextLayer || page.quality != "ok" ||
        page.number < 1 || page.number > core.getNumPages())
      continue;
    ::Page* core_page = core.getPage(page.number);
    if (core_page == nullptr ||
        !HasImageXObject(core_page->getResourceDict(), 0))
      continue;
    const std::vector<OcrRegion> regions = PlanOcrRegions(
        page, CollectPageGraphics(&core, page.number), false, limits);
    if (regions.empty()) continue;
    std::unique_ptr<poppler::page> p(pdf->create_page(page.number - 1));
    if (!p) continue;
    std::vector<Word> words;
    double confidence_sum = 0;
    for (const OcrRegion& region : regions) {
      if (budget-- <= 0) {
        doc->warnings.push_back("image OCR cap reached: images after page " +
                                std::to_string(page.number) + " not read (" +
                                std::to_string(options_.ocr_max_image_regions) +
                                " images)");
        return Status();
      }
      Result<OcrResult> ocr =
          ReadRegion(*p, region, options_.ocr_max_pixels, engine, languages);
      if (!ocr.ok()) {
        doc->warnings.push_back(
            "page " + std::to_string(page.number) +
            ": OCR of an image failed: " + ocr.status().message());
        continue;
      }
      for (Word& w : NewImageWords(page, *ocr, &confidence_sum))
        words.push_back(std::move(w));
    }
    if (words.empty()) continue;
    PageLines lines = BuildLines(words, page.width, page.height);
    std::vector<Block> blocks =
        OrderBlocks(std::move(lines.lines), lines.hints, nullptr);
    for (Block& b : blocks) {
      b.region = RegionKind::kImage;
      b.row = b.col = -1;
      page.blocks.push_back(std::move(b));
    }
    page.ocr_confidence = confidence_sum / words.size();
    page.word_count += static_cast<int>(words.size());
  }
  return Status();
}

}  // namespace planmine
