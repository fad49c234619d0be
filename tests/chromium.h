// Whether Debian's chromium is there for a browser test: skipped with a
// message on a machine without it, failed when CI=true (CI installs it).
#ifndef PLANMINE_TESTS_CHROMIUM_H_
#define PLANMINE_TESTS_CHROMIUM_H_

#include <cstdlib>
#include <string>

#include "tests/catch.h"
#include "tests/test_util.h"

namespace planmine::testing {

// `test`: what is skipped, for the message ("the report rendering test").
inline bool HaveChromium(const std::string& test) {
  if (Run("command -v chromium").exit_code == 0) return true;
  const char* ci = std::getenv("CI");
  if (ci != nullptr && std::string(ci) == "true")
    FAIL("CI=true but chromium is not installed (scripts/install-deps.sh)");
  WARN("chromium is not installed: skipping "
       << test << " (scripts/install-deps.sh installs it)");
  return false;
}

}  // namespace planmine::testing

#endif  // PLANMINE_TESTS_CHROMIUM_H_
