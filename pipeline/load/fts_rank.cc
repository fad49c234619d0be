#include "pipeline/load/fts_rank.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <new>
#include <vector>

namespace planmine {
namespace {

// What a query needs once: the inverse document frequency of each phrase
// and the average length, as FTS5's bm25() computes them.
struct QueryData {
  std::vector<double> idf;  // or the phrase's given weight
  double avg_words = 1;
};

int CountRow(const Fts5ExtensionApi*, Fts5Context*, void* user) {
  ++*static_cast<int64_t*>(user);
  return SQLITE_OK;
}

void DeleteQueryData(void* p) { delete static_cast<QueryData*>(p); }

// The arguments are read once, when the query's data is made: a strtod for
// every row cost a fifth of ranking.
QueryData* GetQueryData(const Fts5ExtensionApi* api, Fts5Context* ctx,
                        const RankResults* results, int argc,
                        sqlite3_value** argv, int* rc) {
  auto* data = static_cast<QueryData*>(api->xGetAuxdata(ctx, 0));
  if (data != nullptr) return data;
  const char* weights =
      argc > 0 ? reinterpret_cast<const char*>(results->value_text(argv[0]))
               : nullptr;
  double avg_words = 0;
  if (argc > 1) {
    const char* avg =
        reinterpret_cast<const char*>(results->value_text(argv[1]));
    if (avg != nullptr) avg_words = std::strtod(avg, nullptr);
  }
  data = new (std::nothrow) QueryData();
  if (data == nullptr) {
    *rc = SQLITE_NOMEM;
    return nullptr;
  }
  sqlite3_int64 rows = 0, tokens = 0;
  *rc = api->xRowCount(ctx, &rows);
  if (*rc == SQLITE_OK) *rc = api->xColumnTotalSize(ctx, -1, &tokens);
  if (rows > 0 && tokens > 0) data->avg_words = double(tokens) / rows;
  if (avg_words > 0) data->avg_words = avg_words;
  int phrases = api->xPhraseCount(ctx);
  // Given weights stand in for the inverse document frequencies, which cost
  // a second pass over every phrase's matches.
  if (weights != nullptr) data->idf = RankWeights(weights, phrases);
  for (int i = 0; weights == nullptr && i < phrases && *rc == SQLITE_OK; ++i) {
    int64_t hits = 0;
    *rc = api->xQueryPhrase(ctx, i, &hits, CountRow);
    double idf = std::log((rows - hits + 0.5) / (hits + 0.5));
    data->idf.push_back(idf <= 0.0 ? 1e-6 : idf);
  }
  if (*rc == SQLITE_OK)
    *rc = api->xSetAuxdata(ctx, data, DeleteQueryData);
  else
    delete data;
  return *rc == SQLITE_OK ? data : nullptr;
}

void Rank(const Fts5ExtensionApi* api, Fts5Context* ctx, sqlite3_context* out,
          int argc, sqlite3_value** argv) {
  const auto* results = static_cast<const RankResults*>(api->xUserData(ctx));
  int rc = SQLITE_OK;
  QueryData* data = GetQueryData(api, ctx, results, argc, argv, &rc);
  if (data == nullptr) {
    results->error_code(out, rc);
    return;
  }
  const int64_t id = api->xRowid(ctx);
  // The weights of the phrases the row has, each once (binary frequency).
  double weight = 0;
  for (int i = 0; i < static_cast<int>(data->idf.size()); ++i) {
    Fts5PhraseIter it;
    int col = -1, off = 0;
    if (api->xPhraseFirst(ctx, i, &it, &col, &off) != SQLITE_OK) continue;
    if (col >= 0) weight += data->idf[i];
  }
  results->set_double(out, RankScore(id, weight, data->avg_words));
}

// planmine_phrases(table): bit i set for each phrase i < 63 of the query
// the row has.
void Phrases(const Fts5ExtensionApi* api, Fts5Context* ctx,
             sqlite3_context* out, int, sqlite3_value**) {
  const auto* results = static_cast<const RankResults*>(api->xUserData(ctx));
  const int phrases = std::min(api->xPhraseCount(ctx), kMaxMaskPhrases);
  int64_t mask = 0;
  for (int i = 0; i < phrases; ++i) {
    Fts5PhraseIter it;
    int col = -1, off = 0;
    if (api->xPhraseFirst(ctx, i, &it, &col, &off) != SQLITE_OK) continue;
    if (col >= 0) mask |= int64_t{1} << i;
  }
  results->set_int64(out, mask);
}

}  // namespace

std::vector<double> RankWeights(const char* weights, size_t phrases) {
  std::vector<double> out;
  out.reserve(phrases);
  for (size_t i = 0; i < phrases; ++i) {
    char* end = nullptr;
    const double w = std::strtod(weights, &end);
    out.push_back(end != weights && w > 0 ? w : 1.0);
    weights = end;
  }
  return out;
}

int RegisterPlanmineRank(fts5_api* api, const RankResults* results) {
  int rc = api->xCreateFunction(
      api, kRankFunctionName, const_cast<RankResults*>(results), Rank, nullptr);
  if (rc != SQLITE_OK) return rc;
  return api->xCreateFunction(api, kPhrasesFunctionName,
                              const_cast<RankResults*>(results), Phrases,
                              nullptr);
}

}  // namespace planmine
