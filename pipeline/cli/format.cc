#include "pipeline/cli/format.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pipeline/core/utf8.h"

namespace planmine {

size_t DisplayWidth(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string EscapeControl(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  char buf[12];
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) {
      switch (c) {
        case '\n':
          out += "\\n";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\r':
          out += "\\r";
          break;
        default:
          snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
      }
      ++i;
      continue;
    }
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    // A UTF-8 sequence: its length, its code point, whether it is valid.
    const size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    uint32_t cp = len == 4 ? c & 0x07 : len == 3 ? c & 0x0F : c & 0x1F;
    bool valid = len > 0 && c <= 0xF4 && i + len <= s.size();
    for (size_t k = 1; valid && k < len; ++k) {
      const unsigned char t = static_cast<unsigned char>(s[i + k]);
      if ((t & 0xC0) != 0x80) valid = false;
      cp = (cp << 6) | (t & 0x3F);
    }
    if (valid && ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp < 0xE000))) ||
                  (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))))
      valid = false;
    if (!valid) {
      // A byte of another encoding (a Latin-1 name): kept as it is unless
      // it is a C1 control there (0x80-0x9F: 0x9B is CSI on an 8-bit
      // terminal).
      if (c <= 0x9F) {
        snprintf(buf, sizeof buf, "\\x%02x", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    const bool control = (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 ||
                         cp == 0x2029 || (cp >= 0x200E && cp <= 0x200F) ||
                         (cp >= 0x202A && cp <= 0x202E) ||
                         (cp >= 0x2066 && cp <= 0x2069);
    if (control) {
      snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

namespace {

std::string Cell(const std::string& v, size_t max_cell) {
  // A control character (a file name's newline or escape code) cannot
  // split the table's line or reach the terminal.
  std::string one = EscapeControl(v);
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

nlohmann::ordered_json TypedRows(const Table& t) {
  using J = nlohmann::ordered_json;
  J arr = J::array();
  for (const auto& r : t.rows) {
    J o = J::object();
    for (size_t c = 0; c < t.columns.size() && c < r.size(); ++c) {
      const std::string& v = r[c];
      J& cell = o[t.columns[c]];
      if (v.empty()) {
        cell = t.type(c) == ColumnType::kList ? J::array() : J();
        continue;
      }
      switch (t.type(c)) {
        case ColumnType::kInteger: {
          char* end = nullptr;
          long long n = std::strtoll(v.c_str(), &end, 10);
          cell = end && *end == 0 ? J(n) : J(v);
          break;
        }
        case ColumnType::kReal: {
          char* end = nullptr;
          double x = std::strtod(v.c_str(), &end);
          cell = end && *end == 0 ? J(x) : J(v);
          break;
        }
        case ColumnType::kList: {
          cell = J::array();
          size_t from = 0;
          while (from <= v.size()) {
            size_t semi = v.find(';', from);
            std::string item(TrimAscii(v.substr(from, semi == std::string::npos
                                                          ? std::string::npos
                                                          : semi - from)));
            if (!item.empty()) cell.push_back(item);
            if (semi == std::string::npos) break;
            from = semi + 1;
          }
          break;
        }
        case ColumnType::kText:
          cell = v;
          break;
      }
    }
    arr.push_back(std::move(o));
  }
  return arr;
}

nlohmann::ordered_json JsonEnvelope(const std::string& command) {
  nlohmann::ordered_json j;
  j["schema_version"] = kJsonSchemaVersion;
  j["command"] = command;
  return j;
}

nlohmann::ordered_json JsonTable(const Table& t, const std::string& command) {
  nlohmann::ordered_json j = JsonEnvelope(command);
  j["total"] = t.total >= 0 ? t.total : static_cast<int64_t>(t.rows.size());
  j["count"] = t.rows.size();
  j["rows"] = TypedRows(t);
  return j;
}

void PrintJson(const Table& t, std::ostream& out, const std::string& command) {
  PrintJsonValue(JsonTable(t, command), out);
}

nlohmann::ordered_json JsonTables(
    const std::vector<std::pair<std::string, Table>>& tables,
    const std::string& command) {
  nlohmann::ordered_json j = JsonEnvelope(command);
  nlohmann::ordered_json all = nlohmann::ordered_json::object();
  for (const auto& [title, t] : tables) {
    std::string key;
    for (char c : title) {
      char l = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      bool alnum = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9');
      if (alnum)
        key += l;
      else if (!key.empty() && key.back() != '_')
        key += '_';
    }
    while (!key.empty() && key.back() == '_') key.pop_back();
    all[key] = TypedRows(t);
  }
  j["tables"] = std::move(all);
  return j;
}

void PrintJsonTables(const std::vector<std::pair<std::string, Table>>& tables,
                     std::ostream& out, const std::string& command) {
  PrintJsonValue(JsonTables(tables, command), out);
}

nlohmann::ordered_json SearchJson(const Table& t, const std::string& by,
                                  const NoHitHint& hint) {
  nlohmann::ordered_json j = JsonEnvelope("search");
  j["by"] = by;
  j["total"] = t.total >= 0 ? t.total : static_cast<int64_t>(t.rows.size());
  j["total_exact"] = t.total_exact;
  j["count"] = t.rows.size();
  j["rows"] = TypedRows(t);
  if (!hint.words.empty()) {
    nlohmann::ordered_json words = nlohmann::ordered_json::array();
    for (const NoHitHint::Word& w : hint.words)
      words.push_back({{"word", w.word}, {"hits", w.hits}});
    j["no_hit"] = {{"words", words},
                   {"or_query", hint.or_query.empty()
                                    ? nlohmann::ordered_json()
                                    : nlohmann::ordered_json(hint.or_query)},
                   {"message", hint.message()}};
  }
  return j;
}

nlohmann::ordered_json CompareJson(const Matrix& m, const CompareOptions& o) {
  nlohmann::ordered_json j = JsonEnvelope("compare");
  j["rows_by"] = o.rows;
  j["cols_by"] = o.cols;
  j["measure"] = o.measure;
  j["total"] = m.total;
  Table cells = MatrixLong(m, o);
  j["count"] = cells.rows.size();
  j["rows"] = TypedRows(cells);
  return j;
}

void PrintJsonValue(const nlohmann::ordered_json& j, std::ostream& out) {
  out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
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

std::string CsvString(const Table& t) {
  std::ostringstream out;
  PrintCsv(t, out);
  return out.str();
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
