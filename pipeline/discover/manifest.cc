#include "pipeline/discover/manifest.h"

#include <filesystem>
#include <fstream>
#include <set>
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

namespace {

// A manifest is a few thousand rows; more than this is not one.
constexpr uintmax_t kMaxManifestBytes = 64u << 20;

std::string At(const std::string& name, int line) {
  return name + ":" + std::to_string(line);
}

bool Blank(const std::vector<std::string>& fields) {
  for (const std::string& f : fields)
    if (!TrimAscii(f).empty()) return false;
  return true;
}

std::string Resolved(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  if (ec) abs = p;
  fs::path r = fs::weakly_canonical(abs, ec);
  return (ec ? abs.lexically_normal() : r).string();
}

bool BareName(const std::string& path) {
  return path.find('/') == std::string::npos;
}

// "country CO here, AR on line 2; year 2020 here, nothing on line 2".
std::string Differences(const Corrections& here, const Corrections& there,
                        int there_line) {
  auto value = [](const Corrections& c, CorrectionKey k) -> std::string {
    for (const Correction& x : c)
      if (x.key == k) return x.value;
    return "";
  };
  std::string out;
  for (CorrectionKey k : kAllCorrectionKeys) {
    std::string a = value(here, k), b = value(there, k);
    if (a == b) continue;
    out += (out.empty() ? "" : "; ") + std::string(CorrectionKeyName(k)) + " " +
           (a.empty() ? "empty" : "'" + a + "'") + " here, " +
           (b.empty() ? "empty" : "'" + b + "'") + " on line " +
           std::to_string(there_line);
  }
  return out;
}

}  // namespace

Result<std::vector<DelimitedRecord>> ParseDelimitedStrict(
    const std::string& text, char delim, const std::string& name) {
  std::string_view t = text;
  if (t.substr(0, 3) == "\xEF\xBB\xBF") t.remove_prefix(3);
  // Line by line, so that the error can say where ('\n' is never inside a
  // UTF-8 sequence).
  if (!IsValidUtf8(t)) {
    int line = 1;
    for (size_t start = 0; start <= t.size(); ++line) {
      size_t end = t.find('\n', start);
      if (end == std::string_view::npos) end = t.size();
      if (!IsValidUtf8(t.substr(start, end - start)))
        return InvalidArgument(At(name, line) +
                               ": not UTF-8 text (save the manifest as UTF-8, "
                               "e.g. a spreadsheet's \"CSV UTF-8\")");
      start = end + 1;
    }
  }
  enum class State { kFieldStart, kUnquoted, kQuoted, kAfterQuote };
  State state = State::kFieldStart;
  std::vector<DelimitedRecord> records;
  DelimitedRecord rec;
  rec.line = 1;
  std::string field;
  int line = 1, quote_line = 0;
  auto end_field = [&] {
    rec.fields.push_back(std::move(field));
    field.clear();
    state = State::kFieldStart;
  };
  for (size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (state == State::kQuoted) {
      if (c == '"' && i + 1 < t.size() && t[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        state = State::kAfterQuote;
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < t.size() && t[i + 1] == '\n') ++i;
      end_field();
      records.push_back(std::move(rec));
      rec = DelimitedRecord();
      rec.line = ++line;
      continue;
    }
    if (c == delim) {
      end_field();
      continue;
    }
    if (state == State::kAfterQuote)
      return InvalidArgument(
          At(name, line) +
          ": text after the closing quote of a field (a quote inside a quoted "
          "field is written \"\")");
    if (c == '"' && state == State::kFieldStart) {
      state = State::kQuoted;
      quote_line = line;
      continue;
    }
    field.push_back(c);
    state = State::kUnquoted;
  }
  if (state == State::kQuoted)
    return InvalidArgument(At(name, quote_line) +
                           ": a quote opened here is never closed (a quote "
                           "inside a quoted field is written \"\")");
  if (state != State::kFieldStart || !rec.fields.empty()) {
    end_field();
    records.push_back(std::move(rec));
  }
  return records;
}

Result<Manifest> Manifest::Load(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec))
    return InvalidArgument(path + ": a folder, not a manifest file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open manifest");
  const uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > kMaxManifestBytes)
    return InvalidArgument(path + ": " + std::to_string(size >> 20) +
                           " MB is not a manifest (at most " +
                           std::to_string(kMaxManifestBytes >> 20) + " MB)");
  std::stringstream ss;
  ss << in.rdbuf();
  fs::path base = fs::absolute(fs::path(path)).parent_path();
  return Parse(ss.str(), base.string(), path);
}

