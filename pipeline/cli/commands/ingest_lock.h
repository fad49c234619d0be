// IngestLock: an exclusive lock on the index for the life of a command that
// writes it (ingest, set), so that two writers (say cron and a person) never
// write the same index at once, however each names it.
//
// Two locks, both flock(2), both released when the process ends however it
// ends:
//  - DB.lock beside the index's resolved path (symlinks followed; for an
//    index not made yet, its resolved folder and name), which planmines
//    before this one also take;
//  - the index file itself (created empty when missing, which SQLite treats
//    as a new database), so that a hard link or a bind mount of the same
//    file is the same index. flock does not interact with SQLite's own
//    fcntl locks on Linux.
// REQUIRES: the lock outlives the Store (closing it while SQLite holds the
// file open is harmless for flock, but keep the order: lock, then store).
#ifndef PLANMINE_CLI_COMMANDS_INGEST_LOCK_H_
#define PLANMINE_CLI_COMMANDS_INGEST_LOCK_H_

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include "pipeline/core/status.h"

namespace planmine {

// The path `db_path` names once symlinks are followed: realpath of the file,
// or of its folder plus its name when the file does not exist yet. Falls
// back to `db_path` itself when the folder cannot be resolved either.
inline std::string ResolvedIndexPath(const std::string& db_path) {
  if (char* r = realpath(db_path.c_str(), nullptr)) {
    std::string out = r;
    free(r);
    return out;
  }
  const size_t slash = db_path.rfind('/');
  const std::string folder = slash == std::string::npos ? "."
                             : slash == 0               ? "/"
                                          : db_path.substr(0, slash);
  const std::string name =
      slash == std::string::npos ? db_path : db_path.substr(slash + 1);
  if (char* r = realpath(folder.c_str(), nullptr)) {
    std::string out = r;
    free(r);
    return (out == "/" ? "" : out) + "/" + name;
  }
  return db_path;
}

class IngestLock {
 public:
  IngestLock() = default;
  IngestLock(const IngestLock&) = delete;
  IngestLock& operator=(const IngestLock&) = delete;
  ~IngestLock() {
    if (db_fd_ >= 0) close(db_fd_);
    if (fd_ >= 0) close(fd_);
  }
  Status Acquire(const std::string& db_path) {
    const std::string resolved = ResolvedIndexPath(db_path);
    std::string path = resolved + ".lock";
    fd_ = open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (fd_ < 0)
      return IoError(path +
                     ": cannot create lock file: " + std::strerror(errno));
    if (flock(fd_, LOCK_EX | LOCK_NB) != 0) return Busy(db_path, path);
    // The file itself. Anything but a regular file is left unopened (a FIFO
    // would block, a device might act): the store refuses it with the
    // reason.
    struct stat st;
    if (stat(resolved.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
      return Status();
    db_fd_ = open(resolved.c_str(),
                  O_CREAT | O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0644);
    if (db_fd_ < 0) {
      if (errno == EISDIR) return Status();  // refused by the store
      return IoError(db_path +
                     ": cannot open the index: " + std::strerror(errno));
    }
    if (fstat(db_fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
      close(db_fd_);
      db_fd_ = -1;
      return Status();  // not a file: refused by the store, with the reason
    }
    if (flock(db_fd_, LOCK_EX | LOCK_NB) != 0) return Busy(db_path, resolved);
    return Status();
  }

 private:
  static Status Busy(const std::string& db_path, const std::string& locked) {
    return Unsupported(db_path +
                       ": another ingest is already running on this index (" +
                       locked + " is locked)");
  }
  int fd_ = -1;
  int db_fd_ = -1;
};

}  // namespace planmine

#endif  // PLANMINE_CLI_COMMANDS_INGEST_LOCK_H_
