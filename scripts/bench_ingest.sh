#!/usr/bin/env bash
# Benchmark: full ingest of a folder of PDFs (default ../shared/corpus-real)
# against pdftotext over the same files, alternating in the same run, N rounds
# (default 5). Prints a Markdown table with medians and the ratio.
#   scripts/bench_ingest.sh [FOLDER] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${1:-../shared/corpus-real}"
ROUNDS="${2:-5}"
BIN=./build/planmine
[ -x "$BIN" ] || { echo "build first: scripts/build.sh" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mapfile -t FILES < <(find "$DIR" -name '*.pdf' | sort)
PAGES=0
for f in "${FILES[@]}"; do PAGES=$((PAGES + $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}'))); done

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

: > "$TMP/pm"; : > "$TMP/pt"; : > "$TMP/po"
for ((i = 1; i <= ROUNDS; i++)); do
  rm -f "$TMP"/db.sqlite*
  t0=$(now); "$BIN" --db "$TMP/db.sqlite" --ocr off ingest -q "$DIR" >/dev/null 2>&1 || true; t1=$(now)
  echo "$t1 - $t0" | bc -l >> "$TMP/pm"
  rm -f "$TMP"/db.sqlite*
  t0=$(now); "$BIN" --db "$TMP/db.sqlite" ingest -q "$DIR" >/dev/null 2>&1 || true; t1=$(now)
  echo "$t1 - $t0" | bc -l >> "$TMP/po"
  t0=$(now); for f in "${FILES[@]}"; do pdftotext "$f" "$TMP/out.txt" 2>/dev/null || true; done; t1=$(now)
  echo "$t1 - $t0" | bc -l >> "$TMP/pt"
done
PM=$(median < "$TMP/pm"); PT=$(median < "$TMP/pt"); PO=$(median < "$TMP/po")
OCRP=$(sqlite3 "$TMP/db.sqlite" "SELECT count(*) FROM pages WHERE ocr_confidence IS NOT NULL" 2>/dev/null || echo 0)
/usr/bin/time -o "$TMP/mem" -f '%M' "$BIN" --db "$TMP/mem.sqlite" ingest -q "$DIR" >/dev/null 2>&1 || true
MEM=$(tail -1 "$TMP/mem")
printf '| %s | files | pages | median s | pages/s |\n|---|---|---|---|---|\n' "tool ($ROUNDS rounds, same run)"
printf '| planmine ingest --ocr off (all stages + SQLite) | %d | %d | %.2f | %.0f |\n' "${#FILES[@]}" "$PAGES" "$PM" "$(echo "$PAGES / $PM" | bc -l)"
printf '| planmine ingest (OCR of %d pages without a usable text layer) | %d | %d | %.2f | %.0f |\n' "$OCRP" "${#FILES[@]}" "$PAGES" "$PO" "$(echo "$PAGES / $PO" | bc -l)"
printf '| pdftotext (text only, one process per file) | %d | %d | %.2f | %.0f |\n' "${#FILES[@]}" "$PAGES" "$PT" "$(echo "$PAGES / $PT" | bc -l)"
printf '\nratio planmine (OCR off) / pdftotext wall time: %.2f×; OCR: %.1f s per page; planmine peak RSS (with OCR): %s KiB\n' \
  "$(echo "$PM / $PT" | bc -l)" "$(echo "($PO - $PM) / ($OCRP + 0.0001)" | bc -l)" "$MEM"
