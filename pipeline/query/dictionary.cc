// The FreeDict dictd dictionaries, read lazily (dictionary.h).
#include "pipeline/query/dictionary.h"

#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <string_view>

#include "pipeline/normalize/normalizer.h"

namespace planmine {

struct Dictionaries::Book {
  bool tried = false;     // the index was looked for
  bool ok = false;        // and read
  std::string dict_path;  // NAME.dict.dz
  std::string index;      // the .index file
  // (hash of the folded headword, where its line starts in `index`),
  // sorted: a lookup folds only the lines whose hash matches.
  std::vector<std::pair<uint64_t, uint32_t>> keys;
  // The .dict.dz, read on the first entry read. A dictzip file (gzip with
  // an "RA" extra field listing its chunks) is inflated chunk by chunk as
  // entries need them; a plain gzip file is inflated whole into `whole`.
  bool read = false;
  std::string packed;
  bool chunked = false;
  long long chunk_length = 0;
  std::vector<size_t> chunk_starts;      // in `packed`, one past the end last
  std::map<size_t, std::string> chunks;  // inflated, by chunk number
  std::string spanning;                  // an entry across chunks
  std::string whole;
};

namespace {

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// The whole file `path`; false when it cannot be read.
bool ReadWhole(const std::string& path, std::string* out) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  const bool ok = !std::ferror(f);
  std::fclose(f);
  return ok;
}

// Inflates `in` (gzip when window_bits > 15, else a raw deflate chunk ended
// by a flush); empty on any error.
std::string Inflate(std::string_view in, int window_bits) {
  z_stream z;
  std::memset(&z, 0, sizeof z);
  if (inflateInit2(&z, window_bits) != Z_OK) return "";
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  std::string out;
  char buf[1 << 16];
  int rc;
  for (;;) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_SYNC_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
    if (rc != Z_OK && rc != Z_BUF_ERROR) break;
    if (z.avail_out != 0 && z.avail_in == 0) {  // all input, all output
      if (window_bits < 0) rc = Z_STREAM_END;   // a chunk ends unended
      break;
    }
  }
  inflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string();
}

uint16_t Le16(const std::string& s, size_t at) {
  return static_cast<uint16_t>(static_cast<unsigned char>(s[at]) |
                               static_cast<unsigned char>(s[at + 1]) << 8);
}

// Reads the chunk table of a dictzip file (the gzip header's "RA" extra
// field: version, chunk length, chunk count, the compressed size of each
// chunk); false when `packed` is not one, or the table does not add up.
bool ReadChunkTable(const std::string& packed, long long* chunk_length,
                    std::vector<size_t>* starts) {
  if (packed.size() < 12 || static_cast<unsigned char>(packed[0]) != 0x1f ||
      static_cast<unsigned char>(packed[1]) != 0x8b || packed[2] != 8)
    return false;
  const unsigned flags = static_cast<unsigned char>(packed[3]);
  if ((flags & 4) == 0) return false;  // no extra field
  const size_t xlen = Le16(packed, 10);
  size_t at = 12, end = 12 + xlen;
  if (end > packed.size()) return false;
  bool found = false;
  std::vector<size_t> sizes;
  while (at + 4 <= end) {
    const size_t len = Le16(packed, at + 2);
    if (at + 4 + len > end) return false;
    if (packed[at] == 'R' && packed[at + 1] == 'A' && len >= 6) {
      *chunk_length = Le16(packed, at + 6);
      const size_t count = Le16(packed, at + 8);
      if (len < 6 + 2 * count || *chunk_length == 0) return false;
      for (size_t i = 0; i < count; ++i)
        sizes.push_back(Le16(packed, at + 10 + 2 * i));
      found = true;
    }
    at += 4 + len;
  }
  if (!found) return false;
  at = end;
  auto skip_string = [&] {
    size_t z = packed.find('\0', at);
    if (z == std::string::npos) return false;
    at = z + 1;
    return true;
  };
  if ((flags & 8) != 0 && !skip_string()) return false;   // file name
  if ((flags & 16) != 0 && !skip_string()) return false;  // comment
  if ((flags & 2) != 0) at += 2;                          // header CRC
  starts->assign(1, at);
  for (size_t size : sizes) starts->push_back(starts->back() + size);
  return starts->back() <= packed.size();
}

