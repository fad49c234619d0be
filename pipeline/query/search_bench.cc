// search_bench: a synthetic index of at least a million sentences built from
// a real one (every document copied K times under other countries and plan
// cycles), then query latencies as `planmine search` and `planmine compare`
// run them.
//   search_bench --source INDEX --out BIG.sqlite [--copies K] [--runs N]
//                [--packs DIR] [--reuse] [--no-tiers] [--classes term,…]
//                [--document-queries FILE]
// Prints the load rate, index size against text size, and p50 / p95 per
// query class, in Markdown. Each sentence query's first run is also run
// ranking the whole index (no tiers, exact count) and the two compared: the
// rows must be the same; --no-tiers times that way of searching instead.
// --document-queries FILE: the document-level queries, one per line, instead
// of the three built in (to measure queries the bench was not tuned on).
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/core/clock.h"
#include "pipeline/core/memory.h"
#include "pipeline/core/user_file.h"
#include "pipeline/core/utf8.h"
#include "pipeline/load/fts_rank.h"
#include "pipeline/load/store.h"
#include "pipeline/query/query.h"
#include "pipeline/query/theme_sets.h"

namespace planmine {
namespace {

double Now() { return MonotonicSeconds(); }

// CPU seconds of this process: on a shared machine the wall time of a query
// includes the time other processes held the cores.
double CpuNow() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * (v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

int Main(int argc, char** argv) {
  std::string source, out, packs = PLANMINE_PACKS_DIR;
  std::string classes;  // --classes term,phrase: only these (default all)
  std::string document_queries;  // a file, one query per line
  int copies = 136, runs = 21;
  bool reuse = false;  // --reuse: query an index built by an earlier run
  bool tiers = true;   // --no-tiers: rank every match, count every hit
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--reuse") reuse = true;
    if (std::string(argv[i]) == "--no-tiers") tiers = false;
  }
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i];
    if (k == "--reuse" || k == "--no-tiers") {
      --i;
      continue;
    }
    if (k == "--source")
      source = argv[i + 1];
    else if (k == "--out")
      out = argv[i + 1];
    else if (k == "--copies")
      copies = atoi(argv[i + 1]);
    else if (k == "--runs")
      runs = atoi(argv[i + 1]);
    else if (k == "--packs")
      packs = argv[i + 1];
    else if (k == "--classes")
      classes = "," + std::string(argv[i + 1]) + ",";
    else if (k == "--document-queries")
      document_queries = argv[i + 1];
  }
  if (source.empty() || out.empty()) {
    fprintf(stderr,
            "usage: search_bench --source INDEX --out BIG.sqlite "
            "[--copies K] [--runs N] [--reuse] [--classes term,phrase,…] "
            "[--document-queries FILE]\n");
    return 2;
  }
  if (!reuse) {
    std::filesystem::remove(out);
    std::filesystem::remove(out + "-wal");
    std::filesystem::remove(out + "-shm");
  }
  auto store = Store::Open(out);
  if (!store.ok()) {
    fprintf(stderr, "%s\n", store.status().message().c_str());
    return 2;
  }
  Db& db = (*store)->db();
  auto run = [&](const std::string& sql) {
    Status s = db.Exec(sql);
    if (!s.ok()) {
      fprintf(stderr, "%s\n", s.message().c_str());
      exit(2);
    }
  };
  double t0 = Now();
  if (!reuse) {
    run("ATTACH DATABASE '" + source + "' AS src;");
    run("INSERT INTO themes SELECT * FROM src.themes;");
    const char* countries[] = {"CO", "BR", "MX", "AR", "CL", "PE", "GB", "UY"};
    const char* cycles[] = {"2013-2015", "2015-2017", "2017-2019", "2019-2021",
                            "2021-2023"};
    for (int k = 0; k < copies; ++k) {
      std::string K = std::to_string(k);
      std::string country = countries[k % 8], cycle = cycles[(k / 8) % 5];
      run("BEGIN;");
      run("INSERT INTO documents(id, path, sha256, size, mtime, kind, status, "
          "title, page_count, language, country, year, doc_type, plan_cycle, "
          "versions, ingested_at, sentence_languages, first_sentence_id, "
          "last_sentence_id) SELECT " +
          K + " * 100000 + id, path || '#" + K + "', sha256 || '" + K +
          "', size, mtime, kind, status, title, page_count, language, '" +
          country + "', " + cycle.substr(0, 4) + ", doc_type, '" + cycle +
          "', versions, ingested_at, sentence_languages, (" + K +
          " << 32) + first_sentence_id, (" + K +
          " << 32) + last_sentence_id FROM src.documents;");
      run("INSERT INTO blocks(doc_id, page, seq, start, end, x0, y0, x1, y1, "
          "heading, language) SELECT " +
          K +
          " * 100000 + doc_id, page, seq, start, end, x0, y0, x1, y1, heading, "
          "language FROM src.blocks;");
      run("INSERT INTO sentences(id, doc_id, seq, page, block, start, end, "
          "language, text) SELECT (" +
          K + " << 32) + id, " + K +
          " * 100000 + doc_id, seq, page, block, start, end, language, text "
          "FROM src.sentences;");
      run("INSERT INTO theme_hits(doc_id, sentence_id, theme_id, page, start, "
          "end, match, pattern_id) SELECT " +
          K + " * 100000 + doc_id, (" + K +
          " << 32) + sentence_id, theme_id, page, start, end, match, "
          "pattern_id FROM src.theme_hits;");
      run("INSERT INTO document_themes(doc_id, theme_id, mentions) SELECT " +
          K +
          " * 100000 + doc_id, theme_id, mentions FROM "
          "src.document_themes;");
      run("INSERT INTO commitments(id, doc_id, seq, kind, number, title, "
          "first_page, last_page, text, pattern_id) SELECT " +
          K + " * 1000000 + id, " + K +
          " * 100000 + doc_id, seq, kind, number, title, first_page, "
          "last_page, text, pattern_id FROM src.commitments;");
      run("INSERT INTO commitment_themes(commitment_id, theme_id) SELECT " + K +
          " * 1000000 + commitment_id, theme_id FROM src.commitment_themes;");
      run("COMMIT;");
    }
    run("DETACH DATABASE src;");
    run("PRAGMA wal_checkpoint(TRUNCATE);");
  }
  double load = Now() - t0;
  // Each theme's sentences kept for document search, as an ingest keeps
  // them (theme_sets.h): every theme for every document after a build, none
  // when reusing an index that is current.
  double t1 = Now();
  auto kept = RefreshThemeSentences(db, packs);
  if (!kept.ok()) {
    fprintf(stderr, "%s\n", kept.status().message().c_str());
    return 2;
  }
  const double keep_seconds = Now() - t1;
  run("PRAGMA wal_checkpoint(TRUNCATE);");
  // Half a gigabyte was just written: let the kernel write it back before
  // timing, or the first queries pay for it.
  sync();
  // Queries run on a read-only connection, as the CLI's query commands open
  // the index (Store::OpenForQuery).
  auto reader = Store::OpenForQuery(out);
  if (!reader.ok()) {
    fprintf(stderr, "%s\n", reader.status().message().c_str());
    return 2;
  }
  Db& qdb = (*reader)->db();
  int64_t sentences = 0, text_bytes = 0;
  {
    auto s = db.Prepare(
        "SELECT count(*), sum(length(CAST(text AS BLOB))) "
        "FROM sentences");
    if (s.ok() && s->Step()) {
      sentences = s->Int(0);
      text_bytes = s->Int(1);
    }
  }
  int64_t fts_bytes = 0, tier_bytes[kTiers] = {}, kept_bytes = 0;
  {
    auto s = db.Prepare(
        "SELECT sum(length(tagged) + length(vocabulary)) FROM "
        "theme_sentences");
    if (s.ok() && s->Step()) kept_bytes = s->Int(0);
  }
  {
    auto s = db.Prepare("SELECT sum(length(block)) FROM sentences_fts_data");
    if (s.ok() && s->Step()) fts_bytes = s->Int(0);
    for (int t = 0; t < kTiers; ++t) {
      auto u = db.Prepare(std::string("SELECT sum(length(block)) FROM ") +
                          kTierTables[t] + "_data");
      if (u.ok() && u->Step()) tier_bytes[t] = u->Int(0);
    }
  }
  struct stat st {};
  stat(out.c_str(), &st);
  printf("## Synthetic index: %lld sentences (%d copies of %s)\n\n",
         static_cast<long long>(sentences), copies, source.c_str());
  printf("| measure | value |\n|---|---|\n");
  if (!reuse)
    printf(
        "| load (insert + tokenize + index) | %.1f s, %.0f sentences/s "
        "|\n",
        load, sentences / load);
  printf(
      "| theme sentences kept (theme_sets.h) | %.2f s: %d themes, %d "
      "documents, %lld sentences; %.1f MB |\n",
      keep_seconds, kept->themes, kept->documents,
      static_cast<long long>(kept->sentences), kept_bytes / 1e6);
  printf("| sentence text | %.1f MB |\n", text_bytes / 1e6);
  printf("| full-text index (sentences_fts_data) | %.1f MB (%.2f × text) |\n",
         fts_bytes / 1e6, static_cast<double>(fts_bytes) / text_bytes);
  for (int t = 0; t < kTiers; ++t)
    printf("| tier %d (%s_data) | %.1f MB (%.1f %% of the full-text index) |\n",
           t + 1, kTierTables[t], tier_bytes[t] / 1e6,
           fts_bytes > 0 ? 100.0 * tier_bytes[t] / fts_bytes : 0.0);
  printf("| whole database file | %.1f MB (%.2f × text) |\n\n",
         st.st_size / 1e6, static_cast<double>(st.st_size) / text_bytes);

