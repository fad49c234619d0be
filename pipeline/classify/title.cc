#include "pipeline/classify/title.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "pipeline/classify/running_header.h"
#include "pipeline/core/utf8.h"
#include "pipeline/normalize/normalizer.h"

namespace planmine {
namespace {

// A title is at least this much larger than the body text to stand out
// by size alone.
constexpr double kLarger = 1.15;
// Stacked blocks join when their sizes differ by less than this share.
constexpr double kSameSize = 0.10;
// Blocks within this share of the page's largest title size compete by
// position.
constexpr double kNearLargest = 0.15;
// Longer titles are cut at a word and marked with "…", never mid-word and
// silently.
constexpr size_t kMaxTitleBytes = 600;
constexpr int kMaxTitleWords = 40;

std::string BlockText(const NormalizedPage& p, const NormalizedBlock& b) {
  if (b.start >= p.text.size() || b.end <= b.start) return "";
  return std::string(TrimAscii(std::string_view(p.text).substr(
      b.start, std::min(b.end, p.text.size()) - b.start)));
}

// Whether a title line ends a sentence ("… PARTICIPATIVOS."), so that the
// block under it is not more of the title. "U.S." does not.
bool EndsSentence(const std::string& text) {
  if (text.empty() || text.back() != '.') return false;
  size_t sp = text.find_last_of(' ');
  std::string last = text.substr(sp == std::string::npos ? 0 : sp + 1);
  return std::count(last.begin(), last.end(), '.') == 1 && last.size() >= 4;
}

// "ENTIDAD PÚBLICA: MINISTERIO …", "Agenda: As outlined …": a field's
// label and value, not a line of a title.
bool IsLabelled(const std::string& text) {
  size_t colon = text.find(':');
  if (colon == std::string::npos || colon > 30 || colon + 1 >= text.size())
    return false;
  return FoldedWords(text.substr(0, colon)).size() <= 3;
}

bool HasLetter(const std::string& w) {
  for (char c : w) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalpha(u)) return true;
  }
  return false;
}

