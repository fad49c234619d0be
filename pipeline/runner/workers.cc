#include "pipeline/runner/workers.h"

#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "pipeline/core/clock.h"
#include "pipeline/runner/doc_codec.h"

#if defined(__SANITIZE_ADDRESS__)
#define PLANMINE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PLANMINE_ASAN 1
#endif
#endif

namespace planmine {
namespace {

#ifdef PLANMINE_ASAN
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif

double Now() { return MonotonicSeconds(); }

// A worker process: it reads the index of the next item from `task`,
// processes it, writes the result (8-byte length, then the bytes) to
// `result`, and waits for the next, until `task` closes.
struct Worker {
  pid_t pid = -1;
  int task = -1, result = -1;
  long busy = -1;  // index of the item being processed, -1 when idle
  double started = 0;
  bool timed_out = false;
  std::string refused;  // why its result was not accepted, if it was not
  std::string bytes;    // the result so far: 8-byte length, then the bytes
};

bool WriteAll(int fd, const void* data, size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

bool ReadAll(int fd, void* data, size_t size) {
  char* p = static_cast<char*>(data);
  while (size > 0) {
    ssize_t n = read(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// Fault injection for the tests of worker isolation:
// PLANMINE_WORKER_FAULT="crash=SUBSTR,hang=SUBSTR" makes a worker crash
// (SIGSEGV) or hang on files whose path contains SUBSTR; "claim=SUBSTR"
// makes it announce a result of 2^60 bytes on `result` and hang (a worker
// gone wrong, which the parent must not believe); "wait=SUBSTR"
// makes it create $PLANMINE_WORKER_GO.waiting, then wait (up to 2 min) for
// $PLANMINE_WORKER_GO to exist before reading such a file, so that a test
// can change files in the middle of a run.
void InjectFault(const std::string& path, int result) {
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
      if (item.compare(0, eq, "claim") == 0) {
        uint64_t size = 1ull << 60;
        if (write(result, &size, sizeof size) != sizeof size) _exit(3);
        for (;;) pause();
      }
      const char* go = getenv("PLANMINE_WORKER_GO");
      if (item.compare(0, eq, "wait") == 0 && go != nullptr) {
        std::ofstream(std::string(go) + ".waiting").put('\n');
        for (int k = 0; k < 2400 && access(go, F_OK) != 0; ++k)
          usleep(50 * 1000);
      }
    }
    i = j + 1;
  }
}

// In the parent: reads what worker `w` has sent. The 8-byte length comes
// first; once it is known (and under the cap, checked by the caller) the
// buffer is sized for the whole message at once, so that receiving takes
// the message's size, not up to twice it as a growing string does. False
// when the worker closed its end or the read failed.
bool ReadSome(Worker* w) {
  constexpr size_t kHeader = sizeof(uint64_t);
  char buf[65536];
  ssize_t got;
  do {
    got = read(w->result, buf, sizeof buf);
  } while (got < 0 && errno == EINTR);
  if (got <= 0) return false;
  if (w->bytes.size() < kHeader && w->bytes.size() + got >= kHeader) {
    uint64_t size = 0;
    std::string head = w->bytes;
    head.append(buf, kHeader - w->bytes.size());
    memcpy(&size, head.data(), kHeader);
    if (size <= kMaxWorkerResultBytes)  // else refused by the caller
      w->bytes.reserve(kHeader + static_cast<size_t>(size));
  }
  w->bytes.append(buf, static_cast<size_t>(got));
  return true;
}

// In the worker: serve items until the parent closes the task pipe; exit
// without running the parent's destructors (its database connection is the
// parent's).
[[noreturn]] void WorkerLoop(const Pipeline& pipeline,
                             const std::vector<WorkItem>& items,
                             const WorkerLimits& limits, int task, int result) {
  // A worker does not outlive its parent (a refresh killed with SIGKILL).
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() == 1) _exit(4);
  // AddressSanitizer reserves terabytes of address space for its shadow, so
  // an address-space cap cannot apply to a sanitizer build.
  if (limits.memory_mb > 0 && !kAddressSanitizer) {
    rlimit cap{};
    cap.rlim_cur = cap.rlim_max =
        static_cast<rlim_t>(limits.memory_mb) * 1024 * 1024;
    setrlimit(RLIMIT_AS, &cap);
  }
  uint64_t index = 0;
  while (ReadAll(task, &index, sizeof index)) {
    if (index >= items.size()) _exit(5);
    const WorkItem& item = items[index];
    InjectFault(item.file.path, result);
    std::string out = EncodeResult(pipeline.ProcessText(item.file));
    uint64_t size = out.size();
    if (!WriteAll(result, &size, sizeof size) ||
        !WriteAll(result, out.data(), out.size()))
      _exit(3);
  }
  _exit(0);
}

// Why a worker that sent no usable result ended.
Status WorkerFailure(const Worker& w, int wstatus, const WorkerLimits& limits) {
  if (!w.refused.empty()) return Internal(w.refused);
  if (w.timed_out)
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

using OnDone = std::function<Status(size_t, Result<IndexedDocument>)>;
// What the parent does to a decoded result before it is stored (mining it);
// an error stops the run as a failure to store does.
using Prepare = std::function<Status(size_t, IndexedDocument*)>;

// Calls `done` on a thread of its own, in the order results are put, so
// that while a document is written to the index the parent goes on reading
// the workers' pipes and handing out items: a worker writing a result of
// megabytes into a 64 KB pipe otherwise waits, idle, until the parent has
// stored the result before. Before that, a second thread decodes each
// result and runs `prepare` on it (the mining), so that the next document
// is mined while one is stored. At most `capacity` results wait, so that
// the parent's memory stays bounded by a few documents. Once `done` fails,
// or the run is interrupted, nothing more is stored.
class Storer {
 public:
  Storer(const OnDone& done, const Prepare& prepare,
         std::function<bool()> interrupted, size_t capacity)
      : done_(done),
        prepare_(prepare),
        interrupted_(std::move(interrupted)),
        capacity_(capacity),
        preparing_thread_([this] { PrepareLoop(); }),
        storing_thread_([this] { StoreLoop(); }) {}
  Storer(const Storer&) = delete;
  Storer& operator=(const Storer&) = delete;
  ~Storer() { (void)Finish(); }

  // Queues a worker's message (8-byte length, then an encoded result).
  void PutMessage(size_t index, std::string message) {
    Put({index, std::move(message), Status(), {}});
  }
  // Queues a failure.
  void PutFailure(size_t index, Status why) { Put({index, "", why, {}}); }

  // True once `done` has returned an error.
  bool failed() const { return failed_.load(); }

  // Stores what is queued, stops the threads; the first error `prepare` or
  // `done` returned, if any.
  Status Finish() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      closing_ = true;
    }
    ready_.notify_all();
    if (preparing_thread_.joinable()) preparing_thread_.join();
    {
      std::lock_guard<std::mutex> lock(mu_);
      prepared_closing_ = true;
    }
    prepared_ready_.notify_all();
    if (storing_thread_.joinable()) storing_thread_.join();
    return error_;
  }

  // Holds both threads between two documents while the caller has the
  // locks: a fork while one of them works could copy into the child a lock
  // it holds (ICU's, RE2's, SQLite's), which the child would then wait for
  // forever.
  std::pair<std::unique_lock<std::mutex>, std::unique_lock<std::mutex>>
  Pause() {
    std::unique_lock<std::mutex> a(preparing_), b(storing_);
    return {std::move(a), std::move(b)};
  }

 private:
  struct Job {
    size_t index;
    std::string message;  // empty for a failure
    Status failure;
    std::optional<Result<IndexedDocument>> result;  // once decoded
  };

  void Put(Job job) {
    std::unique_lock<std::mutex> lock(mu_);
    room_.wait(lock, [&] { return queue_.size() < capacity_ || failed(); });
    queue_.push_back(std::move(job));
    lock.unlock();
    ready_.notify_one();
  }

  void PrepareLoop() {
    for (;;) {
      Job job;
      {
        std::unique_lock<std::mutex> lock(mu_);
        ready_.wait(lock, [&] { return !queue_.empty() || closing_; });
        if (queue_.empty()) return;
        job = std::move(queue_.front());
        queue_.pop_front();
      }
      room_.notify_one();
      if (failed() || interrupted_()) continue;
      {
        std::lock_guard<std::mutex> hold(preparing_);
        if (job.message.empty()) {
          job.result.emplace(std::move(job.failure));
        } else {
          job.result.emplace(
              DecodeResult(std::move(job.message), sizeof(uint64_t)));
          if (job.result->ok()) {
            if (Status p = prepare_(job.index, &**job.result); !p.ok()) {
              Fail(p);
              continue;
            }
          }
        }
      }
      std::unique_lock<std::mutex> lock(mu_);
      prepared_room_.wait(lock, [&] { return prepared_.empty() || failed(); });
      prepared_.push_back(std::move(job));
      lock.unlock();
      prepared_ready_.notify_one();
    }
  }

  void StoreLoop() {
    for (;;) {
      Job job;
      {
        std::unique_lock<std::mutex> lock(mu_);
        prepared_ready_.wait(
            lock, [&] { return !prepared_.empty() || prepared_closing_; });
        if (prepared_.empty()) return;
        job = std::move(prepared_.front());
        prepared_.pop_front();
      }
      prepared_room_.notify_one();
      if (failed() || interrupted_()) continue;
      std::lock_guard<std::mutex> hold(storing_);
      Status s = done_(job.index, std::move(*job.result));
      if (!s.ok()) Fail(s);
    }
  }

  // The first error stops both threads; Finish returns it.
  void Fail(const Status& s) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!failed_) error_ = s;  // read by Finish after the joins
      failed_ = true;
    }
    room_.notify_all();
    prepared_room_.notify_all();
  }

  const OnDone& done_;
  const Prepare& prepare_;
  std::function<bool()> interrupted_;
  const size_t capacity_;
  std::mutex mu_;  // guards the queues and the closing flags
  std::condition_variable ready_, room_, prepared_ready_, prepared_room_;
  std::deque<Job> queue_;     // put, to be decoded and prepared
  std::deque<Job> prepared_;  // prepared, to be stored (one at most)
  bool closing_ = false, prepared_closing_ = false;
  std::mutex preparing_;  // held while `prepare` runs
  std::mutex storing_;    // held while `done` runs
  std::atomic<bool> failed_{false};
  Status error_;
  // Last: started once the rest is constructed.
  std::thread preparing_thread_, storing_thread_;
};

}  // namespace