// Singular forms of the last word ("elecciones" -> "eleccion", "eleccione").
std::vector<std::string> SingularForms(const std::string& folded) {
  std::vector<std::string> out;
  size_t sp = folded.rfind(' ');
  std::string head = sp == std::string::npos ? "" : folded.substr(0, sp + 1);
  std::string last = sp == std::string::npos ? folded : folded.substr(sp + 1);
  if (last.size() < 4) return out;
  auto ends = [&](const char* e) {
    size_t n = std::strlen(e);
    return last.size() > n + 2 && last.compare(last.size() - n, n, e) == 0;
  };
  if (ends("oes")) out.push_back(head + last.substr(0, last.size() - 3) + "ao");
  if (ends("ies")) out.push_back(head + last.substr(0, last.size() - 3) + "y");
  if (ends("es")) out.push_back(head + last.substr(0, last.size() - 2));
  if (ends("s")) out.push_back(head + last.substr(0, last.size() - 1));
  return out;
}

// What FoldUtf8 makes of each character from U+00C0 to U+017F (the
// accented Latin letters of Spanish, Portuguese, French...), computed once.
const std::array<std::string, 0x180 - 0xC0>& LatinFolds() {
  static const auto* folds = [] {
    auto* t = new std::array<std::string, 0x180 - 0xC0>();
    for (unsigned cp = 0xC0; cp < 0x180; ++cp) {
      const char utf8[3] = {static_cast<char>(0xC0 | (cp >> 6)),
                            static_cast<char>(0x80 | (cp & 0x3F)), 0};
      (*t)[cp - 0xC0] = FoldUtf8(utf8);
    }
    return t;
  }();
  return *folds;
}

// Joined(FoldedWords(s)) into `out`: the words of `s`, lower case and
// without accents, one space between. Without ICU when `s` has only ASCII
// and the accented letters of LatinFolds (nearly every headword).
void FoldInto(std::string_view s, std::string* out) {
  out->clear();
  bool space = false;
  auto add = [&](std::string_view piece) {
    if (space && !out->empty()) *out += ' ';
    space = false;
    *out += piece;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char u = static_cast<unsigned char>(s[i]);
    if (u < 0x80) {
      if (std::isalnum(u)) {
        if (space && !out->empty()) *out += ' ';
        space = false;
        *out += static_cast<char>(u | (u >= 'A' && u <= 'Z' ? 0x20 : 0));
      } else {
        space = true;
      }
      continue;
    }
    const unsigned cp =
        i + 1 < s.size() && (u & 0xE0) == 0xC0 &&
                (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80
            ? ((u & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F)
            : 0;
    // A combining mark after the letter would fold with it: ICU decides.
    const bool mark_next =
        i + 2 < s.size() && (static_cast<unsigned char>(s[i + 2]) == 0xCC ||
                             static_cast<unsigned char>(s[i + 2]) == 0xCD);
    if (cp < 0xC0 || cp >= 0x180 || mark_next) {
      out->clear();
      for (const std::string& w : FoldedWords(s))
        *out += (out->empty() ? "" : " ") + w;
      return;
    }
    add(LatinFolds()[cp - 0xC0]);
    ++i;
  }
}

std::string FoldKey(std::string_view s) {
  std::string out;
  FoldInto(s, &out);
  return out;
}

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

// The fields of one index line: headword, offset, length; false when the
// line is not an entry.
bool ParseIndexLine(std::string_view line, std::string_view* head,
                    long long* offset, long long* length) {
  size_t t1 = line.find('\t');
  size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
  if (t2 == std::string_view::npos) return false;
  *head = line.substr(0, t1);
  if (head->substr(0, 10) == "00database") return false;
  *offset = DictdNumber(std::string(line.substr(t1 + 1, t2 - t1 - 1)));
  *length = DictdNumber(Trim(std::string(line.substr(t2 + 1))));
  return *offset >= 0 && *length > 0;
}

}  // namespace

long long DictdNumber(const std::string& s) {
  static const char* kDigits =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  if (s.empty() || s.size() > 8) return -1;
  long long n = 0;
  for (char c : s) {
    const char* p = std::strchr(kDigits, c);
    if (c == '\0' || p == nullptr) return -1;
    n = n * 64 + (p - kDigits);
  }
  return n;
}

std::vector<std::string> EntryTranslations(const std::string& entry) {
  std::vector<std::string> out;
  std::istringstream in(entry);
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (first) {  // the headword, its pronunciation and part of speech
      first = false;
      continue;
    }
    std::string s = Trim(line);
    // "1. " sense numbers.
    size_t k = 0;
    while (k < s.size() && isdigit(static_cast<unsigned char>(s[k]))) ++k;
    if (k > 0 && k < s.size() && s[k] == '.') s = Trim(s.substr(k + 1));
    // Notes: <...>, (...), [...], {...}.
    std::string clean;
    int depth = 0;
    for (char c : s) {
      if (c == '<' || c == '(' || c == '[' || c == '{')
        ++depth;
      else if (c == '>' || c == ')' || c == ']' || c == '}')
        depth = std::max(0, depth - 1);
      else if (depth == 0)
        clean += c;
    }
    std::string item;
    std::istringstream items(clean);
    while (std::getline(items, item, ',')) {
      std::istringstream parts(item);
      std::string part;
      while (std::getline(parts, part, ';')) {
        std::string t = Trim(part);
        if (t.empty() ||
            t.find_first_of("0123456789/:=\"") != std::string::npos)
          continue;
        size_t words = FoldedWords(t).size();
        if (words == 0 || words > 3) continue;
        if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
      }
    }
  }
  return out;
}

