#include "pipeline/core/memory.h"

#include <malloc.h>

namespace planmine {

void KeepFreedMemoryForReuse() {
  // Allocations up to 32 MB from the heap, and the heap trimmed only when
  // 128 MB of its top are free (the defaults: 128 KB, adjusted upwards as
  // mapped blocks are freed, and 128 KB).
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
}

}  // namespace planmine
