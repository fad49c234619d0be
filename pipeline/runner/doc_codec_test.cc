#include "pipeline/runner/doc_codec.h"

#include <string>

#include "tests/catch.h"

namespace planmine {
namespace {

IndexedDocument Sample() {
  IndexedDocument d;
  d.file.path = "/in/plan.pdf";
  d.file.kind = SourceKind::kText;
  d.file.size = 1ull << 40;
  d.file.mtime = -5;
  d.sha256 = "abc";
  d.page_count = 2;
  d.warnings = {"text encoding: UTF-16LE (byte order mark), converted"};
  d.title = {"Plan de acción", "cover"};
  d.language = {"es", 0.75, true};
  NormalizedPage p;
  p.number = 1;
  p.width = 595.5;
  p.text = "Compromiso 1: datos abiertos.";
  NormalizedBlock b = NormalizedBlock::Span(0, 29, true, "es");
  b.box = {1.5, -2, 3, 4};
  b.row = -1;
  p.blocks.push_back(b);
  p.fields.push_back({"Responsable", "MinTIC", {0, 0, 1, 1}});
  p.source = TextSource::kPlainText;
  d.text.pages.push_back(p);
  d.sentences.push_back({1, 0, 0, 29, "es", p.text});
  Commitment c;
  c.kind = CommitmentKind::kTable;
  c.number = "1";
  c.sections = {{"objective", "abrir"}};
  c.milestones = {{"portal", "2024-06"}};
  d.findings.commitments.push_back(c);
  d.findings.warnings = {
      "found 2 of the 3 commitments the plan's own list names"};
  d.findings.entities.push_back(
      {"country", "CO", "Colombia", "", "e1", 0, 1, 3, 11});
  d.matches.patterns = {"k1"};
  d.matches.matches["k1"] = {{0, 1, 4, {{"n", "1"}}}};
  d.stage_seconds = {{"extract", 0.25}};
  return d;
}

}  // namespace

TEST_CASE("DocCodec: a document and an error round-trip", "[runner]") {
  const std::string bytes = EncodeResult(Sample());
  auto back = DecodeResult(bytes);
  REQUIRE(back.ok());
  CHECK(EncodeResult(*back) == bytes);
  CHECK(back->text.pages[0].blocks[0].box.y0 == -2);
  CHECK(back->findings.commitments[0].kind == CommitmentKind::kTable);
  CHECK(back->findings.warnings == Sample().findings.warnings);
  CHECK(back->file.size == 1ull << 40);
  CHECK(back->file.mtime == -5);
  std::string owned = "12345678" + bytes;
  auto moved = DecodeResult(std::move(owned), 8);
  REQUIRE(moved.ok());
  CHECK(EncodeResult(*moved) == bytes);
  auto error = DecodeResult(EncodeResult(DataLoss("x.pdf: empty file")));
  REQUIRE_FALSE(error.ok());
  CHECK(error.status().code() == StatusCode::kDataLoss);
  CHECK(error.status().message() == "x.pdf: empty file");
}

TEST_CASE(
    "DocCodec: truncated or lying bytes are an error, nothing is allocated "
    "for what they claim",
    "[runner]") {
  const std::string bytes = EncodeResult(Sample());
  for (size_t n :
       {size_t{0}, size_t{1}, size_t{7}, bytes.size() / 2, bytes.size() - 1}) {
    INFO(n);
    auto got = DecodeResult(std::string_view(bytes).substr(0, n));
    REQUIRE_FALSE(got.ok());
    CHECK(got.status().message() ==
          "worker: unreadable result (" + std::to_string(n) + " bytes)");
  }
  CHECK_FALSE(DecodeResult(bytes + "x").ok());  // trailing bytes
  // A path length of 2^62: refused, not allocated.
  std::string lie = "D";
  for (int i = 0; i < 8; ++i) lie += '\xFF';
  lie += '\x7F';
  CHECK_FALSE(DecodeResult(lie).ok());
}

}  // namespace planmine
