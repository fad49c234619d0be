#!/usr/bin/env bash
# Extraction benchmark: generates the ground-truth families, scores planmine
# against pdftotext (default and -raw) in the same run, then times all three
# on ../shared/corpus-real. Output is Markdown for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x build/extract_bench ] || bash scripts/build.sh
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
./build/corpora/make_corpus --bench "$OUT"
echo "### Generated families (make_corpus --bench)"
echo
./build/extract_bench "$OUT"
if [ -d ../shared/corpus-real ]; then
  echo
  echo "### ../shared/corpus-real (timing only: no ground truth)"
  echo
  ./build/extract_bench ../shared/corpus-real
fi
