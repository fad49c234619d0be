// Word-level normalized edit distance: the extraction quality measure used by
// the end-to-end tests and the benchmark.
#ifndef PLANMINE_TESTS_TEXT_METRICS_H_
#define PLANMINE_TESTS_TEXT_METRICS_H_

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

namespace planmine::testing {

inline std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

// Levenshtein distance over words divided by the longer length (0 = same).
inline double WordNed(const std::string& a, const std::string& b) {
  std::vector<std::string> x = Words(a), y = Words(b);
  if (x.empty() && y.empty()) return 0;
  std::vector<size_t> prev(y.size() + 1), cur(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= x.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= y.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1,
                         prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return static_cast<double>(prev[y.size()]) / std::max(x.size(), y.size());
}

}  // namespace planmine::testing

#endif  // PLANMINE_TESTS_TEXT_METRICS_H_
