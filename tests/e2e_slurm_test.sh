#!/usr/bin/env bash
# End to end on a real (single-node, loopback) Slurm cluster: plan-shards,
# the array job, the dependent merge, against a single-machine ingest of the
# same files (docs/scale-out.md).
#
#   e2e_slurm_test.sh BUILD_DIR SOURCE_DIR
#
# 1. munged (private key and socket in a temporary folder) and slurmctld +
#    slurmd on 127.0.0.1, free ports, state in the same folder.
# 2. Both real corpora, copied; plan 4 shards; shard 0 is started by hand and
#    killed (SIGKILL) mid-run; then the array (its index 0 resumes the spool)
#    and the merge (afterany). The export equals a single-machine ingest's.
# 3. A file touched, one added, one deleted, a pack edited; planned again;
#    index 1 of the array fails (a node that dies). Merge exits 1 naming
#    shard 1 and the sbatch line that resubmits it; that line is run; merge
#    again; the export equals a single-machine refresh's. A second merge
#    changes nothing.
# 4. Every daemon stopped by its pid (SIGTERM, then SIGKILL).
# Exit 77 (skipped, said why) when not root, or without Slurm, munge or the
# real corpora; with CI=true a missing corpus or package fails instead.
set -uo pipefail
BUILD="$(realpath "${1:?usage: e2e_slurm_test.sh BUILD_DIR SOURCE_DIR}")"
SRC="$(realpath "${2:?usage: e2e_slurm_test.sh BUILD_DIR SOURCE_DIR}")"
BIN="$BUILD/planmine"
SHARED="$SRC/../shared"

skip() {
  if [ "${CI:-}" = "true" ] && [ "${2:-}" = "ci-fails" ]; then
    echo "FAIL: $1 (CI=true: required)" >&2
    exit 1
  fi
  echo "SKIPPED: $1"
  exit 77
}
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
[ "$(id -u)" -eq 0 ] || skip "not root (munged and slurmd run as root here)"
for c in munged slurmctld slurmd sbatch squeue sinfo scancel; do
  command -v "$c" >/dev/null ||
    skip "$c not installed (scripts/install-deps.sh installs slurmctld slurmd slurm-client munge)" ci-fails
done
for c in corpus-real corpus-real-2; do
  [ -d "$SHARED/$c" ] || skip "$SHARED/$c missing" ci-fails
done
[ -x "$BIN" ] || fail "$BIN not built"

T="$(mktemp -d /tmp/planmine-slurm.XXXXXX)"
PIDS=()
stop_daemons() {
  if [ -n "${SLURM_CONF:-}" ] && [ -f "$T/slurmctld.pid" ]; then
    scancel --full "--user=$(id -un)" 2>/dev/null || true
  fi
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    # A slurmd started before munge answered may ignore SIGTERM.
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  PIDS=()
}
cleanup() {
  stop_daemons
  if [ "${KEEP:-0}" = "1" ]; then echo "kept $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT

# A loopback port nothing listens on (a connection refused).
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return
    fi
  done
}

# ---- 1. munge and Slurm on loopback ----------------------------------------
mkdir -p "$T/munge" "$T/state" "$T/spool" "$T/log"
chmod 700 "$T/munge"
dd if=/dev/urandom of="$T/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$T/munge/munge.key"
munged --foreground --force --key-file="$T/munge/munge.key" \
  --socket="$T/munge/munge.sock" --pid-file="$T/munge/munged.pid" \
  --log-file="$T/log/munged.log" --seed-file="$T/munge/munged.seed" \
  >"$T/log/munged.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do [ -S "$T/munge/munge.sock" ] && break; sleep 0.1; done
[ -S "$T/munge/munge.sock" ] || fail "munged did not start: $(cat "$T/log/munged.out" "$T/log/munged.log" 2>/dev/null)"

CPUS="$(nproc)"
cat >"$T/slurm.conf" <<CONF
ClusterName=planmine
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$T/munge/munge.sock
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/log/slurmctld.log
SlurmdLogFile=$T/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
MailProg=/bin/true
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$CPUS State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$T/slurm.conf"
slurmctld -D -i -f "$SLURM_CONF" >"$T/log/slurmctld.out" 2>&1 &
PIDS+=($!)
slurmd -D -N localhost -f "$SLURM_CONF" >"$T/log/slurmd.out" 2>&1 &
PIDS+=($!)
state=""
for _ in $(seq 300); do
  state="$(sinfo -h -o %T 2>/dev/null || true)"
  [ "$state" = "idle" ] && break
  sleep 0.1
