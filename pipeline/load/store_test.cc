#include "pipeline/load/store.h"

#include "pipeline/load/fts_rank.h"
#include "pipeline/load/schema.h"
#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine {
namespace {

IndexedDocument Doc(const std::string& path, const std::string& sha,
                    const std::vector<std::string>& sentences) {
  IndexedDocument d;
  d.file.path = path;
  d.file.size = 10;
  d.sha256 = sha;
  d.page_count = 1;
  d.language = {"es", 0.9, true};
  d.country = {"CO", "manifest"};
  d.year = {"2020", "manifest"};
  NormalizedPage p;
  p.number = 1;
  p.source = TextSource::kTextLayer;
  for (const auto& s : sentences) {
    Sentence x;
    x.page = 1;
    x.start = p.text.size();
    p.text += s;
    x.end = p.text.size();
    x.text = s;
    x.language = "es";
    p.text += " ";
    d.sentences.push_back(x);
  }
  d.text.pages.push_back(p);
  d.findings.theme_hits.push_back(
      {"citizen_participation", "citizen_participation.p", 0, 1, 0, 5, "x"});
  Commitment c;
  c.kind = CommitmentKind::kHeading;
  c.number = "1";
  c.title = "Uno";
  c.first_page = c.last_page = 1;
  c.themes = {"open_data"};
  d.findings.commitments.push_back(c);
  return d;
}

int64_t Count(Db& db, const std::string& table) {
  auto s = db.Prepare("SELECT count(*) FROM " + table);
  REQUIRE(s.ok());
  REQUIRE(s->Step());
  int64_t n = s->Int(0);
  s->Reset();
  return n;
}

int64_t Matches(Db& db, const std::string& q) {
  auto s = db.Prepare(
      "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH ?");
  REQUIRE(s.ok());
  s->Bind(1, q);
  REQUIRE(s->Step());
  int64_t n = s->Int(0);
  s->Reset();
  return n;
}

}  // namespace

TEST_CASE("Store: replace is atomic and idempotent, FTS follows, accents fold",
          "[load]") {
  testing::TempDir dir;
  auto store = Store::Open(dir.File("i.sqlite"));
  REQUIRE(store.ok());
  Store& st = **store;
  REQUIRE(st.Replace(Doc("/a.pdf", "h1",
                         {"La participación ciudadana crece.", "Otra frase."}),
                     1)
              .ok());
  REQUIRE(st.Replace(Doc("/a.pdf", "h1",
                         {"La participación ciudadana crece.", "Otra frase."}),
                     1)
              .ok());
  CHECK(Count(st.db(), "documents") == 1);
  CHECK(Count(st.db(), "sentences") == 2);
  CHECK(Count(st.db(), "theme_hits") == 1);
  CHECK(Count(st.db(), "commitment_themes") == 1);
  CHECK(Matches(st.db(), "participacion") == 1);
  CHECK(Matches(st.db(), "PARTICIPACIÓN") == 1);
  // A changed file replaces its rows, FTS included.
  REQUIRE(
      st.Replace(Doc("/a.pdf", "h2", {"Texto nuevo sin aquello."}), 2).ok());
  CHECK(Count(st.db(), "sentences") == 1);
  CHECK(Matches(st.db(), "participacion") == 0);
  CHECK(Matches(st.db(), "nuevo") == 1);
  // The tiers follow too: a short body sentence is in tier 3.
  CHECK(Count(st.db(), "sentences_tier3_docsize") == 1);
  // The languages of its sentences, for language filters (hit_filter.h).
  {
    IndexedDocument mixed = Doc("/b.pdf", "h3", {"Uno.", "Two.", "Três."});
    mixed.sentences[1].language = "en";
    mixed.sentences[2].language = "";
    REQUIRE(st.Replace(mixed, 3).ok());
    auto l = st.db().Prepare(
        "SELECT sentence_languages FROM documents ORDER BY path");
    REQUIRE(l.ok());
    REQUIRE(l->Step());
    CHECK(l->Text(0) == "es");
    REQUIRE(l->Step());
    CHECK(l->Text(0) == "-,en,es");
    // Its first and last sentence ids (consecutive: hit_filter.h).
    auto r = st.db().Prepare(
        "SELECT d.first_sentence_id = min(s.id), d.last_sentence_id = "
        "max(s.id), (max(s.id) >> 10) - (min(s.id) >> 10) FROM documents d "
        "JOIN sentences s "
        "ON s.doc_id = d.id WHERE d.path = '/b.pdf'");
    REQUIRE(r.ok());
    REQUIRE(r->Step());
    CHECK(r->Int(0) == 1);
    CHECK(r->Int(1) == 1);
    CHECK(r->Int(2) == 2);  // three sentences
  }
  auto found = st.Find("/a.pdf");
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  CHECK((*found)->sha256 == "h2");
}

