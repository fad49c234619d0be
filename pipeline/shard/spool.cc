#include "pipeline/shard/spool.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "pipeline/core/fnv.h"
#include "pipeline/runner/doc_codec.h"

namespace planmine {
namespace {

constexpr char kMagic[8] = {'P', 'M', 'S', 'P', 'O', 'O', 'L', '1'};

void PutU64(std::string* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}
void PutU32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}
uint64_t GetU64(const char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}
uint32_t GetU32(const char* p) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

Status Errno(const std::string& path, const std::string& what) {
  return IoError(path + ": " + what + ": " + std::strerror(errno));
}

bool PreadAll(int fd, char* buf, uint64_t size, uint64_t offset) {
  while (size > 0) {
    ssize_t n = pread(fd, buf, size, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    buf += n;
    size -= static_cast<uint64_t>(n);
    offset += static_cast<uint64_t>(n);
  }
  return true;
}

// The payload's path and sha256, and where its result bytes start.
bool ParsePayloadHead(std::string_view p, std::string* path,
                      std::string* sha256, size_t* result_at) {
  if (p.size() < 4) return false;
  const uint32_t n = GetU32(p.data());
  if (n > p.size() - 4) return false;
  *path = std::string(p.substr(4, n));
  size_t at = 4 + n;
  if (p.size() - at < 4) return false;
  const uint32_t m = GetU32(p.data() + at);
  at += 4;
  if (m > p.size() - at) return false;
  *sha256 = std::string(p.substr(at, m));
  *result_at = at + m;
  return true;
}

// Reads the records of `fd` (size `size`) from after the magic, calling
// `on(path, entry)` for each whole one; returns where the last one ends.
template <typename On>
Result<uint64_t> ScanRecords(int fd, uint64_t size, const std::string& path,
                             On on) {
  char magic[8];
  if (size < 8 || !PreadAll(fd, magic, 8, 0) ||
      std::memcmp(magic, kMagic, 8) != 0)
    return DataLoss(path + ": not a planmine spool (no PMSPOOL1 header)");
  uint64_t at = 8;
  std::string payload;
  while (size - at >= 16) {
    char head[8];
    if (!PreadAll(fd, head, 8, at)) return Errno(path, "cannot read");
    const uint64_t n = GetU64(head);
    if (n > kMaxSpoolRecordBytes || n > size - at - 16) break;  // torn tail
    payload.resize(n);
    char sum[8];
    if (!PreadAll(fd, payload.data(), n, at + 8) ||
        !PreadAll(fd, sum, 8, at + 8 + n))
      return Errno(path, "cannot read");
    if (GetU64(sum) != Fnv1a(payload)) break;
    SpoolEntry e;
    std::string doc_path;
    size_t result_at = 0;
    if (!ParsePayloadHead(payload, &doc_path, &e.sha256, &result_at)) break;
    e.offset = at + 8;
    e.size = n;
    on(doc_path, e);
    at += 16 + n;
  }
  return at;
}

}  // namespace

Result<SpoolReader> SpoolReader::Open(const std::string& path,
                                      uint64_t* valid_end) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return Errno(path, "cannot open the spool");
  SpoolReader r(fd, path);
  struct stat st;
  if (fstat(fd, &st) != 0) return Errno(path, "cannot stat the spool");
  if (!S_ISREG(st.st_mode))
    return InvalidArgument(path + ": not a regular file");
  auto end = ScanRecords(
      fd, static_cast<uint64_t>(st.st_size), path,
      [&](const std::string& p, const SpoolEntry& e) { r.entries_[p] = e; });
  if (!end.ok()) return end.status();
  if (valid_end) *valid_end = *end;
  return r;
}

SpoolReader::SpoolReader(SpoolReader&& o) noexcept
    : fd_(o.fd_), path_(std::move(o.path_)), entries_(std::move(o.entries_)) {
  o.fd_ = -1;
}

SpoolReader::~SpoolReader() {
  if (fd_ >= 0) close(fd_);
}

