// Seconds on the monotonic clock, for durations (progress, time limits,
// benchmarks).
#ifndef PLANMINE_CORE_CLOCK_H_
#define PLANMINE_CORE_CLOCK_H_

#include <chrono>

namespace planmine {

inline double MonotonicSeconds() {
  return std::chrono::duration<double>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace planmine

#endif  // PLANMINE_CORE_CLOCK_H_
