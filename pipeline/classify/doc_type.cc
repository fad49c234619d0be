#include "pipeline/classify/doc_type.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "pipeline/classify/running_header.h"
#include "pipeline/core/utf8.h"
#include "pipeline/normalize/normalizer.h"

namespace planmine {
namespace {

// A slide deck: most pages wider than high, and few words on each.
constexpr double kLandscape = 1.15;  // width / height
constexpr int kSlideWordsPerPage = 150;
// An agenda: this many time ranges per hundred words of the document.
constexpr double kAgendaTimesPer100Words = 2.0;
constexpr int kAgendaMinTimes = 4;
// An action plan has at least this many commitment units.
constexpr int kMinUnits = 3;
// The opening: the first blocks of page 1 that are not running text (a
// block of more words than this, not in bold).
constexpr size_t kOpeningBlocks = 6;
constexpr size_t kOpeningBlockBytes = 200;
constexpr size_t kParagraphWords = 25;
// Plan words name the document itself when they head its title: at most
// this many words before them ("Open Government Partnership UK National
// Action Plan"), not "Términos y condiciones de la Convocatoria … para el
// Cuarto Plan de Acción".
constexpr size_t kPlanWordsWithin = 8;

// Genre groups of the `genres` packs, most specific first, with the type
// each one means (letter: a letter, the type `other`).
struct Genre {
  const char* group;
  DocType type;
};
constexpr Genre kGenres[] = {
    {"irm_report", DocType::kIrmReport},
    {"self_assessment", DocType::kSelfAssessment},
    {"legal", DocType::kLegal},
    {"guide", DocType::kGuide},
    {"workshop", DocType::kWorkshop},
    {"report", DocType::kReport},
    {"letter", DocType::kOther},
};

std::string Quote(std::string_view text, const Signal& s) {
  return "'" + std::string(TrimAscii(text.substr(s.start, s.end - s.start))) +
         "'";
}

class DocTypeFinder {
 public:
  DocTypeFinder(const IndexedDocument& doc, const Signals& signals)
      : doc_(doc), signals_(signals), language_(doc.language.code) {
    if (!doc.text.pages.empty()) {
      const NormalizedPage& p = doc.text.pages[0];
      for (size_t i = 0; i < p.blocks.size() && i < kOpeningBlocks; ++i) {
        const NormalizedBlock& b = p.blocks[i];
        if (b.start >= p.text.size()) break;
        std::string_view text =
            std::string_view(p.text).substr(b.start, b.end - b.start);
        if (!b.bold && !b.heading && FoldedWords(text).size() > kParagraphWords)
          continue;
        opening_.push_back(Utf8Truncate(text, kOpeningBlockBytes));
      }
    }
    // A publisher's name repeated on every page says who, not what
    // ("DIRETORIA DE ANÁLISE DE POLÍTICAS PÚBLICAS").
    for (const RunningHeader& h : RunningHeaders(doc.text))
      if (!signals.Has(h.text, language_, "titles", "letterhead"))
        headers_.push_back(h.text);
  }

  DocTypeDecision Decide() const {
    if (auto d = Slides()) return *d;
    if (auto d = Legal()) return *d;
    if (auto d = Agenda()) return *d;
    // Genre words before plan words: a report on a plan names both.
    if (auto d = GenreIn({doc_.title.value}, "the title")) return *d;
    if (auto d = GenreIn(headers_, "the running header")) return *d;
    if (auto d = GenreIn(opening_, "the opening")) return *d;
    if (auto d = Plan({doc_.title.value}, "the title")) return *d;
    if (auto d = Plan(headers_, "the running header")) return *d;
    if (auto d = Plan(opening_, "the opening")) return *d;
    return {DocType::kOther, "no genre word, no plan with commitment units"};
  }

 private:
  std::optional<DocTypeDecision> Slides() const;
  std::optional<DocTypeDecision> Legal() const;
  std::optional<DocTypeDecision> Agenda() const;
  std::optional<DocTypeDecision> GenreIn(const std::vector<std::string>& texts,
                                         const char* where) const;
  std::optional<DocTypeDecision> Plan(const std::vector<std::string>& texts,
                                      const char* where) const;

