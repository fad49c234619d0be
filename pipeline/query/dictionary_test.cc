#include "pipeline/query/dictionary.h"

#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>

#include "pipeline/load/fts_tokenizer.h"
#include "pipeline/query/query.h"
#include "pipeline/query/search_fixture.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
namespace {

using testing::TempDir;
using testing::WriteFile;

std::string DictdB64(long long n) {
  static const char* kDigits =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string s;
  do {
    s.insert(s.begin(), kDigits[n % 64]);
    n /= 64;
  } while (n > 0);
  return s;
}

// A dictd dictionary freedict-PAIR in `dir`: entries "headword\nbody".
void WriteDictd(const std::string& dir, const std::string& pair,
                const std::vector<std::pair<std::string, std::string>>& es) {
  std::string text, index;
  for (const auto& [head, entry] : es) {
    index += head + "\t" + DictdB64(static_cast<long long>(text.size())) +
             "\t" + DictdB64(static_cast<long long>(entry.size())) + "\n";
    text += entry;
  }
  WriteFile(dir + "/freedict-" + pair + ".index", index);
  gzFile z = gzopen((dir + "/freedict-" + pair + ".dict.dz").c_str(), "wb");
  REQUIRE(z != nullptr);
  gzwrite(z, text.data(), static_cast<unsigned>(text.size()));
  gzclose(z);
}

// The same as WriteDictd, written as dictzip does: raw deflate chunks of
// `chunk` bytes of text, each ended by a full flush, listed in the gzip
// header's "RA" extra field.
void WriteDictzip(const std::string& dir, const std::string& pair,
                  const std::vector<std::pair<std::string, std::string>>& es,
                  size_t chunk) {
  std::string text, index;
  for (const auto& [head, entry] : es) {
    index += head + "\t" + DictdB64(static_cast<long long>(text.size())) +
             "\t" + DictdB64(static_cast<long long>(entry.size())) + "\n";
    text += entry;
  }
  WriteFile(dir + "/freedict-" + pair + ".index", index);
  z_stream z{};
  REQUIRE(deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) ==
          Z_OK);
  std::string data;
  std::vector<size_t> sizes;
  for (size_t at = 0; at < text.size(); at += chunk) {
    std::string in = text.substr(at, chunk);
    z.next_in = reinterpret_cast<Bytef*>(in.data());
    z.avail_in = static_cast<uInt>(in.size());
    const bool last = at + chunk >= text.size();
    std::string out(deflateBound(&z, in.size()) + 64, '\0');
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&z, last ? Z_FINISH : Z_FULL_FLUSH) != Z_STREAM_ERROR);
    out.resize(out.size() - z.avail_out);
    sizes.push_back(out.size());
    data += out;
  }
  deflateEnd(&z);
  auto le16 = [](size_t v) {
    return std::string{static_cast<char>(v & 0xFF),
                       static_cast<char>((v >> 8) & 0xFF)};
  };
  std::string ra = le16(1) + le16(chunk) + le16(sizes.size());
  for (size_t s : sizes) ra += le16(s);
  std::string extra = "RA" + le16(ra.size()) + ra;
  std::string header = std::string("\x1f\x8b\x08\x0c", 4) +
                       std::string(6, '\0') + le16(extra.size()) + extra +
                       "name.dict" + std::string(1, '\0');
  const uLong crc =
      crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(text.data()),
            static_cast<uInt>(text.size()));
  // The gzip trailer: a dictzip file is a gzip file (DictionaryRead::kWhole
  // inflates it whole).
  WriteFile(dir + "/freedict-" + pair + ".dict.dz",
            header + data + le16(crc & 0xFFFF) + le16((crc >> 16) & 0xFFFF) +
                le16(text.size() & 0xFFFF) +
                le16((text.size() >> 16) & 0xFFFF));
}

// A dictzip dictionary as dictfmt writes one: the headwords sorted by
// their bytes, and a "00databasealphabet" entry listing their characters
// (`alphabet`; none when empty).
void WriteSortedDictzip(const std::string& dir, const std::string& pair,
                        std::vector<std::pair<std::string, std::string>> es,
                        const std::string& alphabet) {
  if (!alphabet.empty()) es.push_back({"00databasealphabet", alphabet + "\n"});
  std::stable_sort(es.begin(), es.end(), [](const auto& a, const auto& b) {
    return std::string_view(a.first) < std::string_view(b.first);
  });
  WriteDictzip(dir, pair, es, 64);
}

