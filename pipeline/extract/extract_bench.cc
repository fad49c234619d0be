// extract_bench: scores planmine's extraction against pdftotext (default and
// -raw) on a corpus with ground truth, in the same run, and times them.
//
//   extract_bench CORPUS_DIR [--no-pdftotext] [--check] [--verbose]
//   extract_bench --pages MANIFEST.tsv SHARED_DIR [--check] [--verbose]
//                 [--max-ned X]
//
// CORPUS_DIR holds docs/NAME.pdf, truth/NAME.txt and optionally
// truth/NAME.meta ("furniture<TAB>text", "compound<TAB>word" lines), as
// written by `make_corpus --bench`. A document's family is its name without
// the trailing "-LANG". Prints a Markdown table per family and overall:
// word-level NED (lower is better), furniture leak rate, compound-hyphen
// recall, bag-of-words recall; then pages per second, one core. Files
// without truth (e.g. ../shared/corpus-real) are only timed. With --check it
// exits 1 unless planmine meets the targets on every family: NED <= 0.05,
// furniture leak <= 0.01, compound-hyphen recall >= 0.9, bag-of-words
// recall >= 0.99 (ctest runs it so). --verbose prints each document's NED
// (and, with --pages, the furniture that leaked and the compounds lost);
// EXTRACT_BENCH_DUMP=DIR writes planmine's text of each document there.
//
// --pages scores single pages of real PDFs against hand-made truth:
// MANIFEST.tsv (tests/layout_truth/real/) lists corpus, file, page,
// features and truth file; the PDFs are read from SHARED_DIR/CORPUS/FILE
// (rows whose PDF is absent are skipped and counted). Families are
// real:CORPUS. planmine reads the whole document (furniture needs every
// page) and its page is compared; pdftotext gets -f N -l N. --max-ned X
// exits 1 when a family's planmine NED exceeds X (ctest's regression gate).
// With no PDF present it skips (exit 0), unless CI=true (exit 1).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "pipeline/extract/extractor.h"
#include "pipeline/normalize/normalizer.h"
#include "tests/test_util.h"
#include "tests/text_metrics.h"

namespace planmine {
namespace {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Scores {
  double ned = 0, leak = 0, hyphen = 0, bow = 0;
  int docs = 0, furniture = 0, leaked = 0, compounds = 0, compounds_kept = 0;
  size_t truth_words = 0, found_words = 0;
};

std::string Collapse(const std::string& s) {
  std::string out;
  for (const std::string& w : testing::Words(s))
    out += (out.empty() ? "" : " ") + w;
  return out;
}

std::string StripPunct(std::string w) {
  auto punct = [](char c) {
    return c == ',' || c == '.' || c == ';' || c == ':' || c == '(' ||
           c == ')' || c == '"';
  };
  while (!w.empty() && punct(w.back())) w.pop_back();
  while (!w.empty() && punct(w.front())) w.erase(w.begin());
  return w;
}

// Occurrences of `what` in `text` as whole words (space-separated ends).
int Occurrences(const std::string& text, const std::string& what) {
  if (what.empty()) return 0;
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + 1)) {
    bool start = at == 0 || text[at - 1] == ' ';
    size_t end = at + what.size();
    bool stop = end == text.size() || text[end] == ' ';
    n += start && stop;
  }
  return n;
}

