// Strategy: run-in titles. Some plans give each commitment a paragraph (often
// a bullet) that opens with its title set in the run of the text: "Expand
// the Federal Government's Production … of Equitable Data. The President's
// Executive Order …". The title is marked by type (bold or underlined words
// the paragraph opens with) or, when the PDF does not say so, by form: a
// first sentence in title case, followed by the paragraph's body. Such
// openings must repeat in the same form (emphasis or title case, bullet or
// not) over more than one page; a one-line item with no body after it is a
// list entry, not a unit.
#include <re2/re2.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "extractors/mine_internal.h"
#include "extractors/segment/segment.h"
#include "pipeline/core/utf8.h"

namespace planmine {
namespace {

struct Opening {
  int sentence = 0;
  int page = 0;
  std::string title;
  bool emphasized = false;  // from the type, not the form
  bool bullet = false;
  char terminator = 0;  // the mark after the title: '.', ':' or none
};

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// Title case: most words of four letters or more start with a capital
// (joining words stay lower case: "Access to Federally-Funded Research").
bool TitleCase(const std::vector<std::string>& words) {
  int long_words = 0, capitalised = 0;
  for (const std::string& w : words) {
    size_t letters = 0;
    for (char c : w)
      letters += isalpha(static_cast<unsigned char>(c)) != 0 ||
                 (static_cast<unsigned char>(c) & 0x80);
    if (letters < 4) continue;
    ++long_words;
    capitalised += !StartsLower(w) && isupper(static_cast<unsigned char>(w[0]));
  }
  return long_words >= 2 && capitalised * 4 >= long_words * 3;
}

size_t WordCount(const std::string& s) { return SplitWords(s).size(); }

constexpr size_t kMinBodyWords = 10;

// The run-in title block `bi` of page `p` opens with, if any: emphasized
// words (bold or underlined) or a title-case phrase ending as a sentence,
// with a body after it in the same paragraph or, under a title set on
// lines of its own in emphasis, in the next one.
std::optional<Opening> ReadOpening(const NormalizedPage& p, size_t bi,
                                   int sentence, const std::string& first) {
  const NormalizedBlock& b = p.blocks[bi];
  std::string text(
      Squeeze(std::string_view(p.text).substr(b.start, b.end - b.start)));
  size_t bullet = BulletLength(text);
  std::vector<std::string> words = SplitWords(text.substr(bullet));
  std::vector<std::string> first_words =
      SplitWords(std::string_view(first).substr(
          std::min(BulletLength(first), first.size())));
  Opening o;
  o.sentence = sentence;
  o.page = p.number;
  o.bullet = bullet > 0;
  size_t title_words = 0;
  int lead = b.lead_emphasis_words - (bullet > 0 ? 1 : 0);
  // A title alone in its paragraph still runs in: it ends as a sentence
  // does (a heading does not).
  bool alone = static_cast<size_t>(lead) == words.size();
  bool ends = !text.empty() && (text.back() == '.' || text.back() == ':');
  if (lead >= 2 && static_cast<size_t>(lead) <= words.size() &&
      (!alone || ends)) {
    o.emphasized = true;
    title_words = static_cast<size_t>(lead);
  } else if (first_words.size() >= 3 && first_words.size() <= 20 &&
             (first.back() == '.' || first.back() == ':') &&
             TitleCase(first_words)) {
    title_words = first_words.size();
  }
  if (title_words == 0) return std::nullopt;
  if (words.size() < title_words + kMinBodyWords) {
    bool body_next = false;
    if (o.emphasized && title_words + 1 >= words.size() &&
        bi + 1 < p.blocks.size()) {
      const NormalizedBlock& nb = p.blocks[bi + 1];
      std::string next(Squeeze(
          std::string_view(p.text).substr(nb.start, nb.end - nb.start)));
      body_next = nb.lead_emphasis_words == 0 && !BulletLength(next) &&
                  SplitWords(next).size() >= kMinBodyWords;
    }
    if (!body_next) return std::nullopt;
  }
  std::string title;
  for (size_t k = 0; k < title_words; ++k) title += (k ? " " : "") + words[k];
  if (!title.empty() && (title.back() == '.' || title.back() == ':'))
    o.terminator = title.back();
  o.title = CleanTitle(title);
  if (o.title.empty() || StartsLower(o.title)) return std::nullopt;
  return o;
}

size_t MedianWords(const std::vector<const Opening*>& group) {
  std::vector<size_t> lengths;
  for (const Opening* o : group) lengths.push_back(WordCount(o->title));
  std::nth_element(lengths.begin(), lengths.begin() + lengths.size() / 2,
                   lengths.end());
  return lengths[lengths.size() / 2];
}

// The form that repeats most over more than one page (type or form may
// mark the title; a bullet or none, and the mark that ends the title, set
// the form apart: "Beneficial owner:" glossary terms are not the plan's
// "Expand the register." units). Empty when none does.
std::vector<const Opening*> ChooseForm(const std::vector<Opening>& openings,
                                       size_t* median_words) {
  std::map<std::pair<bool, char>, std::vector<const Opening*>> forms;
  for (const Opening& o : openings)
    forms[{o.bullet, o.terminator}].push_back(&o);
  const std::vector<const Opening*>* best = nullptr;
  size_t best_median = 0;
  for (const auto& [form, group] : forms) {
    std::set<int> pages;
    for (const Opening* o : group) pages.insert(o->page);
    if (group.size() < 3 || pages.size() < 2) continue;
    // A commitment's title is a phrase; a glossary's terms and a method's
    // step names ("Beneficial owner:", "1) Consultation:") are a word or
    // two.
    size_t median = MedianWords(group);
    if (median < 4) continue;
    if (best == nullptr || group.size() > best->size() ||
        (group.size() == best->size() && median > best_median)) {
      best = &group;
      best_median = median;
    }
  }
  *median_words = best_median;
  return best == nullptr ? std::vector<const Opening*>() : *best;
}

// A glossary in the same form ("Dados abertos. Dados acessíveis…"): a page
// of three openings or more whose titles are, at the median, under half as
// long as the form's. Its terms are not the plan's units.
std::vector<const Opening*> DropGlossaryPages(
    const std::vector<const Opening*>& form, size_t median_words) {
  std::map<int, std::vector<const Opening*>> by_page;
  for (const Opening* o : form) by_page[o->page].push_back(o);
  std::set<int> glossary;
  for (const auto& [page, group] : by_page)
    if (group.size() >= 3 && MedianWords(group) * 2 < median_words)
      glossary.insert(page);
  std::vector<const Opening*> kept;
  for (const Opening* o : form)
    if (!glossary.count(o->page)) kept.push_back(o);
  return kept;
}

}  // namespace

std::vector<Commitment> RunInTitles(const SegmentInput& in) {
  std::vector<Commitment> units;
  if (in.doc == nullptr || in.sentences.empty()) return units;
  const std::map<std::pair<int, int>, int> first_sentence =
      FirstSentences(in.sentences);
  std::vector<Opening> openings;
  for (const NormalizedPage& p : in.doc->pages) {
    for (size_t bi = 0; bi < p.blocks.size(); ++bi) {
      const NormalizedBlock& b = p.blocks[bi];
      if (b.region == "footnote" || b.region == "table" || b.region == "image")
        continue;
      auto fs = first_sentence.find({p.number, static_cast<int>(bi)});
      if (fs == first_sentence.end()) continue;
      std::optional<Opening> o =
          ReadOpening(p, bi, fs->second, in.sentences[fs->second].text);
      if (o) openings.push_back(std::move(*o));
    }
  }
  size_t median_words = 0;
  std::vector<const Opening*> form = ChooseForm(openings, &median_words);
  if (form.empty()) return units;
  form = DropGlossaryPages(form, median_words);
  if (form.size() < 3) return units;
  for (size_t i = 0; i < form.size(); ++i) {
    const Opening& o = *form[i];
    Commitment u;
    u.kind = CommitmentKind::kHeading;
    u.pattern_id = "run_in_title";
    u.number = std::to_string(i + 1);
    u.number_in_order = true;
    u.title = o.title;
    u.first_sentence = o.sentence;
    u.first_page = o.page;
    units.push_back(std::move(u));
  }
  CloseUnits(&units, in.sentences);
  return units;
}

}  // namespace planmine
