// mine: sentences -> commitments, theme hits and entities, driven by pattern
// packs.
//
// Each pack compiles into one RE2::Set, so a sentence is scanned once per pack
// however many patterns it holds; only patterns the set reports are run again
// to locate the span and captures. Packs by name:
//   commitments  groups `heading` (named captures `number`, `title`; matched
//                at the start of a sentence) and `statement`
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
#include "pipeline/segment/sentence_splitter.h"

namespace planmine {

struct PatternMatch {
  size_t pack = 0, pattern = 0;  // indexes into Miner::packs()
  size_t start = 0, end = 0;     // byte range in the text that was matched
  std::map<std::string, std::string> captures;  // named groups that took part
};

struct Commitment {
  std::string kind;  // "heading" | "statement"
  std::string number;
  std::string title;
  int first_page = 0, last_page = 0;
  int first_sentence = 0, last_sentence = 0;  // indexes into the sentences
  std::string text;
  std::string pattern_id;
  std::vector<std::string> themes;  // theme ids found in its sentences
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
  std::string text;  // as written
  std::string pattern_id;
  int sentence = 0;
  int page = 0;
  size_t start = 0, end = 0;
};

struct Findings {
  std::vector<Commitment> commitments;
  std::vector<ThemeHit> theme_hits;
  std::vector<Entity> entities;
};

class Miner {
 public:
  static Result<Miner> Create(std::vector<PatternPack> packs);

  // All matches of all packs in `text`, in pack then pattern order.
  std::vector<PatternMatch> Match(std::string_view text) const;

  // Mines a document's sentences.
  Findings Mine(const std::vector<Sentence>& sentences) const;

  const std::vector<PatternPack>& packs() const { return *packs_; }
  // "commitments.es@1 entities.any@1 …": what produced a document's rows.
  std::string VersionString() const;

 private:
  struct Compiled;
  std::shared_ptr<const std::vector<PatternPack>> packs_;
  std::shared_ptr<const std::vector<Compiled>> compiled_;
};

// "15 de marzo de 2020" style parts -> "2020-03-15" / "2020-03" / "2020";
// empty when the month name is unknown. Month names in es, pt and en.
std::string IsoDate(const std::string& day, const std::string& month,
                    const std::string& year);

}  // namespace planmine

#endif  // PLANMINE_EXTRACTORS_MINER_H_
