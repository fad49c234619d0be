// The FreeDict dictd dictionaries, read lazily (dictionary.h).
//
// Every read of the files is bounded: the index is read in kIndexBlock
// blocks (a lookup reads at most kMaxLookupBytes of it), a line is at most
// kMaxLine bytes, a dictzip header at most kMaxHeader, a chunk at most
// 64 KB (its size is 16 bits); a file read whole (DictionaryRead::kWhole,
// a dictionary that cannot be searched, a plain gzip .dict.dz) at most
// kMaxWholeBytes, inflated to at most kMaxInflated.
#include "pipeline/query/dictionary.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include "pipeline/core/fnv.h"
#include "pipeline/normalize/normalizer.h"

namespace planmine {
namespace {

constexpr size_t kIndexBlock = 1024;
constexpr size_t kMaxLine = 4096;
constexpr size_t kMaxCachedBlocks = 512;  // 512 KB of index per dictionary
constexpr size_t kMaxCachedChunks = 8;    // inflated chunks per dictionary
constexpr long long kMaxLookupBytes = 1 << 20;
constexpr size_t kMaxHeader = 12 + 65535 + 4096;
constexpr long long kMaxWholeBytes = 64ll << 20;
constexpr size_t kMaxInflated = 256u << 20;

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// `n` bytes of `fd` from `at` into `out` (fewer at the end of the file);
// false on a read error.
bool PreadAt(int fd, uint64_t at, size_t n, std::string* out,
             long long* bytes_read) {
  out->resize(n);
  size_t got = 0;
  while (got < n) {
    const ssize_t r =
        ::pread(fd, out->data() + got, n - got, static_cast<off_t>(at + got));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return false;
    if (r == 0) break;
    got += static_cast<size_t>(r);
  }
  out->resize(got);
  *bytes_read += static_cast<long long>(got);
  return true;
}

// The whole file `path`, at most kMaxWholeBytes; false when it cannot be
// read or is larger.
bool ReadWhole(const std::string& path, std::string* out,
               long long* bytes_read) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  const bool ok =
      ::fstat(fd, &st) == 0 && st.st_size <= kMaxWholeBytes &&
      PreadAt(fd, 0, static_cast<size_t>(st.st_size), out, bytes_read) &&
      out->size() == static_cast<size_t>(st.st_size);
  ::close(fd);
  return ok;
}

// Inflates `in` (gzip when window_bits > 15, else a raw deflate chunk ended
// by a flush), at most kMaxInflated bytes; empty on any error.
std::string Inflate(std::string_view in, int window_bits) {
  z_stream z;
  std::memset(&z, 0, sizeof z);
  if (inflateInit2(&z, window_bits) != Z_OK) return "";
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  std::string out;
  char buf[1 << 16];
  int rc;
  for (;;) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_SYNC_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
    if (out.size() > kMaxInflated) {
      rc = Z_MEM_ERROR;
      break;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) break;
    if (z.avail_out != 0 && z.avail_in == 0) {  // all input, all output
      if (window_bits < 0) rc = Z_STREAM_END;   // a chunk ends unended
      break;
    }
  }
  inflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string();
}

uint16_t Le16(const std::string& s, size_t at) {
  return static_cast<uint16_t>(static_cast<unsigned char>(s[at]) |
                               static_cast<unsigned char>(s[at + 1]) << 8);
}

