#include "pipeline/normalize/normalizer.h"

#include <sys/stat.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <new>
#include <unordered_map>

#include "pipeline/core/fnv.h"
#include "pipeline/core/user_file.h"
#include "pipeline/core/utf8.h"

namespace planmine {
namespace {

// ICU reports a failed allocation by leaving a string bogus (empty) rather
// than by throwing, so a line would vanish without a word. Out of memory is
// thrown as every other allocation failure is: a worker over its memory cap
// then fails its document with the cap named, and no text is lost silently.
void CheckAllocated(const icu::UnicodeString& u,
                    UErrorCode err = U_ZERO_ERROR) {
  if (u.isBogus() || err == U_MEMORY_ALLOCATION_ERROR) throw std::bad_alloc();
}

icu::UnicodeString Utf16(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  CheckAllocated(u);
  return u;
}

// toUTF8String also drops the whole text when its buffer cannot be had.
std::string Utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  if (out.empty() && !u.isEmpty()) throw std::bad_alloc();
  return out;
}

void AppendUtf8(std::string* out, UChar32 c) {
  char buf[4];
  int32_t n = 0;
  UBool err = false;
  U8_APPEND(buf, n, 4, c, err);
  if (!err) out->append(buf, n);
}

const char* LigatureExpansion(UChar32 c) {
  switch (c) {
    case 0xFB00:
      return "ff";
    case 0xFB01:
      return "fi";
    case 0xFB02:
      return "fl";
    case 0xFB03:
      return "ffi";
    case 0xFB04:
      return "ffl";
    case 0xFB05:
      return "st";
    case 0xFB06:
      return "st";
    default:
      return nullptr;
  }
}

bool IsSpaceLike(UChar32 c) {
  return c == ' ' || c == '\t' || c == 0x00A0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == '\r' || c == '\n' || c == '\v';
}

bool IsWordChar(UChar32 c) {
  return u_isalpha(c) || u_charType(c) == U_NON_SPACING_MARK;
}

// The last word of `s` (letters only) and where it starts.
std::string_view LastWord(std::string_view s) {
  int32_t i = static_cast<int32_t>(s.size());
  while (i > 0) {
    int32_t prev = i;
    UChar32 c;
    U8_PREV(s.data(), 0, prev, c);
    if (!IsWordChar(c)) break;
    i = prev;
  }
  return s.substr(static_cast<size_t>(i));
}

std::string_view FirstWord(std::string_view s, UChar32* first) {
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  *first = 0;
  while (i < n) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (at == 0) *first = c;
    if (!IsWordChar(c)) {
      i = at;
      break;
    }
  }
  return s.substr(0, static_cast<size_t>(i));
}

// The document's own vocabulary: how often each word occurs, and how often
// two words are written joined by a hyphen inside a line ("re-use" counts
// "re-use" once, besides "re" and "use").
struct Vocabulary {
  std::unordered_map<std::string, int> words;
  std::unordered_map<std::string, int> hyphenated;  // "re-use"
};

void CollectWords(std::string_view s, Vocabulary* out) {
  int32_t i = 0, n = static_cast<int32_t>(s.size()), start = -1;
  std::string previous;  // the word just before a hyphen, lower case
  while (i <= n) {
    int32_t at = i;
    UChar32 c = 0;
    if (i < n)
      U8_NEXT(s.data(), i, n, c);
    else
      ++i;
    bool word = at < n && IsWordChar(c);
    if (word && start < 0) start = at;
    if (!word && start >= 0) {
      std::string w = LowerUtf8(s.substr(start, at - start));
      ++out->words[w];
      if (!previous.empty()) ++out->hyphenated[previous + "-" + w];
      previous = (c == '-' || c == 0x2010) ? w : std::string();
      start = -1;
    } else if (!word) {
      previous.clear();
    }
  }
}

bool EndsWithHyphen(std::string_view s) {
  if (s.size() >= 2 && s.back() == '-') return true;
  return s.size() >= 4 && s.substr(s.size() - 3) == "\xE2\x80\x90";  // U+2010
}

}  // namespace

std::string LowerUtf8(std::string_view s) {
  icu::UnicodeString u = Utf16(s);
  u.toLower(icu::Locale::getRoot());
  CheckAllocated(u);
  return Utf8(u);
}

namespace {

// Splits folded text into its words (runs of letters, digits and non-ASCII
// bytes).
std::vector<std::string> SplitFolded(std::string_view folded) {
  std::vector<std::string> out;
  std::string w;
  for (char c : folded) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80 || isalnum(u)) {
      w += c;
    } else if (!w.empty()) {
      out.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(std::move(w));
  return out;
}

}  // namespace

