#include "pipeline/extract/layout.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "pipeline/core/utf8.h"

namespace planmine {

void Box::Extend(const Box& o) {
  x0 = std::min(x0, o.x0);
  y0 = std::min(y0, o.y0);
  x1 = std::max(x1, o.x1);
  y1 = std::max(y1, o.y1);
}

const char* TextSourceName(TextSource s) {
  switch (s) {
    case TextSource::kTextLayer:
      return "text_layer";
    case TextSource::kPlainText:
      return "plain_text";
    case TextSource::kOcr:
      return "ocr";
    case TextSource::kNone:
      return "none";
  }
  return "none";
}

TextSource TextSourceFromName(const std::string& name) {
  for (TextSource s :
       {TextSource::kTextLayer, TextSource::kPlainText, TextSource::kOcr})
    if (name == TextSourceName(s)) return s;
  return TextSource::kNone;
}

namespace {

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

double CenterY(const Box& b) { return (b.y0 + b.y1) / 2; }

// True for a letter or digit at the end (or start) of `s`: ASCII, or the
// Latin-1/Latin Extended-A letters of es/pt (UTF-8 lead bytes C3-C5).
bool LetterAtEnd(const std::string& s) {
  if (s.empty()) return false;
  size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  unsigned char c = s[i];
  return isalnum(c) || (c >= 0xC3 && c <= 0xC5);
}
bool LetterAtStart(const std::string& s) {
  if (s.empty()) return false;
  unsigned char c = s[0];
  return isalnum(c) || (c >= 0xC3 && c <= 0xC5);
}

Line MakeLine(const std::vector<const Word*>& words) {
  Line l;
  l.box = words.front()->box;
  std::vector<double> sizes;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) {
      // Glue boxes Poppler split inside one word: it says no space follows,
      // or the gap is far narrower than any word space (letter-spaced
      // Word exports give "infor" "mación" 0.11 em apart; word spaces are
      // 0.2 em or more); else one space.
      const Word* prev = words[i - 1];
      double size = std::max(
          1.0, prev->font_size > 0 ? prev->font_size : prev->box.height());
      double gap = words[i]->box.x0 - prev->box.x1;
      bool letters = LetterAtEnd(prev->text) && LetterAtStart(words[i]->text);
      bool glue = letters && (gap < 0.14 * size ||
                              (!prev->space_after && gap < 0.18 * size));
      if (!glue) l.text += ' ';
    }
    l.text += words[i]->text;
    l.box.Extend(words[i]->box);
    sizes.push_back(words[i]->font_size > 0 ? words[i]->font_size
                                            : words[i]->box.height());
  }
  l.font_size = Median(sizes);
  for (const Word* w : words)
    if (w->stream_pos >= 0 &&
        (l.stream_pos < 0 || w->stream_pos < l.stream_pos))
      l.stream_pos = w->stream_pos;
  return l;
}

}  // namespace

PageLines BuildLines(const std::vector<Word>& words, double page_width,
                     double page_height) {
  PageLines out;
  out.width = page_width;
  out.height = page_height;
  std::vector<const Word*> flat;
  std::vector<const Word*> rotated;
  for (const Word& w : words) {
    if (TrimAscii(w.text).empty()) continue;
    (w.rotation == 0 ? flat : rotated).push_back(&w);
  }
  // Rotated words: keep their text out of the body, one string per run.
  if (!rotated.empty()) {
    std::string run;
    for (const Word* w : rotated) {
      if (!run.empty()) run += ' ';
      run += w->text;
    }
    out.rotated.push_back(run);
  }
  // Rows: sort by vertical centre, then sweep; a word joins the current row
  // when its centre lies within 40% of the row's first word height.
  std::stable_sort(flat.begin(), flat.end(), [](const Word* a, const Word* b) {
    return CenterY(a->box) < CenterY(b->box);
  });
  size_t i = 0;
  while (i < flat.size()) {
    double cy = CenterY(flat[i]->box);
    double h = std::max(1.0, flat[i]->box.height());
    size_t j = i + 1;
    while (j < flat.size() && CenterY(flat[j]->box) - cy <= 0.4 * h) ++j;
    std::vector<const Word*> row(flat.begin() + i, flat.begin() + j);
    std::stable_sort(row.begin(), row.end(), [](const Word* a, const Word* b) {
      return a->box.x0 < b->box.x0;
    });
    // Split the row at gaps wider than a column gutter or a table cell gap.
    std::vector<const Word*> cur;
    for (const Word* w : row) {
      if (!cur.empty()) {
        const Word* prev = cur.back();
        double size = std::max(
            {prev->font_size, w->font_size, prev->box.height() * 0.8, 1.0});
        double gap = w->box.x0 - prev->box.x1;
        bool overlap_y = std::min(prev->box.y1, w->box.y1) -
                             std::max(prev->box.y0, w->box.y0) >
                         0.3 * std::min(prev->box.height(), w->box.height());
        if (gap > 1.0 * size || !overlap_y) {
          out.lines.push_back(MakeLine(cur));
          cur.clear();
        }
      }
      cur.push_back(w);
    }
    if (!cur.empty()) out.lines.push_back(MakeLine(cur));
    i = j;
  }
  return out;
}

