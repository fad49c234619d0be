#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang (ASan + UBSan + coverage) into
# build-fuzz/ and runs each for SECONDS (default 20) on a seed corpus from
# the repository. Exit 1 if any harness finds a crash, a leak or a hang; the
# input that did it is kept in build-fuzz/artifacts/.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-20}"
B=build-fuzz
CC=clang CXX=clang++ cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPLANMINE_FUZZ=ON -DPLANMINE_TESTS=OFF >/dev/null
cmake --build "$B" -j"$(nproc)" --target fuzz_query fuzz_pattern_pack fuzz_normalizer fuzz_extract fuzz_manifest >/dev/null

seed() {  # seed DIR FILES...
  local dir="$1"; shift
  rm -rf "$dir"; mkdir -p "$dir"
  for f in "$@"; do [ -f "$f" ] && cp "$f" "$dir/"; done
  return 0
}
C="$B/corpus"
seed "$C/query" /dev/null
printf '%s\n' 'participacion ciudadana' '"datos abiertos"' 'partic* AND NOT salud' \
  'theme:open_data año' 'NEAR(transparencia cuentas, 3)' 'beneficiarios finales' \
  '(a OR "b c") AND d*' 'informação' | split -l 1 - "$C/query/q-"
seed "$C/pattern_pack" extractors/packs/*.pat
seed "$C/normalizer" corpora/sample/docs/*.md corpora/sample/truth/*.txt
seed "$C/extract" corpora/sample/docs/*.pdf
seed "$C/manifest" ../shared/corpus-real/MANIFEST.tsv
[ -f ../shared/corpus-real-2/MANIFEST.tsv ] && cp ../shared/corpus-real-2/MANIFEST.tsv "$C/manifest/m-real-2.tsv"
printf 'path,country,year,doc_type,title\n2020/plan.pdf,co,2020,action_plan,"Plan ""IV""\nde acción"\nplan.pdf,BR,,slides,\n' >"$C/manifest/m-csv"
printf '\xef\xbb\xbfpath,language\r\na.pdf,es\r\n./a.pdf,es\r\n' >"$C/manifest/m-bom"
mkdir -p "$B/artifacts"
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export OMP_THREAD_LIMIT=1
status=0
printf '| harness | seconds | runs | exec/s | coverage (cov) | result |\n|---|---|---|---|---|---|\n'
for h in query pattern_pack normalizer extract manifest; do
  log="$B/fuzz_$h.log"
  extra=()
  [ "$h" = extract ] && extra=(-max_len=200000 -rss_limit_mb=4096 -timeout=30)
  [ "$h" != extract ] && extra=(-max_len=4096 -timeout=10)
  if "./$B/tests/fuzz/fuzz_$h" "$C/$h" -max_total_time="$SECONDS_EACH" -print_final_stats=1 \
      -artifact_prefix="$B/artifacts/$h-" "${extra[@]}" >"$log" 2>&1; then
    result=ok
  else
    result="FAILED (see $log)"; status=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo '?')
  printf '| %s | %s | %s | %s | %s | %s |\n' "$h" "$SECONDS_EACH" "$runs" "$speed" "$cov" "$result"
done
exit $status
