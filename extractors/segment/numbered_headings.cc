// Strategy: numbered headings at one typographic level. A plan that does
// not write "Commitment N" still sets its commitments apart the same way
// each time: "1. Improve Public Participation" in bold, "2) TITLE IN
// CAPITALS", "III. Title" in larger type, numbers that may restart under
// each theme. The candidates are short blocks that open with a number and
// stand out from the document's body type (weight, underline, capitals or
// size, judged against the document-wide body size, not the page's); they
// are grouped by their typography and numbering depth, and the group that
// repeats over pages with numbers that run on (or restart at 1) is the
// plan's unit. A numbered list on one page (contents, the plan's summary
// list, milestones) is not: each heading must be followed by body text
// before the next.
#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "extractors/mine_internal.h"
#include "extractors/segment/segment.h"
#include "pipeline/core/utf8.h"

namespace planmine {
namespace {

// The typography that makes a level: type size relative to the body (in
// tenths), weight and underline, capitals, and the numbering depth.
struct Level {
  int size_tenths = 10;
  bool bold = false, underline = false, caps = false;
  int depth = 1;  // "1." 1, "1.2" 2
  bool roman = false;
  bool operator<(const Level& o) const {
    return std::tie(size_tenths, bold, underline, caps, depth, roman) <
           std::tie(o.size_tenths, o.bold, o.underline, o.caps, o.depth,
                    o.roman);
  }
};

struct Candidate {
  int sentence = 0;  // the heading's first sentence
  int page = 0;
  int value = 0;  // the last part of its number ("2.3" -> 3)
  std::string number, title;
  Level level;
  int body_words = 0;  // words of plain text after it, before the next
                       // numbered block
};

int RomanValue(const std::string& r) {
  static const std::map<char, int> kV = {
      {'I', 1}, {'V', 5}, {'X', 10}, {'L', 50}, {'C', 100}};
  int total = 0;
  for (size_t i = 0; i < r.size(); ++i) {
    auto it = kV.find(r[i]);
    if (it == kV.end()) return 0;
    int v = it->second;
    int next = i + 1 < r.size() && kV.count(r[i + 1]) ? kV.at(r[i + 1]) : 0;
    total += v < next ? -v : v;
  }
  return total;
}

// Share of letters that are capitals (ASCII and Latin-1 two-byte letters).
bool MostlyCapitals(std::string_view s) {
  int upper = 0, letters = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char u = static_cast<unsigned char>(s[i]);
    if (u < 0x80) {
      if (isalpha(u)) {
        ++letters;
        upper += isupper(u) != 0;
      }
    } else if (u == 0xC3 && i + 1 < s.size()) {
      unsigned char v = static_cast<unsigned char>(s[++i]);
      ++letters;
      upper += v < 0x9F;
    }
  }
  return letters >= 4 && upper * 10 >= letters * 8;
}

int Words(std::string_view s) {
  int n = 0;
  bool in = false;
  for (char c : s) {
    bool sp = c == ' ' || c == '\n' || c == '\t';
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

// The document's body type size: the median size over the words of its
// blocks.
double BodySize(const NormalizedDocument& doc) {
  std::vector<std::pair<double, int>> sizes;
  long total = 0;
  for (const NormalizedPage& p : doc.pages)
    for (const NormalizedBlock& b : p.blocks) {
      if (b.font_size <= 0) continue;
      int w = Words(std::string_view(p.text).substr(b.start, b.end - b.start));
      sizes.push_back({b.font_size, w});
      total += w;
    }
  if (sizes.empty()) return 0;
  std::sort(sizes.begin(), sizes.end());
  long seen = 0;
  for (const auto& [size, w] : sizes) {
    seen += w;
    if (seen * 2 >= total) return size;
  }
  return sizes.back().first;
}

}  // namespace

std::vector<std::vector<Commitment>> NumberedLevels(const SegmentInput& in) {
  std::vector<std::vector<Commitment>> out;
  if (in.doc == nullptr || in.sentences.empty()) return out;
  const double body = BodySize(*in.doc);
  if (body <= 0) return out;
  const std::map<std::pair<int, int>, int> first_sentence =
      FirstSentences(in.sentences);
  // "1." "2)" "3 -" "1.2" "IV." then the title; `mark` is the punctuation
  // after the number (none for "1.2 Title").
  static const RE2 kNumbered(
      "^\\s*(?:(\\d{1,2}(?:\\.\\d{1,2}){0,2})\\s*([.):\\-–—]?)|"
      "([IVXLC]{1,6})\\s*([.):\\-–—]))\\s+(\\S.*)$");
  std::vector<Candidate> cands;
  int words_since = 0;  // plain words since the last candidate
  for (const NormalizedPage& p : in.doc->pages) {
    for (size_t bi = 0; bi < p.blocks.size(); ++bi) {
      const NormalizedBlock& b = p.blocks[bi];
      if (b.region == "footnote" || b.region == "image") continue;
      std::string text(
          Squeeze(std::string_view(p.text).substr(b.start, b.end - b.start)));
      std::string arabic, mark, roman, roman_mark, title;
      int words = Words(text);
      bool numbered = words <= 30 && !LooksLikeTocLine(text) &&
                      RE2::FullMatch(text, kNumbered, &arabic, &mark, &roman,
                                     &roman_mark, &title) &&
                      !StartsLower(title) && Words(title) >= 2;
      // A bare number with no mark after it ("20 Federal agencies") is a
      // heading's only when it is dotted ("1.2 Title").
      if (numbered && !arabic.empty() && mark.empty() &&
          arabic.find('.') == std::string::npos)
        numbered = false;
      auto fs = first_sentence.find({p.number, static_cast<int>(bi)});
      if (!numbered || fs == first_sentence.end()) {
        words_since += words;
        if (!cands.empty()) cands.back().body_words = words_since;
        continue;
      }
      Candidate c;
      c.sentence = fs->second;
      c.page = p.number;
      c.number = arabic.empty() ? roman : arabic;
      c.title = CleanTitle(title);
      size_t dot = arabic.find_last_of('.');
      c.value =
          arabic.empty()
              ? RomanValue(roman)
              : atoi(arabic.c_str() + (dot == std::string::npos ? 0 : dot + 1));
      c.level.size_tenths =
          static_cast<int>(std::lround(10.0 * b.font_size / body));
      c.level.bold = b.bold;
      c.level.underline = b.underline;
      c.level.caps = MostlyCapitals(title);
      c.level.depth = arabic.empty()
                          ? 1
                          : 1 + static_cast<int>(std::count(arabic.begin(),
                                                            arabic.end(), '.'));
      c.level.roman = arabic.empty();
      // Set apart from the body: weight, underline, capitals or size.
      bool stands_out = c.level.bold || c.level.underline || c.level.caps ||
                        b.font_size >= 1.08 * body;
      if (!stands_out || c.value <= 0) {
        words_since += words;
        if (!cands.empty()) cands.back().body_words = words_since;
        continue;
      }
      cands.push_back(std::move(c));
      words_since = 0;
    }
  }
  // A heading introduces text: one followed by less than a short paragraph
  // before the next numbered block belongs to a list.
  const int kBody = 15;
  std::map<Level, std::vector<const Candidate*>> levels;
  for (const Candidate& c : cands)
    if (c.body_words >= kBody) levels[c.level].push_back(&c);
  std::vector<const std::vector<const Candidate*>*> qualified;
  for (const auto& [level, group] : levels) {
    if (group.size() < 3) continue;
    std::set<int> pages;
    int runs_on = 0;
    for (size_t i = 0; i < group.size(); ++i) {
      pages.insert(group[i]->page);
      if (i == 0) continue;
      int prev = group[i - 1]->value, v = group[i]->value;
      runs_on += v == prev + 1 || (v == 1 && prev >= 1);
    }
    // Numbers that run on (restarts allowed) in at least three of four
    // steps, over more than one page.
    if (pages.size() < 2 ||
        runs_on * 4 < static_cast<int>(group.size() - 1) * 3)
      continue;
    qualified.push_back(&group);
  }
  // The most headings first (on a tie, the level met first).
  std::stable_sort(
      qualified.begin(), qualified.end(),
      [](const auto* a, const auto* b) { return a->size() > b->size(); });
  for (const std::vector<const Candidate*>* group : qualified) {
    std::vector<Commitment> units;
    for (const Candidate* c : *group) {
      Commitment u;
      u.kind = CommitmentKind::kHeading;
      u.pattern_id = "numbered_heading";
      u.number = c->number;
      u.title = c->title;
      u.first_sentence = c->sentence;
      u.first_page = in.sentences[c->sentence].page;
      units.push_back(std::move(u));
    }
    CloseUnits(&units, in.sentences);
    out.push_back(std::move(units));
  }
  return out;
}

std::vector<Commitment> NumberedHeadings(const SegmentInput& in) {
  std::vector<std::vector<Commitment>> levels = NumberedLevels(in);
  return levels.empty() ? std::vector<Commitment>() : std::move(levels[0]);
}

}  // namespace planmine
