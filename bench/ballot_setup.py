"""Prepares a running `coop serve --demo --clock-file F` for the ballot benchmark: VOTERS new
members (signed up, applied to the user class, paid, confirmed by a steward), PROPOSALS general
proposals, then moves the clock past their discussion so voting opens. Writes the voters' API
tokens, one a line, to TOKENS."""

import json
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

base, clock_file, tokens_path = sys.argv[1], sys.argv[2], sys.argv[3]
voters, proposals = int(sys.argv[4]), int(sys.argv[5])


def call(method, path, body=None, token=None, address=None):
    req = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    req.add_header("Content-Type", "application/json")
    if address:
        # Through the trusted proxy (coop serve --trusted-proxy 127.0.0.1/32): sign-ups are limited per address.
        req.add_header("X-Forwarded-For", address)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=60) as r:
        text = r.read()
        return json.loads(text) if text else None


def token(email, password):
    return call("POST", "/api/v1/tokens", {"email": email, "password": password, "label": "bench"})["token"]


def member(i):
    email, password = f"voter{i}@bench.coop", "bench-password-1"
    call("POST", "/api/v1/users", {"name": f"Voter {i}", "email": email, "password": password}, address=f"10.88.{i // 250}.{i % 250 + 1}")
    t = token(email, password)
    call("POST", "/api/v1/membership", {"class": "user"}, t)
    call("POST", "/api/v1/membership/payment", {"method": "cash"}, t)
    return t


with ThreadPoolExecutor(8) as pool:
    tokens = list(pool.map(member, range(voters)))
steward = token("sam@demo.coop", "coop-demo-pass")
for row in call("GET", "/api/v1/steward/queue", token=steward):
    if row.get("paymentID"):
        call("POST", f"/api/v1/payments/{row['paymentID']}/confirm", token=steward)
first = None
for i in range(proposals):
    p = call("POST", "/api/v1/proposals", {"kind": "general", "title": f"Bench decision {i}", "options": "Option A\nOption B"}, steward)
    first = first or p["number"]
with open(clock_file, "w") as f:
    f.write(str(8 * 86400))  # past the 7-day discussion: the scheduler opens them
deadline = time.time() + 120
while time.time() < deadline:
    open_now = [p for p in call("GET", "/api/v1/proposals") if p["title"].startswith("Bench") and p["status"] == "voting"]
    if len(open_now) == proposals:
        break
    time.sleep(1)
else:
    sys.exit("the proposals did not open")
with open(tokens_path, "w") as f:
    f.write("\n".join(tokens) + "\n")
print(json.dumps({"first_proposal": first, "proposals": proposals, "voters": voters}))
