#include "pipeline/load/fts_tokenizer.h"

#include <libstemmer.h>
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <algorithm>
#include <memory>
#include <new>

namespace planmine {
namespace {

constexpr const char* kLanguages[3] = {"es", "pt", "en"};

// The tokenizer is also built alone as a loadable SQLite extension
// (fts_extension.cc), so it keeps its two ASCII helpers rather than link
// pipeline/core.
bool AllAscii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

class Tokenizer {
 public:
  Tokenizer() {
    UErrorCode err = U_ZERO_ERROR;
    words_.reset(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), err));
    if (U_FAILURE(err)) words_.reset();
    err = U_ZERO_ERROR;
    nfd_ = icu::Normalizer2::getNFDInstance(err);
    if (U_FAILURE(err)) nfd_ = nullptr;
    for (const char* lang : {"spanish", "portuguese", "english"})
      stemmers_.push_back(sb_stemmer_new(lang, "UTF_8"));
  }
  ~Tokenizer() {
    for (sb_stemmer* s : stemmers_)
      if (s) sb_stemmer_delete(s);
  }
  bool ok() const {
    if (!words_ || nfd_ == nullptr) return false;
    for (sb_stemmer* s : stemmers_)
      if (s == nullptr) return false;
    return true;
  }

  // Calls emit(token, colocated, start, end) for every token of `text`.
  // A text that starts with a language mark (kLanguageMark: "\x02es\x03")
  // is stemmed in that language only; the mark itself makes no token. A
  // query text that starts with kRawMark is one token, verbatim.
  // `positions_only` (FTS5_TOKENIZE_AUX: snippets and highlights, which
  // match tokens by position): one token per word, the word itself.
  template <typename Emit>
  int Run(std::string_view text, bool query, bool prefix, Emit emit,
          bool positions_only = false) {
    if (query && !text.empty() && text[0] == kRawMark) {
      std::string raw(text.substr(1));
      if (raw.empty()) return SQLITE_OK;
      return emit(raw, false, 0, static_cast<int32_t>(text.size()));
    }
    int32_t base = 0;
    bool langs[3] = {true, true, true};
    if (!text.empty() && text[0] == kLanguageMark) {
      size_t close = text.find(kLanguageEnd);
      if (close != std::string_view::npos && close < 16) {
        std::string_view lang = text.substr(1, close - 1);
        if (lang == "es" || lang == "pt" || lang == "en")
          for (int k = 0; k < 3; ++k) langs[k] = lang == kLanguages[k];
        base = static_cast<int32_t>(close + 1);
        text.remove_prefix(close + 1);
      }
    }
    UErrorCode err = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data(),
                               static_cast<int64_t>(text.size()), &err);
    if (U_FAILURE(err)) return SQLITE_ERROR;
    words_->setText(ut, err);
    if (U_FAILURE(err)) {
      utext_close(ut);
      return SQLITE_ERROR;
    }
    int rc = SQLITE_OK;
    int32_t start = words_->first();
    for (int32_t end = words_->next(); end != icu::BreakIterator::DONE;
         start = end, end = words_->next()) {
      if (words_->getRuleStatus() == UBRK_WORD_NONE) continue;
      std::string_view word = text.substr(start, end - start);
      if (positions_only) {
        rc = emit(std::string(word), false, base + start, base + end);
        if (rc != SQLITE_OK) break;
        continue;
      }
      bool exact = query && start > 0 && text[start - 1] == '=';
      std::string lower = CaseFold(word);
      tokens_.clear();
      if (exact) {
        tokens_.push_back("=" + lower);
      } else {
        std::string folded = StripMarks(lower);
        if (query && prefix) {
          // Prefixes of the stems and of the exact form (FTS5 looks every
          // colocated alternative up as a prefix).
          for (int k = 0; k < 3; ++k)
            Add(std::string(kLanguages[k]) + ":" + folded);
          Add("=" + lower);
        } else {
          // A word with no marks to strip (any ASCII word) has one stem
          // per language, not two.
          const bool unmarked = folded == lower;
          for (int k = 0; k < 3; ++k) {
            if (!langs[k]) continue;
            std::string tag = std::string(kLanguages[k]) + ":";
            Add(tag + Stem(stemmers_[k], folded));
            if (!unmarked) Add(tag + StripMarks(Stem(stemmers_[k], lower)));
          }
          if (!query) Add("=" + lower);
        }
      }
      for (size_t i = 0; i < tokens_.size() && rc == SQLITE_OK; ++i)
        rc = emit(tokens_[i], i > 0, base + start, base + end);
      if (rc != SQLITE_OK) break;
    }
    utext_close(ut);
    return rc;
  }

  // The number of words (token positions) of a document text.
  int CountWords(std::string_view text) {
    text = Unmarked(text);
    UErrorCode err = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data(),
                               static_cast<int64_t>(text.size()), &err);
    if (U_FAILURE(err)) return 0;
    words_->setText(ut, err);
    int n = 0;
    if (U_SUCCESS(err)) {
      words_->first();
      while (words_->next() != icu::BreakIterator::DONE)
        if (words_->getRuleStatus() != UBRK_WORD_NONE) ++n;
    }
    utext_close(ut);
    return n;
  }

 private:
  void Add(std::string t) {
    if (t.empty()) return;
    for (const std::string& x : tokens_)
      if (x == t) return;
    tokens_.push_back(std::move(t));
  }
  static std::string CaseFold(std::string_view s) {
    if (AllAscii(s)) {  // case folding of ASCII is its lower case
      std::string out(s);
      for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      return out;
    }
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    u.foldCase();
    std::string out;
    u.toUTF8String(out);
    return out;
  }
  std::string StripMarks(std::string_view s) const {
    if (AllAscii(s)) return std::string(s);
    UErrorCode err = U_ZERO_ERROR;
    icu::UnicodeString d =
        nfd_->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(
                            s.data(), static_cast<int32_t>(s.size()))),
                        err);
    if (U_FAILURE(err)) return std::string(s);
    icu::UnicodeString kept;
    for (int32_t i = 0; i < d.length();) {
      UChar32 c = d.char32At(i);
      if (u_charType(c) != U_NON_SPACING_MARK) kept.append(c);
      i += U16_LENGTH(c);
    }
    std::string out;
    kept.toUTF8String(out);
    return out;
  }
  static std::string Stem(sb_stemmer* s, const std::string& w) {
    const sb_symbol* r =
        sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(w.data()),
                        static_cast<int>(w.size()));
    if (r == nullptr) return w;
    return std::string(reinterpret_cast<const char*>(r), sb_stemmer_length(s));
  }

  std::unique_ptr<icu::BreakIterator> words_;
  const icu::Normalizer2* nfd_ = nullptr;
  std::vector<sb_stemmer*> stemmers_;
  std::vector<std::string> tokens_;
};

