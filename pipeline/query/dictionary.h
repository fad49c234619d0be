// The bilingual dictionaries search falls back on when a query word has no
// term-bridge entry: Debian's FreeDict dictd files (dict-freedict-spa-eng,
// -eng-spa, -por-eng, -eng-por) under /usr/share/dictd.
//
// A dictd dictionary is two files: NAME.index, lines "headword\tOFFSET\tLEN"
// (OFFSET and LEN in dictd's base 64) sorted by headword, and NAME.dict.dz,
// the entries, a dictzip (a gzip file with a table of independently
// inflatable chunks). Nothing is read until a lookup needs a dictionary, and
// then only what the lookup needs: the index is binary-searched by reading
// 1 KB blocks with pread, and an entry is read by inflating only the dictzip
// chunk (about 58 KB of text) that holds it.
//
// Matching is on folded headwords (case and accents ignored), so a lookup
// searches the byte-sorted index for every spelling that folds to the word
// ("eleccion": "eleccion", "elección", "eleccíon"...), pruned as soon as a
// prefix has no headword. That is exact only when the dictionary's own
// alphabet (its "00databasealphabet" entry) holds nothing but lower-case
// letters and digits (ASCII, or U+00DF-U+00FF) and the space, and the index
// is in byte order; every block read is checked for that order. Otherwise
// (or for a plain gzip .dict.dz) the dictionary is read whole, as
// DictionaryRead::kWhole always does, with every read capped (see
// dictionary.cc).
#ifndef PLANMINE_PIPELINE_QUERY_DICTIONARY_H_
#define PLANMINE_PIPELINE_QUERY_DICTIONARY_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/core/status.h"

namespace planmine {

// Where the dictd files are looked for unless PLANMINE_DICTD_DIR says
// otherwise.
inline constexpr const char* kDictdDir = "/usr/share/dictd";

// One translation: its language ("es", "pt", "en") and its text.
struct Translation {
  std::string language;
  std::string text;
  bool operator==(const Translation& o) const {
    return language == o.language && text == o.text;
  }
};

// The short translations of one dictionary entry: the senses' items of one
// to three words, in order, without grammar notes ("<s>", "(informal)") or
// sense numbers. "free /friː/ <adj>\n1. livre\n2. grátis\n3. libertar,
// livrar, tornar livre\n" -> livre, grátis, libertar, livrar, tornar livre.
std::vector<std::string> EntryTranslations(const std::string& entry);

// dictd's base 64 number ("BWGY"), or -1 when not one.
long long DictdNumber(const std::string& s);

// How a dictionary's files are read.
enum class DictionaryRead {
  kSearch,  // binary search of the index, one chunk per entry (the default)
  kWhole,   // the index read whole into a table of folded headwords (the
            // reference kSearch is tested against)
};

class Dictionaries {
 public:
  // dir: the folder with freedict-*.index and freedict-*.dict.dz.
  explicit Dictionaries(std::string dir,
                        DictionaryRead read = DictionaryRead::kSearch);
  ~Dictionaries();
  Dictionaries(const Dictionaries&) = delete;
  Dictionaries& operator=(const Dictionaries&) = delete;

  // PLANMINE_DICTD_DIR, else kDictdDir.
  static std::string DefaultDir();

  // Whether any of the four dictionaries is there (a stat, no read).
  bool Available() const;

  // The other languages' words for a word or a phrase of two or three words
  // (any case and accents), at most `per_language` per language: es -> en
  // (spa-eng), pt -> en (por-eng), en -> es and en -> pt, and es <-> pt
  // through en. A plural without its own entry is looked up as its singular.
  // Empty when nothing is found or no dictionary is installed.
  std::vector<Translation> Translate(const std::string& phrase,
                                     size_t per_language = 3);

  // The entries' translations of one dictionary ("spa-eng"), for an exact
  // folded headword; for tests.
  Result<std::vector<std::string>> Lookup(const std::string& pair,
                                          const std::string& headword);

  // Milliseconds spent reading and inflating files so far.
  double load_ms() const { return load_ms_; }
  // Bytes read from the files so far (index and .dict.dz, before inflating).
  long long bytes_read() const;
  // How the dictionary `pair` is read once it has been opened: kSearch, or
  // kWhole when its alphabet or its order does not allow searching; for
  // tests. kWhole too when it was never opened.
  DictionaryRead read_of(const std::string& pair) const;

 private:
  struct Book;
  Book* Get(const std::string& pair);
  // The entry at `offset`, `length` bytes of the book's text; empty when
  // it cannot be read. Valid until the next call.
  std::string_view Read(Book* b, long long offset, long long length);
  std::vector<std::string> Find(const std::string& pair,
                                const std::string& folded);
  // Where the index lines whose headword folds to `folded` start, in file
  // order.
  std::vector<size_t> FindLines(Book* b, const std::string& folded);
  // kSearch's half of FindLines; false when the book turned out not to be
  // searchable (then it has been read whole).
  bool SearchLines(Book* b, const std::string& folded,
                   std::vector<size_t>* lines);
  bool LoadWhole(Book* b);
  std::string dir_;
  DictionaryRead read_;
  std::map<std::string, std::unique_ptr<Book>> books_;
  double load_ms_ = 0;
  long long bytes_read_ = 0;
};

}  // namespace planmine

#endif  // PLANMINE_PIPELINE_QUERY_DICTIONARY_H_