std::string FoldUtf8(std::string_view s) {
  if (IsAscii(s)) return AsciiLower(s);  // all ICU would do to ASCII
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  icu::UnicodeString u = Utf16(s);
  u.toLower(icu::Locale::getRoot());
  CheckAllocated(u);
  if (U_SUCCESS(err)) {
    icu::UnicodeString d = nfd->normalize(u, err);
    CheckAllocated(d, err);
    if (U_SUCCESS(err)) {
      // The marks dropped in one buffer (UnicodeString::append per code
      // point was most of the cost of folding a word list).
      const char16_t* units = d.getBuffer();
      const int32_t n = d.length();
      std::u16string kept;
      kept.reserve(static_cast<size_t>(n));
      for (int32_t i = 0; i < n;) {
        const int32_t start = i;
        UChar32 c;
        U16_NEXT(units, i, n, c);
        if (u_charType(c) != U_NON_SPACING_MARK)
          kept.append(units + start, static_cast<size_t>(i - start));
      }
      return Utf8(icu::UnicodeString(false, kept.data(),
                                     static_cast<int32_t>(kept.size())));
    }
  }
  return Utf8(u);
}

std::vector<std::string> FoldedWords(std::string_view s) {
  return SplitFolded(FoldUtf8(s));
}

std::vector<std::vector<std::string>> FoldedWordsOfEach(
    const std::vector<std::string>& texts) {
  // The non-ASCII texts joined by newlines, which folding leaves in place,
  // folded at once and cut apart again.
  std::string joined;
  for (const std::string& t : texts)
    if (!IsAscii(t)) joined.append(t).push_back('\n');
  const std::string folded = FoldUtf8(joined);
  std::vector<std::vector<std::string>> out;
  out.reserve(texts.size());
  size_t at = 0;
  for (const std::string& t : texts) {
    if (IsAscii(t)) {
      out.push_back(SplitFolded(FoldUtf8(t)));
      continue;
    }
    size_t end = folded.find('\n', at);
    if (end == std::string::npos) end = folded.size();
    out.push_back(SplitFolded(std::string_view(folded).substr(at, end - at)));
    at = end + 1;
  }
  return out;
}

std::vector<std::string> AsciiFoldedWords(std::string_view s) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(err);
  icu::UnicodeString u = Utf16(s);
  if (U_SUCCESS(err)) {
    icu::UnicodeString d = nfkd->normalize(u, err);
    CheckAllocated(d, err);
    if (U_SUCCESS(err)) u = d;
  }
  std::vector<std::string> out;
  std::string w;
  for (int32_t i = 0; i < u.length(); ++i) {
    char16_t c = u.charAt(i);
    if (c >= 0x80) continue;  // dropped, not a separator
    char a = static_cast<char>(c);
    if (std::isalnum(static_cast<unsigned char>(a))) {
      w += static_cast<char>(std::tolower(static_cast<unsigned char>(a)));
    } else if (!w.empty()) {
      out.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(std::move(w));
  return out;
}

std::vector<std::string> DefaultWordLists() {
  std::vector<std::string> out;
  for (const char* p :
       {"/usr/share/dict/spanish", "/usr/share/dict/brazilian",
        "/usr/share/dict/portuguese", "/usr/share/dict/american-english",
        "/usr/share/dict/british-english"}) {
    std::error_code ec;
    if (std::filesystem::exists(p, ec)) out.push_back(p);
  }
  return out;
}

Result<Normalizer> Normalizer::Create(const NormalizeOptions& options) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status))
    return Internal(std::string("ICU NFC unavailable: ") + u_errorName(status));
  Normalizer n;
  n.lexicon_ = std::make_shared<Lexicon>();
  n.lexicon_->paths = options.word_lists;
  n.lexicon_->cache_dir = options.word_list_cache;
  if (options.prefetch_word_lists) n.lexicon_->Prefetch();
  return n;
}

namespace {

// `word` lower-cased as LowerUtf8 would, without ICU, when it is ASCII or
// Latin-1 letters already in lower case (most of the word lists); false
// when ICU must decide.
bool LowerLatin(std::string_view word, std::string* out) {
  out->clear();
  for (size_t i = 0; i < word.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(word[i]);
    if (c < 0x80) {
      out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32)
                                          : static_cast<char>(c));
      continue;
    }
    // U+00DF..U+00FF (ß à … ÿ) are their own lower case.
    if (c != 0xC3 || i + 1 >= word.size()) return false;
    unsigned char next = static_cast<unsigned char>(word[i + 1]);
    if (next < 0x9F || next > 0xBF) return false;
    out->push_back(static_cast<char>(c));
    out->push_back(static_cast<char>(next));
    ++i;
  }
  return true;
}

