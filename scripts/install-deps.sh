#!/usr/bin/env bash
# Installs every Debian package planmine needs to build, run and test.
# Debian 12, as root (or with sudo). Safe to run again.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config
  libpoppler-cpp-dev libpoppler-private-dev poppler-utils  # PDF extraction (C++ API + core TextOutputDev); pdfinfo/pdftotext for tests and benchmarks
  libicu-dev                            # normalization and sentence breaking
  libre2-dev                            # pattern packs
  libsqlite3-dev sqlite3                # the index (FTS5 is built in)
  libcld2-dev                           # language identification
  libstemmer-dev                        # Snowball stemmers for the search tokenizer
  libtesseract-dev tesseract-ocr-spa tesseract-ocr-por tesseract-ocr-eng  # OCR fallback
  libcli11-dev nlohmann-json3-dev       # command line, JSON output
  libcpp-httplib-dev                    # planmine serve (HTTP server)
  libssl-dev                            # SHA-256 (libcrypto)
  catch2                                # tests (v2.13)
  libcairo2-dev libfontconfig-dev fonts-dejavu-core  # the sample-corpus generator
  wspanish wbrazilian wamerican         # word lists that attest dehyphenated words
  qpdf                                  # encrypted-PDF test fixtures
  dict-freedict-spa-eng dict-freedict-eng-spa dict-freedict-por-eng dict-freedict-eng-por  # search's dictionary fallback (dictd files)
  bc time                               # scripts/bench_ingest.sh
  chromium                              # the report test renders the HTML headless
  clang libclang-rt-14-dev              # the libFuzzer harnesses (scripts/fuzz.sh)
  slurmctld slurmd slurm-client munge   # scale-out: tests/e2e_slurm_test.sh runs a one-node cluster (docs/scale-out.md)
)

exec bash "$(dirname "$0")/apt-install.sh" install-deps "${PACKAGES[@]}"
