// The FreeDict dictd dictionaries, read lazily (dictionary.h).
#include "pipeline/query/dictionary.h"

#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "pipeline/normalize/normalizer.h"

namespace planmine {

struct Dictionaries::Book {
  bool tried = false;     // the index was looked for
  bool ok = false;        // and read
  bool inflated = false;  // the .dict.dz was inflated into `text`
  std::string dict_path;  // NAME.dict.dz
  std::multimap<std::string, std::pair<long long, long long>> entries;
  std::string text;
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

// The whole gzip file `path`, inflated; empty on any error.
std::string Inflate(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::string packed((std::istreambuf_iterator<char>(in)),
                     std::istreambuf_iterator<char>());
  z_stream z;
  std::memset(&z, 0, sizeof z);
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return "";
  z.next_in = reinterpret_cast<Bytef*>(packed.data());
  z.avail_in = static_cast<uInt>(packed.size());
  std::string out;
  char buf[1 << 16];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
    if (rc == Z_BUF_ERROR && z.avail_in == 0) break;
  }
  inflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string();
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

std::string Joined(const std::vector<std::string>& words) {
  std::string s;
  for (const std::string& w : words) s += (s.empty() ? "" : " ") + w;
  return s;
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
  std::ifstream in(base + ".index");
  if (!in || !Exists(base + ".dict.dz")) return nullptr;
  b->dict_path = base + ".dict.dz";
  std::string line;
  while (std::getline(in, line)) {
    size_t t1 = line.find('\t');
    size_t t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string::npos) continue;
    std::string head = line.substr(0, t1);
    if (head.rfind("00database", 0) == 0) continue;
    long long off = DictdNumber(line.substr(t1 + 1, t2 - t1 - 1));
    long long len = DictdNumber(Trim(line.substr(t2 + 1)));
    if (off < 0 || len <= 0) continue;
    b->entries.emplace(Joined(FoldedWords(head)), std::make_pair(off, len));
  }
  b->ok = !b->entries.empty();
  load_ms_ += std::chrono::duration<double, std::milli>(
                  std::chrono::steady_clock::now() - t0)
                  .count();
  return b->ok ? b.get() : nullptr;
}

std::vector<std::string> Dictionaries::Find(const std::string& pair,
                                            const std::string& folded) {
  std::vector<std::string> out;
  Book* b = Get(pair);
  if (b == nullptr) return out;
  auto range = b->entries.equal_range(folded);
  if (range.first == range.second) return out;
  if (!b->inflated) {
    const auto t0 = std::chrono::steady_clock::now();
    b->text = Inflate(b->dict_path);
    b->inflated = true;
    load_ms_ += std::chrono::duration<double, std::milli>(
                    std::chrono::steady_clock::now() - t0)
                    .count();
  }
  for (auto it = range.first; it != range.second; ++it) {
    const auto [off, len] = it->second;
    if (off + len > static_cast<long long>(b->text.size())) continue;
    for (std::string& t : EntryTranslations(b->text.substr(off, len)))
      if (std::find(out.begin(), out.end(), t) == out.end())
        out.push_back(std::move(t));
  }
  return out;
}

Result<std::vector<std::string>> Dictionaries::Lookup(
    const std::string& pair, const std::string& headword) {
  if (Get(pair) == nullptr)
    return NotFound(dir_ + "/freedict-" + pair + ": no such dictionary");
  return Find(pair, Joined(FoldedWords(headword)));
}

std::vector<Translation> Dictionaries::Translate(const std::string& phrase,
                                                 size_t per_language) {
  std::vector<Translation> out;
  const std::string folded = Joined(FoldedWords(phrase));
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
    std::string f = Joined(FoldedWords(text));
    if (f.empty() || f == folded) return;
    if (count[language] >= per_language) return;
    for (const Translation& t : out)
      if (t.language == language && Joined(FoldedWords(t.text)) == f) return;
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
      for (const std::string& t : Find(other, Joined(FoldedWords(en[k]))))
        add(via_language, t);
  }
  for (const std::string& t : find("eng-spa")) add("es", t);
  for (const std::string& t : find("eng-por")) add("pt", t);
  return out;
}

}  // namespace planmine