Result<Manifest> Manifest::Parse(const std::string& text,
                                 const std::string& base_dir,
                                 const std::string& name) {
  std::string_view body = text;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  const std::string_view header_line = body.substr(0, body.find('\n'));
  const char delim =
      header_line.find('\t') != std::string_view::npos ? '\t' : ',';
  auto parsed = ParseDelimitedStrict(text, delim, name);
  if (!parsed.ok()) return parsed.status();
  std::vector<DelimitedRecord>& rows = *parsed;
  if (rows.empty() || Blank(rows[0].fields))
    return InvalidArgument(name + ":1: empty manifest");
  const DelimitedRecord& header = rows[0];
  std::map<std::string, int> col;
  static const std::set<std::string> kKnown = {
      "path",  "file",     "country",    "year",        "doc_type",
      "title", "language", "plan_cycle", "subnational", "doc_type_full"};
  for (size_t i = 0; i < header.fields.size(); ++i) {
    std::string c = AsciiLower(TrimAscii(header.fields[i]));
    if (kKnown.count(c) && col.count(c))
      return InvalidArgument(At(name, header.line) + ": column '" + c +
                             "' appears twice");
    col.emplace(c, static_cast<int>(i));
  }
  if (col.count("path") && col.count("file"))
    return InvalidArgument(At(name, header.line) +
                           ": both a 'path' and a 'file' column (give one)");
  const int path_col = col.count("path")   ? col["path"]
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
  m.base_dir_ = Resolved(base_dir.empty() ? fs::path(".") : fs::path(base_dir));
  std::map<std::string, size_t> by_base_path;  // for repeated rows
  for (size_t li = 1; li < rows.size(); ++li) {
    const DelimitedRecord& r = rows[li];
    if (Blank(r.fields)) continue;
    const std::string line = At(name, r.line);
    if (r.fields.size() > header.fields.size()) {
      std::vector<std::string> extra(r.fields.begin() + header.fields.size(),
                                     r.fields.end());
      if (!Blank(extra))
        return InvalidArgument(
            line + ": " + std::to_string(r.fields.size()) +
            " fields, but the header names " +
            std::to_string(header.fields.size()) +
            " (a value holding the delimiter must be quoted)");
    }
    ManifestEntry e;
    e.line = r.line;
    e.path = path_col < static_cast<int>(r.fields.size())
                 ? std::string(TrimAscii(r.fields[path_col]))
                 : "";
    if (e.path.empty()) return InvalidArgument(line + ": empty path");
    for (char c : e.path)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
        return InvalidArgument(line +
                               ": path must be text, without control "
                               "characters");
    // Every value as `planmine set` takes it (core/corrections.h).
    auto value = [&](CorrectionKey key, std::string raw,
                     std::string* out) -> Status {
      if (raw.empty()) return Status();
      auto v = NormalizeCorrectionValue(key, raw);
      if (!v.ok()) return InvalidArgument(line + ": " + v.status().message());
      *out = *v;
      return Status();
    };
    std::string doc_type = get(r.fields, "doc_type_full");
    if (doc_type.empty()) doc_type = get(r.fields, "doc_type");
    std::string year;
    PLANMINE_RETURN_IF_ERROR(
        value(CorrectionKey::kCountry, get(r.fields, "country"), &e.country));
    PLANMINE_RETURN_IF_ERROR(
        value(CorrectionKey::kYear, get(r.fields, "year"), &year));
    if (!year.empty()) e.year = std::stoi(year);
    PLANMINE_RETURN_IF_ERROR(
        value(CorrectionKey::kDocType, doc_type, &e.doc_type));
    PLANMINE_RETURN_IF_ERROR(
        value(CorrectionKey::kTitle, get(r.fields, "title"), &e.title));
    PLANMINE_RETURN_IF_ERROR(value(CorrectionKey::kLanguage,
                                   get(r.fields, "language"), &e.language));
    PLANMINE_RETURN_IF_ERROR(value(CorrectionKey::kPlanCycle,
                                   get(r.fields, "plan_cycle"), &e.plan_cycle));
    PLANMINE_RETURN_IF_ERROR(value(CorrectionKey::kSubnational,
                                   get(r.fields, "subnational"),
                                   &e.subnational));
    // The same file twice: once if the rows agree, refused if not.
    const std::string key = m.Candidates(e)[0];
    if (auto it = by_base_path.find(key); it != by_base_path.end()) {
      const ManifestEntry& first = m.entries_[it->second];
      std::string diff =
          Differences(m.CorrectionsOf(e), m.CorrectionsOf(first), first.line);
      if (diff.empty()) {
        m.notes_.push_back(line + ": the same row as line " +
                           std::to_string(first.line) + " (ignored)");
        continue;
      }
      return InvalidArgument(
          line + ": '" + e.path + "' has another row, on line " +
          std::to_string(first.line) + ", that says otherwise: " + diff);
    }
    by_base_path[key] = m.entries_.size();
    m.entries_.push_back(std::move(e));
  }
  // Against the manifest's folder first, then the current folder.
  for (size_t pass = 0; pass < 2; ++pass)
    for (size_t i = 0; i < m.entries_.size(); ++i) {
      std::vector<std::string> c = m.Candidates(m.entries_[i]);
      if (pass < c.size()) m.by_path_.emplace(c[pass], i);
    }
  for (size_t i = 0; i < m.entries_.size(); ++i)
    if (BareName(m.entries_[i].path)) m.by_name_.emplace(m.entries_[i].path, i);
  return m;
}

