// Spool: where a shard (`planmine shard`) keeps what its workers made, one
// record per document, until `planmine merge` folds it into the index.
//
// Format (ours; both ends are the same planmine, checked by the plan's
// versions): the 8 bytes "PMSPOOL1", then records, each
//   u64 n (little-endian) | n bytes of payload | u64 FNV-1a-64 of the payload
// and a payload is
//   u32 path length | path | u32 sha256 length | sha256 | EncodeResult bytes
// (runner/doc_codec.h: the document or the error that stopped it).
// A record is written and fdatasync'ed before the next document counts as
// done, so a shard killed at any moment leaves whole records and at most
// one torn tail, which the next open drops (a length past the end, a
// checksum that does not match). The writer appends to NAME.partial; Finish
// renames it to NAME.spool, so a complete spool is one that exists.
// Every length is checked against the bytes left and kMaxRecordBytes before
// anything is allocated.
#ifndef PLANMINE_SHARD_SPOOL_H_
#define PLANMINE_SHARD_SPOOL_H_

#include <cstdint>
#include <map>
#include <string>

#include "pipeline/core/status.h"
#include "pipeline/load/indexed_document.h"

namespace planmine {

// A worker's result is at most kMaxWorkerResultBytes (workers.h); a record
// adds its path and hash.
inline constexpr uint64_t kMaxSpoolRecordBytes = (256ull << 20) + (64ull << 10);

struct SpoolEntry {
  std::string sha256;
  uint64_t offset = 0;  // of the payload
  uint64_t size = 0;
};

// The records of a spool file, by path (a later record for a path wins).
class SpoolReader {
 public:
  // Reads the index of the spool at `path`; `valid_end` gets where the
  // last whole record ends (a torn tail after it is ignored).
  static Result<SpoolReader> Open(const std::string& path,
                                  uint64_t* valid_end = nullptr);
  SpoolReader(SpoolReader&& o) noexcept;
  SpoolReader& operator=(SpoolReader&&) = delete;
  SpoolReader(const SpoolReader&) = delete;
  ~SpoolReader();

  const std::map<std::string, SpoolEntry>& entries() const { return entries_; }
  // The document (or its error) stored for `entry`; an error of its own
  // when the bytes cannot be read or decoded.
  Result<Result<IndexedDocument>> Read(const SpoolEntry& entry) const;

 private:
  SpoolReader(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::string path_;
  std::map<std::string, SpoolEntry> entries_;
};

class SpoolWriter {
 public:
  // Opens BASE.partial for appending, creating it, or resuming it: its
  // whole records are kept (their paths in done()), a torn tail cut off.
  static Result<SpoolWriter> Resume(const std::string& base);
  SpoolWriter(SpoolWriter&& o) noexcept;
  SpoolWriter& operator=(SpoolWriter&&) = delete;
  SpoolWriter(const SpoolWriter&) = delete;
  ~SpoolWriter();

  // Paths already spooled, with their sha256.
  const std::map<std::string, std::string>& done() const { return done_; }
  // Appends the record and makes it durable.
  Status Append(const std::string& path, const std::string& sha256,
                const Result<IndexedDocument>& result);
  // Makes the spool complete: BASE.partial renamed to BASE.spool.
  Status Finish();

 private:
  SpoolWriter(int fd, std::string base) : fd_(fd), base_(std::move(base)) {}
  int fd_ = -1;
  std::string base_;
  std::map<std::string, std::string> done_;
};

}  // namespace planmine

#endif  // PLANMINE_SHARD_SPOOL_H_
