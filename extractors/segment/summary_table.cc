// Summary tables ("No. | Commitment | Lead department(s) | …"), read from
// block positions: each row's lead cell, by row number, fills commitments
// that have none; a plan whose only list of its commitments is such a table
// gets one commitment per row.
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

void Miner::ApplySummaryTables(const SegmentInput& in,
                               std::vector<Commitment>* units) const {
  const std::vector<Sentence>& sentences = in.sentences;
  const int n = static_cast<int>(sentences.size());
  std::map<int, TableRow> rows = ReadSummaryTables(*in.doc);
  for (Commitment& c : *units) {
    auto it = rows.find(atoi(c.number.c_str()));
    if (it == rows.end() || c.lead_agency.empty() == false ||
        c.number.find('.') != std::string::npos)
      continue;
    c.lead_agency = it->second.lead_agency;
    c.lead_agency_source = "table";
  }
  // A plan whose only list of commitments is its summary table: one
  // commitment per row, titled by the first sentence of its cell.
  if (units->empty()) {
    for (const auto& [number, row] : rows) {
      if (row.commitment.empty()) continue;
      int at = -1;
      std::string probe = Utf8Truncate(row.commitment, 40);
      for (int k = 0; k < n && at < 0; ++k)
        if (sentences[k].page == row.page &&
            sentences[k].text.find(probe) != std::string::npos)
          at = k;
      for (int k = 0; k < n && at < 0; ++k)
        if (sentences[k].page == row.page) at = k;
      if (at < 0) continue;
      Commitment c;
      c.kind = CommitmentKind::kTable;
      c.pattern_id = "column.lead_agency";
      c.number = std::to_string(number);
      size_t stop = row.commitment.find(". ");
      c.title = CleanTitle(stop == std::string::npos
                               ? row.commitment
                               : row.commitment.substr(0, stop));
      c.text = row.commitment;
      c.first_page = c.last_page = row.page;
      c.first_sentence = c.last_sentence = at;
      c.lead_agency = row.lead_agency;
      c.lead_agency_source = "table";
      units->push_back(std::move(c));
    }
  }
}

std::map<int, Miner::TableRow> Miner::ReadSummaryTables(
    const NormalizedDocument& doc) const {
  static const RE2 kNumber("\\d{1,3}");
  std::map<int, TableRow> rows;
  int last_row = 0;  // the last row number read, across pages
  struct Cell {
    Box box;
    std::string text;
  };
  for (const NormalizedPage& page : doc.pages) {
    const NormalizedBlock* head = nullptr;
    for (const NormalizedBlock& b : page.blocks) {
      std::string_view t(page.text.data() + b.start, b.end - b.start);
      if (t.size() > 80) continue;
      for (const PatternMatch& m : MatchEach(t, {}, "commitments", "column")) {
        if ((*packs_)[m.pack].patterns[m.pattern].key == "lead_agency")
          head = &b;
      }
      if (head != nullptr) break;
    }
    if (head == nullptr) continue;
    const double lead_x = head->box.x0;
    std::vector<Cell> nums, leads, cells;
    for (const NormalizedBlock& b : page.blocks) {
      if (&b == head || b.box.y0 < head->box.y1 - 1) continue;
      std::string t = Squeeze(
          std::string_view(page.text.data() + b.start, b.end - b.start));
      if (RE2::FullMatch(t, kNumber) && b.box.x1 < lead_x - 50)
        nums.push_back({b.box, t});
      else if (std::abs(b.box.x0 - lead_x) <= 6)
        leads.push_back({b.box, t});
      else if (b.box.x1 <= lead_x + 2)  // left of the lead column
        cells.push_back({b.box, t});
    }
    // Rows in reading order: each number takes the last unused lead cell
    // that starts above its centre (numbers are centred in their rows, cells
    // start at the top). A lead cell no number claims belongs to the row
    // after the one above it: numbers merged into a cell's text are lost,
    // but the numbering of a summary table runs on.
    auto by_y = [](const Cell& a, const Cell& b) {
      return a.box.y0 < b.box.y0;
    };
    std::sort(nums.begin(), nums.end(), by_y);
    std::sort(leads.begin(), leads.end(), by_y);
    std::vector<int> owner(leads.size(), 0);  // row number, 0 = none
    double floor_y = -1;
    for (const Cell& num : nums) {
      double cy = (num.box.y0 + num.box.y1) / 2;
      int pick = -1;
      for (size_t i = 0; i < leads.size(); ++i)
        if (owner[i] == 0 && leads[i].box.y0 <= cy + 2 &&
            leads[i].box.y0 > floor_y)
          pick = static_cast<int>(i);
      if (pick < 0) continue;
      owner[pick] = atoi(num.text.c_str());
      floor_y = leads[pick].box.y0;
    }
    for (size_t i = 0; i < leads.size(); ++i) {
      if (owner[i] == 0) {
        int above = last_row;
        for (size_t j = 0; j < i; ++j)
          if (owner[j] != 0) above = owner[j];
        if (above > 0 && !rows.count(above + 1)) owner[i] = above + 1;
      }
      if (owner[i] == 0 || rows.count(owner[i])) continue;
      TableRow row;
      row.lead_agency = CleanValue(leads[i].text, 400);
      row.page = page.number;
      // The commitment cell starts on the lead cell's line.
      for (const Cell& c : cells)
        if (std::abs(c.box.y0 - leads[i].box.y0) <= 4) {
          row.commitment = c.text;
          break;
        }
      rows[owner[i]] = std::move(row);
      last_row = std::max(last_row, owner[i]);
    }
  }
  return rows;
}

