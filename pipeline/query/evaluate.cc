#include "pipeline/query/evaluate.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "pipeline/normalize/normalizer.h"

namespace planmine {
namespace {

std::vector<std::string> SplitTab(const std::string& line) {
  std::vector<std::string> out;
  size_t p = 0;
  while (true) {
    size_t q = line.find('\t', p);
    out.push_back(line.substr(p, q == std::string::npos ? q : q - p));
    if (q == std::string::npos) break;
    p = q + 1;
  }
  return out;
}

std::set<std::string> SplitSemi(const std::string& s) {
  std::set<std::string> out;
  std::stringstream in(s);
  std::string t;
  while (std::getline(in, t, ';'))
    if (!t.empty()) out.insert(t);
  return out;
}

// How well two titles agree: 1 equal, the token F1 when >= 0.8, 0.8 for a
// prefix of six words or more, else 0.
double TitleMatch(const std::string& a, const std::string& b) {
  std::vector<std::string> x = FoldedWords(a), y = FoldedWords(b);
  if (x.empty() || y.empty()) return 0;
  if (x == y) return 1;
  double f = TokenF1(a, b);
  if (f >= 0.8) return f;
  const auto& s = x.size() < y.size() ? x : y;
  const auto& l = x.size() < y.size() ? y : x;
  if (s.size() >= 6 && std::equal(s.begin(), s.end(), l.begin())) return 0.8;
  return 0;
}

using Row = std::map<std::string, std::string>;

}  // namespace

double TokenF1(const std::string& a, const std::string& b) {
  std::vector<std::string> x = FoldedWords(a), y = FoldedWords(b);
  if (x.empty() || y.empty()) return x.empty() && y.empty() ? 1 : 0;
  std::map<std::string, int> bag;
  for (const auto& w : x) ++bag[w];
  int common = 0;
  for (const auto& w : y)
    if (bag[w]-- > 0) ++common;
  if (common == 0) return 0;
  double p = static_cast<double>(common) / y.size();
  double r = static_cast<double>(common) / x.size();
  return 2 * p * r / (p + r);
}

Result<EvalReport> Evaluate(Db& db, const std::string& labels_path) {
  std::ifstream in(labels_path);
  if (!in) return NotFound(labels_path + ": cannot open the labels file");
  std::string line;
  std::vector<std::string> header;
  std::map<std::string, std::vector<Row>> gold;  // by file name
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells = SplitTab(line);
    if (header.empty()) {
      header = cells;
      for (const char* need :
           {"document", "number", "title", "first_page", "lead_agency",
            "start_date", "end_date", "completion", "themes"})
        if (std::find(header.begin(), header.end(), need) == header.end())
          return InvalidArgument(labels_path + ":" + std::to_string(lineno) +
                                 ": the header has no '" + need + "' column");
      continue;
    }
    if (cells.size() != header.size())
      return InvalidArgument(labels_path + ":" + std::to_string(lineno) + ": " +
                             std::to_string(cells.size()) +
                             " cells, the header has " +
                             std::to_string(header.size()));
    Row r;
    for (size_t i = 0; i < cells.size(); ++i) r[header[i]] = cells[i];
    gold[r["document"]].push_back(std::move(r));
  }

