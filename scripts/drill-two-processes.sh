#!/usr/bin/env bash
# Drill: two `coop serve` processes on one PostgreSQL database, the load spread over both.
#   1. Process A founds the demo co-op; 32 members (two Bcrypt hashes each are most of the drill's
#      time) and 72 votes (60 open approval, 12 secret budget) are made through A and opened;
#      process B then starts on the same database.
#   2. 64 clients at once (two per member, each with its own half of the member's votes), each
#      request to the other process in turn: a race for the demo's last jars of Plum jam (stock 12,
#      8 sold in the demo's year), then ballots, service orders, orders of a good of 60 items until
#      sold out, and test payments, for DRILL_LOAD_SECONDS. Every answer is read.
#   3. Checks: every 2xx ballot, order and payment stored exactly once and stored == acknowledged;
#      nothing half-written (see scripts/drill_load.py check); Plum jam's orders not cancelled hold
#      at most 12 items and no stock went below zero; a listing created through each process is
#      found by search in the other within 0.5 s (the refresh interval is 250 ms); after the
#      clock moves past the voting period (and the timelock), every vote closes and every passed
#      proposal is enacted, each step exactly once in the audit log, with both schedulers running;
#      16 votes drafted through both processes and opened with both schedulers running are still
#      open a scheduler round later; `coop audit verify` passes.
# Usage: bash scripts/drill-two-processes.sh
# DATABASE_URL: optional. If set, a scratch database is created beside it (its role needs CREATEDB)
# and dropped after; if that is refused, the database it names is used only if it is empty. If not
# set, a throwaway PostgreSQL server is started on DRILL_PGPORT (55461) and removed after.
# COOP_BIN (default: the release build if present, else the debug one), DRILL_PORT_A (18471),
# DRILL_PORT_B (18472), DRILL_LOAD_SECONDS (5). Exits 1 on any failed check.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
# The server's lines in English, whatever the locale: the greps below know them.
export LC_ALL=C
bin=${COOP_BIN:-}
if [ -z "$bin" ]; then
    if [ -x .build-release/release/coop ]; then bin=.build-release/release/coop; else bin=.build/debug/coop; fi
