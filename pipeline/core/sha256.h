// SHA-256 of files and strings, hex encoded: planmine's content identity.
#ifndef PLANMINE_CORE_SHA256_H_
#define PLANMINE_CORE_SHA256_H_

#include <string>
#include <string_view>

#include "pipeline/core/status.h"

namespace planmine {

// Lower-case hex digest of `data`.
std::string Sha256Hex(std::string_view data);

// Lower-case hex digest of the file's bytes, read in chunks.
Result<std::string> Sha256File(const std::string& path);

}  // namespace planmine

#endif  // PLANMINE_CORE_SHA256_H_