int Create(void*, const char**, int, Fts5Tokenizer** out) {
  auto* t = new (std::nothrow) Tokenizer();
  if (t == nullptr) return SQLITE_NOMEM;
  if (!t->ok()) {
    delete t;
    return SQLITE_ERROR;
  }
  *out = reinterpret_cast<Fts5Tokenizer*>(t);
  return SQLITE_OK;
}

void Delete(Fts5Tokenizer* t) { delete reinterpret_cast<Tokenizer*>(t); }

int Tokenize(Fts5Tokenizer* self, void* ctx, int flags, const char* text, int n,
             int (*token)(void*, int, const char*, int, int, int)) {
  auto* t = reinterpret_cast<Tokenizer*>(self);
  bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
  bool prefix = (flags & FTS5_TOKENIZE_PREFIX) != 0;
  bool aux = (flags & FTS5_TOKENIZE_AUX) != 0;
  return t->Run(
      std::string_view(text, n), query, prefix,
      [&](const std::string& tok, bool colocated, int32_t s, int32_t e) {
        return token(ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, tok.data(),
                     static_cast<int>(tok.size()), s, e);
      },
      aux);
}

}  // namespace

int RegisterPlanmineTokenizer(fts5_api* api) {
  static fts5_tokenizer tokenizer = {Create, Delete, Tokenize};
  return api->xCreateTokenizer(api, kTokenizerName, nullptr, &tokenizer,
                               nullptr);
}

std::string LanguageMarked(std::string_view language, std::string_view text) {
  std::string out;
  out.reserve(text.size() + language.size() + 2);
  out += kLanguageMark;
  out += language;
  out += kLanguageEnd;
  out += text;
  return out;
}

std::string_view Unmarked(std::string_view text) {
  if (!text.empty() && text[0] == kLanguageMark) {
    size_t close = text.find(kLanguageEnd);
    if (close != std::string_view::npos && close < 16)
      text.remove_prefix(close + 1);
  }
  return text;
}

int CountWords(std::string_view text) {
  thread_local Tokenizer t;
  return t.ok() ? t.CountWords(text) : 0;
}

std::vector<std::string> QueryAlternatives(std::string_view word) {
  std::vector<std::string> words = DebugTokens(word, /*query=*/true);
  std::vector<std::string> out;
  if (words.size() != 1) return out;
  size_t i = 0;
  const std::string& w = words[0];
  while (i <= w.size()) {
    size_t j = w.find('|', i);
    if (j == std::string::npos) j = w.size();
    if (j > i) out.push_back(w.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::vector<std::string> QueryPrefixAlternatives(std::string_view word) {
  thread_local Tokenizer t;
  std::vector<std::string> out;
  if (!t.ok()) return out;
  int words = 0;
  t.Run(word, /*query=*/true, /*prefix=*/true,
        [&](const std::string& tok, bool colocated, int32_t, int32_t) {
          words += !colocated;
          if (std::find(out.begin(), out.end(), tok) == out.end())
            out.push_back(tok);
          return SQLITE_OK;
        });
  if (words != 1) out.clear();
  return out;
}

std::vector<std::string> DebugTokens(std::string_view text, bool query) {
  Tokenizer t;
  std::vector<std::string> out;
  if (!t.ok()) return out;
  t.Run(text, query, false,
        [&](const std::string& tok, bool colocated, int32_t, int32_t) {
          if (colocated && !out.empty())
            out.back() += "|" + tok;
          else
            out.push_back(tok);
          return SQLITE_OK;
        });
  return out;
}

}  // namespace planmine
