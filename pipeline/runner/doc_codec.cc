#include "pipeline/runner/doc_codec.h"

#include <cstdint>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>  // NLOHMANN_JSON_PASTE: one macro per field
#include <type_traits>
#include <vector>

namespace planmine {
namespace {

struct Writer {
  std::string out;
  void Varint(uint64_t v) {
    while (v >= 0x80) {
      out += static_cast<char>(v | 0x80);
      v >>= 7;
    }
    out += static_cast<char>(v);
  }
};

// Reads what Writer wrote; the first failure sticks (ok() false) and every
// later read gives zeros.
struct Reader {
  const char* p;
  const char* end;
  bool ok = true;
  size_t left() const { return static_cast<size_t>(end - p); }
  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p == end) return Fail();
      const auto b = static_cast<unsigned char>(*p++);
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    return Fail();
  }
  // A count of items of at least one byte each: never more than are left.
  size_t Count() {
    uint64_t n = Varint();
    if (n > left()) return Fail();
    return static_cast<size_t>(n);
  }
  uint64_t Fail() {
    ok = false;
    p = end;
    return 0;
  }
};

// Scalars: integers as (zigzag) varints, doubles as their bytes, enums as
// their value.
template <typename T>
void Put(Writer& w, const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    w.out += v ? '\1' : '\0';
  } else if constexpr (std::is_enum_v<T>) {
    Put(w, static_cast<std::underlying_type_t<T>>(v));
  } else if constexpr (std::is_floating_point_v<T>) {
    double d = v;
    char b[sizeof d];
    std::memcpy(b, &d, sizeof d);
    w.out.append(b, sizeof d);
  } else if constexpr (std::is_signed_v<T>) {
    const auto s = static_cast<int64_t>(v);
    w.Varint((static_cast<uint64_t>(s) << 1) ^ static_cast<uint64_t>(s >> 63));
  } else {
    static_assert(std::is_unsigned_v<T>, "no encoding for this type");
    w.Varint(v);
  }
}

template <typename T>
void Get(Reader& r, T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    if (r.p == r.end) {
      r.Fail();
      v = false;
      return;
    }
    v = *r.p++ != 0;
  } else if constexpr (std::is_enum_v<T>) {
    std::underlying_type_t<T> u{};
    Get(r, u);
    v = static_cast<T>(u);
  } else if constexpr (std::is_floating_point_v<T>) {
    double d = 0;
    if (r.left() < sizeof d) {
      r.Fail();
    } else {
      std::memcpy(&d, r.p, sizeof d);
      r.p += sizeof d;
    }
    v = static_cast<T>(d);
  } else if constexpr (std::is_signed_v<T>) {
    const uint64_t z = r.Varint();
    v = static_cast<T>(static_cast<int64_t>(z >> 1) ^
                       -static_cast<int64_t>(z & 1));
  } else {
    v = static_cast<T>(r.Varint());
  }
}

void Put(Writer& w, const std::string& s) {
  w.Varint(s.size());
  w.out += s;
}
void Get(Reader& r, std::string& s) {
  uint64_t n = r.Varint();
  if (n > r.left()) n = r.Fail();
  s.assign(r.p, static_cast<size_t>(n));
  r.p += n;
}

template <typename T>
void Put(Writer& w, const std::vector<T>& v);
template <typename T>
void Get(Reader& r, std::vector<T>& v);
template <typename K, typename V>
void Put(Writer& w, const std::map<K, V>& m);
template <typename K, typename V>
void Get(Reader& r, std::map<K, V>& m);

// Every member of every struct an IndexedDocument holds, in order.
#define PLANMINE_PUT_FIELD(f) Put(w, o.f);
#define PLANMINE_GET_FIELD(f) Get(r, o.f);
#define PLANMINE_CODEC(Type, ...)                                              \
  void Put(Writer& w, const Type& o) {                                         \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(PLANMINE_PUT_FIELD, __VA_ARGS__)) \
  }                                                                            \
  void Get(Reader& r, Type& o) {                                               \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(PLANMINE_GET_FIELD, __VA_ARGS__)) \
  }

PLANMINE_CODEC(SourceFile, path, kind, size, mtime, sha256)
PLANMINE_CODEC(DocumentInfo, title, author, subject, creator, producer, created,
               modified)
