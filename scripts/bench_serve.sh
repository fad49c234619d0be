#!/usr/bin/env bash
# Benchmark: planmine serve under load. Requests per second and p50/p95/p99
# latency for the search page, the search API, document pages and
# commitment pages, with 1, 8 and 64 concurrent clients (wrk, each run
# bounded in time), on the million-sentence synthetic index of
# scripts/bench_search.sh (built here unless an index is given).
#   scripts/bench_serve.sh [INDEX] [SECONDS]      (default: build it; 10 s)
# CLASSES="search-docs-api" CLIENTS="1 8" runs a part; PLANMINE=path/to/planmine
# measures another build's server. Needs wrk (scripts/install-bench-deps.sh).
# The load generator runs on the same machine as the server: its CPU counts
# against the server's.
set -euo pipefail
cd "$(dirname "$0")/.."
INDEX="${1:-}"
SECONDS_PER_RUN="${2:-10}"
THREADS="${PLANMINE_SERVE_THREADS:-4}"
CLASSES="${CLASSES:-search-page search-api search-docs-api document-page commitment-page}"
CLIENTS="${CLIENTS:-1 8 64}"
BIN="${PLANMINE:-./build/planmine}"
command -v wrk >/dev/null || { echo "needs wrk: scripts/install-bench-deps.sh" >&2; exit 2; }
[ -x "$BIN" ] || { echo "build first: scripts/build.sh (or PLANMINE=path)" >&2; exit 2; }
for class in $CLASSES; do
  case "$class" in
    search-page|search-api|search-docs-api|document-page|commitment-page) ;;
    *) echo "unknown class '$class': search-page search-api search-docs-api document-page commitment-page" >&2; exit 2 ;;
  esac
done
TMP=$(mktemp -d)
SERVER=
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
if [ -z "$INDEX" ]; then
  [ -x build/search_bench ] || { echo "build first: scripts/build.sh" >&2; exit 2; }
  ./build/planmine --db "$TMP/real.sqlite" --ocr off ingest -q ../shared/corpus-real || true
  ./build/search_bench --source "$TMP/real.sqlite" --out "$TMP/big.sqlite" --copies 136 --runs 1 >/dev/null
  INDEX="$TMP/big.sqlite"
  # The synthetic copies share their original's doc_key (the first 16 hex
  # digits of the SHA-256); give each its own, as distinct files have.
  sqlite3 "$INDEX" "UPDATE documents SET sha256 = lower(hex(randomblob(32)))
    WHERE id NOT IN (SELECT min(id) FROM documents GROUP BY substr(sha256, 1, 16))"
fi
SENTENCES=$(sqlite3 "$INDEX" "SELECT count(*) FROM sentences")
DOCS=$(sqlite3 "$INDEX" "SELECT count(*) FROM documents")

# A server of its own for each run, so that requests still queued from a
# run (a slow class with 64 clients) do not count against the next.
start_server() {
  "$BIN" --db "$INDEX" serve --port 0 --threads "$THREADS" -q 2>"$TMP/serve.log" &
  SERVER=$!
  PORT=
  for _ in $(seq 1 100); do
    PORT=$(sed -n 's/.*on http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$TMP/serve.log")
    [ -n "$PORT" ] && return 0
    sleep 0.1
  done
  cat "$TMP/serve.log" >&2
  exit 1
}
stop_server() {
  kill "$SERVER" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$SERVER" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  SERVER=
}

# The requests of each class, visited in turn.
TERMS="transparencia participación datos+abiertos accountability rendición+de+cuentas open+data informação corrupción gobierno+abierto beneficial+ownership"
for t in $TERMS; do echo "/search?q=$t"; done > "$TMP/search-page"
for t in $TERMS; do echo "/api/search?q=$t"; done > "$TMP/search-api"
for t in $TERMS; do echo "/api/search?q=$t&by=document&limit=20"; done > "$TMP/search-docs-api"
sqlite3 "$INDEX" "SELECT '/documents/' || substr(sha256, 1, 16) FROM documents
  WHERE status = 'ok' ORDER BY random() LIMIT 200" > "$TMP/document-page"
sqlite3 "$INDEX" "SELECT '/commitments/' || substr(d.sha256, 1, 16) || '-c' || c.seq
  FROM commitments c JOIN documents d ON d.id = c.doc_id ORDER BY random() LIMIT 200" > "$TMP/commitment-page"

cat > "$TMP/rotate.lua" <<'LUA'
local urls = {}
for line in io.lines(os.getenv("BENCH_URLS")) do urls[#urls + 1] = line end
local i = math.random(#urls)
request = function()
  i = i % #urls + 1
  return wrk.format("GET", urls[i])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %.1f %.1f %.1f %.1f %d %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.errors.status,
    summary.errors.timeout + summary.errors.connect + summary.errors.read))
end
LUA

printf '%s sentences, %s documents; server: %s threads; %s s per run; load before %s\n\n' \
  "$SENTENCES" "$DOCS" "$THREADS" "$SECONDS_PER_RUN" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '| requests | clients | req/s | p50 ms | p95 ms | p99 ms | non-2xx | socket errors |\n'
printf '|---|---|---|---|---|---|---|---|\n'
for class in $CLASSES; do
  for c in $CLIENTS; do
    start_server
    # Warm each thread's connection (opened on its first request) first.
    BENCH_URLS="$TMP/$class" wrk -t1 -c"$THREADS" -d1s --timeout 30s -s "$TMP/rotate.lua" \
      "http://127.0.0.1:$PORT" >/dev/null
    t=$(( c < 2 ? 1 : 2 ))
    line=$(BENCH_URLS="$TMP/$class" wrk -t"$t" -c"$c" -d"${SECONDS_PER_RUN}s" --timeout 30s \
      -s "$TMP/rotate.lua" "http://127.0.0.1:$PORT" | grep '^RESULT')
    read -r _ n rps p50 p95 p99 bad sock <<<"$line"
    printf '| %s | %d | %s | %s | %s | %s | %s | %s |\n' "$class" "$c" "$rps" "$p50" "$p95" "$p99" "$bad" "$sock"
    stop_server
  done
done