Dictionaries::Dictionaries(std::string dir) : dir_(std::move(dir)) {}
Dictionaries::~Dictionaries() = default;

std::string Dictionaries::DefaultDir() {
  const char* e = std::getenv("PLANMINE_DICTD_DIR");
  return e != nullptr && *e != '\0' ? std::string(e) : std::string(kDictdDir);
}

bool Dictionaries::Available() const {
  for (const char* p : {"spa-eng", "por-eng", "eng-spa", "eng-por"})
    if (Exists(dir_ + "/freedict-" + p + ".index")) return true;
  return false;
}

Dictionaries::Book* Dictionaries::Get(const std::string& pair) {
  std::unique_ptr<Book>& b = books_[pair];
  if (!b) b = std::make_unique<Book>();
  if (b->tried) return b->ok ? b.get() : nullptr;
  b->tried = true;
  const auto t0 = std::chrono::steady_clock::now();
  const std::string base = dir_ + "/freedict-" + pair;
  if (!Exists(base + ".dict.dz") || !ReadWhole(base + ".index", &b->index) ||
      b->index.size() > UINT32_MAX)
    return nullptr;
  b->dict_path = base + ".dict.dz";
  // Only the headwords are read here; a line's numbers when it is looked up.
  std::string folded;
  for (size_t at = 0; at < b->index.size();) {
    size_t nl = b->index.find('\n', at);
    if (nl == std::string::npos) nl = b->index.size();
    std::string_view line = std::string_view(b->index).substr(at, nl - at);
    std::string_view head = line.substr(0, line.find('\t'));
    if (head.size() < line.size() && head.substr(0, 10) != "00database") {
      FoldInto(head, &folded);
      b->keys.emplace_back(Fnv1a(folded), static_cast<uint32_t>(at));
    }
    at = nl + 1;
  }
  std::sort(b->keys.begin(), b->keys.end());  // equal hashes in file order
  b->ok = !b->keys.empty();
  load_ms_ += std::chrono::duration<double, std::milli>(
                  std::chrono::steady_clock::now() - t0)
                  .count();
  return b->ok ? b.get() : nullptr;
}

