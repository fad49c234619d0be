// The shard spool: records survive a kill (a torn tail is dropped on
// resume), a complete spool is renamed, and the reader decodes what was
// written.
#include "pipeline/shard/spool.h"

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
namespace {

IndexedDocument Doc(const std::string& path, int pages) {
  IndexedDocument d;
  d.file.path = path;
  d.sha256 = "sha-" + path;
  d.page_count = pages;
  d.title = {"Plan " + path, "cover"};
  return d;
}

}  // namespace

TEST_CASE("Spool: resumes after a torn record and reads back what it wrote",
          "[shard]") {
  testing::TempDir dir;
  const std::string base = dir.path() + "/shard-0000";
  {
    auto w = SpoolWriter::Resume(base);
    REQUIRE(w.ok());
    REQUIRE(w->Append("/a.pdf", "sha-/a.pdf", Doc("/a.pdf", 3)).ok());
    REQUIRE(w->Append("/b.pdf", "sha-/b.pdf",
                      Result<IndexedDocument>(DataLoss("/b.pdf: damaged")))
                .ok());
  }
  // A kill in the middle of the third record: half of it on disk.
  {
    std::ofstream out(base + ".partial", std::ios::binary | std::ios::app);
    out << std::string("\x40\0\0\0\0\0\0\0half a record", 21);
  }
  auto w = SpoolWriter::Resume(base);
  REQUIRE(w.ok());
  CHECK(w->done().size() == 2);
  CHECK(w->done().at("/a.pdf") == "sha-/a.pdf");
  REQUIRE(w->Append("/c.pdf", "sha-/c.pdf", Doc("/c.pdf", 7)).ok());
  REQUIRE(w->Finish().ok());
  CHECK(!std::filesystem::exists(base + ".partial"));

  auto r = SpoolReader::Open(base + ".spool");
  REQUIRE(r.ok());
  REQUIRE(r->entries().size() == 3);
  auto a = r->Read(r->entries().at("/a.pdf"));
  REQUIRE(a.ok());
  REQUIRE(a->ok());
  CHECK((*a)->page_count == 3);
  CHECK((*a)->title.value == "Plan /a.pdf");
  auto b = r->Read(r->entries().at("/b.pdf"));
  REQUIRE(b.ok());
  REQUIRE(!b->ok());
  CHECK(b->status().message() == "/b.pdf: damaged");
  auto c = r->Read(r->entries().at("/c.pdf"));
  REQUIRE(c.ok());
  REQUIRE(c->ok());
  CHECK((*c)->page_count == 7);
}

TEST_CASE("Spool: a file that is not a spool is refused with its path",
          "[shard]") {
  testing::TempDir dir;
  const std::string path = dir.path() + "/x.spool";
  std::ofstream(path) << "not a spool";
  auto r = SpoolReader::Open(path);
  REQUIRE(!r.ok());
  CHECK(r.status().message() ==
        path + ": not a planmine spool (no PMSPOOL1 header)");
}

}  // namespace planmine