// Scores one document; with `misses`, also lists the furniture that leaked
// and the compounds that were lost (for --verbose).
void Score(const std::string& got, const std::string& truth,
           const std::string& meta, Scores* s, std::string* misses = nullptr) {
  s->docs++;
  s->ned += testing::WordNed(got, truth);
  std::string flat = Collapse(got);
  std::multiset<std::string> have;
  for (const std::string& w : testing::Words(got)) have.insert(StripPunct(w));
  for (const std::string& w : testing::Words(truth)) {
    ++s->truth_words;
    auto it = have.find(StripPunct(w));
    if (it != have.end()) {
      ++s->found_words;
      have.erase(it);
    }
  }
  std::set<std::string> got_words;
  for (const std::string& w : testing::Words(got))
    got_words.insert(StripPunct(w));
  std::istringstream in(meta);
  std::string line;
  while (std::getline(in, line)) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    std::string kind = line.substr(0, tab), value = line.substr(tab + 1);
    if (kind == "furniture") {
      // Leaked when the output has it more often than the body text does
      // (a page number "4" may also be a word of the body).
      ++s->furniture;
      if (Occurrences(flat, Collapse(value)) >
          Occurrences(Collapse(truth), Collapse(value))) {
        ++s->leaked;
        if (misses) *misses += "  leaked furniture: " + value + "\n";
      }
    } else if (kind == "compound") {
      ++s->compounds;
      if (got_words.count(StripPunct(value)))
        ++s->compounds_kept;
      else if (misses)
        *misses += "  lost compound: " + value + "\n";
    }
  }
}

std::string RunPdftotext(const std::string& path, const char* mode) {
  testing::CommandResult r = testing::Run(std::string("pdftotext ") + mode +
                                          " '" + path + "' - 2>/dev/null");
  return r.out;
}

std::string Fmt(double v) {
  char b[32];
  snprintf(b, sizeof b, "%.3f", v);
  return b;
}

using ByFamily = std::map<std::string, std::map<std::string, Scores>>;
const char* kTools[] = {"planmine", "pdftotext", "pdftotext -raw"};

// Prints the table; returns how many families miss a target (with check).
int PrintTable(ByFamily& by_family, bool check) {
  int failures = 0;
  printf(
      "| family | tool | docs | NED | furniture leak | compound-hyphen "
      "recall | bag-of-words recall |\n");
  printf("|---|---|---|---|---|---|---|\n");
  auto row = [&](const std::string& family, const char* t, const Scores& s) {
    printf(
        "| %s | %s | %d | %s | %s | %s | %s |\n", family.c_str(), t, s.docs,
        Fmt(s.ned / s.docs).c_str(),
        s.furniture ? Fmt(double(s.leaked) / s.furniture).c_str() : "-",
        s.compounds ? Fmt(double(s.compounds_kept) / s.compounds).c_str() : "-",
        Fmt(double(s.found_words) / std::max<size_t>(1, s.truth_words))
            .c_str());
  };
  for (auto& [family, per_tool] : by_family) {
    if (family == "ALL") continue;
    for (const char* t : kTools) {
      if (!per_tool.count(t)) continue;
      const Scores& s = per_tool[t];
      if (check && std::string(t) == "planmine") {
        bool ok =
            s.ned / s.docs <= 0.05 &&
            (!s.furniture || double(s.leaked) / s.furniture <= 0.01) &&
            (!s.compounds || double(s.compounds_kept) / s.compounds >= 0.9) &&
            double(s.found_words) / s.truth_words >= 0.99;
        if (!ok) {
          ++failures;
          fprintf(stderr, "extract_bench: family %s misses a target\n",
                  family.c_str());
        }
      }
      row(family, t, s);
    }
  }
  for (const char* t : kTools)
    if (by_family["ALL"].count(t)) row("**all**", t, by_family["ALL"][t]);
  printf("\n");
  return failures;
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  size_t a = 0;
  while (true) {
    size_t t = line.find('\t', a);
    out.push_back(line.substr(a, t == std::string::npos ? t : t - a));
    if (t == std::string::npos) break;
    a = t + 1;
  }
  return out;
}

