#include "pipeline/discover/manifest.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "pipeline/core/doc_types.h"
#include "pipeline/core/utf8.h"

namespace planmine {
namespace fs = std::filesystem;

std::vector<std::vector<std::string>> ParseDelimited(const std::string& text,
                                                     char delim) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && field.empty()) {
      quoted = true;
      any = true;
    } else if (c == delim) {
      row.push_back(field);
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      any = false;
    } else {
      field.push_back(c);
      any = true;
    }
  }
  if (any || !field.empty()) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

Result<Manifest> Manifest::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open manifest");
  std::stringstream ss;
  ss << in.rdbuf();
  fs::path base = fs::absolute(fs::path(path)).parent_path();
  return Parse(ss.str(), base.string(), path);
}

Result<Manifest> Manifest::Parse(const std::string& text,
                                 const std::string& base_dir,
                                 const std::string& name) {
  size_t first_nl = text.find('\n');
  std::string header_line = text.substr(0, first_nl);
  char delim = header_line.find('\t') != std::string::npos ? '\t' : ',';
  auto rows = ParseDelimited(text, delim);
  if (rows.empty()) return InvalidArgument(name + ":1: empty manifest");
  std::map<std::string, int> col;
  for (size_t i = 0; i < rows[0].size(); ++i) {
    col[AsciiLower(TrimAscii(rows[0][i]))] = static_cast<int>(i);
  }
  int path_col = col.count("path")   ? col["path"]
                 : col.count("file") ? col["file"]
                                     : -1;
  if (path_col < 0)
    return InvalidArgument(name +
                           ":1: manifest needs a 'path' or 'file' column");
  auto get = [&](const std::vector<std::string>& r,
                 const char* key) -> std::string {
    auto it = col.find(key);
    if (it == col.end() || it->second >= static_cast<int>(r.size())) return "";
    return std::string(TrimAscii(r[it->second]));
  };
  Manifest m;
  m.name_ = name;
  for (size_t li = 1; li < rows.size(); ++li) {
    const auto& r = rows[li];
    if (r.size() == 1 && TrimAscii(r[0]).empty()) continue;
    std::string line = name + ":" + std::to_string(li + 1);
    ManifestEntry e;
    e.line = static_cast<int>(li + 1);
    e.path = path_col < static_cast<int>(r.size())
                 ? std::string(TrimAscii(r[path_col]))
                 : "";
    if (e.path.empty()) return InvalidArgument(line + ": empty path");
    e.country = get(r, "country");
    for (char& c : e.country)
      c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
    if (!e.country.empty() && e.country.size() != 2)
      return InvalidArgument(line +
                             ": country must be a two-letter code, got '" +
                             e.country + "'");
    std::string year = get(r, "year");
    if (!year.empty()) {
      if (year.size() != 4 ||
          year.find_first_not_of("0123456789") != std::string::npos)
        return InvalidArgument(line + ": year must be four digits, got '" +
                               year + "'");
      e.year = std::stoi(year);
    }
    e.doc_type = get(r, "doc_type_full");
    if (e.doc_type.empty()) e.doc_type = get(r, "doc_type");
    if (!e.doc_type.empty() && !ParseDocType(e.doc_type))
      return InvalidArgument(line + ": doc_type must be one of " +
                             DocTypeNames() + ", got '" + e.doc_type + "'");
    e.title = get(r, "title");
    e.language = AsciiLower(get(r, "language"));
    if (!e.language.empty()) {
      auto lang =
          NormalizeCorrectionValue(CorrectionKey::kLanguage, e.language);
      if (!lang.ok())
        return InvalidArgument(line + ": " + lang.status().message());
    }
    e.plan_cycle = get(r, "plan_cycle");
    e.subnational = get(r, "subnational");
    size_t idx = m.entries_.size();
    m.entries_.push_back(e);
    std::error_code ec;
    fs::path p = fs::path(e.path).is_absolute() ? fs::path(e.path)
                                                : fs::path(base_dir) / e.path;
    m.by_abs_path_[fs::weakly_canonical(p, ec).string()] = idx;
    m.by_name_[fs::path(e.path).filename().string()] = idx;
  }
  return m;
}

Corrections Manifest::CorrectionsOf(const ManifestEntry& e) const {
  const std::string source = "manifest:" + name_ + ":" + std::to_string(e.line);
  Corrections out;
  auto add = [&](CorrectionKey key, const std::string& value) {
    if (!value.empty()) out.push_back({key, value, source, ""});
  };
  add(CorrectionKey::kTitle, e.title);
  add(CorrectionKey::kCountry, e.country);
  add(CorrectionKey::kYear, e.year ? std::to_string(e.year) : "");
  add(CorrectionKey::kDocType, e.doc_type);
  add(CorrectionKey::kLanguage, e.language);
  add(CorrectionKey::kPlanCycle, e.plan_cycle);
  add(CorrectionKey::kSubnational, e.subnational);
  return out;
}

const ManifestEntry* Manifest::Find(const std::string& file_path) const {
  std::error_code ec;
  auto it =
      by_abs_path_.find(fs::weakly_canonical(fs::path(file_path), ec).string());
  if (it != by_abs_path_.end()) return &entries_[it->second];
  auto jt = by_name_.find(fs::path(file_path).filename().string());
  if (jt != by_name_.end()) return &entries_[jt->second];
  return nullptr;
}

}  // namespace planmine
