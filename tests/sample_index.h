// The bundled corpus ingested once per test binary run, for the end-to-end
// tests that only read an index of it.
#ifndef PLANMINE_TESTS_SAMPLE_INDEX_H_
#define PLANMINE_TESTS_SAMPLE_INDEX_H_

#include <string>

#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine::testing {

// The index's path; made on first use (OCR off), removed at exit.
inline const std::string& SampleIndex() {
  static TempDir* dir = new TempDir();  // lives as long as the process
  static std::string db = [] {
    std::string path = dir->File("sample.sqlite");
    auto r = Run(PlanmineBin() + " ingest " + SampleDir() + "/docs --db " +
                 path + " --ocr off -q");
    INFO(r.out);
    REQUIRE(r.exit_code == 0);
    return path;
  }();
  return db;
}

}  // namespace planmine::testing

#endif  // PLANMINE_TESTS_SAMPLE_INDEX_H_
