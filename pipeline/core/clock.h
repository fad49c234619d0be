// Seconds on the monotonic clock, for durations (progress, time limits,
// benchmarks).
#ifndef PLANMINE_CORE_CLOCK_H_
#define PLANMINE_CORE_CLOCK_H_

#include <chrono>
#include <map>
#include <string>

namespace planmine {

inline double MonotonicSeconds() {
  return std::chrono::duration<double>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Wall time charged to named stages: Lap(stage) adds the seconds since the
// previous Lap (or since construction or Restart) to `stage`.
class StageTimer {
 public:
  explicit StageTimer(std::map<std::string, double>* into)
      : into_(into), since_(MonotonicSeconds()) {}
  // Time from here on is charged to the next Lap, what came before to none.
  void Restart() { since_ = MonotonicSeconds(); }
  void Lap(const char* stage) {
    const double now = MonotonicSeconds();
    (*into_)[stage] += now - since_;
    since_ = now;
  }

 private:
  std::map<std::string, double>* into_;
  double since_;
};

}  // namespace planmine

#endif  // PLANMINE_CORE_CLOCK_H_