std::string_view Dictionaries::Read(Book* b, long long offset,
                                    long long length) {
  const auto t0 = std::chrono::steady_clock::now();
  auto timed = [&](std::string_view v) {
    load_ms_ += std::chrono::duration<double, std::milli>(
                    std::chrono::steady_clock::now() - t0)
                    .count();
    return v;
  };
  if (!b->read) {
    b->read = true;
    if (ReadWhole(b->dict_path, &b->packed)) {
      b->chunked =
          ReadChunkTable(b->packed, &b->chunk_length, &b->chunk_starts);
      if (!b->chunked) {
        b->whole = Inflate(b->packed, 16 + MAX_WBITS);
        b->packed.clear();
      }
    }
  }
  if (offset < 0 || length <= 0) return {};
  if (!b->chunked) {
    if (offset + length > static_cast<long long>(b->whole.size())) return {};
    return timed(std::string_view(b->whole).substr(offset, length));
  }
  // The entry's chunks, inflated once each, joined when it crosses one.
  const size_t first = static_cast<size_t>(offset / b->chunk_length);
  const size_t last =
      static_cast<size_t>((offset + length - 1) / b->chunk_length);
  if (last + 1 >= b->chunk_starts.size()) return {};
  for (size_t c = first; c <= last; ++c)
    if (!b->chunks.count(c))
      b->chunks[c] = Inflate(
          std::string_view(b->packed).substr(
              b->chunk_starts[c], b->chunk_starts[c + 1] - b->chunk_starts[c]),
          -MAX_WBITS);
  const size_t at = static_cast<size_t>(offset - first * b->chunk_length);
  if (first == last) {
    const std::string& chunk = b->chunks[first];
    if (at + length > chunk.size()) return {};
    return timed(std::string_view(chunk).substr(at, length));
  }
  b->spanning.clear();
  for (size_t c = first; c <= last; ++c) b->spanning += b->chunks[c];
  if (at + length > b->spanning.size()) return {};
  return timed(std::string_view(b->spanning).substr(at, length));
}

std::vector<std::string> Dictionaries::Find(const std::string& pair,
                                            const std::string& folded) {
  std::vector<std::string> out;
  Book* b = Get(pair);
  if (b == nullptr) return out;
  const uint64_t h = Fnv1a(folded);
  auto it = std::lower_bound(b->keys.begin(), b->keys.end(),
                             std::make_pair(h, uint32_t{0}));
  std::string key;
  for (; it != b->keys.end() && it->first == h; ++it) {
    const size_t at = it->second;
    size_t nl = b->index.find('\n', at);
    if (nl == std::string::npos) nl = b->index.size();
    std::string_view head;
    long long off, len;
    if (!ParseIndexLine(std::string_view(b->index).substr(at, nl - at), &head,
                        &off, &len))
      continue;
    FoldInto(head, &key);
    if (key != folded) continue;  // another headword with the same hash
    std::string_view entry = Read(b, off, len);
    if (entry.empty()) continue;
    for (std::string& t : EntryTranslations(std::string(entry)))
      if (std::find(out.begin(), out.end(), t) == out.end())
        out.push_back(std::move(t));
  }
  return out;
}

Result<std::vector<std::string>> Dictionaries::Lookup(
    const std::string& pair, const std::string& headword) {
  if (Get(pair) == nullptr)
    return NotFound(dir_ + "/freedict-" + pair + ": no such dictionary");
  return Find(pair, FoldKey(headword));
}

std::vector<Translation> Dictionaries::Translate(const std::string& phrase,
                                                 size_t per_language) {
  std::vector<Translation> out;
  const std::string folded = FoldKey(phrase);
  if (folded.empty()) return out;
  std::vector<std::string> forms = {folded};
  for (std::string& s : SingularForms(folded)) forms.push_back(std::move(s));
  // The first form with an entry, per dictionary.
  auto find = [&](const std::string& pair) {
    for (const std::string& f : forms) {
      std::vector<std::string> r = Find(pair, f);
      if (!r.empty()) return r;
    }
    return std::vector<std::string>();
  };
  std::map<std::string, size_t> count;
  auto add = [&](const char* language, const std::string& text) {
    std::string f = FoldKey(text);
    if (f.empty() || f == folded) return;
    if (count[language] >= per_language) return;
    for (const Translation& t : out)
      if (t.language == language && FoldKey(t.text) == f) return;
    out.push_back({language, text});
    ++count[language];
  };
  // es -> en, and through en -> pt; pt -> en, and through en -> es.
  for (const auto& [pair, other] :
       {std::pair<const char*, const char*>{"spa-eng", "eng-por"},
        std::pair<const char*, const char*>{"por-eng", "eng-spa"}}) {
    std::vector<std::string> en = find(pair);
    for (const std::string& e : en) add("en", e);
    const char* via_language = std::strcmp(other, "eng-por") == 0 ? "pt" : "es";
    for (size_t k = 0; k < en.size() && k < 2; ++k)
      for (const std::string& t : Find(other, FoldKey(en[k])))
        add(via_language, t);
  }
  for (const std::string& t : find("eng-spa")) add("es", t);
  for (const std::string& t : find("eng-por")) add("pt", t);
  return out;
}

}  // namespace planmine