namespace {

// The row of a page's first table that holds its header: the first of its
// first three rows with two cells or more; 0 when none has. A page's second
// table starts where the row numbers go back (FirstTableEnd).
int HeaderRow(const NormalizedPage& p, size_t first_table_end) {
  std::map<int, int> cells;  // row -> cells
  for (size_t bi = 0; bi < first_table_end; ++bi) {
    const NormalizedBlock& b = p.blocks[bi];
    if (b.region == "table" && b.row >= 0) ++cells[b.row];
  }
  int seen = 0;
  for (const auto& [row, n] : cells) {
    if (seen++ == 3) break;
    if (n >= 2) return row;
  }
  return 0;
}

// The index of the first block after the page's first table: the first
// table block whose row is lower than the one before it.
size_t FirstTableEnd(const NormalizedPage& p) {
  int last = -1;
  for (size_t bi = 0; bi < p.blocks.size(); ++bi) {
    const NormalizedBlock& b = p.blocks[bi];
    if (b.region != "table") continue;
    if (b.row < last) return bi;
    last = b.row;
  }
  return p.blocks.size();
}

}  // namespace

// A summary table whose rows are the commitments, read from the cells the
// layout stage found (row and column of each table block): the header row
// names the unit ("Compromiso", "Commitment") over one column and, often,
// the lead agency over another. Each row below is a unit: its title is the
// cell under the unit's header (a number at its start, when the number
// column merged into it, is split off), its lead agency the cell under that
// header. A table continued on the next page without its header keeps the
// columns of the last one.
std::vector<Commitment> Miner::TableRowUnits(const SegmentInput& in) const {
  std::vector<Commitment> units;
  if (in.doc == nullptr) return units;
  const std::map<std::pair<int, int>, int> first_sentence =
      FirstSentences(in.sentences);
  static const RE2 kLeadingNumber("^(\\d{1,3})[.)]?\\s+(\\S.*)$");
  int title_col = -1, lead_col = -1, number_col = -1;
  for (const NormalizedPage& p : in.doc->pages) {
    auto text = [&](const NormalizedBlock& b) {
      return Squeeze(std::string_view(p.text).substr(b.start, b.end - b.start));
    };
    // Header cells on this page: the table's first row of two cells or
    // more (a caption or a spanning theme row the layout put above it is
    // one cell), or row 0 when that one names no unit.
    const size_t first_end = FirstTableEnd(p);
    int head_row = HeaderRow(p, first_end);
    bool header = false;
    int t = -1, l = -1, num = -1;
    for (int pass = 0; pass < 2 && t < 0; ++pass) {
      if (pass == 1) {
        if (head_row == 0) break;
        head_row = 0;
        l = num = -1;
      }
      for (const NormalizedBlock& b : p.blocks) {
        if (b.region != "table" || b.row != head_row) continue;
        if (&b - p.blocks.data() >= static_cast<std::ptrdiff_t>(first_end))
          break;
        std::string h = text(b);
        if (h.size() > 80) continue;
        if (!MatchEach(h, {}, "commitments", "unit").empty()) t = b.col;
        for (const PatternMatch& m : MatchEach(h, {}, "commitments", "column"))
          if ((*packs_)[m.pack].patterns[m.pattern].key == "lead_agency")
            l = b.col;
        if (h.size() <= 4 && b.col != t) num = b.col;  // "Nº", "No.", "#"
      }
    }
    if (t >= 0) {
      header = true;
      title_col = t;
      lead_col = l;
      number_col = num == t ? -1 : num;
    }
    if (title_col < 0) continue;
    const int kSecondTable = 1 << 20;
    std::map<int, Commitment> rows;                        // by table row
    std::map<int, std::map<int, std::string>> date_cells;  // row, col
    for (size_t bi = 0; bi < p.blocks.size(); ++bi) {
      const NormalizedBlock& b = p.blocks[bi];
      if (b.region != "table" ||
          (header && bi < first_end && b.row <= head_row))
        continue;
      auto fs = first_sentence.find({p.number, static_cast<int>(bi)});
      // Rows of a second table on the page are kept apart from the first's.
      const int row = b.row + (bi < first_end ? 0 : kSecondTable);
      Commitment& c = rows[row];
      std::string cell = text(b);
      if (b.col == title_col && fs != first_sentence.end()) {
        std::string number, rest;
        if (RE2::FullMatch(cell, kLeadingNumber, &number, &rest)) {
          c.number = number;
          cell = rest;
        }
        size_t stop = cell.find(". ");
        c.title =
            CleanTitle(stop == std::string::npos ? cell : cell.substr(0, stop));
        c.first_sentence = fs->second;
        c.first_page = p.number;
      } else if (b.col == lead_col) {
        c.lead_agency = CleanValue(cell, 400);
      } else if (b.col == number_col && RE2::FullMatch(cell, "\\d{1,3}")) {
        c.number = cell;
      } else if (cell.size() <= 64) {
        date_cells[row][b.col] += " " + cell;
      }
    }
    // A row with neither number nor lead agency in a table whose rows have
    // numbers ("Theme 2: Fiscal Transparency" across the table) groups the
    // rows under it; it is not one of them.
    size_t titled = 0, numbered = 0;
    for (const auto& [row, c] : rows) {
      if (c.title.empty()) continue;
      ++titled;
      numbered += !c.number.empty();
    }
    const bool rows_numbered = numbered >= 2 && numbered * 3 >= titled * 2;
    for (auto& [row, c] : rows) {
      if (c.title.empty() || StartsLower(c.title)) continue;
      if (rows_numbered && c.number.empty() && c.lead_agency.empty()) continue;
      // The row's other short cells, left to right: two dates in all
      // ("Start | End", or one "Period" cell) are its start and end.
      std::vector<std::string> dates;
      for (const auto& [col, cell] : date_cells[row])
        for (std::string& d : DatesIn(cell, {})) dates.push_back(std::move(d));
      if (dates.size() == 2 && dates[0] <= dates[1]) {
        c.start_date = dates[0];
        c.end_date = dates[1];
      }
      c.kind = CommitmentKind::kTable;
      c.pattern_id = "table_rows";
      if (!c.lead_agency.empty()) c.lead_agency_source = "table";
      units.push_back(std::move(c));
    }
  }
  std::stable_sort(units.begin(), units.end(),
                   [](const Commitment& a, const Commitment& b) {
                     return a.first_sentence < b.first_sentence;
                   });
  for (size_t u = 0; u < units.size(); ++u) {
    if (units[u].number.empty()) units[u].number = std::to_string(u + 1);
    CloseUnit(&units[u],
              u + 1 < units.size() ? units[u + 1].first_sentence
                                   : units[u].first_sentence + 1,
              in.sentences);
  }
  return units;
}

}  // namespace planmine
