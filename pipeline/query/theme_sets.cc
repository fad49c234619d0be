#include "pipeline/query/theme_sets.h"

#include <algorithm>
#include <bit>
#include <map>
#include <set>

#include "pipeline/load/fts_rank.h"
#include "pipeline/query/query_internal.h"
#include "pipeline/query/rank_bound.h"

namespace planmine {
namespace {

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(0x80 | (v & 0x7f)));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

// Reads a varint of `in` at *at; false at the end or on a truncated one.
bool GetVarint(const std::string& in, size_t* at, uint64_t* v) {
  *v = 0;
  for (int shift = 0; *at < in.size() && shift < 64; shift += 7) {
    const unsigned char b = static_cast<unsigned char>(in[(*at)++]);
    *v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return true;
  }
  return false;
}

// The vocabulary as kept in theme_vocabularies: an FTS5 OR of its phrases.
std::string Expression(const std::vector<std::string>& terms) {
  std::string out;
  for (const std::string& t : terms)
    out += (out.empty() ? "" : " OR ") + Quote(t);
  return out;
}

// One document's span of sentence ids.
struct Span {
  int64_t doc = 0, first = 0, last = -1;
};

// One document's kept sentences of a theme, as they are found.
struct DocSets {
  std::vector<int64_t> tagged;
  std::vector<std::pair<int64_t, int64_t>> vocabulary;  // id, term mask
};

// Every document's span, ascending; a span not recorded (rows not written
// by Store) from the document's sentences.
Result<std::vector<Span>> Spans(Db& db) {
  auto s = db.Prepare(
      "SELECT d.id, coalesce(d.first_sentence_id, (SELECT min(id) FROM "
      "sentences WHERE doc_id = d.id)), coalesce(d.last_sentence_id, (SELECT "
      "max(id) FROM sentences WHERE doc_id = d.id)) FROM documents d");
  if (!s.ok()) return s.status();
  std::vector<Span> out;
  while (s->Step())
    if (!s->IsNull(1) && !s->IsNull(2))
      out.push_back({s->Int(0), s->Int(1), s->Int(2)});
  PLANMINE_RETURN_IF_ERROR(s->status());
  std::sort(out.begin(), out.end(),
            [](const Span& a, const Span& b) { return a.first < b.first; });
  return out;
}

// The vocabulary's sentences in the documents of `todo` (ascending spans,
// a part of `spans`): one statement per run of them no other document's
// span interrupts. A sentence outside every span of its run is placed by
// its row.
Status FindVocabulary(Db& db, const std::string& expression,
                      const std::vector<Span>& spans,
                      const std::vector<Span>& todo,
                      std::map<int64_t, DocSets>* sets) {
  auto s = db.Prepare(std::string("SELECT rowid, ") + kPhrasesFunctionName +
                      "(sentences_fts) FROM sentences_fts WHERE sentences_fts "
                      "MATCH ?1 AND rowid BETWEEN ?2 AND ?3");
  if (!s.ok()) return s.status();
  auto owner = db.Prepare("SELECT doc_id FROM sentences WHERE id = ?1");
  if (!owner.ok()) return owner.status();
  std::set<int64_t> wanted;
  for (const Span& sp : todo) wanted.insert(sp.doc);
  // The place of each span of `todo` in `spans`: a run is consecutive.
  std::vector<size_t> place;
  for (size_t i = 0, j = 0; i < todo.size(); ++i) {
    while (j < spans.size() && spans[j].doc != todo[i].doc) ++j;
    place.push_back(j);
  }
  for (size_t from = 0; from < todo.size();) {
    size_t to = from + 1;
    while (to < todo.size() && place[to] == place[to - 1] + 1) ++to;
    s->Reset();
    s->Bind(1, expression).Bind(2, todo[from].first).Bind(3, todo[to - 1].last);
    size_t at = from;
    while (s->Step()) {
      const int64_t id = s->Int(0), mask = s->Int(1);
      while (at < to && todo[at].last < id) ++at;
      int64_t doc = -1;
      if (at < to && id >= todo[at].first) {
        doc = todo[at].doc;
      } else {
        owner->Reset();
        owner->Bind(1, id);
        if (owner->Step()) doc = owner->Int(0);
        PLANMINE_RETURN_IF_ERROR(owner->status());
        if (wanted.count(doc) == 0) continue;
      }
      (*sets)[doc].vocabulary.emplace_back(id, mask);
    }
    PLANMINE_RETURN_IF_ERROR(s->status());
    from = to;
  }
  return Status::Ok();
}

// The sentences tagged with `theme` in the documents of `todo` (all of
// them when `every`).
Status FindTagged(Db& db, const std::string& theme,
                  const std::vector<Span>& todo, bool every,
                  std::map<int64_t, DocSets>* sets) {
  auto s = db.Prepare(
      every ? "SELECT doc_id, sentence_id FROM theme_hits WHERE theme_id = ?1"
            : "SELECT doc_id, sentence_id FROM theme_hits WHERE theme_id = ?1 "
              "AND doc_id = ?2");
  if (!s.ok()) return s.status();
  auto read = [&]() {
    while (s->Step()) (*sets)[s->Int(0)].tagged.push_back(s->Int(1));
    return s->status();
  };
  if (every) {
    s->Bind(1, theme);
    return read();
  }
  for (const Span& sp : todo) {
    s->Reset();
    s->Bind(1, theme).Bind(2, sp.doc);
    PLANMINE_RETURN_IF_ERROR(read());
  }
  return Status::Ok();
}

// Writes the rows of `sets` for `theme`.
Status WriteSets(Db& db, const std::string& theme,
                 std::map<int64_t, DocSets>* sets, int64_t* sentences) {
  auto s = db.Prepare(
      "INSERT OR REPLACE INTO theme_sentences(theme_id, doc_id, tagged, "
      "vocabulary) VALUES (?1, ?2, ?3, ?4)");
  if (!s.ok()) return s.status();
  for (auto& [doc, d] : *sets) {
    std::sort(d.tagged.begin(), d.tagged.end());
    d.tagged.erase(std::unique(d.tagged.begin(), d.tagged.end()),
                   d.tagged.end());
    std::sort(d.vocabulary.begin(), d.vocabulary.end());
    std::string tagged, vocabulary;
    int64_t last = 0;
    for (int64_t id : d.tagged) {
      PutVarint(static_cast<uint64_t>(id - last), &tagged);
      last = id;
    }
    last = 0;
    for (const auto& [id, mask] : d.vocabulary) {
      PutVarint(static_cast<uint64_t>(id - last), &vocabulary);
      PutVarint(static_cast<uint64_t>(mask), &vocabulary);
      last = id;
    }
    *sentences += static_cast<int64_t>(d.tagged.size() + d.vocabulary.size());
    s->Reset();
    s->Bind(1, theme).Bind(2, doc).BindBlob(3, tagged).BindBlob(4, vocabulary);
    s->Step();
    PLANMINE_RETURN_IF_ERROR(s->status());
  }
  return Status::Ok();
}

// Runs `sql` with `params` bound, for its effect.
Status RunBound(Db& db, const std::string& sql,
                const std::vector<std::string>& params) {
  auto s = PrepareBound(db, sql, params);
  if (!s.ok()) return s.status();
  s->Step();
  return s->status();
}

// Makes `theme`'s rows for the documents of `todo` (every document when
// `every`), their old rows deleted first.
Status MakeTheme(Db& db, const std::string& theme,
                 const std::string& expression, const std::vector<Span>& spans,
                 const std::vector<Span>& todo, bool every,
                 int64_t* sentences) {
  if (every) {
    PLANMINE_RETURN_IF_ERROR(RunBound(
        db, "DELETE FROM theme_sentences WHERE theme_id = ?1", {theme}));
  } else {
    auto del = db.Prepare(
        "DELETE FROM theme_sentences WHERE theme_id = ?1 AND doc_id = ?2");
    if (!del.ok()) return del.status();
    for (const Span& sp : todo) {
      del->Reset();
      del->Bind(1, theme).Bind(2, sp.doc);
      del->Step();
      PLANMINE_RETURN_IF_ERROR(del->status());
    }
  }
  std::map<int64_t, DocSets> sets;
  PLANMINE_RETURN_IF_ERROR(FindVocabulary(db, expression, spans, todo, &sets));
  PLANMINE_RETURN_IF_ERROR(FindTagged(db, theme, todo, every, &sets));
  PLANMINE_RETURN_IF_ERROR(WriteSets(db, theme, &sets, sentences));
  return RunBound(db,
                  "INSERT OR REPLACE INTO theme_vocabularies(theme_id, terms) "
                  "VALUES (?1, ?2)",
                  {theme, expression});
}

// The themes of the bridge's groups, in their order.
std::vector<std::string> BridgeThemes(const TermBridge& bridge) {
  std::vector<std::string> themes;
  for (const TermGroup& g : bridge)
    if (!g.theme.empty() &&
        std::find(themes.begin(), themes.end(), g.theme) == themes.end())
      themes.push_back(g.theme);
  return themes;
}

// Each kept theme's vocabulary, as theme_vocabularies has it.
Result<std::map<std::string, std::string>> KeptVocabularies(Db& db) {
  std::map<std::string, std::string> kept;
  auto s = db.Prepare("SELECT theme_id, terms FROM theme_vocabularies");
  if (!s.ok()) return s.status();
  while (s->Step()) kept[s->Text(0)] = s->Text(1);
  PLANMINE_RETURN_IF_ERROR(s->status());
  return kept;
}

// The spans of the documents marked stale. A stale document left without
// sentences keeps no rows: they are deleted here.
Result<std::vector<Span>> StaleSpans(Db& db, const std::vector<Span>& spans) {
  std::set<int64_t> stale;
  auto s = db.Prepare("SELECT doc_id FROM theme_sentences_stale");
  if (!s.ok()) return s.status();
  while (s->Step()) stale.insert(s->Int(0));
  PLANMINE_RETURN_IF_ERROR(s->status());
  std::vector<Span> out;
  for (const Span& sp : spans)
    if (stale.erase(sp.doc) > 0) out.push_back(sp);
  for (int64_t doc : stale)  // those without a span
    PLANMINE_RETURN_IF_ERROR(
        RunBound(db, "DELETE FROM theme_sentences WHERE doc_id = ?1",
                 {std::to_string(doc)}));
  return out;
}

Result<ThemeRefresh> Refresh(Db& db, const TermBridge& bridge) {
  auto kept = KeptVocabularies(db);  // what stays in it is dropped below
  if (!kept.ok()) return kept.status();
  auto spans = Spans(db);
  if (!spans.ok()) return spans.status();
  auto stale_spans = StaleSpans(db, *spans);
  if (!stale_spans.ok()) return stale_spans.status();
  ThemeRefresh out;
  std::set<int64_t> counted;
  for (const std::string& theme : BridgeThemes(bridge)) {
    const std::vector<std::string> terms = ThemeTerms(bridge, theme);
    auto was = kept->extract(theme);
    if (terms.size() > static_cast<size_t>(kMaxMaskPhrases)) {
      (*kept)[theme] = "";
      continue;
    }
    const std::string expression = Expression(terms);
    const bool every = was.empty() || was.mapped() != expression;
    const std::vector<Span>& todo = every ? *spans : *stale_spans;
    if (!every && todo.empty()) continue;
    PLANMINE_RETURN_IF_ERROR(
        MakeTheme(db, theme, expression, *spans, todo, every, &out.sentences));
    ++out.themes;
    for (const Span& sp : todo) counted.insert(sp.doc);
  }
  out.documents = static_cast<int>(counted.size());
  for (const auto& [theme, terms] : *kept)
    for (const char* sql :
         {"DELETE FROM theme_sentences WHERE theme_id = ?1",
          "DELETE FROM theme_vocabularies WHERE theme_id = ?1"})
      PLANMINE_RETURN_IF_ERROR(RunBound(db, sql, {theme}));
  PLANMINE_RETURN_IF_ERROR(db.Exec("DELETE FROM theme_sentences_stale;"));
  return out;
}

}  // namespace

