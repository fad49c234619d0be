// The index file as hostile input and as a shared resource: one identity
// however it is named, never written when it is not ours or is newer than
// us, readable when read-only, every refusal naming its real cause, every
// run record closed, and file names unable to steer the terminal.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/catch.h"
#include "tests/test_util.h"

extern char** environ;

namespace planmine {
using namespace testing;
namespace fs = std::filesystem;

namespace {

std::string Cli(const std::string& db, const std::string& args) {
  return "timeout 120 " + PlanmineBin() + " --db '" + db + "' " + args;
}

// The sqlite3 shell's answer (planmine's tokenizer loaded).
std::string Sql(const std::string& db, const std::string& sql) {
  CommandResult r = Run(Sqlite3() + " '" + db + "' \"" + sql + "\"");
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

// Starts `cmd` under /bin/sh with exec, so that the pid is planmine's own.
pid_t Spawn(const std::string& cmd, const std::string& log) {
  std::string line = "exec " + cmd + " >'" + log + "' 2>&1";
  const char* argv[] = {"/bin/sh", "-c", line.c_str(), nullptr};
  pid_t pid = -1;
  if (posix_spawn(&pid, "/bin/sh", nullptr, nullptr, const_cast<char**>(argv),
                  environ) != 0)
    return -1;
  return pid;
}

// Waits (up to 60 s) for `path` to exist.
bool WaitFor(const std::string& path) {
  for (int i = 0; i < 1200; ++i) {
    if (fs::exists(path)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

int WaitExit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status)     ? WEXITSTATUS(status)
         : WIFSIGNALED(status) ? 1000 + WTERMSIG(status)
                               : -1;
}

// A folder with one small document (no Poppler needed).
std::string OneDoc(const TempDir& dir) {
  fs::create_directories(dir.File("in"));
  fs::copy_file(SampleDir() + "/docs/es-blog-gobierno-abierto.md",
                dir.File("in/blog.md"));
  return dir.File("in");
}

// An ingest held in its worker until `go` exists: it has the lock and an
// open run record meanwhile. Returns its pid once the worker waits.
pid_t HeldIngest(const std::string& db, const std::string& in,
                 const std::string& go, const std::string& log) {
  // No timeout(1) in between: signals go to planmine itself.
  pid_t pid = Spawn(
      "env PLANMINE_WORKER_FAULT=wait=blog PLANMINE_WORKER_GO=" + go + " " +
          PlanmineBin() + " --db '" + db + "' ingest --jobs 1 " + in,
      log);
  if (pid > 0 && !WaitFor(go + ".waiting")) {
    kill(pid, SIGKILL);
    WaitExit(pid);
    return -1;
  }
  return pid;
}

}  // namespace

// --- identity: one lock however the index is named -------------------------

TEST_CASE(
    "Index safety: a second ingest through another name of the same index is "
    "refused while the first runs",
    "[e2e][index_safety]") {
  auto [kind] = GENERATE(
      table<std::string>({"symlink to the file", "symlink to the folder",
                          "hard link", "dot-dot path"}));
  INFO(kind);
  TempDir dir;
  const std::string in = OneDoc(dir);
  fs::create_directories(dir.File("real"));
  const std::string db = dir.File("real/i.sqlite");
  REQUIRE(Run(Cli(db, "ingest -q " + in)).exit_code == 0);
  std::string other;
  if (kind == "symlink to the file") {
    other = dir.File("link.sqlite");
    fs::create_symlink(db, other);
  } else if (kind == "symlink to the folder") {
    fs::create_directory_symlink(dir.File("real"), dir.File("alias"));
    other = dir.File("alias/i.sqlite");
  } else if (kind == "hard link") {
    other = dir.File("hard.sqlite");
    fs::create_hard_link(db, other);
  } else {
    other = dir.File("in/../real/i.sqlite");
  }
  // A new file makes the first run read it in its held worker.
  WriteFile(in + "/blog2.md", ReadFile(in + "/blog.md") + "\nMás.\n");
  fs::rename(in + "/blog.md", in + "/blog0.md");
  fs::rename(in + "/blog2.md", in + "/blog.md");
  const std::string go = dir.File("go");
  pid_t first = HeldIngest(db, in, go, dir.File("first.log"));
  REQUIRE(first > 0);
  CommandResult second = Run(Cli(other, "ingest -q " + in));
  WriteFile(go, "go");
  const int first_exit = WaitExit(first);
  INFO(second.out);
  CHECK(second.exit_code == 2);
  CHECK(
      second.out.find("planmine: " + other +
                      ": another ingest is already running on this index (") !=
      std::string::npos);
  CHECK(first_exit == 0);
  // Once the first is done, the other name works.
  CHECK(Run(Cli(other, "ingest -q " + in)).exit_code == 0);
}

// --- not ours, or newer than us: refused, the file left as it was ----------

TEST_CASE(
    "Index safety: ingest into a SQLite file that is not a planmine index is "
    "refused and leaves it untouched unless --allow-foreign-db",
    "[e2e][index_safety]") {
  auto [kind, sql] = GENERATE(table<std::string, std::string>({
      {"a table", "CREATE TABLE notes(x); INSERT INTO notes VALUES ('keep');"},
      {"a view only", "CREATE VIEW v AS SELECT 1 AS one;"},
      {"a meta table of another shape",
       "CREATE TABLE meta(k, v); INSERT INTO meta VALUES ('a', 'b');"},
      {"a meta table without planmine's version",
       "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta "
       "VALUES ('owner', 'someone');"},
  }));
  INFO(kind);
  TempDir dir;
  const std::string in = OneDoc(dir);
  const std::string db = dir.File("other.db");
  Sql(db, sql);
  const std::string before = ReadFile(db);
  CommandResult r = Run(Cli(db, "ingest -q " + in));
  INFO(r.out);
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("planmine: " + db +
                   ": a SQLite database that is not a planmine index (") !=
        std::string::npos);
  CHECK(r.out.find("nothing written to it (choose another --db, or pass "
                   "ingest --allow-foreign-db to add planmine's tables to "
                   "it)") != std::string::npos);
  CHECK(ReadFile(db) == before);  // same bytes: not even switched to WAL
  CHECK_FALSE(fs::exists(db + "-wal"));
  // Queries say what it is, and do not touch it either.
  CommandResult q = Run(Cli(db, "search gobierno"));
  CHECK(q.exit_code == 2);
  CHECK(q.out ==
        "planmine: " + db +
            ": not a planmine index: a SQLite database without planmine's "
            "tables (pass --db with a planmine index)\n");
  CHECK(ReadFile(db) == before);
  // Told to, planmine adds its tables beside the others; a table of its
  // own name but another shape stops it, its tables rolled back.
  CommandResult forced = Run(Cli(db, "ingest -q --allow-foreign-db " + in));
  INFO(forced.out);
  if (kind == "a meta table of another shape") {
    CHECK(forced.exit_code == 2);
    CHECK(forced.out ==
          "planmine: " + db + ": sqlite: no such column: value\n");
    CHECK(Sql(db,
              "SELECT count(*) FROM sqlite_master WHERE name = "
              "'documents'") == "0\n");
    CHECK(Sql(db, "SELECT v FROM meta") == "b\n");
  } else {
    CHECK(forced.exit_code == 0);
    CHECK(Sql(db, "SELECT count(*) FROM documents") == "1\n");
  }
  if (kind == "a table") CHECK(Sql(db, "SELECT x FROM notes") == "keep\n");
}

TEST_CASE(
    "Index safety: a file that is not SQLite at all is refused for writing "
    "and reading, named as such, and left untouched",
    "[e2e][index_safety]") {
  auto [kind, bytes] = GENERATE(table<std::string, std::string>({
      {"text", "these are my notes, not a database\n"},
      {"random bytes", std::string(4096, '\x9c') + "junk"},
  }));
  INFO(kind);
  TempDir dir;
  const std::string in = OneDoc(dir);
  const std::string db = dir.File("notes.sqlite");
  WriteFile(db, bytes);
  CommandResult w = Run(Cli(db, "ingest -q " + in));
  CHECK(w.exit_code == 2);
  CHECK(w.out == "planmine: " + db + ": file is not a database\n");
  CHECK(ReadFile(db) == bytes);
  for (const char* command : {"search gobierno", "status", "failures"}) {
    CommandResult q = Run(Cli(db, command));
    INFO(command);
    CHECK(q.exit_code == 2);
    CHECK(q.out == "planmine: " + db + ": file is not a database\n");
  }
  CHECK(ReadFile(db) == bytes);
}

TEST_CASE(
    "Index safety: an index of a newer schema is refused for writing and "
    "reading with the version it has and the one this planmine reads, and "
    "is never relabelled",
    "[e2e][index_safety]") {
  // The next version, and one far ahead.
  const int ahead = GENERATE(1, 89);
  TempDir dir;
  const std::string in = OneDoc(dir);
  const std::string db = dir.File("i.sqlite");
  REQUIRE(Run(Cli(db, "ingest -q " + in)).exit_code == 0);
  const std::string ours =
      Sql(db, "SELECT value FROM meta WHERE key = 'schema_version'");
  const std::string version = std::to_string(std::stoi(ours) + ahead);
  Sql(db,
      "UPDATE meta SET value = '" + version + "' WHERE key = 'schema_version'");
  const std::string want = "planmine: " + db + ": index schema " + version +
                           " was written by a newer planmine; this planmine "
                           "reads schema " +
                           std::to_string(std::stoi(ours)) +
                           " or older (upgrade planmine to use this index)\n";
  const std::string runs = Sql(db, "SELECT count(*) FROM ingest_runs");
  for (const std::string& command :
       {"ingest -q " + in, std::string("search gobierno"),
        std::string("status"), "set " + in + "/blog.md year=2020"}) {
    INFO(command);
    CommandResult r = Run(Cli(db, command));
    CHECK(r.exit_code == 2);
    CHECK(r.out == want);
  }
  CHECK(Sql(db, "SELECT value FROM meta WHERE key = 'schema_version'") ==
        version + "\n");
  CHECK(Sql(db, "SELECT count(*) FROM ingest_runs") == runs);
}

// --- reading: read-only works, each failure names its cause ----------------

TEST_CASE(
    "Index safety: an index in a read-only folder, or read-only itself, is "
    "searchable",
    "[e2e][index_safety]") {
  TempDir dir;
  const std::string in = OneDoc(dir);
  fs::create_directories(dir.File("ro"));
  const std::string db = dir.File("ro/i.sqlite");
  REQUIRE(Run(Cli(db, "ingest -q " + in)).exit_code == 0);
  REQUIRE(Sql(db, "PRAGMA journal_mode") == "wal\n");
  REQUIRE_FALSE(fs::exists(db + "-shm"));
  const std::string search = Cli(db, "search gobierno --format json");
  const std::string status = Cli(db, "status");
  std::string wrap_search, wrap_status;
  if (getuid() == 0) {
    // Root ignores permission bits: the folder is mounted read-only in a
    // private mount namespace instead (EROFS for everyone, root included).
    if (Run("unshare -rm true").exit_code != 0)
      FAIL(
          "unshare(1) cannot make a mount namespace here: cannot test a "
          "read-only folder as root");
    auto ro = [&](const std::string& cmd) {
      return "unshare -rm sh -c \"mount --bind -o ro '" + dir.File("ro") +
             "' '" + dir.File("ro") + "' && touch '" + dir.File("ro/probe") +
             "' 2>/dev/null; test ! -e '" + dir.File("ro/probe") + "' && " +
             cmd + "\"";
    };
    wrap_search = ro(search);
    wrap_status = ro(status);
  } else {
    fs::permissions(db, fs::perms::owner_read | fs::perms::group_read |
                            fs::perms::others_read);
    fs::permissions(dir.File("ro"),
                    fs::perms::owner_read | fs::perms::owner_exec);
    wrap_search = search;
    wrap_status = status;
  }
  CommandResult s = Run(wrap_search);
  CommandResult st = Run(wrap_status);
  if (getuid() != 0) fs::permissions(dir.File("ro"), fs::perms::owner_all);
  INFO(s.out);
  CHECK(s.exit_code == 0);
  CHECK(s.out.find("\"file\": \"" + in + "/blog.md\"") != std::string::npos);
  INFO(st.out);
  CHECK(st.exit_code == 0);
  CHECK(st.out.find("Last runs") != std::string::npos);
}

TEST_CASE(
    "Index safety: a --db that is not a regular file is refused before "
    "SQLite opens it, with the reason",
    "[e2e][index_safety]") {
  auto [kind, reason] = GENERATE(table<std::string, std::string>({
      {"fifo", "is a FIFO (named pipe), not an index file"},
      {"directory", "is a directory, not an index file"},
      {"device", "is a character device, not an index file"},
  }));
  INFO(kind);
  TempDir dir;
  const std::string in = OneDoc(dir);
  std::string db = dir.File("x.sqlite");
  if (kind == "fifo") REQUIRE(Run("mkfifo '" + db + "'").exit_code == 0);
  if (kind == "directory") fs::create_directories(db);
  if (kind == "device") db = "/dev/null";
  for (const std::string& command :
       {std::string("search gobierno"), std::string("status"),
        "ingest -q " + in}) {
    INFO(command);
    auto t0 = std::chrono::steady_clock::now();
    CommandResult r = Run(Cli(db, command));
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(60));
    CHECK(r.exit_code == 2);
    CHECK(r.out == "planmine: " + db + ": " + reason + "\n");
  }
}

TEST_CASE(
    "Index safety: a missing, empty, truncated or damaged index is reported "
    "as such, never as an invalid query",
    "[e2e][index_safety]") {
  auto [kind] = GENERATE(table<std::string>(
      {"missing", "empty", "truncated", "zeroed pages", "bad header"}));
  INFO(kind);
  TempDir dir;
  const std::string in = OneDoc(dir);
  const std::string db = dir.File("i.sqlite");
  if (kind == "missing") {
    CommandResult r = Run(Cli(db, "search gobierno"));
    CHECK(r.exit_code == 2);
    CHECK(r.out == "planmine: " + db +
                       ": no index here (run 'planmine ingest PATH' first, or "
                       "pass --db)\n");
    return;
  }
  if (kind == "empty") {
    WriteFile(db, "");
    CommandResult r = Run(Cli(db, "search gobierno"));
    CHECK(r.exit_code == 2);
    CHECK(r.out == "planmine: " + db +
                       ": not a planmine index: an empty database (run "
                       "'planmine ingest' first)\n");
    return;
  }
  REQUIRE(Run(Cli(db, "ingest -q " + in)).exit_code == 0);
  std::string bytes = ReadFile(db);
  REQUIRE(bytes.size() > 8 * 4096);
  if (kind == "truncated") bytes.resize(bytes.size() / 2);
  if (kind == "zeroed pages")  // every page but the first (header, schema)
    for (size_t i = 4096; i < bytes.size(); ++i) bytes[i] = 0;
  if (kind == "bad header") bytes.replace(0, 16, "not SQLite here!");
  WriteFile(db, bytes);
  for (const char* command :
       {"search gobierno", "search \"gobierno abierto\"", "search gob*"}) {
    INFO(command);
    CommandResult r = Run(Cli(db, command));
    INFO(r.out);
    CHECK(r.exit_code == 2);
    CHECK(r.out.find("invalid search query") == std::string::npos);
    const bool named =
        r.out.find("planmine: " + db + ": database disk image is malformed") !=
            std::string::npos ||
        r.out.find("planmine: " + db + ": file is not a database") !=
            std::string::npos;
    CHECK(named);
  }
}

// --- writing: checked first, and every run record closed -------------------

TEST_CASE(
    "Index safety: an unwritable --report-json or --report is refused before "
    "the run, nothing ingested",
    "[e2e][index_safety]") {
  auto [option, target, reason] =
      GENERATE(table<std::string, std::string, std::string>({
          {"--report-json", "no/such/folder/r.json",
           "cannot write the run report: No such file or directory"},
          {"--report-json", "a-folder",
           "cannot write the run report: is a "
           "directory"},
          {"--report", "a-file/r.html",
           "cannot write the HTML report: " + std::string("$DIR/a-file") +
               ": Not a directory"},
          {"--report", "a-folder",
           "cannot write the HTML report: is a "
           "directory"},
      }));
  INFO(option << " " << target);
  TempDir dir;
  const std::string in = OneDoc(dir);
  fs::create_directories(dir.File("a-folder"));
  WriteFile(dir.File("a-file"), "a file\n");
  const std::string db = dir.File("i.sqlite");
  CommandResult r =
      Run(Cli(db, "ingest -q " + in + " " + option + " " + dir.File(target)));
  CHECK(r.exit_code == 2);
  std::string why = reason;
  if (size_t at = why.find("$DIR"); at != std::string::npos)
    why.replace(at, 4, dir.path());
  CHECK(r.out == "planmine: " + dir.File(target) + ": " + why + "\n");
  CHECK_FALSE(fs::exists(db));
}

TEST_CASE(
    "Index safety: a run stopped by a signal is closed as aborted, its lock "
    "released, and exits 128 + the signal",
    "[e2e][index_safety]") {
  auto [sig, name] = GENERATE(table<int, std::string>({
      {SIGTERM, "SIGTERM"},
      {SIGINT, "SIGINT"},
  }));
  INFO(name);
  TempDir dir;
  const std::string in = OneDoc(dir);
  const std::string db = dir.File("i.sqlite");
  const std::string go = dir.File("go");
  pid_t pid = HeldIngest(db, in, go, dir.File("run.log"));
  REQUIRE(pid > 0);
  kill(pid, sig);
  const int exit_code = WaitExit(pid);
  INFO(ReadFile(dir.File("run.log")));
  CHECK(exit_code == 128 + sig);
  CHECK(ReadFile(dir.File("run.log")) ==
        "planmine: interrupted by signal (" + name + ")\n");
  CHECK(Sql(db, "SELECT status, finished_at IS NOT NULL FROM ingest_runs") ==
        "aborted: interrupted by signal (" + name + ")|1\n");
  CHECK(Sql(db, "SELECT count(*) FROM documents") == "0\n");
  // The lock went with it: the next run goes, and status shows both.
  CommandResult next = Run(Cli(db, "ingest -q " + in));
  INFO(next.out);
  CHECK(next.exit_code == 0);
  CommandResult status = Run(Cli(db, "status"));
  CHECK(status.out.find("aborted: interrupted by signal (" + name + ")") !=
        std::string::npos);
}

TEST_CASE(
    "Index safety: a run killed with SIGKILL is closed as aborted by the next "
    "run, and status shows it",
    "[e2e][index_safety]") {
  TempDir dir;
  const std::string in = OneDoc(dir);
  const std::string db = dir.File("i.sqlite");
  pid_t pid = HeldIngest(db, in, dir.File("go"), dir.File("run.log"));
  REQUIRE(pid > 0);
  kill(pid, SIGKILL);
  CHECK(WaitExit(pid) == 1000 + SIGKILL);
  CHECK(Sql(db, "SELECT status FROM ingest_runs") == "running\n");
  CHECK(Run(Cli(db, "ingest -q " + in)).exit_code == 0);
  CHECK(Sql(db,
            "SELECT id, status, finished_at IS NOT NULL FROM ingest_runs "
            "ORDER BY id") ==
        "1|aborted: process ended without closing the run|1\n2|ok|1\n");
  CommandResult status = Run(Cli(db, "status --format json"));
  CHECK(status.exit_code == 0);
  CHECK(status.out.find(
            "\"status\": \"aborted: process ended without closing the run\"") !=
        std::string::npos);
}

// Too many open files no longer happens midway: --jobs is bounded by the
// open-file limit before the run starts (e2e_strict_inputs_test.cc), so a
// run that outgrows its limits is made here with a file-size limit.
TEST_CASE(
    "Index safety: a run that stops on an error (no room to write) is closed "
    "as aborted with the reason",
    "[e2e][index_safety]") {
  auto [kind, limit, reason] =
      GENERATE(table<std::string, std::string, std::string>({
          {"file too large (as a full disk)", "trap '' XFSZ; ulimit -f 160",
           "cannot write to the index"},
      }));
  INFO(kind);
  TempDir dir;
  fs::create_directories(dir.File("in"));
  // Enough documents that the run outgrows the limit midway.
  for (int k = 0; k < 12; ++k)
    for (const auto& e : fs::directory_iterator(SampleDir() + "/docs"))
      fs::copy_file(e.path(), dir.File("in/" + std::to_string(k) + "-" +
                                       e.path().filename().string()));
  const std::string db = dir.File("i.sqlite");
  // The index made first, within the limits, so that the run itself fails.
  REQUIRE(
      Run(Cli(db, "ingest -q " + dir.File("in/0-es-blog-gobierno-abierto.md")))
          .exit_code == 0);
  CommandResult r =
      Run("sh -c \"" + limit + "; exec " +
          Cli(db, "--ocr off ingest -q --jobs 2 " + dir.File("in")) + "\"");
  INFO(r.out);
  CHECK(r.exit_code == 2);
  CHECK(r.out.find(reason) != std::string::npos);
  const std::string runs =
      Sql(db, "SELECT status FROM ingest_runs ORDER BY id");
  INFO(runs);
  CHECK(runs.rfind("ok\n", 0) == 0);
  CHECK(runs.find("running") == std::string::npos);
  // Closed by the run itself, or (when even that write had no room) by the
  // next one; either way with a reason.
  CHECK(runs.find("\naborted: ") != std::string::npos);
}

// --- the terminal: names cannot split or colour lines ----------------------

TEST_CASE(
    "Index safety: control characters in failing files' names are escaped on "
    "the terminal and exact in JSON",
    "[e2e][index_safety]") {
  auto [kind, name, shown] =
      GENERATE(table<std::string, std::string, std::string>({
          {"newline", "a\nFAILED   fake.pdf", "a\\nFAILED   fake.pdf"},
          {"escape", "red\x1b[31m.pdf", "red\\x1b[31m.pdf"},
          {"tab and DEL", "t\tx\x7f.pdf", "t\\tx\\x7f.pdf"},
          {"C1 CSI",
           "c1\xc2\x9b"
           "31m.pdf",
           "c1\\u009b31m.pdf"},
          {"carriage return", "cr\rok.pdf", "cr\\rok.pdf"},
          {"8-bit CSI (not UTF-8)",
           "b8\x9b"
           "31m.pdf",
           "b8\\x9b31m.pdf"},
      }));
  INFO(kind);
  TempDir dir;
  fs::create_directories(dir.File("in"));
  const std::string file = dir.File("in/" + name);
  WriteFile(file, "%PDF-1.4 this is not a PDF at all");
  const std::string db = dir.File("i.sqlite");
  auto clean = [](const std::string& out) {
    for (unsigned char c : out)
      if ((c < 0x20 && c != '\n') || c == 0x7f) return false;
    return out.find('\x9b') == std::string::npos;  // C1 CSI, raw or UTF-8
  };
  CommandResult r = Run(Cli(db, "ingest " + dir.File("in")));
  INFO(r.out);
  CHECK(r.exit_code == 2);
  CHECK(clean(r.out));
  CHECK(r.out.find("FAILED   " + dir.File("in/" + shown)) != std::string::npos);
  // One line for the file, one for the run: the name split nothing.
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 2);
  for (const char* command : {"failures", "status", "summary"}) {
    CommandResult t = Run(Cli(db, command));
    INFO(command << "\n" << t.out);
    CHECK(t.exit_code == 0);
    CHECK(clean(t.out));
  }
  CommandResult f = Run(Cli(db, "failures"));
  CHECK(f.out.find(dir.File("in/" + shown)) != std::string::npos);
  CommandResult j = Run(Cli(db, "failures --format json"));
  REQUIRE(j.exit_code == 0);
  auto parsed = nlohmann::json::parse(j.out, nullptr, false);
  REQUIRE_FALSE(parsed.is_discarded());
  const auto& rows = parsed["rows"];
  REQUIRE(rows.size() == 1);
  // (JSON is UTF-8: a name in another encoding cannot be exact there.)
  if (kind != "8-bit CSI (not UTF-8)") CHECK(rows[0]["path"] == file);
}

}  // namespace planmine
