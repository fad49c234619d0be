#!/usr/bin/env bash
# Benchmark: full ingest of folders of PDFs (default ../shared/corpus-real
# and ../shared/corpus-real-2) against pdftotext over the same files,
# alternating in the same run. For each corpus and tool: wall time, CPU time
# (user + sys of the process and every child it waited for: planmine's
# workers, each pdftotext) and peak RSS (the largest single process: the
# parent or a worker; the largest pdftotext), medians over the rounds.
#   scripts/bench_ingest.sh [ROUNDS [OCR_ROUNDS [FOLDER...]]]
# ROUNDS (default 5) rounds of planmine --ocr off and pdftotext; OCR_ROUNDS
# (default 3, 0 to skip) of them also run planmine with OCR on, which takes
# several times longer. planmine runs with --jobs 2 (JOBS=N to change);
# PLANMINE=path/to/planmine measures another build (planmine-stages beside it);
# BASELINE=path/to/planmine also measures an older build (OCR off) in the
# same rounds, for a before/after in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ] && [ -d "$1" ]; then  # the older form: FOLDER [ROUNDS]
  set -- "${2:-5}" 3 "$1"
fi
ROUNDS="${1:-5}"
OCR_ROUNDS="${2:-3}"
shift $(($# > 2 ? 2 : $#))
DIRS=("$@")
[ ${#DIRS[@]} -gt 0 ] || DIRS=(../shared/corpus-real ../shared/corpus-real-2)
JOBS="${JOBS:-2}"
BIN="${PLANMINE:-./build/planmine}"
[ -x "$BIN" ] || { echo "build first: scripts/build.sh" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# measure NAME CMD...: appends "wall cpu maxrss_kib" to $TMP/NAME.
measure() {
  local name=$1
  shift
  /usr/bin/time -o "$TMP/time" -f '%e %U %S %M' "$@" >/dev/null 2>&1 || true
  # The last line: a failing command's status comes first.
  tail -1 "$TMP/time" | awk '{printf "%s %.3f %s\n", $1, $2 + $3, $4}' >> "$TMP/$name"
}

pdftotext_all() {  # one process per file, sequential
  local f
  for f in "$@"; do pdftotext "$f" "$TMP/out.txt" 2>/dev/null || true; done
}
export -f pdftotext_all
export TMP

declare -A NFILES NPAGES NOCR
for c in "${!DIRS[@]}"; do
  mapfile -t FILES < <(find "${DIRS[$c]}" -name '*.pdf' | sort)
  NFILES[$c]=${#FILES[@]}
  p=0
  for f in "${FILES[@]}"; do p=$((p + $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}'))); done
  NPAGES[$c]=$p
done

for ((i = 1; i <= ROUNDS; i++)); do
  for c in "${!DIRS[@]}"; do
    d=${DIRS[$c]}
    mapfile -t FILES < <(find "$d" -name '*.pdf' | sort)
    rm -f "$TMP"/db.sqlite*
    measure "off.$c" "$BIN" --db "$TMP/db.sqlite" --ocr off ingest -q --jobs "$JOBS" "$d"
    if [ -n "${BASELINE:-}" ]; then
      rm -f "$TMP"/db.sqlite*
      measure "base.$c" "$BASELINE" --db "$TMP/db.sqlite" --ocr off ingest -q --jobs "$JOBS" "$d"
    fi
    measure "pt.$c" bash -c 'pdftotext_all "$@"' _ "${FILES[@]}"
    if ((i <= OCR_ROUNDS)); then
      rm -f "$TMP"/db.sqlite*
      measure "on.$c" "$BIN" --db "$TMP/db.sqlite" ingest -q --jobs "$JOBS" "$d"
      NOCR[$c]=$(sqlite3 "$TMP/db.sqlite" "SELECT count(*) FROM pages WHERE ocr_confidence IS NOT NULL" 2>/dev/null || echo 0)
    fi
  done
done

col() { awk -v k="$2" '{print $k}' "$TMP/$1" | median; }
echo "planmine --jobs $JOBS; $ROUNDS rounds (OCR on: $OCR_ROUNDS), alternating in the same run; medians"
echo
echo '| corpus | tool | files | pages | wall s | CPU s | CPU ms/page | peak RSS MB | wall / pdftotext | CPU / pdftotext |'
echo '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|'
for c in "${!DIRS[@]}"; do
  name=$(basename "${DIRS[$c]}")
  ptw=$(col "pt.$c" 1)
  ptc=$(col "pt.$c" 2)
  for t in base off on pt; do
    [ -s "$TMP/$t.$c" ] || continue
    case $t in
      base) label='baseline planmine --ocr off ingest' ;;
      off) label='planmine --ocr off ingest' ;;
      on) label="planmine ingest (OCR of ${NOCR[$c]:-?} pages)" ;;
      pt) label='pdftotext, one process per file' ;;
    esac
    w=$(col "$t.$c" 1)
    cpu=$(col "$t.$c" 2)
    rss=$(col "$t.$c" 3)
    printf '| %s | %s | %d | %d | %.2f | %.2f | %.2f | %.0f | %.2f× | %.2f× |\n' \
      "$name" "$label" "${NFILES[$c]}" "${NPAGES[$c]}" "$w" "$cpu" \
      "$(echo "1000 * $cpu / ${NPAGES[$c]}" | bc -l)" "$(echo "$rss / 1024" | bc -l)" \
      "$(echo "$w / $ptw" | bc -l)" "$(echo "$cpu / $ptc" | bc -l)"
  done
done