std::vector<std::string> Manifest::Candidates(const ManifestEntry& e) const {
  fs::path p(e.path);
  if (p.is_absolute()) return {Resolved(p)};
  std::vector<std::string> out = {Resolved(fs::path(base_dir_) / p)};
  if (BareName(e.path)) return out;  // else: by name (Match)
  std::string here = Resolved(p);
  if (here != out[0]) out.push_back(here);
  return out;
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
  const std::string resolved = Resolved(file_path);
  if (auto it = by_path_.find(resolved); it != by_path_.end())
    return &entries_[it->second];
  auto jt = by_name_.find(fs::path(resolved).filename().string());
  return jt == by_name_.end() ? nullptr : &entries_[jt->second];
}

Result<ManifestMatch> Manifest::Match(
    const std::vector<std::string>& file_paths) const {
  ManifestMatch match;
  match.notes_ = notes_;
  std::vector<std::string> resolved;
  std::map<std::string, std::vector<size_t>> files_named;
  std::set<std::string> found;
  for (size_t i = 0; i < file_paths.size(); ++i) {
    resolved.push_back(Resolved(file_paths[i]));
    found.insert(resolved.back());
    files_named[fs::path(resolved.back()).filename().string()].push_back(i);
  }
  // By path.
  std::vector<const ManifestEntry*> row_of(file_paths.size(), nullptr);
  for (size_t i = 0; i < file_paths.size(); ++i)
    if (auto it = by_path_.find(resolved[i]); it != by_path_.end())
      row_of[i] = &entries_[it->second];
  // Bare names whose own path is no file of the run: by name, if unique.
  for (const auto& [file_name, idx] : by_name_) {
    const ManifestEntry& e = entries_[idx];
    bool own = false;
    for (const std::string& c : Candidates(e)) own = own || found.count(c);
    if (own) continue;
    auto it = files_named.find(file_name);
    if (it == files_named.end()) continue;
    const std::string line = At(name_, e.line);
    if (it->second.size() > 1) {
      std::string list;
      for (size_t k = 0; k < it->second.size(); ++k) {
        if (k == 5) {
          list += ", …";
          break;
        }
        list += (k ? ", " : "") + file_paths[it->second[k]];
      }
      return InvalidArgument(
          line + ": '" + e.path +
          "' is ambiguous: " + std::to_string(it->second.size()) +
          " files of this run have that name (" + list +
          "); write the file's path relative to the manifest's folder");
    }
    const size_t f = it->second[0];
    if (row_of[f] != nullptr) {
      std::string diff = Differences(
          CorrectionsOf(e), CorrectionsOf(*row_of[f]), row_of[f]->line);
      if (!diff.empty())
        return InvalidArgument(line + ": '" + e.path + "' names " +
                               file_paths[f] + ", which line " +
                               std::to_string(row_of[f]->line) +
                               " names too, and says otherwise: " + diff);
      match.notes_.push_back(line + ": the same row as line " +
                             std::to_string(row_of[f]->line) + " (ignored)");
      continue;
    }
    row_of[f] = &e;
    match.notes_.push_back(line + ": '" + e.path +
                           "' matched by file name alone: " + file_paths[f] +
                           " (the only file of the run with that name)");
  }
  for (size_t i = 0; i < file_paths.size(); ++i)
    if (row_of[i] != nullptr) match.by_file_[file_paths[i]] = row_of[i];
  return match;
}

const ManifestEntry* ManifestMatch::Find(const std::string& file_path) const {
  auto it = by_file_.find(file_path);
  return it == by_file_.end() ? nullptr : it->second;
}

}  // namespace planmine
