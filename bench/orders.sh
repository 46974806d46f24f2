#!/usr/bin/env bash
# Benchmark: placing orders over HTTP, 64 concurrent customers on SQLite (the 100,000 listings of
# bench/search.sh), release build, loopback. Target: >= 1,000 orders/s, none lost, none oversold.
#   1. wrk, 64 connections, SECONDS long, half goods (one item at a time from 50 goods: 45 with
#      1,000 items, 5 with 20 that sell out early in the run) and half services. Stored orders must
#      lie between the 201s wrk saw and those plus the requests in flight; for every good, items
#      sold + stock left must equal its stock at the start, and no stock is below zero.
#   2. The exact count (bench/orders_exact.py): 64 customers race for the last 300 items of 3 goods
#      with every answer read: exactly 300 orders are stored, 201 answers equal stored orders, and
#      the three stocks end at zero.
# Usage: bash bench/orders.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-8}
scratch=${COOP_RELEASE_SCRATCH:-.build-release}
# COOP_BIN (and COOP_BENCH_BIN) run given binaries instead, to compare two builds in one session.
coop=${COOP_BIN:-$scratch/release/coop}
bench=${COOP_BENCH_BIN:-$scratch/release/coop-bench}
[ -n "${COOP_BIN:-}" ] || swift build -c release --product coop --scratch-path "$scratch" 2>&1 | tail -1
[ -n "${COOP_BENCH_BIN:-}" ] || swift build -c release --product coop-bench --scratch-path "$scratch" 2>&1 | tail -1
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
command -v sqlite3 >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null; }
work=$(mktemp -d)
port=18126
db="$work/data/coop.sqlite"
"$bench" seed --data-dir "$work/data" --listings 100000 --workers 5000
# 50 goods for the wrk run (45 with 1,000 items, 5 with 20), 3 with 100 each for the exact race, 50 services.
sqlite3 "$db" "UPDATE listings SET stock = 1000 WHERE rowid IN (SELECT rowid FROM listings WHERE unit = 'per_item' ORDER BY rowid LIMIT 45)"
sqlite3 "$db" "UPDATE listings SET stock = 20 WHERE rowid IN (SELECT rowid FROM listings WHERE unit = 'per_item' ORDER BY rowid LIMIT 5 OFFSET 45)"
sqlite3 "$db" "UPDATE listings SET stock = 100 WHERE rowid IN (SELECT rowid FROM listings WHERE unit = 'per_item' ORDER BY rowid LIMIT 3 OFFSET 50)"
sqlite3 "$db" "SELECT id || '|' || stock FROM listings WHERE unit = 'per_item' ORDER BY rowid LIMIT 50" > "$work/stock"
sqlite3 "$db" "SELECT 'good ' || id FROM listings WHERE unit = 'per_item' ORDER BY rowid LIMIT 50" > "$work/listings"
sqlite3 "$db" "SELECT 'service ' || id FROM listings WHERE unit = 'per_hour' ORDER BY rowid LIMIT 50" >> "$work/listings"
race=$(sqlite3 "$db" "SELECT group_concat(id) FROM (SELECT id FROM listings WHERE unit = 'per_item' ORDER BY rowid LIMIT 3 OFFSET 50)")
LOG_LEVEL=warning "$coop" serve --demo --data-dir "$work/data" --port $port --trusted-proxy 127.0.0.1/32 > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
python3 - "http://127.0.0.1:$port" "$work/tokens" 64 <<'PY'
import json, sys, urllib.request
from concurrent.futures import ThreadPoolExecutor
base, path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
def call(p, body, i=0):
    # Each customer signs up from an address of its own (through the trusted proxy, as behind nginx):
    # sign-ups are limited per address.
    headers = {"Content-Type": "application/json", "X-Forwarded-For": f"10.77.{i // 250}.{i % 250 + 1}"}
    req = urllib.request.Request(base + p, method="POST", data=json.dumps(body).encode(), headers=headers)
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read() or b"null")
def customer(i):
    email = f"customer{i}@bench.invalid"
    call("/api/v1/users", {"name": f"Customer {i}", "email": email, "password": "bench-password-1"}, i)
    return call("/api/v1/tokens", {"email": email, "password": "bench-password-1", "label": "bench"}, i)["token"]
with ThreadPoolExecutor(8) as pool:
    tokens = list(pool.map(customer, range(n)))
open(path, "w").write("\n".join(tokens) + "\n")
PY
orders() { sqlite3 "$db" "SELECT COUNT(*) FROM orders"; }

before=$(orders)
out=$(BENCH_TOKENS="$work/tokens" BENCH_LISTINGS="$work/listings" wrk -t2 -c64 -d${seconds}s --latency -s bench/orders.lua "http://127.0.0.1:$port")
echo "$out" | grep -E "Requests/sec|Latency|RESULT"
sleep 1  # let the requests in flight finish
after=$(orders)
field() { echo "$out" | sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
created=$(field created); inflight=$(field inflight); duration=$(field duration_s)
python3 -c "print(f'wrk: orders placed (201) per second {$created / $duration:.0f}')"
echo "wrk: orders stored $((after - before)); placed (201) $created; sold out (409) $(field soldout); other $(field other); in flight at the stop $inflight"
if [ "$((after - before))" -ge "$created" ] && [ "$((after - before))" -le "$((created + inflight))" ]; then
    echo "wrk: placed <= stored <= placed + in flight: yes"
else
    echo "wrk: placed <= stored <= placed + in flight: NO"
fi
sqlite3 "$db" "SELECT id || '|' || stock || '|' || (SELECT COALESCE(SUM(o.quantity), 0) FROM orders o WHERE o.listing_id = l.id)
    FROM listings l WHERE unit = 'per_item' ORDER BY rowid LIMIT 50" > "$work/stock_after"
python3 - "$work/stock" "$work/stock_after" <<'PY'
import sys
start = dict(line.strip().split("|") for line in open(sys.argv[1]) if line.strip())
rows = [line.strip().split("|") for line in open(sys.argv[2]) if line.strip()]
negative = sum(1 for _, left, _ in rows if int(left) < 0)
wrong = sum(1 for i, left, sold in rows if int(left) + int(sold) != int(start[i]))
soldout = sum(1 for _, left, _ in rows if int(left) == 0)
print(f"wrk: goods {len(rows)}; sold out {soldout}; below zero {negative}; sold + left != stock at start: {wrong}"
      f" ({'none oversold or lost' if negative == 0 and wrong == 0 else 'WRONG'})")
PY

before=$(orders)
exact=$(python3 bench/orders_exact.py 127.0.0.1 $port "$work/tokens" "$race" 8)
after=$(orders)
echo "exact: $exact"
created=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['created'])" "$exact")
left=$(sqlite3 "$db" "SELECT SUM(stock) FROM listings WHERE rowid IN (SELECT rowid FROM listings WHERE unit = 'per_item' ORDER BY rowid LIMIT 3 OFFSET 50)")
echo "exact: 512 orders for 300 items: stored $((after - before)); placed (201) $created; stock left $left"
[ "$((after - before))" = "$created" ] && [ "$created" = 300 ] && [ "$left" = 0 ] && echo "exact: stored == placed == 300 and stock 0: yes" || echo "exact: NO"
