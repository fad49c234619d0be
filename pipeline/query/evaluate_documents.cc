#include "pipeline/query/evaluate_documents.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "pipeline/discover/manifest.h"
#include "pipeline/normalize/normalizer.h"

namespace planmine {
namespace {

namespace fs = std::filesystem;

// What the index says of a document.
struct Indexed {
  std::string title, title_source, doc_type, doc_type_source;
};

double WordF1(const std::vector<std::string>& a,
              const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  std::map<std::string, int> bag;
  for (const std::string& w : a) ++bag[w];
  int common = 0;
  for (const std::string& w : b)
    if (bag[w]-- > 0) ++common;
  if (common == 0) return 0;
  double p = static_cast<double>(common) / a.size();
  double r = static_cast<double>(common) / b.size();
  return 2 * p * r / (p + r);
}

DocumentScore& SetNamed(std::vector<DocumentScore>* sets,
                        const std::string& name) {
  for (DocumentScore& s : *sets)
    if (s.set == name) return s;
  sets->push_back({name, 0, 0});
  return sets->back();
}

std::string Clip(const std::string& s, size_t n) {
  return s.size() <= n ? s : s.substr(0, n) + "…";
}

}  // namespace

std::vector<std::string> TitleWords(std::string_view title) {
  return AsciiFoldedWords(title);
}

bool TitleAccepted(std::string_view got,
                   const std::vector<std::string>& accepted) {
  const std::vector<std::string> g = TitleWords(got);
  if (g.empty()) return false;
  for (const std::string& a : accepted) {
    const std::vector<std::string> w = TitleWords(a);
    if (w.empty()) continue;
    if (g == w || WordF1(g, w) >= 0.8) return true;
  }
  return false;
}

Result<DocumentEvalReport> EvaluateDocuments(
    Db& db, const std::vector<std::string>& manifests,
    const std::string& titles_path) {
  std::map<std::string, Indexed> index;  // by file name
  {
    auto st = db.Prepare(
        "SELECT path, coalesce(title, ''), coalesce(title_source, ''), "
        "coalesce(doc_type, ''), coalesce(doc_type_source, '') FROM "
        "documents ORDER BY path");
    if (!st.ok()) return st.status();
    while (st->Step())
      index[fs::path(st->Text(0)).filename().string()] = {
          st->Text(1), st->Text(2), st->Text(3), st->Text(4)};
    PLANMINE_RETURN_IF_ERROR(st->status());
  }
  DocumentEvalReport rep;
  std::set<std::string> missing;
  for (const std::string& path : manifests) {
    auto m = Manifest::Load(path);
    if (!m.ok()) return m.status();
    const std::string set =
        fs::absolute(path).parent_path().filename().string();
    DocumentScore& score = SetNamed(&rep.doc_type_sets, set);
    for (const ManifestEntry& e : m->entries()) {
      if (e.doc_type.empty()) continue;
      const std::string file = fs::path(e.path).filename().string();
      ++score.labelled;
      ++rep.doc_type.labelled;
      auto it = index.find(file);
      if (it == index.end()) {
        missing.insert(file);
        ++rep.confusion[{e.doc_type, "(not indexed)"}];
        continue;
      }
      if (it->second.doc_type == e.doc_type) {
        ++score.right;
        ++rep.doc_type.right;
        continue;
      }
      ++rep.confusion[{e.doc_type, it->second.doc_type}];
      rep.doc_type_misses.push_back(file + ": want " + e.doc_type + ", got " +
                                    it->second.doc_type + " (" +
                                    it->second.doc_type_source + ")");
    }
  }
  if (!titles_path.empty()) {
    std::ifstream in(titles_path, std::ios::binary);
    if (!in) return NotFound(titles_path + ": cannot open the titles file");
    std::stringstream ss;
    ss << in.rdbuf();
    auto rows = ParseDelimited(ss.str(), '\t');
    if (rows.empty())
      return InvalidArgument(titles_path + ":1: empty titles file");
    std::map<std::string, size_t> col;
    for (size_t i = 0; i < rows[0].size(); ++i) col[rows[0][i]] = i;
    for (const char* need : {"document", "title"})
      if (!col.count(need))
        return InvalidArgument(titles_path + ":1: the header has no '" + need +
                               "' column");
    auto cell = [&](const std::vector<std::string>& r, const char* name) {
      auto it = col.find(name);
      return it == col.end() || it->second >= r.size() ? std::string()
                                                       : r[it->second];
    };
    for (size_t li = 1; li < rows.size(); ++li) {
      const auto& r = rows[li];
      const std::string file = cell(r, "document");
      if (file.empty()) continue;
      std::vector<std::string> accepted = {cell(r, "title")};
      std::stringstream alt(cell(r, "also_accept"));
      for (std::string a; std::getline(alt, a, '|');)
        if (!a.empty()) accepted.push_back(a);
      const std::string set = cell(r, "corpus");
      DocumentScore& score = SetNamed(&rep.title_sets, set);
      ++score.labelled;
      ++rep.titles.labelled;
      auto it = index.find(file);
      if (it == index.end()) {
        missing.insert(file);
        continue;
      }
      if (TitleAccepted(it->second.title, accepted)) {
        ++score.right;
        ++rep.titles.right;
        continue;
      }
      rep.title_misses.push_back(
          file + ": got '" + Clip(it->second.title, 100) + "' (" +
          it->second.title_source + "), want '" + Clip(accepted[0], 100) + "'");
    }
  }
  rep.missing_documents.assign(missing.begin(), missing.end());
  return rep;
}

}  // namespace planmine