int RunPages(const std::string& manifest, const std::string& shared, bool check,
             bool verbose, double max_ned) {
  ExtractOptions eo;
  auto ex = Extractor::Create(eo);
  auto norm = Normalizer::Create(NormalizeOptions{DefaultWordLists()});
  if (!ex.ok() || !norm.ok()) return 2;
  std::istringstream in(testing::ReadFile(manifest));
  fs::path dir = fs::path(manifest).parent_path();
  std::string line;
  std::map<std::string, NormalizedDocument> cache;
  ByFamily by_family;
  int skipped = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> f = SplitTabs(line);
    if (f.size() < 5 || f[0] == "corpus") continue;
    fs::path pdf = fs::path(shared) / f[0] / f[1];
    if (!fs::exists(pdf)) {
      ++skipped;
      continue;
    }
    int page = std::stoi(f[2]);
    if (!cache.count(pdf.string())) {
      auto doc = ex->Extract(pdf.string(), SourceKind::kPdf);
      cache[pdf.string()] =
          doc.ok() ? norm->Normalize(*doc) : NormalizedDocument{};
    }
    const NormalizedDocument& nd = cache[pdf.string()];
    std::string outs[3];
    if (page >= 1 && page <= static_cast<int>(nd.pages.size()))
      outs[0] = nd.pages[page - 1].text;
    std::string range = "-f " + f[2] + " -l " + f[2];
    outs[1] = RunPdftotext(pdf.string(), range.c_str());
    outs[2] = RunPdftotext(pdf.string(), (range + " -raw").c_str());
    std::string truth = testing::ReadFile((dir / f[4]).string());
    fs::path meta_path = dir / (fs::path(f[4]).stem().string() + ".meta");
    std::string meta =
        fs::exists(meta_path) ? testing::ReadFile(meta_path.string()) : "";
    std::string misses;
    for (int k = 0; k < 3; ++k) {
      Score(outs[k], truth, meta, &by_family["real:" + f[0]][kTools[k]],
            k == 0 ? &misses : nullptr);
      Score(outs[k], truth, meta, &by_family["ALL"][kTools[k]]);
    }
    if (verbose)
      fprintf(stderr, "%s p%d: planmine %.3f pdftotext %.3f  [%s]\n",
              f[1].c_str(), page, testing::WordNed(outs[0], truth),
              testing::WordNed(outs[1], truth), f[3].c_str());
    if (verbose) fputs(misses.c_str(), stderr);
    if (const char* dump = getenv("EXTRACT_BENCH_DUMP"))
      testing::WriteFile(std::string(dump) + "/" + f[4], outs[0]);
  }
  if (skipped)
    printf("(%d pages skipped: their PDF is not in %s)\n\n", skipped,
           shared.c_str());
  if (by_family.empty()) {
    const char* ci = getenv("CI");
    if (ci && std::string(ci) == "true") {
      fprintf(stderr,
              "extract_bench: CI=true but no real page could be read "
              "(is %s missing?)\n",
              shared.c_str());
      return 1;
    }
    printf("no real pages to score: %s is not here (skipped)\n",
           shared.c_str());
    return 0;
  }
  int failures = PrintTable(by_family, check);
  if (max_ned >= 0)
    for (auto& [family, per_tool] : by_family) {
      const Scores& s = per_tool["planmine"];
      if (family != "ALL" && s.docs && s.ned / s.docs > max_ned) {
        fprintf(stderr, "extract_bench: %s NED %.3f over %.3f\n",
                family.c_str(), s.ned / s.docs, max_ned);
        ++failures;
      }
    }
  return failures == 0 ? 0 : 1;
}

}  // namespace
}  // namespace planmine