// Adds the words of one list (one per line, UTF-8 or Latin-1), lower-cased;
// stops early once `cancel` is set.
void ReadWordList(const std::string& path, const std::atomic<bool>& cancel,
                  WordSet* words) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return;
  std::string all((std::istreambuf_iterator<char>(in)),
                  std::istreambuf_iterator<char>());
  std::string lower;
  std::string_view rest = all;
  for (size_t n = 1; !rest.empty(); ++n) {
    if (n % 4096 == 0 && cancel.load(std::memory_order_relaxed)) return;
    size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    std::string_view w = TrimAscii(line);
    if (w.empty()) continue;
    if (LowerLatin(w, &lower)) {
      words->Insert(lower);
      continue;
    }
    // Debian word lists are UTF-8 except some older ones in Latin-1.
    std::string clean = Utf8OrLatin1(w);
    words->Insert(IsAscii(clean) ? AsciiLower(clean) : LowerUtf8(clean));
  }
}

}  // namespace

const WordSet& Normalizer::Lexicon::Words() {
  {
    std::lock_guard<std::mutex> lock(loader_mu);
    if (loader.joinable()) loader.join();
  }
  // Read on first use unless prefetched: a run that only re-mines stored
  // text, or finds nothing changed, never pays for the half a million words.
  Load();
  return words;
}

namespace {

// The cache file of `paths` in `dir`: named after each list's path, size
// and modification time, so that an updated list is read again. Empty when
// a list cannot be looked at.
std::string CacheFile(const std::string& dir,
                      const std::vector<std::string>& paths) {
  std::string key = "wordset-1";
  for (const std::string& p : paths) {
    struct stat st;
    if (stat(p.c_str(), &st) != 0) return "";
    key += "\n" + p + "\t" + std::to_string(st.st_size) + "\t" +
           std::to_string(st.st_mtim.tv_sec) + "." +
           std::to_string(st.st_mtim.tv_nsec);
  }
  const uint64_t h = Fnv1a(key);
  char name[40];
  snprintf(name, sizeof name, "wordlists-%016llx.bin",
           static_cast<unsigned long long>(h));
  return (std::filesystem::path(dir) / name).string();
}

// The word lists' cache is read only if a regular file and not larger than
// any set of word lists makes (the five Debian lists: 13 MB).
constexpr uint64_t kMaxCacheBytes = 256ull << 20;

}  // namespace

std::string DefaultCacheDir() {
  if (const char* d = getenv("PLANMINE_CACHE_DIR")) return d;
  if (const char* x = getenv("XDG_CACHE_HOME"); x != nullptr && *x == '/')
    return std::string(x) + "/planmine";
  if (const char* h = getenv("HOME"); h != nullptr && *h == '/')
    return std::string(h) + "/.cache/planmine";
  return "";
}

void Normalizer::Lexicon::Load() {
  std::call_once(once, [this] {
    const std::string file =
        cache_dir.empty() || paths.empty() ? "" : CacheFile(cache_dir, paths);
    if (!file.empty() && words.Map(file, kMaxCacheBytes)) return;
    for (const std::string& path : paths) ReadWordList(path, cancel, &words);
    if (!file.empty() && !cancel.load()) ReplaceFile(file, words.Serialize());
  });
}

void Normalizer::Lexicon::Prefetch() {
  std::lock_guard<std::mutex> lock(loader_mu);
  if (loader.joinable()) return;
  loader = std::thread([this] { Load(); });
}

Normalizer::Lexicon::~Lexicon() {
  cancel = true;
  if (loader.joinable()) loader.join();
}

