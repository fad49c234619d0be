// Pattern packs: the researcher-editable regular expressions planmine mines
// with.
//
// A pack is a UTF-8 text file `<pack>.<lang>.pat` under extractors/packs/.
// The format (full spec in extractors/README.md):
//
//   # a comment; blank lines are ignored
//   @pack themes            required: commitments | themes | entities | …
//   @version 3              required: bump it when the patterns change
//   @lang es                required: es | pt | en | any
//   open_data.datos_abiertos   \bdatos\s+abiertos\b
//
// A pattern line is an id, white space, and an RE2 expression running to the
// end of the line. Ids are lower-case `group.key` (letters, digits, `_`, `-`),
// unique within the pack; the group is what the pattern finds (a theme id, a
// commitment part, an entity type) and the key names the variant (for
// entities such as `country.co`, the value). Patterns match case-insensitively
// unless they say `(?-i)`. `\b` is a Unicode word boundary: RE2's own is
// ASCII-only and would fail next to "á" in "implementará" or "áreas", so the
// parser rewrites it (see ExpandWordBoundaries). Errors name the file and line:
//   "themes.es.pat:12: pattern 'open_data.x': missing ): \bdatos(".
#ifndef PLANMINE_EXTRACTORS_PATTERN_PACK_H_
#define PLANMINE_EXTRACTORS_PATTERN_PACK_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/core/status.h"

namespace re2 {
class RE2;
}

namespace planmine {

struct Pattern {
  std::string id;      // "open_data.datos_abiertos"
  std::string group;   // "open_data"
  std::string key;     // "datos_abiertos"
  std::string source;  // as written in the file
  std::string regex;   // as compiled (word boundaries expanded)
  // What the pack's RE2::Set runs: matches wherever `regex` does, faster
  // to build (see SetRegex). Empty in a Pattern built by hand: `regex`.
  std::string set_regex;
  int line = 0;
  // `regex` compiled when the pack was read (case-insensitive, 64 MB for its
  // automata: the miner's options), shared by copies of the pack so that the
  // miner does not compile it a second time. Null in a Pattern built by hand.
  std::shared_ptr<const re2::RE2> compiled;
};

struct PatternPack {
  std::string name;      // @pack
  std::string language;  // @lang
  int version = 0;       // @version
  std::string path;
  std::string sha256;  // of the file's bytes: what produced the rows
  std::vector<Pattern> patterns;
};

// Rewrites each `\b` outside a character class as
// `(?:\b|^|$|[\s.,;:!?¡¿()…])`: RE2's ASCII boundary where it holds, else a
// space or punctuation neighbour (a short class: Unicode letter classes
// would make every pack compile slowly), so that "implementará " and " áreas"
// have their boundaries. The second form consumes the neighbouring space or
// punctuation; the miner trims match spans.
std::string ExpandWordBoundaries(const std::string& regex);

// The alternation a `{{pack.group}}` reference puts in a pattern: the
// group's sources joined by `|`, with a leading `\b` and a trailing group
// that all of them share written once around the rest (the same language;
// one copy of an expensive class instead of one per source). Exposed for
// tests.
std::string FactoredAlternation(std::vector<std::string> sources);

// With `compile` false, the patterns are read and checked but not compiled
// (Pattern::compiled stays null, and a pattern RE2 refuses is not found
// out): CompilePatterns does that later, with the same errors.
Result<PatternPack> ParsePatternPack(const std::string& text,
                                     const std::string& path,
                                     bool compile = true);
Result<PatternPack> LoadPatternPack(const std::string& path);

// Compiles the patterns not compiled yet (ParsePatternPack with `compile`
// false): the first error is ParsePatternPack's for that pattern. The
// second form compiles several packs at once; the first pack's error in
// their order is the one returned.
Status CompilePatterns(PatternPack* pack);
Status CompilePatterns(std::vector<PatternPack>* packs);

// Every *.pat file in `dir`, sorted by file name. Fails on the first bad file:
// nothing is mined with half a pack.
Result<std::vector<PatternPack>> LoadPackDir(const std::string& dir,
                                             bool compile = true);

// The examples file beside a pack (`themes.es.examples`):
//   + open_data   El gobierno publicará datos abiertos.     must match
//   - open_data   Los datos del censo están cerrados.       must not match
// The target is a group or a full pattern id; fields are separated by a tab
// or by two or more spaces.
struct Example {
  bool must_match = true;
  std::string target;
  std::string sentence;
  int line = 0;
};
Result<std::vector<Example>> LoadExamples(const std::string& path);

// The theme taxonomy (themes.taxonomy.tsv): id, label_en, label_es, label_pt.
struct Theme {
  std::string id, label_en, label_es, label_pt;
};
Result<std::vector<Theme>> LoadTaxonomy(const std::string& path);

}  // namespace planmine

#endif  // PLANMINE_EXTRACTORS_PATTERN_PACK_H_
