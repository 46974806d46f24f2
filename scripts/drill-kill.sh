#!/usr/bin/env bash
# Crash drill: kill -9 under load, start again, and check that nothing acknowledged was lost and
# nothing is half-written.
#   1. `coop serve --demo` on fresh data (a SQLite data directory, or a fresh database on a throwaway
#      PostgreSQL server); 64 members and 184 open votes (160 open approval, 24 secret budget).
#   2. 64 clients at once cast ballots, place orders (the demo's Plum jam, a good of 60 items,
#      services) and pay some with the test gateway; every 2xx answer is recorded.
#   3. After DRILL_LOAD_SECONDS (4) of load, kill -9 the server; start it again on the same data.
#   4. Checks: every acknowledged ballot is stored (secret ones by the SHA-256 of their receipt
#      code) and every acknowledged order and payment exists; votes marked = ballots = ballot.cast
#      entries; one order.place entry per order; postings sum to zero per transaction; one
#      ledger.posted entry per transaction; stock + sold = stock at the start, never below zero;
#      `coop audit verify` passes; then the clock moves past the voting period and every open vote
#      closes within 30 s (and the passed ones are enacted after their timelock), each step once.
# Usage: bash scripts/drill-kill.sh sqlite|postgres
# COOP_BIN (default: the release build if present, else the debug one), DRILL_PORT (18461),
# DRILL_PGPORT (55460), DRILL_LOAD_SECONDS (4). Exits 1 on any failed check.
set -euo pipefail
cd "$(dirname "$0")/.."
backend=${1:-}
case "$backend" in
    sqlite | postgres) ;;
    *) echo "usage: bash scripts/drill-kill.sh sqlite|postgres" >&2; exit 2 ;;
esac
# The server's lines in English, whatever the locale: the greps below know them.
export LC_ALL=C
bin=${COOP_BIN:-}
if [ -z "$bin" ]; then
    if [ -x .build-release/release/coop ]; then bin=.build-release/release/coop; else bin=.build/debug/coop; fi
fi
[ -x "$bin" ] || { echo "drill: no coop binary at $bin (build it, or set COOP_BIN)" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
port=${DRILL_PORT:-18461}
pgport=${DRILL_PGPORT:-55460}
load_seconds=${DRILL_LOAD_SECONDS:-4}
url="http://127.0.0.1:$port"
drill="python3 scripts/drill_load.py"
say() { printf 'drill-kill (%s): %s\n' "$backend" "$*"; }
fail() {
    printf 'FAIL drill-kill (%s): %s\n' "$backend" "$*" >&2
    local lines=""
    if [ -f "${work:-/nonexistent}/server.log" ]; then
        lines=$(grep -vE "^  [a-z]+@demo\.coop |^Founded the demo|is served at|^--- start" "$work/server.log" | tail -15 || true)
    fi
    [ -z "$lines" ] || printf 'last lines of the server log:\n%s\n' "$lines" >&2
    exit 1
}

work=$(mktemp -d /tmp/coop-drill-kill.XXXXXX)
chmod 755 "$work"
server=""
loader=""
pgbin=""
cleanup() {
    set +e
    [ -n "$loader" ] && kill "$loader" 2>/dev/null
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
        kill "$server" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$server" 2>/dev/null
    fi
    if [ -n "$pgbin" ] && [ -f "$work/pg/data/postmaster.pid" ]; then
        if [ "$(id -u)" = 0 ]; then
            su postgres -c "$pgbin/pg_ctl -D $work/pg/data -m immediate stop" >/dev/null 2>&1
        else
            "$pgbin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1
        fi
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if curl -s -o /dev/null "$url/healthz"; then fail "port $port is in use (set DRILL_PORT)"; fi
if [ "$backend" = sqlite ]; then
    command -v sqlite3 >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null; }
    db="sqlite:$work/data/coop.sqlite"
    unset DATABASE_URL
else
    command -v psql >/dev/null || fail "psql is missing (apt-get install postgresql-client)"
    pgbin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)")
    [ -x "$pgbin/initdb" ] || fail "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin"
    mkdir -p "$work/pg"
    pgstart="$pgbin/initdb -D $work/pg/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null && \
        $pgbin/pg_ctl -D $work/pg/data -l $work/pg/log -w -o '-c listen_addresses=127.0.0.1 -p $pgport -k $work/pg -c fsync=off' start >/dev/null"
    if [ "$(id -u)" = 0 ]; then
        chown postgres:postgres "$work/pg"
        su postgres -c "$pgstart" || fail "could not start PostgreSQL on port $pgport (set DRILL_PGPORT); see $work/pg/log"
    else
        bash -c "$pgstart" || fail "could not start PostgreSQL on port $pgport (set DRILL_PGPORT)"
    fi
    psql -q -X -h 127.0.0.1 -p "$pgport" -U postgres -c "CREATE ROLE coop LOGIN PASSWORD 'coop'" -c "CREATE DATABASE coop_drill OWNER coop" >/dev/null
    export DATABASE_URL="postgres://coop:coop@127.0.0.1:$pgport/coop_drill?sslmode=disable"
    db="postgres://coop:coop@127.0.0.1:$pgport/coop_drill?sslmode=disable"
    say "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on port $pgport, database coop_drill"
