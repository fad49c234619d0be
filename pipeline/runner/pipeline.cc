#include "pipeline/runner/pipeline.h"

#include <re2/re2.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "pipeline/classify/doc_type.h"
#include "pipeline/classify/title.h"
#include "pipeline/core/clock.h"
#include "pipeline/core/fnv.h"
#include "pipeline/core/sha256.h"
#include "pipeline/core/user_file.h"
#include "pipeline/core/utf8.h"
#include "pipeline/normalize/normalizer.h"
#include "pipeline/runner/refresh_policy.h"
#include "pipeline/runner/workers.h"

namespace planmine {

// Bump when Classify() changes: stored documents are then re-classified.
// (The title's rules have their own version, kTitleVersion, which re-reads
// the files.)
constexpr const char* kClassifyVersion = "classify-7";

namespace fs = std::filesystem;

namespace {

// The file that says these packs compiled cleanly: named after the miner's
// version and every pack's bytes.
std::string CompiledPacksMarker(const std::string& dir,
                                const std::vector<PatternPack>& packs) {
  // (A change to how sets are made, SetRegex, is a new key too.)
  std::string key = std::string(Miner::kVersion) + " set-regex-2";
  for (const PatternPack& p : packs)
    key += "\n" + fs::path(p.path).filename().string() + " " + p.sha256;
  const uint64_t h = Fnv1a(key);
  char name[40];
  snprintf(name, sizeof name, "packs-%016llx.ok",
           static_cast<unsigned long long>(h));
  return (fs::path(dir) / name).string();
}

}  // namespace

Result<Pipeline> Pipeline::Create(const PipelineOptions& o) {
  auto e = Extractor::Create(o.extract);
  if (!e.ok()) return e.status();
  auto n = Normalizer::Create(o.normalize);
  if (!n.ok()) return n.status();
  auto l = LanguageDetector::Create();
  if (!l.ok()) return l.status();
  auto s = SentenceSplitter::Create(o.segment);
  if (!s.ok()) return s.status();
  auto all_packs = LoadPackDir(o.packs_dir, !o.defer_patterns);
  if (!all_packs.ok()) return all_packs.status();
  // The genre and title packs are read by the classifier on a few short
  // texts; the miner runs the others on every sentence.
  std::vector<PatternPack> signal_packs;
  std::vector<PatternPack>* packs = &*all_packs;
  for (auto it = packs->begin(); it != packs->end();) {
    if (Signals::IsSignalPack(*it)) {
      signal_packs.push_back(std::move(*it));
      it = packs->erase(it);
    } else {
      ++it;
    }
  }
  // What the title depends on besides the text: its rules and the titles
  // packs. The title is decided from typography the index does not keep,
  // so a change there re-reads the files.
  std::string title_versions = kTitleVersion;
  for (const PatternPack& p : signal_packs)
    if (p.name == "titles")
      title_versions += " " + p.name + "." + p.language + "@" +
                        std::to_string(p.version) + "#" + p.sha256.substr(0, 8);
  auto taxonomy =
      LoadTaxonomy((fs::path(o.packs_dir) / "themes.taxonomy.tsv").string());
  if (!taxonomy.ok()) return taxonomy.status();
  // Every theme pattern must name a theme of the taxonomy.
  std::set<std::string> ids;
  for (const Theme& t : *taxonomy) ids.insert(t.id);
  for (const PatternPack& p : *packs) {
    if (p.name != "themes") continue;
    for (const Pattern& pat : p.patterns)
      if (!ids.count(pat.group))
        return InvalidArgument(fs::path(p.path).filename().string() + ":" +
                               std::to_string(pat.line) + ": theme '" +
                               pat.group + "' is not in themes.taxonomy.tsv");
  }
  Pipeline p(std::move(*e), std::move(*n), *l, std::move(*s),
             std::move(*taxonomy));
  const std::string pack_versions = Miner::VersionStringOf(*packs) + " " +
                                    Signals::VersionStringOf(signal_packs);
  p.patterns_->miner_packs = std::move(*packs);
  p.patterns_->signal_packs = std::move(signal_packs);
  const std::string marker =
      o.defer_patterns && !o.compiled_packs_cache.empty()
          ? CompiledPacksMarker(o.compiled_packs_cache, p.packs())
          : "";
  std::error_code ec;
  if (!o.defer_patterns || (!marker.empty() && !fs::exists(marker, ec))) {
    PLANMINE_RETURN_IF_ERROR(p.CompilePatterns());
    // (An empty file; failing to write it only means compiling at once
    // next time too.)
    if (!marker.empty()) ReplaceFile(marker, "");
  }
  if (o.ocr) {
    std::string why;
    p.ocr_ = OcrEngine::Tesseract(&why);
    p.ocr_status_ = p.ocr_ ? p.ocr_->Name() : "off: " + why;
  } else {
    p.ocr_status_ = "off: --ocr off";
  }
  // What made the text, then what was mined from it: a stored document
  // whose versions start with the first part keeps its text and is only
  // re-mined (Remine).
  p.text_versions_ =
      std::string(Extractor::kVersion) + " " + Normalizer::kVersion + " " +
      LanguageDetector::kVersion + " " + SentenceSplitter::kVersion + " " +
      (p.ocr_ ? "ocr-tesseract" : "ocr-off") + " " + title_versions;
  p.versions_ = p.text_versions_ + " " + kClassifyVersion + " " + pack_versions;
  return p;
}

Status Pipeline::CompilePatterns() const {
  Patterns& pt = *patterns_;
  std::call_once(pt.once, [&pt] {
    // The patterns themselves first (a no-op for packs read compiled), so
    // that a pattern RE2 refuses is told as reading its pack would tell it.
    std::vector<PatternPack> all = pt.miner_packs;
    all.insert(all.end(), pt.signal_packs.begin(), pt.signal_packs.end());
    pt.status = planmine::CompilePatterns(&all);
    if (!pt.status.ok()) return;
    const size_t n = pt.miner_packs.size();
    std::vector<PatternPack> signal_packs(all.begin() + n, all.end());
    all.resize(n);
    auto g = Signals::Create(std::move(signal_packs));
    if (!g.ok()) {
      pt.status = g.status();
      return;
    }
    auto m = Miner::Create(std::move(all));
    if (!m.ok()) {
      pt.status = m.status();
      return;
    }
    pt.signals.emplace(std::move(*g));
    pt.miner.emplace(std::move(*m));
  });
  return pt.status;
}

const Miner& Pipeline::miner() const {
  // With defer_patterns, the callers compiled first and stopped on an error.
  if (Status s = CompilePatterns(); !s.ok()) {
    fprintf(stderr, "planmine: %s\n", s.message().c_str());
    abort();
  }
  return *patterns_->miner;
}

const Signals& Pipeline::signals() const {
  (void)miner();
  return *patterns_->signals;
}

std::vector<PatternPack> Pipeline::packs() const {
  std::vector<PatternPack> out = patterns_->miner_packs;
  out.insert(out.end(), patterns_->signal_packs.begin(),
             patterns_->signal_packs.end());
  return out;
}

// "cuarto", "Fourth", "iv" -> "IV".
// A plan's number as a Roman numeral: "cuarto", "fourth", "4th", "4º",
// "iv" -> "IV".
std::string RomanOrdinal(const std::string& word) {
  static const std::map<std::string, int> kOrdinals = {
      {"primer", 1},   {"primero", 1}, {"primeiro", 1}, {"first", 1},
      {"segundo", 2},  {"second", 2},  {"tercer", 3},   {"tercero", 3},
      {"terceiro", 3}, {"third", 3},   {"cuarto", 4},   {"quarto", 4},
      {"fourth", 4},   {"quinto", 5},  {"fifth", 5},    {"sexto", 6},
      {"sixth", 6},    {"septimo", 7}, {"setimo", 7},   {"seventh", 7},
      {"octavo", 8},   {"oitavo", 8},  {"eighth", 8}};
  static const char* kRoman[] = {"",   "I",   "II",   "III", "IV", "V",
                                 "VI", "VII", "VIII", "IX",  "X"};
  std::string folded = FoldUtf8(word);
  auto it = kOrdinals.find(folded);
  if (it != kOrdinals.end()) return kRoman[it->second];
  // "4th", "4º", "10th": the number before the suffix.
  size_t digits = 0;
  while (digits < folded.size() &&
         isdigit(static_cast<unsigned char>(folded[digits])))
    ++digits;
  if (digits > 0 && digits <= 2) {
    const int n = std::stoi(folded.substr(0, digits));
    if (n >= 1 && n <= 10) return kRoman[n];
  }
  std::string up = word;
  for (char& c : up)
    c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
  return up;
}

void Classify(const Signals& signals, IndexedDocument* doc) {
  // Title: a correction's, else from the cover (classify/title.h).
  if (doc->title.value.empty()) doc->title = DecideTitle(*doc, signals);
  // Country: a correction's, else the file name's leading ISO code ("co-…"),
  // else the country mentioned most (at least 3 times and twice the runner-up).
  if (doc->country.value.empty()) {
    static const std::set<std::string> kCodes = {
        "ar", "bo", "br", "ca", "cl", "co", "cr", "do", "ec", "gt", "hn",
        "jm", "mx", "pa", "pe", "py", "sv", "us", "uy", "gb", "uk"};
    std::string stem = AsciiLower(fs::path(doc->file.path).stem().string());
    if (stem.size() > 3 && (stem[2] == '-' || stem[2] == '_') &&
        kCodes.count(stem.substr(0, 2))) {
      std::string code = stem.substr(0, 2) == "uk" ? "GB" : stem.substr(0, 2);
      for (char& c : code)
        c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
      doc->country = {code, "filename"};
    } else {
      std::map<std::string, int> counts;
      for (const Entity& e : doc->findings.entities)
        if (e.type == "country") ++counts[e.value];
      std::vector<std::pair<int, std::string>> ranked;
      for (auto& [k, v] : counts) ranked.push_back({v, k});
      std::sort(ranked.rbegin(), ranked.rend());
      if (!ranked.empty() && ranked[0].first >= 3 &&
          (ranked.size() == 1 || ranked[0].first >= 2 * ranked[1].first))
        doc->country = {ranked[0].second, "mentions"};
    }
  }
  // Year: the first year of the plan cycle named most, else a year in the
  // file name, else the PDF's creation date.
  if (doc->year.value.empty()) {
    std::map<std::string, int> cycles;
    for (const Entity& e : doc->findings.entities)
      if (e.type == "cycle" && e.value.size() >= 4 &&
          isdigit(static_cast<unsigned char>(e.value[0])))
        ++cycles[e.value.substr(0, 4)];
    std::string best;
    int best_n = 0;
    for (auto& [y, n] : cycles)
      if (n > best_n) best = y, best_n = n;
    if (!best.empty()) {
      doc->year = {best, "text"};
    } else {
      std::string stem = fs::path(doc->file.path).stem().string();
      for (size_t i = 0; i + 4 <= stem.size(); ++i) {
        std::string y = stem.substr(i, 4);
        bool digits = std::all_of(y.begin(), y.end(), [](char c) {
          return isdigit(static_cast<unsigned char>(c));
        });
        bool bounded =
            (i == 0 || !isdigit(static_cast<unsigned char>(stem[i - 1]))) &&
            (i + 4 == stem.size() ||
             !isdigit(static_cast<unsigned char>(stem[i + 4])));
        if (digits && bounded &&
            (y.rfind("19", 0) == 0 || y.rfind("20", 0) == 0)) {
          doc->year = {y, "filename"};
          break;
        }
      }
      if (doc->year.value.empty() && doc->info.created.size() >= 4)
        doc->year = {doc->info.created.substr(0, 4), "metadata"};
    }
  }
  // Document type over the taxonomy, with its evidence as the source.
  if (doc->doc_type.value.empty()) {
    DocTypeDecision d = DecideDocType(*doc, signals);
    doc->doc_type = {std::string(DocTypeName(d.type)), d.evidence};
  }
  // Plan cycle: the cycle named in the title, else the one named first on
  // the first two pages; years ("2015-2017") over ordinals ("IV").
  // Subnational: a city, department or province named in the title or the
  // first lines ("Alcaldía de Palmira", "Prefeitura de São Paulo").
  const std::string title_lower = LowerUtf8(doc->title.value);
  // "2015 - 2017", "2013 to 2015", "2013–15".
  static const RE2 kYearRange(
      "\\b((?:19|20)\\d{2})\\s*(?:[-–—/"
      "]|\\s(?:a|al|to|até)\\s)\\s*((?:19|20)?\\d{2})"
      "\\b");
  auto year_range = [](const std::string& text) -> std::string {
    std::string a, b;
    if (!RE2::PartialMatch(text, kYearRange, &a, &b)) return "";
    if (b.size() == 2) b = a.substr(0, 2) + b;
    if (b <= a || std::stoi(b) - std::stoi(a) > 6) return "";
    return a + "-" + b;
  };
  if (doc->plan_cycle.value.empty()) {
    std::string r = year_range(doc->title.value);
    if (!r.empty()) {
      doc->plan_cycle = {r, "title"};
    } else if (!doc->text.pages.empty()) {
      r = year_range(Utf8Truncate(doc->text.pages[0].text, 400));
      if (!r.empty()) doc->plan_cycle = {r, "text"};
    }
  }
  // The plan's number ("IV"): the first ordinal on the first two pages, one
  // in the title first. Kept beside the years, so that documents that name
  // only the number get the years of the plan (Store::ResolvePlanCycles).
  const Entity* years = nullptr;
  const Entity* ordinal = nullptr;
  bool years_in_title = false, ordinal_in_title = false;
  for (const Entity& e : doc->findings.entities) {
    if (e.type != "cycle" || e.page > 2) continue;
    bool in_title = !title_lower.empty() &&
                    title_lower.find(LowerUtf8(e.text)) != std::string::npos;
    bool is_years = isdigit(static_cast<unsigned char>(e.value[0]));
    if (is_years && (years == nullptr || (in_title && !years_in_title))) {
      years = &e;
      years_in_title = in_title;
    }
    if (!is_years && (ordinal == nullptr || (in_title && !ordinal_in_title))) {
      ordinal = &e;
      ordinal_in_title = in_title;
    }
  }
  if (ordinal != nullptr) doc->plan_ordinal = RomanOrdinal(ordinal->value);
  if (doc->plan_cycle.value.empty()) {
    if (years != nullptr)
      doc->plan_cycle = {years->value, years_in_title ? "title" : "text"};
    else if (ordinal != nullptr)
      doc->plan_cycle = {doc->plan_ordinal, "text"};
  }
  if (doc->subnational.value.empty()) {
    for (const Entity& e : doc->findings.entities) {
      if (e.type != "subnational") continue;
      bool in_title = !title_lower.empty() &&
                      title_lower.find(LowerUtf8(e.text)) != std::string::npos;
      bool opening = e.page == 1 && e.start < 300;
      if (in_title || opening) {
        doc->subnational = {e.value, in_title ? "title" : "text"};
        break;
      }
    }
  }
}

bool IsMiningWarning(const std::string& w) {
  const std::string_view end = kListCountWarningEnd;
  return w == kNoCommitmentsWarning ||
         (w.size() > end.size() &&
          w.compare(w.size() - end.size(), end.size(), end) == 0);
}

int Units(const IndexedDocument& doc) {
  int n = 0;
  for (const Commitment& c : doc.findings.commitments)
    n += c.kind != CommitmentKind::kStatement;
  return n;
}

// What the run prints for a document it read: pages, language, units and
// the no-commitment warning.
std::string FileSummary(const IndexedDocument& doc) {
  std::string s = std::to_string(doc.page_count) + " pages, " +
                  doc.language.code + ", " + std::to_string(Units(doc)) +
                  " commitments";
  for (const std::string& w : doc.warnings) {
    if (IsMiningWarning(w)) s += "; warning: " + w;
    // How a text file's bytes were read, when not as plain UTF-8.
    if (w.rfind("text encoding: ", 0) == 0) s += "; " + w;
  }
  return s;
}

void Pipeline::ApplyCorrectionsAndClassify(const Corrections* corrections,
                                           IndexedDocument* doc) const {
  doc->corrections.clear();
  if (corrections) {
    for (const Correction& c : *corrections) {
      const Attribute a = {c.value, CorrectionEvidence(c)};
      switch (c.key) {
        case CorrectionKey::kTitle:
          doc->title = a;
          break;
        case CorrectionKey::kCountry:
          doc->country = a;
          break;
        case CorrectionKey::kYear:
          doc->year = a;
          break;
        case CorrectionKey::kDocType:
          doc->doc_type = a;
          break;
        case CorrectionKey::kLanguage:
          doc->language = {c.value, 1.0, true};
          break;
        case CorrectionKey::kPlanCycle:
          doc->plan_cycle = a;
          break;
        case CorrectionKey::kSubnational:
          doc->subnational = a;
          break;
      }
    }
    doc->corrections = CorrectionsFingerprint(*corrections);
  }
  planmine::Classify(signals(), doc);
  // Findings and recommendations are typed in reports, not in the plans
  // and slides that state what will be done, nor in agendas and acts.
  const auto type = ParseDocType(doc->doc_type.value);
  // An action plan in which no strategy found its commitments, or fewer
  // than its own list names, is said so, in the run and in `planmine
  // failures`, rather than left silent. (Decided afresh on each mining.)
  doc->warnings.erase(std::remove_if(doc->warnings.begin(), doc->warnings.end(),
                                     IsMiningWarning),
                      doc->warnings.end());
  if (type == DocType::kActionPlan) {
    if (Units(*doc) == 0) doc->warnings.push_back(kNoCommitmentsWarning);
    for (const std::string& w : doc->findings.warnings)
      doc->warnings.push_back(w);
  }
  if (type == DocType::kActionPlan || type == DocType::kSlides ||
      type == DocType::kAgenda || type == DocType::kLegal)
    doc->findings.statements.clear();
}

bool Pipeline::HasTextOf(const std::string& stored_versions) const {
  return stored_versions.compare(0, text_versions_.size() + 1,
                                 text_versions_ + " ") == 0;
}

void Pipeline::Remine(const Corrections* corrections,
                      IndexedDocument* doc) const {
  doc->versions = versions_;
  StageTimer timer(&doc->stage_seconds);
  // The sentence matches of the patterns the document was mined with are
  // reused; only new or edited patterns are run.
  const MatchCache stored = std::move(doc->matches);
  // (An index from before match caching has none: every pattern runs.)
  doc->findings =
      miner().Mine(doc->sentences, &doc->text,
                   stored.patterns.empty() ? nullptr : &stored, &doc->matches);
  timer.Lap("mine");
  // Decided afresh, from the corrections and the new findings; the title is
  // kept (it does not depend on the packs) unless a correction gave it
  // (Store::LoadText leaves it empty then).
  doc->country = {};
  doc->year = {};
  doc->doc_type = {};
  doc->plan_cycle = {};
  doc->subnational = {};
  doc->plan_ordinal.clear();
  // A language correction no longer stored: the detected language again.
  const bool had_language =
      ("\n" + doc->corrections).find("\nlanguage=") != std::string::npos;
  bool has_language = false;
  if (corrections)
    for (const Correction& c : *corrections)
      has_language |= c.key == CorrectionKey::kLanguage;
  if (had_language && !has_language)
    doc->language = language_.DocumentLanguage(doc->text);
  ApplyCorrectionsAndClassify(corrections, doc);
  timer.Lap("classify");
}

Result<IndexedDocument> Pipeline::Process(
    const SourceFile& file, const Corrections* corrections) const {
  auto doc = ProcessText(file);
  if (!doc.ok()) return doc.status();
  MineAndClassify(corrections, &*doc);
  return doc;
}

void Pipeline::MineAndClassify(const Corrections* corrections,
                               IndexedDocument* doc) const {
  StageTimer timer(&doc->stage_seconds);
  doc->findings =
      miner().Mine(doc->sentences, &doc->text, nullptr, &doc->matches);
  timer.Lap("mine");
  ApplyCorrectionsAndClassify(corrections, doc);
  timer.Lap("classify");
}

Result<IndexedDocument> Pipeline::ProcessText(const SourceFile& file) const {
  IndexedDocument doc;
  doc.file = file;
  doc.versions = versions_;
  doc.sha256 = file.sha256;
  if (doc.sha256.empty()) {  // Ingest hashes before deciding; extract does not
    auto sha = Sha256File(file.path);
    if (!sha.ok()) return sha.status();
    doc.sha256 = *sha;
  }
  StageTimer timer(&doc.stage_seconds);
  // A file found and hashed by this run (Ingest) must still be there, with
  // the same bytes, once it has been read: else the rows would not be of
  // the bytes the index says they are of.
  const bool hashed_by_run = !file.sha256.empty();
  auto gone = [&file] {
    return NotFound(file.path +
                    ": disappeared during the run (deleted or moved after "
                    "the run found it)");
  };
  auto extracted = extractor_.Extract(file.path, file.kind);
  if (!extracted.ok()) {
    std::error_code ec;
    if (hashed_by_run && !fs::exists(file.path, ec)) return gone();
    return extracted.status();
  }
  timer.Lap("extract");
  std::vector<int> need_ocr = Extractor::PagesNeedingOcr(*extracted);
  if (ocr_ && file.kind == SourceKind::kPdf) {
    // OCR in the document's language, judged from its text layer; all three
    // when there is none.
    std::string layer;
    for (const Page& pg : extracted->pages)
      for (const Block& b : pg.blocks)
        for (const Line& l : b.lines) (layer += l.text) += '\n';
    std::string lang = language_.Detect(layer).code;
    if (!need_ocr.empty() && lang != "es" && lang != "pt" && lang != "en") {
      // No text layer to judge by: read the first page with all three
      // models, then the rest in the language it turns out to be.
      int first_page = need_ocr[0];
      PLANMINE_RETURN_IF_ERROR(extractor_.OcrPages(
          file.path, {first_page}, *ocr_, TesseractLanguages(""), &*extracted));
      need_ocr.erase(need_ocr.begin());
      std::string first;
      for (const Block& b : extracted->pages[first_page - 1].blocks)
        for (const Line& l : b.lines) (first += l.text) += '\n';
      lang = language_.Detect(first).code;
    }
    PLANMINE_RETURN_IF_ERROR(extractor_.OcrPages(
        file.path, need_ocr, *ocr_, TesseractLanguages(lang), &*extracted));
    // Then the images of the pages that have a text layer.
    PLANMINE_RETURN_IF_ERROR(extractor_.OcrImages(
        file.path, *ocr_, TesseractLanguages(lang), &*extracted));
    timer.Lap("ocr");
  }
  if (hashed_by_run) {
    auto now = Sha256File(file.path);
    std::error_code ec;
    if (!now.ok() && !fs::exists(file.path, ec)) return gone();
    if (!now.ok()) return now.status();
    if (*now != file.sha256)
      return IoError(file.path +
                     ": changed while it was being read (its bytes differ "
                     "from when the run hashed them); it is read again on "
                     "the next run");
    timer.Lap("hash");
  }
  doc.info = extracted->info;
  doc.page_count = extracted->page_count;
  doc.warnings = extracted->warnings;
  doc.text = normalizer_.Normalize(*extracted);
  timer.Lap("normalize");
  doc.language = language_.DetectDocument(&doc.text);
  timer.Lap("language");
  doc.sentences = splitter_.Split(doc.text);
  timer.Lap("segment");
  size_t chars = 0;
  int empty_pages = 0;
  for (const NormalizedPage& p : doc.text.pages) {
    chars += p.text.size();
    empty_pages += p.text.empty();
  }
  if (chars == 0) {
    doc.status = "no_text";
    doc.error =
        file.path + ": no text on any of its " +
        std::to_string(doc.page_count) + " pages" +
        (ocr_ ? " (no text layer, and OCR found none)"
              : " (image-only: needs OCR, which is " + ocr_status_ + ")");
  } else if (empty_pages > 0) {
    doc.warnings.push_back(
        std::to_string(empty_pages) + " of " +
        std::to_string(doc.text.pages.size()) + " pages have no text" +
        (ocr_ ? " (OCR found none: blank or pictures only)" : ""));
  }
  return doc;
}

namespace {

// An index made before paths were resolved (discover.h) holds "in/a.pdf",
// "./in/a.pdf", "/abs/in//a.pdf" or a path through a link: the stored paths
// that are another spelling of a resolved one, by the resolved one. One pass
// over the stored paths, one realpath per folder (not per file), so that a
// run over a large index pays nothing per file for it.
Result<std::map<std::string, std::string>> OtherSpellings(Store& store) {
  std::map<std::string, std::string> out;
  auto q = store.db().Prepare("SELECT path FROM documents ORDER BY id");
  if (!q.ok()) return q.status();
  std::map<std::string, std::string> folders;  // as stored -> resolved
  while (q->Step()) {
    const std::string p = q->Text(0);
    const fs::path path(p);
    const std::string name = path.filename().string();
    if (name.empty() || name == "." || name == "..") continue;
    const std::string folder = path.parent_path().string();
    auto it = folders.find(folder);
    if (it == folders.end()) {
      std::error_code ec;
      fs::path real = fs::canonical(folder.empty() ? "." : folder, ec);
      it = folders.emplace(folder, ec ? "" : real.string()).first;
    }
    if (it->second.empty()) continue;  // its folder is gone
    const std::string resolved = (fs::path(it->second) / name).string();
    if (resolved != p) out.emplace(resolved, p);
  }
  PLANMINE_RETURN_IF_ERROR(q->status());
  return out;
}

// The row stored under another spelling of `path` (above) is renamed to
// `path` before the run looks `path` up, with the size and mtime it had, so
// that everything below (unchanged, re-read, corrections) applies to it as
// if it had always been stored there. Nothing when `path` is stored itself
// (the other spelling is then a duplicate, marked missing under its folder).
Status AdoptOtherSpelling(Store& store,
                          const std::map<std::string, std::string>& spellings,
                          const std::string& path,
                          const std::set<std::string>& seen) {
  auto it = spellings.find(path);
  if (it == spellings.end() || seen.count(it->second)) return Status();
  auto exact = store.Find(path);
  if (!exact.ok()) return exact.status();
  if (exact->has_value()) return Status();
  auto old = store.Find(it->second);
  if (!old.ok()) return old.status();
  if (!old->has_value()) return Status();
  return store.Move(it->second, path, static_cast<uint64_t>((*old)->size),
                    (*old)->mtime);
}

}  // namespace

Status InterruptedBy(int signal) {
  const char* name = signal == SIGINT    ? "SIGINT"
                     : signal == SIGTERM ? "SIGTERM"
                     : signal == SIGHUP  ? "SIGHUP"
                                         : nullptr;
  return Unsupported(
      "interrupted by signal (" +
      (name ? std::string(name) : "signal " + std::to_string(signal)) + ")");
}

// Gathers the facts the refresh policy needs for file `f` (hashing it when
// the stat cannot decide, which fills f->sha256; looking for stored copies
// of its bytes whose files are gone) and decides. Errors of the index are
// returned; a file that cannot be hashed sets `hash_error`.
// `same_bytes` keeps alive what `d->moved_from` points to.
Status DecideFor(const Pipeline& pipeline, Store& store,
                 const std::set<std::string>& seen,
                 const std::optional<StoredDocument>& stored,
                 const Corrections& corrections, SourceFile* f,
                 std::vector<StoredDocument>* same_bytes, StageTimer* timer,
                 RefreshDecision* d, Status* hash_error) {
  RefreshFacts facts;
  facts.file = f;
  facts.stored = stored.has_value() ? &*stored : nullptr;
  facts.corrections = CorrectionsFingerprint(corrections);
  facts.versions = pipeline.versions();
  facts.stored_has_text =
      stored.has_value() && pipeline.HasTextOf(stored->versions);
  *d = DecideRefresh(facts);
  if (d->action == RefreshAction::kHash) {
    auto sha = Sha256File(f->path);
    timer->Lap("hash");
    if (!sha.ok()) {
      *hash_error = sha.status();
      return Status();
    }
    f->sha256 = *sha;
    *d = DecideRefresh(facts);
  }
  if (d->action != RefreshAction::kExtract || stored.has_value())
    return Status();
  auto same = store.FindBySha256(f->sha256);
  if (!same.ok()) return same.status();
  *same_bytes = std::move(*same);
  for (const StoredDocument& doc : *same_bytes) {
    std::error_code ec;
    if (!seen.count(doc.path) && !fs::exists(doc.path, ec))
      facts.gone_same_bytes.push_back(&doc);
  }
  if (!facts.gone_same_bytes.empty()) *d = DecideRefresh(facts);
  return Status();
}

namespace {

// Ingest's run: `report` is filled as it goes, so that a run that stops on
// an error still has its counts and run id.
Status IngestRun(const Pipeline& pipeline, Store& store, Discovery found,
                 std::chrono::steady_clock::time_point t0,
                 const Manifest* manifest, const std::string& command,
                 bool prune,
                 const std::function<void(const IngestProgress&)>& on_file_in,
                 const WorkerLimits& workers, const ReadFiles& read_files,
                 IngestReport& report) {
  std::map<std::string, double>& stage_seconds = report.counts.stage_seconds;
  StageTimer timer(&stage_seconds);
  // The manifest's rows for these files; a bare name that fits several, or
  // two rows that disagree on one file, stop the run before it writes.
  std::optional<ManifestMatch> rows;
  if (manifest) {
    std::vector<std::string> files;
    for (const SourceFile& f : found.files) files.push_back(f.path);
    auto m = manifest->Match(files);
    if (!m.ok()) return m.status();
    report.manifest_notes = m->notes();
    rows = std::move(*m);
  }
  // Every event counted, for progress and ETA.
  const size_t total = found.files.size() + found.errors.size();
  size_t events = 0;
  std::function<void(const IngestProgress&)> on_file;
  if (on_file_in)
    on_file = [&](const IngestProgress& p) {
      IngestProgress q = p;
      q.done = ++events;
      q.total = total;
      on_file_in(q);
    };
  auto run = store.BeginRun(command);
  if (!run.ok()) return run.status();
  report.run_id = *run;
  PLANMINE_RETURN_IF_ERROR(store.SyncThemes(pipeline.themes()));
  PLANMINE_RETURN_IF_ERROR(store.SyncPacks(pipeline.packs()));
  auto fail = [&](const SourceFile& f, const std::string& sha,
                  const std::string& stage, const Status& st) -> Status {
    report.errors.push_back({stage, st});
    report.error_paths.push_back(f.path);
    ++report.counts.failed;
    if (on_file) on_file({f.path, "failed", st.message()});
    return store.RecordFailure(f, sha, stage, st, report.run_id);
  };
  for (const DiscoveryError& e : found.errors) {
    SourceFile f;
    f.path = e.path;
    ++report.counts.files_seen;
    PLANMINE_RETURN_IF_ERROR(fail(f, "", "discover", e.status));
  }
  std::set<std::string> seen;
  std::vector<WorkItem> work;
  auto spellings = OtherSpellings(store);
  if (!spellings.ok()) return spellings.status();
  // Which manifest rows matched a file.
  std::vector<bool> matched(manifest ? manifest->size() : 0, false);
  // A stored document mined again from its stored text, with the
  // corrections stored for it: because the packs or the miner changed
  // (remined), or only its corrections did (corrected).
  auto remine = [&](const SourceFile& f, const Corrections& corrections,
                    bool only_corrections) -> Status {
    auto text = store.LoadText(f.path);
    if (!text.ok()) return text.status();
    timer.Lap("read_stored");
    IndexedDocument doc = std::move(text->doc);
    PLANMINE_RETURN_IF_ERROR(pipeline.CompilePatterns());
    pipeline.Remine(&corrections, &doc);
    for (const auto& [stage, secs] : doc.stage_seconds)
      stage_seconds[stage] += secs;
    timer.Restart();  // Remine timed itself
    Status w = store.ReplaceFindings(*text, doc, report.run_id);
    if (!w.ok()) return w.WithPrefix(f.path + ": cannot write to the index");
    timer.Lap("load");
    if (only_corrections) {
      ++report.counts.corrected;
      if (on_file)
        on_file({f.path, "corrected",
                 doc.corrections.empty()
                     ? "corrections removed"
                     : "corrections: " + [&] {
                         std::string list = doc.corrections;
                         std::replace(list.begin(), list.end(), '\n', ' ');
                         return list;
                       }()});
      return Status();
    }
    ++report.remined;
    ++report.counts.ingested;
    if (on_file)
      on_file({f.path, "remined",
               std::to_string(Units(doc)) + " commitments, " +
                   std::to_string(doc.findings.theme_hits.size()) +
                   " theme hits"});
    return Status();
  };
  for (SourceFile& f : found.files) {
    if (workers.interrupted && *workers.interrupted)
      return InterruptedBy(*workers.interrupted);
    ++report.counts.files_seen;
    seen.insert(f.path);
    timer.Restart();
    PLANMINE_RETURN_IF_ERROR(
        AdoptOtherSpelling(store, *spellings, f.path, seen));
    auto stored = store.Find(f.path);
    if (!stored.ok()) return stored.status();
    // The manifest's row for the file is stored as its corrections first
    // (the latest statement wins); whichever way the file goes below, it
    // is classified with the corrections stored for it.
    if (const ManifestEntry* e = rows ? rows->Find(f.path) : nullptr) {
      matched[static_cast<size_t>(e - manifest->entries().data())] = true;
      auto put = store.StoreCorrections(
          f.path, stored->has_value() ? (*stored)->sha256 : "",
          manifest->CorrectionsOf(*e));
      if (!put.ok()) return put.status();
    }
    auto corrections = store.CorrectionsFor(f.path);
    if (!corrections.ok()) return corrections.status();
    timer.Lap("lookup");
    // The policy decides (refresh_policy.h); what follows applies it.
    std::vector<StoredDocument> same_bytes;
    RefreshDecision d;
    Status hash_error;
    PLANMINE_RETURN_IF_ERROR(DecideFor(pipeline, store, seen, *stored,
                                       *corrections, &f, &same_bytes, &timer,
                                       &d, &hash_error));
    if (!hash_error.ok()) {
      PLANMINE_RETURN_IF_ERROR(fail(f, "", "hash", hash_error));
      continue;
    }
    switch (d.action) {
      case RefreshAction::kUnchanged:
        ++report.counts.unchanged;
        PLANMINE_RETURN_IF_ERROR(store.MarkPresent(f.path));
        if (on_file) on_file({f.path, "unchanged", ""});
        break;
      case RefreshAction::kRemine:
        PLANMINE_RETURN_IF_ERROR(remine(f, *corrections, d.only_corrections));
        break;
      case RefreshAction::kTouched:
        PLANMINE_RETURN_IF_ERROR(store.Touch(f.path, f.size, f.mtime));
        if (d.only_corrections) {
          PLANMINE_RETURN_IF_ERROR(remine(f, *corrections, true));
          break;
        }
        ++report.counts.unchanged;
        if (on_file) on_file({f.path, "unchanged", ""});
        break;
      case RefreshAction::kMoved: {
        const StoredDocument* from = d.moved_from;
        PLANMINE_RETURN_IF_ERROR(
            store.Move(from->path, f.path, f.size, f.mtime));
        ++report.moved;
        if (on_file) on_file({f.path, "moved", "from " + from->path});
        // Its corrections came along; a manifest row for the new path wins.
        auto now = store.CorrectionsFor(f.path);
        if (!now.ok()) return now.status();
        if (CorrectionsFingerprint(*now) != from->corrections) {
          PLANMINE_RETURN_IF_ERROR(remine(f, *now, true));
        } else {
          ++report.counts.unchanged;
        }
        break;
      }
      case RefreshAction::kHash:  // DecideFor hashes
      case RefreshAction::kExtract:
        work.push_back({f, std::move(*corrections)});
        break;
    }
  }
  if (manifest)
    for (size_t i = 0; i < matched.size(); ++i)
      if (!matched[i])
        report.unmatched.push_back({manifest->name(),
                                    manifest->entries()[i].line,
                                    manifest->entries()[i].path});
  // The files to read, in worker processes (workers.h); the results are
  // stored here, one transaction each, as they come.
  PLANMINE_RETURN_IF_ERROR(
      read_files(work, [&](size_t i, Result<IndexedDocument> doc) -> Status {
        const SourceFile& f = work[i].file;
        if (!doc.ok()) return fail(f, f.sha256, "extract", doc.status());
        for (const auto& [stage, secs] : doc->stage_seconds)
          stage_seconds[stage] += secs;
        timer.Restart();
        Status w = store.Replace(*doc, report.run_id);
        timer.Lap("load");
        if (!w.ok()) {
          // The database itself failing (disk full, locked) stops the run.
          return w.WithPrefix(f.path + ": cannot write to the index");
        }
        ++report.counts.ingested;
        if (doc->status == "no_text") {
          ++report.no_text;
          PLANMINE_RETURN_IF_ERROR(store.LogError(
              report.run_id, f.path, doc->sha256, "extract", doc->error));
          report.errors.push_back({"extract", Unsupported(doc->error)});
          report.error_paths.push_back(f.path);
          if (on_file) on_file({f.path, "no_text", doc->error});
        } else if (on_file) {
          IngestProgress p{f.path, "ingested", FileSummary(*doc)};
          p.pages = doc->page_count;
          on_file(p);
        }
        return Status();
      }));
  // Documents stored under a folder this run walked, but no longer there:
  // marked missing (kept, in case the folder is only unmounted), or deleted
  // with prune. What lies under a path the walk could not read (a folder
  // without permission, a path too long) is not known to be gone: kept.
  std::vector<std::string> unread;
  for (const DiscoveryError& e : found.errors) unread.push_back(e.path);
  for (const std::string& root : found.roots) {
    auto missing = store.MarkMissingUnder(root, seen, prune, unread);
    if (!missing.ok()) return missing.status();
    report.missing += *missing;
  }
  // Cycles named by number get their years from the plans now indexed.
  auto cycles = store.ResolvePlanCycles();
  if (!cycles.ok()) return cycles.status();
  PLANMINE_RETURN_IF_ERROR(store.DropUnusedPatternSets());
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
          .count();
  std::string status = report.counts.failed + report.no_text == 0 ? "ok"
                       : report.counts.ingested - report.no_text > 0 ||
                               report.counts.unchanged > 0 ||
                               report.counts.corrected > 0
                           ? "partial"
                           : "failed";
  return store.EndRun(report.run_id, report.counts, report.seconds, status);
}

}  // namespace

Result<IngestReport> Ingest(
    const Pipeline& pipeline, Store& store,
    const std::vector<std::string>& paths, const Manifest* manifest,
    const std::string& command, bool prune,
    const std::function<void(const IngestProgress&)>& on_file,
    const WorkerLimits& workers) {
  auto t0 = std::chrono::steady_clock::now();
  Discovery found = Discover(paths);
  const double discover_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
          .count();
  return IngestDiscovered(
      pipeline, store, std::move(found), manifest, command, prune, on_file,
      workers,
      [&](const std::vector<WorkItem>& items, const OnResult& done) {
        return ProcessInWorkers(pipeline, items, workers, done);
      },
      t0, discover_seconds);
}

Result<IngestReport> IngestDiscovered(
    const Pipeline& pipeline, Store& store, Discovery found,
    const Manifest* manifest, const std::string& command, bool prune,
    const std::function<void(const IngestProgress&)>& on_file,
    const WorkerLimits& workers, const ReadFiles& read_files,
    std::chrono::steady_clock::time_point t0, double discover_seconds) {
  IngestReport report;
  report.counts.stage_seconds["discover"] += discover_seconds;
  Status s = IngestRun(pipeline, store, std::move(found), t0, manifest, command,
                       prune, on_file, workers, read_files, report);
  if (s.ok()) return report;
  // Whatever stopped the run (the database failing, no file descriptors
  // left, a signal), its record is closed with the reason; if even that
  // write fails, the next run closes it (Store::BeginRun).
  if (report.run_id != 0) {
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
            .count();
    (void)store.EndRun(report.run_id, report.counts, report.seconds,
                       "aborted: " + s.message());
  }
  return s;
}

Result<std::string> FindStoredPath(Store& store, const std::string& file) {
  auto exact = store.Find(file);
  if (!exact.ok()) return exact.status();
  if (exact->has_value()) return (*exact)->path;
  // The same file named another way ("./in/a.pdf", an absolute path): a
  // stored path with its file name that resolves to the same place.
  std::error_code ec;
  const fs::path want = fs::weakly_canonical(fs::path(file), ec);
  auto named = store.FindByFileName(fs::path(file).filename().string());
  if (!named.ok()) return named.status();
  for (const StoredDocument& d : *named) {
    std::error_code ec2;
    if (!ec && fs::weakly_canonical(fs::path(d.path), ec2) == want && !ec2)
      return d.path;
  }
  // Moved since it was ingested: the stored document with its bytes.
  if (!fs::is_regular_file(file, ec))
    return NotFound(file + ": not in the index");
  auto sha = Sha256File(file);
  if (!sha.ok()) return sha.status();
  auto same = store.FindBySha256(*sha);
  if (!same.ok()) return same.status();
  std::vector<const StoredDocument*> gone;  // no longer where stored
  for (const StoredDocument& d : *same)
    if (!fs::exists(d.path, ec)) gone.push_back(&d);
  if (same->size() == 1) return (*same)[0].path;
  if (gone.size() == 1) return gone[0]->path;
  if (same->empty()) return NotFound(file + ": not in the index");
  std::string names;
  for (const StoredDocument& d : *same)
    names += (names.empty() ? "" : ", ") + d.path;
  return InvalidArgument(file + ": the bytes of " +
                         std::to_string(same->size()) + " stored documents (" +
                         names + "): name one of them");
}

Result<bool> ApplyStoredCorrections(const Pipeline& pipeline, Store& store,
                                    const std::string& path, int64_t run_id) {
  auto stored = store.Find(path);
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) return NotFound(path + ": not in the index");
  if ((*stored)->status == "failed") return false;
  auto corrections = store.CorrectionsFor(path);
  if (!corrections.ok()) return corrections.status();
  auto text = store.LoadText(path);
  if (!text.ok()) return text.status();
  IndexedDocument doc = std::move(text->doc);
  PLANMINE_RETURN_IF_ERROR(pipeline.CompilePatterns());
  pipeline.Remine(&*corrections, &doc);
  doc.versions = (*stored)->versions;
  PLANMINE_RETURN_IF_ERROR(store.ReplaceFindings(*text, doc, run_id));
  auto cycles = store.ResolvePlanCycles();
  if (!cycles.ok()) return cycles.status();
  return true;
}

}  // namespace planmine