// Words holding a letter, and how many letters in all.
void CountWords(const std::string& text, int* words, int* letters) {
  *words = 0;
  *letters = 0;
  for (const std::string& w : FoldedWords(text)) {
    if (!HasLetter(w)) continue;
    ++*words;
    for (char c : w)
      *letters += std::isdigit(static_cast<unsigned char>(c)) == 0 &&
                  (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }
}

// The type size most of the document's text is set in: the median over
// characters of the blocks of its first pages. 0 without typography
// (plain text).
double BodySize(const NormalizedDocument& text) {
  std::map<double, size_t> chars;
  size_t total = 0;
  for (const NormalizedPage& p : text.pages) {
    if (p.number > 30) break;
    for (const NormalizedBlock& b : p.blocks) {
      if (b.font_size <= 0 || b.end <= b.start) continue;
      chars[b.font_size] += b.end - b.start;
      total += b.end - b.start;
    }
  }
  size_t seen = 0;
  for (const auto& [size, n] : chars) {
    seen += n;
    if (seen * 2 >= total) return size;
  }
  return 0;
}

// Trailing separators and spaces off ("The new UK National Action Plan:"
// joined to the line below keeps its colon; a lone one at the end goes).
std::string Tidy(std::string s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == '\n' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  while (!out.empty() && (out.back() == ':' || out.back() == '-' ||
                          out.back() == ',' || out.back() == ' '))
    out.pop_back();
  if (out.size() <= kMaxTitleBytes) return out;
  std::string cut = Utf8Truncate(out, kMaxTitleBytes - 4);
  size_t at = cut.rfind(' ');
  if (at != std::string::npos && at > cut.size() / 2) cut.resize(at);
  return cut + "…";
}

class TitleFinder {
 public:
  TitleFinder(const IndexedDocument& doc, const Signals& signals)
      : doc_(doc), signals_(signals), body_(BodySize(doc.text)) {
    language_ = doc.language.code;
  }

  Attribute Decide() const;

 private:
  bool Has(const std::string& text, const char* pack, const char* group) const {
    return signals_.Has(text, language_, pack, group);
  }
  // Why `text` cannot be a title (structure and the titles packs); null
  // when it can. `part`: the text is one line of a stacked title, and may
  // be a single word ("Awards" under "International Memberships and").
  const char* Reject(const std::string& text, bool part = false) const;
  // Also the block's own evidence: its box and size against the page.
  const char* RejectBlock(const NormalizedPage& p, const NormalizedBlock& b,
                          bool part = false) const;
  bool IsContentsPage(const NormalizedPage& p) const;
  // Page 1's largest type when it stands out; joined with the blocks
  // stacked over or under it in the same size.
  std::optional<std::string> LargestType(const NormalizedPage& p) const;
  std::optional<std::string> SubjectLine(const NormalizedPage& p) const;
  std::optional<std::string> ActHeading(const NormalizedPage& p) const;
  std::optional<std::string> BoldOpening(const NormalizedPage& p) const;
  std::optional<std::string> RealMetadata() const;
  std::optional<std::string> FromRunningHeader() const;
  // The blocks above and below `block` in the same size, stacked: up to
  // three in all, top to bottom.
  std::string Stack(const NormalizedPage& p, size_t block, double gap_sizes,
                    bool bold_only) const;
  // Whether block `i` can be a title, alone or as the first line of a
  // stack (a line ending in a colon with the rest of the title under it).
  bool CanOpenStack(const NormalizedPage& p, size_t i) const;
  // A letter's salutation opening page 1 ("Estimados miembros…"), the name
  // a reader gives a letter without a subject line.
  std::optional<std::string> Salutation(const NormalizedPage& p) const;

  const IndexedDocument& doc_;
  const Signals& signals_;
  const double body_;
  std::string language_;
};

const char* TitleFinder::Reject(const std::string& text, bool part) const {
  int words = 0, letters = 0;
  CountWords(text, &words, &letters);
  if (part ? words < 1 : words < 2 || letters < 6) return "too short";
  if (static_cast<int>(FoldedWords(text).size()) > kMaxTitleWords)
    return "too long";
  // "Key Resources:", "Speakers:": a label introducing what follows (the
  // first line of a stacked title may end so; Stack joins it first).
  if (!part && text.back() == ':') return "a label";
  if (text.find("....") != std::string::npos ||
      text.find("…") != std::string::npos ||
      text.find("____") != std::string::npos)
    return "a contents line";
  if (words <= 6 && (text.find("www.") != std::string::npos ||
                     text.find("http") != std::string::npos ||
                     text.find('@') != std::string::npos))
    return "an address";
  if (Has(text, "titles", "contents")) return "a contents heading";
  if (Has(text, "titles", "skip")) return "a section heading";
  if (Has(text, "titles", "dateline")) return "a date line";
  // An institution's name alone is the sender; with a genre word it names
  // the document ("Ministerio de Salud: Plan de Acción").
  if (Has(text, "titles", "letterhead")) {
    bool genre = false;
    for (const Signal& s : signals_.Find(text, language_, "genres"))
      genre |= Signals::IsGenre(s.group);
    if (!genre) return "a letterhead";
  }
  return nullptr;
}

const char* TitleFinder::RejectBlock(const NormalizedPage& p,
                                     const NormalizedBlock& b,
                                     bool part) const {
  if (b.region == "footnote") return "a footnote";
  if (b.region == "image") return "text read in an image";
  // Running text: many words closed by a period, in the body's weight.
  if (!b.bold && !b.heading) {
    std::string text = BlockText(p, b);
    if (!text.empty() && text.back() == '.' && FoldedWords(text).size() >= 15)
      return "a paragraph";
  }
  // OCR text layers put words at impossible places and sizes.
  if (b.box.y0 < -1 || b.box.x0 < -1 ||
      (p.height > 0 && b.box.y1 > p.height + 1) ||
      (p.height > 0 && b.font_size > p.height / 4))
    return "off the page";
  return Reject(BlockText(p, b), part);
}

bool TitleFinder::IsContentsPage(const NormalizedPage& p) const {
  for (const NormalizedBlock& b : p.blocks)
    if (Has(BlockText(p, b), "titles", "contents")) return true;
  return false;
}

std::string TitleFinder::Stack(const NormalizedPage& p, size_t block,
                               double gap_sizes, bool bold_only) const {
  const NormalizedBlock& seed = p.blocks[block];
  // The blocks sharing the seed's horizontal extent, top to bottom.
  std::vector<size_t> column;
  for (size_t i = 0; i < p.blocks.size(); ++i) {
    const Box& b = p.blocks[i].box;
    if (i == block || (b.x1 > seed.box.x0 && b.x0 < seed.box.x1))
      column.push_back(i);
  }
  std::stable_sort(column.begin(), column.end(), [&](size_t a, size_t b) {
    return p.blocks[a].box.y0 < p.blocks[b].box.y0;
  });
  auto at = std::find(column.begin(), column.end(), block) - column.begin();
  // `next` joins the stack when it is set in the seed's size (and weight)
  // and sits within `gap_sizes` type sizes of the stack's edge `edge`.
  auto joins = [&](size_t edge, size_t next) {
    const NormalizedBlock& e = p.blocks[edge];
    const NormalizedBlock& n = p.blocks[next];
    if (std::abs(n.font_size - seed.font_size) > kSameSize * seed.font_size)
      return false;
    if (bold_only && !n.bold && !n.heading) return false;
    const double gap =
        n.box.y0 >= e.box.y0 ? n.box.y0 - e.box.y1 : e.box.y0 - n.box.y1;
    if (gap > gap_sizes * seed.font_size) return false;
    const NormalizedBlock& upper = n.box.y0 >= e.box.y0 ? e : n;
    if (EndsSentence(BlockText(p, upper)) || IsLabelled(BlockText(p, n)))
      return false;
    return RejectBlock(p, n, /*part=*/true) == nullptr;
  };
  long first = at, last = at;
  while (last - first < 2 && last + 1 < static_cast<long>(column.size()) &&
         joins(column[last], column[last + 1]))
    ++last;
  while (last - first < 2 && first > 0 &&
         joins(column[first], column[first - 1]))
    --first;
  std::string out;
  for (long i = first; i <= last; ++i) {
    if (!out.empty()) out += ' ';
    out += BlockText(p, p.blocks[column[i]]);
  }
  return out;
}

bool TitleFinder::CanOpenStack(const NormalizedPage& p, size_t i) const {
  const NormalizedBlock& b = p.blocks[i];
  if (RejectBlock(p, b) == nullptr) return true;
  std::string text = BlockText(p, b);
  if (text.empty() || text.back() != ':' ||
      RejectBlock(p, b, /*part=*/true) != nullptr)
    return false;
  return Stack(p, i, 3.0, false).size() > text.size();
}

std::optional<std::string> TitleFinder::LargestType(
    const NormalizedPage& p) const {
  if (body_ <= 0) return std::nullopt;
  double largest = 0;
  std::vector<size_t> sized;
  for (size_t i = 0; i < p.blocks.size(); ++i) {
    const NormalizedBlock& b = p.blocks[i];
    if (b.font_size < kLarger * body_ || !CanOpenStack(p, i)) continue;
    sized.push_back(i);
    largest = std::max(largest, b.font_size);
  }
  // Of the blocks in about the largest size, the topmost: a logo or a
  // badge set a little larger lower down is not the title.
  long best = -1;
  for (size_t i : sized) {
    const NormalizedBlock& b = p.blocks[i];
    if (b.font_size < (1 - kNearLargest) * largest) continue;
    if (best < 0 || b.box.y0 < p.blocks[best].box.y0)
      best = static_cast<long>(i);
  }
  if (best < 0) return std::nullopt;
  // Cover lines are spaced out: up to three sizes apart.
  return Tidy(Stack(p, static_cast<size_t>(best), 3.0, false));
}

std::optional<std::string> TitleFinder::SubjectLine(
    const NormalizedPage& p) const {
  for (size_t i = 0; i < p.blocks.size() && i < 30; ++i) {
    std::string text = BlockText(p, p.blocks[i]);
    auto s = signals_.First(text, language_, "titles", "subject");
    if (!s || s->start != 0) continue;
    std::string subject = Tidy(s->subject);
    int words = 0, letters = 0;
    CountWords(subject, &words, &letters);
    if (words >= 2) return subject;
  }
  return std::nullopt;
}

std::optional<std::string> TitleFinder::ActHeading(
    const NormalizedPage& p) const {
  for (size_t i = 0; i < p.blocks.size() && i < 12; ++i) {
    std::string text = BlockText(p, p.blocks[i]);
    if (FoldedWords(text).size() > 20) continue;
    if (Has(text, "genres", "legal") && RejectBlock(p, p.blocks[i]) == nullptr)
      return Tidy(text);
  }
  return std::nullopt;
}

std::optional<std::string> TitleFinder::BoldOpening(
    const NormalizedPage& p) const {
  // The first blocks of the page, top down: a title set in bold at body
  // size opens the page, before the first paragraph.
  std::vector<size_t> order(p.blocks.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return p.blocks[a].box.y0 < p.blocks[b].box.y0;
  });
  std::vector<size_t> bold;
  for (size_t k = 0; k < order.size() && k < 3; ++k) {
    const NormalizedBlock& b = p.blocks[order[k]];
    if (!b.bold && !b.heading) continue;
    if (body_ > 0 && b.font_size < (1 - kSameSize) * body_) continue;
    if (RejectBlock(p, b) != nullptr) continue;
    bold.push_back(order[k]);
  }
  // The block that opens with a genre word names the document by itself
  // ("TALLER DE SALUD" under the series line "IV PLAN NACIONAL … TALLERES
  // DE COCREACIÓN", "Nota Técnica 007/2017" under the office's name).
  for (size_t i : bold) {
    std::string text = BlockText(p, p.blocks[i]);
    for (const Signal& s : signals_.Find(text, language_, "genres"))
      if (s.start == 0 && Signals::IsGenre(s.group)) return Tidy(text);
  }
  // Else the first, with the bold lines stacked under it (closer than
  // paragraphs).
  if (!bold.empty()) return Tidy(Stack(p, bold[0], 1.5, true));
  return std::nullopt;
}

