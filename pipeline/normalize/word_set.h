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

 private:
  // A slot: 0 when empty, else (offset + 1) << 16 | length.
  std::string_view At(uint64_t slot) const {
    return std::string_view(chars_).substr((slot >> 16) - 1, slot & 0xFFFF);
  }
  void Grow();

  std::string chars_;
  std::vector<uint64_t> slots_;  // size a power of two, at most half full
  size_t size_ = 0;
};

}  // namespace planmine

#endif  // PLANMINE_NORMALIZE_WORD_SET_H_
