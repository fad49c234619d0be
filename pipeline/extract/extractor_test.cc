#include "pipeline/extract/extractor.h"

#include "pipeline/extract/font_weight.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
using testing::ReadFile;
using testing::SampleDir;
using testing::TempDir;
using testing::WriteFile;

namespace {
Extractor MakeExtractor() {
  auto e = Extractor::Create(ExtractOptions{});
  REQUIRE(e.ok());
  return std::move(*e);
}
}  // namespace

TEST_CASE("Extractor: bad files get a clear reason", "[extract]") {
  TempDir dir;
  Extractor ex = MakeExtractor();
  using Row = std::tuple<std::string, std::string, std::string>;
  auto [name, bytes, message] =
      GENERATE(table<std::string, std::string, std::string>({
          Row{"empty.pdf", "", "empty.pdf: empty file"},
          Row{"photo.pdf", "\xFF\xD8\xFF\xE0\x00\x10JFIF",
              "photo.pdf: not a PDF (starts with JPEG image data)"},
          Row{"page.pdf", "<!DOCTYPE html><html><body>404</body></html>",
              "page.pdf: not a PDF (starts with HTML)"},
          Row{"noise.pdf",
              std::string("\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f", 10),
              "noise.pdf: not a PDF (starts with unrecognised binary data)"},
      }));
  std::string path = dir.File(name);
  WriteFile(path, bytes);
  auto r = ex.Extract(path, SourceKind::kPdf);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() == dir.path() + "/" + message);
}

TEST_CASE("Extractor: a PDF header over garbage is a damaged PDF, not a crash",
          "[extract]") {
  TempDir dir;
  Extractor ex = MakeExtractor();
  std::string path = dir.File("broken.pdf");
  WriteFile(path,
            "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> "
            "endobj\ngarbage garbage\n%%EOF");
  auto r = ex.Extract(path, SourceKind::kPdf);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kDataLoss);
  CHECK(r.status().message().rfind(path + ": ", 0) == 0);
}

TEST_CASE("Extractor: a truncated PDF fails cleanly or yields what survives",
          "[extract]") {
  TempDir dir;
  Extractor ex = MakeExtractor();
  std::string full =
      ReadFile(SampleDir() + "/docs/co-plan-accion-demo-2021-2023.pdf");
  REQUIRE(full.size() > 1000);
  for (size_t cut : {full.size() / 3, full.size() / 2, full.size() - 200}) {
    std::string path = dir.File("cut.pdf");
    WriteFile(path, full.substr(0, cut));
    auto r = ex.Extract(path, SourceKind::kPdf);
    if (!r.ok()) CHECK(r.status().message().rfind(path + ": ", 0) == 0);
  }
}

TEST_CASE("Extractor: sample plan keeps order, drops furniture, reads metadata",
          "[extract]") {
  Extractor ex = MakeExtractor();
  auto r = ex.Extract(SampleDir() + "/docs/co-plan-accion-demo-2021-2023.pdf",
                      SourceKind::kPdf);
  REQUIRE(r.ok());
  CHECK(r->page_count == 3);
  CHECK(r->info.title ==
        "Plan de Acción Nacional de Gobierno Abierto 2021-2023 (documento de "
        "ejemplo)");
  REQUIRE(r->pages.size() == 3);
  const Page& p2 = r->pages[1];
  CHECK(p2.source == TextSource::kTextLayer);
  bool footer_is_furniture = false;
  for (const std::string& f : p2.furniture)
    footer_is_furniture |= f == "Página 2 de 3";
  CHECK(footer_is_furniture);
  for (const Block& b : p2.blocks)
    for (const Line& l : b.lines)
      CHECK(l.text.find("Página") == std::string::npos);
  // The ficha table reads row by row: key then value.
  std::string all;
  for (const Block& b : p2.blocks)
    for (const Line& l : b.lines) all += l.text + "\n";
  CHECK(all.find("Fecha de inicio") < all.find("1 de julio de 2021"));
  CHECK(all.find("1 de julio de 2021") < all.find("Fecha de término"));
}

namespace {
// What an extraction yields, as text, to compare two of them.
std::string Dump(const Result<ExtractedDocument>& r) {
  if (!r.ok()) return "error: " + r.status().message();
  const DocumentInfo& i = r->info;
  std::string out = i.title + "|" + i.author + "|" + i.subject + "|" +
                    i.creator + "|" + i.producer + "|" + i.created + "|" +
                    i.modified + "|" + std::to_string(r->page_count) + "\n";
  for (const std::string& w : r->warnings) out += "warning " + w + "\n";
  for (const Page& p : r->pages) {
    out += "page " + std::to_string(p.number) + " " + std::to_string(p.width) +
           "x" + std::to_string(p.height) + " " + p.quality + " " +
           std::to_string(p.word_count) + "\n";
    for (const Block& b : p.blocks)
      for (const Line& l : b.lines)
        out += std::to_string(l.box.x0) + "," + std::to_string(l.box.y0) + " " +
               l.text + "\n";
    for (const std::string& f : p.furniture) out += "furniture " + f + "\n";
    for (const Field& f : p.fields) out += f.key + ": " + f.value + "\n";
  }
  return out;
}
}  // namespace

