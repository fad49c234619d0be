// discover: turns the paths a user names into the list of documents to ingest.
//
// Directories are walked recursively (symlinked directories are not followed,
// so a link loop cannot trap the walk). A file is a document when its name
// ends in .pdf (PDF), .txt or .md (plain text), case-insensitively; files
// named explicitly on the command line are taken whatever their extension and
// left to the extractor to accept or refuse. Output order is sorted by path so
// that runs are deterministic.
//
// Identity: a file's path is its folder's resolved absolute path (every
// symbolic link, ".", ".." and doubled slash resolved, as realpath does) and
// its own name, so "in", "./in", "in//", "/abs/in" and a link to the folder
// name each file once, the same way. A symbolic link to a file keeps its own
// name (the name carries country and year, and a git-annex tree is made of
// such links): it is a document of its own, like a copy.
//
// Nothing is opened here, but what is not a regular file is refused with the
// reason, on the command line and in walked folders alike ("is a FIFO (named
// pipe), not a regular file", "is a character device, ..."; a link is judged
// by its target), and an entry that cannot be looked at (a path too long, a
// folder that cannot be read) is an error, never a silent skip.
#ifndef PLANMINE_DISCOVER_DISCOVER_H_
#define PLANMINE_DISCOVER_DISCOVER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/core/status.h"

namespace planmine {

enum class SourceKind { kPdf, kText };

struct SourceFile {
  std::string path;  // absolute: its folder resolved, its own name (above)
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
  // Missing paths, unreadable folders and entries, files that are not
  // regular. `path` is the folder or file concerned, absolute (its folder
  // resolved where it could be).
  std::vector<DiscoveryError> errors;
  // The folders named on the command line, resolved: every document stored
  // under one of them and not found (nor under an error's path) is gone.
  std::vector<std::string> roots;
};

// Never fails as a whole: problems with single paths land in `errors`.
Discovery Discover(const std::vector<std::string>& paths);

// The identity of the file at `path` as described above; `path` unchanged
// when its folder cannot be resolved (it does not exist).
std::string ResolvedFilePath(const std::string& path);

// The kind of a file by its name; false when planmine does not read it.
bool KindForName(const std::string& path, SourceKind* kind);

}  // namespace planmine

#endif  // PLANMINE_DISCOVER_DISCOVER_H_
