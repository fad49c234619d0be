#include "pipeline/normalize/word_set.h"

#include <cstring>
#include <functional>

namespace planmine {

void WordSet::Grow() {
  std::vector<uint64_t> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
  const size_t mask = slots_.size() - 1;
  for (uint64_t s : old) {
    if (s == 0) continue;
    size_t i = std::hash<std::string_view>()(At(s)) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void WordSet::Insert(std::string_view word) {
  if (word.size() > 0xFFFF) return;
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  size_t i = std::hash<std::string_view>()(word) & mask;
  for (; slots_[i] != 0; i = (i + 1) & mask)
    if (At(slots_[i]) == word) return;
  slots_[i] = static_cast<uint64_t>(chars_.size() + 1) << 16 | word.size();
  chars_.append(word);
  ++size_;
}

bool WordSet::Contains(std::string_view word) const {
  if (slots_.empty()) return false;
  const size_t mask = slots_.size() - 1;
  for (size_t i = std::hash<std::string_view>()(word) & mask; slots_[i] != 0;
       i = (i + 1) & mask)
    if (At(slots_[i]) == word) return true;
  return false;
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
  std::string out(kMagic, sizeof kMagic);
  PutU64(&out, HashFingerprint());
  PutU64(&out, size_);
  PutU64(&out, chars_.size());
  PutU64(&out, slots_.size());
  out.append(chars_);
  const size_t at = out.size();
  out.resize(at + slots_.size() * 8);
  if (!slots_.empty()) memcpy(&out[at], slots_.data(), slots_.size() * 8);
  return out;
}

bool WordSet::Parse(std::string_view in) {
  *this = WordSet();
  uint64_t fingerprint, size, chars, slots;
  if (in.size() < sizeof kMagic || memcmp(in.data(), kMagic, sizeof kMagic))
    return false;
  in.remove_prefix(sizeof kMagic);
  if (!GetU64(&in, &fingerprint) || fingerprint != HashFingerprint() ||
      !GetU64(&in, &size) || !GetU64(&in, &chars) || !GetU64(&in, &slots))
    return false;
  // Sizes first, against the bytes there are (no allocation on their word).
  if (chars > in.size() || slots > (in.size() - chars) / 8 ||
      in.size() != chars + slots * 8 || (slots & (slots - 1)) != 0 ||
      size > slots / 2)
    return false;
  WordSet w;
  w.chars_.assign(in.data(), chars);
  w.slots_.resize(slots);
  if (slots > 0) memcpy(w.slots_.data(), in.data() + chars, slots * 8);
  // Every slot inside the words, and as many full slots as words.
  uint64_t full = 0;
  for (uint64_t s : w.slots_) {
    if (s == 0) continue;
    ++full;
    const uint64_t offset = (s >> 16) - 1, length = s & 0xFFFF;
    if ((s >> 16) == 0 || offset > chars || length > chars - offset)
      return false;
  }
  if (full != size) return false;
  w.size_ = size;
  *this = std::move(w);
  return true;
}

}  // namespace planmine
