// discover: turns the paths a user names into the list of documents to ingest.
//
// Directories are walked recursively (symlinked directories are not followed,
// so a link loop cannot trap the walk). A file is a document when its name
// ends in .pdf (PDF), .txt or .md (plain text), case-insensitively; files
// named explicitly on the command line are taken whatever their extension and
// left to the extractor to accept or refuse. Output order is sorted by path so
// that runs are deterministic.
#ifndef PLANMINE_DISCOVER_DISCOVER_H_
#define PLANMINE_DISCOVER_DISCOVER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/core/status.h"

namespace planmine {

enum class SourceKind { kPdf, kText };

struct SourceFile {
  std::string path;  // as found (relative or absolute, like the argument)
  SourceKind kind = SourceKind::kPdf;
  uint64_t size = 0;
  int64_t mtime = 0;   // seconds since the epoch
  std::string sha256;  // content identity; empty until hashed (Sha256File)
};

struct DiscoveryError {
  std::string path;
  Status status;
};

struct Discovery {
  std::vector<SourceFile> files;
  std::vector<DiscoveryError> errors;  // missing paths, unreadable folders
};

// Never fails as a whole: problems with single paths land in `errors`.
Discovery Discover(const std::vector<std::string>& paths);

// The kind of a file by its name; false when planmine does not read it.
bool KindForName(const std::string& path, SourceKind* kind);

}  // namespace planmine

#endif  // PLANMINE_DISCOVER_DISCOVER_H_