bool LooksLikePageNumber(const std::string& raw) {
  std::string t = AsciiLower(TrimAscii(raw));
  // Strip decorations: "- 3 -", "| 3 |", "[3]".
  auto strip = [](std::string s) {
    const std::string deco = "-|[]()\xE2\x80\x93 \t";  // includes en dash bytes
    size_t a = 0, b = s.size();
    while (a < b && deco.find(s[a]) != std::string::npos) ++a;
    while (b > a && deco.find(s[b - 1]) != std::string::npos) --b;
    return s.substr(a, b - a);
  };
  t = strip(t);
  if (t.empty()) return false;
  auto all_digits = [](const std::string& s) {
    return !s.empty() && s.size() <= 4 &&
           std::all_of(s.begin(), s.end(),
                       [](char c) { return c >= '0' && c <= '9'; });
  };
  auto roman = [](const std::string& s) {
    return !s.empty() && s.size() <= 6 &&
           s.find_first_not_of("ivxlc") == std::string::npos;
  };
  if (all_digits(t) || roman(t)) return true;
  // Word forms: página / pagina / pág. / pag. / page / p.
  static const char* kPrefixes[] = {"página", "pagina", "page", "pág.",
                                    "pag.",   "pág",    "pag",  "p."};
  for (const char* p : kPrefixes) {
    std::string ps(p);
    if (t.rfind(ps, 0) == 0) {
      t = std::string(TrimAscii(t.substr(ps.size())));
      break;
    }
  }
  // "3", "3 de 40", "3 of 40", "3/40"
  size_t k = 0;
  while (k < t.size() && isdigit(static_cast<unsigned char>(t[k]))) ++k;
  if (k == 0 || k > 4) return false;
  std::string rest(TrimAscii(t.substr(k)));
  if (rest.empty()) return true;
  for (const char* sep : {"de ", "of ", "/", "do "}) {
    std::string s(sep);
    if (rest.rfind(s, 0) == 0)
      return all_digits(std::string(TrimAscii(rest.substr(s.size()))));
  }
  return false;
}

namespace {

// Signature of a margin line: lower-case, digits folded, spaces collapsed.
std::string Signature(const std::string& text) {
  std::string s;
  bool digit_run = false;
  for (char c : AsciiLower(text)) {
    if (c >= '0' && c <= '9') {
      if (!digit_run) s += '#';
      digit_run = true;
      continue;
    }
    digit_run = false;
    if (c == ' ' && (s.empty() || s.back() == ' ')) continue;
    s += c;
  }
  return std::string(TrimAscii(s));
}

bool InMargin(const Line& l, double page_height) {
  return l.box.y1 <= page_height * 0.12 || l.box.y0 >= page_height * 0.88;
}

}  // namespace

