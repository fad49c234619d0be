#!/usr/bin/env bash
# Benchmark: a synthetic index of about a million sentences built from the
# real corpus (every document copied under other countries and plan cycles),
# then search and compare latencies as planmine runs them.
#   scripts/bench_search.sh [COPIES] [RUNS]     (default 136 copies: 1.0M sentences)
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES="${1:-136}"
RUNS="${2:-21}"
[ -x build/search_bench ] || { echo "build first: scripts/build.sh" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
./build/planmine --db "$TMP/real.sqlite" --ocr off ingest -q ../shared/corpus-real || true
./build/search_bench --source "$TMP/real.sqlite" --out "$TMP/big.sqlite" --copies "$COPIES" --runs "$RUNS"