TEST_CASE("Store: a failure keeps an earlier good version and is logged",
          "[load]") {
  testing::TempDir dir;
  auto store = Store::Open(dir.File("i.sqlite"));
  REQUIRE(store.ok());
  Store& st = **store;
  REQUIRE(st.Replace(Doc("/a.pdf", "h1", {"Una frase."}), 1).ok());
  auto run = st.BeginRun("test");
  REQUIRE(run.ok());
  SourceFile f;
  f.path = "/a.pdf";
  REQUIRE(st.RecordFailure(f, "h2", "extract", DataLoss("/a.pdf: damaged PDF"),
                           *run)
              .ok());
  CHECK(Count(st.db(), "sentences") == 1);
  CHECK(Count(st.db(), "ingest_errors") == 1);
  f.path = "/b.pdf";
  REQUIRE(
      st.RecordFailure(f, "h3", "extract", DataLoss("/b.pdf: empty file"), *run)
          .ok());
  auto s = st.db().Prepare(
      "SELECT status, error FROM documents WHERE path = '/b.pdf'");
  REQUIRE(s.ok());
  REQUIRE(s->Step());
  CHECK(s->Text(0) == "failed");
  CHECK(s->Text(1) == "/b.pdf: empty file");
  s->Reset();
}

TEST_CASE("Store: opening something that is not an index says so", "[load]") {
  testing::TempDir dir;
  testing::WriteFile(dir.File("x.sqlite"),
                     "not a database at all, just text that is long enough to "
                     "be a header....");
  auto s = Store::Open(dir.File("x.sqlite"));
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().message().find(dir.File("x.sqlite")) == 0);
}

TEST_CASE("Store: an index from schema 1 is migrated on open", "[load]") {
  testing::TempDir dir;
  std::string path = dir.File("old.sqlite");
  {
    auto db = Db::Open(path, true);
    REQUIRE(db.ok());
    REQUIRE(
        (*db)
            ->Exec(
                "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                "INSERT INTO meta VALUES ('schema_version', '1');"
                "CREATE TABLE documents(id INTEGER PRIMARY KEY, path TEXT NOT "
                "NULL UNIQUE, sha256 TEXT NOT NULL,"
                " size INTEGER NOT NULL, mtime INTEGER NOT NULL, kind TEXT NOT "
                "NULL, status TEXT NOT NULL,"
                " error TEXT, title TEXT, title_source TEXT, author TEXT, "
                "subject TEXT, creator TEXT,"
                " producer TEXT, created TEXT, modified TEXT, page_count "
                "INTEGER, language TEXT,"
                " language_confidence REAL, country TEXT, country_source TEXT, "
                "year INTEGER, year_source TEXT,"
                " doc_type TEXT, doc_type_source TEXT, versions TEXT, warnings "
                "TEXT, ingested_at TEXT NOT NULL,"
                " run_id INTEGER);")
            .ok());
  }
  auto store = Store::Open(path);
  REQUIRE(store.ok());
  auto s = (*store)->db().Prepare(
      "SELECT value FROM meta WHERE key = 'schema_version'");
  REQUIRE(s.ok());
  REQUIRE(s->Step());
  CHECK(s->Text(0) == std::to_string(kSchemaVersion));
  // Columns added since schema 1 are there.
  CHECK((*store)
            ->db()
            .Exec("SELECT plan_cycle, subnational FROM documents; "
                  "SELECT lead_agency, end_date, completion FROM "
                  "commitments; SELECT detail FROM entities; "
                  "SELECT kind FROM statements; SELECT corrections FROM "
                  "documents; SELECT corrected FROM ingest_runs; SELECT "
                  "path, sha256, key, value, source, set_at FROM "
                  "corrections;")
            .ok());
  s->Reset();
  CHECK((*store)->MarkMissingUnder("/nowhere", {}, false).ok());
}