std::vector<std::vector<bool>> FindFurniture(
    const std::vector<PageLines>& pages) {
  std::vector<std::vector<bool>> marks(pages.size());
  std::map<std::string, std::set<size_t>> pages_with;
  for (size_t p = 0; p < pages.size(); ++p) {
    marks[p].assign(pages[p].lines.size(), false);
    for (const Line& l : pages[p].lines) {
      if (InMargin(l, pages[p].height)) pages_with[Signature(l.text)].insert(p);
    }
  }
  // A margin line repeating on at least 3 pages, or on every page of a short
  // document of 2+ pages, is running furniture — unless its type is clearly
  // larger than the body's: a title repeated on each page is content.
  std::vector<double> sizes;
  for (const PageLines& pl : pages)
    for (const Line& l : pl.lines) sizes.push_back(l.font_size);
  const double body_size = Median(sizes);
  size_t n = pages.size();
  size_t need =
      n >= 3 ? std::max<size_t>(3, static_cast<size_t>(std::ceil(n * 0.25)))
             : 2;
  if (n >= 3 && need > n) need = n;
  for (size_t p = 0; p < n; ++p) {
    for (size_t i = 0; i < pages[p].lines.size(); ++i) {
      const Line& l = pages[p].lines[i];
      if (!InMargin(l, pages[p].height)) continue;
      bool small = body_size <= 0 || l.font_size <= 1.15 * body_size;
      if (LooksLikePageNumber(l.text) ||
          (n >= 2 && small && pages_with[Signature(l.text)].size() >= need)) {
        marks[p][i] = true;
      }
    }
  }
  return marks;
}

