#!/usr/bin/env bash
# Every test, from a fresh Debian 12 machine: install dependencies, build with
# warnings as errors, run the whole suite (unit, pattern-pack examples,
# end-to-end on the sample corpus, and on ../shared/corpus-real when present);
# then rebuild with AddressSanitizer + UBSan and run the suite again; then
# build the libFuzzer harnesses with clang and run each briefly
# (PLANMINE_FUZZ_SECONDS, default 20; 0 skips).
# Set PLANMINE_SKIP_SANITIZE=1 to skip the sanitizer pass.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
BUILD_DIR=build bash scripts/build.sh -DPLANMINE_WERROR=ON -DPLANMINE_TESTS=ON
(cd build && ctest --output-on-failure -j"$(nproc)")
if [ "${PLANMINE_SKIP_SANITIZE:-0}" != "1" ]; then
  BUILD_DIR=build-asan BUILD_TYPE=Debug bash scripts/build.sh -DPLANMINE_WERROR=ON -DPLANMINE_TESTS=ON -DPLANMINE_SANITIZE=ON
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions="$PWD/../tests/lsan.supp" ctest --output-on-failure -j"$(nproc)")
fi
if [ "${PLANMINE_FUZZ_SECONDS:-20}" != "0" ]; then
  bash scripts/fuzz.sh "${PLANMINE_FUZZ_SECONDS:-20}"
fi
