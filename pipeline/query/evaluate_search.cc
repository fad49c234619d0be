// evaluate_search: document search scored against judged queries.
#include "pipeline/query/evaluate_search.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pipeline/core/utf8.h"

namespace planmine {
namespace {

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string x;
  std::istringstream in(s);
  while (std::getline(in, x, sep)) out.push_back(std::string(TrimAscii(x)));
  return out;
}

std::string Fixed(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.3f", v);
  return b;
}

void Add(KindScore* k, const QueryScore& q) {
  ++k->queries;
  k->relevant += static_cast<int>(q.query.relevant.size());
  k->found += static_cast<int>(q.found.size());
  k->relevant_found +=
      static_cast<int>(q.query.relevant.size() - q.missed.size());
  for (const std::string& f : q.found_by_words) {
    ++k->words_found;
    k->words_relevant_found += q.query.relevant.count(f) ? 1 : 0;
  }
  k->recall_sum += q.recall();
  k->precision_sum += q.precision();
}

}  // namespace

Result<std::vector<JudgedQuery>> LoadJudgedQueries(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound(path + ": cannot open the judged queries");
  std::vector<JudgedQuery> out;
  std::string line;
  int lineno = 0;
  bool header = true;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (TrimAscii(line).empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> cols = Split(line, '\t');
    if (cols.size() < 4 || cols[0].empty() || cols[1].empty() ||
        cols[2].empty() || cols[3].empty())
      return InvalidArgument(path + ":" + std::to_string(lineno) +
                             ": expected id, kind, query and relevant files "
                             "separated by tabs");
    JudgedQuery q{cols[0], cols[1], cols[2], {}};
    for (const std::string& f : Split(cols[3], '|'))
      if (!f.empty()) q.relevant.insert(f);
    out.push_back(std::move(q));
  }
  return out;
}

double QueryScore::recall() const {
  if (query.relevant.empty()) return 1;
  return static_cast<double>(query.relevant.size() - missed.size()) /
         query.relevant.size();
}

double QueryScore::precision() const {
  if (found.empty()) return 1;
  return static_cast<double>(found.size() - extra.size()) / found.size();
}

double KindScore::recall() const {
  return relevant == 0 ? 1 : static_cast<double>(relevant_found) / relevant;
}
double KindScore::precision() const {
  return found == 0 ? 1 : static_cast<double>(relevant_found) / found;
}
double KindScore::words_recall() const {
  return relevant == 0 ? 1
                       : static_cast<double>(words_relevant_found) / relevant;
}
double KindScore::words_precision() const {
  return words_found == 0
             ? 1
             : static_cast<double>(words_relevant_found) / words_found;
}
double KindScore::mean_recall() const {
  return queries == 0 ? 1 : recall_sum / queries;
}
double KindScore::mean_precision() const {
  return queries == 0 ? 1 : precision_sum / queries;
}

bool SearchEvalReport::RecallAtLeast(double target) const {
  for (const KindScore& k : kinds)
    if (k.recall() < target || k.mean_recall() < target) return false;
  return true;
}

Result<SearchEvalReport> EvaluateSearch(Db& db,
                                        const std::vector<JudgedQuery>& queries,
                                        const SearchOptions& options) {
  SearchEvalReport report;
  report.all.kind = "all";
  SearchOptions o = options;
  o.limit = 0;
  o.offset = 0;
  for (const JudgedQuery& jq : queries) {
    auto t = SearchDocuments(db, jq.query, o, SearchBy::kDocument);
    QueryScore q;
    q.query = jq;
    if (!t.ok() && t.status().code() != StatusCode::kInvalidArgument)
      return Status(t.status().code(),
                    jq.id + " '" + jq.query + "': " + t.status().message());
    if (!t.ok()) {
      q.error = t.status().message();
    } else {
      const int c_file = t->Column("file"), c_by = t->Column("found_by");
      for (const auto& r : t->rows) {
        std::string f = std::filesystem::path(r[c_file]).filename().string();
        if (c_by < 0 || r[c_by] == "words") q.found_by_words.insert(f);
        q.found.insert(std::move(f));
      }
    }
    for (const std::string& f : jq.relevant)
      if (q.found.count(f) == 0) q.missed.push_back(f);
    for (const std::string& f : q.found)
      if (jq.relevant.count(f) == 0) q.extra.push_back(f);
    KindScore* k = nullptr;
    for (KindScore& ks : report.kinds)
      if (ks.kind == jq.kind) k = &ks;
    if (k == nullptr) {
      report.kinds.push_back(KindScore{});
      k = &report.kinds.back();
      k->kind = jq.kind;
    }
    Add(k, q);
    Add(&report.all, q);
    report.queries.push_back(std::move(q));
  }
  return report;
}

Table SearchEvalTable(const SearchEvalReport& report) {
  Table t;
  t.columns = {"kind",           "queries",        "relevant",
               "found",          "recall",         "precision",
               "mean_recall",    "mean_precision", "words_recall",
               "words_precision"};
  auto row = [&](const KindScore& k) {
    t.rows.push_back({k.kind, std::to_string(k.queries),
                      std::to_string(k.relevant), std::to_string(k.found),
                      Fixed(k.recall()), Fixed(k.precision()),
                      Fixed(k.mean_recall()), Fixed(k.mean_precision()),
                      Fixed(k.words_recall()), Fixed(k.words_precision())});
  };
  for (const KindScore& k : report.kinds) row(k);
  row(report.all);
  for (const char* c : {"queries", "relevant", "found"})
    t.SetType(c, ColumnType::kInteger);
  for (const char* c : {"recall", "precision", "mean_recall", "mean_precision",
                        "words_recall", "words_precision"})
    t.SetType(c, ColumnType::kReal);
  t.SetType("kind", ColumnType::kText);
  t.total = static_cast<int64_t>(t.rows.size());
  return t;
}

}  // namespace planmine