namespace {

constexpr double kMaxRegionWidth = 20000;
constexpr double kMinGutter =
    7.0;  // points; word gaps inside a line are split earlier

struct Interval {
  double a, b;
  double width() const { return b - a; }
};

// Free x-intervals (no line covers them) strictly inside the lines' x-extent.
std::vector<Interval> XGaps(const std::vector<Line>& lines) {
  std::vector<Interval> spans;
  for (const Line& l : lines) spans.push_back({l.box.x0, l.box.x1});
  std::sort(spans.begin(), spans.end(),
            [](const Interval& p, const Interval& q) { return p.a < q.a; });
  std::vector<Interval> gaps;
  double reach = spans.empty() ? 0 : spans[0].b;
  for (size_t i = 1; i < spans.size(); ++i) {
    if (spans[i].a > reach) gaps.push_back({reach, spans[i].a});
    reach = std::max(reach, spans[i].b);
  }
  return gaps;
}

// Free y-intervals between lines.
std::vector<Interval> YGaps(const std::vector<Line>& lines) {
  std::vector<Interval> spans;
  for (const Line& l : lines) spans.push_back({l.box.y0, l.box.y1});
  std::sort(spans.begin(), spans.end(),
            [](const Interval& p, const Interval& q) { return p.a < q.a; });
  std::vector<Interval> gaps;
  double reach = spans.empty() ? 0 : spans[0].b;
  for (size_t i = 1; i < spans.size(); ++i) {
    if (spans[i].a > reach) gaps.push_back({reach, spans[i].a});
    reach = std::max(reach, spans[i].b);
  }
  return gaps;
}

void SortYX(std::vector<Line>& lines) {
  std::stable_sort(lines.begin(), lines.end(),
                   [](const Line& a, const Line& b) {
                     double ha = std::max(1.0, a.box.height());
                     if (std::abs(CenterY(a.box) - CenterY(b.box)) > 0.4 * ha)
                       return CenterY(a.box) < CenterY(b.box);
                     return a.box.x0 < b.box.x0;
                   });
}

// A gutter that most lines respect: an x-interval crossed by few lines, with
// enough lines on both sides. Returns false when the region is one column.
bool FindGutter(const std::vector<Line>& lines, Interval* gutter) {
  if (lines.size() < 4) return false;
  double x0 = 1e18, x1 = -1e18;
  for (const Line& l : lines) {
    if (!std::isfinite(l.box.x0) || !std::isfinite(l.box.x1)) return false;
    x0 = std::min(x0, l.box.x0);
    x1 = std::max(x1, l.box.x1);
  }
  double w = x1 - x0;
  // A damaged file can place text far past any page (PDF pages are at most
  // 14,400 units wide): no column layout to find there, and no histogram
  // of that size to make (found by fuzz_extract).
  if (!(w >= 4 * kMinGutter) || w > kMaxRegionWidth) return false;
  // Coverage histogram over 1-point bins.
  int bins = static_cast<int>(std::ceil(w)) + 1;
  std::vector<int> cover(bins, 0);
  for (const Line& l : lines) {
    int a = static_cast<int>(l.box.x0 - x0),
        b = static_cast<int>(l.box.x1 - x0);
    for (int k = std::max(0, a); k < std::min(bins, b); ++k) ++cover[k];
  }
  int lo = static_cast<int>(w * 0.2), hi = static_cast<int>(w * 0.8);
  int max_cross = std::max(1, static_cast<int>(lines.size() / 5));
  int best_cross = max_cross + 1, best_a = -1, best_b = -1;
  for (int k = lo; k < hi; ++k) {
    int c = cover[k];
    if (c > max_cross) continue;
    int e = k;
    while (e < hi && cover[e] == c) ++e;
    if (e - k >= kMinGutter &&
        (c < best_cross || (c == best_cross && e - k > best_b - best_a))) {
      best_cross = c;
      best_a = k;
      best_b = e;
    }
    k = e - 1;
  }
  if (best_a < 0) return false;
  Interval g{x0 + best_a, x0 + best_b};
  int left = 0, right = 0;
  for (const Line& l : lines) {
    if (l.box.x1 <= g.b && l.box.x1 <= g.a + 1)
      ++left;
    else if (l.box.x0 >= g.a - 1)
      ++right;
  }
  if (left < 2 || right < 2) return false;
  *gutter = g;
  return true;
}

void Order(std::vector<Line> lines, int depth,
           std::vector<std::vector<Line>>* regions) {
  if (lines.size() <= 1 || depth > 12) {
    SortYX(lines);
    if (!lines.empty()) regions->push_back(std::move(lines));
    return;
  }
  // 1. A clean vertical cut (columns with nothing across them).
  std::vector<Interval> xg = XGaps(lines);
  const Interval* widest = nullptr;
  for (const Interval& g : xg)
    if (g.width() >= kMinGutter && (!widest || g.width() > widest->width()))
      widest = &g;
  if (widest) {
    // Only a real column split when both sides hold several lines or the
    // cut leaves a wide side; a lone label next to text is read row-wise.
    std::vector<Line> left, right;
    for (Line& l : lines)
      (l.box.x1 <= widest->a + 0.5 ? left : right).push_back(l);
    bool columnar = left.size() >= 2 && right.size() >= 2;
    if (columnar) {
      // Table rows (each left line has a right partner on its baseline) are
      // read row by row instead.
      size_t paired = 0;
      for (const Line& a : left)
        for (const Line& b : right)
          if (std::abs(CenterY(a.box) - CenterY(b.box)) <
              0.3 * std::max(1.0, a.box.height())) {
            ++paired;
            break;
          }
      double left_w = 0;
      for (const Line& a : left) left_w = std::max(left_w, a.box.width());
      double right_w = 0;
      for (const Line& b : right) right_w = std::max(right_w, b.box.width());
      bool table_like = paired * 10 >= left.size() * 8 &&
                        left_w < 0.6 * right_w &&
                        left.size() * 2 <= right.size() + 2;
      if (!table_like) {
        Order(std::move(left), depth + 1, regions);
        Order(std::move(right), depth + 1, regions);
        return;
      }
    }
  }
  // 2. Columns interrupted by full-width bands (titles, pull quotes).
  Interval gutter;
  if (FindGutter(lines, &gutter)) {
    SortYX(lines);
    std::vector<Line> section;
    bool any_band = false;
    std::vector<std::pair<bool, std::vector<Line>>> parts;  // (is_band, lines)
    for (Line& l : lines) {
      bool crosses = l.box.x0 < gutter.a - 1 && l.box.x1 > gutter.b + 1;
      if (crosses) {
        any_band = true;
        if (!section.empty()) parts.push_back({false, std::move(section)});
        section.clear();
        if (!parts.empty() && parts.back().first)
          parts.back().second.push_back(l);
        else
          parts.push_back({true, {l}});
      } else {
        section.push_back(l);
      }
    }
    if (!section.empty()) parts.push_back({false, std::move(section)});
    if (any_band && parts.size() > 1) {
      for (auto& [band, part] : parts) {
        if (band)
          regions->push_back(std::move(part));
        else
          Order(std::move(part), depth + 1, regions);
      }
      return;
    }
  }
  // 3. Horizontal slabs separated by a clear vertical gap (paragraph breaks).
  std::vector<Interval> yg = YGaps(lines);
  std::vector<double> heights;
  for (const Line& l : lines) heights.push_back(l.box.height());
  double med_h = Median(heights);
  std::vector<double> cuts;
  for (const Interval& g : yg)
    if (g.width() > 0.9 * med_h) cuts.push_back((g.a + g.b) / 2);
  if (!cuts.empty()) {
    std::vector<std::vector<Line>> slabs(cuts.size() + 1);
    for (Line& l : lines) {
      size_t k = std::upper_bound(cuts.begin(), cuts.end(), CenterY(l.box)) -
                 cuts.begin();
      slabs[k].push_back(l);
    }
    size_t nonempty = 0;
    for (auto& s : slabs) nonempty += !s.empty();
    if (nonempty > 1) {
      for (auto& s : slabs)
        if (!s.empty()) Order(std::move(s), depth + 1, regions);
      return;
    }
  }
  SortYX(lines);
  regions->push_back(std::move(lines));
}

}  // namespace

