#include "pipeline/core/user_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace planmine {

std::string FileTypeName(mode_t mode) {
  if (S_ISREG(mode)) return "";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISLNK(mode)) return "a symbolic link";
  return "not a regular file";
}

Status CheckUserFile(const std::string& path, mode_t mode, uint64_t size,
                     uint64_t max_bytes) {
  if (!S_ISREG(mode))
    return Unsupported(path + ": is " + FileTypeName(mode) +
                       ", not a regular file");
  if (size > max_bytes)
    return Unsupported(path + ": file is " + std::to_string(size) +
                       " bytes, over the limit of " +
                       std::to_string(max_bytes));
  return Status();
}

UserFile& UserFile::operator=(UserFile&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) close(fd_);
    fd_ = o.fd_;
    size_ = o.size_;
    offset_ = o.offset_;
    o.fd_ = -1;
  }
  return *this;
}

UserFile::~UserFile() {
  if (fd_ >= 0) close(fd_);
}

Result<size_t> UserFile::Read(char* buf, size_t n, const std::string& path) {
  if (offset_ >= size_) return size_t{0};
  if (n > size_ - offset_) n = static_cast<size_t>(size_ - offset_);
  for (;;) {
    ssize_t got = read(fd_, buf, n);
    if (got >= 0) {
      offset_ += static_cast<uint64_t>(got);
      return static_cast<size_t>(got);
    }
    if (errno != EINTR)
      return IoError(path + ": read error: " + std::strerror(errno));
  }
}

Result<UserFile> OpenUserFile(const std::string& path, uint64_t max_bytes) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
  // writer, forever. It is cleared once the file is known to be regular.
  int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    int e = errno;
    std::string why = path + ": cannot open: " + std::strerror(e);
    if (e == ENOENT) return NotFound(why);
    if (e == EACCES || e == EPERM) return PermissionDenied(why);
    return IoError(why);
  }
  struct stat st;
  Status ok;
  if (fstat(fd, &st) != 0) {
    ok = IoError(path + ": cannot stat: " + std::strerror(errno));
  } else {
    ok = CheckUserFile(path, st.st_mode, static_cast<uint64_t>(st.st_size),
                       max_bytes);
  }
  if (!ok.ok()) {
    close(fd);
    return ok;
  }
  int flags = fcntl(fd, F_GETFL);
  if (flags >= 0) fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  return UserFile(fd, static_cast<uint64_t>(st.st_size));
}

Result<std::string> ReadUserFile(const std::string& path, uint64_t max_bytes) {
  auto f = OpenUserFile(path, max_bytes);
  if (!f.ok()) return f.status();
  std::string out(static_cast<size_t>(f->size()), '\0');
  size_t have = 0;
  while (have < out.size()) {
    auto got = f->Read(out.data() + have, out.size() - have, path);
    if (!got.ok()) return got.status();
    if (*got == 0) break;  // shrank since it was opened
    have += *got;
  }
  out.resize(have);
  return out;
}

bool ReplaceFile(const std::string& path, std::string_view bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::path(path).has_parent_path())
    fs::create_directories(fs::path(path).parent_path(), ec);
  const std::string tmp = path + ".tmp" + std::to_string(getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) &&
        out.flush())
      fs::rename(tmp, path, ec);
    else
      ec = std::make_error_code(std::errc::io_error);
  }
  if (!ec) return true;
  fs::remove(tmp, ec);
  return false;
}

}  // namespace planmine
