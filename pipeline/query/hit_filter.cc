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

// The sentence id ranges of the documents the document filters keep, sorted.
// The same conditions as search.cc's kFilters.
Result<std::vector<std::pair<int64_t, int64_t>>> KeptRanges(
    Db& db, const SearchOptions& o) {
  auto s = db.Prepare(
      "SELECT (SELECT id FROM sentences WHERE doc_id = d.id ORDER BY seq "
      "LIMIT 1), (SELECT id FROM sentences WHERE doc_id = d.id ORDER BY seq "
      "DESC LIMIT 1) FROM documents d WHERE (?1 IS NULL OR d.country = "
      "upper(?1)) AND (?2 IS NULL OR d.doc_type = ?2) AND (?3 IS NULL OR "
      "d.plan_cycle = ?3) AND (?4 IS NULL OR d.year >= CAST(?4 AS INTEGER)) "
      "AND (?5 IS NULL OR d.year <= CAST(?5 AS INTEGER))");
  if (!s.ok()) return s.status();
  BindOrNull(&*s, 1, o.country);
  BindOrNull(&*s, 2, o.doc_type);
  BindOrNull(&*s, 3, o.cycle);
  BindOrNull(&*s, 4, o.year_from > 0 ? std::to_string(o.year_from) : "");
  BindOrNull(&*s, 5, o.year_to > 0 ? std::to_string(o.year_to) : "");
  std::vector<std::pair<int64_t, int64_t>> ranges;
  while (s->Step())
    if (!s->IsNull(0)) ranges.emplace_back(s->Int(0), s->Int(1));
  if (!s->status().ok()) return s->status();
  std::sort(ranges.begin(), ranges.end());
  return ranges;
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
  f.by_document_ = !o.country.empty() || !o.doc_type.empty() ||
                   !o.cycle.empty() || o.year_from > 0 || o.year_to > 0;
  if (f.by_document_) {
    auto ranges = KeptRanges(db, o);
    if (!ranges.ok()) return ranges.status();
    f.ranges_ = std::move(*ranges);
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
  if (!theme.empty() && !f.theme_ids_loaded_) {
    auto s = db.Prepare(
        "SELECT 1 FROM theme_hits WHERE sentence_id = ?1 AND theme_id = ?2");
    if (!s.ok()) return s.status();
    f.theme_stmt_ = std::make_unique<Stmt>(std::move(*s));
  }
  if (!o.language.empty()) {
    auto s = db.Prepare(
        "SELECT 1 FROM sentences WHERE id = ?1 AND language = lower(?2)");
    if (!s.ok()) return s.status();
    f.language_stmt_ = std::make_unique<Stmt>(std::move(*s));
  }
  return f;
}

Result<bool> HitFilter::Keep(int64_t id) {
  if (by_document_) {
    // The last range starting at or before id.
    auto it =
        std::upper_bound(ranges_.begin(), ranges_.end(), id,
                         [](int64_t v, const std::pair<int64_t, int64_t>& r) {
                           return v < r.first;
                         });
    if (it == ranges_.begin() || std::prev(it)->second < id) return false;
  }
  if (theme_ids_loaded_ &&
      !std::binary_search(theme_ids_.begin(), theme_ids_.end(), id))
    return false;
  for (auto [stmt, value] :
       {std::pair<Stmt*, const std::string*>{theme_stmt_.get(), &theme_},
        {language_stmt_.get(), &language_}}) {
    if (stmt == nullptr) continue;
    stmt->Reset();
    stmt->Bind(1, id).Bind(2, *value);
    const bool found = stmt->Step();
    if (!stmt->status().ok()) return stmt->status();
    if (!found) return false;
  }
  return true;
}

}  // namespace planmine