std::optional<std::string> TitleFinder::Salutation(
    const NormalizedPage& p) const {
  for (size_t i = 0; i < p.blocks.size() && i < 8; ++i) {
    std::string text = BlockText(p, p.blocks[i]);
    auto s = signals_.First(text, language_, "genres", "letter");
    if (!s || s->start != 0 || FoldedWords(text).size() > 15) continue;
    int words = 0, letters = 0;
    CountWords(text, &words, &letters);
    if (words >= 2 && !signals_.Has(text, language_, "titles", "subject"))
      return Tidy(text);
  }
  return std::nullopt;
}

std::optional<std::string> TitleFinder::RealMetadata() const {
  std::string meta = Tidy(std::string(TrimAscii(doc_.info.title)));
  if (meta.empty()) return std::nullopt;
  if (signals_.Has(meta, language_, "titles", "placeholder"))
    return std::nullopt;
  if (Reject(meta) != nullptr) return std::nullopt;
  // The file's own name ("metodologia-aga" for metodologia-aga.pdf).
  std::string stem = std::filesystem::path(doc_.file.path).stem().string();
  if (FoldedWords(meta) == FoldedWords(stem)) return std::nullopt;
  return meta;
}

std::optional<std::string> TitleFinder::FromRunningHeader() const {
  for (const planmine::RunningHeader& h : RunningHeaders(doc_.text))
    if (Reject(h.text) == nullptr) return Tidy(h.text);
  return std::nullopt;
}

