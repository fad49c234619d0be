// What a user may hand planmine that is not a document: FIFOs, devices,
// sockets, links to them, sparse giants, paths too long to open, one folder
// named five ways, folders that cannot be read, text in other encodings and
// binary data named .txt. Each is reported with its path and reason and
// recorded in the index (`planmine failures`), and the batch goes on (exit 1
// for a partial run), in the style of "bad files are reported with path and
// reason" (e2e_sample_test.cc). Every command that could hang runs under
// `timeout 60`: a hang fails the test instead of stalling it.
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>

#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
using namespace testing;
namespace fs = std::filesystem;

namespace {

std::string Cli(const std::string& db, const std::string& args) {
  return "timeout 60 " + PlanmineBin() + " --db " + db + " " + args;
}

int64_t Scalar(const std::string& db, const std::string& sql) {
  CommandResult r = Run(Sqlite3() + " " + db + " \"" + sql + "\"");
  REQUIRE(r.exit_code == 0);
  return std::stoll(r.out);
}

std::string Rows(const std::string& db, const std::string& sql) {
  CommandResult r = Run(Sqlite3() + " " + db + " \"" + sql + "\"");
  REQUIRE(r.exit_code == 0);
  return r.out;
}

bool Has(const std::string& out, const std::string& what) {
  return out.find(what) != std::string::npos;
}

// The line of `out` that contains `what`, or "".
std::string LineOf(const std::string& out, const std::string& what) {
  size_t at = out.find(what);
  if (at == std::string::npos) return "";
  size_t start = out.rfind('\n', at);
  start = start == std::string::npos ? 0 : start + 1;
  return out.substr(start, out.find('\n', at) - start);
}

const char kPlan[] =
    "# Plan de acción de gobierno abierto\n\n"
    "El gobierno publicará los datos de contratación pública.\n";

// A Unix socket bound at `path` (closed by the caller).
int BindSocket(const std::string& path) {
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  REQUIRE(path.size() < sizeof addr.sun_path);
  std::strcpy(addr.sun_path, path.c_str());
  REQUIRE(bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  return s;
}

// Folders nested under `base` until the path is longer than PATH_MAX
// (made with mkdirat, as no path that long can be named), with a document
// `name` at the bottom. Returns the path of the document.
std::string MakeTooDeep(const std::string& base, const std::string& name) {
  const std::string level(200, 'd');
  fs::create_directories(base);
  std::string path = base;
  int fd = open(base.c_str(), O_RDONLY | O_DIRECTORY);
  REQUIRE(fd >= 0);
  while (path.size() <= 4200) {
    REQUIRE(mkdirat(fd, level.c_str(), 0755) == 0);
    int next = openat(fd, level.c_str(), O_RDONLY | O_DIRECTORY);
    close(fd);
    REQUIRE(next >= 0);
    fd = next;
    path += "/" + level;
  }
  int f = openat(fd, name.c_str(), O_WRONLY | O_CREAT, 0644);
  REQUIRE(f >= 0);
  REQUIRE(write(f, kPlan, sizeof kPlan - 1) > 0);
  close(f);
  close(fd);
  return path + "/" + name;
}

// rm walks any depth (std::filesystem::remove_all cannot name the bottom).
void RemoveDeep(const std::string& path) { Run("rm -rf '" + path + "'"); }

}  // namespace

TEST_CASE(
    "Hostile inputs: a FIFO, links to /dev/zero and a socket on the command "
    "line are refused at once, the run ends and frees its lock",
    "[e2e][hostile]") {
  TempDir dir;
  WriteFile(dir.File("good.md"), kPlan);
  REQUIRE(mkfifo(dir.File("fifo.txt").c_str(), 0644) == 0);
  fs::create_symlink("/dev/zero", dir.File("zero.pdf"));
  fs::create_symlink("/dev/zero", dir.File("zero-noext"));
  int sock = BindSocket(dir.File("s.md"));
  const std::string db = dir.File("i.sqlite");
  const std::string args = "ingest " + dir.File("good.md") + " " +
                           dir.File("fifo.txt") + " " + dir.File("zero.pdf") +
                           " " + dir.File("zero-noext") + " " +
                           dir.File("s.md");
  for (int run = 0; run < 2; ++run) {  // the second run is not refused
    CommandResult r = Run(Cli(db, args));
    INFO(r.out);
    CHECK(r.exit_code == 1);
    CHECK(Has(r.out, dir.File("fifo.txt") +
                         ": is a FIFO (named pipe), not a regular file"));
    CHECK(Has(r.out, dir.File("zero.pdf") +
                         ": is a character device, not a regular file"));
    CHECK(Has(r.out, dir.File("zero-noext") +
                         ": is a character device, not a regular file"));
    CHECK(Has(r.out, dir.File("s.md") + ": is a socket, not a regular file"));
    CHECK(Has(r.out,
              "5 files: " + std::string(run == 0 ? "1" : "0") + " ingested"));
  }
  close(sock);
  CommandResult f = Run(Cli(db, "failures"));
  INFO(f.out);
  for (const char* name : {"fifo.txt", "zero.pdf", "zero-noext", "s.md"})
    CHECK(Has(f.out, dir.File(name)));
  CHECK(Scalar(db, "SELECT count(*) FROM documents WHERE status = 'ok'") == 1);
  CHECK(Scalar(db, "SELECT count(*) FROM documents WHERE status = 'failed'") ==
        4);
  CHECK(
      Scalar(db, "SELECT count(*) FROM ingest_runs WHERE status = 'running'") ==
      0);
  // extract refuses them the same way, without blocking.
  CommandResult x =
      Run("timeout 60 " + PlanmineBin() + " extract " + dir.File("fifo.txt"));
  CHECK(x.exit_code == 2);
  CHECK(Has(x.out, dir.File("fifo.txt") +
                       ": is a FIFO (named pipe), not a regular file"));
}

TEST_CASE(
    "Hostile inputs: FIFOs, devices, sockets and paths too long inside a "
    "walked folder are reported with the reason, not skipped",
    "[e2e][hostile]") {
  TempDir dir;
  fs::create_directories(dir.File("in/sub"));
  WriteFile(dir.File("in/good.md"), kPlan);
  REQUIRE(mkfifo(dir.File("in/fifo.pdf").c_str(), 0644) == 0);
  REQUIRE(mkfifo(dir.File("in/sub/pipe.txt").c_str(), 0644) == 0);
  fs::create_symlink("/dev/zero", dir.File("in/zero.txt"));
  fs::create_symlink("/dev/null", dir.File("in/sub/null.md"));
  int sock = BindSocket(dir.File("in/s.pdf"));
  const std::string deep = MakeTooDeep(dir.File("in/deep"), "plan.md");
  // Not document names: not documents, as a .docx is not.
  REQUIRE(mkfifo(dir.File("in/fifo-notes").c_str(), 0644) == 0);
  const std::string db = dir.File("i.sqlite");
  CommandResult r = Run(Cli(db, "ingest " + dir.File("in")));
  close(sock);
  INFO(r.out);
  CHECK(r.exit_code == 1);
  CHECK(Has(r.out, dir.File("in/fifo.pdf") +
                       ": is a FIFO (named pipe), not a regular file"));
  CHECK(Has(r.out, dir.File("in/sub/pipe.txt") +
                       ": is a FIFO (named pipe), not a regular file"));
  CHECK(Has(r.out, dir.File("in/zero.txt") +
                       ": is a character device, not a regular file"));
  CHECK(Has(r.out, dir.File("in/sub/null.md") +
                       ": is a character device, not a regular file"));
  CHECK(Has(r.out, dir.File("in/s.pdf") + ": is a socket, not a regular file"));
  CHECK(Has(r.out, ": cannot read: File name too long"));
  CHECK_FALSE(Has(r.out, "fifo-notes"));
  CHECK(Scalar(db, "SELECT count(*) FROM documents WHERE status = 'ok'") == 1);
  CHECK(Scalar(db, "SELECT count(*) FROM documents WHERE status = 'failed'") ==
        6);
  CHECK(Scalar(db,
               "SELECT count(*) FROM ingest_errors WHERE reason LIKE '%File "
               "name too long'") == 1);
  // (The table cuts a reason of 4000 characters; the JSON has it whole.)
  CommandResult f = Run(Cli(db, "failures --format json"));
  CHECK(Has(f.out, dir.File("in/fifo.pdf")));
  CHECK(Has(f.out, ": cannot read: File name too long"));
  RemoveDeep(dir.File("in/deep"));
  (void)deep;
}

TEST_CASE(
    "Hostile inputs: an 8 GB sparse file is refused by its size before a "
    "byte of it is read",
    "[e2e][hostile]") {
  TempDir dir;
  fs::create_directories(dir.File("in"));
  WriteFile(dir.File("in/good.md"), kPlan);
  WriteFile(dir.File("in/huge.pdf"), "%PDF-1.4\n");
  fs::resize_file(dir.File("in/huge.pdf"), 8ull << 30);  // takes no disk
  const std::string db = dir.File("i.sqlite");
  // Hashing 8 GB of zeros takes far longer than this allows.
  CommandResult r = Run("timeout 20 " + PlanmineBin() + " --db " + db +
                        " ingest " + dir.File("in"));
  INFO(r.out);
  CHECK(r.exit_code == 1);
  CHECK(Has(r.out, dir.File("in/huge.pdf") +
                       ": file is 8589934592 bytes, over the limit of "
                       "1073741824"));
  CHECK(Scalar(db, "SELECT count(*) FROM documents WHERE status = 'ok'") == 1);
}

TEST_CASE(
    "Hostile inputs: one folder named as in, ./in, in//, its absolute path "
    "and a link is one document per file",
    "[e2e][hostile]") {
  TempDir dir;
  fs::create_directories(dir.File("in/sub"));
  WriteFile(dir.File("in/a.md"), kPlan);
  WriteFile(dir.File("in/sub/b.md"),
            "# Otro plan\n\nLa alcaldía abrirá sus presupuestos.\n");
  fs::create_directory_symlink(dir.File("in"), dir.File("alias"));
  const std::string cd = "cd " + dir.path() + " && ";
  const std::string bin = "timeout 60 " + PlanmineBin() + " --db i.sqlite ";
  const std::string db = dir.File("i.sqlite");
  for (const std::string& name :
       {std::string("in"), std::string("./in"), std::string("in//"),
        dir.File("in"), std::string("alias"), std::string("in/../in/")}) {
    CommandResult r = Run(cd + bin + "ingest " + name);
    INFO(name << "\n" << r.out);
    CHECK(r.exit_code == 0);
    CHECK(Scalar(db, "SELECT count(*) FROM documents") == 2);
  }
  // The stored paths are the resolved ones.
  CHECK(Rows(db, "SELECT path FROM documents ORDER BY path") ==
        dir.File("in/a.md") + "\n" + dir.File("in/sub/b.md") + "\n");
  // All of them at once, and files named besides their folder.
  CommandResult all = Run(cd + bin + "ingest in ./in alias " +
                          dir.File("in//a.md") + " ./in/sub/../a.md");
  INFO(all.out);
  CHECK(all.exit_code == 0);
  CHECK(Has(all.out, "2 files: 0 ingested, 2 unchanged"));
  CHECK(Scalar(db, "SELECT count(*) FROM documents") == 2);
  // Hits are not multiplied.
  CHECK(Scalar(db,
               "SELECT count(*) FROM sentences WHERE text LIKE "
               "'%alcaldía%'") == 1);
}

TEST_CASE(
    "Hostile inputs: an index with relative paths converges on the resolved "
    "ones, rows and corrections carried over",
    "[e2e][hostile]") {
  TempDir dir;
  fs::create_directories(dir.File("in"));
  WriteFile(dir.File("in/a.md"), kPlan);
  WriteFile(dir.File("in/b.md"), "# Informe\n\nEl municipio informó.\n");
  const std::string cd = "cd " + dir.path() + " && ";
  const std::string bin = "timeout 60 " + PlanmineBin() + " --db i.sqlite ";
  const std::string db = dir.File("i.sqlite");
  REQUIRE(Run(cd + bin + "ingest -q in").exit_code == 0);
  REQUIRE(Run(cd + bin + "set in/a.md country=CO").exit_code == 0);
  // What an earlier planmine stored: the paths as the user spelled them.
  REQUIRE(Run(Sqlite3() + " " + db +
              " \"UPDATE documents SET path = replace(path, '" + dir.path() +
              "/', ''); UPDATE corrections SET path = replace(path, '" +
              dir.path() + "/', '');\"")
              .exit_code == 0);
  REQUIRE(Rows(db, "SELECT path FROM documents ORDER BY path") ==
          "in/a.md\nin/b.md\n");
  const int64_t id =
      Scalar(db, "SELECT id FROM documents WHERE path = 'in/a.md'");
  // b.md's bytes change: it is re-read, once, under its resolved path.
  WriteFile(dir.File("in/b.md"),
            "# Informe\n\nEl municipio informó dos veces.\n");
  CommandResult r = Run(cd + bin + "ingest " + dir.File("in"));
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(Has(r.out, "2 files: 1 ingested, 1 unchanged"));
  CHECK(Rows(db, "SELECT path FROM documents ORDER BY path") ==
        dir.File("in/a.md") + "\n" + dir.File("in/b.md") + "\n");
  CHECK(Scalar(db, "SELECT id FROM documents WHERE path = '" +
                       dir.File("in/a.md") + "'") == id);
  CHECK(Rows(db, "SELECT path, value FROM corrections") ==
        dir.File("in/a.md") + "|CO\n");
  CHECK(Scalar(db,
               "SELECT count(*) FROM documents WHERE missing_since IS NOT "
               "NULL") == 0);
  // Absolute spellings an older planmine kept: through a link to the
  // folder, with a doubled slash.
  fs::create_directory_symlink(dir.File("in"), dir.File("alias"));
  REQUIRE(Run(Sqlite3() + " " + db + " \"UPDATE documents SET path = '" +
              dir.File("alias/a.md") + "' WHERE path LIKE '%a.md'; UPDATE " +
              "documents SET path = '" + dir.File("in//b.md") +
              "' WHERE path LIKE '%b.md';\"")
              .exit_code == 0);
  CommandResult again = Run(Cli(db, "ingest " + dir.File("alias")));
  INFO(again.out);
  CHECK(again.exit_code == 0);
  CHECK(Has(again.out, "2 files: 0 ingested, 2 unchanged"));
  CHECK(Rows(db, "SELECT path FROM documents ORDER BY path") ==
        dir.File("in/a.md") + "\n" + dir.File("in/b.md") + "\n");
}

TEST_CASE(
    "Hostile inputs: --prune keeps the documents of a folder that could not "
    "be read and deletes only what is gone",
    "[e2e][hostile]") {
  // Root reads any folder whatever its mode: run planmine as nobody then,
  // so that chmod 000 really gives "Permission denied".
  std::string as_user;
  if (geteuid() == 0) {
    if (Run("command -v setpriv").exit_code != 0) {
      WARN("setpriv is not installed: cannot drop root to test permissions");
      return;
    }
    as_user = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  }
  TempDir dir;
  fs::create_directories(dir.File("in/locked"));
  WriteFile(dir.File("in/a.md"), kPlan);
  WriteFile(dir.File("in/gone.md"), "# Borrador\n\nSe publicará.\n");
  WriteFile(dir.File("in/locked/b.md"),
            "# Plan local\n\nLa alcaldía abrirá.\n");
  if (geteuid() == 0)
    REQUIRE(Run("chown -R 65534:65534 " + dir.path()).exit_code == 0);
  const std::string db = dir.File("i.sqlite");
  const std::string bin =
      "timeout 60 " + as_user + PlanmineBin() + " --db " + db + " ";
  CommandResult first = Run(bin + "ingest -q " + dir.File("in"));
  INFO(first.out);
  REQUIRE(first.exit_code == 0);
  REQUIRE(Has(first.out, "3 files: 3 ingested"));
  fs::permissions(dir.File("in/locked"), fs::perms::none);
  fs::remove(dir.File("in/gone.md"));
  CommandResult r = Run(bin + "ingest --prune " + dir.File("in"));
  fs::permissions(dir.File("in/locked"), fs::perms::owner_all);
  INFO(r.out);
  CHECK(r.exit_code == 1);
  CHECK(Has(r.out,
            dir.File("in/locked") + ": cannot read folder: Permission denied"));
  CHECK(Has(r.out, "1 gone (pruned)"));
  CHECK(Rows(db,
             "SELECT path FROM documents WHERE status = 'ok' ORDER BY "
             "path") ==
        dir.File("in/a.md") + "\n" + dir.File("in/locked/b.md") + "\n");
  CHECK(Scalar(db,
               "SELECT count(*) FROM sentences s JOIN documents d ON d.id "
               "= s.doc_id WHERE d.path LIKE '%locked/b.md'") > 0);
}

TEST_CASE(
    "Hostile inputs: text in UTF-8 with a BOM, UTF-16 with a BOM and Latin-1 "
    "is read, a stray byte stays one, binary named .txt is refused",
    "[e2e][hostile]") {
  TempDir dir;
  fs::create_directories(dir.File("in"));
  const std::string text = "Plan de acción: información pública y compromisos.";
  WriteFile(dir.File("in/bom8.txt"), "\xEF\xBB\xBF" + text + "\n");
  auto utf16 = [&](bool big) {
    std::string out = big ? "\xFE\xFF" : "\xFF\xFE";
    // Every character of `text` is in Latin-1: one UTF-16 unit each.
    for (size_t i = 0; i < text.size(); ++i) {
      unsigned c = static_cast<unsigned char>(text[i]);
      if (c >= 0xC0) c = ((c & 0x1F) << 6) | (text[++i] & 0x3F);
      char lo = static_cast<char>(c & 0xFF), hi = static_cast<char>(c >> 8);
      out += big ? std::string{hi, lo} : std::string{lo, hi};
    }
    return out;
  };
  WriteFile(dir.File("in/utf16le.txt"), utf16(false));
  WriteFile(dir.File("in/utf16be.md"), utf16(true));
  WriteFile(dir.File("in/latin1.txt"),
            "Plan de acci\xF3n: informaci\xF3n p\xFA"
            "blica y compromisos.\n");
  WriteFile(dir.File("in/stray.txt"), text + " \xE9 " + text + "\n");
  std::string binary;  // no NUL: control bytes and high bytes
  for (int i = 0; i < 4000; ++i)
    binary += static_cast<char>((i * 7919 + 13) % 255 + 1);
  WriteFile(dir.File("in/random.txt"), binary);
  WriteFile(dir.File("in/image.txt"),
            std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16));
  const std::string db = dir.File("i.sqlite");
  CommandResult r = Run(Cli(db, "ingest " + dir.File("in")));
  INFO(r.out);
  CHECK(r.exit_code == 1);
  CHECK(Has(r.out, dir.File("in/random.txt") + ": binary data, not text ("));
  CHECK(Has(r.out, dir.File("in/image.txt") +
                       ": binary data, not text (contains NUL bytes)"));
  CHECK(Has(LineOf(r.out, dir.File("in/latin1.txt") + ": "),
            "; text encoding: not UTF-8, read as Windows-1252 (Latin-1) and "
            "converted"));
  CHECK(Has(LineOf(r.out, dir.File("in/utf16le.txt") + ": "),
            "; text encoding: UTF-16LE (byte order mark), converted to UTF-8"));
  CHECK(Has(LineOf(r.out, dir.File("in/utf16be.md") + ": "),
            "; text encoding: UTF-16BE (byte order mark), converted to UTF-8"));
  CHECK(Has(LineOf(r.out, dir.File("in/stray.txt") + ": "),
            "; text encoding: UTF-8 with 1 invalid byte, replaced by U+FFFD"));
  CHECK_FALSE(
      Has(LineOf(r.out, dir.File("in/bom8.txt") + ": "), "text encoding"));
  CHECK(Scalar(db, "SELECT count(*) FROM documents WHERE status = 'ok'") == 5);
  CHECK(Scalar(db, "SELECT count(*) FROM documents WHERE status = 'failed'") ==
        2);
  // Every readable one has the text as written: no mojibake, no BOM.
  for (const char* name :
       {"bom8.txt", "utf16le.txt", "utf16be.md", "latin1.txt", "stray.txt"}) {
    INFO(name);
    CHECK(Scalar(db,
                 "SELECT count(*) FROM sentences s JOIN documents d ON "
                 "d.id = s.doc_id WHERE d.path LIKE '%/" +
                     std::string(name) +
                     "' AND s.text LIKE 'Plan de acción: información "
                     "pública y compromisos.%'") >= 1);
  }
  CHECK(Scalar(db, "SELECT count(*) FROM sentences WHERE text LIKE '%Ã%'") ==
        0);
  CHECK(Scalar(db,
               "SELECT count(*) FROM documents WHERE warnings LIKE '%text "
               "encoding: %'") == 4);
}

TEST_CASE(
    "Hostile inputs: a worker's result over the parent's cap is refused "
    "before anything is allocated for it",
    "[e2e][hostile][workers]") {
  TempDir dir;
  fs::create_directories(dir.File("in"));
  WriteFile(dir.File("in/good.md"), kPlan);
  WriteFile(dir.File("in/liar.md"), kPlan);
  const std::string db = dir.File("i.sqlite");
  // The worker claims a result of 2^60 bytes for liar.md.
  CommandResult r = Run("PLANMINE_WORKER_FAULT=claim=liar " +
                        Cli(db, "ingest -j 1 " + dir.File("in")));
  INFO(r.out);
  CHECK(r.exit_code == 1);
  CHECK(Has(r.out, dir.File("in/liar.md") +
                       ": its worker sent a result of 1152921504606846976 "
                       "bytes, over the limit of 268435456"));
  CHECK(Scalar(db, "SELECT count(*) FROM documents WHERE status = 'ok'") == 1);
}

}  // namespace planmine