fi

start_server() {
    echo "--- start $(date +%T)" >>"$work/server.log"
    LOG_LEVEL=warning "$bin" serve --demo --data-dir "$work/data" --port "$port" --clock-file "$work/clock" \
        --trusted-proxy 127.0.0.1/32 >>"$work/server.log" 2>&1 &
    server=$!
    local t0=$SECONDS
    for _ in $(seq 1200); do
        curl -sf -o /dev/null "$url/healthz" && { say "server up (pid $server) in $((SECONDS - t0)) s"; return 0; }
        kill -0 "$server" 2>/dev/null || { tail -20 "$work/server.log" >&2; fail "the server exited at start"; }
        sleep 0.1
    done
    fail "the server did not answer /healthz within 120 s"
}

echo 0 >"$work/clock"
say "binary $bin"
start_server
$drill setup --urls "$url" --clock "$work/clock" --db "$db" --out "$work/setup.json" --voters 64 --general 160 --budget 24 \
    || fail "setup failed"

$drill load --urls "$url" --setup "$work/setup.json" --out "$work/acks.json" --seconds 120 --until-down &
loader=$!
sleep "$load_seconds"
kill -9 "$server"
wait "$server" 2>/dev/null || true
say "killed the server (kill -9, pid $server) after ${load_seconds} s of load"
server=""
status=0
wait "$loader" || status=$?
loader=""
[ "$status" = 0 ] || fail "the load saw unexpected answers before the kill (above)"

start_server
failed=0
$drill check --db "$db" --setup "$work/setup.json" --acks "$work/acks.json" || failed=1
if [ "$backend" = sqlite ]; then
    integrity=$(sqlite3 "file:$work/data/coop.sqlite?mode=ro" "PRAGMA integrity_check" 2>&1 || true)
    say "SQLite integrity_check: $integrity"
    [ "$integrity" = ok ] || failed=1
    verify=("$bin" audit verify --data-dir "$work/data")
else
    verify=("$bin" audit verify)
fi
if out=$("${verify[@]}" 2>&1); then say "coop audit verify after the restart: $out"; else say "coop audit verify after the restart FAILED: $out"; failed=1; fi

# The scheduler picks up where it was: voting closes at 8 + 7 days, the budgets' timelock is 48 hours.
$drill advance --db "$db" --clock "$work/clock" --setup "$work/setup.json" --close-to $((18 * 86400)) --enact-to $((21 * 86400)) \
    --timeout 30 || failed=1
$drill once --db "$db" || failed=1
if out=$("${verify[@]}" 2>&1); then say "coop audit verify after the counts: $out"; else say "coop audit verify after the counts FAILED: $out"; failed=1; fi
if grep -qiE "fatal|panic|crash" "$work/server.log"; then
    say "server log has errors:"; grep -iE "fatal|panic|crash" "$work/server.log" | head -5
fi
[ "$failed" = 0 ] || fail "some checks failed (above); server log: $(grep -c . "$work/server.log") lines"
say "all checks passed"
