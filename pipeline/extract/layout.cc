#include "pipeline/extract/layout.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
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

const char* RegionKindName(RegionKind k) {
  switch (k) {
    case RegionKind::kText:
      return "text";
    case RegionKind::kColumn:
      return "column";
    case RegionKind::kBand:
      return "band";
    case RegionKind::kTable:
      return "table";
    case RegionKind::kInset:
      return "inset";
    case RegionKind::kFootnote:
      return "footnote";
    case RegionKind::kImage:
      return "image";
  }
  return "text";
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

// True when `a` ends mid-sentence and `b` starts in lower case: one
// sentence running on from a to b.
bool RunsOn(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return false;
  unsigned char end = a.back(), start = b.front();
  bool open = isalpha(end) || end == ',' || end == '-' || end >= 0x80;
  bool lower = islower(start) || (start == 0xC3 && b.size() > 1 &&
                                  static_cast<unsigned char>(b[1]) >= 0xA0);
  return open && lower;
}

// A footnote mark at the start of a line: digits, *, †, ‡ or superscripts.
bool StartsWithNoteMark(const std::string& t) {
  if (t.empty()) return false;
  unsigned char c = t[0];
  if (isdigit(c) || c == '*') return true;
  for (const char* m :
       {"\xE2\x80\xA0", "\xE2\x80\xA1", "\xC2\xB9", "\xC2\xB2", "\xC2\xB3",
        "\xE2\x81\xB0", "\xE2\x81\xB4", "\xE2\x81\xB5", "\xE2\x81\xB6",
        "\xE2\x81\xB7", "\xE2\x81\xB8", "\xE2\x81\xB9"})
    if (t.rfind(m, 0) == 0) return true;
  return false;
}

double WordSize(const Word* w) {
  return w->font_size > 0 ? w->font_size : w->box.height();
}

// A note or list mark standing alone: "1", "12.", "3)", "a)", "•", "*".
bool IsMark(const std::string& t) {
  if (t.empty() || t.size() > 4) return false;
  if (StartsListItem(t + " x")) return true;  // bullets, "1.", "a)"
  size_t k = 0;
  while (k < t.size() && isdigit(static_cast<unsigned char>(t[k]))) ++k;
  return k > 0 && k == t.size();
}

bool IsHyphen(const std::string& t) {
  return t == "-" || t == "\xE2\x80\x90" || t == "\xC2\xAD";
}

// A footnote mark set as a superscript against the word before it
// ("transparencia¹" drawn as "transparencia" "1", also after punctuation):
// digits in smaller type, raised, touching the word. Left out of the line, so
// the word is found.
bool IsFootnoteMark(const Word& prev, const Word& w, double gap) {
  if (w.text.empty() || w.text.size() > 3 || prev.text.empty()) return false;
  for (char c : w.text)
    if (!isdigit(static_cast<unsigned char>(c))) return false;
  double ps = WordSize(&prev), ws = WordSize(&w);
  double raised = CenterY(prev.box) - CenterY(w.box);
  return ws <= 0.8 * ps && raised >= 0.1 * prev.box.height() && gap < 0.15 * ps;
}

// A word that ends a sentence: two lower-case letters then ". : ? !"
// ("Accountability." but not "U.S." or "4.").
bool EndsSentence(const std::string& w) {
  if (w.size() < 3 || !std::strchr(".:?!", w.back())) return false;
  return islower(static_cast<unsigned char>(w[w.size() - 2])) &&
         islower(static_cast<unsigned char>(w[w.size() - 3]));
}

Line MakeLine(const std::vector<const Word*>& words) {
  Line l;
  l.box = words.front()->box;
  std::vector<double> sizes;
  size_t chars = 0, bold = 0, italic = 0, underline = 0;
  bool bold_run = true, underline_run = true;  // every word so far is
  l.family = words.front()->family;
  for (size_t i = 0; i < words.size(); ++i) {
    const Word* w = words[i];
    if (i) {
      // Glue boxes Poppler split inside one word: it says no space follows,
      // or the gap is far narrower than any word space (letter-spaced
      // Word exports give "infor" "mación" 0.11 em apart; word spaces are
      // 0.2 em or more); else one space. A line-end hyphen drawn apart from
      // its word is glued back ("out" "-").
      const Word* prev = words[i - 1];
      double size = std::max(
          1.0, prev->font_size > 0 ? prev->font_size : prev->box.height());
      double gap = w->box.x0 - prev->box.x1;
      if (IsFootnoteMark(*prev, *w, gap)) continue;
      bool letters = LetterAtEnd(prev->text) && LetterAtStart(w->text);
      bool hyphen = i + 1 == words.size() && IsHyphen(w->text) &&
                    LetterAtEnd(prev->text) && gap < 0.3 * size;
      bool glue =
          hyphen || (letters && (gap < 0.14 * size ||
                                 (!prev->space_after && gap < 0.18 * size)));
      if (!glue) l.text += ' ';
    }
    l.text += w->text;
    // The runs of bold and of underlined words the line opens with. A list
    // marker ("•", "–", "1.") before a run does not end it; a sentence end
    // inside it does (a run-in title, then a link or a bold phrase of the
    // text).
    bool marker = i == 0 && w->text.size() <= 3 &&
                  std::none_of(w->text.begin(), w->text.end(), [](char c) {
                    return isalpha(static_cast<unsigned char>(c)) != 0;
                  });
    bold_run = bold_run && (w->bold || marker);
    underline_run = underline_run && (w->underline || marker);
    if (bold_run) l.lead_bold = l.text.size();
    if (underline_run) l.lead_underline = l.text.size();
    if (EndsSentence(w->text)) bold_run = underline_run = false;
    if (w->family != l.family) l.family = 0;
    l.box.Extend(w->box);
    sizes.push_back(WordSize(w));
    chars += w->text.size();
    bold += w->bold ? w->text.size() : 0;
    italic += w->italic ? w->text.size() : 0;
    underline += w->underline ? w->text.size() : 0;
  }
  l.lead_emphasis = std::max(l.lead_bold, l.lead_underline);
  l.font_size = Median(sizes);
  l.bold = bold * 2 > chars;
  l.italic = italic * 2 > chars;
  l.underline = underline * 2 > chars;
  for (const Word* w : words)
    if (w->stream_pos >= 0 &&
        (l.stream_pos < 0 || w->stream_pos < l.stream_pos))
      l.stream_pos = w->stream_pos;
  return l;
}

using Row = std::vector<const Word*>;  // one baseline, left to right

// Rows: sort by vertical centre, then sweep; a word joins the current row
// when its centre lies within 40% of the row's first word height.
std::vector<Row> GroupRows(std::vector<const Word*> flat) {
  std::stable_sort(flat.begin(), flat.end(), [](const Word* a, const Word* b) {
    return CenterY(a->box) < CenterY(b->box);
  });
  std::vector<Row> rows;
  size_t i = 0;
  while (i < flat.size()) {
    double cy = CenterY(flat[i]->box);
    double h = std::max(1.0, flat[i]->box.height());
    size_t j = i + 1;
    while (j < flat.size() && CenterY(flat[j]->box) - cy <= 0.4 * h) ++j;
    Row row(flat.begin() + i, flat.begin() + j);
    std::stable_sort(row.begin(), row.end(), [](const Word* a, const Word* b) {
      return a->box.x0 < b->box.x0;
    });
    rows.push_back(std::move(row));
    i = j;
  }
  return rows;
}

// The page's typical word space as a fraction of the type size (the median
// of gaps between neighbours on a row, ignoring glued and very wide gaps).
double WordSpace(const std::vector<Row>& rows) {
  std::vector<double> r;
  for (const Row& row : rows)
    for (size_t k = 1; k < row.size(); ++k) {
      double size = std::max({WordSize(row[k - 1]), WordSize(row[k]), 1.0});
      double gap = row[k]->box.x0 - row[k - 1]->box.x1;
      if (gap > 0.08 * size && gap < 1.5 * size) r.push_back(gap / size);
    }
  if (r.size() < 8) return 0.3;
  return std::clamp(Median(r), 0.15, 0.6);
}

// A gap on a row wide enough to be a column gutter if rows agree on it.
struct Gap {
  double xl, xr;  // end of the word before, start of the word after
  size_t row;
};

// The narrowest gutter worth testing: clearly wider than a word space.
double CandidateGap(double word_space, double size) {
  return std::max(1.0 * word_space, 0.25) * size;
}

// All gaps alike (a line justified to its column's width, however wide
// its spaces): nothing in it is a cell gap.
bool EvenlySpaced(const Row& piece) {
  double lo = 1e18, hi = 0;
  for (size_t k = 1; k < piece.size(); ++k) {
    double g = piece[k]->box.x0 - piece[k - 1]->box.x1;
    lo = std::min(lo, g);
    hi = std::max(hi, g);
  }
  return piece.size() >= 3 && lo > 0 && hi <= 1.6 * lo;
}

enum class RowState { kCross, kGap, kFree };

// How row `r` meets the strip [a, b]: a word runs through it, or the strip
// is empty on this row.
RowState StateOf(const Row& row, double a, double b, double eps) {
  for (const Word* w : row) {
    if (w->box.x0 >= b - eps) break;
    if (w->box.x1 > a + eps) return RowState::kCross;
  }
  return RowState::kFree;
}

// A word that is a bullet and nothing else ("•", "○", "➢"; not a dash,
// which stands for an empty cell in tables).
bool IsBullet(const std::string& text) {
  return !text.empty() && text[0] != '-' && text[0] != '*' &&
         BulletLength(text + " ") == text.size() + 1;
}

// Gaps on a row wide enough to be a column gutter if rows agree on them:
// wider than the page's word space and than the spacing on either side (a
// gutter stands out from at least one of the lines it separates; a
// stretched space does not stand out from its own line).
std::vector<Gap> CandidateGaps(const std::vector<Row>& rows, double word_space,
                               double body) {
  std::vector<Gap> gaps;
  for (size_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    std::vector<double> g(row.size(), 0);
    for (size_t k = 1; k < row.size(); ++k)
      g[k] = std::max(0.0, row[k]->box.x0 - row[k - 1]->box.x1);
    // The spacing on either side of gap k, up to three gaps each way.
    auto local = [&](size_t k) {
      double best = 1e18;
      std::vector<double> l(g.begin() + std::max<size_t>(1, k > 3 ? k - 3 : 1),
                            g.begin() + k);
      std::vector<double> rr(g.begin() + std::min(row.size(), k + 1),
                             g.begin() + std::min(row.size(), k + 4));
      if (!l.empty()) best = std::min(best, Median(l));
      if (!rr.empty()) best = std::min(best, Median(rr));
      return best < 1e17 ? best : word_space * body;
    };
    for (size_t k = 1; k < row.size(); ++k) {
      double own = local(k);
      double size = std::max({WordSize(row[k - 1]), WordSize(row[k]), 1.0});
      double xl = row[k - 1]->box.x1, xr = row[k]->box.x0;
      if (!std::isfinite(xl) || !std::isfinite(xr)) continue;
      // A lone list marker ("•", "1.", "a)") before a hanging indent is
      // not a column of its own: at the start of the row, or a bullet at
      // the start of a column's part of it (a wide gap before it; a short
      // word or number there is a table's cell).
      bool marker = k == 1 ? row[0]->text.size() <= 3
                           : IsBullet(row[k - 1]->text) &&
                                 g[k - 1] >= CandidateGap(word_space, size);
      if (!marker && xr - xl >= CandidateGap(word_space, size) &&
          xr - xl >= 1.3 * own)
        gaps.push_back({xl, xr, r});
    }
  }
  return gaps;
}

// One group of aligned gaps, the strip [a, b] all of them leave free: an
// edge over each vertical run of rows that no word crosses, when at least
// three of that run's rows align on it. `side` 0: the text after the gaps
// starts at b; 1: the text before them ends at a.
void EdgesOfGroup(const std::vector<Row>& rows, const std::set<size_t>& members,
                  double a, double b, int side, double tol, double eps,
                  std::vector<ColumnEdge>* edges) {
  size_t first = rows.size(), last = 0;
  int support = 0;
  auto flush = [&] {
    if (support >= 3) {
      Box box{a, 1e18, b, -1e18};
      for (size_t r = first; r <= last; ++r)
        for (const Word* w : rows[r]) {
          box.y0 = std::min(box.y0, w->box.y0);
          box.y1 = std::max(box.y1, w->box.y1);
        }
      edges->push_back({box, support});
    }
    first = rows.size();
    support = 0;
  };
  // The edge spans the rows that show it: members, and rows whose text
  // starts (or ends) on it with nothing on the other side.
  auto shows = [&](size_t r) {
    if (members.count(r)) return true;
    for (const Word* w : rows[r])
      if (std::abs((side == 0 ? w->box.x0 : w->box.x1) - (side == 0 ? b : a)) <=
          tol)
        return true;
    return false;
  };
  for (size_t r = 0; r < rows.size(); ++r) {
    if (StateOf(rows[r], a, b, eps) == RowState::kCross) {
      flush();
      continue;
    }
    if (!shows(r)) continue;
    if (first == rows.size()) first = r;
    last = r;
    support += members.count(r) > 0;
  }
  flush();
}

// A strip found from both sides (or by two groups) is one edge: the better
// supported one, over both vertical extents.
std::vector<ColumnEdge> MergeEdges(std::vector<ColumnEdge> edges) {
  std::sort(edges.begin(), edges.end(),
            [](const ColumnEdge& p, const ColumnEdge& q) {
              return p.support > q.support;
            });
  std::vector<ColumnEdge> out;
  for (const ColumnEdge& e : edges) {
    bool dup = false;
    for (ColumnEdge& o : out)
      if (e.strip.x0 < o.strip.x1 && o.strip.x0 < e.strip.x1 &&
          e.strip.y0 < o.strip.y1 && o.strip.y0 < e.strip.y1) {
        o.strip.y0 = std::min(o.strip.y0, e.strip.y0);
        o.strip.y1 = std::max(o.strip.y1, e.strip.y1);
        dup = true;
        break;
      }
    if (!dup) out.push_back(e);
  }
  return out;
}

// An edge that is the hanging indent of a list: on every row where a word
// ends against its left side (within one body size), that word is a
// bullet, twice at least. Rows whose text only starts on its right (an
// item's later lines) say nothing.
bool HangingIndent(const ColumnEdge& e, const std::vector<Row>& rows,
                   double body) {
  int bullets = 0;
  for (const Row& row : rows) {
    if (row.empty() || row.front()->box.y1 < e.strip.y0 ||
        row.front()->box.y0 > e.strip.y1)
      continue;
    const Word* left = nullptr;
    for (const Word* w : row)
      if (w->box.x1 <= e.strip.x0 + 0.1 * body) left = w;
    if (left == nullptr || left->box.x1 < e.strip.x0 - body) continue;
    if (!IsBullet(left->text)) return false;
    ++bullets;
  }
  return bullets >= 2;
}

// Column edges from alignment: candidate gaps grouped by where the text
// after them starts (left-aligned columns) or where the text before them
// ends (right-aligned ones), each group tested over the rows.
std::vector<ColumnEdge> FindEdges(const std::vector<Row>& rows,
                                  double word_space, double body) {
  std::vector<Gap> gaps = CandidateGaps(rows, word_space, body);
  std::vector<ColumnEdge> edges;
  const double tol = std::max(0.5, 0.15 * body), eps = 0.1 * body;
  // Each group scans every row: a hostile page of scattered tiny words
  // must not make that quadratic. Past the budget, no more edges.
  size_t words = 0;
  for (const Row& row : rows) words += row.size();
  long budget = 40'000'000;
  for (int side = 0; side < 2; ++side) {  // 0: starts align, 1: ends align
    auto key = [side](const Gap& g) { return side == 0 ? g.xr : g.xl; };
    std::sort(gaps.begin(), gaps.end(),
              [&](const Gap& p, const Gap& q) { return key(p) < key(q); });
    for (size_t i = 0; i < gaps.size();) {
      size_t j = i + 1;
      while (j < gaps.size() && key(gaps[j]) - key(gaps[j - 1]) <= tol) ++j;
      if (j - i >= 3 && (budget -= static_cast<long>(words)) > 0) {
        double a = -1e18, b = 1e18;
        std::set<size_t> members;
        for (size_t k = i; k < j; ++k) {
          a = std::max(a, gaps[k].xl);
          b = std::min(b, gaps[k].xr);
          members.insert(gaps[k].row);
        }
        if (b - a >= CandidateGap(word_space, body) * 0.8)
          EdgesOfGroup(rows, members, a, b, side, tol, eps, &edges);
      }
      i = j;
    }
  }
  edges = MergeEdges(std::move(edges));
  edges.erase(std::remove_if(edges.begin(), edges.end(),
                             [&](const ColumnEdge& e) {
                               return HangingIndent(e, rows, body);
                             }),
              edges.end());
  return edges;
}

bool SplitsAt(const std::vector<ColumnEdge>& edges, double xl, double xr,
              double cy, double eps) {
  for (const ColumnEdge& e : edges)
    if (xl <= e.strip.x0 + eps && xr >= e.strip.x1 - eps && cy >= e.strip.y0 &&
        cy <= e.strip.y1)
      return true;
  return false;
}

// Joins collinear pieces of one rule (a grid drawn cell by cell).
void JoinRules(std::vector<Box>* rules, bool horizontal) {
  auto pos = [&](const Box& b) {
    return horizontal ? CenterY(b) : (b.x0 + b.x1) / 2;
  };
  auto lo = [&](const Box& b) { return horizontal ? b.x0 : b.y0; };
  auto hi = [&](const Box& b) { return horizontal ? b.x1 : b.y1; };
  std::sort(rules->begin(), rules->end(), [&](const Box& a, const Box& b) {
    if (std::abs(pos(a) - pos(b)) > 1.0) return pos(a) < pos(b);
    return lo(a) < lo(b);
  });
  std::vector<Box> out;
  for (const Box& r : *rules) {
    if (!out.empty() && std::abs(pos(out.back()) - pos(r)) <= 1.0 &&
        lo(r) <= hi(out.back()) + 2.0) {
      out.back().Extend(r);
      continue;
    }
    out.push_back(r);
  }
  *rules = std::move(out);
}

// Rotated words that sit between the horizontal text's left and right
// edges (a table's column headers turned 90 degrees) are body text: each
// vertical run becomes one line, read in its own direction. They are taken out
// of `rotated`; what stays there (a label turned up the margin) is furniture.
std::vector<Line> TurnedLines(const std::vector<const Word*>& flat,
                              std::vector<const Word*>* rotated) {
  Box text;
  bool any = false;
  for (const Word* w : flat) {
    if (!std::isfinite(w->box.x0) || !std::isfinite(w->box.y1)) continue;
    if (!any) text = w->box;
    text.Extend(w->box);
    any = true;
  }
  std::vector<const Word*> inside, outside;
  for (const Word* w : *rotated) {
    double cx = (w->box.x0 + w->box.x1) / 2;
    bool in = any && (w->rotation == 1 || w->rotation == 3) && cx > text.x0 &&
              cx < text.x1;
    (in ? inside : outside).push_back(w);
  }
  *rotated = std::move(outside);
  std::stable_sort(
      inside.begin(), inside.end(),
      [](const Word* a, const Word* b) { return a->box.x0 < b->box.x0; });
  std::vector<Line> out;
  std::vector<const Word*> run;
  auto flush = [&] {
    if (run.empty()) return;
    bool down = run.front()->rotation == 1;
    std::stable_sort(run.begin(), run.end(), [&](const Word* a, const Word* b) {
      return down ? a->box.y0 < b->box.y0 : a->box.y1 > b->box.y1;
    });
    Line l;
    l.box = run.front()->box;
    std::vector<double> sizes;
    for (const Word* w : run) {
      l.text += (l.text.empty() ? "" : " ") + w->text;
      l.box.Extend(w->box);
      sizes.push_back(w->font_size > 0 ? w->font_size : w->box.width());
      if (w->stream_pos >= 0 &&
          (l.stream_pos < 0 || w->stream_pos < l.stream_pos))
        l.stream_pos = w->stream_pos;
    }
    l.font_size = Median(sizes);
    out.push_back(std::move(l));
    run.clear();
  };
  for (const Word* w : inside) {
    if (!run.empty()) {
      const Word* p = run.back();
      double w_min = std::max(1.0, std::min(p->box.width(), w->box.width()));
      if (w->rotation != p->rotation ||
          std::abs((w->box.x0 + w->box.x1) / 2 - (p->box.x0 + p->box.x1) / 2) >
              0.5 * w_min)
        flush();
    }
    run.push_back(w);
  }
  flush();
  return out;
}

}  // namespace

