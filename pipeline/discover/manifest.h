// Manifest: what a researcher knows about each file, overriding inference.
//
// Format (docs/manifest.md): a CSV (RFC 4180) or TSV file whose first row
// names the columns; a tab in that row makes it TSV. Both read fields the
// RFC 4180 way: a field that starts with '"' is quoted, "" inside it is a
// quote, and it may hold the delimiter and line breaks. LF or CRLF ends a
// record; a UTF-8 byte order mark (a spreadsheet's "CSV UTF-8") is skipped.
// Recognised columns, in any order:
//   path (or file)  the document: an absolute path, a path relative to the
//                   manifest's folder (else to the current folder), or a
//                   bare file name; required
//   country         ISO 3166-1 alpha-2 code planmine knows, e.g. CO
//   year            four digits, 1900 to 2100
//   doc_type        one of core/doc_types.h: action_plan, irm_report,
//                   self_assessment, workshop, slides, agenda, guide, legal,
//                   report, other
//   doc_type_full   the same, preferred over doc_type when both are given
//                   (the shared corpora's manifests keep a coarser doc_type)
//   title           free text
//   language        es, pt, en or other (optional override of detection)
//   plan_cycle      free text, "2015-2017"
//   subnational     free text, the city's or province's name
// Other columns are ignored, so ../shared/corpus-real/MANIFEST.tsv loads too.
// Refused, with file:line: a quote never closed (the line it opened on),
// text after a closing quote, a record with more fields than the header, a
// line that is not UTF-8, a value core/corrections.h refuses, two rows for
// the same file that disagree (both lines). Two identical rows are one
// (with a note).
//
// Matching a row to a file (Match): a row whose path has a folder in it
// names one file, resolved (symbolic links, "..") against the manifest's
// folder, else against the current folder; it never matches another file
// of the same name. A bare file name names the file of that name in the
// manifest's folder; failing that, the one file of the run with that name
// (said in a note), and is refused as ambiguous when several have it.
// A row's values become corrections (core/corrections.h) of the file it
// matches: the index keeps them, so they hold on later runs without the
// manifest; empty cells state nothing.
#ifndef PLANMINE_DISCOVER_MANIFEST_H_
#define PLANMINE_DISCOVER_MANIFEST_H_

#include <map>
#include <string>
#include <vector>

#include "pipeline/core/corrections.h"
#include "pipeline/core/status.h"

namespace planmine {

struct ManifestEntry {
  std::string path;  // as written in the manifest
  std::string country;
  int year = 0;
  std::string doc_type;
  std::string title;
  std::string language;
  std::string plan_cycle;   // "2015-2017"
  std::string subnational;  // "Mendoza": a city's or province's document
  int line = 0;             // 1-based, in the manifest file
};

// Which row applies to which file of a run (Manifest::Match).
class ManifestMatch {
 public:
  // The row for `file_path` (a path Match was given), or null.
  const ManifestEntry* Find(const std::string& file_path) const;
  // "m.csv:4: 'plan.pdf' matched by file name alone: /in/2020/plan.pdf",
  // "m.csv:6: the same row as line 2 (ignored)": for the run's output.
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  friend class Manifest;
  std::map<std::string, const ManifestEntry*> by_file_;
  std::vector<std::string> notes_;
};

class Manifest {
 public:
  Manifest() = default;

  // Errors name the file and the 1-based line: "m.csv:4: year must be four
  // digits, got '20x0'", "m.csv:5: doc_type must be one of action_plan, …,
  // got 'plan'", "m.csv:3: a quote opened here is never closed".
  static Result<Manifest> Load(const std::string& path);
  // `base_dir`: the folder relative row paths start from.
  static Result<Manifest> Parse(const std::string& text,
                                const std::string& base_dir,
                                const std::string& name_for_errors);

  // The rows for the files of a run (`file_paths`, relative to the current
  // folder or absolute), by the rule above. Fails, naming the lines and
  // files, when a bare name fits several files or two rows that disagree
  // fit one file.
  Result<ManifestMatch> Match(const std::vector<std::string>& file_paths) const;
  // The row for one file on its own: by resolved path, else a bare-name row
  // of its file name. (A run uses Match, which also knows whether the name
  // is unique.)
  const ManifestEntry* Find(const std::string& file_path) const;
  // The corrections a row states, each with source "manifest:NAME:LINE".
  Corrections CorrectionsOf(const ManifestEntry& entry) const;
  // The manifest's path as it was given to Load (or the name to Parse).
  const std::string& name() const { return name_; }
  size_t size() const { return entries_.size(); }
  // In the manifest's order; identical repeated rows once.
  const std::vector<ManifestEntry>& entries() const { return entries_; }
  // Said while reading: "m.csv:6: the same row as line 2 (ignored)".
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  // The resolved paths a row may name: against the manifest's folder, then
  // (a path with a folder in it) the current folder.
  std::vector<std::string> Candidates(const ManifestEntry& e) const;

  std::string name_;
  std::string base_dir_;
  std::vector<ManifestEntry> entries_;
  std::vector<std::string> notes_;
  std::map<std::string, size_t> by_path_;       // resolved -> entry
  std::multimap<std::string, size_t> by_name_;  // bare-name rows
};

// Splits CSV/TSV text into records, leniently (an unclosed quote runs to
// the end); for reading planmine's own output in tests and tools. Handles
// quoted fields with doubled quotes. `delim` is ',' or '\t'.
std::vector<std::vector<std::string>> ParseDelimited(const std::string& text,
                                                     char delim);

// One record of a strictly read CSV/TSV file: its fields and the line it
// starts on (1-based).
struct DelimitedRecord {
  int line = 0;
  std::vector<std::string> fields;
};
// RFC 4180, strictly: the errors above, "NAME:LINE: what". Skips a UTF-8
// byte order mark.
Result<std::vector<DelimitedRecord>> ParseDelimitedStrict(
    const std::string& text, char delim, const std::string& name_for_errors);

}  // namespace planmine

#endif  // PLANMINE_DISCOVER_MANIFEST_H_
