#!/usr/bin/env bash
# Benchmark: the dispatcher ranks 100,000 eligible workers for one job (target: <= 10 ms), with the
# same CoopCore code the server uses, in a release build. Prints the best and median of 21 runs.
# Usage: bash bench/dispatch.sh [WORKERS]
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${COOP_RELEASE_SCRATCH:-.build-release}
swift build -c release --product coop-bench --scratch-path "$scratch" 2>&1 | tail -1
"$scratch/release/coop-bench" dispatch --workers "${1:-100000}" --runs 21
