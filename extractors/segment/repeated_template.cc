// Strategy: the plan's repeated template, learned from the document itself.
// A plan written on the OGP commitment template repeats the same labels
// ("Lead implementing agency", "What is the public problem?", "Milestones",
// in the plan's language) once per commitment, with the answers beside
// them. The layout stage pairs each label with its value (page fields);
// here the labels that recur the same number of times across the document
// are the template, and each time the template starts again a unit starts.
// No label is listed in advance: whatever this document repeats is its
// template. The unit's title is the heading set just above its first label
// (a large centred title on the sheet), when there is one.
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "extractors/mine_internal.h"
#include "extractors/segment/segment.h"
#include "pipeline/core/utf8.h"
#include "pipeline/normalize/normalizer.h"

namespace planmine {
namespace {

struct TemplateLabel {
  std::string key;  // folded words of the label
  int page = 0;     // index into doc.pages
  Box box;
};

std::string KeyOf(const std::string& label) {
  std::string k;
  for (const std::string& w : FoldedWords(label)) {
    bool digits = std::all_of(w.begin(), w.end(),
                              [](char c) { return c >= '0' && c <= '9'; });
    k += (k.empty() ? "" : " ") + (digits ? std::string("#") : w);
  }
  return k;
}

bool Inside(const Box& inner, const std::vector<Field>& fields) {
  double cx = (inner.x0 + inner.x1) / 2, cy = (inner.y0 + inner.y1) / 2;
  for (const Field& f : fields)
    if (cx >= f.box.x0 - 1 && cx <= f.box.x1 + 1 && cy >= f.box.y0 - 1 &&
        cy <= f.box.y1 + 1)
      return true;
  return false;
}

}  // namespace

std::vector<Commitment> RepeatedTemplate(const SegmentInput& in) {
  std::vector<Commitment> units;
  if (in.doc == nullptr || in.sentences.empty()) return units;
  const NormalizedDocument& doc = *in.doc;
  std::vector<TemplateLabel> labels;
  std::map<std::string, int> count;
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    std::vector<TemplateLabel> page;
    for (const Field& f : doc.pages[p].fields) {
      std::string k = KeyOf(f.key);
      // A numbered row ("1. Protocolo aprobado" beside its date) is a
      // list's item, not a label: milestones repeat their wording too.
      if (k.empty() || k.size() > 120 || k[0] == '#') continue;
      page.push_back({k, static_cast<int>(p), f.box});
    }
    std::sort(page.begin(), page.end(),
              [](const TemplateLabel& a, const TemplateLabel& b) {
                return a.box.y0 != b.box.y0 ? a.box.y0 < b.box.y0
                                            : a.box.x0 < b.box.x0;
              });
    for (TemplateLabel& l : page) {
      ++count[l.key];
      labels.push_back(std::move(l));
    }
  }
  // The template: the labels that share the most common count (three or
  // more of them, each seen three times or more).
  std::map<int, int> keys_with;
  for (const auto& [k, n] : count)
    if (n >= 3) ++keys_with[n];
  int units_expected = 0, best_keys = 0;
  for (const auto& [n, keys] : keys_with)
    if (keys > best_keys || (keys == best_keys && n > units_expected))
      best_keys = keys, units_expected = n;
  if (best_keys < 3) return units;
  // A label missing from one sheet or written twice on one still belongs.
  int slack = std::max(1, units_expected / 10);
  std::set<std::string> tmpl;
  for (const auto& [k, n] : count)
    if (std::abs(n - units_expected) <= slack) tmpl.insert(k);
  // A unit starts where a template label comes again.
  std::vector<const TemplateLabel*> openers;
  std::set<std::string> seen;
  for (const TemplateLabel& l : labels) {
    if (!tmpl.count(l.key)) continue;
    if (openers.empty() || seen.count(l.key)) {
      openers.push_back(&l);
      seen.clear();
    }
    seen.insert(l.key);
  }
  if (openers.size() < 3) return units;
  const std::map<std::pair<int, int>, int> first_sentence =
      FirstSentences(in.sentences);
  for (size_t u = 0; u < openers.size(); ++u) {
    const TemplateLabel& o = *openers[u];
    const NormalizedPage& page = doc.pages[o.page];
    // The title: the nearest block above the first label that is not part
    // of the template table; else the first block at or below the label.
    int title_block = -1, first_block = -1;
    double best_y = -1e18;
    for (size_t b = 0; b < page.blocks.size(); ++b) {
      const NormalizedBlock& blk = page.blocks[b];
      if (Inside(blk.box, page.fields) || blk.region == "footnote" ||
          blk.region == "image") {
        if (first_block < 0 && blk.box.y0 >= o.box.y0 - 1)
          first_block = static_cast<int>(b);
        continue;
      }
      if (blk.box.y1 <= o.box.y0 + 1 && blk.box.y1 > best_y &&
          blk.end - blk.start <= 400) {
        best_y = blk.box.y1;
        title_block = static_cast<int>(b);
      }
    }
    int block = title_block >= 0 ? title_block : first_block;
    auto fs = first_sentence.find({page.number, block});
    if (fs == first_sentence.end()) continue;
    Commitment c;
    c.kind = CommitmentKind::kHeading;
    c.pattern_id = "repeated_template";
    c.number = std::to_string(units.size() + 1);
    c.number_in_order = true;
    c.first_sentence = fs->second;
    c.first_page = page.number;
    if (title_block >= 0) {
      const NormalizedBlock& t = page.blocks[title_block];
      c.title = CleanTitle(Squeeze(
          std::string_view(page.text).substr(t.start, t.end - t.start)));
      // "3. Title" or "Commitment 3: Title": the plan's own number.
      static const RE2 kNumbered(
          "^(?:[[:alpha:]]+\\s+)?(\\d{1,2}(?:\\.\\d{1,2})?)\\s*[.):\\-–—]\\s*("
          "\\S.*)$");
      std::string number, rest;
      if (RE2::FullMatch(c.title, kNumbered, &number, &rest)) {
        c.number = number;
        c.number_in_order = false;
        c.title = CleanTitle(rest);
      }
    }
    if (!units.empty() && units.back().first_sentence >= c.first_sentence)
      continue;  // two openers on one block
    units.push_back(std::move(c));
  }
  for (size_t u = 0; u < units.size(); ++u) {
    int next = u + 1 < units.size() ? units[u + 1].first_sentence
                                    : static_cast<int>(in.sentences.size());
    CloseUnit(&units[u], next, in.sentences);
    if (units[u].title.empty())
      units[u].title = CleanTitle(in.sentences[units[u].first_sentence].text);
  }
  if (units.size() < 3) units.clear();
  return units;
}

}  // namespace planmine