  EvalReport rep;
  auto stmt = db.Prepare(
      "SELECT d.path, c.number, c.title, c.first_page, c.lead_agency, "
      "c.start_date, c.end_date, c.completion, (SELECT group_concat(theme_id, "
      "';') FROM commitment_themes t WHERE t.commitment_id = c.id) "
      "FROM commitments c JOIN documents d ON d.id = c.doc_id "
      "WHERE c.kind <> 'statement' ORDER BY d.path, c.seq");
  if (!stmt.ok()) return stmt.status();
  std::map<std::string, std::vector<Row>> pred;
  std::set<std::string> indexed;
  {
    auto docs = db.Prepare("SELECT path FROM documents");
    if (!docs.ok()) return docs.status();
    while (docs->Step())
      indexed.insert(std::filesystem::path(docs->Text(0)).filename());
  }
  while (stmt->Step()) {
    std::string file = std::filesystem::path(stmt->Text(0)).filename();
    if (!gold.count(file)) continue;
    Row r{{"number", stmt->Text(1)},     {"title", stmt->Text(2)},
          {"first_page", stmt->Text(3)}, {"lead_agency", stmt->Text(4)},
          {"start_date", stmt->Text(5)}, {"end_date", stmt->Text(6)},
          {"completion", stmt->Text(7)}, {"themes", stmt->Text(8)}};
    pred[file].push_back(std::move(r));
  }
  std::map<std::string, std::array<int, 3>> theme_counts;  // tp, fp, fn
  for (const auto& [file, labels] : gold) {
    if (!indexed.count(file)) rep.missing_documents.push_back(file);
    std::vector<Row>& ps = pred[file];
    EvalReport::PerDocument& pd = rep.documents[file];
    pd.labelled = static_cast<int>(labels.size());
    pd.predicted = static_cast<int>(ps.size());
    struct Cand {
      double score;
      size_t g, p;
    };
    std::vector<Cand> cands;
    for (size_t g = 0; g < labels.size(); ++g)
      for (size_t p = 0; p < ps.size(); ++p) {
        double s = TitleMatch(labels[g].at("title"), ps[p].at("title"));
        if (s > 0) cands.push_back({s, g, p});
      }
    std::stable_sort(
        cands.begin(), cands.end(),
        [](const Cand& a, const Cand& b) { return a.score > b.score; });
    std::vector<int> g2p(labels.size(), -1), p2g(ps.size(), -1);
    for (const Cand& c : cands) {
      if (g2p[c.g] >= 0 || p2g[c.p] >= 0) continue;
      g2p[c.g] = static_cast<int>(c.p);
      p2g[c.p] = static_cast<int>(c.g);
    }
    for (size_t g = 0; g < labels.size(); ++g) {
      const Row& gr = labels[g];
      if (g2p[g] < 0) {
        rep.misses.push_back(file + ": not found: " + gr.at("number") + " " +
                             gr.at("title").substr(0, 80));
        continue;
      }
      ++pd.matched;
      const Row& pr = ps[g2p[g]];
      for (const char* f : {"number", "first_page", "lead_agency", "start_date",
                            "end_date", "completion"}) {
        const std::string& want = gr.at(f);
        const std::string& got = pr.at(f);
        FieldScore& fs = rep.fields[f];
        if (want.empty()) {
          if (!got.empty()) ++fs.spurious;
          continue;
        }
        ++fs.labelled;
        // A date is compared at the label's precision: the index keeps a
        // date as precisely as the plan wrote it ("2025-03-01"), a label
        // may give only the month or the year ("2025-03").
        const bool date =
            std::string(f) == "start_date" || std::string(f) == "end_date";
        bool ok =
            std::string(f) == "lead_agency" ? TokenF1(want, got) >= 0.8
            : date ? got.compare(0, want.size(), want) == 0 &&
                         (got.size() == want.size() || got[want.size()] == '-')
                   : want == got;
        if (ok)
          ++fs.correct;
        else
          rep.misses.push_back(file + ": " + gr.at("number") + " " + f +
                               ": want '" + want.substr(0, 70) + "', got '" +
                               got.substr(0, 70) + "'");
      }
      std::set<std::string> wt = SplitSemi(gr.at("themes"));
      std::set<std::string> gt = SplitSemi(pr.at("themes"));
      for (const auto& t : wt) ++theme_counts[t][gt.count(t) ? 0 : 2];
      for (const auto& t : gt)
        if (!wt.count(t)) ++theme_counts[t][1];
      if (wt != gt) {
        std::string w, x;
        for (const auto& t : wt) w += (w.empty() ? "" : ";") + t;
        for (const auto& t : gt) x += (x.empty() ? "" : ";") + t;
        rep.misses.push_back(file + ": " + gr.at("number") + " themes: want " +
                             w + ", got " + x);
      }
    }
    for (size_t p = 0; p < ps.size(); ++p)
      if (p2g[p] < 0)
        rep.misses.push_back(file + ": extra: " + ps[p].at("number") + " " +
                             ps[p].at("title").substr(0, 80));
    rep.labelled += pd.labelled;
    rep.predicted += pd.predicted;
    rep.matched += pd.matched;
  }
  rep.precision =
      rep.predicted ? static_cast<double>(rep.matched) / rep.predicted : 0;
  rep.recall =
      rep.labelled ? static_cast<double>(rep.matched) / rep.labelled : 0;
  rep.f1 = rep.precision + rep.recall > 0
               ? 2 * rep.precision * rep.recall / (rep.precision + rep.recall)
               : 0;
  double sum = 0;
  for (const auto& [t, c] : theme_counts) {
    int tp = c[0], fp = c[1], fn = c[2];
    double f = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    rep.theme_f1[t] = f;
    sum += f;
  }
  rep.theme_macro_f1 = theme_counts.empty() ? 0 : sum / theme_counts.size();
  return rep;
}

}  // namespace planmine