std::vector<std::string> ThemeTerms(const TermBridge& bridge,
                                    const std::string& theme) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const TermGroup& g : bridge) {
    if (g.theme != theme) continue;
    for (const std::string& t : g.terms)
      if (seen.insert(t).second) out.push_back(t);
  }
  return out;
}

Result<ThemeRefresh> RefreshThemeSentences(Db& db, const TermBridge& bridge) {
  PLANMINE_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE;"));
  auto r = Refresh(db, bridge);
  if (!r.ok()) {
    (void)db.Exec("ROLLBACK;");
    return r.status();
  }
  PLANMINE_RETURN_IF_ERROR(db.Exec("COMMIT;"));
  return r;
}

Result<ThemeRefresh> RefreshThemeSentences(Db& db,
                                           const std::string& packs_dir) {
  auto bridge = LoadTermBridge(packs_dir, /*fold=*/false);
  if (!bridge.ok()) return bridge.status();
  return RefreshThemeSentences(db, *bridge);
}

namespace {

// What a search asks of a theme's kept rows, as bits of its terms.
struct KeptQuery {
  std::vector<std::string> terms;  // the theme's, in bit order
  std::vector<int> also_bit;       // the bit of each of `also`
  int64_t searched = 0;            // the search's vocabulary
};

// Nothing when the kept rows cannot answer: too many terms, or the search
// has a term or an operator the theme's vocabulary does not.
std::optional<KeptQuery> AskKept(const TermBridge& bridge,
                                 const std::string& theme,
                                 const std::string& vocabulary_fts,
                                 const std::vector<std::string>& also) {
  KeptQuery q;
  q.terms = ThemeTerms(bridge, theme);
  const size_t most = static_cast<size_t>(kMaxMaskPhrases);
  if (q.terms.empty() || q.terms.size() > most || also.size() > most)
    return std::nullopt;
  auto bit = [&q](const std::string& term) {
    auto at = std::find(q.terms.begin(), q.terms.end(), term);
    return at == q.terms.end() ? -1 : static_cast<int>(at - q.terms.begin());
  };
  for (const std::string& t : also) {
    q.also_bit.push_back(bit(t));
    if (q.also_bit.back() < 0) return std::nullopt;
  }
  bool plain = false;
  for (const std::string& phrase : QuotedPhrases(vocabulary_fts, &plain)) {
    const int b = bit(phrase);
    if (b < 0) return std::nullopt;
    q.searched |= int64_t{1} << b;
  }
  if (!plain) return std::nullopt;
  return q;
}

// An index older than theme_sentences, opened without migrating it.
bool OlderIndex(const Status& s) {
  return s.message().find("no such table") != std::string::npos;
}

// planmine_rank's average length (the table's own: search.cc ranks the
// vocabulary so) when `theme`'s kept rows are current; 0 when they are not.
Result<double> CurrentAverage(Db& db, const std::string& theme,
                              const std::vector<std::string>& terms) {
  auto current = PrepareBound(
      db,
      "SELECT NOT EXISTS (SELECT 1 FROM theme_sentences_stale) AND (SELECT "
      "terms FROM theme_vocabularies WHERE theme_id = ?1) = ?2, (SELECT block "
      "FROM sentences_fts_data WHERE id = 1)",
      {theme, Expression(terms)});
  if (!current.ok()) {
    if (OlderIndex(current.status())) return 0.0;
    return current.status();
  }
  if (!current->Step()) return current->status();
  if (current->Int(0) != 1) return 0.0;
  return std::max(0.0, AverageWordsFromRecord(current->Text(1)));
}

// Appends the ids of `blob`, deltas as WriteSets writes them, to `ids`.
void DecodeIds(const std::string& blob, std::vector<int64_t>* ids) {
  size_t at = 0;
  uint64_t v = 0;
  int64_t id = 0;
  while (GetVarint(blob, &at, &v))
    ids->push_back(id += static_cast<int64_t>(v));
}

// Adds one document's kept sentences to `out`: `tagged` (ascending; empty
// when the document does not discuss the theme) and its vocabulary list,
// merged by id; a sentence in both keeps the vocabulary's score (the lower).
void AddKeptDocument(const std::vector<int64_t>& tagged,
                     const std::string& vocabulary_blob, const KeptQuery& q,
                     KeptTheme* out) {
  size_t t = 0, at = 0;
  uint64_t v = 0, mask = 0;
  int64_t id = 0;
  while (GetVarint(vocabulary_blob, &at, &v) &&
         GetVarint(vocabulary_blob, &at, &mask)) {
    id += static_cast<int64_t>(v);
    uint64_t also_has = 0;
    for (size_t j = 0; j < q.also_bit.size(); ++j)
      if ((mask >> q.also_bit[j]) & 1) also_has |= uint64_t{1} << j;
    if (also_has != 0) out->also.emplace_back(id, also_has);
    const int has = std::popcount(mask & static_cast<uint64_t>(q.searched));
    if (has == 0) continue;
    for (; t < tagged.size() && tagged[t] < id; ++t)
      out->sentences.emplace_back(tagged[t], 0.0);
    if (t < tagged.size() && tagged[t] == id) ++t;
    // As planmine_rank computes it: the weights, 1 each, summed.
    out->sentences.emplace_back(id, RankScore(id, has, out->avg_words));
  }
  for (; t < tagged.size(); ++t) out->sentences.emplace_back(tagged[t], 0.0);
}

Result<std::optional<KeptTheme>> ReadKept(
    Db& db, const TermBridge& bridge, const std::string& theme,
    const std::string& vocabulary_fts, int min_sentences,
    const std::unordered_set<int64_t>& committed,
    const std::vector<std::string>& also) {
  const std::optional<KeptTheme> none;
  const std::optional<KeptQuery> q =
      AskKept(bridge, theme, vocabulary_fts, also);
  if (!q) return none;
  auto avg_words = CurrentAverage(db, theme, q->terms);
  if (!avg_words.ok()) return avg_words.status();
  if (*avg_words <= 0) return none;
  auto rows = PrepareBound(db,
                           "SELECT doc_id, tagged, vocabulary FROM "
                           "theme_sentences WHERE theme_id = ?1",
                           {theme});
  if (!rows.ok()) {
    if (OlderIndex(rows.status())) return none;
    return rows.status();
  }
  KeptTheme out;
  out.avg_words = *avg_words;
  std::vector<int64_t> tagged;  // one document's
  while (rows->Step()) {
    tagged.clear();
    DecodeIds(rows->Text(1), &tagged);
    if (!DiscussesTheme(tagged.size(), committed.count(rows->Int(0)) > 0,
                        min_sentences))
      tagged.clear();
    AddKeptDocument(tagged, rows->Text(2), *q, &out);
  }
  PLANMINE_RETURN_IF_ERROR(rows->status());
  if (!std::is_sorted(out.also.begin(), out.also.end()))
    std::sort(out.also.begin(), out.also.end());
  return std::optional<KeptTheme>(std::move(out));
}

}  // namespace

Result<std::optional<KeptTheme>> ReadKeptTheme(
    Db& db, const TermBridge& bridge, const std::string& theme,
    const std::string& vocabulary_fts, int min_sentences,
    const std::unordered_set<int64_t>& committed,
    const std::vector<std::string>& also) {
  // The check and the rows in one snapshot: an ingest committing between
  // two statements could pair a check that passed with rows not yet made.
  PLANMINE_RETURN_IF_ERROR(db.Exec("SAVEPOINT planmine_kept_theme;"));
  auto kept = ReadKept(db, bridge, theme, vocabulary_fts, min_sentences,
                       committed, also);
  Status released = db.Exec("RELEASE planmine_kept_theme;");
  if (!kept.ok()) return kept.status();
  if (!released.ok()) return released;
  return kept;
}

}  // namespace planmine
