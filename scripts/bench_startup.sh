#!/usr/bin/env bash
# Start-up time of each query command: wall time of the whole process, the
# median of RUNS runs (default 20), on an index of both real corpora (or of
# corpora/sample when ../shared is not here). For scale, the same for
# `sqlite3 INDEX 'SELECT 1'` and for planmine-stages --help (every stage's
# libraries loaded).
#   scripts/bench_startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-20}"
[ -x build/planmine ] || { echo "build first: scripts/build.sh" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
DB="$TMP/index.sqlite"
if [ -d ../shared/corpus-real ] && [ -d ../shared/corpus-real-2 ]; then
  ./build/planmine ingest -q --ocr off ../shared/corpus-real ../shared/corpus-real-2 --db "$DB" >/dev/null 2>&1 || true
else
  ./build/planmine ingest -q --ocr off corpora/sample/docs --db "$DB" >/dev/null 2>&1 || true
fi
python3 - "$DB" "$RUNS" <<'PY'
import statistics, subprocess, sys, time
db, runs = sys.argv[1], int(sys.argv[2])
B = "./build/planmine"
cases = [
    ("--version", [B, "--version"]),
    ("search", [B, "search", "participacion ciudadana", "--db", db]),
    ("search --format json", [B, "search", "open data", "--format", "json", "--db", db]),
    ("documents", [B, "documents", "--db", db]),
    ("commitments", [B, "commitments", "--country", "CO", "--db", db]),
    ("themes", [B, "themes", "--db", db]),
    ("statements", [B, "statements", "--db", db]),
    ("entities", [B, "entities", "--db", db]),
    ("compare", [B, "compare", "--db", db]),
    ("timeline", [B, "timeline", "--theme", "open_data", "--db", db]),
    ("summary", [B, "summary", "--db", db]),
    ("status", [B, "status", "--db", db]),
    ("failures", [B, "failures", "--db", db]),
    ("(peer) sqlite3 INDEX 'SELECT 1'", ["sqlite3", db, "SELECT 1"]),
    ("(for scale) planmine-stages --help", ["./build/planmine-stages", "--help"]),
]
print(f"| command | median ms ({runs} runs) | min ms | max ms |")
print("|---|---|---|---|")
for name, cmd in cases:
    ts = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ts.append((time.perf_counter() - t) * 1000)
    print(f"| `{name}` | {statistics.median(ts):.1f} | {min(ts):.1f} | {max(ts):.1f} |")
PY
