// Manifest: what a researcher knows about each file, overriding inference.
//
// Format (see docs/manifest.md): a CSV (RFC 4180) or TSV file whose first
// row names the columns. Recognised columns, in any order:
//   path (or file)  the document, relative to the manifest's folder, or just
//                   its file name; required
//   country         ISO 3166-1 alpha-2 code, e.g. CO
//   year            four digits
//   doc_type        one of core/doc_types.h: action_plan, irm_report,
//                   self_assessment, workshop, slides, agenda, guide, legal,
//                   report, other
//   doc_type_full   the same, preferred over doc_type when both are given
//                   (the shared corpora's manifests keep a coarser doc_type)
//   title           free text
//   language        es, pt, en (optional override of detection)
//   plan_cycle      free text, "2015-2017"
//   subnational     free text, the city's or province's name
// Other columns are ignored, so ../shared/corpus-real/MANIFEST.tsv loads too.
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

class Manifest {
 public:
  Manifest() = default;

  // Errors name the file and the 1-based line: "m.csv:4: year must be four
  // digits", "m.csv:5: doc_type must be one of action_plan, …, got 'plan'".
  static Result<Manifest> Load(const std::string& path);
  static Result<Manifest> Parse(const std::string& text,
                                const std::string& base_dir,
                                const std::string& name_for_errors);

  // The entry for `file_path` (matched by absolute path, else by file name).
  const ManifestEntry* Find(const std::string& file_path) const;
  // The corrections a row states, each with source "manifest:NAME:LINE".
  Corrections CorrectionsOf(const ManifestEntry& entry) const;
  // The manifest's path as it was given to Load (or the name to Parse).
  const std::string& name() const { return name_; }
  size_t size() const { return entries_.size(); }
  // In the manifest's order.
  const std::vector<ManifestEntry>& entries() const { return entries_; }

 private:
  std::string name_;
  std::vector<ManifestEntry> entries_;
  std::map<std::string, size_t> by_abs_path_;
  std::map<std::string, size_t> by_name_;
};

// Splits one CSV/TSV record; exposed for tests. Handles quoted fields with
// doubled quotes. `delim` is ',' or '\t'.
std::vector<std::vector<std::string>> ParseDelimited(const std::string& text,
                                                     char delim);

}  // namespace planmine

#endif  // PLANMINE_DISCOVER_MANIFEST_H_