void JoinRules(LayoutHints* hints) {
  JoinRules(&hints->hrules, true);
  JoinRules(&hints->vrules, false);
}

// A vertical rule (a table's cell border) drawn in the gap [xl, xr] at
// height y: the words on either side are in different cells.
bool RuleBetween(const std::vector<Box>& vrules, double xl, double xr,
                 double y) {
  if (vrules.size() > 2000) return false;  // bounded
  for (const Box& r : vrules) {
    double x = (r.x0 + r.x1) / 2;
    if (x > xl && x < xr && y >= r.y0 && y <= r.y1) return true;
  }
  return false;
}

void MarkUnderlines(const std::vector<Box>& hrules, std::vector<Word>* words) {
  if (hrules.size() > 2000 || words->size() > 100000) return;  // bounded
  for (const Box& r : hrules) {
    // The words standing on the rule: their bottom (descenders) reaches it
    // or it lies just below them, and they overlap it.
    std::vector<Word*> on;
    double covered = 0, lo = 1e18, hi = -1e18;
    for (Word& w : *words) {
      if (w.rotation != 0) continue;
      double size = std::max(1.0, w.font_size);
      double cy = (r.y0 + r.y1) / 2;
      if (r.height() > std::max(1.5, 0.15 * size)) continue;
      if (cy < (w.box.y0 + w.box.y1) / 2 || cy > w.box.y1 + 0.3 * size)
        continue;
      double overlap = std::min(r.x1, w.box.x1) - std::max(r.x0, w.box.x0);
      if (overlap < 0.7 * w.box.width()) continue;
      on.push_back(&w);
      covered += overlap;
      lo = std::min(lo, w.box.x0);
      hi = std::max(hi, w.box.x1);
    }
    if (on.empty()) continue;
    // An underline runs under its words and no further; a table's rule runs
    // on past the text of its cells, or across the gaps between them. A
    // justified line's underline also runs across its stretched spaces:
    // then it ends where the words end and the spaces are all alike.
    double em = std::max(1.0, on.front()->font_size);
    if (r.x0 < lo - em || r.x1 > hi + em) continue;
    if (covered < 0.7 * r.width()) {
      std::sort(on.begin(), on.end(), [](const Word* a, const Word* b) {
        return a->box.x0 < b->box.x0;
      });
      double narrowest = 1e18, widest = 0;
      for (size_t k = 1; k < on.size(); ++k) {
        double gap = on[k]->box.x0 - on[k - 1]->box.x1;
        narrowest = std::min(narrowest, gap);
        widest = std::max(widest, gap);
      }
      bool justified = on.size() >= 3 && std::abs(r.x0 - lo) < 0.25 * em &&
                       std::abs(r.x1 - hi) < 0.25 * em &&
                       widest - narrowest < 0.5 * em;
      if (!justified) continue;
    }
    for (Word* w : on) w->underline = true;
  }
}