TEST_CASE("Extractor: a PDF read into memory yields what reading the file does",
          "[extract]") {
  ExtractOptions from_disk;
  from_disk.max_in_memory_bytes = 0;
  auto disk = Extractor::Create(from_disk);
  REQUIRE(disk.ok());
  Extractor memory = MakeExtractor();
  std::string name = GENERATE("co-plan-accion-demo-2021-2023.pdf",
                              "gb-case-study-two-column-demo.pdf",
                              "br-slides-participacao-demo.pdf");
  std::string full = ReadFile(SampleDir() + "/docs/" + name);
  REQUIRE(full.size() > 1000);
  TempDir dir;
  // Whole, and cut short (Poppler reconstructs the cross-reference table).
  for (size_t cut : {full.size(), full.size() / 2, full.size() - 200}) {
    std::string path = dir.File("doc.pdf");
    WriteFile(path, full.substr(0, cut));
    std::string a = Dump(memory.Extract(path, SourceKind::kPdf));
    std::string b = Dump(disk->Extract(path, SourceKind::kPdf));
    CHECK(a == b);
    if (cut == full.size()) CHECK(a.find("\npage 1 ") != std::string::npos);
  }
}

TEST_CASE("Extractor: plain text files become pages and paragraphs",
          "[extract]") {
  TempDir dir;
  Extractor ex = MakeExtractor();
  std::string path = dir.File("a.txt");
  WriteFile(path, "# Title\nline one\nline two\n\nsecond\fpage two\n");
  auto r = ex.Extract(path, SourceKind::kText);
  REQUIRE(r.ok());
  REQUIRE(r->pages.size() == 2);
  REQUIRE(r->pages[0].blocks.size() == 3);
  CHECK(r->pages[0].blocks[0].heading);
  CHECK(r->pages[0].blocks[1].lines.size() == 2);
  CHECK(r->pages[1].blocks[0].lines[0].text == "page two");
}

TEST_CASE("Extractor: Latin-1 text is read as Latin-1", "[extract]") {
  TempDir dir;
  Extractor ex = MakeExtractor();
  std::string path = dir.File("latin1.txt");
  WriteFile(path, "participaci\xF3n ciudadana");
  auto r = ex.Extract(path, SourceKind::kText);
  REQUIRE(r.ok());
  CHECK(r->pages[0].blocks[0].lines[0].text == "participación ciudadana");
}

}  // namespace planmine

namespace planmine {

TEST_CASE("FontWeight: a face's weight from its name, and medium as bold",
          "[extract]") {
  CHECK(FaceWeight("abcdef+nimbusromno9l-regu") == kRegularWeight);
  CHECK(FaceWeight("abcdef+nimbusromno9l-medi") == 5);
  CHECK(FaceWeight("arial,bold") == kBoldWeight);
  CHECK(FaceWeight("timesnewromanps-boldmt") == kBoldWeight);
  CHECK(FaceWeight("roboto-semibold") == kBoldWeight);
  CHECK(FaceWeight("urwgothicl-demi") == 6);
  CHECK(FaceWeight("sourcesanspro-black") == 9);
  CHECK(FaceWeight("opensans-light") == 3);
  CHECK(FaceWeight("helvetica") == kRegularWeight);
  CHECK(FaceWeight("arialbold") == kBoldWeight);  // no style part
  // A family word is not a style: "Boldface Sans" set regular.
  CHECK(FaceWeight("boldfacesans-regular") == kRegularWeight);
  CHECK(FaceFamily("abcdef+nimbusromno9l-medi") == "nimbusromno9l");
  // The typeface whatever the weight, style, vendor suffix and size.
  CHECK(FamilyKey("arialmt") == "arial");
  CHECK(FamilyKey("abcdef+arial-boldmt") == "arial");
  CHECK(FamilyKey("timesnewromanpsmt") == "timesnewroman");
  CHECK(FamilyKey("timesnewromanps-bolditalicmt") == "timesnewroman");
  CHECK(FamilyKey("lmroman10-regular") == FamilyKey("lmroman12-bold"));
  CHECK(FamilyKey("calibri,bold") == "calibri");
  CHECK(FamilyKey("baaaaa+liberationserif") != FamilyKey("caaaaa+dejavusans"));
  CHECK(FamilyKey("bold") == "bold");  // never the whole name
  CHECK(FamilyKey("").empty());

  auto word = [](const std::string& text) {
    Word w;
    w.text = text;
    return w;
  };
  // Body in the regular face: its medium face stands out.
  std::vector<Word> words = {word("Transparencia fiscal."),
                             word("Se propone publicar los datos"),
                             word("del presupuesto cada mes.")};
  std::vector<std::string> faces = {
      "x+nimbusromno9l-medi", "x+nimbusromno9l-regu", "x+nimbusromno9l-regu"};
  MarkHeavierFaces(faces, words.data());
  CHECK(words[0].bold);
  CHECK_FALSE(words[1].bold);
  // A family set mostly in its medium face reads it as the body.
  std::vector<Word> body = {word("A paragraph set in medium type"),
                            word("all through"), word("a light caption")};
  faces = {"roboto-medium", "roboto-medium", "roboto-light"};
  MarkHeavierFaces(faces, body.data());
  for (const Word& w : body) CHECK_FALSE(w.bold);
}

}  // namespace planmine
