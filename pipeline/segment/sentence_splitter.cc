#include "pipeline/segment/sentence_splitter.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <map>
#include <memory>
#include <set>

#include "pipeline/core/utf8.h"

namespace planmine {
namespace {

// Abbreviations after which a period does not end a sentence, lower-case,
// without the final period. Shared across languages: documents mix them.
const std::set<std::string>& Abbreviations() {
  static const std::set<std::string> k = {
      // es
      "sr",
      "sra",
      "srta",
      "dr",
      "dra",
      "lic",
      "ing",
      "arq",
      "art",
      "arts",
      "núm",
      "num",
      "nro",
      "no",
      "nº",
      "n°",
      "pág",
      "pag",
      "págs",
      "cap",
      "inc",
      "lit",
      "ej",
      "p. ej",
      "etc",
      "ud",
      "uds",
      "av",
      "gral",
      "prof",
      "cía",
      "dto",
      "depto",
      "ord",
      "res",
      "dec",
      "ss",
      "vol",
      "aprox",
      "tel",
      "fig",
      "cf",
      "vs",
      "mín",
      "máx",
      // pt
      "sr",
      "sra",
      "dra",
      "profa",
      "exmo",
      "exma",
      "fl",
      "fls",
      "n",
      "nº",
      "p",
      "pp",
      "ex",
      "obs",
      "inc",
      // en
      "mr",
      "mrs",
      "ms",
      "e.g",
      "i.e",
      "eg",
      "ie",
      "no",
      "nos",
      "fig",
      "approx",
      "dept",
      "st",
      "jr",
      "sr",
      "et al",
      "al",
      "u.s",
      "u.k",
      "p",
      "pp",
      "cf",
      "viz",
      "ca",
      "est",
  };
  return k;
}

// True when text[0, end) ends with an abbreviation followed by a period (and
// optional spaces).
bool EndsWithAbbreviation(std::string_view text) {
  std::string_view t = TrimAscii(text);
  if (t.empty() || t.back() != '.') return false;
  t.remove_suffix(1);
  // Take the last whitespace-separated token, and the last two for "p. ej".
  size_t sp = t.find_last_of(" \n\t(");
  std::string last =
      LowerUtf8(t.substr(sp == std::string_view::npos ? 0 : sp + 1));
  if (last.empty()) return false;
  const auto& abbr = Abbreviations();
  if (abbr.count(last)) return true;
  // A single capital initial: "J." (but not a lone word like "A." ending a
  // list)
  if (last.size() == 1 && t.size() >= 1) {
    unsigned char c = static_cast<unsigned char>(t.back());
    if (c >= 'A' && c <= 'Z') return true;
  }
  if (sp != std::string_view::npos) {
    std::string_view before = t.substr(0, sp);
    size_t sp2 = before.find_last_of(" \n\t(");
    std::string two =
        LowerUtf8(t.substr(sp2 == std::string_view::npos ? 0 : sp2 + 1));
    if (abbr.count(two)) return true;
  }
  return false;
}

}  // namespace

struct SentenceSplitter::Prototypes {
  std::unique_ptr<icu::BreakIterator> es, pt, en;

  const icu::BreakIterator& For(const std::string& language) const {
    return language == "pt" ? *pt : language == "en" ? *en : *es;
  }
};

Result<SentenceSplitter> SentenceSplitter::Create(
    const SegmentOptions& options) {
  if (options.max_bytes < 80)
    return InvalidArgument("max_bytes must be at least 80");
  auto protos = std::make_shared<Prototypes>();
  for (auto [loc, slot] :
       {std::pair{"es", &protos->es}, std::pair{"pt", &protos->pt},
        std::pair{"en", &protos->en}}) {
    UErrorCode status = U_ZERO_ERROR;
    slot->reset(
        icu::BreakIterator::createSentenceInstance(icu::Locale(loc), status));
    if (U_FAILURE(status) || !*slot)
      return Internal(std::string("ICU sentence iterator for ") + loc + ": " +
                      u_errorName(status));
  }
  SentenceSplitter s;
  s.options_ = options;
  s.prototypes_ = std::move(protos);
  return s;
}

std::vector<std::pair<size_t, size_t>> SentenceSplitter::SplitText(
    std::string_view text, const std::string& language) const {
  std::unique_ptr<icu::BreakIterator> bi(prototypes_->For(language).clone());
  return SplitWith(bi.get(), text);
}

// `iterator` is an icu::BreakIterator owned by the caller (void* keeps ICU
// out of the header); clones are not shared across threads.
std::vector<std::pair<size_t, size_t>> SentenceSplitter::SplitWith(
    void* iterator, std::string_view text) const {
  auto* bi = static_cast<icu::BreakIterator*>(iterator);
  std::vector<std::pair<size_t, size_t>> out;
  if (text.empty()) return out;
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(),
                             static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) {
    out.push_back({0, text.size()});
    return out;
  }
  bi->setText(ut, status);
  std::vector<size_t> breaks;
  for (int32_t b = bi->next(); b != icu::BreakIterator::DONE; b = bi->next()) {
    breaks.push_back(static_cast<size_t>(b));
  }
  utext_close(ut);
  size_t start = 0;
  auto emit = [&](size_t a, size_t b) {
    // Trim spaces; cut over-long runs at a space.
    while (a < b && (text[a] == ' ' || text[a] == '\n')) ++a;
    while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\n')) --b;
    while (b - a > options_.max_bytes) {
      size_t cut = text.rfind(' ', a + options_.max_bytes);
      if (cut == std::string_view::npos || cut <= a)
        cut = a + options_.max_bytes;
      while (cut > a && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
      out.push_back({a, cut});
      a = cut;
      while (a < b && text[a] == ' ') ++a;
    }
    if (b > a) out.push_back({a, b});
  };
  for (size_t i = 0; i < breaks.size(); ++i) {
    size_t b = breaks[i];
    if (b < text.size() &&
        EndsWithAbbreviation(text.substr(start, b - start)) &&
        text[b - 1] != '\n')
      continue;
    emit(start, b);
    start = b;
  }
  if (start < text.size()) emit(start, text.size());
  return out;
}

std::vector<Sentence> SentenceSplitter::Split(
    const NormalizedDocument& doc) const {
  std::vector<Sentence> out;
  // One iterator per language for the whole document, cloned from the
  // prototypes: creating one per block was a measurable cost.
  std::map<std::string, std::unique_ptr<icu::BreakIterator>> iterators;
  auto iterator_for = [&](const std::string& lang) {
    auto& it = iterators[lang];
    if (!it) it.reset(prototypes_->For(lang).clone());
    return it.get();
  };
  for (const NormalizedPage& p : doc.pages) {
    for (size_t bi = 0; bi < p.blocks.size(); ++bi) {
      const NormalizedBlock& b = p.blocks[bi];
      std::string_view t(p.text.data() + b.start, b.end - b.start);
      for (auto [s, e] : SplitWith(iterator_for(b.language), t)) {
        Sentence sent;
        sent.page = p.number;
        sent.block = static_cast<int>(bi);
        sent.start = b.start + s;
        sent.end = b.start + e;
        sent.language = b.language;
        sent.text = std::string(t.substr(s, e - s));
        out.push_back(std::move(sent));
      }
    }
  }
  return out;
}

}  // namespace planmine
