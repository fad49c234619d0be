// user_file: the one way planmine opens a file a user named, with bounds.
//
// A path on a command line or in a walked folder may name anything: a FIFO
// that blocks every reader, /dev/zero that never ends, a sparse file of
// terabytes. OpenUserFile opens without blocking (O_NONBLOCK), looks at what
// it opened (fstat of the descriptor, so a link resolves to its target and a
// swap between a check and the open cannot fool it), refuses what is not a
// regular file and what is over the size limit before a byte is read, and
// never reads past the size it saw. Example:
//
//   auto bytes = ReadUserFile("in/notes.txt", kMaxUserFileBytes);
//   // "in/fifo.txt: is a FIFO (named pipe), not a regular file"
#ifndef PLANMINE_CORE_USER_FILE_H_
#define PLANMINE_CORE_USER_FILE_H_

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "pipeline/core/status.h"

namespace planmine {

// Files larger than this are refused (ExtractOptions::max_file_bytes).
inline constexpr uint64_t kMaxUserFileBytes = 1ull << 30;

// "a FIFO (named pipe)", "a character device", "a block device", "a socket",
// "a folder", "a symbolic link"; empty for a regular file.
std::string FileTypeName(mode_t mode);

// The refusal for a file of `mode` and `size` (as stat reports them), or OK:
// "PATH: is a FIFO (named pipe), not a regular file",
// "PATH: file is N bytes, over the limit of M".
Status CheckUserFile(const std::string& path, mode_t mode, uint64_t size,
                     uint64_t max_bytes);

// An open regular file: a descriptor closed on destruction, and the size
// seen when it was opened. Move-only.
class UserFile {
 public:
  UserFile() = default;
  UserFile(int fd, uint64_t size) : fd_(fd), size_(size) {}
  UserFile(UserFile&& o) noexcept : fd_(o.fd_), size_(o.size_) { o.fd_ = -1; }
  UserFile& operator=(UserFile&& o) noexcept;
  UserFile(const UserFile&) = delete;
  UserFile& operator=(const UserFile&) = delete;
  ~UserFile();

  int fd() const { return fd_; }
  uint64_t size() const { return size_; }

  // Reads up to `n` bytes into `buf`, never past size(); 0 at the end.
  Result<size_t> Read(char* buf, size_t n, const std::string& path);

 private:
  int fd_ = -1;
  uint64_t size_ = 0;
  uint64_t offset_ = 0;
};

// Opens `path` for reading under the rules above.
Result<UserFile> OpenUserFile(const std::string& path, uint64_t max_bytes);

// The whole file, at most its size when opened (a file that grows is read
// as it was).
Result<std::string> ReadUserFile(const std::string& path, uint64_t max_bytes);

// Writes `bytes` to `path` through a file beside it (named after this
// process) renamed into place, making its folder if need be: a reader sees
// the old file or the whole new one. False, and no file left behind, when
// any step fails. For caches, whose loss costs only time.
bool ReplaceFile(const std::string& path, std::string_view bytes);

}  // namespace planmine

#endif  // PLANMINE_CORE_USER_FILE_H_