// Reads the chunk table of a dictzip file from the first bytes of it,
// `head` (the gzip header's "RA" extra field: version, chunk length, chunk
// count, the compressed size of each chunk); false when the file is not
// one, or the table does not add up to at most `file_size`.
bool ReadChunkTable(const std::string& head, uint64_t file_size,
                    long long* chunk_length, std::vector<uint64_t>* starts) {
  if (head.size() < 12 || static_cast<unsigned char>(head[0]) != 0x1f ||
      static_cast<unsigned char>(head[1]) != 0x8b || head[2] != 8)
    return false;
  const unsigned flags = static_cast<unsigned char>(head[3]);
  if ((flags & 4) == 0) return false;  // no extra field
  const size_t xlen = Le16(head, 10);
  size_t at = 12, end = 12 + xlen;
  if (end > head.size()) return false;
  bool found = false;
  std::vector<size_t> sizes;
  while (at + 4 <= end) {
    const size_t len = Le16(head, at + 2);
    if (at + 4 + len > end) return false;
    if (head[at] == 'R' && head[at + 1] == 'A' && len >= 6) {
      *chunk_length = Le16(head, at + 6);
      const size_t count = Le16(head, at + 8);
      if (len < 6 + 2 * count || *chunk_length == 0) return false;
      for (size_t i = 0; i < count; ++i)
        sizes.push_back(Le16(head, at + 10 + 2 * i));
      found = true;
    }
    at += 4 + len;
  }
  if (!found) return false;
  at = end;
  auto skip_string = [&] {
    size_t z = head.find('\0', at);
    if (z == std::string::npos) return false;
    at = z + 1;
    return true;
  };
  if ((flags & 8) != 0 && !skip_string()) return false;   // file name
  if ((flags & 16) != 0 && !skip_string()) return false;  // comment
  if ((flags & 2) != 0) at += 2;                          // header CRC
  starts->assign(1, at);
  for (size_t size : sizes) starts->push_back(starts->back() + size);
  return starts->back() <= file_size;
}

// Singular forms of the last word ("elecciones" -> "eleccion", "eleccione").
std::vector<std::string> SingularForms(const std::string& folded) {
  std::vector<std::string> out;
  size_t sp = folded.rfind(' ');
  std::string head = sp == std::string::npos ? "" : folded.substr(0, sp + 1);
  std::string last = sp == std::string::npos ? folded : folded.substr(sp + 1);
  if (last.size() < 4) return out;
  auto ends = [&](const char* e) {
    size_t n = std::strlen(e);
    return last.size() > n + 2 && last.compare(last.size() - n, n, e) == 0;
  };
  if (ends("oes")) out.push_back(head + last.substr(0, last.size() - 3) + "ao");
  if (ends("ies")) out.push_back(head + last.substr(0, last.size() - 3) + "y");
  if (ends("es")) out.push_back(head + last.substr(0, last.size() - 2));
  if (ends("s")) out.push_back(head + last.substr(0, last.size() - 1));
  return out;
}

// What FoldUtf8 makes of a character from U+00C0 to U+017F (the accented
// Latin letters of Spanish, Portuguese, French...), computed once each, on
// first use (a lookup meets a handful of them), by each thread (serve's
// threads each have their Dictionaries).
const std::string& LatinFold(unsigned cp) {
  thread_local std::array<std::string, 0x180 - 0xC0> folds;
  thread_local std::array<bool, 0x180 - 0xC0> known{};
  if (!known[cp - 0xC0]) {
    const char utf8[3] = {static_cast<char>(0xC0 | (cp >> 6)),
                          static_cast<char>(0x80 | (cp & 0x3F)), 0};
    folds[cp - 0xC0] = FoldUtf8(utf8);
    known[cp - 0xC0] = true;
  }
  return folds[cp - 0xC0];
}