std::string Normalizer::NormalizeLine(std::string_view line) {
  std::string clean = SanitizeUtf8(line);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString u = Utf16(clean);
  icu::UnicodeString composed = nfc->normalize(u, status);
  CheckAllocated(composed, status);
  const std::string nfc_utf8 = Utf8(U_SUCCESS(status) ? composed : u);

  std::string out;
  out.reserve(nfc_utf8.size());
  bool pending_space = false;
  int32_t i = 0, n = static_cast<int32_t>(nfc_utf8.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(nfc_utf8.data(), i, n, c);
    if (c < 0) continue;
    if (IsSpaceLike(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (const char* lig = LigatureExpansion(c)) {
      if (pending_space) out += ' ';
      pending_space = false;
      out += lig;
      continue;
    }
    int8_t type = u_charType(c);
    if (type == U_PRIVATE_USE_CHAR) {
      // Symbol-font bullets and dingbats: a list marker at the line start.
      if (out.empty()) {
        out += "\xE2\x80\xA2";  // •
        pending_space = true;
      }
      continue;
    }
    if (type == U_CONTROL_CHAR || c == 0x00AD || c == 0x200B || c == 0xFEFF ||
        c == 0x2060 || c == 0xFFFD || c == 0xFFFE) {
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    AppendUtf8(&out, c);
  }
  return out;
}

NormalizedDocument Normalizer::Normalize(const ExtractedDocument& doc) const {
  NormalizedDocument out;
  // Pass 1: normalized lines and the document's own vocabulary.
  std::vector<std::vector<std::vector<std::string>>> lines(doc.pages.size());
  Vocabulary vocab;
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    bool after_hyphen = false;
    for (const Block& b : doc.pages[p].blocks) {
      std::vector<std::string> ls;
      for (const Line& l : b.lines) {
        std::string t = NormalizeLine(l.text);
        if (!t.empty()) ls.push_back(std::move(t));
      }
      for (size_t k = 0; k < ls.size(); ++k) {
        std::string_view v = ls[k];
        // Fragments on either side of a line-end hyphen ("tiem-" | "pos")
        // are not evidence of words.
        if (after_hyphen) {
          UChar32 first;
          v.remove_prefix(FirstWord(v, &first).size());
        }
        after_hyphen = EndsWithHyphen(v);
        if (after_hyphen)
          v = v.substr(
              0, v.size() - LastWord(v.substr(0, v.size() - 1)).size() - 1);
        CollectWords(v, &vocab);
      }
      lines[p].push_back(std::move(ls));
    }
  }
  const WordSet& dictionary = lexicon_->Words();
  auto attested = [&](const std::string& w) {
    std::string lw = LowerUtf8(w);
    return vocab.words.count(lw) > 0 || dictionary.Contains(lw);
  };
  // A line-end hyphen between `head` and `tail`: joined when the joined word
  // is attested, kept when both halves are words of their own (a compound,
  // "público-privada"), joined otherwise (a syllable break such as
  // "tiem-pos" whose inflected whole the word lists lack).
  // Without word lists there is too little evidence to call a halve a
  // non-word: an unattested join keeps its hyphen.
  // Word lists hold lemmas more than inflected forms: as a half of a
  // compound, a word of six letters or more also counts when it is a listed
  // word plus one or two letters ("socio-ambientales").
  auto known = [&](std::string w) {
    if (attested(w)) return true;
    for (int cut = 0; cut < 2; ++cut) {
      size_t chars = 0;
      for (unsigned char c : w) chars += (c & 0xC0) != 0x80;
      if (chars < 6) return false;
      do w.pop_back();
      while (!w.empty() &&
             (static_cast<unsigned char>(w.back()) & 0xC0) == 0x80);
      if (!w.empty() && (static_cast<unsigned char>(w.back()) & 0xC0) == 0xC0)
        w.pop_back();  // a lead byte left behind
      if (attested(w)) return true;
    }
    return false;
  };
  // The document's own spelling decides first: a pair it writes with a
  // hyphen inside lines more often than as one word keeps its hyphen at a
  // line end too ("re-/use" in a text that writes "re-use"), even when the
  // word lists know the joined word.
  auto join_hyphen = [&](std::string_view head, std::string_view tail) {
    std::string joined = std::string(head) + std::string(tail);
    auto count = [](const std::unordered_map<std::string, int>& m,
                    const std::string& k) {
      auto it = m.find(k);
      return it == m.end() ? 0 : it->second;
    };
    std::string lh = LowerUtf8(head), lt = LowerUtf8(tail);
    int as_pair = count(vocab.hyphenated, lh + "-" + lt);
    if (as_pair > count(vocab.words, lh + lt)) return false;
    if (attested(joined)) return true;
    if (dictionary.empty()) return false;
    return !(known(std::string(head)) && known(std::string(tail)));
  };
  // A word hyphenated across two blocks (a column or a page region ends
  // mid-word: "principa-" | "les"): the fragment moves to the next block when
  // the joined word is attested, so the line pass below joins it.
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    const std::vector<Block>& blocks = doc.pages[p].blocks;
    for (size_t b = 0; b + 1 < lines[p].size() && b + 1 < blocks.size(); ++b) {
      std::vector<std::string>& a = lines[p][b];
      std::vector<std::string>& next = lines[p][b + 1];
      auto prose = [](const Block& k) {
        return k.region != RegionKind::kTable &&
               k.region != RegionKind::kFootnote &&
               k.region != RegionKind::kImage && !k.heading;
      };
      if (a.empty() || next.empty() || !prose(blocks[b]) ||
          !prose(blocks[b + 1]) || !EndsWithHyphen(a.back()))
        continue;
      std::string& last = a.back();
      size_t hy_len = last.back() == '-' ? 1 : 3;
      std::string_view head =
          LastWord(std::string_view(last).substr(0, last.size() - hy_len));
      UChar32 first;
      std::string_view tail = FirstWord(next.front(), &first);
      if (head.empty() || first <= 0 || !u_islower(first) ||
          !join_hyphen(head, tail))
        continue;
      next.front() = std::string(head) + next.front();
      last.resize(last.size() - head.size() - hy_len);
      ++out.hyphens_joined;
      while (!last.empty() && last.back() == ' ') last.pop_back();
      if (last.empty()) a.pop_back();
    }
  }
  // Pass 2: join lines, place blocks.
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    const Page& src = doc.pages[p];
    NormalizedPage page;
    page.number = src.number;
    page.width = src.width;
    page.height = src.height;
    page.source = src.source;
    page.word_count = src.word_count;
    page.quality = src.quality;
    for (const Field& f : src.fields)
      page.fields.push_back(
          {NormalizeLine(f.key), NormalizeLine(f.value), f.box});
    page.ocr_confidence = src.ocr_confidence;
    for (const std::string& f : src.furniture) {
      std::string t = NormalizeLine(f);
      if (!t.empty()) page.furniture.push_back(std::move(t));
    }
    for (size_t b = 0; b < src.blocks.size(); ++b) {
      const std::vector<std::string>& ls = lines[p][b];
      if (ls.empty()) continue;
      std::string text = ls[0];
      // The layout counts the emphasized words a block opens with line by
      // line: a title hyphenated across two lines ("pueblos indí-" |
      // "genas a nivel nacional.") is one word fewer once joined here.
      const int lead = src.blocks[b].lead_emphasis_words;
      int words_before = SpaceSeparatedWords(ls[0]), lead_joins = 0;
      for (size_t k = 1; k < ls.size(); ++k) {
        const std::string& next = ls[k];
        UChar32 first;
        std::string_view next_word = FirstWord(next, &first);
        bool hyphen_end = EndsWithHyphen(text);
        // A range of figures broken at its hyphen ("2023-" | "2025") is
        // written back whole.
        bool range = hyphen_end && text.back() == '-' && text.size() >= 2 &&
                     text[text.size() - 2] >= '0' &&
                     text[text.size() - 2] <= '9' && first > 0 &&
                     u_isdigit(first);
        bool joins = hyphen_end && first > 0 && u_islower(first);
        if ((joins || range) && lead > words_before)
          ++lead_joins;  // joined below, with or without the hyphen
        words_before += SpaceSeparatedWords(next);
        if (range) {
          text += next;
        } else if (joins) {
          size_t hy_len = text.back() == '-' ? 1 : 3;
          std::string_view head =
              LastWord(std::string_view(text).substr(0, text.size() - hy_len));
          if (!head.empty() && join_hyphen(head, next_word)) {
            text.resize(text.size() - hy_len);
            ++out.hyphens_joined;
          } else {
            ++out.hyphens_kept;  // compound word or unattested: keep the
                                 // hyphen, no space
          }
          text += next;
        } else {
          text += ' ';
          text += next;
        }
      }
      if (!page.text.empty()) page.text += "\n\n";
      NormalizedBlock nb;
      nb.start = page.text.size();
      page.text += text;
      nb.end = page.text.size();
      nb.box = src.blocks[b].box;
      nb.heading = src.blocks[b].heading;
      nb.region = RegionKindName(src.blocks[b].region);
      nb.row = src.blocks[b].row;
      nb.col = src.blocks[b].col;
      nb.bold = src.blocks[b].bold;
      nb.italic = src.blocks[b].italic;
      nb.underline = src.blocks[b].underline;
      nb.font_size = src.blocks[b].font_size;
      nb.lead_emphasis_words = lead - lead_joins;
      page.blocks.push_back(nb);
    }
    out.pages.push_back(std::move(page));
  }
  return out;
}

}  // namespace planmine
