// Signals: the language knowledge the classifier reads, as pattern packs.
//
// Genre words, legal formulas, time ranges (the `genres` packs) and what a
// title is not (the `titles` packs) live in extractors/packs/ like every
// other pattern, one file per language, with examples files the pack test
// checks. Signals runs them through the miner's matcher on the few short
// texts the classifier reads (a title, the blocks of the first pages, a
// metadata title), never on every sentence:
//
//   auto s = Signals::Create(std::move(signal_packs));
//   s->First("Informe de avance 2019", "es", "genres", "report")
//       // -> {group "report", id "report.informe", start 0, end 7}
//   s->Count(page_text, "en", "genres", "time_range")   // -> 12
#ifndef PLANMINE_CLASSIFY_SIGNALS_H_
#define PLANMINE_CLASSIFY_SIGNALS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/miner.h"
#include "extractors/pattern_pack.h"
#include "pipeline/core/status.h"

namespace planmine {

// One pattern of a signal pack found in a text.
struct Signal {
  std::string group;          // "report", "time_range", "skip"…
  std::string id;             // "report.informe"
  size_t start = 0, end = 0;  // byte range in the text
  std::string subject;        // the named group `subject`, when it took part
};

class Signals {
 public:
  // Whether `pack` is read by the classifier rather than mined from
  // sentences: the packs named "genres" and "titles".
  static bool IsSignalPack(const PatternPack& pack);

  // Whether a group of the genres packs names a document type (a genre
  // word: "report", "workshop"…) rather than another signal ("time_range",
  // "legal_formula", "letter").
  static bool IsGenre(std::string_view group);

  // REQUIRES: every pack is a signal pack (IsSignalPack). No packs at all
  // is allowed: nothing is then ever found.
  static Result<Signals> Create(std::vector<PatternPack> packs);

  // Every pattern of the packs named `pack` (of `language` and "any"; of
  // every language when `language` is not es, pt or en) with its first
  // match in `text`, in pack then pattern order.
  std::vector<Signal> Find(std::string_view text, std::string_view language,
                           std::string_view pack) const;
  // The earliest match of a pattern of `group`, if any.
  std::optional<Signal> First(std::string_view text, std::string_view language,
                              std::string_view pack,
                              std::string_view group) const;
  bool Has(std::string_view text, std::string_view language,
           std::string_view pack, std::string_view group) const {
    return First(text, language, pack, group).has_value();
  }
  // How many non-overlapping matches of `group` the text holds.
  int Count(std::string_view text, std::string_view language,
            std::string_view pack, std::string_view group) const;

  const std::vector<PatternPack>& packs() const { return miner_.packs(); }
  // "genres.es@1#0123abcd titles.any@1#…": what decided a document's type
  // and title.
  std::string VersionString() const;
  static std::string VersionStringOf(const std::vector<PatternPack>& packs);

 private:
  explicit Signals(Miner m) : miner_(std::move(m)) {}
  Miner miner_;
};

}  // namespace planmine

#endif  // PLANMINE_CLASSIFY_SIGNALS_H_