// Joined(FoldedWords(s)) into `out`: the words of `s`, lower case and
// without accents, one space between. Without ICU when `s` has only ASCII
// and the accented letters of LatinFold (nearly every headword).
void FoldInto(std::string_view s, std::string* out) {
  out->clear();
  bool space = false;
  auto add = [&](std::string_view piece) {
    if (space && !out->empty()) *out += ' ';
    space = false;
    *out += piece;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char u = static_cast<unsigned char>(s[i]);
    if (u < 0x80) {
      if (std::isalnum(u)) {
        if (space && !out->empty()) *out += ' ';
        space = false;
        *out += static_cast<char>(u | (u >= 'A' && u <= 'Z' ? 0x20 : 0));
      } else {
        space = true;
      }
      continue;
    }
    const unsigned cp =
        i + 1 < s.size() && (u & 0xE0) == 0xC0 &&
                (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80
            ? ((u & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F)
            : 0;
    // A combining mark after the letter would fold with it: ICU decides.
    const bool mark_next =
        i + 2 < s.size() && (static_cast<unsigned char>(s[i + 2]) == 0xCC ||
                             static_cast<unsigned char>(s[i + 2]) == 0xCD);
    if (cp < 0xC0 || cp >= 0x180 || mark_next) {
      out->clear();
      for (const std::string& w : FoldedWords(s))
        *out += (out->empty() ? "" : " ") + w;
      return;
    }
    add(LatinFold(cp));
    ++i;
  }
}

std::string FoldKey(std::string_view s) {
  std::string out;
  FoldInto(s, &out);
  return out;
}

// The fields of one index line: headword, offset, length; false when the
// line is not an entry.
bool ParseIndexLine(std::string_view line, std::string_view* head,
                    long long* offset, long long* length) {
  size_t t1 = line.find('\t');
  size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
  if (t2 == std::string_view::npos) return false;
  *head = line.substr(0, t1);
  if (head->substr(0, 10) == "00database") return false;
  *offset = DictdNumber(std::string(line.substr(t1 + 1, t2 - t1 - 1)));
  *length = DictdNumber(Trim(std::string(line.substr(t2 + 1))));
  return *offset >= 0 && *length > 0;
}

std::string_view HeadOf(std::string_view line) {
  return line.substr(0, line.find('\t'));
}

// The characters a searchable dictionary's headwords are made of (its
// "00databasealphabet" entry): the space, and letters and digits each with
// what FoldInto makes of it. Lower case only: then dictd's order (letters,
// digits and spaces compared lower-cased) is the order of the bytes, and
// FoldInto of a headword is its characters' folds, the spaces collapsed.
struct Alphabet {
  bool space = false;
  std::vector<std::pair<std::string, std::string>> letters;  // UTF-8, fold
  std::array<bool, 256> byte{};  // the bytes of every character

  // False when `text` has a character outside that set.
  bool Parse(std::string_view text) {
    for (size_t i = 0; i < text.size(); ++i) {
      const unsigned char u = static_cast<unsigned char>(text[i]);
      if (u == '\n' || u == '\r') continue;
      if (u == ' ') {
        space = true;
        continue;
      }
      if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9')) {
        letters.push_back({std::string(1, static_cast<char>(u)),
                           std::string(1, static_cast<char>(u))});
        continue;
      }
      // U+00DF-U+00FF (not U+00F7): the lower-case letters of Latin-1.
      if (u != 0xC3 || i + 1 >= text.size()) return false;
      const unsigned cp = 0xC0 | (static_cast<unsigned char>(text[i + 1]) &
                                  0x3F);  // C3 xx is U+00C0 + (xx & 3F)
      if ((static_cast<unsigned char>(text[i + 1]) & 0xC0) != 0x80 ||
          cp < 0xDF || cp == 0xF7)
        return false;
      const std::string& fold = LatinFold(cp);
      if (fold.empty() || fold.find(' ') != std::string::npos) return false;
      letters.push_back({std::string(text.substr(i, 2)), fold});
      ++i;
    }
    for (const auto& [utf8, fold] : letters)
      for (char c : utf8) byte[static_cast<unsigned char>(c)] = true;
    byte[' '] = space;
    return !letters.empty();
  }

  // Whether every byte of `head` is the space or a byte of a letter (the
  // letters' bytes are C3 and their own, so this is a check of characters).
  bool Covers(std::string_view head) const {
    for (char c : head)
      if (!byte[static_cast<unsigned char>(c)]) return false;
    return true;
  }
};

// One dictd .index, read in kIndexBlock blocks by pread, kept (up to
// kMaxCachedBlocks). Each block read is checked: its whole lines are in byte
// order and their headwords are made of the alphabet (once it is known);
// `unexpected` says one was not.
class IndexFile {
 public:
  IndexFile() = default;
  IndexFile(const IndexFile&) = delete;
  IndexFile& operator=(const IndexFile&) = delete;
  ~IndexFile() {
    if (fd_ >= 0) ::close(fd_);
  }

  bool Open(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd_ < 0 || ::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) return false;
    size_ = static_cast<uint64_t>(st.st_size);
    return true;
  }
  uint64_t size() const { return size_; }

  // From now on blocks are checked against `a`, those read so far too.
  void SetAlphabet(const Alphabet* a) {
    alphabet_ = a;
    for (const auto& [k, block] : blocks_) Check(block);
  }

  // The line starting at `at` (without its '\n') and where the next one
  // starts; false when it cannot be read, is longer than kMaxLine or the
  // lookup's budget is spent.
  bool LineAt(uint64_t at, std::string* line, uint64_t* next) {
    line->clear();
    while (at + line->size() < size_) {
      const uint64_t pos = at + line->size();
      const std::string* b = Block(pos / kIndexBlock);
      if (b == nullptr) return false;
      std::string_view rest = std::string_view(*b).substr(pos % kIndexBlock);
      const size_t nl = rest.find('\n');
      line->append(rest.substr(0, nl));
      if (line->size() > kMaxLine) return false;
      if (nl != std::string_view::npos) {
        *next = at + line->size() + 1;
        return true;
      }
      if (rest.empty()) return false;
    }
    *next = size_;
    return true;
  }

  // The first line start at or after `pos`.
  bool LineStartFrom(uint64_t pos, uint64_t* start) {
    if (pos == 0) {
      *start = 0;
      return true;
    }
    std::string line;  // the rest of the line holding pos - 1
    return LineAt(pos - 1, &line, start);
  }

  // Counting starts again for one lookup.
  void StartLookup() { lookup_bytes_ = 0; }
  bool unexpected() const { return unexpected_; }
  long long bytes_read = 0;

 private:
  const std::string* Block(uint64_t k) {
    auto it = blocks_.find(k);
    if (it != blocks_.end()) return &it->second;
    if (lookup_bytes_ >= kMaxLookupBytes) return nullptr;
    if (blocks_.size() >= kMaxCachedBlocks) blocks_.clear();
    std::string b;
    long long n = 0;
    if (!PreadAt(fd_, k * kIndexBlock, kIndexBlock, &b, &n)) return nullptr;
    bytes_read += n;
    lookup_bytes_ += n;
    if (b.empty()) return nullptr;
    Check(b);
    return &(blocks_[k] = std::move(b));
  }

  // The whole lines of a block: from after its first '\n' to its last.
  void Check(std::string_view b) {
    const size_t first = b.find('\n'), last = b.rfind('\n');
    if (first == std::string_view::npos || first == last) return;
    std::string_view prev;
    bool have_prev = false;
    for (size_t at = first + 1; at <= last;) {
      const size_t nl = b.find('\n', at);
      std::string_view head = HeadOf(b.substr(at, nl - at));
      if (head.substr(0, 10) != "00database") {
        if (have_prev && head < prev) unexpected_ = true;
        if (alphabet_ != nullptr && !alphabet_->Covers(head))
          unexpected_ = true;
      }
      prev = head;
      have_prev = true;
      at = nl + 1;
    }
  }

  int fd_ = -1;
  uint64_t size_ = 0;
  const Alphabet* alphabet_ = nullptr;
  std::unordered_map<uint64_t, std::string> blocks_;
  long long lookup_bytes_ = 0;
  bool unexpected_ = false;
};

