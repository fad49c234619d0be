#!/usr/bin/env bash
# Scale-out benchmark (issue 17, docs/scale-out.md): a full ingest of both
# real corpora (../shared/corpus-real and corpus-real-2, OCR off) as one
# `refresh --jobs 2` against plan-shards + shards + merge with 1, 2 and 4
# shards. The shards run 2 at a time with `xargs -P 2` (this machine has 2
# cores; one shard alone gets --jobs 2), so every variant uses 2 workers.
# Medians of ROUNDS (default 3) of wall time, plan, shards, merge, and the
# merge's documents per second. Prints Markdown.
#   scripts/bench_shards.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"
BIN="$(realpath ./build/planmine)"
CORPORA=(../shared/corpus-real ../shared/corpus-real-2)
[ -x "$BIN" ] || { echo "build first: scripts/build.sh" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
since() { echo "$(now) - $1" | bc -l; }
PM=("$BIN" --ocr off)

for r in $(seq "$ROUNDS"); do
  rm -f "$TMP"/one.sqlite*
  t0=$(now)
  "${PM[@]}" --db "$TMP/one.sqlite" refresh "${CORPORA[@]}" --jobs 2 -q >/dev/null 2>&1 || true
  since "$t0" >>"$TMP/refresh.wall"
  for n in 1 2 4; do
    rm -rf "$TMP/run" "$TMP"/sh.sqlite*
    t0=$(now)
    "${PM[@]}" --db "$TMP/sh.sqlite" plan-shards "${CORPORA[@]}" --shards "$n" --out "$TMP/run" >/dev/null
    t1=$(now)
    jobs=1
    [ "$n" -eq 1 ] && jobs=2
    seq 0 $((n - 1)) | xargs -P 2 -I{} "$BIN" shard "$TMP/run" --index {} --jobs "$jobs" -q >/dev/null 2>&1
    t2=$(now)
    "${PM[@]}" --db "$TMP/sh.sqlite" merge "$TMP/run" >"$TMP/merge.out" 2>&1 || true
    t3=$(now)
    echo "$t1 - $t0" | bc -l >>"$TMP/plan.$n"
    echo "$t2 - $t1" | bc -l >>"$TMP/shards.$n"
    echo "$t3 - $t2" | bc -l >>"$TMP/merge.$n"
    echo "$t3 - $t0" | bc -l >>"$TMP/wall.$n"
    docs=$(sqlite3 "$TMP/sh.sqlite" 'SELECT count(*) FROM documents')
    echo "$docs / ($t3 - $t2)" | bc -l >>"$TMP/rate.$n"
  done
done
docs=$(sqlite3 "$TMP/one.sqlite" 'SELECT count(*) FROM documents')
ref=$(median <"$TMP/refresh.wall")
echo "## Scale-out ($(date -u +%Y-%m-%d), $(nproc) cores, $docs documents, OCR off, medians of $ROUNDS)"
echo
echo "| variant | wall s | vs refresh | plan s | shards s | merge s | merge documents/s |"
echo "|---|---|---|---|---|---|---|"
printf '| refresh --jobs 2 | %.2f | 1.00 | – | – | – | – |\n' "$ref"
for n in 1 2 4; do
  w=$(median <"$TMP/wall.$n")
  printf '| %d shard%s | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f |\n' "$n" "$([ "$n" -gt 1 ] && echo s)" \
    "$w" "$(echo "$w / $ref" | bc -l)" "$(median <"$TMP/plan.$n")" \
    "$(median <"$TMP/shards.$n")" "$(median <"$TMP/merge.$n")" "$(median <"$TMP/rate.$n")"
done
