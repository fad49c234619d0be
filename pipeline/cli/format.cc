#include "pipeline/cli/format.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "pipeline/core/utf8.h"

namespace planmine {

size_t DisplayWidth(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

namespace {

std::string Cell(const std::string& v, size_t max_cell) {
  std::string one;
  for (char c : v) one += (c == '\n' || c == '\t' || c == '\r') ? ' ' : c;
  if (DisplayWidth(one) <= max_cell) return one;
  // Cut at max_cell code points.
  size_t cps = 0, i = 0;
  for (; i < one.size(); ++i) {
    if ((static_cast<unsigned char>(one[i]) & 0xC0) != 0x80) {
      if (cps == max_cell - 1) break;
      ++cps;
    }
  }
  return one.substr(0, i) + "…";
}

}  // namespace

void PrintTable(const Table& t, std::ostream& out, size_t max_cell) {
  std::vector<size_t> w(t.columns.size());
  std::vector<std::vector<std::string>> cells;
  for (size_t c = 0; c < t.columns.size(); ++c)
    w[c] = DisplayWidth(t.columns[c]);
  for (const auto& r : t.rows) {
    std::vector<std::string> row;
    for (size_t c = 0; c < r.size(); ++c) {
      row.push_back(Cell(r[c], max_cell));
      w[c] = std::max(w[c], DisplayWidth(row.back()));
    }
    cells.push_back(std::move(row));
  }
  auto line = [&](const std::vector<std::string>& r) {
    std::string s;
    for (size_t c = 0; c < r.size(); ++c) {
      s += r[c];
      if (c + 1 < r.size())
        s += std::string(w[c] - DisplayWidth(r[c]) + 2, ' ');
    }
    out << s << "\n";
  };
  line(t.columns);
  std::vector<std::string> rule;
  for (size_t c = 0; c < w.size(); ++c) rule.push_back(std::string(w[c], '-'));
  line(rule);
  for (const auto& r : cells) line(r);
}

void PrintJson(const Table& t, std::ostream& out) {
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (const auto& r : t.rows) {
    nlohmann::ordered_json o;
    for (size_t c = 0; c < t.columns.size(); ++c) o[t.columns[c]] = r[c];
    arr.push_back(o);
  }
  out << arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
      << "\n";
}

std::string CsvField(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string q = "\"";
  for (char c : v) {
    if (c == '"')
      q += "\"\"";
    else
      q += c;
  }
  return q + "\"";
}

void PrintCsv(const Table& t, std::ostream& out) {
  auto line = [&](const std::vector<std::string>& r) {
    for (size_t c = 0; c < r.size(); ++c) {
      if (c) out << ',';
      out << CsvField(r[c]);
    }
    out << "\r\n";
  };
  line(t.columns);
  for (const auto& r : t.rows) line(r);
}

}  // namespace planmine
