// A refresh killed with SIGKILL at random moments leaves an index that
// passes its integrity checks, and the next complete refresh converges to
// exactly what a clean run makes.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <regex>
#include <thread>

#include "tests/catch.h"
#include "tests/test_util.h"

extern char** environ;

namespace planmine {
using namespace testing;
namespace fs = std::filesystem;

namespace {

// Starts `cmd` under /bin/sh with exec, so that the pid is planmine's own.
pid_t Spawn(const std::string& cmd) {
  std::string line = "exec " + cmd + " >/dev/null 2>&1";
  const char* argv[] = {"/bin/sh", "-c", line.c_str(), nullptr};
  pid_t pid = -1;
  if (posix_spawn(&pid, "/bin/sh", nullptr, nullptr, const_cast<char**>(argv),
                  environ) != 0)
    return -1;
  return pid;
}

// Every export table, with the ingestion timestamps (which differ between
// any two runs) blanked.
std::string Export(const std::string& db, const std::string& out) {
  CommandResult r = Run(PlanmineBin() + " --db " + db + " export --out " + out);
  REQUIRE(r.exit_code == 0);
  std::string all;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(out)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  static const std::regex kStamp("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
  for (const fs::path& f : files)
    all += "== " + f.filename().string() + "\n" +
           std::regex_replace(ReadFile(f.string()), kStamp, "T");
  return all;
}

}  // namespace

TEST_CASE(
    "Crash safety: 20 refreshes killed with SIGKILL at random moments: the "
    "index stays intact and the last refresh equals a clean run",
    "[e2e][crash]") {
  TempDir dir;
  // Eight copies of the sample corpus, so that a run takes long enough to be
  // killed in the middle of something.
  fs::create_directories(dir.File("in"));
  for (int k = 0; k < 8; ++k)
    for (const auto& e : fs::directory_iterator(SampleDir() + "/docs"))
      fs::copy_file(e.path(), dir.File("in/" + std::to_string(k) + "-" +
                                       e.path().filename().string()));
  // Two pack sets: switching between them re-mines every document; switching
  // OCR on and off re-extracts every one.
  fs::create_directories(dir.File("a"));
  fs::create_directories(dir.File("b"));
  for (const auto& e : fs::directory_iterator(PacksDir())) {
    fs::copy_file(e.path(), dir.File("a/" + e.path().filename().string()));
    fs::copy_file(e.path(), dir.File("b/" + e.path().filename().string()));
  }
  WriteFile(dir.File("b/themes.es.pat"),
            ReadFile(dir.File("b/themes.es.pat")) +
                "health.crash  \\bcompromisos?\\b\n");
  const std::string db = dir.File("crash.sqlite");
  auto command = [&](int i) {
    const char* packs = i % 3 == 1 ? "b" : "a";
    return PlanmineBin() + " --db " + db + " --packs " + dir.File(packs) +
           (i % 3 == 2 ? " " : " --ocr off ") + "ingest -q " + dir.File("in");
  };
  std::mt19937 rng(20261123);
  std::uniform_int_distribution<int> delay_ms(10, 400);
  int killed = 0, finished = 0;
  for (int i = 0; i < 20; ++i) {
    pid_t pid = Spawn(command(i));
    REQUIRE(pid > 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      ++killed;
    else
      ++finished;
    if (!fs::exists(db)) continue;  // killed before it made the file
    INFO("after kill " << i);
    CommandResult check = Run(Sqlite3() + " " + db +
                              " 'PRAGMA integrity_check; PRAGMA "
                              "foreign_key_check;'");
    CHECK(check.exit_code == 0);
    CHECK(check.out == "ok\n");
    // Killed before the schema's transaction committed: an empty file,
    // which the next run sets up.
    CommandResult schema =
        Run(Sqlite3() + " " + db +
            " \"SELECT count(*) FROM sqlite_master WHERE name = "
            "'sentences_fts'\"");
    if (schema.out == "0\n") continue;
    CommandResult fts = Run(Sqlite3() + " " + db +
                            " \"INSERT INTO sentences_fts(sentences_fts) "
                            "VALUES('integrity-check');\"");
    INFO(fts.out);
    CHECK(fts.exit_code == 0);
    CHECK(fts.out.empty());
  }
  // Most runs must really have been killed in the middle.
  CHECK(killed >= 15);
  // The next refresh completes, and equals a clean run.
  CommandResult last = Run(command(0));
  INFO(last.out);
  CHECK(last.exit_code == 0);
  const std::string clean = dir.File("clean.sqlite");
  REQUIRE(Run(PlanmineBin() + " --db " + clean + " --packs " + dir.File("a") +
              " --ocr off ingest -q " + dir.File("in"))
              .exit_code == 0);
  std::string got = Export(db, dir.File("export-crash"));
  std::string want = Export(clean, dir.File("export-clean"));
  CHECK(got.size() > 10000);
  CHECK(got == want);
  WARN("crash test: " << killed << " runs killed, " << finished
                      << " finished before the kill");
}

}  // namespace planmine
