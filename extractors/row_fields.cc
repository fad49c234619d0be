// Label and value cells paired by geometry: a template's label column and
// answer column meet on shared rows. A label cell is short; its value is
// the column of blocks to its right that starts on the label's first line
// and runs down until something starts left of that column again (the next
// label, a heading, a paragraph across the page). Distances are in the
// page's own body type size, so the rule holds at any scale.
#include "extractors/row_fields.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extractors/mine_internal.h"

namespace planmine {
namespace {

size_t Words(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char ch : s) {
    bool sp = ch == ' ' || ch == '\n' || ch == '\t';
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

// The median type size of the page's blocks; 10 pt when none is known.
double BodySize(const NormalizedPage& page) {
  std::vector<double> sizes;
  for (const NormalizedBlock& b : page.blocks)
    if (b.font_size > 0) sizes.push_back(b.font_size);
  if (sizes.empty()) return 10;
  std::nth_element(sizes.begin(), sizes.begin() + sizes.size() / 2,
                   sizes.end());
  return sizes[sizes.size() / 2];
}

}  // namespace

std::vector<RowField> PairRows(const NormalizedPage& page) {
  std::vector<RowField> out;
  const int n = static_cast<int>(page.blocks.size());
  if (n < 2) return out;
  const double em = BodySize(page);
  const double tol = 0.5 * em;
  auto text = [&](int i) {
    const NormalizedBlock& b = page.blocks[i];
    if (b.end > page.text.size() || b.start >= b.end) return std::string();
    return page.text.substr(b.start, b.end - b.start);
  };
  std::vector<int> order(n);
  for (int i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return page.blocks[a].box.y0 < page.blocks[b].box.y0;
  });
  for (int li = 0; li < n; ++li) {
    const NormalizedBlock& l = page.blocks[li];
    const std::string label = text(li);
    const size_t words = Words(label);
    if (words == 0 || words > kMaxLabelWords) continue;
    // A label opens its row: a cell to its left on the same line makes it
    // a header or a middle cell ("No. | Commitment | Lead department").
    bool opens_row = true;
    for (int k = 0; k < n && opens_row; ++k) {
      const NormalizedBlock& b = page.blocks[k];
      if (k != li && b.box.x1 <= l.box.x0 + tol &&
          std::abs(b.box.y0 - l.box.y0) <= em)
        opens_row = false;
    }
    if (!opens_row) continue;
    // The value's first block: to the right, its top on the label's first
    // line.
    int first = -1;
    for (int vi = 0; vi < n; ++vi) {
      const NormalizedBlock& v = page.blocks[vi];
      if (vi == li || v.box.x0 < l.box.x1 - tol) continue;
      // Its first line on the label's first line, or its last on the
      // label's last (a one-line answer set on the baseline of a label
      // that wrapped).
      bool top = std::abs(v.box.y0 - l.box.y0) <= em;
      bool bottom =
          std::abs(v.box.y1 - l.box.y1) <= tol && v.box.y0 >= l.box.y0 - tol;
      if (!top && !bottom) continue;
      if (first < 0 || v.box.x0 < page.blocks[first].box.x0) first = vi;
    }
    if (first < 0) continue;
    const double col = page.blocks[first].box.x0;
    // The row ends where a block starts left of the value column again.
    double stop = std::numeric_limits<double>::max();
    for (int k = 0; k < n; ++k) {
      const NormalizedBlock& b = page.blocks[k];
      if (k != li && b.box.x0 < col - tol && b.box.y0 > l.box.y0 + tol)
        stop = std::min(stop, b.box.y0 - tol);
    }
    RowField r;
    r.label_block = li;
    r.label = label;
    // A label that wrapped may have been read into the label cell below
    // it ("Institución" over "responsable Plazo de ejecución").
    r.label_continued = label;
    for (int k : order) {
      const NormalizedBlock& b = page.blocks[k];
      if (k != li && std::abs(b.box.x0 - l.box.x0) <= tol &&
          b.box.y0 >= l.box.y1 - tol && b.box.y0 <= l.box.y1 + tol) {
        r.label_continued += " " + text(k);
        break;
      }
    }
    double bottom = page.blocks[first].box.y0;
    const double top = std::min(l.box.y0, page.blocks[first].box.y0) - tol;
    for (int k : order) {
      const NormalizedBlock& b = page.blocks[k];
      if (k == li || b.box.x0 < col - tol || b.box.y0 < top || b.box.y0 >= stop)
        continue;
      // A gap of more than two lines is the end of the table.
      if (b.box.y0 > bottom + 2 * em && !r.value_blocks.empty()) break;
      r.value_blocks.push_back(k);
      bottom = std::max(bottom, b.box.y1);
      r.value += (r.value.empty() ? "" : " ") + text(k);
    }
    if (!r.value_blocks.empty()) out.push_back(std::move(r));
  }
  return out;
}

std::vector<PlacedRow> PlaceRows(const std::vector<Sentence>& sentences,
                                 const NormalizedDocument& doc) {
  std::vector<PlacedRow> out;
  const std::map<std::pair<int, int>, int> first = FirstSentences(sentences);
  for (const NormalizedPage& page : doc.pages)
    for (RowField& r : PairRows(page)) {
      auto it = first.find({page.number, r.label_block});
      if (it == first.end()) continue;
      out.push_back({it->second, std::move(r.label), std::move(r.value),
                     std::move(r.label_continued)});
    }
  std::stable_sort(out.begin(), out.end(),
                   [](const PlacedRow& a, const PlacedRow& b) {
                     return a.sentence < b.sentence;
                   });
  return out;
}

}  // namespace planmine