TEST_CASE(
    "Store: an index from schema 4 gets sentence ids with length and weight, "
    "and a language-tagged index, nothing is lost",
    "[load]") {
  testing::TempDir dir;
  std::string path = dir.File("v4.sqlite");
  {
    // A schema-5 index taken back to schema 4: small sentence ids, the
    // unmarked full-text index and its triggers.
    auto store = Store::Open(path);
    REQUIRE(store.ok());
    Db& db = (*store)->db();
    REQUIRE(
        db.Exec("DROP TRIGGER sentences_ai; DROP TRIGGER sentences_ad;"
                "DROP TABLE sentences_fts; DROP VIEW sentences_fts_content;"
                "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, "
                "content='sentences', content_rowid='id', "
                "tokenize='planmine');"
                "CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN "
                "INSERT INTO sentences_fts(rowid, text) VALUES (new.id, "
                "new.text); END;"
                "UPDATE meta SET value = '4' WHERE key = 'schema_version';")
            .ok());
    REQUIRE(
        db.Exec("INSERT INTO documents(id, path, sha256, size, mtime, kind, "
                "status, title, ingested_at) VALUES (7, '/p.pdf', 'h', 1, "
                "1, 'pdf', 'ok', 'Plan de Acción 2015-2017', 'now');"
                "INSERT INTO blocks(doc_id, page, seq, start, end, heading) "
                "VALUES (7, 1, 0, 0, 9, 0), (7, 1, 1, 10, 20, 1);"
                "INSERT INTO sentences(id, doc_id, seq, page, block, start, "
                "end, language, text) VALUES "
                "(1, 7, 0, 1, 0, 0, 9, 'es', 'Plan de Acción 2015-2017'),"
                "(2, 7, 1, 1, 1, 10, 20, 'es', 'Transparencia'),"
                "(3, 7, 2, 1, 0, 21, 40, 'pt', 'A informação pública.');"
                "INSERT INTO theme_hits(doc_id, sentence_id, theme_id, page, "
                "start, end, match, pattern_id) VALUES (7, 2, "
                "'open_data', 1, 0, 5, 'x', 'p'), (7, 3, 'open_data', 1, 0, "
                "5, 'y', 'p');"
                "INSERT INTO commitments(id, doc_id, seq, kind, title, "
                "first_page, last_page, first_sentence_id, "
                "last_sentence_id, text, pattern_id) VALUES (1, 7, 0, "
                "'heading', 'T', 1, 1, 2, 3, '', 'p');")
            .ok());
  }
  auto store = Store::Open(path);
  REQUIRE(store.ok());
  Db& db = (*store)->db();
  auto ids = db.Prepare("SELECT id, text FROM sentences ORDER BY id");
  REQUIRE(ids.ok());
  std::vector<int64_t> got;
  while (ids->Step()) got.push_back(ids->Int(0));
  REQUIRE(got.size() == 3);
  CHECK(got[0] == SentenceId(1, kTitle, 5));
  CHECK(got[1] == SentenceId(2, kHeading, 1));
  CHECK(got[2] == SentenceId(3, kBodyText, 3));
  // The rows that point at sentences follow them.
  auto hits = db.Prepare(
      "SELECT count(*) FROM theme_hits h JOIN sentences s ON s.id = "
      "h.sentence_id");
  REQUIRE(hits.ok());
  REQUIRE(hits->Step());
  CHECK(hits->Int(0) == 2);
  hits->Reset();
  auto com =
      db.Prepare("SELECT first_sentence_id, last_sentence_id FROM commitments");
  REQUIRE(com.ok());
  REQUIRE(com->Step());
  CHECK(com->Int(0) == got[1]);
  CHECK(com->Int(1) == got[2]);
  com->Reset();
  auto fk = db.Prepare("PRAGMA foreign_key_check");
  REQUIRE(fk.ok());
  CHECK_FALSE(fk->Step());
  // The index is rebuilt with each sentence's language, and passes FTS5's
  // own check.
  CHECK(db.Exec("INSERT INTO sentences_fts(sentences_fts) "
                "VALUES('integrity-check');")
            .ok());
  CHECK(Matches(db, "informacao") == 1);
  CHECK(Matches(db, "transparencia") == 1);
  auto pt = db.Prepare(
      "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
      "'\"\x01es:inform\"'");
  REQUIRE(pt.ok());
  REQUIRE(pt->Step());
  CHECK(pt->Int(0) == 0);  // Portuguese text has no Spanish stems
  pt->Reset();
}

