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
  Stmt(sqlite3* db, sqlite3_stmt* s) : db_(db), stmt_(s) {}
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  Status status_;
};

class Db {
 public:
  // Opens (creating when asked) the database file.
  static Result<std::unique_ptr<Db>> Open(const std::string& path, bool create,
                                          bool read_only = false);
  ~Db();

  Status Exec(const std::string& sql);
  Result<Stmt> Prepare(const std::string& sql);
  int64_t LastInsertId() const;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  int Changes() const;
  const std::string& path() const { return path_; }

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
  sqlite3* db_ = nullptr;
  std::string path_;
  std::chrono::steady_clock::time_point deadline_;
  bool deadline_passed_ = false;
};

}  // namespace planmine

#endif  // PLANMINE_LOAD_DB_H_
