#!/usr/bin/env bash
# apt-install.sh NAME PACKAGE...: installs the Debian packages not yet
# installed (as root, or with sudo); says so and does nothing when all are.
# Used by install-deps.sh and install-bench-deps.sh.
set -euo pipefail
name="$1"
shift
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "$name: all $# packages present"
  exit 0
fi
echo "$name: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=900 "${missing[@]}"