// A small pair of dictionaries with "software libre" and "prefectura".
void WriteFixture(const std::string& dir) {
  WriteDictd(dir, "spa-eng",
             {{"libre", "libre /ˈliβɾe/\n1. free\n2. vacant <adj>\n"},
              {"prefectura", "prefectura /x/\ncity hall\n"},
              {"software libre",
               "software libre /x/\nfree software, open source software\n"}});
  WriteDictd(dir, "eng-por",
             {{"city hall", "city hall /x/ <s>\nprefeitura\n"},
              {"free", "free /friː/ <adj>\n1. livre\n2. grátis\n"},
              {"free software", "free software /x/\nsoftware livre\n"}});
}

bool Has(const std::vector<Translation>& v, const std::string& language,
         const std::string& text) {
  return std::find(v.begin(), v.end(), Translation{language, text}) != v.end();
}

}  // namespace

TEST_CASE("Dictionary: dictd numbers and entries", "[search]") {
  CHECK(DictdNumber("A") == 0);
  CHECK(DictdNumber("BWGY") == 352664);
  CHECK(DictdNumber("a-b") == -1);
  CHECK(EntryTranslations("free /friː/ <adj> <vt>\n1. livre\n2. grátis\n3. "
                          "libertar, livrar, tornar livre\n") ==
        std::vector<std::string>{"livre", "grátis", "libertar", "livrar",
                                 "tornar livre"});
  // Grammar notes out; items of more than three words out.
  CHECK(EntryTranslations("x /x/\nsomething (informal); a b c d e\n") ==
        std::vector<std::string>{"something"});
}

TEST_CASE("Dictionary: lookups and translations on a small dictd pair",
          "[search]") {
  TempDir dir;
  WriteFixture(dir.path());
  Dictionaries d(dir.path());
  CHECK(d.Available());
  auto free = d.Lookup("eng-por", "Free");
  REQUIRE(free.ok());
  CHECK(*free == std::vector<std::string>{"livre", "grátis"});
  CHECK_FALSE(d.Lookup("eng-spa", "free").ok());  // not there
  // A phrase entry, and es -> pt through en.
  std::vector<Translation> t = d.Translate("Software Libre");
  CHECK(Has(t, "en", "free software"));
  CHECK(Has(t, "en", "open source software"));
  CHECK(Has(t, "pt", "software livre"));
  // A plural looked up as its singular.
  CHECK(Has(d.Translate("prefecturas"), "pt", "prefeitura"));
  CHECK(d.Translate("nada").empty());
  CHECK_FALSE(Dictionaries(dir.File("none")).Available());
  CHECK(Dictionaries(dir.File("none")).Translate("libre").empty());
}

TEST_CASE("Dictionary: software libre expands into en and pt", "[search]") {
  TempDir dir;
  WriteFixture(dir.path());
  Dictionaries d(dir.path());
  auto pq = ParseQuery("software libre", nullptr, &d);
  REQUIRE(pq.ok());
  INFO(pq->fts);
  // The phrase entry wins over the words: marked with their language, so
  // each is stemmed in it.
  CHECK(pq->fts.find("\"" + LanguageMarked("en", "free software") + "\"") !=
        std::string::npos);
  CHECK(pq->fts.find("\"" + LanguageMarked("pt", "software livre") + "\"") !=
        std::string::npos);
  CHECK(std::find(pq->bridged.begin(), pq->bridged.end(), "free software") !=
        pq->bridged.end());
  // Without the dictionary (search --no-dictionary): the words alone.
  auto plain = ParseQuery("software libre", nullptr, nullptr);
  REQUIRE(plain.ok());
  CHECK(plain->fts.find("free software") == std::string::npos);
  CHECK(plain->bridged.empty());
}

