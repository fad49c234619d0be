#!/usr/bin/env bash
# Extraction benchmark: every ground-truth family of every producer, and the
# hand-checked real pages, scored for planmine against pdftotext (default
# and -raw) in the same run; then all three timed on ../shared/corpus-real.
# Output is Markdown for docs/benchmarks.md.
#
#   bash scripts/bench_extract.sh [SEEDS]     # default seeds 11,12,13
#
# The producers: cairo (make_corpus --bench, one seed), LaTeX (pdflatex,
# lualatex, beamer: corpora/generator/latex) and LibreOffice Writer
# (corpora/generator/writer); the last two need scripts/install-bench-deps.sh
# and are skipped with a message when their tools are missing. Seeds 1 and 2
# were used while writing the layout rules; the default seeds were not.
set -euo pipefail
cd "$(dirname "$0")/.."
SEEDS="${1:-11,12,13}"
bash scripts/install-bench-deps.sh >/dev/null
[ -x build/extract_bench ] || bash scripts/build.sh
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
./build/corpora/make_corpus --bench "$OUT/cairo" >/dev/null
echo "### cairo (make_corpus --bench)"
echo
./build/extract_bench "$OUT/cairo" | sed '/^speed/,$d'
if command -v pdflatex >/dev/null && command -v lualatex >/dev/null; then
  python3 corpora/generator/latex/make_latex.py "$OUT/latex" --seeds "$SEEDS" >/dev/null
  echo "### LaTeX: pdflatex, lualatex, beamer (seeds $SEEDS)"
  echo
  ./build/extract_bench "$OUT/latex" | sed '/^speed/,$d'
else
  echo "(LaTeX families skipped: pdflatex/lualatex missing; run scripts/install-bench-deps.sh)"
fi
if command -v soffice >/dev/null; then
  python3 corpora/generator/writer/make_writer.py "$OUT/writer" --seeds "$SEEDS" >/dev/null
  echo "### LibreOffice Writer (seeds $SEEDS)"
  echo
  ./build/extract_bench "$OUT/writer" | sed '/^speed/,$d'
else
  echo "(Writer families skipped: soffice missing; run scripts/install-bench-deps.sh)"
fi
echo "### Real pages, hand-checked (tests/layout_truth/real)"
echo
./build/extract_bench --pages tests/layout_truth/real/MANIFEST.tsv ../shared
if [ -d ../shared/corpus-real ]; then
  echo "### ../shared/corpus-real (timing only: no ground truth)"
  echo
  ./build/extract_bench ../shared/corpus-real
fi
