#!/usr/bin/env bash
# Fuzzes the JSON API of a demo co-op with schemathesis, against /openapi.json: anonymously, then
# with a member's and a steward's bearer token. Checks: no 5xx, every response matches its
# documented schema, and the document itself is valid (an undefined path parameter is an error).
# Usage: bash scripts/fuzz-api.sh [SECONDS_PER_IDENTITY]   (COOP_BIN: the server, default the debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
bin=${COOP_BIN:-.build/debug/coop}
python3 -c "import schemathesis" 2>/dev/null || python3 -m pip install -q -r scripts/fuzz-requirements.txt
work=$(mktemp -d)
port=${COOP_FUZZ_PORT:-18231}
LOG_LEVEL=warning "$bin" serve --demo --data-dir "$work/data" --port "$port" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 150); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$work/server.log"; echo "the demo server did not start" >&2; exit 1; }
token() {
    curl -sf -X POST "http://127.0.0.1:$port/api/v1/tokens" -H 'content-type: application/json' \
        -d "{\"email\":\"$1\",\"password\":\"coop-demo-pass\",\"label\":\"fuzz\"}" \
        | python3 -c "import json,sys; print(json.load(sys.stdin)['token'])"
}
member=$(token ana@demo.coop)
steward=$(token sam@demo.coop)
status=0
for who in anonymous member steward; do
    auth=()
    [ "$who" = member ] && auth=(-H "Authorization: Bearer $member")
    [ "$who" = steward ] && auth=(-H "Authorization: Bearer $steward")
    echo "== schemathesis as $who (${seconds}s)"
    # One worker: schemathesis's coverage phase trips a CPython AST race with several threads.
    if ! schemathesis run "http://127.0.0.1:$port/openapi.json" "${auth[@]}" \
        --checks not_a_server_error,response_schema_conformance --phases examples,coverage,fuzzing \
        --max-time "$seconds" --workers 1 --warnings off --no-color > "$work/fuzz-$who.log" 2>&1; then
        sed -n '/FAILURES\|ERRORS/,$p' "$work/fuzz-$who.log" | head -120
        status=1
    fi
    grep -E "generated|passed|failed" "$work/fuzz-$who.log" | tail -3
done
if grep -qiE "panic|fatal error|crashed" "$work/server.log"; then
    echo "the server logged a crash:" >&2
    grep -iE -B2 -A10 "panic|fatal error|crashed" "$work/server.log" | head -40 >&2
    status=1
fi
kill -0 $server 2>/dev/null || { echo "the server stopped during fuzzing" >&2; status=1; }
exit $status