TEST_CASE(
    "Dictionary: search finds the other language, not with "
    "--no-dictionary",
    "[search]") {
  TempDir dir;
  WriteFixture(dir.path());
  Dictionaries d(dir.path());
  testing::SearchFixture f;
  SearchOptions o;
  auto off = Search(f.db(), "prefectura", o);  // what --no-dictionary does
  REQUIRE(off.ok());
  CHECK(off->rows.empty());
  o.dictionary = &d;
  auto on = Search(f.db(), "prefectura", o);
  REQUIRE(on.ok());
  REQUIRE(on->rows.size() == 1);
  CHECK(on->rows[0][on->Column("language")] == "pt");
  auto docs = SearchDocuments(f.db(), "prefectura", o, SearchBy::kDocument);
  REQUIRE(docs.ok());
  REQUIRE(docs->rows.size() == 1);
  CHECK(docs->rows[0][docs->Column("found_by")] == "bridge");
}

TEST_CASE(
    "Dictionary: a dictzip file is read chunk by chunk, entries across "
    "chunks included",
    "[search]") {
  TempDir dir;
  auto suffix = [](int i) {  // letters: translations with digits are out
    return std::string{static_cast<char>('a' + i % 26),
                       static_cast<char>('a' + i / 26)};
  };
  std::vector<std::pair<std::string, std::string>> es;
  for (int i = 0; i < 40; ++i)
    es.push_back({"palabra" + suffix(i),
                  "palabra" + suffix(i) + " /x/\nword" + suffix(i) + "\n"});
  es.push_back({"Participación", "participación /x/\nparticipation\n"});
  es.push_back({"ÓRGANO de control", "órgano de control\nwatchdog\n"});
  WriteDictzip(dir.path(), "spa-eng", es, 64);  // entries cross chunks
  WriteDictzip(dir.path(), "eng-por", {{"free", "free\nlivre\n"}}, 4096);
  Dictionaries d(dir.path());
  for (int i : {0, 7, 21, 39}) {
    auto r = d.Lookup("spa-eng", "palabra" + suffix(i));
    REQUIRE(r.ok());
    CHECK(*r == std::vector<std::string>{"word" + suffix(i)});
  }
  // Accents and case folded on both sides.
  CHECK(*d.Lookup("spa-eng", "participacion") ==
        std::vector<std::string>{"participation"});
  CHECK(*d.Lookup("spa-eng", "Órgano de Contról") ==
        std::vector<std::string>{"watchdog"});
  CHECK(d.Lookup("spa-eng", "palabrazz")->empty());
  CHECK(*d.Lookup("eng-por", "FREE") == std::vector<std::string>{"livre"});
}

TEST_CASE(
    "Dictionary: a searched index finds every spelling that folds to the "
    "word, as reading it whole does",
    "[search]") {
  TempDir dir;
  const std::vector<std::pair<std::string, std::string>> es = {
      {"eleccion", "eleccion\nchoice\n"},
      {"elección", "elección\nelection\n"},
      {"eleccionario", "eleccionario\nelectoral\n"},
      {"hace", "hace\nago\n"},
      {"hace ", "hace\nit makes\n"},
      {"hace  ", "hace\nit does\n"},
      {"hace frío", "hace frío\nit is cold\n"},
      {" agua", "agua\nwater\n"},
      {"software  libre", "software libre\nfree software\n"},
      {"straße", "straße\nstreet\n"},
      {"ñandú", "ñandú\nrhea\n"},
      {"nandu", "nandu\nnandu bird\n"},
      {"zorro", "zorro\nfox\n"},
  };
  WriteSortedDictzip(dir.path(), "spa-eng", es,
                     " abcdefghijklmnopqrstuvwxyzßáéíñóú");
  Dictionaries search(dir.path()), whole(dir.path(), DictionaryRead::kWhole);
  for (const char* w :
       {"eleccion", "ELECCIÓN", "elecciòn", "eleccionario", "hace", "hace frio",
        "agua", "software libre", "strasse", "ñandu", "nandú", "zorro", "zorr",
        "zorros", "x", "hace  frio"}) {
    INFO(w);
    auto a = search.Lookup("spa-eng", w);
    auto b = whole.Lookup("spa-eng", w);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(*a == *b);
  }
  CHECK(search.read_of("spa-eng") == DictionaryRead::kSearch);
  CHECK(whole.read_of("spa-eng") == DictionaryRead::kWhole);
  CHECK(*search.Lookup("spa-eng", "eleccion") ==
        std::vector<std::string>{"choice", "election"});
  CHECK(*search.Lookup("spa-eng", "hace") ==
        std::vector<std::string>{"ago", "it makes", "it does"});
  CHECK(*search.Lookup("spa-eng", "STRAßE") ==
        std::vector<std::string>{"street"});
  CHECK(*search.Lookup("spa-eng", "nandu") ==
        std::vector<std::string>{"nandu bird", "rhea"});
  CHECK(*search.Lookup("spa-eng", " agua ") ==
        std::vector<std::string>{"water"});
}

