#!/usr/bin/env bash
# Benchmarks of the nightly refresh (issue 6), in one run:
#   1. a no-op refresh of N text documents (default 10,000): stat only;
#   2. a re-mine after a pattern-pack edit against a full re-ingest of
#      ../shared/corpus-real (OCR off and on);
#   3. a full ingest of ../shared/corpus-real with --jobs 1 and --jobs 2
#      against pdftotext over the same files; peak memory.
# Medians of ROUNDS (default 3). Prints Markdown.
#   scripts/bench_refresh.sh [N] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-10000}"
ROUNDS="${2:-3}"
BIN=./build/planmine
REAL=../shared/corpus-real
[ -x "$BIN" ] || { echo "build first: scripts/build.sh" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
timed() {  # timed OUTFILE CMD... : appends wall seconds to OUTFILE
  local out="$1"; shift
  local t0 t1; t0=$(now); "$@" >/dev/null 2>&1 || true; t1=$(now)
  echo "$t1 - $t0" | bc -l >> "$out"
}
peak() {  # peak CMD...: prints peak RSS in MB (whatever CMD exits with)
  { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null || true; } | tail -1 | awk '{printf "%.0f", $1/1024}'
}

echo "## Refresh benchmarks ($(date -u +%Y-%m-%d), $(nproc) cores)"
echo

# 1. No-op refresh of N documents.
mkdir -p "$TMP/many"
SEED=corpora/sample/docs/es-blog-gobierno-abierto.md
for ((i = 0; i < N; i++)); do
  d="$TMP/many/$((i / 500))"
  [ -d "$d" ] || mkdir -p "$d"
  { echo "# Documento $i"; echo; cat "$SEED"; echo; echo "Compromiso número $i del plan $((2010 + i % 12))."; } > "$d/doc-$i.md"
done
t0=$(now)
"$BIN" --db "$TMP/many.sqlite" ingest -q "$TMP/many" >/dev/null 2>&1 || true
t1=$(now)
first=$(echo "$t1 - $t0" | bc -l)
: > "$TMP/noop"
for ((r = 1; r <= ROUNDS; r++)); do
  timed "$TMP/noop" "$BIN" --db "$TMP/many.sqlite" refresh -q "$TMP/many"
done
noop_rss=$(peak "$BIN" --db "$TMP/many.sqlite" refresh -q "$TMP/many")
docs=$(sqlite3 "$TMP/many.sqlite" "SELECT count(*) FROM documents WHERE status = 'ok'")
printf '| measure | value |\n|---|---|\n'
printf '| documents in the index | %s |\n' "$docs"
printf '| first ingest of them | %.1f s |\n' "$first"
printf '| no-op refresh, median of %d | **%.2f s** (target ≤ 2 s), peak RSS %s MB |\n' "$ROUNDS" "$(median < "$TMP/noop")" "$noop_rss"
echo

# 2. Re-mine after a pattern edit against a full re-ingest.
cp -r extractors/packs "$TMP/packs"
: > "$TMP/full_off"; : > "$TMP/full_on"; : > "$TMP/remine"
for ((r = 1; r <= ROUNDS; r++)); do
  rm -f "$TMP"/real.sqlite*
  timed "$TMP/full_off" "$BIN" --db "$TMP/real.sqlite" --packs "$TMP/packs" --ocr off ingest -q "$REAL"
  echo "health.bench$r  \\bhospital(?:es)?\\b" >> "$TMP/packs/themes.es.pat"
  timed "$TMP/remine" "$BIN" --db "$TMP/real.sqlite" --packs "$TMP/packs" --ocr off refresh -q "$REAL"
  rm -f "$TMP"/realocr.sqlite*
  timed "$TMP/full_on" "$BIN" --db "$TMP/realocr.sqlite" --packs "$TMP/packs" ingest -q "$REAL"
done
remined=$(sqlite3 "$TMP/real.sqlite" "SELECT count(*) FROM documents")
rm_med=$(median < "$TMP/remine"); off_med=$(median < "$TMP/full_off"); on_med=$(median < "$TMP/full_on")
printf '| %s (%s files) | median s | re-mine is faster by |\n|---|---|---|\n' "$REAL" "$remined"
printf '| re-mine after a pack edit (no file opened) | %.2f | |\n' "$rm_med"
printf '| full re-ingest, OCR off | %.2f | %.1f× |\n' "$off_med" "$(echo "$off_med / $rm_med" | bc -l)"
printf '| full re-ingest, OCR on (the default) | %.2f | %.1f× (target ≥ 20×) |\n' "$on_med" "$(echo "$on_med / $rm_med" | bc -l)"
echo

# 3. Full ingest with 1 and 2 workers against pdftotext, same run.
mapfile -t FILES < <(find "$REAL" -name '*.pdf' | sort)
: > "$TMP/j1"; : > "$TMP/j2"; : > "$TMP/pt"
for ((r = 1; r <= ROUNDS; r++)); do
  rm -f "$TMP"/j.sqlite*; timed "$TMP/j1" "$BIN" --db "$TMP/j.sqlite" --ocr off ingest -q --jobs 1 "$REAL"
  rm -f "$TMP"/j.sqlite*; timed "$TMP/j2" "$BIN" --db "$TMP/j.sqlite" --ocr off ingest -q --jobs 2 "$REAL"
  t0=$(now); for f in "${FILES[@]}"; do pdftotext "$f" "$TMP/out.txt" 2>/dev/null || true; done; t1=$(now)
  echo "$t1 - $t0" | bc -l >> "$TMP/pt"
done
rm -f "$TMP"/j.sqlite*
rss2=$(peak "$BIN" --db "$TMP/j.sqlite" --ocr off ingest -q --jobs 2 "$REAL")
pt=$(median < "$TMP/pt"); j1=$(median < "$TMP/j1"); j2=$(median < "$TMP/j2")
printf '| full ingest of %s, OCR off | median s | / pdftotext |\n|---|---|---|\n' "$REAL"
printf '| planmine --jobs 1 | %.2f | %.2f× |\n' "$j1" "$(echo "$j1 / $pt" | bc -l)"
printf '| planmine --jobs 2 | %.2f | %.2f× |\n' "$j2" "$(echo "$j2 / $pt" | bc -l)"
printf '| pdftotext, one process per file | %.2f | 1× |\n' "$pt"
printf '\nPeak RSS with --jobs 2 (the largest process: the parent or a worker): %s MB.\n' "$rss2"
