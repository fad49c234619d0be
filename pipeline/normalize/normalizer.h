// normalize: extracted blocks -> clean page text with traceable offsets (ICU).
//
// Per line: NFC; compatibility ligatures (ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ) expanded; private-use
// glyphs (U+F0B7 Symbol-font bullets and kin) become "•" at the start of a
// line and vanish elsewhere; control and format characters (soft hyphen,
// zero-width space) removed; every kind of space collapsed to one ASCII space.
// Per block: lines joined with a space, or, when a line ends in a hyphen and
// the next starts in lower case, joined without the hyphen if the joined
// word is attested in the document itself or in a system word list, or if
// one of the halves is not a word (a syllable break of an inflected form
// the lists lack: "tiem-/pos") — so "transpa-/rencia" becomes
// "transparencia" but "público-/privado" keeps its hyphen. Without word
// lists an unattested join keeps its hyphen. The same holds for a word split
// across two blocks of prose (a column ending mid-word). Per page: blocks
// joined by a blank line; each block records its byte range in the page
// text, which later stages cite.
#ifndef PLANMINE_NORMALIZE_NORMALIZER_H_
#define PLANMINE_NORMALIZE_NORMALIZER_H_

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/extract/extracted.h"
#include "pipeline/normalize/word_set.h"

namespace planmine {

struct NormalizedBlock {
  size_t start = 0, end = 0;  // byte range in NormalizedPage::text
  Box box;
  bool heading = false;
  // What the layout stage decided (RegionKindName): text, column, band,
  // table (row and col set), inset or footnote; and the block's typography.
  std::string region = "text";
  int row = -1, col = -1;
  bool bold = false, italic = false, underline = false;
  double font_size = 0;         // the block's type size, points
  int lead_emphasis_words = 0;  // bold/underlined words it opens with
  std::string language;         // filled by the language stage
  double language_confidence = 0;

  // The bytes [start, end) of the page text as a block (tests build pages
  // so).
  static NormalizedBlock Span(size_t start, size_t end, bool heading,
                              const std::string& language) {
    NormalizedBlock b;
    b.start = start;
    b.end = end;
    b.heading = heading;
    b.language = language;
    b.language_confidence = language.empty() ? 0 : 1;
    return b;
  }
};

struct NormalizedPage {
  int number = 0;
  double width = 0, height = 0;
  std::string text;  // blocks separated by "\n\n"
  std::vector<NormalizedBlock> blocks;
  std::vector<std::string> furniture;  // normalized too
  std::vector<Field> fields;           // key-value rows, normalized
  TextSource source = TextSource::kNone;
  int word_count = 0;
  std::string quality = "ok";  // text-layer quality, see extracted.h
  double ocr_confidence = -1;
};

struct NormalizedDocument {
  std::vector<NormalizedPage> pages;
  int hyphens_joined = 0;  // line-end hyphens removed (word attested)
  int hyphens_kept = 0;    // line-end hyphens kept (compound or unattested)
};

struct NormalizeOptions {
  // Word lists (one word per line) that attest joined words, e.g.
  // /usr/share/dict/spanish. Missing files are skipped silently.
  std::vector<std::string> word_lists;
  // Start reading the word lists at Create, on a thread of their own, so
  // that the half a million words load while the caller does other start-up
  // work (compiling the pattern packs); the first use waits for the thread.
  // A Normalizer destroyed before any use stops the reading early. Whoever
  // forks must use the dictionary first (dictionary_size()), so that no
  // thread is running at the fork.
  bool prefetch_word_lists = false;
  // A folder where the lists, once read, are kept as one file
  // (WordSet::Serialize) named after their paths, sizes and modification
  // times; the next run reads that file instead (one read, not half a
  // million inserts: 0.12 s less at every start). Empty: no cache. A file
  // that does not hold together is read past and written again; failing to
  // write one is not an error.
  std::string word_list_cache = {};
};

// The folder for NormalizeOptions::word_list_cache: $PLANMINE_CACHE_DIR if
// set (empty turns the cache off), else $XDG_CACHE_HOME/planmine, else
// $HOME/.cache/planmine, else none.
std::string DefaultCacheDir();

class Normalizer {
 public:
  // 2: the stored text keeps each block's region and typography (schema
  // 9); a document stored before is read again rather than re-mined from
  // a text that lacks them.
  static constexpr const char* kVersion = "normalize-4";

  static Result<Normalizer> Create(const NormalizeOptions& options);

  NormalizedDocument Normalize(const ExtractedDocument& doc) const;

  // One line, without dehyphenation. Exposed for tests.
  static std::string NormalizeLine(std::string_view line);

  // Reads the word lists if not read yet.
  size_t dictionary_size() const { return lexicon_->Words().size(); }

 private:
  // The word lists that attest joined words, read once, on first use.
  struct Lexicon {
    std::vector<std::string> paths;
    std::string cache_dir;
    std::once_flag once;
    WordSet words;
    std::mutex loader_mu;
    std::thread loader;  // the prefetch, until the first use joins it
    std::atomic<bool> cancel{false};
    const WordSet& Words();
    void Load();  // once
    void Prefetch();
    ~Lexicon();
  };
  std::shared_ptr<Lexicon> lexicon_;
};

// The word lists planmine uses by default (Debian's wspanish, wbrazilian,
// wportuguese, wamerican, wbritish), whichever are installed.
std::vector<std::string> DefaultWordLists();

// Lower-cases with ICU (full Unicode case mapping).
std::string LowerUtf8(std::string_view s);
// Lower-cased with the diacritics taken off ("Participación" ->
// "participacion"), for comparing text as a reader would.
std::string FoldUtf8(std::string_view s);
// The words of `s` (runs of letters and digits), folded as FoldUtf8 does.
std::vector<std::string> FoldedWords(std::string_view s);
// FoldedWords of each of `texts`, in order, with one pass of ICU over all of
// them (a text of ASCII only needs none): for word lists read at start-up.
std::vector<std::vector<std::string>> FoldedWordsOfEach(
    const std::vector<std::string>& texts);
// The ASCII words of `s` after compatibility decomposition (NFKD): accents
// off, "º" -> "o", "ﬁ" -> "fi", anything else outside ASCII dropped, lower
// case, split at whatever is not a letter or a digit. "Nº 4194 — Año" ->
// {"no", "4194", "ano"}. The same words as Python's
// unicodedata.normalize('NFKD', s).encode('ascii', 'ignore') would give, so
// that scores computed both ways agree.
std::vector<std::string> AsciiFoldedWords(std::string_view s);

}  // namespace planmine

#endif  // PLANMINE_NORMALIZE_NORMALIZER_H_
