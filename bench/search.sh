#!/usr/bin/env bash
# Benchmark: searching 100,000 listings of 5,000 workers on SQLite, release build, loopback.
# Target: the JSON search and the search page each reach >= 25% of the requests per second of the
# same server's plain "hello" route (/healthz) in the same run, with p99 <= 50 ms (wrk, 64
# connections). Each request takes the next query of a fixed mix (bench/search.lua).
# Usage: bash bench/search.sh [SECONDS] [LISTINGS] [WORKERS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
listings=${2:-100000}
workers=${3:-5000}
scratch=${COOP_RELEASE_SCRATCH:-.build-release}
# COOP_BIN (and COOP_BENCH_BIN) run given binaries instead, to compare two builds in one session.
coop=${COOP_BIN:-$scratch/release/coop}
bench=${COOP_BENCH_BIN:-$scratch/release/coop-bench}
[ -n "${COOP_BIN:-}" ] || swift build -c release --product coop --scratch-path "$scratch" 2>&1 | tail -1
[ -n "${COOP_BENCH_BIN:-}" ] || swift build -c release --product coop-bench --scratch-path "$scratch" 2>&1 | tail -1
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
work=$(mktemp -d)
port=18124
"$bench" seed --data-dir "$work/data" --listings "$listings" --workers "$workers"
LOG_LEVEL=warning "$coop" serve --demo --data-dir "$work/data" --port $port > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
total=$(curl -sf "http://127.0.0.1:$port/api/v1/listings" | python3 -c "import json,sys; print(json.load(sys.stdin)['total'])")
echo "listings searchable: $total"
# Warm up (the first search loads what it needs), then measure.
for path in /api/v1/listings /listings; do curl -sf "http://127.0.0.1:$port$path?q=kitchen" >/dev/null; done
hello=$(wrk -t2 -c64 -d${seconds}s --latency "http://127.0.0.1:$port/healthz" | tee "$work/hello" | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p')
echo "hello (/healthz): $hello requests/s, p99 $(grep -E '^ +99%' "$work/hello" | awk '{print $2}')"
for prefix in /api/v1/listings /listings; do
    out=$(BENCH_PREFIX=$prefix wrk -t2 -c64 -d${seconds}s --latency -s bench/search.lua "http://127.0.0.1:$port")
    rps=$(echo "$out" | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p')
    result=$(echo "$out" | grep RESULT)
    python3 - "$prefix" "$rps" "$hello" "$result" <<'PY'
import sys
prefix, rps, hello, result = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
fields = dict(kv.split("=") for kv in result.split()[1:])
share = rps / hello
p99 = float(fields["p99_ms"])
ok = share >= 0.25 and p99 <= 50 and fields["errors"] == "0" and fields["non2xx"] == "0"
print(f"{prefix}: {rps:.0f} requests/s = {share:.0%} of hello; p50 {fields['p50_ms']} ms, p99 {p99} ms; "
      f"errors {fields['errors']}, non-2xx {fields['non2xx']}; target (>= 25%, p99 <= 50 ms): {'met' if ok else 'NOT met'}")
PY
done