Attribute TitleFinder::Decide() const {
  const auto& pages = doc_.text.pages;
  if (body_ <= 0) {
    // Plain text (.txt, .md): no type sizes, no boxes. Its first heading,
    // else its first block that can be a title.
    for (bool headings : {true, false})
      for (size_t i = 0; i < pages.size() && i < 3; ++i)
        for (const NormalizedBlock& b : pages[i].blocks)
          if ((b.heading || !headings) && RejectBlock(pages[i], b) == nullptr)
            return {Tidy(BlockText(pages[i], b)), "heading"};
    if (auto s = RealMetadata()) return {*s, "metadata"};
    return {std::filesystem::path(doc_.file.path).stem().string(), "filename"};
  }
  if (!pages.empty()) {
    const NormalizedPage& first = pages[0];
    if (auto s = SubjectLine(first)) return {*s, "subject"};
    if (auto s = LargestType(first)) return {*s, "cover"};
    if (auto s = ActHeading(first)) return {*s, "act"};
  }
  // What is printed on the pages before what the file's properties say.
  if (auto s = FromRunningHeader()) return {*s, "running_header"};
  if (!pages.empty())
    if (auto s = BoldOpening(pages[0])) return {*s, "cover"};
  if (auto s = RealMetadata()) return {*s, "metadata"};
  if (!pages.empty()) {
    if (auto s = Salutation(pages[0])) return {*s, "salutation"};
    for (size_t i = 1; i < pages.size() && i < 3; ++i)
      if (!IsContentsPage(pages[i]))
        if (auto s = LargestType(pages[i])) return {*s, "heading"};
    for (size_t i = 0; i < pages.size() && i < 3; ++i)
      for (const NormalizedBlock& b : pages[i].blocks)
        if (b.heading && RejectBlock(pages[i], b) == nullptr)
          return {Tidy(BlockText(pages[i], b)), "heading"};
  }
  return {std::filesystem::path(doc_.file.path).stem().string(), "filename"};
}

}  // namespace

Attribute DecideTitle(const IndexedDocument& doc, const Signals& signals) {
  return TitleFinder(doc, signals).Decide();
}

}  // namespace planmine
