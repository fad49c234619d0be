// The bilingual dictionaries search falls back on when a query word has no
// term-bridge entry: Debian's FreeDict dictd files (dict-freedict-spa-eng,
// -eng-spa, -por-eng, -eng-por) under /usr/share/dictd.
//
// A dictd dictionary is two files: NAME.index, lines "headword\tOFFSET\tLEN"
// (OFFSET and LEN in dictd's base 64), and NAME.dict.dz, the entries, a
// dictzip (a gzip file). Nothing is read until a lookup needs a dictionary:
// then its index is read whole into a sorted table of accent-folded
// headwords, and an entry is read by inflating only the dictzip chunk
// (about 58 KB) that holds it; a plain gzip .dict.dz is inflated whole.
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

class Dictionaries {
 public:
  // dir: the folder with freedict-*.index and freedict-*.dict.dz.
  explicit Dictionaries(std::string dir);
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

 private:
  struct Book;
  Book* Get(const std::string& pair);
  // The entry at `offset`, `length` bytes of the book's text; empty when
  // it cannot be read. Valid until the next call.
  std::string_view Read(Book* b, long long offset, long long length);
  std::vector<std::string> Find(const std::string& pair,
                                const std::string& folded);
  std::string dir_;
  std::map<std::string, std::unique_ptr<Book>> books_;
  double load_ms_ = 0;
};

}  // namespace planmine

#endif  // PLANMINE_PIPELINE_QUERY_DICTIONARY_H_
