#include "pipeline/core/user_file.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>

#include "pipeline/core/sha256.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
using testing::TempDir;
using testing::WriteFile;

TEST_CASE(
    "UserFile: a FIFO, a device, a socket and links to them are refused "
    "without blocking",
    "[core][user_file]") {
  TempDir dir;
  REQUIRE(mkfifo(dir.File("fifo.txt").c_str(), 0644) == 0);
  std::filesystem::create_symlink("/dev/zero", dir.File("zero.txt"));
  std::filesystem::create_symlink(dir.File("fifo.txt"),
                                  dir.File("to-fifo.pdf"));
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(s >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::string sock = dir.File("s.pdf");
  REQUIRE(sock.size() < sizeof addr.sun_path);
  std::strcpy(addr.sun_path, sock.c_str());
  REQUIRE(bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  // The name (in the folder unless absolute) and what is said after it.
  using Row = std::tuple<std::string, std::string>;
  auto [name, reason] = GENERATE(table<std::string, std::string>(
      {Row{"fifo.txt", ": is a FIFO (named pipe), not a regular file"},
       Row{"to-fifo.pdf", ": is a FIFO (named pipe), not a regular file"},
       Row{"zero.txt", ": is a character device, not a regular file"},
       Row{"/dev/null", ": is a character device, not a regular file"},
       Row{"s.pdf", ": cannot open: No such device or address"}}));
  const std::string path = name[0] == '/' ? name : dir.File(name);
  const std::string message = path + reason;
  // (Opening a socket fails in the kernel with ENXIO before fstat could
  // name it; discovery names it from stat: see discover_test.cc.)
  auto f = OpenUserFile(path, kMaxUserFileBytes);
  REQUIRE_FALSE(f.ok());
  CHECK(f.status().message() == message);
  auto sha = Sha256File(path);
  REQUIRE_FALSE(sha.ok());
  CHECK(sha.status().message() == message);
  close(s);
}

TEST_CASE("UserFile: a file over the limit is refused before it is read",
          "[core][user_file]") {
  TempDir dir;
  // Sparse: 8 GB that take no disk, and would take minutes to hash.
  WriteFile(dir.File("big.pdf"), "%PDF");
  std::filesystem::resize_file(dir.File("big.pdf"), 8ull << 30);
  auto sha = Sha256File(dir.File("big.pdf"));
  REQUIRE_FALSE(sha.ok());
  CHECK(sha.status().message() ==
        dir.File("big.pdf") +
            ": file is 8589934592 bytes, over the limit of 1073741824");
  auto small = ReadUserFile(dir.File("big.pdf"), 100);
  REQUIRE_FALSE(small.ok());
  CHECK(small.status().code() == StatusCode::kUnsupported);
}

TEST_CASE("UserFile: a regular file is read whole, a missing one named",
          "[core][user_file]") {
  TempDir dir;
  WriteFile(dir.File("a.txt"), "hola");
  auto got = ReadUserFile(dir.File("a.txt"), kMaxUserFileBytes);
  REQUIRE(got.ok());
  CHECK(*got == "hola");
  CHECK(Sha256File(dir.File("a.txt")).value() == Sha256Hex("hola"));
  auto none = ReadUserFile(dir.File("none.txt"), kMaxUserFileBytes);
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().code() == StatusCode::kNotFound);
  CHECK(none.status().message() ==
        dir.File("none.txt") + ": cannot open: No such file or directory");
}

}  // namespace planmine

namespace planmine {

TEST_CASE("ReplaceFile: the whole new file or none, its folder made",
          "[core]") {
  testing::TempDir dir;
  const std::string path = dir.File("a/b/cache.bin");
  CHECK(ReplaceFile(path, "one"));
  CHECK(testing::ReadFile(path) == "one");
  CHECK(ReplaceFile(path, std::string(100000, 'x')));
  CHECK(testing::ReadFile(path) == std::string(100000, 'x'));
  // A folder where the file should be: refused, nothing left beside it.
  std::filesystem::create_directories(dir.File("d"));
  CHECK_FALSE(ReplaceFile(dir.File("d"), "two"));
  size_t entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    (void)e;
    ++entries;
  }
  CHECK(entries == 2);  // a/ and d/
}

}  // namespace planmine
