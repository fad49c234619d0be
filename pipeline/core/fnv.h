// FNV-1a, 64 bits: a fast, stable hash for names of cache files, record
// checksums and table keys (not for anything an adversary chooses against).
#ifndef PLANMINE_CORE_FNV_H_
#define PLANMINE_CORE_FNV_H_

#include <cstdint>
#include <string_view>

namespace planmine {

inline uint64_t Fnv1a(std::string_view bytes) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace planmine

#endif  // PLANMINE_CORE_FNV_H_