// Lines [lo, hi) of an index: lo is a line start, hi a line start or the
// end of the file.
struct Span {
  uint64_t lo = 0, hi = 0;
};

// The first line of `s` whose headword is not `before` (true for a prefix
// of the span's lines, false for the rest); false when the index cannot be
// read.
template <typename Before>
bool Bound(IndexFile& f, Span s, const Before& before, uint64_t* out) {
  std::string line;
  uint64_t next;
  while (s.hi - s.lo > 2 * kIndexBlock) {
    const uint64_t mid = s.lo + (s.hi - s.lo) / 2;
    uint64_t at;
    if (!f.LineStartFrom(mid, &at)) return false;
    if (at >= s.hi) break;  // one long line: read on from lo
    if (!f.LineAt(at, &line, &next)) return false;
    if (before(HeadOf(line)))
      s.lo = next;
    else
      s.hi = at;
  }
  while (s.lo < s.hi) {
    if (!f.LineAt(s.lo, &line, &next)) return false;
    if (!before(HeadOf(line))) break;
    s.lo = next;
  }
  *out = s.lo;
  return true;
}

// The lines of `s` whose headword starts with `prefix` (the headwords are
// in byte order, std::string_view compares bytes as unsigned).
bool Narrow(IndexFile& f, Span s, std::string_view prefix, Span* out) {
  if (!Bound(
          f, s, [&](std::string_view h) { return h < prefix; }, &out->lo))
    return false;
  return Bound(
      f, {out->lo, s.hi},
      [&](std::string_view h) { return h.substr(0, prefix.size()) <= prefix; },
      &out->hi);
}