TEST_CASE(
    "Dictionary: an index that cannot be searched is read whole, with the "
    "same answers",
    "[search]") {
  TempDir dir;
  const std::vector<std::pair<std::string, std::string>> es = {
      {"abierto", "abierto\nopen\n"},
      {"e-mail", "e-mail\nemail\n"},
      {"Libre", "Libre\nfree\n"},
  };
  // Upper case and punctuation in the alphabet: dictd's order is not the
  // bytes' order.
  WriteSortedDictzip(dir.path(), "spa-eng", es,
                     " -abcdefghijklmnopqrstuvwxyzL");
  // No alphabet entry.
  WriteSortedDictzip(dir.path(), "por-eng", {{"aberto", "aberto\nopen\n"}}, "");
  // An alphabet that says byte order, and a block out of order.
  std::vector<std::pair<std::string, std::string>> many;
  for (int i = 0; i < 300; ++i) {
    std::string w = "palabra" + std::to_string(1000 + i);
    many.push_back({w, w + "\nword\n"});
  }
  WriteSortedDictzip(dir.path(), "eng-spa", many,
                     "abcdefghijklmnopqrstuvwxyz0123456789");
  {
    std::ifstream in(dir.File("freedict-eng-spa.index"));
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    std::swap(lines[150], lines[151]);
    std::string out;
    for (const std::string& l : lines) out += l + "\n";
    WriteFile(dir.File("freedict-eng-spa.index"), out);
  }
  for (DictionaryRead r : {DictionaryRead::kSearch, DictionaryRead::kWhole}) {
    Dictionaries d(dir.path(), r);
    CHECK(*d.Lookup("spa-eng", "e mail") == std::vector<std::string>{"email"});
    CHECK(*d.Lookup("spa-eng", "libre") == std::vector<std::string>{"free"});
    CHECK(*d.Lookup("por-eng", "Aberto") == std::vector<std::string>{"open"});
    CHECK(d.read_of("spa-eng") == DictionaryRead::kWhole);
    CHECK(d.read_of("por-eng") == DictionaryRead::kWhole);
    CHECK(*d.Lookup("eng-spa", "palabra1010") ==
          std::vector<std::string>{"word"});
    for (const char* w : {"palabra1149", "palabra1150", "palabra1151"})
      CHECK(*d.Lookup("eng-spa", w) == std::vector<std::string>{"word"});
    CHECK(d.read_of("eng-spa") == DictionaryRead::kWhole);
  }
}

namespace {

// Every headword of an installed dictd index.
std::vector<std::string> Headwords(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    std::string head = line.substr(0, line.find('\t'));
    if (head.rfind("00database", 0) != 0) out.push_back(head);
  }
  return out;
}

// Every `step`-th word of a word list, up to `n`.
std::vector<std::string> Sample(const std::string& path, size_t step,
                                size_t n) {
  std::vector<std::string> out;
  std::ifstream in(path);
  size_t k = 0;
  for (std::string w; std::getline(in, w) && out.size() < n; ++k)
    if (k % step == 0 && !w.empty()) out.push_back(w);
  return out;
}

}  // namespace

