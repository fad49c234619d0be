#include "pipeline/discover/discover.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "pipeline/discover/manifest.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
using testing::TempDir;
using testing::WriteFile;

TEST_CASE(
    "Discover: walks folders, keeps pdf/txt/md, sorted, reports missing paths",
    "[discover]") {
  TempDir dir;
  std::filesystem::create_directories(dir.File("sub/deeper"));
  WriteFile(dir.File("b.PDF"), "%PDF-1.4");
  WriteFile(dir.File("sub/a.txt"), "hola");
  WriteFile(dir.File("sub/deeper/c.md"), "# t");
  WriteFile(dir.File("sub/ignored.docx"), "x");
  Discovery d = Discover({dir.path(), dir.File("missing.pdf")});
  REQUIRE(d.files.size() == 3);
  CHECK(d.files[0].path == dir.File("b.PDF"));
  CHECK(d.files[0].kind == SourceKind::kPdf);
  CHECK(d.files[1].path == dir.File("sub/a.txt"));
  CHECK(d.files[1].kind == SourceKind::kText);
  CHECK(d.files[2].size == 3);
  REQUIRE(d.errors.size() == 1);
  CHECK(d.errors[0].status.message() ==
        dir.File("missing.pdf") + ": no such file or directory");
}

TEST_CASE("Discover: a symlink loop does not trap the walk", "[discover]") {
  TempDir dir;
  std::filesystem::create_directories(dir.File("a"));
  std::filesystem::create_directory_symlink(dir.path(), dir.File("a/loop"));
  WriteFile(dir.File("a/x.pdf"), "%PDF");
  Discovery d = Discover({dir.path()});
  CHECK(d.files.size() == 1);
}

TEST_CASE(
    "Discover: a link to a document that is gone is reported, a link to one "
    "that exists is read",
    "[discover]") {
  TempDir dir;
  WriteFile(dir.File("real.pdf"), "%PDF");
  std::filesystem::create_symlink(dir.File("real.pdf"), dir.File("link.pdf"));
  std::filesystem::create_symlink(dir.File("gone.pdf"), dir.File("dead.pdf"));
  std::filesystem::create_symlink(dir.File("gone"), dir.File("dead-notes"));
  Discovery d = Discover({dir.path()});
  REQUIRE(d.files.size() == 2);
  CHECK(d.files[0].path == dir.File("link.pdf"));
  REQUIRE(d.errors.size() == 1);  // not a document name: not looked at
  CHECK(d.errors[0].status.message() ==
        dir.File("dead.pdf") + ": broken symbolic link (its target is gone)");
}

TEST_CASE(
    "Discover: one folder named as in, ./in, in//, absolute or through a "
    "link gives the same resolved paths, once",
    "[discover]") {
  namespace fs = std::filesystem;
  TempDir dir;
  fs::create_directories(dir.File("in/sub"));
  WriteFile(dir.File("in/a.pdf"), "%PDF");
  WriteFile(dir.File("in/sub/b.txt"), "hola");
  fs::create_directory_symlink(dir.File("in"), dir.File("alias"));
  const std::string rel = fs::relative(dir.File("in")).string();
  const std::vector<std::string> want = {dir.File("in/a.pdf"),
                                         dir.File("in/sub/b.txt")};
  for (const std::string& name : {rel, "./" + rel, rel + "//", dir.File("in"),
                                  dir.File("alias"), dir.File("in/sub/../")}) {
    INFO(name);
    Discovery d = Discover({name});
    REQUIRE(d.files.size() == 2);
    CHECK(d.files[0].path == want[0]);
    CHECK(d.files[1].path == want[1]);
    CHECK(d.roots == std::vector<std::string>{dir.File("in")});
    CHECK(d.errors.empty());
  }
  Discovery all = Discover({rel, dir.File("alias"), rel + "//a.pdf",
                            dir.File("alias/sub/../a.pdf")});
  REQUIRE(all.files.size() == 2);
  CHECK(all.roots.size() == 1);
  CHECK(ResolvedFilePath(rel + "//a.pdf") == want[0]);
  CHECK(ResolvedFilePath(dir.File("nowhere/x.pdf")) ==
        dir.File("nowhere/x.pdf"));
}

