// ParallelFor: fn(0) … fn(n - 1) on a few threads, for start-up work made
// of independent pieces (compiling pattern packs) that would otherwise keep
// one core busy while the other waits.
#ifndef PLANMINE_CORE_PARALLEL_H_
#define PLANMINE_CORE_PARALLEL_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <system_error>
#include <thread>
#include <vector>

namespace planmine {

// Calls fn(i) once for each i < n, on up to `threads` threads (the caller's
// among them), and returns when every call has. Each fn(i) must touch only
// what belongs to i.
template <typename Fn>
void ParallelFor(size_t n, Fn fn, unsigned threads = 2) {
  threads = std::max(
      1u, std::min<unsigned>(threads, std::thread::hardware_concurrency()));
  if (n <= 1 || threads == 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto run = [&] {
    for (size_t i = next++; i < n; i = next++) fn(i);
  };
  std::vector<std::thread> helpers;
  try {
    for (unsigned t = 1; t < threads && t < n; ++t) helpers.emplace_back(run);
  } catch (const std::system_error&) {
    // No thread to be had: the ones started and this one do the rest.
  }
  run();
  for (std::thread& t : helpers) t.join();
}

}  // namespace planmine

#endif  // PLANMINE_CORE_PARALLEL_H_