// Adds to `lines` the starts of the lines of `s` (whose headwords start with
// `prefix`) whose headword folds to `q` once its first `prefix.size()`
// bytes, which fold to q[0, i), are taken off. A step appends one
// character of the alphabet whose fold is the next of q (a letter), or a
// space for q's space; more spaces are allowed after a space and at the
// start, and only spaces after the end, as FoldInto collapses them.
bool Walk(IndexFile& f, const Alphabet& a, std::string_view q, size_t i,
          std::string* prefix, Span s, std::vector<size_t>* lines) {
  if (s.lo >= s.hi) return true;
  std::string line;
  uint64_t next;
  if (i == q.size()) {
    // Spaces sort before letters and digits: the headwords of only spaces
    // after `prefix` come first.
    for (uint64_t at = s.lo; at < s.hi; at = next) {
      if (!f.LineAt(at, &line, &next)) return false;
      std::string_view rest = HeadOf(line).substr(prefix->size());
      if (rest.find_first_not_of(' ') != std::string_view::npos) break;
      lines->push_back(static_cast<size_t>(at));
    }
    return true;
  }
  auto step = [&](std::string_view bytes, size_t advance) {
    prefix->append(bytes);
    Span sub;
    const bool ok = Narrow(f, s, *prefix, &sub) &&
                    Walk(f, a, q, i + advance, prefix, sub, lines);
    prefix->resize(prefix->size() - bytes.size());
    return ok;
  };
  const bool at_space = prefix->empty() || prefix->back() == ' ';
  if (a.space && at_space && !step(" ", 0)) return false;
  if (q[i] == ' ') return !a.space || step(" ", 1);
  for (const auto& [utf8, fold] : a.letters)
    if (q.substr(i, fold.size()) == fold && !step(utf8, fold.size()))
      return false;
  return true;
}

// One .dict.dz. A dictzip file is inflated chunk by chunk as entries need
// them (kMaxCachedChunks kept); a plain gzip file, or any when asked, is
// inflated whole.
class DictFile {
 public:
  DictFile() = default;
  DictFile(const DictFile&) = delete;
  DictFile& operator=(const DictFile&) = delete;
  ~DictFile() {
    if (fd_ >= 0) ::close(fd_);
  }

  bool Open(const std::string& path, bool inflate_whole,
            long long* bytes_read) {
    if (!inflate_whole) {
      fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      struct stat st;
      if (fd_ < 0 || ::fstat(fd_, &st) != 0) return false;
      const uint64_t size = static_cast<uint64_t>(st.st_size);
      std::string head;
      if (!PreadAt(fd_, 0, 12, &head, bytes_read)) return false;
      if (head.size() == 12) {
        const size_t want = std::min<uint64_t>(
            size, std::min(kMaxHeader, 12 + Le16(head, 10) + size_t{4096}));
        if (!PreadAt(fd_, 0, want, &head, bytes_read)) return false;
      }
      chunked_ = ReadChunkTable(head, size, &chunk_length_, &starts_);
      if (chunked_) return true;
    }
    std::string packed;
    if (!ReadWhole(path, &packed, bytes_read)) return false;
    whole_ = Inflate(packed, 16 + MAX_WBITS);
    return !whole_.empty();
  }