PageLines BuildLines(const std::vector<Word>& words, double page_width,
                     double page_height, const std::vector<Box>& vrules) {
  PageLines out;
  out.width = page_width;
  out.height = page_height;
  std::vector<const Word*> flat;
  std::vector<const Word*> rotated;
  std::vector<double> sizes;
  for (const Word& w : words) {
    if (TrimAscii(w.text).empty()) continue;
    (w.rotation == 0 ? flat : rotated).push_back(&w);
    if (w.rotation == 0) sizes.push_back(WordSize(&w));
  }
  std::vector<Line> turned = TurnedLines(flat, &rotated);
  // Other rotated words: keep their text out of the body, one string.
  if (!rotated.empty()) {
    std::string run;
    for (const Word* w : rotated) {
      if (!run.empty()) run += ' ';
      run += w->text;
    }
    out.rotated.push_back(run);
  }
  std::vector<Row> rows = GroupRows(std::move(flat));
  const double body = std::max(1.0, Median(sizes));
  out.word_space = WordSpace(rows);
  out.hints.edges = FindEdges(rows, out.word_space, body);
  // Split rows at column edges; then each piece at gaps wider than 1 em (a
  // table cell gap) — unless the piece is a justified line: its ends aligned
  // with a neighbouring row's piece and its gaps all alike (or a single gap:
  // two words stretched).
  std::vector<std::vector<Row>> pieces(rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    pieces[r].emplace_back();
    for (const Word* w : rows[r]) {
      Row& cur = pieces[r].back();
      if (!cur.empty()) {
        const Word* prev = cur.back();
        double gap = w->box.x0 - prev->box.x1;
        bool overlap_y = std::min(prev->box.y1, w->box.y1) -
                             std::max(prev->box.y0, w->box.y0) >
                         0.3 * std::min(prev->box.height(), w->box.height());
        if (!overlap_y ||
            (gap > 0 && SplitsAt(out.hints.edges, prev->box.x1, w->box.x0,
                                 CenterY(w->box), 0.1 * body)) ||
            (gap > 0 &&
             RuleBetween(vrules, prev->box.x1, w->box.x0, CenterY(w->box))))
          pieces[r].emplace_back();
      }
      pieces[r].back().push_back(w);
    }
  }
  auto aligned_nearby = [&](size_t r, const Row& piece) {
    double x0 = piece.front()->box.x0, x1 = piece.back()->box.x1;
    for (size_t q = r > 4 ? r - 4 : 0; q < std::min(rows.size(), r + 5); ++q) {
      if (q == r) continue;
      for (const Row& o : pieces[q])
        if (std::abs(o.front()->box.x0 - x0) < 0.25 * body &&
            std::abs(o.back()->box.x1 - x1) < 0.25 * body && o.size() >= 3)
          return true;
    }
    return false;
  };
  for (size_t r = 0; r < rows.size(); ++r) {
    for (const Row& piece : pieces[r]) {
      // A list item's first line is justified after its marker ("–
      // Modernização        do     sistema"): judged without the marker,
      // whose own gap differs and which hangs left of the lines below.
      Row text = piece;
      if (text.size() >= 3 && IsMark(text.front()->text))
        text.erase(text.begin());
      const bool justified =
          (text.size() == 2 || EvenlySpaced(text)) && aligned_nearby(r, text);
      std::vector<const Word*> cur;
      for (const Word* w : piece) {
        if (!cur.empty()) {
          const Word* prev = cur.back();
          double size = std::max(
              {prev->font_size, w->font_size, prev->box.height() * 0.8, 1.0});
          double gap = w->box.x0 - prev->box.x1;
          // A note or list mark hanging before its text ("1   Report of
          // ...", "•   item") stays with it.
          // A bullet hangs so in any column; a number only in the first
          // (elsewhere it may be a table's cell).
          bool hanging =
              cur.size() == 1 && gap < 2.5 * size &&
              ((&piece == &pieces[r].front() && IsMark(prev->text)) ||
               IsBullet(prev->text));
          if (!justified && !hanging && gap > 1.0 * size) {
            out.lines.push_back(MakeLine(cur));
            cur.clear();
          }
        }
        cur.push_back(w);
      }
      if (!cur.empty()) out.lines.push_back(MakeLine(cur));
    }
  }
  out.lines.insert(out.lines.end(), turned.begin(), turned.end());
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

// "Action Plan | page 1", "Informe 2021 · Página 3 de 9", "Edição 136 -
// Página 4": a margin line with a page number as one of its parts.
bool HasPageNumberPart(const std::string& text) {
  static const char* kSeparators[] = {
      "|", "\xC2\xB7", "\xE2\x80\x94", "\xE2\x80\x93", "\xE2\x80\xA2", " - "};
  for (const char* sep : kSeparators) {
    size_t at = 0, next;
    std::string s(sep);
    if (text.find(s) == std::string::npos) continue;
    do {
      next = text.find(s, at);
      std::string part = text.substr(
          at, next == std::string::npos ? std::string::npos : next - at);
      bool word = false;  // a bare number is not enough beside a separator
      for (char c : part) word |= isalpha(static_cast<unsigned char>(c));
      if (word && LooksLikePageNumber(part)) return true;
      at = next + s.size();
    } while (next != std::string::npos);
  }
  return false;
}

// A line in the top margin with a horizontal rule between it and the body
// (fancyhdr's and many templates' header rule): a running header, even on a
// page of its own.
bool RuledOffHeader(const PageLines& page, size_t i, double body) {
  const Line& l = page.lines[i];
  if (page.lines.size() > 5000) return false;  // no quadratic work
  // Not larger than the body (a title under a rule is content), and with a
  // body below it to be ruled off from.
  if (l.box.y1 > page.height * 0.12 || l.font_size > 1.05 * body) return false;
  double body_top = 1e18;
  for (size_t k = 0; k < page.lines.size(); ++k)
    if (k != i && page.lines[k].box.y0 > l.box.y1)
      body_top = std::min(body_top, page.lines[k].box.y0);
  if (body_top >= 1e17) return false;
  // A table's first row is ruled off too, but it sits in a grid: vertical
  // rules run through it, or the body starts right under the rule.
  for (const Box& v : page.hints.vrules)
    if (v.y0 < l.box.y1 && v.y1 > l.box.y0) return false;
  double h = std::max(1.0, l.box.height());
  for (const Box& r : page.hints.hrules) {
    double y = CenterY(r);
    if (y >= l.box.y1 - 0.5 && y <= l.box.y1 + 1.5 * h && body_top - y >= h &&
        r.x0 <= l.box.x1 && r.x1 >= l.box.x0 && r.width() >= 0.5 * page.width)
      return true;
  }
  return false;
}

// A margin line set apart even on a page of its own: smaller type than the
// body, nothing beside it but other margin lines, and a gap of two of its
// lines or more to the body (a running header or footer that does not
// repeat, or a one-page document's). A footnote (it starts with a mark) is
// body text.
// The nearest line towards the body from margin line i (lines on its own
// row aside): the gap to it, and its index (-1 when there is none).
std::pair<double, int> NearestTowardsBody(const PageLines& page, size_t i) {
  const Line& l = page.lines[i];
  bool top = l.box.y1 <= page.height * 0.12;
  double nearest = 1e18, h = std::max(1.0, l.box.height());
  int at = -1;
  for (size_t k = 0; k < page.lines.size(); ++k) {
    const Line& o = page.lines[k];
    if (k == i || std::abs(CenterY(o.box) - CenterY(l.box)) < 0.5 * h) continue;
    double gap = top ? o.box.y0 - l.box.y1 : l.box.y0 - o.box.y1;
    if (gap > -0.5 * h && gap < nearest) {
      nearest = gap;
      at = static_cast<int>(k);
    }
  }
  return {nearest, at};
}

// A footnote's mark drawn raised apart from its text (a row of its own): the
// lone mark and the text starting just right of it, overlapping it in
// height. Neither is furniture.
bool NoteMarkPair(const PageLines& page, size_t i, double body) {
  const Line& l = page.lines[i];
  if (page.lines.size() > 5000) return false;  // no quadratic work
  // A mark raised above its text's baseline or set smaller (a page number
  // beside a footer's title shares its baseline and size).
  auto marks = [&](const Line& m, const Line& t) {
    bool raised = m.box.y1 < t.box.y1 - 0.15 * t.box.height() ||
                  m.font_size < 0.85 * t.font_size;
    return raised && m.text.size() <= 3 && StartsWithNoteMark(m.text) &&
           t.box.x0 >= m.box.x1 - 0.5 && t.box.x0 - m.box.x1 < 2.5 * body;
  };
  for (const Line& o : page.lines) {
    if (&o == &l || o.box.y0 >= l.box.y1 || l.box.y0 >= o.box.y1) continue;
    if (marks(l, o) || marks(o, l)) return true;
  }
  return false;
}

bool IsolatedMarginLine(const PageLines& page, size_t i, double body) {
  const Line& l = page.lines[i];
  if (page.lines.size() > 5000) return false;  // no quadratic work
  if (body <= 0 || l.font_size > 0.9 * body || !InMargin(l, page.height))
    return false;
  bool top = l.box.y1 <= page.height * 0.12;
  if (!top && StartsWithNoteMark(l.text)) return false;
  double h = std::max(1.0, l.box.height());
  auto [nearest, at] = NearestTowardsBody(page, i);
  if (at < 0) return false;
  if (nearest >= 2 * h) return true;
  // Small type over a title (larger type than the body's) with more than a
  // line's space between: a header above the document's first heading.
  return top && nearest >= 0.8 * h &&
         page.lines[at].font_size > 1.15 * std::max(body, l.font_size);
}

// A margin row split into parts at both edges of the text ("Plan 2023-2025
// .......... Draft edition"): one part starts at the text's left edge, one
// ends at its right edge, a wide gap between them, nothing starts below the
// right part as a table column would, and the row stands apart from the
// body. A running header or footer even on a page of its own.
bool SplitMarginRow(const PageLines& page, size_t i, double body) {
  const Line& l = page.lines[i];
  if (page.lines.size() > 5000) return false;  // no quadratic work
  if (body <= 0 || l.font_size > 1.05 * body || !InMargin(l, page.height))
    return false;
  double h = std::max(1.0, l.box.height());
  std::vector<const Line*> row;
  double left = 1e18, right = -1e18;  // the text's edges off this row
  for (const Line& o : page.lines) {
    if (std::abs(CenterY(o.box) - CenterY(l.box)) < 0.5 * h) {
      row.push_back(&o);
    } else {
      left = std::min(left, o.box.x0);
      right = std::max(right, o.box.x1);
    }
  }
  if (row.size() < 2 || row.size() > 3 || right <= left) return false;
  std::sort(row.begin(), row.end(),
            [](const Line* a, const Line* b) { return a->box.x0 < b->box.x0; });
  const Line& first = *row.front();
  const Line& last = *row.back();
  double tol = std::max(l.font_size, 1.0);
  if (std::abs(first.box.x0 - left) > tol ||
      std::abs(last.box.x1 - right) > tol)
    return false;
  double widest_gap = 0;
  for (size_t k = 1; k < row.size(); ++k)
    widest_gap = std::max(widest_gap, row[k]->box.x0 - row[k - 1]->box.x1);
  if (widest_gap < 0.25 * (right - left)) return false;
  for (const Line& o : page.lines)
    if (std::abs(o.box.x0 - last.box.x0) < 0.5 * tol &&
        std::abs(CenterY(o.box) - CenterY(l.box)) >= 0.5 * h)
      return false;
  double nearest = NearestTowardsBody(page, i).first;
  return nearest >= 1.5 * h && nearest < 1e17;
}

// Lines printed with the same text at the same place on at least `need`
// pages, in the top or bottom fifth of the page, with nothing else on their
// row: a running header, a "DRAFT" stamp or a logo line, whatever its type
// size (text that the body repeats moves with the body).
std::vector<std::vector<bool>> SamePlaceRepeats(
    const std::vector<PageLines>& pages, size_t need) {
  std::vector<std::vector<bool>> out(pages.size());
  std::map<std::string, std::vector<std::pair<size_t, const Line*>>> by_text;
  for (size_t p = 0; p < pages.size(); ++p) {
    out[p].assign(pages[p].lines.size(), false);
    for (const Line& l : pages[p].lines) {
      double h = pages[p].height;
      if (l.box.y1 <= 0.2 * h || l.box.y0 >= 0.8 * h)
        by_text[l.text].push_back({p, &l});
    }
  }
  auto same_place = [](const Box& a, const Box& b) {
    double tol = std::max(1.0, 0.2 * std::min(a.height(), b.height()));
    return std::abs(a.x0 - b.x0) <= tol && std::abs(a.x1 - b.x1) <= tol &&
           std::abs(a.y0 - b.y0) <= tol && std::abs(a.y1 - b.y1) <= tol;
  };
  std::set<std::pair<size_t, const Line*>> repeated;
  for (auto& [text, at] : by_text) {
    if (at.size() < need || at.size() > 5000) continue;  // no quadratic work
    for (const auto& [p, l] : at) {
      std::set<size_t> on;
      for (const auto& [q, o] : at)
        if (same_place(l->box, o->box)) on.insert(q);
      if (on.size() >= need) repeated.insert({p, l});
    }
  }
  for (size_t p = 0; p < pages.size(); ++p) {
    const std::vector<Line>& lines = pages[p].lines;
    if (lines.size() > 5000) continue;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (!repeated.count({p, &lines[i]})) continue;
      bool alone = true;
      for (const Line& o : lines)
        alone &= &o == &lines[i] || o.box.y0 >= lines[i].box.y1 ||
                 lines[i].box.y0 >= o.box.y1 || repeated.count({p, &o}) > 0;
      out[p][i] = alone;
    }
  }
  return out;
}

}  // namespace

namespace {

// What the margin lines of a document repeat, by signature (digits as #).
struct MarginRepeats {
  std::map<std::string, std::set<size_t>> pages_with;
  std::map<std::string, int> exact;  // margin lines by their exact text
  // Per signature, its last number less the page's index: one value when
  // the number runs with the pages (a page or sheet number).
  std::map<std::string, std::set<long>> offsets;
};

MarginRepeats CountMarginRepeats(const std::vector<PageLines>& pages) {
  MarginRepeats r;
  for (size_t p = 0; p < pages.size(); ++p) {
    for (const Line& l : pages[p].lines) {
      if (!InMargin(l, pages[p].height)) continue;
      std::string sig = Signature(l.text);
      r.pages_with[sig].insert(p);
      ++r.exact[l.text];
      size_t d = l.text.find_last_of("0123456789");
      if (d != std::string::npos) {
        while (d > 0 && l.text[d - 1] >= '0' && l.text[d - 1] <= '9') --d;
        r.offsets[sig].insert(std::strtol(l.text.c_str() + d, nullptr, 10) -
                              static_cast<long>(p));
      }
    }
  }
  return r;
}

// A numbered heading set at the top of every page of a page-per-unit
// layout ("Compromiso #2" over its title) repeats with its number changing
// on every page, but it touches the text it heads; or it stands within a
// line of it and its number does not run with the pages (a unit's own, not
// a page or sheet number). A running header stands apart (and one that
// never changes is furniture wherever it stands).
bool HeadsItsText(const PageLines& page, size_t i, const std::string& sig,
                  MarginRepeats& repeats) {
  const Line& l = page.lines[i];
  if (sig.find('#') == std::string::npos || repeats.exact[l.text] != 1 ||
      page.lines.size() > 5000)
    return false;
  auto [gap, at] = NearestTowardsBody(page, i);
  double h = std::max(1.0, l.box.height());
  bool own_number = repeats.offsets[sig].size() > 1;
  return at >= 0 && (gap < 0.5 * h || (own_number && gap < h));
}

// Where the body reaches on `page`: the top of its highest and the bottom
// of its lowest line that is neither furniture nor recurring (its text,
// digits aside, in the margin of many pages). A line marked for repeating
// stands among the body when the body reaches past it towards its page's
// edge (a form's label under each sheet's own title); a running header has
// nothing but furniture between it and its edge. (What shares its row is
// no evidence: a header's part that varies, "Edição 136 - Página 4", is not
// always known for furniture.)
struct BodyReach {
  double top = 1e18, bottom = -1e18;
  BodyReach(const PageLines& page, const std::vector<bool>& marks,
            const std::vector<bool>& recurring) {
    for (size_t k = 0; k < page.lines.size(); ++k) {
      if (marks[k] || recurring[k]) continue;
      top = std::min(top, page.lines[k].box.y1);
      bottom = std::max(bottom, page.lines[k].box.y0);
    }
  }
  bool Beyond(const Line& l, double page_height) const {
    return CenterY(l.box) < page_height / 2 ? top <= l.box.y0
                                            : bottom >= l.box.y1;
  }
};

// Unmarks the lines marked only for repeating whose text, on at least half
// of the pages that print it, stands among the body (BodyReach): the labels
// of a one-sheet-per-page form repeat at the same place on every sheet but
// are content. `repeat_only[p][i]`: marked by a repetition rule and by no
// other; `recurring[p][i]`: a repeat, marked or not (never evidence of the
// body). Runs until nothing changes: a label unmarked can bring the one
// below it into the body.
void KeepRepeatsAmongBody(const std::vector<PageLines>& pages,
                          const std::vector<std::vector<bool>>& repeat_only,
                          const std::vector<std::vector<bool>>& recurring,
                          std::vector<std::vector<bool>>* marks) {
  for (int round = 0; round < 8; ++round) {
    // Per text (digits as #): pages printing it, pages where it is body.
    std::map<std::string, std::pair<int, int>> votes;
    for (size_t p = 0; p < pages.size(); ++p) {
      BodyReach reach(pages[p], (*marks)[p], recurring[p]);
      for (size_t i = 0; i < pages[p].lines.size(); ++i) {
        if (!repeat_only[p][i] || !(*marks)[p][i]) continue;
        const Line& l = pages[p].lines[i];
        auto& [printed, body] = votes[Signature(l.text)];
        ++printed;
        body += reach.Beyond(l, pages[p].height) ? 1 : 0;
      }
    }
    bool changed = false;
    for (size_t p = 0; p < pages.size(); ++p)
      for (size_t i = 0; i < pages[p].lines.size(); ++i) {
        if (!repeat_only[p][i] || !(*marks)[p][i]) continue;
        const auto& [printed, body] = votes[Signature(pages[p].lines[i].text)];
        if (2 * body < printed) continue;
        (*marks)[p][i] = false;
        changed = true;
      }
    if (!changed) return;
  }
}

}  // namespace