TEST_CASE(
    "Store: a cycle named by number gets the years of the plan of that "
    "number, and loses them with it",
    "[load]") {
  testing::TempDir dir;
  auto store = Store::Open(dir.File("c.sqlite"));
  REQUIRE(store.ok());
  Db& db = (*store)->db();
  auto add = [&](int id, const char* path, const char* type,
                 const char* country, const char* cycle, const char* source,
                 const char* ordinal) {
    auto s = db.Prepare(
        "INSERT INTO documents(id, path, sha256, size, mtime, kind, status, "
        "doc_type, country, plan_cycle, plan_cycle_source, plan_ordinal, "
        "ingested_at) VALUES (?, ?, 'h', 1, 1, 'pdf', 'ok', ?, ?, ?, ?, ?, "
        "'now')");
    REQUIRE(s.ok());
    s->Bind(1, id).Bind(2, path).Bind(3, type).Bind(4, country);
    for (int i = 0; i < 3; ++i) {
      const char* v = i == 0 ? cycle : i == 1 ? source : ordinal;
      if (v == nullptr)
        s->BindNull(5 + i);
      else
        s->Bind(5 + i, v);
    }
    REQUIRE(s->Run().ok());
  };
  add(1, "/plan4.pdf", "action_plan", "CO", "2020-2022", "text", "IV");
  add(2, "/taller.pdf", "workshop", "CO", "IV", "text", "IV");
  add(3, "/otro.pdf", "workshop", "BR", "IV", "text", "IV");     // other
  add(4, "/man.pdf", "workshop", "CO", "IV", "manifest", "IV");  // manifest
  add(5, "/irm.pdf", "irm_report", "CO", "2015-2017", "title", "IV");
  auto cycle = [&](int id) {
    auto s = db.Prepare(
        "SELECT plan_cycle || '/' || plan_cycle_source FROM documents WHERE "
        "id = ?");
    REQUIRE(s.ok());
    s->Bind(1, id);
    REQUIRE(s->Step());
    std::string v = s->Text(0);
    s->Reset();
    return v;
  };
  auto n = (*store)->ResolvePlanCycles();
  REQUIRE(n.ok());
  CHECK(*n == 1);
  CHECK(cycle(2) == "2020-2022/ordinal");
  CHECK(cycle(3) == "IV/text");
  CHECK(cycle(4) == "IV/manifest");
  CHECK(cycle(5) == "2015-2017/title");
  CHECK(cycle(1) == "2020-2022/text");
  auto again = (*store)->ResolvePlanCycles();  // idempotent
  REQUIRE(again.ok());
  CHECK(*again == 0);
  // The plan gone: the years another document of that number names in its
  // own title (the IRM report), and with it gone too, the number back.
  REQUIRE(db.Exec("DELETE FROM documents WHERE id = 1;").ok());
  REQUIRE((*store)->ResolvePlanCycles().ok());
  CHECK(cycle(2) == "2015-2017/ordinal");
  REQUIRE(db.Exec("DELETE FROM documents WHERE id = 5;").ok());
  REQUIRE((*store)->ResolvePlanCycles().ok());
  CHECK(cycle(2) == "IV/text");
}

TEST_CASE(
    "Store: a plan that names only its number gets the years most documents "
    "of that number name",
    "[load]") {
  testing::TempDir dir;
  auto store = Store::Open(dir.File("c.sqlite"));
  REQUIRE(store.ok());
  Db& db = (*store)->db();
  int id = 0;
  auto add = [&](const char* type, const char* cycle, const char* source) {
    ++id;
    REQUIRE(db.Exec("INSERT INTO documents(id, path, sha256, size, mtime, "
                    "kind, status, doc_type, country, plan_cycle, "
                    "plan_cycle_source, plan_ordinal, ingested_at) VALUES (" +
                    std::to_string(id) + ", '/" + std::to_string(id) +
                    ".pdf', 'h', 1, 1, 'pdf', 'ok', '" + type + "', 'US', '" +
                    cycle + "', '" + source + "', 'II', 'now')")
                .ok());
  };
  add("action_plan", "II", "text");             // 1: "Second ... Action Plan"
  add("self_assessment", "2013-2015", "text");  // 2
  add("irm_report", "2013-2015", "title");      // 3
  add("workshop", "2014-2016", "text");         // 4: a minority reading
  REQUIRE((*store)->ResolvePlanCycles().ok());
  auto cycle = [&](int i) {
    auto s = db.Prepare(
        "SELECT plan_cycle || '/' || plan_cycle_source FROM documents WHERE "
        "id = " +
        std::to_string(i));
    REQUIRE(s.ok());
    REQUIRE(s->Step());
    return s->Text(0);
  };
  CHECK(cycle(1) == "2013-2015/ordinal");
  CHECK(cycle(4) == "2014-2016/text");  // its own years are kept
}

