#!/usr/bin/env bash
# The main job, from a fresh Debian 12 machine: install dependencies, build,
# ingest the bundled sample corpus into outputs/planmine.sqlite, print a
# summary and one sample search.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
DB=outputs/planmine.sqlite
mkdir -p outputs
set +e
./build/planmine --db "$DB" ingest corpora/sample/docs --manifest corpora/sample/manifest.csv
rc=$?
set -e
./build/planmine --db "$DB" summary
echo
echo '$ planmine search "participacion ciudadana"'
./build/planmine --db "$DB" search "participacion ciudadana" --limit 5
exit $rc
