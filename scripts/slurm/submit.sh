#!/usr/bin/env bash
# submit.sh RUN DB [K]: submits a planned run (planmine plan-shards … --out
# RUN) to Slurm: its N shards as one job array, at most K at once (default
# 8), and the merge into DB after them (afterany: it runs even when a shard
# fails, and then says what to resubmit). Logs in RUN/logs/. Extra sbatch
# options (partition, account, time) go in SBATCH_* variables, e.g.
# SBATCH_PARTITION=batch. Prints the two job ids.
#   scripts/slurm/submit.sh /scratch/run-2026-12-02 /srv/planmine/index.sqlite 16
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
RUN="$(realpath "${1:?usage: submit.sh RUN DB [K]}")"
DB="$(realpath -m "${2:?usage: submit.sh RUN DB [K]}")"
K="${3:-8}"
N="$(cat "$RUN/shard-count")"
if [ -z "${PLANMINE:-}" ] && [ -x "$here/../../build/planmine" ]; then
  PLANMINE="$(realpath "$here/../../build/planmine")"
fi
export PLANMINE="${PLANMINE:-planmine}" PLANMINE_SLURM_DIR="$here"
mkdir -p "$RUN/logs"
array="$(sbatch --parsable --array="0-$((N - 1))%$K" --output="$RUN/logs/shard-%a.out" "$here/shard.sbatch" "$RUN")"
merge="$(sbatch --parsable --dependency="afterany:${array%%;*}" --output="$RUN/logs/merge.out" "$here/merge.sbatch" "$RUN" "$DB")"
echo "planmine: shards: job ${array%%;*} (array 0-$((N - 1)), $K at once); merge: job ${merge%%;*} -> $DB"
