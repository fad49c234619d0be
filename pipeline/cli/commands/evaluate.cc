// planmine evaluate: the index scored against labelled sets.
#include "pipeline/query/evaluate.h"

#include <algorithm>
#include <iostream>

#include "pipeline/cli/command.h"
#include "pipeline/cli/commands/commands.h"
#include "pipeline/cli/format.h"
#include "pipeline/query/dictionary.h"
#include "pipeline/query/evaluate_documents.h"
#include "pipeline/query/evaluate_search.h"

namespace planmine {
namespace {

struct EvaluateArgs {
  std::string labels, titles, queries;
  std::vector<std::string> manifests;
  bool verbose = false, check = false, no_dictionary = false;
};

int RunEvaluateCommitments(Db& db, const std::string& labels, bool verbose,
                           bool check) {
  auto r = Evaluate(db, labels);
  if (!r.ok()) return Fail(r.status());
  char buf[256];
  for (const std::string& f : r->missing_documents)
    std::cerr << "planmine: " << f << ": labelled but not in the index\n";
  snprintf(buf, sizeof buf,
           "commitments: %d labelled, %d predicted, %d matched: precision "
           "%.3f recall %.3f F1 %.3f\n",
           r->labelled, r->predicted, r->matched, r->precision, r->recall,
           r->f1);
  std::cout << buf;
  Table docs;
  docs.columns = {"document", "labelled", "predicted", "matched"};
  for (const auto& [f, d] : r->documents)
    docs.rows.push_back({f, std::to_string(d.labelled),
                         std::to_string(d.predicted),
                         std::to_string(d.matched)});
  PrintTable(docs, std::cout, 60);
  Table fields;
  fields.columns = {"field", "accuracy", "correct", "labelled", "spurious"};
  for (const auto& [f, s] : r->fields) {
    snprintf(buf, sizeof buf, "%.3f", s.accuracy());
    fields.rows.push_back({f, s.labelled ? buf : "-", std::to_string(s.correct),
                           std::to_string(s.labelled),
                           std::to_string(s.spurious)});
  }
  std::cout << "\n";
  PrintTable(fields, std::cout, 60);
  snprintf(buf, sizeof buf, "\nthemes: macro-F1 %.3f over %zu theme ids\n",
           r->theme_macro_f1, r->theme_f1.size());
  std::cout << buf;
  if (verbose) {
    for (const auto& [t, f] : r->theme_f1) {
      snprintf(buf, sizeof buf, "  %-32s F1 %.3f\n", t.c_str(), f);
      std::cout << buf;
    }
    std::cout << "\nmisses:\n";
    for (const std::string& m : r->misses) std::cout << "  " << m << "\n";
  }
  if (!check) return kExitOk;
  auto acc = [&](const char* f) {
    auto it = r->fields.find(f);
    return it == r->fields.end() ? 1.0 : it->second.accuracy();
  };
  bool ok = r->f1 >= 0.9 && acc("lead_agency") >= 0.8 &&
            acc("start_date") >= 0.8 && acc("end_date") >= 0.8 &&
            r->theme_macro_f1 >= 0.8 && r->missing_documents.empty();
  if (!ok) std::cerr << "planmine: evaluate: below the targets\n";
  return ok ? kExitOk : kExitPartial;
}

// Document types against manifests and titles against a titles TSV
// (pipeline/query/evaluate_documents.h). Targets: doc_type 0.95, titles 0.90.
int RunEvaluateDocuments(Db& db, const std::vector<std::string>& manifests,
                         const std::string& titles, bool verbose, bool check) {
  auto r = EvaluateDocuments(db, manifests, titles);
  if (!r.ok()) return Fail(r.status());
  for (const std::string& f : r->missing_documents)
    std::cerr << "planmine: " << f << ": labelled but not in the index\n";
  char buf[64];
  auto share = [&](const DocumentScore& s) {
    snprintf(buf, sizeof buf, "%.3f", s.share());
    return std::string(buf);
  };
  Table t;
  t.columns = {"measure", "set", "right", "labelled", "share"};
  auto rows = [&](const char* measure, const DocumentScore& all,
                  const std::vector<DocumentScore>& sets) {
    if (all.labelled == 0) return;
    for (const DocumentScore& s : sets)
      t.rows.push_back({measure, s.set, std::to_string(s.right),
                        std::to_string(s.labelled), share(s)});
    t.rows.push_back({measure, "all", std::to_string(all.right),
                      std::to_string(all.labelled), share(all)});
  };
  rows("doc_type", r->doc_type, r->doc_type_sets);
  rows("title", r->titles, r->title_sets);
  if (r->doc_type.labelled)
    std::cout << "documents: doc_type " << r->doc_type.right << "/"
              << r->doc_type.labelled << " right (" << share(r->doc_type)
              << ")\n";
  if (r->titles.labelled)
    std::cout << "documents: titles " << r->titles.right << "/"
              << r->titles.labelled << " accepted (" << share(r->titles)
              << ")\n";
  std::cout << "\n";
  PrintTable(t, std::cout, 60);
  if (verbose) {
    if (!r->confusion.empty()) {
      std::cout << "\ndoc_type misses (labelled -> predicted: documents):\n";
      for (const auto& [k, n] : r->confusion)
        std::cout << "  " << k.first << " -> " << k.second << ": " << n << "\n";
      for (const std::string& m : r->doc_type_misses)
        std::cout << "  " << m << "\n";
    }
    if (!r->title_misses.empty()) {
      std::cout << "\ntitle misses:\n";
      for (const std::string& m : r->title_misses)
        std::cout << "  " << m << "\n";
    }
  }
  if (!check) return kExitOk;
  bool ok = r->missing_documents.empty() &&
            (r->doc_type.labelled == 0 || r->doc_type.share() >= 0.95) &&
            (r->titles.labelled == 0 || r->titles.share() >= 0.90);
  if (!ok) std::cerr << "planmine: evaluate: documents below the targets\n";
  return ok ? kExitOk : kExitPartial;
}

// Document search against judged queries (pipeline/query/evaluate_search.h).
// Target: recall 0.95 for every kind, pooled and mean over queries.
int RunEvaluateSearch(Db& db, const std::string& queries,
                      const std::string& packs, bool verbose, bool check,
                      bool no_dictionary) {
  auto qs = LoadJudgedQueries(queries);
  if (!qs.ok()) return Fail(qs.status());
  auto bridge = LoadTermBridge(packs);
  if (!bridge.ok()) return Fail(bridge.status());
  SearchOptions o;
  o.bridge = &*bridge;
  Dictionaries dictionary(Dictionaries::DefaultDir());
  if (!no_dictionary) o.dictionary = &dictionary;
  auto r = EvaluateSearch(db, *qs, o);
  if (!r.ok()) return Fail(r.status());
  std::cout << "search: " << r->all.queries << " judged queries from "
            << queries << ", file-level recall and precision per kind "
            << "(words_: documents found by the query's own words only)\n\n";
  PrintTable(SearchEvalTable(*r), std::cout, 60);
  if (verbose) {
    std::cout << "\nper query (recall, precision, found/relevant):\n";
    for (const QueryScore& q : r->queries) {
      char b[96];
      snprintf(b, sizeof b, "%.2f %.2f %zu/%zu", q.recall(), q.precision(),
               q.found.size(), q.query.relevant.size());
      std::cout << "  " << q.query.id << " " << q.query.kind << " '"
                << q.query.query << "': " << b << "\n";
      if (!q.error.empty()) std::cout << "    error  " << q.error << "\n";
      for (const std::string& m : q.missed)
        std::cout << "    missed " << m << "\n";
      for (const std::string& m : q.extra)
        std::cout << "    extra  " << m << "\n";
    }
  }
  if (!check) return kExitOk;
  bool ok = r->RecallAtLeast(0.95);
  if (!ok) std::cerr << "planmine: evaluate: search recall below 0.95\n";
  return ok ? kExitOk : kExitPartial;
}

int RunEvaluate(Db& db, const std::string& labels,
                const std::vector<std::string>& manifests,
                const std::string& titles, const std::string& queries,
                const std::string& packs, bool verbose, bool check,
                bool no_dictionary) {
  if (labels.empty() && manifests.empty() && titles.empty() && queries.empty())
    return Fail(InvalidArgument(
        "evaluate: give a commitments LABELS file, --documents MANIFEST…, "
        "--titles TSV or --queries TSV"));
  int rc = kExitOk;
  if (!labels.empty()) rc = RunEvaluateCommitments(db, labels, verbose, check);
  if (rc == kExitFailed) return rc;
  if (!manifests.empty() || !titles.empty()) {
    if (!labels.empty()) std::cout << "\n";
    rc = std::max(rc,
                  RunEvaluateDocuments(db, manifests, titles, verbose, check));
  }
  if (!queries.empty() && rc != kExitFailed) {
    if (!labels.empty() || !manifests.empty() || !titles.empty())
      std::cout << "\n";
    rc = std::max(rc, RunEvaluateSearch(db, queries, packs, verbose, check,
                                        no_dictionary));
  }
  return rc;
}

RunFn EvaluateSetup(CLI::App* evaluate) {
  auto a = std::make_shared<EvaluateArgs>();
  evaluate->add_option("LABELS", a->labels,
                       "The labelled commitments TSV (optional when "
                       "--documents or --titles is given)");
  evaluate
      ->add_option("--documents", a->manifests,
                   "Manifests whose doc_type_full (else doc_type) labels "
                   "each file's type, e.g. ../shared/corpus-real/MANIFEST.tsv")
      ->expected(1, -1);
  evaluate->add_option("--titles", a->titles,
                       "TSV of accepted titles: corpus, document, title, "
                       "also_accept ('|'-separated)");
  evaluate->add_option("--queries", a->queries,
                       "TSV of judged search queries: id, kind, query, "
                       "relevant files ('|'-separated), notes "
                       "(tests/search/queries.tsv)");
  evaluate->add_flag("-v,--verbose", a->verbose,
                     "List every miss: unfound, extra, wrong field; the "
                     "documents' wrong types and rejected titles");
  evaluate->add_flag("--no-dictionary", a->no_dictionary,
                     "Search as search --no-dictionary does");
  evaluate->add_flag("--check", a->check,
                     "Exit 1 below the targets: commitment F1 0.9, lead "
                     "agency and dates 0.8, theme macro-F1 0.8; doc_type "
                     "0.95, titles 0.90; search recall 0.95 for every "
                     "query kind");
  return [a](const GlobalOptions& g) {
    auto store = OpenIndex(g.db);
    if (!store.ok()) return Fail(store.status());
    return RunEvaluate((*store)->db(), a->labels, a->manifests, a->titles,
                       a->queries, g.packs, a->verbose, a->check,
                       a->no_dictionary);
  };
}

}  // namespace

Command EvaluateCommand() {
  return {"evaluate",
          "Score the index against labelled sets: commitments "
          "(tests/eval/commitments.tsv), document types (manifests) and "
          "titles (tests/eval/titles.tsv), search (tests/search/queries.tsv)",
          EvaluateSetup};
}

}  // namespace planmine
