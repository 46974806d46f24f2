#!/usr/bin/env bash
# Benchmark: closing a fiscal period over 1,000,000 and then 10,000,000 ledger postings for 100,000
# members on SQLite (target: <= 10 s at 10,000,000, memory not growing with the postings), with the
# code the server uses, in a release build. Each run is its own process on a fresh data directory:
# the release `coop-bench period` founds the demo co-op, fills fiscal period 1 inside
# SQLite (not timed), then times the close and the posting of the allocation.
# Usage: bash bench/periods.sh [MEMBERS] [POSTINGS...]   (defaults: 100000 1000000 10000000)
# The data directories go under $TMPDIR (10,000,000 postings take about 6 GB) and are removed.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${COOP_RELEASE_SCRATCH:-.build-release}
members=${1:-100000}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 10000000)
swift build -c release --product coop-bench --scratch-path "$scratch" 2>&1 | tail -1
work=$(mktemp -d "${TMPDIR:-/tmp}/coop-periods.XXXXXX")
trap 'rm -rf "$work"' EXIT
for n in "${sizes[@]}"; do
    echo "== $members members, $n postings"
    out=$("$scratch/release/coop-bench" period --data-dir "$work/$n" --members "$members" --postings "$n")
    echo "$out"
    tail -1 <<<"$out" >>"$work/results.jsonl"
    # The same close once more, on the same data (period 1 reopened): a second figure from one seed.
    again=$("$scratch/release/coop-bench" period --data-dir "$work/$n" --reclose | tail -1)
    echo "close again: $again"
    echo "$n $again" >>"$work/again.txt"
    echo "database: $(du -sh "$work/$n" | cut -f1)"
    rm -rf "${work:?}/$n"
done
python3 - "$work/results.jsonl" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
print()
print("| postings | members | lines | seed (not timed) | close | post | RSS before close | peak during close | peak during post |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for r in rows:
    print(f"| {r['postings']:,} | {r['members']:,} | {r['lines']:,} | {r['seed_s']:.0f} s | {r['close_s']:.2f} s | "
          f"{r['post_s']:.2f} s | {r['rss_before_close_mb']:.0f} MB | {r['hwm_close_mb']:.0f} MB | {r['hwm_post_mb']:.0f} MB |")
if len(rows) >= 2:
    a, b = rows[0], rows[-1]
    print()
    print(f"{b['postings'] / a['postings']:.0f}x the postings: close {b['close_s'] / a['close_s']:.1f}x the time, "
          f"peak during close {b['hwm_close_mb'] / a['hwm_close_mb']:.2f}x the memory")
again = {}
for line in open(sys.argv[1].replace("results.jsonl", "again.txt")):
    n, text = line.split(" ", 1)
    again[int(n)] = json.loads(text)["reclose_s"]
print()
print("close again, period 1 reopened: " + ", ".join(f"{n:,} postings {s:.2f} s" for n, s in again.items()))
if not all(r["peak_reset"] for r in rows):
    print("(the peak could not be reset after seeding: the peaks include the seeding)")
PY