  const IndexedDocument& doc_;
  const Signals& signals_;
  std::string language_;
  std::vector<std::string> opening_;  // page 1's first blocks
  std::vector<std::string> headers_;  // the running headers
};

std::optional<DocTypeDecision> DocTypeFinder::Slides() const {
  const auto& pages = doc_.text.pages;
  int landscape = 0, words = 0;
  for (const NormalizedPage& p : pages) {
    landscape += p.width > p.height * kLandscape;
    words += p.word_count;
  }
  const int n = static_cast<int>(pages.size());
  if (n < 3 || landscape * 2 <= n || words / n >= kSlideWordsPerPage)
    return std::nullopt;
  return DocTypeDecision{
      DocType::kSlides, "page geometry: " + std::to_string(landscape) + " of " +
                            std::to_string(n) + " pages landscape, " +
                            std::to_string(words / n) + " words a page"};
}

std::optional<DocTypeDecision> DocTypeFinder::Legal() const {
  int formulas = 0, articles = 0;
  std::string formula, article;
  for (const NormalizedPage& p : doc_.text.pages) {
    for (const NormalizedBlock& b : p.blocks) {
      if (b.start >= p.text.size()) continue;
      std::string_view head = std::string_view(p.text).substr(
          b.start, std::min<size_t>(b.end - b.start, 80));
      for (const Signal& s : signals_.Find(head, language_, "genres")) {
        if (s.start != 0 &&
            head.substr(0, s.start).find_first_not_of(" \t•-") !=
                std::string_view::npos)
          continue;
        if (s.group == "legal_formula" && formulas++ == 0)
          formula = Quote(head, s);
        if (s.group == "legal_article" && articles++ == 0)
          article = Quote(head, s);
      }
    }
  }
  std::optional<Signal> act;
  std::string act_text;
  for (const std::string& t : std::vector<std::string>{doc_.title.value}) {
    if ((act = signals_.First(t, language_, "genres", "legal"))) act_text = t;
  }
  for (size_t i = 0; !act && i < opening_.size(); ++i)
    if ((act = signals_.First(opening_[i], language_, "genres", "legal")))
      act_text = opening_[i];
  const bool structure = formulas >= 1 && articles >= 2;
  const bool headed = act && (formulas >= 1 || articles >= 2);
  if (!structure && !headed) return std::nullopt;
  std::string evidence = "legal structure:";
  if (act) evidence += " the act's heading " + Quote(act_text, *act) + ",";
  if (formulas)
    evidence += " " + std::to_string(formulas) + " enacting formula" +
                (formulas > 1 ? "s " : " ") + formula + ",";
  if (articles)
    evidence += " " + std::to_string(articles) + " article heading" +
                (articles > 1 ? "s " : " ") + article + ",";
  evidence.pop_back();
  return DocTypeDecision{DocType::kLegal, evidence + " opening blocks"};
}

std::optional<DocTypeDecision> DocTypeFinder::Agenda() const {
  int times = 0, words = 0;
  for (const NormalizedPage& p : doc_.text.pages) {
    words += p.word_count;
    for (const NormalizedBlock& b : p.blocks)
      if (b.start < p.text.size())
        times += signals_.Count(
            std::string_view(p.text).substr(b.start, b.end - b.start),
            language_, "genres", "time_range");
  }
  if (times == 0) return std::nullopt;
  const double per100 = words > 0 ? 100.0 * times / words : 0;
  const bool dense =
      times >= kAgendaMinTimes && per100 >= kAgendaTimesPer100Words;
  auto named = signals_.First(doc_.title.value, language_, "genres", "agenda");
  if (!dense && !(named && times >= kAgendaMinTimes - 1)) return std::nullopt;
  std::string evidence = std::to_string(times) + " time ranges in " +
                         std::to_string(words) + " words";
  if (named)
    evidence += ", " + Quote(doc_.title.value, *named) + " in the title";
  return DocTypeDecision{DocType::kAgenda, evidence};
}

std::optional<DocTypeDecision> DocTypeFinder::GenreIn(
    const std::vector<std::string>& texts, const char* where) const {
  for (const Genre& g : kGenres)
    for (const std::string& t : texts)
      if (auto s = signals_.First(t, language_, "genres", g.group)) {
        std::string what =
            std::string(g.group) == "letter" ? "a letter: " : "genre word ";
        return DocTypeDecision{g.type, what + Quote(t, *s) + " in " + where};
      }
  return std::nullopt;
}

std::optional<DocTypeDecision> DocTypeFinder::Plan(
    const std::vector<std::string>& texts, const char* where) const {
  int units = 0;
  for (const Commitment& c : doc_.findings.commitments)
    units += c.kind != CommitmentKind::kStatement;
  if (units < kMinUnits) return std::nullopt;
  for (const std::string& t : texts)
    if (auto s = signals_.First(t, language_, "genres", "action_plan");
        s && FoldedWords(std::string_view(t).substr(0, s->start)).size() <=
                 kPlanWordsWithin)
      return DocTypeDecision{DocType::kActionPlan,
                             "plan words " + Quote(t, *s) + " in " + where +
                                 " and " + std::to_string(units) +
                                 " commitment units"};
  return std::nullopt;
}

}  // namespace

DocTypeDecision DecideDocType(const IndexedDocument& doc,
                              const Signals& signals) {
  return DocTypeFinder(doc, signals).Decide();
}

}  // namespace planmine
