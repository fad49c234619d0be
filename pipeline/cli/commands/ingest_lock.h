// IngestLock: an exclusive lock on DB.lock for the life of a command that
// writes the index (ingest, set), so that two writers (say cron and a
// person) never write the same index at once.
#ifndef PLANMINE_CLI_COMMANDS_INGEST_LOCK_H_
#define PLANMINE_CLI_COMMANDS_INGEST_LOCK_H_

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "pipeline/core/status.h"

namespace planmine {

class IngestLock {
 public:
  IngestLock() = default;
  IngestLock(const IngestLock&) = delete;
  IngestLock& operator=(const IngestLock&) = delete;
  ~IngestLock() {
    if (fd_ >= 0) close(fd_);
  }
  Status Acquire(const std::string& db_path) {
    std::string path = db_path + ".lock";
    fd_ = open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (fd_ < 0)
      return IoError(path +
                     ": cannot create lock file: " + std::strerror(errno));
    if (flock(fd_, LOCK_EX | LOCK_NB) != 0)
      return Unsupported(db_path +
                         ": another ingest is already running on this index (" +
                         path + " is locked)");
    return Status();
  }

 private:
  int fd_ = -1;
};

}  // namespace planmine

#endif  // PLANMINE_CLI_COMMANDS_INGEST_LOCK_H_