  // `length` bytes of the text from `offset`; empty when they cannot be
  // read. Valid until the next call.
  std::string_view Read(long long offset, long long length,
                        long long* bytes_read) {
    if (offset < 0 || length <= 0) return {};
    if (!chunked_) {
      if (offset + length > static_cast<long long>(whole_.size())) return {};
      return std::string_view(whole_).substr(offset, length);
    }
    // The entry's chunks, inflated once each, joined when it crosses one.
    const size_t first = static_cast<size_t>(offset / chunk_length_);
    const size_t last =
        static_cast<size_t>((offset + length - 1) / chunk_length_);
    if (last + 1 >= starts_.size()) return {};
    if (chunks_.size() + (last - first + 1) > kMaxCachedChunks) chunks_.clear();
    for (size_t c = first; c <= last; ++c) {
      if (chunks_.count(c)) continue;
      std::string packed;
      if (!PreadAt(fd_, starts_[c], starts_[c + 1] - starts_[c], &packed,
                   bytes_read) ||
          packed.size() != starts_[c + 1] - starts_[c])
        return {};
      chunks_[c] = Inflate(packed, -MAX_WBITS);
    }
    const size_t at = static_cast<size_t>(offset - first * chunk_length_);
    if (first == last) {
      const std::string& chunk = chunks_[first];
      if (at + length > chunk.size()) return {};
      return std::string_view(chunk).substr(at, length);
    }
    spanning_.clear();
    for (size_t c = first; c <= last; ++c) spanning_ += chunks_[c];
    if (at + length > spanning_.size()) return {};
    return std::string_view(spanning_).substr(at, length);
  }

 private:
  int fd_ = -1;
  bool chunked_ = false;
  long long chunk_length_ = 0;
  std::vector<uint64_t> starts_;          // in the file, one past the end last
  std::map<size_t, std::string> chunks_;  // inflated, by chunk number
  std::string spanning_;                  // an entry across chunks
  std::string whole_;
};

}  // namespace

long long DictdNumber(const std::string& s) {
  static const char* kDigits =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  if (s.empty() || s.size() > 8) return -1;
  long long n = 0;
  for (char c : s) {
    const char* p = std::strchr(kDigits, c);
    if (c == '\0' || p == nullptr) return -1;
    n = n * 64 + (p - kDigits);
  }
  return n;
}

std::vector<std::string> EntryTranslations(const std::string& entry) {
  std::vector<std::string> out;
  std::istringstream in(entry);
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (first) {  // the headword, its pronunciation and part of speech
      first = false;
      continue;
    }
    std::string s = Trim(line);
    // "1. " sense numbers.
    size_t k = 0;
    while (k < s.size() && isdigit(static_cast<unsigned char>(s[k]))) ++k;
    if (k > 0 && k < s.size() && s[k] == '.') s = Trim(s.substr(k + 1));
    // Notes: <...>, (...), [...], {...}.
    std::string clean;
    int depth = 0;
    for (char c : s) {
      if (c == '<' || c == '(' || c == '[' || c == '{')
        ++depth;
      else if (c == '>' || c == ')' || c == ']' || c == '}')
        depth = std::max(0, depth - 1);
      else if (depth == 0)
        clean += c;
    }
    std::string item;
    std::istringstream items(clean);
    while (std::getline(items, item, ',')) {
      std::istringstream parts(item);
      std::string part;
      while (std::getline(parts, part, ';')) {
        std::string t = Trim(part);
        if (t.empty() ||
            t.find_first_of("0123456789/:=\"") != std::string::npos)
          continue;
        size_t words = FoldedWords(t).size();
        if (words == 0 || words > 3) continue;
        if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
      }
    }
  }
  return out;
}

struct Dictionaries::Book {
  bool tried = false;  // the files were looked for
  bool ok = false;     // and opened
  std::string index_path, dict_path;
  // Searched (kSearch): the index file and the alphabet its headwords are
  // made of.
  bool searched = false;
  IndexFile index_file;
  Alphabet alphabet;
  // Read whole (kWhole, or a dictionary that cannot be searched): the
  // .index file and (hash of the folded headword, where its line starts),
  // sorted, so that a lookup folds only the lines whose hash matches.
  bool whole = false;
  std::string index;
  std::vector<std::pair<uint64_t, uint32_t>> keys;
  // The .dict.dz, opened on the first entry read.
  bool dict_opened = false;
  bool dict_ok = false;
  DictFile dict;
};

Dictionaries::Dictionaries(std::string dir, DictionaryRead read)
    : dir_(std::move(dir)), read_(read) {}
Dictionaries::~Dictionaries() = default;

std::string Dictionaries::DefaultDir() {
  const char* e = std::getenv("PLANMINE_DICTD_DIR");
  return e != nullptr && *e != '\0' ? std::string(e) : std::string(kDictdDir);
}

bool Dictionaries::Available() const {
  for (const char* p : {"spa-eng", "por-eng", "eng-spa", "eng-por"})
    if (Exists(dir_ + "/freedict-" + p + ".index")) return true;
  return false;
}

