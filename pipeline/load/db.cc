#include "pipeline/load/db.h"

#include <sqlite3.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "pipeline/load/fts_rank.h"
#include "pipeline/load/fts_tokenizer.h"

namespace planmine {
namespace {

// The FTS5 API of a connection ("SELECT fts5(?1)" hands it out).
fts5_api* Fts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, nullptr) != SQLITE_OK)
    return nullptr;
  sqlite3_bind_pointer(s, 1, reinterpret_cast<void*>(&api), "fts5_api_ptr",
                       nullptr);
  sqlite3_step(s);
  sqlite3_finalize(s);
  return api;
}

// A damaged file or the operating system failing, named with the file
// whatever the call; nullopt for other failures, which the caller words.
std::optional<Status> FileFailure(int rc, const std::string& message,
                                  const std::string& path) {
  switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return DataLoss(path + ": " + message);
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_NOMEM:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_PROTOCOL:
    case SQLITE_NOLFS:
      return IoError(path + ": " + message);
    default:
      return std::nullopt;
  }
}

// Reads the header and the schema: the first moment SQLite looks at the
// file's bytes.
int Probe(sqlite3* db) {
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &s,
                              nullptr);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) rc = SQLITE_OK;
  }
  sqlite3_finalize(s);
  return rc;
}

// "file:" URI of `path` with `query`, every byte outside the unreserved set
// percent-encoded (a path may hold '?', '#' or '%').
std::string FileUri(const std::string& path, const std::string& query) {
  std::string out = "file:";
  for (unsigned char c : path) {
    if (isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' ||
        c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out + "?" + query;
}

}  // namespace

Stmt::Stmt(Stmt&& o) noexcept
    : db_(o.db_), stmt_(o.stmt_), path_(o.path_), status_(o.status_) {
  o.stmt_ = nullptr;
}
Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    if (stmt_) sqlite3_finalize(stmt_);
    db_ = o.db_;
    stmt_ = o.stmt_;
    path_ = o.path_;
    status_ = o.status_;
    o.stmt_ = nullptr;
  }
  return *this;
}
Stmt::~Stmt() {
  if (stmt_) sqlite3_finalize(stmt_);
}

Stmt& Stmt::Bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()),
                    SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::BindBlob(int i, std::string_view v) {
  sqlite3_bind_blob(stmt_, i, v.data(), static_cast<int>(v.size()),
                    SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::Bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Stmt& Stmt::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

namespace {
constexpr const char* kIdTestType = "planmine_id_test";
}  // namespace

Stmt& Stmt::BindIdTest(int i, const IdTest* test) {
  sqlite3_bind_pointer(stmt_, i, const_cast<IdTest*>(test), kIdTestType,
                       nullptr);
  return *this;
}

bool Stmt::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) {
    std::string msg = sqlite3_errmsg(db_);
    auto file = FileFailure(rc, msg, path_ ? *path_ : std::string("sqlite"));
    status_ = file ? *file : IoError("sqlite: " + msg);
  }
  sqlite3_reset(stmt_);
  return false;
}

Status Stmt::Run() {
  status_ = Status();
  while (Step()) {
  }
  Status s = status_;
  sqlite3_clear_bindings(stmt_);
  return s;
}

void Stmt::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  status_ = Status();
}

std::string Stmt::Text(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  return t ? std::string(reinterpret_cast<const char*>(t),
                         sqlite3_column_bytes(stmt_, col))
           : std::string();
}
int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Stmt::Real(int col) const { return sqlite3_column_double(stmt_, col); }
bool Stmt::IsNull(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}
Stmt::ValueType Stmt::Type(int col) const {
  switch (sqlite3_column_type(stmt_, col)) {
    case SQLITE_INTEGER:
      return ValueType::kInteger;
    case SQLITE_FLOAT:
      return ValueType::kReal;
    case SQLITE_TEXT:
      return ValueType::kText;
    case SQLITE_BLOB:
      return ValueType::kBlob;
    default:
      return ValueType::kNull;
  }
}
int Stmt::columns() const { return sqlite3_column_count(stmt_); }
std::string Stmt::ColumnName(int col) const {
  return sqlite3_column_name(stmt_, col);
}

void Db::SetDeadline(std::chrono::steady_clock::time_point deadline) {
  deadline_ = deadline;
  deadline_passed_ = false;
  // Called every 1000 virtual machine instructions: a few microseconds.
  sqlite3_progress_handler(
      db_, 1000,
      [](void* self) {
        Db* db = static_cast<Db*>(self);
        if (std::chrono::steady_clock::now() < db->deadline_) return 0;
        db->deadline_passed_ = true;
        return 1;
      },
      this);
}

