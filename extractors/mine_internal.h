// What the miner's parts pass between them: the signals each sentence
// carries after the pattern scan, and the small text helpers they share.
// Internal to extractors/; the public interface is miner.h.
#ifndef PLANMINE_EXTRACTORS_MINE_INTERNAL_H_
#define PLANMINE_EXTRACTORS_MINE_INTERNAL_H_

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extractors/miner.h"

namespace planmine {

// A field label found in a sentence ("Entidad responsable:").
struct Label {
  int sentence = 0;
  size_t start = 0, end = 0;  // in the sentence
  std::string field;
};

// What the commitments and themes packs said about one sentence.
struct SentenceSignals {
  std::vector<Label> labels;
  std::vector<std::pair<std::string, std::string>> levels;  // (id, as written)
  std::set<std::string> ogp;                                // OGP values named
  bool ogp_context = false;  // "…son los principios de AGA relacionados"
  std::set<std::string> themes;
  bool template_anchor = false;  // the label opening a template page
  bool names_unit = false;       // a `unit.word` match ("compromisos")
};

// The scan's output besides the findings it fills directly (theme hits,
// entities, statements): per-sentence signals and the commitment candidates
// the patterns name.
struct Scan {
  std::vector<SentenceSignals> at;           // one per sentence
  std::vector<Commitment> keyword_headings;  // "Compromiso 4: …"
  std::vector<Commitment> statements;        // "se compromete a …"
  std::vector<int> template_anchors;         // sentence indexes
  int unit_words = 0;  // sentences naming the unit ("commitments")
};

// A label/value row paired by geometry (row_fields.h), placed at the first
// sentence of its label cell.
struct PlacedRow {
  int sentence = 0;
  std::string label, value, label_continued;
};

// What every segmentation strategy reads.
struct SegmentInput {
  const std::vector<Sentence>& sentences;
  const NormalizedDocument* doc;  // may be null (plain sentence lists)
  const std::vector<SentenceSignals>& at;
  // The document's label/value rows, in sentence order (PlaceRows); read
  // by FillFields.
  std::vector<PlacedRow> rows = {};
  // Run-in labels ("Plazo de ejecución:") the document repeats, known to
  // the packs or not (LearnRunInLabels); a value stops at one.
  std::vector<std::string> run_in_labels = {};
  // True when a heading that names the unit opens `text` (the `heading`
  // patterns of every commitments pack: "Compromiso 1. Título"). Empty in
  // tests that need none.
  std::function<bool(std::string_view)> opens_heading = {};
};

// The "Words:" phrases that open a line or follow a value three times or
// more in the document: its own field labels, learned from its repetition.
std::vector<std::string> LearnRunInLabels(
    const std::vector<Sentence>& sentences);

// A one-line answer (an agency's name) that the layout ran on into the
// sentence under it ("Instituto Nacional de Estadística La falta de datos
// comparables …."): the name, when a sentence of five words or more starts
// with a capital right after a capitalised word and runs to a full stop;
// otherwise `value` as it is.
std::string CutRunOnName(std::string_view value);

// Every page's rows (PairRows) whose label cell holds a sentence.
std::vector<PlacedRow> PlaceRows(const std::vector<Sentence>& sentences,
                                 const NormalizedDocument& doc);

// Table-of-contents lines: dotted leaders, or a title ending in a page
// number after a run of spaces or dots.
bool LooksLikeTocLine(std::string_view s);
// Trimmed, without trailing ". :", at most 300 bytes.
std::string CleanTitle(std::string t);
// Whitespace runs become one space; ends trimmed.
std::string Squeeze(std::string_view s);
// A field's value as written, without the punctuation that joined it to its
// label or to the next one.
std::string CleanValue(std::string_view v, size_t max_bytes);
// "1.10" > "1.2"; "3" < "3.1".
int CompareNumbers(const std::string& a, const std::string& b);
// True when the first letter is lower-case (ASCII or a Latin-1 letter).
bool StartsLower(std::string_view s);
// Content words (4 bytes or more), folded as FoldedWords does.
std::vector<std::string> ContentWords(std::string_view text);
// Every date written in a text, in order (Miner::DatesIn in a language).
using DateReader = std::function<std::vector<std::string>(std::string_view)>;
// Splits a milestones value into its items (see mine_text.cc), dated by
// `dates`.
std::vector<Milestone> SplitMilestones(std::string_view value,
                                       const DateReader& dates,
                                       bool* structured);
bool IsBulletOrContact(const std::string& s);
// The index of the first sentence of each block, by (page number, block).
std::map<std::pair<int, int>, int> FirstSentences(
    const std::vector<Sentence>& sentences);
// Closes each of `units` (in document order) at the next one's first
// sentence, the last at the end of the document.
void CloseUnits(std::vector<Commitment>* units,
                const std::vector<Sentence>& sentences);
// A unit runs to the sentence before `next_start`, at most 80 sentences or
// 8 pages past its first.
void CloseUnit(Commitment* c, int next_start,
               const std::vector<Sentence>& sentences);

}  // namespace planmine

#endif  // PLANMINE_EXTRACTORS_MINE_INTERNAL_H_