bool StartsListItem(const std::string& text) {
  static const char* kBullets[] = {
      "\xE2\x80\xA2",  "\xE2\x97\xA6", "\xE2\x96\xAA",
      "\xE2\x96\xA0",  "\xE2\x97\x8F", "\xE2\x9E\xA2",
      "\xE2\x80\x93 ", "- ",           "* "};
  for (const char* b : kBullets)
    if (text.rfind(b, 0) == 0) return true;
  unsigned char c0 = text.empty() ? 0 : text[0];
  if (c0 == 0xEE || (c0 == 0xEF && text.size() > 1 &&
                     static_cast<unsigned char>(text[1]) <= 0xA3))
    return true;  // private-use (Symbol/Wingdings) bullet
  // "1. ", "12) ", "a) "
  size_t k = 0;
  while (k < text.size() && k < 2 &&
         isdigit(static_cast<unsigned char>(text[k])))
    ++k;
  if (k == 0 && !text.empty() && text[0] >= 'a' && text[0] <= 'h') k = 1;
  return k > 0 && k + 1 < text.size() && (text[k] == '.' || text[k] == ')') &&
         text[k + 1] == ' ';
}

namespace {

int BlockStreamPos(const Block& b) {
  int pos = -1;
  for (const Line& l : b.lines)
    if (l.stream_pos >= 0 && (pos < 0 || l.stream_pos < pos))
      pos = l.stream_pos;
  return pos;
}

// How many consecutive block pairs read as one sentence running on (the
// stream order must win by two, so one accidental run-on changes nothing): the
// first ends mid-sentence (a letter, comma or hyphen) and the next starts in
// lower case.
int Continuations(const std::vector<const Block*>& order) {
  int n = 0;
  for (size_t i = 0; i + 1 < order.size(); ++i) {
    const std::string& a = order[i]->lines.back().text;
    const std::string& b = order[i + 1]->lines.front().text;
    if (a.empty() || b.empty()) continue;
    unsigned char end = a.back(), start = b.front();
    bool open = isalpha(end) || end == ',' || end == '-' || end >= 0x80;
    bool lower = islower(start) || (start == 0xC3 && b.size() > 1 &&
                                    static_cast<unsigned char>(b[1]) >= 0xA0);
    n += open && lower && !order[i]->heading && !order[i + 1]->list_item;
  }
  return n;
}

}  // namespace

void ChooseOrder(std::vector<Block>* blocks) {
  std::vector<const Block*> geometric, stream;
  for (const Block& b : *blocks) {
    if (BlockStreamPos(b) < 0) return;  // no stream positions (OCR, tests)
    geometric.push_back(&b);
  }
  stream = geometric;
  std::stable_sort(stream.begin(), stream.end(),
                   [](const Block* a, const Block* b) {
                     return BlockStreamPos(*a) < BlockStreamPos(*b);
                   });
  if (stream == geometric ||
      Continuations(stream) < Continuations(geometric) + 2)
    return;
  std::vector<Block> reordered;
  for (const Block* b : stream) reordered.push_back(*b);
  *blocks = std::move(reordered);
}