  auto bridge = LoadTermBridge(packs);
  if (!bridge.ok()) {
    fprintf(stderr, "%s\n", bridge.status().message().c_str());
    return 2;
  }
  struct Q {
    std::string cls, query;
    SearchOptions o;
    SearchBy by = SearchBy::kSentence;
  };
  auto opts = [&](bool with_bridge) {
    SearchOptions o;
    o.limit = 20;
    o.tiers = tiers;
    o.exact_total = !tiers;
    o.bridge = with_bridge ? &*bridge : nullptr;
    return o;
  };
  std::vector<Q> qs;
  for (const char* q :
       {"transparencia", "participacion", "informação", "accountability"})
    qs.push_back({"term", q, opts(false)});
  for (const char* q : {"\"rendición de cuentas\"", "\"open data\"",
                        "\"participación ciudadana\""})
    qs.push_back({"phrase", q, opts(false)});
  for (const char* q : {"partic*", "transpar*", "compromis*"})
    qs.push_back({"prefix", q, opts(false)});
  for (const char* q :
       {"beneficiarios finales", "dados abertos", "open contracting"})
    qs.push_back({"cross-language", q, opts(true)});
  {
    Q a{"filtered", "transparencia", opts(false)};
    a.o.country = "CO";
    a.o.cycle = "2015-2017";
    qs.push_back(a);
    Q b{"filtered", "datos", opts(false)};
    b.o.language = "es";
    b.o.doc_type = "action_plan";
    qs.push_back(b);
    Q c{"filtered", "gobierno", opts(false)};
    c.o.theme = "open_data";
    c.o.year_from = 2017;
    qs.push_back(c);
  }
  // Document-level search as `search --by document` and the server's search
  // page run it (bridge on), the 20 best documents.
  std::vector<std::string> document = {"transparencia", "datos abiertos",
                                       "\"rendición de cuentas\""};
  if (!document_queries.empty()) {
    auto text = ReadUserFile(document_queries, 1 << 20);
    if (!text.ok()) {
      fprintf(stderr, "%s\n", text.status().message().c_str());
      return 2;
    }
    document.clear();
    std::istringstream lines(*text);
    for (std::string line; std::getline(lines, line);)
      if (!TrimAscii(line).empty())
        document.push_back(std::string(TrimAscii(line)));
  }
  for (const std::string& q : document) {
    Q d{"document", q, opts(true)};
    d.by = SearchBy::kDocument;
    qs.push_back(d);
  }
  auto wanted = [&](const std::string& cls) {
    return classes.empty() ||
           classes.find("," + cls + ",") != std::string::npos;
  };
  qs.erase(std::remove_if(qs.begin(), qs.end(),
                          [&](const Q& q) { return !wanted(q.cls); }),
           qs.end());
  std::map<std::string, std::vector<double>> times, cpu_times;
  std::map<std::string, size_t> hits;
  std::map<std::string, std::vector<double>> per_query;
  int checked = 0, stopped = 0, differ = 0;
  for (const Q& q : qs) {
    for (int r = 0; r < runs; ++r) {
      SearchOptions::Trace trace;
      SearchOptions o = q.o;
      o.trace = &trace;
      double a = Now(), c = CpuNow();
      auto t = q.by == SearchBy::kSentence
                   ? Search(qdb, q.query, o)
                   : SearchDocuments(qdb, q.query, o, q.by);
      double ms = (Now() - a) * 1000, cpu_ms = (CpuNow() - c) * 1000;
      if (!t.ok()) {
        fprintf(stderr, "%s: %s\n", q.query.c_str(),
                t.status().message().c_str());
        return 2;
      }
      if (r == 0 && q.by == SearchBy::kSentence && tiers) {
        // The same search ranking every match: the same rows.
        SearchOptions whole = q.o;
        whole.tiers = false;
        auto w = Search(qdb, q.query, whole);
        ++checked;
        stopped += trace.stopped_early;
        if (!w.ok() || w->rows != t->rows) {
          ++differ;
          fprintf(stderr, "DIFFERENT: '%s' with and without tiers\n",
                  q.query.c_str());
        }
        fprintf(stderr, "%-16s %-28s tiers read %d, %s, %lld%s hits\n",
                q.cls.c_str(), q.query.c_str(), trace.tiers_read,
                trace.stopped_early ? "stopped early" : "whole index ranked",
                static_cast<long long>(t->total),
                t->total_exact ? "" : " (more than)");
      }
      if (r == 0) {
        hits[q.cls] += t->rows.size();
        if (t->rows.empty())
          fprintf(stderr, "note: '%s' found nothing\n", q.query.c_str());
        continue;  // warm-up
      }
      times[q.cls].push_back(ms);
      cpu_times[q.cls].push_back(cpu_ms);
      per_query[q.cls + q.query].push_back(ms);
    }
    fprintf(stderr, "%-16s %-28s p50 %8.1f ms\n", q.cls.c_str(),
            q.query.c_str(), Percentile(per_query[q.cls + q.query], 0.5));
  }
  for (const auto& [rows, cols, measure] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"country", "theme", "commitments"},
           {"theme", "country", "documents"},
           {"country", "cycle", "mentions"}}) {
    if (!wanted("compare")) break;
    CompareOptions co;
    co.rows = rows;
    co.cols = cols;
    co.measure = measure;
    for (int r = 0; r < std::max(3, runs / 3); ++r) {
      double a = Now(), c = CpuNow();
      auto m = Compare(qdb, co);
      double ms = (Now() - a) * 1000, cpu_ms = (CpuNow() - c) * 1000;
      if (!m.ok()) {
        fprintf(stderr, "compare: %s\n", m.status().message().c_str());
        return 2;
      }
      if (r > 0) {
        times["compare"].push_back(ms);
        cpu_times["compare"].push_back(cpu_ms);
      }
    }
  }
  printf(
      "| query class | queries × runs | p50 ms | p95 ms | CPU p50 ms | CPU "
      "p95 ms |\n|---|---|---|---|---|---|\n");
  for (const char* cls : {"term", "phrase", "prefix", "cross-language",
                          "filtered", "document", "compare"}) {
    const auto& v = times[cls];
    const auto& c = cpu_times[cls];
    if (v.empty()) continue;  // not asked for (--classes)
    printf("| %s | %zu | %.1f | %.1f | %.1f | %.1f |\n", cls, v.size(),
           Percentile(v, 0.5), Percentile(v, 0.95), Percentile(c, 0.5),
           Percentile(c, 0.95));
  }
  printf(
      "\nTop-20 searches; the first run of each query is a warm-up and not "
      "counted. %s\n",
      tiers ? "Tiers on (the default)." : "Tiers off: every match ranked.");
  if (checked > 0)
    printf(
        "Sentence searches checked against ranking every match: %d, the same "
        "rows: %d, stopped after the tiers: %d.\n",
        checked, checked - differ, stopped);
  if (differ > 0) return 1;
  return 0;
}

}  // namespace
}  // namespace planmine

int main(int argc, char** argv) {
  // Queries run as planmine serve runs them.
  planmine::KeepFreedMemoryForReuse();
  return planmine::Main(argc, argv);
}