int main(int argc, char** argv) {
  using namespace planmine;
  if (argc < 2) {
    fprintf(stderr, "usage: extract_bench CORPUS_DIR [--no-pdftotext]\n");
    return 2;
  }
  std::string dir = argv[1];
  bool with_pdftotext = true, check = false, verbose = false;
  double max_ned = -1;
  for (int a = 2; a < argc; ++a) {
    if (std::string(argv[a]) == "--max-ned" && a + 1 < argc)
      max_ned = std::stod(argv[++a]);
    if (std::string(argv[a]) == "--no-pdftotext") with_pdftotext = false;
    if (std::string(argv[a]) == "--check") check = true;
    if (std::string(argv[a]) == "--verbose") verbose = true;
  }
  if (dir == "--pages") {
    if (argc < 4) {
      fprintf(stderr, "usage: extract_bench --pages MANIFEST.tsv SHARED_DIR\n");
      return 2;
    }
    return RunPages(argv[2], argv[3], check, verbose, max_ned);
  }
  int failures = 0;
  fs::path docs = fs::exists(fs::path(dir) / "docs") ? fs::path(dir) / "docs"
                                                     : fs::path(dir);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(docs))
    if (e.path().extension() == ".pdf") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ExtractOptions eo;
  auto ex = Extractor::Create(eo);
  auto norm = Normalizer::Create(NormalizeOptions{DefaultWordLists()});
  if (!ex.ok() || !norm.ok()) return 2;

  const char* const* tools = kTools;
  ByFamily by_family;  // family -> tool -> scores
  double seconds[3] = {0, 0, 0};
  long pages = 0;
  for (const fs::path& f : files) {
    std::string name = f.stem().string();
    std::string family = name.substr(0, name.rfind('-'));
    fs::path truth_path = fs::path(dir) / "truth" / (name + ".txt");
    bool has_truth = fs::exists(truth_path);
    std::string truth = has_truth ? testing::ReadFile(truth_path.string()) : "";
    std::string meta =
        has_truth ? testing::ReadFile(
                        (fs::path(dir) / "truth" / (name + ".meta")).string())
                  : "";
    std::string outs[3];
    auto t0 = Clock::now();
    auto doc = ex->Extract(f.string(), SourceKind::kPdf);
    if (doc.ok()) {
      NormalizedDocument nd = norm->Normalize(*doc);
      for (size_t i = 0; i < nd.pages.size(); ++i)
        outs[0] += (i ? "\f" : "") + nd.pages[i].text + "\n";
      pages += doc->page_count;
    }
    seconds[0] += std::chrono::duration<double>(Clock::now() - t0).count();
    if (const char* dump = getenv("EXTRACT_BENCH_DUMP"))
      testing::WriteFile(std::string(dump) + "/" + name + ".txt", outs[0]);
    if (with_pdftotext) {
      for (int k = 1; k < 3; ++k) {
        auto t1 = Clock::now();
        outs[k] = RunPdftotext(f.string(), k == 1 ? "" : "-raw");
        seconds[k] += std::chrono::duration<double>(Clock::now() - t1).count();
      }
    }
    if (!has_truth) continue;
    if (verbose)
      fprintf(stderr, "%s: planmine %.3f pdftotext %.3f\n", name.c_str(),
              testing::WordNed(outs[0], truth),
              with_pdftotext ? testing::WordNed(outs[1], truth) : -1.0);
    for (int k = 0; k < (with_pdftotext ? 3 : 1); ++k) {
      Score(outs[k], truth, meta, &by_family[family][tools[k]]);
      Score(outs[k], truth, meta, &by_family["ALL"][tools[k]]);
    }
  }
  if (!by_family.empty()) failures += PrintTable(by_family, check);
  printf("speed, one core, %zu files, %ld pages:\n", files.size(), pages);
  printf(
      "  planmine extract+normalize (in process, OCR off): %.3f s, %.0f "
      "pages/s\n",
      seconds[0], pages / seconds[0]);
  if (with_pdftotext) {
    printf(
        "  pdftotext (one process per file):                %.3f s, %.0f "
        "pages/s\n",
        seconds[1], pages / seconds[1]);
    printf(
        "  pdftotext -raw (one process per file):           %.3f s, %.0f "
        "pages/s\n",
        seconds[2], pages / seconds[2]);
    printf("  ratio planmine / pdftotext pages per second: %.2f\n",
           seconds[1] / seconds[0]);
  }
  return failures == 0 ? 0 : 1;
}
