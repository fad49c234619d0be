#include "pipeline/runner/workers.h"

#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <string>

#include "pipeline/runner/doc_codec.h"

namespace planmine {
namespace {

double Now() {
  return std::chrono::duration<double>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

struct Child {
  pid_t pid = -1;
  int fd = -1;
  size_t index = 0;
  double started = 0;
  bool timed_out = false;
  std::string bytes;
};

// Fault injection for the tests of worker isolation:
// PLANMINE_WORKER_FAULT="crash=SUBSTR,hang=SUBSTR" makes a worker crash
// (SIGSEGV) or hang on files whose path contains SUBSTR.
void InjectFault(const std::string& path) {
  const char* spec = getenv("PLANMINE_WORKER_FAULT");
  if (spec == nullptr) return;
  std::string s = spec;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(',', i);
    if (j == std::string::npos) j = s.size();
    std::string item = s.substr(i, j - i);
    size_t eq = item.find('=');
    if (eq != std::string::npos && eq + 1 < item.size() &&
        path.find(item.substr(eq + 1)) != std::string::npos) {
      if (item.compare(0, eq, "crash") == 0) raise(SIGSEGV);
      if (item.compare(0, eq, "hang") == 0)
        for (;;) pause();
    }
    i = j + 1;
  }
}

// In the child: process, send, exit without running the parent's
// destructors (its database connection is the parent's).
[[noreturn]] void RunChild(const Pipeline& pipeline, const WorkItem& item,
                           const WorkerLimits& limits, int fd) {
  // A worker does not outlive its parent (a refresh killed with SIGKILL).
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() == 1) _exit(4);
  if (limits.memory_mb > 0) {
    rlimit cap{};
    cap.rlim_cur = cap.rlim_max =
        static_cast<rlim_t>(limits.memory_mb) * 1024 * 1024;
    setrlimit(RLIMIT_AS, &cap);
  }
  InjectFault(item.file.path);
  std::string out = EncodeResult(pipeline.Process(item.file, item.entry));
  const char* p = out.data();
  size_t left = out.size();
  while (left > 0) {
    ssize_t n = write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(3);
    p += n;
    left -= static_cast<size_t>(n);
  }
  close(fd);
  _exit(0);
}

// Why a child that sent no usable result ended.
Status ChildFailure(const Child& c, int wstatus, const WorkerLimits& limits) {
  if (c.timed_out)
    return DeadlineExceeded("gave up after " +
                            std::to_string(static_cast<int>(limits.seconds)) +
                            " s (the document hung its worker)");
  if (WIFSIGNALED(wstatus)) {
    int sig = WTERMSIG(wstatus);
    std::string what = "its worker crashed: signal " + std::to_string(sig) +
                       " (" + strsignal(sig) + ")";
    if (sig == SIGABRT || sig == SIGSEGV || sig == SIGKILL)
      what += "; the worker's memory cap is " +
              std::to_string(limits.memory_mb) + " MB";
    return Internal(what);
  }
  return Internal("its worker exited with status " +
                  std::to_string(WEXITSTATUS(wstatus)) + " without a result");
}

}  // namespace

Status ProcessInWorkers(
    const Pipeline& pipeline, const std::vector<WorkItem>& items,
    const WorkerLimits& limits,
    const std::function<Status(size_t, Result<IndexedDocument>)>& done) {
  if (limits.jobs <= 0) {
    for (size_t i = 0; i < items.size(); ++i)
      PLANMINE_RETURN_IF_ERROR(
          done(i, pipeline.Process(items[i].file, items[i].entry)));
    return Status();
  }
  std::vector<Child> running;
  size_t next = 0;
  Status stop;
  auto reap = [&](Child& c) -> Status {
    close(c.fd);
    int wstatus = 0;
    while (waitpid(c.pid, &wstatus, 0) < 0 && errno == EINTR) {
    }
    Result<IndexedDocument> result =
        WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0 && !c.timed_out
            ? DecodeResult(c.bytes)
            : Result<IndexedDocument>(ChildFailure(c, wstatus, limits));
    if (!result.ok())
      result = Status(
          result.status().code(),
          result.status().message().rfind(items[c.index].file.path, 0) == 0
              ? result.status().message()
              : items[c.index].file.path + ": " + result.status().message());
    return done(c.index, std::move(result));
  };
  while (next < items.size() || !running.empty()) {
    while (stop.ok() && next < items.size() &&
           static_cast<int>(running.size()) < limits.jobs) {
      int fds[2];
      if (pipe(fds) != 0)
        return IoError(std::string("cannot make a pipe for a worker: ") +
                       strerror(errno));
      fflush(nullptr);
      pid_t pid = fork();
      if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return IoError(std::string("cannot start a worker: ") +
                       strerror(errno));
      }
      if (pid == 0) {
        close(fds[0]);
        for (const Child& c : running) close(c.fd);
        RunChild(pipeline, items[next], limits, fds[1]);
      }
      close(fds[1]);
      running.push_back({pid, fds[0], next, Now(), false, {}});
      ++next;
    }
    if (!stop.ok() && running.empty()) break;
    if (running.empty()) continue;
    std::vector<pollfd> pfds;
    for (const Child& c : running) pfds.push_back({c.fd, POLLIN, 0});
    int n = poll(pfds.data(), pfds.size(), 200);
    if (n < 0 && errno != EINTR)
      return IoError(std::string("poll: ") + strerror(errno));
    const double now = Now();
    for (size_t k = running.size(); k-- > 0;) {
      Child& c = running[k];
      bool finished = false;
      if (n > 0 && (pfds[k].revents & (POLLIN | POLLHUP | POLLERR))) {
        char buf[65536];
        ssize_t got = read(c.fd, buf, sizeof buf);
        if (got > 0)
          c.bytes.append(buf, static_cast<size_t>(got));
        else if (got == 0 || errno != EINTR)
          finished = true;
      }
      if (!finished && limits.seconds > 0 && now - c.started > limits.seconds) {
        c.timed_out = true;
        kill(c.pid, SIGKILL);
        finished = true;
      }
      if (finished) {
        Status s = reap(c);
        if (!s.ok() && stop.ok()) stop = s;
        running.erase(running.begin() + static_cast<long>(k));
      }
    }
  }
  return stop;
}

}  // namespace planmine
