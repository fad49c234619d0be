// The SQLite schema of a planmine index. docs/schema.md documents every table.
#ifndef PLANMINE_LOAD_SCHEMA_H_
#define PLANMINE_LOAD_SCHEMA_H_

#include <string>

namespace planmine {

inline constexpr int kSchemaVersion = 12;  // 2: documents.missing_since
                                           // 3: commitment fields, plan
                                           // cycle, subnational, statements
                                           // 4: the planmine FTS tokenizer
                                           // 5: sentence ids carry length and
                                           // weight; language-tagged stems
                                           // 6: sentence_matches and
                                           // pattern_sets (re-mining runs
                                           // only edited patterns);
                                           // ingest_runs.stage_seconds
                                           // 7: plan_editions and
                                           // plan_commitments views
                                           // 8: corrections;
                                           // documents.corrections;
                                           // ingest_runs.corrected
                                           // 9: blocks keep the layout's
                                           // region and typography, so
                                           // that re-mining sees what a
                                           // fresh read saw
                                           // 10: sentences_tier1 to 3
                                           // (search stops early); binary
                                           // term frequency;
                                           // 11: documents_sentence_span
                                           // (which document holds a
                                           // sentence, from an index);
                                           // commitment_themes_theme
                                           // 12: theme_sentences (a theme's
                                           // sentences per document, kept
                                           // for document search)
                                           // documents.sentence_languages,
                                           // first_ and last_sentence_id

// Idempotent: every statement is CREATE … IF NOT EXISTS.
inline constexpr const char* kSchemaSql = R"SQL(
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
  id                  INTEGER PRIMARY KEY,
  path                TEXT NOT NULL UNIQUE,
  sha256              TEXT NOT NULL,
  size                INTEGER NOT NULL,
  mtime               INTEGER NOT NULL,
  kind                TEXT NOT NULL,             -- pdf | text
  status              TEXT NOT NULL,             -- ok | no_text | failed
  error               TEXT,                      -- the reason when status is not ok
  title               TEXT,
  title_source        TEXT,                      -- manifest | subject | cover | act | running_header | metadata | salutation | heading | filename (classify/title.h)
  author              TEXT,
  subject             TEXT,
  creator             TEXT,
  producer            TEXT,
  created             TEXT,                      -- ISO 8601, from the PDF
  modified            TEXT,
  page_count          INTEGER,
  language            TEXT,                      -- es | pt | en | other | und
  language_confidence REAL,
  country             TEXT,                      -- ISO 3166-1 alpha-2
  country_source      TEXT,                      -- manifest | filename | mentions
  year                INTEGER,
  year_source         TEXT,
  doc_type            TEXT,                      -- action_plan | irm_report | self_assessment | workshop | slides | agenda | guide | legal | report | other (core/doc_types.h)
  doc_type_source     TEXT,                      -- manifest, or the evidence that decided ("genre word 'Informe' in the title")
  plan_cycle          TEXT,                      -- "2015-2017", "IV", as the plan names it
  plan_cycle_source   TEXT,                      -- manifest | title | text | ordinal (years of the plan of that number)
  plan_ordinal        TEXT,                      -- "IV": the plan's number, as the text names it
  subnational         TEXT,                      -- the city, state or province whose plan it is
  subnational_source  TEXT,
  versions            TEXT,                      -- stage and pattern-pack versions that made the rows
  warnings            TEXT,                      -- JSON array
  ingested_at         TEXT NOT NULL,
  missing_since       TEXT,                      -- set when a walked folder no longer has the file
  run_id              INTEGER,
  pattern_set         INTEGER REFERENCES pattern_sets(id), -- the patterns its sentences were matched with
  corrections         TEXT,                      -- the corrections applied to this row, "key=value" lines in key order (core/corrections.h)
  first_sentence_id   INTEGER,                   -- its sentences' ids, first and last: they are consecutive (query/hit_filter.h)
  last_sentence_id    INTEGER,
  sentence_languages  TEXT                       -- the languages of its sentences, sorted, comma-separated ("es", "en,pt"; "-" for none): a search filtered by language keeps or drops whole documents (query/hit_filter.h)
);
CREATE INDEX IF NOT EXISTS documents_sha256 ON documents(sha256);
CREATE TABLE IF NOT EXISTS pages (
  doc_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  number      INTEGER NOT NULL,
  width       REAL,
  height      REAL,
  source      TEXT NOT NULL,                     -- text_layer | ocr | plain_text | none
  quality     TEXT NOT NULL,                     -- text layer: ok | empty | garbled
  ocr_confidence REAL,                           -- Tesseract mean word confidence (0-100) when OCR ran
  word_count  INTEGER NOT NULL,
  text        TEXT NOT NULL,                     -- normalized body text; offsets point here
  furniture   TEXT NOT NULL,                     -- JSON array: headers, footers, page numbers
  PRIMARY KEY (doc_id, number)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS blocks (
  id          INTEGER PRIMARY KEY,
  doc_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page        INTEGER NOT NULL,
  seq         INTEGER NOT NULL,
  start       INTEGER NOT NULL,
  end         INTEGER NOT NULL,
  x0 REAL, y0 REAL, x1 REAL, y1 REAL,
  heading     INTEGER NOT NULL,
  language    TEXT,
  language_confidence REAL,
  region      TEXT,                              -- text | column | band | table | inset | footnote
  row         INTEGER,                           -- table cell, else NULL
  col         INTEGER,
  bold        INTEGER,                           -- typography (NULL before schema 9)
  italic      INTEGER,
  underline   INTEGER,
  font_size   REAL,
  lead_emphasis_words INTEGER
);
CREATE INDEX IF NOT EXISTS blocks_doc ON blocks(doc_id, page, seq);
CREATE TABLE IF NOT EXISTS fields (
  id          INTEGER PRIMARY KEY,
  doc_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page        INTEGER NOT NULL,
  seq         INTEGER NOT NULL,
  key         TEXT NOT NULL,                     -- a table row's label ("Fecha de inicio")
  value       TEXT NOT NULL,                     -- and its value ("1 de julio de 2021")
  x0 REAL, y0 REAL, x1 REAL, y1 REAL
);
CREATE INDEX IF NOT EXISTS fields_doc ON fields(doc_id, page, seq);
CREATE TABLE IF NOT EXISTS sentences (
  id          INTEGER PRIMARY KEY,               -- seq << 10 | weight << 8 | words (fts_rank.h)
  doc_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  page        INTEGER NOT NULL,
  block       INTEGER NOT NULL,
  start       INTEGER NOT NULL,
  end         INTEGER NOT NULL,
  language    TEXT,
  text        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sentences_doc ON sentences(doc_id, seq);
-- What sentences_fts indexes: the text behind the mark of its language, so
-- that the tokenizer stems each sentence in its own language only.
CREATE VIEW IF NOT EXISTS sentences_fts_content AS
  SELECT id, char(2) || coalesce(language, '') || char(3) || text AS text
  FROM sentences;
CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(
  text, content='sentences_fts_content', content_rowid='id',
  tokenize='planmine'
);
CREATE TRIGGER IF NOT EXISTS sentences_ai AFTER INSERT ON sentences BEGIN
  INSERT INTO sentences_fts(rowid, text)
  VALUES (new.id, char(2) || coalesce(new.language, '') || char(3) || new.text);
END;
CREATE TRIGGER IF NOT EXISTS sentences_ad AFTER DELETE ON sentences BEGIN
  INSERT INTO sentences_fts(sentences_fts, rowid, text)
  VALUES ('delete', old.id, char(2) || coalesce(old.language, '') || char(3) || old.text);
END;
-- sentences_tier1, sentences_tier2 and their triggers: TiersSql(), below.
CREATE TABLE IF NOT EXISTS themes (
  id        TEXT PRIMARY KEY,
  label_en  TEXT NOT NULL,
  label_es  TEXT NOT NULL,
  label_pt  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS theme_hits (
  id          INTEGER PRIMARY KEY,
  doc_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
  theme_id    TEXT NOT NULL,
  page        INTEGER NOT NULL,
  start       INTEGER NOT NULL,
  end         INTEGER NOT NULL,
  match       TEXT NOT NULL,
  pattern_id  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS theme_hits_doc_theme ON theme_hits(doc_id, theme_id);
CREATE INDEX IF NOT EXISTS theme_hits_theme ON theme_hits(theme_id);
CREATE INDEX IF NOT EXISTS theme_hits_sentence ON theme_hits(sentence_id, theme_id);
-- The sentences tagged with a theme, and the documents they are in, read
-- from the index alone: a search filtered by theme (query/hit_filter.h), a
-- document search for a query that names a theme. Made on the next write of
-- an older index; a query on an index without it looks rows up instead.
CREATE INDEX IF NOT EXISTS theme_hits_theme_doc_sentence ON theme_hits(theme_id, doc_id, sentence_id);
-- Theme mentions counted per document, kept with theme_hits by the store:
-- what compare, timeline, the theme counts and the views read instead of
-- every hit (a million-sentence index has 400,000 hits, 50,000 of these).
CREATE TABLE IF NOT EXISTS document_themes (
  doc_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  theme_id    TEXT NOT NULL,
  mentions    INTEGER NOT NULL,
  PRIMARY KEY (doc_id, theme_id)
) WITHOUT ROWID;
-- Each theme's sentences per document, kept for document search
-- (query/theme_sets.h) so that a query naming a theme reads them instead of
-- searching the theme's whole vocabulary (a phrase with "de" in it reads
-- most of that word's matches) and every tagged sentence. `tagged`: the
-- sentences tagged with the theme, `vocabulary`: those its vocabulary
-- finds, each with which of its terms (theme_vocabularies); both ascending
-- ids as varint deltas. Made after an ingest or a merge for the documents
-- theme_sentences_stale names (the triggers below name every document whose
-- sentences or theme hits change) and for every document when a theme's
-- vocabulary changed; a search reads them only when none is stale and the
-- vocabulary is the one it would search.
CREATE TABLE IF NOT EXISTS theme_sentences (
  theme_id    TEXT NOT NULL,
  doc_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  tagged      BLOB NOT NULL,
  vocabulary  BLOB NOT NULL,
  PRIMARY KEY (theme_id, doc_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS theme_vocabularies (
  theme_id    TEXT PRIMARY KEY,
  terms       TEXT NOT NULL           -- the terms, as an FTS5 OR of phrases
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS theme_sentences_stale (
  doc_id      INTEGER PRIMARY KEY
);
-- Their triggers on sentences and theme_hits: ThemeStaleTriggersSql(), below.
CREATE TABLE IF NOT EXISTS commitments (
  id                INTEGER PRIMARY KEY,
  doc_id            INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq               INTEGER NOT NULL,
  kind              TEXT NOT NULL,               -- heading | statement
  number            TEXT,
  title             TEXT NOT NULL,
  first_page        INTEGER NOT NULL,
  last_page         INTEGER NOT NULL,
  first_sentence_id INTEGER,
  last_sentence_id  INTEGER,
  text              TEXT NOT NULL,
  pattern_id        TEXT NOT NULL,
  lead_agency       TEXT,
  lead_agency_source TEXT,                       -- field | table
  other_actors      TEXT,
  start_date        TEXT,                        -- ISO 8601, as precise as written
  end_date          TEXT,
  milestones        TEXT,                        -- JSON [{"text", "due"}]
  ogp_values        TEXT,                        -- ';'-separated
  sections          TEXT,                        -- JSON {"description": …, "objective": …}
  completion        TEXT,                        -- IRM: not_started | limited | substantial | complete
  completion_text   TEXT
);
CREATE INDEX IF NOT EXISTS commitments_doc ON commitments(doc_id, seq);
-- Which document holds a commitment, without reading its row (kilobytes of
-- text): the documents with a commitment on a theme (document search).
CREATE INDEX IF NOT EXISTS commitments_id_doc ON commitments(id, doc_id);
CREATE TABLE IF NOT EXISTS commitment_themes (
  commitment_id INTEGER NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
  theme_id      TEXT NOT NULL,
  evidence      TEXT,                            -- the words that matched
  score         INTEGER,                         -- 3 per title hit + 1 per sentence
  PRIMARY KEY (commitment_id, theme_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS commitment_themes_theme ON commitment_themes(theme_id);
CREATE TABLE IF NOT EXISTS entities (
  id          INTEGER PRIMARY KEY,
  doc_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
  page        INTEGER NOT NULL,
  type        TEXT NOT NULL,
  value       TEXT NOT NULL,
  text        TEXT NOT NULL,
  start       INTEGER NOT NULL,
  end         INTEGER NOT NULL,
  pattern_id  TEXT NOT NULL,
  detail      TEXT                               -- organization: its acronym
);
CREATE INDEX IF NOT EXISTS entities_doc ON entities(doc_id);
CREATE TABLE IF NOT EXISTS statements (
  id          INTEGER PRIMARY KEY,
  doc_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
  page        INTEGER NOT NULL,
  kind        TEXT NOT NULL,                     -- finding | recommendation
  text        TEXT NOT NULL,
  pattern_id  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS statements_doc ON statements(doc_id);
CREATE INDEX IF NOT EXISTS entities_type_value ON entities(type, value);
CREATE TABLE IF NOT EXISTS pattern_sets (
  id        INTEGER PRIMARY KEY,
  patterns  TEXT NOT NULL UNIQUE                 -- pattern keys, sorted, space-separated
);
CREATE TABLE IF NOT EXISTS sentence_matches (
  doc_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  pattern   TEXT NOT NULL,                       -- pattern key: hash of language, regex, match version
  sentence  INTEGER NOT NULL,                    -- sentences.seq
  start     INTEGER NOT NULL,                    -- byte offsets in the sentence text
  end       INTEGER NOT NULL,
  captures  TEXT,                                -- JSON object of named groups, NULL when none
  PRIMARY KEY (doc_id, pattern, sentence)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pattern_packs (
  name      TEXT NOT NULL,
  language  TEXT NOT NULL,
  version   INTEGER NOT NULL,
  sha256    TEXT NOT NULL,
  PRIMARY KEY (name, language)
);
-- What researchers stated about documents (a manifest's rows, planmine
-- set), applied over the classifier every time a document is mined. Keyed
-- by the document's path, like documents; not a foreign key, so that a
-- correction outlives the document's rows being replaced (re-extract) and
-- waits for a file that failed. A moved file's corrections follow it.
CREATE TABLE IF NOT EXISTS corrections (
  path    TEXT NOT NULL,                         -- documents.path
  sha256  TEXT,                                  -- the document's bytes when it was stated
  key     TEXT NOT NULL,                         -- title | country | year | doc_type | language | plan_cycle | subnational
  value   TEXT NOT NULL,
  source  TEXT NOT NULL,                         -- manifest:PATH:LINE | set
  set_at  TEXT NOT NULL,                         -- ISO 8601 UTC
  PRIMARY KEY (path, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ingest_runs (
  id          INTEGER PRIMARY KEY,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  command     TEXT,
  files_seen  INTEGER DEFAULT 0,
  ingested    INTEGER DEFAULT 0,
  unchanged   INTEGER DEFAULT 0,
  failed      INTEGER DEFAULT 0,
  seconds     REAL,
  status      TEXT,                              -- running | ok | partial | failed | 'aborted: REASON' (stopped on an error or a signal, or found still running by the next run)
  stage_seconds TEXT,                            -- JSON: seconds per stage, summed over documents
  corrected   INTEGER DEFAULT 0                  -- unchanged files whose corrections changed, re-classified
);
CREATE TABLE IF NOT EXISTS ingest_errors (
  id      INTEGER PRIMARY KEY,
  run_id  INTEGER REFERENCES ingest_runs(id),
  path    TEXT NOT NULL,
  sha256  TEXT,
  stage   TEXT NOT NULL,                         -- discover | hash | extract | load
  reason  TEXT NOT NULL,
  at      TEXT NOT NULL
);
)SQL";

// Three tiers of sentences_fts: the sentences that can score highest, each
// indexed a second time (fts_rank.h; search.cc's RankHits): a search ranks
// tier 1, then 2, then 3, and stops when its page's worst hit beats what any
// sentence left out could score; the results are those of the whole index.
//   tier 1: titles, headings of at most kTier1HeadingWords words, and
//           sentences in a language other than es, pt and en (whose words
//           carry every language's stems); 1.7 % of the real corpus's
//           full-text index (bytes);
//   tier 2: the other headings; 1.4 %;
//   tier 3: body sentences of at most kTier3MaxWords words; 12 %.
// Membership depends on a sentence's id and language only, which never
// change. TierCondition(t, "new") is the test of tier t (1 to 3) on a row
// named so; TiersSql() the tables and their triggers.
std::string TierCondition(int tier, const std::string& row);
std::string TiersSql();
// The triggers that name in theme_sentences_stale the document of every
// sentence and theme hit inserted, deleted or updated (theme_sentences_si,
// _sd, _su on sentences; _hi, _hd, _hu on theme_hits).
std::string ThemeStaleTriggersSql();

// Views whose columns changed between versions are dropped and made again.
inline constexpr const char* kViewsSql = R"SQL(
DROP VIEW IF EXISTS theme_counts_by_country;
CREATE VIEW theme_counts_by_country AS
  SELECT d.country, t.theme_id, sum(t.mentions) AS hits, count(*) AS documents
  FROM document_themes t JOIN documents d ON d.id = t.doc_id
  GROUP BY d.country, t.theme_id;
DROP VIEW IF EXISTS commitments_by_document;
CREATE VIEW commitments_by_document AS
  SELECT d.country, d.subnational, d.year, d.plan_cycle, d.doc_type,
         d.title AS document, d.path,
         c.kind, c.number, c.title, c.lead_agency, c.start_date, c.end_date,
         c.completion, c.ogp_values, c.first_page, c.last_page,
         (SELECT group_concat(theme_id, ';') FROM commitment_themes t WHERE t.commitment_id = c.id) AS themes
  FROM commitments c JOIN documents d ON d.id = c.doc_id
  WHERE c.kind <> 'statement';
-- One action plan per country, subnational government and cycle: editions
-- of one plan (full and summary, es and en) and byte-identical copies are
-- grouped, and the edition with the most commitments stands for the group.
DROP VIEW IF EXISTS plan_editions;
CREATE VIEW plan_editions AS
  SELECT d.id AS doc_id,
         first_value(d.id) OVER (
           PARTITION BY coalesce(d.country, ''), coalesce(d.subnational, ''),
                        coalesce(d.plan_cycle, d.sha256)
           ORDER BY (SELECT count(*) FROM commitments c
                     WHERE c.doc_id = d.id AND c.kind <> 'statement') DESC,
                    d.page_count DESC, d.path) AS canonical_id,
         count(*) OVER (
           PARTITION BY coalesce(d.country, ''), coalesce(d.subnational, ''),
                        coalesce(d.plan_cycle, d.sha256)) AS editions
  FROM documents d
  WHERE d.doc_type = 'action_plan' AND d.status = 'ok'
    AND d.missing_since IS NULL;
-- The commitments a country made: those of each plan's standing edition.
-- An IRM report's assessments, a self-assessment's or a progress report's
-- units and a second edition's copies are not counted again.
DROP VIEW IF EXISTS plan_commitments;
CREATE VIEW plan_commitments AS
  SELECT c.* FROM commitments c
  JOIN plan_editions e ON e.doc_id = c.doc_id AND e.canonical_id = c.doc_id
  WHERE c.kind <> 'statement';
-- Each commitment an IRM report assesses, with its completion level, beside
-- the commitment of the action plan it assesses: same country and plan
-- cycle, same number (the IRM's "1.3" assesses the plan's "1"), in the
-- plan's standing edition.
DROP VIEW IF EXISTS irm_assessments;
CREATE VIEW irm_assessments AS
  SELECT d.country, d.plan_cycle, d.path AS irm_path,
         i.number AS irm_number, i.title AS irm_title, i.completion,
         i.completion_text, i.first_page AS irm_page,
         p.id AS plan_commitment_id, pd.path AS plan_path,
         p.number AS plan_number, p.title AS plan_title,
         p.first_page AS plan_page
  FROM commitments i
  JOIN documents d ON d.id = i.doc_id AND d.doc_type = 'irm_report'
  LEFT JOIN documents pd ON pd.country = d.country
       AND pd.plan_cycle = d.plan_cycle AND pd.doc_type = 'action_plan'
       AND pd.id IN (SELECT canonical_id FROM plan_editions)
  LEFT JOIN commitments p ON p.doc_id = pd.id AND p.kind <> 'statement'
       AND p.number = CASE WHEN instr(i.number, '.') > 0
                           THEN substr(i.number, 1, instr(i.number, '.') - 1)
                           ELSE i.number END
  WHERE i.kind <> 'statement';
)SQL";

}  // namespace planmine

#endif  // PLANMINE_LOAD_SCHEMA_H_