Result<Result<IndexedDocument>> SpoolReader::Read(
    const SpoolEntry& entry) const {
  if (entry.size > kMaxSpoolRecordBytes)
    return DataLoss(path_ + ": a record of " + std::to_string(entry.size) +
                    " bytes, over the limit");
  std::string payload(entry.size, '\0');
  if (!PreadAll(fd_, payload.data(), entry.size, entry.offset))
    return Errno(path_, "cannot read");
  std::string doc_path, sha;
  size_t at = 0;
  if (!ParsePayloadHead(payload, &doc_path, &sha, &at))
    return DataLoss(path_ + ": a damaged record at byte " +
                    std::to_string(entry.offset));
  return Result<Result<IndexedDocument>>(DecodeResult(std::move(payload), at));
}

Result<SpoolWriter> SpoolWriter::Resume(const std::string& base) {
  const std::string path = base + ".partial";
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Errno(path, "cannot open the spool");
  SpoolWriter w(fd, base);
  struct stat st;
  if (fstat(fd, &st) != 0) return Errno(path, "cannot stat the spool");
  if (!S_ISREG(st.st_mode))
    return InvalidArgument(path + ": not a regular file");
  uint64_t end = 8;
  if (st.st_size == 0) {
    if (write(fd, kMagic, 8) != 8) return Errno(path, "cannot write");
  } else {
    auto scanned = ScanRecords(fd, static_cast<uint64_t>(st.st_size), path,
                               [&](const std::string& p, const SpoolEntry& e) {
                                 w.done_[p] = e.sha256;
                               });
    if (!scanned.ok()) return scanned.status();
    end = *scanned;
  }
  // A torn tail (the shard was killed mid-write) is cut off.
  if (ftruncate(fd, static_cast<off_t>(end)) != 0 ||
      lseek(fd, static_cast<off_t>(end), SEEK_SET) < 0 || fdatasync(fd) != 0)
    return Errno(path, "cannot resume the spool");
  return w;
}

SpoolWriter::SpoolWriter(SpoolWriter&& o) noexcept
    : fd_(o.fd_), base_(std::move(o.base_)), done_(std::move(o.done_)) {
  o.fd_ = -1;
}

SpoolWriter::~SpoolWriter() {
  if (fd_ >= 0) close(fd_);
}

Status SpoolWriter::Append(const std::string& path, const std::string& sha256,
                           const Result<IndexedDocument>& result) {
  std::string payload;
  PutU32(&payload, static_cast<uint32_t>(path.size()));
  payload += path;
  PutU32(&payload, static_cast<uint32_t>(sha256.size()));
  payload += sha256;
  payload += EncodeResult(result);
  const std::string file = base_ + ".partial";
  if (payload.size() > kMaxSpoolRecordBytes)
    return Internal(file + ": a record of " + std::to_string(payload.size()) +
                    " bytes for " + path + ", over the limit");
  std::string record;
  record.reserve(payload.size() + 16);
  PutU64(&record, payload.size());
  record += payload;
  PutU64(&record, Fnv1a(payload));
  const char* p = record.data();
  size_t left = record.size();
  while (left > 0) {
    ssize_t n = write(fd_, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Errno(file, "cannot write");
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (fdatasync(fd_) != 0) return Errno(file, "cannot sync");
  done_[path] = sha256;
  return Status();
}

Status SpoolWriter::Finish() {
  const std::string from = base_ + ".partial", to = base_ + ".spool";
  if (fsync(fd_) != 0) return Errno(from, "cannot sync");
  if (rename(from.c_str(), to.c_str()) != 0)
    return Errno(from, "cannot rename to " + to);
  const size_t slash = to.rfind('/');
  const std::string dir =
      slash == std::string::npos ? "." : to.substr(0, slash);
  int d = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (d >= 0) {
    (void)fsync(d);
    close(d);
  }
  return Status();
}

}  // namespace planmine