fi
[ -x "$bin" ] || { echo "drill: no coop binary at $bin (build it, or set COOP_BIN)" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
port_a=${DRILL_PORT_A:-18471}
port_b=${DRILL_PORT_B:-18472}
pgport=${DRILL_PGPORT:-55461}
load_seconds=${DRILL_LOAD_SECONDS:-5}
url_a="http://127.0.0.1:$port_a"
url_b="http://127.0.0.1:$port_b"
drill="python3 scripts/drill_load.py"
say() { printf 'drill-two-processes: %s\n' "$*"; }
fail() {
    printf 'FAIL drill-two-processes: %s\n' "$*" >&2
    local log lines
    for log in "${work:-/nonexistent}"/server-*.log; do
        [ -f "$log" ] || continue
        lines=$(grep -vE "^  [a-z]+@demo\.coop |^Founded the demo|is served at" "$log" | tail -10 || true)
        [ -z "$lines" ] || printf 'last lines of %s:\n%s\n' "$(basename "$log")" "$lines" >&2
    done
    exit 1
}

work=$(mktemp -d /tmp/coop-drill-two.XXXXXX)
chmod 755 "$work"
server_a=""
server_b=""
pgbin=""
scratch_admin=""
scratch_db=""
stop_server() {
    local pid=$1
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
}
cleanup() {
    set +e
    stop_server "$server_a"
    stop_server "$server_b"
    if [ -n "$scratch_db" ]; then
        psql -q -X "$scratch_admin" -c "DROP DATABASE IF EXISTS $scratch_db" >/dev/null 2>&1 \
            || echo "drill-two-processes: could not drop the scratch database $scratch_db" >&2
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

command -v psql >/dev/null || fail "psql is missing (apt-get install postgresql-client)"
for u in "$url_a" "$url_b"; do
    if curl -s -o /dev/null "$u/healthz"; then fail "${u##*:} is in use (set DRILL_PORT_A / DRILL_PORT_B)"; fi
done

if [ -n "${DATABASE_URL:-}" ]; then
    name="coop_drill_$$"
    scratch_url=$(python3 -c 'import sys, urllib.parse as p; u = p.urlsplit(sys.argv[1]); print(p.urlunsplit(u._replace(path="/" + sys.argv[2])))' \
        "$DATABASE_URL" "$name")
    if psql -q -X "$DATABASE_URL" -c "CREATE DATABASE $name" >/dev/null 2>&1; then
        scratch_admin=$DATABASE_URL
        scratch_db=$name
        export DATABASE_URL=$scratch_url
        say "scratch database $name beside the one DATABASE_URL names"
    else
        tables=$(psql -X -At "$DATABASE_URL" -c "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE schemaname = 'public'") \
            || fail "cannot connect to DATABASE_URL"
        [ "$tables" = 0 ] || fail "DATABASE_URL names a database with $tables tables and its role may not CREATE DATABASE; give an empty database"
        say "using the empty database DATABASE_URL names (it keeps the drill's co-op)"
    fi
else
    pgbin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)")
    [ -x "$pgbin/initdb" ] || fail "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql), or set DATABASE_URL"
    mkdir -p "$work/pg"
    pgstart="$pgbin/initdb -D $work/pg/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null && \
        $pgbin/pg_ctl -D $work/pg/data -l $work/pg/log -w -o '-c listen_addresses=127.0.0.1 -p $pgport -k $work/pg -c fsync=off' start >/dev/null"
    if [ "$(id -u)" = 0 ]; then
        chown postgres:postgres "$work/pg"
        su postgres -c "$pgstart" || fail "could not start PostgreSQL on port $pgport (set DRILL_PGPORT)"
    else
        bash -c "$pgstart" || fail "could not start PostgreSQL on port $pgport (set DRILL_PGPORT)"
    fi
    psql -q -X -h 127.0.0.1 -p "$pgport" -U postgres -c "CREATE ROLE coop LOGIN PASSWORD 'coop'" \
        -c "CREATE DATABASE coop_drill OWNER coop" >/dev/null
    export DATABASE_URL="postgres://coop:coop@127.0.0.1:$pgport/coop_drill?sslmode=disable"
    say "throwaway PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on port $pgport"
fi
db=$DATABASE_URL

start_server() { # start_server NAME PORT: sets server_NAME
    local name=$1 port=$2 pid
    LOG_LEVEL=warning "$bin" serve --demo --port "$port" --data-dir "$work/data-$name" --clock-file "$work/clock" \
        --trusted-proxy 127.0.0.1/32 >>"$work/server-$name.log" 2>&1 &
    pid=$!
    printf -v "server_$name" '%s' "$pid"
    local t0=$SECONDS
    for _ in $(seq 1200); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && { say "process $name up on :$port (pid $pid) in $((SECONDS - t0)) s"; return 0; }
        kill -0 "$pid" 2>/dev/null || fail "process $name exited at start"
        sleep 0.1
    done
    fail "process $name did not answer /healthz within 120 s"
}

echo 0 >"$work/clock"
say "binary $bin"
start_server a "$port_a"
# The drill's votes are drafted and opened through A alone, and B starts once they are open, so that
# a fault in opening cannot hide the load's figures. Opening with both schedulers running is probed
# on its own at the end (probe-open): it once found that a vote one scheduler opened, the other
# closed at once (fixed: a step is taken only while it is still due).
$drill setup --urls "$url_a" --clock "$work/clock" --db "$db" --out "$work/setup.json" --voters 32 --general 60 --budget 12 \
    || fail "setup failed"
start_server b "$port_b"
failed=0
$drill load --urls "$url_a,$url_b" --setup "$work/setup.json" --out "$work/acks.json" --seconds "$load_seconds" --clients 64 \
    || failed=1
$drill check --db "$db" --setup "$work/setup.json" --acks "$work/acks.json" --exact || failed=1
$drill search --urls "$url_a,$url_b" --setup "$work/setup.json" --limit 0.5 || failed=1
# Voting closes at 8 + 7 days; the budgets' timelock is 48 hours. Both schedulers run.
$drill advance --db "$db" --clock "$work/clock" --setup "$work/setup.json" --close-to $((18 * 86400)) --enact-to $((21 * 86400)) \
    --timeout 30 || failed=1
$drill once --db "$db" || failed=1
# Votes drafted through both processes at 21 days open at 28; their voting runs to 35.
$drill probe-open --urls "$url_a,$url_b" --clock "$work/clock" --db "$db" --setup "$work/setup.json" --to $((29 * 86400)) \
    --count 16 || failed=1
for name in a b; do
    pid_var="server_$name"
    kill -0 "${!pid_var}" 2>/dev/null || { say "process $name is no longer running"; failed=1; }
done
if out=$("$bin" audit verify 2>&1); then say "coop audit verify: $out"; else say "coop audit verify FAILED: $out"; failed=1; fi
errors=$(cat "$work"/server-*.log | grep -ciE "error|fatal" || true)
say "server logs: $errors error line(s)"
[ "$errors" = 0 ] || cat "$work"/server-*.log | grep -iE "error|fatal" | sort | uniq -c | sort -rn | head -5
[ "$failed" = 0 ] || fail "some checks failed (above)"
say "all checks passed in $((SECONDS - started)) s"