TEST_CASE(
    "Discover: FIFOs, devices, sockets and links to them are refused with "
    "the reason, on the command line and in folders",
    "[discover]") {
  namespace fs = std::filesystem;
  TempDir dir;
  fs::create_directories(dir.File("in"));
  WriteFile(dir.File("in/ok.md"), "# t");
  REQUIRE(mkfifo(dir.File("in/fifo.pdf").c_str(), 0644) == 0);
  REQUIRE(mkfifo(dir.File("in/notes").c_str(), 0644) == 0);  // no doc name
  fs::create_symlink("/dev/zero", dir.File("in/zero.txt"));
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strcpy(addr.sun_path, dir.File("in/s.md").c_str());
  REQUIRE(bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  Discovery d = Discover({dir.File("in"), "/dev/null", dir.File("in/notes")});
  close(s);
  REQUIRE(d.files.size() == 1);
  CHECK(d.files[0].path == dir.File("in/ok.md"));
  std::vector<std::string> got;
  for (const DiscoveryError& e : d.errors) got.push_back(e.status.message());
  std::sort(got.begin(), got.end());
  CHECK(got == std::vector<std::string>{
                   "/dev/null: is a character device, not a regular file",
                   dir.File("in/fifo.pdf") +
                       ": is a FIFO (named pipe), not a regular file",
                   dir.File("in/notes") +
                       ": is a FIFO (named pipe), not a regular file",
                   dir.File("in/s.md") + ": is a socket, not a regular file",
                   dir.File("in/zero.txt") +
                       ": is a character device, not a regular file"});
}

TEST_CASE("Discover: a path too long inside a folder is an error, not a skip",
          "[discover]") {
  TempDir dir;
  int fd = open(dir.path().c_str(), O_RDONLY | O_DIRECTORY);
  REQUIRE(fd >= 0);
  const std::string level(200, 'd');
  std::string deep = dir.path();
  while (deep.size() <= 4200) {
    REQUIRE(mkdirat(fd, level.c_str(), 0755) == 0);
    int next = openat(fd, level.c_str(), O_RDONLY | O_DIRECTORY);
    close(fd);
    fd = next;
    deep += "/" + level;
  }
  close(fd);
  Discovery d = Discover({dir.path()});
  testing::Run("rm -rf '" + dir.path() + "/" + level + "'");
  CHECK(d.files.empty());
  REQUIRE(d.errors.size() == 1);
  const std::string& m = d.errors[0].status.message();
  CHECK(m.size() > 4096);
  const std::string tail = ": cannot read: File name too long";
  CHECK(m.compare(m.size() - tail.size(), tail.size(), tail) == 0);
  CHECK(m.rfind(d.errors[0].path + ": ", 0) == 0);
}

TEST_CASE("Manifest: CSV with quotes, matched by path or file name",
          "[discover]") {
  auto m = Manifest::Parse(
      "path,country,year,doc_type,title\n"
      "docs/a.pdf,co,2020,action_plan,\"Plan, con coma \"\"citado\"\"\"\n"
      "b.pdf,BR,,slides,\n",
      "/data", "m.csv");
  REQUIRE(m.ok());
  const ManifestEntry* a = m->Find("/data/docs/a.pdf");
  REQUIRE(a != nullptr);
  CHECK(a->country == "CO");
  CHECK(a->year == 2020);
  CHECK(a->title == "Plan, con coma \"citado\"");
  const ManifestEntry* b = m->Find("/elsewhere/b.pdf");
  REQUIRE(b != nullptr);
  CHECK(b->doc_type == "slides");
  CHECK(m->Find("/data/c.pdf") == nullptr);
}

TEST_CASE("Manifest: TSV like corpus-real's MANIFEST.tsv", "[discover]") {
  auto m = Manifest::Parse(
      "file\tlanguage\tcountry\tdoc_type\tdoc_type_full\n"
      "x.pdf\tes\tAR\tother\tguide\n"
      "y.pdf\tpt\tBR\tslides\t\n",
      "/d", "M.tsv");
  REQUIRE(m.ok());
  REQUIRE(m->Find("/d/x.pdf") != nullptr);
  CHECK(m->Find("/d/x.pdf")->language == "es");
  // The full taxonomy's column first, the coarse one when it is empty.
  CHECK(m->Find("/d/x.pdf")->doc_type == "guide");
  CHECK(m->Find("/d/y.pdf")->doc_type == "slides");
}

TEST_CASE("Manifest: errors name the file and line", "[discover]") {
  using Row = std::tuple<std::string, std::string>;
  auto [text, message] = GENERATE(table<std::string, std::string>({
      Row{"path,year\na.pdf,20x0\n",
          "m.csv:2: year must be four digits, got '20x0'"},
      Row{"path,country\na.pdf,COL\n",
          "m.csv:2: country must be a two-letter code, got 'COL'"},
      Row{"name,country\na.pdf,CO\n",
          "m.csv:1: manifest needs a 'path' or 'file' column"},
      Row{"path,country\n,CO\n", "m.csv:2: empty path"},
      Row{"path,language\na.pdf,fr\n",
          "m.csv:2: language must be one of es, pt, en, other, got 'fr'"},
      Row{"path,doc_type\na.pdf,plan\n",
          "m.csv:2: doc_type must be one of action_plan, irm_report, "
          "self_assessment, workshop, slides, agenda, guide, legal, report, "
          "other, got 'plan'"},
  }));
  auto m = Manifest::Parse(text, "/d", "m.csv");
  REQUIRE_FALSE(m.ok());
  CHECK(m.status().message() == message);
}

TEST_CASE("Manifest: a row's corrections name the manifest and the line",
          "[discover][corrections]") {
  auto m = Manifest::Parse(
      "path,country,year,doc_type,title,plan_cycle\n"
      "\n"
      "a.pdf,co,2020,action_plan,,2020-2022\n"
      "b.pdf,,,,Solo el título,\n",
      "/d", "in/m.csv");
  REQUIRE(m.ok());
  const ManifestEntry* a = m->Find("/d/a.pdf");
  REQUIRE(a != nullptr);
  CHECK(a->line == 3);
  Corrections c = m->CorrectionsOf(*a);
  CHECK(CorrectionsFingerprint(c) ==
        "country=CO\nyear=2020\ndoc_type=action_plan\nplan_cycle=2020-2022");
  for (const Correction& x : c) CHECK(x.source == "manifest:in/m.csv:3");
  const ManifestEntry* b = m->Find("/d/b.pdf");
  REQUIRE(b != nullptr);
  CHECK(b->line == 4);
  CHECK(CorrectionsFingerprint(m->CorrectionsOf(*b)) == "title=Solo el título");
  CHECK(m->name() == "in/m.csv");
}

}  // namespace planmine
