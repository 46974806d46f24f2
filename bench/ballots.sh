#!/usr/bin/env bash
# Benchmark: casting ballots over HTTP. 64 concurrent voters on SQLite, release build, loopback.
# Targets: >= 1,000 ballots/s, p99 <= 50 ms, and as many ballots stored as requests accepted (201).
#   1. wrk, 64 connections, SECONDS long: throughput and latency. wrk stops with requests in
#      flight and never reads their answers, so here stored ballots must lie between the 201s it
#      saw and those plus the requests in flight.
#   2. The exact count (bench/ballots_exact.py): 64 voters cast 40 ballots each and every answer is
#      read; stored ballots must equal the 201s exactly.
# Usage: bash bench/ballots.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-8}
scratch=${COOP_RELEASE_SCRATCH:-.build-release}
# COOP_BIN runs a given binary instead, to compare two builds in one session.
coop=${COOP_BIN:-$scratch/release/coop}
[ -n "${COOP_BIN:-}" ] || swift build -c release --product coop --scratch-path "$scratch" 2>&1 | tail -1
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
work=$(mktemp -d)
port=18123
echo 0 > "$work/clock"
LOG_LEVEL=warning "$coop" serve --demo --data-dir "$work/data" --port $port --clock-file "$work/clock" --trusted-proxy 127.0.0.1/32 > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
setup=$(python3 bench/ballot_setup.py "http://127.0.0.1:$port" "$work/clock" "$work/tokens" 64 400)
echo "setup: $setup"
first=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['first_proposal'])" "$setup")
stored() { sqlite3 "$work/data/coop.sqlite" "SELECT COUNT(*) FROM ballots"; }
hello=$(wrk -t2 -c64 -d${seconds}s --latency "http://127.0.0.1:$port/healthz" | grep -E "Requests/sec")
echo "healthz (same server, for scale): $hello"

before=$(stored)
out=$(BENCH_TOKENS="$work/tokens" BENCH_THREADS=2 BENCH_FIRST=$first BENCH_PROPOSALS=300 \
    wrk -t2 -c64 -d${seconds}s --latency -s bench/ballots.lua "http://127.0.0.1:$port")
echo "$out" | grep -E "Requests/sec|Latency|RESULT"
sleep 1  # let the requests in flight finish
after=$(stored)
field() { echo "$out" | sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
created=$(field created); inflight=$(field inflight); duration=$(field duration_s)
echo "wrk: ballots stored $((after - before)); accepted (201) $created; in flight at the stop $inflight"
python3 -c "print(f'wrk: accepted ballots/s {$created / $duration:.0f}')"
if [ "$((after - before))" -ge "$created" ] && [ "$((after - before))" -le "$((created + inflight))" ]; then
    echo "wrk: accepted <= stored <= accepted + in flight: yes"
else
    echo "wrk: accepted <= stored <= accepted + in flight: NO"
fi

before=$(stored)
exact=$(python3 bench/ballots_exact.py 127.0.0.1 $port "$work/tokens" $((first + 300)) 40)
after=$(stored)
echo "exact: $exact"
created=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['created'])" "$exact")
echo "exact: ballots stored $((after - before)); accepted (201) $created"
[ "$((after - before))" = "$created" ] && echo "exact: stored == accepted: yes" || echo "exact: stored == accepted: NO"
