// mine: sentences -> commitments, theme hits and entities, driven by pattern
// packs.
//
// Each pack compiles into one RE2::Set, so a sentence is scanned once per pack
// however many patterns it holds; only patterns the set reports are run again
// to locate the span and captures. Packs by name:
//   commitments  groups `heading` (named captures `number`, `title`; matched
//                at the start of a sentence), `statement`, `ficha` (the label
//                opening each template page), `field.<name>` (labels inside a
//                commitment), `column.<name>` (summary-table headers),
//                `level.<id>` (IRM completion levels), `ogp.<value>`
//   statements   groups `finding`, `recommendation` (workshop reports)
//   themes       group = theme id from themes.taxonomy.tsv
//   entities     group = entity type (country, cycle, date, email, url…);
//                for `country.xx` the key is the ISO code
// Every finding carries its page and byte offsets into the page text.
#ifndef PLANMINE_EXTRACTORS_MINER_H_
#define PLANMINE_EXTRACTORS_MINER_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/pattern_pack.h"
#include "pipeline/core/status.h"
#include "pipeline/normalize/normalizer.h"
#include "pipeline/segment/sentence_splitter.h"

namespace planmine {

struct PatternMatch {
  size_t pack = 0, pattern = 0;  // indexes into Miner::packs()
  size_t start = 0, end = 0;     // byte range in the text that was matched
  std::map<std::string, std::string> captures;  // named groups that took part
};

struct Milestone {
  std::string text;
  std::string due;  // ISO date ("2016-06"), empty when none is written
};

// Why a commitment carries a theme: the words that matched, where.
struct ThemeEvidence {
  std::string theme;
  std::string text;   // the matched words
  int sentence = -1;  // -1: found in the title
  int score = 0;      // 3 per title hit + 1 per sentence with a hit
};

// What a commitment record is: a section of the plan (a keyword, numbered
// or run-in heading, or a sheet of its repeated template); a template page
// whose title is a picture, titled from the plan's own list; a row of a
// summary table; a sentence that commits. Its name ("heading", "ficha",
// "table", "statement") is used only at the database and JSON boundary.
enum class CommitmentKind { kHeading, kFicha, kTable, kStatement };
const char* CommitmentKindName(CommitmentKind k);
// The kind of a name; false for an unknown one.
bool ParseCommitmentKind(std::string_view name, CommitmentKind* out);

struct Commitment {
  CommitmentKind kind = CommitmentKind::kHeading;
  std::string number;
  // The number is the unit's place in the document, not one the plan wrote
  // on it (run-in titles, template sheets): the plan's own list may give it.
  bool number_in_order = false;
  std::string title;
  int first_page = 0, last_page = 0;
  int first_sentence = 0, last_sentence = 0;  // indexes into the sentences
  std::string text;
  std::string pattern_id;
  std::vector<std::string> themes;  // theme ids, see theme_evidence
  std::vector<ThemeEvidence> theme_evidence;
  // Labelled fields, empty when the document does not state them.
  std::string lead_agency, other_actors;
  std::string lead_agency_source;    // "field" | "table"
  std::string start_date, end_date;  // ISO, as precise as written
  std::vector<Milestone> milestones;
  std::vector<std::string> ogp_values;          // access_to_information,
                                                // civic_participation,
                                                // public_accountability,
                                                // technology_innovation
  std::map<std::string, std::string> sections;  // description, objective,
                                                // problem, results, activities
  std::string completion;       // IRM: not_started|limited|substantial|complete
  std::string completion_text;  // as written
};

// A typed sentence of a workshop or meeting report.
struct Statement {
  std::string kind;  // finding | recommendation
  std::string pattern_id;
  int sentence = 0;
  int page = 0;
  std::string text;
};

struct ThemeHit {
  std::string theme;
  std::string pattern_id;
  int sentence = 0;
  int page = 0;
  size_t start = 0, end = 0;  // in the page text
  std::string text;           // the matched words
};

struct Entity {
  std::string type;  // country, cycle, date, email, url…
  std::string
      value;  // normalized: ISO code, ISO date, "2019-2022", lower-case address
  std::string text;    // as written
  std::string detail;  // organization: its acronym
  std::string pattern_id;
  int sentence = 0;
  int page = 0;
  size_t start = 0, end = 0;
};

// One pattern's first match in one sentence, as the index keeps it: a
// re-mine reuses the matches of every pattern whose key it already has and
// runs only the patterns that are new or edited.
struct SentenceMatch {
  int sentence = 0;           // index into the document's sentences
  size_t start = 0, end = 0;  // in the sentence text
  std::map<std::string, std::string> captures;
};

struct MatchCache {
  // Keys (Miner::PatternKey) of every pattern that was run, with a match or
  // not: a key missing here is a pattern the document was never mined with.
  std::vector<std::string> patterns;
  std::map<std::string, std::vector<SentenceMatch>> matches;  // by key
};

struct Scan;          // mine_internal.h
struct SegmentInput;  // mine_internal.h

// How the warning ends that a plan with fewer units than its own list of
// commitments names carries (Findings::warnings).
inline constexpr const char* kListCountWarningEnd =
    " commitments the plan's own list names";

struct Findings {
  std::vector<Commitment> commitments;
  // What the miner could not reconcile, said in words ("found 12 of the 15
  // commitments the plan's own list names": ends with kListCountWarningEnd).
  // The runner copies them into the document's warnings.
  std::vector<std::string> warnings;
  std::vector<ThemeHit> theme_hits;
  std::vector<Entity> entities;
  std::vector<Statement> statements;
};

class Miner {
 public:
  // Bump when Mine() changes what it finds for the same packs: stored
  // documents are then re-mined. Pack versions are in VersionString().
  static constexpr const char* kVersion = "mine-11";