TEST_CASE(
    "Store: plan_commitments counts each plan once, without IRM assessments",
    "[load]") {
  testing::TempDir dir;
  auto store = Store::Open(dir.File("p.sqlite"));
  REQUIRE(store.ok());
  Store& st = **store;
  auto doc = [](const std::string& path, const std::string& sha,
                const std::string& type, const std::string& cycle, int units) {
    IndexedDocument d = Doc(path, sha, {"Una frase."});
    d.doc_type = {type, "text"};
    d.plan_cycle = {cycle, "text"};
    d.findings.commitments.clear();
    for (int k = 1; k <= units; ++k) {
      Commitment c;
      c.kind = CommitmentKind::kHeading;
      c.number = std::to_string(k);
      c.title = "Compromiso " + std::to_string(k);
      c.first_page = c.last_page = 1;
      d.findings.commitments.push_back(c);
    }
    return d;
  };
  // The full plan, its summary edition, an IRM report assessing 30
  // sub-commitments, and the next plan.
  REQUIRE(st.Replace(doc("/full.pdf", "h1", "action_plan", "2015-2017", 19), 1)
              .ok());
  REQUIRE(
      st.Replace(doc("/summary.pdf", "h2", "action_plan", "2015-2017", 12), 1)
          .ok());
  REQUIRE(
      st.Replace(doc("/irm.pdf", "h3", "irm_report", "2015-2017", 30), 1).ok());
  REQUIRE(st.Replace(doc("/next.pdf", "h4", "action_plan", "2020-2022", 15), 1)
              .ok());
  CHECK(Count(st.db(), "plan_commitments") == 19 + 15);
  auto s = st.db().Prepare(
      "SELECT d.path, e.editions FROM plan_editions e JOIN documents d ON "
      "d.id = e.canonical_id WHERE e.doc_id = e.canonical_id ORDER BY 1");
  REQUIRE(s.ok());
  REQUIRE(s->Step());
  CHECK(s->Text(0) == "/full.pdf");
  CHECK(s->Int(1) == 2);
  REQUIRE(s->Step());
  CHECK(s->Text(0) == "/next.pdf");
  CHECK_FALSE(s->Step());
}

TEST_CASE(
    "Store: corrections are kept per path and key, a repeated value keeps its "
    "source, they follow a move and go with a prune",
    "[load][corrections]") {
  testing::TempDir dir;
  auto store = Store::Open(dir.File("i.sqlite"));
  REQUIRE(store.ok());
  Store& st = **store;
  auto run = st.BeginRun("test");
  REQUIRE(run.ok());
  IndexedDocument d = Doc("/in/a.pdf", "aaa", {"Uno."});
  d.corrections = "country=CO";
  REQUIRE(st.Replace(d, *run).ok());
  auto found = st.Find("/in/a.pdf");
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  CHECK((*found)->corrections == "country=CO");

  const Corrections manifest = {{CorrectionKey::kCountry, "CO",
                                 "manifest:m.csv:2", "2026-01-01T00:00:00Z"},
                                {CorrectionKey::kYear, "2020",
                                 "manifest:m.csv:2", "2026-01-01T00:00:00Z"}};
  auto put = st.StoreCorrections("/in/a.pdf", "aaa", manifest);
  REQUIRE(put.ok());
  CHECK(*put);
  // The same values again change nothing; a new value replaces its key's.
  put = st.StoreCorrections("/in/a.pdf", "aaa", manifest);
  REQUIRE(put.ok());
  CHECK_FALSE(*put);
  put = st.StoreCorrections(
      "/in/a.pdf", "aaa",
      {{CorrectionKey::kCountry, "MX", "set", "2026-02-01T00:00:00Z"},
       {CorrectionKey::kYear, "2020", "set", "2026-02-01T00:00:00Z"}});
  REQUIRE(put.ok());
  CHECK(*put);
  auto got = st.CorrectionsFor("/in/a.pdf");
  REQUIRE(got.ok());
  REQUIRE(got->size() == 2);
  CHECK((*got)[0].key == CorrectionKey::kCountry);
  CHECK((*got)[0].value == "MX");
  CHECK((*got)[0].source == "set");
  CHECK((*got)[1].key == CorrectionKey::kYear);
  CHECK((*got)[1].source == "manifest:m.csv:2");  // same value: kept
  CHECK((*got)[1].set_at == "2026-01-01T00:00:00Z");
  CHECK(CorrectionsFingerprint(*got) == "country=MX\nyear=2020");

  // A correction stated for the new path before the move wins over the
  // old path's of the same key.
  REQUIRE(st.StoreCorrections(
                "/in/b.pdf", "",
                {{CorrectionKey::kYear, "2021", "manifest:m.csv:3", ""}})
              .ok());
  REQUIRE(st.Move("/in/a.pdf", "/in/b.pdf", 10, 0).ok());
  got = st.CorrectionsFor("/in/b.pdf");
  REQUIRE(got.ok());
  CHECK(CorrectionsFingerprint(*got) == "country=MX\nyear=2021");
  CHECK(st.CorrectionsFor("/in/a.pdf")->empty());

  auto cleared = st.ClearCorrection("/in/b.pdf", CorrectionKey::kCountry);
  REQUIRE(cleared.ok());
  CHECK(*cleared);
  cleared = st.ClearCorrection("/in/b.pdf", CorrectionKey::kCountry);
  REQUIRE(cleared.ok());
  CHECK_FALSE(*cleared);

  auto byname = st.FindByFileName("b.pdf");
  REQUIRE(byname.ok());
  REQUIRE(byname->size() == 1);
  CHECK((*byname)[0].path == "/in/b.pdf");
  CHECK(st.FindByFileName("a.pdf")->empty());

  REQUIRE(st.MarkMissingUnder("/in", {}, /*prune=*/true).ok());
  CHECK(Count(st.db(), "corrections") == 0);
}

