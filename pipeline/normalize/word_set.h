// WordSet: a read-mostly set of words kept in one buffer, for the half a
// million words of the system word lists that attest hyphen joins.
//
// The words are appended to one string and found through an open-addressing
// table of (offset, length) slots: loading the lists costs one hash and no
// allocation per word, where a std::unordered_set<std::string> made one node
// per word (10% of an ingest's CPU, paid before the workers start).
//
//   WordSet s;
//   s.Insert("transparencia");
//   s.Contains("transparencia");  // true
#ifndef PLANMINE_NORMALIZE_WORD_SET_H_
#define PLANMINE_NORMALIZE_WORD_SET_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace planmine {

class WordSet {
 public:
  // Adds `word` unless it is there already. Words longer than 65535 bytes
  // are not kept (no word list has one).
  void Insert(std::string_view word);
  bool Contains(std::string_view word) const;
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // The set as bytes, and back, for a cache of the word lists: reading
  // the bytes back is one copy instead of half a million inserts. Parse
  // returns false, and leaves the set empty, for bytes that are not what
  // Serialize wrote with this build's hash (a different standard library
  // would place the words elsewhere) or that do not hold together.
  std::string Serialize() const;
  bool Parse(std::string_view bytes);

  // Parse, reading the bytes of the file at `path` (at most `max_bytes`) in
  // place, mapped, instead of copying them: the words stay in the page
  // cache, shared by every process that maps the file, and no fresh pages
  // are filled (copying the twelve megabytes of the word lists' cache
  // faulted in three times as many, before the workers could start). The
  // layout is checked as Parse checks it, which reads every slot once. The
  // set keeps the mapping; the cache is replaced by rename (ReplaceFile),
  // never written in place, so it does not change under it. Where the file
  // system cannot map the file, its bytes are read and parsed. False, and
  // the set empty, as Parse.
  bool Map(const std::string& path, uint64_t max_bytes);

 private:
  struct Mapping;
  // The table read: the set's own, or a mapped file's. A slot is 0 when
  // empty, else (offset + 1) << 16 | length of a word in `chars`.
  struct Table {
    std::string_view chars;
    const char* slots = nullptr;  // `count` slots of 8 bytes, unaligned
    size_t count = 0;
    uint64_t Slot(size_t i) const;
    std::string_view At(uint64_t slot) const {
      return chars.substr((slot >> 16) - 1, slot & 0xFFFF);
    }
  };
  Table table() const;
  // Bytes of Serialize's layout checked; the table they hold in *t.
  static bool Check(std::string_view in, uint64_t* size, Table* t);
  void Adopt(const Table& t);  // `t` copied into the set's own table
  void Own();  // a mapped set copied into its own table, to add to it
  void Grow();

  std::string chars_;
  std::vector<uint64_t> slots_;  // size a power of two, at most half full
  size_t size_ = 0;
  std::shared_ptr<const Mapping> mapped_;  // when read by Map
  Table mapped_table_;
};

}  // namespace planmine

#endif  // PLANMINE_NORMALIZE_WORD_SET_H_