long long Dictionaries::bytes_read() const {
  long long n = bytes_read_;
  for (const auto& [pair, b] : books_) n += b->index_file.bytes_read;
  return n;
}

DictionaryRead Dictionaries::read_of(const std::string& pair) const {
  auto it = books_.find(pair);
  return it != books_.end() && it->second->searched ? DictionaryRead::kSearch
                                                    : DictionaryRead::kWhole;
}

bool Dictionaries::LoadWhole(Book* b) {
  b->searched = false;
  b->whole = true;
  if (!ReadWhole(b->index_path, &b->index, &bytes_read_) ||
      b->index.size() > UINT32_MAX)
    return false;
  // Only the headwords are read here; a line's numbers when it is looked up.
  std::string folded;
  for (size_t at = 0; at < b->index.size();) {
    size_t nl = b->index.find('\n', at);
    if (nl == std::string::npos) nl = b->index.size();
    std::string_view line = std::string_view(b->index).substr(at, nl - at);
    std::string_view head = line.substr(0, line.find('\t'));
    if (head.size() < line.size() && head.substr(0, 10) != "00database") {
      FoldInto(head, &folded);
      b->keys.emplace_back(Fnv1a(folded), static_cast<uint32_t>(at));
    }
    at = nl + 1;
  }
  std::sort(b->keys.begin(), b->keys.end());  // equal hashes in file order
  return !b->keys.empty();
}

Dictionaries::Book* Dictionaries::Get(const std::string& pair) {
  std::unique_ptr<Book>& b = books_[pair];
  if (!b) b = std::make_unique<Book>();
  if (b->tried) return b->ok ? b.get() : nullptr;
  b->tried = true;
  const auto t0 = std::chrono::steady_clock::now();
  const std::string base = dir_ + "/freedict-" + pair;
  b->index_path = base + ".index";
  b->dict_path = base + ".dict.dz";
  if (!Exists(b->dict_path)) return nullptr;
  if (read_ == DictionaryRead::kWhole) {
    b->ok = LoadWhole(b.get());
  } else {
    // Searched when its alphabet says it can be, else read whole.
    b->ok = b->index_file.Open(b->index_path) && b->index_file.size() > 0;
    if (b->ok) {
      b->searched = true;
      IndexFile& f = b->index_file;
      f.StartLookup();
      Span s;
      std::string line;
      uint64_t next;
      std::string_view text;
      if (Narrow(f, {0, f.size()}, "00databasealphabet", &s) && s.lo < s.hi &&
          f.LineAt(s.lo, &line, &next) &&
          HeadOf(line) == "00databasealphabet") {
        const size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
        if (t2 != std::string::npos)
          text = Read(b.get(), DictdNumber(line.substr(t1 + 1, t2 - t1 - 1)),
                      DictdNumber(Trim(line.substr(t2 + 1))));
      }
      const bool parsed = !text.empty() && b->alphabet.Parse(text);
      if (parsed) f.SetAlphabet(&b->alphabet);
      if (!parsed || f.unexpected()) b->ok = LoadWhole(b.get());
    }
  }
  load_ms_ += std::chrono::duration<double, std::milli>(
                  std::chrono::steady_clock::now() - t0)
                  .count();
  return b->ok ? b.get() : nullptr;
}

std::string_view Dictionaries::Read(Book* b, long long offset,
                                    long long length) {
  const auto t0 = std::chrono::steady_clock::now();
  if (!b->dict_opened) {
    b->dict_opened = true;
    b->dict_ok = b->dict.Open(b->dict_path, read_ == DictionaryRead::kWhole,
                              &bytes_read_);
  }
  std::string_view v;
  if (b->dict_ok) v = b->dict.Read(offset, length, &bytes_read_);
  load_ms_ += std::chrono::duration<double, std::milli>(
                  std::chrono::steady_clock::now() - t0)
                  .count();
  return v;
}

bool Dictionaries::SearchLines(Book* b, const std::string& folded,
                               std::vector<size_t>* lines) {
  IndexFile& f = b->index_file;
  f.StartLookup();
  std::string prefix;
  const bool ok =
      Walk(f, b->alphabet, folded, 0, &prefix, {0, f.size()}, lines);
  if (!ok || f.unexpected()) return false;
  std::sort(lines->begin(), lines->end());
  lines->erase(std::unique(lines->begin(), lines->end()), lines->end());
  return true;
}