TEST_CASE(
    "Store: an index from before schema 8 keeps what its manifest set, as "
    "corrections",
    "[load][corrections]") {
  testing::TempDir dir;
  const std::string path = dir.File("i.sqlite");
  {
    auto store = Store::Open(path);
    REQUIRE(store.ok());
    auto run = (*store)->BeginRun("test");
    REQUIRE(run.ok());
    IndexedDocument d = Doc("/in/a.pdf", "aaa", {"Uno."});  // CO, 2020
    d.doc_type = {"report", "genre word 'Informe' in the title"};
    REQUIRE((*store)->Replace(d, *run).ok());
    REQUIRE((*store)
                ->db()
                .Exec("UPDATE meta SET value = '7' WHERE key = "
                      "'schema_version';")
                .ok());
  }
  auto store = Store::Open(path);
  REQUIRE(store.ok());
  auto got = (*store)->CorrectionsFor("/in/a.pdf");
  REQUIRE(got.ok());
  CHECK(CorrectionsFingerprint(*got) == "country=CO\nyear=2020");
  for (const Correction& c : *got) CHECK(c.source == "manifest");
  // Once only: a correction cleared later is not brought back.
  REQUIRE((*store)->ClearCorrection("/in/a.pdf", CorrectionKey::kYear).ok());
  store->reset();
  auto again = Store::Open(path);
  REQUIRE(again.ok());
  CHECK(CorrectionsFingerprint(*(*again)->CorrectionsFor("/in/a.pdf")) ==
        "country=CO");
}

}  // namespace planmine

namespace planmine {

// FTS5 writes its pending terms out as an index segment at every savepoint,
// and every statement that inserts into `sentences` (whose trigger feeds
// FTS5) opens one: a document's sentences go in a few statements, not one
// per sentence. With merging off, the segments stay countable: each is at
// least one row of sentences_fts_data.
TEST_CASE("Store: a document's sentences reach the full-text index in one go",
          "[load]") {
  testing::TempDir dir;
  auto store = Store::Open(dir.File("i.sqlite"));
  REQUIRE(store.ok());
  Store& st = **store;
  REQUIRE(st.db()
              .Exec("INSERT INTO sentences_fts(sentences_fts, rank) VALUES "
                    "('automerge', 0);"
                    "INSERT INTO sentences_fts(sentences_fts, rank) VALUES "
                    "('crisismerge', 2000);")
              .ok());
  const int64_t before = Count(st.db(), "sentences_fts_data");
  std::vector<std::string> sentences;
  for (int i = 0; i < 1203; ++i)  // more than one statement's rows
    sentences.push_back("Frase número " + std::to_string(i) + " del plan.");
  REQUIRE(st.Replace(Doc("/a.pdf", "h1", sentences), 1).ok());
  CHECK(Count(st.db(), "sentences") == 1203);
  CHECK(Matches(st.db(), "frase") == 1203);
  CHECK(Matches(st.db(), "1202") == 1);
  // Three statements, three segments of a few pages each (one statement
  // per sentence: 1203 rows).
  CHECK(Count(st.db(), "sentences_fts_data") - before <= 30);
}

}  // namespace planmine