std::vector<std::vector<bool>> FindFurniture(
    const std::vector<PageLines>& pages) {
  std::vector<std::vector<bool>> marks(pages.size());
  for (size_t p = 0; p < pages.size(); ++p)
    marks[p].assign(pages[p].lines.size(), false);
  MarginRepeats repeats = CountMarginRepeats(pages);
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
  std::vector<std::vector<bool>> same_place;
  if (n >= 3) same_place = SamePlaceRepeats(pages, need);
  // Lines marked for repeating and for nothing else: KeepRepeatsAmongBody
  // judges them again once every page's marks are known.
  std::vector<std::vector<bool>> repeat_only(n), recurring(n);
  for (size_t p = 0; p < n; ++p) {
    repeat_only[p].assign(pages[p].lines.size(), false);
    recurring[p].assign(pages[p].lines.size(), false);
    for (size_t i = 0; i < pages[p].lines.size(); ++i) {
      const Line& l = pages[p].lines[i];
      bool other = LooksLikePageNumber(l.text) || HasPageNumberPart(l.text);
      if (!same_place.empty() && same_place[p][i]) {
        marks[p][i] = recurring[p][i] = true;
        repeat_only[p][i] = !other;
        continue;
      }
      if (!InMargin(l, pages[p].height)) continue;
      bool small = body_size <= 0 || l.font_size <= 1.15 * body_size;
      // Two pages are thin evidence: a footer repeated on both is furniture
      // only in smaller type than the body or with a number that varies.
      std::string sig = Signature(l.text);
      recurring[p][i] = n >= 2 && repeats.pages_with[sig].size() >= need;
      bool top = l.box.y1 <= pages[p].height * 0.12;
      bool thin = n == 2 && !top && l.font_size >= 0.95 * body_size &&
                  sig.find('#') == std::string::npos;
      bool heads_text = HeadsItsText(pages[p], i, sig, repeats);
      if (!top && l.font_size < 0.95 * body_size &&
          NoteMarkPair(pages[p], i, body_size))
        continue;
      other = other || RuledOffHeader(pages[p], i, body_size) ||
              IsolatedMarginLine(pages[p], i, body_size) ||
              SplitMarginRow(pages[p], i, body_size);
      bool repeated = n >= 2 && small && !thin && !heads_text &&
                      repeats.pages_with[sig].size() >= need;
      marks[p][i] = other || repeated;
      repeat_only[p][i] = repeated && !other;
    }
  }
  KeepRepeatsAmongBody(pages, repeat_only, recurring, &marks);
  // A page number set above the bottom margin (or below the top one): the
  // last (first) line of its page, alone on its row.
  for (size_t p = 0; p < n; ++p) {
    const PageLines& pl = pages[p];
    if (pl.lines.size() > 5000) continue;  // no quadratic work
    for (size_t i = 0; i < pl.lines.size(); ++i) {
      const Line& l = pl.lines[i];
      if (marks[p][i] || !LooksLikePageNumber(l.text) ||
          NoteMarkPair(pl, i, body_size))
        continue;
      bool below = false, above = false, beside = false;
      for (size_t k = 0; k < pl.lines.size(); ++k) {
        if (k == i || marks[p][k]) continue;
        const Line& o = pl.lines[k];
        below |= o.box.y0 >= l.box.y1;
        above |= o.box.y1 <= l.box.y0;
        beside |= o.box.y0 < l.box.y1 && l.box.y0 < o.box.y1;
      }
      if (!beside && ((!below && l.box.y0 > 0.6 * pl.height) ||
                      (!above && l.box.y1 < 0.4 * pl.height)))
        marks[p][i] = true;
    }
  }
  return marks;
}