done
[ "$state" = "idle" ] || fail "Slurm did not reach idle (state '$state'): $(tail -5 "$T/log/slurmctld.log" "$T/log/slurmd.log" 2>/dev/null)"
echo "slurm: node idle on 127.0.0.1 ($CPUS CPUs)"

# Waits until the cluster has no job left (squeue, not sbatch --wait: its
# polling backs off to tens of seconds).
wait_idle() {
  local limit="$1"
  for _ in $(seq $((limit * 5))); do
    [ -z "$(squeue -h -o %i 2>/dev/null)" ] && return 0
    sleep 0.2
  done
  squeue
  fail "jobs still queued after $limit s"
}

# ---- 2. the corpora, a reference ingest, the sharded one -------------------
mkdir -p "$T/corpus"
cp -r "$SHARED/corpus-real" "$SHARED/corpus-real-2" "$T/corpus/"
cp -r "$SRC/extractors/packs" "$T/packs"
PM=("$BIN" --packs "$T/packs" --ocr off)
# The export of DB in OUT; documents.ingested_at (when a row was written,
# which differs between any two runs) replaced by T.
export_of() {  # DB OUT
  "$BIN" --db "$1" export --out "$2" >/dev/null || fail "export of $1"
  sed -E -i 's/,[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z,/,T,/' "$2/documents.csv"
}
same_export() {  # A B WHAT
  if ! diff -r "$1" "$2" >"$T/diff.txt"; then
    head -40 "$T/diff.txt"
    fail "$3: the exports differ"
  fi
  echo "ok: $3: exports identical ($(cat "$1"/*.csv | wc -l) lines)"
}

"${PM[@]}" --db "$T/ref.sqlite" ingest "$T/corpus" --jobs 2 -q >"$T/ref1.out" 2>&1
rc=$?
[ "$rc" -le 1 ] || fail "reference ingest exit $rc: $(cat "$T/ref1.out")"
export_of "$T/ref.sqlite" "$T/ref1"

"${PM[@]}" --db "$T/shard.sqlite" plan-shards "$T/corpus" --shards 4 --out "$T/run1" >"$T/plan1.out" ||
  fail "plan-shards: $(cat "$T/plan1.out")"
cat "$T/plan1.out"

# Shard 0 by hand, killed once it has spooled two documents.
"$BIN" shard "$T/run1" --index 0 --jobs 1 >"$T/kill.out" 2>&1 &
shard_pid=$!
for _ in $(seq 600); do
  [ "$(grep -c '^ok ' "$T/kill.out")" -ge 2 ] && break
  kill -0 "$shard_pid" 2>/dev/null || break
  sleep 0.05
done
kill -KILL "$shard_pid" 2>/dev/null || fail "shard 0 ended before it could be killed"
wait "$shard_pid" 2>/dev/null
[ -f "$T/run1/shard-0000.partial" ] || fail "no partial spool after the kill"
[ ! -f "$T/run1/shard-0000.spool" ] || fail "a killed shard's spool is complete"
echo "ok: shard 0 killed after $(grep -c '^ok ' "$T/kill.out") documents"

PLANMINE="$BIN" bash "$SRC/scripts/slurm/submit.sh" "$T/run1" "$T/shard.sqlite" 2 || fail "submit"
wait_idle 180
grep -q "already spooled (resuming)" "$T/run1/logs/shard-0.out" ||
  fail "shard 0 did not resume: $(cat "$T/run1/logs/shard-0.out")"
echo "ok: shard 0 resumed: $(grep resuming "$T/run1/logs/shard-0.out")"
grep -q "planmine: .* files:" "$T/run1/logs/merge.out" || fail "merge: $(cat "$T/run1/logs/merge.out")"
tail -1 "$T/run1/logs/merge.out"
[ -f "$T/run1/merged" ] || fail "merge did not complete: $(cat "$T/run1/logs/merge.out")"
export_of "$T/shard.sqlite" "$T/shard1"
same_export "$T/ref1" "$T/shard1" "4 shards on Slurm vs one ingest"