Status ProcessInWorkers(
    const Pipeline& pipeline, const std::vector<WorkItem>& items,
    const WorkerLimits& limits,
    const std::function<Status(size_t, Result<IndexedDocument>)>& done) {
  auto interrupted = [&] {
    return limits.interrupted != nullptr && *limits.interrupted != 0;
  };
  if (limits.jobs <= 0) {
    if (!items.empty()) PLANMINE_RETURN_IF_ERROR(pipeline.CompilePatterns());
    for (size_t i = 0; i < items.size(); ++i) {
      if (interrupted()) return InterruptedBy(*limits.interrupted);
      PLANMINE_RETURN_IF_ERROR(
          done(i, pipeline.Process(items[i].file, &items[i].corrections)));
    }
    return Status();
  }
  if (items.empty()) return Status();
  // Largest files first: the last document to finish then tends to be a
  // small one, so that no worker idles at the end while the other reads
  // the biggest file alone.
  std::vector<size_t> order(items.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return items[a].file.size > items[b].file.size;
  });
  pipeline.Warm();  // loaded once, shared by every worker
  // The workers stop after the text stages; the parent mines every
  // document (`mine` below), so that the pattern sets' DFAs are built once,
  // in one process, instead of from cold in every worker. (Warming them on
  // the packs' examples before the fork cost more CPU than the workers
  // saved: docs/benchmarks.md, issue 18.)

  // A worker that died between two items closes its end of the task pipe:
  // writing to it must fail with EPIPE, not kill the parent.
  signal(SIGPIPE, SIG_IGN);
  std::vector<Worker> workers(
      std::min(static_cast<size_t>(limits.jobs), items.size()));
  Storer* storer = nullptr;  // set once the first workers are forked
  auto start = [&](Worker& w) -> Status {
    int task[2], result[2];
    if (pipe(task) != 0)
      return IoError(std::string("pipe: ") + strerror(errno));
    if (pipe(result) != 0) {
      close(task[0]);
      close(task[1]);
      return IoError(std::string("pipe: ") + strerror(errno));
    }
    fflush(nullptr);
    std::pair<std::unique_lock<std::mutex>, std::unique_lock<std::mutex>> pause;
    if (storer != nullptr) pause = storer->Pause();
    pid_t pid = fork();
    if (pid < 0) {
      for (int fd : {task[0], task[1], result[0], result[1]}) close(fd);
      return IoError(std::string("cannot start a worker: ") + strerror(errno));
    }
    if (pid == 0) {
      close(task[1]);
      close(result[0]);
      for (const Worker& o : workers) {
        if (o.task >= 0) close(o.task);
        if (o.result >= 0) close(o.result);
      }
      WorkerLoop(pipeline, items, limits, task[0], result[1]);
    }
    close(task[0]);
    close(result[1]);
    w = Worker();
    w.pid = pid;
    w.task = task[1];
    w.result = result[0];
    return Status();
  };
  Status stop;
  // Reports item `index`: a worker's message, or why there is none.
  auto deliver = [&](size_t index, std::string message, Status why) {
    if (message.empty())
      storer->PutFailure(index, std::move(why));
    else
      storer->PutMessage(index, std::move(message));
  };
  // Ends worker `w` (killed if need be) and reports its item as failed.
  auto lose = [&](Worker& w) {
    if (w.timed_out || !w.refused.empty()) kill(w.pid, SIGKILL);
    close(w.task);
    close(w.result);
    int wstatus = 0;
    while (waitpid(w.pid, &wstatus, 0) < 0 && errno == EINTR) {
    }
    long index = w.busy;
    Status why = WorkerFailure(w, wstatus, limits);
    w = Worker();
    if (index < 0) return;
    const std::string& path = items[static_cast<size_t>(index)].file.path;
    deliver(static_cast<size_t>(index), "",
            Status(why.code(), path + ": " + why.message()));
  };
  size_t next = 0, finished = 0;
  // Hands worker `w` the next item; false when its task pipe is gone (it
  // died while idle).
  auto assign = [&](Worker& w) -> bool {
    uint64_t index = order[next];
    if (!WriteAll(w.task, &index, sizeof index)) return false;
    w.busy = static_cast<long>(order[next++]);
    w.started = Now();
    w.bytes.clear();
    return true;
  };
  // Idle workers get the next items.
  auto hand_out = [&]() -> Status {
    for (Worker& w : workers) {
      if (w.pid < 0 || w.busy >= 0 || next >= items.size()) continue;
      if (!assign(w)) {
        lose(w);  // died while idle; its replacement takes over
        PLANMINE_RETURN_IF_ERROR(start(w));
      }
    }
    return Status();
  };
  for (Worker& w : workers) PLANMINE_RETURN_IF_ERROR(start(w));
  // Results are stored on their own thread from here on.
  // The workers made the text; the parent mines it with DFAs that stay
  // warm from one document to the next.
  // The first one compiles the packs' patterns (PipelineOptions::
  // defer_patterns; at once otherwise), while the workers read: a pattern
  // RE2 refuses stops the run before any document is mined or stored (a
  // file that failed to read may have been recorded as failed).
  Prepare mine = [&](size_t index, IndexedDocument* doc) -> Status {
    PLANMINE_RETURN_IF_ERROR(pipeline.CompilePatterns());
    pipeline.MineAndClassify(&items[index].corrections, doc);
    return Status();
  };
  Storer storing(done, mine, interrupted, workers.size());
  storer = &storing;
  auto failed = [&] { return !stop.ok() || storer->failed(); };
  while (finished < items.size() && !failed()) {
    // A signal: busy workers are killed below, nothing more is stored.
    if (interrupted()) {
      stop = InterruptedBy(*limits.interrupted);
      break;
    }
    if (Status r = hand_out(); !r.ok()) return r;
    std::vector<pollfd> pfds;
    std::vector<Worker*> polled;
    for (Worker& w : workers)
      if (w.busy >= 0) {
        pfds.push_back({w.result, POLLIN, 0});
        polled.push_back(&w);
      }
    if (pfds.empty()) break;
    int n = poll(pfds.data(), pfds.size(), 200);
    if (n < 0 && errno != EINTR)
      return IoError(std::string("poll: ") + strerror(errno));
    const double now = Now();
    // (A worker that a terminal's ^C ended too is not its item's failure.)
    for (size_t k = 0; k < polled.size() && !failed() && !interrupted(); ++k) {
      Worker& w = *polled[k];
      bool lost = false;
      if (n > 0 && (pfds[k].revents & (POLLIN | POLLHUP | POLLERR)))
        lost = !ReadSome(&w);
      uint64_t size = 0;
      if (!lost && w.bytes.size() >= sizeof size) {
        memcpy(&size, w.bytes.data(), sizeof size);
        if (size > kMaxWorkerResultBytes) {
          w.refused = "its worker sent a result of " + std::to_string(size) +
                      " bytes, over the limit of " +
                      std::to_string(kMaxWorkerResultBytes);
          lost = true;
        } else if (w.bytes.size() >= sizeof size + size) {
          size_t index = static_cast<size_t>(w.busy);
          w.busy = -1;
          ++finished;
          // The message is handed over, so that it is freed as soon as it
          // is decoded, before the document is stored.
          std::string message = std::move(w.bytes);
          w.bytes = std::string();
          // The worker gets its next item before this one is stored (a
          // worker whose pipe is gone is found and replaced above, on the
          // next round).
          if (next < items.size() && !interrupted()) (void)assign(w);
          deliver(index, std::move(message), Status());
          continue;
        }
      }
      if (!lost && limits.seconds > 0 && now - w.started > limits.seconds) {
        w.timed_out = true;
        lost = true;
      }
      if (lost) {
        ++finished;
        lose(w);
        if (next < items.size() && !failed())
          if (Status r = start(w); !r.ok()) return r;
      }
    }
  }
  // No more work: the workers see their task pipe close and exit.
  for (Worker& w : workers) {
    if (w.pid < 0) continue;
    close(w.task);
    close(w.result);
    if (w.busy >= 0) kill(w.pid, SIGKILL);
    int wstatus = 0;
    while (waitpid(w.pid, &wstatus, 0) < 0 && errno == EINTR) {
    }
  }
  if (Status s = storer->Finish(); !s.ok()) return s;
  return stop;
}

}  // namespace planmine