namespace {

constexpr double kMaxRegionWidth = 20000;
// Past this many lines in a region, checks that compare every line with
// every other are skipped (a hostile page of tiny text must not take
// quadratic time); the plain geometry still orders it.
constexpr size_t kManyLines = 3000;

struct Interval {
  double a, b;
  double width() const { return b - a; }
};

// Free intervals between the spans [lo(l), hi(l)] of the lines.
template <typename Lo, typename Hi>
std::vector<Interval> FreeGaps(const std::vector<Line>& lines, Lo lo, Hi hi) {
  std::vector<Interval> spans;
  for (const Line& l : lines) spans.push_back({lo(l), hi(l)});
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

// Free x-intervals (no line covers them) strictly inside the lines' x-extent.
std::vector<Interval> XGaps(const std::vector<Line>& lines) {
  return FreeGaps(
      lines, [](const Line& l) { return l.box.x0; },
      [](const Line& l) { return l.box.x1; });
}

// Free y-intervals between lines.
std::vector<Interval> YGaps(const std::vector<Line>& lines) {
  return FreeGaps(
      lines, [](const Line& l) { return l.box.y0; },
      [](const Line& l) { return l.box.y1; });
}

// Rows first (a line joins the row when its centre lies within 40% of the
// row's first line height), then left to right. Rows are assigned before
// sorting, so the order is a strict weak ordering.
void SortYX(std::vector<Line>& lines) {
  std::stable_sort(lines.begin(), lines.end(),
                   [](const Line& a, const Line& b) {
                     return CenterY(a.box) < CenterY(b.box);
                   });
  std::vector<std::pair<int, size_t>> key(lines.size());
  int row = 0;
  double anchor = 0, h = 1;
  for (size_t i = 0; i < lines.size(); ++i) {
    double cy = CenterY(lines[i].box);
    if (i == 0 || !(cy - anchor <= 0.4 * h)) {
      if (i) ++row;
      anchor = cy;
      h = std::max(1.0, lines[i].box.height());
    }
    key[i] = {row, i};
  }
  std::stable_sort(
      key.begin(), key.end(),
      [&](const std::pair<int, size_t>& p, const std::pair<int, size_t>& q) {
        if (p.first != q.first) return p.first < q.first;
        return lines[p.second].box.x0 < lines[q.second].box.x0;
      });
  std::vector<Line> out;
  out.reserve(lines.size());
  for (const auto& k : key) out.push_back(std::move(lines[k.second]));
  lines = std::move(out);
}

Box Extent(const std::vector<Line>& lines) {
  Box b = lines.front().box;
  for (const Line& l : lines) b.Extend(l.box);
  return b;
}

double MedianSize(const std::vector<Line>& lines) {
  std::vector<double> s;
  for (const Line& l : lines) s.push_back(l.font_size);
  return std::max(1.0, Median(s));
}

double MedianHeight(const std::vector<Line>& lines) {
  std::vector<double> s;
  for (const Line& l : lines) s.push_back(l.box.height());
  return std::max(1.0, Median(s));
}

struct Region {
  std::vector<Line> lines;
  RegionKind kind = RegionKind::kText;
  int row = -1, col = -1;
};

struct Context {
  double size = 10;   // the page's body type size
  double gutter = 4;  // the narrowest strip that separates columns
  const LayoutHints* hints = nullptr;
  std::vector<Region>* out = nullptr;
};

void Emit(std::vector<Line> lines, RegionKind kind, Context& cx, int row = -1,
          int col = -1) {
  if (lines.empty()) return;
  SortYX(lines);
  cx.out->push_back({std::move(lines), kind, row, col});
}

// A gutter that most lines respect: an x-interval crossed by few lines, with
// enough lines on both sides. Returns false when the region is one column.
bool FindGutter(const std::vector<Line>& lines, const Context& cx,
                Interval* gutter) {
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
  if (!(w >= 4 * cx.gutter) || w > kMaxRegionWidth) return false;
  // Coverage histogram over half-point bins.
  const double bin = 0.5;
  int bins = static_cast<int>(std::ceil(w / bin)) + 1;
  std::vector<int> cover(bins, 0);
  for (const Line& l : lines) {
    int a = static_cast<int>((l.box.x0 - x0) / bin),
        b = static_cast<int>((l.box.x1 - x0) / bin);
    for (int k = std::max(0, a); k < std::min(bins, b); ++k) ++cover[k];
  }
  int lo = static_cast<int>(bins * 0.2), hi = static_cast<int>(bins * 0.8);
  int max_cross = std::max(1, static_cast<int>(lines.size() / 5));
  int best_cross = max_cross + 1, best_a = -1, best_b = -1;
  const int min_bins = static_cast<int>(std::ceil(cx.gutter / bin));
  for (int k = lo; k < hi; ++k) {
    int c = cover[k];
    if (c > max_cross) continue;
    int e = k;
    while (e < hi && cover[e] == c) ++e;
    if (e - k >= min_bins &&
        (c < best_cross || (c == best_cross && e - k > best_b - best_a))) {
      best_cross = c;
      best_a = k;
      best_b = e;
    }
    k = e - 1;
  }
  if (best_a < 0) return false;
  Interval g{x0 + best_a * bin, x0 + best_b * bin};
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

// The line spacing inside a paragraph or cell, from the gaps between
// consecutive lines: the tighter ones (a quarter of them), and never more
// than half a line (wider is a gap between paragraphs or rows).
double Leading(std::vector<double> gaps, double h) {
  if (gaps.empty()) return 0;
  std::nth_element(gaps.begin(), gaps.begin() + gaps.size() / 4, gaps.end());
  return std::min(gaps[gaps.size() / 4], 0.5 * h);
}

// Groups a side's lines (sorted by y) into blocks: a gap clearly wider than
// the side's own line spacing starts a block. Returns the blocks' top and
// bottom.
std::vector<Interval> BlockSpans(std::vector<Line> side) {
  SortYX(side);
  std::vector<double> gaps;
  for (size_t i = 1; i < side.size(); ++i) {
    double g = side[i].box.y0 - side[i - 1].box.y1;
    if (g > -0.5 * side[i].box.height()) gaps.push_back(g);
  }
  double h = MedianHeight(side), lead = Leading(gaps, h);
  std::vector<Interval> spans;
  double bottom = 0;
  for (size_t i = 0; i < side.size(); ++i) {
    if (i == 0 || side[i].box.y0 - bottom > lead + 0.35 * h) {
      if (!spans.empty()) spans.back().b = bottom;
      spans.push_back({side[i].box.y0, side[i].box.y1});
      bottom = side[i].box.y1;
    }
    bottom = std::max(bottom, side[i].box.y1);
  }
  if (!spans.empty()) spans.back().b = bottom;
  return spans;
}

std::vector<double> BlockTops(const std::vector<Line>& side) {
  std::vector<double> tops;
  for (const Interval& s : BlockSpans(side)) tops.push_back(s.a);
  return tops;
}

// How many of `few`'s values have one of `many`'s within `tol`.
size_t Matched(const std::vector<double>& few, const std::vector<double>& many,
               double tol) {
  size_t n = 0;
  for (double t : few)
    for (double u : many)
      if (std::abs(t - u) < tol) {
        ++n;
        break;
      }
  return n;
}

// Share of a lines' visible bytes that are letters (bytes of non-ASCII
// characters count as letters).
double LetterShare(const std::vector<Line>& lines) {
  size_t chars = 0, letters = 0;
  for (const Line& l : lines)
    for (unsigned char c : l.text) {
      chars += c != ' ';
      letters += isalpha(c) || c >= 0x80;
    }
  return chars ? double(letters) / chars : 0;
}

// The median number of words on a line.
double WordsPerLine(const std::vector<Line>& lines) {
  std::vector<double> words;
  for (const Line& l : lines)
    words.push_back(1 + std::count(l.text.begin(), l.text.end(), ' '));
  return Median(words);
}

// Prose: most lines fill the side's width, with several words each (a
// column of labels of similar length is not prose), mostly letters (a
// column of times or figures is not).
bool DenseText(const std::vector<Line>& side) {
  if (side.size() < 3) return false;
  // Measured against the side's longer lines, not its extent: a side may
  // hold several columns.
  std::vector<double> widths;
  for (const Line& l : side) widths.push_back(l.box.width());
  std::sort(widths.begin(), widths.end());
  double wide = widths[widths.size() * 9 / 10];
  size_t full = 0;
  for (const Line& l : side) full += l.box.width() >= 0.7 * wide;
  double w = WordsPerLine(side);
  return full * 10 >= side.size() * 6 && LetterShare(side) >= 0.7 &&
         (w >= 4 || (w >= 3 && full * 10 >= side.size() * 8));
}

// Share of `a`'s lines that sit on the baseline of a line of `b`.
double Paired(const std::vector<Line>& a, const std::vector<Line>& b) {
  if (a.empty()) return 0;
  std::vector<double> centres;
  for (const Line& q : b) centres.push_back(CenterY(q.box));
  std::sort(centres.begin(), centres.end());
  size_t n = 0;
  for (const Line& p : a) {
    double c = CenterY(p.box), tol = 0.3 * std::max(1.0, p.box.height());
    auto it = std::lower_bound(centres.begin(), centres.end(), c - tol);
    n += it != centres.end() && *it < c + tol;
  }
  return double(n) / a.size();
}

// A horizontal ruling line running from one side into the other between
// the sides' first and last lines: a table's grid, never a column layout's.
bool RuleAcross(const std::vector<Line>& left, const std::vector<Line>& right,
                const Context& cx) {
  // Between rows both sides hold: a rule under a title that only one
  // side holds (a slide's frame title) is above the table, not in it.
  Box l = Extent(left), r = Extent(right);
  double top = std::max(l.y0, r.y0), bottom = std::min(l.y1, r.y1);
  for (const Box& h : cx.hints->hrules) {
    double y = CenterY(h);
    if (y > top && y < bottom && h.x0 <= l.x1 - cx.size &&
        h.x1 >= r.x0 + cx.size)
      return true;
  }
  return false;
}

// Two sides of a clean vertical cut: a table (read row by row) or columns?
// A table's cells start together (block tops shared by both sides), or a
// sparse side of labels sits on the dense side's baselines; columns of prose
// run on independently.
// A shaded row behind both sides: a filled rectangle at most three lines
// high holding a line of each side on one row (a table's header or a
// striped row). A box shaded behind whole columns is taller.
bool FillAcross(const std::vector<Line>& left, const std::vector<Line>& right,
                const Context& cx) {
  if (left.size() + right.size() > kManyLines) return false;
  double h = std::max(MedianHeight(left), MedianHeight(right));
  auto in = [](const Box& f, const Line& l) {
    double cx = (l.box.x0 + l.box.x1) / 2, cy = CenterY(l.box);
    return cx > f.x0 && cx < f.x1 && cy > f.y0 && cy < f.y1;
  };
  // The shaded row's cells may be filled one by one: rectangles with the
  // same top and bottom.
  auto fill_of = [&](const Line& l) -> const Box* {
    for (const Box& f : cx.hints->fills)
      if (f.height() <= 3.5 * h && in(f, l)) return &f;
    return nullptr;
  };
  // The shaded row opens both sides (a header row); a line shaded further
  // down (a highlighted link) says nothing of the rows.
  auto top = [](const std::vector<Line>& side) {
    double y = side.front().box.y0;
    for (const Line& l : side) y = std::min(y, l.box.y0);
    return y;
  };
  const double top_left = top(left), top_right = top(right);
  for (const Line& a : left) {
    const Box* fa = fill_of(a);
    if (!fa || a.box.y0 > top_left + 0.5 * h) continue;
    for (const Line& b : right) {
      if (std::abs(CenterY(a.box) - CenterY(b.box)) >= 0.5 * h ||
          b.box.y0 > top_right + 0.5 * h)
        continue;
      const Box* fb = fill_of(b);
      if (fb && std::abs(fa->y0 - fb->y0) < 1 && std::abs(fa->y1 - fb->y1) < 1)
        return true;
    }
  }
  return false;
}

// A line opening a list item: a bullet or number in its text, or a small
// drawn shape (a disc, a triangle, a shaded ball) on its first baseline just
// before it.
bool OpensItem(const Line& l, const Context& cx) {
  if (StartsListItem(l.text)) return true;
  if (cx.hints->marks.size() > 1000) return false;  // vector art, bounded
  double h = std::max(1.0, l.box.height());
  for (const Box& m : cx.hints->marks)
    if (m.x1 <= l.box.x0 + 0.1 * h && m.x1 >= l.box.x0 - 2.5 * h &&
        CenterY(m) > l.box.y0 && CenterY(m) < l.box.y1 && m.height() < 0.8 * h)
      return true;
  return false;
}

// A side that is a list: from its first item on, its lines open items or
// continue one (starting at or a little inside an item's left edge), two
// items at least; lines before the first item (a heading) do not count.
bool ListSide(std::vector<Line> side, const Context& cx) {
  SortYX(side);
  size_t items = 0, others = 0;
  double x = 0;
  for (const Line& l : side) {
    double h = std::max(1.0, l.box.height());
    if (OpensItem(l, cx)) {
      ++items;
      x = l.box.x0;
    } else if (items > 0) {
      others += l.box.x0 < x - 0.5 * h || l.box.x0 > x + 3 * h;
    }
  }
  return items >= 2 && others * 2 <= items;
}

bool Inside(const Box& f, const Box& b) {
  return b.x0 >= f.x0 - 1 && b.x1 <= f.x1 + 1 && b.y0 >= f.y0 - 1 &&
         b.y1 <= f.y1 + 1;
}

// A fill reaching no further than `limit0..limit1` in x that holds two
// lines of `side` or more, and every line of `side` at its height.
const Box* FillHolding(const std::vector<Line>& side, double limit0,
                       double limit1, const Context& cx) {
  if (cx.hints->fills.size() > 500) return nullptr;  // bounded
  for (const Box& f : cx.hints->fills) {
    if (f.x0 < limit0 || f.x1 > limit1) continue;
    size_t held = 0;
    bool all = true;
    for (const Line& l : side) {
      if (CenterY(l.box) <= f.y0 || CenterY(l.box) >= f.y1) continue;
      bool in = l.box.x0 >= f.x0 - 1 && l.box.x1 <= f.x1 + 1;
      held += in;
      all = all && in;
    }
    if (all && held >= 2) return &f;
  }
  return nullptr;
}

// Each side's lines in a shaded box of its own, the two boxes apart (a
// table's shaded cells or columns abut), with rows beside each other.
bool BoxedApart(const std::vector<Line>& left, const std::vector<Line>& right,
                const Context& cx) {
  Box l = Extent(left), r = Extent(right);
  const Box* fl = FillHolding(left, -1e18, r.x0, cx);
  const Box* fr = FillHolding(right, l.x1, 1e18, cx);
  return fl && fr && fr->x0 - fl->x1 > 0.5 * cx.size &&
         std::min(fl->y1, fr->y1) > std::max(fl->y0, fr->y0);
}

bool LooksLikeTable(const std::vector<Line>& left,
                    const std::vector<Line>& right, const Context& cx) {
  if (RuleAcross(left, right, cx) || FillAcross(left, right, cx)) return true;
  // Items opening with bullets on both sides: two lists side by side, even
  // when their items happen to start together.
  if (ListSide(left, cx) && ListSide(right, cx)) return false;
  // Each side in a shaded box of its own, the boxes apart: boxes side by
  // side (a table's shaded cells or columns abut).
  if (BoxedApart(left, right, cx)) return false;
  std::vector<double> tl = BlockTops(left), tr = BlockTops(right);
  const std::vector<double>& few = tl.size() <= tr.size() ? tl : tr;
  const std::vector<double>& many = tl.size() <= tr.size() ? tr : tl;
  double h = std::min(MedianHeight(left), MedianHeight(right));
  size_t aligned = 0;
  for (double t : few)
    for (double u : many)
      if (std::abs(t - u) < 0.5 * h) {
        ++aligned;
        break;
      }
  const bool prose_left = DenseText(left), prose_right = DenseText(right);
  bool both_dense = prose_left && prose_right;
  size_t n = few.size();
  bool shared = aligned * 2 >= many.size();  // rows start on both sides
  if (!both_dense && n >= 2 && aligned >= 2 && aligned * 10 >= n * 7 && shared)
    return true;
  // Cells set in the middle of their rows share their blocks' centres
  // instead, when one side is labels (blocks of three lines at most).
  auto labels = [](const std::vector<Line>& side) {
    for (const Interval& b : BlockSpans(side)) {
      int n = 0;
      for (const Line& l : side)
        n += CenterY(l.box) >= b.a && CenterY(l.box) <= b.b;
      if (n > 3) return false;
    }
    return true;
  };
  if (!both_dense && n >= 2 && (labels(left) || labels(right))) {
    std::vector<double> cl, cr;
    for (const Interval& b : BlockSpans(left)) cl.push_back((b.a + b.b) / 2);
    for (const Interval& b : BlockSpans(right)) cr.push_back((b.a + b.b) / 2);
    const std::vector<double>& cfew = cl.size() <= cr.size() ? cl : cr;
    const std::vector<double>& cmany = cl.size() <= cr.size() ? cr : cl;
    size_t centred = Matched(cfew, cmany, 0.5 * h);
    if (centred >= 2 && centred * 10 >= cfew.size() * 7 &&
        centred * 2 >= cmany.size())
      return true;
  }
  if (both_dense && n >= 3 && aligned >= 3 && aligned * 10 >= n * 8 &&
      aligned * 10 >= many.size() * 8)
    return true;
  const bool left_sparse = left.size() <= right.size();
  const std::vector<Line>& sparse = left_sparse ? left : right;
  const std::vector<Line>& dense = left_sparse ? right : left;
  const bool sparse_prose = left_sparse ? prose_left : prose_right;
  const bool dense_prose = left_sparse ? prose_right : prose_left;
  if (sparse.size() < 2 || Paired(sparse, dense) < 0.8) return false;
  size_t sparse_bold = 0, values_bold = 0;
  for (const Line& l : sparse) sparse_bold += l.bold;
  for (const Line& l : dense) values_bold += l.bold;
  // Labels set in bold beside values that are not: a form, however long
  // its questions.
  if (sparse_bold * 10 >= sparse.size() * 8 && values_bold * 5 < dense.size())
    return true;
  if (sparse_prose) return false;
  // Neither side prose, and their lines pair up: rows.
  if (!dense_prose && Paired(dense, sparse) >= 0.8) return true;
  // Labels: short, or set apart in bold, or figures (times, dates, codes),
  // or fewer than their values' lines.
  return WordsPerLine(sparse) <= 3 || LetterShare(sparse) < 0.5 ||
         (sparse_bold * 2 > sparse.size() && values_bold * 2 < dense.size()) ||
         sparse.size() * 4 <= dense.size() * 3;
}

// A first column of short labels set in the middle of their rows (a
// label centred on a value of several lines starts where no row gap is):
// two consecutive labels with no row cut between them are in different
// rows, cut at the widest gap between them (the row padding); when gaps are
// alike, the first, or (given the table's lines `all`) the first under a
// line that ends a sentence.
void SplitCentredRows(std::vector<Line> first, const std::vector<Interval>& yg,
                      const std::vector<Line>& all, double h,
                      std::vector<double>* rows) {
  // A gap under a line that ends a sentence.
  auto after_stop = [&](const Interval& g) {
    for (const Line& l : all)
      if (std::abs(l.box.y1 - g.a) < 0.5 && !l.text.empty() &&
          strchr(".:;!?", l.text.back()))
        return true;
    return false;
  };
  SortYX(first);
  std::vector<std::pair<double, double>> labels;  // blocks' top and bottom
  std::vector<size_t> sizes;
  double lead = 0.35 * h;
  for (size_t i = 0; i < first.size(); ++i) {
    if (i == 0 || first[i].box.y0 - first[i - 1].box.y1 > lead + 0.35 * h) {
      labels.push_back({first[i].box.y0, first[i].box.y1});
      sizes.push_back(0);
    }
    labels.back().second = first[i].box.y1;
    ++sizes.back();
  }
  for (size_t s : sizes)
    if (s > 3) return;  // cells of text, not labels
  for (size_t k = 1; k < labels.size(); ++k) {
    double a = labels[k - 1].second, b = labels[k].first;
    bool cut = false;
    for (double y : *rows) cut |= y > a && y < b;
    if (cut) continue;
    const Interval* best = nullptr;
    for (const Interval& g : yg) {
      if (g.a < a - 0.5 || g.b > b + 0.5) continue;
      bool wider = !best || g.width() > best->width() + 0.1 * h;
      bool alike = best && g.width() > best->width() - 0.1 * h;
      if (wider || (alike && after_stop(g) && !after_stop(*best))) best = &g;
    }
    if (best) rows->push_back((best->a + best->b) / 2);
  }
  std::sort(rows->begin(), rows->end());
}

// Vertical rules down the table are its column borders (drawn row by row,
// with breaks where a heading row spans the columns: their pieces at one x
// are summed). Adds the x of each to `cuts`.
void AddRuleCuts(const std::vector<Line>& cells_only, const Box& ext,
                 const Context& cx, std::vector<double>* cuts_out) {
  std::vector<double>& cuts = *cuts_out;
  std::map<long, std::vector<const Box*>> rule_at;  // x in half points
  for (const Box& v : cx.hints->vrules)
    if (std::min(v.y1, ext.y1) > std::max(v.y0, ext.y0))
      rule_at[std::lround(v.x0 + v.x1)].push_back(&v);
  for (const auto& [x2, pieces] : rule_at) {
    double mid = x2 / 2.0, cover = 0;
    for (const Box* v : pieces)
      cover += std::min(v->y1, ext.y1) - std::max(v->y0, ext.y0);
    if (mid <= ext.x0 + cx.gutter || mid >= ext.x1 - cx.gutter ||
        cover < 0.3 * ext.height())
      continue;
    // Crossed by a line where the rule is drawn (a caption above the
    // table's top rule is not in a cell).
    bool crossed = false, known = false;
    for (const Line& l : cells_only) {
      if (l.box.x0 >= mid - 0.5 || l.box.x1 <= mid + 0.5) continue;
      for (const Box* v : pieces)
        crossed |= CenterY(l.box) >= v->y0 && CenterY(l.box) <= v->y1;
    }
    for (double c : cuts) known |= std::abs(c - mid) < cx.gutter * 2;
    if (!crossed && !known) cuts.push_back(mid);
  }
}

// A table's column cuts: the strips its cells leave free (a line alone on
// its row across much of the table, a section heading spanning the columns,
// does not close them), column edges found from alignment that no cell line
// runs through, and vertical rules down the table.
std::vector<double> TableColumnCuts(const std::vector<Line>& lines,
                                    const Box& ext, const Context& cx) {
  // A line alone on its row: a title, theme or section row across the
  // columns, or a cell's last lines below its neighbours'.
  auto alone = [&](const Line& l) {
    if (lines.size() > kManyLines) return false;
    for (const Line& o : lines)
      if (&o != &l && o.box.y0 < l.box.y1 && l.box.y0 < o.box.y1) return false;
    return true;
  };
  std::vector<bool> alone_on_row(lines.size());
  std::vector<Line> in_rows;  // lines that share their row with another
  for (size_t i = 0; i < lines.size(); ++i) {
    alone_on_row[i] = alone(lines[i]);
    if (!alone_on_row[i]) in_rows.push_back(lines[i]);
  }
  // The gutters the rows of several cells leave free: a line alone on its
  // row that runs across one spans the columns (a theme row "Theme 1:
  // Fiscal Transparency" over the first two), however short.
  std::vector<Interval> row_gaps;
  if (in_rows.size() >= 4)
    for (const Interval& g : XGaps(in_rows))
      if (g.width() >= cx.gutter) row_gaps.push_back(g);
  auto spanning = [&](size_t i) {
    if (!alone_on_row[i]) return false;
    const Line& l = lines[i];
    if (l.box.width() >= 0.4 * ext.width()) return true;
    for (const Interval& g : row_gaps)
      if (l.box.x0 < g.a && l.box.x1 > g.b) return true;
    return false;
  };
  std::vector<Line> cells_only;
  for (size_t i = 0; i < lines.size(); ++i)
    if (!spanning(i)) cells_only.push_back(lines[i]);
  std::vector<double> cuts;
  for (const Interval& g : XGaps(cells_only.empty() ? lines : cells_only))
    if (g.width() >= cx.gutter) cuts.push_back((g.a + g.b) / 2);
  // Column edges found from alignment also separate columns whose padding
  // is narrower than a gutter, where no cell line runs through them.
  for (const ColumnEdge& e : cx.hints->edges) {
    double mid = (e.strip.x0 + e.strip.x1) / 2;
    double overlap =
        std::min(e.strip.y1, ext.y1) - std::max(e.strip.y0, ext.y0);
    if (mid <= ext.x0 || mid >= ext.x1 || overlap < 0.3 * ext.height())
      continue;
    bool crossed = false, known = false;
    for (const Line& l : cells_only)
      crossed |= l.box.x0 < mid && l.box.x1 > mid;
    for (double c : cuts) known |= std::abs(c - mid) < cx.gutter * 2;
    if (!crossed && !known) cuts.push_back(mid);
  }
  AddRuleCuts(cells_only, ext, cx, &cuts);
  std::sort(cuts.begin(), cuts.end());
  return cuts;
}

// Rows of a table with no ruling lines: at the gaps wider than a cell's
// own line spacing, and where the first column starts a cell (its row
// headers) when nothing in the other columns runs across that height.
void GapRows(const std::vector<std::vector<Line>>& cols,
             const std::vector<Interval>& yg, double h, double lead,
             std::vector<double>* rows_out) {
  std::vector<double>& rows = *rows_out;
  std::vector<double> heads = BlockTops(cols.front());
  bool any_wide = false;
  for (const Interval& g : yg) any_wide |= g.width() > lead + 0.3 * h;
  for (const Interval& g : yg) {
    bool head = false;
    for (double t : heads) head |= std::abs(g.b - t) < 0.3 * h;
    if (!any_wide || head || g.width() > lead + 0.3 * h)
      rows.push_back((g.a + g.b) / 2);
  }
  std::sort(rows.begin(), rows.end());
  SplitCentredRows(cols.front(), yg, {}, h, &rows);
}

// Rows the grid of a ruled table leaves unruled (a group of rows between
// two rules): where the first column and another start a cell together.
void UnruledGroupRows(const std::vector<std::vector<Line>>& cols,
                      const std::vector<Interval>& yg, double h,
                      std::vector<double>* rows_out) {
  std::vector<double>& rows = *rows_out;
  std::vector<std::vector<double>> tops;
  for (const auto& c : cols) tops.push_back(BlockTops(c));
  for (const Interval& g : yg) {
    std::vector<bool> starts(cols.size(), false);
    for (size_t c = 0; c < cols.size(); ++c)
      for (size_t k = 1; k < tops[c].size(); ++k)
        starts[c] = starts[c] || std::abs(g.b - tops[c][k]) < 0.3 * h;
    bool ruled = false;
    for (double y : rows) ruled |= y > g.a - h && y < g.b + h;
    // A column whose text runs on across the gap mid-sentence holds one
    // cell there (set in the middle of a taller row).
    bool runs_on = false;
    for (size_t c = 0; c < cols.size(); ++c) {
      if (starts[c]) continue;
      const Line *above = nullptr, *below = nullptr;
      for (const Line& l : cols[c]) {
        if (std::abs(l.box.y1 - g.a) < 0.5 * h) above = &l;
        if (std::abs(l.box.y0 - g.b) < 0.5 * h) below = &l;
      }
      if (above && below && !above->text.empty() &&
          !strchr(".:;!?)", above->text.back()))
        runs_on = true;
    }
    if (starts[0] && std::count(starts.begin(), starts.end(), true) >= 2 &&
        !ruled && !runs_on)
      rows.push_back((g.a + g.b) / 2);
  }
}

// A table's row cuts (y values): at the ruling lines across the table when
// it has them, else at the gaps wider than a cell's own line spacing.
std::vector<double> TableRowCuts(const std::vector<Line>& lines,
                                 std::vector<std::vector<Line>>& cols,
                                 const Box& ext, const Context& cx) {
  std::vector<double> leads;
  for (auto& c : cols) {
    SortYX(c);
    for (size_t i = 1; i < c.size(); ++i) {
      double g = c[i].box.y0 - c[i - 1].box.y1;
      if (g > -0.5 * c[i].box.height()) leads.push_back(g);
    }
  }
  double h = MedianHeight(lines), lead = Leading(leads, h);
  std::vector<double> rows;
  for (const Box& r : cx.hints->hrules) {
    double y = CenterY(r);
    if (y > ext.y0 && y < ext.y1 && r.x0 < ext.x1 && r.x1 > ext.x0 &&
        std::min(r.x1, ext.x1) - std::max(r.x0, ext.x0) >= 0.4 * ext.width())
      rows.push_back(y);
  }
  std::vector<Interval> yg = YGaps(lines);
  if (rows.empty()) {
    GapRows(cols, yg, h, lead, &rows);
  } else {
    UnruledGroupRows(cols, yg, h, &rows);
    // Rows under a ruled header with no rules between them, their labels
    // set in the middle of the row (vertically centred cells). The first
    // column that holds lines (a cut at the table's left border leaves an
    // empty one before it).
    for (const std::vector<Line>& c : cols) {
      if (c.empty()) continue;
      SplitCentredRows(c, yg, lines, h, &rows);
      break;
    }
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

// A table: columns from the clean vertical strips, rows from the horizontal
// gaps wider than a cell's own line spacing; each cell is a region, row by
// row, left to right.
void ReadTable(std::vector<Line> lines, Context& cx) {
  Box ext = Extent(lines);
  std::vector<double> cuts = TableColumnCuts(lines, ext, cx);
  auto col_of = [&](const Line& l) {
    double x = l.box.width() >= 0.4 * ext.width() ? l.box.x0
                                                  : (l.box.x0 + l.box.x1) / 2;
    return static_cast<int>(std::upper_bound(cuts.begin(), cuts.end(), x) -
                            cuts.begin());
  };
  std::vector<std::vector<Line>> cols(cuts.size() + 1);
  for (const Line& l : lines) cols[col_of(l)].push_back(l);
  std::vector<double> rows = TableRowCuts(lines, cols, ext, cx);
  std::map<std::pair<int, int>, std::vector<Line>> cells;
  for (Line& l : lines) {
    int r = static_cast<int>(
        std::upper_bound(rows.begin(), rows.end(), CenterY(l.box)) -
        rows.begin());
    int c = col_of(l);
    cells[{r, c}].push_back(std::move(l));
  }
  for (auto& [rc, cell] : cells)
    Emit(std::move(cell), RegionKind::kTable, cx, rc.first, rc.second);
}

void Order(std::vector<Line> lines, int depth, RegionKind hint, Context& cx);

// Where the paragraph holding lines[k] ends (index of its last line): at a
// wider gap, before an indented line, or after a short line ending a
// sentence.
size_t ParagraphEnd(const std::vector<Line>& lines, size_t k, double size) {
  Box e = Extent(lines);
  std::vector<double> gaps;
  for (size_t j = 1; j < lines.size(); ++j)
    gaps.push_back(lines[j].box.y0 - lines[j - 1].box.y1);
  const double lead = Leading(gaps, MedianHeight(lines));
  for (size_t j = k; j + 1 < lines.size(); ++j) {
    const Line& a = lines[j];
    const Line& b = lines[j + 1];
    double h = std::max(1.0, a.box.height());
    if (b.box.y0 - a.box.y1 > lead + 0.3 * h) return j;
    char end = a.text.empty() ? ' ' : a.text.back();
    bool stop = end == '.' || end == ':' || end == '?' || end == '!';
    bool short_line = a.box.x1 < e.x1 - 2 * size || a.box.x1 < b.box.x1 - size;
    if (b.box.y0 - a.box.y1 > 0.8 * h || b.box.x0 > e.x0 + 0.8 * size ||
        (stop && short_line))
      return j;
  }
  return lines.size() - 1;
}

// A section between bands whose one side is the text flowing on (its
// last line runs on into the band below, from the same left margin) and
// whose other side does not continue it: a box the text wraps around.
// Returns the index of the side that is the box (0 left, 1 right) or -1.
int WrappedBox(const std::vector<Line>& left, const std::vector<Line>& right,
               const std::vector<Line>& below, const Context& cx) {
  const double size = cx.size;
  if (left.empty() || right.empty() || below.empty()) return -1;
  const std::vector<Line>* sides[2] = {&left, &right};
  for (int s = 0; s < 2; ++s) {
    const std::vector<Line>& text = *sides[s];
    const std::vector<Line>& box = *sides[1 - s];
    // Prose on the text side, running on into a wide line of prose.
    Box all = Extent(below);
    all.Extend(Extent(left));
    all.Extend(Extent(right));
    if (DenseText(text) && RunsOn(text.back().text, below.front().text) &&
        below.front().box.width() >= 0.6 * all.width() &&
        std::abs(Extent(text).x0 - below.front().box.x0) < size &&
        !RunsOn(text.back().text, box.front().text) &&
        !LooksLikeTable(left, right, cx))
      return 1 - s;
  }
  return -1;
}

using Parts =
    std::vector<std::pair<bool, std::vector<Line>>>;  // (band?, lines)

// Section `i` of `parts` (bands and the column sections between them), when
// it is text wrapping round a box: the text, the band below down to its
// paragraph's end, the box, then everything after. False, with nothing
// emitted, when it is not.
bool ReadWrapped(Parts& parts, size_t i, const Interval& gutter, int depth,
                 Context& cx) {
  std::vector<Line> sides[2], below = parts[i + 1].second;
  for (const Line& l : parts[i].second)
    sides[l.box.x1 <= gutter.a + 1 ? 0 : 1].push_back(l);
  SortYX(sides[0]);
  SortYX(sides[1]);
  SortYX(below);
  int box = WrappedBox(sides[0], sides[1], below, cx);
  if (box < 0) return false;
  Order(std::move(sides[1 - box]), depth + 1, RegionKind::kText, cx);
  size_t end = ParagraphEnd(below, 0, cx.size);
  std::vector<Line> head(below.begin(), below.begin() + end + 1);
  std::vector<Line> rest(below.begin() + end + 1, below.end());
  for (size_t k = i + 2; k < parts.size(); ++k)
    rest.insert(rest.end(), parts[k].second.begin(), parts[k].second.end());
  Emit(std::move(head), RegionKind::kBand, cx);
  size_t first = cx.out->size();
  Order(std::move(sides[box]), depth + 1, RegionKind::kInset, cx);
  for (size_t k = first; k < cx.out->size(); ++k)
    if ((*cx.out)[k].kind != RegionKind::kTable)
      (*cx.out)[k].kind = RegionKind::kInset;
  Order(std::move(rest), depth + 1, RegionKind::kText, cx);
  return true;
}

// Bands and insets across a gutter that most lines respect. A run of lines
// crossing it is a band, unless it is indented on both sides with text
// beside it: then it is an inset (a pull quote between the columns), read
// after the columns.
bool OrderAroundGutter(std::vector<Line>& lines, int depth, Context& cx) {
  Interval gutter;
  if (!FindGutter(lines, cx, &gutter)) return false;
  SortYX(lines);
  Box all = Extent(lines);
  // A band crosses the gutter and is wide, or has nothing beside it (a
  // centred title) or text on both sides (an inset); a line of another
  // column layout stacked above or below crosses it too, but has a
  // neighbour on one side of its row.
  auto crosses = [&](const Line& l) {
    if (!(l.box.x0 < gutter.a - 1 && l.box.x1 > gutter.b + 1)) return false;
    if (l.box.width() >= 0.6 * all.width() || lines.size() > kManyLines)
      return true;
    bool left = false, right = false;  // both: an inset, decided below
    for (const Line& o : lines)
      if (&o != &l && o.box.y0 < l.box.y1 && l.box.y0 < o.box.y1) {
        left |= o.box.x1 <= l.box.x0;
        right |= o.box.x0 >= l.box.x1;
      }
    return left == right;
  };
  Parts parts;
  for (Line& l : lines) {
    bool band = crosses(l);
    if (!band && !parts.empty() && parts.back().first) {
      // The short last line of a band's paragraph: same margin (or the
      // same centre: a centred heading that wraps), next line down, the
      // sentence running on into it.
      const Line& last = parts.back().second.back();
      double h = std::max(1.0, last.box.height()), gap = l.box.y0 - last.box.y1;
      const double centres =
          (l.box.x0 + l.box.x1) - (last.box.x0 + last.box.x1);
      band = (std::abs(l.box.x0 - last.box.x0) < 1 || std::abs(centres) < 2) &&
             gap > -0.5 * h && gap < 0.5 * h && RunsOn(last.text, l.text);
    }
    if (parts.empty() || parts.back().first != band)
      parts.push_back({band, {}});
    parts.back().second.push_back(l);
  }
  std::vector<Line> rest, insets;
  bool any_inset = false;
  for (auto& [band, part] : parts) {
    bool inset = false;
    if (band) {
      Box b = Extent(part);
      bool left = false, right = false;
      for (const Line& l : lines) {
        if (crosses(l) || l.box.y1 < b.y0 || l.box.y0 > b.y1) continue;
        left |= l.box.x1 <= b.x0;
        right |= l.box.x0 >= b.x1;
      }
      inset = left && right && b.x0 > all.x0 + 1.5 * cx.size &&
              b.x1 < all.x1 - 1.5 * cx.size;
    }
    any_inset |= inset;
    for (Line& l : part) (inset ? insets : rest).push_back(l);
  }
  if (any_inset) {
    Order(std::move(rest), depth + 1, RegionKind::kText, cx);
    Emit(std::move(insets), RegionKind::kInset, cx);
    return true;
  }
  if (parts.size() < 2) return false;
  for (size_t i = 0; i < parts.size(); ++i) {
    auto& [band, part] = parts[i];
    if (band) {
      Emit(std::move(part), RegionKind::kBand, cx);
      continue;
    }
    if (i + 1 < parts.size() && ReadWrapped(parts, i, gutter, depth, cx))
      return true;
    Order(std::move(part), depth + 1, RegionKind::kText, cx);
  }
  return true;
}

// A box beside the text (text wraps around it): a column edge that holds
// only for some rows of the region, with lines on both sides there and the
// text crossing it above or below. The side that continues the flow
// (running sentences on, in the flow's type size) is text; the other is the
// box, read after the paragraph that runs beside its last line.
bool OrderAroundBox(std::vector<Line>& lines, int depth, RegionKind hint,
                    Context& cx) {
  if (lines.size() < 4) return false;
  Box all = Extent(lines);
  const std::vector<Interval> yg = YGaps(lines);
  const double med_h = MedianHeight(lines);
  // A gap across the whole region, wider than a line, between y0 and y1.
  auto apart = [&](double y0, double y1) {
    for (const Interval& g : yg)
      if (g.a >= y0 - 0.5 && g.b <= y1 + 0.5 && g.width() > 0.9 * med_h)
        return true;
    return false;
  };
  for (const ColumnEdge& e : cx.hints->edges) {
    const Box& s = e.strip;
    if (s.x0 <= all.x0 || s.x1 >= all.x1) continue;
    std::vector<Line> left, right, above, below;
    bool crossed = false, crossed_near = false;
    for (const Line& l : lines) {
      double cy = CenterY(l.box);
      if (cy < s.y0 || cy > s.y1) {
        // Text wraps round a box: it crosses the edge next to the rows
        // that show it, not across a gap that cuts the whole region (a
        // section of other columns stacked above).
        bool near = cy < s.y0 ? !apart(l.box.y1, s.y0) : !apart(s.y1, l.box.y0);
        bool across = l.box.x0 < s.x0 && l.box.x1 > s.x1;
        crossed |= across;
        crossed_near |= across && near;
        (cy < s.y0 ? above : below).push_back(l);
      } else if (l.box.x1 <= s.x0 + 1) {
        left.push_back(l);
      } else if (l.box.x0 >= s.x1 - 1) {
        right.push_back(l);
      } else {
        crossed = false;
        left.clear();
        break;
      }
    }
    if (!crossed || left.empty() || right.empty()) continue;
    SortYX(left);
    SortYX(right);
    SortYX(above);
    SortYX(below);
    bool table = LooksLikeTable(left, right, cx);
    // A box needs the text crossing the edge next to it, and rows beside
    // it that no gap across the whole region cuts (such a gap means
    // sections stacked one above the other: a heading row of the next
    // section beside the last lines of this one).
    if (!table && (!crossed_near || apart(s.y0, s.y1))) continue;
    if (table) {  // a table between text
      Order(std::move(above), depth + 1, hint, cx);
      left.insert(left.end(), right.begin(), right.end());
      ReadTable(std::move(left), cx);
      Order(std::move(below), depth + 1, hint, cx);
      return true;
    }
    double flow_size = MedianSize(above.empty() ? below : above);
    auto score = [&](const std::vector<Line>& side) {
      int n = 0;
      if (!above.empty() && RunsOn(above.back().text, side.front().text)) ++n;
      if (!below.empty() && RunsOn(side.back().text, below.front().text)) ++n;
      if (std::abs(MedianSize(side) - flow_size) < 0.05 * flow_size) ++n;
      return n;
    };
    int sl = score(left), sr = score(right);
    bool box_right =
        sl != sr ? sl > sr : Extent(right).width() <= Extent(left).width();
    std::vector<Line>& box = box_right ? right : left;
    std::vector<Line>& text = box_right ? left : right;
    // The flow without the box, then the box after its paragraph.
    std::vector<Line> flow = above;
    flow.insert(flow.end(), text.begin(), text.end());
    flow.insert(flow.end(), below.begin(), below.end());
    size_t last = above.size() + text.size() - 1;
    size_t end = ParagraphEnd(flow, last, cx.size);
    std::vector<Line> head(flow.begin(), flow.begin() + end + 1),
        tail(flow.begin() + end + 1, flow.end());
    Order(std::move(head), depth + 1, hint, cx);
    Emit(std::move(box), RegionKind::kInset, cx);
    Order(std::move(tail), depth + 1, hint, cx);
    return true;
  }
  return false;
}

// A shaded box the text wraps around (a sidebar, "Box 1"): a filled
// rectangle holding two lines or more, with text beside it on one side, and
// the flow running across the box's width just above or below it (the text
// wraps round the box; a shaded table cell has only other cells beside,
// above and below it). Its lines are taken out of `lines`, to be read after
// the paragraph that runs beside the box's last line.
struct FilledBox {
  std::vector<Line> lines;
  Box beside_last;  // the last line of the text beside the box
};

// Rectangles framed by rules (a box drawn round text): two vertical rules
// of the same height joined at both ends by horizontal ones, with no rule
// across the inside (a ruled table's grid has some).
std::vector<Box> Frames(const LayoutHints& hints) {
  std::vector<Box> frames;
  if (hints.vrules.size() > 200 || hints.hrules.size() > 200) return frames;
  auto joins = [&](double y, double x0, double x1) {
    for (const Box& r : hints.hrules)
      if (std::abs(CenterY(r) - y) < 2 && r.x0 <= x0 + 2 && r.x1 >= x1 - 2)
        return true;
    return false;
  };
  for (const Box& a : hints.vrules)
    for (const Box& b : hints.vrules) {
      if (b.x0 <= a.x1 || std::abs(a.y0 - b.y0) > 2 ||
          std::abs(a.y1 - b.y1) > 2)
        continue;
      Box f{a.x0, std::min(a.y0, b.y0), b.x1, std::max(a.y1, b.y1)};
      if (!joins(f.y0, f.x0, f.x1) || !joins(f.y1, f.x0, f.x1)) continue;
      bool grid = false;
      for (const Box& r : hints.hrules)
        grid |= CenterY(r) > f.y0 + 2 && CenterY(r) < f.y1 - 2 &&
                std::min(r.x1, f.x1) - std::max(r.x0, f.x0) > 0.5 * f.width();
      for (const Box& r : hints.vrules)
        grid |= (r.x0 + r.x1) / 2 > f.x0 + 2 && (r.x0 + r.x1) / 2 < f.x1 - 2 &&
                std::min(r.y1, f.y1) - std::max(r.y0, f.y0) > 0.5 * f.height();
      if (!grid) frames.push_back(f);
    }
  return frames;
}

std::vector<FilledBox> TakeFilledBoxes(std::vector<Line>* lines,
                                       const LayoutHints& hints) {
  std::vector<FilledBox> boxes;
  if (lines->size() < 4 || lines->size() > kManyLines) return boxes;
  const Box all = Extent(*lines);
  const double h = MedianHeight(*lines);
  // A fill that another one abuts is a cell of a shaded grid.
  auto abutted = [&](const Box& f) {
    for (const Box& g : hints.fills) {
      if (g.x0 == f.x0 && g.y0 == f.y0 && g.x1 == f.x1 && g.y1 == f.y1)
        continue;
      bool rows = g.y0 < f.y1 - 1 && g.y1 > f.y0 + 1;
      bool cols = g.x0 < f.x1 - 1 && g.x1 > f.x0 + 1;
      if ((rows && (std::abs(g.x0 - f.x1) < 2 || std::abs(g.x1 - f.x0) < 2)) ||
          (cols && (std::abs(g.y0 - f.y1) < 2 || std::abs(g.y1 - f.y0) < 2)))
        return true;
    }
    return false;
  };
  // Boxes drawn as frames are read like shaded ones.
  std::vector<Box> candidates = hints.fills, frames = Frames(hints);
  candidates.insert(candidates.end(), frames.begin(), frames.end());
  for (const Box& f : candidates) {
    if (f.width() > 0.75 * all.width() || f.height() < 2 * h || abutted(f))
      continue;
    std::vector<size_t> in;
    const Line* beside_last = nullptr;
    int beside_left = 0, beside_right = 0;
    Box beside;        // the text beside the box
    bool cut = false;  // a line half in the box: not a box of its own
    for (size_t i = 0; i < lines->size() && !cut; ++i) {
      const Box& b = (*lines)[i].box;
      if (Inside(f, b)) {
        in.push_back(i);
        continue;
      }
      bool x_overlap = b.x0 < f.x1 && b.x1 > f.x0;
      bool y_overlap = b.y0 < f.y1 && b.y1 > f.y0;
      cut = x_overlap && y_overlap;
      if (!y_overlap || cut) continue;
      (b.x0 >= f.x1 ? beside_right : beside_left)++;
      if (!beside_last) beside = b;
      beside.Extend(b);
      if (!beside_last || b.y0 > beside_last->box.y0)
        beside_last = &(*lines)[i];
    }
    if (cut || in.size() < 2 || !beside_last ||
        (beside_left > 0 && beside_right > 0) || beside_left + beside_right < 2)
      continue;
    // The flow runs across the box's width into the text beside it, just
    // above or below the box.
    int wraps = 0;
    for (const Line& l : *lines) {
      const Box& b = l.box;
      bool near =
          std::abs(b.y1 - f.y0) < 1.5 * h || std::abs(b.y0 - f.y1) < 1.5 * h;
      wraps += near && b.x0 < f.x1 && b.x1 > f.x0 && b.x0 < beside.x1 &&
               b.x1 > beside.x0 && (b.x0 < f.x0 - h || b.x1 > f.x1 + h);
    }
    if (wraps == 0) continue;
    FilledBox box;
    box.beside_last = beside_last->box;
    std::vector<Line> rest;
    size_t k = 0;
    for (size_t i = 0; i < lines->size(); ++i) {
      if (k < in.size() && in[k] == i) {
        box.lines.push_back(std::move((*lines)[i]));
        ++k;
      } else {
        rest.push_back(std::move((*lines)[i]));
      }
    }
    *lines = std::move(rest);
    boxes.push_back(std::move(box));
  }
  return boxes;
}

// Puts each box's region after the paragraph of `regions[from..]` that runs
// beside the box's last line (split out of its region when it ends inside
// it); at the end when that line is not found.
void PlaceFilledBoxes(std::vector<FilledBox> boxes, size_t from,
                      const Context& cx, std::vector<Region>* regions) {
  for (FilledBox& fb : boxes) {
    SortYX(fb.lines);
    Region box{std::move(fb.lines), RegionKind::kInset, -1, -1};
    size_t at = regions->size();
    for (size_t r = from; r < regions->size() && at == regions->size(); ++r) {
      std::vector<Line>& ls = (*regions)[r].lines;
      for (size_t k = 0; k < ls.size(); ++k) {
        const Box& b = ls[k].box;
        if (b.x0 != fb.beside_last.x0 || b.y0 != fb.beside_last.y0) continue;
        // Lines still indented like the text beside a box on its left (the
        // box ends just above them) belong to the same run of text.
        const bool indented = b.x0 > Extent(ls).x0 + 0.8 * cx.size;
        while (indented && k + 1 < ls.size() &&
               std::abs(ls[k + 1].box.x0 - b.x0) < 0.5 * cx.size &&
               ls[k + 1].box.y0 - ls[k].box.y1 < 0.8 * ls[k].box.height())
          ++k;
        size_t end = ParagraphEnd(ls, k, cx.size);
        if (end + 1 < ls.size()) {
          Region tail{std::vector<Line>(ls.begin() + end + 1, ls.end()),
                      (*regions)[r].kind, (*regions)[r].row, (*regions)[r].col};
          ls.erase(ls.begin() + end + 1, ls.end());
          regions->insert(regions->begin() + r + 1, std::move(tail));
        }
        at = r + 1;
        break;
      }
    }
    regions->insert(regions->begin() + at, std::move(box));
  }
}

// Columns split by a clean vertical cut may instead be two column sections
// stacked, when a gap across the whole region cuts both sides: the order
// whose transitions run more sentences on decides (upper left, upper
// right, lower left, lower right against left then right).
bool SectionsFirst(const std::vector<Line>& left,
                   const std::vector<Line>& right,
                   const std::vector<Line>& all) {
  const Interval* best = nullptr;
  std::vector<Interval> yg = YGaps(all);
  for (const Interval& g : yg)
    if (g.width() > 0.9 * MedianHeight(all) &&
        (!best || g.width() > best->width()))
      best = &g;
  if (!best) return false;
  double y = (best->a + best->b) / 2;
  std::vector<Line>
      parts[4];  // upper left, lower left, upper right, lower right
  for (const Line& l : left) parts[CenterY(l.box) < y ? 0 : 1].push_back(l);
  for (const Line& l : right) parts[CenterY(l.box) < y ? 2 : 3].push_back(l);
  for (auto& p : parts) {
    if (p.empty()) return false;
    SortYX(p);
  }
  auto on = [&](int a, int b) {
    return RunsOn(parts[a].back().text, parts[b].front().text) ? 1 : 0;
  };
  int columns = on(0, 1) + on(1, 2) + on(2, 3);
  int sections = on(0, 2) + on(2, 1) + on(1, 3);
  return sections > columns;
}

void Order(std::vector<Line> lines, int depth, RegionKind hint, Context& cx) {
  if (lines.size() <= 1 || depth > 12) {
    Emit(std::move(lines), hint, cx);
    return;
  }
  // 1. A clean vertical cut (columns with nothing across them), unless the
  //    two sides are a table.
  std::vector<Interval> xg = XGaps(lines);
  const Interval* widest = nullptr;
  for (const Interval& g : xg)
    if (g.width() >= cx.gutter && (!widest || g.width() > widest->width()))
      widest = &g;
  if (widest) {
    std::vector<Line> left, right;
    for (const Line& l : lines)
      (l.box.x1 <= widest->a + 0.5 ? left : right).push_back(l);
    // Only a real split when both sides hold several lines; a lone label
    // next to text is read row-wise.
    if (left.size() >= 2 && right.size() >= 2) {
      if (LooksLikeTable(left, right, cx)) {
        ReadTable(std::move(lines), cx);
        return;
      }
      if (!SectionsFirst(left, right, lines)) {
        Order(std::move(left), depth + 1, RegionKind::kColumn, cx);
        Order(std::move(right), depth + 1, RegionKind::kColumn, cx);
        return;
      }
      // else: stacked column sections, cut into slabs below.
    }
  }
  // 2. Columns interrupted by full-width bands or insets.
  if (OrderAroundGutter(lines, depth, cx)) return;
  // 3. A box the text wraps around.
  if (OrderAroundBox(lines, depth, hint, cx)) return;
  // 4. Horizontal slabs separated by a clear vertical gap (paragraph breaks).
  std::vector<Interval> yg = YGaps(lines);
  double med_h = MedianHeight(lines);
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
        if (!s.empty()) Order(std::move(s), depth + 1, hint, cx);
      return;
    }
  }
  Emit(std::move(lines), hint, cx);
}

// Footnotes: the lowest lines of the page in type smaller than the body,
// below every body line, the first starting with a note mark. Moved out of
// `lines` and returned.
std::vector<Line> TakeFootnotes(std::vector<Line>* lines, double body) {
  std::vector<Line>& ls = *lines;
  if (ls.size() < 4) return {};
  SortYX(ls);
  size_t k = ls.size();
  while (k > 0 && ls[k - 1].font_size <= 0.9 * body) --k;
  if (k == ls.size() || k == 0 || (ls.size() - k) * 2 > ls.size()) return {};
  double body_bottom = -1e18;
  for (size_t i = 0; i < k; ++i)
    body_bottom = std::max(body_bottom, ls[i].box.y1);
  if (ls[k].box.y0 < body_bottom - 0.5 || !StartsWithNoteMark(ls[k].text))
    return {};
  std::vector<Line> notes(ls.begin() + k, ls.end());
  ls.resize(k);
  return notes;
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
    n +=
        RunsOn(order[i]->lines.back().text, order[i + 1]->lines.front().text) &&
        !order[i]->heading && !order[i + 1]->list_item;
  }
  return n;
}

}  // namespace

void ChooseOrder(std::vector<Block>* blocks) {
  std::vector<const Block*> geometric, stream;
  for (const Block& b : *blocks) {
    if (BlockStreamPos(b) < 0) return;  // no stream positions (OCR, tests)
    // Geometry that found a table, an inset or footnotes has decided.
    if (b.region == RegionKind::kTable || b.region == RegionKind::kInset ||
        b.region == RegionKind::kFootnote)
      return;
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

namespace {

// Rows were cut at every column edge and every gap wider than 1 em; inside
// one region, pieces of the same row that sit close together are one line
// again (wide justified spaces).
std::vector<Line> MergeRowPieces(std::vector<Line> region,
                                 const std::vector<ColumnEdge>& edges) {
  std::vector<Line> merged;
  for (Line& l : region) {
    if (!merged.empty()) {
      Line& prev = merged.back();
      double h = std::max(1.0, prev.box.height());
      double gap = l.box.x0 - prev.box.x1;
      if (std::abs(CenterY(l.box) - CenterY(prev.box)) < 0.3 * h && gap >= 0 &&
          gap < 2.0 * h &&
          !SplitsAt(edges, prev.box.x1, l.box.x0, CenterY(l.box), 0.5)) {
        if (prev.lead_bold == prev.text.size() && l.lead_bold > 0)
          prev.lead_bold += 1 + l.lead_bold;
        if (prev.lead_underline == prev.text.size() && l.lead_underline > 0)
          prev.lead_underline += 1 + l.lead_underline;
        prev.lead_emphasis = std::max(prev.lead_bold, prev.lead_underline);
        prev.text += ' ';
        prev.text += l.text;
        prev.box.Extend(l.box);
        prev.bold = prev.bold && l.bold;
        prev.italic = prev.italic && l.italic;
        prev.underline = prev.underline && l.underline;
        if (prev.family != l.family) prev.family = 0;
        continue;
      }
    }
    merged.push_back(std::move(l));
  }
  return merged;
}

bool Emphasized(const Line& l) {
  return l.lead_emphasis == l.text.size() && !l.text.empty();
}

// Whether `prev`, set flush left with `l`, ends short of the text's right
// edge `right` (LocalRightEdges) by more room than `l`'s first word and a space
// need: a line broken by hand (a heading), for a wrapped line ends where the
// next word would not fit. Centred lines are not judged.
bool EndsShort(const Line& prev, const Line& l, double right) {
  double em = std::max(1.0, prev.font_size);
  if (std::abs(prev.box.x0 - l.box.x0) > 0.5 * em || l.text.empty())
    return false;
  size_t space = l.text.find(' ');
  size_t first = space == std::string::npos ? l.text.size() : space;
  double word = l.box.width() * static_cast<double>(first) /
                static_cast<double>(l.text.size());
  return right - prev.box.x1 > word + em;
}

// A bold (underlined) run that fills `prev` and opens `l`: one title
// wrapped onto two lines, not a heading line above its text — unless
// `prev` is set in larger type (a heading above a paragraph that opens
// with a bold label). (Where `prev` ends is no evidence here: a boxed
// paragraph in bold broken by hand mid-sentence goes on.)
bool RunGoesOn(const Line& prev, const Line& l) {
  bool bold = prev.lead_bold == prev.text.size();
  bool under = prev.lead_underline == prev.text.size();
  // The same type on both sides: a bold and underlined heading is not
  // continued by an underlined link that opens its text.
  return (bold || under) && bold == (l.lead_bold > 0) &&
         under == (l.lead_underline > 0) &&
         prev.font_size <= 1.05 * l.font_size;
}

// Words (space-separated) in the first `bytes` of `text`.
int WordCount(const std::string& text, size_t bytes) {
  return SpaceSeparatedWords(
      std::string_view(text).substr(0, std::min(bytes, text.size())));
}

int WordCount(const std::vector<Line>& lines, size_t) {
  int n = 0;
  for (const Line& l : lines) n += WordCount(l.text, l.text.size());
  return n;
}

// Per line, the right edge of the text around it: the furthest right of
// the lines within three of it in reading order that start where it does
// (within an em), so that a paragraph set narrower than its region (a
// boxed one) is judged by its own measure.
std::vector<double> LocalRightEdges(const std::vector<Line>& lines) {
  constexpr size_t kNear = 3;
  std::vector<double> rights(lines.size());
  for (size_t k = 0; k < lines.size(); ++k) {
    double em = std::max(1.0, lines[k].font_size);
    double right = lines[k].box.x1;
    size_t from = k >= kNear ? k - kNear : 0;
    for (size_t j = from; j < lines.size() && j <= k + kNear; ++j)
      if (std::abs(lines[j].box.x0 - lines[k].box.x0) <= em)
        right = std::max(right, lines[j].box.x1);
    rights[k] = right;
  }
  return rights;
}

// A region's lines -> blocks: a wider gap, a change of type size or of
// emphasis, a new row or a list item starts a block.
void AppendBlocks(Region& region, const std::vector<ColumnEdge>& edges,
                  std::vector<Block>* blocks) {
  if (region.kind != RegionKind::kTable)
    region.lines = MergeRowPieces(std::move(region.lines), edges);
  std::vector<double> rights = LocalRightEdges(region.lines);
  Block* cur = nullptr;
  for (size_t k = 0; k < region.lines.size(); ++k) {
    Line& l = region.lines[k];
    bool start = cur == nullptr;
    if (cur) {
      const Line& prev = cur->lines.back();
      double right = rights[k - 1];
      double h = std::max(1.0, std::max(prev.box.height(), l.box.height()));
      double gap = l.box.y0 - prev.box.y1;
      bool size_change = std::abs(l.font_size - prev.font_size) >
                         0.15 * std::max(1.0, prev.font_size);
      bool same_row = std::abs(CenterY(l.box) - CenterY(prev.box)) < 0.4 * h;
      // A whole line in bold or underlined type next to one that is not:
      // a heading at body size ("4. Transform the Classification System").
      // (An emphasized run that wraps onto the next line goes on.)
      bool emphasis_change =
          Emphasized(l) != Emphasized(prev) && !RunGoesOn(prev, l);
      // A sentence ends (or the line ends short: EndsShort) and the next
      // line opens in bold or underlined words: a run-in title or a field's
      // label starts a paragraph set with no space or indent ("…se
      // compromete a:" / "Transparencia fiscal. Se propone…"; "Institución
      // responsable: Agencia" / "Plazo: 2023").
      bool run_in = l.lead_emphasis > 0 && !Emphasized(l) &&
                    prev.lead_emphasis < prev.text.size() &&
                    !prev.text.empty() &&
                    (std::strchr(".:;!?", prev.text.back()) != nullptr ||
                     EndsShort(prev, l, right));
      // A line broken by hand, and the next set in another typeface: a
      // heading in the sans of a serif document, at the body's size and
      // weight ("COMMITMENT 11: Sex-disaggregated statistics" / "Civil
      // society organizations report…").
      bool face_change = prev.family != 0 && l.family != 0 &&
                         prev.family != l.family && EndsShort(prev, l, right);
      start = gap > 0.8 * h || gap < -0.5 * h || size_change || same_row ||
              emphasis_change || run_in || face_change ||
              StartsListItem(l.text);
      if (region.kind == RegionKind::kTable) start = false;  // a cell is one
    }
    if (start) {
      blocks->push_back(Block{});
      cur = &blocks->back();
      cur->box = l.box;
      cur->font_size = l.font_size;
      cur->list_item = StartsListItem(l.text);
      cur->region = region.kind;
      cur->row = region.row;
      cur->col = region.col;
      cur->bold = cur->italic = cur->underline = true;
    }
    // The run-in title goes on while every earlier line is emphasized.
    if (cur->lines.empty()) {
      cur->lead_emphasis_words = WordCount(l.text, l.lead_emphasis);
    } else if (cur->lead_emphasis_words == WordCount(cur->lines, SIZE_MAX)) {
      cur->lead_emphasis_words += WordCount(l.text, l.lead_emphasis);
    }
    cur->box.Extend(l.box);
    cur->bold = cur->bold && l.bold;
    cur->italic = cur->italic && l.italic;
    cur->underline = cur->underline && l.underline;
    cur->lines.push_back(std::move(l));
  }
}

}  // namespace

std::vector<Block> OrderBlocks(std::vector<Line> lines,
                               const LayoutHints& hints,
                               std::vector<LayoutMark>* marks) {
  const std::vector<ColumnEdge>& edges = hints.edges;
  std::vector<Block> blocks;
  if (lines.empty()) return blocks;
  double body_size = MedianSize(lines);
  std::vector<Region> regions;
  Context cx;
  cx.size = body_size;
  cx.gutter = std::max(2.0, 0.4 * body_size);
  cx.hints = &hints;
  cx.out = &regions;
  std::vector<Line> notes = TakeFootnotes(&lines, body_size);
  std::vector<FilledBox> boxes = TakeFilledBoxes(&lines, hints);
  Order(std::move(lines), 0, RegionKind::kText, cx);
  PlaceFilledBoxes(std::move(boxes), 0, cx, &regions);
  size_t body_regions = regions.size();
  if (!notes.empty()) Order(std::move(notes), 0, RegionKind::kFootnote, cx);
  for (size_t i = body_regions; i < regions.size(); ++i)
    regions[i].kind = RegionKind::kFootnote;
  for (Region& r : regions) {
    if (marks && !r.lines.empty())
      marks->push_back({RegionKindName(r.kind), Extent(r.lines)});
    AppendBlocks(r, edges, &blocks);
  }
  ChooseOrder(&blocks);
  for (Block& b : blocks) {
    b.heading =
        body_size > 0 && b.font_size >= 1.18 * body_size && b.lines.size() <= 4;
  }
  if (marks) {
    for (const ColumnEdge& e : edges) marks->push_back({"edge", e.strip});
    for (const Box& r : hints.hrules) marks->push_back({"rule", r});
    for (const Box& r : hints.vrules) marks->push_back({"rule", r});
    for (const Box& f : hints.fills) marks->push_back({"fill", f});
    for (const Box& f : hints.marks) marks->push_back({"mark", f});
  }
  return blocks;
}

namespace {

// Rows of two-column tables: the label cell and the value cell of each row.
// A table is a run of table blocks; its rows restart at 0.
void TableFields(const std::vector<Block>& blocks,
                 std::vector<std::pair<size_t, size_t>>* out) {
  size_t i = 0;
  while (i < blocks.size()) {
    if (blocks[i].region != RegionKind::kTable) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < blocks.size() && blocks[j].region == RegionKind::kTable &&
           blocks[j].row >= blocks[j - 1].row)
      ++j;
    int max_col = 0;
    for (size_t k = i; k < j; ++k) max_col = std::max(max_col, blocks[k].col);
    if (max_col == 1)
      for (size_t k = i; k + 1 < j; ++k)
        if (blocks[k].col == 0 && blocks[k + 1].col == 1 &&
            blocks[k].row == blocks[k + 1].row)
          out->push_back({k, k + 1});
    i = j;
  }
}

}  // namespace

std::vector<std::pair<size_t, size_t>> FindFields(
    const std::vector<Block>& blocks) {
  std::vector<std::pair<size_t, size_t>> out;
  TableFields(blocks, &out);
  for (size_t i = 0; i + 1 < blocks.size(); ++i) {
    const Block& k = blocks[i];
    const Block& v = blocks[i + 1];
    if (k.lines.empty() || v.lines.empty() || k.heading ||
        k.region == RegionKind::kTable || v.region == RegionKind::kTable)
      continue;
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
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace planmine