std::vector<Block> OrderBlocks(std::vector<Line> lines) {
  std::vector<Block> blocks;
  if (lines.empty()) return blocks;
  std::vector<double> sizes;
  for (const Line& l : lines) sizes.push_back(l.font_size);
  double body_size = Median(sizes);
  std::vector<std::vector<Line>> regions;
  Order(std::move(lines), 0, &regions);
  for (auto& region : regions) {
    // Rows were cut at every gap wider than 1 em so that table cells and
    // column gutters separate; inside one region, pieces of the same row
    // that sit close together are one line again (wide justified spaces).
    std::vector<Line> merged;
    for (Line& l : region) {
      if (!merged.empty()) {
        Line& prev = merged.back();
        double h = std::max(1.0, prev.box.height());
        double gap = l.box.x0 - prev.box.x1;
        if (std::abs(CenterY(l.box) - CenterY(prev.box)) < 0.3 * h &&
            gap >= 0 && gap < 2.0 * h) {
          prev.text += ' ';
          prev.text += l.text;
          prev.box.Extend(l.box);
          continue;
        }
      }
      merged.push_back(std::move(l));
    }
    region = std::move(merged);
    Block* cur = nullptr;
    for (Line& l : region) {
      bool start = cur == nullptr;
      if (cur) {
        const Line& prev = cur->lines.back();
        double h = std::max(1.0, std::max(prev.box.height(), l.box.height()));
        double gap = l.box.y0 - prev.box.y1;
        bool size_change = std::abs(l.font_size - prev.font_size) >
                           0.15 * std::max(1.0, prev.font_size);
        bool same_row = std::abs(CenterY(l.box) - CenterY(prev.box)) < 0.4 * h;
        start = gap > 0.8 * h || gap < -0.5 * h || size_change || same_row ||
                StartsListItem(l.text);
      }
      if (start) {
        blocks.push_back(Block{});
        cur = &blocks.back();
        cur->box = l.box;
        cur->font_size = l.font_size;
        cur->list_item = StartsListItem(l.text);
      }
      cur->box.Extend(l.box);
      cur->lines.push_back(std::move(l));
    }
  }
  ChooseOrder(&blocks);
  for (Block& b : blocks) {
    b.heading =
        body_size > 0 && b.font_size >= 1.18 * body_size && b.lines.size() <= 4;
  }
  return blocks;
}

std::vector<std::pair<size_t, size_t>> FindFields(
    const std::vector<Block>& blocks) {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t i = 0; i + 1 < blocks.size(); ++i) {
    const Block& k = blocks[i];
    const Block& v = blocks[i + 1];
    if (k.lines.empty() || v.lines.empty() || k.heading) continue;
    const Line& kl = k.lines.front();
    const Line& vl = v.lines.front();
    double h = std::max(1.0, kl.box.height());
    bool same_row = std::abs(CenterY(kl.box) - CenterY(vl.box)) < 0.5 * h;
    bool right = vl.box.x0 >= k.box.x1 + 4;
    size_t chars = 0, letters = 0;
    for (const Line& l : k.lines) {
      chars += l.text.size();
      for (unsigned char c : l.text) letters += isalpha(c) || c >= 0xC3;
    }
    const std::string& last = k.lines.back().text;
    char end = last.empty() ? ' ' : last.back();
    // A label: short, a word or two wide, not the tail of a sentence of a
    // neighbouring column ("…great strides have" beside the next column).
    double span = std::max(1.0, v.box.x1 - k.box.x0);
    bool short_label = chars <= 45 && letters >= 2 && k.lines.size() <= 2 &&
                       k.box.width() <= 0.42 * span && end != '.' &&
                       end != ',' && end != ';' &&
                       (isupper(static_cast<unsigned char>(kl.text[0])) ||
                        static_cast<unsigned char>(kl.text[0]) >= 0xC3);
    if (same_row && right && short_label) {
      out.push_back({i, i + 1});
      ++i;  // a value is not also a key
    }
  }
  return out;
}

}  // namespace planmine
