#!/usr/bin/env bash
# Benchmark: what translation costs a page. The search page (a mix of queries) and a proposal's
# page of the demo co-op, release build, loopback, wrk with 64 connections, asked for in English
# (the source text) and in Spanish (every string looked up in the catalog, numbers and dates by
# Spanish rules), alternated in one run; with COOP_BASE_BIN, also a build from before the pages
# were translatable, for "before". Target: Spanish within 10% of English and of the base build.
# Usage: [COOP_BIN=new] [COOP_BASE_BIN=old] bash bench/languages.sh [SECONDS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
rounds=${2:-2}
scratch=${COOP_RELEASE_SCRATCH:-.build-release}
coop=${COOP_BIN:-$scratch/release/coop}
[ -n "${COOP_BIN:-}" ] || swift build -c release --product coop --scratch-path "$scratch" 2>&1 | tail -1
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
work=$(mktemp -d)
port=18125
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$work"' EXIT
search="/listings,/listings?q=kitchen,/listings?q=garden%20weekly,/listings?category=cleaning,/listings?minPrice=20&maxPrice=40"
proposal="/proposals/1"
run() {  # run LABEL BINARY LANGS...
    local label=$1 binary=$2
    shift 2
    rm -rf "$work/data"
    LOG_LEVEL=warning "$binary" serve --demo --data-dir "$work/data" --port $port > "$work/server.log" 2>&1 &
    server=$!
    for _ in $(seq 150); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
    for lang in "$@"; do
        for page in search proposal; do
            paths=${!page}
            for p in ${paths//,/ }; do curl -sf -H "Accept-Language: $lang" "http://127.0.0.1:$port$p" >/dev/null; done
            out=$(BENCH_PATHS=$paths BENCH_LANG=$lang wrk -t2 -c64 -d${seconds}s --latency -s bench/languages.lua "http://127.0.0.1:$port")
            rps=$(echo "$out" | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p')
            echo "$label $lang $page $rps $(echo "$out" | grep RESULT)" | tee -a "$work/results"
        done
    done
    kill $server; wait $server 2>/dev/null || true
    server=
    for _ in $(seq 30); do ss -ltn | grep -q ":$port " || break; sleep 1; done
}
for r in $(seq "$rounds"); do
    run new "$coop" en es
    [ -z "${COOP_BASE_BIN:-}" ] || run base "$COOP_BASE_BIN" en
done
python3 - "$work/results" <<'PY'
import sys, collections
rows = collections.defaultdict(list)
p99 = collections.defaultdict(list)
for line in open(sys.argv[1]):
    parts = line.split()
    label, lang, page, rps = parts[0], parts[1], parts[2], float(parts[3])
    fields = dict(kv.split("=") for kv in parts[5:])
    assert fields["errors"] == "0" and fields["non2xx"] == "0", line
    rows[(label, lang, page)].append(rps)
    p99[(label, lang, page)].append(float(fields["p99_ms"]))
mean = lambda xs: sum(xs) / len(xs)
for page in ("search", "proposal"):
    en, es = mean(rows[("new", "en", page)]), mean(rows[("new", "es", page)])
    line = f"{page}: English {en:.0f}/s (p99 {max(p99[('new', 'en', page)]):.1f} ms), Spanish {es:.0f}/s (p99 {max(p99[('new', 'es', page)]):.1f} ms): Spanish / English = {es / en:.2f}"
    if ("base", "en", page) in rows:
        base = mean(rows[("base", "en", page)])
        line += f"; base build {base:.0f}/s: Spanish / base = {es / base:.2f}, English / base = {en / base:.2f}"
    print(line)
PY