void Db::ClearDeadline() {
  sqlite3_progress_handler(db_, 0, nullptr, nullptr);
  deadline_passed_ = false;
}

Result<std::unique_ptr<Db>> Db::Open(const std::string& path, bool create,
                                     bool read_only) {
  std::unique_ptr<Db> db(new Db());
  db->path_ = path;
  int flags = read_only
                  ? SQLITE_OPEN_READONLY
                  : SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &db->db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db->db_ ? sqlite3_errmsg(db->db_) : sqlite3_errstr(rc);
    return IoError(path + ": cannot open database: " + msg);
  }
  sqlite3_extended_result_codes(db->db_, 1);
  // Before the first read: a writer that holds its lock for a moment (an
  // ingest starting) is waited for, not reported as "database is locked".
  sqlite3_busy_timeout(db->db_, 10000);
  rc = Probe(db->db_);
  if (read_only &&
      ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY)) {
    // A WAL index whose -shm cannot be made (read-only folder or file):
    // read it immutable.
    sqlite3_close_v2(db->db_);
    db->db_ = nullptr;
    char* abs = realpath(path.c_str(), nullptr);
    std::string uri = FileUri(abs ? abs : path, "immutable=1");
    free(abs);
    rc = sqlite3_open_v2(uri.c_str(), &db->db_,
                         SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
    if (rc == SQLITE_OK) {
      sqlite3_extended_result_codes(db->db_, 1);
      rc = Probe(db->db_);
    }
    db->immutable_ = true;
  }
  if (rc != SQLITE_OK) {
    std::string msg = db->db_ ? sqlite3_errmsg(db->db_) : sqlite3_errstr(rc);
    auto file = FileFailure(rc, msg, path);
    return file ? *file : IoError(path + ": cannot open database: " + msg);
  }
  sqlite3_busy_timeout(db->db_, 10000);
  if (read_only) {
    // Searches read the same full-text pages again and again: memory-mapped
    // reads skip a system call and a copy per page (the index is read only
    // here, so a file truncated under us is not a concern), and a 64 MB
    // page cache keeps a frequent term's doclist between queries.
    sqlite3_exec(db->db_,
                 "PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -65536;",
                 nullptr, nullptr, nullptr);
  }
  // planmine_words(text): CountWords, for SQL that makes sentence ids.
  sqlite3_create_function(
      db->db_, "planmine_words", 1,
      SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
      [](sqlite3_context* c, int, sqlite3_value** v) {
        const unsigned char* t = sqlite3_value_text(v[0]);
        int n = sqlite3_value_bytes(v[0]);
        sqlite3_result_int(c, t ? CountWords(std::string_view(
                                      reinterpret_cast<const char*>(t), n))
                                : 0);
      },
      nullptr, nullptr);
  // planmine_keep(test, id): IdTest::Keep (db.h).
  sqlite3_create_function(
      db->db_, "planmine_keep", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, nullptr,
      [](sqlite3_context* c, int, sqlite3_value** v) {
        const auto* test = static_cast<const IdTest*>(
            sqlite3_value_pointer(v[0], kIdTestType));
        sqlite3_result_int(
            c, test == nullptr || test->Passes(sqlite3_value_int64(v[1])));
      },
      nullptr, nullptr);
  fts5_api* api = Fts5Api(db->db_);
  static const RankResults kResults = {
      sqlite3_result_double, sqlite3_result_int64, sqlite3_result_error_code,
      sqlite3_value_text};
  if (api == nullptr || RegisterPlanmineTokenizer(api) != SQLITE_OK ||
      RegisterPlanmineRank(api, &kResults) != SQLITE_OK)
    return IoError(path + ": cannot register the planmine FTS5 tokenizer");
  return db;
}

Db::~Db() {
  if (db_) sqlite3_close_v2(db_);
}

Status Db::Exec(const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    if (auto file = FileFailure(rc, msg, path_)) return *file;
    return IoError(path_ + ": sqlite: " + msg);
  }
  return Status();
}

Result<Stmt> Db::Prepare(const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()),
                              &s, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = sqlite3_errmsg(db_);
    if (auto file = FileFailure(rc, msg, path_)) return *file;
    return InvalidArgument("sqlite: " + msg);
  }
  return Stmt(db_, s, &path_);
}

int64_t Db::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }

int Db::Changes() const { return sqlite3_changes(db_); }

}  // namespace planmine
