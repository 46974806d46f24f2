#!/usr/bin/env bash
# Benchmark: casting ballots over HTTP. 64 concurrent voters (wrk, 64 connections, loopback) on
# SQLite, release build. Targets: >= 1,000 ballots/s, p99 <= 50 ms, and as many ballots stored as
# requests accepted (201). Usage: bash bench/ballots.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-8}
scratch=${COOP_RELEASE_SCRATCH:-.build-release}
swift build -c release --product coop --scratch-path "$scratch" 2>&1 | tail -1
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
work=$(mktemp -d)
port=18123
echo 0 > "$work/clock"
LOG_LEVEL=warning "$scratch/release/coop" serve --demo --data-dir "$work/data" --port $port --clock-file "$work/clock" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
setup=$(python3 bench/ballot_setup.py "http://127.0.0.1:$port" "$work/clock" "$work/tokens" 64 400)
echo "setup: $setup"
first=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['first_proposal'])" "$setup")
before=$(sqlite3 "$work/data/coop.sqlite" "SELECT COUNT(*) FROM ballots")
hello=$(wrk -t2 -c64 -d${seconds}s --latency "http://127.0.0.1:$port/healthz" | grep -E "Requests/sec")
echo "healthz (same server, for scale): $hello"
out=$(BENCH_TOKENS="$work/tokens" BENCH_THREADS=2 BENCH_FIRST=$first BENCH_PROPOSALS=400 \
    wrk -t2 -c64 -d${seconds}s --latency -s bench/ballots.lua "http://127.0.0.1:$port")
echo "$out" | grep -E "Requests/sec|Latency|RESULT"
after=$(sqlite3 "$work/data/coop.sqlite" "SELECT COUNT(*) FROM ballots")
created=$(echo "$out" | sed -n 's/.*created=\([0-9]*\).*/\1/p')
duration=$(echo "$out" | sed -n 's/.*duration_s=\([0-9.]*\).*/\1/p')
echo "ballots stored: $((after - before)); requests accepted (201): $created"
python3 -c "print(f'accepted ballots/s: {$created / $duration:.0f}')"
[ "$((after - before))" = "$created" ] && echo "stored == accepted: yes" || echo "stored == accepted: NO"
