#!/usr/bin/env bash
# Installs the Debian packages the benchmark-document generators need
# (corpora/generator/*), beyond scripts/install-deps.sh. Debian 12, as root
# (or with sudo). Safe to run again: installs only what is missing.
set -euo pipefail

PACKAGES=(
  # corpora/generator/writer (LibreOffice Writer documents -> PDF)
  libreoffice-writer-nogui              # soffice --headless --convert-to pdf
  fonts-liberation fonts-dejavu-core    # the documents' fonts
  hyphen-es hyphen-pt-br hyphen-en-us   # patterns for Writer's automatic hyphenation
  poppler-utils                         # pdftotext for check_bow.py
  # corpora/generator/latex (pdflatex and lualatex documents -> PDF)
  texlive-latex-base                    # pdflatex, article, fancyhdr, multicol, geometry, babel (english)
  texlive-latex-recommended             # beamer, xcolor, fontspec
  texlive-latex-extra                   # wrapfig
  texlive-luatex                        # lualatex
  texlive-fonts-recommended lmodern     # Times, Charter, Palatino; Latin Modern (Type 1 and OpenType)
  texlive-lang-spanish texlive-lang-portuguese  # babel spanish/portuguese and their hyphenation patterns
  # scripts/bench_serve.sh
  wrk                                   # HTTP load generator
)

exec bash "$(dirname "$0")/apt-install.sh" install-bench-deps "${PACKAGES[@]}"
