#include "pipeline/load/store.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "pipeline/load/fts_rank.h"
#include "pipeline/load/fts_tokenizer.h"
#include "pipeline/load/schema.h"

namespace planmine {

std::string NowIso() {
  time_t t = time(nullptr);
  struct tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {

bool HasColumn(Db& db, const std::string& table, const std::string& column) {
  auto s = db.Prepare("SELECT 1 FROM pragma_table_info(?) WHERE name = ?");
  if (!s.ok()) return false;
  s->Bind(1, table).Bind(2, column);
  bool found = s->Step();
  if (found) s->Reset();
  return found;
}

// Brings an index written by an older planmine up to kSchemaVersion. Tables
// new in a version come from kSchemaSql (CREATE … IF NOT EXISTS); columns
// added to existing tables are added here.
Status AddColumns(Db& db, const char* table,
                  std::initializer_list<const char*> columns) {
  for (const char* c : columns) {
    std::string name(c, strcspn(c, " "));
    if (HasColumn(db, table, name)) continue;
    PLANMINE_RETURN_IF_ERROR(db.Exec(std::string("ALTER TABLE ") + table +
                                     " ADD COLUMN " + c + ";"));
  }
  return Status();
}

}  // namespace

std::string TierCondition(int tier, const std::string& row) {
  const std::string id = row + ".id", lang = row + ".language";
  const std::string title = "(" + id + " & 768) = 512";
  const std::string heading = "(" + id + " & 768) = 256";
  const std::string body = "(" + id + " & 768) IN (0, 768)";
  const std::string words = "(" + id + " & 255)";
  const std::string tagged = lang + " IN ('es', 'pt', 'en')";
  if (tier == 1)
    return "(" + title + " OR (" + heading + " AND " + words +
           " <= " + std::to_string(kTier1HeadingWords) + ") OR " + lang +
           " IS NULL OR " + lang + " NOT IN ('es', 'pt', 'en'))";
  if (tier == 2)
    return "(" + tagged + " AND " + heading + " AND " + words + " > " +
           std::to_string(kTier1HeadingWords) + ")";
  return "(" + tagged + " AND " + body + " AND " + words +
         " <= " + std::to_string(kTier3MaxWords) + ")";
}

std::string TiersSql() {
  std::string sql;
  for (int tier = 1; tier <= kTiers; ++tier) {
    const std::string t = kTierTables[tier - 1];
    sql += "CREATE VIRTUAL TABLE IF NOT EXISTS " + t +
           " USING fts5(text, content='sentences_fts_content', "
           "content_rowid='id', tokenize='planmine');"
           "CREATE TRIGGER IF NOT EXISTS " +
           t + "_ai AFTER INSERT ON sentences WHEN " +
           TierCondition(tier, "new") + " BEGIN INSERT INTO " + t +
           "(rowid, text) VALUES (new.id, char(2) || coalesce(new.language, "
           "'') || char(3) || new.text); END;"
           "CREATE TRIGGER IF NOT EXISTS " +
           t + "_ad AFTER DELETE ON sentences WHEN " +
           TierCondition(tier, "old") + " BEGIN INSERT INTO " + t + "(" + t +
           ", rowid, text) VALUES ('delete', old.id, char(2) || "
           "coalesce(old.language, '') || char(3) || old.text); END;";
  }
  return sql;
}

std::string ThemeStaleTriggersSql() {
  std::string sql;
  for (const char* table : {"sentences", "theme_hits"}) {
    const std::string name =
        std::string("theme_sentences_") + (table[0] == 's' ? "s" : "h");
    for (const char* event : {"INSERT", "DELETE", "UPDATE"}) {
      std::vector<const char*> rows;
      if (event[0] != 'D') rows.push_back("new");
      if (event[0] != 'I') rows.push_back("old");
      sql += "CREATE TRIGGER IF NOT EXISTS " + name +
             static_cast<char>(std::tolower(event[0])) + " AFTER " + event +
             " ON " + table + " BEGIN ";
      for (const char* row : rows)
        sql += std::string(
                   "INSERT OR IGNORE INTO theme_sentences_stale(doc_id) "
                   "VALUES (") +
               row + ".doc_id); ";
      sql += "END;";
    }
  }
  return sql;
}

namespace {

Status Migrate(Db& db) {
  int from_version = kSchemaVersion;  // a new index has nothing to migrate
  {
    auto v = db.Prepare("SELECT value FROM meta WHERE key = 'schema_version'");
    if (!v.ok()) return v.status();
    if (v->Step()) {
      from_version = atoi(v->Text(0).c_str());
      v->Reset();
    }
  }
  PLANMINE_RETURN_IF_ERROR(
      AddColumns(db, "documents", {"missing_since TEXT"}));  // v2
  PLANMINE_RETURN_IF_ERROR(AddColumns(                       // v3
      db, "documents",
      {"plan_cycle TEXT", "plan_cycle_source TEXT", "subnational TEXT",
       "subnational_source TEXT"}));
  PLANMINE_RETURN_IF_ERROR(AddColumns(
      db, "commitments",
      {"lead_agency TEXT", "lead_agency_source TEXT", "other_actors TEXT",
       "start_date TEXT", "end_date TEXT", "milestones TEXT", "ogp_values TEXT",
       "sections TEXT", "completion TEXT", "completion_text TEXT"}));
  PLANMINE_RETURN_IF_ERROR(
      AddColumns(db, "commitment_themes", {"evidence TEXT", "score INTEGER"}));
  PLANMINE_RETURN_IF_ERROR(
      AddColumns(db, "documents", {"plan_ordinal TEXT"}));  // v5
  PLANMINE_RETURN_IF_ERROR(AddColumns(db, "entities", {"detail TEXT"}));
  PLANMINE_RETURN_IF_ERROR(AddColumns(  // v6
      db, "documents", {"pattern_set INTEGER REFERENCES pattern_sets(id)"}));
  PLANMINE_RETURN_IF_ERROR(
      AddColumns(db, "ingest_runs", {"stage_seconds TEXT"}));
  PLANMINE_RETURN_IF_ERROR(  // v8
      AddColumns(db, "documents", {"corrections TEXT"}));
  PLANMINE_RETURN_IF_ERROR(  // v10
      AddColumns(db, "documents",
                 {"first_sentence_id INTEGER", "last_sentence_id INTEGER",
                  "sentence_languages TEXT"}));
  // v11: which document holds a sentence, and every document's span, read
  // from an index of a few bytes per document (documents rows are about a
  // kilobyte: the span columns come last, after the versions).
  PLANMINE_RETURN_IF_ERROR(
      db.Exec("CREATE INDEX IF NOT EXISTS documents_sentence_span ON "
              "documents(first_sentence_id, last_sentence_id);"));
  PLANMINE_RETURN_IF_ERROR(
      AddColumns(db, "ingest_runs", {"corrected INTEGER DEFAULT 0"}));
  PLANMINE_RETURN_IF_ERROR(AddColumns(  // v9
      db, "blocks",
      {"region TEXT", "row INTEGER", "col INTEGER", "bold INTEGER",
       "italic INTEGER", "underline INTEGER", "font_size REAL",
       "lead_emphasis_words INTEGER"}));
  // v8: what a manifest set before corrections were kept becomes a
  // correction (source "manifest", its file and line unknown), so that it
  // holds on later runs without the manifest. The document rows do not
  // record it as applied yet: the next run re-classifies them once. (The
  // language a manifest set left no trace; it is not carried over.)
  if (from_version < 8) {
    for (const char* key :
         {"title", "country", "year", "doc_type", "plan_cycle", "subnational"})
      PLANMINE_RETURN_IF_ERROR(db.Exec(
          std::string("INSERT OR IGNORE INTO corrections(path, sha256, key, "
                      "value, source, set_at) SELECT path, sha256, '") +
          key + "', " + key +
          ", 'manifest', ingested_at FROM documents WHERE " + key +
          "_source = 'manifest' AND " + key + " IS NOT NULL;"));
  }
  // v4, v5: the full-text index is rebuilt with the planmine tokenizer and
  // the language of each sentence; v5 also renumbers the sentences so that
  // their ids carry length and weight (fts_rank.h).
  {
    auto s = db.Prepare(
        "SELECT sql FROM sqlite_master WHERE name = 'sentences_fts'");
    if (!s.ok()) return s.status();
    std::string sql = s->Step() ? s->Text(0) : "";
    s->Reset();
    if (sql.find("sentences_fts_content") == std::string::npos) {
      PLANMINE_RETURN_IF_ERROR(db.Exec(
          "PRAGMA defer_foreign_keys = ON;"
          "DROP TRIGGER IF EXISTS sentences_ai;"
          "DROP TRIGGER IF EXISTS sentences_ad;"
          "DROP TABLE IF EXISTS sentences_fts;"
          "CREATE TEMP TABLE sentence_ids AS SELECT s.id AS old, "
          "((row_number() OVER (ORDER BY s.id)) << 10) | ((CASE WHEN "
          "length(CAST(s.text AS BLOB)) >= 8 AND 2 * length(CAST(s.text AS "
          "BLOB)) >= length(CAST(d.title AS BLOB)) AND instr(d.title, s.text) "
          "> 0 THEN 2 WHEN b.heading THEN 1 ELSE 0 END) << 8) | "
          "min(planmine_words(s.text), 255) AS new FROM sentences s JOIN "
          "documents d ON d.id = s.doc_id LEFT JOIN blocks b ON b.doc_id = "
          "s.doc_id AND b.page = s.page AND b.seq = s.block;"
          "CREATE UNIQUE INDEX temp.sentence_ids_old ON sentence_ids(old);"
          "UPDATE sentences SET id = -id;"
          "UPDATE sentences SET id = (SELECT new FROM temp.sentence_ids WHERE "
          "old = -sentences.id);"
          "UPDATE theme_hits SET sentence_id = (SELECT new FROM "
          "temp.sentence_ids WHERE old = sentence_id);"
          "UPDATE entities SET sentence_id = (SELECT new FROM "
          "temp.sentence_ids WHERE old = sentence_id);"
          "UPDATE statements SET sentence_id = (SELECT new FROM "
          "temp.sentence_ids WHERE old = sentence_id);"
          "UPDATE commitments SET first_sentence_id = (SELECT new FROM "
          "temp.sentence_ids WHERE old = first_sentence_id), "
          "last_sentence_id = (SELECT new FROM temp.sentence_ids WHERE old = "
          "last_sentence_id);"
          "DROP TABLE temp.sentence_ids;"));
      PLANMINE_RETURN_IF_ERROR(db.Exec(kSchemaSql));
      PLANMINE_RETURN_IF_ERROR(db.Exec(
          "INSERT INTO sentences_fts(sentences_fts) VALUES('rebuild');"));
    }
  }
  // v10: the tiers of the full-text index (schema.h) and the languages of
  // each document's sentences, filled once.
  if (from_version < 10) {
    PLANMINE_RETURN_IF_ERROR(db.Exec(
        "UPDATE documents SET first_sentence_id = (SELECT id FROM sentences "
        "WHERE doc_id = documents.id ORDER BY seq LIMIT 1), last_sentence_id "
        "= (SELECT id FROM sentences WHERE doc_id = documents.id ORDER BY seq "
        "DESC LIMIT 1);"
        "UPDATE documents SET sentence_languages = (SELECT "
        "coalesce(group_concat(l, ','), '') FROM (SELECT DISTINCT "
        "coalesce(nullif(language, ''), '-') AS l FROM sentences WHERE doc_id "
        "= documents.id ORDER BY l));"));
    for (int tier = 1; tier <= kTiers; ++tier) {
      const std::string table = kTierTables[tier - 1];
      PLANMINE_RETURN_IF_ERROR(db.Exec(
          "INSERT INTO " + table + "(" + table + ") VALUES('delete-all');" +
          "INSERT INTO " + table +
          "(rowid, text) SELECT id, char(2) || coalesce(language, '') || "
          "char(3) || text FROM sentences AS s WHERE " +
          TierCondition(tier, "s") + ";"));
    }
  }
  // v5: theme mentions per document, counted once from the hits.
  {
    auto s = db.Prepare(
        "SELECT EXISTS (SELECT 1 FROM theme_hits) AND NOT EXISTS (SELECT 1 "
        "FROM document_themes)");
    if (!s.ok()) return s.status();
    bool fill = s->Step() && s->Int(0) != 0;
    s->Reset();
    if (fill)
      PLANMINE_RETURN_IF_ERROR(
          db.Exec("INSERT INTO document_themes(doc_id, theme_id, mentions) "
                  "SELECT doc_id, theme_id, count(*) FROM theme_hits GROUP BY "
                  "doc_id, theme_id;"));
  }
  return db.Exec(kViewsSql);
}

Status Setup(Db& db) {
  PLANMINE_RETURN_IF_ERROR(
      db.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA "
              "foreign_keys=ON;"));
  PLANMINE_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE;"));
  Status s = db.Exec(kSchemaSql);
  if (s.ok()) s = db.Exec(TiersSql());
  if (s.ok()) s = db.Exec(ThemeStaleTriggersSql());
  if (s.ok()) s = Migrate(db);
  if (s.ok()) {
    s = db.Exec(
        "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '" +
        std::to_string(kSchemaVersion) + "');");
  }
  if (!s.ok()) {
    (void)db.Exec("ROLLBACK;");
    return s;
  }
  return db.Exec("COMMIT;");
}

class Transaction {
 public:
  explicit Transaction(Db& db) : db_(db) {
    status_ = db_.Exec("BEGIN IMMEDIATE;");
  }
  ~Transaction() {
    if (!done_) (void)db_.Exec("ROLLBACK;");
  }
  const Status& status() const { return status_; }
  Status Commit() {
    done_ = true;
    return db_.Exec("COMMIT;");
  }

 private:
  Db& db_;
  Status status_;
  bool done_ = false;
};

void BindOpt(Stmt& s, int i, const std::string& v) {
  if (v.empty())
    s.BindNull(i);
  else
    s.Bind(i, v);
}

}  // namespace

namespace {

// Refuses what SQLite must not be handed: opening a FIFO blocks forever, a
// device or a folder is no index. Sets *exists.
Status CheckIsFile(const std::string& path, bool* exists) {
  struct stat st;
  *exists = false;
  if (stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Status();
    return IoError(path + ": " + std::strerror(errno));
  }
  *exists = true;
  if (S_ISREG(st.st_mode)) return Status();
  const mode_t m = st.st_mode;
  const char* what = S_ISDIR(m)    ? "a directory"
                     : S_ISFIFO(m) ? "a FIFO (named pipe)"
                     : S_ISCHR(m)  ? "a character device"
                     : S_ISBLK(m)  ? "a block device"
                     : S_ISSOCK(m) ? "a socket"
                                   : "not a regular file";
  return InvalidArgument(path + ": is " + std::string(what) +
                         ", not an index file");
}

// What a SQLite file holds, read before anything is written to it.
struct Contents {
  int objects = 0;        // tables, indexes, views, triggers
  bool planmine = false;  // has meta.schema_version
  int version = 0;        // meta.schema_version when planmine
};

Result<Contents> Inspect(Db& db) {
  Contents c;
  {
    auto s = db.Prepare(
        "SELECT count(*), count(*) FILTER (WHERE type = 'table' AND name = "
        "'meta') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'");
    if (!s.ok()) return s.status();
    if (!s->Step()) {
      if (!s->status().ok()) return s->status();
      return c;
    }
    c.objects = static_cast<int>(s->Int(0));
    const bool meta = s->Int(1) > 0;
    s->Reset();
    if (!meta) return c;
  }
  // A table named meta of another shape is not ours.
  auto v = db.Prepare("SELECT value FROM meta WHERE key = 'schema_version'");
  if (!v.ok()) {
    if (v.status().code() == StatusCode::kInvalidArgument) return c;
    return v.status();
  }
  if (!v->Step()) {
    if (!v->status().ok()) return v->status();
    return c;
  }
  const std::string text = v->Text(0);
  v->Reset();
  if (text.empty() || text.size() > 6 ||
      text.find_first_not_of("0123456789") != std::string::npos)
    return c;
  c.planmine = true;
  c.version = atoi(text.c_str());
  return c;
}

Status NewerSchema(const std::string& path, int version) {
  return Unsupported(path + ": index schema " + std::to_string(version) +
                     " was written by a newer planmine; this planmine reads "
                     "schema " +
                     std::to_string(kSchemaVersion) +
                     " or older (upgrade planmine to use this index)");
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& path,
                                           bool allow_foreign) {
  bool exists = false;
  PLANMINE_RETURN_IF_ERROR(CheckIsFile(path, &exists));
  auto db = Db::Open(path, /*create=*/true);
  if (!db.ok()) return db.status();
  // Looked at before the first write (WAL, tables): a file that is not ours,
  // or ours from a newer planmine, is left exactly as it was.
  auto contents = Inspect(**db);
  if (!contents.ok()) return contents.status();
  if (contents->planmine && contents->version > kSchemaVersion)
    return NewerSchema(path, contents->version);
  if (!contents->planmine && contents->objects > 0 && !allow_foreign)
    return Unsupported(
        path + ": a SQLite database that is not a planmine index (" +
        std::to_string(contents->objects) +
        " tables, indexes or views, no planmine schema_version): nothing "
        "written to it (choose another --db, or pass ingest "
        "--allow-foreign-db to add planmine's tables to it)");
  Status s = Setup(**db);
  // (Db's errors name the file already.)
  if (!s.ok())
    return s.message().rfind(path + ": ", 0) == 0 ? s : s.WithPrefix(path);
  return std::unique_ptr<Store>(new Store(std::move(*db)));
}

Result<std::unique_ptr<Store>> Store::OpenForQuery(const std::string& path) {
  bool exists = false;
  PLANMINE_RETURN_IF_ERROR(CheckIsFile(path, &exists));
  if (!exists)
    return NotFound(
        path +
        ": no index here (run 'planmine ingest PATH' first, or pass --db)");
  auto db = Db::Open(path, /*create=*/false, /*read_only=*/true);
  if (!db.ok()) return db.status();
  auto contents = Inspect(**db);
  if (!contents.ok()) return contents.status();
  if (!contents->planmine)
    return InvalidArgument(
        path + (contents->objects == 0
                    ? ": not a planmine index: an empty database (run "
                      "'planmine ingest' first)"
                    : ": not a planmine index: a SQLite database without "
                      "planmine's tables (pass --db with a planmine index)"));
  if (contents->version > kSchemaVersion)
    return NewerSchema(path, contents->version);
  if (contents->version < kSchemaVersion) {
    const int version = contents->version;
    // Written by an older planmine: upgraded in place (Setup migrates), then
    // opened read-only again.
    db->reset();
    auto upgraded = Open(path);
    if (!upgraded.ok())
      return InvalidArgument(path + ": an index of schema " +
                             std::to_string(version) + " needs upgrading to " +
                             std::to_string(kSchemaVersion) +
                             ", which failed: " + upgraded.status().message());
    upgraded->reset();
    db = Db::Open(path, /*create=*/false, /*read_only=*/true);
    if (!db.ok()) return db.status();
  }
  return std::unique_ptr<Store>(new Store(std::move(*db)));
}

namespace {

constexpr const char* kStoredColumns =
    "SELECT id, sha256, status, versions, size, mtime, path, "
    "coalesce(corrections, '') FROM documents ";

StoredDocument ReadStored(const Stmt& s) {
  StoredDocument d;
  d.id = s.Int(0);
  d.sha256 = s.Text(1);
  d.status = s.Text(2);
  d.versions = s.Text(3);
  d.size = s.Int(4);
  d.mtime = s.Int(5);
  d.path = s.Text(6);
  d.corrections = s.Text(7);
  return d;
}

}  // namespace

Result<std::optional<StoredDocument>> Store::Find(const std::string& path) {
  auto s = db_->Prepare(std::string(kStoredColumns) + "WHERE path = ?");
  if (!s.ok()) return s.status();
  s->Bind(1, path);
  std::optional<StoredDocument> out;
  if (s->Step()) {
    out = ReadStored(*s);
    s->Reset();
  }
  if (!s->status().ok()) return s->status();
  return out;
}

Result<std::vector<StoredDocument>> Store::FindBySha256(
    const std::string& sha256) {
  auto s = db_->Prepare(std::string(kStoredColumns) +
                        "WHERE sha256 = ? ORDER BY id");
  if (!s.ok()) return s.status();
  s->Bind(1, sha256);
  std::vector<StoredDocument> out;
  while (s->Step()) out.push_back(ReadStored(*s));
  if (!s->status().ok()) return s->status();
  return out;
}

Status Store::Move(const std::string& from, const std::string& to,
                   uint64_t size, int64_t mtime) {
  Transaction tx(*db_);
  PLANMINE_RETURN_IF_ERROR(tx.status());
  auto s = db_->Prepare(
      "UPDATE documents SET path = ?, size = ?, mtime = ?, missing_since = "
      "NULL WHERE path = ?");
  if (!s.ok()) return s.status();
  PLANMINE_RETURN_IF_ERROR(s->Bind(1, to)
                               .Bind(2, static_cast<int64_t>(size))
                               .Bind(3, mtime)
                               .Bind(4, from)
                               .Run());
  // The corrections follow; one stated for the new path already wins.
  auto c = db_->Prepare(
      "UPDATE OR IGNORE corrections SET path = ?1 WHERE path = ?2");
  if (!c.ok()) return c.status();
  PLANMINE_RETURN_IF_ERROR(c->Bind(1, to).Bind(2, from).Run());
  auto d = db_->Prepare("DELETE FROM corrections WHERE path = ?");
  if (!d.ok()) return d.status();
  PLANMINE_RETURN_IF_ERROR(d->Bind(1, from).Run());
  return tx.Commit();
}

Status Store::Replace(const IndexedDocument& doc, int64_t run_id) {
  Transaction tx(*db_);
  PLANMINE_RETURN_IF_ERROR(tx.status());
  {
    auto del = db_->Prepare("DELETE FROM documents WHERE path = ?");
    if (!del.ok()) return del.status();
    PLANMINE_RETURN_IF_ERROR(del->Bind(1, doc.file.path).Run());
  }
  auto ins = db_->Prepare(
      "INSERT INTO documents(path, sha256, size, mtime, kind, status, error, "
      "title, title_source, author, subject,"
      " creator, producer, created, modified, page_count, language, "
      "language_confidence, country, country_source,"
      " year, year_source, doc_type, doc_type_source, versions, warnings, "
      "ingested_at, run_id, plan_cycle, plan_cycle_source, subnational, "
      "subnational_source, plan_ordinal, corrections)"
      " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
      "?,?,?)");
  if (!ins.ok()) return ins.status();
  Stmt& d = *ins;
  d.Bind(1, doc.file.path)
      .Bind(2, doc.sha256)
      .Bind(3, static_cast<int64_t>(doc.file.size))
      .Bind(4, doc.file.mtime);
  d.Bind(5, doc.file.kind == SourceKind::kPdf ? "pdf" : "text")
      .Bind(6, doc.status);
  BindOpt(d, 7, doc.error);
  BindOpt(d, 8, doc.title.value);
  BindOpt(d, 9, doc.title.source);
  BindOpt(d, 10, doc.info.author);
  BindOpt(d, 11, doc.info.subject);
  BindOpt(d, 12, doc.info.creator);
  BindOpt(d, 13, doc.info.producer);
  BindOpt(d, 14, doc.info.created);
  BindOpt(d, 15, doc.info.modified);
  d.Bind(16, doc.page_count)
      .Bind(17, doc.language.code)
      .Bind(18, doc.language.confidence);
  BindOpt(d, 19, doc.country.value);
  BindOpt(d, 20, doc.country.source);
  if (doc.year.value.empty())
    d.BindNull(21);
  else
    d.Bind(21, static_cast<int64_t>(std::stoll(doc.year.value)));
  BindOpt(d, 22, doc.year.source);
  BindOpt(d, 23, doc.doc_type.value);
  BindOpt(d, 24, doc.doc_type.source);
  d.Bind(25, doc.versions)
      .Bind(26, nlohmann::json(doc.warnings).dump())
      .Bind(27, NowIso())
      .Bind(28, run_id);
  BindOpt(d, 29, doc.plan_cycle.value);
  BindOpt(d, 30, doc.plan_cycle.source);
  BindOpt(d, 31, doc.subnational.value);
  BindOpt(d, 32, doc.subnational.source);
  BindOpt(d, 33, doc.plan_ordinal);
  BindOpt(d, 34, doc.corrections);
  PLANMINE_RETURN_IF_ERROR(d.Run());
  int64_t doc_id = db_->LastInsertId();

  auto page_ins = db_->Prepare(
      "INSERT INTO pages(doc_id, number, width, height, source, word_count, "
      "text, furniture, quality, ocr_confidence) VALUES (?,?,?,?,?,?,?,?,?,?)");
  auto block_ins = db_->Prepare(
      "INSERT INTO blocks(doc_id, page, seq, start, end, x0, y0, x1, y1, "
      "heading, language, language_confidence, region, row, col, bold, "
      "italic, underline, font_size, lead_emphasis_words)"
      " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!page_ins.ok()) return page_ins.status();
  if (!block_ins.ok()) return block_ins.status();
  for (const NormalizedPage& p : doc.text.pages) {
    page_ins->Bind(1, doc_id)
        .Bind(2, p.number)
        .Bind(3, p.width)
        .Bind(4, p.height);
    page_ins->Bind(5, TextSourceName(p.source))
        .Bind(6, p.word_count)
        .Bind(7, p.text);
    page_ins->Bind(8, nlohmann::json(p.furniture).dump()).Bind(9, p.quality);
    if (p.ocr_confidence < 0)
      page_ins->BindNull(10);
    else
      page_ins->Bind(10, p.ocr_confidence);
    PLANMINE_RETURN_IF_ERROR(page_ins->Run());
    for (size_t b = 0; b < p.blocks.size(); ++b) {
      const NormalizedBlock& nb = p.blocks[b];
      block_ins->Bind(1, doc_id)
          .Bind(2, p.number)
          .Bind(3, b)
          .Bind(4, nb.start)
          .Bind(5, nb.end);
      block_ins->Bind(6, nb.box.x0)
          .Bind(7, nb.box.y0)
          .Bind(8, nb.box.x1)
          .Bind(9, nb.box.y1);
      block_ins->Bind(10, nb.heading ? 1 : 0)
          .Bind(11, nb.language)
          .Bind(12, nb.language_confidence);
      block_ins->Bind(13, nb.region);
      if (nb.row < 0)
        block_ins->BindNull(14).BindNull(15);
      else
        block_ins->Bind(14, nb.row).Bind(15, nb.col);
      block_ins->Bind(16, nb.bold ? 1 : 0)
          .Bind(17, nb.italic ? 1 : 0)
          .Bind(18, nb.underline ? 1 : 0)
          .Bind(19, nb.font_size)
          .Bind(20, nb.lead_emphasis_words);
      PLANMINE_RETURN_IF_ERROR(block_ins->Run());
    }
  }
  auto field_ins = db_->Prepare(
      "INSERT INTO fields(doc_id, page, seq, key, value, x0, y0, x1, y1) "
      "VALUES (?,?,?,?,?,?,?,?,?)");
  if (!field_ins.ok()) return field_ins.status();
  for (const NormalizedPage& p : doc.text.pages) {
    for (size_t k = 0; k < p.fields.size(); ++k) {
      const Field& f = p.fields[k];
      field_ins->Bind(1, doc_id)
          .Bind(2, p.number)
          .Bind(3, k)
          .Bind(4, f.key)
          .Bind(5, f.value);
      field_ins->Bind(6, f.box.x0)
          .Bind(7, f.box.y0)
          .Bind(8, f.box.x1)
          .Bind(9, f.box.y1);
      PLANMINE_RETURN_IF_ERROR(field_ins->Run());
    }
  }
  // Sentence ids carry the length and weight that ranking reads
  // (fts_rank.h), after the highest sequence number in use.
  int64_t next_seq = 1;
  {
    auto top = db_->Prepare("SELECT coalesce(max(id), 0) FROM sentences");
    if (!top.ok()) return top.status();
    if (top->Step()) next_seq = SentenceSeq(top->Int(0)) + 1;
  }
  std::map<int, const NormalizedPage*> page_of;
  for (const NormalizedPage& p : doc.text.pages) page_of[p.number] = &p;
  // Many rows to a statement: each statement that inserts into `sentences`
  // opens a savepoint for its trigger, and FTS5 (SQLite 3.40) writes its
  // pending terms out as a new index segment at every savepoint, so one
  // row per statement wrote a segment per sentence for the merges to
  // undo (corpus-real-2: 0.61 s against 0.20 s of CPU for its sentences).
  constexpr size_t kRowsPerInsert = 500;  // 9 parameters a row
  std::vector<int64_t> sentence_ids;
  sentence_ids.reserve(doc.sentences.size());
  std::optional<Stmt> full;  // the statement of kRowsPerInsert rows
  for (size_t first = 0; first < doc.sentences.size();
       first += kRowsPerInsert) {
    const size_t rows = std::min(kRowsPerInsert, doc.sentences.size() - first);
    std::optional<Stmt> part;
    std::optional<Stmt>& stmt = rows == kRowsPerInsert ? full : part;
    if (!stmt) {
      std::string sql =
          "INSERT INTO sentences(id, doc_id, seq, page, block, start, end, "
          "language, text) VALUES ";
      for (size_t r = 0; r < rows; ++r)
        sql += r == 0 ? "(?,?,?,?,?,?,?,?,?)" : ",(?,?,?,?,?,?,?,?,?)";
      auto prepared = db_->Prepare(sql);
      if (!prepared.ok()) return prepared.status();
      stmt.emplace(std::move(*prepared));
    }
    for (size_t r = 0; r < rows; ++r) {
      const size_t i = first + r;
      const Sentence& s = doc.sentences[i];
      auto page = page_of.find(s.page);
      bool heading =
          page != page_of.end() && s.block >= 0 &&
          static_cast<size_t>(s.block) < page->second->blocks.size() &&
          page->second->blocks[s.block].heading;
      const int64_t id = SentenceId(
          next_seq++, SentenceWeightFor(s.text, heading, doc.title.value),
          CountWords(s.text));
      const int at = static_cast<int>(r * 9);
      stmt->Bind(at + 1, id).Bind(at + 2, doc_id).Bind(at + 3, i);
      stmt->Bind(at + 4, s.page).Bind(at + 5, s.block).Bind(at + 6, s.start);
      stmt->Bind(at + 7, s.end).Bind(at + 8, s.language).Bind(at + 9, s.text);
      sentence_ids.push_back(id);
    }
    PLANMINE_RETURN_IF_ERROR(stmt->Run());
  }
  {
    std::set<std::string> languages;
    for (const Sentence& s : doc.sentences)
      languages.insert(s.language.empty() ? "-" : s.language);
    std::string joined;
    for (const std::string& l : languages)
      joined += (joined.empty() ? "" : ",") + l;
    auto up = db_->Prepare(
        "UPDATE documents SET sentence_languages = ?, first_sentence_id = ?, "
        "last_sentence_id = ? WHERE id = ?");
    if (!up.ok()) return up.status();
    up->Bind(1, joined);
    if (sentence_ids.empty()) {
      up->BindNull(2).BindNull(3);
    } else {
      up->Bind(2, sentence_ids.front()).Bind(3, sentence_ids.back());
    }
    PLANMINE_RETURN_IF_ERROR(up->Bind(4, doc_id).Run());
  }
  PLANMINE_RETURN_IF_ERROR(InsertFindings(doc_id, doc.findings, sentence_ids));
  PLANMINE_RETURN_IF_ERROR(WriteMatches(doc_id, doc.matches));
  {
    // Corrections stated before the file was first read get its bytes.
    auto sha = db_->Prepare(
        "UPDATE corrections SET sha256 = ? WHERE path = ? AND sha256 IS NULL");
    if (!sha.ok()) return sha.status();
    PLANMINE_RETURN_IF_ERROR(
        sha->Bind(1, doc.sha256).Bind(2, doc.file.path).Run());
  }
  return tx.Commit();
}

Status Store::WriteMatches(int64_t doc_id, const MatchCache& matches) {
  {
    auto del = db_->Prepare("DELETE FROM sentence_matches WHERE doc_id = ?");
    if (!del.ok()) return del.status();
    PLANMINE_RETURN_IF_ERROR(del->Bind(1, doc_id).Run());
  }
  std::optional<int64_t> set_id;
  if (!matches.patterns.empty()) {
    std::vector<std::string> keys = matches.patterns;
    std::sort(keys.begin(), keys.end());
    std::string joined;
    for (const std::string& k : keys)
      (joined += joined.empty() ? "" : " ") += k;
    auto ins = db_->Prepare(
        "INSERT INTO pattern_sets(patterns) VALUES (?) ON CONFLICT(patterns) "
        "DO UPDATE SET patterns = excluded.patterns RETURNING id");
    if (!ins.ok()) return ins.status();
    ins->Bind(1, joined);
    if (!ins->Step()) {
      PLANMINE_RETURN_IF_ERROR(ins->status());
      return Internal("pattern_sets: no id returned");
    }
    set_id = ins->Int(0);
    ins->Reset();
  }
  {
    auto up = db_->Prepare("UPDATE documents SET pattern_set = ? WHERE id = ?");
    if (!up.ok()) return up.status();
    if (set_id)
      up->Bind(1, *set_id);
    else
      up->BindNull(1);
    PLANMINE_RETURN_IF_ERROR(up->Bind(2, doc_id).Run());
  }
  auto row = db_->Prepare(
      "INSERT INTO sentence_matches(doc_id, pattern, sentence, start, end, "
      "captures) VALUES (?,?,?,?,?,?)");
  if (!row.ok()) return row.status();
  for (const auto& [key, list] : matches.matches) {
    for (const SentenceMatch& m : list) {
      row->Bind(1, doc_id).Bind(2, key).Bind(3, m.sentence);
      row->Bind(4, static_cast<int64_t>(m.start))
          .Bind(5, static_cast<int64_t>(m.end));
      if (m.captures.empty())
        row->BindNull(6);
      else
        row->Bind(6, nlohmann::json(m.captures).dump());
      PLANMINE_RETURN_IF_ERROR(row->Run());
    }
  }
  return Status();
}

Status Store::InsertFindings(int64_t doc_id, const Findings& findings,
                             const std::vector<int64_t>& sentence_ids) {
  const Findings& f = findings;
  auto hit_ins = db_->Prepare(
      "INSERT INTO theme_hits(doc_id, sentence_id, theme_id, page, start, end, "
      "match, pattern_id) VALUES (?,?,?,?,?,?,?,?)");
  if (!hit_ins.ok()) return hit_ins.status();
  for (const ThemeHit& h : f.theme_hits) {
    hit_ins->Bind(1, doc_id)
        .Bind(2, sentence_ids[h.sentence])
        .Bind(3, h.theme)
        .Bind(4, h.page);
    hit_ins->Bind(5, h.start)
        .Bind(6, h.end)
        .Bind(7, h.text)
        .Bind(8, h.pattern_id);
    PLANMINE_RETURN_IF_ERROR(hit_ins->Run());
  }
  {
    auto counts = db_->Prepare(
        "INSERT INTO document_themes(doc_id, theme_id, mentions) SELECT "
        "doc_id, theme_id, count(*) FROM theme_hits WHERE doc_id = ? GROUP BY "
        "theme_id");
    if (!counts.ok()) return counts.status();
    PLANMINE_RETURN_IF_ERROR(counts->Bind(1, doc_id).Run());
  }
  auto com_ins = db_->Prepare(
      "INSERT INTO commitments(doc_id, seq, kind, number, title, first_page, "
      "last_page, first_sentence_id, last_sentence_id, text, pattern_id, "
      "lead_agency, lead_agency_source, other_actors, start_date, end_date, "
      "milestones, ogp_values, sections, completion, completion_text) VALUES "
      "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  auto ct_ins = db_->Prepare(
      "INSERT OR IGNORE INTO commitment_themes(commitment_id, theme_id, "
      "evidence, score) VALUES (?,?,?,?)");
  if (!com_ins.ok()) return com_ins.status();
  if (!ct_ins.ok()) return ct_ins.status();
  for (size_t i = 0; i < f.commitments.size(); ++i) {
    const Commitment& c = f.commitments[i];
    com_ins->Bind(1, doc_id).Bind(2, i).Bind(3, CommitmentKindName(c.kind));
    BindOpt(*com_ins, 4, c.number);
    com_ins->Bind(5, c.title).Bind(6, c.first_page).Bind(7, c.last_page);
    com_ins->Bind(8, sentence_ids[c.first_sentence])
        .Bind(9, sentence_ids[c.last_sentence]);
    com_ins->Bind(10, c.text).Bind(11, c.pattern_id);
    BindOpt(*com_ins, 12, c.lead_agency);
    BindOpt(*com_ins, 13, c.lead_agency_source);
    BindOpt(*com_ins, 14, c.other_actors);
    BindOpt(*com_ins, 15, c.start_date);
    BindOpt(*com_ins, 16, c.end_date);
    nlohmann::json ms = nlohmann::json::array();
    for (const Milestone& m : c.milestones)
      ms.push_back({{"text", m.text}, {"due", m.due}});
    BindOpt(*com_ins, 17, c.milestones.empty() ? "" : ms.dump());
    std::string values;
    for (const std::string& v : c.ogp_values)
      values += (values.empty() ? "" : ";") + v;
    BindOpt(*com_ins, 18, values);
    BindOpt(*com_ins, 19,
            c.sections.empty() ? "" : nlohmann::json(c.sections).dump());
    BindOpt(*com_ins, 20, c.completion);
    BindOpt(*com_ins, 21, c.completion_text);
    PLANMINE_RETURN_IF_ERROR(com_ins->Run());
    int64_t cid = db_->LastInsertId();
    for (const std::string& t : c.themes) {
      std::string evidence;
      int score = 0;
      for (const ThemeEvidence& e : c.theme_evidence)
        if (e.theme == t) evidence = e.text, score = e.score;
      ct_ins->Bind(1, cid).Bind(2, t);
      BindOpt(*ct_ins, 3, evidence);
      ct_ins->Bind(4, score);
      PLANMINE_RETURN_IF_ERROR(ct_ins->Run());
    }
  }
  auto ent_ins = db_->Prepare(
      "INSERT INTO entities(doc_id, sentence_id, page, type, value, text, "
      "start, end, pattern_id, detail) VALUES (?,?,?,?,?,?,?,?,?,?)");
  if (!ent_ins.ok()) return ent_ins.status();
  for (const Entity& e : f.entities) {
    ent_ins->Bind(1, doc_id)
        .Bind(2, sentence_ids[e.sentence])
        .Bind(3, e.page)
        .Bind(4, e.type)
        .Bind(5, e.value);
    ent_ins->Bind(6, e.text)
        .Bind(7, e.start)
        .Bind(8, e.end)
        .Bind(9, e.pattern_id);
    BindOpt(*ent_ins, 10, e.detail);
    PLANMINE_RETURN_IF_ERROR(ent_ins->Run());
  }
  auto st_ins = db_->Prepare(
      "INSERT INTO statements(doc_id, sentence_id, page, kind, text, "
      "pattern_id) VALUES (?,?,?,?,?,?)");
  if (!st_ins.ok()) return st_ins.status();
  for (const Statement& st : f.statements) {
    st_ins->Bind(1, doc_id)
        .Bind(2, sentence_ids[st.sentence])
        .Bind(3, st.page)
        .Bind(4, st.kind);
    st_ins->Bind(5, st.text).Bind(6, st.pattern_id);
    PLANMINE_RETURN_IF_ERROR(st_ins->Run());
  }
  return Status();
}

Result<StoredText> Store::LoadText(const std::string& path) {
  StoredText out;
  IndexedDocument& doc = out.doc;
  {
    auto d = db_->Prepare(
        "SELECT id, path, sha256, size, mtime, kind, status, error, title, "
        "title_source, author, subject, creator, producer, created, modified, "
        "page_count, language, language_confidence, warnings, (SELECT "
        "patterns FROM pattern_sets WHERE id = pattern_set), corrections "
        "FROM documents WHERE path = ?");
    if (!d.ok()) return d.status();
    d->Bind(1, path);
    if (!d->Step()) {
      PLANMINE_RETURN_IF_ERROR(d->status());
      return NotFound(path + ": not in the index");
    }
    out.doc_id = d->Int(0);
    doc.file.path = d->Text(1);
    doc.sha256 = doc.file.sha256 = d->Text(2);
    doc.file.size = static_cast<uint64_t>(d->Int(3));
    doc.file.mtime = d->Int(4);
    doc.file.kind = d->Text(5) == "pdf" ? SourceKind::kPdf : SourceKind::kText;
    doc.status = d->Text(6);
    doc.error = d->Text(7);
    // The title does not depend on the packs: kept as decided, unless a
    // correction set it (the corrections are applied again).
    const std::string title_source = d->Text(9);
    if (title_source != "manifest" && title_source.rfind("correction", 0) != 0)
      doc.title = {d->Text(8), title_source};
    doc.info.author = d->Text(10);
    doc.info.subject = d->Text(11);
    doc.info.creator = d->Text(12);
    doc.info.producer = d->Text(13);
    doc.info.created = d->Text(14);
    doc.info.modified = d->Text(15);
    doc.page_count = static_cast<int>(d->Int(16));
    doc.language.code = d->Text(17);
    doc.language.confidence = d->Real(18);
    doc.language.reliable = doc.language.confidence >= 0.5;
    auto w = nlohmann::json::parse(d->Text(19), nullptr, false);
    if (w.is_array())
      for (const auto& x : w)
        if (x.is_string()) doc.warnings.push_back(x.get<std::string>());
    doc.corrections = d->Text(21);
    const std::string set = d->Text(20);
    for (std::string_view keys = set; !keys.empty();) {
      size_t sp = keys.find(' ');
      doc.matches.patterns.emplace_back(keys.substr(0, sp));
      keys = sp == std::string_view::npos ? "" : keys.substr(sp + 1);
    }
    d->Reset();
  }
  if (!doc.matches.patterns.empty()) {
    auto m = db_->Prepare(
        "SELECT pattern, sentence, start, end, captures FROM "
        "sentence_matches WHERE doc_id = ?");
    if (!m.ok()) return m.status();
    m->Bind(1, out.doc_id);
    while (m->Step()) {
      SentenceMatch sm;
      sm.sentence = static_cast<int>(m->Int(1));
      sm.start = static_cast<size_t>(m->Int(2));
      sm.end = static_cast<size_t>(m->Int(3));
      if (!m->IsNull(4)) {
        auto c = nlohmann::json::parse(m->Text(4), nullptr, false);
        if (c.is_object())
          for (const auto& [k, v] : c.items())
            if (v.is_string()) sm.captures[k] = v.get<std::string>();
      }
      doc.matches.matches[m->Text(0)].push_back(std::move(sm));
    }
    PLANMINE_RETURN_IF_ERROR(m->status());
  }
  std::map<int, size_t> page_index;
  {
    auto p = db_->Prepare(
        "SELECT number, width, height, source, quality, ocr_confidence, "
        "word_count, text, furniture FROM pages WHERE doc_id = ? ORDER BY "
        "number");
    if (!p.ok()) return p.status();
    p->Bind(1, out.doc_id);
    while (p->Step()) {
      NormalizedPage pg;
      pg.number = static_cast<int>(p->Int(0));
      pg.width = p->Real(1);
      pg.height = p->Real(2);
      pg.source = TextSourceFromName(p->Text(3));
      pg.quality = p->Text(4);
      pg.ocr_confidence = p->IsNull(5) ? -1 : p->Real(5);
      pg.word_count = static_cast<int>(p->Int(6));
      pg.text = p->Text(7);
      auto f = nlohmann::json::parse(p->Text(8), nullptr, false);
      if (f.is_array())
        for (const auto& x : f)
          if (x.is_string()) pg.furniture.push_back(x.get<std::string>());
      page_index[pg.number] = doc.text.pages.size();
      doc.text.pages.push_back(std::move(pg));
    }
    PLANMINE_RETURN_IF_ERROR(p->status());
  }
  {
    auto b = db_->Prepare(
        "SELECT page, start, end, x0, y0, x1, y1, heading, language, "
        "language_confidence, region, row, col, bold, italic, underline, "
        "font_size, lead_emphasis_words FROM blocks WHERE doc_id = ? ORDER "
        "BY page, seq");
    if (!b.ok()) return b.status();
    b->Bind(1, out.doc_id);
    while (b->Step()) {
      auto it = page_index.find(static_cast<int>(b->Int(0)));
      if (it == page_index.end()) continue;
      NormalizedBlock nb;
      nb.start = static_cast<size_t>(b->Int(1));
      nb.end = static_cast<size_t>(b->Int(2));
      nb.box = {b->Real(3), b->Real(4), b->Real(5), b->Real(6)};
      nb.heading = b->Int(7) != 0;
      nb.language = b->Text(8);
      nb.language_confidence = b->Real(9);
      if (!b->IsNull(10)) nb.region = b->Text(10);
      nb.row = b->IsNull(11) ? -1 : static_cast<int>(b->Int(11));
      nb.col = b->IsNull(12) ? -1 : static_cast<int>(b->Int(12));
      nb.bold = b->Int(13) != 0;
      nb.italic = b->Int(14) != 0;
      nb.underline = b->Int(15) != 0;
      nb.font_size = b->Real(16);
      nb.lead_emphasis_words = static_cast<int>(b->Int(17));
      doc.text.pages[it->second].blocks.push_back(nb);
    }
    PLANMINE_RETURN_IF_ERROR(b->status());
  }
  {
    auto f = db_->Prepare(
        "SELECT page, key, value, x0, y0, x1, y1 FROM fields WHERE doc_id = ? "
        "ORDER BY page, seq");
    if (!f.ok()) return f.status();
    f->Bind(1, out.doc_id);
    while (f->Step()) {
      auto it = page_index.find(static_cast<int>(f->Int(0)));
      if (it == page_index.end()) continue;
      Field fd;
      fd.key = f->Text(1);
      fd.value = f->Text(2);
      fd.box = {f->Real(3), f->Real(4), f->Real(5), f->Real(6)};
      doc.text.pages[it->second].fields.push_back(fd);
    }
    PLANMINE_RETURN_IF_ERROR(f->status());
  }
  {
    auto s = db_->Prepare(
        "SELECT id, page, block, start, end, language, text FROM sentences "
        "WHERE doc_id = ? ORDER BY seq");
    if (!s.ok()) return s.status();
    s->Bind(1, out.doc_id);
    while (s->Step()) {
      out.sentence_ids.push_back(s->Int(0));
      Sentence x;
      x.page = static_cast<int>(s->Int(1));
      x.block = static_cast<int>(s->Int(2));
      x.start = static_cast<size_t>(s->Int(3));
      x.end = static_cast<size_t>(s->Int(4));
      x.language = s->Text(5);
      x.text = s->Text(6);
      doc.sentences.push_back(std::move(x));
    }
    PLANMINE_RETURN_IF_ERROR(s->status());
  }
  return out;
}

Status Store::ReplaceFindings(const StoredText& stored,
                              const IndexedDocument& doc, int64_t run_id) {
  Transaction tx(*db_);
  PLANMINE_RETURN_IF_ERROR(tx.status());
  const int64_t id = stored.doc_id;
  for (const char* table : {"theme_hits", "document_themes", "commitments",
                            "entities", "statements"}) {
    auto del =
        db_->Prepare(std::string("DELETE FROM ") + table + " WHERE doc_id = ?");
    if (!del.ok()) return del.status();
    PLANMINE_RETURN_IF_ERROR(del->Bind(1, id).Run());
  }
  auto up = db_->Prepare(
      "UPDATE documents SET title = ?, title_source = ?, country = ?, "
      "country_source = ?, year = ?, year_source = ?, doc_type = ?, "
      "doc_type_source = ?, plan_cycle = ?, plan_cycle_source = ?, "
      "subnational = ?, subnational_source = ?, plan_ordinal = ?, versions = "
      "?, ingested_at = ?, run_id = ?, missing_since = NULL, language = ?, "
      "language_confidence = ?, warnings = ?, corrections = ? WHERE id = ?");
  if (!up.ok()) return up.status();
  Stmt& u = *up;
  BindOpt(u, 1, doc.title.value);
  BindOpt(u, 2, doc.title.source);
  BindOpt(u, 3, doc.country.value);
  BindOpt(u, 4, doc.country.source);
  if (doc.year.value.empty())
    u.BindNull(5);
  else
    u.Bind(5, static_cast<int64_t>(std::stoll(doc.year.value)));
  BindOpt(u, 6, doc.year.source);
  BindOpt(u, 7, doc.doc_type.value);
  BindOpt(u, 8, doc.doc_type.source);
  BindOpt(u, 9, doc.plan_cycle.value);
  BindOpt(u, 10, doc.plan_cycle.source);
  BindOpt(u, 11, doc.subnational.value);
  BindOpt(u, 12, doc.subnational.source);
  BindOpt(u, 13, doc.plan_ordinal);
  u.Bind(14, doc.versions).Bind(15, NowIso()).Bind(16, run_id);
  u.Bind(17, doc.language.code)
      .Bind(18, doc.language.confidence)
      .Bind(19, nlohmann::json(doc.warnings).dump());
  BindOpt(u, 20, doc.corrections);
  u.Bind(21, id);
  PLANMINE_RETURN_IF_ERROR(u.Run());
  PLANMINE_RETURN_IF_ERROR(
      InsertFindings(id, doc.findings, stored.sentence_ids));
  PLANMINE_RETURN_IF_ERROR(WriteMatches(id, doc.matches));
  return tx.Commit();
}

Status Store::RecordFailure(const SourceFile& file, const std::string& sha256,
                            const std::string& stage, const Status& why,
                            int64_t run_id) {
  Transaction tx(*db_);
  PLANMINE_RETURN_IF_ERROR(tx.status());
  PLANMINE_RETURN_IF_ERROR(
      LogError(run_id, file.path, sha256, stage, why.message()));
  // Keep an earlier good version's rows; otherwise record a failed document.
  auto existing = Find(file.path);
  if (!existing.ok()) return existing.status();
  if (existing->has_value() && (*existing)->status == "ok") {
    auto up = db_->Prepare("UPDATE documents SET error = ? WHERE id = ?");
    if (!up.ok()) return up.status();
    PLANMINE_RETURN_IF_ERROR(up->Bind(1, "last ingest failed: " + why.message())
                                 .Bind(2, (*existing)->id)
                                 .Run());
  } else {
    auto del = db_->Prepare("DELETE FROM documents WHERE path = ?");
    if (!del.ok()) return del.status();
    PLANMINE_RETURN_IF_ERROR(del->Bind(1, file.path).Run());
    auto ins = db_->Prepare(
        "INSERT INTO documents(path, sha256, size, mtime, kind, status, error, "
        "ingested_at, run_id)"
        " VALUES (?,?,?,?,?,'failed',?,?,?)");
    if (!ins.ok()) return ins.status();
    ins->Bind(1, file.path)
        .Bind(2, sha256)
        .Bind(3, static_cast<int64_t>(file.size))
        .Bind(4, file.mtime);
    ins->Bind(5, file.kind == SourceKind::kPdf ? "pdf" : "text")
        .Bind(6, why.message())
        .Bind(7, NowIso())
        .Bind(8, run_id);
    PLANMINE_RETURN_IF_ERROR(ins->Run());
  }
  return tx.Commit();
}

Result<int> Store::ResolvePlanCycles() {
  // A document that names its cycle by the plan's number only ("IV Plan de
  // Acción") gets the years of its country's action plan of that number
  // (the plan that names both: "IV Plan de Acción 2020-2022"), with source
  // "ordinal"; if that plan goes, it gets its number back. When no action
  // plan of that number names its years, the years that most documents of
  // that country and number name in their own title or text (a
  // self-assessment of the "second National Action Plan 2013-2015") are
  // taken, plans included. Corrections and years in the document's own
  // title or text are never overridden.
  const std::string same_plan =
      "p.country = documents.country AND coalesce(p.subnational, '') = "
      "coalesce(documents.subnational, '') AND p.plan_ordinal = "
      "documents.plan_ordinal AND p.plan_cycle GLOB "
      "'[12][0-9][0-9][0-9]-[12][0-9][0-9][0-9]' AND p.plan_cycle_source "
      "<> 'ordinal' AND p.status = 'ok'";
  const std::string plan =
      "coalesce((SELECT p.plan_cycle FROM documents p WHERE " + same_plan +
      " AND p.doc_type = 'action_plan' ORDER BY p.id LIMIT 1), (SELECT "
      "p.plan_cycle FROM documents p WHERE " +
      same_plan +
      " GROUP BY p.plan_cycle ORDER BY count(*) DESC, min(p.id) LIMIT 1))";
  Transaction tx(*db_);
  PLANMINE_RETURN_IF_ERROR(tx.status());
  PLANMINE_RETURN_IF_ERROR(db_->Exec(
      "UPDATE documents SET plan_cycle = " + plan +
      ", plan_cycle_source = 'ordinal' WHERE plan_ordinal IS NOT NULL AND "
      "(plan_cycle IS NULL OR plan_cycle = plan_ordinal OR plan_cycle_source "
      "= 'ordinal') AND coalesce(plan_cycle_source, '') NOT IN ('manifest', "
      "'title') AND coalesce(plan_cycle_source, '') NOT LIKE 'correction%' "
      "AND " +
      plan + " IS NOT NULL AND plan_cycle IS NOT " + plan + ";"));
  int changed = db_->Changes();
  PLANMINE_RETURN_IF_ERROR(db_->Exec(
      "UPDATE documents SET plan_cycle = plan_ordinal, plan_cycle_source = "
      "'text' WHERE plan_cycle_source = 'ordinal' AND " +
      plan + " IS NULL;"));
  changed += db_->Changes();
  PLANMINE_RETURN_IF_ERROR(tx.Commit());
  return changed;
}

Status Store::MarkPresent(const std::string& path) {
  auto s = db_->Prepare(
      "UPDATE documents SET missing_since = NULL WHERE path = ? AND "
      "missing_since IS NOT NULL");
  if (!s.ok()) return s.status();
  return s->Bind(1, path).Run();
}

Status Store::Touch(const std::string& path, uint64_t size, int64_t mtime) {
  auto s = db_->Prepare(
      "UPDATE documents SET size = ?, mtime = ?, missing_since = NULL WHERE "
      "path = ?");
  if (!s.ok()) return s.status();
  return s->Bind(1, static_cast<int64_t>(size))
      .Bind(2, mtime)
      .Bind(3, path)
      .Run();
}

Result<int> Store::MarkMissingUnder(const std::string& root,
                                    const std::set<std::string>& seen,
                                    bool prune,
                                    const std::vector<std::string>& unread) {
  std::string prefix = root;
  while (prefix.size() > 1 && prefix.back() == '/') prefix.pop_back();
  prefix += '/';
  // Rows of an index made before paths were resolved are relative ("in/a.pdf"):
  // they lie under `root` when they resolve there (from the current folder).
  auto q = db_->Prepare(
      "SELECT path, missing_since FROM documents WHERE substr(path, 1, "
      "length(?1)) = ?1 OR substr(path, 1, 1) <> '/'");
  if (!q.ok()) return q.status();
  q->Bind(1, prefix);
  auto under = [&](const std::string& p) {
    if (p.compare(0, prefix.size(), prefix) == 0) return true;
    std::error_code ec;
    std::string r = std::filesystem::weakly_canonical(p, ec).string();
    return !ec && r.compare(0, prefix.size(), prefix) == 0;
  };
  std::vector<std::pair<std::string, bool>> gone;
  auto unknown = [&](const std::string& p) {
    for (std::string u : unread) {
      while (u.size() > 1 && u.back() == '/') u.pop_back();
      if (p == u || (p.size() > u.size() && p.compare(0, u.size(), u) == 0 &&
                     p[u.size()] == '/'))
        return true;
    }
    return false;
  };
  while (q->Step()) {
    std::string p = q->Text(0);
    if (under(p) && !seen.count(p) && !unknown(p))
      gone.push_back({p, !q->IsNull(1)});
  }
  if (!q->status().ok()) return q->status();
  auto mark =
      db_->Prepare("UPDATE documents SET missing_since = ? WHERE path = ?");
  auto del = db_->Prepare("DELETE FROM documents WHERE path = ?");
  auto del_corrections = db_->Prepare("DELETE FROM corrections WHERE path = ?");
  if (!mark.ok()) return mark.status();
  if (!del.ok()) return del.status();
  if (!del_corrections.ok()) return del_corrections.status();
  for (const auto& [p, already] : gone) {
    if (prune) {
      PLANMINE_RETURN_IF_ERROR(del->Bind(1, p).Run());
      PLANMINE_RETURN_IF_ERROR(del_corrections->Bind(1, p).Run());
    } else if (!already) {
      PLANMINE_RETURN_IF_ERROR(mark->Bind(1, NowIso()).Bind(2, p).Run());
    }
  }
  return static_cast<int>(gone.size());
}

Result<Corrections> Store::CorrectionsFor(const std::string& path) {
  auto q = db_->Prepare(
      "SELECT key, value, source, set_at FROM corrections WHERE path = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, path);
  Corrections out;
  while (q->Step()) {
    auto key = ParseCorrectionKey(q->Text(0));
    if (!key) continue;  // a key a newer planmine wrote
    out.push_back({*key, q->Text(1), q->Text(2), q->Text(3)});
  }
  PLANMINE_RETURN_IF_ERROR(q->status());
  std::sort(
      out.begin(), out.end(),
      [](const Correction& a, const Correction& b) { return a.key < b.key; });
  return out;
}

Result<bool> Store::StoreCorrections(const std::string& path,
                                     const std::string& sha256,
                                     const Corrections& corrections) {
  if (corrections.empty()) return false;
  Transaction tx(*db_);
  PLANMINE_RETURN_IF_ERROR(tx.status());
  auto up = db_->Prepare(
      "INSERT INTO corrections(path, sha256, key, value, source, set_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(path, key) DO UPDATE SET "
      "sha256 = excluded.sha256, value = excluded.value, source = "
      "excluded.source, set_at = excluded.set_at WHERE value IS NOT "
      "excluded.value");
  if (!up.ok()) return up.status();
  bool changed = false;
  const std::string now = NowIso();
  for (const Correction& c : corrections) {
    up->Bind(1, path);
    BindOpt(*up, 2, sha256);
    up->Bind(3, std::string(CorrectionKeyName(c.key)))
        .Bind(4, c.value)
        .Bind(5, c.source)
        .Bind(6, c.set_at.empty() ? now : c.set_at);
    PLANMINE_RETURN_IF_ERROR(up->Run());
    changed |= db_->Changes() > 0;
  }
  PLANMINE_RETURN_IF_ERROR(tx.Commit());
  return changed;
}

Result<bool> Store::ClearCorrection(const std::string& path,
                                    CorrectionKey key) {
  auto del = db_->Prepare("DELETE FROM corrections WHERE path = ? AND key = ?");
  if (!del.ok()) return del.status();
  PLANMINE_RETURN_IF_ERROR(
      del->Bind(1, path).Bind(2, std::string(CorrectionKeyName(key))).Run());
  return db_->Changes() > 0;
}

Result<std::vector<StoredDocument>> Store::FindByFileName(
    const std::string& name) {
  auto s = db_->Prepare(std::string(kStoredColumns) +
                        "WHERE path = ?1 OR substr(path, -length(?1) - 1) = "
                        "'/' || ?1 ORDER BY id");
  if (!s.ok()) return s.status();
  s->Bind(1, name);
  std::vector<StoredDocument> out;
  while (s->Step()) out.push_back(ReadStored(*s));
  if (!s->status().ok()) return s->status();
  return out;
}

Status Store::LogError(int64_t run_id, const std::string& path,
                       const std::string& sha256, const std::string& stage,
                       const std::string& reason) {
  auto err = db_->Prepare(
      "INSERT INTO ingest_errors(run_id, path, sha256, stage, reason, at) "
      "VALUES (?,?,?,?,?,?)");
  if (!err.ok()) return err.status();
  err->Bind(1, run_id).Bind(2, path);
  BindOpt(*err, 3, sha256);
  err->Bind(4, stage).Bind(5, reason).Bind(6, NowIso());
  return err->Run();
}

Result<int64_t> Store::BeginRun(const std::string& command) {
  // The caller holds the ingest lock: a run still 'running' belongs to a
  // process that ended without closing it (SIGKILL, power loss).
  auto stale = db_->Prepare(
      "UPDATE ingest_runs SET status = 'aborted: process ended without "
      "closing the run', finished_at = coalesce(finished_at, ?) WHERE status "
      "= 'running'");
  if (!stale.ok()) return stale.status();
  PLANMINE_RETURN_IF_ERROR(stale->Bind(1, NowIso()).Run());
  auto s = db_->Prepare(
      "INSERT INTO ingest_runs(started_at, command, status) VALUES (?, ?, "
      "'running')");
  if (!s.ok()) return s.status();
  Status st = s->Bind(1, NowIso()).Bind(2, command).Run();
  if (!st.ok()) return st;
  return db_->LastInsertId();
}

Status Store::DropUnusedPatternSets() {
  return db_->Exec(
      "DELETE FROM pattern_sets WHERE id NOT IN (SELECT pattern_set FROM "
      "documents WHERE pattern_set IS NOT NULL);");
}

Status Store::EndRun(int64_t run_id, const RunCounts& c, double seconds,
                     const std::string& status) {
  auto s = db_->Prepare(
      "UPDATE ingest_runs SET finished_at = ?, files_seen = ?, ingested = ?, "
      "unchanged = ?, failed = ?,"
      " seconds = ?, status = ?, stage_seconds = ?, corrected = ? WHERE id = "
      "?");
  if (!s.ok()) return s.status();
  s->Bind(1, NowIso())
      .Bind(2, c.files_seen)
      .Bind(3, c.ingested)
      .Bind(4, c.unchanged)
      .Bind(5, c.failed)
      .Bind(6, seconds)
      .Bind(7, status)
      .Bind(9, c.corrected)
      .Bind(10, run_id);
  // A run that timed nothing (planmine set) leaves status's time per stage
  // to the last run that did.
  if (c.stage_seconds.empty())
    s->BindNull(8);
  else
    s->Bind(8, nlohmann::json(c.stage_seconds).dump());
  return s->Run();
}

Status Store::SyncThemes(const std::vector<Theme>& themes) {
  Transaction tx(*db_);
  PLANMINE_RETURN_IF_ERROR(tx.status());
  PLANMINE_RETURN_IF_ERROR(db_->Exec("DELETE FROM themes;"));
  auto s = db_->Prepare(
      "INSERT INTO themes(id, label_en, label_es, label_pt) VALUES (?,?,?,?)");
  if (!s.ok()) return s.status();
  for (const Theme& t : themes)
    PLANMINE_RETURN_IF_ERROR(s->Bind(1, t.id)
                                 .Bind(2, t.label_en)
                                 .Bind(3, t.label_es)
                                 .Bind(4, t.label_pt)
                                 .Run());
  return tx.Commit();
}

Status Store::SyncPacks(const std::vector<PatternPack>& packs) {
  Transaction tx(*db_);
  PLANMINE_RETURN_IF_ERROR(tx.status());
  PLANMINE_RETURN_IF_ERROR(db_->Exec("DELETE FROM pattern_packs;"));
  auto s = db_->Prepare(
      "INSERT INTO pattern_packs(name, language, version, sha256) VALUES "
      "(?,?,?,?)");
  if (!s.ok()) return s.status();
  for (const PatternPack& p : packs)
    PLANMINE_RETURN_IF_ERROR(s->Bind(1, p.name)
                                 .Bind(2, p.language)
                                 .Bind(3, p.version)
                                 .Bind(4, p.sha256)
                                 .Run());
  return tx.Commit();
}

}  // namespace planmine