std::vector<size_t> Dictionaries::FindLines(Book* b,
                                            const std::string& folded) {
  std::vector<size_t> lines;
  if (b->searched) {
    const auto t0 = std::chrono::steady_clock::now();
    const bool ok = SearchLines(b, folded, &lines);
    if (!ok) {  // not searchable after all: read whole from now on
      lines.clear();
      b->ok = LoadWhole(b);
    }
    load_ms_ += std::chrono::duration<double, std::milli>(
                    std::chrono::steady_clock::now() - t0)
                    .count();
    if (ok || !b->ok) return lines;
  }
  const uint64_t h = Fnv1a(folded);
  auto it = std::lower_bound(b->keys.begin(), b->keys.end(),
                             std::make_pair(h, uint32_t{0}));
  for (; it != b->keys.end() && it->first == h; ++it)
    lines.push_back(it->second);
  return lines;
}

std::vector<std::string> Dictionaries::Find(const std::string& pair,
                                            const std::string& folded) {
  std::vector<std::string> out;
  Book* b = Get(pair);
  if (b == nullptr) return out;
  std::string key, line;
  for (size_t at : FindLines(b, folded)) {
    if (b->searched) {
      uint64_t next;
      if (!b->index_file.LineAt(at, &line, &next)) continue;
    } else {
      size_t nl = b->index.find('\n', at);
      if (nl == std::string::npos) nl = b->index.size();
      line = b->index.substr(at, nl - at);
    }
    std::string_view head;
    long long off, len;
    if (!ParseIndexLine(line, &head, &off, &len)) continue;
    FoldInto(head, &key);
    if (key != folded) continue;  // another headword with the same hash
    std::string_view entry = Read(b, off, len);
    if (entry.empty()) continue;
    for (std::string& t : EntryTranslations(std::string(entry)))
      if (std::find(out.begin(), out.end(), t) == out.end())
        out.push_back(std::move(t));
  }
  return out;
}

Result<std::vector<std::string>> Dictionaries::Lookup(
    const std::string& pair, const std::string& headword) {
  if (Get(pair) == nullptr)
    return NotFound(dir_ + "/freedict-" + pair + ": no such dictionary");
  return Find(pair, FoldKey(headword));
}
std::vector<Translation> Dictionaries::Translate(const std::string& phrase,
                                                 size_t per_language) {
  std::vector<Translation> out;
  const std::string folded = FoldKey(phrase);
  if (folded.empty()) return out;
  std::vector<std::string> forms = {folded};
  for (std::string& s : SingularForms(folded)) forms.push_back(std::move(s));
  // The first form with an entry, per dictionary.
  auto find = [&](const std::string& pair) {
    for (const std::string& f : forms) {
      std::vector<std::string> r = Find(pair, f);
      if (!r.empty()) return r;
    }
    return std::vector<std::string>();
  };
  std::map<std::string, size_t> count;
  auto add = [&](const char* language, const std::string& text) {
    std::string f = FoldKey(text);
    if (f.empty() || f == folded) return;
    if (count[language] >= per_language) return;
    for (const Translation& t : out)
      if (t.language == language && FoldKey(t.text) == f) return;
    out.push_back({language, text});
    ++count[language];
  };
  // es -> en, and through en -> pt; pt -> en, and through en -> es.
  for (const auto& [pair, other] :
       {std::pair<const char*, const char*>{"spa-eng", "eng-por"},
        std::pair<const char*, const char*>{"por-eng", "eng-spa"}}) {
    std::vector<std::string> en = find(pair);
    for (const std::string& e : en) add("en", e);
    const char* via_language = std::strcmp(other, "eng-por") == 0 ? "pt" : "es";
    for (size_t k = 0; k < en.size() && k < 2; ++k)
      for (const std::string& t : Find(other, FoldKey(en[k])))
        add(via_language, t);
  }
  for (const std::string& t : find("eng-spa")) add("es", t);
  for (const std::string& t : find("eng-por")) add("pt", t);
  return out;
}

}  // namespace planmine
