// Db and Stmt: the one place planmine meets the SQLite C API.
//
// SQLite result codes become Status here; user text is always bound, never
// spliced into SQL. A Stmt is reset after each full Step() loop.
//
//   Stmt s = db.Prepare("SELECT title FROM documents WHERE country = ?");
//   s.Bind(1, "CO");
//   while (s.Step()) Use(s.Text(0));
//   if (!s.status().ok()) ...
#ifndef PLANMINE_LOAD_DB_H_
#define PLANMINE_LOAD_DB_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "pipeline/core/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace planmine {

// A test of sentence ids a statement can call per row, before it computes
// the row's columns: WHERE … AND planmine_keep(?N, rowid), with the test
// bound to ?N (Stmt::BindIdTest). A row whose id fails is neither ranked nor
// returned. Unbound (NULL), planmine_keep keeps every row.
class IdTest {
 public:
  virtual ~IdTest() = default;
  virtual bool Passes(int64_t id) const = 0;
};

class Stmt {
 public:
  Stmt() = default;
  Stmt(Stmt&& o) noexcept;
  Stmt& operator=(Stmt&& o) noexcept;
  ~Stmt();

  Stmt& Bind(int i, std::string_view v);
  Stmt& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& Bind(int i, size_t v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& Bind(int i, double v);
  Stmt& BindNull(int i);
  Stmt& BindBlob(int i, std::string_view v);  // Text() reads it back
  // `test` must outlive the statement's steps.
  Stmt& BindIdTest(int i, const IdTest* test);

  // True while there is a row. False at the end or on error (see status()).
  bool Step();
  // Runs to completion, resets, and returns the status.
  Status Run();

  std::string Text(int col) const;
  int64_t Int(int col) const;
  double Real(int col) const;
  bool IsNull(int col) const;
  // The SQLite storage class of the current row's value.
  enum class ValueType { kNull, kInteger, kReal, kText, kBlob };
  ValueType Type(int col) const;
  int columns() const;
  std::string ColumnName(int col) const;

  const Status& status() const { return status_; }
  void Reset();

 private:
  friend class Db;
  Stmt(sqlite3* db, sqlite3_stmt* s, const std::string* path)
      : db_(db), stmt_(s), path_(path) {}
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  const std::string* path_ = nullptr;  // the Db's; the Db outlives its Stmts
  Status status_;
};

// Errors: a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB) is DataLoss and the
// operating system failing (I/O, full disk, cannot open, read-only, busy) is
// IoError, both as "PATH: what SQLite says"; any other failure of Prepare is
// InvalidArgument and of Step/Exec IoError, as "sqlite: what".
class Db {
 public:
  // Opens (creating when asked) the database file. The header is read here,
  // so a file that is not SQLite fails here ("PATH: file is not a
  // database"), not at the first query.
  //
  // read_only: for queries. When the file cannot be opened for reading the
  // ordinary way because its folder or its -shm file is not writable (a
  // WAL index on a read-only mount, a chmod 444 index), it is opened
  // immutable (SQLite's "immutable=1"): no locks, no -shm; correct while no
  // one writes the file meanwhile, which a read-only file guarantees.
  static Result<std::unique_ptr<Db>> Open(const std::string& path, bool create,
                                          bool read_only = false);
  ~Db();

  Status Exec(const std::string& sql);
  Result<Stmt> Prepare(const std::string& sql);
  int64_t LastInsertId() const;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  int Changes() const;
  const std::string& path() const { return path_; }
  // Whether Open fell back to an immutable read (see Open).
  bool immutable() const { return immutable_; }

  // A time budget for what runs from now on: past `deadline` SQLite
  // interrupts the running statement, which fails ("sqlite: interrupted"),
  // and deadline_passed() turns true until the next SetDeadline or
  // ClearDeadline. For servers, so that one pathological query cannot hold a
  // thread.
  void SetDeadline(std::chrono::steady_clock::time_point deadline);
  void ClearDeadline();
  bool deadline_passed() const { return deadline_passed_; }

 private:
  Db() = default;
  bool immutable_ = false;
  sqlite3* db_ = nullptr;
  std::string path_;
  std::chrono::steady_clock::time_point deadline_;
  bool deadline_passed_ = false;
};

}  // namespace planmine

#endif  // PLANMINE_LOAD_DB_H_
