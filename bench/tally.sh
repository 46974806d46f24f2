#!/usr/bin/env bash
# Benchmark of `coop tally` (release build) on 1,000,000 ranked ballots over 10 candidates:
# IRV, Schulze and STV (3 seats), whole command including parsing, side by side with votelib,
# pyrankvote and pref_voting on the same file in the same run, and `wc -l` as the floor.
# Usage: bash bench/tally.sh [BALLOTS [METHODS]]   e.g. bash bench/tally.sh 1000000 schulze,stv
set -euo pipefail
cd "$(dirname "$0")/.."
ballots=${1:-1000000}
scratch=${COOP_RELEASE_SCRATCH:-.build-release}
swift build -c release --product coop --scratch-path "$scratch" 2>&1 | tail -1
coop="$scratch/release/coop"
python3 -c "import votelib, pyrankvote, pref_voting" 2>/dev/null || python3 -m pip install -q votelib pyrankvote pref_voting
data=${BENCH_DATA:-/tmp/coop-bench}
mkdir -p "$data"
file="$data/ballots-$ballots.csv"
[ -f "$file" ] || python3 bench/gen_ballots.py "$file" "$ballots"
echo "file: $file ($(wc -l < "$file") ballots, $(du -h "$file" | cut -f1))"
python3 bench/run_tally_bench.py "$coop" "$file" ${2:-irv,schulze,stv}