PLANMINE_CODEC(Attribute, value, source)
PLANMINE_CODEC(LanguageGuess, code, confidence, reliable)
PLANMINE_CODEC(Box, x0, y0, x1, y1)
PLANMINE_CODEC(NormalizedBlock, start, end, box, heading, region, row, col,
               bold, italic, underline, font_size, lead_emphasis_words,
               language, language_confidence)
PLANMINE_CODEC(Field, key, value, box)
PLANMINE_CODEC(NormalizedPage, number, width, height, text, blocks, furniture,
               fields, source, word_count, quality, ocr_confidence)
PLANMINE_CODEC(NormalizedDocument, pages, hyphens_joined, hyphens_kept)
PLANMINE_CODEC(Sentence, page, block, start, end, language, text)
PLANMINE_CODEC(Milestone, text, due)
PLANMINE_CODEC(ThemeEvidence, theme, text, sentence, score)
PLANMINE_CODEC(Commitment, kind, number, title, first_page, last_page,
               first_sentence, last_sentence, text, pattern_id, themes,
               theme_evidence, lead_agency, other_actors, lead_agency_source,
               start_date, end_date, milestones, ogp_values, sections,
               completion, completion_text)
PLANMINE_CODEC(Statement, kind, pattern_id, sentence, page, text)
PLANMINE_CODEC(ThemeHit, theme, pattern_id, sentence, page, start, end, text)
PLANMINE_CODEC(Entity, type, value, text, detail, pattern_id, sentence, page,
               start, end)
PLANMINE_CODEC(Findings, commitments, warnings, theme_hits, entities,
               statements)
PLANMINE_CODEC(SentenceMatch, sentence, start, end, captures)
PLANMINE_CODEC(MatchCache, patterns, matches)
PLANMINE_CODEC(IndexedDocument, file, sha256, status, error, info, page_count,
               warnings, title, country, year, doc_type, plan_cycle,
               plan_ordinal, subnational, language, text, sentences, findings,
               matches, versions, corrections, stage_seconds)

#undef PLANMINE_CODEC
#undef PLANMINE_GET_FIELD
#undef PLANMINE_PUT_FIELD

template <typename T>
void Put(Writer& w, const std::vector<T>& v) {
  w.Varint(v.size());
  for (const T& x : v) Put(w, x);
}
template <typename T>
void Get(Reader& r, std::vector<T>& v) {
  const size_t n = r.Count();
  v.clear();
  v.reserve(n);
  for (size_t i = 0; i < n && r.ok; ++i) {
    v.emplace_back();
    Get(r, v.back());
  }
}
template <typename K, typename V>
void Put(Writer& w, const std::map<K, V>& m) {
  w.Varint(m.size());
  for (const auto& [k, v] : m) {
    Put(w, k);
    Put(w, v);
  }
}
template <typename K, typename V>
void Get(Reader& r, std::map<K, V>& m) {
  const size_t n = r.Count();
  m.clear();
  for (size_t i = 0; i < n && r.ok; ++i) {
    K k{};
    Get(r, k);
    Get(r, m[std::move(k)]);
  }
}

constexpr char kDocument = 'D', kError = 'E';

}  // namespace

std::string EncodeResult(const Result<IndexedDocument>& result) {
  Writer w;
  if (result.ok()) {
    w.out += kDocument;
    Put(w, *result);
  } else {
    w.out += kError;
    Put(w, static_cast<int>(result.status().code()));
    Put(w, result.status().message());
  }
  return std::move(w.out);
}

Result<IndexedDocument> DecodeResult(std::string_view bytes) {
  Reader r{bytes.data(), bytes.data() + bytes.size()};
  const char tag = bytes.empty() ? '\0' : *r.p++;
  if (tag == kDocument) {
    IndexedDocument doc;
    Get(r, doc);
    if (r.ok && r.p == r.end) return doc;
  } else if (tag == kError) {
    int code = 0;
    std::string message;
    Get(r, code);
    Get(r, message);
    if (r.ok && r.p == r.end && code > 0)  // an error is never OK
      return Status(static_cast<StatusCode>(code), message);
  }
  return Internal("worker: unreadable result (" + std::to_string(bytes.size()) +
                  " bytes)");
}

Result<IndexedDocument> DecodeResult(std::string&& message, size_t skip) {
  std::string bytes = std::move(message);
  Result<IndexedDocument> doc = DecodeResult(
      std::string_view(bytes).substr(std::min(skip, bytes.size())));
  std::string().swap(bytes);
  return doc;
}

}  // namespace planmine
