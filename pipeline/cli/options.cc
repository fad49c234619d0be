#include "pipeline/cli/options.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>

#include "pipeline/core/utf8.h"

namespace planmine {

std::string RangeMessage(const std::string& option, long long lo, long long hi,
                         const std::string& note,
                         const std::vector<OptionWord>& words,
                         const std::string& got) {
  std::string m = option + " must be between " + std::to_string(lo) + " and " +
                  std::to_string(hi);
  if (!note.empty()) m += " (" + note + ")";
  for (size_t i = 0; i < words.size(); ++i)
    m += (i + 1 == words.size() ? " or '" : ", '") + words[i].first + "'";
  return m + ", got " + got;
}

CLI::Validator IntRange(const std::string& option, long long lo, long long hi,
                        const std::string& note,
                        std::vector<OptionWord> words) {
  std::string desc = "[" + std::to_string(lo) + ".." + std::to_string(hi) + "]";
  for (const OptionWord& w : words) desc += " or " + w.first;
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        const std::string t(TrimAscii(text));
        for (const OptionWord& w : words)
          if (AsciiLower(t) == w.first) {
            text = w.second;
            return "";
          }
        long long v = 0;
        const char* end = t.data() + t.size();
        auto [p, ec] = std::from_chars(t.data(), end, v);
        // A number beyond long long is beyond the range too.
        const bool digits = !t.empty() && t.find_first_not_of("+-0123456789") ==
                                              std::string::npos;
        if (ec == std::errc::result_out_of_range && digits)
          return RangeMessage(option, lo, hi, note, words, t);
        if (ec != std::errc() || p != end)
          return RangeMessage(option, lo, hi, note, words, "'" + t + "'");
        if (v < lo || v > hi)
          return RangeMessage(option, lo, hi, note, words, t);
        text = std::to_string(v);
        return "";
      },
      desc);
}

std::string OptionErrorText(const std::string& what) {
  const size_t colon = what.find(": ");
  if (colon == std::string::npos) return what;
  const std::string name = what.substr(0, colon);
  if (what.compare(colon + 2, name.size() + 1, name + " ") == 0)
    return what.substr(colon + 2);
  return what;
}

int MaxJobs(std::string* note) {
  const long cores = std::max(1L, sysconf(_SC_NPROCESSORS_ONLN));
  int by_cores = static_cast<int>(4 * cores);
  // Two pipes (four descriptors) per worker while it starts, two kept
  // after; 64 for the index, its journal, the files read and stdio.
  int by_files = by_cores;
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
    const long long room = static_cast<long long>(rl.rlim_cur) - 64;
    by_files = static_cast<int>(std::max(1LL, std::min(100000LL, room / 4)));
  }
  const int max = std::max(1, std::min(by_cores, by_files));
  if (note != nullptr)
    *note = "4 per core, " + std::to_string(cores) +
            (cores == 1 ? " core" : " cores") +
            (by_files < by_cores
                 ? "; the open-file limit allows " + std::to_string(by_files)
                 : "");
  return max;
}

}  // namespace planmine