TEST_CASE(
    "Dictionary: the installed files searched give what reading them whole "
    "gives, reading a fraction of them",
    "[search]") {
  if (!Dictionaries(kDictdDir).Available()) {
    const char* ci = std::getenv("CI");
    if (ci != nullptr && std::string(ci) == "true")
      FAIL("the FreeDict dictionaries are not installed in " << kDictdDir);
    WARN("skipped: no FreeDict dictionaries in " << kDictdDir);
    return;
  }
  Dictionaries search(kDictdDir), whole(kDictdDir, DictionaryRead::kWhole);
  // Every headword of the four, as written and in capitals.
  size_t looked_up = 0, found = 0;
  for (const char* pair : {"spa-eng", "por-eng", "eng-spa", "eng-por"}) {
    for (const std::string& h :
         Headwords(std::string(kDictdDir) + "/freedict-" + pair + ".index")) {
      for (const std::string& w : {h, FoldUtf8(h) + "S"}) {
        INFO(pair << ": " << w);
        auto a = search.Lookup(pair, w);
        auto b = whole.Lookup(pair, w);
        REQUIRE(a.ok());
        REQUIRE(b.ok());
        REQUIRE(*a == *b);
        ++looked_up;
        found += !a->empty();
      }
    }
    CHECK(search.read_of(pair) == DictionaryRead::kSearch);
  }
  CHECK(found > looked_up / 2);
  // Translations (both directions, through en, plurals) of a few hundred
  // words of each language's word list and of the queries' words.
  std::vector<std::string> words = {"presupuesto",  "elecciones", "police",
                                    "orçamento",    "moradia",    "youth",
                                    "Presupuestos", "POLÍCIA",    "budget"};
  for (const char* list :
       {"/usr/share/dict/spanish", "/usr/share/dict/brazilian",
        "/usr/share/dict/american-english"})
    for (std::string& w : Sample(list, 97, 300)) words.push_back(std::move(w));
  size_t translated = 0;
  for (const std::string& w : words) {
    INFO(w);
    std::vector<Translation> a = search.Translate(w);
    std::vector<Translation> b = whole.Translate(w);
    REQUIRE(a == b);
    translated += !a.empty();
  }
  CHECK(translated > words.size() / 10);
  // One query's lookups read a few KB of each index and one chunk of each
  // .dict.dz, not the files.
  Dictionaries fresh(kDictdDir);
  REQUIRE_FALSE(fresh.Translate("presupuesto").empty());
  long long sizes = 0;
  for (const char* pair : {"spa-eng", "por-eng", "eng-spa", "eng-por"})
    for (const char* ext : {".index", ".dict.dz"})
      sizes += static_cast<long long>(std::filesystem::file_size(
          std::string(kDictdDir) + "/freedict-" + pair + ext));
  INFO("read " << fresh.bytes_read() << " of " << sizes << " bytes");
  CHECK(fresh.bytes_read() < sizes / 4);
  const long long before = fresh.bytes_read();
  fresh.Translate("youth");
  CHECK(fresh.bytes_read() - before < 4 * 65536);
}

TEST_CASE("Dictionary: the installed FreeDict files", "[search]") {
  Dictionaries d(kDictdDir);
  if (!d.Available()) {
    const char* ci = std::getenv("CI");
    if (ci != nullptr && std::string(ci) == "true")
      FAIL("the FreeDict dictionaries are not installed in "
           << kDictdDir << " (scripts/install-deps.sh)");
    WARN("skipped: no FreeDict dictionaries in "
         << kDictdDir << " (scripts/install-deps.sh)");
    return;
  }
  auto budget = d.Lookup("eng-spa", "budget");
  REQUIRE(budget.ok());
  CHECK(std::find(budget->begin(), budget->end(), "presupuesto") !=
        budget->end());
  auto free = d.Lookup("eng-por", "free");
  REQUIRE(free.ok());
  CHECK(std::find(free->begin(), free->end(), "livre") != free->end());
  // es -> en, and es -> pt through en.
  std::vector<Translation> t = d.Translate("presupuesto");
  CHECK(Has(t, "en", "budget"));
  CHECK(Has(t, "pt", "orçamento"));
  // A plural without its own entry: "elecciones" -> "elección".
  CHECK(Has(d.Translate("elecciones"), "en", "election"));
  // en -> es and pt.
  std::vector<Translation> p = d.Translate("police");
  CHECK(Has(p, "es", "policía"));
  CHECK(Has(p, "pt", "polícia"));
  CHECK(d.load_ms() >= 0);
}

}  // namespace planmine
