// SHA-256 of files and strings, hex encoded: planmine's content identity.
#ifndef PLANMINE_CORE_SHA256_H_
#define PLANMINE_CORE_SHA256_H_

#include <string>
#include <string_view>

#include "pipeline/core/status.h"
#include "pipeline/core/user_file.h"

namespace planmine {

// Lower-case hex digest of `data`.
std::string Sha256Hex(std::string_view data);

// Lower-case hex digest of the file's bytes, read in chunks under the rules
// of OpenUserFile (user_file.h): a FIFO, a device or a socket is refused
// without blocking, a file over `max_bytes` before a byte is read, and no
// more than the size seen at open is read.
Result<std::string> Sha256File(const std::string& path,
                               uint64_t max_bytes = kMaxUserFileBytes);

}  // namespace planmine

#endif  // PLANMINE_CORE_SHA256_H_
