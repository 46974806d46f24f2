#!/usr/bin/env bash
# Runs every test of Coop: formatting, a warning-free build, the Swift suites on SQLite and again
# on a throwaway PostgreSQL server, API fuzzing with schemathesis, and the browser tests in
# headless Chromium. Installs what is
# missing (gettext, PostgreSQL, Chromium and its driver from Debian; selenium from PyPI) and stops what it
# started. Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/.build/test-output"
mkdir -p "$out"
started=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$1" "$(($(date +%s) - started))"; }

apt_updated=0
need_apt() {  # need_apt COMMAND PACKAGE...
    command -v "$1" >/dev/null 2>&1 && return 0
    [ "$(id -u)" = 0 ] || { echo "missing $1: install ${*:2} (needs root)" >&2; return 1; }
    if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${@:2}" >/dev/null
}

step "format check (swift format lint --strict)"
swift format lint --strict --recursive Sources Tests Package.swift

step "translations (scripts/i18n.py check: template fresh, every language complete, msgfmt -c)"
need_apt msgfmt gettext
python3 scripts/i18n.py check

step "build (debug, with tests)"
swift build --build-tests 2>&1 | tee "$out/build.log" | grep -E "error|warning:|Compiling Coop|Build complete" || true
if grep -E "^/.*(Sources|Tests)/(Coop|coop)[^/]*/.*(warning|error):" "$out/build.log" | grep -v "/.build/" | sort -u | grep .; then
    echo "the build has warnings or errors in Coop's own code (above)" >&2
    exit 1
fi
grep -q "Build complete" "$out/build.log" || { tail -40 "$out/build.log"; exit 1; }

step "Swift tests on SQLite"
(unset DATABASE_URL; swift test --skip-build 2>&1 | tee "$out/swift-sqlite.log" | grep -E "✘|Test run")
grep -q "Test run with .* passed" "$out/swift-sqlite.log"

step "Swift tests on PostgreSQL"
# Debian keeps initdb off the PATH, under /usr/lib/postgresql/VERSION/bin.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt /usr/lib/postgresql/15/bin/initdb postgresql
PGBIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
PGROOT=$(mktemp -d)
PGPORT=${COOP_TEST_PGPORT:-55433}
cleanup() {
    if [ -f "$PGROOT/data/postmaster.pid" ]; then
        su postgres -c "$PGBIN/pg_ctl -D $PGROOT/data -m fast stop" >/dev/null 2>&1 || true
    fi
    rm -rf "$PGROOT"
}
trap cleanup EXIT
chown postgres:postgres "$PGROOT"
chmod 700 "$PGROOT"
su postgres -c "$PGBIN/initdb -D $PGROOT/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
su postgres -c "$PGBIN/pg_ctl -D $PGROOT/data -l $PGROOT/log -w -o '-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT -c fsync=off -c synchronous_commit=off' start" >/dev/null
psql -q -h 127.0.0.1 -p "$PGPORT" -U postgres -c "CREATE ROLE coop LOGIN PASSWORD 'coop'" -c "CREATE DATABASE coop_test OWNER coop"
DATABASE_URL="postgres://coop:coop@127.0.0.1:$PGPORT/coop_test?sslmode=disable" swift test --skip-build 2>&1 \
    | tee "$out/swift-postgres.log" | grep -E "✘|Test run"
grep -q "Test run with .* passed" "$out/swift-postgres.log"

step "two coop serve processes on one PostgreSQL database (scripts/drill-two-processes.sh)"
# As the superuser: the drill makes a scratch database of its own beside the test database.
set +e
DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres" COOP_BIN="$root/.build/debug/coop" \
    bash scripts/drill-two-processes.sh > "$out/drill-two-processes.log" 2>&1
status=$?
set -e
tail -25 "$out/drill-two-processes.log"
[ "$status" = 0 ] || { echo "the two-process drill failed (exit $status)" >&2; exit 1; }
su postgres -c "$PGBIN/pg_ctl -D $PGROOT/data -m fast stop" >/dev/null

step "cross-check of the counts against pref_voting"
python3 -c "import pref_voting" 2>/dev/null || python3 -m pip install -q -r crosscheck/requirements.txt
COOP_BIN="$root/.build/debug/coop" python3 -m pytest -q -s -p no:cacheprovider crosscheck

step "API fuzzing (schemathesis against /openapi.json: anonymous, member, steward)"
COOP_BIN="$root/.build/debug/coop" bash scripts/fuzz-api.sh 45

step "browser tests (pytest + selenium + headless Chromium)"
need_apt chromium chromium chromium-driver
need_apt chromedriver chromium-driver
# The browser tests read the check-in QR code from the screen with zbar, as a phone camera would.
need_apt zbarimg zbar-tools
python3 -c "import selenium, axe_selenium_python, aiosmtpd" 2>/dev/null || python3 -m pip install -q -r e2e/requirements.txt
export COOP_BIN="$root/.build/debug/coop" E2E_OUTPUT="$out/screenshots"
set +e
(cd e2e && python3 -m pytest -q -p no:cacheprovider)
status=$?
set -e
[ "$status" = 0 ] || { echo "browser tests failed (pytest exit $status)" >&2; exit 1; }

step "all tests passed; screenshots in $out/screenshots"
