#include "pipeline/classify/running_header.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace planmine {

std::vector<RunningHeader> RunningHeaders(const NormalizedDocument& doc) {
  // Keyed by the line's words that hold a letter, counted once a page.
  std::map<std::string, RunningHeader> seen;
  const int pages = static_cast<int>(doc.pages.size());
  for (const NormalizedPage& p : doc.pages) {
    std::set<std::string> here;
    for (const std::string& f : p.furniture) {
      std::string key;
      for (const std::string& w : FoldedWords(f)) {
        bool letter = std::any_of(w.begin(), w.end(), [](char c) {
          unsigned char u = static_cast<unsigned char>(c);
          return u >= 0x80 || std::isalpha(u);
        });
        if (letter) (key += w) += ' ';
      }
      if (key.empty() || !here.insert(key).second) continue;
      RunningHeader& h = seen[key];
      if (h.pages++ == 0) h.text = f;
    }
  }
  std::vector<RunningHeader> out;
  for (auto& [key, h] : seen)
    if (h.pages >= 3 && h.pages * 10 >= pages * 3) out.push_back(h);
  std::stable_sort(out.begin(), out.end(),
                   [](const RunningHeader& a, const RunningHeader& b) {
                     return a.pages != b.pages ? a.pages > b.pages
                                               : a.text.size() > b.text.size();
                   });
  return out;
}

}  // namespace planmine
