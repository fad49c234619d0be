#include "pipeline/normalize/word_set.h"

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

}  // namespace planmine
