#include "pipeline/query/hit_filter.h"

#include <algorithm>

namespace planmine {
namespace {

void BindOrNull(Stmt* s, int i, const std::string& v) {
  if (v.empty())
    s->BindNull(i);
  else
    s->Bind(i, v);
}

// Whether a document whose sentences are in `languages`
// (documents.sentence_languages: sorted, comma-separated) has sentences in
// `language` only (kAll), some (kSome) or none (kNone); kSome when not known.
enum class LanguageShare { kAll, kSome, kNone };
LanguageShare ShareOf(const Stmt& s, int col, const std::string& language) {
  if (s.IsNull(col)) return LanguageShare::kSome;
  const std::string languages = s.Text(col);
  if (languages == language) return LanguageShare::kAll;
  const std::string padded = "," + languages + ",";
  return padded.find("," + language + ",") != std::string::npos
             ? LanguageShare::kSome
             : LanguageShare::kNone;
}

struct Kept {
  std::vector<std::pair<int64_t, int64_t>> ranges;  // sorted
  // Of those, the documents with sentences in other languages too: their
  // sentences' language is tested one by one.
  std::vector<std::pair<int64_t, int64_t>> mixed;
};

// The sentence id ranges of the documents the document filters keep, and
// the language filter when given (`language`, lower case), sorted. The same
// conditions as search.cc's kFilters.
Result<Kept> KeptRanges(Db& db, const SearchOptions& o,
                        const std::string& language) {
  auto s = db.Prepare(
      "SELECT coalesce(d.first_sentence_id, (SELECT id FROM sentences WHERE "
      "doc_id = d.id ORDER BY seq LIMIT 1)), coalesce(d.last_sentence_id, "
      "(SELECT id FROM sentences WHERE doc_id = d.id ORDER BY seq DESC LIMIT "
      "1)), d.sentence_languages FROM documents d WHERE (?1 IS "
      "NULL OR d.country = "
      "upper(?1)) AND (?2 IS NULL OR d.doc_type = ?2) AND (?3 IS NULL OR "
      "d.plan_cycle = ?3) AND (?4 IS NULL OR d.year >= CAST(?4 AS INTEGER)) "
      "AND (?5 IS NULL OR d.year <= CAST(?5 AS INTEGER))");
  if (!s.ok()) return s.status();
  BindOrNull(&*s, 1, o.country);
  BindOrNull(&*s, 2, o.doc_type);
  BindOrNull(&*s, 3, o.cycle);
  BindOrNull(&*s, 4, o.year_from > 0 ? std::to_string(o.year_from) : "");
  BindOrNull(&*s, 5, o.year_to > 0 ? std::to_string(o.year_to) : "");
  Kept kept;
  while (s->Step()) {
    if (s->IsNull(0)) continue;
    const std::pair<int64_t, int64_t> range(s->Int(0), s->Int(1));
    const LanguageShare share =
        language.empty() ? LanguageShare::kAll : ShareOf(*s, 2, language);
    if (share == LanguageShare::kNone) continue;
    kept.ranges.push_back(range);
    if (share == LanguageShare::kSome) kept.mixed.push_back(range);
  }
  if (!s->status().ok()) return s->status();
  std::sort(kept.ranges.begin(), kept.ranges.end());
  std::sort(kept.mixed.begin(), kept.mixed.end());
  return kept;
}

// Whether `id` lies in one of the sorted, disjoint `ranges`.
bool InRanges(const std::vector<std::pair<int64_t, int64_t>>& ranges,
              int64_t id) {
  auto it =
      std::upper_bound(ranges.begin(), ranges.end(), id,
                       [](int64_t v, const std::pair<int64_t, int64_t>& r) {
                         return v < r.first;
                       });
  return it != ranges.begin() && std::prev(it)->second >= id;
}

// Whether the index has the index `name`.
Result<bool> HasIndex(Db& db, const std::string& name) {
  auto s = db.Prepare(
      "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?1");
  if (!s.ok()) return s.status();
  s->Bind(1, name);
  const bool found = s->Step();
  if (!s->status().ok()) return s->status();
  return found;
}

}  // namespace

Result<HitFilter> HitFilter::Create(Db& db, const SearchOptions& o,
                                    const std::string& theme) {
  HitFilter f;
  std::string language;
  for (char c : o.language) language += static_cast<char>(tolower(c));
  f.by_document_ = !o.country.empty() || !o.doc_type.empty() ||
                   !o.cycle.empty() || o.year_from > 0 || o.year_to > 0 ||
                   !language.empty();
  if (f.by_document_) {
    auto kept = KeptRanges(db, o, language);
    if (!kept.ok()) return kept.status();
    f.ranges_ = std::move(kept->ranges);
    f.mixed_ = std::move(kept->mixed);
    // Two subqueries: each is one seek at an end of the table (min and max
    // in one SELECT scan it all).
    auto s = db.Prepare(
        "SELECT (SELECT min(id) FROM sentences), (SELECT max(id) FROM "
        "sentences)");
    if (!s.ok()) return s.status();
    if (s->Step() && !s->IsNull(0)) {
      f.first_id_ = s->Int(0);
      f.last_id_ = s->Int(1);
    }
    if (!s->status().ok()) return s->status();
    for (size_t i = 0; i < f.ranges_.size(); ++i) {
      const bool ordered = f.ranges_[i].first <= f.ranges_[i].second;
      const bool apart = i == 0 || f.ranges_[i - 1].second < f.ranges_[i].first;
      if (!ordered || !apart) {
        f.usable_ = false;
        return f;
      }
    }
  }
  f.theme_ = theme;
  f.language_ = o.language;
  if (!theme.empty()) {
    auto covered = HasIndex(db, "theme_hits_theme_doc_sentence");
    if (!covered.ok()) return covered.status();
    if (*covered) {
      auto s = db.Prepare(
          "SELECT sentence_id FROM theme_hits INDEXED BY "
          "theme_hits_theme_doc_sentence WHERE theme_id = ?1");
      if (!s.ok()) return s.status();
      s->Bind(1, theme);
      while (s->Step()) f.theme_ids_.push_back(s->Int(0));
      if (!s->status().ok()) return s->status();
      std::sort(f.theme_ids_.begin(), f.theme_ids_.end());
      f.theme_ids_loaded_ = true;
    }
  }
  f.theme_in_sql_ = !theme.empty() && !f.theme_ids_loaded_;
  f.db_ = &db;
  return f;
}

std::vector<std::pair<int64_t, int64_t>> HitFilter::Spans(size_t max) const {
  if (ranges_.size() <= max || max == 0) return ranges_;
  // Cut at the max - 1 widest gaps between consecutive ranges.
  std::vector<size_t> gaps(ranges_.size() - 1);
  for (size_t i = 0; i < gaps.size(); ++i) gaps[i] = i;
  auto wider = [&](size_t a, size_t b) {
    const int64_t ga = ranges_[a + 1].first - ranges_[a].second;
    const int64_t gb = ranges_[b + 1].first - ranges_[b].second;
    return ga != gb ? ga > gb : a < b;
  };
  std::nth_element(gaps.begin(), gaps.begin() + (max - 1), gaps.end(), wider);
  std::vector<char> cut(ranges_.size(), 0);
  for (size_t i = 0; i + 1 < max; ++i) cut[gaps[i]] = 1;
  std::vector<std::pair<int64_t, int64_t>> spans;
  for (size_t i = 0; i < ranges_.size(); ++i) {
    if (spans.empty() || cut[i - 1])
      spans.push_back(ranges_[i]);
    else
      spans.back().second = ranges_[i].second;
  }
  return spans;
}

bool HitFilter::WorthSpanning(
    const std::vector<std::pair<int64_t, int64_t>>& spans) const {
  // In doubles: ids span up to 2^63.
  double covered = 0;
  for (const auto& [first, last] : spans)
    covered += static_cast<double>(last) - static_cast<double>(first) + 1;
  const double all =
      static_cast<double>(last_id_) - static_cast<double>(first_id_) + 1;
  return covered <= all * 3 / 4;
}

bool HitFilter::KeepInMemory(int64_t id) const {
  if (by_document_ && !InRanges(ranges_, id)) return false;
  return !theme_ids_loaded_ ||
         std::binary_search(theme_ids_.begin(), theme_ids_.end(), id);
}

Result<std::vector<int64_t>> HitFilter::KeepAll(std::vector<int64_t> ids) {
  ids.erase(std::remove_if(ids.begin(), ids.end(),
                           [&](int64_t id) { return !KeepInMemory(id); }),
            ids.end());
  std::sort(ids.begin(), ids.end());
  // Each SQL test over the ids kept so far, in one statement: the ids go in
  // as a JSON array, the ids that pass come out in ascending order.
  const std::pair<bool, std::string> tests[] = {
      {theme_in_sql_,
       "SELECT DISTINCT sentence_id FROM theme_hits WHERE sentence_id IN "
       "(SELECT value FROM json_each(?1)) AND theme_id = ?2 ORDER BY 1"},
      {!language_.empty(),
       "SELECT id FROM sentences WHERE id IN (SELECT value FROM "
       "json_each(?1)) AND language = lower(?2) ORDER BY 1"}};
  const std::string* values[] = {&theme_, &language_};
  for (size_t t = 0; t < 2; ++t) {
    if (!tests[t].first || ids.empty()) continue;
    // The language is known for the sentences of a document in one
    // language (KeptRanges): only the mixed documents' are looked up.
    std::vector<int64_t> known;
    if (t == 1) {
      std::vector<int64_t> unknown;
      for (int64_t id : ids)
        (InRanges(mixed_, id) ? unknown : known).push_back(id);
      ids = std::move(unknown);
      if (ids.empty()) {
        ids = std::move(known);
        continue;
      }
    }
    std::string json = "[";
    for (int64_t id : ids)
      json += (json.size() > 1 ? "," : "") + std::to_string(id);
    json += "]";
    auto s = db_->Prepare(tests[t].second);
    if (!s.ok()) return s.status();
    s->Bind(1, json).Bind(2, *values[t]);
    ids.clear();
    while (s->Step()) ids.push_back(s->Int(0));
    if (!s->status().ok()) return s->status();
    if (!known.empty()) {
      ids.insert(ids.end(), known.begin(), known.end());
      std::sort(ids.begin(), ids.end());
    }
  }
  return ids;
}

Result<bool> HitFilter::Keep(int64_t id) {
  auto kept = KeepAll({id});
  if (!kept.ok()) return kept.status();
  return !kept->empty();
}

}  // namespace planmine
