// The planmine tokenizer as a loadable SQLite extension, so that the stock
// sqlite3 shell, Datasette and other SQLite clients search an index the way
// planmine does:
//   sqlite3 outputs/planmine.sqlite
//   sqlite> .load build/libplanmine_fts
//   sqlite> SELECT text FROM sentences_fts WHERE sentences_fts MATCH
//   'informacao';
// It registers the tokenizer and the ranking function planmine_rank().
// Without it every ordinary table reads as usual; only sentences_fts (and
// inserting into sentences, whose triggers feed it) needs the tokenizer.
#include <sqlite3ext.h>

#include "pipeline/load/fts_rank.h"
#include "pipeline/load/fts_tokenizer.h"

SQLITE_EXTENSION_INIT1

namespace {

void SetDouble(sqlite3_context* c, double v) { sqlite3_result_double(c, v); }
void SetInt64(sqlite3_context* c, sqlite3_int64 v) {
  sqlite3_result_int64(c, v);
}
void ErrorCode(sqlite3_context* c, int rc) { sqlite3_result_error_code(c, rc); }
const unsigned char* ValueText(sqlite3_value* v) {
  return sqlite3_value_text(v);
}
const planmine::RankResults kResults = {SetDouble, SetInt64, ErrorCode,
                                        ValueText};

}  // namespace

extern "C" {

#ifdef _WIN32
__declspec(dllexport)
#endif
    int sqlite3_planminefts_init(sqlite3* db, char** err,
                                 const sqlite3_api_routines* api_routines) {
  SQLITE_EXTENSION_INIT2(api_routines);
  fts5_api* api = nullptr;
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, nullptr);
  if (rc != SQLITE_OK) return rc;
  sqlite3_bind_pointer(s, 1, reinterpret_cast<void*>(&api), "fts5_api_ptr",
                       nullptr);
  sqlite3_step(s);
  sqlite3_finalize(s);
  if (api == nullptr) {
    *err = sqlite3_mprintf("planmine: this SQLite has no FTS5");
    return SQLITE_ERROR;
  }
  rc = planmine::RegisterPlanmineTokenizer(api);
  if (rc != SQLITE_OK) return rc;
  return planmine::RegisterPlanmineRank(api, &kResults);
}

}  // extern "C"