  static Result<Miner> Create(std::vector<PatternPack> packs);

  // All matches of all packs in `text`, in pack then pattern order.
  // The packs of `language` (es, pt, en) and the "any" packs; every pack
  // when the language is none of those or not given. With `pack_name`,
  // only the packs of that name ("commitments"): each pack scanned is a
  // DFA built as it goes, so a caller that needs one kind of match asks
  // for that kind only.
  std::vector<PatternMatch> Match(std::string_view text,
                                  std::string_view language = {},
                                  std::string_view pack_name = {}) const;

  // Mines a document's sentences. With the pages (block boxes), summary
  // tables are read too. With `reuse`, the sentence matches of every
  // pattern whose key it holds are taken from it and only the other
  // patterns are run; the findings are the same as mining afresh. `out`,
  // when given, receives every pattern's sentence matches for the next
  // re-mine.
  Findings Mine(const std::vector<Sentence>& sentences,
                const NormalizedDocument* pages = nullptr,
                const MatchCache* reuse = nullptr,
                MatchCache* out = nullptr) const;

  // What a pattern's sentence matches depend on: its regex, the language
  // of its pack (which sentences it is run on) and how a match is located
  // (kMatchVersion). Equal keys, equal matches.
  const std::string& PatternKey(size_t pack, size_t pattern) const;
  static constexpr const char* kMatchVersion = "match-1";

  // Every date in `text` (a field's value), read with the month words of
  // the `dates` pack of `language` (of every language when that pack names
  // none of them); see ReadDates.
  // Only the first `max_bytes` of `text` are read.
  std::vector<std::string> DatesIn(std::string_view text,
                                   std::string_view language,
                                   size_t max_bytes = 300) const;

  const std::vector<PatternPack>& packs() const { return *packs_; }
  // "commitments.es@1 entities.any@1 …": what produced a document's rows.
  std::string VersionString() const;
  // What VersionString() would say for a miner of `packs`.
  static std::string VersionStringOf(const std::vector<PatternPack>& packs);

  // The packs Mine runs on every sentence. Other packs (genres, titles)
  // are read by other stages on the texts they choose, through Match.
  static constexpr const char* kSentencePacks[] = {"commitments", "themes",
                                                   "entities", "statements"};

 private:
  bool PerSentence(size_t pack) const;
  // The stages of Mine (see miner.cc), each in its own file.
  std::vector<std::vector<PatternMatch>> MatchSentences(
      const std::vector<Sentence>& sentences, const MatchCache* reuse,
      MatchCache* out) const;
  Scan ScanMatches(const std::vector<Sentence>& sentences,
                   const std::vector<std::vector<PatternMatch>>& found,
                   Findings* f) const;
  void FillFields(const SegmentInput& in, Commitment* c) const;
  void ApplySummaryTables(const SegmentInput& in,
                          std::vector<Commitment>* units) const;
  // Units from a summary table whose header names the unit (see
  // segment/summary_table.cc).
  std::vector<Commitment> TableRowUnits(const SegmentInput& in) const;
  void AssignThemes(const SegmentInput& in,
                    const std::vector<ThemeHit>& theme_hits,
                    std::vector<Commitment>* units) const;

  // A row of a summary table ("No. | Commitment | Lead department(s) | …").
  struct TableRow {
    std::string lead_agency;
    std::string commitment;  // the commitment cell's text, when found
    int page = 0;
  };
  // Row number -> row, from summary tables whose header has a
  // `column.lead_agency` label, read from block positions.
  std::map<int, TableRow> ReadSummaryTables(
      const NormalizedDocument& doc) const;

  struct Compiled;
  static Status CompilePack(const PatternPack& pack, Compiled* c);
  // Locates pattern `pattern` of pack `pack` in `text`; false if absent.
  bool Locate(size_t pack, size_t pattern, std::string_view text,
              PatternMatch* m) const;
  bool Applies(size_t pack, std::string_view language) const;
  // What Match(text, language, pack_name) finds (only the patterns of
  // `group` when given), pattern by pattern rather
  // than through the pack's set: for the few short texts the miner reads
  // besides sentences (titles, labels, table cells), where building the
  // set's DFA costs more than running each pattern's small one.
  std::vector<PatternMatch> MatchEach(std::string_view text,
                                      std::string_view language,
                                      std::string_view pack_name,
                                      std::string_view group = {}) const;
  std::shared_ptr<const std::vector<PatternPack>> packs_;
  std::shared_ptr<const std::vector<Compiled>> compiled_;
};

// Every date written in `marked`, in order, ISO and as precise as written
// ("2025", "2025-03", "2025-03-01"): 2025-03-01, 01/03/2025 (day first
// unless the second number cannot be a month), 03/2025, 03/25, a year, and
// with month words "1 de M de 2025", "M 1, 2025", "M 2025", "M/2025", where
// each month word has been replaced by kMonthMark and the month's two
// digits (Miner::DatesIn does that with the `dates` packs). A joining word
// of one to three letters may stand between the parts ("de", "of").
inline constexpr char kMonthMark = '\x01';
std::vector<std::string> ReadDates(std::string_view marked);

// Organizations named with their acronym: "Instituto Federal de Acceso a la
// Información (IFAI)" or "Colombia Compra Eficiente - CCE". Returns (name,
// acronym, byte offset of the name) triples; the acronym's letters must be
// the initials of the name's words, in order (Schwartz & Hearst 2003).
struct AcronymPair {
  std::string name, acronym;
  size_t start = 0, end = 0;
};
std::vector<AcronymPair> FindAcronymPairs(std::string_view text);

}  // namespace planmine

#endif  // PLANMINE_EXTRACTORS_MINER_H_
