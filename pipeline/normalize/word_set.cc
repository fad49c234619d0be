#include "pipeline/normalize/word_set.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>

namespace planmine {

struct WordSet::Mapping {
  void* addr = nullptr;
  size_t length = 0;
  ~Mapping() {
    if (addr != nullptr) munmap(addr, length);
  }
};

uint64_t WordSet::Table::Slot(size_t i) const {
  uint64_t s;
  memcpy(&s, slots + i * 8, 8);
  return s;
}

WordSet::Table WordSet::table() const {
  if (mapped_ != nullptr) return mapped_table_;
  Table t;
  t.chars = chars_;
  t.slots = reinterpret_cast<const char*>(slots_.data());
  t.count = slots_.size();
  return t;
}

void WordSet::Adopt(const Table& t) {
  chars_.assign(t.chars);
  slots_.resize(t.count);
  if (t.count > 0) memcpy(slots_.data(), t.slots, t.count * 8);
}

void WordSet::Own() {
  if (mapped_ == nullptr) return;
  const Table t = mapped_table_;
  Adopt(t);  // before the mapping goes
  mapped_.reset();
  mapped_table_ = Table();
}

void WordSet::Grow() {
  std::vector<uint64_t> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
  const size_t mask = slots_.size() - 1;
  const Table t = table();
  for (uint64_t s : old) {
    if (s == 0) continue;
    size_t i = std::hash<std::string_view>()(t.At(s)) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void WordSet::Insert(std::string_view word) {
  if (word.size() > 0xFFFF) return;
  Own();
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  const Table t = table();
  size_t i = std::hash<std::string_view>()(word) & mask;
  for (; slots_[i] != 0; i = (i + 1) & mask)
    if (t.At(slots_[i]) == word) return;
  slots_[i] = static_cast<uint64_t>(chars_.size() + 1) << 16 | word.size();
  chars_.append(word);
  ++size_;
}

bool WordSet::Contains(std::string_view word) const {
  const Table t = table();
  if (t.count == 0) return false;
  const size_t mask = t.count - 1;
  for (size_t i = std::hash<std::string_view>()(word) & mask;;
       i = (i + 1) & mask) {
    const uint64_t s = t.Slot(i);
    if (s == 0) return false;
    if (t.At(s) == word) return true;
  }
}

namespace {

constexpr char kMagic[8] = {'P', 'M', 'W', 'O', 'R', 'D', 'S', '1'};

// What this build's hash makes of a fixed word: bytes written by a build
// whose hash differs would be read with the words in the wrong slots.
uint64_t HashFingerprint() {
  return std::hash<std::string_view>()("planmine word set");
}

void PutU64(std::string* out, uint64_t v) {
  char b[8];
  memcpy(b, &v, 8);
  out->append(b, 8);
}

bool GetU64(std::string_view* in, uint64_t* v) {
  if (in->size() < 8) return false;
  memcpy(v, in->data(), 8);
  in->remove_prefix(8);
  return true;
}

}  // namespace

std::string WordSet::Serialize() const {
  const Table t = table();
  std::string out(kMagic, sizeof kMagic);
  PutU64(&out, HashFingerprint());
  PutU64(&out, size_);
  PutU64(&out, t.chars.size());
  PutU64(&out, t.count);
  out.append(t.chars);
  out.append(t.slots, t.count * 8);
  return out;
}

bool WordSet::Check(std::string_view in, uint64_t* size, Table* t) {
  uint64_t fingerprint, chars, slots;
  if (in.size() < sizeof kMagic || memcmp(in.data(), kMagic, sizeof kMagic))
    return false;
  in.remove_prefix(sizeof kMagic);
  if (!GetU64(&in, &fingerprint) || fingerprint != HashFingerprint() ||
      !GetU64(&in, size) || !GetU64(&in, &chars) || !GetU64(&in, &slots))
    return false;
  // Sizes first, against the bytes there are (no allocation on their word).
  if (chars > in.size() || slots > (in.size() - chars) / 8 ||
      in.size() != chars + slots * 8 || (slots & (slots - 1)) != 0 ||
      *size > slots / 2)
    return false;
  t->chars = in.substr(0, chars);
  t->slots = in.data() + chars;
  t->count = slots;
  // Every slot inside the words, and as many full slots as words (so that
  // a search always meets an empty slot).
  uint64_t full = 0;
  for (size_t i = 0; i < slots; ++i) {
    const uint64_t s = t->Slot(i);
    if (s == 0) continue;
    ++full;
    const uint64_t offset = (s >> 16) - 1, length = s & 0xFFFF;
    if ((s >> 16) == 0 || offset > chars || length > chars - offset)
      return false;
  }
  return full == *size;
}

bool WordSet::Parse(std::string_view in) {
  *this = WordSet();
  uint64_t size = 0;
  Table t;
  if (!Check(in, &size, &t)) return false;
  Adopt(t);
  size_ = size;
  return true;
}

bool WordSet::Map(const std::string& path, uint64_t max_bytes) {
  *this = WordSet();
  // O_NONBLOCK: a FIFO at the path must not block the open (as
  // OpenUserFile opens user files); it is refused below.
  const int fd =
      open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return false;
  struct stat st;
  const bool fits = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
                    st.st_size > 0 &&
                    static_cast<uint64_t>(st.st_size) <= max_bytes;
  const size_t length = fits ? static_cast<size_t>(st.st_size) : 0;
  void* addr =
      fits ? mmap(nullptr, length, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
  if (addr == MAP_FAILED) {
    // A file system that cannot map it: the bytes read, then Parse.
    std::string bytes(length, '\0');
    size_t have = 0;
    while (fits && have < length) {
      const ssize_t got =
          pread(fd, &bytes[have], length - have, static_cast<off_t>(have));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) break;
      have += static_cast<size_t>(got);
    }
    close(fd);
    return fits && have == length && Parse(bytes);
  }
  close(fd);
  auto m = std::make_shared<Mapping>();
  m->addr = addr;
  m->length = length;
  uint64_t size = 0;
  Table t;
  if (!Check(std::string_view(static_cast<const char*>(addr), length), &size,
             &t))
    return false;
  size_ = size;
  mapped_table_ = t;
  mapped_ = std::move(m);
  return true;
}

}  // namespace planmine