# ---- 3. touch, add, delete, edit a pack; one shard fails -------------------
touch -d '+1 hour' "$T/corpus/corpus-real-2/co-taller-salud.pdf"
cp "$T/corpus/corpus-real-2/co-carta-msf-covid.pdf" "$T/corpus/corpus-real-2/co-carta-msf-covid-copia.pdf"
rm "$T/corpus/corpus-real-2/ec-pdae-manual-usuarios.pdf"
printf 'health.hospitalaria              \\bred\\s+hospitalaria\\b\n' >>"$T/packs/themes.es.pat"

"${PM[@]}" --db "$T/ref.sqlite" refresh "$T/corpus" --jobs 2 -q >"$T/ref2.out" 2>&1
rc=$?
[ "$rc" -le 1 ] || fail "reference refresh exit $rc: $(cat "$T/ref2.out")"
export_of "$T/ref.sqlite" "$T/ref2"

"${PM[@]}" --db "$T/shard.sqlite" plan-shards "$T/corpus" --shards 4 --out "$T/run2" >"$T/plan2.out" ||
  fail "plan-shards: $(cat "$T/plan2.out")"
cat "$T/plan2.out"
cat >"$T/dying-node" <<EOF
#!/bin/sh
if [ "\$1" = shard ] && [ "\${SLURM_ARRAY_TASK_ID:-}" = 1 ]; then
  echo "simulated node failure" >&2
  exit 1
fi
exec "$BIN" "\$@"
EOF
chmod +x "$T/dying-node"
PLANMINE="$T/dying-node" bash "$SRC/scripts/slurm/submit.sh" "$T/run2" "$T/shard.sqlite" 4 || fail "submit"
wait_idle 180
grep -q "shard 1 of $T/run2 did not complete" "$T/run2/logs/merge.out" ||
  fail "merge did not name shard 1: $(cat "$T/run2/logs/merge.out")"
[ ! -f "$T/run2/merged" ] || fail "a merge with a failed shard was marked complete"
resubmit="$(grep -A1 'Resubmit it' "$T/run2/logs/merge.out" | tail -1 | sed 's/^ *//')"
echo "ok: merge named shard 1: $resubmit"
case "$resubmit" in "sbatch --array=1 "*) ;; *) fail "resubmit line: '$resubmit'" ;; esac
# Merge's exit code, from the command line (the job's is not kept without
# accounting): 1.
"$BIN" --db "$T/shard.sqlite" merge "$T/run2" >"$T/merge2.out" 2>&1
rc=$?
[ "$rc" -eq 1 ] || fail "merge with a failed shard: exit $rc"
grep -q "planmine shard $T/run2 --index 1" "$T/merge2.out" || fail "merge: $(cat "$T/merge2.out")"

export PLANMINE="$BIN"
eval "$resubmit" >/dev/null || fail "resubmit"
wait_idle 120
grep -q "complete:" "$T/run2/logs/shard-1.out" || fail "resubmitted shard: $(cat "$T/run2/logs/shard-1.out")"
"$BIN" --db "$T/shard.sqlite" merge "$T/run2" >"$T/merge3.out" 2>&1
rc=$?
[ "$rc" -le 1 ] || fail "merge after the resubmit: exit $rc: $(cat "$T/merge3.out")"
[ -f "$T/run2/merged" ] || fail "merge after the resubmit not complete: $(cat "$T/merge3.out")"
tail -1 "$T/merge3.out"
export_of "$T/shard.sqlite" "$T/shard2"
same_export "$T/ref2" "$T/shard2" "touched, added, deleted, pack edited, one shard resubmitted vs one refresh"

# Idempotent: a second merge changes nothing.
before="$(sqlite3 "$T/shard.sqlite" 'SELECT count(*) FROM ingest_runs')"
"$BIN" --db "$T/shard.sqlite" merge "$T/run2" >"$T/merge4.out" 2>&1 || fail "merge again: $(cat "$T/merge4.out")"
grep -q "already merged" "$T/merge4.out" || fail "second merge: $(cat "$T/merge4.out")"
[ "$(sqlite3 "$T/shard.sqlite" 'SELECT count(*) FROM ingest_runs')" = "$before" ] || fail "a second merge wrote a run"
export_of "$T/shard.sqlite" "$T/shard3"
same_export "$T/shard2" "$T/shard3" "a second merge"
echo "PASS: e2e_slurm"
