// Helpers shared by planmine's tests: where things are, temporary folders,
// running the CLI.
#ifndef PLANMINE_TESTS_TEST_UTIL_H_
#define PLANMINE_TESTS_TEST_UTIL_H_

#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace planmine::testing {

inline std::string SourceDir() { return PLANMINE_SOURCE_DIR; }
inline std::string PacksDir() { return SourceDir() + "/extractors/packs"; }
inline std::string SampleDir() { return SourceDir() + "/corpora/sample"; }
inline std::string PlanmineBin() { return PLANMINE_BIN; }
// The sqlite3 shell with planmine's tokenizer loaded (the loadable extension),
// as a researcher would run it.
#ifdef PLANMINE_FTS_EXTENSION
inline std::string Sqlite3() {
#ifdef PLANMINE_SANITIZER_PRELOAD
  // The sanitizer build's extension needs its runtimes in the shell; the
  // shell's own allocations are not ours to leak-check.
  std::string env = std::string("ASAN_OPTIONS=detect_leaks=0 LD_PRELOAD=") +
                    PLANMINE_SANITIZER_PRELOAD + " ";
#else
  std::string env;
#endif
  // Waits up to 10 s for a lock: tests run in parallel, and a WAL reader
  // can meet a lock held briefly by another process's open (exit code 5,
  // SQLITE_BUSY, seen once in CI on the shared real-corpus index).
  return env + "sqlite3 -cmd '.timeout 10000' -cmd '.load " +
         PLANMINE_FTS_EXTENSION + "'";
}
#endif
inline std::string RealCorpusDir() {
  return SourceDir() + "/../shared/corpus-real";
}

// A fresh folder removed when the object dies.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("planmine-test-" + std::to_string(getpid()) + "-" +
             std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string path() const { return path_.string(); }
  std::string File(const std::string& name) const {
    return (path_ / name).string();
  }

 private:
  std::filesystem::path path_;
};

inline void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

// Runs a shell command, capturing its output and exit code.
inline CommandResult Run(const std::string& cmd) {
  CommandResult r;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0)
    r.out.append(buf.data(), n);
  int st = pclose(p);
  r.exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

}  // namespace planmine::testing

#endif  // PLANMINE_TESTS_TEST_UTIL_H_
